"""Loader-level glue: read the tree, ask git once, compute progress.

Used by ``status``, ``brief`` and ``export``; reads the disk and git (so it is a
loader), never the clock: ``today`` comes from the CLI.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .engine import Progress, compute_progress
from .errors import DataError
from .gitlog import submission_dates
from .load import Project, load_project


def load_progress(root: Path, as_of: date, today: date) -> tuple[Project, Progress]:
    """The project at ``root`` and its progress at ``as_of``.

    Raises DataError only when the plan itself cannot be read; bad report files
    are left out and marked (see ``compute_progress``).
    """
    project = load_project(root)
    if project.plan is None:
        raise DataError(
            "计划文件 data/targets.yaml 有错误，无法计算进度。运行 jianyian validate 查看详情。"
        )
    dates = submission_dates(root, [r.path for r in project.reports], today)
    progress = compute_progress(
        project.plan, project.reports, dates, as_of, project.unreadable_periods()
    )
    return project, progress
