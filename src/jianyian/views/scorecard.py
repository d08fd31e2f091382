"""考核: how each unit performs at the as-of day. Pure: no clock, no disk.

Per unit:

* **owed**: its deliverables whose deadline (rolled over) has come by as-of, each either
  on time, late (with its days), overdue (with its days) or unreadable (文件有错误). One due
  on the as-of day itself that has not arrived yet is not owed until that day is over
  (it is not late yet), so it is left out rather than counted against the unit.
* **on-time rate** = on time ÷ owed (none when nothing is owed).
* **its indicators' lights**: every indicator it reports (a ``single`` indicator: its
  authoritative reporter; a ``sum``: every reporter, the total's light, or 未报送 for a
  silent reporter; a total whose other reporters are silent cannot be judged for the unit
  and is left out; a total made of parts counts through its parts).
* **信息**: the monthly 信息 it sent by as-of, and how many were owed.
* **its actions** (事项 it leads): how many, done by their due date
  (:func:`~jianyian.engine.done_on_time`), done late, and 逾期 (the engine's states, as
  ``status --json``).
* **督办**: the office's 督办 items it leads, answered on time (by the rolled-over
  reply-by date of the round), answered late, and overdue unanswered (as ``duban list``).

Sorted worst first, as the header says: most overdue, then most unreadable, then the
lowest on-time rate, then the most days overdue, then the most days late, then red,
未报送 and yellow indicators, then plan order.

The briefing's 报送情况 paragraph could be written from these rows (see the README).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..engine import LIGHT_ORDER, Progress, done_on_time, duban_by_unit
from ..fmt import num
from ..models import Plan
from .duban import duban_score
from .ledger import Column

__all__ = [
    "SCORECARD_COLUMNS",
    "SCORECARD_JSON_VERSION",
    "SCORECARD_SHEET",
    "ScoreRow",
    "Scorecard",
    "build_scorecard",
    "scorecard_json",
]

#: 1: the first shape (README "jianyian scorecard").
SCORECARD_JSON_VERSION = 1
SCORECARD_SHEET = "考核"
_RECEIVED = ("on_time", "late")


@dataclass(frozen=True)
class ScoreRow:
    """One unit's line of the scorecard."""

    unit: str
    name: str
    short: str  # the short name (the full name without one)
    owed: int
    on_time: int
    late: int
    late_days: int  # total days late over its late deliverables
    overdue: int
    overdue_days: int  # total days overdue over its overdue deliverables
    invalid: int
    on_time_rate: float | None
    #: its indicators' lights: light → count (every light of LIGHT_ORDER, zeros included)
    lights: tuple[tuple[str, int], ...]
    info_sent: int
    info_owed: int
    #: actions it leads: all, done by their due date, done after it, and 逾期
    actions: int = 0
    actions_on_time: int = 0
    actions_late: int = 0
    actions_overdue: int = 0
    #: 督办 items it leads, and how this round of each was answered (engine.duban_by_unit)
    duban_items: int = 0
    duban_on_time: int = 0
    duban_late: int = 0
    duban_overdue: int = 0

    @property
    def red(self) -> int:
        """Red indicators."""
        return dict(self.lights)["red"]

    @property
    def yellow(self) -> int:
        """Yellow indicators."""
        return dict(self.lights)["yellow"]

    @property
    def missing(self) -> int:
        """未报送 indicators."""
        return dict(self.lights)["missing"]

    @property
    def green(self) -> int:
        """Green indicators."""
        return dict(self.lights)["green"]

    @property
    def done(self) -> int:
        """已完成 indicators."""
        return dict(self.lights)["done"]

    @property
    def indicators(self) -> int:
        """Indicators judged for the unit (grey, not yet due, included)."""
        return sum(n for _light, n in self.lights)


@dataclass(frozen=True)
class Scorecard:
    """Every unit's row, worst first, at ``as_of``."""

    as_of: date
    plan_id: str
    plan_title: str
    rows: tuple[ScoreRow, ...]


def build_scorecard(plan: Plan, progress: Progress) -> Scorecard:
    """The scorecard at ``progress.as_of``: one row per unit that owes or reports anything."""
    as_of = progress.as_of
    monthly = plan.monthly_deliverable.id if plan.monthly_deliverable else None
    per_unit: dict[str, list[Any]] = {}
    info: dict[str, list[int]] = {}
    for d in progress.deliverables:
        per_unit.setdefault(d.unit, [])
        if d.due > as_of or (d.state == "not_due"):
            continue  # its deadline has not come (or is today and it is not in yet)
        per_unit[d.unit].append(d)
        if d.deliverable == monthly:
            counts = info.setdefault(d.unit, [0, 0])
            counts[0] += d.state in _RECEIVED
            counts[1] += 1
    lights: dict[str, dict[str, int]] = {}
    for p in progress.indicators:
        ind = plan.indicator_by_id.get(p.id)
        if ind is None or not p.reporters:
            continue
        if ind.combine != "sum":
            judged = [(p.reporters[0], p.light)]
        else:
            judged = [
                (u, "missing" if u in p.missing else p.light)
                for u in p.reporters
                if u in p.missing or p.light != "missing"
            ]
        for unit, light in judged:
            lights.setdefault(unit, dict.fromkeys(LIGHT_ORDER, 0))[light] += 1
    led: dict[str, list[bool | None]] = {}
    overdue_actions: dict[str, int] = {}
    for a in progress.actions:
        for unit_id in a.lead:
            led.setdefault(unit_id, []).append(done_on_time(a))
            overdue_actions[unit_id] = overdue_actions.get(unit_id, 0) + (a.state == "逾期")
    duban = duban_by_unit(plan, progress.duban)
    rows = []
    for unit in plan.units:
        if not any(unit.id in seen for seen in (per_unit, lights, led, duban)):
            continue
        items = per_unit.get(unit.id, [])
        owed = len(items)
        on_time = sum(d.state == "on_time" for d in items)
        counted = lights.get(unit.id, dict.fromkeys(LIGHT_ORDER, 0))
        sent, info_owed = info.get(unit.id, [0, 0])
        rows.append(
            ScoreRow(
                unit=unit.id,
                name=unit.name,
                short=unit.short or unit.name,
                owed=owed,
                on_time=on_time,
                late=sum(d.state == "late" for d in items),
                late_days=sum(d.days for d in items if d.state == "late"),
                overdue=sum(d.state == "overdue" for d in items),
                overdue_days=sum(d.days for d in items if d.state == "overdue"),
                invalid=sum(d.state == "invalid" for d in items),
                on_time_rate=on_time / owed if owed else None,
                lights=tuple((light, counted[light]) for light in LIGHT_ORDER),
                info_sent=sent,
                info_owed=info_owed,
                actions=len(led.get(unit.id, [])),
                actions_on_time=sum(x is True for x in led.get(unit.id, [])),
                actions_late=sum(x is False for x in led.get(unit.id, [])),
                actions_overdue=overdue_actions.get(unit.id, 0),
                **duban_score(duban.get(unit.id)),
            )
        )
    position = {u.id: n for n, u in enumerate(plan.units)}
    rows.sort(
        key=lambda r: (
            -r.overdue,
            -r.invalid,
            r.on_time_rate if r.on_time_rate is not None else 2.0,
            -r.overdue_days,
            -r.late_days,
            -r.red,
            -r.missing,
            -r.yellow,
            -r.actions_overdue,
            position[r.unit],
        )
    )
    return Scorecard(as_of, plan.plan.id, plan.plan.title, tuple(rows))


def scorecard_json(card: Scorecard) -> dict[str, Any]:
    """``scorecard --json``: ``{"version": 1, "as_of", "plan", "units": [...]}`` (README)."""
    return {
        "version": SCORECARD_JSON_VERSION,
        "as_of": card.as_of.isoformat(),
        "plan": {"id": card.plan_id, "title": card.plan_title},
        "units": [
            {
                "unit": r.unit,
                "name": r.name,
                "owed": r.owed,
                "on_time": r.on_time,
                "late": r.late,
                "late_days": r.late_days,
                "overdue": r.overdue,
                "overdue_days": r.overdue_days,
                "invalid": r.invalid,
                "on_time_rate": num(r.on_time_rate),
                "lights": dict(r.lights),
                "info_sent": r.info_sent,
                "info_owed": r.info_owed,
                "actions": r.actions,
                "actions_on_time": r.actions_on_time,
                "actions_late": r.actions_late,
                "actions_overdue": r.actions_overdue,
                "duban": {
                    "items": r.duban_items,
                    "on_time": r.duban_on_time,
                    "late": r.duban_late,
                    "overdue": r.duban_overdue,
                },
            }
            for r in card.rows
        ],
    }


#: The columns of the xlsx sheet and the Markdown table.
SCORECARD_COLUMNS: tuple[Column, ...] = (
    Column("单位", "name", "text"),
    Column("单位标识", "unit", "text"),
    Column("应报事项", "owed", "integer"),
    Column("按时", "on_time", "integer"),
    Column("迟报", "late", "integer"),
    Column("迟报天数合计", "late_days", "integer"),
    Column("逾期未报", "overdue", "integer"),
    Column("逾期天数合计", "overdue_days", "integer"),
    Column("文件有错误", "invalid", "integer"),
    Column("按时率", "on_time_rate", "percent"),
    Column("红灯指标", "red", "integer"),
    Column("未报送指标", "missing", "integer"),
    Column("黄灯指标", "yellow", "integer"),
    Column("绿灯指标", "green", "integer"),
    Column("已完成指标", "done", "integer"),
    Column("已报信息（篇）", "info_sent", "integer"),
    Column("应报信息（篇）", "info_owed", "integer"),
    Column("牵头事项", "actions", "integer"),
    Column("按期完成事项", "actions_on_time", "integer"),
    Column("超期完成事项", "actions_late", "integer"),
    Column("逾期事项", "actions_overdue", "integer"),
    Column("牵头督办事项", "duban_items", "integer"),
    Column("督办按时反馈", "duban_on_time", "integer"),
    Column("督办逾期反馈", "duban_late", "integer"),
    Column("督办逾期未反馈", "duban_overdue", "integer"),
)
