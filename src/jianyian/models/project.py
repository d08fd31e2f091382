"""The loaded project: what the loader hands every later stage.

These types live here, not in the loader, so that checks, the engine and the
views can name them without importing the stage that reads the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic
from .duban import DubanRecords
from .evaluation import EvaluationLog
from .office import ConfirmationLog
from .plan import Plan
from .report import MonthlyReport, Report


@dataclass(frozen=True)
class Source:
    """A file's text, kept so diagnostics can be located after the fact."""

    path: str  # relative to the project root, POSIX separators
    text: str


@dataclass(frozen=True)
class LoadedReport:
    """A report that passed the schema, with where it came from."""

    source: Source
    report: Report
    folder: str  # the unit folder it sits in
    stem: str  # the file name without suffix: a month or a deliverable id

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def unit(self) -> str:
        return self.report.unit

    @property
    def period(self) -> str:
        """``YYYY-MM`` for a monthly report, the deliverable id otherwise."""
        r = self.report
        return r.month if isinstance(r, MonthlyReport) else r.deliverable


@dataclass
class Project:
    """Everything read from one project tree.

    ``checked`` tells whether the cross-file checks have run
    (:func:`jianyian.checks.check_project`); until then ``diagnostics`` holds
    only what reading, parsing and the schema found.
    """

    root: Path
    plan: Plan | None
    reports: list[LoadedReport]
    diagnostics: list[Diagnostic]
    files: int
    #: Report files that count for no one (relative paths): they could not be loaded, or
    #: (once checked) their folder and ``unit:`` disagree. Shown as 文件有错误.
    unreadable: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    checked: bool = False
    #: report path → submission date as git saw it (today for uncommitted files);
    #: filled by :func:`jianyian.load.load_with_history`
    submitted: dict[str, date] = field(default_factory=dict, repr=False)
    #: (short commit hash, dirty), ``(None, False)`` outside git or when not asked
    head: tuple[str | None, bool] = (None, False)
    #: why the submission dates may be wrong (git could not be asked, …), in Chinese
    history_warnings: list[str] = field(default_factory=list)
    #: the office's 销号 log (data/office/confirmations.yaml); None when absent or unreadable
    confirmations: ConfirmationLog | None = None
    #: the office's 满意度测评 (data/office/evaluation.yaml); None when absent or unreadable
    evaluation: EvaluationLog | None = None
    #: the office's 督办 items, meetings and reply files (data/office/duban/, meetings/)
    duban: DubanRecords = field(default_factory=DubanRecords)

    @property
    def checked_plan(self) -> Plan:
        """The plan, for stages that run only when it loaded (see ``load_with_history``)."""
        assert self.plan is not None
        return self.plan

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    def unreadable_periods(self) -> dict[tuple[str, str], str]:
        """(unit folder, period) → path of each report file that could not be loaded."""
        out = {}
        for path in self.unreadable:
            parts = path.split("/")
            out[(parts[-2], parts[-1].rsplit(".", 1)[0])] = path
        return out
