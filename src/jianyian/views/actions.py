"""Actions (事项) for a reader: one shape per action, the task sentence.

No IO, no clock, no judging: states, lights and counts come from
:mod:`jianyian.engine.actions`; here they are only put into words and plain data.
The task sentence ("事项 7 项，已完成 4 项（已销号 3 项），逾期 1 项；量化指标 1 项，
完成率 60.0%") is made by :func:`task_progress_text` alone, for every output that
tells it: actions and indicators are told side by side, never blended.
"""

from __future__ import annotations

import re
from typing import Any

from ..engine import (
    DONE_STATES,
    ActionProgress,
    ActionSummary,
    Progress,
    TaskStatus,
    done_on_time,
)
from ..fmt import fmt_percent


def action_view(a: ActionProgress) -> dict[str, Any]:
    """One action as plain data (``status --json`` ``actions[]``)."""
    return {
        "id": a.id,
        "task": a.task,
        "text": a.text,
        "state": a.state,
        "light": a.light,
        "due": a.due.isoformat(),
        "nominal_due": a.nominal_due.isoformat(),
        "lead_units": list(a.lead),
        "responsible_units": list(a.responsible),
        "status": a.status,
        "progress": a.progress,
        "reported_by": a.reported_by,
        "reported_month": a.reported_month,
        "confirmed": a.confirmed.isoformat() if a.confirmed else None,
        "confirm_note": a.confirm_note,
        "done_reported": a.done_reported.isoformat() if a.done_reported else None,
        "done_month": a.done_month,
        "done_on_time": done_on_time(a),
        "days_overdue": a.days_overdue,
        "milestones_passed": [d.isoformat() for d in a.milestones_passed],
        "indicators": list(a.indicators),
    }


def task_progress_text(t: TaskStatus) -> str:
    """How a task stands, in two parts never blended into one number.

    "事项 7 项，已完成 4 项（已销号 3 项），逾期 1 项；量化指标 1 项，完成率 60.0%".
    A task without actions or indicators is told by its declared status.
    """
    parts = []
    if t.actions_total:
        confirmed = f"（已销号 {t.actions_confirmed} 项）" if t.actions_done else ""
        parts.append(
            f"事项 {t.actions_total} 项，已完成 {t.actions_done} 项{confirmed}，"
            f"逾期 {t.actions_overdue} 项"
        )
    if t.indicators:
        rate = "尚无数据" if t.completion is None else f"完成率 {fmt_percent(t.completion)}"
        parts.append(f"量化指标 {len(t.indicators)} 项，{rate}")
    if not parts:
        parts.append(f"进展：{t.status}" if t.status else "尚未填报进展")
    return "；".join(parts)


def actions_summary_text(s: ActionSummary) -> str:
    """The whole plan's actions in one line: "事项 58 项，已完成 9 项（已销号 5 项），逾期 0 项，未报送 5 项"."""
    if not s.total:
        return "方案未分解事项"
    confirmed = f"（已销号 {s.confirmed} 项）" if s.done else ""
    text = f"事项 {s.total} 项，已完成 {s.done} 项{confirmed}，逾期 {s.overdue} 项"
    missing = s.states.get("未报送", 0)
    return text + (f"，未报送 {missing} 项" if missing else "")


def summary_view(s: ActionSummary) -> dict[str, Any]:
    """``summary.actions`` of ``status --json``."""
    return {
        "total": s.total,
        "done": s.done,
        "confirmed": s.confirmed,
        "overdue": s.overdue,
        "states": dict(s.states),
        "text": actions_summary_text(s),
    }


def task_counts(t: TaskStatus) -> dict[str, Any]:
    """The action counts a task carries in every JSON shape, and its sentence."""
    return {
        "actions": list(t.actions),
        "actions_total": t.actions_total,
        "actions_done": t.actions_done,
        "actions_confirmed": t.actions_confirmed,
        "actions_overdue": t.actions_overdue,
        "progress_text": task_progress_text(t),
    }


def unit_actions(progress: Progress, unit_id: str) -> list[dict[str, Any]]:
    """The actions a unit leads (it reports them), then those it is responsible for."""
    lead = [a for a in progress.actions if unit_id in a.lead]
    other = [a for a in progress.actions if unit_id in a.responsible and unit_id not in a.lead]
    return [{**action_view(a), "role": "lead"} for a in lead] + [
        {**action_view(a), "role": "responsible"} for a in other
    ]


_OPEN, _CLOSE = "《（(“‘【[「", "》）)”’】]」"
#: Where a text may be cut: the end of a sentence first, then of a phrase.
_BOUNDARIES = ("。；;！？!?", "，,、：:")


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
    return depth <= 0


def short_phrase(text: str, limit: int) -> str:
    """``text`` on one line, at most about ``limit`` characters: cut at the last end of a
    sentence within the limit, else of a phrase (never inside 《》 or brackets), with
    …… when anything is cut. With no such place within the limit, a text up to half as
    long again is kept whole, or cut at the first place after the limit (a word is not
    cut in two: 创新基……); only a text with none of these is cut at the limit."""
    flat = "".join(text.split()).rstrip("。；;，,")
    if len(flat) <= limit:
        return flat
    for marks in _BOUNDARIES:
        cuts = [i for i, ch in enumerate(flat[: limit + 1]) if ch in marks]
        cuts = [i for i in cuts if i >= limit // 3 and _balanced(flat[:i])]
        if cuts:
            return flat[: cuts[-1]] + "……"
    stretch = limit + limit // 2
    if len(flat) <= stretch:
        return flat
    for marks in _BOUNDARIES:
        later = [
            i
            for i, ch in enumerate(flat[: stretch + 1])
            if i > limit and ch in marks and _balanced(flat[:i])
        ]
        if later:
            return flat[: later[0]] + "……"
    head = flat[:limit]
    if not _balanced(head):
        opened = max(head.rfind(ch) for ch in _OPEN)
        head = head[:opened] if opened >= limit // 3 else head
    return head + "……"


#: How long an action's words and a unit's progress words may run in the briefing, and
#: how many actions a task's line names before it says 等.
ACTION_CHARS = 24
#: A document number in brackets after a title: （武经信〔2025〕15号）.
_DOC_NUMBER = re.compile(r"（[^（）]{0,12}〔\d{4}〕\d{1,4}号）")
PROGRESS_CHARS = 40
LISTED = 3


def _listed(phrases: list[str]) -> str:
    shown = "；".join(phrases[:LISTED])
    return shown + (f"等{len(phrases)}项" if len(phrases) > LISTED else "")


def overdue_text(actions: list[ActionProgress] | tuple[ActionProgress, ...]) -> str | None:
    """The task's 逾期 actions in one sentence, most overdue first: "逾期事项：<事项>（逾期
    N天）；…" (the days said once when they are the same), at most :data:`LISTED` named."""
    late = sorted(
        (a for a in actions if a.state == "逾期"), key=lambda a: -a.days_overdue
    )  # stable: plan order among the same days
    if not late:
        return None
    days = {a.days_overdue for a in late}
    if len(days) == 1 and len(late) > 1:
        names = _listed([short_phrase(a.text, ACTION_CHARS) for a in late])
        return f"逾期事项（均已逾期{late[0].days_overdue}天）：{names}。"
    names = _listed(
        [f"{short_phrase(a.text, ACTION_CHARS)}（逾期{a.days_overdue}天）" for a in late]
    )
    return f"逾期事项：{names}。"


def overdue_count_text(
    actions: list[ActionProgress] | tuple[ActionProgress, ...],
) -> str | None:
    """:func:`overdue_text` when the body needs the room: how many, and the most overdue
    one ("逾期事项5项，逾期最久的是<事项>（112天）。")."""
    late = sorted((a for a in actions if a.state == "逾期"), key=lambda a: -a.days_overdue)
    if len(late) < 2:
        return overdue_text(late)
    first = late[0]
    return (
        f"逾期事项{len(late)}项，逾期最久的是{short_phrase(first.text, ACTION_CHARS)}"
        f"（{first.days_overdue}天）。"
    )


def done_text(actions: list[ActionProgress] | tuple[ActionProgress, ...], month: str) -> str | None:
    """What was done in ``month``: the actions newly done (已销号 or 待确认, the lead
    units' run of 已完成 began with that month's report), each with the unit's own
    progress words, shortened: "本月完成：<事项>（<进展>）；…". The words lose a leading
    已完成, the month itself ("2025年7月印发…" in July is "印发…": the sentence says both)
    and a document's number after its title (《…方案》（武经信〔2025〕15号） is 《…方案》)."""
    done = []
    year, mon = month.split("-")
    this_month = re.compile(rf"^(?:{int(year)}年)?{int(mon)}月(?!\d*日)[，,]?")
    for a in actions:
        if a.state not in DONE_STATES or a.done_month != month:
            continue
        said = re.sub(r"^已完成[：:，,。]?", "", "".join((a.progress or "").split()))
        said = _DOC_NUMBER.sub("", this_month.sub("", said))
        words = f"（{short_phrase(said, PROGRESS_CHARS)}）" if said else ""
        done.append(short_phrase(a.text, ACTION_CHARS) + words)
    return f"本月完成：{_listed(done)}。" if done else None
