"""A read form (:class:`~jianyian.models.form.FormData`) → a report file, checked like any other.

The report is written in the layout ``jianyian new`` uses (same key order, the same
comments on each indicator and task), then checked with every ``validate`` rule
(:func:`~jianyian.write.roundtrip.check_report_text`); what the rules find is
pointed back at the form's cells where it can be. An existing report is replaced
only with ``force``, and the change is listed value by value.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..checks.reports import LIST_LABELS
from ..diagnostics import Diagnostic, has_errors, printable, sorted_diagnostics, warning
from ..errors import UsageError
from ..fmt import fmt_date, fmt_month, fmt_number, fmt_target
from ..load.layout import report_path
from ..load.yamlsrc import parse_yaml
from ..models import (
    ActionEntry,
    DocumentReport,
    IndicatorEntry,
    MonthlyReport,
    Plan,
    Project,
    is_nothing,
    problem_text,
    said,
    wants_coordination,
)
from ..models.form import SUMMARY_TASK_FIELDS, SUMMARY_TASK_LABELS, FormData
from ..views.form import value_hint
from .fileio import write_text_atomic
from .roundtrip import check_report_text
from .scaffold import TASK_STATES, schema_modeline, yaml_scalar


class ValueChange(NamedTuple):
    """One value an import changes in an existing report: ``what: old → new``."""

    what: str
    old: str
    new: str


@dataclass(frozen=True)
class ImportResult:
    """What importing one form would do: ``text`` is None when it must not be written."""

    form: FormData
    path: str  # the report, relative to the project root
    text: str | None
    diagnostics: list[Diagnostic]
    #: an existing report at ``path`` (None when there is none)
    old_text: str | None
    changes: list[ValueChange]

    @property
    def unchanged(self) -> bool:
        return self.old_text is not None and self.text == self.old_text


# ---------------------------------------------------------------- rendering


def _block(key: str, text: str, indent: str) -> list[str]:
    """``key: |`` with ``text`` as a literal block, or a quoted scalar when a block would differ."""
    lines = text.split("\n")
    block = [f"  {line}" if line else "" for line in lines]
    parsed = parse_yaml("\n".join([f"{key}: |", *block]) + "\n", "")
    if not parsed.diagnostics and parsed.value == {key: text + "\n"}:
        return [f"{indent}{key}: |"] + [f"{indent}{line}" if line else "" for line in block]
    return [f"{indent}{key}: {yaml_scalar(text)}"]


def _items(key: str, items: list[str], comment: str) -> list[str]:
    if not items:
        return [f"{key}: []  # {comment}"]
    return [f"{key}:  # {comment}"] + [f"  - {yaml_scalar(item)}" for item in items]


def _number(value: float | int) -> str:
    return fmt_number(value, digits=6)


def _flow_scalar(text: str) -> str:
    """``text`` as a scalar inside ``{…}``: plain when that reads back the same, else quoted."""
    parsed = parse_yaml(f"k: {{note: {text}}}\n", "")
    if not parsed.diagnostics and parsed.value == {"k": {"note": text}}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _sections(plan: Plan, form: FormData) -> list[str]:
    """A 小结 in sections: ``overview`` and ``tasks:`` (task blocks left empty are left out)."""
    lines = _block("overview", form.texts["overview"], "") if "overview" in form.texts else []
    blocks = []
    for task in plan.tasks:
        fields = [
            (f, form.texts[f"tasks.{task.id}.{f}"])
            for f in SUMMARY_TASK_FIELDS
            if f"tasks.{task.id}.{f}" in form.texts
        ]
        if fields:
            blocks.append(f"  # {task.number} {task.title}")
            blocks.append(f"  {task.id}:")
            for field, text in fields:
                blocks += _block(field, text, "    ")
    if blocks:
        lines += ["tasks:  # 各任务：measures 主要做法，results 成效，problems 存在问题", *blocks]
    return lines


def _kept_lines(kept: MonthlyReport) -> list[str]:
    """What the form has no cells for, kept from the report it replaces: the unit's 督办
    replies (``duban:``), which a re-import must not silently drop."""
    if not kept.duban:
        return []
    lines = ["duban:  # 督办事项的反馈（填报表中没有这一栏，导入时保留原报送文件中的内容）"]
    for item_id, answer in kept.duban.items():
        lines.append(f"  {item_id}:")
        lines += _block("reply", answer.reply, "    ")
        lines.append(f"    done: {'true' if answer.done else 'false'}")
    return lines


def _problem_lines(items: list[str], coordinated: set[str]) -> list[str]:
    """``problems:``, a problem the replaced report marked ``coordinate: true`` still marked."""
    lines = _items("problems", items, "存在问题，每条一项")
    return [
        f"  - {{text: {_flow_scalar(item)}, coordinate: true}}" if item in coordinated else line
        for item, line in zip([None, *items], lines, strict=True)
    ]


def render_report(
    plan: Plan, form: FormData, submitted: date | None, kept: MonthlyReport | None = None
) -> tuple[str, str]:
    """The report file for ``form``: its path relative to the root, and its text.

    ``kept`` is the report the file replaces: what the form cannot say (督办 replies,
    problems marked for the city leaders) is carried over from it."""
    unit = plan.unit_by_id[form.unit_id]
    path = report_path(form.unit_id, form.period)
    source = printable(Path(form.name).name)
    lines = [schema_modeline(path)]
    if form.kind == "monthly":
        lines += [
            f"# {unit.name} {fmt_month(form.period)}月报（{plan.plan.title}）",
            f"# 由 jianyian import 从填报表 {source} 导入。改后运行 jianyian validate 检查。",
            f"unit: {form.unit_id}",
            f"month: {form.period}",
        ]
    else:
        name = plan.deliverable_by_id[form.period].name
        lines += [
            f"# {unit.name} {name}",
            f"# 由 jianyian import 从填报表 {source} 导入。改后运行 jianyian validate 检查。",
            f"unit: {form.unit_id}",
            f"deliverable: {form.period}",
        ]
    if submitted is not None:
        lines.append(f"submitted: {submitted.isoformat()}")
    if form.kind == "monthly":
        order = plan.indicators_of_unit.get(form.unit_id, [])
        ids = [i for i in order if i in form.indicators]
        ids += sorted(i for i in form.indicators if i not in order)
        if ids:
            lines.append("indicators:")
            for ind_id in ids:
                ind = plan.indicator_by_id[ind_id]
                target = fmt_target(ind.target, ind.measure, ind.qualifier)
                lines.append(
                    f"  # {ind.name}：目标{target}，计量单位“{ind.measure}”，填{value_hint(plan, ind, form.period)}"
                )
                value = _number(form.indicators[ind_id])
                note = form.notes.get(ind_id)
                if note:  # the 说明 beside the value: why it fell, …
                    lines.append(f"  {ind_id}: {{value: {value}, note: {_flow_scalar(note)}}}")
                else:
                    lines.append(f"  {ind_id}: {value}")
        if form.tasks:
            lines.append("tasks:")
            for task in plan.tasks:
                if task.id in form.tasks:
                    lines.append(
                        f"  # {task.number} {task.title}：无量化指标，填写进展状态（{TASK_STATES}）"
                    )
                    lines.append(f"  {task.id}: {form.tasks[task.id]}")
        lines += _action_lines(plan, form)
        lines += ["info:", f"  title: {yaml_scalar(form.texts['info.title'])}"]
        lines += _block("body", form.texts["info.body"], "  ")
    else:
        lines.append(f"title: {yaml_scalar(form.texts['title'])}")
        if "body" in form.texts:
            lines += _block("body", form.texts["body"], "")
        else:
            lines += _sections(plan, form)
    # 无／暂无 is no entry (JY019): the file gets an empty list, the liaison a warning.
    coordinated = (
        {p.text for p in kept.problems if wants_coordination(p)} if kept is not None else set()
    )
    lines += _problem_lines(said(form.lists.get("problems", [])), coordinated)
    lines += _items("next_steps", said(form.lists.get("next_steps", [])), "下步工作，每条一项")
    if kept is not None and form.kind == "monthly":
        lines += _kept_lines(kept)
    return path, "\n".join(lines) + "\n"


def _action_lines(plan: Plan, form: FormData) -> list[str]:
    """``actions:`` as ``new`` writes it: the form's rows in plan order, each with its comment."""
    if not form.actions:
        return []
    lines = ["actions:"]
    for action_id in plan.action_by_id:
        if action_id not in form.actions:
            continue
        action = plan.action_by_id[action_id]
        task = plan.task_of_action[action_id]
        text = "".join(action.text.split())
        lines.append(f"  # {task.number} {text}（完成时限：{fmt_date(action.due)}）")
        status, progress = form.actions[action_id]
        if progress:
            lines.append(f"  {action_id}: {{status: {status}, progress: {_flow_scalar(progress)}}}")
        else:
            lines.append(f"  {action_id}: {status}")
    return lines


# ---------------------------------------------------------------- comparing


def _short(text: str, limit: int = 40) -> str:
    one = printable(text.strip())
    return one if len(one) <= limit else one[:limit] + "…"


def _entry(entry: IndicatorEntry | None) -> str:
    if entry is None:
        return "（无）"
    return _number(entry.value) + (f"（说明：{_short(entry.note)}）" if entry.note else "")


def _action(entry: ActionEntry | None) -> str:
    if entry is None:
        return "（无）"
    return entry.status + (f"（进展：{_short(entry.progress)}）" if entry.progress else "")


def diff_reports(
    plan: Plan, old: MonthlyReport | DocumentReport, new: MonthlyReport | DocumentReport
) -> list[ValueChange]:
    """The values that differ between two reports of the same unit and period."""
    out: list[ValueChange] = []

    def add(what: str, a: str, b: str) -> None:
        if a != b:
            out.append(ValueChange(what, a, b))

    def show(value: object) -> str:
        return "（无）" if value is None else str(value)

    add("报送日期", show(old.submitted), show(new.submitted))
    if isinstance(old, MonthlyReport) and isinstance(new, MonthlyReport):
        for key in dict.fromkeys([*old.indicators, *new.indicators]):
            ind = plan.indicator_by_id.get(key)
            label = f"指标 {key}（{ind.name}）" if ind else f"指标 {key}"
            a, b = old.indicators.get(key), new.indicators.get(key)
            add(label, _entry(a), _entry(b))
        for key in dict.fromkeys([*old.tasks, *new.tasks]):
            task = plan.task_by_id.get(key)
            label = f"任务 {key}（{task.title}）" if task else f"任务 {key}"
            a_t, b_t = old.tasks.get(key), new.tasks.get(key)
            add(label, a_t.status if a_t else "（无）", b_t.status if b_t else "（无）")
        for key in dict.fromkeys([*old.actions, *new.actions]):
            a_a, b_a = old.actions.get(key), new.actions.get(key)
            add(f"事项 {key}", _action(a_a), _action(b_a))
        pairs = [
            ("信息标题", old.info.title, new.info.title),
            ("信息正文", old.info.body, new.info.body),
        ]
    elif isinstance(old, DocumentReport) and isinstance(new, DocumentReport):
        pairs = [
            ("标题", old.title or "", new.title or ""),
            ("正文", old.body or "", new.body or ""),
            ("总体情况", old.overview or "", new.overview or ""),
        ]
        for key in dict.fromkeys([*old.tasks, *new.tasks]):
            for field, label in SUMMARY_TASK_LABELS.items():
                a_f = getattr(old.tasks.get(key), field, None) or ""
                b_f = getattr(new.tasks.get(key), field, None) or ""
                pairs.append((f"任务 {key} {label}", a_f, b_f))
    else:
        pairs = []
    for what, a, b in pairs:
        if a.strip() != b.strip():
            out.append(
                ValueChange(
                    what, f"{_short(a)}（{len(a.strip())}字）", f"{_short(b)}（{len(b.strip())}字）"
                )
            )
    for what, a_l, b_l in (
        (
            "存在问题",
            [problem_text(p) for p in old.problems],
            [problem_text(p) for p in new.problems],
        ),
        ("下步工作", old.next_steps, new.next_steps),
    ):
        if a_l != b_l:
            out.append(
                ValueChange(
                    what,
                    f"{len(a_l)} 条：" + _short("；".join(a_l)) if a_l else "（无）",
                    f"{len(b_l)} 条：" + _short("；".join(b_l)) if b_l else "（无）",
                )
            )
    return out


# ---------------------------------------------------------------- importing


def _field_of(loc: tuple) -> str | None:
    """The form field a report key path comes from."""
    if not loc:
        return None
    head = loc[0]
    if head == "tasks" and len(loc) > 2:  # a 小结's task block
        return f"text:tasks.{loc[1]}.{loc[2]}"
    if head in ("indicators", "tasks") and len(loc) > 1:
        return f"{'indicator' if head == 'indicators' else 'task'}:{loc[1]}"
    if head == "actions" and len(loc) > 1:
        return f"{'progress' if loc[2:3] == ('progress',) else 'action'}:{loc[1]}"
    if head == "info" and len(loc) > 1:
        return f"text:info.{loc[1]}"
    if head in ("title", "body", "overview", "problems", "next_steps"):
        return f"text:{head}"

    return None


def _on_form(diags: list[Diagnostic], form: FormData, rel: str) -> list[Diagnostic]:
    """Diagnostics about the report text, pointed at the form's cell where there is one."""
    from dataclasses import replace

    out = []
    for d in diags:
        field = _field_of(d.loc)
        if d.code == "JY039" and field is not None:  # 已完成 without progress: the progress cell
            field = field.replace("action:", "progress:", 1)
        cell = form.cells.get(field) if field else None
        if cell is not None:
            out.append(replace(d, path=cell, line=0, col=0))
        else:
            where = f"{rel}:{d.line}:{d.col}" if d.line else rel
            out.append(replace(d, path=form.name, line=0, col=0, message=f"{d.message}（{where}）"))
    return out


def _nothings(form: FormData) -> list[Diagnostic]:
    """JY019 at the cell: entries that only say 无／暂无, left out of the report."""
    out = []
    for field, (label, noun) in LIST_LABELS.items():
        for item in form.lists.get(field, []):
            if is_nothing(item):
                out.append(
                    warning(
                        "JY019",
                        f"{label}填的“{item.strip()}”表示没有，按未填写处理，未写入报送文件"
                        f"（没有{noun}时留空即可）",
                        form.cells.get(f"text:{field}", form.name),
                    )
                )
    return out


def prepare_import(project: Project, form: FormData, *, submitted: date | None) -> ImportResult:
    """What importing ``form`` into ``project`` would write, checked; nothing is written here.

    Without ``submitted`` an existing report's ``submitted:`` is kept.
    """
    plan = project.plan
    assert plan is not None
    rel = report_path(form.unit_id, form.period)
    old = next((r for r in project.reports if r.path == rel), None)
    old_source = project.sources.get(rel)
    if submitted is None and old is not None:
        submitted = old.report.submitted
    kept = old.report if old is not None and isinstance(old.report, MonthlyReport) else None
    rel, text = render_report(plan, form, submitted, kept)
    diags = _on_form(check_report_text(project, rel, text), form, rel) + _nothings(form)
    changes: list[ValueChange] = []
    if old is not None:
        from ..load import validate_model
        from ..models import report_model

        parsed = parse_yaml(text, rel)
        model = report_model(rel.rsplit("/", 1)[1].rsplit(".", 1)[0], parsed.value)
        new, _ = validate_model(model, parsed.value, rel, {})
        if new is not None:
            changes = diff_reports(plan, old.report, new)
    return ImportResult(
        form=form,
        path=rel,
        text=None if has_errors(diags) else text,
        diagnostics=sorted_diagnostics(diags),
        old_text=old_source.text if old_source is not None else None,
        changes=changes,
    )


def write_import(root: Path, result: ImportResult, *, force: bool) -> None:
    """Write the checked report atomically; refuses a link out of the project and, without
    ``force``, an existing file (:class:`~jianyian.write.fileio.OverwriteRefused`)."""
    if result.text is None:
        raise UsageError(f"{result.path} 有错误，未写入")
    target = root / result.path
    if not Path(os.path.realpath(target.parent)).is_relative_to(os.path.realpath(root)):
        raise UsageError(f"{result.path} 所在的目录是指向项目以外的符号链接，拒绝写入")
    write_text_atomic(target, result.text, force=force)
