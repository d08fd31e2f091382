"""The types every stage shares: the plan, the reports and the loaded project.

``jianyian.models`` re-exports the public names of its modules, so callers
write ``from jianyian.models import Plan, MonthlyReport``.
"""

from .fields import MONTH_RE, SLUG_RE, IsoDate, Model, Month, Number, Slug, Text, parse_day
from .plan import (
    Deliverable,
    Goals,
    Group,
    Indicator,
    Liaison,
    Milestone,
    OwnerSet,
    Plan,
    PlanInfo,
    Settings,
    Stage,
    Task,
    Thresholds,
    Unit,
)
from .project import LoadedReport, Project, Source
from .report import (
    DocumentReport,
    IndicatorEntry,
    InfoPiece,
    MonthlyReport,
    Report,
    TaskEntry,
    TaskState,
    report_model,
)

__all__ = [
    "MONTH_RE",
    "SLUG_RE",
    "Deliverable",
    "DocumentReport",
    "Goals",
    "Group",
    "Indicator",
    "IndicatorEntry",
    "InfoPiece",
    "IsoDate",
    "Liaison",
    "LoadedReport",
    "Milestone",
    "Model",
    "Month",
    "MonthlyReport",
    "Number",
    "OwnerSet",
    "Plan",
    "PlanInfo",
    "Project",
    "Report",
    "Settings",
    "Slug",
    "Source",
    "Stage",
    "Task",
    "TaskEntry",
    "TaskState",
    "Text",
    "Thresholds",
    "Unit",
    "parse_day",
    "report_model",
]
