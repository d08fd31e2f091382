"""Actions (事项): where each stands on a day, from the units' reports and the office's 销号 log.

Pure: the plan, the reports with their submission dates, the log and the as-of day
in, one :class:`ActionProgress` per action out. The rules are ``DESIGN.md``'s
("Actions (事项) and 督办 items"):

* **what the units say.** An action's reported status is its lead units' word: the
  newest month in which a lead unit stated it (in a report that had arrived by
  as-of), and when co-lead units differ that month, the least advanced of them (a
  co-lead still at 推进中 holds 已完成 back). Responsible units may report an action
  too; their words are kept (``statements``) but do not set its status.
* **state on day D**, first match wins: 已销号 (the office's log, entries dated on
  or before D, says confirmed) · 待确认 (reported 已完成) · 逾期 (D is after the
  due date rolled over holidays, 顺延) · 推进中 · 未启动 · 未报送 (a monthly report
  was due and no lead unit ever stated it) · 未到期 (nothing was due yet).
* **light**: 已销号 and 待确认 ``done``; 逾期 ``red``; 未报送 ``missing`` (never silently
  red or green); 未到期 ``grey``; 未启动 ``yellow`` when less than a third of its time
  (from the plan's start to its due date) is left or one of its milestones has
  passed, else ``green``; 推进中 ``green``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..models import ConfirmationLog, LoadedReport, MonthlyReport, Plan, roll_forward
from .deadlines import arrived, first_monthly_due, submission_date
from .results import (
    ACTION_STATES,
    DONE_STATES,
    STATUS_RANK,
    ActionProgress,
    ActionSummary,
    Light,
    Statement,
)


def confirmations_on(
    log: ConfirmationLog | None, as_of: date
) -> dict[str, tuple[date, str | None]]:
    """Action id → (day, note) of the 销号 in force on ``as_of``.

    The log is replayed in date order (file order within a day); an entry dated
    after ``as_of`` does not exist yet, and an ``undo`` withdraws the confirmation.
    """
    out: dict[str, tuple[date, str | None]] = {}
    if log is None:
        return out
    for entry in log.as_of(as_of):
        if entry.undo:
            out.pop(entry.action, None)
        else:
            out[entry.action] = (entry.date, entry.note)
    return out


def _statements(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    upto: str,
) -> dict[str, list[Statement]]:
    """Action id → the statements that had arrived by ``as_of``, for months up to ``upto``."""
    out: dict[str, list[Statement]] = {}
    leads = {a: frozenset(plan.action_lead(a)) for a in plan.action_by_id}
    others = {a: frozenset(plan.action_responsible(a)) for a in plan.action_by_id}
    for r in sorted(arrived(reports, submitted, as_of), key=lambda r: r.path):
        rep = r.report
        if not isinstance(rep, MonthlyReport) or rep.month > upto or not rep.actions:
            continue
        when = submission_date(r, submitted, as_of)
        for key, entry in rep.actions.items():
            if key not in leads:
                continue
            lead = rep.unit in leads[key]
            if not lead and rep.unit not in others[key]:
                continue  # JY038: not its action, not its word
            out.setdefault(key, []).append(
                Statement(rep.unit, rep.month, entry.status, entry.progress, when, lead)
            )
    for items in out.values():
        items.sort(key=lambda s: (s.month, s.arrived))
    return out


def _lead_word(
    statements: list[Statement], lead: tuple[str, ...]
) -> tuple[Statement | None, date | None, str | None]:
    """(the statement that sets the status, arrival of the current run of 已完成, its
    first month)."""
    by_month: dict[str, list[Statement]] = {}
    for s in statements:
        if s.lead:
            by_month.setdefault(s.month, []).append(s)
    if not by_month:
        return None, None, None
    order = {u: i for i, u in enumerate(lead)}

    def word(month: str) -> Statement:
        # The least advanced co-lead that month; the plan's lead order breaks ties.
        return min(by_month[month], key=lambda s: (STATUS_RANK[s.status], order.get(s.unit, 0)))

    months = sorted(by_month)
    latest = word(months[-1])
    if latest.status != "已完成":
        return latest, None, None
    done_from: date | None = None
    done_month: str | None = None
    for month in reversed(months):
        if word(month).status != "已完成":
            break
        firsts = [s.arrived for s in by_month[month] if s.status == "已完成"]
        done_from = min(firsts) if done_from is None else min(done_from, *firsts)
        done_month = month
    return latest, done_from, done_month


def _light(plan: Plan, state: str, due: date, as_of: date, passed: tuple[date, ...]) -> Light:
    if state in DONE_STATES:
        return "done"
    if state == "逾期":
        return "red"
    if state == "未报送":
        return "missing"
    if state == "未到期":
        return "grey"
    if state == "未启动":
        total = (due - plan.plan.start).days
        left = (due - as_of).days
        if passed or total <= 0 or 3 * left < total:
            return "yellow"
    return "green"


def action_progress(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
    upto: str,
    confirmations: ConfirmationLog | None = None,
) -> list[ActionProgress]:
    """Every action of the plan and how it stands on ``as_of`` (data of months up to ``upto``)."""
    said = _statements(plan, reports, submitted, as_of, upto)
    confirmed = confirmations_on(confirmations, as_of)
    owed = as_of > first_monthly_due(plan)
    out = []
    for task in plan.tasks:
        for action in task.actions:
            lead = tuple(plan.action_lead(action.id))
            statements = said.get(action.id, [])
            word, done_from, done_month = _lead_word(statements, lead)
            status = word.status if word is not None else None
            due = roll_forward(plan.calendar, action.due)
            passed = tuple(
                day
                for day in (roll_forward(plan.calendar, m.due) for m in action.milestones)
                if day < as_of
            )
            if action.id in confirmed:
                state = "已销号"
            elif status == "已完成":
                state = "待确认"
            elif as_of > due:
                state = "逾期"
            elif status is not None:
                state = status
            else:
                state = "未报送" if owed else "未到期"
            day, note = confirmed.get(action.id, (None, None))
            out.append(
                ActionProgress(
                    id=action.id,
                    task=task.id,
                    text=action.text,
                    lead=lead,
                    responsible=tuple(plan.action_responsible(action.id)),
                    due=due,
                    nominal_due=action.due,
                    state=state,
                    light=_light(plan, state, due, as_of, passed),
                    status=status,
                    progress=word.progress if word is not None else None,
                    reported_by=word.unit if word is not None else None,
                    reported_month=word.month if word is not None else None,
                    confirmed=day,
                    confirm_note=note,
                    days_overdue=(as_of - due).days if state == "逾期" else 0,
                    milestones_passed=passed,
                    done_reported=done_from,
                    done_month=done_month,
                    indicators=tuple(action.indicators),
                    statements=tuple(statements),
                )
            )
    return out


def done_on_time(a: ActionProgress) -> bool | None:
    """Whether a done action (已销号 or 待确认) was done by its due date, None if not done.

    Done by the due date: the lead units' current run of 已完成 began with the report of
    a month no later than the due date's (the August report tells what was done in
    August, though it arrives in September); an action confirmed without such a run
    (the unit took its word back after the 销号) by the 销号's day.
    """
    if a.state not in DONE_STATES:
        return None
    if a.done_month is not None:
        return a.done_month <= a.due.isoformat()[:7]
    return a.confirmed is not None and a.confirmed <= a.due


def summarize_actions(actions: list[ActionProgress] | tuple[ActionProgress, ...]) -> ActionSummary:
    """The counts every output tells: by state, done (已销号 + 待确认), confirmed, overdue."""
    states = dict.fromkeys(ACTION_STATES, 0)
    for a in actions:
        states[a.state] += 1
    return ActionSummary(
        total=len(actions),
        states=states,
        done=states["已销号"] + states["待确认"],
        confirmed=states["已销号"],
        overdue=states["逾期"],
    )
