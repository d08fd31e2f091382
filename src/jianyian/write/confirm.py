"""``jianyian confirm``: the office confirms an action done (销号), or withdraws it.

The office's log, data/office/confirmations.yaml, only grows: a confirmation is
an entry, and so is its withdrawal (``undo: true`` with a reason). Nothing is
deleted, so the log is the history and the state on any day can be replayed.

:func:`confirm_action` holds the file's lock (the one ``set`` uses) from reading
to writing, reads the log again under it, appends the entry and writes the whole
file at once, or nothing: the new text is checked with the same checks
``validate`` runs (JY037, JY052–JY054), and against the action's state on the
entry's day as the engine sees it with the reports' real arrival dates.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from ..checks import located, run_checks
from ..diagnostics import Diagnostic, error, has_errors
from ..engine import action_progress
from ..errors import UsageError
from ..load import CONFIRMATIONS_PATH, CONFIRMATIONS_SCHEMA, SCHEMA_DIR, read_source, validate_model
from ..load.yamlsrc import parse_yaml
from ..models import ConfirmationLog, Project, Source
from ..models.months import month_of
from .roundtrip import LOCK_TIMEOUT, round_trip_yaml

#: The text of a new log: what the file is, and how it grows.
HEADER = f"""\
# yaml-language-server: $schema=../../{SCHEMA_DIR}/{CONFIRMATIONS_SCHEMA}
# 领导小组办公室的销号记录：jianyian confirm 事项标识 追加一条销号，
# jianyian confirm 事项标识 --undo --why 原因 追加一条撤销。记录只追加、不删除；
# 统计日以后的记录在统计日不算数。
version: 1
confirmations: []
"""


@dataclass(frozen=True)
class ConfirmResult:
    """What :func:`confirm_action` did: ``written``, ``unchanged`` (already so on that
    day) or ``refused`` (nothing written; the diagnostics say why)."""

    outcome: Literal["written", "unchanged", "refused"]
    diagnostics: list[Diagnostic]
    #: the state the action had on the day before this entry (已销号, 待确认…)
    state: str | None = None


def _appended(text: str, entry: dict[str, object]) -> str:
    """``text`` (a log) with ``entry`` appended to ``confirmations``, comments kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    items = data.get("confirmations")
    if not isinstance(items, CommentedSeq):
        items = CommentedSeq()
        data["confirmations"] = items
    if not items:
        items.fa.set_block_style()  # `confirmations: []` grows into one entry a block
    item = CommentedMap()
    for key, value in entry.items():
        if value is not None:
            item[key] = value
    items.append(item)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def check_log_text(
    project: Project, text: str, today: date
) -> tuple[ConfirmationLog | None, list[Diagnostic]]:
    """The log ``text`` would be, and every diagnostic ``validate`` would give it."""
    rel = CONFIRMATIONS_PATH
    parsed = parse_yaml(text, rel)
    diags = list(parsed.diagnostics)
    if parsed.value is None and diags:
        return None, located(diags, {rel: Source(rel, text)})
    log, more = validate_model(ConfirmationLog, parsed.value, rel)
    diags += more
    if log is not None and project.plan is not None:
        diags += run_checks(
            project.plan,
            project.reports,
            plan_checks=(),
            report_checks=(),
            today=today,
            confirmations=log,
        )
        diags = [d for d in diags if d.path == rel]
    return log, located(diags, {rel: Source(rel, text)})


def confirm_action(
    project: Project,
    action_id: str,
    day: date,
    *,
    today: date,
    note: str | None = None,
    undo: bool = False,
    why: str | None = None,
    timeout: float | None = None,
) -> ConfirmResult:
    """Append a confirmation of ``action_id`` on ``day`` (or, with ``undo``, its withdrawal)
    to the office's log under ``project.root``, all or nothing.

    Refused (with diagnostics, exit 1) when the action is unknown (JY037), was not
    待确认 on ``day`` — its lead unit had not reported it 已完成 in a report that had
    arrived by then (JY052) — or, for ``undo``, was not confirmed on ``day`` (JY053).
    ``day`` after ``today``, or before the action's latest entry, is a usage error.
    """
    from .fileio import lock_file, write_text_atomic

    plan = project.plan
    assert plan is not None
    if day > today:
        raise UsageError(f"--date {day.isoformat()} 晚于今天：销号日期不能是将来的日子")
    target = Path(project.root) / CONFIRMATIONS_PATH
    real_root = os.path.realpath(project.root)
    if not os.path.realpath(target.parent).startswith(real_root.rstrip(os.sep) + os.sep):
        # data/office/ is a link out of the project: validate would not read it either.
        raise UsageError(f"{CONFIRMATIONS_PATH} 所在的目录是指向项目以外的符号链接，拒绝写入")
    with lock_file(target, timeout=LOCK_TIMEOUT if timeout is None else timeout):
        current = HEADER
        if target.exists() or target.is_symlink():
            source, read = read_source(Path(project.root), target)
            if source is None:
                return ConfirmResult("refused", read)
            current = source.text
        log, diags = check_log_text(project, current, today)
        if log is None or has_errors(diags):
            return ConfirmResult("refused", [d for d in diags if d.severity == "error"])
        earlier = [c for c in log.confirmations if c.action == action_id]
        if earlier and max(c.date for c in earlier) > day:
            last = max(c.date for c in earlier)
            raise UsageError(
                f"事项 {action_id} 已有 {last.isoformat()} 的记录，新记录的日期不能更早"
                f"（--date {day.isoformat()}）：请用 {last.isoformat()} 或以后的日期"
            )
        entry = {
            "action": action_id,
            "date": day,
            "note": note,
            "undo": True if undo else None,
            "why": why,
        }
        text = _appended(current, entry)
        new_log, diags = check_log_text(project, text, today)
        index = len(log.confirmations)
        state = None
        if action_id in plan.action_by_id and new_log is not None:
            state = _state_on(project, log, action_id, day)
            if not undo and state == "已销号":
                return ConfirmResult("unchanged", [], state)
            refusal = _refusal(action_id, day, state, undo)
            if refusal is not None:
                code, message = refusal
                loc = ("confirmations", index, "action")
                found = error(code, message, CONFIRMATIONS_PATH, loc)
                # The engine's reason (by real arrival dates) replaces the check's on this entry.
                kept = [d for d in diags if not (d.code == code and d.loc[:2] == loc[:2])]
                diags = located(
                    [*kept, found], {CONFIRMATIONS_PATH: Source(CONFIRMATIONS_PATH, text)}
                )
        if has_errors(diags):
            return ConfirmResult("refused", diags, state)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text, force=True)
    return ConfirmResult("written", diags, state)


def _state_on(project: Project, log: ConfirmationLog, action_id: str, day: date) -> str:
    """The action's state on ``day`` as the engine sees it (reports by their arrival)."""
    plan = project.plan
    assert plan is not None
    for a in action_progress(plan, project.reports, project.submitted, day, month_of(day), log):
        if a.id == action_id:
            return a.state
    raise AssertionError(action_id)  # the caller checked the id


def _refusal(action_id: str, day: date, state: str, undo: bool) -> tuple[str, str] | None:
    on = f"截至 {day.isoformat()} "
    if undo:
        if state != "已销号":
            return "JY053", f"事项 {action_id} {on}没有销号（状态：{state}），无需撤销"
        return None
    if state != "待确认":
        return (
            "JY052",
            f"事项 {action_id} {on}的状态是“{state}”：牵头单位尚未在已报送的月报中报“已完成”，"
            "不能销号",
        )
    return None
