"""Reading a 工作方案 notice: bytes → Simplified-Chinese text, with warnings.

The only disk access of ``jianyian draft``; the parsing itself
(:mod:`jianyian.draft`) is pure.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import UsageError, os_error_text

# A notice longer than this is not a notice (a whole PDF dump, a binary file).
MAX_NOTICE_BYTES = 2_000_000


def decode_notice(data: bytes, name: str) -> tuple[str, list[str]]:
    """``data`` as text: UTF-8 (with or without BOM) or GB18030; Traditional → Simplified.

    Returns the text (``\\n`` line ends) and warnings (Chinese sentences); raises
    :class:`UsageError` when the bytes are neither encoding.
    """
    warnings: list[str] = []
    if b"\x00" in data:
        raise UsageError(f"{name} 不是文本文件（含有空字节）；请把通知另存为 UTF-8 或 GB18030 文本")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise UsageError(
                f"{name} 既不是 UTF-8 也不是 GB18030 编码的文本（第 {exc.start + 1} 个字节无法识别）；"
                "请用记事本或 WPS 把通知另存为 UTF-8 文本"
            ) from None
        warnings.append(f"{name} 按 GB18030（GBK）编码读取")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from opencc import OpenCC

    simplified = OpenCC("t2s").convert(text)
    if simplified != text:
        changed = sum(1 for a, b in zip(text, simplified, strict=False) if a != b)
        warnings.append(f"{name} 含繁体字（{changed} 处），已转换为简体；请核对单位名称")
        text = simplified
    if not text.strip():
        raise UsageError(f"{name} 是空文件")
    return text, warnings


def read_notice(path: Path) -> tuple[str, list[str]]:
    """Read the notice at ``path``; see :func:`decode_notice`. Errors are Chinese :class:`UsageError`.

    Only a regular file is read, and at most :data:`MAX_NOTICE_BYTES` of it: a pipe or a
    device is refused at once (opened without blocking, checked on the open descriptor).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise UsageError(f"找不到通知文件 {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} 是目录，不是通知文件") from None
    except OSError as exc:
        raise UsageError(f"无法读取通知文件 {path}：{os_error_text(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{path} 是目录，不是通知文件")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(
                f"{path} 不是普通文件（如管道或设备文件），已拒绝读取；请给出通知的文本文件"
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_NOTICE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"无法读取通知文件 {path}：{os_error_text(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_NOTICE_BYTES:
        raise UsageError(f"{path} 超过 {MAX_NOTICE_BYTES // 1_000_000} MB，不像是一份通知")
    return decode_notice(data, path.name)
