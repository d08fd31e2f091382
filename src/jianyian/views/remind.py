"""催报 / 督办: one notice per unit that owes something. Pure: no clock, no disk.

A unit gets a notice when, at the as-of day, it has

* deliverables overdue (逾期未报, with the days) or sent but unreadable (文件有错误);
* deliverables falling due within ``within`` working days (临近截止; the plan's calendar
  decides what a working day is, 0 meaning "due today");
* actions (事项) it leads that are 逾期 (past their due date, not done), or not done and
  due within ``within`` working days (the state is the engine's, as in ``status``);
* indicators it reports that are red, yellow or 未报送. A ``single`` indicator names its
  authoritative reporter; a ``sum`` indicator names a unit when the unit is among its
  ``missing`` reporters (未报送), or, when the total is red or yellow, every reporter with
  its own contribution (the total is theirs together; none of them is blamed alone).

Three-colour 督办 (the level of a notice): red when something is overdue (a report or an
action), yellow when an indicator is behind 序时进度 (or not reported), blue when only
deadlines are near. The office's 督办 items on the unit that still await its reply raise it
to their own level (an overdue one to red): :func:`jianyian.views.duban.duban_notice_level`.

The notice's text is composed here (one view feeds the Markdown and the e-mail): plain,
polite Chinese, addressed to the unit, from the office, with the due dates (rolled over;
顺延 said where the nominal date differs) and the as-of date. A unit that owes a monthly
report (overdue, unreadable or falling due) gets that month's Excel form with the notice
(``forms``; the job makes the files); the notice says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from ..engine import (
    DONE_STATES,
    LIGHT_NAMES,
    ActionProgress,
    DeliverableStatus,
    IndicatorProgress,
    Progress,
    unit_duban,
)
from ..fmt import fmt_date, fmt_month, fmt_percent, fmt_quantity, fmt_target
from ..models import Plan, working_days_between
from ..models.months import month_number
from .brief_sections import deliverable_label, stale_note
from .brief_texts import gap_text, rate_gap_text, rate_value_text, streak_text
from .duban import DUBAN_ASK, awaiting_reply, duban_notice_level, unit_duban_lines
from .form import form_name

__all__ = [
    "DEFAULT_WITHIN",
    "LEVEL_MEANINGS",
    "LEVEL_NAMES",
    "ActionItem",
    "DueItem",
    "IndicatorItem",
    "Level",
    "Reminder",
    "Section",
    "build_reminders",
]

Level = Literal["red", "yellow", "blue"]

#: 临近截止: working days before a deadline a unit is reminded of it.
DEFAULT_WITHIN = 3
LEVEL_NAMES: dict[str, str] = {"red": "红色", "yellow": "黄色", "blue": "蓝色"}
LEVEL_MEANINGS: dict[str, str] = {
    "red": "有逾期未报送或逾期未完成事项",
    "yellow": "有指标落后序时进度或未报送",
    "blue": "有事项临近截止",
}
#: Why a notice has its colour when a 督办 item awaiting the unit's reply raised it
#: (views.duban.duban_notice_level): the item's own colour, or overdue.
DUBAN_LEVEL_MEANINGS: dict[str, str] = {
    "red": "有逾期未反馈或红色督办的督办事项",
    "yellow": "有黄色督办的督办事项待反馈",
    "blue": "有督办事项待反馈",
}
_LEVEL_ORDER = {"red": 0, "yellow": 1, "blue": 2}
_WARNING_LIGHTS = ("red", "yellow")
_CHINESE_NUMBERS = "一二三四五六七八九十"


class DueItem(NamedTuple):
    """One deliverable the unit owes: overdue, unreadable or falling due soon."""

    deliverable: str
    label: str  # 2025年7月信息, 上半年办理工作小结
    period: str
    due: date  # rolled over
    nominal: date | None  # as the plan words it
    state: str  # overdue / invalid / not_due
    days: int  # days overdue (0 otherwise)
    working_days: int | None  # working days left (upcoming items), else None
    text: str


class ActionItem(NamedTuple):
    """One action the unit leads: 逾期, or not done and due within ``within`` working days."""

    id: str
    task: str
    state: str  # the engine's state (逾期, 推进中, 未启动, 未报送, 未到期)
    status: str | None  # what the lead units last reported
    due: date  # rolled over
    days: int  # days overdue (0 otherwise)
    working_days: int | None  # working days left (upcoming items), else None
    text: str


class IndicatorItem(NamedTuple):
    """One indicator of the unit's that is red, yellow or 未报送."""

    id: str
    name: str
    light: str  # red / yellow / missing
    combined: bool  # a sum of several reporters
    value: float | None  # the indicator's value (a sum: the total)
    own: float | None  # the unit's own contribution (a sum), else None
    completion: float | None
    expected: float | None
    gap: float | None
    data_month: str | None
    text: str


class Section(NamedTuple):
    """A numbered part of the notice: 一、逾期未报送事项 and its items."""

    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Reminder:
    """The notice to one unit, with its items as data and its text composed."""

    unit: str
    name: str
    short: str
    level: Level
    as_of: date
    within: int
    office: str
    overdue: tuple[DueItem, ...]
    invalid: tuple[DueItem, ...]
    upcoming: tuple[DueItem, ...]
    indicators: tuple[IndicatorItem, ...]
    #: (name, e-mail) of the unit's liaisons; empty: the notice cannot be mailed
    liaisons: tuple[tuple[str, str], ...]
    #: months (``YYYY-MM``) whose monthly report the unit owes: their forms go with the notice
    forms: tuple[str, ...]
    #: the forms' file names, in the order of ``forms``
    form_files: tuple[str, ...]
    title: str
    subject: str
    salutation: str
    opening: str
    sections: tuple[Section, ...]
    #: ``附件：…`` naming the forms that go with the notice, or None
    enclosure: str | None
    closing: str
    contact: str | None
    signature: str
    date_text: str
    #: actions the unit leads that are 逾期, and those due within ``within`` working days
    overdue_actions: tuple[ActionItem, ...] = ()
    upcoming_actions: tuple[ActionItem, ...] = ()
    #: the 督办 items on the unit still open (views.duban.unit_duban_lines), overdue first
    duban: tuple[str, ...] = ()
    #: why the notice has its colour (LEVEL_MEANINGS, or DUBAN_LEVEL_MEANINGS when a 督办
    #: item raised it)
    level_reason: str = ""

    @property
    def level_name(self) -> str:
        """红色 / 黄色 / 蓝色."""
        return LEVEL_NAMES[self.level]

    @property
    def level_text(self) -> str:
        """``督办等级：红色（有逾期未报送或逾期未完成事项）``."""
        return f"督办等级：{self.level_name}（{self.level_reason or LEVEL_MEANINGS[self.level]}）"

    def plain_text(self) -> str:
        """The whole notice as plain text (the e-mail body), ending with a newline."""
        lines = [self.salutation, "", self.opening, ""]
        for section in self.sections:
            lines.append(section.heading)
            lines += [f"{n}. {item}" for n, item in enumerate(section.items, start=1)]
            lines.append("")
        if self.enclosure:
            lines += [self.enclosure, ""]
        lines += [self.closing, ""]
        if self.contact:
            lines += [self.contact, ""]
        lines += [self.signature, self.date_text]
        return "\n".join(lines) + "\n"


def build_reminders(
    plan: Plan, progress: Progress, *, within: int = DEFAULT_WITHIN
) -> list[Reminder]:
    """One :class:`Reminder` per unit that owes something at ``progress.as_of``.

    Units that owe nothing get none. Sorted red, yellow, blue, then in plan order.
    ``within`` (≥ 0) is how many working days ahead a deadline is 临近.
    """
    if within < 0:
        raise ValueError("within must be >= 0")
    as_of = progress.as_of
    dues: dict[str, list[DueItem]] = {}
    for d in progress.deliverables:
        item = _due_item(plan, d, as_of, within)
        if item is not None:
            dues.setdefault(d.unit, []).append(item)
    late: dict[str, list[ActionItem]] = {}
    soon: dict[str, list[ActionItem]] = {}
    for a in progress.actions:
        action_item = _action_item(plan, a, as_of, within)
        if action_item is not None:
            for unit in a.lead:
                (late if a.state == "逾期" else soon).setdefault(unit, []).append(action_item)
    flagged: dict[str, list[IndicatorItem]] = {}
    for p in progress.indicators:
        for unit, item in _indicator_items(plan, p):
            flagged.setdefault(unit, []).append(item)
    out = []
    for position, unit in enumerate(plan.units):
        items = sorted(dues.get(unit.id, []), key=lambda i: (i.due, i.label))
        overdue = tuple(i for i in items if i.state == "overdue")
        invalid = tuple(i for i in items if i.state == "invalid")
        upcoming = tuple(i for i in items if i.state == "not_due")
        indicators = tuple(flagged.get(unit.id, []))
        actions = (tuple(late.get(unit.id, [])), tuple(soon.get(unit.id, [])))
        duban = unit_duban(progress.duban, unit.id)
        if not (
            overdue or invalid or upcoming or indicators or any(actions) or awaiting_reply(duban)
        ):
            continue
        level: Level = (
            "red"
            if overdue or actions[0] or any(i.due < as_of for i in invalid)
            else "yellow"
            if indicators
            else "blue"
        )
        raised = duban_notice_level(level, duban)
        reason = (DUBAN_LEVEL_MEANINGS if raised != level else LEVEL_MEANINGS)[raised]
        level = raised
        out.append(
            (
                _LEVEL_ORDER[level],
                position,
                _compose(
                    plan,
                    unit.id,
                    level,
                    as_of,
                    within,
                    overdue,
                    invalid,
                    upcoming,
                    indicators,
                    actions,
                    duban=tuple(unit_duban_lines(duban, unit.id)),
                    level_reason=reason,
                ),
            )
        )
    out.sort(key=lambda t: (t[0], t[1]))
    return [r for _l, _p, r in out]


# ---------------------------------------------------------------- items


def _due_item(plan: Plan, d: DeliverableStatus, as_of: date, within: int) -> DueItem | None:
    label = deliverable_label(plan, d)
    due_text = _due_text(plan, d)
    if d.state == "overdue":
        text = f"{label}：{due_text}，至今未报送，已逾期{d.days}天。"
        return DueItem(
            d.deliverable, label, d.period, d.due, d.nominal, d.state, d.days, None, text
        )
    if d.state == "invalid":
        text = f"{label}：已报送的文件有错误，未能计入，请修正后重新报送（{due_text}）。"
        return DueItem(d.deliverable, label, d.period, d.due, d.nominal, d.state, 0, None, text)
    if d.state == "not_due" and d.due >= as_of:
        left = working_days_between(plan.calendar, as_of, d.due, limit=within)
        if left > within:
            return None
        when = "今天截止" if d.due == as_of else f"距截止还有{left}个工作日"
        text = f"{label}：{due_text}，{when}，请按时报送。"
        return DueItem(d.deliverable, label, d.period, d.due, d.nominal, d.state, 0, left, text)
    return None


def _action_item(plan: Plan, a: ActionProgress, as_of: date, within: int) -> ActionItem | None:
    """The item of an action that is 逾期 or, not done, due within ``within`` working days."""
    if a.state in DONE_STATES:
        return None
    task = plan.task_by_id[a.task]
    head = f"{task.number} {''.join(a.text.split())}（{a.id}）：完成时限为{fmt_date(a.due)}"
    said = f"最近报送的状态为“{a.status}”" if a.status else "牵头单位尚未报送进展"
    if a.state == "逾期":
        text = f"{head}，已逾期{a.days_overdue}天，{said}。"
        return ActionItem(a.id, a.task, a.state, a.status, a.due, a.days_overdue, None, text)
    if a.due < as_of:
        return None
    left = working_days_between(plan.calendar, as_of, a.due, limit=within)
    if left > within:
        return None
    when = "今天到期" if a.due == as_of else f"距完成时限还有{left}个工作日"
    text = f"{head}，{when}，{said}。"
    return ActionItem(a.id, a.task, a.state, a.status, a.due, 0, left, text)


def _due_text(plan: Plan, d: DeliverableStatus) -> str:
    """``截止日期为2025年7月7日（原定7月5日，遇周末顺延）``."""
    text = f"截止日期为{fmt_date(d.due)}"
    if d.nominal is not None and d.nominal != d.due:
        nominal = fmt_date(d.nominal)
        if d.nominal.year == d.due.year:
            nominal = nominal[nominal.index("年") + 1 :]
        text += f"（原定{nominal}，{_rest_reason(plan, d.nominal)}顺延）"
    return text


def _rest_reason(plan: Plan, day: date) -> str:
    """Why ``day`` is not a working day: a named holiday, else the weekend."""
    for year in plan.calendar:
        for holiday in year.holidays:
            if holiday.start <= day <= holiday.end:
                return f"遇{holiday.name}假期"
    return "遇周末" if day.weekday() >= 5 else "遇休息日"


def _indicator_items(plan: Plan, p: IndicatorProgress) -> list[tuple[str, IndicatorItem]]:
    """(unit, item) for each unit ``p`` names in its notice."""
    ind = plan.indicator_by_id.get(p.id)
    if ind is None or not p.reporters:
        return []  # a total made of parts: its parts name their reporters
    if ind.combine != "sum":
        unit = p.reporters[0]
        if p.light == "missing" or p.light in _WARNING_LIGHTS:
            return [(unit, _indicator_item(plan, p, None, combined=False))]
        return []
    out = []
    for unit in p.reporters:
        if unit in p.missing:
            out.append((unit, _indicator_item(plan, p, None, combined=True, missing=True)))
        elif p.light in _WARNING_LIGHTS:
            own = p.contributions.get(unit)
            out.append((unit, _indicator_item(plan, p, own, combined=True)))
    return out


def _indicator_item(
    plan: Plan, p: IndicatorProgress, own: float | None, *, combined: bool, missing: bool = False
) -> IndicatorItem:
    ind = plan.indicator_by_id[p.id]
    light = "missing" if missing or p.light == "missing" else p.light
    if light == "missing":
        text = f"{p.name}：贵单位尚未报送该指标的数值（{LIGHT_NAMES['missing']}），请在月度报送中填报。"
    else:
        whose = "各报送单位合计" if combined else ""
        target = fmt_target(ind.target, ind.measure, ind.qualifier)
        if p.kind == "rate" and p.value is not None:
            parts = [
                f"{p.name}：{whose}{_period_words(p)}{rate_value_text(p.value, p.measure)}",
                f"{rate_gap_text(p.gap, p.comparator)}（目标{target}）",
            ]
        else:
            parts = [f"{p.name}：{whose}{_period_words(p)}{fmt_quantity(p.value, p.measure)}"]
            if p.completion is not None:
                parts.append(f"完成年度目标（{target}）的{fmt_percent(p.completion)}")
            if p.expected is not None and p.gap is not None:
                parts.append(f"{gap_text(p.gap)}（序时进度{fmt_percent(p.expected)}）")
        stale = stale_note(plan, p)
        text = "，".join(parts) + (f"（{stale}）" if stale else "") + f"，{LIGHT_NAMES[light]}"
        if p.reason:
            text += f"（{p.reason}）"
        elif p.streak > 1:
            text += f"，{streak_text(p.streak_months)}"
        if combined:
            text += f"；其中贵单位报送{fmt_quantity(own, p.measure)}" if own is not None else ""
        text += "。"
    return IndicatorItem(
        p.id,
        p.name,
        light,
        combined,
        p.value,
        own,
        p.completion,
        p.expected,
        p.gap,
        p.data_month,
        text,
    )


def _period_words(p: IndicatorProgress) -> str:
    """How a value is counted: ``1—7月累计``, ``截至7月底累计``, ``7月底``, ``7月``."""
    if p.data_month is None:
        return ""
    n = month_number(p.data_month)
    if p.kind == "ytd":
        return f"1—{n}月累计" if n > 1 else "1月"
    if p.kind == "cumulative":
        return f"截至{n}月底累计"
    if p.kind == "level":
        return f"{n}月底"
    return f"{n}月"


# ---------------------------------------------------------------- the text


def _compose(
    plan: Plan,
    unit_id: str,
    level: Level,
    as_of: date,
    within: int,
    overdue: Sequence[DueItem],
    invalid: Sequence[DueItem],
    upcoming: Sequence[DueItem],
    indicators: Sequence[IndicatorItem],
    actions: tuple[Sequence[ActionItem], Sequence[ActionItem]] = ((), ()),
    *,
    duban: tuple[str, ...] = (),
    level_reason: str = "",
) -> Reminder:
    unit = plan.unit_by_id[unit_id]
    office = plan.office_name
    late, soon = actions
    headed: list[tuple[str, Sequence[DueItem | IndicatorItem | ActionItem]]] = [
        ("逾期未报送事项", overdue),
        ("报送文件有误事项", invalid),
        (f"临近截止事项（{within}个工作日内）" if within else "今天截止事项", upcoming),
        ("逾期未完成的牵头事项", late),
        (
            f"临近完成时限的牵头事项（{within}个工作日内）" if within else "今天到期的牵头事项",
            soon,
        ),
        ("需关注的指标", indicators),
    ]
    sections = []
    for heading, items in headed:
        if items:
            number = _CHINESE_NUMBERS[len(sections)]
            sections.append(Section(f"{number}、{heading}", tuple(i.text for i in items)))
    if duban:
        number = _CHINESE_NUMBERS[len(sections)]
        sections.append(Section(f"{number}、督办事项", duban))
    asks = []
    if overdue or invalid:
        asks.append("抓紧补报逾期事项" if overdue else "尽快修正有误的报送文件")
        if overdue and invalid:
            asks[-1] += "、修正有误的报送文件"
    if upcoming:
        asks.append("按时报送临近截止的材料")
    if late or soon:
        asks.append("加快推进逾期或临近时限的牵头事项，完成后在月度报送中报“已完成”并写明佐证")
    if indicators:
        asks.append("对进度滞后或未报送的指标分析原因、加快推进并及时报送数据")
    if duban:
        asks.append(DUBAN_ASK)
    closing = f"请贵单位高度重视，{'，'.join(asks)}。如已报送，请忽略本提醒。"
    monthly = plan.monthly_deliverable
    forms = tuple(
        dict.fromkeys(
            i.period
            for i in (*overdue, *invalid, *upcoming)
            if monthly is not None and i.deliverable == monthly.id
        )
    )
    short = unit.short or unit.name
    files = tuple(form_name(short, month, unit.id) for month in forms)
    title = f"关于{plan.plan.title.removesuffix('办理工作方案')}办理事项的督办提醒"
    return Reminder(
        unit=unit.id,
        name=unit.name,
        short=unit.short or unit.name,
        level=level,
        level_reason=level_reason,
        as_of=as_of,
        within=within,
        office=office,
        overdue=tuple(overdue),
        invalid=tuple(invalid),
        upcoming=tuple(upcoming),
        indicators=tuple(indicators),
        liaisons=tuple((li.name, li.email) for li in unit.liaisons),
        forms=forms,
        form_files=files,
        title=title,
        subject=f"【{LEVEL_NAMES[level]}督办】{unit.name}：{title}（截至{fmt_date(as_of)}）",
        salutation=f"{unit.name}：",
        opening=(
            f"根据《{plan.plan.title}》要求，截至{fmt_date(as_of)}，"
            "贵单位有以下事项需要办理，现提醒如下："
        ),
        sections=tuple(sections),
        enclosure=_enclosure(forms, files),
        closing=closing,
        contact=_contact(plan),
        signature=office,
        date_text=fmt_date(as_of),
        overdue_actions=tuple(late),
        upcoming_actions=tuple(soon),
        duban=duban,
    )


def _enclosure(forms: Sequence[str], files: Sequence[str]) -> str | None:
    """``附件：贵单位2025年7月填报表（经信局-2025-07.xlsx），…`` or None without forms."""
    if not forms:
        return None
    months = "、".join(fmt_month(m) for m in forms)
    return (
        f"附件：贵单位{months}填报表（{'、'.join(files)}）。请在表中浅黄色单元格填写后发回，"
        "累计值低于上次填报值时请在“说明”栏写明原因。"
    )


def _contact(plan: Plan) -> str | None:
    """``联系人：张三，电话：…，邮箱：…`` from the office staff, if the plan names any."""
    people = []
    for person in plan.plan.office_staff:
        bits = [person.name]
        if person.phone:
            bits.append(f"电话：{person.phone}")
        bits.append(f"邮箱：{person.email}")
        people.append("，".join(bits))
    return f"联系人：{'；'.join(people)}" if people else None
