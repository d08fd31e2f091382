"""Safe writes: temporary file, fsync, rename; nothing lost on failure or refusal."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from jianyian.errors import JianyianError, UsageError
from jianyian.write.fileio import (
    OverwriteRefused,
    WriteFailed,
    atomic_open,
    is_current,
    write_bytes_atomic,
    write_text_atomic,
)

ORIGINAL = "unit: jxj\r\nmonth: 2025-07\r\n# 原来的注释\r\n".encode()


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "reports" / "2025-07.yaml"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL)
    return path


def _untouched(path: Path) -> None:
    """The original is byte-identical and no temporary file is left beside it."""
    assert path.read_bytes() == ORIGINAL
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_writes_new_file_exactly_and_creates_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "new.yaml"
    write_text_atomic(path, "第一行\r\n第二行\n", force=False)
    assert path.read_bytes() == "第一行\r\n第二行\n".encode()
    assert sorted(p.name for p in path.parent.iterdir()) == ["new.yaml"]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "x.txt", "x", force=False)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "x.txt").stat().st_mode) == 0o644


def test_refuses_to_overwrite_without_force(existing: Path) -> None:
    with pytest.raises(OverwriteRefused) as info:
        write_text_atomic(existing, "新内容", force=False)
    assert isinstance(info.value, UsageError)  # exit 2: rerun with --force
    assert "已存在" in str(info.value) and "--force" in str(info.value)
    _untouched(existing)


def test_force_replaces_and_keeps_the_file_mode(existing: Path) -> None:
    os.chmod(existing, 0o600)
    write_bytes_atomic(existing, b"new", force=True)
    assert existing.read_bytes() == b"new"
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    assert sorted(p.name for p in existing.parent.iterdir()) == [existing.name]


def test_encoding_failure_half_way_leaves_original(existing: Path) -> None:
    # A lone surrogate cannot be encoded as UTF-8: the write fails in the middle.
    text = "unit: jxj\n" * 2000 + "\ud800" + "month: 2025-07\n" * 2000
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(existing, text, force=True)
    _untouched(existing)


def test_failure_after_partial_writes_leaves_original(existing: Path) -> None:
    with pytest.raises(RuntimeError), atomic_open(existing, "wb", force=True) as handle:
        handle.write(b"half of the new content" * 1000)
        handle.flush()
        raise RuntimeError("interrupted")
    _untouched(existing)


@pytest.mark.parametrize("name", ["replace", "fsync"])
def test_os_failure_leaves_original(
    existing: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, name, fail)
    with pytest.raises(WriteFailed) as info:
        write_text_atomic(existing, "新内容\n" * 100, force=True)
    assert isinstance(info.value, JianyianError)
    assert "无法写入" in str(info.value) and "原文件未改动" in str(info.value)
    monkeypatch.undo()
    _untouched(existing)


def test_file_appearing_during_write_is_not_clobbered(tmp_path: Path) -> None:
    path = tmp_path / "race.yaml"
    with pytest.raises(OverwriteRefused), atomic_open(path, "w", force=False) as handle:
        handle.write("ours")
        path.write_bytes(ORIGINAL)  # someone else creates it meanwhile
    assert path.read_bytes() == ORIGINAL
    assert [p.name for p in tmp_path.iterdir()] == ["race.yaml"]


def test_directory_in_the_way_is_a_write_failure(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(WriteFailed):
        write_text_atomic(tmp_path / "dir", "x", force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["dir"]


def test_is_current(existing: Path) -> None:
    assert is_current(existing, ORIGINAL.decode())
    assert not is_current(existing, "other")
    assert not is_current(existing.parent / "missing.yaml", "")
