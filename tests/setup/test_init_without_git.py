"""``jianyian init`` without a working git (issue 30, item 10): nothing is left behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from jianyian.cli import app

from ..conftest import runner


def test_init_without_git_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    target = tmp_path / "方案"
    r = runner.invoke(app, ["init", str(target)], env={"PATH": str(empty)})
    assert r.exit_code == 1, r.output
    assert "需要 git" in r.output and "未创建任何文件" in r.output
    assert not target.exists()


def test_a_git_failing_half_way_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    real = shutil.which("git")
    assert real is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    # A git that works until the first commit, which fails.
    fake.write_text(
        f'#!/bin/sh\nfor a in "$@"; do [ "$a" = commit ] && {{ echo "disk full" >&2; exit 1; }}; done\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    target = tmp_path / "空目录"
    target.mkdir()
    r = runner.invoke(app, ["init", str(target)], env={"PATH": f"{bin_dir}{os.pathsep}/usr/bin"})
    assert r.exit_code == 1, r.output
    assert "git commit 失败" in r.output
    assert target.is_dir() and list(target.iterdir()) == []
