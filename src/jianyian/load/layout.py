"""Where things live in a project tree: the one definition of every layout path.

Root discovery is here too: walk up from the current folder to the first one
holding the plan.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError

PLAN_PATH = "data/targets.yaml"
REPORTS_DIR = "data/reports"
#: The office's own files (销号 confirmations, later 督办 items): the office's alone.
OFFICE_DIR = "data/office"
CONFIRMATIONS_PATH = f"{OFFICE_DIR}/confirmations.yaml"
#: The office's additions to a month's 简报 (按语, 信息选编): briefs/<YYYY-MM>.yaml.
BRIEFS_DIR = f"{OFFICE_DIR}/briefs"
EVALUATION_PATH = f"{OFFICE_DIR}/evaluation.yaml"
SCHEMA_DIR = "schemas"
TARGETS_SCHEMA = "targets.schema.json"
REPORT_SCHEMA = "report.schema.json"
CONFIRMATIONS_SCHEMA = "confirmations.schema.json"
EVALUATION_SCHEMA = "evaluation.schema.json"
#: 督办 items (one file each, named by id), their reply files, and the meetings.
DUBAN_DIR = f"{OFFICE_DIR}/duban"
DUBAN_REPLIES_DIR = f"{DUBAN_DIR}/replies"
MEETINGS_DIR = f"{OFFICE_DIR}/meetings"
DUBAN_SCHEMA = "duban.schema.json"
MEETING_SCHEMA = "meeting.schema.json"
DUBAN_REPLY_SCHEMA = "duban-reply.schema.json"
TEMPLATES_DIR = "templates"
MAX_FILE_BYTES = 1024 * 1024
#: Files allowed directly under data/reports/ without a warning.
IGNORED_NAMES = {"README.md", ".gitkeep", ".keep", ".DS_Store"}
YAML_SUFFIXES = (".yaml", ".yml")
#: Paths that belong to the office, like the plan: its own files (销号), and what
#: changes what the meeting sees or how the data are checked without being a
#: unit's data (the briefing templates, CI workflows and CODEOWNERS itself, the
#: editor schemas, the tool configuration). ``codeowners`` gives them to the office
#: and ``audit`` flags anyone else's change. A folder ends with "/".
OFFICE_PATHS: tuple[str, ...] = (
    f"{OFFICE_DIR}/",
    f"{TEMPLATES_DIR}/",
    ".github/",
    f"{SCHEMA_DIR}/",
    ".pre-commit-config.yaml",
    "pyproject.toml",
    "requirements.txt",
)


def is_office_path(path: str) -> bool:
    """Whether ``path`` (relative to the project root, POSIX) is one of :data:`OFFICE_PATHS`."""
    return any(path.startswith(p) if p.endswith("/") else path == p for p in OFFICE_PATHS)


def report_path(unit_id: str, period: str) -> str:
    """A report's path relative to the project root: ``data/reports/jxj/2025-07.yaml``."""
    return f"{REPORTS_DIR}/{unit_id}/{period}.yaml"


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``data/targets.yaml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PLAN_PATH).is_file():
            return folder
    raise UsageError(
        f"在 {start} 及其上级目录中找不到 {PLAN_PATH}：请在项目目录中运行，或用 --root 指定项目目录"
    )


def check_root(root: Path) -> Path:
    """``--root`` given explicitly: it must hold the plan."""
    if not (root / PLAN_PATH).is_file():
        raise UsageError(f"--root {root} 下没有 {PLAN_PATH}")
    return root.resolve()
