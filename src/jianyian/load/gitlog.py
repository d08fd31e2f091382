"""The one place that asks git. One ``git log`` for the whole tree, never one per file.

Outside a git repository (or without git) every function answers "nothing known"
rather than failing: submission dates then come from ``submitted:`` or today.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

GIT_TIMEOUT = 60
_HASH_RE = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")


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


@dataclass(frozen=True)
class Commit:
    """One commit that touched the data: who wrote it, when, and which files."""

    hash: str
    author_name: str
    author_email: str
    #: The author date, in the author's own time zone.
    date: date
    #: Paths relative to the project root (POSIX), as changed by this commit.
    paths: tuple[str, ...]


def is_shallow(root: Path) -> bool:
    """Whether the repository is a shallow clone (its history is cut off)."""
    out = _git(root, "rev-parse", "--is-shallow-repository")
    return out is not None and out.strip() == "true"


def changes(
    root: Path,
    since: date | None = None,
    under: tuple[str, ...] = ("data/reports", "data/targets.yaml"),
) -> list[Commit]:
    """Every commit that changed a path ``under`` the project root, newest first.

    One ``git log`` for the whole history. Renames count as a deletion and an
    addition (both paths are listed); a merge lists only the files it changed
    itself (conflict resolutions, "evil merges"), its parents' commits are listed
    on their own. ``since`` keeps commits whose author date is on or after it.
    Outside a repository, or in one without commits, the answer is empty.
    """
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return []
    prefix = prefix.strip()
    # Fields are NUL-separated: NUL cannot occur in names, e-mails or paths. Each
    # record starts with an empty field and the full hash; a path never looks like
    # a hash, since every path we ask for contains "/".
    text = _git(
        root,
        "log",
        "-z",
        "--cc",
        "--no-renames",
        "--name-only",
        "--format=%x00%H%x00%an%x00%ae%x00%aI",
        "--",
        *under,
    )
    if text is None:
        return []
    out: list[Commit] = []
    fields = text.split("\x00")
    i = 0
    while i + 4 < len(fields):
        if fields[i] != "" or not _HASH_RE.match(fields[i + 1]):
            i += 1
            continue
        commit_hash, name, email, stamp = fields[i + 1 : i + 5]
        i += 5
        paths: list[str] = []
        while i < len(fields) and not (
            fields[i] == "" and i + 1 < len(fields) and _HASH_RE.match(fields[i + 1])
        ):
            # git puts a newline between the header and the first name
            path = fields[i].removeprefix("\n")
            if path:
                if prefix and path.startswith(prefix):
                    path = path[len(prefix) :]
                paths.append(path)
            i += 1
        day = date.fromisoformat(stamp.strip()[:10])
        if since is None or day >= since:
            out.append(Commit(commit_hash, name, email, day, tuple(paths)))
    return out
