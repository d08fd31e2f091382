"""Progress and deadlines: pure functions of (plan, reports, submission dates, as-of).

No clock and no disk here. The caller (cli.py) supplies ``as_of`` and the
submission date of every report (``submitted:`` in the file, else the date git
first saw it, else today).

Definitions (README documents them for the office):

* value of an indicator as of a date: for each reporting unit, its value in its
  latest report for a month up to the as-of month; ``single`` takes the one
  reporter's, ``sum`` adds the reporters'; a total adds its parts.
* completion = value / target, uncapped.
* expected (序时进度) = elapsed share of the plan period at the as-of date, or, where
  the indicator declares milestones, the latest milestone reached ÷ target.
* gap = (expected − completion) in percentage points; light: done when the target
  is reached; grey when no value and nothing is due yet; red when no value although
  one was due, or gap ≥ red threshold; yellow when gap ≥ yellow threshold; else green.
* task completion = weighted mean of its indicators' completions, each capped at
  100% so one over-achieved indicator cannot hide another; task light = worst light.
* overall completion = mean of the capped completions of all indicators except the
  parts of a total (the five industries count once, through their total).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Literal, NamedTuple

from .models import Indicator, MonthlyReport, Plan
from .schedule import month_due, obligations

if TYPE_CHECKING:
    from .load import LoadedReport

Light = Literal["done", "green", "yellow", "red", "grey"]
State = Literal["on_time", "late", "overdue", "not_due", "invalid"]

#: Severity order for "worst light" (higher is worse).
LIGHT_RANK: dict[str, int] = {"grey": 0, "done": 1, "green": 2, "yellow": 3, "red": 4}
LIGHT_NAMES: dict[str, str] = {
    "done": "已完成",
    "green": "绿灯",
    "yellow": "黄灯",
    "red": "红灯",
    "grey": "未到期",
}
STATE_NAMES: dict[str, str] = {
    "on_time": "按时",
    "late": "迟报",
    "overdue": "逾期未报",
    "not_due": "未到期",
    "invalid": "文件有错误",
}
TASK_STATUS_LIGHT: dict[str, Light] = {"已完成": "done", "推进中": "green", "未启动": "yellow"}


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_end(month: str) -> date:
    """Last day of ``YYYY-MM``."""
    following = month_due(month, 1)  # first day of the next month
    return date.fromordinal(following.toordinal() - 1)


# ---------------------------------------------------------------- results


class IndicatorProgress(NamedTuple):
    id: str
    name: str
    measure: str
    target: float
    value: float | None
    completion: float | None
    expected: float
    gap: float | None  # percentage points behind expected progress (negative: ahead)
    light: Light
    task: str | None
    reporters: tuple[str, ...]
    #: unit → its latest value (what ``value`` was computed from)
    contributions: Mapping[str, float]
    #: reporters with no value at all although one was due
    missing: tuple[str, ...]
    #: month of the newest report behind the value
    latest_month: str | None
    #: consecutive months (ending at the as-of month) in yellow or red
    streak: int = 0
    #: the value comes from a report the loader could not read for some reporter
    partial: bool = False


class TaskProgress(NamedTuple):
    id: str
    number: str
    title: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    completion: float | None
    light: Light
    indicators: tuple[str, ...]
    #: declared status for a task without indicators (未启动／推进中／已完成), else None
    status: str | None = None
    status_note: str | None = None


class Deliverable(NamedTuple):
    """One obligation and how it stands.

    A named tuple rather than a frozen dataclass: a large tree has tens of thousands
    of these, and a tuple is several times cheaper to build.
    """

    unit: str
    deliverable: str
    name: str
    period: str
    due: date
    state: State
    submitted: date | None = None
    days: int = 0  # days late, or days overdue
    path: str | None = None


class UnitStanding(NamedTuple):
    id: str
    name: str
    received: int
    on_time: int
    late: int
    overdue: int
    not_due: int
    max_days_overdue: int


@dataclass(frozen=True)
class Progress:
    """Everything ``status`` and ``brief`` need, computed once."""

    as_of: date
    expected: float
    completion: float | None
    indicators: tuple[IndicatorProgress, ...]
    tasks: tuple[TaskProgress, ...]
    deliverables: tuple[Deliverable, ...]
    units: tuple[UnitStanding, ...]
    #: the latest month whose monthly report was due by as-of (None before the first)
    current_month: str | None
    lights: Mapping[str, int] = field(default_factory=dict)

    def indicator(self, ind_id: str) -> IndicatorProgress:
        return next(i for i in self.indicators if i.id == ind_id)

    @property
    def overdue(self) -> list[Deliverable]:
        return [d for d in self.deliverables if d.state == "overdue"]

    @property
    def late(self) -> list[Deliverable]:
        return [d for d in self.deliverables if d.state == "late"]


# ---------------------------------------------------------------- computing


def expected_progress(plan: Plan, ind: Indicator, as_of: date) -> float:
    """序时进度 at ``as_of`` as a fraction of the target."""
    reached = [m for m in ind.milestones if m.date <= as_of]
    if ind.milestones:
        if not reached:
            return 0.0
        latest = max(reached, key=lambda m: m.date)
        return latest.value / ind.target if ind.target else 1.0
    return expected_progress_plain(plan, as_of)


def _light(
    value: float | None, completion: float | None, gap: float | None, due: bool, plan: Plan
) -> Light:
    thresholds = plan.settings.thresholds
    if completion is not None and completion >= 1:
        return "done"
    if value is None:
        return "red" if due else "grey"
    assert gap is not None
    if gap >= thresholds.red:
        return "red"
    if gap >= thresholds.yellow:
        return "yellow"
    return "green"


Latest = dict[str, dict[str, tuple[str, float]]]


def _apply(latest: Latest, rep: MonthlyReport) -> None:
    """Fold one report into indicator → unit → (month, value), newest month winning."""
    unit, month = rep.unit, rep.month
    for key, entry in rep.indicators.items():
        by_unit = latest.get(key)
        if by_unit is None:
            by_unit = latest[key] = {}
        seen = by_unit.get(unit)
        if seen is None or month >= seen[0]:
            by_unit[unit] = (month, entry.value)


def _latest_values(monthly: list[MonthlyReport], upto: str) -> Latest:
    """indicator → unit → (month, value) of the newest report for a month ≤ ``upto``."""
    latest: Latest = {}
    for rep in monthly:
        if rep.month <= upto:
            _apply(latest, rep)
    return latest


class _Fixed(NamedTuple):
    """What does not change from one as-of date to the next: worked out once."""

    #: indicators without parts first, so totals can add up their parts
    ordered: tuple[Indicator, ...]
    reporters: dict[str, tuple[str, ...]]
    tasks: dict[str, str | None]
    first_due: date


def _fixed(plan: Plan) -> _Fixed:
    ordered = tuple(sorted(plan.indicator_by_id.values(), key=lambda i: bool(i.parts)))
    reporters = {i.id: tuple(plan.reporters[i.id]) for i in ordered}
    tasks = {}
    for i in ordered:
        task = plan.task_of_indicator.get(i.id)
        tasks[i.id] = task.id if task else None
    return _Fixed(ordered, reporters, tasks, _first_monthly_due(plan))


def _indicator_at(
    plan: Plan,
    fixed: _Fixed,
    ind: Indicator,
    latest: Latest,
    as_of: date,
    unreadable_units: frozenset[str],
    computed: dict[str, IndicatorProgress],
) -> IndicatorProgress:
    reporters = fixed.reporters[ind.id]
    due = as_of > fixed.first_due
    months: list[str]
    if ind.parts:
        contributions: dict[str, float] = {}
        parts = [computed[p] for p in ind.parts if p in computed]
        have = [p for p in parts if p.value is not None]
        value = sum(p.value for p in have) if have else None  # type: ignore[misc]
        missing: tuple[str, ...] = tuple(u for p in parts for u in p.missing)
        months = [p.latest_month for p in have if p.latest_month]
        # Some parts known and others not: the total is a lower bound, say so.
        partial = (bool(have) and len(have) < len(ind.parts)) or any(p.partial for p in parts)
    else:
        seen = latest.get(ind.id) or {}
        picked = [(u, seen[u]) for u in reporters if u in seen]
        contributions = {u: mv[1] for u, mv in picked}
        months = [mv[0] for _, mv in picked]
        if ind.combine == "sum":
            value = sum(contributions.values()) if contributions else None
        else:
            value = (
                contributions[reporters[0]] if reporters and reporters[0] in contributions else None
            )
        missing = (
            tuple(u for u in reporters if u not in contributions)
            if due and len(picked) < len(reporters)
            else ()
        )
        partial = bool(unreadable_units) and any(u in unreadable_units for u in reporters)
    completion = value / ind.target if value is not None and ind.target else None
    expected = expected_progress(plan, ind, as_of)
    gap = (expected - completion) * 100 if completion is not None else None
    return IndicatorProgress(
        id=ind.id,
        name=ind.name,
        measure=ind.measure,
        target=ind.target,
        value=value,
        completion=completion,
        expected=expected,
        gap=gap,
        light=_light(value, completion, gap, due, plan),
        task=fixed.tasks[ind.id],
        reporters=reporters,
        contributions=contributions,
        missing=missing,
        latest_month=max(months) if months else None,
        partial=partial,
    )


def _indicators_at(
    plan: Plan,
    latest: Latest,
    as_of: date,
    unreadable_units: frozenset[str],
    fixed: _Fixed | None = None,
    only: frozenset[str] | None = None,
) -> dict[str, IndicatorProgress]:
    """Indicator id → its progress; ``only`` limits it to some indicators (and their parts)."""
    fixed = fixed or _fixed(plan)
    wanted = _with_parts(plan, only) if only is not None else None
    computed: dict[str, IndicatorProgress] = {}
    for ind in fixed.ordered:
        if wanted is None or ind.id in wanted:
            computed[ind.id] = _indicator_at(
                plan, fixed, ind, latest, as_of, unreadable_units, computed
            )
    return {i: computed[i] for i in plan.indicator_by_id if i in computed}


def _with_parts(plan: Plan, ids: frozenset[str]) -> set[str]:
    """``ids`` and, for totals among them, their parts (a total adds up its parts)."""
    out: set[str] = set()
    todo = list(ids)
    while todo:
        ind_id = todo.pop()
        if ind_id not in out:
            out.add(ind_id)
            todo += plan.indicator_by_id[ind_id].parts or []
    return out


def _first_monthly_due(plan: Plan) -> date:
    monthly = next((d for d in plan.deliverables if d.kind == "monthly"), None)
    if monthly is None or monthly.due_day is None or not plan.months:
        return plan.plan.start
    return month_due(plan.months[0], monthly.due_day)


def _sweep(
    plan: Plan, reports: list[LoadedReport], as_of: date
) -> tuple[dict[str, Latest], Latest]:
    """One pass over the reports in month order.

    Returns the latest values at the end of each plan month up to the as-of month
    (each a copy: one per month), and the latest values at as-of itself.
    """
    ordered = sorted(
        (r.report for r in reports if isinstance(r.report, MonthlyReport)),
        key=attrgetter("month"),
    )
    upto = month_of(as_of)
    states: dict[str, Latest] = {}
    latest: Latest = {}
    i, n = 0, len(ordered)
    for month in plan.months:
        if month > upto:
            break
        while i < n and ordered[i].month <= month:
            _apply(latest, ordered[i])
            i += 1
        states[month] = {key: dict(by_unit) for key, by_unit in latest.items()}
    while i < n and ordered[i].month <= upto:
        _apply(latest, ordered[i])
        i += 1
    return states, latest


def _streaks(
    plan: Plan,
    states: dict[str, Latest],
    as_of: date,
    unreadable_units: frozenset[str],
    fixed: _Fixed,
    current: dict[str, IndicatorProgress],
) -> dict[str, int]:
    """Indicator → consecutive months, ending at the last plan month up to as-of, in
    yellow or red (each month judged at its end, the as-of month at as-of).

    Walks back from the last month and stops for each indicator at its first month
    in another light: most indicators need one month, not the whole history.
    """
    out = dict.fromkeys(plan.indicator_by_id, 0)
    months = list(states)
    if not months:
        return out
    last = current  # as-of's own month is judged at as-of, exactly like ``current``
    if months[-1] != month_of(as_of):
        day = month_end(months[-1])
        last = _indicators_at(plan, states[months[-1]], day, unreadable_units, fixed)
    alive = frozenset(i for i, p in last.items() if p.light in ("yellow", "red"))
    for month in reversed(months[:-1]):
        for ind_id in alive:
            out[ind_id] += 1
        if not alive:
            break
        day = min(month_end(month), as_of)
        snap = _indicators_at(plan, states[month], day, unreadable_units, fixed, alive)
        alive = frozenset(i for i in alive if snap[i].light in ("yellow", "red"))
    for ind_id in alive:  # still alive after the first month
        out[ind_id] += 1
    return out


def monthly_snapshots(
    plan: Plan,
    reports: list[LoadedReport],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, dict[str, IndicatorProgress]]:
    """Plan month → indicator id → its progress at that month's end.

    One entry per plan month up to the as-of month; the as-of month is judged at
    ``as_of`` itself, so its snapshot agrees with :func:`compute_progress` (``streak``
    aside, which stays 0 here). Used by the ledger (export).
    """
    unreadable_units = frozenset(unit for unit, _ in (unreadable or {}))
    fixed = _fixed(plan)
    states, _ = _sweep(plan, reports, as_of)
    return {
        month: _indicators_at(plan, latest, min(month_end(month), as_of), unreadable_units, fixed)
        for month, latest in states.items()
    }


def _task_progress(
    plan: Plan,
    indicators: dict[str, IndicatorProgress],
    monthly: list[MonthlyReport],
    as_of: date,
) -> list[TaskProgress]:
    out = []
    due = as_of > _first_monthly_due(plan)
    upto = month_of(as_of)
    for task in plan.tasks:
        lead = tuple(plan.expand(task.lead))
        responsible = tuple(plan.expand(task.responsible))
        status = note = None
        if task.indicators:
            items = [indicators[i.id] for i in task.indicators]
            weights = [i.weight for i in task.indicators]
            scored = [
                (min(p.completion, 1.0) if p.completion is not None else 0.0, w)
                for p, w in zip(items, weights, strict=True)
                if p.completion is not None or p.light == "red"
            ]
            total = sum(w for _, w in scored)
            completion = sum(c * w for c, w in scored) / total if scored and total else None
            light: Light = max((p.light for p in items), key=LIGHT_RANK.__getitem__)
        else:
            # A qualitative task: the newest status its lead units declared.
            declared = [
                (rep.month, rep.tasks[task.id])
                for rep in monthly
                if rep.month <= upto and rep.unit in lead and task.id in rep.tasks
            ]
            if declared:
                _, progress = max(declared, key=lambda d: d[0])
                status, note = progress.status, progress.note
                light = TASK_STATUS_LIGHT[status]
                completion = 1.0 if status == "已完成" else None
            else:
                completion = None
                light = "red" if due else "grey"
        out.append(
            TaskProgress(
                task.id,
                task.number,
                task.title,
                lead,
                responsible,
                completion,
                light,
                tuple(i.id for i in task.indicators),
                status,
                note,
            )
        )
    return out


def _deliverables(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str],
) -> list[Deliverable]:
    # The first file by path wins for a (unit, period): walk them in reverse path
    # order and let later (earlier-named) files overwrite.
    files: dict[tuple[str, str], LoadedReport] = {}
    for r in sorted(reports, key=_by_path, reverse=True):
        rep = r.report
        period = rep.month if isinstance(rep, MonthlyReport) else rep.deliverable
        files[(rep.unit, period)] = r
    names = {d.id: d.name for d in plan.deliverables}
    out = []
    append = out.append
    for unit, deliverable, period, due in obligations(plan):
        r = files.get((unit, period))
        name = names[deliverable]
        if r is not None:
            path = r.source.path
            when = r.report.submitted or submitted.get(path) or as_of
            late = (when - due).days
            if late > 0:
                append(Deliverable(unit, deliverable, name, period, due, "late", when, late, path))
            else:
                append(Deliverable(unit, deliverable, name, period, due, "on_time", when, 0, path))
        elif (unit, period) in unreadable:
            # A file exists but could not be read: say so rather than call it missing.
            path = unreadable[(unit, period)]
            append(Deliverable(unit, deliverable, name, period, due, "invalid", path=path))
        elif as_of > due:
            days = (as_of - due).days
            append(Deliverable(unit, deliverable, name, period, due, "overdue", None, days))
        else:
            append(Deliverable(unit, deliverable, name, period, due, "not_due"))
    return out


def _by_path(r: LoadedReport) -> str:
    return r.source.path


def _unit_standings(plan: Plan, deliverables: list[Deliverable]) -> list[UnitStanding]:
    # One pass: per unit, a count per state and the longest overdue.
    counts: dict[str, dict[str, int]] = {}
    worst: dict[str, int] = defaultdict(int)
    for d in deliverables:
        count = counts.get(d.unit)
        if count is None:
            count = counts[d.unit] = dict.fromkeys(STATE_NAMES, 0)
        count[d.state] += 1
        if d.state == "overdue" and d.days > worst[d.unit]:
            worst[d.unit] = d.days
    out = []
    empty = dict.fromkeys(STATE_NAMES, 0)
    for unit in plan.units:
        count = counts.get(unit.id, empty)
        out.append(
            UnitStanding(
                unit.id,
                unit.name,
                received=count["on_time"] + count["late"],
                on_time=count["on_time"],
                late=count["late"],
                overdue=count["overdue"],
                not_due=count["not_due"],
                max_days_overdue=worst.get(unit.id, 0),
            )
        )
    return out


def indicators_at(
    plan: Plan,
    reports: list[LoadedReport],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, IndicatorProgress]:
    """Indicator id → its progress at ``as_of`` (``streak`` left at 0).

    The indicator part of :func:`compute_progress`, for callers that need only
    values and lights (e.g. the briefing's comparison with last month).
    """
    monthly = [r.report for r in reports if isinstance(r.report, MonthlyReport)]
    unreadable_units = frozenset(unit for unit, _ in (unreadable or {}))
    return _indicators_at(plan, _latest_values(monthly, month_of(as_of)), as_of, unreadable_units)


def compute_progress(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str] | None = None,
) -> Progress:
    """The whole picture at ``as_of``.

    ``submitted`` maps a report's path to its submission date as the caller found
    it (git's first commit of the file, or today for an uncommitted one); a report's
    own ``submitted:`` wins. ``unreadable`` maps (unit, period) to the path of a
    report file that exists but could not be loaded: that deliverable is shown as
    ``invalid`` and the unit's indicators as ``partial``, never silently as missing.
    """
    unreadable = unreadable or {}
    monthly = [r.report for r in reports if isinstance(r.report, MonthlyReport)]
    unreadable_units = frozenset(unit for unit, _ in unreadable)
    fixed = _fixed(plan)
    states, latest = _sweep(plan, reports, as_of)
    indicators = _indicators_at(plan, latest, as_of, unreadable_units, fixed)
    streaks = _streaks(plan, states, as_of, unreadable_units, fixed, indicators)
    indicators = {k: v._replace(streak=streaks[k]) for k, v in indicators.items()}
    tasks = _task_progress(plan, indicators, monthly, as_of)
    deliverables = _deliverables(plan, reports, submitted, as_of, unreadable)
    units = _unit_standings(plan, deliverables)

    parts = {p for i in plan.indicator_by_id.values() for p in (i.parts or [])}
    scored = [
        min(p.completion, 1.0) if p.completion is not None else 0.0
        for p in indicators.values()
        if p.id not in parts and (p.completion is not None or p.light == "red")
    ]
    completion = sum(scored) / len(scored) if scored else None
    lights = {name: 0 for name in LIGHT_NAMES}
    for p in indicators.values():
        lights[p.light] += 1
    monthly_def = next((d for d in plan.deliverables if d.kind == "monthly"), None)
    current = None
    if monthly_def is not None and monthly_def.due_day is not None:
        due_months = [m for m in plan.months if month_due(m, monthly_def.due_day) <= as_of]
        current = due_months[-1] if due_months else None
    return Progress(
        as_of=as_of,
        expected=expected_progress_plain(plan, as_of),
        completion=completion,
        indicators=tuple(indicators.values()),
        tasks=tuple(tasks),
        deliverables=tuple(deliverables),
        units=tuple(units),
        current_month=current,
        lights=lights,
    )


def expected_progress_plain(plan: Plan, as_of: date) -> float:
    """The plan-wide 序时进度 (elapsed share of the period)."""
    start, end = plan.plan.start, plan.plan.end
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


__all__ = [
    "LIGHT_NAMES",
    "LIGHT_RANK",
    "STATE_NAMES",
    "Deliverable",
    "IndicatorProgress",
    "Progress",
    "TaskProgress",
    "UnitStanding",
    "compute_progress",
    "expected_progress",
    "indicators_at",
    "month_end",
    "month_of",
    "monthly_snapshots",
]
