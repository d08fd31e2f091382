"""Shared fixtures: small project trees on disk and real git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REAL_TARGETS = REPO / "data" / "targets.yaml"


def write_project(root: Path, reports: dict[str, str], targets: str | None = None) -> Path:
    """A project at ``root``: the real plan (or ``targets`` text) and report files.

    ``reports`` maps paths relative to ``data/reports/`` (``"jxj/2025-07.yaml"``) to text.
    """
    (root / "data" / "reports").mkdir(parents=True, exist_ok=True)
    if targets is None:
        shutil.copyfile(REAL_TARGETS, root / "data" / "targets.yaml")
    else:
        (root / "data" / "targets.yaml").write_text(targets, encoding="utf-8")
    for rel, text in reports.items():
        path = root / "data" / "reports" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """``make_project({"jxj/2025-07.yaml": "..."})`` → project root."""

    def make(reports: dict[str, str] | None = None, targets: str | None = None) -> Path:
        return write_project(tmp_path / "proj", reports or {}, targets)

    return make


def git(
    root: Path,
    *args: str,
    date: str = "2025-06-01T10:00:00+08:00",
    author: str = "办公室 <office@example.gov.cn>",
) -> str:
    """Run git in ``root`` with a fixed author, committer and date."""
    name, email = author.rsplit(" <", 1)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email.rstrip(">"),
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email.rstrip(">"),
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    out = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


def git_init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")


def git_commit(
    root: Path,
    paths: list[str],
    message: str,
    *,
    date: str,
    author: str = "办公室 <office@example.gov.cn>",
) -> None:
    """Stage ``paths`` (relative to root) and commit them at ``date``."""
    git(root, "add", "--", *paths, date=date, author=author)
    git(root, "commit", "-q", "-m", message, date=date, author=author)
