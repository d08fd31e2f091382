"""Standings: how each task and each unit stands, from indicator and deadline results."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from ..models import MonthlyReport, Plan
from .deadlines import first_monthly_due
from .results import (
    DONE_STATES,
    LIGHT_RANK,
    STATE_NAMES,
    TASK_STATUS_LIGHT,
    ActionProgress,
    DeliverableStatus,
    IndicatorProgress,
    Light,
    TaskStatus,
    UnitStanding,
)


def task_statuses(
    plan: Plan,
    indicators: dict[str, IndicatorProgress],
    monthly: list[MonthlyReport],
    as_of: date,
    upto: str,
    actions: Mapping[str, ActionProgress] | None = None,
) -> list[TaskStatus]:
    """Each task's completion, light and action counts.

    ``monthly`` holds only the reports arrived by as-of. A task's light is the worst
    of its indicators' and its actions' lights; its completion is its indicators'
    alone (actions are counted, never blended into a percentage).
    """
    out = []
    due = as_of > first_monthly_due(plan)
    actions = actions or {}
    for task in plan.tasks:
        lead = tuple(plan.expand(task.lead))
        responsible = tuple(plan.expand(task.responsible))
        status = note = None
        mine = [actions[a.id] for a in task.actions if a.id in actions]
        if task.actions and not task.indicators:
            completion = None
            light: Light = max((a.light for a in mine), key=LIGHT_RANK.__getitem__, default="grey")
        elif task.indicators:
            items = [indicators[i.id] for i in task.indicators]
            weights = [i.weight for i in task.indicators]
            # Indicators without a value (未报送, 未到期) cannot be averaged in, nor a rate:
            # it is told against its target, never as a 完成率.
            scored = [
                (min(max(p.completion, 0.0), 1.0), w)
                for p, w in zip(items, weights, strict=True)
                if p.completion is not None and p.kind != "rate"
            ]
            total = sum(w for _, w in scored)
            completion = sum(c * w for c, w in scored) / total if scored and total else None
            lights = [p.light for p in items] + [a.light for a in mine]
            light = max(lights, key=LIGHT_RANK.__getitem__)
        else:
            # A qualitative task: the newest status its lead units declared.
            declared = [
                (rep.month, rep.tasks[task.id])
                for rep in monthly
                if rep.month <= upto and rep.unit in lead and task.id in rep.tasks
            ]
            if declared:
                _, progress = max(declared, key=lambda d: d[0])
                status, note = progress.status, progress.note
                light = TASK_STATUS_LIGHT[status]
                completion = 1.0 if status == "已完成" else None
            else:
                completion = None
                light = "missing" if due else "grey"
        out.append(
            TaskStatus(
                task.id,
                task.number,
                task.title,
                lead,
                responsible,
                completion,
                light,
                tuple(i.id for i in task.indicators),
                status,
                note,
                actions=tuple(a.id for a in task.actions),
                actions_total=len(task.actions),
                actions_done=sum(a.state in DONE_STATES for a in mine),
                actions_confirmed=sum(a.state == "已销号" for a in mine),
                actions_overdue=sum(a.state == "逾期" for a in mine),
            )
        )
    return out


def unit_standings(plan: Plan, deliverables: list[DeliverableStatus]) -> list[UnitStanding]:
    # One pass: per unit, a count per state and the longest overdue.
    counts: dict[str, dict[str, int]] = {}
    worst: dict[str, int] = defaultdict(int)
    for d in deliverables:
        count = counts.get(d.unit)
        if count is None:
            count = counts[d.unit] = dict.fromkeys(STATE_NAMES, 0)
        count[d.state] += 1
        if d.state == "overdue" and d.days > worst[d.unit]:
            worst[d.unit] = d.days
    out = []
    empty = dict.fromkeys(STATE_NAMES, 0)
    for unit in plan.units:
        count = counts.get(unit.id, empty)
        out.append(
            UnitStanding(
                unit.id,
                unit.name,
                received=count["on_time"] + count["late"],
                on_time=count["on_time"],
                late=count["late"],
                overdue=count["overdue"],
                not_due=count["not_due"],
                max_days_overdue=worst.get(unit.id, 0),
            )
        )
    return out
