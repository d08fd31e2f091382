"""Safe writes: every file jianyian writes goes through here.

A write goes to a temporary file in the target's own folder, is flushed and
fsynced, then renamed into place with :func:`os.replace` (atomic on POSIX and
Windows). On any failure the temporary file is removed and the original, if
there was one, is left byte-identical. An existing file is overwritten only with
``force=True``; without it the file is created exclusively (a hard link, so a file
that appears meanwhile is not clobbered either).

Only regular files are ever replaced: a symbolic link, a directory, a FIFO, a
device or a socket at the target is refused (:class:`NotARegularFile`), with or
without ``force``. Nothing is ever opened at the target itself, so nothing is
written through a link either.

A set of files that belong together (a ledger and its deliverables table, the
schemas) is written all or nothing by :func:`write_files_atomic`. Edits of a
report are serialised with :func:`lock_file`.

Usage::

    write_text_atomic(path, text, force=False)      # refuse to overwrite
    write_bytes_atomic(path, data, force=True)      # replace what is there
    with atomic_open(path, "wb", force=True) as f:  # for libraries that want a file
        workbook.save(f)
    write_files_atomic({a: data_a, b: data_b}, force=True)  # both or neither
    with lock_file(report, timeout=30):             # one editor at a time
        ...
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from ..errors import JianyianError, UsageError, os_error_text


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


class NotARegularFile(WriteFailed, UsageError):
    """The target is a link, a directory, a FIFO, a device or a socket (exit 2).

    Refused even with ``--force``: replacing a link would silently turn it into a
    plain file, and a device or FIFO is not something a report is written to.
    """

    exit_code = 2

    def __init__(self, path: Path | str, kind: str) -> None:
        WriteFailed.__init__(
            self,
            path,
            f"这是{kind}，jianyian 只写普通文件（加 --force 也不会替换它）；"
            "请换一个输出路径，或先确认并删除它",
        )


class LockTimeout(JianyianError):
    """Another command kept the file locked longer than we wait (exit 1: try again)."""

    def __init__(self, path: Path | str, timeout: float) -> None:
        super().__init__(
            f"{path} 正被另一个 jianyian 命令修改，等待 {timeout:g} 秒后仍未轮到，未改动；"
            "请稍后重试"
        )
        self.path = path


_KINDS = (
    (stat.S_ISLNK, "符号链接"),
    (stat.S_ISDIR, "一个目录"),
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISCHR, "字符设备文件"),
    (stat.S_ISBLK, "块设备文件"),
    (stat.S_ISSOCK, "套接字文件"),
)


def check_target(path: Path | str) -> bool:
    """Whether ``path`` exists; raises :class:`NotARegularFile` unless it is absent or
    a regular file. The final component is judged itself (``lstat``), never followed."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise WriteFailed(path, "上级路径不是目录") from None
    except OSError as exc:
        raise WriteFailed(path, os_error_text(exc)) from exc
    if stat.S_ISREG(info.st_mode):
        return True
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "特殊文件")
    raise NotARegularFile(path, kind)


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
    if check_target(target) and not force:
        raise OverwriteRefused(target)
    try:
        if make_parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteFailed(target, os_error_text(exc)) from exc
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
            check_target(target)  # whatever appeared meanwhile is judged again
            os.replace(tmp, target)
        else:
            _create_exclusive(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise WriteFailed(target, os_error_text(exc)) from exc
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


def is_current(path: Path | str, content: str | bytes, encoding: str = "utf-8") -> bool:
    """True when ``path`` is a regular file (not a link) already holding exactly ``content``.

    The one "is this file already current" check: a generated file that holds what
    would be written is left alone. Never opens anything else: reading a FIFO
    would block, a device never end.
    """
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return False
        data = content.encode(encoding) if isinstance(content, str) else content
        if info.st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except (OSError, UnicodeEncodeError):
        return False


# ---------------------------------------------------------------- several files


def _sidecar(target: Path, suffix: str) -> Path:
    return target.parent / f".{target.name}.{secrets.token_hex(6)}{suffix}"


def _stage(target: Path, data: bytes) -> Path:
    """A fsynced temporary copy of ``data`` beside ``target``, with the target's mode."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode_bits = stat.S_IMODE(os.lstat(target).st_mode)
        except FileNotFoundError:
            mode_bits = _new_file_mode()
        os.chmod(tmp, mode_bits)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _backup(target: Path) -> Path:
    """Keep the current ``target`` under a hidden name beside it until all succeed."""
    while True:
        backup = _sidecar(target, ".bak")
        try:
            os.link(target, backup)  # the same bytes, for free
            return backup
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
        # No hard links here: a copy does as well.
        os.replace(_stage(backup, target.read_bytes()), backup)
        return backup


def write_files_atomic(files: Mapping[Path | str, bytes], *, force: bool) -> None:
    """Write every file of ``files`` (path → content), or none of them.

    Every target is judged first (only absent or regular files; an existing one
    needs ``force``), every content is staged in a fsynced temporary file beside
    its target, and only then are they moved into place one by one, each replaced
    file kept as a hidden backup. If any step fails (a folder in the way, a full
    disk, Ctrl-C), the files already moved are put back byte-identical (new ones
    removed), every temporary file and backup is removed, and the error is raised:
    :class:`OverwriteRefused`, :class:`NotARegularFile` or :class:`WriteFailed`.
    """
    targets = [Path(p) for p in files]
    seen: set[str] = set()
    for target in targets:
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise ValueError(f"write_files_atomic: {target} is given twice")
        seen.add(key)
    existing = [t for t in targets if check_target(t)]
    if existing and not force:
        raise OverwriteRefused("、".join(str(t) for t in existing))
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}  # target → its backup (None: it was new)
    current: Path | None = None
    try:
        for target, data in zip(targets, files.values(), strict=True):
            current = target
            staged[target] = _stage(target, data)
        for target in targets:
            current = target
            tmp = staged[target]
            if check_target(target):
                if not force:
                    raise OverwriteRefused(target)
                backups[target] = _backup(target)
                os.replace(tmp, target)
            else:
                backups[target] = None
                _create_exclusive(tmp, target)
            del staged[target]
    except BaseException as exc:
        _roll_back(backups)
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            where = current if current is not None else targets[0]
            raise WriteFailed(where, os_error_text(exc) + "；其余文件也未改动") from exc
        raise
    for backup in backups.values():
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()


def _roll_back(backups: dict[Path, Path | None]) -> None:
    """Put every replaced target back from its backup, remove the new ones."""
    for target, backup in reversed(list(backups.items())):
        with contextlib.suppress(OSError):
            if backup is None:
                if target.exists() and not target.is_symlink():
                    target.unlink()
            elif target.exists() and os.path.samefile(backup, target):
                # Never replaced (it failed first): both names are one file, and
                # rename() between two links of one file does nothing at all.
                backup.unlink()
            else:
                os.replace(backup, target)


# ---------------------------------------------------------------- locks


def _lock_dir() -> Path:
    """A private folder for lock files, outside the project.

    Lock files beside the reports would be untracked files in the user's
    repository (a dirty tree, a JY008 warning); a per-user folder in the runtime or
    temporary directory keeps them out of it. Writers of one project are the same
    account in practice (a liaison's checkout, a CI job).
    """
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    who = str(os.getuid()) if hasattr(os, "getuid") else (os.environ.get("USERNAME") or "user")
    folder = Path(base) / f"jianyian-locks-{who}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISDIR(info.st_mode) or not mine:
        raise WriteFailed(folder, "锁文件目录不是本用户的普通目录，为安全起见不使用")
    return folder


def lock_path(path: Path | str) -> Path:
    """The lock file that stands for ``path`` (the same for every spelling of it)."""
    real = os.path.realpath(path)
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    return _lock_dir() / f"{digest}.lock"


@contextlib.contextmanager
def lock_file(path: Path | str, *, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (across processes) for the block.

    Read the file again inside the block: what was read before may have been
    changed by the writer that held the lock. Raises :class:`LockTimeout` when the
    lock is not free within ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(path, timeout) from None
    try:
        yield
    finally:
        lock.release()
