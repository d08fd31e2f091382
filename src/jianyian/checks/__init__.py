"""Cross-file checks: small pure functions in lists, run by one ``run_checks``.

Plan checks take the :class:`~jianyian.models.Plan`; report checks take the plan
and every loaded report; office checks also the office's 销号 log. :func:`check_project` adds their findings to a loaded
project, located at the file, line and column they concern.
"""

from .duban import all_replies, earliest_arrival, unit_problem
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
    check_report_owed,
    check_report_period,
    check_report_placeholders,
    check_report_submitted,
    check_report_submitted_future,
    check_report_tasks,
    check_report_unit,
    check_report_whole_counts,
)
from .runner import (
    DATED_CHECKS,
    DUBAN_CHECKS,
    OFFICE_CHECKS,
    PLAN_CHECKS,
    REPORT_CHECKS,
    check_plan_source,
    check_project,
    located,
    run_checks,
)

__all__ = [
    "DATED_CHECKS",
    "DUBAN_CHECKS",
    "OFFICE_CHECKS",
    "PLAN_CHECKS",
    "REPORT_CHECKS",
    "all_replies",
    "check_confirmation_actions",
    "check_confirmation_future",
    "check_confirmation_reported",
    "check_confirmation_undo",
    "check_plan_actions",
    "check_plan_calendar",
    "check_plan_deliverables",
    "check_plan_duplicate_ids",
    "check_plan_groups",
    "check_plan_references",
    "check_plan_reporters",
    "check_plan_source",
    "check_plan_tasks",
    "check_plan_totals",
    "check_plan_unit_names",
    "check_project",
    "check_report_actions",
    "check_report_cumulative",
    "check_report_duplicates",
    "check_report_indicators",
    "check_report_list_items",
    "check_report_owed",
    "check_report_period",
    "check_report_placeholders",
    "check_report_submitted",
    "check_report_submitted_future",
    "check_report_tasks",
    "check_report_unit",
    "check_report_whole_counts",
    "earliest_arrival",
    "located",
    "run_checks",
    "unit_problem",
]
