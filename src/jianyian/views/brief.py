"""The monthly briefing (``jianyian brief``) as a prepared view for the template.

Pure functions: no clock, no disk. :func:`build_brief` takes the plan, the loaded
reports with their submission dates, the month and the as-of date, and returns a
:class:`Brief` of ready strings, numbers and dates. The template only loops and
prints (formatting numbers with the filters of :mod:`jianyian.render.markdown`).

What a briefing for month M shows, as of a date D (by default the last day of M):

* the data are the tree as it is, as for ``status``: D only sets the day that
  deadlines and 序时进度 are judged against (an earlier state of the data is git's
  job: check out that commit); submission dates decide on time or late, and which
  documents "arrived" during M;
* "本期信息" are the monthly reports of the latest month whose deadline fell on or
  before D (for July: the June 信息, due 5 July); their titles, excerpts, problems
  and next steps, plus the problems and next steps of summaries received in M;
* changes are measured against the same picture at the end of the month before M.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..engine import LIGHT_NAMES, LIGHT_RANK, compute_progress, indicators_at, submission_date
from ..models import DocumentReport, LoadedReport, Plan
from ..models.months import month_end, previous_month
from .brief_records import Brief
from .brief_sections import (
    arrivals_in,
    attributed_items,
    indicator_rows,
    infos_of_period,
    light_changes,
    missed_items,
    monthly_id,
    report_counts,
    submission_grid,
    task_blocks,
    unit_names,
    value_changes,
)


def build_brief(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    month: str,
    as_of: date,
    *,
    head: tuple[str | None, bool] = (None, False),
    unreadable: Mapping[tuple[str, str], str] | None = None,
    data_errors: int = 0,
) -> Brief:
    """The briefing for ``month``, judged on ``as_of``.

    ``submitted`` maps report paths to the date git first saw them (see
    :func:`jianyian.load.load_with_history`); ``head`` is (short commit hash,
    dirty) of the data, ``(None, False)`` outside git.
    """
    # The data are the tree as it is, exactly as for ``status``: as-of only sets the
    # day deadlines and 序时进度 are judged against (an earlier state is git's job).
    unreadable = unreadable or {}
    progress = compute_progress(plan, reports, submitted, as_of, unreadable)
    prev_end = month_end(previous_month(month))
    before_by_id = indicators_at(plan, reports, prev_end, unreadable)
    window = (prev_end, as_of)

    rows = indicator_rows(plan, progress)
    period = progress.current_month
    monthly = monthly_id(plan)
    period_due = next(
        (d.due for d in progress.deliverables if d.deliverable == monthly and d.period == period),
        None,
    )
    infos = infos_of_period(reports, period)
    late_units = {
        d.unit
        for d in progress.deliverables
        if d.deliverable == monthly and d.period == period and d.state == "late"
    }
    tasks, other_infos = task_blocks(plan, progress, rows, infos, late_units)
    documents = sorted(
        (
            (r, r.report)
            for r in reports
            if isinstance(r.report, DocumentReport)
            and prev_end < submission_date(r, submitted, as_of) <= as_of
        ),
        key=lambda x: x[0].path,
    )
    owed_period = [
        d.unit
        for d in progress.deliverables
        if d.deliverable == monthly and d.period == period and d.unit not in infos
    ]

    position = {r.id: n for n, r in enumerate(rows)}
    alerts = sorted(
        (r for r in rows if r.light in ("red", "yellow")),
        key=lambda r: (-LIGHT_RANK[r.light], r.gap is not None, -(r.gap or 0), position[r.id]),
    )
    now_by_id = {p.id: p for p in progress.indicators}
    new_reds, recoveries, worsened = light_changes(now_by_id, before_by_id)
    arrivals, arrivals_total = arrivals_in(plan, progress, window)
    columns, grid = submission_grid(plan, progress, month)
    head_hash, dirty = head
    order = ["done", "green", "yellow", "red", "grey"]
    return Brief(
        plan_title=plan.plan.title,
        proposal=plan.plan.proposal,
        office=f"{plan.plan.leading_group}办公室",
        month=month,
        as_of=as_of,
        commit=head_hash,
        dirty=dirty,
        period=period,
        period_due=period_due,
        data_errors=data_errors,
        unreadable=tuple(sorted(unreadable.values())),
        completion=progress.completion,
        expected=progress.expected,
        gap=(progress.expected - progress.completion) * 100
        if progress.completion is not None
        else None,
        indicator_count=len(progress.indicators),
        lights=tuple((LIGHT_NAMES[k], progress.lights.get(k, 0)) for k in order),
        reports=tuple(report_counts(plan, progress, month, period)),
        overdue_total=len(progress.overdue),
        alerts=tuple(alerts),
        misses=tuple(missed_items(plan, progress, window)),
        indicators=tuple(rows),
        tasks=tuple(tasks),
        other_infos=tuple(other_infos),
        missing_infos=unit_names(plan, owed_period),
        problems=tuple(attributed_items(plan, infos, documents, period, "problems")),
        next_steps=tuple(attributed_items(plan, infos, documents, period, "next_steps")),
        previous_as_of=prev_end,
        first_month=prev_end < plan.plan.start,
        new_reds=tuple(new_reds),
        recoveries=tuple(recoveries),
        worsened=tuple(worsened),
        moved=tuple(value_changes(now_by_id, before_by_id)),
        arrivals=tuple(arrivals),
        arrivals_total=arrivals_total,
        grid_columns=tuple(columns),
        grid=tuple(grid),
        thresholds=(plan.settings.thresholds.yellow, plan.settings.thresholds.red),
    )


__all__ = ["Brief", "build_brief"]
