"""The bad-input cases of tests/fixtures/: how a case folder becomes a project.

``tests/fixtures/bad/<CODE>-<what>/`` (one per ``validate`` code) holds a small
project tree and ``expected.txt``; see tests/validate/test_fixtures.py for the format.
``tests/fixtures/forms/`` (one per ``import`` code) shares ``expected.txt``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from jianyian.load import MAX_FILE_BYTES

from ..conftest import FIXTURES, write_project

BAD = FIXTURES / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.is_dir())
LINE_RE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<sev>error|warning): "
    r"(?P<msg>.+) \[(?P<code>JY\d{3})\]$"
)


# ---------------------------------------------------------------- generators


def _big_file(root: Path, spec: dict) -> None:
    """A report just over the size limit: a valid head padded with comments."""
    path = root / spec["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    head = b"unit: jxj\nmonth: 2025-07\ninfo: {title: \xe6\xa0\x87\xe9\xa2\x98, body: x}\n"
    size = MAX_FILE_BYTES + spec.get("over", 1)
    pad = b"# " + b"x" * 77 + b"\n"
    body = head + pad * ((size - len(head)) // len(pad) + 1)
    path.write_bytes(body[:size])


def _symlink_outside(root: Path, spec: dict) -> None:
    """A report that is a symlink to a file outside the project."""
    outside = root.parent / "outside.yaml"
    outside.write_text(spec.get("text", "unit: jxj\n"), encoding="utf-8")
    path = root / spec["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(outside)


def _symlink(root: Path, spec: dict) -> None:
    """A link at ``path`` to ``target`` (relative, as written), inside the project.

    With ``text``, the target is a file holding it; with ``dir``, a folder of those files.
    """
    path = root / spec["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    target = (path.parent / spec["target"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    if "text" in spec:
        target.write_text(spec["text"], encoding="utf-8")
    for name, text in spec.get("dir", {}).items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    path.symlink_to(spec["target"])


GENERATORS: dict[str, Callable[[Path, dict], None]] = {
    "big-file": _big_file,
    "symlink-outside": _symlink_outside,
    "symlink": _symlink,
}


# ---------------------------------------------------------------- helpers


def read_expected(case: Path) -> tuple[int, list[str]]:
    lines = [
        line
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and lines[0].startswith("exit: "), f"{case.name}: expected.txt starts with exit:"
    return int(lines[0].removeprefix("exit: ")), lines[1:]


def build_case(case: Path, root: Path) -> bool:
    """Copy the case into ``root``; return True when it uses the real plan."""
    if (case / "data").is_dir():
        shutil.copytree(case / "data", root / "data", symlinks=True)
    real = not (root / "data" / "targets.yaml").exists()
    write_project(root, {}, None if real else (root / "data/targets.yaml").read_text("utf-8"))
    spec_file = case / "generate.json"
    if spec_file.exists():
        for spec in json.loads(spec_file.read_text(encoding="utf-8")):
            GENERATORS[spec["action"]](root, spec)
    return real
