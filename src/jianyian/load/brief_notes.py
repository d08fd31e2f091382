"""What the office adds to one month's 简报: data/office/briefs/<YYYY-MM>.yaml, or a note file.

``note:`` is the 按语 (editor's note), ``featured:`` the 信息 printed in full (信息选编),
as report paths. ``jianyian brief --note FILE`` gives the 按语 from a text or Markdown
file instead (it wins over the office file's ``note:``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import UsageError, os_error_text
from ..models import BriefNotes
from .files import read_source
from .layout import BRIEFS_DIR
from .project import locate_diagnostics
from .schema_errors import validate_model
from .yamlsrc import parse_yaml

#: A 按语 is a paragraph or two; a file much longer than this is not one.
MAX_NOTE_BYTES = 64 * 1024


def brief_notes_path(month: str) -> str:
    """``data/office/briefs/2025-07.yaml``: the office file for ``month`` (YYYY-MM)."""
    return f"{BRIEFS_DIR}/{month}.yaml"


def load_brief_notes(root: Path, month: str) -> tuple[BriefNotes | None, list[Diagnostic]]:
    """The office file for ``month``, validated; (None, []) when there is none."""
    path = root / brief_notes_path(month)
    if not os.path.lexists(path):
        return None, []
    source, diags = read_source(root, path)
    if source is None:
        return None, diags
    parsed = parse_yaml(source.text, source.path)
    diags += parsed.diagnostics
    if parsed.value is None:  # unparsable, or an empty file that says nothing
        return (None if diags else BriefNotes()), diags
    value = parsed.value
    notes, more = validate_model(BriefNotes, value, source.path)
    return notes, locate_diagnostics(diags + more, {source.path: source})


def read_note_file(path: Path) -> str:
    """The 按语 in the text (or Markdown) file at ``path``: UTF-8 or GB18030, trimmed.

    Only a regular file is read (a pipe or a device is refused at once); errors are
    Chinese :class:`UsageError` (exit 2).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise UsageError(f"--note：找不到按语文件 {path}") from None
    except OSError as exc:
        raise UsageError(f"--note：无法读取按语文件 {path}：{os_error_text(exc)}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"--note：{path} 不是普通文件，已拒绝读取；请给出按语的文本文件")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_NOTE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"--note：无法读取按语文件 {path}：{os_error_text(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_NOTE_BYTES:
        raise UsageError(f"--note：{path} 超过 {MAX_NOTE_BYTES // 1024} KB，不像是一段按语")
    if b"\x00" in data:
        raise UsageError(f"--note：{path} 不是文本文件（含有空字节）")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise UsageError(
                f"--note：{path} 既不是 UTF-8 也不是 GB18030 编码的文本，请另存为 UTF-8"
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UsageError(f"--note：{path} 是空文件")
    return text
