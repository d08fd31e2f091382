"""The monthly briefing (``jianyian brief``) as one prepared view for every format.

Pure functions: no clock, no disk. :func:`build_brief` takes the plan, the loaded
reports with their submission dates, the month and the as-of date, and returns a
:class:`Brief` of ready strings, numbers and dates; the Markdown template, the Word
document and the dashboard only lay it out.

The briefing for month M, as of day D, tells M (``DESIGN.md``):

* values are 1–M月累计 as received by D (a report counts from the day it arrived),
  each judged against N/12 of its own data month; the headline states M/12;
* M's 信息, problems and next steps (and those of summaries received during M);
* a masthead (标注, 简报名称, 第N期, 编印单位, date) and a 版记 (报／送／发, 印发, 印数)
  from the settings; the office's 按语 and 信息选编 when it gives them;
* a body of two to four printed pages (总体情况, 重点工作进展, 存在问题, 需市领导协调事项,
  下步工作, 报送情况: :mod:`.brief_body`), tables and per-unit detail in annexes; before
  M's 信息 deadline the briefing says its figures are preliminary.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..engine import arrived, compute_progress, monthly_due, submission_date
from ..models import ConfirmationLog, DocumentReport, DubanRecords, LoadedReport, Plan
from ..models.months import month_end, month_start, previous_month
from .brief_body import (
    coordination_items,
    district_names,
    enumerated_paragraph,
    featured_infos,
    fit_body,
    imprint,
    key_work,
    lights_text,
    note_paragraphs,
    task_rows,
    title_lines,
    units_text,
)
from .brief_records import Brief, Masthead
from .brief_sections import (
    exception_rows,
    goal_trends,
    headline,
    indicator_rows,
    info_items,
    infos_of_month,
    light_changes,
    merged_items,
    monthly_id,
    overdue_units,
    report_counts,
    reporting_text,
    submission_grid,
    task_blocks,
    value_changes,
)
from .brief_texts import (
    exception_text,
    headline_text,
    light_rule_text,
    overdue_text,
    row_notes,
    task_text,
)
from .duban import duban_coordination, duban_text


def masthead(plan: Plan, month: str, as_of: date) -> Masthead:
    """简报名称, 第N期 (from the settings, else the month's place in the period), 编印单位, date."""
    settings = plan.settings.briefing
    issue = settings.issues.get(month)
    if issue is None:
        issue = plan.months.index(month) + 1 if month in plan.months else 1
    return Masthead(settings.name, issue, f"第{issue}期", plan.office_name, as_of, settings.mark)


#: The annexes, in order; the body refers to them by number (明细见附件1).
ANNEX_TITLES = ("主要指标完成情况", "各单位报送情况", "各单位本月信息摘要", "本月变化")


def brief_title(plan: Plan, month: str) -> str:
    """``2号建议案办理工作方案7月落实情况``: the plan's short title (else its title) and month."""
    return f"{plan.settings.briefing.short_title or plan.plan.title}{int(month[5:])}月落实情况"


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
    history_note: str | None = None,
    confirmations: ConfirmationLog | None = None,
    note: str | None = None,
    featured: tuple[str, ...] = (),
    duban: DubanRecords | None = None,
) -> Brief:
    """The briefing for ``month``, as the project stood on ``as_of``.

    ``submitted`` maps report paths to the date git first saw them (see
    :func:`jianyian.load.load_with_history`); ``head`` is (short commit hash,
    dirty) of the data, ``(None, False)`` outside git; ``confirmations`` the office's
    销号 log; ``note`` the office's 按语 and ``featured`` the report paths of the 信息
    it prints in full (both from data/office/briefs/<month>.yaml or ``--note``); ``duban``
    the office's 督办 files (items, meetings, replies).
    """
    unreadable = unreadable or {}
    progress = compute_progress(
        plan,
        reports,
        submitted,
        as_of,
        unreadable,
        upto=month,
        confirmations=confirmations,
        duban=duban,
    )
    prev = previous_month(month)
    now_by_id = {p.id: p for p in progress.indicators}
    before_by_id = progress.history.get(prev, {})

    came = {r.path for r in arrived(reports, submitted, as_of)}
    infos = infos_of_month(reports, month, came)
    monthly = monthly_id(plan)
    late_units = {
        d.unit
        for d in progress.deliverables
        if d.deliverable == monthly and d.period == month and d.state == "late"
    }
    # Summaries that arrived during the month (and up to as-of) add their points too.
    window_start = month_start(month)
    documents = [
        r.report
        for r in sorted(reports, key=lambda r: r.path)
        if isinstance(r.report, DocumentReport)
        and r.path in came
        and window_start <= submission_date(r, submitted, as_of)
    ]
    rows = indicator_rows(plan, progress)
    exceptions = exception_rows(rows)
    overdue = overdue_units(plan, progress)
    tasks = task_blocks(plan, progress, rows, infos, late_units)
    top = headline(plan, progress)
    counts = report_counts(plan, progress, month)
    new_reds, recoveries, worsened = light_changes(now_by_id, before_by_id)
    columns, grid = submission_grid(plan, progress, month)
    due = monthly_due(plan, month)
    head_hash, dirty = head
    thresholds = plan.settings.thresholds
    head_of = masthead(plan, month, as_of)
    problems = tuple(merged_items(plan, infos, documents, "problems"))
    next_steps = tuple(merged_items(plan, infos, documents, "next_steps"))
    # 需市领导协调事项: problems a unit marked coordinate: true, then overdue 督办 items.
    coordination = (
        *coordination_items(plan, infos, documents),
        *duban_coordination(plan, progress),
    )
    title = brief_title(plan, month)
    districts = district_names(plan)
    return fit_body(
        Brief(
            masthead=head_of,
            title=title,
            plan_title=plan.plan.title,
            proposal=plan.plan.proposal,
            office=plan.office_name,
            month=month,
            as_of=as_of,
            preliminary=due is not None and as_of < due,
            month_due=due,
            commit=head_hash,
            dirty=dirty,
            data_errors=data_errors,
            unreadable=tuple(sorted(unreadable.values())),
            history_note=history_note,
            headline=top,
            headline_text=headline_text(top),
            exceptions=tuple(exceptions),
            exception_texts=tuple(exception_text(r) for r in exceptions),
            overdue=tuple(overdue),
            overdue_text=overdue_text(overdue),
            indicators=tuple(rows),
            tasks=tuple(tasks),
            task_texts=tuple(task_text(t) for t in tasks),
            trends=tuple(goal_trends(plan, progress)),
            problems=problems,
            next_steps=next_steps,
            reports=tuple(counts),
            reporting_text=reporting_text(counts, len(progress.overdue)),
            grid_columns=tuple(columns),
            grid=tuple(grid),
            infos=tuple(info_items(plan, infos, late_units)),
            previous_month=prev,
            first_month=month_end(prev) < plan.plan.start,
            new_reds=tuple(new_reds),
            recoveries=tuple(recoveries),
            worsened=tuple(worsened),
            moved=tuple(value_changes(plan, now_by_id, before_by_id, month)),
            distribution=plan.settings.briefing.distribution,
            thresholds=(thresholds.yellow, thresholds.red),
            escalate_after=plan.settings.escalate_after,
            light_rule=light_rule_text(
                thresholds.yellow,
                thresholds.red,
                plan.settings.escalate_after,
                any(r.kind == "rate" for r in rows),
            ),
            table_notes=tuple(row_notes(rows)),
            title_lines=title_lines(title),
            note=note_paragraphs(note),
            featured=tuple(featured_infos(plan, [r for r in reports if r.path in came], featured)),
            lights_text=lights_text(exceptions),
            key_work=tuple(key_work(plan, progress, tasks, infos, featured)),
            task_rows=tuple(task_rows(progress, tasks)),
            coordination=coordination,
            problems_text=enumerated_paragraph(
                f"{p.text}（{units_text(p.units, short=districts)}）"
                for p in problems
                if p.text not in {c.text for c in coordination}
            )
            or none_said("其他问题", bool(infos)),
            coordination_lines=tuple(f"{c.text}（{c.units}）" for c in coordination),
            next_steps_text=enumerated_paragraph(
                f"{p.text}（{units_text(p.units, short=districts)}）" for p in next_steps
            )
            or none_said("下步工作", bool(infos)),
            annex_titles=ANNEX_TITLES,
            imprint=imprint(plan.settings.briefing, head_of.issuer, as_of),
            duban_text=duban_text(plan, progress),
        )
    )


def none_said(what: str, any_report: bool) -> str:
    """三、 or 五、 when no unit wrote any: said so, or that no unit has reported yet."""
    if any_report:
        return f"本月各单位报送材料中未列出{what}。"
    return "本月各单位尚未报送信息。"


__all__ = ["ANNEX_TITLES", "Brief", "brief_title", "build_brief", "masthead"]
