"""Two ``jianyian set`` on one report at once: no change is ever lost (issue 13, item 12).

Real processes: forked writers for the fifty pairs (the library function the
command calls, so the race is not hidden behind interpreter start-up), and real
``python -m jianyian set`` processes for the command itself.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.cli import app
from jianyian.load import load_project
from jianyian.write import roundtrip
from jianyian.write.fileio import LockTimeout, lock_file
from jianyian.write.roundtrip import parse_changes, update_report

from ..conftest import runner
from ..support.samples import JXJ_JULY

REL = "data/reports/jxj/2025-07.yaml"
PAIRS = 50
SET = [sys.executable, "-m", "jianyian", "set", "--unit", "jxj", "--month", "2025-07"]

fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def values(path: Path) -> dict[str, str]:
    """Indicator → value as written in the report's text."""
    text = path.read_text(encoding="utf-8")
    found = dict(re.findall(r"^  '?([a-z-]+)'?: \{?(?:value: )?([0-9]+)", text, re.M))
    assert "# 大模型：含在建" in text and "新增2家" in text  # comments and notes survive
    return found


def _writer(root: str, assignment: str, start, results) -> None:  # type: ignore[no-untyped-def]
    """One ``set``: the project was read (forked) before the race starts, as a
    real command reads it before it writes."""
    try:
        project = load_project(Path(root))
        start.wait(timeout=20)
        result = update_report(project, REL, parse_changes([assignment]), timeout=20)
        results.put((assignment, result.outcome))
    except BaseException as exc:
        results.put((assignment, f"{type(exc).__name__}: {exc}"))
        raise


@pytest.mark.slow
@fork
def test_fifty_pairs_of_writers_lose_nothing(make_project: Callable[..., Path]) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    report = root / REL
    ctx = multiprocessing.get_context("fork")
    deadline = time.monotonic() + 45
    for n in range(1, PAIRS + 1):
        pair = [f"ai-models={n}", f"pilot-platforms={100 + n}"]
        start = ctx.Barrier(2)
        results = ctx.Queue()
        procs = [ctx.Process(target=_writer, args=(str(root), a, start, results)) for a in pair]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=30)
        outcomes = dict(results.get(timeout=5) for _ in pair)
        assert outcomes == dict.fromkeys(pair, "written"), f"pair {n}: {outcomes}"
        assert [p.exitcode for p in procs] == [0, 0]
        got = values(report)
        # both changes of the pair are there: neither writer overwrote the other
        assert (got["ai-models"], got["pilot-platforms"]) == (str(n), str(100 + n)), n
        assert got["concept-centres"] == "3"
        assert time.monotonic() < deadline, f"too slow: {n} pairs"
    assert sorted(p.name for p in report.parent.iterdir()) == ["2025-07.yaml"]


@pytest.mark.slow
def test_real_set_commands_at_once_keep_every_change(make_project: Callable[..., Path]) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for n in range(1, 4):
        assignments = [f"ai-models={n}", f"pilot-platforms={100 + n}", f"concept-centres={n + 3}"]
        procs = [
            subprocess.Popen(
                [*SET, a, "--root", str(root)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for a in assignments
        ]
        outs = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], outs
        for out, _ in outs:
            assert "已更新" in out.decode("utf-8")
        got = values(root / REL)
        assert got == {
            "ai-models": str(n),
            "pilot-platforms": str(100 + n),
            "concept-centres": str(n + 3),
        }


def _hold(path: str, held, release) -> None:  # type: ignore[no-untyped-def]
    with lock_file(path, timeout=10):
        held.set()
        release.wait(timeout=20)


@pytest.mark.slow
@fork
def test_a_writer_that_cannot_get_the_lock_says_so_and_writes_nothing(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    before = (root / REL).read_bytes()
    ctx = multiprocessing.get_context("fork")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(str(root / REL), held, release))
    holder.start()
    try:
        assert held.wait(timeout=20)
        project = load_project(root)
        with pytest.raises(LockTimeout) as info:
            update_report(project, REL, parse_changes(["ai-models=9"]), timeout=0.2)
        assert "正被另一个 jianyian 命令修改" in str(info.value) and "请稍后重试" in str(info.value)
        # the command: exit 1 with that message, never a silent loss
        monkeypatch.setattr(roundtrip, "LOCK_TIMEOUT", 0.2)
        r = runner.invoke(
            app, ["set", "--unit", "jxj", "--month", "2025-07", "ai-models=9", "--root", str(root)]
        )
        assert r.exit_code == 1, r.output
        assert "正被另一个 jianyian 命令修改" in r.output and "Traceback" not in r.output
        assert (root / REL).read_bytes() == before
    finally:
        release.set()
        holder.join(timeout=20)
    # once it is free, the same change goes through
    assert update_report(load_project(root), REL, parse_changes(["ai-models=9"])).outcome == (
        "written"
    )
    assert values(root / REL)["ai-models"] == "9"


def test_one_lock_for_every_spelling_of_a_path(tmp_path: Path) -> None:
    from jianyian.write.fileio import lock_path

    (tmp_path / "a").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert lock_path(tmp_path / "a" / "r.yaml") == lock_path(tmp_path / "link" / "r.yaml")
    assert lock_path(tmp_path / "a" / "r.yaml") != lock_path(tmp_path / "a" / "s.yaml")
    # outside the project: no lock file ever appears beside the report
    assert not lock_path(tmp_path / "a" / "r.yaml").is_relative_to(tmp_path)
