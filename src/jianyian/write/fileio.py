"""Safe writes: every file jianyian writes goes through here.

A write goes to a temporary file in the target's own folder, is flushed and
fsynced, then renamed into place with :func:`os.replace` (atomic on POSIX and
Windows). On any failure the temporary file is removed and the original, if
there was one, is left byte-identical. An existing file is overwritten only with
``force=True``; without it the file is created exclusively (a hard link, so a file
that appears meanwhile is not clobbered either).

Usage::

    write_text_atomic(path, text, force=False)      # refuse to overwrite
    write_bytes_atomic(path, data, force=True)      # replace what is there
    with atomic_open(path, "wb", force=True) as f:  # for libraries that want a file
        workbook.save(f)
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import JianyianError, UsageError


class OverwriteRefused(UsageError):
    """The target exists and ``force`` was not given (exit 2: rerun with ``--force``)."""

    def __init__(self, path: Path | str, hint: str = "加 --force 可覆盖") -> None:
        super().__init__(f"{path} 已存在，未覆盖（{hint}）")
        self.path = path


class WriteFailed(JianyianError):
    """The operating system refused the write (permissions, disk full…). Exit 1."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"无法写入 {path}：{reason}（原文件未改动）")
        self.path = path


def _new_file_mode() -> int:
    # The mode a plain open() would give a new file; mkstemp uses 0o600.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_open(
    path: Path | str,
    mode: str = "w",
    *,
    force: bool,
    encoding: str = "utf-8",
    newline: str | None = "",
    make_parents: bool = True,
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on a clean exit, move it into place.

    ``mode`` is ``"w"`` (text, ``newline=""`` by default so line ends are written
    as given) or ``"wb"``. If the block raises, nothing at ``path`` changes and the
    temporary file is deleted. Raises :class:`OverwriteRefused` when ``path`` exists
    and ``force`` is false, :class:`WriteFailed` for operating-system errors.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open: mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    if not force and target.exists():
        raise OverwriteRefused(target)
    try:
        if make_parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise IsADirectoryError(21, "这是一个目录")
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteFailed(target, exc.strerror or str(exc)) from exc
    tmp = Path(tmp_name)
    try:
        try:
            if mode == "w":
                handle: IO[Any] = os.fdopen(fd, "w", encoding=encoding, newline=newline)
            else:
                handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode_bits = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode_bits = _new_file_mode()
        os.chmod(tmp, mode_bits)
        if force:
            os.replace(tmp, target)
        else:
            _create_exclusive(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise WriteFailed(target, exc.strerror or str(exc)) from exc
        raise


def _create_exclusive(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist yet."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OverwriteRefused(target) from None
    except OSError:
        # No hard links on this file system: check, then rename (a tiny race).
        if target.exists():
            raise OverwriteRefused(target) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def write_text_atomic(path: Path | str, text: str, *, force: bool, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (line ends written exactly as in ``text``)."""
    with atomic_open(path, "w", force=force, encoding=encoding) as handle:
        handle.write(text)


def write_bytes_atomic(path: Path | str, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", force=force) as handle:
        handle.write(data)


def is_current(path: Path | str, text: str, encoding: str = "utf-8") -> bool:
    """True when ``path`` exists and already holds exactly ``text``."""
    try:
        return Path(path).read_bytes() == text.encode(encoding)
    except (OSError, UnicodeEncodeError):
        return False
