"""The whole picture at a date: pure functions of (plan, reports, submission dates, as-of).

No clock and no disk here. The caller (``jianyian.cli``) supplies ``as_of`` and the
submission date of every report (``submitted:`` in the file, else the date git
first saw it, else today). The rules are ``DESIGN.md``'s ("How the numbers are
computed"); :mod:`.indicators` says how each indicator is judged.

* task completion = weighted mean of its indicators' completions with a value, each
  capped at 100% so one over-achieved indicator cannot hide another; its actions
  are counted apart (:mod:`.actions`), never blended in; task light = worst light of
  its indicators and actions (红灯 > 未报送 > 黄灯 > 绿灯 > 已完成 > 未到期).
* the headline counts the indicators except the parts of a total (the five
  industries count once, through their total), how many are at or ahead of
  序时进度, behind, or not reported; their mean capped completion comes second.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..models import ConfirmationLog, DubanRecords, LoadedReport, MonthlyReport, Plan
from ..models.months import month_number, month_of
from .actions import action_progress, summarize_actions
from .deadlines import arrived, deliverable_statuses
from .duban import duban_status, summarize_duban
from .indicators import indicator_history
from .results import LIGHT_ORDER, IndicatorProgress, Progress, Summary
from .schedule import owed_month
from .standings import task_statuses, unit_standings


def current_month(plan: Plan, as_of: date) -> str | None:
    """The latest plan month whose monthly report was due (rolled over) by ``as_of``."""
    return owed_month(plan, as_of)


def month_share(plan: Plan, month: str | None) -> float | None:
    """序时进度 N/12 for month N of the target year (0 before it, 1 after it)."""
    if month is None:
        return None
    year = int(month[:4])
    if year != plan.target_year:
        return 0.0 if year < plan.target_year else 1.0
    return month_number(month) / 12


def summarize(indicators: Mapping[str, IndicatorProgress]) -> Summary:
    """The headline counts over the indicators a headline covers.

    ``on_pace`` counts only those at or above their 序时进度 (已完成 included); a green
    light behind it is ``near`` (略低于序时进度). ``expected_groups`` are the 序时进度 the
    rows are judged against, by data month, the latest first.
    """
    counted = [p for p in indicators.values() if p.headline]
    lights = dict.fromkeys(LIGHT_ORDER, 0)
    for p in counted:
        lights[p.light] += 1
    on_pace = sum(p.at_pace for p in counted)
    # A rate is told against its target, never as a 完成率: not in the average.
    scored = [
        min(max(p.completion, 0.0), 1.0)
        for p in counted
        if p.completion is not None and p.kind != "rate"
    ]
    groups: dict[tuple[str, float], int] = {}
    for p in counted:
        if p.value is not None and p.data_month is not None and p.expected is not None:
            key = (p.data_month, round(p.expected, 6))
            groups[key] = groups.get(key, 0) + 1
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][0], kv[1]), reverse=True)
    return Summary(
        count=len(counted),
        lights=lights,
        on_pace=on_pace,
        behind=lights["yellow"] + lights["red"],
        missing=lights["missing"],
        average=sum(scored) / len(scored) if scored else None,
        averaged=len(scored),
        near=lights["green"] + lights["done"] - on_pace,
        expected_groups=tuple((month, share, n) for (month, share), n in ordered),
    )


def compute_progress(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str] | None = None,
    *,
    upto: str | None = None,
    confirmations: ConfirmationLog | None = None,
    duban: DubanRecords | None = None,
) -> Progress:
    """The whole picture at ``as_of``, of data for months up to ``upto``.

    ``upto`` defaults to the as-of month (``status``); a briefing for month M passes
    M. Only reports that arrived by ``as_of`` count. ``submitted`` maps a report's
    path to its submission date as the caller found it (git's first commit of the
    file, or today for an uncommitted one); a report's own ``submitted:`` wins.
    ``unreadable`` maps (unit, period) to the path of a report file that exists but
    could not be loaded: that deliverable is shown as ``invalid`` and the unit's
    indicators as ``partial``, never silently as missing. ``confirmations`` is the
    office's 销号 log (entries dated after ``as_of`` do not count); ``duban`` the
    office's 督办 items, meetings and reply files (nothing dated after ``as_of`` counts).
    """
    unreadable = unreadable or {}
    judged = upto or month_of(as_of)
    history = indicator_history(plan, reports, submitted, as_of, judged, unreadable)
    indicators = history[judged]
    monthly = [
        r.report for r in arrived(reports, submitted, as_of) if isinstance(r.report, MonthlyReport)
    ]
    actions = action_progress(plan, reports, submitted, as_of, judged, confirmations)
    tasks = task_statuses(plan, indicators, monthly, as_of, judged, {a.id: a for a in actions})
    deliverables = deliverable_statuses(plan, reports, submitted, as_of, unreadable)
    current = current_month(plan, as_of)
    items = duban_status(plan, duban or DubanRecords(), reports, submitted, as_of)
    summary = summarize(indicators)
    # The headline's 序时进度 is the one its rows use: that of the latest data month.
    main = summary.expected_groups[0] if summary.expected_groups else None
    return Progress(
        as_of=as_of,
        upto=judged,
        expected=main[1] if main else None,
        expected_month=main[0] if main else None,
        summary=summary,
        indicators=tuple(indicators.values()),
        tasks=tuple(tasks),
        deliverables=tuple(deliverables),
        units=tuple(unit_standings(plan, deliverables)),
        current_month=current,
        history=history,
        actions=tuple(actions),
        action_summary=summarize_actions(actions),
        duban=tuple(items),
        duban_summary=summarize_duban(items, judged),
    )
