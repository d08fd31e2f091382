"""E-mail drafts of 催报 notices as RFC 5322 bytes (issue 18). Pure: no clock, no disk.

:class:`MailDraft`, :func:`draft_key`, :func:`draft_problems` and :func:`build_eml`, which turns a
draft into RFC 5322 bytes. No clock: the ``Date`` header and the ``Message-ID`` come from the
``date`` parameter (a draft: its as-of day; a message sent: the time the caller passes) and the
draft's key, so the same inputs give byte-identical bytes. A draft may carry attachments (the
unit's Excel form): the message is then ``multipart/mixed`` with a boundary made from the key.
Sending and the sent log are :mod:`jianyian.write.mail`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import NamedTuple

from ..models.fields import EMAIL_ADDRESS

__all__ = [
    "DEFAULT_DOMAIN",
    "XLSX_TYPE",
    "Attachment",
    "MailDraft",
    "build_eml",
    "draft_key",
    "draft_problems",
    "make_draft",
    "message_id",
    "safe_text",
    "sender_domain",
]

#: Right-hand side of a Message-ID when the sender's address gives none; ``.invalid`` (RFC 2606)
#: can never be a real host. Normally a Message-ID uses the sender's domain (:func:`sender_domain`).
DEFAULT_DOMAIN = "jianyian.invalid"
#: The media type of an Excel workbook (.xlsx).
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Notices are dated at a fixed time of the day in China Standard Time (no DST in China), so
# the Date header depends on the day only, never on the clock.
_CST = dt.timezone(dt.timedelta(hours=8))
_SEND_TIME = dt.time(9, 0)

# Characters that end a line for some parser somewhere (str.splitlines' set): none of them may
# reach a header, or a subject could smuggle in a Bcc.
_LINE_BREAKS = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# A deliberately plain addr-spec: ASCII, one @, no spaces, quotes, brackets or separators.
# Unusual but legal addresses (quoted local parts, SMTPUTF8) are refused rather than guessed at.
_ADDRESS = re.compile(EMAIL_ADDRESS)  # the plan's rule: what validate accepts is sendable
_TOKEN = re.compile(r"[A-Za-z0-9._-]+")
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


class Attachment(NamedTuple):
    """A file sent with a notice: its name as the recipient sees it, its bytes, its media type."""

    filename: str
    data: bytes
    media_type: str = XLSX_TYPE


class MailDraft(NamedTuple):
    """One notice ready to be mailed.

    ``to`` and ``sender`` are ``(display name, address)`` pairs; ``key`` identifies the
    notice's content (see :func:`draft_key`) and is what duplicate detection compares.
    An empty ``to`` means the unit has no liaison address: the draft is never sent.
    """

    unit_id: str
    to: Sequence[tuple[str, str]]
    sender: tuple[str, str]
    subject: str
    body: str
    key: str
    attachments: tuple[Attachment, ...] = ()


def draft_key(unit_id: str, subject: str, body: str, attachments: Sequence[Attachment] = ()) -> str:
    """The sha256 hex digest identifying a notice's content for one unit.

    Recipients are not part of it: the same notice is the same notice whoever receives it.
    Attachments are, by name and content (a notice without any keeps the key it always had).
    """
    parts: list[object] = [unit_id, subject, body]
    if attachments:
        parts.append([[a.filename, hashlib.sha256(a.data).hexdigest()] for a in attachments])
    payload = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def make_draft(
    unit_id: str,
    to: Sequence[tuple[str, str]],
    sender: tuple[str, str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
) -> MailDraft:
    """A :class:`MailDraft` whose key is :func:`draft_key` of its unit, subject, body and
    attachments."""
    key = draft_key(unit_id, subject, body, attachments)
    return MailDraft(unit_id, tuple(to), sender, subject, body, key, tuple(attachments))


def sender_domain(draft: MailDraft) -> str:
    """The domain of the sender's address (``office@fgw.example.cn`` → ``fgw.example.cn``):
    what the notice's Message-ID ends with."""
    _, at, domain = draft.sender[1].rpartition("@")
    return domain if at and domain else DEFAULT_DOMAIN


def draft_problems(draft: MailDraft, *, domain: str | None = None) -> list[str]:
    """Why ``draft`` cannot be turned into a message, as Chinese sentences (empty when fine).

    Checks the addresses (plain ASCII addr-specs, no line breaks anywhere), the key (it goes
    into the Message-ID) and the Message-ID domain (by default the sender's). Names and subject
    need no check: line breaks in them are folded to spaces by :func:`build_eml`.
    """
    domain = sender_domain(draft) if domain is None else domain
    problems: list[str] = []
    where = f"单位 {safe_text(draft.unit_id)} 的通知"
    for _name, addr in [*draft.to, draft.sender]:
        if not _ADDRESS.fullmatch(addr):
            problems.append(f"{where}：邮箱地址“{safe_text(addr)}”格式不正确")
    if not _TOKEN.fullmatch(draft.key):
        problems.append(f"{where}：内容标识只能由字母、数字、点、下划线和连字符组成")
    if not _DOMAIN.fullmatch(domain):
        problems.append(f"邮件标识的域名“{safe_text(domain)}”格式不正确")
    return problems


def message_id(key: str, date: dt.date, *, domain: str = DEFAULT_DOMAIN) -> str:
    """The deterministic Message-ID of a notice: ``<key[:16].yyyymmdd@domain>``."""
    return f"<{key[:16]}.{date:%Y%m%d}@{domain}>"


def build_eml(
    draft: MailDraft,
    *,
    date: dt.date,
    domain: str | None = None,
    unsent: bool = False,
) -> bytes:
    """The RFC 5322 message of ``draft`` dated ``date``, as bytes with CRLF line ends.

    ``date`` is a day (a draft: 09:00 China Standard Time that day) or an aware datetime
    (a message sent: the time it goes out, which the caller reads from its clock). The
    Message-ID ends with ``domain``, by default the sender's (:func:`sender_domain`).
    Subject and display names are UTF-8 encoded-words; the body is ``text/plain;
    charset="utf-8"`` in base64 (short lines, compact for Chinese); attachments follow it in
    base64, their names RFC 2231-encoded. The whole message is 7-bit ASCII, so any server
    takes it without SMTPUTF8 or 8BITMIME. Same draft, date and domain give byte-identical
    output. ``unsent`` adds ``X-Unsent: 1``, which makes Outlook and Thunderbird open the
    file as a draft to send rather than as a received message.

    Raises :class:`ValueError` (with the Chinese sentences of :func:`draft_problems`) for a
    draft with bad addresses or key; callers that want data call :func:`draft_problems` first.
    """
    domain = sender_domain(draft) if domain is None else domain
    problems = draft_problems(draft, domain=domain)
    if problems:
        raise ValueError("；".join(problems))
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = _address(draft.sender)
    if draft.to:  # a draft without a liaison: the user fills in the recipient
        msg["To"] = [_address(pair) for pair in draft.to]
    msg["Subject"] = _one_line(draft.subject)
    when = date if isinstance(date, dt.datetime) else dt.datetime.combine(date, _SEND_TIME, _CST)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id(draft.key, when.date(), domain=domain)
    if unsent:
        msg["X-Unsent"] = "1"
    msg.set_content(draft.body, subtype="plain", charset="utf-8", cte="base64")
    for attachment in draft.attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        msg.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            filename=_one_line(attachment.filename),
        )
    if draft.attachments:
        # Fixed, not random: the same notice gives the same bytes. "=_" never occurs in
        # base64 or in the headers here, so it cannot clash with a part's content.
        msg.set_boundary(f"=_jianyian_{draft.key[:32]}")
    return msg.as_bytes()


def _address(pair: tuple[str, str]) -> Address:
    name, addr = pair
    return Address(display_name=_one_line(name), addr_spec=addr)


def _one_line(text: str) -> str:
    """``text`` with every line break and control character made a space (header-safe)."""
    return _CONTROL.sub(" ", _LINE_BREAKS.sub(" ", text)).strip()


def safe_text(text: object, limit: int = 200) -> str:
    """Untrusted text (server replies, addresses) made safe to show: no control characters.

    Longer than ``limit`` characters, it is cut and ends with ``…``.
    """
    shown = _CONTROL.sub("?", str(text)).strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
