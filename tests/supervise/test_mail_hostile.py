"""Hostile SMTP servers and careless runs (issue 30): clear-text logins, passwords echoed
back, servers that hang up or fall silent after a whole message, drip-fed greetings, two
runs at once. Every server is real, on 127.0.0.1 (tests/support/rogue_smtp.py, aiosmtpd).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.cli import app
from jianyian.render.eml import make_draft
from jianyian.write.mail import Outcome, send_drafts, summarize

from ..conftest import runner
from ..support.four_units import PLAN, REPORTS
from ..support.rogue_smtp import HOST, Seen

DAY = dt.date(2025, 8, 10)
PASSWORD = "s3cret-pass"
OFFICE = ("办公室", "office@fgw.example.cn")
PLAIN_B64 = base64.b64encode(b"\0office\0" + PASSWORD.encode()).decode()
PASSWORD_B64 = base64.b64encode(PASSWORD.encode()).decode()

Rogue = Callable[[str], tuple[int, Seen]]


def draft(unit: str = "jxj"):
    return make_draft(unit, [("张三", f"zs@{unit}.example.cn")], OFFICE, "提醒", "请报送。\n")


def remind(root: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["remind", "--root", str(root), *args], env=env)


def test_login_without_tls_is_refused_before_anything_is_sent(
    tmp_path: Path, rogue_smtp: Rogue
) -> None:
    port, seen = rogue_smtp("echo_auth")
    result = send_drafts(
        [draft()], host=HOST, port=port, day=DAY, log_path=tmp_path / "log",
        user="office", password=PASSWORD, timeout=5,
    )  # fmt: skip
    assert result.error is not None and "明文" in result.error
    assert "--allow-plain-auth" in result.error
    assert [r.outcome for r in result.results] == [Outcome.NOT_ATTEMPTED]
    assert seen.lines == []  # not even a connection's worth of commands


def test_remind_refuses_user_without_tls_as_a_usage_error(
    make_project, tmp_path: Path, rogue_smtp: Rogue
) -> None:
    port, seen = rogue_smtp("echo_auth")
    root = make_project(REPORTS, targets=PLAN)
    args = ["--as-of", "2025-07-02", "-o", str(tmp_path / "o"), "--send",
            "--smtp", f"{HOST}:{port}", "--from", "office@example.cn", "--user", "office"]  # fmt: skip
    r = remind(root, *args, env={"JIANYIAN_SMTP_PASSWORD": PASSWORD})
    assert r.exit_code == 2, r.output
    assert "明文" in r.output and "--starttls" in r.output
    assert seen.lines == []


def test_a_server_echoing_the_password_never_shows_it(
    make_project, tmp_path: Path, rogue_smtp: Rogue
) -> None:
    port, seen = rogue_smtp("echo_auth")
    result = send_drafts(
        [draft()], host=HOST, port=port, day=DAY, log_path=tmp_path / "log",
        user="office", password=PASSWORD, timeout=5, allow_plain_auth=True,
    )  # fmt: skip
    # The server did quote what it got: AUTH PLAIN's base64, then AUTH LOGIN's.
    wire = b"".join(seen.lines).decode()
    assert PLAIN_B64 in wire and PASSWORD_B64 in wire
    shown = "\n".join(summarize(result)) + "".join(r.detail for r in result.results)
    assert result.error is not None and "******" in result.error
    for secret in (PASSWORD, PLAIN_B64, PASSWORD_B64):
        assert secret not in shown

    # The same through the command, with the option that allows a clear-text login.
    root = make_project(REPORTS, targets=PLAN)
    args = ["--as-of", "2025-07-02", "-o", str(tmp_path / "o"), "--send",
            "--smtp", f"{HOST}:{port}", "--from", "office@example.cn", "--user", "office",
            "--allow-plain-auth"]  # fmt: skip
    r = remind(root, *args, env={"JIANYIAN_SMTP_PASSWORD": PASSWORD})
    assert r.exit_code == 1, r.output
    assert "拒绝登录" in r.output and "******" in r.output
    for secret in (PASSWORD, PLAIN_B64, PASSWORD_B64):
        assert secret not in r.output


# --- e-mail sent twice (item 6) ---------------------------------------------------------------


def _send_to(port: int, log: Path, **kw) -> object:
    return send_drafts(
        [draft("jxj"), draft("kjj")], host=HOST, port=port, day=DAY, log_path=log,
        timeout=1, **kw,
    )  # fmt: skip


def test_a_server_hanging_up_after_the_whole_message_is_logged_as_possibly_sent(
    tmp_path: Path, rogue_smtp: Rogue
) -> None:
    port, seen = rogue_smtp("drop_after_data")
    log = tmp_path / "sent.jsonl"
    first = _send_to(port, log)
    assert [r.outcome for r in first.results] == [Outcome.UNCERTAIN, Outcome.NOT_ATTEMPTED]
    assert first.error is not None and "可能已发出" in first.error
    assert "可能已发送 1 份" in summarize(first)[-2]
    assert len(seen.messages) == 1
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(e["unit"], e.get("uncertain")) for e in entries] == [("jxj", True)]
    # The next run does not mail jxj again; kjj goes (and is possibly sent in turn).
    second = _send_to(port, log)
    assert [r.outcome for r in second.results] == [Outcome.SKIPPED, Outcome.UNCERTAIN]
    assert len(seen.messages) == 2 and b"zs@kjj" in seen.messages[1]


def test_a_server_silent_after_the_whole_message_is_possibly_sent(
    tmp_path: Path, rogue_smtp: Rogue
) -> None:
    port, seen = rogue_smtp("silent_after_data")
    result = _send_to(port, tmp_path / "sent.jsonl")
    assert [r.outcome for r in result.results] == [Outcome.UNCERTAIN, Outcome.NOT_ATTEMPTED]
    assert len(seen.messages) == 1


@pytest.mark.skipif(
    "FAKETIME" in os.environ,
    reason="libfaketime (make test-dates) intercepts the timed waits threading.Timer uses, so the "
    "watchdog cannot fire on time there; `make test` runs this test on the real clock",
)
def test_a_dripping_greeting_meets_the_overall_deadline(tmp_path: Path, rogue_smtp: Rogue) -> None:
    port, _seen = rogue_smtp("drip_greeting")
    start = time.monotonic()
    result = _send_to(port, tmp_path / "sent.jsonl", deadline=1.5)
    assert time.monotonic() - start < 5
    assert result.error is not None and "1.5秒内没有完成问候和登录" in result.error
    assert [r.outcome for r in result.results] == [Outcome.NOT_ATTEMPTED] * 2


@pytest.mark.slow
def test_two_remind_runs_at_once_mail_each_notice_once(
    make_project, tmp_path: Path, smtp_server
) -> None:
    handler, port = smtp_server()
    root = make_project(REPORTS, targets=PLAN)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def start(folder: str, *send: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "jianyian", "remind", "--root", str(root),
             "--as-of", "2025-07-02", "-o", str(tmp_path / folder), *send],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip

    send = ("--send", "--smtp", f"{HOST}:{port}", "--from", "office@example.cn")
    # The drafts are written and read first; then two runs send from that folder at once,
    # then a third run sends from another folder.
    assert start("催报", "--from", "office@example.cn").wait(timeout=120) == 0
    runs = [start("催报", *send), start("催报", *send)]
    outs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], [(o.decode(), e.decode()) for o, e in outs]
    third = start("另一个文件夹", *send)
    out3 = third.communicate(timeout=120)
    assert third.returncode == 0, out3
    # a and b have liaisons: each is mailed exactly once over the three runs.
    assert sorted(tuple(to) for _f, to, _d, _t in handler.messages) == [
        ("li@b.example.cn", "wang@b.example.cn"),
        ("zhang@a.example.cn",),
    ]
    assert "今日已发送过，跳过" in out3[0].decode("utf-8")
