"""Deadlines: what each unit owed, by when, and how it stands at a date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..models import LoadedReport, MonthlyReport, Plan
from ..models.months import month_due
from .results import DeliverableStatus
from .schedule import obligations


def first_monthly_due(plan: Plan) -> date:
    """The first monthly report's due date (before it, nothing is owed yet)."""
    monthly = plan.monthly_deliverable
    if monthly is None or monthly.due_day is None or not plan.months:
        return plan.plan.start
    return month_due(plan.months[0], monthly.due_day)


def submission_date(report: LoadedReport, submitted: Mapping[str, date], today: date) -> date:
    """When a report arrived: its own ``submitted:``, else git's first commit, else today."""
    return report.report.submitted or submitted.get(report.source.path) or today


def deliverable_statuses(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    unreadable: Mapping[tuple[str, str], str],
) -> list[DeliverableStatus]:
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
    for unit, deliverable, period, due in obligations(plan):
        r = files.get((unit, period))
        name = names[deliverable]
        if r is not None:
            path = r.source.path
            when = submission_date(r, submitted, as_of)
            late = (when - due).days
            if late > 0:
                append(
                    DeliverableStatus(
                        unit, deliverable, name, period, due, "late", when, late, path
                    )
                )
            else:
                append(
                    DeliverableStatus(
                        unit, deliverable, name, period, due, "on_time", when, 0, path
                    )
                )
        elif (unit, period) in unreadable:
            # A file exists but could not be read: say so rather than call it missing.
            path = unreadable[(unit, period)]
            append(DeliverableStatus(unit, deliverable, name, period, due, "invalid", path=path))
        elif as_of > due:
            days = (as_of - due).days
            append(DeliverableStatus(unit, deliverable, name, period, due, "overdue", None, days))
        else:
            append(DeliverableStatus(unit, deliverable, name, period, due, "not_due"))
    return out


def report_path_key(r: LoadedReport) -> str:
    return r.source.path
