"""Report skeletons for ``jianyian new``: only the unit's own indicators, with Chinese comments.

A monthly skeleton starts from the unit's earlier reports (each indicator's latest
earlier value carried over; 0 when there is none) and validates as written. Pure: the plan and the loaded
reports in, the file's path and text out.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from ..checks.reports import PLACEHOLDER
from ..errors import UsageError
from ..fmt import fmt_date, fmt_month, fmt_number, fmt_target
from ..load.layout import REPORT_SCHEMA, SCHEMA_DIR, report_path
from ..load.yamlsrc import parse_yaml
from ..models import LoadedReport, MonthlyReport, Plan
from ..views.form import (
    PreviousAction,
    check_month,
    find_document,
    is_summary,
    led_actions,
    previous_actions,
    previous_report,
    previous_values,
    qualitative_tasks,
    value_hint,
)
from .roundtrip import FIRST_TIME_NOTE

__all__ = [
    "PLACEHOLDER",
    "TASK_STATES",
    "Scaffold",
    "check_month",
    "previous_report",
    "render_document",
    "render_monthly",
    "render_scaffold",
    "schema_modeline",
    "yaml_scalar",
]

TASK_STATES = "未启动／推进中／已完成"


@dataclass(frozen=True)
class Scaffold:
    """A file ``new`` would create: its path relative to the project root, and its text."""

    path: str
    text: str


def schema_modeline(rel_path: str) -> str:
    """The yaml-language-server line pointing from ``rel_path`` to the report schema."""
    target = f"{SCHEMA_DIR}/{REPORT_SCHEMA}"
    ref = posixpath.relpath(target, posixpath.dirname(rel_path) or ".")
    return f"# yaml-language-server: $schema={ref}"


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string."""
    parsed = parse_yaml(f"k: {text}\n", "")
    if not parsed.diagnostics and parsed.value == {"k": text}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _number(value: float | None) -> str:
    return "0" if value is None else fmt_number(value, digits=6)


def render_monthly(
    plan: Plan,
    unit_id: str,
    month: str,
    previous: LoadedReport | None = None,
    values: Mapping[str, tuple[float | int, str]] | None = None,
    actions: Mapping[str, PreviousAction] | None = None,
) -> Scaffold:
    """A monthly report skeleton for ``unit_id`` and ``month``.

    Task states start from ``previous`` (the latest earlier report); each indicator from
    ``values`` (:func:`~jianyian.views.form.previous_values`), by default ``previous``'s;
    each action from ``actions`` (:func:`~jianyian.views.form.previous_actions`: a co-lead's
    later statement counts), by default ``previous``'s.
    """
    check_month(plan, month)
    unit = plan.unit_by_id[unit_id]
    path = report_path(unit_id, month)
    prev = previous.report if previous is not None else None
    assert prev is None or isinstance(prev, MonthlyReport)
    if values is None:
        values = {k: (e.value, prev.month) for k, e in prev.indicators.items()} if prev else {}
    lines = [
        schema_modeline(path),
        f"# {unit.name} {fmt_month(month)}月报（{plan.plan.title}）",
        "# 由 jianyian new 生成。指标只填数字，按注释中的计量单位填写；写好后运行 jianyian validate 检查。",
        f"# 也可以用命令修改指标，如：jianyian set --unit {unit_id} --month {month} 指标标识=数值",
        f"unit: {unit_id}",
        f"month: {month}",
    ]
    indicator_ids = plan.indicators_of_unit.get(unit_id, [])
    if indicator_ids:
        lines.append("indicators:")
        for ind_id in indicator_ids:
            ind = plan.indicator_by_id[ind_id]
            target = fmt_target(ind.target, ind.measure, ind.qualifier)
            kind = value_hint(plan, ind, month)
            old, old_month = values.get(ind_id, (None, None))
            start = (
                f"起始值取自 {old_month} 月报"
                if old_month is not None
                else FIRST_TIME_NOTE.removeprefix("；")
            )
            lines.append(
                f"  # {ind.name}：目标{target}，计量单位“{ind.measure}”，填{kind}；{start}"
            )
            lines.append(f"  {ind_id}: {_number(old)}")
    else:
        lines.append("# 本单位在计划中没有需要报送的量化指标。")
    qualitative = qualitative_tasks(plan, unit_id)
    if qualitative:
        lines.append("tasks:")
        for task in qualitative:
            old_status = prev.tasks.get(task.id) if prev is not None else None
            status = old_status.status if old_status is not None else "推进中"
            lines.append(
                f"  # {task.number} {task.title}：无量化指标，填写进展状态（{TASK_STATES}）"
            )
            lines.append(f"  {task.id}: {status}")
    if actions is None:
        actions = (
            {k: PreviousAction(e, unit_id, prev.month) for k, e in prev.actions.items()}
            if prev
            else {}
        )
    lines += _action_lines(plan, unit_id, actions)
    title = f"{unit.name}{fmt_month(month)}建议案办理工作情况"
    lines += [
        "info:",
        "  # 本月信息 1 篇：请把标题和正文改为实际内容",
        f"  title: {yaml_scalar(title)}",
        "  body: |",
        f"    {PLACEHOLDER}本月工作进展、主要成效和典型做法。",
        "problems: []  # 存在问题，每条一项，如 [部分企业数据基础薄弱]",
        "next_steps: []  # 下步工作，每条一项，如 [加快推进智能工厂建设]",
    ]
    return Scaffold(path, "\n".join(lines) + "\n")


def _action_lines(plan: Plan, unit_id: str, earlier: Mapping[str, PreviousAction]) -> list[str]:
    """``actions:`` with one entry per action the unit leads, its state carried over.

    A first report starts each at 未启动; an action already reported 已完成 keeps its
    progress text (the office confirms from it).
    """
    actions = led_actions(plan, unit_id)
    if not actions:
        return []
    lines = [
        "actions:",
        f"  # 本单位牵头的事项：状态填 {TASK_STATES}；写成 {{status: 推进中, progress: 进展和佐证}}，"
        "可说明进展（文件名、文号、链接文字），报“已完成”时必须写明",
    ]
    for action in actions:
        task = plan.task_of_action[action.id]
        found = earlier.get(action.id)
        old = found.entry if found is not None else None
        text = "".join(action.text.split())
        if found is None:
            start = "首次填报"
        elif found.unit == unit_id:
            start = f"状态取自 {found.month} 月报"
        else:
            start = f"状态取自{plan.unit_label(found.unit)} {found.month} 月报"
        lines.append(f"  # {task.number} {text}（完成时限：{fmt_date(action.due)}；{start}）")
        if old is not None and old.status == "已完成" and old.progress:
            entry = f"{{status: 已完成, progress: {yaml_scalar(old.progress)}}}"
        else:
            entry = old.status if old is not None else "未启动"
        lines.append(f"  {action.id}: {entry}")
    return lines


def render_document(plan: Plan, unit_id: str, deliverable_id: str) -> Scaffold:
    """A handling-plan or summary skeleton for ``unit_id``."""
    doc = find_document(plan, deliverable_id)
    deliverable = doc.deliverable
    unit = plan.unit_by_id[unit_id]
    path = report_path(unit_id, doc.period)
    lines = [
        schema_modeline(path),
        f"# {unit.name} {deliverable.name}（截止日期：{fmt_date(doc.due)}）",
        "# 由 jianyian new 生成：请把标题和正文改为实际内容，写好后运行 jianyian validate 检查。",
        f"unit: {unit_id}",
        f"deliverable: {doc.period}",
        f"title: {yaml_scalar(unit.name + deliverable.name)}",
    ]
    if is_summary(deliverable):
        lines += _summary_lines(plan, unit_id)
    else:
        lines += [
            "body: |",
            f"  {PLACEHOLDER}{''.join((deliverable.text or deliverable.name).splitlines())}",
        ]
    lines += [
        "problems: []  # 存在问题，每条一项",
        "next_steps: []  # 下步工作，每条一项",
    ]
    return Scaffold(path, "\n".join(lines) + "\n")


def _summary_lines(plan: Plan, unit_id: str) -> list[str]:
    """A 小结／总结 in sections: the overview, then a block per task the unit leads or shares."""
    lines = [
        "overview: |  # 总体情况",
        f"  {PLACEHOLDER}本单位办理工作的总体情况。",
    ]
    tasks = plan.tasks_of_unit(unit_id)
    if not tasks:
        return lines
    lines.append("tasks:  # 本单位牵头或配合的各任务：主要做法、成效（尽量写明数字）、存在问题")
    for task in tasks:
        role = "牵头" if unit_id in plan.expand(task.lead) else "配合"
        lines += [
            f"  # {task.number} {task.title}（本单位{role}）",
            f"  {task.id}:",
            "    measures: |  # 主要做法",
            f"      {PLACEHOLDER}",
            "    results: |  # 成效",
            f"      {PLACEHOLDER}",
            "    problems: |  # 存在问题（没有可删去这一项）",
            f"      {PLACEHOLDER}",
        ]
    return lines


def render_scaffold(
    plan: Plan,
    reports: list[LoadedReport],
    unit_id: str,
    *,
    month: str | None = None,
    deliverable: str | None = None,
) -> Scaffold:
    """The skeleton ``jianyian new`` writes: a monthly report or a document."""
    if (month is None) == (deliverable is None):
        raise UsageError("请指定 --month YYYY-MM（月报）或 --deliverable 报送事项标识（二选一）")
    if deliverable is not None:
        return render_document(plan, unit_id, deliverable)
    assert month is not None
    check_month(plan, month)
    return render_monthly(
        plan,
        unit_id,
        month,
        previous_report(reports, unit_id, month),
        previous_values(reports, unit_id, month),
        previous_actions(plan, reports, unit_id, month),
    )
