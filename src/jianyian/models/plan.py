"""Pydantic models of the plan (data/targets.yaml).

Models are strict, frozen and reject unknown keys. Every field carries a Chinese
title and description: they end up in error messages and in the JSON Schemas an
editor shows on hover. Derived lookups (units by name, reporters of an indicator,
owners of a deliverable…) are cached properties of :class:`Plan`, so every part
of the tool agrees on them.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .calendar import CalendarYear
from .fields import EMAIL_ADDRESS, IsoDate, Line, Model, Note, Number, Slug, Text
from .months import month_of, months_between


class Liaison(Model):
    name: Line = Field(title="姓名")
    email: Annotated[str, StringConstraints(pattern=f"^{EMAIL_ADDRESS}$")] = Field(title="电子邮箱")
    phone: Note | None = Field(default=None, title="电话")


class Unit(Model):
    id: Slug = Field(title="单位标识", description="目录名用的英文短标识，如 jxj")
    name: Line = Field(title="单位全称", description="通知原文中的名称，如 市经信局")
    short: Note | None = Field(default=None, title="简称", description="如 经信局")
    kind: Literal["department", "party", "district", "zone", "enterprise"] = Field(
        default="department", title="类别"
    )
    liaisons: list[Liaison] = Field(default_factory=list, title="联络员")
    note: Note | None = Field(default=None, title="备注")


class Group(Model):
    id: Slug = Field(title="单位组标识")
    name: Line = Field(title="单位组名称", description="通知原文中的写法，如 各区人民政府")
    aliases: list[Line] = Field(default_factory=list, title="其他写法")
    members: list[Slug] = Field(default_factory=list, title="成员单位")
    members_unknown: bool = Field(
        default=False, title="成员未知", description="通知未列出成员时为 true，validate 给出警告"
    )
    confirmed: bool = Field(default=True, title="成员已经办公室确认")
    note: Note | None = Field(default=None, title="备注")


class Milestone(Model):
    date: IsoDate = Field(title="日期")
    value: Number = Field(title="阶段目标值")


#: The notice's words for how a target is met (民法典第一千二百五十九条: 以上 includes the number).
#: 左右 reads as at least: a growth target met when reached; a ceiling said with 左右
#: (失业率5.5%左右, 控制在3%左右) says ``comparator: at_most`` itself.
QUALIFIER_COMPARATOR: dict[str, str] = {
    "以上": "at_least",
    "不少于": "at_least",
    "不低于": "at_least",
    "达到": "at_least",
    "力争": "at_least",
    "左右": "at_least",
    "保持": "at_least",
    "稳定在": "at_least",
    "提高到": "at_least",
    "提升至": "at_least",
    "突破": "more_than",
    "超过": "more_than",
    "以内": "at_most",
    "以下": "at_most",
    "不超过": "at_most",
    "不高于": "at_most",
    "控制在": "at_most",
    "压缩至": "at_most",
}
Qualifier = Literal[
    "以上",
    "不少于",
    "不低于",
    "达到",
    "力争",
    "左右",
    "保持",
    "稳定在",
    "提高到",
    "提升至",
    "突破",
    "超过",
    "以内",
    "以下",
    "不超过",
    "不高于",
    "控制在",
    "压缩至",
]
Comparator = Literal["at_least", "more_than", "at_most"]
IndicatorKind = Literal["ytd", "cumulative", "level", "rate"]


class Indicator(Model):
    id: Slug = Field(title="指标标识", description="报送时使用的键，如 ai-models")
    name: Line = Field(title="指标名称", description="通知原文的说法")
    target: Number = Field(title="目标值", description="以计量单位计")
    measure: Line = Field(title="计量单位", description="如 个、家、亿元、万人、%")
    kind: IndicatorKind = Field(
        default="ytd",
        title="口径",
        description="ytd：1–N月累计（每年1月重新累计，默认）；cumulative：自方案开始累计；"
        "level：时点值（需填 baseline）；rate：百分比（如同比增长），直接与目标比较",
    )
    baseline: Number | None = Field(
        default=None, title="年初基数", description="level 指标：目标年度开始时的数值"
    )
    comparator: Comparator | None = Field(
        default=None,
        title="比较方式",
        description="at_least 不少于；more_than 超过（突破）；at_most 不超过。不填时按 qualifier 判断",
    )
    qualifier: Qualifier | None = Field(
        default=None,
        title="原文限定词",
        description="以上／不少于／不低于／达到／力争／左右／保持／稳定在／提高到／提升至：不少于；"
        "突破／超过：超过；以内／以下／不超过／不高于／控制在／压缩至：不超过",
    )
    reporters: list[Slug] | None = Field(
        default=None, title="报送单位", description="不填则由所属任务的牵头单位报送"
    )
    combine: Literal["single", "sum"] = Field(
        default="single",
        title="汇总方式",
        description="single：一个权威报送单位；sum：各报送单位的数值相加",
    )
    parts: list[Slug] | None = Field(
        default=None, title="组成指标", description="总量指标的数值等于各组成指标之和"
    )
    weight: Number = Field(default=1, title="权重")
    milestones: list[Milestone] = Field(default_factory=list, title="阶段目标")
    note: Note | None = Field(default=None, title="备注")

    @model_validator(mode="after")
    def _baseline_matches_kind(self) -> Indicator:
        if self.kind == "level" and self.baseline is None:
            raise PydanticCustomError(
                "jy_baseline", "时点值指标（kind: level）必须填写 baseline（年初基数）"
            )
        if self.kind != "level" and self.baseline is not None:
            raise PydanticCustomError("jy_baseline", "只有时点值指标（kind: level）填写 baseline")
        if self.kind == "level" and self.baseline == self.target:
            raise PydanticCustomError("jy_baseline", "baseline（年初基数）不能等于目标值")
        return self

    @property
    def comparison(self) -> Comparator:
        """How the target is met: the explicit ``comparator``, else the qualifier's meaning."""
        if self.comparator is not None:
            return self.comparator
        return QUALIFIER_COMPARATOR.get(self.qualifier or "", "at_least")  # type: ignore[return-value]


class Goals(Model):
    text: Text = Field(title="工作目标原文")
    indicators: list[Indicator] = Field(default_factory=list, title="目标指标")


class ActionMilestone(Model):
    due: IsoDate = Field(title="节点日期")
    text: Line = Field(title="节点要求", description="到这一天应达到的状态")


class Action(Model):
    """One concrete piece of a task (事项), in the notice's own words."""

    id: Slug = Field(title="事项标识", description="报送和销号时使用，如 t1-1-2")
    text: Text = Field(title="事项原文", description="通知原文中的说法")
    # The same names as a task's: unit or group ids, expanded like the task's.
    lead: list[Slug] | None = Field(
        default=None, min_length=1, title="牵头单位", description="不填则为所属任务的牵头单位"
    )
    responsible: list[Slug] | None = Field(
        default=None, title="责任单位", description="不填则为所属任务的责任单位"
    )
    due: IsoDate = Field(title="完成时限", description="遇节假日顺延")
    milestones: list[ActionMilestone] = Field(default_factory=list, title="节点")
    indicators: list[Slug] = Field(
        default_factory=list, title="对应指标", description="本事项涉及的所属任务的量化指标"
    )
    note: Note | None = Field(default=None, title="备注")


class Task(Model):
    id: Slug = Field(title="任务标识", description="如 t1-1")
    number: Line = Field(title="编号", description="如 （一）1")
    section: Line = Field(title="所属部分")
    title: Line = Field(title="任务名称")
    text: Text = Field(title="任务原文")
    lead: list[Slug] = Field(min_length=1, title="牵头单位")
    responsible: list[Slug] = Field(default_factory=list, title="责任单位")
    indicators: list[Indicator] = Field(default_factory=list, title="指标")
    actions: list[Action] = Field(
        default_factory=list, title="事项", description="任务分解成的具体事项，逐项报送、销号"
    )


class Stage(Model):
    id: Slug = Field(title="阶段标识")
    name: Line = Field(title="阶段名称")
    start: IsoDate | None = Field(default=None, title="开始日期")
    end: IsoDate = Field(title="结束日期")
    text: Text = Field(title="原文")


OwnerSet = Literal["responsible_units", "member_units", "lead_units"]


class Deliverable(Model):
    id: Slug = Field(title="报送事项标识", description="也是报送文件名，如 half-year-summary")
    name: Line = Field(title="报送事项名称")
    short: Note | None = Field(
        default=None, title="简称", description="命令中可代替标识书写，如 上半年小结"
    )
    kind: Literal["monthly", "quarterly", "once"] = Field(
        title="频次",
        description="monthly：每月（月报 YYYY-MM.yaml）；quarterly：每季度（<标识>-YYYY-MM.yaml，"
        "YYYY-MM 为截止日所在月份）；once：一次性（<标识>.yaml）",
    )
    owed_by: OwnerSet | list[Slug] = Field(
        title="报送单位",
        description="responsible_units：各责任单位；member_units：各成员单位；"
        "lead_units：各牵头单位；或单位标识列表",
    )
    stage: Slug | None = Field(default=None, title="所属阶段")
    due: IsoDate | None = Field(default=None, title="截止日期", description="一次性事项必填")
    due_day: int | None = Field(
        default=None,
        ge=1,
        le=31,
        title="截止日",
        description="每月事项：次月几日前报送（1–28）；每季度事项：季度中那个月的几日前（1–31，"
        "大于该月天数时为月末）",
    )
    quarter_month: Literal[1, 2, 3] | None = Field(
        default=None,
        title="季度中的月份",
        description="每季度事项：截止日在季度的第几个月（1 为季初月，3 为季末月；不填为 3）",
    )
    text: Note | None = Field(default=None, title="原文")
    note: Note | None = Field(default=None, title="备注")

    @model_validator(mode="after")
    def _due_matches_kind(self) -> Deliverable:
        if self.kind == "once" and self.due is None:
            raise PydanticCustomError("jy_due", "一次性报送事项必须填写 due（截止日期）")
        if self.kind == "monthly" and self.due_day is None:
            raise PydanticCustomError("jy_due", "每月报送事项必须填写 due_day（次月截止日）")
        if self.kind == "monthly" and self.due_day is not None and self.due_day > 28:
            raise PydanticCustomError(
                "jy_due", "每月报送事项的 due_day 为 1–28（次月几日前报送，每个月都有这一天）"
            )
        if self.kind == "quarterly" and self.due_day is None:
            raise PydanticCustomError(
                "jy_due", "每季度报送事项必须填写 due_day（截止日）和 quarter_month（季度中的月份）"
            )
        if self.kind != "quarterly" and self.quarter_month is not None:
            raise PydanticCustomError(
                "jy_due", "只有每季度报送事项（kind: quarterly）填写 quarter_month"
            )
        return self


class Thresholds(Model):
    yellow: Number = Field(
        default=10, title="黄灯阈值（百分点）", description="落后序时进度达到此数为黄灯"
    )
    red: Number = Field(
        default=30, title="红灯阈值（百分点）", description="落后序时进度超过此数为红灯"
    )


class Briefing(Model):
    """The 简报's masthead and 版记: every word the office prints around the text."""

    name: Text = Field(default="工作简报", title="简报名称", description="报头上的名称")
    # Assumption: a 工作简报 circulated inside government carries 内部资料 at the top
    # left of its masthead; an office that wants another mark (or none: "") says so.
    mark: str = Field(
        default="内部资料",
        title="密级或标注",
        description="报头左上角的标注，如 内部资料、内部资料 注意保存；填空字符串则不印",
    )
    issuer: str | None = Field(default=None, title="编印单位", description="不填时为领导小组办公室")
    short_title: str | None = Field(
        default=None,
        title="方案简称",
        description="简报标题中代替方案全称的简称，如 2号建议案办理工作方案；不填时用全称",
    )
    report_to: str | None = Field(
        default=None, title="报", description="版记“报：”一行：呈报的领导，如 市人民政府分管副市长"
    )
    copy_to: str | None = Field(
        default=None, title="送", description="版记“送：”一行：送有关领导和部门"
    )
    send_to: str | None = Field(
        default=None, title="发", description="版记“发：”一行：发领导小组各成员单位"
    )
    copies: int | None = Field(
        default=None, ge=1, title="印数", description="版记末行的印数（份）；不填则不印"
    )
    distribution: str | None = Field(
        default=None,
        title="分送（旧写法）",
        description="只在报、送、发都不填时印作“分送：”一行；请改用 report_to、copy_to、send_to",
    )
    issues: dict[str, int] = Field(
        default_factory=dict,
        title="期号",
        description="月份 → 第几期；不填的月份按其在办理期中的次序编号（第一个月为第1期）",
    )


class Settings(Model):
    thresholds: Thresholds = Field(default_factory=Thresholds, title="红黄绿灯阈值")
    escalate_after: int | None = Field(
        default=None,
        ge=2,
        title="黄灯升级月数",
        description="黄灯指标连续几个数据月份为黄灯或红灯后升为红灯；不填则不升级",
    )
    member_units: OwnerSet | list[Slug] = Field(
        default="responsible_units", title="领导小组成员单位"
    )
    goal_reporters: list[Slug] = Field(default_factory=list, title="总体目标报送单位")
    briefing: Briefing = Field(default_factory=Briefing, title="简报")
    # An assumption (the notice is silent): a 督办 item unanswered for more than ten
    # calendar days after its rolled-over reply-by date goes up one level (蓝→黄→红).
    duban_escalate_after: int = Field(
        default=10,
        ge=1,
        le=365,
        title="督办逾期升级天数",
        description="督办事项逾期未反馈超过几天升级一档（蓝→黄→红）；默认 10 天（假定）",
    )


class PlanInfo(Model):
    id: Slug = Field(title="方案标识")
    title: Line = Field(title="方案名称")
    proposal: Line = Field(title="建议案")
    notice: Line = Field(title="印发通知")
    issuer: Line = Field(title="印发单位")
    issued: IsoDate = Field(title="印发日期")
    target_year: int | None = Field(
        default=None,
        ge=2000,
        le=2100,
        title="目标年度",
        description="指标是哪一年的年度目标；1–N月累计自该年1月1日起算。不填时取办理期开始的年份",
    )
    start: IsoDate = Field(title="办理期开始")
    end: IsoDate = Field(title="办理期结束")
    leading_group: Line = Field(title="领导小组")
    leading_group_text: Note | None = Field(default=None, title="领导小组组成原文")
    office: Slug = Field(title="领导小组办公室所在单位")
    office_staff: list[Liaison] = Field(default_factory=list, title="办公室工作人员")
    requirements: Note | None = Field(default=None, title="工作要求原文")


class Plan(Model):
    """The whole work plan, as transcribed in data/targets.yaml."""

    version: Literal[1] = Field(title="文件格式版本")
    plan: PlanInfo = Field(title="方案")
    settings: Settings = Field(default_factory=Settings, title="设置")
    units: list[Unit] = Field(title="单位")
    groups: list[Group] = Field(default_factory=list, title="单位组")
    goals: Goals = Field(title="工作目标")
    tasks: list[Task] = Field(title="工作任务")
    stages: list[Stage] = Field(default_factory=list, title="工作阶段")
    deliverables: list[Deliverable] = Field(default_factory=list, title="报送事项")
    calendar: list[CalendarYear] = Field(
        default_factory=list,
        title="节假日安排",
        description="每年的法定节假日和调休上班日（国务院办公厅通知），截止日遇节假日顺延",
    )

    # -- lookups ---------------------------------------------------------

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def group_by_id(self) -> dict[str, Group]:
        return {g.id: g for g in self.groups}

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        out: dict[str, Indicator] = {}
        for ind in self.goals.indicators:
            out.setdefault(ind.id, ind)
        for task in self.tasks:
            for ind in task.indicators:
                out.setdefault(ind.id, ind)
        return out

    @cached_property
    def task_of_indicator(self) -> dict[str, Task | None]:
        """Indicator id → its task; ``None`` for the overall goals."""
        out: dict[str, Task | None] = {i.id: None for i in self.goals.indicators}
        for task in self.tasks:
            for ind in task.indicators:
                out.setdefault(ind.id, task)
        return out

    @cached_property
    def task_by_id(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    def tasks_of_unit(self, unit_id: str) -> list[Task]:
        """The tasks ``unit_id`` leads or shares (is responsible for), in plan order: the
        tasks its 小结／总结 accounts for, one block each."""
        return [
            t
            for t in self.tasks
            if unit_id in self.expand(t.lead) or unit_id in self.expand(t.responsible)
        ]

    @cached_property
    def action_by_id(self) -> dict[str, Action]:
        out: dict[str, Action] = {}
        for task in self.tasks:
            for action in task.actions:
                out.setdefault(action.id, action)
        return out

    @cached_property
    def task_of_action(self) -> dict[str, Task]:
        """Action id → the task it belongs to."""
        out: dict[str, Task] = {}
        for task in self.tasks:
            for action in task.actions:
                out.setdefault(action.id, task)
        return out

    @cached_property
    def action_units(self) -> dict[str, tuple[list[str], list[str]]]:
        """Action id → (lead unit ids, responsible unit ids): its own, else its task's."""
        out: dict[str, tuple[list[str], list[str]]] = {}
        for task in self.tasks:
            for a in task.actions:
                lead = a.lead if a.lead is not None else task.lead
                responsible = a.responsible if a.responsible is not None else task.responsible
                out.setdefault(a.id, (self.expand(lead), self.expand(responsible)))
        return out

    def action_lead(self, action_id: str) -> list[str]:
        """Unit ids that lead an action: its own ``lead``, else its task's."""
        return self.action_units[action_id][0]

    def action_responsible(self, action_id: str) -> list[str]:
        """Unit ids responsible for an action: its own ``responsible``, else its task's."""
        return self.action_units[action_id][1]

    @cached_property
    def actions_of_unit(self) -> dict[str, list[str]]:
        """Unit id → the actions it leads, in plan order."""
        out: dict[str, list[str]] = {u: [] for u in self.unit_by_id}
        for action_id in self.action_by_id:
            for unit in self.action_lead(action_id):
                out.setdefault(unit, []).append(action_id)
        return out

    @cached_property
    def deliverable_by_id(self) -> dict[str, Deliverable]:
        return {d.id: d for d in self.deliverables}

    @property
    def office_name(self) -> str:
        """The office as it signs: the briefing's 编印单位, else 领导小组 + 办公室."""
        return self.settings.briefing.issuer or f"{self.plan.leading_group}办公室"

    @property
    def target_year(self) -> int:
        """The year whose targets these are: 1–N月累计 count from its 1 January."""
        return self.plan.target_year or self.plan.start.year

    def quarter_dues(self, deliverable: Deliverable) -> list[tuple[str, date]]:
        """(period, nominal due date) of a quarterly deliverable, for every quarter whose due
        date falls in the plan period. The period ``<id>-YYYY-MM`` names the due month; it is
        also the report's file name."""
        month = deliverable.quarter_month or 3
        day = deliverable.due_day or 1
        out = []
        for year in range(self.plan.start.year, self.plan.end.year + 1):
            for first in (1, 4, 7, 10):
                mon = first + month - 1
                due = date(year, mon, min(day, monthrange(year, mon)[1]))
                if self.plan.start <= due <= self.plan.end:
                    out.append((f"{deliverable.id}-{year:04d}-{mon:02d}", due))
        return out

    @cached_property
    def documents(self) -> dict[str, tuple[Deliverable, date]]:
        """Report file name (without .yaml) → the deliverable and nominal due date it answers:
        a one-off deliverable by its id, each quarter of a quarterly one by its period."""
        out: dict[str, tuple[Deliverable, date]] = {}
        for d in self.deliverables:
            if d.kind == "once" and d.due is not None:
                out[d.id] = (d, d.due)
            elif d.kind == "quarterly":
                for period, due in self.quarter_dues(d):
                    out[period] = (d, due)
        return out

    @cached_property
    def monthly_deliverable(self) -> Deliverable | None:
        """The plan's monthly deliverable (the 信息 every member unit owes), if any."""
        return next((d for d in self.deliverables if d.kind == "monthly"), None)

    def expand(self, refs: list[str]) -> list[str]:
        """Unit ids behind ``refs`` (unit or group ids), in order, without repeats.

        Unknown references are skipped here; ``check_plan_references`` reports them.
        """
        out: dict[str, None] = {}
        for ref in refs:
            if ref in self.unit_by_id:
                out[ref] = None
            elif ref in self.group_by_id:
                for member in self.group_by_id[ref].members:
                    if member in self.unit_by_id:
                        out[member] = None
        return list(out)

    @cached_property
    def responsible_units(self) -> list[str]:
        """Every unit named in a task, lead units included (the notice's 各责任单位)."""
        refs: list[str] = []
        for task in self.tasks:
            refs += task.lead + task.responsible
        return self.expand(refs)

    @cached_property
    def member_units(self) -> list[str]:
        return self._owner_set(self.settings.member_units)

    @cached_property
    def lead_units(self) -> list[str]:
        """Every unit leading a task (the notice's 各牵头单位)."""
        return self.expand([ref for task in self.tasks for ref in task.lead])

    def _owner_set(self, owed_by: str | list[str]) -> list[str]:
        if owed_by == "responsible_units":
            return self.responsible_units
        if owed_by == "member_units":
            return self.member_units
        if owed_by == "lead_units":
            return self.lead_units
        return self.expand(list(owed_by))

    def owners(self, deliverable: Deliverable) -> list[str]:
        """Unit ids that owe ``deliverable``."""
        return self._owner_set(deliverable.owed_by)

    @cached_property
    def reporters(self) -> dict[str, list[str]]:
        """Indicator id → unit ids that report it.

        Explicit ``reporters`` win; otherwise a task's lead units, or for an overall
        goal ``settings.goal_reporters``. A total made of parts has no reporters.
        """
        out: dict[str, list[str]] = {}
        for ind_id, ind in self.indicator_by_id.items():
            if ind.parts:
                out[ind_id] = []
            elif ind.reporters is not None:
                out[ind_id] = self.expand(ind.reporters)
            else:
                task = self.task_of_indicator.get(ind_id)
                refs = task.lead if task else self.settings.goal_reporters
                out[ind_id] = self.expand(refs)
        return out

    @cached_property
    def indicators_of_unit(self) -> dict[str, list[str]]:
        """Unit id → indicator ids it reports, in plan order."""
        out: dict[str, list[str]] = {u: [] for u in self.unit_by_id}
        for ind_id, units in self.reporters.items():
            for unit in units:
                out.setdefault(unit, []).append(ind_id)
        return out

    @cached_property
    def months(self) -> list[str]:
        """The plan's months, ``YYYY-MM``, from start to end inclusive."""
        return months_between(month_of(self.plan.start), month_of(self.plan.end))

    def find_units(self, text: str) -> list[Unit]:
        """Units matching ``text`` exactly by id, full name or short name (市经信局, 经信局, jxj).

        Without an exact match, units whose name contains ``text``; the caller
        treats more than one result as ambiguous.
        """
        text = text.strip()
        exact = [u for u in self.units if text in (u.id, u.name, u.short)]
        if exact:
            return exact
        return [u for u in self.units if text and (text in u.name or text in (u.short or ""))]

    def find_deliverables(self, text: str) -> list[Deliverable]:
        """Deliverables ``text`` names: exactly by id, name or short name (half-year-summary,
        上半年办理工作小结, 上半年小结); else those whose name or short name contains it;
        else those whose name holds its characters in order (上半年小结 in 上半年办理工作小结).

        The caller treats more than one result as ambiguous.
        """
        text = text.strip()
        exact = [d for d in self.deliverables if text in (d.id, d.name, d.short)]
        if exact or not text:
            return exact
        within = [d for d in self.deliverables if text in d.name or text in (d.short or "")]
        if within or text.isascii() or len(text) < 2:
            return within
        return [d for d in self.deliverables if _in_order(text, d.name)]

    def unit_label(self, unit_id: str) -> str:
        unit = self.unit_by_id.get(unit_id)
        return unit.name if unit else unit_id


def _in_order(short: str, name: str) -> bool:
    """Whether every character of ``short`` appears in ``name``, in order (an abbreviation)."""
    rest = iter(name)
    return all(ch in rest for ch in short)
