"""The one user-facing exception base. Only ``jianyian.cli`` catches it (in one place).

Problems in the data are not exceptions (they are :class:`~jianyian.diagnostics.Diagnostic`
values); these are for conditions that stop a command: a bad option, no project,
a file that must not be overwritten.
"""

from __future__ import annotations

import errno


class JianyianError(Exception):
    """A failure the user can act on; ``str(exc)`` is a Chinese sentence.

    ``details`` are lines shown before it (the diagnostics behind a refusal, say).
    """

    exit_code = 1
    details: tuple[str, ...] = ()


class UsageError(JianyianError):
    """Bad option or argument: unknown unit, malformed date, missing project."""

    exit_code = 2


class DataError(JianyianError):
    """The data cannot support the command (e.g. the plan itself does not load)."""

    exit_code = 1

    def __init__(self, message: str, details: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)


#: Why the operating system refused a file, in the words every message uses.
OS_REASONS: dict[int, str] = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "是文件夹",
    errno.ELOOP: "符号链接循环",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EEXIST: "已存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.EIO: "读写设备出错",
    errno.EBUSY: "文件或设备正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EXDEV: "不能跨文件系统移动",
    errno.ENXIO: "设备不存在",
    errno.ENODEV: "设备不存在",
    errno.EFBIG: "文件过大",
    **({errno.EDQUOT: "超出磁盘配额"} if hasattr(errno, "EDQUOT") else {}),
}


def os_error_text(exc: OSError) -> str:
    """Why ``exc`` happened, in Chinese: jianyian's own words when it raised it, else the
    reason for its error number; the system's words, marked as such, only for a number
    not in :data:`OS_REASONS`."""
    own = exc.strerror
    if own and not own.isascii():
        return own
    reason = OS_REASONS.get(exc.errno or 0)
    if reason:
        return reason
    return f"系统错误：{own or exc or type(exc).__name__}"
