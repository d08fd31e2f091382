"""The plan view: ``jianyian plan`` and ``plan --json``. No IO, no clock."""

from __future__ import annotations

from typing import Any

from ..engine import deliverable_dues
from ..fmt import num
from ..models import Indicator, Plan

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
