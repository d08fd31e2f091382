"""Loader-level glue: read the tree, ask git once, compute progress.

Used by ``status``, ``brief`` and ``export``; reads the disk and git (so it is a
loader), never the clock: ``today`` comes from the CLI. git runs in a worker
thread while the files are parsed: the subprocess needs no GIL, so on a large
tree its cost hides behind the parsing instead of adding to it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .engine import Progress, compute_progress
from .errors import DataError
from .gitlog import first_added, head_state
from .load import Project, load_project
from .models import Plan


@dataclass(frozen=True)
class Loaded:
    """A project with what git knows about it."""

    project: Project
    #: report path → submission date as git saw it (today for uncommitted files)
    submitted: dict[str, date]
    #: (short commit hash, dirty), ``(None, False)`` outside git
    head: tuple[str | None, bool]

    @property
    def plan(self) -> Plan:
        assert self.project.plan is not None  # load() raises otherwise
        return self.project.plan


def load(root: Path, today: date, *, want_head: bool = False) -> Loaded:
    """Read the tree and ask git, concurrently.

    Raises DataError only when the plan itself cannot be read; bad report files
    are left out and marked (see ``compute_progress``).
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        seen = pool.submit(first_added, root)
        head = pool.submit(head_state, root) if want_head else None
        project = load_project(root)
        first = seen.result()
        state = head.result() if head is not None else (None, False)
    if project.plan is None:
        raise DataError(
            "计划文件 data/targets.yaml 有错误，无法计算进度。运行 jianyian validate 查看详情。"
        )
    submitted = {r.path: first.get(r.path, today) for r in project.reports}
    return Loaded(project, submitted, state)


def load_progress(root: Path, as_of: date, today: date) -> tuple[Project, Progress]:
    """The project at ``root`` and its progress at ``as_of``."""
    loaded = load(root, today)
    progress = compute_progress(
        loaded.plan,
        loaded.project.reports,
        loaded.submitted,
        as_of,
        loaded.project.unreadable_periods(),
    )
    return loaded.project, progress
