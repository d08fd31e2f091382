"""The engine's results: plain named tuples, cheap to build by the ten thousand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from ..models import ReplySeen

Light = Literal["done", "green", "yellow", "red", "missing", "grey"]
State = Literal["on_time", "late", "overdue", "not_due", "invalid"]

#: Severity order for "worst light" (higher is worse).
LIGHT_RANK: dict[str, int] = {"grey": 0, "done": 1, "green": 2, "yellow": 3, "missing": 4, "red": 5}
LIGHT_NAMES: dict[str, str] = {
    "done": "已完成",
    "green": "绿灯",
    "yellow": "黄灯",
    "red": "红灯",
    "missing": "未报送",
    "grey": "未到期",
}
#: The order lights are counted and listed in.
LIGHT_ORDER: tuple[str, ...] = ("done", "green", "yellow", "red", "missing", "grey")
STATE_NAMES: dict[str, str] = {
    "on_time": "按时",
    "late": "迟报",
    "overdue": "逾期未报",
    "not_due": "未到期",
    "invalid": "文件有错误",
}
TASK_STATUS_LIGHT: dict[str, Light] = {"已完成": "done", "推进中": "green", "未启动": "yellow"}

#: The states in order of precedence (the first that holds is the action's state).
ACTION_STATES: tuple[str, ...] = (
    "已销号",
    "待确认",
    "逾期",
    "推进中",
    "未启动",
    "未报送",
    "未到期",
)
#: States counted as done: 已销号 and 待确认 (the unit says done; the office may still check).
DONE_STATES = frozenset({"已销号", "待确认"})
#: How far along each reported status is (co-leads: the least advanced wins).
STATUS_RANK: dict[str, int] = {"未启动": 0, "推进中": 1, "已完成": 2}


class IndicatorProgress(NamedTuple):
    id: str
    name: str
    measure: str
    target: float
    value: float | None
    #: share of the target reached (level: of the way from baseline to target)
    completion: float | None
    #: 序时进度 as a fraction: N/12 for data of month N (None for a rate or without data)
    expected: float | None
    gap: float | None  # percentage points behind expected progress (negative: ahead)
    light: Light
    task: str | None
    reporters: tuple[str, ...]
    #: unit → its latest value (what ``value`` was computed from)
    contributions: Mapping[str, float]
    #: reporters with no value at all although one was due
    missing: tuple[str, ...]
    #: month of the newest report behind the value
    latest_month: str | None
    #: month N of the data the value stands for (a sum: the earliest of its reporters' latest)
    data_month: str | None = None
    kind: str = "ytd"
    comparator: str = "at_least"
    qualifier: str | None = None
    #: consecutive data months (ending at ``data_month``) judged yellow or red, each on its
    #: own data against its own N/12 (DESIGN: streaks count months of data)
    streak: int = 0
    #: consecutive data months (ending at ``data_month``) judged yellow before any escalation
    yellow_streak: int = 0
    #: a yellow light turned red by ``escalate_after``; ``reason`` says why
    escalated: bool = False
    reason: str | None = None
    #: the value comes from a report the loader could not read for some reporter
    partial: bool = False
    #: counted in headlines (False for the parts of a total, counted through the total)
    headline: bool = True
    #: the data months of ``streak``, oldest first
    streak_months: tuple[str, ...] = ()
    #: (reporter, its latest month) of a sum's reporters whose data for a month already due
    #: has not arrived: the value holds their older data ("含江夏区5月数据")
    stale: tuple[tuple[str, str], ...] = ()

    @property
    def at_pace(self) -> bool:
        """At or ahead of 序时进度 (a rate: at or above its target), judged as printed."""
        if self.light == "done":
            return True
        return self.light == "green" and self.gap is not None and round(self.gap, 1) <= 0


class TaskStatus(NamedTuple):
    id: str
    number: str
    title: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    completion: float | None
    light: Light
    indicators: tuple[str, ...]
    #: declared status for a task without indicators or actions (未启动／推进中／已完成), else None
    status: str | None = None
    status_note: str | None = None
    #: its actions (事项), and how many are done (已销号 + 待确认), confirmed (已销号), overdue
    actions: tuple[str, ...] = ()
    actions_total: int = 0
    actions_done: int = 0
    actions_confirmed: int = 0
    actions_overdue: int = 0


class Statement(NamedTuple):
    """One unit's word on one action in one monthly report."""

    unit: str
    month: str
    status: str
    progress: str | None
    arrived: date
    lead: bool  # said by a lead unit (only those set the status)


class ActionProgress(NamedTuple):
    id: str
    task: str
    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    due: date  # rolled over weekends and holidays
    nominal_due: date
    state: str  # one of ACTION_STATES
    light: Light
    #: what the lead units reported (未启动／推进中／已完成), None before any statement
    status: str | None = None
    progress: str | None = None
    reported_by: str | None = None
    reported_month: str | None = None
    #: the day of the 销号 in force on as-of, and its note
    confirmed: date | None = None
    confirm_note: str | None = None
    days_overdue: int = 0
    #: milestone dates (rolled over) that had passed on as-of
    milestones_passed: tuple[date, ...] = ()
    #: arrival of the first report of the current run of 已完成 statements
    done_reported: date | None = None
    indicators: tuple[str, ...] = ()
    #: every statement that had arrived by as-of, oldest first (lead and responsible units)
    statements: tuple[Statement, ...] = ()
    #: the month of the first report of the current run of 已完成 statements
    done_month: str | None = None


class ActionSummary(NamedTuple):
    """How many actions stand where, over the whole plan."""

    total: int
    states: Mapping[str, int]
    done: int
    confirmed: int
    overdue: int


class DeliverableStatus(NamedTuple):
    """One obligation and how it stands.

    A named tuple rather than a frozen dataclass: a large tree has tens of thousands
    of these, and a tuple is several times cheaper to build.
    """

    unit: str
    deliverable: str
    name: str
    period: str
    due: date
    state: State
    submitted: date | None = None
    days: int = 0  # days late, or days overdue
    path: str | None = None
    nominal: date | None = None  # the due date before 顺延
    #: ``submitted`` is the report's own ``submitted:``, earlier than git first saw the
    #: file (or than today, uncommitted): a 自报日期 nobody witnessed
    declared: bool = False


class UnitStanding(NamedTuple):
    id: str
    name: str
    received: int
    on_time: int
    late: int
    overdue: int
    not_due: int
    max_days_overdue: int


class Summary(NamedTuple):
    """The headline: how many indicators stand where (parts of a total counted once)."""

    count: int
    lights: Mapping[str, int]
    #: at or above 序时进度 (已完成, or 绿灯 not behind it): "达到或超过序时进度"
    on_pace: int
    #: 黄灯 or 红灯
    behind: int
    missing: int
    #: mean completion (each capped at 100%) over the headline indicators with a value
    average: float | None
    #: how many indicators ``average`` covers
    averaged: int
    #: 绿灯 but behind 序时进度 (by less than the yellow threshold): "略低于序时进度"
    near: int = 0
    #: (data month, 序时进度, how many) of the headline indicators with a value judged
    #: against 序时进度, the latest data month first: the headline's 序时进度 is theirs
    expected_groups: tuple[tuple[str, float, int], ...] = ()


# ---------------------------------------------------------------- 督办 items

#: The states, in the order every output lists them.
DUBAN_STATES: tuple[str, ...] = ("逾期未反馈", "重新督办", "待反馈", "已反馈待销号", "已销号")
#: States of an item still open (not 已销号).
DUBAN_OPEN_STATES = frozenset({"逾期未反馈", "重新督办", "待反馈", "已反馈待销号"})


@dataclass(frozen=True)
class DubanStatus:
    """One 督办 item as it stands on the as-of day."""

    id: str
    text: str
    source: str
    ref: str | None
    units: tuple[str, ...]  # lead first
    opened: date
    #: the round's reply-by date as written (the item's, or its 重新督办's); None: no deadline
    reply_by: date | None
    #: ``reply_by`` rolled over weekends and holidays (顺延)
    due: date | None
    state: str
    #: the day the lead unit answered in this round, and what it said
    replied: date | None
    reply: str | None
    done: bool | None
    #: the 销号 in force: its day and note
    closed: date | None
    close_note: str | None
    #: the 重新督办 that opened this round: its day and reason
    reopened: date | None
    reopen_why: str | None
    days_overdue: int
    level: str  # after escalation
    level_set: str  # as the office set it
    escalation: str | None  # why the level went up
    #: every counted reply on the as-of day (all units, all rounds), by day
    replies: tuple[ReplySeen, ...]
    #: the days of every 销号 on or before the as-of day
    closures: tuple[date, ...]

    @property
    def lead(self) -> str:
        return self.units[0]

    @property
    def is_open(self) -> bool:
        return self.state in DUBAN_OPEN_STATES

    @property
    def on_time(self) -> bool | None:
        """Whether this round's answer came by its due date; None when not answered."""
        if self.replied is None:
            return None
        return self.due is None or self.replied <= self.due


@dataclass(frozen=True)
class DubanSummary:
    """The counts every output tells: by state, and what happened in one month."""

    total: int
    states: dict[str, int]
    #: month ``YYYY-MM`` these counts are about
    month: str
    opened: int  # items opened in the month
    answered: int  # items whose lead unit answered in the month (any round)
    closed: int  # 销号 in the month
    overdue: int  # items 逾期未反馈 on the as-of day
    #: lead units of the overdue items, in order of first appearance (by item id)
    overdue_units: tuple[str, ...]


@dataclass(frozen=True)
class DubanUnitRecord:
    """How one unit answered the items it leads (scorecard): this round of each."""

    unit: str
    items: int  # items it leads
    open: int  # not 已销号
    overdue: int  # 逾期未反馈
    on_time: int  # answered by the due date
    late: int  # answered after it


@dataclass(frozen=True)
class Progress:
    """Everything ``status`` and ``brief`` need, computed once."""

    as_of: date
    #: the latest month whose data count (status: the as-of month; a briefing: its month)
    upto: str
    #: the headline 序时进度: the one the rows use, of the latest data month among the
    #: headline indicators (None before any value); ``summary.expected_groups`` has the others
    expected: float | None
    #: the data month ``expected`` stands for
    expected_month: str | None
    summary: Summary
    indicators: tuple[IndicatorProgress, ...]
    tasks: tuple[TaskStatus, ...]
    deliverables: tuple[DeliverableStatus, ...]
    units: tuple[UnitStanding, ...]
    #: the latest month whose monthly report was due by as-of (None before the first)
    current_month: str | None
    #: month → indicator id → its progress on the data of months up to that month, as they
    #: stood at as-of (the last month is ``upto``): for trends, the ledger and the briefing's
    #: comparison with last month (month M's data against month M−1's data)
    history: Mapping[str, Mapping[str, IndicatorProgress]] = field(default_factory=dict)
    #: every action (事项) of the plan and how it stands (``engine.actions``)
    actions: tuple[ActionProgress, ...] = ()
    #: how many actions stand where (``engine.actions.summarize_actions``)
    action_summary: ActionSummary | None = None
    #: every 督办 item opened by as-of and how it stands (``engine.duban``)
    duban: tuple[DubanStatus, ...] = ()
    #: the 督办 counts, with what happened in the month ``upto``
    duban_summary: DubanSummary | None = None

    @property
    def completion(self) -> float | None:
        return self.summary.average

    @property
    def lights(self) -> Mapping[str, int]:
        return self.summary.lights

    def indicator(self, ind_id: str) -> IndicatorProgress:
        return next(i for i in self.indicators if i.id == ind_id)

    def task(self, task_id: str) -> TaskStatus:
        return next(t for t in self.tasks if t.id == task_id)

    @property
    def overdue(self) -> list[DeliverableStatus]:
        return [d for d in self.deliverables if d.state == "overdue"]

    @property
    def late(self) -> list[DeliverableStatus]:
        return [d for d in self.deliverables if d.state == "late"]
