"""督办 items: where each stands on a day, from the office's files and the units' replies.

Pure: the plan, the 督办 records, the reports with their arrival dates and the as-of
day in, one :class:`DubanStatus` per item out. The rules (``DESIGN.md``, "Actions
(事项) and 督办 items"; docs/data.md):

* **as of D.** An item opened after D, a reply dated (or a report arrived) after D,
  a 销号 or 重新督办 dated after D do not exist on D.
* **rounds.** An item is answered in rounds: the first from ``opened`` to
  ``reply_by``; each 重新督办 starts a new round with its own ``reply_by`` (or none).
* **who answers.** The lead unit (the first of ``units``) answers for the item
  (牵头单位汇总反馈); replies of the other units are kept, not counted as the answer.
  A reply by a unit not on the item, or after a 销号 in force (JY081, JY082), does
  not count.
* **state on D**, first match wins: 已销号 (a 销号 in force) · 已反馈待销号 (the lead
  unit replied in this round) · 逾期未反馈 (D is after the round's reply-by date
  rolled over weekends and holidays, 顺延; days = calendar days after it) · 重新督办
  (a reopened round) · 待反馈.
* **escalation.** A round unanswered for more than ``settings.duban_escalate_after``
  days past its rolled-over date raises the item one level (蓝→黄→红), with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..models import (
    LEVELS,
    DubanItem,
    DubanRecords,
    LoadedReport,
    Plan,
    ReplySeen,
    replies_in,
    roll_forward,
)
from ..models.months import month_of
from .deadlines import submission_date
from .results import (
    DUBAN_STATES,
    DubanStatus,
    DubanSummary,
    DubanUnitRecord,
)


def counted_replies(
    records: DubanRecords,
    reports: Iterable[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
) -> dict[str, list[ReplySeen]]:
    """Item id → the replies that exist on ``as_of`` and count (by a unit on the item,
    not after a 销号 in force on its day), by day."""

    def day_of(report: LoadedReport) -> date | None:
        day = submission_date(report, submitted, as_of)
        return day if day <= as_of else None

    out: dict[str, list[ReplySeen]] = {}
    for reply in replies_in(records, reports, day_of):
        item = records.item(reply.item)
        if reply.day > as_of or item is None or item.opened > as_of:
            continue
        if reply.unit not in item.units or reply.day < item.opened:
            continue
        closure = item.closure_on(reply.day)
        if closure is not None and closure.date < reply.day:
            continue  # JY082: after the 销号
        out.setdefault(reply.item, []).append(reply)
    return out


@dataclass(frozen=True)
class _Round:
    start: date  # opened, or the 重新督办's day
    nominal: date | None  # its reply-by date as written
    due: date | None  # rolled over
    end: date  # the 销号 that ended it, else the as-of day
    answer: ReplySeen | None  # the lead unit's first reply in it

    def stop(self) -> date:
        """The last day this round could be overdue (the day before its answer or 销号)."""
        days = [self.end]
        if self.answer is not None:
            days.append(date.fromordinal(self.answer.day.toordinal() - 1))
        return min(days)


def _rounds(plan: Plan, item: DubanItem, replies: list[ReplySeen], as_of: date) -> list[_Round]:
    """The item's rounds up to ``as_of``: the first, then one per 重新督办."""
    starts: list[tuple[date, date | None]] = [(item.opened, item.reply_by)]
    starts += sorted((r.date, r.reply_by) for r in item.reopened if r.date <= as_of)
    out = []
    for i, (start, nominal) in enumerate(starts):
        until = starts[i + 1][0] if i + 1 < len(starts) else as_of
        ends = [c.date for c in item.closed if start <= c.date <= until]
        end = min(ends) if ends else until
        answer = next(
            (r for r in replies if r.unit == item.units[0] and start <= r.day <= end), None
        )
        due = roll_forward(plan.calendar, nominal) if nominal is not None else None
        out.append(_Round(start, nominal, due, end, answer))
    return out


def _escalation(plan: Plan, item: DubanItem, rounds: list[_Round]) -> tuple[str, str | None]:
    """(level, why): one level up once any round went unanswered too long past its date."""
    after = plan.settings.duban_escalate_after
    if item.level == LEVELS[-1]:
        return item.level, None
    for r in rounds:
        if r.due is not None and (r.stop() - r.due).days > after:
            up = LEVELS[LEVELS.index(item.level) + 1]
            why = (
                f"逾期超过{after}天未反馈（反馈时限{r.due.month}月{r.due.day}日），"
                f"由{item.level}色督办升为{up}色督办"
            )
            return up, why
    return item.level, None


def duban_status(
    plan: Plan,
    records: DubanRecords,
    reports: Iterable[LoadedReport],
    submitted: Mapping[str, date],
    as_of: date,
) -> list[DubanStatus]:
    """Every 督办 item that exists on ``as_of`` (opened on or before it), by id."""
    replies = counted_replies(records, reports, submitted, as_of)
    seen: set[str] = set()
    out = []
    for filed in sorted(records.items, key=lambda f: (f.value.id, f.path)):
        item = filed.value
        if item.opened > as_of or item.id in seen:
            continue  # not yet opened; a second file with the id is JY084's
        seen.add(item.id)
        closure = item.closure_on(as_of)
        reopening = item.reopening_on(as_of)
        mine = replies.get(item.id, [])
        rounds = _rounds(plan, item, mine, as_of)
        now = rounds[-1]
        nominal, due, answer = now.nominal, now.due, now.answer
        if closure is not None:
            state = "已销号"
        elif answer is not None:
            state = "已反馈待销号"
        elif due is not None and as_of > due:
            state = "逾期未反馈"
        elif reopening is not None:
            state = "重新督办"
        else:
            state = "待反馈"
        level, why = _escalation(plan, item, rounds)
        out.append(
            DubanStatus(
                id=item.id,
                text=item.text,
                source=item.source,
                ref=item.ref,
                units=tuple(item.units),
                opened=item.opened,
                reply_by=nominal,
                due=due,
                state=state,
                replied=answer.day if answer is not None else None,
                reply=answer.text if answer is not None else None,
                done=answer.done if answer is not None else None,
                closed=closure.date if closure is not None else None,
                close_note=closure.note if closure is not None else None,
                reopened=reopening.date if reopening is not None else None,
                reopen_why=reopening.why if reopening is not None else None,
                days_overdue=(as_of - due).days if state == "逾期未反馈" and due else 0,
                level=level,
                level_set=item.level,
                escalation=why,
                replies=tuple(mine),
                closures=tuple(c.date for c in item.closed if c.date <= as_of),
            )
        )
    return out


def summarize_duban(items: Iterable[DubanStatus], month: str) -> DubanSummary:
    """Counts by state on the as-of day, and the month's openings, answers and 销号."""
    items = list(items)
    states = dict.fromkeys(DUBAN_STATES, 0)
    for s in items:
        states[s.state] += 1
    overdue = [s for s in items if s.state == "逾期未反馈"]
    return DubanSummary(
        total=len(items),
        states=states,
        month=month,
        opened=sum(month_of(s.opened) == month for s in items),
        answered=sum(
            any(r.unit == s.lead and month_of(r.day) == month for r in s.replies) for s in items
        ),
        closed=sum(month_of(day) == month for s in items for day in s.closures),
        overdue=len(overdue),
        overdue_units=tuple(dict.fromkeys(s.lead for s in overdue)),
    )


def duban_by_unit(plan: Plan, items: Iterable[DubanStatus]) -> dict[str, DubanUnitRecord]:
    """Unit id → its record as lead unit, for every unit leading at least one item."""
    out: dict[str, list[DubanStatus]] = {}
    for s in items:
        out.setdefault(s.lead, []).append(s)
    return {
        unit: DubanUnitRecord(
            unit=unit,
            items=len(mine),
            open=sum(s.is_open for s in mine),
            overdue=sum(s.state == "逾期未反馈" for s in mine),
            on_time=sum(s.on_time is True for s in mine),
            late=sum(s.on_time is False for s in mine),
        )
        for unit, mine in sorted(out.items(), key=lambda kv: plan_order(plan, kv[0]))
    }


def plan_order(plan: Plan, unit: str) -> tuple[int, str]:
    """A unit's place in the plan's list of units (unknown units last, by id)."""
    ids = list(plan.unit_by_id)
    return (ids.index(unit), unit) if unit in plan.unit_by_id else (len(ids), unit)


def unit_duban(items: Iterable[DubanStatus], unit: str) -> list[DubanStatus]:
    """The items ``unit`` is on (lead or not) that are still open, overdue first."""
    rank = {state: i for i, state in enumerate(DUBAN_STATES)}
    mine = [s for s in items if unit in s.units and s.is_open]
    return sorted(mine, key=lambda s: (rank[s.state], s.id))
