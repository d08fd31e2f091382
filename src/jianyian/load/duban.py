"""Reading the office's 督办 files: items, reply files and meetings.

``data/office/duban/*.yaml`` are items (one a file, named by id),
``data/office/duban/replies/*.yaml`` the replies ``jianyian duban reply`` wrote,
``data/office/meetings/*.yaml`` the meetings. Every failure is a located
diagnostic; a bad file is left out and named in ``DubanRecords.unreadable``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, warning
from ..models import DubanItem, DubanRecords, DubanReply, Filed, Meeting, Source
from .files import read_source, rel_path
from .layout import DUBAN_DIR, DUBAN_REPLIES_DIR, IGNORED_NAMES, MEETINGS_DIR, YAML_SUFFIXES
from .schema_errors import validate_model
from .yamlsrc import parse_yaml

#: folder → (the model of its files, the sub-folders it may hold)
_FOLDERS: dict[str, tuple[type[Any], frozenset[str]]] = {
    DUBAN_DIR: (DubanItem, frozenset({"replies"})),
    DUBAN_REPLIES_DIR: (DubanReply, frozenset()),
    MEETINGS_DIR: (Meeting, frozenset()),
}


def _files(root: Path, folder: str, subdirs: frozenset[str]) -> tuple[list[Path], list[Diagnostic]]:
    base = root / folder
    if not base.is_dir() or base.is_symlink():
        out = []
        if base.is_symlink():
            out.append(warning("JY008", "目录是符号链接，未被读取", folder).located(1, 1))
        return [], out
    files, diags = [], []
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        rel = rel_path(root, Path(entry.path))
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in subdirs:
                diags.append(warning("JY008", "此目录下不应有子目录，未被读取", rel).located(1, 1))
        elif entry.name.endswith(YAML_SUFFIXES):
            files.append(Path(entry.path))
        elif entry.name not in IGNORED_NAMES:
            diags.append(warning("JY008", "不是 .yaml 文件，未被读取", rel).located(1, 1))
    return files, diags


def load_duban(root: Path) -> tuple[DubanRecords, list[Source], list[Diagnostic]]:
    """Read every 督办 item, reply file and meeting: (records, sources read, diagnostics)."""
    found: dict[str, list[Filed[Any]]] = {folder: [] for folder in _FOLDERS}
    sources: list[Source] = []
    diags: list[Diagnostic] = []
    unreadable: list[str] = []
    for folder, (model, subdirs) in _FOLDERS.items():
        paths, more = _files(root, folder, subdirs)
        diags += more
        for path in paths:
            source, read = read_source(root, path)
            diags += read
            if source is None:
                unreadable.append(rel_path(root, path))
                continue
            sources.append(source)
            parsed = parse_yaml(source.text, source.path)
            diags += parsed.diagnostics
            value = None
            if parsed.value is not None or not parsed.diagnostics:
                value, more = validate_model(model, parsed.value, source.path)
                diags += more
            if value is None:
                unreadable.append(source.path)
            else:
                found[folder].append(Filed(source.path, value))
    records = DubanRecords(
        items=tuple(found[DUBAN_DIR]),
        meetings=tuple(found[MEETINGS_DIR]),
        replies=tuple(found[DUBAN_REPLIES_DIR]),
        unreadable=tuple(unreadable),
    )
    return records, sources, diags
