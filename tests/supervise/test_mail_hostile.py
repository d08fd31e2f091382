"""Hostile SMTP servers and careless runs (issue 30): clear-text logins, passwords echoed
back, servers that hang up or fall silent after a whole message, drip-fed greetings, two
runs at once. Every server is real, on 127.0.0.1 (tests/support/rogue_smtp.py, aiosmtpd).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from pathlib import Path

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
