"""Checks of the office's 销号 log (data/office/confirmations.yaml): JY037, JY052–JY054.

Each check takes the plan, every loaded report, the log and today (``None`` when
the caller does not judge against the clock) and returns diagnostics located by
key path in the log file. Without git the checks cannot know when a report
arrived; they judge by the earliest day it could have (its ``submitted:``, else
the first day of its month), so what they flag is wrong whatever git says.
``jianyian confirm`` judges by the real arrival dates before it writes.
"""

from __future__ import annotations

from datetime import date

from ..diagnostics import Diagnostic, error
from ..load import CONFIRMATIONS_PATH as LOG
from ..models import ConfirmationLog, LoadedReport, MonthlyReport, Plan
from ..models.months import month_start
from .reports import unknown_action

Reports = list[LoadedReport]


def check_confirmation_actions(
    plan: Plan, reports: Reports, log: ConfirmationLog, today: date | None
) -> list[Diagnostic]:
    """JY037: a confirmation names an action the plan does not have."""
    return [
        error("JY037", unknown_action(plan, c.action), LOG, ("confirmations", i, "action"))
        for i, c in enumerate(log.confirmations)
        if c.action not in plan.action_by_id
    ]


def earliest_done(plan: Plan, reports: Reports) -> dict[str, date]:
    """Action id → the earliest day a lead unit's report saying 已完成 could have arrived."""
    out: dict[str, date] = {}
    for r in reports:
        rep = r.report
        if not isinstance(rep, MonthlyReport):
            continue
        for key, entry in rep.actions.items():
            if entry.status != "已完成" or key not in plan.action_by_id:
                continue
            if rep.unit not in plan.action_lead(key):
                continue
            day = rep.submitted or month_start(rep.month)
            if key not in out or day < out[key]:
                out[key] = day
    return out


def check_confirmation_reported(
    plan: Plan, reports: Reports, log: ConfirmationLog, today: date | None
) -> list[Diagnostic]:
    """JY052: an action confirmed (销号) before its lead unit could have reported it 已完成."""
    done = earliest_done(plan, reports)
    out = []
    for i, c in enumerate(log.confirmations):
        if c.undo or c.action not in plan.action_by_id:
            continue
        first = done.get(c.action)
        if first is None:
            why = "牵头单位从未报“已完成”"
        elif first > c.date:
            why = f"牵头单位最早 {first.isoformat()} 才报“已完成”"
        else:
            continue
        out.append(
            error(
                "JY052",
                f"事项 {c.action} 于 {c.date.isoformat()} 销号，但{why}：只能为已报完成的事项销号",
                LOG,
                ("confirmations", i, "date"),
            )
        )
    return out


def check_confirmation_undo(
    plan: Plan, reports: Reports, log: ConfirmationLog, today: date | None
) -> list[Diagnostic]:
    """JY053: a withdrawal (undo) of an action that was not confirmed on that day."""
    out = []
    confirmed: dict[str, bool] = {}
    # The log replayed in date order (file order within a day), as the engine reads it.
    for i, c in sorted(enumerate(log.confirmations), key=lambda item: item[1].date):
        if c.undo and not confirmed.get(c.action, False):
            out.append(
                error(
                    "JY053",
                    f"撤销事项 {c.action} 的销号，但截至 {c.date.isoformat()} 它没有销号",
                    LOG,
                    ("confirmations", i, "undo"),
                )
            )
        confirmed[c.action] = not c.undo
    return out


def check_confirmation_future(
    plan: Plan, reports: Reports, log: ConfirmationLog, today: date | None
) -> list[Diagnostic]:
    """JY054: a confirmation dated after today."""
    if today is None:
        return []
    return [
        error(
            "JY054",
            f"销号记录的日期 {c.date.isoformat()} 晚于今天：请填写实际销号（或撤销）的日期",
            LOG,
            ("confirmations", i, "date"),
        )
        for i, c in enumerate(log.confirmations)
        if c.date > today
    ]
