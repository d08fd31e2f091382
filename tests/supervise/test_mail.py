"""E-mail drafts and sending them through a real SMTP server on 127.0.0.1 (issue 18).

Every server here is an aiosmtpd Controller started by the test on 127.0.0.1 with a port of
its own; every client call has a short timeout, so no test can hang on the network.
"""

from __future__ import annotations

import datetime as dt
import email
import os
import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from jianyian.render.eml import (
    Attachment,
    MailDraft,
    build_eml,
    draft_key,
    draft_problems,
    make_draft,
    message_id,
)
from jianyian.write.mail import (
    PASSWORD_ENV,
    Outcome,
    SendResult,
    SentEntry,
    already_sent,
    append_sent_log,
    parse_sent_log,
    read_sent_log,
    send_drafts,
    summarize,
)

from ..support.smtp import (
    HOST,
    Recorder,
    body_of,
    free_port,
    rfc2047_display_name,
)

DAY = dt.date(2025, 8, 10)
NEXT_DAY = dt.date(2025, 8, 11)
OFFICE = ("市人工智能产业发展领导小组办公室", "office@fgw.example.cn")
TIMEOUT = 5.0

BODY_JXJ = (
    "市经信局：\n\n"
    "根据《市政协十四届四次会议2号建议案办理工作方案》，贵单位以下事项已逾期：\n"
    "  1. 2025年7月报送数据（应于2025年8月5日前报送），已逾期5天。\n\n"
    "请于收到本通知后尽快报送。\n\n"
    "市人工智能产业发展领导小组办公室\n"
    "2025年8月10日\n"
)
BODY_KJJ = "市科技局：\n\n贵单位“算力券”指标为未报送，请于2025年8月13日前报送。\n"


def jxj() -> MailDraft:
    return make_draft(
        "jxj",
        [("张三", "zhangsan@jxj.example.cn"), ("李四", "lisi@jxj.example.cn")],
        OFFICE,
        "关于报送2025年7月工作进展的提醒（市经信局）",
        BODY_JXJ,
    )


def kjj() -> MailDraft:
    return make_draft(
        "kjj",
        [("王五", "wangwu@kjj.example.cn")],
        OFFICE,
        "关于报送2025年7月工作进展的提醒（市科技局）",
        BODY_KJJ,
    )


def parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


# --- a real SMTP server ---------------------------------------------------------------------


def send(drafts: list[MailDraft], port: int, log: Path, **kw: Any) -> SendResult:
    kw.setdefault("day", DAY)
    return send_drafts(drafts, host=HOST, port=port, log_path=log, timeout=TIMEOUT, **kw)


def outcomes(result: SendResult) -> list[tuple[str, Outcome]]:
    return [(r.unit_id, r.outcome) for r in result.results]


# --- drafts ---------------------------------------------------------------------------------


def test_eml_parses_back_with_the_standard_library() -> None:
    draft = jxj()
    data = build_eml(draft, date=DAY)
    msg = parse(data)

    assert msg["Subject"] == "关于报送2025年7月工作进展的提醒（市经信局）"
    assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
        ("张三", "zhangsan@jxj.example.cn"),
        ("李四", "lisi@jxj.example.cn"),
    ]
    # The office's long name is folded into two encoded-words. policy.default's parser puts a
    # space between them (CPython issue 128110, against RFC 2047 section 6.2); the legacy
    # decoder, like mail clients, joins them.
    assert msg["From"].addresses[0].addr_spec == OFFICE[1]
    assert msg["From"].addresses[0].display_name.replace(" ", "") == OFFICE[0]
    assert rfc2047_display_name(data, "From") == OFFICE[0]
    assert msg["Date"].datetime == dt.datetime(
        2025, 8, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )
    # Issue 32: the sender's domain, not jianyian.invalid.
    assert msg["Message-ID"] == f"<{draft.key[:16]}.20250810@fgw.example.cn>"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert body_of(msg) == BODY_JXJ


def test_eml_is_seven_bit_with_short_crlf_lines() -> None:
    data = build_eml(jxj(), date=DAY)
    data.decode("ascii")  # raises if any 8-bit byte slipped in
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 78


def test_eml_is_deterministic_and_dated_by_the_parameter() -> None:
    assert build_eml(jxj(), date=DAY) == build_eml(jxj(), date=DAY)
    later = parse(build_eml(jxj(), date=NEXT_DAY))
    assert later["Date"].datetime.date() == NEXT_DAY
    assert later["Message-ID"] == message_id(jxj().key, NEXT_DAY, domain="fgw.example.cn")
    assert later["Message-ID"] != parse(build_eml(jxj(), date=DAY))["Message-ID"]
    other = parse(build_eml(jxj(), date=DAY, domain="example.org"))
    assert other["Message-ID"].endswith("@example.org>")


def test_an_attachment_keeps_the_message_seven_bit_and_deterministic() -> None:
    """Issue 32: a notice with the unit's form is multipart/mixed with a boundary of its own
    (not random: same draft, same bytes), the name RFC 2231-encoded, the key covering it."""
    form = Attachment("经信局-2025-07.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40)
    d = jxj()
    draft = make_draft("jxj", d.to, OFFICE, d.subject, d.body, [form])
    assert draft.key != d.key and draft.key == draft_key("jxj", d.subject, d.body, [form])
    sent_at = dt.datetime(2025, 8, 11, 16, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    data = build_eml(draft, date=sent_at)
    assert data == build_eml(draft, date=sent_at)
    data.decode("ascii")
    # Short lines, but for the xlsx media type: one token, it cannot be folded (RFC 5322
    # allows 998; 78 is a recommendation).
    long = [line for line in data.split(b"\r\n") if len(line) > 78]
    assert long == [
        b"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ]
    msg = parse(data)
    assert msg["Date"].datetime == sent_at
    assert msg["Message-ID"] == f"<{draft.key[:16]}.20250811@fgw.example.cn>"
    assert body_of(msg) == BODY_JXJ
    (part,) = msg.iter_attachments()
    assert part.get_filename() == "经信局-2025-07.xlsx" and part.get_content() == form.data
    assert b"filename*=utf-8''" in data  # RFC 2231


def test_key_follows_the_content_not_the_recipients() -> None:
    d = jxj()
    assert d.key == draft_key("jxj", d.subject, d.body)
    assert draft_key("jxj", d.subject, d.body + "补充") != d.key
    assert draft_key("kjj", d.subject, d.body) != d.key
    # ("a", "bc") and ("ab", "c") must not collide through naive concatenation
    assert draft_key("u", "a", "bc") != draft_key("u", "ab", "c")
    moved = make_draft("jxj", [("新联络员", "new@jxj.example.cn")], OFFICE, d.subject, d.body)
    assert moved.key == d.key


def test_header_injection_through_subject_and_names_is_impossible() -> None:
    draft = make_draft(
        "jxj",
        [
            ("张三\r\nBcc: evil@attacker.example", "zhangsan@jxj.example.cn"),
            ('李四, <evil2@attacker.example>, "x"', "lisi@jxj.example.cn"),
        ],
        ("办公室\nReply-To: evil@attacker.example", "office@fgw.example.cn"),
        "催报\r\nBcc: evil@attacker.example\u2028X-Evil: 1",
        "正文\r\nBcc: 这一行在正文里，不是信头\n",
    )
    data = build_eml(draft, date=DAY)
    msg = parse(data)

    assert sorted(k.lower() for k in msg) == sorted(
        [
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "content-type",
            "content-transfer-encoding",
            "mime-version",
        ]
    )
    assert [a.addr_spec for a in msg["To"].addresses] == [
        "zhangsan@jxj.example.cn",
        "lisi@jxj.example.cn",
    ]
    tricky = '李四, <evil2@attacker.example>, "x"'
    assert msg["To"].addresses[1].display_name.replace(" ", "") == tricky.replace(" ", "")
    raw_to = email.message_from_bytes(data, policy=policy.compat32)["To"]
    names = [str(make_header(decode_header(n))) for n, _a in getaddresses([str(raw_to)])]
    assert names == ["张三 Bcc: evil@attacker.example", tricky]
    assert msg["Subject"] == "催报 Bcc: evil@attacker.example X-Evil: 1"
    assert b"attacker" not in data.split(b"\r\n\r\n", 1)[1]  # body is base64: nothing readable
    assert "Bcc: 这一行在正文里" in body_of(msg)


def test_an_address_with_a_line_break_is_a_problem_not_a_header() -> None:
    bad = make_draft("jxj", [("张三", "a@jxj.example.cn\r\nBcc: evil@x.example")], OFFICE, "s", "b")
    problems = draft_problems(bad)
    assert len(problems) == 1
    assert "jxj" in problems[0]
    assert "格式不正确" in problems[0]
    with pytest.raises(ValueError, match="格式不正确"):
        build_eml(bad, date=DAY)
    for addr in ["no-at-sign", "a b@x.cn", "张三@x.cn", "<a@x.cn>", "a@x.cn,b@y.cn", "a@"]:
        assert draft_problems(bad._replace(to=[("n", addr)])), addr
    assert draft_problems(jxj()) == []
    assert draft_problems(jxj()._replace(key="ab/../c"))
    assert draft_problems(jxj(), domain="bad domain")


# --- the sent log ---------------------------------------------------------------------------


def test_log_round_trip_and_already_sent(tmp_path: Path) -> None:
    log = tmp_path / "催报" / ".sent.jsonl"
    log.parent.mkdir()
    assert read_sent_log(log) == ((), ())
    entry = SentEntry("2025-08-10", "jxj", jxj().key, ("zhangsan@jxj.example.cn",), "<m@x>")
    append_sent_log(log, entry)
    append_sent_log(log, entry._replace(unit="kjj", key=kjj().key))

    read = read_sent_log(log)
    assert read.problems == ()
    assert read.entries[0] == entry
    assert len(read.entries) == 2
    assert log.read_text(encoding="utf-8").count("\n") == 2
    assert already_sent(read.entries, jxj(), DAY)
    assert already_sent(read.entries, kjj(), DAY)
    assert not already_sent(read.entries, jxj(), NEXT_DAY)
    changed = make_draft("jxj", jxj().to, OFFICE, jxj().subject, BODY_JXJ + "又及")
    assert not already_sent(read.entries, changed, DAY)


def test_log_problems_are_located(tmp_path: Path) -> None:
    good = SentEntry("2025-08-10", "jxj", "k", ("a@b.cn",), "<m@x>").to_json()
    text = "\n".join([good, "{not json", '{"day": "2025-08-10"}', good.replace("2025", "x")])
    read = parse_sent_log(text, name="催报/.sent.jsonl")
    assert len(read.entries) == 1
    assert [p.split(":")[1] for p in read.problems] == ["2", "3", "4"]
    assert all(p.startswith("催报/.sent.jsonl:") for p in read.problems)


def test_append_starts_a_fresh_line_after_a_hand_edited_log(tmp_path: Path) -> None:
    log = tmp_path / ".sent.jsonl"
    first = SentEntry("2025-08-10", "jxj", "k1", ("a@b.cn",), "<m1@x>")
    log.write_text(first.to_json(), encoding="utf-8")  # no final newline
    append_sent_log(log, first._replace(key="k2"))
    read = read_sent_log(log)
    assert read.problems == ()
    assert [e.key for e in read.entries] == ["k1", "k2"]


# --- sending through a real server ----------------------------------------------------------


def test_send_two_then_skip_the_same_day_then_send_the_next_day(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server()
    log = tmp_path / "催报" / ".sent.jsonl"
    log.parent.mkdir()

    first = send([jxj(), kjj()], port, log)
    assert first.ok, first.error
    assert outcomes(first) == [("jxj", Outcome.SENT), ("kjj", Outcome.SENT)]
    assert len(server.messages) == 2
    (from1, rcpt1, data1, _), (from2, rcpt2, data2, _) = server.messages
    assert from1 == from2 == OFFICE[1]
    assert rcpt1 == ["zhangsan@jxj.example.cn", "lisi@jxj.example.cn"]
    assert rcpt2 == ["wangwu@kjj.example.cn"]
    got1, got2 = parse(data1), parse(data2)
    assert got1["Subject"] == jxj().subject
    assert body_of(got1) == BODY_JXJ
    assert got2["Subject"] == kjj().subject
    assert body_of(got2) == BODY_KJJ
    assert got1["Message-ID"] == first.results[0].message_id

    entries = read_sent_log(log).entries
    assert [(e.day, e.unit, e.key, e.to) for e in entries] == [
        ("2025-08-10", "jxj", jxj().key, ("zhangsan@jxj.example.cn", "lisi@jxj.example.cn")),
        ("2025-08-10", "kjj", kjj().key, ("wangwu@kjj.example.cn",)),
    ]
    assert [e.message_id for e in entries] == [r.message_id for r in first.results]
    logged = log.read_bytes()

    again = send([jxj(), kjj()], port, log)
    assert again.ok
    assert outcomes(again) == [("jxj", Outcome.SKIPPED), ("kjj", Outcome.SKIPPED)]
    assert len(server.messages) == 2
    assert log.read_bytes() == logged

    # Nothing to send means no connection: a run with the server gone still just skips.
    offline = send([jxj(), kjj()], free_port(), log)
    assert offline.ok
    assert [o for _u, o in outcomes(offline)] == [Outcome.SKIPPED, Outcome.SKIPPED]

    tomorrow = send([jxj(), kjj()], port, log, day=NEXT_DAY)
    assert tomorrow.ok
    assert [o for _u, o in outcomes(tomorrow)] == [Outcome.SENT, Outcome.SENT]
    assert len(server.messages) == 4
    assert len(read_sent_log(log).entries) == 4
    assert parse(server.messages[2][2])["Date"].datetime.date() == NEXT_DAY


def test_no_liaison_and_invalid_drafts_are_reported_and_the_rest_sent(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server()
    orphan = make_draft("qxj", [], OFFICE, "提醒", "正文")
    broken = make_draft("hbj", [("赵六", "zhaoliu at hbj")], OFFICE, "提醒", "正文")
    result = send([orphan, jxj(), broken, jxj()], port, tmp_path / "log.jsonl")

    assert result.ok
    assert outcomes(result) == [
        ("qxj", Outcome.NO_LIAISON),
        ("jxj", Outcome.SENT),
        ("hbj", Outcome.INVALID),
        ("jxj", Outcome.SKIPPED),  # the same notice twice in one run goes out once
    ]
    assert len(server.messages) == 1
    summary = summarize(result)
    assert summary[0] == "qxj：无联络员邮箱，未发送 → （无收件人）"
    assert summary[1] == "jxj：已发送 → zhangsan@jxj.example.cn、lisi@jxj.example.cn"
    assert "zhaoliu at hbj" in summary[2]
    assert summary[-1] == (
        "共 4 份通知：已发送 1 份，今日已发送过跳过 1 份，无联络员邮箱 1 份，有误 1 份，失败或未发送 0 份"
    )


def test_refused_connection_names_the_server_and_sends_nothing(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / ".sent.jsonl"
    result = send([jxj(), kjj()], port, log)

    assert result.error == f"无法连接邮件服务器 127.0.0.1:{port}：连接被拒绝"
    assert not result.ok
    assert [o for _u, o in outcomes(result)] == [Outcome.NOT_ATTEMPTED] * 2
    assert result.sent == ()
    assert not log.exists()  # created to check it is writable, removed as nothing went out
    assert summarize(result)[-1] == f"错误：无法连接邮件服务器 127.0.0.1:{port}：连接被拒绝"


@pytest.mark.slow
def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((HOST, 0))
        listener.listen(1)  # the kernel completes the handshake; nobody ever greets
        port = listener.getsockname()[1]
        result = send_drafts(
            [jxj()], host=HOST, port=port, day=DAY, log_path=tmp_path / "l", timeout=0.5
        )
    assert result.error == f"邮件服务器 127.0.0.1:{port} 在0.5秒内没有响应"
    assert outcomes(result) == [("jxj", Outcome.NOT_ATTEMPTED)]


def test_a_refused_recipient_stops_the_run_after_what_went_out(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server(Recorder(refuse_rcpt={"lisi@jxj.example.cn"}))
    hbj = make_draft("hbj", [("赵六", "zhaoliu@hbj.example.cn")], OFFICE, "提醒", "正文")
    log = tmp_path / ".sent.jsonl"
    result = send([kjj(), jxj(), hbj], port, log)

    assert outcomes(result) == [
        ("kjj", Outcome.SENT),
        ("jxj", Outcome.FAILED),
        ("hbj", Outcome.NOT_ATTEMPTED),
    ]
    assert result.error is not None
    assert result.error.startswith(
        f"邮件服务器 127.0.0.1:{port} 拒绝了收件人 lisi@jxj.example.cn（550"
    )
    assert "单位 jxj 的通知未发送" in result.error
    # all or nothing per message: jxj's other liaison got nothing either
    assert [rcpt for _f, rcpt, _d, _s in server.messages] == [["wangwu@kjj.example.cn"]]
    assert [e.unit for e in read_sent_log(log).entries] == ["kjj"]
    assert [r.unit_id for r in result.sent] == ["kjj"]

    # The address fixed, a rerun the same day sends only what did not go out.
    server.refuse_rcpt.clear()
    rerun = send([kjj(), jxj(), hbj], port, log)
    assert outcomes(rerun) == [
        ("kjj", Outcome.SKIPPED),
        ("jxj", Outcome.SENT),
        ("hbj", Outcome.SENT),
    ]
    assert len(server.messages) == 3


def test_a_rejected_message_stops_the_run(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server(Recorder(refuse_data_after=1))
    result = send([jxj(), kjj()], port, tmp_path / ".sent.jsonl")
    assert outcomes(result) == [("jxj", Outcome.SENT), ("kjj", Outcome.FAILED)]
    assert result.error == (
        f"邮件服务器 127.0.0.1:{port} 拒收了单位 kjj 的通知"
        "（554 5.7.1 message rejected by policy），已停止发送"
    )
    assert len(server.messages) == 1


def test_starttls_against_a_server_without_it(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server()
    result = send([jxj()], port, tmp_path / ".sent.jsonl", starttls=True)
    assert result.error == f"邮件服务器 127.0.0.1:{port} 不支持 STARTTLS 加密，未发送任何邮件"
    assert server.messages == []


@pytest.fixture
def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def test_starttls_with_a_certificate(
    tmp_path: Path,
    smtp_server: Callable[..., tuple[Recorder, int]],
    self_signed: tuple[Path, Path],
) -> None:
    cert, key = self_signed
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    server, port = smtp_server(tls_context=server_ctx, require_starttls=True)

    untrusted = send([jxj()], port, tmp_path / "a.jsonl", starttls=True)
    assert untrusted.error is not None
    assert untrusted.error.startswith(f"邮件服务器 127.0.0.1:{port} 的证书校验未通过")
    assert server.messages == []

    # Without STARTTLS a server that requires it refuses the message: a clear stop, no send.
    plain = send([jxj()], port, tmp_path / "b.jsonl")
    assert plain.error is not None
    assert f"127.0.0.1:{port}" in plain.error
    assert server.messages == []

    trusted = ssl.create_default_context(cafile=str(cert))
    result = send([jxj()], port, tmp_path / "c.jsonl", starttls=True, tls_context=trusted)
    assert result.ok, result.error
    assert len(server.messages) == 1
    assert server.messages[0][3]  # the session was encrypted
    assert body_of(parse(server.messages[0][2])) == BODY_JXJ


def office_only(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"office"
        and auth_data.password == b"s3cret-pass"
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends the 535


@pytest.mark.filterwarnings("ignore::UserWarning")  # aiosmtpd warns about AUTH without TLS
def test_auth_good_and_bad_password(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server(
        authenticator=office_only, auth_required=True, auth_require_tls=False
    )

    plain = {"allow_plain_auth": True}  # aiosmtpd here has no TLS; issue 30 refuses otherwise
    bad = send([jxj()], port, tmp_path / "a.jsonl", user="office", password="wrong", **plain)
    assert bad.error is not None
    assert bad.error.startswith(f"邮件服务器 127.0.0.1:{port} 拒绝登录：用户名或密码错误（535")
    assert server.messages == []

    missing = send([jxj()], port, tmp_path / "b.jsonl", user="office")
    assert missing.error == (
        f"未提供邮件服务器 127.0.0.1:{port} 的登录密码：请设置环境变量 {PASSWORD_ENV}"
    )
    assert PASSWORD_ENV == "JIANYIAN_SMTP_PASSWORD"

    chinese = send([jxj()], port, tmp_path / "e.jsonl", user="office", password="口令", **plain)
    assert chinese.error == (
        f"登录邮件服务器 127.0.0.1:{port} 的用户名和密码只能包含英文字母、数字和符号"
    )

    anonymous = send([jxj()], port, tmp_path / "c.jsonl")
    assert anonymous.error is not None
    assert "530" in anonymous.error
    assert server.messages == []

    good = send(
        [jxj(), kjj()], port, tmp_path / "d.jsonl", user="office", password="s3cret-pass", **plain
    )
    assert good.ok, good.error
    assert len(server.messages) == 2


def test_sender_override_sets_from_and_envelope(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server()
    result = send([jxj()], port, tmp_path / "l", sender=("督办组", "duban@fgw.example.cn"))
    assert result.ok
    mail_from, _rcpt, data, _tls = server.messages[0]
    assert mail_from == "duban@fgw.example.cn"
    assert parse(data)["From"].addresses[0].display_name == "督办组"


def test_an_unreadable_log_sends_nothing(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server()
    log = tmp_path / ".sent.jsonl"
    log.write_text(SentEntry("2025-08-10", "x", "k", (), "<m@x>").to_json() + "\n{broken\n")
    result = send([jxj()], port, log)
    assert result.error is not None
    assert result.error.startswith("发送记录有误，为避免重复发送，本次未发送任何邮件")
    assert f"{log}:2:" in result.error
    assert server.messages == []


def test_an_unwritable_log_sends_nothing(
    tmp_path: Path, smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp_server()
    target = tmp_path / "elsewhere.jsonl"
    target.write_text("")
    link = tmp_path / ".sent.jsonl"
    link.symlink_to(target)
    result = send([jxj()], port, link)
    assert result.error == f"无法写入发送记录 {link}：是符号链接，拒绝写入，本次未发送任何邮件"
    assert server.messages == []
    assert target.read_text() == ""
    assert outcomes(result) == [("jxj", Outcome.NOT_ATTEMPTED)]


def test_each_send_is_logged_and_fsynced_before_the_next(
    tmp_path: Path,
    smtp_server: Callable[..., tuple[Recorder, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, port = smtp_server()
    log = tmp_path / ".sent.jsonl"
    seen: list[tuple[int, int]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        seen.append((len(server.messages), len(read_sent_log(log).entries)))

    monkeypatch.setattr("jianyian.write.sentlog.os.fsync", fsync)
    result = send([jxj(), kjj()], port, log)
    assert result.ok
    # After message n went out, the log held n lines on disk before message n+1 was sent.
    assert seen == [(1, 1), (2, 2)]
