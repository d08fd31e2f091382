"""Writing the office's 督办 files: open, close, reopen an item, record a reply.

Every change holds one lock for the whole of ``data/office/duban/`` (new ids are
numbered from what is there), reads the 督办 files again under it, makes the new
texts, checks them with the rules ``validate`` runs (JY080–JY089) and against the
item's state on the day as the engine sees it (reports by their real arrival), and
writes every file at once or none (:func:`~.fileio.write_files_atomic`).

Closing and reopening append to the item's ``closed`` / ``reopened`` lists with the
comments of the file kept; nothing is deleted, so the state on any day replays.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..checks import DUBAN_CHECKS, located
from ..diagnostics import Diagnostic, error, has_errors
from ..engine import DubanStatus, duban_status
from ..errors import UsageError
from ..load import DUBAN_DIR, DUBAN_REPLIES_DIR, SCHEMA_DIR, load_duban, validate_model
from ..load.layout import DUBAN_REPLY_SCHEMA, DUBAN_SCHEMA
from ..load.yamlsrc import parse_yaml
from ..models import DubanItem, DubanRecords, DubanReply, Filed, Project, Source
from .roundtrip import LOCK_TIMEOUT, round_trip_yaml

ITEM_HEADER = (
    f"# yaml-language-server: $schema=../../../{SCHEMA_DIR}/{DUBAN_SCHEMA}\n"
    "# 督办事项（jianyian duban open 写入）：销号和重新督办只追加、不删除；统计日以后的记录在统计日不算数。\n"
)
REPLY_HEADER = (
    f"# yaml-language-server: $schema=../../../../{SCHEMA_DIR}/{DUBAN_REPLY_SCHEMA}\n"
    "# 督办反馈（jianyian duban reply 写入）\n"
)


@dataclass(frozen=True)
class DubanWrite:
    """What a 督办 change did: ``written``, ``unchanged`` or ``refused`` (nothing written)."""

    outcome: Literal["written", "unchanged", "refused"]
    diagnostics: list[Diagnostic]
    #: relative paths written (or that would have been)
    paths: tuple[str, ...] = ()
    #: the item's state on the day before the change (close, reopen, reply)
    state: str | None = None


def dump_yaml(data: Mapping[str, Any], header: str = "") -> str:
    """A new file's text: ``header`` then ``data`` (lists of scalars in flow style)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    top = CommentedMap()
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, list) and all(not isinstance(v, dict) for v in value):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        top[key] = value
    out = io.StringIO()
    yaml.dump(top, out)
    return header + out.getvalue()


def appended(text: str, key: str, entry: Mapping[str, Any]) -> str:
    """``text`` (an item file) with ``entry`` appended to its ``key`` list, comments kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    items = data.get(key)
    if not isinstance(items, CommentedSeq):
        items = CommentedSeq()
        data[key] = items
    item = CommentedMap()
    for k, v in entry.items():
        if v is not None:
            item[k] = v
    item.fa.set_flow_style()
    items.append(item)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def next_ids(records: DubanRecords, year: int, count: int) -> list[str]:
    """``count`` new ids ``DB-<year>-NNN`` after the highest of that year (files and ids)."""
    prefix = f"DB-{year}-"
    used = [f.value.id for f in records.items]
    used += [f.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for f in records.items]
    used += [p.rsplit("/", 1)[-1].rsplit(".", 1)[0] for p in records.unreadable]
    numbers = [
        int(i[len(prefix) :]) for i in used if i.startswith(prefix) and i[len(prefix) :].isdigit()
    ]
    start = max(numbers, default=0) + 1
    return [f"{prefix}{n:03d}" for n in range(start, start + count)]


def item_path(item_id: str) -> str:
    return f"{DUBAN_DIR}/{item_id}.yaml"


def reply_path(item_id: str, unit: str, day: date) -> str:
    return f"{DUBAN_REPLIES_DIR}/{item_id}-{unit}-{day.isoformat()}.yaml"


def _validated(rel: str, text: str, model: type[Any]) -> tuple[Any, list[Diagnostic]]:
    parsed = parse_yaml(text, rel)
    diags = list(parsed.diagnostics)
    if parsed.value is None and diags:
        return None, diags
    value, more = validate_model(model, parsed.value, rel)
    return value, diags + more


def check_changes(
    project: Project,
    records: DubanRecords,
    texts: Mapping[str, str],
    today: date,
    extra: list[Diagnostic] | None = None,
) -> tuple[DubanRecords, list[Diagnostic]]:
    """The records with ``texts`` (path → new text) in place, and the diagnostics on those paths."""
    plan = project.checked_plan
    items = {f.path: f for f in records.items}
    replies = {f.path: f for f in records.replies}
    diags: list[Diagnostic] = []
    for rel, text in texts.items():
        is_reply = rel.startswith(DUBAN_REPLIES_DIR + "/")
        value, more = _validated(rel, text, DubanReply if is_reply else DubanItem)
        diags += more
        if value is not None:
            (replies if is_reply else items)[rel] = Filed(rel, value)
    new = replace(records, items=tuple(items.values()), replies=tuple(replies.values()))
    for check in DUBAN_CHECKS:
        diags += check(plan, project.reports, new, today)
    extra = list(extra or [])
    # The engine's judgement (by real arrival dates) replaces the check's on the same entry.
    mine = [
        d
        for d in diags
        if d.path in texts
        and not any((d.code, d.path, d.loc[:2]) == (e.code, e.path, e.loc[:2]) for e in extra)
    ]
    mine += extra
    return new, located(mine, {rel: Source(rel, text) for rel, text in texts.items()})


def state_on(project: Project, records: DubanRecords, item_id: str, day: date) -> DubanStatus:
    """The item as the engine sees it on ``day`` (reports by their real arrival)."""
    plan = project.checked_plan
    for s in duban_status(plan, records, project.reports, project.submitted, day):
        if s.id == item_id:
            return s
    raise UsageError(f"督办事项 {item_id} 在 {day.isoformat()} 尚未交办")


def _guard(root: Path) -> None:
    real_root = os.path.realpath(root)
    if not os.path.realpath(root / DUBAN_DIR).startswith(real_root.rstrip(os.sep) + os.sep):
        raise UsageError(f"{DUBAN_DIR} 是指向项目以外的符号链接，拒绝写入")


def _reload(project: Project) -> tuple[DubanRecords, dict[str, str], list[Diagnostic]]:
    """The 督办 files as they are now (under the lock): records, texts by path, errors."""
    records, sources, diags = load_duban(Path(project.root))
    return records, {s.path: s.text for s in sources}, [d for d in diags if d.severity == "error"]


def write_changes(
    project: Project,
    change: Any,
    *,
    today: date,
    timeout: float | None = None,
) -> DubanWrite:
    """Hold the 督办 lock, call ``change(records, texts)`` → (new texts by path, state or
    None, extra diagnostics), check the new texts and write them all or none."""
    from .fileio import lock_file, write_files_atomic

    root = Path(project.root)
    _guard(root)
    with lock_file(root / DUBAN_DIR, timeout=LOCK_TIMEOUT if timeout is None else timeout):
        records, texts, read_errors = _reload(project)
        new_texts, state, extra = change(records, texts)
        if not new_texts:
            return DubanWrite("unchanged", extra, (), state)
        bad = [d for d in read_errors if d.path in new_texts]
        if bad:
            return DubanWrite("refused", bad, tuple(new_texts), state)
        _, diags = check_changes(project, records, new_texts, today, extra)
        if has_errors(diags):
            return DubanWrite("refused", diags, tuple(new_texts), state)
        (root / DUBAN_REPLIES_DIR).parent.mkdir(parents=True, exist_ok=True)
        for rel in new_texts:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
        files = {root / rel: text.encode("utf-8") for rel, text in new_texts.items()}
        write_files_atomic(files, force=True)
    return DubanWrite("written", diags, tuple(new_texts), state)


def new_item_text(
    item_id: str,
    *,
    text: str,
    source: str,
    ref: str | None,
    units: list[str],
    opened: date,
    reply_by: date,
    level: str,
) -> str:
    """The text of a new item file."""
    data = {
        "version": 1,
        "id": item_id,
        "text": text,
        "source": source,
        "ref": ref,
        "units": list(units),
        "opened": opened,
        "reply_by": reply_by,
        "level": level,
    }
    return dump_yaml(data, ITEM_HEADER)


def new_reply_text(item_id: str, unit: str, day: date, reply: str, done: bool) -> str:
    data = {"version": 1, "item": item_id, "unit": unit, "date": day, "reply": reply, "done": done}
    return dump_yaml(data, REPLY_HEADER)


def refusal(code: str, message: str, rel: str, loc: tuple[str | int, ...]) -> Diagnostic:
    """An error of the engine's judgement on the day, located on the new entry."""
    return error(code, message, rel, loc)
