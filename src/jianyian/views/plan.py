"""The plan view: ``jianyian plan`` and ``plan --json``. No IO, no clock."""

from __future__ import annotations

from typing import Any

from ..engine import deliverable_dues
from ..fmt import num
from ..models import Indicator, Plan, roll_forward

#: 2: ``due_dates[].due`` is rolled past holidays (``nominal`` is the date before);
#: indicators carry ``kind``, ``baseline`` and the effective ``comparator``.
#: 3: ``actions[]`` (事项: units, due date rolled over, milestones, indicators);
#: ``tasks[].actions`` and ``units[].actions`` (the actions a unit leads) list their ids.
PLAN_JSON_VERSION = 3


def indicator_view(plan: Plan, ind: Indicator) -> dict[str, Any]:
    task = plan.task_of_indicator.get(ind.id)
    return {
        "id": ind.id,
        "name": ind.name,
        "target": num(ind.target),
        "measure": ind.measure,
        "kind": ind.kind,
        "baseline": num(ind.baseline),
        "comparator": ind.comparison,
        "qualifier": ind.qualifier,
        "task": task.id if task else None,
        "goal": task is None,
        "reporters": plan.reporters[ind.id],
        "reporters_declared": ind.reporters
        if ind.reporters is not None
        # A total is the sum of its parts: nobody reports it, whatever the defaults say.
        else ([] if ind.parts else task.lead if task else plan.settings.goal_reporters),
        "combine": ind.combine,
        "parts": list(ind.parts or []),
        "weight": num(ind.weight),
        "milestones": [{"date": m.date.isoformat(), "value": num(m.value)} for m in ind.milestones],
        "note": ind.note,
    }


def plan_view(plan: Plan) -> dict[str, Any]:
    """The whole plan, resolved (groups expanded, due dates computed), as plain data."""
    return {
        "version": PLAN_JSON_VERSION,
        "plan": _plan_info(plan),
        "settings": _settings(plan),
        "units": _units(plan),
        "groups": _groups(plan),
        "goals": {
            "text": plan.goals.text,
            "indicators": [i.id for i in plan.goals.indicators],
        },
        "tasks": _tasks(plan),
        "indicators": [indicator_view(plan, i) for i in plan.indicator_by_id.values()],
        "actions": _actions(plan),
        "stages": [
            {
                "id": s.id,
                "name": s.name,
                "start": s.start.isoformat() if s.start else None,
                "end": s.end.isoformat(),
            }
            for s in plan.stages
        ],
        "deliverables": _deliverables(plan),
        "calendar": [
            {
                "year": c.year,
                "through": c.through.isoformat() if c.through else None,
                "holidays": [
                    {"name": h.name, "start": h.start.isoformat(), "end": h.end.isoformat()}
                    for h in c.holidays
                ],
                "workdays": [d.isoformat() for d in c.workdays],
            }
            for c in plan.calendar
        ],
    }


def _plan_info(plan: Plan) -> dict[str, Any]:
    info = plan.plan
    return {
        "id": info.id,
        "title": info.title,
        "proposal": info.proposal,
        "notice": info.notice,
        "issuer": info.issuer,
        "issued": info.issued.isoformat(),
        "target_year": plan.target_year,
        "start": info.start.isoformat(),
        "end": info.end.isoformat(),
        "months": plan.months,
        "leading_group": info.leading_group,
        "office": info.office,
        "office_staff": [s.model_dump() for s in info.office_staff],
    }


def _settings(plan: Plan) -> dict[str, Any]:
    settings = plan.settings
    return {
        "thresholds": {
            "yellow": num(settings.thresholds.yellow),
            "red": num(settings.thresholds.red),
        },
        "escalate_after": settings.escalate_after,
        "member_units": plan.member_units,
        "goal_reporters": plan.expand(settings.goal_reporters),
        "briefing": settings.briefing.model_dump(),
    }


def _units(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": u.id,
            "name": u.name,
            "short": u.short,
            "kind": u.kind,
            "liaisons": [li.model_dump() for li in u.liaisons],
            "indicators": plan.indicators_of_unit.get(u.id, []),
            "actions": plan.actions_of_unit.get(u.id, []),
        }
        for u in plan.units
    ]


def _groups(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": g.id,
            "name": g.name,
            "aliases": g.aliases,
            "members": g.members,
            "members_unknown": g.members_unknown,
            "confirmed": g.confirmed,
        }
        for g in plan.groups
    ]


def _tasks(plan: Plan) -> list[dict[str, Any]]:
    return [
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
            "actions": [a.id for a in t.actions],
            "qualitative": not t.indicators,
        }
        for t in plan.tasks
    ]


def _actions(plan: Plan) -> list[dict[str, Any]]:
    """Every action, its units resolved (``lead_units``) and its dates rolled over (``due``)."""
    return [
        {
            "id": a.id,
            "task": t.id,
            "text": a.text,
            "lead": a.lead,
            "responsible": a.responsible,
            "lead_units": plan.action_lead(a.id),
            "responsible_units": plan.action_responsible(a.id),
            "due": roll_forward(plan.calendar, a.due).isoformat(),
            "nominal_due": a.due.isoformat(),
            "milestones": [
                {
                    "due": roll_forward(plan.calendar, m.due).isoformat(),
                    "nominal_due": m.due.isoformat(),
                    "text": m.text,
                }
                for m in a.milestones
            ],
            "indicators": list(a.indicators),
            "note": a.note,
        }
        for t in plan.tasks
        for a in t.actions
    ]


def _deliverables(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "name": d.name,
            "short": d.short,
            "kind": d.kind,
            "stage": d.stage,
            "owed_by": plan.owners(d),
            "due": d.due.isoformat() if d.due else None,
            "due_day": d.due_day,
            "quarter_month": d.quarter_month,
            "due_dates": [
                {
                    "period": due.period,
                    "due": due.due.isoformat(),
                    "nominal": due.nominal.isoformat(),
                }
                for due in deliverable_dues(plan, d)
            ],
        }
        for d in plan.deliverables
    ]
