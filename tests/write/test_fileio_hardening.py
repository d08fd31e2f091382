"""Writes that refuse what is not a regular file, and sets of files written all or nothing
(issue 13, items 7 and 13)."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.cli import app
from jianyian.errors import UsageError
from jianyian.write.fileio import (
    NotARegularFile,
    OverwriteRefused,
    WriteFailed,
    atomic_open,
    is_current,
    write_bytes_atomic,
    write_files_atomic,
    write_text_atomic,
)

from ..conftest import monthly, runner

OLD_A = "旧的甲\n".encode()
OLD_B = "旧的乙\n".encode()


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- what is not a regular file


def _symlink_to_file(tmp: Path) -> Path:
    (tmp / "secret.txt").write_bytes(b"keep me")
    (tmp / "out.csv").symlink_to(tmp / "secret.txt")
    return tmp / "out.csv"


def _dangling_symlink(tmp: Path) -> Path:
    (tmp / "out.csv").symlink_to(tmp / "nowhere" / "x.csv")
    return tmp / "out.csv"


def _directory(tmp: Path) -> Path:
    (tmp / "out.csv").mkdir()
    return tmp / "out.csv"


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "out.csv")
    return tmp / "out.csv"


def _socket(tmp: Path) -> Path:
    path = tmp / "s.csv"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
    except OSError as exc:  # a path too long for AF_UNIX
        pytest.skip(f"cannot bind a socket here: {exc}")
    return path


def _device(tmp: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    path = tmp / "null.csv"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
    return path


MAKERS: dict[str, tuple[Callable, str]] = {
    "symlink": (_symlink_to_file, "符号链接"),
    "dangling-symlink": (_dangling_symlink, "符号链接"),
    "directory": (_directory, "目录"),
    "fifo": (_fifo, "命名管道"),
    "socket": (_socket, "套接字"),
    "device": (_device, "设备文件"),
}

WRITERS: dict[str, Callable[[Path, bool], None]] = {
    "text": lambda p, force: write_text_atomic(p, "新内容\n", force=force),
    "bytes": lambda p, force: write_bytes_atomic(p, b"new\n", force=force),
    "open": lambda p, force: _via_open(p, force),
    "files": lambda p, force: write_files_atomic({p: b"new\n"}, force=force),
}


def _via_open(path: Path, force: bool) -> None:
    with atomic_open(path, "wb", force=force) as handle:
        handle.write(b"new\n")


def _state(path: Path) -> tuple:
    info = os.lstat(path)
    link = os.readlink(path) if stat.S_ISLNK(info.st_mode) else None
    return (stat.S_IFMT(info.st_mode), info.st_ino, link)


@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("kind", list(MAKERS))
def test_only_regular_files_are_replaced(tmp_path: Path, kind: str, writer: str, force: bool):
    make, word = MAKERS[kind]
    target = make(tmp_path)
    before = _state(target)
    names = _listing(tmp_path)
    with pytest.raises(NotARegularFile) as info:
        WRITERS[writer](target, force)
    error = info.value
    assert isinstance(error, UsageError) and error.exit_code == 2
    assert word in str(error) and str(target) in str(error) and "--force" in str(error)
    assert _state(target) == before  # the link, folder, FIFO or device is still there
    assert _listing(tmp_path) == names  # and no temporary file is left
    if kind == "symlink":
        assert (tmp_path / "secret.txt").read_bytes() == b"keep me"


def test_is_current_never_opens_a_fifo_or_follows_a_link(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    assert not is_current(fifo, "")  # would block forever if it opened the FIFO
    (tmp_path / "real.json").write_text("{}", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert is_current(tmp_path / "real.json", "{}")
    assert not is_current(tmp_path / "link.json", "{}")


def test_a_parent_that_is_a_file_is_a_write_failure(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(WriteFailed):
        write_bytes_atomic(tmp_path / "file" / "out.csv", b"y", force=True)
    assert _listing(tmp_path) == ["file"]


# ---------------------------------------------------------------- all or nothing


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "out.csv", tmp_path / "out-deliverables.csv"
    a.write_bytes(OLD_A)
    b.write_bytes(OLD_B)
    return a, b


def test_every_file_is_written(tmp_path: Path) -> None:
    files = {tmp_path / "x" / "a.json": b"A", tmp_path / "b.json": "乙".encode()}
    write_files_atomic(files, force=False)
    for path, data in files.items():
        assert path.read_bytes() == data
    assert _listing(tmp_path) == ["b.json", "x"] and _listing(tmp_path / "x") == ["a.json"]


def test_replacing_keeps_modes_and_leaves_no_backup(pair: tuple[Path, Path]) -> None:
    a, b = pair
    os.chmod(a, 0o600)
    write_files_atomic({a: b"A2", b: b"B2"}, force=True)
    assert (a.read_bytes(), b.read_bytes()) == (b"A2", b"B2")
    assert stat.S_IMODE(a.stat().st_mode) == 0o600
    assert _listing(a.parent) == sorted([a.name, b.name])


def test_without_force_an_existing_one_refuses_them_all(tmp_path: Path) -> None:
    new, old = tmp_path / "new.csv", tmp_path / "old.csv"
    old.write_bytes(OLD_A)
    with pytest.raises(OverwriteRefused) as info:
        write_files_atomic({new: b"N", old: b"O"}, force=False)
    assert "old.csv" in str(info.value)
    assert _listing(tmp_path) == ["old.csv"] and old.read_bytes() == OLD_A


def test_a_directory_in_place_of_the_second_writes_neither(tmp_path: Path) -> None:
    a = tmp_path / "out.csv"
    a.write_bytes(OLD_A)
    (tmp_path / "out-deliverables.csv").mkdir()
    with pytest.raises(NotARegularFile):
        write_files_atomic({a: b"A2", tmp_path / "out-deliverables.csv": b"B2"}, force=True)
    assert a.read_bytes() == OLD_A
    assert _listing(tmp_path) == ["out-deliverables.csv", "out.csv"]


class _FailOn:
    """``os.replace`` that raises ``error`` on its ``n``-th call (1-based)."""

    def __init__(self, n: int, error: BaseException) -> None:
        self.n, self.calls, self.error = n, 0, error
        self.real = os.replace

    def __call__(self, src: object, dst: object) -> None:
        self.calls += 1
        if self.calls == self.n:
            raise self.error
        self.real(src, dst)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "error",
    [OSError(28, "No space left on device"), KeyboardInterrupt()],
    ids=["disk-full", "ctrl-c"],
)
def test_a_failure_at_the_second_replace_restores_the_first(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    a, b = pair
    fail = _FailOn(2, error)
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteFailed if isinstance(error, OSError) else KeyboardInterrupt) as info:
        write_files_atomic({a: b"A2" * 1000, b: b"B2" * 1000}, force=True)
    monkeypatch.undo()
    assert fail.calls >= 2  # the first file had been replaced, then put back
    assert a.read_bytes() == OLD_A and b.read_bytes() == OLD_B
    assert _listing(a.parent) == sorted([a.name, b.name])  # no temporary file, no backup
    if isinstance(error, OSError):
        assert "无法写入" in str(info.value) and "其余文件也未改动" in str(info.value)


def test_a_failure_removes_files_it_had_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = tmp_path / "new.csv"  # created by a link, not by os.replace
    old = tmp_path / "old.csv"
    old.write_bytes(OLD_B)
    monkeypatch.setattr(os, "replace", _FailOn(1, OSError(5, "Input/output error")))
    with pytest.raises(WriteFailed):
        write_files_atomic({new: b"N", old: b"O"}, force=True)
    monkeypatch.undo()
    assert _listing(tmp_path) == ["old.csv"] and old.read_bytes() == OLD_B


def test_a_failure_while_staging_changes_nothing(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(WriteFailed):
        write_files_atomic({a: b"A2", b: b"B2"}, force=True)
    monkeypatch.undo()
    assert a.read_bytes() == OLD_A and b.read_bytes() == OLD_B
    assert _listing(a.parent) == sorted([a.name, b.name])


def test_the_same_file_twice_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_files_atomic({f"{tmp_path}/a": b"1", f"{tmp_path}/./a": b"2"}, force=True)
    assert _listing(tmp_path) == []


# ---------------------------------------------------------------- the commands


def test_export_writes_the_pair_or_neither(make_project: Callable[..., Path], tmp_path: Path):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 8")})
    out = tmp_path / "out"
    out.mkdir()
    ledger = out / "台账.csv"
    ledger.write_bytes(OLD_A)
    (out / "台账-deliverables.csv").mkdir()  # the second target is a folder
    args = ["export", "--root", str(root), "--as-of", "2025-08-10", "-o", str(ledger), "--force"]
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert "目录" in r.output and "Traceback" not in r.output
    assert ledger.read_bytes() == OLD_A
    assert _listing(out) == ["台账-deliverables.csv", "台账.csv"]
    (out / "台账-deliverables.csv").rmdir()
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert ledger.read_bytes() != OLD_A and (out / "台账-deliverables.csv").is_file()


def test_export_refuses_to_write_through_a_link(make_project: Callable[..., Path], tmp_path):
    root = make_project({})
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"keep me")
    link = tmp_path / "out.xlsx"
    link.symlink_to(secret)
    args = ["export", "--root", str(root), "--as-of", "2025-08-10", "-o", str(link), "--force"]
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert "符号链接" in r.output
    assert link.is_symlink() and secret.read_bytes() == b"keep me"


def test_schema_writes_all_files_or_none(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "targets.schema.json").write_bytes(OLD_A)
    (out / "report.schema.json").mkdir()
    r = runner.invoke(app, ["schema", "-o", str(out), "--force"])
    assert r.exit_code == 2, r.output
    assert (out / "targets.schema.json").read_bytes() == OLD_A
    assert _listing(out) == ["report.schema.json", "targets.schema.json"]
