"""The engine: pure functions of (plan, reports, submission dates, as-of).

Values, 序时进度, lights, deadlines and standings. No clock and no disk: the
caller supplies ``as_of`` and the submission date of every report.
"""

from ..models.months import (
    add_months,
    month_due,
    month_end,
    month_number,
    month_of,
    month_start,
    months_between,
    next_month,
    previous_month,
)
from .deadlines import deliverable_statuses, first_monthly_due, submission_date
from .indicators import (
    expected_progress,
    expected_progress_plain,
    indicators_at,
    monthly_snapshots,
)
from .progress import compute_progress
from .results import (
    LIGHT_NAMES,
    LIGHT_RANK,
    STATE_NAMES,
    DeliverableStatus,
    IndicatorProgress,
    Light,
    Progress,
    State,
    TaskStatus,
    UnitStanding,
)
from .schedule import Obligation, deliverable_dues, obligations

__all__ = [
    "LIGHT_NAMES",
    "LIGHT_RANK",
    "STATE_NAMES",
    "DeliverableStatus",
    "IndicatorProgress",
    "Light",
    "Obligation",
    "Progress",
    "State",
    "TaskStatus",
    "UnitStanding",
    "add_months",
    "compute_progress",
    "deliverable_dues",
    "deliverable_statuses",
    "expected_progress",
    "expected_progress_plain",
    "first_monthly_due",
    "indicators_at",
    "month_due",
    "month_end",
    "month_number",
    "month_of",
    "month_start",
    "monthly_snapshots",
    "months_between",
    "next_month",
    "obligations",
    "previous_month",
    "submission_date",
]
