"""Shared fixtures and helpers: the CLI runner, a fixed clock, project trees, real git.

Nothing here reads today's date: a test whose output depends on the day either
passes ``--as-of`` or uses the :func:`clock` fixture. CI runs the whole suite
under libfaketime at two dates (inside the plan period and years after it) to
catch any test that forgot (``make test-dates``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from jianyian.cli import app

#: Fixtures a group of test modules shares, kept beside their helpers in tests/support/:
#: ``repo`` and ``plan`` (audit), ``smtp_server`` (mail).
pytest_plugins = ["tests.support.audit", "tests.support.smtp", "tests.support.rogue_smtp"]

REPO = Path(__file__).resolve().parents[1]
REAL_TARGETS = REPO / "data" / "targets.yaml"
DEMO_BUILD = REPO / "examples" / "demo" / "build.py"
#: Bad inputs, notices and forms the tests read.
FIXTURES = REPO / "tests" / "fixtures"
#: The demo's July briefing as `make demo` prints it (tests/brief/test_brief.py keeps it true).
GOLDEN = REPO / "tests" / "golden" / "brief-2025-07.md"

#: The one CliRunner of the suite (stdout and stderr apart, as a user's terminal has them).
runner = CliRunner()

#: The day the :func:`clock` fixture sets: after every date in the demo and the fixtures,
#: so a ``submitted:`` of 2025 is never "in the future".
LATE_TODAY = date(2026, 1, 15)

#: A monthly report's 信息, the part every monthly report must carry.
INFO = "info: {title: 标题, body: 正文}\n"


def run(*args: str, **kwargs):
    """``jianyian ARGS`` in this process (a ``click.testing.Result``)."""
    return runner.invoke(app, list(args), **kwargs)


def monthly(unit: str, month: str, indicators: str = "", extra: str = "") -> str:
    """The text of a minimal monthly report (``indicators`` inside a flow mapping)."""
    text = f"unit: {unit}\nmonth: {month}\n"
    if indicators:
        text += f"indicators: {{{indicators}}}\n"
    return text + INFO + extra


def build_demo(target: Path) -> Path:
    """The demo project (examples/demo/build.py): a real git repository at ``target``."""
    subprocess.run([sys.executable, str(DEMO_BUILD), str(target)], check=True, capture_output=True)
    return target


@contextmanager
def late_clock() -> Iterator[date]:
    """Today is :data:`LATE_TODAY` (10:00 in Beijing, ticking) for code in this process."""
    beijing = timezone(timedelta(hours=8))
    with time_machine.travel(
        datetime.combine(LATE_TODAY, datetime.min.time().replace(hour=10), beijing), tick=True
    ):
        yield LATE_TODAY


@pytest.fixture(autouse=True, scope="session")
def template_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled templates go to a folder of this run, not the user's ~/.cache; every
    rendering after the first of a template reads it from there, as a user's second run does."""
    folder = tmp_path_factory.mktemp("jianyian-cache")
    before = os.environ.get("JIANYIAN_CACHE_DIR")
    os.environ["JIANYIAN_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("JIANYIAN_CACHE_DIR", None)
    else:
        os.environ["JIANYIAN_CACHE_DIR"] = before


@pytest.fixture
def clock() -> Iterator[date]:
    """Today is :data:`LATE_TODAY` for code in this process (:func:`late_clock`).

    For tests of commands that compare with today (``submitted:`` in the future,
    ``--submitted``, ``validate``, the office's dates) on data dated in 2025. Subprocesses
    keep the process's clock: give them ``--as-of``, and :func:`late_env` when the data's
    own dates must lie in the past.
    """
    with late_clock() as day:
        yield day


def late_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a subprocess whose data is dated in 2025: under libfaketime
    (``make test-dates``) its today becomes :data:`LATE_TODAY`; otherwise unchanged (the
    real clock is later than every date of the demo and the fixtures)."""
    out = dict(os.environ if env is None else env)
    if "FAKETIME" in out:
        out["FAKETIME"] = f"@{LATE_TODAY.isoformat()} 10:00:00"
    return out


def targets_without_actions(*task_ids: str) -> str:
    """The real plan's text with the ``actions:`` of ``task_ids`` removed (all when none given).

    For tests of what a plan without actions does (a task tracked by ``tasks:`` status).
    """
    out: list[str] = []
    task, skipping = None, False
    for line in REAL_TARGETS.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("  - id: "):
            task, skipping = line.split()[-1], False
        elif line.startswith("    actions:") and (not task_ids or task in task_ids):
            skipping = True
            continue
        elif skipping and not line.startswith("      ") and line.strip():
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


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
