"""Checks of the office's 督办 files (items, meetings, reply files): JY080–JY089.

Each check takes the plan, every loaded report, the 督办 records and today (None
when the caller does not judge by the clock) and returns diagnostics located by
key path. Without git the checks cannot know when a monthly report arrived; they
take the earliest day it could have (its ``submitted:``, else the first day of
its month), so what they flag is wrong whatever git says.
"""

from __future__ import annotations

from datetime import date

from ..diagnostics import Diagnostic, error, suggest, warning
from ..models import (
    DubanRecords,
    LoadedReport,
    MonthlyReport,
    Plan,
    ReplySeen,
    replies_in,
)
from ..models.months import month_start

Reports = list[LoadedReport]


def earliest_arrival(report: LoadedReport) -> date:
    """The earliest day a report could have arrived: its ``submitted:``, else its month's first day."""
    rep = report.report
    if rep.submitted is not None:
        return rep.submitted
    return month_start(rep.month) if isinstance(rep, MonthlyReport) else date.min


def all_replies(records: DubanRecords, reports: Reports) -> list[ReplySeen]:
    """Every reply, a report's dated by :func:`earliest_arrival`."""
    return replies_in(records, reports, earliest_arrival)


def unit_problem(plan: Plan, unit: str) -> str | None:
    """Why ``unit`` is no unit of the plan (with the id to write), or None when it is one."""
    if unit in plan.unit_by_id:
        return None
    named = [u for u in plan.find_units(unit) if unit in (u.name, u.short)]
    if len(named) == 1:
        return f"单位应写标识 {named[0].id}（{named[0].name}），不是“{unit}”"
    return f"计划中没有单位“{unit}”{suggest(unit, plan.unit_by_id)}"


def check_duban_units(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY080: an item, a meeting's decision or a reply file names a unit the plan does not have."""
    out = []
    for f in records.items:
        for i, unit in enumerate(f.value.units):
            if (why := unit_problem(plan, unit)) is not None:
                out.append(error("JY080", f"督办事项 {f.value.id}：{why}", f.path, ("units", i)))
    for m in records.meetings:
        for n, decision in enumerate(m.value.decisions):
            for i, unit in enumerate(decision.units):
                if (why := unit_problem(plan, unit)) is not None:
                    loc = ("decisions", n, "units", i)
                    out.append(error("JY080", f"议定事项第 {n + 1} 项：{why}", m.path, loc))
    for r in records.replies:
        if (why := unit_problem(plan, r.value.unit)) is not None:
            out.append(error("JY080", f"督办反馈：{why}", r.path, ("unit",)))
    return out


def check_duban_reply_items(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY081 (warning): a reply to an item that does not exist, by a unit not on it, or
    (a reply file) dated before the item was opened."""
    out = []
    ids = [f.value.id for f in records.items]
    for reply in all_replies(records, reports):
        item = records.item(reply.item)
        loc = reply.loc or ("item",)
        if item is None:
            message = f"督办事项 {reply.item} 不存在，此反馈不计入{suggest(reply.item, ids)}"
        elif not reply.loc and reply.day < item.opened:
            loc = ("date",)
            message = (
                f"反馈日期 {reply.day.isoformat()} 早于督办事项 {reply.item} 的交办日期 "
                f"{item.opened.isoformat()}，此反馈不计入"
            )
        elif reply.unit not in item.units:
            message = (
                f"{plan.unit_label(reply.unit)}不是督办事项 {reply.item} 的承办单位"
                f"（{'、'.join(plan.unit_label(u) for u in item.units)}），此反馈不计入"
            )
        else:
            continue
        out.append(warning("JY081", message, reply.path, loc, at_key=bool(reply.loc)))
    return out


def check_duban_reply_closed(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY082 (warning): a reply that arrives after its item was closed (and not reopened)."""
    out = []
    for reply in all_replies(records, reports):
        item = records.item(reply.item)
        if item is None or reply.unit not in item.units:
            continue
        closure = item.closure_on(reply.day)
        if closure is None or closure.date >= reply.day:
            continue
        closed = closure.date
        out.append(
            warning(
                "JY082",
                f"督办事项 {reply.item} 已于 {closed.isoformat()} 销号，此后的反馈不计入"
                "（如需继续督办，请先 jianyian duban reopen）",
                reply.path,
                reply.loc or ("date",),
                at_key=bool(reply.loc),
            )
        )
    return out


def check_duban_dates(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY083: a reply-by, 销号 or 重新督办 before the item was opened (or reopened)."""
    out = []
    for f in records.items:
        item, opened = f.value, f.value.opened.isoformat()
        if item.reply_by < item.opened:
            out.append(
                error(
                    "JY083",
                    f"督办事项 {item.id} 的反馈时限 {item.reply_by.isoformat()} 早于交办日期 {opened}",
                    f.path,
                    ("reply_by",),
                )
            )
        meeting = _meeting_day(item.ref) if item.source == "会议" else None
        if meeting is not None and item.opened < meeting:
            out.append(
                error(
                    "JY083",
                    f"督办事项 {item.id} 的交办日期 {opened} 早于会议日期 {meeting.isoformat()}",
                    f.path,
                    ("opened",),
                )
            )
        for i, c in enumerate(item.closed):
            if c.date < item.opened:
                out.append(
                    error(
                        "JY083",
                        f"督办事项 {item.id} 的销号日期 {c.date.isoformat()} 早于交办日期 {opened}",
                        f.path,
                        ("closed", i, "date"),
                    )
                )
        for i, r in enumerate(item.reopened):
            if r.reply_by is not None and r.reply_by < r.date:
                out.append(
                    error(
                        "JY083",
                        f"督办事项 {item.id} 重新督办的反馈时限 {r.reply_by.isoformat()} "
                        f"早于重新督办日期 {r.date.isoformat()}",
                        f.path,
                        ("reopened", i, "reply_by"),
                    )
                )
    for m in records.meetings:
        for n, d in enumerate(m.value.decisions):
            if d.reply_by < m.value.date:
                out.append(
                    error(
                        "JY083",
                        f"议定事项第 {n + 1} 项的反馈时限 {d.reply_by.isoformat()} "
                        f"早于会议日期 {m.value.date.isoformat()}",
                        m.path,
                        ("decisions", n, "reply_by"),
                    )
                )
    return out


def _meeting_day(ref: str | None) -> date | None:
    """The meeting's date in a ``2025-07-15#2`` reference, or None."""
    day = (ref or "").partition("#")[0]
    try:
        return date.fromisoformat(day) if len(day) == 10 else None
    except ValueError:
        return None


def check_duban_ids(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY084: two items with one id, an item whose file name is not its id, or one source
    (a meeting's decision, a reported problem) made into two items."""
    out = []
    seen: dict[str, str] = {}
    refs: dict[tuple[str, str], str] = {}
    for f in records.items:
        item = f.value
        stem = f.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if item.id in seen:
            out.append(
                error("JY084", f"督办编号 {item.id} 重复：{seen[item.id]} 已使用", f.path, ("id",))
            )
        else:
            seen[item.id] = f.path
        if stem != item.id:
            out.append(
                error(
                    "JY084",
                    f"文件名 {stem} 与督办编号 {item.id} 不一致：文件应命名为 {item.id}.yaml",
                    f.path,
                    ("id",),
                )
            )
        if item.source in ("会议", "问题") and item.ref:
            key = (item.source, item.ref)
            if key in refs and refs[key] != item.id:
                out.append(
                    error(
                        "JY084",
                        f"{item.source} {item.ref} 已立为督办事项 {refs[key]}，不应重复立项",
                        f.path,
                        ("ref",),
                    )
                )
            refs.setdefault(key, item.id)
    return out


def check_duban_close_unanswered(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY085: a 销号 before the lead unit replied, without ``force: true`` and a note."""
    out = []
    replies = all_replies(records, reports)
    for f in records.items:
        item = f.value
        lead = item.units[0]
        starts = [item.opened, *(r.date for r in item.reopened)]
        for i, c in enumerate(item.closed):
            start = max((s for s in starts if s <= c.date), default=item.opened)
            answered = any(
                r.item == item.id and r.unit == lead and start <= r.day <= c.date for r in replies
            )
            if answered or (c.force and (c.note or "").strip()):
                continue
            what = (
                "已写 force: true，但未在 note 说明理由"
                if c.force
                else "须写 force: true 并在 note 说明理由"
            )
            out.append(
                error(
                    "JY085",
                    f"督办事项 {item.id} 于 {c.date.isoformat()} 销号时牵头单位"
                    f"{plan.unit_label(lead)}尚未反馈：未反馈即销号{what}",
                    f.path,
                    ("closed", i, "date"),
                )
            )
    return out


def problem_ref(ref: str, reports: Reports) -> str | None:
    """Why ``data/reports/<unit>/<month>.yaml#N`` names no reported problem, or None."""
    path, _, number = ref.rpartition("#")
    if not path or not number.isdigit():
        return f"来源依据“{ref}”应写作 月报路径#问题序号，如 data/reports/jxj/2025-07.yaml#1"
    for r in reports:
        if r.path == path:
            count = len(r.report.problems)
            if 1 <= int(number) <= count:
                return None
            return f"{path} 只有 {count} 个问题，没有第 {number} 个"
    return f"找不到报送文件 {path}"


def meeting_ref(ref: str, records: DubanRecords) -> str | None:
    """Why ``2025-07-15#N`` names no decision of a meeting, or None."""
    day, _, number = ref.partition("#")
    try:
        when = date.fromisoformat(day)
    except ValueError:
        when = None
    if when is None or not number.isdigit():
        return f"来源依据“{ref}”应写作 会议日期#议定事项序号，如 2025-07-15#2"
    meeting = records.meeting(when)
    if meeting is None:
        return f"没有 {day} 的会议（data/office/meetings/{day}.yaml）"
    count = len(meeting.value.decisions)
    if not 1 <= int(number) <= count:
        return f"{day} 的会议只有 {count} 项议定事项，没有第 {number} 项"
    return None


def check_duban_refs(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY086: an item from a meeting or a problem whose reference names none."""
    out = []
    for f in records.items:
        item = f.value
        if item.source not in ("会议", "问题"):
            continue
        if not item.ref:
            why = (
                "来源为会议时须写 ref: 会议日期#议定事项序号"
                if item.source == "会议"
                else ("来源为问题时须写 ref: 月报路径#问题序号")
            )
            out.append(error("JY086", f"督办事项 {item.id}：{why}", f.path, ("source",)))
            continue
        problem = (
            meeting_ref(item.ref, records)
            if item.source == "会议"
            else problem_ref(item.ref, reports)
        )
        if problem is not None:
            out.append(error("JY086", f"督办事项 {item.id}：{problem}", f.path, ("ref",)))
    return out


def check_duban_future(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY087: an item opened, closed or reopened, a reply or a meeting dated after today."""
    if today is None:
        return []
    out = []

    def late(day: date, what: str, path: str, loc: tuple[str | int, ...]) -> None:
        if day > today:
            out.append(
                error(
                    "JY087",
                    f"{what}日期 {day.isoformat()} 晚于今天：请填写实际发生的日期",
                    path,
                    loc,
                )
            )

    for f in records.items:
        late(f.value.opened, "交办", f.path, ("opened",))
        for i, c in enumerate(f.value.closed):
            late(c.date, "销号", f.path, ("closed", i, "date"))
        for i, r in enumerate(f.value.reopened):
            late(r.date, "重新督办", f.path, ("reopened", i, "date"))
    for r in records.replies:
        late(r.value.date, "反馈", r.path, ("date",))
    for m in records.meetings:
        late(m.value.date, "会议", m.path, ("date",))
    return out


def check_duban_sequence(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY088: 销号 and 重新督办 out of turn (a reopening of an open item, two closings in a row)."""
    out = []
    for f in records.items:
        item = f.value
        events = sorted(
            [(c.date, 0, i, "closed") for i, c in enumerate(item.closed)]
            + [(r.date, 1, i, "reopened") for i, r in enumerate(item.reopened)]
        )
        is_closed = False
        for when, _order, i, kind in events:
            on = when.isoformat()
            if kind == "closed" and is_closed:
                message = f"督办事项 {item.id} 于 {on} 再次销号，但此前已销号且未重新督办"
            elif kind == "reopened" and not is_closed:
                message = f"督办事项 {item.id} 于 {on} 重新督办，但当时没有销号"
            else:
                is_closed = kind == "closed"
                continue
            out.append(error("JY088", message, f.path, (kind, i, "date")))
    return out


def check_meeting_files(
    plan: Plan, reports: Reports, records: DubanRecords, today: date | None
) -> list[Diagnostic]:
    """JY089: a meeting file whose name is not its date (YYYY-MM-DD.yaml)."""
    out = []
    for m in records.meetings:
        stem = m.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        day = m.value.date.isoformat()
        if stem != day:
            out.append(
                error(
                    "JY089",
                    f"会议文件名 {stem} 与会议日期 {day} 不一致：文件应命名为 {day}.yaml",
                    m.path,
                    ("date",),
                )
            )
    return out
