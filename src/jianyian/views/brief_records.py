"""The briefing's records: what every format of the briefing prints, as plain named tuples.

One :class:`Brief` feeds the Markdown template, the Word document and the
dashboard: renderers add layout, never numbers or text of their own.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Masthead(NamedTuple):
    """The 报头: 简报名称, 第N期, 编印单位 and date."""

    name: str
    issue: int
    issue_label: str  # 第3期
    issuer: str
    date: date
    #: 内部资料 (or another mark from the settings; "" prints none)
    mark: str = ""


class Imprint(NamedTuple):
    """The 版记 at the foot of the last page: 报／送／发 lines, then 印发 and 印数."""

    lines: tuple[str, ...]  # 报：… / 送：… / 发：… (or the old single 分送：…)
    issuer: str  # 编印单位, left on the 印发 line
    printed: str  # 2025年8月10日印发, right on the 印发 line
    copies: str | None  # （共印50份）


class KeyWork(NamedTuple):
    """One task under 二、重点工作进展: its heading and its sentences, in order."""

    number: str
    title: str
    lead: str
    light: str
    sentences: tuple[str, ...]
    #: the opening of a lead unit's 信息, after the sentences ("" when none, or when the body
    #: needed the room: views.brief_body.fit_body)
    quote: str = ""
    #: the sentences with the overdue actions counted, not listed (fit_body's second step)
    short_sentences: tuple[str, ...] = ()


class TaskRow(NamedTuple):
    """One task in 附件1's task table: its two-part progress sentence and its light."""

    number: str
    title: str
    lead: str
    progress: str  # 事项 7 项，已完成 2 项…；量化指标 1 项，完成率 60.0%
    light: str
    light_name: str


class CoordinationItem(NamedTuple):
    """One item under 四、需市领导协调事项."""

    text: str
    units: str  # who raised it (or owes it)
    kind: str  # "problem" (a unit's coordinate: true); other builders add their own kinds


class FeaturedInfo(NamedTuple):
    """A 信息 the office prints in full (信息选编)."""

    unit: str
    title: str
    paragraphs: tuple[str, ...]


class IndicatorRow(NamedTuple):
    """One indicator, as every section of the briefing shows it."""

    number: str  # 1, 2, … ; "其中" rows (parts of a total) get ""
    id: str
    name: str
    is_part: bool
    measure: str
    target: float
    target_text: str  # as the notice words it: 力争480个, 突破2万亿元
    #: the row's one measure (万亿元 for 亿元 targets of ten thousand and more), and
    #: target and value as numbers in it (tables)
    display_measure: str
    target_number: str  # 突破2, 20以上
    value_number: str  # 1.13, or — without a value
    value: float | None
    completion: float | None
    expected: float | None
    gap: float | None  # percentage points behind 序时进度 (negative: ahead)
    light: str
    light_name: str
    streak: int
    reason: str | None  # why a light was escalated
    reporters: str  # unit names, joined with 、 ("由分项相加" for a total)
    missing: str  # reporters who have not reported a value, joined with 、
    data_month: str | None  # YYYY-MM: the month N the value is 1–N月累计 of
    task_number: str  # （一）1, or 工作目标
    partial: bool
    kind: str = "ytd"
    comparator: str = "at_least"
    #: the data months of ``streak``, oldest first
    streak_months: tuple[str, ...] = ()
    #: a sum holding some reporters' older data: 含长江新区管委会、江夏区人民政府5月数据
    stale: str = ""
    #: a total whose target differs from the sum of its parts' targets says so
    parts_note: str = ""
    #: the 完成率 cell: ``56.7%``; a rate's cell is its place against the target
    completion_text: str = "—"
    #: the 序时进度 cell: ``58.3%``; ``—`` for a rate (compared with its target directly)
    expected_text: str = "—"


class Headline(NamedTuple):
    """How many indicators stand where (the parts of a total counted once, through it)."""

    count: int
    on_pace: int  # at or above 序时进度 (done included)
    done: int
    behind: int  # yellow or red
    red: int
    missing: int
    not_due: int
    average: float | None  # mean completion, each capped at 100%
    averaged: int  # how many indicators the mean covers
    expected: float | None  # the rows' 序时进度: N/12 of the latest data month
    expected_month: str | None  # that data month
    near: int = 0  # green but behind 序时进度: 略低于序时进度
    #: (data month, 序时进度, how many rows), the latest data month first
    expected_groups: tuple[tuple[str, float, int], ...] = ()
    yellow: float = 10  # the yellow threshold (points): "差距不足10个百分点"


class ReportCount(NamedTuple):
    """One deliverable for one period: how many were owed, received, late, missing."""

    label: str  # 2025年7月信息 / 上半年办理工作小结
    due_date: date
    owed: int
    received: int
    on_time: int
    late: int
    missing: int
    not_due: int
    invalid: int
    late_units: str  # names, joined with 、
    missing_units: str


class MissedItem(NamedTuple):
    label: str
    due_date: date
    state: str  # overdue / late / invalid
    days: int
    submitted: date | None


class UnitMisses(NamedTuple):
    unit: str
    overdue: tuple[MissedItem, ...]
    late: tuple[MissedItem, ...]
    invalid: tuple[MissedItem, ...]


class InfoItem(NamedTuple):
    unit: str
    title: str
    excerpt: str
    late: bool


class TaskBlock(NamedTuple):
    number: str
    title: str
    lead: str
    completion: float | None
    light: str
    light_name: str
    qualitative: bool
    status: str | None
    status_note: str | None
    indicators: tuple[IndicatorRow, ...]
    #: this month's 信息 titles of the task's lead units
    infos: tuple[InfoItem, ...]
    missing_infos: str  # lead units without this month's 信息, joined with 、
    #: a task divided into actions: "事项 7 项，已完成 4 项…；量化指标 1 项，完成率 60.0%"
    actions_text: str | None = None
    #: "逾期事项：…。" and "本月完成：…。" (views.actions.overdue_text / done_text)
    overdue_text: str | None = None
    overdue_short: str | None = None  # overdue_count_text: what the body prints when short of room
    done_text: str | None = None


class Merged(NamedTuple):
    """One problem (or next step), de-duplicated, with the units that raised it."""

    text: str
    units: str


class LightChange(NamedTuple):
    name: str
    before: str
    after: str


class ValueChange(NamedTuple):
    """One row of 本月变化: month M's data against month M−1's data."""

    name: str
    display_measure: str
    before: str  # numbers in the row's measure; ``（5月数据）`` when the data are older
    after: str
    change: str
    light_before: str
    light_after: str


class Trend(NamedTuple):
    """A headline goal's 1–N月累计 month by month, beside its 序时进度 (target × N/12)."""

    name: str
    display_measure: str  # the row's one measure (万亿元, 个…)
    months: tuple[int, ...]  # 5, 6, 7 …
    values: tuple[float | None, ...]  # in ``display_measure``
    expected: tuple[float | None, ...]  # in ``display_measure``


class GridRow(NamedTuple):
    unit: str
    cells: tuple[str, ...]


class Brief(NamedTuple):
    """Everything a briefing prints, in every format."""

    masthead: Masthead
    title: str  # the briefing's own title line
    plan_title: str
    proposal: str
    office: str
    month: str  # YYYY-MM: the month the briefing tells
    as_of: date
    #: before the month's 信息 deadline: figures are preliminary
    preliminary: bool
    month_due: date | None  # the month's 信息 due date (rolled over)
    commit: str | None
    dirty: bool
    data_errors: int
    unreadable: tuple[str, ...]
    #: a line saying git could not be asked (dates then count from today), or None
    history_note: str | None
    # 一、总体情况
    headline: Headline
    headline_text: str
    exceptions: tuple[IndicatorRow, ...]  # red, 未报送, yellow: the most urgent first
    #: each exception's sentence (after its name and light), in the order above
    exception_texts: tuple[str, ...]
    overdue: tuple[UnitMisses, ...]
    overdue_text: str | None
    # 二、主要指标
    indicators: tuple[IndicatorRow, ...]
    # 三、各项任务
    tasks: tuple[TaskBlock, ...]
    task_texts: tuple[str, ...]  # each task's line after its number and title
    #: the headline goals month by month (the charts' data)
    trends: tuple[Trend, ...]
    # 四、存在问题；五、下步工作
    problems: tuple[Merged, ...]
    next_steps: tuple[Merged, ...]
    # 六、报送情况
    reports: tuple[ReportCount, ...]
    reporting_text: str
    # 附件
    grid_columns: tuple[str, ...]
    grid: tuple[GridRow, ...]
    infos: tuple[InfoItem, ...]
    previous_month: str
    first_month: bool
    new_reds: tuple[LightChange, ...]
    recoveries: tuple[LightChange, ...]
    worsened: tuple[LightChange, ...]
    moved: tuple[ValueChange, ...]
    distribution: str | None
    thresholds: tuple[float, float]  # yellow, red
    escalate_after: int | None
    light_rule: str  # 灯的口径, under the indicator table
    table_notes: tuple[str, ...] = ()  # notes on single rows, under the rule
    # The printed body (issue 27): title lines, 按语, 信息选编, sections, 附件 list, 版记.
    title_lines: tuple[str, ...] = ()  # the title broken at a phrase boundary
    note: tuple[str, ...] = ()  # 按语, paragraph by paragraph
    featured: tuple[FeaturedInfo, ...] = ()  # 信息选编
    lights_text: str = ""  # 总体情况: the exceptions by name
    key_work: tuple[KeyWork, ...] = ()  # 二、重点工作进展
    task_rows: tuple[TaskRow, ...] = ()  # 附件1: every task's progress in two parts
    coordination: tuple[CoordinationItem, ...] = ()  # 四、需市领导协调事项
    #: 三 and 五 as printed: one paragraph, 一是…（units）；二是…。, or the sentence saying none
    #: was listed (or no unit has reported); 三 leaves out what 四 lists; 四 one line per item
    problems_text: str = ""
    coordination_lines: tuple[str, ...] = ()
    next_steps_text: str = ""
    annex_titles: tuple[str, ...] = ()  # 附件：1.… 2.…
    imprint: Imprint | None = None  # 版记
    #: 督办事项办理情况 (views.duban.duban_paragraph), closing 一、总体情况's paragraph;
    #: None when the office has no item. Overdue items are in ``coordination``.
    duban_text: str | None = None
