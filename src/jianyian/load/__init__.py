"""The only reader: files, YAML, pydantic errors → diagnostics, git, root discovery.

Everything that touches the disk (and, through :mod:`.gitlog`, git) is in this
stage; what it returns are the shared types of :mod:`jianyian.models`.
"""

from ..models import LoadedReport, Project, Source
from .duban import load_duban
from .files import decode_source, list_report_files, read_source, rel_path
from .layout import (
    CONFIRMATIONS_PATH,
    CONFIRMATIONS_SCHEMA,
    DUBAN_DIR,
    DUBAN_REPLIES_DIR,
    DUBAN_REPLY_SCHEMA,
    DUBAN_SCHEMA,
    EVALUATION_PATH,
    EVALUATION_SCHEMA,
    MAX_FILE_BYTES,
    MEETING_SCHEMA,
    MEETINGS_DIR,
    OFFICE_DIR,
    OFFICE_PATHS,
    PLAN_PATH,
    REPORT_SCHEMA,
    REPORTS_DIR,
    SCHEMA_DIR,
    TARGETS_SCHEMA,
    TEMPLATES_DIR,
    check_root,
    find_root,
    is_office_path,
    report_path,
)
from .project import (
    load_confirmations,
    load_evaluation,
    load_plan,
    load_project,
    load_report,
    load_with_history,
    locate_diagnostics,
)
from .schema_errors import schema_diagnostics, validate_model

__all__ = [
    "CONFIRMATIONS_PATH",
    "CONFIRMATIONS_SCHEMA",
    "DUBAN_DIR",
    "DUBAN_REPLIES_DIR",
    "DUBAN_REPLY_SCHEMA",
    "DUBAN_SCHEMA",
    "EVALUATION_PATH",
    "EVALUATION_SCHEMA",
    "MAX_FILE_BYTES",
    "MEETINGS_DIR",
    "MEETING_SCHEMA",
    "OFFICE_DIR",
    "OFFICE_PATHS",
    "PLAN_PATH",
    "REPORTS_DIR",
    "REPORT_SCHEMA",
    "SCHEMA_DIR",
    "TARGETS_SCHEMA",
    "TEMPLATES_DIR",
    "LoadedReport",
    "Project",
    "Source",
    "check_root",
    "decode_source",
    "find_root",
    "is_office_path",
    "list_report_files",
    "load_confirmations",
    "load_duban",
    "load_evaluation",
    "load_plan",
    "load_project",
    "load_report",
    "load_with_history",
    "locate_diagnostics",
    "read_source",
    "rel_path",
    "report_path",
    "schema_diagnostics",
    "validate_model",
]
