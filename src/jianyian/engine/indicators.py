"""Indicator values, 序时进度 and lights at a date: pure functions of plan and reports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from ..models import Indicator, LoadedReport, MonthlyReport, Plan
from ..models.months import month_end, month_of
from .deadlines import first_monthly_due
from .results import IndicatorProgress, Light


def expected_progress(plan: Plan, ind: Indicator, as_of: date) -> float:
    """序时进度 at ``as_of`` as a fraction of the target."""
    reached = [m for m in ind.milestones if m.date <= as_of]
    if ind.milestones:
        if not reached:
            return 0.0
        latest = max(reached, key=lambda m: m.date)
        return latest.value / ind.target if ind.target else 1.0
    return expected_progress_plain(plan, as_of)


def light_of(
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


def fold_report(latest: Latest, rep: MonthlyReport) -> None:
    """Fold one report into indicator → unit → (month, value), newest month winning."""
    unit, month = rep.unit, rep.month
    for key, entry in rep.indicators.items():
        by_unit = latest.get(key)
        if by_unit is None:
            by_unit = latest[key] = {}
        seen = by_unit.get(unit)
        if seen is None or month >= seen[0]:
            by_unit[unit] = (month, entry.value)


def latest_values(monthly: list[MonthlyReport], upto: str) -> Latest:
    """indicator → unit → (month, value) of the newest report for a month ≤ ``upto``."""
    latest: Latest = {}
    for rep in monthly:
        if rep.month <= upto:
            fold_report(latest, rep)
    return latest


class PlanFacts(NamedTuple):
    """What does not change from one as-of date to the next: worked out once."""

    #: indicators without parts first, so totals can add up their parts
    ordered: tuple[Indicator, ...]
    reporters: dict[str, tuple[str, ...]]
    tasks: dict[str, str | None]
    first_due: date


def plan_facts(plan: Plan) -> PlanFacts:
    ordered = tuple(sorted(plan.indicator_by_id.values(), key=lambda i: bool(i.parts)))
    reporters = {i.id: tuple(plan.reporters[i.id]) for i in ordered}
    tasks = {}
    for i in ordered:
        task = plan.task_of_indicator.get(i.id)
        tasks[i.id] = task.id if task else None
    return PlanFacts(ordered, reporters, tasks, first_monthly_due(plan))


def indicator_from(
    plan: Plan,
    fixed: PlanFacts,
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
        light=light_of(value, completion, gap, due, plan),
        task=fixed.tasks[ind.id],
        reporters=reporters,
        contributions=contributions,
        missing=missing,
        latest_month=max(months) if months else None,
        partial=partial,
    )


def indicators_from(
    plan: Plan,
    latest: Latest,
    as_of: date,
    unreadable_units: frozenset[str],
    fixed: PlanFacts | None = None,
    only: frozenset[str] | None = None,
) -> dict[str, IndicatorProgress]:
    """Indicator id → its progress; ``only`` limits it to some indicators (and their parts)."""
    fixed = fixed or plan_facts(plan)
    wanted = with_parts(plan, only) if only is not None else None
    computed: dict[str, IndicatorProgress] = {}
    for ind in fixed.ordered:
        if wanted is None or ind.id in wanted:
            computed[ind.id] = indicator_from(
                plan, fixed, ind, latest, as_of, unreadable_units, computed
            )
    return {i: computed[i] for i in plan.indicator_by_id if i in computed}


def with_parts(plan: Plan, ids: frozenset[str]) -> set[str]:
    """``ids`` and, for totals among them, their parts (a total adds up its parts)."""
    out: set[str] = set()
    todo = list(ids)
    while todo:
        ind_id = todo.pop()
        if ind_id not in out:
            out.add(ind_id)
            todo += plan.indicator_by_id[ind_id].parts or []
    return out


def sweep_reports(
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
            fold_report(latest, ordered[i])
            i += 1
        states[month] = {key: dict(by_unit) for key, by_unit in latest.items()}
    while i < n and ordered[i].month <= upto:
        fold_report(latest, ordered[i])
        i += 1
    return states, latest


def count_streaks(
    plan: Plan,
    states: dict[str, Latest],
    as_of: date,
    unreadable_units: frozenset[str],
    fixed: PlanFacts,
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
        last = indicators_from(plan, states[months[-1]], day, unreadable_units, fixed)
    alive = frozenset(i for i, p in last.items() if p.light in ("yellow", "red"))
    for month in reversed(months[:-1]):
        for ind_id in alive:
            out[ind_id] += 1
        if not alive:
            break
        day = min(month_end(month), as_of)
        snap = indicators_from(plan, states[month], day, unreadable_units, fixed, alive)
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
    fixed = plan_facts(plan)
    states, _ = sweep_reports(plan, reports, as_of)
    return {
        month: indicators_from(plan, latest, min(month_end(month), as_of), unreadable_units, fixed)
        for month, latest in states.items()
    }


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
    return indicators_from(plan, latest_values(monthly, month_of(as_of)), as_of, unreadable_units)


def expected_progress_plain(plan: Plan, as_of: date) -> float:
    """The plan-wide 序时进度 (elapsed share of the period)."""
    start, end = plan.plan.start, plan.plan.end
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)
