"""The status view: ``status`` and ``status --unit`` for the terminal and JSON. No IO, no clock.

Every JSON shape carries ``"version": 1``; README documents them.
"""

from __future__ import annotations

from typing import Any

from ..engine import DeliverableStatus, IndicatorProgress, Progress
from ..fmt import num
from ..models import LoadedReport, MonthlyReport, Plan

STATUS_JSON_VERSION = 1


def _indicator_progress_view(plan: Plan, p: IndicatorProgress) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "measure": p.measure,
        "target": num(p.target),
        "value": num(p.value),
        "completion": num(p.completion),
        "expected": num(p.expected),
        "gap": num(p.gap),
        "light": p.light,
        "task": p.task,
        "reporters": list(p.reporters),
        "missing": list(p.missing),
        "latest_month": p.latest_month,
        "streak": p.streak,
        "partial": p.partial,
    }


def _deliverable_view(d: DeliverableStatus) -> dict[str, Any]:
    return {
        "unit": d.unit,
        "deliverable": d.deliverable,
        "name": d.name,
        "period": d.period,
        "due": d.due.isoformat(),
        "state": d.state,
        "submitted": d.submitted.isoformat() if d.submitted else None,
        "days": d.days,
        "path": d.path,
    }


def _current_counts(progress: Progress) -> dict[str, Any]:
    month = progress.current_month
    items = [d for d in progress.deliverables if d.period == month] if month else []
    return {
        "month": month,
        "due": len(items),
        "received": sum(d.state in ("on_time", "late") for d in items),
        "on_time": sum(d.state == "on_time" for d in items),
        "late": sum(d.state == "late" for d in items),
        "missing": sum(d.state == "overdue" for d in items),
        "invalid": sum(d.state == "invalid" for d in items),
    }


def status_view(
    plan: Plan, progress: Progress, *, errors: int = 0, unreadable: list[str] | None = None
) -> dict[str, Any]:
    """``status --json`` (version 1) and the data the terminal view prints."""
    overdue = sorted(progress.overdue, key=lambda d: (-d.days, d.unit, d.due, d.period))
    late = sorted(progress.late, key=lambda d: (-d.days, d.unit, d.due, d.period))
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": progress.as_of.isoformat(),
        "plan": {"id": plan.plan.id, "title": plan.plan.title},
        "data": {"errors": errors, "unreadable": list(unreadable or [])},
        "summary": {
            "completion": num(progress.completion),
            "expected": num(progress.expected),
            "lights": dict(progress.lights),
            "reports": _current_counts(progress),
            "overdue": len(overdue),
            "late": len(late),
        },
        "indicators": [_indicator_progress_view(plan, p) for p in progress.indicators],
        "tasks": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "completion": num(t.completion),
                "light": t.light,
                "lead": list(t.lead),
                "responsible": list(t.responsible),
                "indicators": list(t.indicators),
                "status": t.status,
                "status_note": t.status_note,
            }
            for t in progress.tasks
        ],
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "received": u.received,
                "on_time": u.on_time,
                "late": u.late,
                "overdue": u.overdue,
                "not_due": u.not_due,
                "max_days_overdue": u.max_days_overdue,
            }
            for u in progress.units
        ],
        "overdue": [
            {
                "unit": d.unit,
                "deliverable": d.deliverable,
                "period": d.period,
                "due": d.due.isoformat(),
                "days_overdue": d.days,
            }
            for d in overdue
        ],
        "late": [
            {
                "unit": d.unit,
                "deliverable": d.deliverable,
                "period": d.period,
                "due": d.due.isoformat(),
                "submitted": d.submitted.isoformat() if d.submitted else None,
                "days_late": d.days,
            }
            for d in late
        ],
    }


def unit_view(
    plan: Plan,
    progress: Progress,
    reports: list[LoadedReport],
    unit_id: str,
    *,
    errors: int = 0,
) -> dict[str, Any]:
    """``status --unit`` (version 1): one unit's tasks, indicators, deliverables, problems."""
    unit = plan.unit_by_id[unit_id]
    lead = [t for t in progress.tasks if unit_id in t.lead]
    responsible = [t for t in progress.tasks if unit_id in t.responsible and unit_id not in t.lead]
    mine = set(plan.indicators_of_unit.get(unit_id, []))
    monthly = sorted(
        (
            r
            for r in reports
            if r.unit == unit_id
            and isinstance(r.report, MonthlyReport)
            and r.report.month <= progress.as_of.isoformat()[:7]
        ),
        key=lambda r: (r.report.month, r.path),
    )
    latest = monthly[-1].report if monthly else None
    items = [d for d in progress.deliverables if d.unit == unit_id]
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": progress.as_of.isoformat(),
        "data": {"errors": errors},
        "unit": {
            "id": unit.id,
            "name": unit.name,
            "short": unit.short,
            "liaisons": [li.model_dump() for li in unit.liaisons],
        },
        "lead_tasks": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "light": t.light,
                "completion": num(t.completion),
            }
            for t in lead
        ],
        "responsible_tasks": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "light": t.light,
                "completion": num(t.completion),
            }
            for t in responsible
        ],
        "indicators": [
            {
                **_indicator_progress_view(plan, p),
                "own_value": num(p.contributions.get(unit_id)),
            }
            for p in progress.indicators
            if p.id in mine
        ],
        "deliverables": [_deliverable_view(d) for d in items],
        "overdue": [_deliverable_view(d) for d in items if d.state == "overdue"],
        "late": [_deliverable_view(d) for d in items if d.state == "late"],
        "latest_report": None
        if latest is None
        else {
            "month": latest.month,
            "info_title": latest.info.title,
            "problems": list(latest.problems),
            "next_steps": list(latest.next_steps),
        },
    }
