"""The engine: pure functions of (plan, reports, submission dates, as-of).

Values, 序时进度, lights, deadlines and standings. No clock and no disk: the
caller supplies ``as_of`` and the submission date of every report.
"""

from .actions import action_progress, confirmations_on, done_on_time, summarize_actions
from .deadlines import arrived, deliverable_statuses, first_monthly_due, submission_date
from .indicators import (
    consecutive_months,
    data_month_series,
    expected_fraction,
    indicator_history,
    months_text,
    parts_target,
    target_met,
)
from .progress import compute_progress, current_month, month_share, summarize
from .results import (
    ACTION_STATES,
    DONE_STATES,
    LIGHT_NAMES,
    LIGHT_ORDER,
    LIGHT_RANK,
    STATE_NAMES,
    ActionProgress,
    ActionSummary,
    DeliverableStatus,
    IndicatorProgress,
    Light,
    Progress,
    State,
    Statement,
    Summary,
    TaskStatus,
    UnitStanding,
)
from .schedule import Due, Obligation, deliverable_dues, monthly_due, obligations

__all__ = [
    "ACTION_STATES",
    "DONE_STATES",
    "LIGHT_NAMES",
    "LIGHT_ORDER",
    "LIGHT_RANK",
    "STATE_NAMES",
    "ActionProgress",
    "ActionSummary",
    "DeliverableStatus",
    "Due",
    "IndicatorProgress",
    "Light",
    "Obligation",
    "Progress",
    "State",
    "Statement",
    "Summary",
    "TaskStatus",
    "UnitStanding",
    "action_progress",
    "arrived",
    "compute_progress",
    "confirmations_on",
    "consecutive_months",
    "current_month",
    "data_month_series",
    "deliverable_dues",
    "deliverable_statuses",
    "done_on_time",
    "expected_fraction",
    "first_monthly_due",
    "indicator_history",
    "month_share",
    "monthly_due",
    "months_text",
    "obligations",
    "parts_target",
    "submission_date",
    "summarize",
    "summarize_actions",
    "target_met",
]
