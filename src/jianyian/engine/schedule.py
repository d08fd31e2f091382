"""What is owed when: the plan's deliverables unrolled into dated obligations.

A due date is the nominal date rolled forward past weekends and public holidays
(顺延) with the plan's calendar. Pure functions of the plan (no clock, no disk).
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import NamedTuple

from ..models import Deliverable, Plan, roll_forward
from ..models.months import month_due


class Obligation(NamedTuple):
    """One unit owes one deliverable for one period by one date."""

    unit: str
    deliverable: str
    period: str  # YYYY-MM for the monthly deliverable, <id>-YYYY-MM a quarter's, else the id
    due: date  # rolled past weekends and holidays
    nominal: date  # as the plan words it


class Due(NamedTuple):
    period: str
    due: date  # rolled over
    nominal: date


def deliverable_dues(plan: Plan, deliverable: Deliverable) -> list[Due]:
    """(period, due date, nominal date) for one deliverable, in date order."""
    if deliverable.kind == "monthly":
        assert deliverable.due_day is not None  # guaranteed by the model
        nominal = [(m, month_due(m, deliverable.due_day)) for m in plan.months]
    elif deliverable.kind == "quarterly":
        nominal = plan.quarter_dues(deliverable)
    else:
        assert deliverable.due is not None
        nominal = [(deliverable.id, deliverable.due)]
    return [Due(p, roll_forward(plan.calendar, day), day) for p, day in nominal]


def monthly_due(plan: Plan, month: str) -> date | None:
    """The rolled-over due date of ``month``'s monthly report (None without one)."""
    monthly = plan.monthly_deliverable
    if monthly is None or monthly.due_day is None:
        return None
    return roll_forward(plan.calendar, month_due(month, monthly.due_day))


def obligations(plan: Plan) -> list[Obligation]:
    """Every (unit, deliverable, period, due) the plan asks for, sorted by due date."""
    out = []
    for d in plan.deliverables:
        units = plan.owners(d)
        for period, due, nominal in deliverable_dues(plan, d):
            out += [Obligation(u, d.id, period, due, nominal) for u in units]
    out.sort(key=itemgetter(3, 1, 2, 0))  # due, deliverable, period, unit
    return out


def owed_month(plan: Plan, as_of: date) -> str | None:
    """The latest plan month whose monthly report was due (rolled over) by ``as_of``."""
    out = None
    for month in plan.months:
        due = monthly_due(plan, month)
        if due is not None and due <= as_of:
            out = month
    return out
