"""Deadlines: what each unit owed, by when, and how it stands at a date.

As of a day D only what had arrived by D exists: a report submitted after D is
neither on time nor late on D, and what it owes is overdue (or not yet due).
Days late and days overdue are calendar days after the rolled-over due date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from ..models import LoadedReport, MonthlyReport, Plan
from .results import DeliverableStatus
from .schedule import monthly_due, obligations


def first_monthly_due(plan: Plan) -> date:
    """The first monthly report's due date, rolled over (before it, nothing is owed yet)."""
    first = monthly_due(plan, plan.months[0]) if plan.months else None
    return first or plan.plan.start


def submission_date(report: LoadedReport, submitted: Mapping[str, date], today: date) -> date:
    """When a report arrived: its own ``submitted:``, else git's first commit, else ``today``."""
    return report.report.submitted or submitted.get(report.source.path) or today


def self_declared(report: LoadedReport, submitted: Mapping[str, date], today: date) -> bool:
    """Whether a report's own ``submitted:`` is earlier than the day git first saw the file
    (an uncommitted file: today): the date counted is one only the unit vouches for."""
    declared = report.report.submitted
    return declared is not None and declared < submitted.get(report.source.path, today)


def arrived(
    reports: Iterable[LoadedReport], submitted: Mapping[str, date], as_of: date
) -> list[LoadedReport]:
    """The reports that had arrived by ``as_of``: on day D nothing submitted after D exists."""
    return [r for r in reports if submission_date(r, submitted, as_of) <= as_of]


def deliverable_statuses(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str],
) -> list[DeliverableStatus]:
    """Every obligation of the plan and how it stands on ``as_of``."""
    # The first file by path wins for a (unit, period): walk them in reverse path
    # order and let later (earlier-named) files overwrite.
    files: dict[tuple[str, str], LoadedReport] = {}
    for r in sorted(reports, key=report_path_key, reverse=True):
        rep = r.report
        period = rep.month if isinstance(rep, MonthlyReport) else rep.deliverable
        files[(rep.unit, period)] = r
    names = {d.id: d.name for d in plan.deliverables}
    out = []
    append = out.append
    for unit, deliverable, period, due, nominal in obligations(plan):
        r = files.get((unit, period))
        name = names[deliverable]
        when = submission_date(r, submitted, as_of) if r is not None else None
        if r is not None and when is not None and when <= as_of:
            late = (when - due).days
            state = "late" if late > 0 else "on_time"
            append(
                DeliverableStatus(
                    unit,
                    deliverable,
                    name,
                    period,
                    due,
                    state,
                    when,
                    max(late, 0),
                    r.source.path,
                    nominal,
                    self_declared(r, submitted, as_of),
                )
            )
        elif r is None and (unit, period) in unreadable:
            # A file exists but could not be read: say so rather than call it missing.
            path = unreadable[(unit, period)]
            append(
                DeliverableStatus(
                    unit, deliverable, name, period, due, "invalid", path=path, nominal=nominal
                )
            )
        elif as_of > due:
            days = (as_of - due).days
            append(
                DeliverableStatus(
                    unit, deliverable, name, period, due, "overdue", None, days, nominal=nominal
                )
            )
        else:
            append(
                DeliverableStatus(unit, deliverable, name, period, due, "not_due", nominal=nominal)
            )
    return out


def report_path_key(r: LoadedReport) -> str:
    return r.source.path
