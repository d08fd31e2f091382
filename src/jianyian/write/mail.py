"""Sending 催报 e-mail drafts through an SMTP server, and the sent log (issue 18).

The drafts themselves (pure) are :mod:`jianyian.render.eml`. Here:

- **The sent log** (:mod:`jianyian.write.sentlog`): one JSON line per message the server
  accepted, appended and fsynced right after each send.
- **Sending** (:func:`send_drafts`): smtplib, one connection, stops at the first failure and
  returns everything as data (:class:`SendResult`): what went out, what was skipped, and one
  Chinese sentence naming the server when it stopped. It never raises for a network, server
  or log problem.

The SMTP password is never an option: the CLI reads it from the environment variable named by
:data:`PASSWORD_ENV` and passes it in.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import enum
import os
import smtplib
import socket
import ssl
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..render.eml import (
    MailDraft,
    build_eml,
    draft_problems,
    message_id,
    safe_text,
    sender_domain,
)
from .sentlog import (
    LogRead,
    SentEntry,
    already_sent,
    append_entry,
    append_sent_log,
    open_sent_log,
    os_reason,
    parse_sent_log,
    read_sent_log,
)

__all__ = [
    "PASSWORD_ENV",
    "DraftResult",
    "LogRead",
    "Outcome",
    "SendResult",
    "SentEntry",
    "already_sent",
    "append_sent_log",
    "parse_sent_log",
    "plain_auth_refusal",
    "read_sent_log",
    "redact",
    "redact_text",
    "secrets_of",
    "send_drafts",
    "summarize",
]

#: The environment variable the CLI reads the SMTP password from (never an option: options
#: end up in shell history and in ``ps``).
PASSWORD_ENV = "JIANYIAN_SMTP_PASSWORD"

# --- sending --------------------------------------------------------------------------------


class Outcome(str, enum.Enum):
    """What happened to one draft in a run."""

    SENT = "sent"
    SKIPPED = "skipped"  # already sent today (per the log)
    NO_LIAISON = "no_liaison"  # no address to send to
    INVALID = "invalid"  # bad addresses or key; see the detail
    FAILED = "failed"  # the server or network refused it; the run stopped here
    #: the whole message went out but the server hung up or fell silent before saying it
    #: took it: logged as possibly sent, never sent again automatically
    UNCERTAIN = "uncertain"
    NOT_ATTEMPTED = "not_attempted"  # the run stopped before reaching it

    @property
    def label(self) -> str:
        """The Chinese word for the summary."""
        return _LABELS[self]


_LABELS = {
    Outcome.SENT: "已发送",
    Outcome.SKIPPED: "今日已发送过，跳过",
    Outcome.NO_LIAISON: "无联络员邮箱，未发送",
    Outcome.INVALID: "邮件有误，未发送",
    Outcome.FAILED: "发送失败",
    Outcome.UNCERTAIN: "可能已发送（服务器未确认），不再重发",
    Outcome.NOT_ATTEMPTED: "未发送（已停止）",
}


class DraftResult(NamedTuple):
    """One draft's fate: its unit, outcome, recipients' addresses and a Chinese detail."""

    unit_id: str
    outcome: Outcome
    to: tuple[str, ...]
    message_id: str | None
    detail: str


class SendResult(NamedTuple):
    """A run of :func:`send_drafts`: one result per draft, in order, and the stopping error."""

    results: tuple[DraftResult, ...]
    error: str | None  # a Chinese sentence naming the server (or log) when the run stopped

    @property
    def ok(self) -> bool:
        """No error stopped the run (drafts without a liaison or already sent are fine)."""
        return self.error is None

    @property
    def sent(self) -> tuple[DraftResult, ...]:
        """The drafts that went out in this run."""
        return tuple(r for r in self.results if r.outcome is Outcome.SENT)


class _Stop(Exception):
    """Internal: the run must stop; ``args[0]`` is the Chinese sentence. Never escapes."""


class _Uncertain(_Stop):
    """Internal: the message was transmitted whole, the server's answer never came."""


#: How long a run waits for another run's lock on the sent log before giving up.
LOG_LOCK_TIMEOUT = 300.0


class _Watchdog:
    """Closes the connection when a phase of the conversation outlasts ``seconds``.

    The per-read timeout alone lets a server that drips a byte at a time hold the run
    forever; this bounds the whole phase (greeting and login, or one message)."""

    def __init__(self, smtp: smtplib.SMTP, seconds: float) -> None:
        self.smtp = smtp
        self.seconds = seconds
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        sock = getattr(self.smtp, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def send_drafts(
    drafts: Sequence[MailDraft],
    *,
    host: str,
    port: int,
    day: dt.date,
    log_path: Path,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    sender: tuple[str, str] | None = None,
    timeout: float = 30,
    domain: str | None = None,
    tls_context: ssl.SSLContext | None = None,
    sent_at: dt.datetime | None = None,
    implicit_tls: bool = False,
    allow_plain_auth: bool = False,
    deadline: float | None = None,
    other_logs: Sequence[Path] = (),
    lock_timeout: float = LOG_LOCK_TIMEOUT,
) -> SendResult:
    """Send ``drafts`` through the SMTP server at ``host:port`` on ``day``; never raises.

    Each message's ``Date`` is ``sent_at`` (the time it goes out, an aware datetime the
    caller reads from its clock; ``day`` at 09:00 without it) and its Message-ID ends with
    ``domain``, by default the sender's (``office@fgw.example.cn`` → ``fgw.example.cn``).

    Drafts without recipients are :attr:`Outcome.NO_LIAISON`, bad ones
    :attr:`Outcome.INVALID`, ones the log at ``log_path`` holds for ``day``
    :attr:`Outcome.SKIPPED`; the rest go out in order over one connection. Each accepted
    message is appended to the log (and fsynced) before the next is sent. A message goes to
    all its recipients or to none (one refused recipient aborts it with RSET).

    The first failure (connection refused, timeout, STARTTLS or AUTH refused, a recipient or
    message refused, the log not writable) stops the run: that draft is
    :attr:`Outcome.FAILED`, the rest :attr:`Outcome.NOT_ATTEMPTED`, and ``error`` says why,
    naming the server. A log that cannot be read stops the run before anything is sent (it
    would otherwise risk a duplicate). Nothing to send means no connection at all.

    ``sender`` replaces every draft's From (the CLI's ``--from``). ``user`` logs in with
    ``password`` (read by the CLI from :data:`PASSWORD_ENV`). ``starttls`` upgrades the
    connection before logging in, verifying the certificate with ``tls_context`` (default:
    the system's trusted CAs); ``implicit_tls`` speaks TLS from the first byte (port 465).
    Logging in over a connection that is not encrypted is refused unless
    ``allow_plain_auth`` (the password would cross the network in clear text). The password,
    and its base64 forms as AUTH PLAIN and LOGIN send them, never appear in the result: a
    server that quotes them in a refusal is shown with ``******`` instead.

    The run holds a lock on the log from reading it to its last line, so two runs at once
    never mail the same notice twice; ``other_logs`` (an older log elsewhere) count as
    sent too. A message the server received whole but never acknowledged (it hung up or
    fell silent after the final dot) is :attr:`Outcome.UNCERTAIN`: logged as possibly
    sent (``"uncertain": true``) and not sent again. ``deadline`` (default twice
    ``timeout``) bounds the greeting and login together, and each message.
    """
    from .fileio import LockTimeout, lock_file

    try:
        with lock_file(log_path, timeout=lock_timeout):
            result = _send(
                drafts,
                host=host,
                port=port,
                day=day,
                log_path=log_path,
                starttls=starttls,
                user=user,
                password=password,
                sender=sender,
                timeout=timeout,
                domain=domain,
                tls_context=tls_context,
                sent_at=sent_at,
                implicit_tls=implicit_tls,
                allow_plain_auth=allow_plain_auth,
                deadline=deadline if deadline is not None else 2 * timeout,
                other_logs=other_logs,
            )
    except LockTimeout:
        result = _stopped_before_start(
            drafts,
            f"另一个 jianyian remind --send 正在使用发送记录 {log_path}，等待 {lock_timeout:g} 秒后"
            "仍未轮到；为避免重复发送，本次未发送任何邮件，请稍后重试",
        )
    return redact(result, secrets_of(user, password))


def secrets_of(user: str | None, password: str | None) -> tuple[str, ...]:
    """The strings that must never be shown: the password, and its base64 as sent by AUTH
    LOGIN (the password alone) and AUTH PLAIN (NUL, user, NUL, password); longest first."""
    if not password:
        return ()
    raw = password.encode("utf-8", "replace")
    forms = {password, base64.b64encode(raw).decode("ascii")}
    if user is not None:
        plain = b"\0" + user.encode("utf-8", "replace") + b"\0" + raw
        forms.add(base64.b64encode(plain).decode("ascii"))
    return tuple(sorted(forms, key=len, reverse=True))


def redact_text(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every secret replaced by ``******``."""
    for secret in secrets:
        text = text.replace(secret, "******")
    return text


def redact(result: SendResult, secrets: Sequence[str]) -> SendResult:
    """``result`` with every secret in its error and details replaced by ``******``."""
    if not secrets:
        return result
    error = redact_text(result.error, secrets) if result.error is not None else None
    results = tuple(r._replace(detail=redact_text(r.detail, secrets)) for r in result.results)
    return SendResult(results, error)


def _send(
    drafts: Sequence[MailDraft],
    *,
    host: str,
    port: int,
    day: dt.date,
    log_path: Path,
    starttls: bool,
    user: str | None,
    password: str | None,
    sender: tuple[str, str] | None,
    timeout: float,
    domain: str | None,
    tls_context: ssl.SSLContext | None,
    sent_at: dt.datetime | None,
    implicit_tls: bool,
    allow_plain_auth: bool,
    deadline: float,
    other_logs: Sequence[Path],
) -> SendResult:
    server = _server_name(host, port)
    if sender is not None:
        drafts = [d._replace(sender=sender) for d in drafts]

    log = read_sent_log(log_path)
    for other in other_logs:
        more = read_sent_log(other)
        log = LogRead(log.entries + more.entries, log.problems + more.problems)
    if log.problems:
        error = "发送记录有误，为避免重复发送，本次未发送任何邮件：" + "；".join(log.problems)
        return _stopped_before_start(drafts, error)
    if user is not None and password is None:
        error = f"未提供邮件服务器 {server} 的登录密码：请设置环境变量 {PASSWORD_ENV}"
        return _stopped_before_start(drafts, error)
    if user is not None and not (user + (password or "")).isascii():
        # smtplib sends AUTH data as ASCII only; say so instead of failing mid-login.
        error = f"登录邮件服务器 {server} 的用户名和密码只能包含英文字母、数字和符号"
        return _stopped_before_start(drafts, error)
    if user is not None and not (starttls or implicit_tls or allow_plain_auth):
        return _stopped_before_start(drafts, plain_auth_refusal(server))

    results: list[DraftResult | None] = []
    pending: list[tuple[int, MailDraft, bytes, str]] = []
    queued: set[tuple[str, str]] = set()
    for i, draft in enumerate(drafts):
        if not draft.to:
            results.append(_result(draft, Outcome.NO_LIAISON, None, "该单位没有联络员邮箱"))
            continue
        where = sender_domain(draft) if domain is None else domain
        problems = draft_problems(draft, domain=where)
        if problems:
            results.append(_result(draft, Outcome.INVALID, None, "；".join(problems)))
            continue
        # The Message-ID the message carries: its Date's day.
        mid = message_id(draft.key, sent_at.date() if sent_at else day, domain=where)
        if already_sent(log.entries, draft, day):
            results.append(_result(draft, Outcome.SKIPPED, mid, "今日已发送过同一通知"))
            continue
        if (draft.unit_id, draft.key) in queued:
            results.append(_result(draft, Outcome.SKIPPED, mid, "与本次另一份通知相同"))
            continue
        queued.add((draft.unit_id, draft.key))
        results.append(None)
        eml = build_eml(draft, date=sent_at or day, domain=where)
        pending.append((i, draft, eml, mid))
    if not pending:
        return SendResult(tuple(r for r in results if r is not None), None)

    error: str | None = None
    smtp: smtplib.SMTP | None = None
    fd: int | None = None
    attempting: int | None = None  # index in ``results`` of the draft on the wire
    # The log is opened before connecting so an unwritable log stops the run before anything
    # goes out; a log this run created and never wrote to is removed again.
    created = not log_path.exists()
    try:
        try:
            fd = open_sent_log(log_path)
        except OSError as exc:
            raise _Stop(
                f"无法写入发送记录 {log_path}：{os_reason(exc)}，本次未发送任何邮件"
            ) from None
        smtp = _connect(
            host, port, server, timeout, starttls, tls_context, user, password, implicit_tls,
            deadline,
        )  # fmt: skip
        for i, draft, eml, mid in pending:
            attempting = i
            try:
                _deliver(smtp, server, draft, eml, deadline)
            except _Uncertain as unsure:
                attempting = None
                results[i] = _result(draft, Outcome.UNCERTAIN, mid, str(unsure.args[0]))
                entry = SentEntry(
                    day.isoformat(), draft.unit_id, draft.key, results[i].to, mid, True
                )
                try:
                    append_entry(fd, entry)
                except OSError as exc:
                    raise _Stop(
                        f"{unsure.args[0]}；且无法写入发送记录 {log_path}：{os_reason(exc)}"
                    ) from None
                raise _Stop(str(unsure.args[0])) from None
            attempting = None
            done = _result(draft, Outcome.SENT, mid, "")
            results[i] = done
            entry = SentEntry(day.isoformat(), draft.unit_id, draft.key, done.to, mid)
            try:
                append_entry(fd, entry)
            except OSError as exc:
                raise _Stop(
                    f"单位 {safe_text(draft.unit_id)} 的通知已发出，但无法写入发送记录 "
                    f"{log_path}：{os_reason(exc)}；已停止发送"
                ) from None
    except _Stop as stop:
        error = str(stop.args[0])
        for i, draft, _eml, _mid in pending:
            if i == attempting:
                results[i] = _result(draft, Outcome.FAILED, None, error)
            elif results[i] is None:
                results[i] = _result(draft, Outcome.NOT_ATTEMPTED, None, "因出错而停止，未发送")
    finally:
        if fd is not None:
            os.close(fd)
            went = (Outcome.SENT, Outcome.UNCERTAIN)
            if created and not any(r is not None and r.outcome in went for r in results):
                with contextlib.suppress(OSError):
                    log_path.unlink()
        if smtp is not None:
            _close(smtp)
    return SendResult(tuple(r for r in results if r is not None), error)


def plain_auth_refusal(server: str) -> str:
    """Why a login over an unencrypted connection is refused (one sentence)."""
    return (
        f"不加密登录邮件服务器 {server} 会把密码以明文发到网络上，已拒绝："
        "请加 --starttls，或使用 465 端口（SSL 加密连接）；"
        "确需在可信网络上明文登录时加 --allow-plain-auth"
    )


def _result(draft: MailDraft, outcome: Outcome, mid: str | None, detail: str) -> DraftResult:
    return DraftResult(draft.unit_id, outcome, tuple(a for _n, a in draft.to), mid, detail)


def _stopped_before_start(drafts: Sequence[MailDraft], error: str) -> SendResult:
    results = [
        _result(d, Outcome.NO_LIAISON, None, "该单位没有联络员邮箱")
        if not d.to
        else _result(d, Outcome.NOT_ATTEMPTED, None, "未发送")
        for d in drafts
    ]
    return SendResult(tuple(results), error)


def _server_name(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _connect(
    host: str,
    port: int,
    server: str,
    timeout: float,
    starttls: bool,
    tls_context: ssl.SSLContext | None,
    user: str | None,
    password: str | None,
    implicit_tls: bool = False,
    deadline: float = 60,
) -> smtplib.SMTP:
    """An SMTP connection greeted, upgraded and logged in as asked, all within
    ``deadline`` seconds; raises :class:`_Stop`."""
    if implicit_tls:
        context = tls_context if tls_context is not None else ssl.create_default_context()
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(timeout=timeout)
    dog = _Watchdog(smtp, deadline)
    try:
        with dog:
            _open(smtp, host, port, server, timeout)
            _talk(smtp, server, timeout, starttls, tls_context, user, password)
    except _Stop:
        _close(smtp)
        if dog.fired:
            raise _Stop(
                f"邮件服务器 {server} 在{_seconds(deadline)}秒内没有完成问候和登录（应答过慢），"
                "未发送任何邮件"
            ) from None
        raise
    except BaseException:
        _close(smtp)
        raise
    return smtp


def _open(smtp: smtplib.SMTP, host: str, port: int, server: str, timeout: float) -> None:
    """Connect and read the greeting; raises :class:`_Stop`."""
    smtp._host = host  # what SMTP(host) would set: STARTTLS checks the certificate against it
    try:
        code, reply = smtp.connect(host, port)
        if code != 220:
            raise smtplib.SMTPConnectError(code, reply)
    except smtplib.SMTPConnectError as exc:
        raise _Stop(f"邮件服务器 {server} 拒绝连接：{_reply(exc)}") from None
    except TimeoutError:
        raise _Stop(f"邮件服务器 {server} 在{_seconds(timeout)}秒内没有响应") from None
    except smtplib.SMTPServerDisconnected as exc:
        if _timed_out(exc):
            raise _Stop(f"邮件服务器 {server} 在{_seconds(timeout)}秒内没有响应") from None
        raise _Stop(f"邮件服务器 {server} 未应答就断开了连接") from None
    except ssl.SSLCertVerificationError as exc:
        raise _Stop(
            f"邮件服务器 {server} 的证书校验未通过（{safe_text(exc.verify_message)}），"
            "未发送任何邮件"
        ) from None
    except ssl.SSLError as exc:
        raise _Stop(
            f"与邮件服务器 {server} 建立加密连接失败（{safe_text(exc.reason or exc)}），"
            "未发送任何邮件"
        ) from None
    except OSError as exc:
        raise _Stop(f"无法连接邮件服务器 {server}：{os_reason(exc)}") from None


def _talk(
    smtp: smtplib.SMTP,
    server: str,
    timeout: float,
    starttls: bool,
    tls_context: ssl.SSLContext | None,
    user: str | None,
    password: str | None,
) -> None:
    with _network_errors(server, timeout):
        smtp.ehlo()
        if starttls:
            if not smtp.has_extn("starttls"):
                raise _Stop(f"邮件服务器 {server} 不支持 STARTTLS 加密，未发送任何邮件")
            context = tls_context if tls_context is not None else ssl.create_default_context()
            try:
                smtp.starttls(context=context)
            except ssl.SSLCertVerificationError as exc:
                raise _Stop(
                    f"邮件服务器 {server} 的证书校验未通过（{safe_text(exc.verify_message)}），"
                    "未发送任何邮件"
                ) from None
            except ssl.SSLError as exc:
                raise _Stop(
                    f"与邮件服务器 {server} 建立加密连接失败（{safe_text(exc.reason or exc)}），"
                    "未发送任何邮件"
                ) from None
            smtp.ehlo()
        if user is not None:
            if not smtp.has_extn("auth"):
                raise _Stop(f"邮件服务器 {server} 不支持登录（AUTH），未发送任何邮件")
            try:
                smtp.login(user, password or "")
            except smtplib.SMTPAuthenticationError as exc:
                raise _Stop(
                    f"邮件服务器 {server} 拒绝登录：用户名或密码错误（{_reply(exc)}），"
                    "未发送任何邮件"
                ) from None
            except smtplib.SMTPServerDisconnected:
                raise  # a timeout or hang-up: _network_errors words it
            except smtplib.SMTPException as exc:
                raise _Stop(
                    f"无法登录邮件服务器 {server}（{_reply(exc)}），未发送任何邮件"
                ) from None


def _deliver(
    smtp: smtplib.SMTP, server: str, draft: MailDraft, eml: bytes, deadline: float = 60
) -> None:
    """One message over MAIL/RCPT/DATA, all recipients or none, within ``deadline``
    seconds; raises :class:`_Stop`, or :class:`_Uncertain` when the message went out whole
    and no answer came."""
    unit = safe_text(draft.unit_id)
    dog = _Watchdog(smtp, deadline)
    try:
        with dog:
            _transact(smtp, server, draft, eml, unit)
    except _Stop as stop:
        if dog.fired and not isinstance(stop, _Uncertain):
            raise _Stop(
                f"邮件服务器 {server} 在{_seconds(deadline)}秒内没有收完单位 {unit} 的通知"
                "（应答过慢），该通知未发出，已停止发送"
            ) from None
        raise


def _transact(smtp: smtplib.SMTP, server: str, draft: MailDraft, eml: bytes, unit: str) -> None:
    with _network_errors(server, smtp.timeout):
        code, reply = smtp.mail(draft.sender[1])
        if code != 250:
            _reset(smtp)
            raise _Stop(
                f"邮件服务器 {server} 拒绝了发件人 {draft.sender[1]}（{code} {_text(reply)}），"
                f"单位 {unit} 的通知未发送，已停止发送"
            )
        for _name, addr in draft.to:
            code, reply = smtp.rcpt(addr)
            if code not in (250, 251):
                _reset(smtp)
                raise _Stop(
                    f"邮件服务器 {server} 拒绝了收件人 {addr}（{code} {_text(reply)}），"
                    f"单位 {unit} 的通知未发送，已停止发送"
                )
        code, reply = smtp.docmd("data")
        if code != 354:
            raise _Stop(
                f"邮件服务器 {server} 拒收了单位 {unit} 的通知（{code} {_text(reply)}），已停止发送"
            )
        # smtplib.SMTP.data, in two steps: after the final dot the message may be delivered
        # whatever happens to the answer.
        data = smtplib._quote_periods(eml)
        if data[-2:] != b"\r\n":
            data += b"\r\n"
        smtp.send(data + b".\r\n")
        try:
            code, reply = smtp.getreply()
        except (smtplib.SMTPServerDisconnected, OSError):
            raise _Uncertain(
                f"邮件服务器 {server} 收完单位 {unit} 的通知后断开了连接或没有应答，"
                "该通知可能已发出：已记为“可能已发送”，不会自动重发，请向收件人核实；已停止发送"
            ) from None
        if code != 250:
            raise _Stop(
                f"邮件服务器 {server} 拒收了单位 {unit} 的通知（{code} {_text(reply)}），已停止发送"
            )


@contextlib.contextmanager
def _network_errors(server: str, timeout: float | None) -> Iterator[None]:
    """Turn socket and SMTP exceptions met mid-conversation into :class:`_Stop`."""
    try:
        yield
    except _Stop:
        raise
    except TimeoutError:
        seconds = _seconds(timeout) if timeout is not None else ""
        raise _Stop(f"邮件服务器 {server} 在{seconds}秒内没有响应，已停止发送") from None
    except smtplib.SMTPServerDisconnected as exc:
        if _timed_out(exc) and timeout is not None:
            raise _Stop(
                f"邮件服务器 {server} 在{_seconds(timeout)}秒内没有响应，已停止发送"
            ) from None
        raise _Stop(f"邮件服务器 {server} 断开了连接，已停止发送") from None
    except smtplib.SMTPResponseException as exc:
        raise _Stop(f"邮件服务器 {server} 报错（{_reply(exc)}），已停止发送") from None
    except smtplib.SMTPException as exc:
        raise _Stop(f"与邮件服务器 {server} 通信出错（{safe_text(exc)}），已停止发送") from None
    except OSError as exc:
        raise _Stop(f"与邮件服务器 {server} 的连接出错：{os_reason(exc)}，已停止发送") from None


def _timed_out(exc: smtplib.SMTPServerDisconnected) -> bool:
    """Whether smtplib's "disconnected" is really a read timeout (it wraps the OSError)."""
    return isinstance(exc.__context__, TimeoutError)


def _reset(smtp: smtplib.SMTP) -> None:
    """RSET after a refusal; a server gone by now must not hide the refusal itself."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        smtp.rset()


def _close(smtp: smtplib.SMTP) -> None:
    """QUIT politely, and close the socket whatever the server does."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        smtp.close()


def _reply(exc: smtplib.SMTPException) -> str:
    code = getattr(exc, "smtp_code", None)
    text = getattr(exc, "smtp_error", b"")
    return f"{code} {_text(text)}".strip() if code is not None else safe_text(exc)


def _text(reply: bytes | str) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return safe_text(reply.replace("\n", " "))


def _seconds(timeout: float) -> str:
    return f"{timeout:g}"


def summarize(result: SendResult, names: Mapping[str, str] | None = None) -> list[str]:
    """The Chinese lines of a run's summary: one per draft, a count, and the error if any.

    ``names`` maps unit ids to the names shown (the id without one).
    """
    names = names or {}
    lines = []
    for r in result.results:
        to = "、".join(r.to) if r.to else "（无收件人）"
        line = f"{names.get(r.unit_id, r.unit_id)}：{r.outcome.label} → {to}"
        if r.outcome in (Outcome.INVALID,) and r.detail:
            line += f"（{r.detail}）"
        lines.append(line)
    counts = {o: sum(r.outcome is o for r in result.results) for o in Outcome}
    lines.append(
        f"共 {len(result.results)} 份通知：已发送 {counts[Outcome.SENT]} 份，"
        f"今日已发送过跳过 {counts[Outcome.SKIPPED]} 份，"
        f"无联络员邮箱 {counts[Outcome.NO_LIAISON]} 份，"
        f"有误 {counts[Outcome.INVALID]} 份，"
        + (f"可能已发送 {counts[Outcome.UNCERTAIN]} 份，" if counts[Outcome.UNCERTAIN] else "")
        + f"失败或未发送 {counts[Outcome.FAILED] + counts[Outcome.NOT_ATTEMPTED]} 份"
    )
    if result.error:
        lines.append(f"错误：{result.error}")
    return lines
