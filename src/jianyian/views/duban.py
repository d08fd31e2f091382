"""督办 items for a reader: the JSON record, the list, and the sentences the briefing,
remind and the dashboard tell.

Every output takes its figures from :func:`jianyian.engine.duban_status` and
:func:`jianyian.engine.summarize_duban`; the words are written here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal, NamedTuple

from ..engine import DUBAN_STATES, DubanStatus, DubanSummary, DubanUnitRecord, Progress
from ..models import Plan
from .brief_records import CoordinationItem

#: ``jianyian duban list --json``'s shape; bump when a field changes meaning.
DUBAN_LIST_JSON_VERSION = 1


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def duban_record(s: DubanStatus) -> dict[str, Any]:
    """One item as ``status --json``'s ``duban[]`` and ``duban list --json`` give it."""
    return {
        "id": s.id,
        "state": s.state,
        "units": list(s.units),
        "reply_by": _day(s.reply_by),
        "due": _day(s.due),
        "replied": _day(s.replied),
        "closed": _day(s.closed),
        "days_overdue": s.days_overdue,
        "level": s.level,
        "level_set": s.level_set,
        "escalation": s.escalation,
        "text": s.text,
        "source": s.source,
        "ref": s.ref,
        "opened": s.opened.isoformat(),
        "reopened": _day(s.reopened),
        "done": s.done,
    }


def duban_summary_view(summary: DubanSummary | None) -> dict[str, Any] | None:
    """``status --json``'s ``summary.duban``: counts by state and the month's activity."""
    if summary is None:
        return None
    return {
        "total": summary.total,
        "states": dict(summary.states),
        "month": summary.month,
        "opened": summary.opened,
        "answered": summary.answered,
        "closed": summary.closed,
        "overdue": summary.overdue,
        "overdue_units": list(summary.overdue_units),
        "text": counts_text(summary),
    }


def select_duban(
    items: Iterable[DubanStatus],
    *,
    only_open: bool = False,
    overdue: bool = False,
    unit: str | None = None,
) -> list[DubanStatus]:
    """The items a ``duban list`` asks for: still open, overdue, or with ``unit`` on them."""
    out = list(items)
    if only_open:
        out = [s for s in out if s.is_open]
    if overdue:
        out = [s for s in out if s.state == "逾期未反馈"]
    if unit is not None:
        out = [s for s in out if unit in s.units]
    return out


def state_text(s: DubanStatus) -> str:
    """逾期未反馈（3天）, 已销号 …: the state as every output writes it."""
    if s.state == "逾期未反馈":
        return f"逾期未反馈（{s.days_overdue}天）"
    return s.state


def units_text(plan: Plan, s: DubanStatus) -> str:
    """市经信局（牵头）、市自然资源和城乡建设局."""
    names = [plan.unit_label(u) for u in s.units]
    names[0] += "（牵头）" if len(names) > 1 else ""
    return "、".join(names)


def due_text(s: DubanStatus) -> str:
    """反馈时限: the rolled-over date, and the written one when they differ."""
    if s.due is None:
        return "未设时限"
    if s.reply_by is not None and s.reply_by != s.due:
        return f"{s.due.isoformat()}（{s.reply_by.isoformat()}顺延）"
    return s.due.isoformat()


def duban_lines(plan: Plan, items: list[DubanStatus]) -> list[str]:
    """``duban list``'s text: one block an item."""
    out = []
    for s in items:
        level = f"{s.level}色" + ("（已升级）" if s.escalation else "")
        out.append(f"{s.id}  {state_text(s)}  {level}  反馈时限 {due_text(s)}")
        out.append(f"  {s.text}")
        out.append(f"  承办：{units_text(plan, s)}")
        if s.replied is not None:
            done = "，已办结" if s.done else "，阶段性反馈"
            out.append(f"  {s.replied.isoformat()} 反馈{done}：{s.reply}")
        if s.closed is not None:
            note = f"：{s.close_note}" if s.close_note else ""
            out.append(f"  {s.closed.isoformat()} 销号{note}")
        if s.reopened is not None and s.closed is None:
            out.append(f"  {s.reopened.isoformat()} 重新督办：{s.reopen_why}")
        if s.escalation:
            out.append(f"  {s.escalation}")
    return out


def counts_text(summary: DubanSummary) -> str:
    """督办事项 5 项：逾期未反馈 1 项、待反馈 2 项… (states with none left out)."""
    parts = [f"{state} {n} 项" for state, n in summary.states.items() if n]
    return f"督办事项 {summary.total} 项" + ("：" + "、".join(parts) if parts else "")


def duban_paragraph(plan: Plan, summary: DubanSummary) -> str | None:
    """The briefing's 督办事项办理情况 paragraph, or None when there is no item."""
    if not summary.total:
        return None
    month = int(summary.month[5:])
    # The briefing's date is said once, in 一、总体情况's first sentence, which this follows.
    text = (
        f"领导小组办公室累计交办督办事项{summary.total}项，"
        f"其中{month}月新交办{summary.opened}项、收到牵头单位反馈{summary.answered}项、"
        f"销号{summary.closed}项"
    )
    waiting = summary.states["已反馈待销号"]
    if waiting:
        text += f"，已反馈待销号{waiting}项"
    if summary.overdue:
        names = "、".join(plan.unit_label(u) for u in summary.overdue_units)
        text += f"；逾期未反馈{summary.overdue}项，涉及{names}。"
    else:
        text += "；无逾期未反馈事项。"
    return text


def duban_standing_text(plan: Plan, progress: Progress) -> str | None:
    """A 总结's sentence on 督办 items: where they all stand on the as-of day, by state.
    A 总结 covers a period, so no month's counts (the briefing's sentence has those)."""
    summary = progress.duban_summary
    if not summary or not summary.total:
        return None
    parts = [f"{state}{n}项" for state, n in summary.states.items() if n]
    text = f"领导小组办公室累计交办督办事项{summary.total}项，其中" + "、".join(parts)
    if summary.overdue:
        names = "、".join(plan.unit_label(u) for u in summary.overdue_units)
        text += f"；逾期未反馈的涉及{names}"
    return text + "。"


def duban_coordination(plan: Plan, progress: Progress) -> list[CoordinationItem]:
    """Overdue items as entries of 需市领导协调事项, after the units' own (one sentence each)."""
    out = []
    for s in progress.duban:
        if s.state != "逾期未反馈":
            continue
        why = f"，已由{s.level_set}色督办升为{s.level}色督办" if s.escalation else ""
        text = f"督办事项{s.id}“{s.text}”逾期{s.days_overdue}天未反馈{why}"
        out.append(CoordinationItem(text, plan.unit_label(s.lead), "duban"))  # who owes the reply
    return out


def unit_duban_lines(items: list[DubanStatus], unit: str) -> list[str]:
    """remind's lines for one unit's open items (overdue first), one a line."""
    out = []
    for s in items:
        role = "牵头" if s.lead == unit else "配合"
        out.append(
            f"{s.id} {s.text}（{role}，反馈时限 {due_text(s)}，{state_text(s)}，{s.level}色督办）"
        )
    return out


def duban_text(plan: Plan, progress: Progress) -> str | None:
    """The briefing's 督办事项办理情况 paragraph (None when the office has no item)."""
    summary = progress.duban_summary
    return duban_paragraph(plan, summary) if summary else None


class DubanRow(NamedTuple):
    """One 督办 item as the dashboard's 督办 tab shows it."""

    id: str
    state: str  # the engine's state name
    state_text: str  # 逾期未反馈（3天）…
    level: str
    escalation: str | None
    text: str
    units: str
    due: str
    replied: str  # 2025-08-14 or —
    closed: str  # 2025-08-20 or —


def duban_rows(plan: Plan, items: Iterable[DubanStatus]) -> tuple[DubanRow, ...]:
    """The dashboard's rows: overdue first, then by state and id (as remind orders them)."""
    rank = {state: i for i, state in enumerate(DUBAN_STATES)}
    ordered = sorted(items, key=lambda s: (rank[s.state], s.id))
    return tuple(
        DubanRow(
            id=s.id,
            state=s.state,
            state_text=state_text(s),
            level=s.level,
            escalation=s.escalation,
            text=s.text,
            units=units_text(plan, s),
            due=due_text(s),
            replied=s.replied.isoformat() if s.replied else "—",
            closed=s.closed.isoformat() if s.closed else "—",
        )
        for s in ordered
    )


def dashboard_duban(plan: Plan, progress: Progress) -> dict[str, Any]:
    """The dashboard's 督办 fields: ``duban`` rows and ``duban_text`` (the counts)."""
    summary = progress.duban_summary
    return {
        "duban": duban_rows(plan, progress.duban),
        "duban_text": counts_text(summary) if summary is not None else "",
    }


#: What a notice asks of a unit with open 督办 items.
DUBAN_ASK = "按时限反馈督办事项办理情况（由牵头单位汇总反馈）"
#: States in which an item waits for the unit's reply.
AWAITING = frozenset({"待反馈", "逾期未反馈", "重新督办"})
_NOTICE_RANK = {"blue": 0, "yellow": 1, "red": 2}
_ITEM_NOTICE = {"蓝": "blue", "黄": "yellow", "红": "red"}


def awaiting_reply(items: Iterable[DubanStatus]) -> bool:
    """Whether any of ``items`` waits for a reply (a notice is due for it)."""
    return any(s.state in AWAITING for s in items)


def duban_notice_level(
    level: Literal["red", "yellow", "blue"], items: Iterable[DubanStatus]
) -> Literal["red", "yellow", "blue"]:
    """The 督办单's colour with the unit's 督办 items: the most severe of ``level`` and the
    levels of the items awaiting its reply; an overdue item makes it red."""
    out = level
    for s in items:
        if s.state not in AWAITING:
            continue
        colour = "red" if s.state == "逾期未反馈" else _ITEM_NOTICE[s.level]
        if _NOTICE_RANK[colour] > _NOTICE_RANK[out]:
            out = colour  # type: ignore[assignment]
    return out


def duban_score(record: DubanUnitRecord | None) -> dict[str, int]:
    """The scorecard's 督办 fields of a unit (zeros when it leads no item)."""
    if record is None:
        return {}
    return {
        "duban_items": record.items,
        "duban_on_time": record.on_time,
        "duban_late": record.late,
        "duban_overdue": record.overdue,
    }


def unit_duban_view(items: Iterable[DubanStatus], unit: str) -> list[dict[str, Any]]:
    """``status --unit``'s ``duban[]``: every item the unit is on, with its ``role`` (``lead``
    or ``responsible``) and the line the terminal prints."""
    mine = [s for s in items if unit in s.units]
    return [
        {
            **duban_record(s),
            "role": "lead" if s.lead == unit else "responsible",
            "line": line,
        }
        for s, line in zip(mine, unit_duban_lines(mine, unit), strict=True)
    ]
