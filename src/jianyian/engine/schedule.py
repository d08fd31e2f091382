"""What is owed when: the plan's deliverables unrolled into dated obligations.

Pure functions of the plan (no clock, no disk).
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import NamedTuple

from ..models import Deliverable, Plan
from ..models.months import month_due


class Obligation(NamedTuple):
    """One unit owes one deliverable for one period by one date."""

    unit: str
    deliverable: str
    period: str  # YYYY-MM for the monthly deliverable, else the deliverable id
    due: date


def deliverable_dues(plan: Plan, deliverable: Deliverable) -> list[tuple[str, date]]:
    """(period, due date) pairs for one deliverable, in date order."""
    if deliverable.kind == "monthly":
        assert deliverable.due_day is not None  # guaranteed by the model
        return [(m, month_due(m, deliverable.due_day)) for m in plan.months]
    assert deliverable.due is not None
    return [(deliverable.id, deliverable.due)]


def obligations(plan: Plan) -> list[Obligation]:
    """Every (unit, deliverable, period, due) the plan asks for, sorted by due date."""
    out = []
    for d in plan.deliverables:
        units = plan.owners(d)
        for period, due in deliverable_dues(plan, d):
            out += [Obligation(u, d.id, period, due) for u in units]
    out.sort(key=itemgetter(3, 1, 2, 0))  # due, deliverable, period, unit
    return out
