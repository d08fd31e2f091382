"""The sent log of 催报 e-mails: what went out, so a notice is not mailed twice a day.

A JSON-lines file, one line per message the server accepted, appended and fsynced right
after each send, so a crash mid-run still remembers what went out. :func:`already_sent` is
the pure test against it. Problems come back as located Chinese sentences, never as
exceptions (except :func:`append_sent_log`, which raises OSError for its caller to word).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..errors import os_error_text
from ..render.eml import MailDraft, safe_text

__all__ = [
    "LogRead",
    "SentEntry",
    "already_sent",
    "append_entry",
    "append_sent_log",
    "open_sent_log",
    "os_reason",
    "parse_sent_log",
    "read_sent_log",
]


class SentEntry(NamedTuple):
    """One line of the sent log: a message the server accepted."""

    day: str  # ISO date of the run (the ``day`` passed to send_drafts)
    unit: str
    key: str
    to: tuple[str, ...]  # addresses only
    message_id: str
    #: the server received the message whole and never acknowledged it (issue 30):
    #: possibly sent, never sent again automatically
    uncertain: bool = False

    def to_json(self) -> str:
        """The entry as one JSON line (no newline), keys in a fixed order."""
        fields: dict[str, object] = {
            "day": self.day,
            "unit": self.unit,
            "key": self.key,
            "to": list(self.to),
            "message_id": self.message_id,
        }
        if self.uncertain:
            fields["uncertain"] = True
        return json.dumps(
            fields,
            ensure_ascii=False,
            separators=(",", ":"),
        )


class LogRead(NamedTuple):
    """What :func:`read_sent_log` found: the entries and, per bad line, a located problem."""

    entries: tuple[SentEntry, ...]
    problems: tuple[str, ...]


def parse_sent_log(text: str, *, name: str = "发送记录") -> LogRead:
    """Entries of a sent log's text; a line that is not a valid entry is a located problem."""
    entries: list[SentEntry] = []
    problems: list[str] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            entry = SentEntry(
                day=_str(raw["day"]),
                unit=_str(raw["unit"]),
                key=_str(raw["key"]),
                to=tuple(_str(a) for a in raw["to"]),
                message_id=_str(raw["message_id"]),
                uncertain=raw.get("uncertain", False) is True,
            )
            dt.date.fromisoformat(entry.day)
        except (ValueError, KeyError, TypeError):
            problems.append(f"{name}:{lineno}: 该行不是有效的发送记录，请修复或删除该行")
            continue
        entries.append(entry)
    return LogRead(tuple(entries), tuple(problems))


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def read_sent_log(path: Path) -> LogRead:
    """Read the sent log at ``path``; a missing file is an empty log.

    Unreadable files and undecodable text come back as problems, never as exceptions.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LogRead((), ())
    except OSError as exc:
        return LogRead((), (f"无法读取发送记录 {path}：{os_reason(exc)}",))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return LogRead((), (f"发送记录 {path} 不是 UTF-8 文本",))
    return parse_sent_log(text, name=str(path))


def already_sent(entries: Iterable[SentEntry], draft: MailDraft, day: dt.date) -> bool:
    """Whether the log already holds ``draft``'s notice (same unit and key) sent on ``day``."""
    iso = day.isoformat()
    return any(e.day == iso and e.unit == draft.unit_id and e.key == draft.key for e in entries)


def open_sent_log(path: Path) -> int:
    """An append-only descriptor on the log, created if missing; never through a link."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    try:
        # A crash between write and newline cannot happen (one write per line), but a file
        # edited by hand may lack its final newline; start on a fresh line then.
        size = os.fstat(fd).st_size
        if size:
            with path.open("rb") as f:
                f.seek(size - 1)
                if f.read(1) != b"\n":
                    os.write(fd, b"\n")
    except BaseException:
        os.close(fd)
        raise
    return fd


def append_entry(fd: int, entry: SentEntry) -> None:
    """Write ``entry`` as one line on ``fd`` (from :func:`open_sent_log`), then fsync."""
    line = (entry.to_json() + "\n").encode("utf-8")
    # O_APPEND plus one write() per line: lines never interleave or tear on a local disk.
    written = os.write(fd, line)
    if written != len(line):
        raise OSError(errno.EIO, "写入不完整")
    os.fsync(fd)


def append_sent_log(path: Path, entry: SentEntry) -> None:
    """Append ``entry`` to the log at ``path`` as one line, then fsync. Raises OSError."""
    fd = open_sent_log(path)
    try:
        append_entry(fd, entry)
    finally:
        os.close(fd)


#: Network errors, and how a link shows when the log is opened: the rest is errors.os_error_text.
_OS_REASONS = {
    errno.ECONNREFUSED: "连接被拒绝",
    errno.ECONNRESET: "连接被重置",
    errno.EHOSTUNREACH: "无法访问该主机",
    errno.ENETUNREACH: "网络不可达",
    errno.ETIMEDOUT: "连接超时",
    errno.ELOOP: "是符号链接，拒绝写入",  # the log is opened without following links
}


def os_reason(exc: OSError) -> str:
    """A short Chinese reason for ``exc`` (a file or network error)."""
    if isinstance(exc, socket.gaierror):
        return "找不到该主机（域名无法解析）"
    if isinstance(exc, TimeoutError):
        return "连接超时"
    reason = _OS_REASONS.get(exc.errno or 0)
    return reason if reason else safe_text(os_error_text(exc))
