"""Consoles, pipes and disks (issue 13, item 14), with real processes.

A GBK console prints what it can encode; ``status | head`` is a normal end; Ctrl-C
exits 130 without a traceback, also during start-up; a name too long or a full
device is the user's problem (exit 1 or 2, a Chinese message), never exit 3.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jianyian.streams import ERROR_HANDLER, configure_streams

from ..conftest import monthly

EXE = Path(sys.executable).with_name("jianyian")
AS_OF = "2025-08-10"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and devices")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONIOENCODING")}
    env.update({"COLUMNS": "120", **extra})
    return env


def _cmd(*args: str) -> list[str]:
    if EXE.exists():
        return [str(EXE), *args]
    return [sys.executable, "-m", "jianyian", *args]


def _run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        _cmd(*args), cwd=root, env=_env(**env), capture_output=True, timeout=120, check=False
    )


@pytest.fixture
def project(make_project) -> Path:
    done = monthly("jxj", "2025-07", "ai-models: 8", "submitted: 2025-08-01\n")  # ██░░░
    return make_project({"jxj/2025-07.yaml": done})


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--as-of", AS_OF),
        ("status", "--unit", "jxj", "--as-of", AS_OF),
        ("brief", "--month", "2025-07", "--as-of", AS_OF),
        ("plan",),
    ],
)
def test_gbk_console_never_crashes(project, args):
    out = _run(project, *args, PYTHONIOENCODING="gbk")
    assert out.returncode == 0, out.stderr.decode("gbk", "replace")
    text = out.stdout.decode("gbk")  # every byte is GBK
    assert "内部错误" not in out.stderr.decode("gbk", "replace")
    assert "截至 2025年8月10日" in text or "建议案" in text


def test_gbk_fallback_per_character():
    configure_streams()
    assert "░✓█…x".encode("gbk", ERROR_HANDLER) == "-√█…x".encode("gbk")
    assert "\U0001f600中".encode("gbk", ERROR_HANDLER) == "?中".encode("gbk")
    assert "░".encode("ascii", ERROR_HANDLER) == b"-"


@pytest.mark.parametrize(
    "args", [("status",), ("status", "--json"), ("brief", "--month", "2025-07"), ("plan",)]
)
def test_a_closed_pipe_is_a_normal_end(project, args):
    reader = subprocess.Popen(
        ["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    writer = subprocess.run(
        _cmd(*args, "--as-of", AS_OF) if args[0] != "plan" else _cmd(*args),
        cwd=project,
        env=_env(),
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )
    reader.stdin.close()
    reader.wait(timeout=30)
    assert writer.returncode == 0, writer.stderr.decode()
    # Nothing but the note that the project is outside git (its dates are today's).
    lines = writer.stderr.decode().splitlines()
    assert all(line.startswith("注意：") and "git" in line for line in lines), lines


@pytest.mark.slow
def test_full_device_is_a_user_error(project):
    with open("/dev/full", "wb") as full:
        for args in (("status",), ("status", "--unit", "jxj"), ("status", "--json"), ("export",)):
            out = subprocess.run(
                _cmd(*args, "--as-of", AS_OF),
                cwd=project,
                env=_env(),
                stdout=full,
                stderr=subprocess.PIPE,
                timeout=120,
                check=False,
            )
            stderr = out.stderr.decode()
            assert out.returncode == 1, (args, stderr)
            # (the project is outside git: a note says its dates count from today)
            lines = [line for line in stderr.splitlines() if not line.startswith("注意：")]
            assert lines == [
                "错误：无法写入标准输出：磁盘或设备已满（或无法写入），请清理空间后重试"
            ], args


def test_a_name_too_long_is_a_usage_error(project):
    out = _run(project, "export", "--as-of", AS_OF, "-o", "台" * 100 + ".csv")
    stderr = out.stderr.decode()
    assert out.returncode == 2, stderr
    assert stderr.startswith("错误：文件名过长，无法写入") and "内部错误" not in stderr


def test_ctrl_c_during_start_up_is_quiet(project):
    # A real process whose start-up is interrupted while the CLI is being imported.
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name == 'typer':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        "sys.argv = ['jianyian', 'status']\n"
        "from jianyian.entry import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=project, env=_env(), capture_output=True, timeout=60
    )
    assert out.returncode == 130, out.stderr.decode()
    assert b"Traceback" not in out.stderr


@pytest.mark.slow
def test_ctrl_c_during_a_command_is_quiet(project):
    (project / "templates").mkdir()
    (project / "templates" / "brief.md.j2").write_text(
        "{% for i in range(100000) %}{% for c in 'x'*1000000 %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        _cmd("brief", "--month", "2025-07", "--as-of", AS_OF),
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.0)  # the loop runs for half a minute of CPU before its own limit
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr


def test_internal_error_line_has_no_interpreter_english(project, tmp_path):
    """An exception's English text (a codec's complaint) is left to --debug."""
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(
        "import jianyian.load\n\n\n"
        "def _boom(*args, **kwargs):\n"
        "    '░'.encode('gbk')\n\n\n"
        "jianyian.load.load_project = _boom\n",
        encoding="utf-8",
    )
    out = _run(project, "validate", PYTHONPATH=str(inject))
    stderr = out.stderr.decode()
    assert out.returncode == 3, stderr
    assert stderr.startswith("内部错误（UnicodeEncodeError：无详细信息）：jianyian validate"), (
        stderr
    )
    assert "codec" not in stderr and "illegal" not in stderr
