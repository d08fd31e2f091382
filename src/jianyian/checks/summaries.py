"""Checks of the units' structured 小结／总结 (issue 28): the tasks they account for.

A summary written in sections (``overview``, ``tasks``) says, task by task, what the unit
did; the office compiles the city's summary from it. A free-text summary (``body`` only)
is left alone: it stays valid as it always was.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, error, suggest, warning
from ..models import DocumentReport, LoadedReport, Plan

Reports = list[LoadedReport]


def check_summary_tasks(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY091 / JY092: a summary's ``tasks:`` names real tasks the unit leads or shares."""
    out = []
    for r in reports:
        rep = r.report
        if not isinstance(rep, DocumentReport) or rep.unit not in plan.unit_by_id:
            continue
        mine = {t.id for t in plan.tasks_of_unit(rep.unit)}
        for key in rep.tasks:
            loc = ("tasks", key)
            task = plan.task_by_id.get(key)
            if task is None:
                hint = suggest(key, plan.task_by_id)
                if key in plan.action_by_id:
                    hint = f"：{key} 是事项，请写它所属的任务 {plan.task_of_action[key].id}"
                out.append(
                    error("JY091", f"任务 {key} 未在计划中定义{hint}", r.path, loc, at_key=True)
                )
            elif key not in mine:
                out.append(
                    warning(
                        "JY092",
                        f"任务 {key}（{task.title}）不由{plan.unit_label(rep.unit)}牵头或承担："
                        "这段文字不会按任务汇入全市总结，请写进 overview（总体情况）",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
    return out


def check_summary_lead_tasks(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY090 (warning): a summary written in sections says nothing on a task the unit leads."""
    out = []
    for r in reports:
        rep = r.report
        if not isinstance(rep, DocumentReport) or not rep.structured:
            continue
        if rep.unit not in plan.unit_by_id:
            continue
        for task in plan.tasks:
            if rep.unit not in plan.expand(task.lead):
                continue
            entry = rep.tasks.get(task.id)
            if entry is not None and entry.texts():
                continue
            loc = ("tasks", task.id) if entry is not None else ("tasks",) if rep.tasks else ()
            out.append(
                warning(
                    "JY090",
                    f"{plan.unit_label(rep.unit)}牵头的任务{task.number}“{task.title}”（{task.id}）"
                    "没有写主要做法、成效或存在问题：全市总结中这项任务将缺少牵头单位的情况，"
                    f"请在 tasks: 下填写 {task.id}: {{measures: …, results: …, problems: …}}",
                    r.path,
                    loc,
                )
            )
    return out
