"""The one place that asks git. One ``git log`` for the whole tree, never one per file.

Outside a git repository (or without git) every function answers "nothing known"
rather than failing: submission dates then come from ``submitted:`` or today.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

GIT_TIMEOUT = 60


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8", errors="replace")


def is_repository(root: Path) -> bool:
    return _git(root, "rev-parse", "--is-inside-work-tree") is not None


def first_added(root: Path, under: str = "data/reports") -> dict[str, date]:
    """Path (relative to ``root``) → date of the commit that first added it.

    The commit date is taken in the committer's own time zone (a report committed at
    23:30 Beijing time on the 5th counts as the 5th).
    """
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return {}
    prefix = prefix.strip()
    text = _git(
        root,
        "log",
        "-z",
        "--diff-filter=A",
        "--no-renames",
        "--name-only",
        "--format=%x01%cI",
        "--",
        under,
    )
    if text is None:
        return {}
    out: dict[str, date] = {}
    # Newest first: the last date seen for a path is its first addition.
    for chunk in text.split("\x01")[1:]:
        stamp, _, names = chunk.partition("\x00")
        day = date.fromisoformat(stamp.strip()[:10])
        for name in names.strip("\n").split("\x00"):
            name = name.strip("\n")
            if name:
                # git prints paths relative to the repository top; make them root-relative.
                if prefix and name.startswith(prefix):
                    name = name[len(prefix) :]
                out[name] = day
    return out


def head_state(root: Path) -> tuple[str | None, bool]:
    """(short hash of HEAD, whether tracked or untracked files differ from it)."""
    head = _git(root, "rev-parse", "--short", "HEAD")
    if head is None:
        return None, False
    status = _git(root, "status", "--porcelain", "--", ".")
    return head.strip(), bool(status and status.strip())


def submission_dates(root: Path, paths: list[str], today: date) -> dict[str, date]:
    """Path → date git first saw it; files git has not seen count as submitted ``today``."""
    seen = first_added(root)
    return {path: seen.get(path, today) for path in paths}
