"""Indicator values, 序时进度 and lights: pure functions of plan, reports and dates.

The rules are those of ``DESIGN.md`` ("How the numbers are computed"):

* a report counts from the day it arrived: a state at day D folds only the
  reports submitted by D, for months up to the month being judged;
* values are 1–N月累计 of the target year (``ytd``), counted from the plan's start
  (``cumulative``), a stock against a baseline (``level``) or a percentage (``rate``);
* 序时进度 = N/12 where N is the month of the data behind the value (a sum: the
  earliest of its reporters' latest months); ``milestones`` override it;
* lights: 已完成 when the comparator is met; green when behind by less than
  ``yellow`` points; yellow up to ``red`` points inclusive; red beyond; 未报送
  (``missing``) when a reporter owes a value and has sent none; grey before
  anything is due; ``escalate_after`` yellow months in a row turn red.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from operator import itemgetter
from typing import NamedTuple

from ..models import Indicator, LoadedReport, MonthlyReport, Plan
from ..models.months import month_end, month_number
from .deadlines import first_monthly_due, submission_date
from .results import IndicatorProgress, Light

#: indicator → unit → (month, value) of the newest report folded so far
Latest = dict[str, dict[str, tuple[str, float]]]
WARNING_LIGHTS = ("yellow", "red")


class PlanFacts(NamedTuple):
    """What does not change from one judged day to the next: worked out once."""

    #: indicators without parts first, so totals can add up their parts
    ordered: tuple[Indicator, ...]
    reporters: dict[str, tuple[str, ...]]
    tasks: dict[str, str | None]
    #: the first day anything is owed (the first monthly report's rolled-over due date)
    first_due: date
    year: str  # the target year, as the months' prefix
    #: indicators whose values reset each January (``ytd``)
    yearly: frozenset[str]
    #: parts of a total: shown under it, counted through it
    parts: frozenset[str]


def plan_facts(plan: Plan) -> PlanFacts:
    ordered = tuple(sorted(plan.indicator_by_id.values(), key=lambda i: bool(i.parts)))
    reporters = {i.id: tuple(plan.reporters[i.id]) for i in ordered}
    tasks = {}
    for i in ordered:
        task = plan.task_of_indicator.get(i.id)
        tasks[i.id] = task.id if task else None
    return PlanFacts(
        ordered,
        reporters,
        tasks,
        first_monthly_due(plan),
        f"{plan.target_year:04d}",
        frozenset(i.id for i in ordered if i.kind == "ytd"),
        frozenset(p for i in ordered for p in (i.parts or [])),
    )


# ---------------------------------------------------------------- folding reports


def fold_report(latest: Latest, rep: MonthlyReport, facts: PlanFacts) -> None:
    """Fold one report into ``latest``, the newest month winning.

    A 1–N月累计 value of another year than the target year is not a value of it.
    """
    unit, month = rep.unit, rep.month
    other_year = not month.startswith(facts.year)
    for key, entry in rep.indicators.items():
        if other_year and key in facts.yearly:
            continue
        by_unit = latest.get(key)
        if by_unit is None:
            by_unit = latest[key] = {}
        seen = by_unit.get(unit)
        if seen is None or month >= seen[0]:
            by_unit[unit] = (month, entry.value)


def arrivals(
    reports: Iterable[LoadedReport], submitted: Mapping[str, date], as_of: date
) -> list[tuple[date, MonthlyReport]]:
    """(arrival day, report) of every monthly report that arrived by ``as_of``, in day order."""
    out = []
    for r in reports:
        if isinstance(r.report, MonthlyReport):
            day = submission_date(r, submitted, as_of)
            if day <= as_of:
                out.append((day, r.report, r.source.path))
    out.sort(key=itemgetter(0, 2))
    return [(day, rep) for day, rep, _ in out]


def sweep_states(
    facts: PlanFacts, events: list[tuple[date, MonthlyReport]], points: list[tuple[str, date]]
) -> list[Latest]:
    """The latest values at each (month, day) point, in one pass over the arrivals.

    A point folds the reports that arrived by its day and report a month up to its
    month. Points come in order (months and days both non-decreasing).
    """
    latest: Latest = {}
    pending: list[MonthlyReport] = []
    out = []
    i, n = 0, len(events)
    for month, day in points:
        while i < n and events[i][0] <= day:
            rep = events[i][1]
            i += 1
            if rep.month <= month:
                fold_report(latest, rep, facts)
            else:
                pending.append(rep)
        if pending:
            later = []
            for rep in pending:
                if rep.month <= month:
                    fold_report(latest, rep, facts)
                else:
                    later.append(rep)
            pending = later
        out.append({key: dict(by_unit) for key, by_unit in latest.items()})
    return out


# ---------------------------------------------------------------- one indicator


def expected_fraction(plan: Plan, ind: Indicator, data_month: str | None) -> float | None:
    """序时进度 for data of ``data_month``: N/12 of the target year, or the milestone reached."""
    if ind.kind == "rate" or data_month is None:
        return None
    if ind.milestones:
        reached = [m for m in ind.milestones if m.date <= month_end(data_month)]
        if not reached:
            return 0.0
        value = max(reached, key=lambda m: m.date).value
        return _share(ind, value)
    year = int(data_month[:4])
    if year < plan.target_year:
        return 0.0
    if year > plan.target_year:
        return 1.0
    return month_number(data_month) / 12


def _share(ind: Indicator, value: float) -> float | None:
    """How far ``value`` has come: of the target, or from the baseline to it."""
    if ind.kind == "level":
        assert ind.baseline is not None  # guaranteed by the model
        return (value - ind.baseline) / (ind.target - ind.baseline)
    return value / ind.target if ind.target else None


def target_met(ind: Indicator, value: float, data_month: str | None) -> bool:
    """The comparator of the notice's words (以上 counts the number itself; 突破 does not)."""
    comparison = ind.comparison
    if comparison == "more_than":
        return value > ind.target
    if comparison == "at_most":
        # A ceiling is met only once the year is over (or for a rate, at once).
        year_over = data_month is not None and month_number(data_month) == 12
        return value <= ind.target and (ind.kind == "rate" or year_over)
    return value >= ind.target


def gap_points(ind: Indicator, completion: float, expected: float | None) -> float:
    """Percentage points behind: positive is behind, negative ahead."""
    if ind.comparison == "at_most":
        return (completion - (1.0 if expected is None else expected)) * 100
    return ((1.0 if expected is None else expected) - completion) * 100


def light_of(plan: Plan, gap: float) -> Light:
    """The light of a gap, judged as it is printed (one decimal): "落后10.0个百分点" is yellow."""
    thresholds = plan.settings.thresholds
    gap = round(gap, 1)
    if gap < thresholds.yellow:
        return "green"
    if gap <= thresholds.red:
        return "yellow"
    return "red"


def indicator_from(
    plan: Plan,
    facts: PlanFacts,
    ind: Indicator,
    latest: Latest,
    day: date,
    unreadable_units: frozenset[str],
    computed: dict[str, IndicatorProgress],
) -> IndicatorProgress:
    """One indicator's progress from the latest values, judged on ``day`` (no streaks yet)."""
    reporters = facts.reporters[ind.id]
    due = day > facts.first_due
    if ind.parts:
        contributions: dict[str, float] = {}
        parts = [computed[p] for p in ind.parts if p in computed]
        have = [p for p in parts if p.value is not None]
        value = sum(p.value for p in have) if have else None  # type: ignore[misc]
        missing: tuple[str, ...] = tuple(dict.fromkeys(u for p in parts for u in p.missing))
        latest_months = [p.latest_month for p in have if p.latest_month]
        data_months = [p.data_month for p in have if p.data_month]
        data_month = min(data_months) if data_months else None
        # Some parts known and others not: the total is a lower bound, say so.
        partial = (bool(have) and len(have) < len(ind.parts)) or any(p.partial for p in parts)
    else:
        seen = latest.get(ind.id) or {}
        picked = [(u, seen[u]) for u in reporters if u in seen]
        if ind.combine == "single":
            picked = picked[:1] if reporters and picked and picked[0][0] == reporters[0] else []
        contributions = {u: mv[1] for u, mv in picked}
        value = sum(contributions.values()) if contributions else None
        latest_months = [mv[0] for _, mv in picked]
        data_month = min(latest_months) if latest_months else None
        owing = reporters if ind.combine == "sum" else reporters[:1]
        missing = tuple(u for u in owing if u not in contributions) if due else ()
        partial = bool(unreadable_units) and any(u in unreadable_units for u in reporters)
    completion = _share(ind, value) if value is not None else None
    expected = expected_fraction(plan, ind, data_month)
    gap = gap_points(ind, completion, expected) if completion is not None else None
    if value is None:
        light: Light = "missing" if due else "grey"
    elif target_met(ind, value, data_month):
        light = "done"
    elif missing:
        light = "missing"  # a sum with a silent reporter cannot be judged
    else:
        assert gap is not None
        light = light_of(plan, gap)
    return IndicatorProgress(
        id=ind.id,
        name=ind.name,
        measure=ind.measure,
        target=ind.target,
        value=value,
        completion=completion,
        expected=expected,
        gap=gap,
        light=light,
        task=facts.tasks[ind.id],
        reporters=reporters,
        contributions=contributions,
        missing=missing,
        latest_month=max(latest_months) if latest_months else None,
        data_month=data_month,
        kind=ind.kind,
        comparator=ind.comparison,
        qualifier=ind.qualifier,
        partial=partial,
        headline=ind.id not in facts.parts,
    )


def indicators_from(
    plan: Plan,
    facts: PlanFacts,
    latest: Latest,
    day: date,
    unreadable_units: frozenset[str],
) -> dict[str, IndicatorProgress]:
    """Indicator id → its progress (plan order), without streaks."""
    computed: dict[str, IndicatorProgress] = {}
    for ind in facts.ordered:
        computed[ind.id] = indicator_from(plan, facts, ind, latest, day, unreadable_units, computed)
    return {i: computed[i] for i in plan.indicator_by_id}


# ---------------------------------------------------------------- month by month


def with_streaks(
    plan: Plan, months: list[dict[str, IndicatorProgress]]
) -> list[dict[str, IndicatorProgress]]:
    """Each judged month's indicators with their warning streaks and any escalation.

    ``months`` is in order; a streak counts the months in a row, ending at that
    month, in yellow or red; ``escalate_after`` yellow months in a row turn red.
    """
    limit = plan.settings.escalate_after
    runs: dict[str, int] = {}
    yellows: dict[str, int] = {}
    out = []
    for snapshot in months:
        judged = {}
        for ind_id, p in snapshot.items():
            run = runs.get(ind_id, 0) + 1 if p.light in WARNING_LIGHTS else 0
            yellow = yellows.get(ind_id, 0) + 1 if p.light == "yellow" else 0
            runs[ind_id], yellows[ind_id] = run, yellow
            p = p._replace(streak=run, yellow_streak=yellow)
            if limit and p.light == "yellow" and yellow >= limit:
                reason = f"连续{yellow}个月黄灯，按规则（{limit}个月）升为红灯"
                p = p._replace(light="red", escalated=True, reason=reason)
            judged[ind_id] = p
        out.append(judged)
    return out


def judged_points(plan: Plan, upto: str, as_of: date) -> list[tuple[str, date]]:
    """(month, day) pairs to judge: each plan month up to ``upto`` at its end, ``upto`` at as-of.

    The last point is always (``upto``, ``as_of``): the state being reported.
    """
    points = [(m, min(month_end(m), as_of)) for m in plan.months if m < upto]
    points.append((upto, as_of))
    return points


def indicator_history(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    upto: str,
    unreadable: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, dict[str, IndicatorProgress]]:
    """Judged month → indicator id → its progress, the last month being ``upto`` at ``as_of``."""
    facts = plan_facts(plan)
    unreadable_units = frozenset(unit for unit, _ in (unreadable or {}))
    points = judged_points(plan, upto, as_of)
    states = sweep_states(facts, arrivals(reports, submitted, as_of), points)
    raw = [
        indicators_from(plan, facts, latest, day, unreadable_units)
        for (_, day), latest in zip(points, states, strict=True)
    ]
    return {month: snap for (month, _), snap in zip(points, with_streaks(plan, raw), strict=True)}
