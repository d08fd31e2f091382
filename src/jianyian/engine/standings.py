"""Standings: how each task and each unit stands, from indicator and deadline results."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..models import MonthlyReport, Plan
from .deadlines import first_monthly_due
from .results import (
    LIGHT_RANK,
    STATE_NAMES,
    TASK_STATUS_LIGHT,
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
) -> list[TaskStatus]:
    """Each task's completion and light; ``monthly`` holds only the reports arrived by as-of."""
    out = []
    due = as_of > first_monthly_due(plan)
    for task in plan.tasks:
        lead = tuple(plan.expand(task.lead))
        responsible = tuple(plan.expand(task.responsible))
        status = note = None
        if task.indicators:
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
            light: Light = max((p.light for p in items), key=LIGHT_RANK.__getitem__)
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
