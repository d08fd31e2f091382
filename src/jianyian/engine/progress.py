"""Progress and deadlines: pure functions of (plan, reports, submission dates, as-of).

No clock and no disk here. The caller (``jianyian.cli``) supplies ``as_of`` and the
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

from collections.abc import Mapping
from datetime import date

from ..models import LoadedReport, MonthlyReport, Plan
from ..models.months import month_due
from .deadlines import deliverable_statuses
from .indicators import (
    count_streaks,
    expected_progress_plain,
    indicators_from,
    plan_facts,
    sweep_reports,
)
from .results import LIGHT_NAMES, Progress
from .standings import task_statuses, unit_standings


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
    fixed = plan_facts(plan)
    states, latest = sweep_reports(plan, reports, as_of)
    indicators = indicators_from(plan, latest, as_of, unreadable_units, fixed)
    streaks = count_streaks(plan, states, as_of, unreadable_units, fixed, indicators)
    indicators = {k: v._replace(streak=streaks[k]) for k, v in indicators.items()}
    tasks = task_statuses(plan, indicators, monthly, as_of)
    deliverables = deliverable_statuses(plan, reports, submitted, as_of, unreadable)
    units = unit_standings(plan, deliverables)

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
    monthly_def = plan.monthly_deliverable
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
