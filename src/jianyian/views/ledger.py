"""The ledger (台账) for Excel: rows built from the plan, the reports and the progress.

Two tables:

* the ledger: one row per unit × indicator × month, for every unit that reports the
  indicator per the plan and every plan month up to the as-of month. The unit's own
  value is what its report for that month says (1–N月累计; empty without one, or when
  the report had not arrived by as-of); what the indicator's value is made of (the unit
  alone, or N units summed) stands beside it; the indicator's value, completion, 序时进度,
  gap, light and streak are the engine's judgement of *that month's data* (every
  reporter's latest data up to the month, as received by as-of: the same
  ``Progress.history`` that gives ``status`` its lights), combined over all its
  reporters; the as-of month's rows are ``status``'s. A unit's share of the target is
  not given: a ``sum`` indicator has no per-unit targets, so value ÷ target would read
  as a unit falling short. A rate has no 完成率: its gap is in points of the rate.
* deliverables: one row per obligation (monthly information up to the as-of month,
  every one-off deliverable), with its state.
* actions (事项台账): one row per action × plan month up to the as-of month: what its
  lead units said for that month (status and progress, from reports that had arrived
  by as-of), and the state and light the engine gives it at the month's end (the
  as-of day for the as-of month, whose rows are ``status``'s), on data up to that
  month, with the 销号 log of that day.

Rendering is :mod:`jianyian.render.tables` (CSV and xlsx).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..engine import (
    LIGHT_NAMES,
    STATE_NAMES,
    Progress,
    action_progress,
    arrived,
    submission_date,
)
from ..models import ConfirmationLog, LoadedReport, MonthlyReport, Plan
from ..models.months import month_end, month_of

Kind = Literal["text", "number", "percent", "date", "integer"]

UNREADABLE_NOTE = "报送文件有错误，未计入（运行 jianyian validate 查看）"


@dataclass(frozen=True)
class LedgerRow:
    unit: str
    unit_name: str
    indicator: str
    indicator_name: str
    month: str
    #: the unit's cumulative value in its report for this month (None: no value)
    value: float | None
    measure: str
    target: float
    #: what ``total`` is made of: the unit's own value alone, or a sum over N units
    scope: str
    #: the indicator's value on the data up to this month (sum over reporters for ``sum``)
    total: float | None
    #: the month N of the data behind ``total`` (序时进度 is N/12)
    data_month: str | None
    completion: float | None  # None for a rate (told against its target, not as a 完成率)
    expected: float | None
    #: points behind 序时进度 (a rate: below its target), one decimal; negative: ahead
    gap: float | None
    light: str  # done/green/yellow/red/missing/grey
    #: data months in a row judged yellow or red, ending with ``data_month``
    streak: int
    submitted: date | None
    note: str | None


@dataclass(frozen=True)
class DeliverableRow:
    unit: str
    unit_name: str
    deliverable: str
    name: str
    period: str  # YYYY-MM for monthly information, "" for a one-off deliverable
    due: date
    submitted: date | None
    state: str  # on_time/late/overdue/not_due/invalid
    days: int | None  # days late or overdue; 0 on time; None when not due or unreadable
    path: str | None


@dataclass(frozen=True)
class ActionRow:
    action: str
    task: str  # its number, （一）1
    text: str
    lead: str  # the lead units' names
    due: date  # rolled over
    month: str
    #: what the lead units said for this month (None: no word for the month)
    status: str | None
    reported_by: str | None
    progress: str | None
    #: the engine's state and light at the month's end (the as-of day for its month)
    state: str
    light: str
    confirmed: date | None


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    kind: Kind
    #: attribute value → display text (lights and states in Chinese)
    names: Mapping[str, str] | None = None


#: The headers say whose number each is: the unit's own figure in its report for the month,
#: beside the indicator's (all its reporters, on the data up to the month) and what that
#: one is made of, so "本单位 272 beside 指标 230" reads as two different numbers.
LEDGER_COLUMNS: tuple[Column, ...] = (
    Column("单位标识", "unit", "text"),
    Column("单位", "unit_name", "text"),
    Column("指标标识", "indicator", "text"),
    Column("指标", "indicator_name", "text"),
    Column("月份", "month", "text"),
    Column("本单位当月报送值", "value", "number"),
    Column("计量单位", "measure", "text"),
    Column("目标", "target", "number"),
    Column("指标值的构成", "scope", "text"),
    Column("指标值（全部报送单位，截至当月）", "total", "number"),
    Column("指标值的数据月份", "data_month", "text"),
    Column("完成率（指标值÷目标）", "completion", "percent"),
    Column("序时进度（按数据月份）", "expected", "percent"),
    Column("差距（百分点，正数为落后）", "gap", "number"),
    Column("灯（按指标值）", "light", "text", LIGHT_NAMES),
    Column("连续黄灯或红灯（月）", "streak", "integer"),
    Column("本单位报送日期", "submitted", "date"),
    Column("说明", "note", "text"),
)

DELIVERABLE_COLUMNS: tuple[Column, ...] = (
    Column("单位标识", "unit", "text"),
    Column("单位", "unit_name", "text"),
    Column("报送事项", "name", "text"),
    Column("期间", "period", "text"),
    Column("截止日期", "due", "date"),
    Column("报送日期", "submitted", "date"),
    Column("状态", "state", "text", STATE_NAMES),
    Column("迟报／逾期天数", "days", "integer"),
    Column("文件", "path", "text"),
)

ACTION_COLUMNS: tuple[Column, ...] = (
    Column("事项标识", "action", "text"),
    Column("任务", "task", "text"),
    Column("事项", "text", "text"),
    Column("牵头单位", "lead", "text"),
    Column("完成时限", "due", "date"),
    Column("月份", "month", "text"),
    Column("当月报送状态", "status", "text"),
    Column("报送单位", "reported_by", "text"),
    Column("当月进展情况", "progress", "text"),
    Column("状态（截至当月末）", "state", "text"),
    Column("灯", "light", "text", LIGHT_NAMES),
    Column("销号日期", "confirmed", "date"),
)

LEDGER_SHEET = "台账"
DELIVERABLES_SHEET = "报送情况"
ACTIONS_SHEET = "事项台账"


@dataclass(frozen=True)
class Ledger:
    as_of: date
    rows: tuple[LedgerRow, ...]
    deliverables: tuple[DeliverableRow, ...]
    actions: tuple[ActionRow, ...] = ()


# ---------------------------------------------------------------- building


def build_ledger(
    plan: Plan,
    reports: Sequence[LoadedReport],
    progress: Progress,
    unreadable: Mapping[tuple[str, str], str] | None = None,
    submitted: Mapping[str, date] | None = None,
    confirmations: ConfirmationLog | None = None,
) -> Ledger:
    """The two tables at ``progress.as_of``.

    ``unreadable`` is the loader's (unit, period) → path of report files it could not
    read (their rows say so in 说明). A row's 报送日期 is the one ``progress`` judged the
    monthly information by; a unit that owes no monthly information falls back to the
    report's ``submitted:`` and then to ``submitted`` (path → date, as given to the engine).
    """
    unreadable = unreadable or {}
    submitted = submitted or {}
    as_of = progress.as_of
    snapshots = {m: s for m, s in progress.history.items() if m in plan.months}
    monthly_ids = {plan.monthly_deliverable.id} if plan.monthly_deliverable else set()
    judged = {
        (d.unit, d.period): d.submitted
        for d in progress.deliverables
        if d.deliverable in monthly_ids and d.submitted is not None
    }
    files: dict[tuple[str, str], LoadedReport] = {}
    # Only what had arrived by as-of is in the ledger of that day.
    for r in sorted(arrived(reports, submitted, as_of), key=lambda r: r.path):
        if isinstance(r.report, MonthlyReport):
            files.setdefault((r.unit, r.report.month), r)

    rows: list[LedgerRow] = []
    for unit in plan.units:
        for ind_id in plan.indicators_of_unit.get(unit.id, []):
            ind = plan.indicator_by_id[ind_id]
            count = len(plan.reporters[ind_id])
            scope = f"{count}个单位合计" if ind.combine == "sum" and count > 1 else "本单位单独报送"
            for month, snapshot in snapshots.items():
                p = snapshot[ind_id]
                r = files.get((unit.id, month))
                value = note = when = None
                if r is not None:
                    report = r.report
                    assert isinstance(report, MonthlyReport)
                    entry = report.indicators.get(ind_id)
                    if entry is not None:
                        value, note = entry.value, entry.note
                    when = judged.get((unit.id, month)) or submission_date(r, submitted, as_of)
                elif (unit.id, month) in unreadable:
                    note = UNREADABLE_NOTE
                rows.append(
                    LedgerRow(
                        unit=unit.id,
                        unit_name=unit.name,
                        indicator=ind_id,
                        indicator_name=ind.name,
                        month=month,
                        value=value,
                        measure=ind.measure,
                        target=ind.target,
                        scope=scope,
                        total=p.value,
                        data_month=p.data_month,
                        completion=None if p.kind == "rate" else p.completion,
                        expected=p.expected,
                        gap=None if p.gap is None else round(p.gap, 1),
                        light=p.light,
                        streak=p.streak,
                        submitted=when,
                        note=note,
                    )
                )
    return Ledger(
        as_of,
        tuple(rows),
        tuple(_deliverable_rows(plan, progress)),
        tuple(_action_rows(plan, reports, submitted, as_of, confirmations)),
    )


def _action_rows(
    plan: Plan,
    reports: Sequence[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    confirmations: ConfirmationLog | None,
) -> list[ActionRow]:
    """Action × month: the month's word (as received by as-of) and the month-end state."""
    upto = month_of(as_of)
    months = [m for m in plan.months if m <= upto]
    cells: dict[tuple[str, str], ActionRow] = {}
    for month in months:
        said = action_progress(plan, list(reports), submitted, as_of, month, confirmations)
        day = min(month_end(month), as_of)
        stood = action_progress(plan, list(reports), submitted, day, month, confirmations)
        for word, a in zip(said, stood, strict=True):
            of_month = word.reported_month == month
            cells[(a.id, month)] = ActionRow(
                action=a.id,
                task=plan.task_by_id[a.task].number,
                text="".join(a.text.split()),
                lead="、".join(plan.unit_label(u) for u in a.lead),
                due=a.due,
                month=month,
                status=word.status if of_month else None,
                reported_by=plan.unit_label(word.reported_by)
                if of_month and word.reported_by
                else None,
                progress=word.progress if of_month else None,
                state=a.state,
                light=a.light,
                confirmed=a.confirmed,
            )
    return [cells[(a, m)] for a in plan.action_by_id for m in months if (a, m) in cells]


def _deliverable_rows(plan: Plan, progress: Progress) -> list[DeliverableRow]:
    upto = month_of(progress.as_of)
    monthly_ids = {plan.monthly_deliverable.id} if plan.monthly_deliverable else set()
    unit_order = {u.id: i for i, u in enumerate(plan.units)}
    item_order = {d.id: i for i, d in enumerate(plan.deliverables)}
    # Monthly information after the as-of month is not in the ledger either.
    items = [
        d for d in progress.deliverables if d.deliverable not in monthly_ids or d.period <= upto
    ]
    items.sort(
        key=lambda d: (
            unit_order.get(d.unit, len(unit_order)),
            d.due,
            item_order.get(d.deliverable, 0),
            d.period,
        )
    )
    return [
        DeliverableRow(
            unit=d.unit,
            unit_name=plan.unit_label(d.unit),
            deliverable=d.deliverable,
            name=d.name,
            period=d.period if d.deliverable in monthly_ids else "",
            due=d.due,
            submitted=d.submitted,
            state=d.state,
            days=d.days if d.state in ("on_time", "late", "overdue") else None,
            path=d.path,
        )
        for d in items
    ]


__all__ = [
    "ACTIONS_SHEET",
    "ACTION_COLUMNS",
    "DELIVERABLES_SHEET",
    "DELIVERABLE_COLUMNS",
    "LEDGER_COLUMNS",
    "LEDGER_SHEET",
    "ActionRow",
    "Column",
    "DeliverableRow",
    "Ledger",
    "LedgerRow",
    "build_ledger",
]
