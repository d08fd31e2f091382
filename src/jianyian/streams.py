"""Standard streams that never crash a command: any console, closed pipes, full disks.

A Chinese Windows console (or ``PYTHONIOENCODING=gbk``) cannot encode ``░`` or
``✓``: :func:`configure_streams` makes stdout and stderr fall back per character
(a close substitute such as ``√``, else ``?``) instead of failing. ``status | head``
closes the pipe early, which is a normal end: :func:`silence_stdout` points stdout
at the null device so the interpreter's last flush cannot fail again (the recipe of
the Python documentation, "Note on SIGPIPE"). Imports nothing heavy: it runs before
the CLI is loaded.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import sys

from .errors import os_error_text

ERROR_HANDLER = "jianyian-fallback"

#: Substitutes for characters jianyian itself prints, tried before ``?``.
FALLBACKS: dict[str, str] = {
    "░": "-",
    "█": "#",
    "✓": "√",
    "✔": "√",
    "✗": "×",
    "✘": "×",
    "…": "...",
    "—": "-",
    "·": ".",
    "“": '"',
    "”": '"',
    "\u3000": " ",
}

#: errno values that mean the output cannot be written: the user's disk or device.
OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start : exc.end]:
        sub = FALLBACKS.get(char, "?")
        try:
            sub.encode(exc.encoding)
        except (UnicodeError, LookupError):
            sub = "?"
        out.append(sub)
    return "".join(out), exc.end


def configure_streams() -> None:
    """Make stdout and stderr fall back per character on what their encoding lacks."""
    try:
        codecs.lookup_error(ERROR_HANDLER)
    except LookupError:
        codecs.register_error(ERROR_HANDLER, _fallback)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue  # replaced by a test runner or an embedding program: leave it
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
            reconfigure(errors=ERROR_HANDLER)


def silence_stdout() -> None:
    """Point stdout at the null device: nothing more can be written, or fail to be."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (a test runner's stream)


def output_error_message(exc: OSError) -> str:
    """A Chinese sentence for a stream or file that cannot be written."""
    if exc.errno == errno.ENAMETOOLONG:
        return f"文件名过长，无法写入：{exc.filename or ''}（请换一个较短的文件名）".replace(
            "：（", "（"
        )
    if exc.errno in OUTPUT_ERRNOS:
        where = f" {exc.filename} " if exc.filename else "标准输出"
        return f"无法写入{where}：磁盘或设备已满（或无法写入），请清理空间后重试"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限：{exc.filename or '输出'}"
    return f"无法写入：{os_error_text(exc)}"
