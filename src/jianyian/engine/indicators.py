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
  anything is due; a rate against its target (已完成 only with December's data);
* streaks count data months: month m's state folds the data of months up to m
  however late they arrived, each data month is judged on its own data against its
  own N/12, and ``escalate_after`` such months in yellow or red turn a yellow red.
  :func:`indicator_history` gives every output its lights and streaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

from ..models import Indicator, LoadedReport, MonthlyReport, Plan
from ..models.months import month_end, month_number, next_month
from .deadlines import first_monthly_due, submission_date
from .results import IndicatorProgress, Light
from .schedule import owed_month

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


def month_states(
    facts: PlanFacts, events: list[tuple[date, MonthlyReport]], months: list[str]
) -> list[Latest]:
    """The latest values of the data of each month in ``months`` (in order), in one pass.

    The state of month m folds every report that arrived (``events``: by the as-of day,
    whenever that was) for a month up to m: month m's own data, reporter by reporter,
    however late it came (DESIGN: a month whose data arrived late is still its own month).
    """
    # By month, then arrival: of two reports of one unit and month, the later one wins.
    ordered = sorted(events, key=lambda e: e[1].month)
    latest: Latest = {}
    out = []
    i, n = 0, len(ordered)
    for month in months:
        while i < n and ordered[i][1].month <= month:
            fold_report(latest, ordered[i][1], facts)
            i += 1
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


def year_over(plan: Plan, data_month: str | None) -> bool:
    """Whether data of ``data_month`` close the target year (its December, or later)."""
    if data_month is None:
        return False
    year = int(data_month[:4])
    return year > plan.target_year or (year == plan.target_year and month_number(data_month) == 12)


def target_met(ind: Indicator, value: float, data_month: str | None) -> bool:
    """The comparator of the notice's words (以上 counts the number itself; 突破 does not).

    A ceiling (以内) is met only once the year is over; a rate is judged by the caller
    (:func:`indicator_from`): reaching its target before December is 达到目标进度, not done.
    """
    comparison = ind.comparison
    if comparison == "more_than":
        return value > ind.target
    if comparison == "at_most":
        year_is_over = data_month is not None and month_number(data_month) == 12
        return value <= ind.target and year_is_over
    return value >= ind.target


def within_target(ind: Indicator, value: float) -> bool:
    """Whether ``value`` stands where the comparator wants it, whatever the month."""
    if ind.comparison == "more_than":
        return value > ind.target
    if ind.comparison == "at_most":
        return value <= ind.target
    return value >= ind.target


def gap_points(ind: Indicator, completion: float, expected: float | None) -> float:
    """Percentage points behind: positive is behind, negative ahead."""
    if ind.comparison == "at_most":
        return (completion - (1.0 if expected is None else expected)) * 100
    return ((1.0 if expected is None else expected) - completion) * 100


def rate_gap(ind: Indicator, value: float) -> float:
    """A rate's shortfall in percentage points of the rate itself: 6.1% against 7% is 0.9."""
    return value - ind.target if ind.comparison == "at_most" else ind.target - value


def rate_light(
    plan: Plan, ind: Indicator, value: float, gap: float, data_month: str | None
) -> Light:
    """A rate's light: 已完成 only with the year's last data; before it, at or above the target
    is 达到目标进度 (green); below it, the shortfall as a share of the target decides the light
    as a completion's shortfall would (6.1% against 7% is 12.9% short: yellow)."""
    if within_target(ind, value):
        return "done" if year_over(plan, data_month) else "green"
    share = gap / abs(ind.target) * 100 if ind.target else gap
    return light_of(plan, share)


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
    owed_month: str | None = None,
) -> IndicatorProgress:
    """One indicator's progress from the latest values, judged on ``day`` (no streaks yet).

    ``owed_month`` is the latest month whose data a reporter owes for this state: a sum's
    reporters whose latest data are older are its ``stale`` reporters.
    """
    reporters = facts.reporters[ind.id]
    due = day > facts.first_due
    stale: tuple[tuple[str, str], ...] = ()
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
        stale = tuple(sorted(set(pair for p in parts for pair in p.stale)))
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
        if ind.combine == "sum" and owed_month is not None:
            stale = tuple((u, mv[0]) for u, mv in picked if mv[0] < owed_month)
    completion = _share(ind, value) if value is not None else None
    expected = expected_fraction(plan, ind, data_month)
    if ind.kind == "rate":
        # Told in the rate's own unit: 增长6.1%，低于目标0.9个百分点.
        gap = rate_gap(ind, value) if value is not None else None
    else:
        gap = gap_points(ind, completion, expected) if completion is not None else None
    if value is None:
        light: Light = "missing" if due else "grey"
    elif ind.kind == "rate" and not missing:
        assert gap is not None
        light = rate_light(plan, ind, value, gap, data_month)
    elif ind.kind != "rate" and target_met(ind, value, data_month):
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
        stale=stale,
    )


def indicators_from(
    plan: Plan,
    facts: PlanFacts,
    latest: Latest,
    day: date,
    unreadable_units: frozenset[str],
    owed_month: str | None = None,
) -> dict[str, IndicatorProgress]:
    """Indicator id → its progress (plan order), without streaks."""
    computed: dict[str, IndicatorProgress] = {}
    for ind in facts.ordered:
        computed[ind.id] = indicator_from(
            plan, facts, ind, latest, day, unreadable_units, computed, owed_month
        )
    return {i: computed[i] for i in plan.indicator_by_id}


# ---------------------------------------------------------------- month by month


def months_text(months: tuple[str, ...] | list[str]) -> str:
    """``5月、6月、7月`` (with the year where the months cross one: ``2025年12月、2026年1月``)."""
    years = {m[:4] for m in months}
    if len(years) > 1:
        return "、".join(f"{int(m[:4])}年{month_number(m)}月" for m in months)
    return "、".join(f"{month_number(m)}月" for m in months)


def consecutive_months(months: tuple[str, ...] | list[str]) -> bool:
    """Whether ``months`` follow each other with no month missing in between."""
    return all(b == next_month(a) for a, b in pairwise(months))


def streak_words(months: tuple[str, ...], lights: str) -> str:
    """``5月、6月、7月连续3个月黄灯``; data months with a gap are not called 连续N个月."""
    n = len(months)
    if consecutive_months(months):
        return f"{months_text(months)}连续{n}个月{lights}"
    return f"{months_text(months)}（中间月份无新数据）连续{n}期数据{lights}"


def with_streaks(
    plan: Plan, months: list[dict[str, IndicatorProgress]]
) -> list[dict[str, IndicatorProgress]]:
    """Each judged month's indicators with their warning streaks and any escalation.

    ``months`` are the states of consecutive months' data, in order. A streak is a run
    of consecutive *data months* each judged yellow or worse on that month's own data
    against that month's own N/12: a state whose data month is the previous state's
    (nothing new arrived for it) replaces that month's judgement rather than adding a
    month. After ``escalate_after`` such months a yellow light becomes red, and says why.
    """
    limit = plan.settings.escalate_after
    #: indicator → [(data month, raw light)] of its data months so far
    judged: dict[str, list[tuple[str, str]]] = {}
    out = []
    for snapshot in months:
        result = {}
        for ind_id, p in snapshot.items():
            seen = judged.setdefault(ind_id, [])
            if p.data_month is not None:
                if seen and seen[-1][0] == p.data_month:
                    seen[-1] = (p.data_month, p.light)
                else:
                    seen.append((p.data_month, p.light))
            run: list[str] = []
            yellow = 0
            if p.data_month is not None:
                for month, light in reversed(seen):
                    if light not in WARNING_LIGHTS:
                        break
                    run.append(month)
                for _, light in reversed(seen):
                    if light != "yellow":
                        break
                    yellow += 1
            streak_months = tuple(reversed(run))
            p = p._replace(streak=len(run), yellow_streak=yellow, streak_months=streak_months)
            if limit and p.light == "yellow" and len(run) >= limit:
                all_yellow = yellow == len(run)
                words = streak_words(streak_months, "黄灯" if all_yellow else "黄灯或红灯")
                p = p._replace(light="red", escalated=True, reason=f"{words}，按规则升为红灯")
            result[ind_id] = p
        out.append(result)
    return out


def data_month_series(
    history: Mapping[str, Mapping[str, IndicatorProgress]], ind_id: str
) -> list[IndicatorProgress]:
    """An indicator's judgement of each of its data months, oldest first.

    Each data month is judged by the last month whose state stood on it (what its streak
    counted): the points of a trend chart, one per month with data.
    """
    by_month: dict[str, IndicatorProgress] = {}
    for snapshot in history.values():
        p = snapshot.get(ind_id)
        if p is not None and p.data_month is not None:
            by_month[p.data_month] = p
    return [by_month[m] for m in sorted(by_month)]


def parts_target(plan: Plan, ind_id: str) -> float | None:
    """The sum of a total's parts' targets, when it differs from the total's own target."""
    ind = plan.indicator_by_id[ind_id]
    if not ind.parts:
        return None
    total = sum(plan.indicator_by_id[p].target for p in ind.parts if p in plan.indicator_by_id)
    return None if abs(total - ind.target) < 1e-9 else total


def judged_months(plan: Plan, upto: str) -> list[str]:
    """The months whose data are judged: every plan month before ``upto``, then ``upto``.

    The last is the state being reported (``upto``: the as-of month, or a briefing's month).
    """
    return [m for m in plan.months if m < upto] + [upto]


def indicator_history(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    upto: str,
    unreadable: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, dict[str, IndicatorProgress]]:
    """Month → indicator id → its progress on the data of months up to that month.

    Every month's state folds what had arrived by ``as_of`` (a report counts from its
    submission date, however late it came for its month); the last month is ``upto``.
    This is the one function that gives every output its lights and streaks.
    """
    facts = plan_facts(plan)
    unreadable_units = frozenset(unit for unit, _ in (unreadable or {}))
    months = judged_months(plan, upto)
    states = month_states(facts, arrivals(reports, submitted, as_of), months)
    owed = owed_month(plan, as_of)
    raw = [
        indicators_from(
            plan,
            facts,
            latest,
            as_of,
            unreadable_units,
            None if owed is None else min(owed, month),
        )
        for month, latest in zip(months, states, strict=True)
    ]
    return dict(zip(months, with_streaks(plan, raw), strict=True))
