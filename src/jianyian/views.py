"""Ready-made data for the terminal, for Jinja and for JSON. No IO, no clock.

Every JSON shape carries ``"version": 1``; README documents them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .engine import Deliverable, IndicatorProgress, Progress
from .fmt import num
from .models import Indicator, MonthlyReport, Plan
from .schedule import deliverable_dues

if TYPE_CHECKING:
    from .load import LoadedReport

PLAN_JSON_VERSION = 1


def indicator_view(plan: Plan, ind: Indicator) -> dict[str, Any]:
    task = plan.task_of_indicator.get(ind.id)
    return {
        "id": ind.id,
        "name": ind.name,
        "target": num(ind.target),
        "measure": ind.measure,
        "comparator": ind.comparator,
        "qualifier": ind.qualifier,
        "task": task.id if task else None,
        "goal": task is None,
        "reporters": plan.reporters[ind.id],
        "reporters_declared": ind.reporters
        if ind.reporters is not None
        # A total is the sum of its parts: nobody reports it, whatever the defaults say.
        else ([] if ind.parts else task.lead if task else plan.settings.goal_reporters),
        "combine": ind.combine,
        "accumulates": ind.accumulates,
        "parts": list(ind.parts or []),
        "weight": num(ind.weight),
        "milestones": [{"date": m.date.isoformat(), "value": num(m.value)} for m in ind.milestones],
        "note": ind.note,
    }


def plan_view(plan: Plan) -> dict[str, Any]:
    """The whole plan, resolved (groups expanded, due dates computed), as plain data."""
    info = plan.plan
    return {
        "version": PLAN_JSON_VERSION,
        "plan": {
            "id": info.id,
            "title": info.title,
            "proposal": info.proposal,
            "notice": info.notice,
            "issuer": info.issuer,
            "issued": info.issued.isoformat(),
            "start": info.start.isoformat(),
            "end": info.end.isoformat(),
            "months": plan.months,
            "leading_group": info.leading_group,
            "office": info.office,
            "office_staff": [s.model_dump() for s in info.office_staff],
        },
        "settings": {
            "thresholds": {
                "yellow": num(plan.settings.thresholds.yellow),
                "red": num(plan.settings.thresholds.red),
            },
            "member_units": plan.member_units,
            "goal_reporters": plan.expand(plan.settings.goal_reporters),
        },
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "short": u.short,
                "kind": u.kind,
                "liaisons": [li.model_dump() for li in u.liaisons],
                "indicators": plan.indicators_of_unit.get(u.id, []),
            }
            for u in plan.units
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "aliases": g.aliases,
                "members": g.members,
                "members_unknown": g.members_unknown,
                "confirmed": g.confirmed,
            }
            for g in plan.groups
        ],
        "goals": {
            "text": plan.goals.text,
            "indicators": [i.id for i in plan.goals.indicators],
        },
        "tasks": [
            {
                "id": t.id,
                "number": t.number,
                "section": t.section,
                "title": t.title,
                "text": t.text,
                "lead": t.lead,
                "responsible": t.responsible,
                "lead_units": plan.expand(t.lead),
                "responsible_units": plan.expand(t.responsible),
                "indicators": [i.id for i in t.indicators],
                "qualitative": not t.indicators,
            }
            for t in plan.tasks
        ],
        "indicators": [indicator_view(plan, i) for i in plan.indicator_by_id.values()],
        "stages": [
            {
                "id": s.id,
                "name": s.name,
                "start": s.start.isoformat() if s.start else None,
                "end": s.end.isoformat(),
            }
            for s in plan.stages
        ],
        "deliverables": [
            {
                "id": d.id,
                "name": d.name,
                "kind": d.kind,
                "stage": d.stage,
                "owed_by": plan.owners(d),
                "due": d.due.isoformat() if d.due else None,
                "due_day": d.due_day,
                "due_dates": [
                    {"period": period, "due": due.isoformat()}
                    for period, due in deliverable_dues(plan, d)
                ],
            }
            for d in plan.deliverables
        ],
    }


# ---------------------------------------------------------------- status

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


def _deliverable_view(d: Deliverable) -> dict[str, Any]:
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
