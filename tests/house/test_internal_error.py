"""An internal error: exit 3 and one Chinese line, never a traceback (``--debug`` shows it).

The failure is forced by replacing a library function the command calls, in
process through CliRunner and in a real ``jianyian`` process (through a
``sitecustomize`` module on PYTHONPATH), so nothing of the test reaches the code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jianyian.cli import app

from ..conftest import git_commit, git_init, runner

FAILURE = "模拟的故障\n第二行"
HINT = "这是 jianyian 的缺陷，请加 --debug 重新运行查看详细信息，并报告给维护人员。"


def boom(*args, **kwargs):
    raise RuntimeError(FAILURE)


@pytest.fixture
def root(make_project) -> Path:
    root = make_project()
    git_init(root)
    git_commit(root, ["data"], "plan", date="2025-06-01T10:00:00+08:00")
    return root


@pytest.mark.parametrize(
    ("command", "module", "name"),
    [
        (["validate"], "jianyian.load", "load_project"),
        (["plan", "--json"], "jianyian.load", "load_plan"),
        (["status", "--as-of", "2025-08-10"], "jianyian.load", "load_with_history"),
        (["audit"], "jianyian.checks.audit", "audit"),
        (["audit"], "jianyian.load.gitlog", "changes"),
    ],
)
def test_one_line_and_exit_3(root, monkeypatch, command, module, name):
    monkeypatch.setattr(sys.modules.get(module) or __import__(module, fromlist=["_"]), name, boom)
    r = runner.invoke(app, [*command, "--root", str(root)])
    assert r.exit_code == 3, r.output
    assert r.stdout == ""
    assert r.stderr.splitlines() == [
        f"内部错误（RuntimeError：模拟的故障 第二行）：jianyian {command[0]} 未能完成。{HINT}"
    ]


def test_debug_shows_the_traceback(root, monkeypatch):
    import jianyian.load

    monkeypatch.setattr(jianyian.load, "load_project", boom)
    r = runner.invoke(app, ["validate", "--root", str(root), "--debug"])
    assert r.exit_code == 3
    lines = r.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "RuntimeError: 模拟的故障" in r.stderr
    assert lines[-1].startswith("内部错误（RuntimeError：")


def test_an_exception_without_a_message(root, monkeypatch):
    import jianyian.load

    def empty(*args):
        raise KeyError

    monkeypatch.setattr(jianyian.load, "load_project", empty)
    r = runner.invoke(app, ["validate", "--root", str(root)])
    assert r.exit_code == 3
    assert r.stderr.startswith("内部错误（KeyError：无详细信息）：jianyian validate 未能完成。")


# ---------------------------------------------------------------- a real process

SITECUSTOMIZE = """\
import jianyian.load


def _boom(*args, **kwargs):
    raise RuntimeError("模拟的故障")


jianyian.load.load_project = _boom
"""


def run_real(root: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("jianyian")
    if not exe.exists():
        pytest.skip("the jianyian console script is not installed next to this python")
    inject = tmp_path / "inject"
    inject.mkdir(exist_ok=True)
    (inject / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(inject),
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(exe), "validate", "--root", str(root), *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_a_real_process_prints_one_line(root, tmp_path):
    out = run_real(root, tmp_path)
    stderr = out.stderr.decode("utf-8")
    assert out.returncode == 3, stderr
    assert out.stdout == b""
    assert stderr.splitlines() == [
        f"内部错误（RuntimeError：模拟的故障）：jianyian validate 未能完成。{HINT}"
    ]
    assert "Traceback" not in stderr

    out = run_real(root, tmp_path, "--debug")
    stderr = out.stderr.decode("utf-8")
    assert out.returncode == 3
    assert "Traceback (most recent call last):" in stderr
    assert 'raise RuntimeError("模拟的故障")' in stderr


def test_a_real_process_without_the_failure_is_fine(root, tmp_path):
    exe = Path(sys.executable).with_name("jianyian")
    if not exe.exists():
        pytest.skip("the jianyian console script is not installed next to this python")
    out = subprocess.run(
        [str(exe), "validate", "--root", str(root)], capture_output=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr.decode("utf-8")
