"""Changing a report in place (``jianyian set``) and checking a report's text before it is written.

Edits go through ruamel.yaml's round-trip mode so comments, key order, quoting
and flow style survive; only the values asked for change. Every text about to be
written is checked with the same loader functions and cross-file checks that
``jianyian validate`` runs (:func:`check_report_text`). Pure: text in, text out,
except :func:`update_report`, which locks the file, reads it again under the lock,
edits and writes it, so two ``set`` at once never lose a change.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from ..checks import run_checks
from ..diagnostics import Diagnostic, error, has_errors, sorted_diagnostics
from ..errors import UsageError
from ..load import locate_diagnostics, read_source, validate_model
from ..load.layout import MAX_FILE_BYTES
from ..load.yamlsrc import parse_yaml
from ..models import LoadedReport, MonthlyReport, Project, Source, TaskState, report_model

ASSIGNMENT_RE = re.compile(r"^\s*([^=\s][^=]*?)\s*=\s*(.*?)\s*$")
STATUS_WORDS: frozenset[str] = frozenset(get_args(TaskState))
#: ``t1-1-2.progress=文字`` sets an action's progress text (``t1-1-2=已完成`` its status).
PROGRESS_SUFFIX = ".progress"


@dataclass(frozen=True)
class Change:
    """One ``KEY=VALUE`` from the command line."""

    key: str
    raw: str

    @property
    def value(self) -> int | float | str:
        """A number when ``raw`` is one (``9``, ``12.5``, ``-3``), else the text itself.

        Text is kept so validation can say, at the right line, that it is not a number.
        A progress text (``KEY.progress=…``) is always text, as typed.
        """
        if self.key.endswith(PROGRESS_SUFFIX):
            return self.raw
        # NFKC: full-width digits and point (１２．５) as a Chinese input method types them.
        text = unicodedata.normalize("NFKC", self.raw).strip().replace("_", "")
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            return self.raw
        return number if math.isfinite(number) else self.raw

    @property
    def shown(self) -> str:
        """``KEY=VALUE`` as stored in the file (``ai-models=８`` is stored and shown as 8)."""
        return f"{self.key}={self.value}"


def parse_changes(args: list[str]) -> list[Change]:
    """``["ai-models=9", …]`` → changes; bad syntax or a key given twice is a usage error."""
    out: list[Change] = []
    seen: set[str] = set()
    for arg in args:
        match = ASSIGNMENT_RE.match(arg)
        if match is None or not match.group(2):
            raise UsageError(
                f"“{arg}”应写作 指标标识=数值，如 ai-models=9（等号两边不要有其他符号）"
            )
        key, raw = match.group(1), match.group(2)
        if key in seen:
            raise UsageError(f"{key} 出现了不止一次，每个指标只能写一次")
        seen.add(key)
        out.append(Change(key, raw))
    return out


# ---------------------------------------------------------------- checking text


def check_report_text(project: Project, rel: str, text: str) -> list[Diagnostic]:
    """Every diagnostic ``jianyian validate`` would give for ``rel`` if it held ``text``.

    Parse, schema and the cross-file report checks, run against the rest of the
    project as loaded; diagnostics about other files are left out.
    """
    folder, name = rel.split("/")[-2:]
    stem = name.rsplit(".", 1)[0]
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:  # the loader's limit: a file validate would not even read
        return [
            error(
                "JY007",
                f"写入后文件大小 {size} 字节，超过 {MAX_FILE_BYTES} 字节（1 MiB）上限，未写入",
                rel,
            )
        ]
    source = Source(rel, text)
    parsed = parse_yaml(text, rel)
    diags = list(parsed.diagnostics)
    if parsed.value is None and diags:
        return sorted_diagnostics(diags)
    plan = project.plan
    measures = {i.id: i.measure for i in plan.indicator_by_id.values()} if plan else {}
    model = report_model(stem, parsed.value)
    report, more = validate_model(model, parsed.value, rel, measures)
    diags += more
    if report is not None and plan is not None:
        loaded = LoadedReport(source, report, folder, stem)
        reports = [r for r in project.reports if r.path != rel] + [loaded]
        found = run_checks(plan, reports, plan_checks=())
        diags += [d for d in found if d.path == rel]
    return sorted_diagnostics(locate_diagnostics(diags, {rel: source}))


# ---------------------------------------------------------------- editing


def round_trip_yaml() -> Any:
    """A ruamel.yaml round-trip parser that keeps quotes and never re-wraps long lines."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long Chinese lines
    return yaml


def _mapping_indent(text: str) -> int:
    """Spaces under the first block mapping key (2 when there is none)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[^\s#-][^:#]*:\s*(#.*)?$", line):
            for below in lines[i + 1 :]:
                stripped = below.lstrip(" ")
                if not stripped or stripped.startswith("#"):
                    continue
                indent = len(below) - len(stripped)
                if indent and not stripped.startswith("- "):
                    return indent
                break
    return 2


def _keep_comment_gap(mapping: Any, key: str, old: Any, new: Any) -> None:
    """Move a trailing ``# comment`` by as much as the value's text grew or shrank.

    ruamel keeps a comment at its old column, so a longer value would eat the
    spaces before it (``ai-models: 10 # 注``); this keeps the original gap.
    """
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or not hasattr(token, "column"):
        return
    delta = len(str(new)) - len(str(old))
    token.column = max(token.column + delta, 0)


def _set_in(mapping: Any, key: str, value: Any, field: str) -> None:
    from ruamel.yaml.comments import CommentedMap

    current = mapping.get(key)
    if isinstance(current, CommentedMap):
        old = current.get(field)
        current[field] = value
        if old is not None:
            _keep_comment_gap(current, field, old, value)
            if current.fa.flow_style():  # `{value: 12, note: …}  # comment` moves too
                _keep_comment_gap(mapping, key, old, value)
    else:
        old = current
        mapping[key] = value
        if old is not None:
            _keep_comment_gap(mapping, key, old, value)


def _section(data: Any, name: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    section = data.get(name)
    if isinstance(section, CommentedMap):
        return section
    section = CommentedMap()
    if name in data:
        data[name] = section
    else:
        # Where the model declares it: after the keys that come before it there.
        fields = list(MonthlyReport.model_fields)
        before = fields[: fields.index(name)] if name in fields else []
        keys = list(data)
        after = max((keys.index(k) for k in before if k in keys), default=-1)
        data.insert(after + 1, name, section)
    return section


def _set_progress(mapping: Any, key: str, text: str) -> None:
    """An action's progress text; ``t1-1-2: 推进中`` becomes ``{status: 推进中, progress: …}``."""
    from ruamel.yaml.comments import CommentedMap

    current = mapping.get(key)
    if isinstance(current, CommentedMap):
        current["progress"] = text
        return
    entry = CommentedMap()
    if current is not None:
        entry["status"] = current
    entry["progress"] = text
    entry.fa.set_flow_style()
    mapping[key] = entry


def apply_changes(
    text: str,
    changes: list[Change],
    task_ids: set[str],
    action_ids: set[str] | frozenset[str] = frozenset(),
) -> str:
    """``text`` with each change applied: an indicator value, a task's or an action's status,
    or an action's progress text.

    A key that names a task (``t2-3=已完成``) sets ``tasks``; one that names an action
    (``t1-1-2=已完成``) sets ``actions``, and ``t1-1-2.progress=…`` its progress text;
    any other key sets ``indicators`` (unknown ones are left for validation to
    report). An entry written as ``{value: 12, note: …}`` keeps its note.
    """
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.util import load_yaml_guess_indent

    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n")
    _, seq_indent, seq_offset = load_yaml_guess_indent(plain)
    yaml = round_trip_yaml()
    yaml.indent(mapping=_mapping_indent(plain), sequence=seq_indent or 2, offset=seq_offset or 0)
    data = yaml.load(plain)
    if not isinstance(data, CommentedMap):  # the caller checked the file first
        raise UsageError("报送文件不是“键: 值”形式的映射，无法修改")
    for change in changes:
        progress_of = change.key.removesuffix(PROGRESS_SUFFIX)
        if change.key in task_ids:
            _set_in(_section(data, "tasks"), change.key, change.value, "status")
        elif change.key in action_ids:
            _set_in(_section(data, "actions"), change.key, change.value, "status")
        elif progress_of != change.key:
            # An unknown id too: validation then says which action it meant (JY037).
            _set_progress(_section(data, "actions"), progress_of, str(change.value))
        elif change.value in STATUS_WORDS:
            # A state for an id the plan does not know: an action mistyped, never a value.
            _set_in(_section(data, "actions"), change.key, change.value, "status")
        else:
            _set_in(_section(data, "indicators"), change.key, change.value, "value")
    out = io.StringIO()
    yaml.dump(data, out)
    result = drop_first_time_notes(out.getvalue(), [c.key for c in changes])
    return result.replace("\n", "\r\n") if crlf else result


#: The end of the comment ``jianyian new`` writes above an indicator never reported.
FIRST_TIME_NOTE = "；首次填报，请改为实际数值"


def drop_first_time_notes(text: str, keys: list[str]) -> str:
    """``text`` without the "首次填报" note in the comment just above each of ``keys``.

    Once ``set`` has written a value the note is no longer true; the rest of the
    comment (name, target, measure) stays.
    """
    lines = text.split("\n")
    wanted = set(keys)
    for i, line in enumerate(lines):
        match = re.match(r"^\s+([^\s:#][^:#]*?)\s*:", line)
        if i == 0 or match is None or match.group(1) not in wanted:
            continue
        above = lines[i - 1]
        if above.lstrip().startswith("#") and above.endswith(FIRST_TIME_NOTE):
            lines[i - 1] = above.removesuffix(FIRST_TIME_NOTE)
    return "\n".join(lines)


@dataclass(frozen=True)
class EditResult:
    """What ``set`` would write (``text`` is None when it must not write)."""

    text: str | None
    diagnostics: list[Diagnostic]


def edit_report(
    project: Project, rel: str, changes: list[Change], current: Source | None = None
) -> EditResult:
    """Apply ``changes`` to the report at ``rel`` and check the result.

    ``current`` is the file's text as read again just now (under the lock); by
    default the text loaded with ``project``. Nothing is written here; ``text`` is
    None when the file cannot be read or the result has errors, and the
    diagnostics say why.
    """
    plan = project.plan
    if plan is None:
        return EditResult(None, [d for d in project.diagnostics if d.severity == "error"])
    loaded = project.sources.get(rel)
    if current is not None and loaded is not None and loaded.text == current.text:
        current = None  # unchanged since it was loaded: what was found then holds
    if current is not None:
        parsed = parse_yaml(current.text, rel)
        errors = [d for d in parsed.diagnostics if d.severity == "error"]
        if errors:
            return EditResult(None, locate_diagnostics(errors, {rel: current}))
    elif rel in project.unreadable or rel not in project.sources:
        mine = [d for d in project.diagnostics if d.path == rel and d.severity == "error"]
        return EditResult(None, mine)
    source = current if current is not None else project.sources[rel]
    new_text = apply_changes(source.text, changes, set(plan.task_by_id), set(plan.action_by_id))
    diags = check_report_text(project, rel, new_text)
    return EditResult(None if has_errors(diags) else new_text, diags)


# ---------------------------------------------------------------- editing the file

#: Seconds ``set`` waits for another command editing the same report.
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class UpdateResult:
    """What :func:`update_report` did: ``written``, ``unchanged`` (the values were
    already there) or ``refused`` (nothing written; the diagnostics say why)."""

    outcome: Literal["written", "unchanged", "refused"]
    diagnostics: list[Diagnostic]


def update_report(
    project: Project, rel: str, changes: list[Change], *, timeout: float | None = None
) -> UpdateResult:
    """Apply ``changes`` to the report file at ``rel`` under ``project.root``.

    Holds the file's lock (:func:`jianyian.fileio.lock_file`) from reading to
    writing and reads the file again under it: another writer may have changed it
    since ``project`` was loaded, and its change must survive ours. A byte-order
    mark the file had is kept. Raises :class:`jianyian.fileio.LockTimeout` when the
    lock is not free within ``timeout`` seconds (default :data:`LOCK_TIMEOUT`).
    """
    from .fileio import lock_file, write_text_atomic

    if timeout is None:
        timeout = LOCK_TIMEOUT
    target = Path(project.root) / rel
    with lock_file(target, timeout=timeout):
        current, read_diags = read_source(Path(project.root), target)
        if current is None:
            return UpdateResult("refused", read_diags)
        result = edit_report(project, rel, changes, current)
        if result.text is None:
            return UpdateResult("refused", result.diagnostics)
        if result.text == current.text:
            return UpdateResult("unchanged", result.diagnostics)
        text = result.text
        with open(target, "rb") as handle:
            if handle.read(3) == b"\xef\xbb\xbf":
                text = "\ufeff" + text  # keep the byte-order mark the file had
        write_text_atomic(target, text, force=True)
    return UpdateResult("written", result.diagnostics)
