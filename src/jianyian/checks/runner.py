"""The check lists and their one runner.

Adding a rule is adding a function to ``plan.py``, ``reports.py`` or ``office.py``,
naming it in a list here, a code in ``diagnostics.CODES`` and a fixture in ``tests/fixtures/bad``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from ..diagnostics import Diagnostic, sorted_diagnostics
from ..load import CONFIRMATIONS_PATH, locate_diagnostics
from ..models import (
    ConfirmationLog,
    DubanRecords,
    EvaluationLog,
    LoadedReport,
    Plan,
    Project,
    Source,
)
from .duban import (
    check_duban_close_unanswered,
    check_duban_dates,
    check_duban_future,
    check_duban_ids,
    check_duban_refs,
    check_duban_reply_closed,
    check_duban_reply_items,
    check_duban_sequence,
    check_duban_units,
    check_meeting_files,
)
from .evaluation import check_evaluation_counts, check_evaluation_future
from .office import (
    check_confirmation_actions,
    check_confirmation_future,
    check_confirmation_reported,
    check_confirmation_undo,
)
from .plan import (
    check_plan_actions,
    check_plan_calendar,
    check_plan_deliverables,
    check_plan_duplicate_ids,
    check_plan_groups,
    check_plan_references,
    check_plan_reporters,
    check_plan_tasks,
    check_plan_totals,
    check_plan_unit_names,
)
from .reports import (
    check_report_actions,
    check_report_cumulative,
    check_report_duplicates,
    check_report_indicators,
    check_report_list_items,
    check_report_nothing_items,
    check_report_owed,
    check_report_period,
    check_report_placeholders,
    check_report_submitted,
    check_report_submitted_future,
    check_report_tasks,
    check_report_unit,
    check_report_whole_counts,
)
from .summaries import check_summary_lead_tasks, check_summary_tasks

PlanCheck = Callable[[Plan], list[Diagnostic]]
ReportCheck = Callable[[Plan, list[LoadedReport]], list[Diagnostic]]
#: Checks that judge against today (the caller's clock, passed in).
DatedCheck = Callable[[Plan, list[LoadedReport], date], list[Diagnostic]]
#: Checks of the office's 销号 log; ``today`` is None when the caller does not judge by it.
OfficeCheck = Callable[[Plan, list[LoadedReport], ConfirmationLog, date | None], list[Diagnostic]]
#: Checks of the office's 督办 items, meetings and replies; ``today`` as for office checks.
DubanCheck = Callable[[Plan, list[LoadedReport], DubanRecords, date | None], list[Diagnostic]]

PLAN_CHECKS: list[PlanCheck] = [
    check_plan_tasks,
    check_plan_duplicate_ids,
    check_plan_unit_names,
    check_plan_references,
    check_plan_groups,
    check_plan_totals,
    check_plan_reporters,
    check_plan_deliverables,
    check_plan_actions,
    check_plan_calendar,
]

REPORT_CHECKS: list[ReportCheck] = [
    check_report_unit,
    check_report_period,
    check_report_owed,
    check_report_indicators,
    check_report_cumulative,
    check_report_duplicates,
    check_report_submitted,
    check_report_tasks,
    check_report_actions,
    check_report_placeholders,
    check_report_list_items,
    check_report_nothing_items,
    check_report_whole_counts,
    check_summary_tasks,
    check_summary_lead_tasks,
]

DATED_CHECKS: list[DatedCheck] = [check_report_submitted_future]

OFFICE_CHECKS: list[OfficeCheck] = [
    check_confirmation_actions,
    check_confirmation_reported,
    check_confirmation_undo,
    check_confirmation_future,
]

DUBAN_CHECKS: list[DubanCheck] = [
    check_duban_units,
    check_duban_ids,
    check_duban_dates,
    check_duban_sequence,
    check_duban_refs,
    check_duban_reply_items,
    check_duban_reply_closed,
    check_duban_close_unanswered,
    check_duban_future,
    check_meeting_files,
]


#: Checks of the office's 满意度测评; ``today`` is None when the caller does not judge by it.
EvaluationCheck = Callable[[Plan, EvaluationLog, date | None], list[Diagnostic]]

EVALUATION_CHECKS: list[EvaluationCheck] = [check_evaluation_counts, check_evaluation_future]


def run_checks(
    plan: Plan,
    reports: list[LoadedReport],
    *,
    plan_checks: Iterable[PlanCheck] = PLAN_CHECKS,
    report_checks: Iterable[ReportCheck] = REPORT_CHECKS,
    today: date | None = None,
    confirmations: ConfirmationLog | None = None,
    office_checks: Iterable[OfficeCheck] = OFFICE_CHECKS,
    evaluation: EvaluationLog | None = None,
    duban: DubanRecords | None = None,
    duban_checks: Iterable[DubanCheck] = DUBAN_CHECKS,
) -> list[Diagnostic]:
    """Every plan, report and office check, in list order (the one loop over the lists).

    The dated checks run only when ``today`` is given; the office checks only when
    there is a 销号 log; the 督办 checks when there are 督办 records (or replies in reports).
    """
    out: list[Diagnostic] = []
    for plan_check in plan_checks:
        out += plan_check(plan)
    for report_check in report_checks:
        out += report_check(plan, reports)
    if today is not None:
        for dated_check in DATED_CHECKS:
            out += dated_check(plan, reports, today)
    if confirmations is not None:
        for office_check in office_checks:
            out += office_check(plan, reports, confirmations, today)
    if evaluation is not None:
        for evaluation_check in EVALUATION_CHECKS:
            out += evaluation_check(plan, evaluation, today)
    if duban is not None:
        for duban_check in duban_checks:
            out += duban_check(plan, reports, duban, today)
    return out


def located(diagnostics: list[Diagnostic], sources: dict[str, Source]) -> list[Diagnostic]:
    """Diagnostics with line and column, sorted by file and position."""
    return sorted_diagnostics(locate_diagnostics(diagnostics, sources))


#: Errors whose report counts for no one until it is fixed (shown as 文件有错误): a
#: 1–N月累计 below the previous month (JY028) would otherwise reach every output as a
#: fall ("完成9.0%，比上月减少51").
SETS_ASIDE = frozenset({"JY028"})


def check_project(project: Project, today: date | None = None) -> Project:
    """The project with every cross-file check's diagnostics added and located.

    ``today`` (the caller's clock) enables the checks that judge against it. Misfiled
    reports (:func:`misfiled`) and reports with a :data:`SETS_ASIDE` error are set aside.
    """
    if project.checked:
        return project
    found = (
        run_checks(
            project.plan,
            project.reports,
            today=today,
            confirmations=project.confirmations,
            evaluation=project.evaluation,
            duban=project.duban,
        )
        if project.plan is not None
        else []
    )
    diags = located([*project.diagnostics, *found], project.sources)
    refused = {d.path for d in found if d.severity == "error" and d.code in SETS_ASIDE}
    confirmations = without_refused(project.confirmations, found)
    counted = [r for r in project.reports if not misfiled(r) and r.path not in refused]
    set_aside = [r.path for r in project.reports if misfiled(r) or r.path in refused]
    return replace(
        project,
        diagnostics=diags,
        checked=True,
        reports=counted,
        unreadable=sorted([*project.unreadable, *set_aside]),
        confirmations=confirmations,
    )


def without_refused(log: ConfirmationLog | None, found: list[Diagnostic]) -> ConfirmationLog | None:
    """The 销号 log without the entries a check refused (a 销号 of an action never reported
    done, one dated after today, a withdrawal of nothing): they count for nothing, as a
    report with errors does, while the others stand."""
    bad = {
        d.loc[1]
        for d in found
        if d.severity == "error"
        and d.path == CONFIRMATIONS_PATH
        and d.loc[:1] == ("confirmations",)
    }
    if log is None or not bad:
        return log
    kept = [c for i, c in enumerate(log.confirmations) if i not in bad]
    return log.model_copy(update={"confirmations": kept})


def misfiled(report: LoadedReport) -> bool:
    """A report whose folder and ``unit:`` disagree (JY020, JY024) counts for no one.

    Counted as its ``unit:``, a July report in ``jxj/`` saying ``unit: kjj`` (or
    ``unit: 市经信局``) would leave 市经信局 overdue and file a value for another
    unit; set aside, it shows as 文件有错误 for its folder until it is fixed.
    """
    return report.unit != report.folder


def check_plan_source(
    plan: Plan | None, source: Source | None, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """The plan alone (``jianyian plan``, ``codeowners``): its read diagnostics and its checks."""
    found = run_checks(plan, [], report_checks=()) if plan is not None else []
    return located([*diagnostics, *found], {source.path: source} if source else {})
