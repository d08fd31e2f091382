"""Actions (事项) for a reader: one shape per action, the task sentence.

No IO, no clock, no judging: states, lights and counts come from
:mod:`jianyian.engine.actions`; here they are only put into words and plain data.
The task sentence ("事项 7 项，已完成 4 项（已销号 3 项），逾期 1 项；量化指标 1 项，
完成率 60.0%") is made by :func:`task_progress_text` alone, for every output that
tells it: actions and indicators are told side by side, never blended.
"""

from __future__ import annotations

from typing import Any

from ..engine import ActionProgress, ActionSummary, Progress, TaskStatus, done_on_time
from ..fmt import fmt_percent


def action_view(a: ActionProgress) -> dict[str, Any]:
    """One action as plain data (``status --json`` ``actions[]``)."""
    return {
        "id": a.id,
        "task": a.task,
        "text": a.text,
        "state": a.state,
        "light": a.light,
        "due": a.due.isoformat(),
        "nominal_due": a.nominal_due.isoformat(),
        "lead_units": list(a.lead),
        "responsible_units": list(a.responsible),
        "status": a.status,
        "progress": a.progress,
        "reported_by": a.reported_by,
        "reported_month": a.reported_month,
        "confirmed": a.confirmed.isoformat() if a.confirmed else None,
        "confirm_note": a.confirm_note,
        "done_reported": a.done_reported.isoformat() if a.done_reported else None,
        "done_month": a.done_month,
        "done_on_time": done_on_time(a),
        "days_overdue": a.days_overdue,
        "milestones_passed": [d.isoformat() for d in a.milestones_passed],
        "indicators": list(a.indicators),
    }


def task_progress_text(t: TaskStatus) -> str:
    """How a task stands, in two parts never blended into one number.

    "事项 7 项，已完成 4 项（已销号 3 项），逾期 1 项；量化指标 1 项，完成率 60.0%".
    A task without actions or indicators is told by its declared status.
    """
    parts = []
    if t.actions_total:
        confirmed = f"（已销号 {t.actions_confirmed} 项）" if t.actions_done else ""
        parts.append(
            f"事项 {t.actions_total} 项，已完成 {t.actions_done} 项{confirmed}，"
            f"逾期 {t.actions_overdue} 项"
        )
    if t.indicators:
        rate = "尚无数据" if t.completion is None else f"完成率 {fmt_percent(t.completion)}"
        parts.append(f"量化指标 {len(t.indicators)} 项，{rate}")
    if not parts:
        parts.append(f"进展：{t.status}" if t.status else "尚未填报进展")
    return "；".join(parts)


def actions_summary_text(s: ActionSummary) -> str:
    """The whole plan's actions in one line: "事项 58 项，已完成 9 项（已销号 5 项），逾期 0 项，未报送 5 项"."""
    if not s.total:
        return "方案未分解事项"
    confirmed = f"（已销号 {s.confirmed} 项）" if s.done else ""
    text = f"事项 {s.total} 项，已完成 {s.done} 项{confirmed}，逾期 {s.overdue} 项"
    missing = s.states.get("未报送", 0)
    return text + (f"，未报送 {missing} 项" if missing else "")


def summary_view(s: ActionSummary) -> dict[str, Any]:
    """``summary.actions`` of ``status --json``."""
    return {
        "total": s.total,
        "done": s.done,
        "confirmed": s.confirmed,
        "overdue": s.overdue,
        "states": dict(s.states),
        "text": actions_summary_text(s),
    }


def task_counts(t: TaskStatus) -> dict[str, Any]:
    """The action counts a task carries in every JSON shape, and its sentence."""
    return {
        "actions": list(t.actions),
        "actions_total": t.actions_total,
        "actions_done": t.actions_done,
        "actions_confirmed": t.actions_confirmed,
        "actions_overdue": t.actions_overdue,
        "progress_text": task_progress_text(t),
    }


def unit_actions(progress: Progress, unit_id: str) -> list[dict[str, Any]]:
    """The actions a unit leads (it reports them), then those it is responsible for."""
    lead = [a for a in progress.actions if unit_id in a.lead]
    other = [a for a in progress.actions if unit_id in a.responsible and unit_id not in a.lead]
    return [{**action_view(a), "role": "lead"} for a in lead] + [
        {**action_view(a), "role": "responsible"} for a in other
    ]
