"""Pydantic models of unit reports: monthly reports and documents (plans, summaries)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .fields import (
    MONTH_RE,
    SLUG_PATTERN,
    IsoDate,
    Line,
    Model,
    Month,
    Note,
    Number,
    Slug,
    Text,
    check_slug,
)

TaskState = Literal["未启动", "推进中", "已完成"]

# A unit's Chinese name (市经信局): no path or markup characters, so it is as safe
# as an id; the plan check (JY020) then says which id it should be.
# "(?!\n)$" ends the text in ECMAScript (editors) and Python alike, as SLUG_PATTERN.
_UNIT_NAME_PATTERN = (
    r"^[\u4e00-\u9fff（）()·0-9A-Za-z]*[\u4e00-\u9fff][\u4e00-\u9fff（）()·0-9A-Za-z]*(?!\n)$"
)
_UNIT_NAME_RE = re.compile(_UNIT_NAME_PATTERN)


def _unit_ref(value: Any) -> Any:
    if isinstance(value, str) and _UNIT_NAME_RE.match(value):
        return value
    return check_slug(value)


#: The ``unit:`` of a report: its id, or a unit name left for JY020 to correct.
UnitRef = Annotated[
    str,
    BeforeValidator(_unit_ref),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"pattern": SLUG_PATTERN}, {"pattern": _UNIT_NAME_PATTERN}],
        }
    ),
]


#: A whole entry that says there is nothing: 无、暂无、没有、无。、暂无问题、不涉及…
_NOTHING_RE = re.compile(
    r"(?:目前|当前|本月|本期|暂时?|尚|均){0,2}(?:无|没有|未有|未发现)"
    r"(?:明显|相关|其他|突出|具体|重大)?(?:的)?(?:问题|困难|内容|安排|计划|工作|事项)?"
    r"|(?:暂)?不涉及|略|空|无此项|n/?a|none|nil|null"
)
# Marks around or after the word (无。 （无） “暂无” -) that do not change it.
_MARKS = " \t\u3000。．.，,；;：:！!？?、…—–-_/\\|（）()【】[]《》<>“”\"'‘’·*"


def is_nothing(item: Any) -> bool:
    """Whether a list entry only says there is nothing (无、暂无、没有、无。、（无）…).

    Such an entry is no entry: a briefing would otherwise print "1. 无（市经信局）".
    """
    item = getattr(item, "text", item)  # a problem written as {text, coordinate}
    text = unicodedata.normalize("NFKC", item).strip(_MARKS).casefold()
    return not text or _NOTHING_RE.fullmatch(text) is not None


def said(items: Iterable[Any]) -> list[str]:
    """The words of the entries of a ``problems`` or ``next_steps`` list that say
    something (:func:`is_nothing` entries left out): what every view shows."""
    texts = (item.text if hasattr(item, "text") else item for item in items)
    return [text for text in texts if not is_nothing(text)]


class IndicatorEntry(Model):
    value: Number = Field(
        title="数值",
        description="按指标口径和计量单位填写：多为1–N月累计值（自当年1月1日起，不是当月新增）",
    )
    note: Note | None = Field(
        default=None, title="说明", description="数值低于上月时必须写明原因，如 数据修正：…"
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        # `ai-models: 8` is the short form of `ai-models: {value: 8}`.
        if isinstance(data, dict):
            return data
        return {"value": data}


class _StatusEntry(Model):
    """An entry that may be written as its bare status: ``t2-3: 推进中``."""

    @model_validator(mode="before")
    @classmethod
    def _bare_status(cls, data: Any) -> Any:
        # `t1-1-2: 推进中` is the short form of `t1-1-2: {status: 推进中}`.
        if isinstance(data, dict):
            return data
        return {"status": data}


class TaskEntry(_StatusEntry):
    status: TaskState = Field(title="进展状态", description="未启动／推进中／已完成")
    note: Note | None = Field(default=None, title="说明")


class ActionEntry(_StatusEntry):
    status: TaskState = Field(title="进展状态", description="未启动／推进中／已完成")
    progress: Note | None = Field(
        default=None,
        title="进展情况",
        description="本月进展和佐证（文件名、文号、链接文字）；报“已完成”时必填",
    )


DUBAN_ID_RE = re.compile(r"^DB-\d{4}-\d{3,4}\Z")
DUBAN_ID_PATTERN = r"^DB-\d{4}-\d{3,4}(?!\n)$"


def check_duban_id(value: Any) -> Any:
    """``value`` when it is a 督办 item id (``DB-2025-007``), else a ``jy_duban_id`` error."""
    if isinstance(value, str) and not DUBAN_ID_RE.fullmatch(value):
        raise PydanticCustomError(
            "jy_duban_id",
            "“{value}”不是合法的督办事项编号：应写作 DB-年份-序号，如 DB-2025-007",
            {"value": value},
        )
    return value


DubanId = Annotated[
    str,
    BeforeValidator(check_duban_id),
    WithJsonSchema({"type": "string", "pattern": DUBAN_ID_PATTERN}),
]


class DubanAnswer(Model):
    """A reply in a monthly report: ``duban: {DB-2025-007: {reply: …, done: true}}``."""

    reply: Text = Field(title="反馈内容")
    done: bool = Field(
        default=False, title="是否办结", description="true：已办结；false：阶段性反馈"
    )


class InfoPiece(Model):
    title: Line = Field(title="信息标题")
    body: Text = Field(title="信息正文")


class ProblemEntry(Model):
    """A problem written as ``{text: …, coordinate: true}``: one the unit asks the city's
    leaders to coordinate (需市领导协调事项)."""

    text: Text = Field(title="问题")
    coordinate: bool = Field(
        default=False,
        title="需市领导协调",
        description="true：本单位难以自行解决、提请市领导协调的问题，简报列入“需市领导协调事项”",
    )


def _problem_kind(value: Any) -> str:
    return "problem[entry]" if isinstance(value, (dict, ProblemEntry)) else "problem[text]"


#: A ``problems`` entry: plain text, or ``{text, coordinate}``. The callable discriminator
#: validates only the form the entry is written in, so a bad text is one error about the
#: text, not two (one per form); tags with "[" are dropped from error locations.
Problem = Annotated[
    Annotated[Text, Tag("problem[text]")] | Annotated[ProblemEntry, Tag("problem[entry]")],
    Discriminator(_problem_kind),
]


def problem_text(item: str | ProblemEntry) -> str:
    """The words of a ``problems`` entry, whichever way it is written."""
    return item.text if isinstance(item, ProblemEntry) else item


def wants_coordination(item: str | ProblemEntry) -> bool:
    """Whether the unit marked the problem ``coordinate: true``."""
    return isinstance(item, ProblemEntry) and item.coordinate


class MonthlyReport(Model):
    """One unit's monthly report: data/reports/<unit>/<YYYY-MM>.yaml."""

    unit: UnitRef = Field(title="报送单位", description="单位标识，与所在目录名一致")
    month: Month = Field(title="所报月份", description="YYYY-MM，与文件名一致")
    submitted: IsoDate | None = Field(
        default=None, title="报送日期", description="可不填：默认取 git 首次提交该文件的日期"
    )
    indicators: dict[str, IndicatorEntry] = Field(
        default_factory=dict,
        title="指标",
        description="各指标的数值（多为1–N月累计值），或 {value: 数值, note: 说明}",
    )
    tasks: dict[str, TaskEntry] = Field(
        default_factory=dict,
        title="任务进展",
        description="未分解为事项、也没有量化指标的任务的进展（牵头单位填写）",
    )
    actions: dict[str, ActionEntry] = Field(
        default_factory=dict,
        title="事项进展",
        description="本单位牵头的各事项：状态（未启动／推进中／已完成）和进展情况",
    )
    info: InfoPiece = Field(title="本月信息", description="每月报送信息 1 篇")
    problems: list[Problem] = Field(
        default_factory=list,
        title="存在问题",
        description="每条一项；需市领导协调的写成 {text: 问题, coordinate: true}",
    )
    next_steps: list[Text] = Field(default_factory=list, title="下步工作")
    duban: dict[DubanId, DubanAnswer] = Field(
        default_factory=dict,
        title="督办反馈",
        description="对办公室督办事项的反馈：{DB-2025-007: {reply: 反馈内容, done: true}}",
    )


class SummaryTask(Model):
    """A unit's account of one task in a 小结／总结: what it did, what came of it, what is hard."""

    measures: Text | None = Field(default=None, title="主要做法")
    results: Text | None = Field(default=None, title="成效", description="取得的成效，尽量写明数字")
    problems: Text | None = Field(default=None, title="存在问题")

    def texts(self) -> list[tuple[str, str]]:
        """(field, text) of the fields written, in the document's order."""
        return [
            (k, v)
            for k, v in (
                ("measures", self.measures),
                ("results", self.results),
                ("problems", self.problems),
            )
            if v and v.strip()
        ]


class DocumentReport(Model):
    """A handling plan or summary: data/reports/<unit>/<deliverable>.yaml.

    Either free text (``title`` and ``body``, as every document had before) or sections
    (``overview``, ``tasks``, ``next_steps``: a 小结／总结 the office compiles, issue 28);
    both may stand together.
    """

    # Editors check what the validator below checks: some text, free or in sections.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": ["body"]}, {"required": ["overview"]}, {"required": ["tasks"]}]
        }
    )

    unit: UnitRef = Field(title="报送单位")
    deliverable: Slug = Field(title="报送事项", description="与文件名一致，如 half-year-summary")
    submitted: IsoDate | None = Field(default=None, title="报送日期")
    title: Line | None = Field(
        default=None, title="标题", description="可不填：默认为单位名称加报送事项名称"
    )
    body: Text | None = Field(
        default=None,
        title="正文",
        description="自由行文的正文；小结、总结也可分节填写 overview 和 tasks",
    )
    overview: Text | None = Field(
        default=None, title="总体情况", description="小结、总结的总体情况"
    )
    tasks: dict[str, SummaryTask] = Field(
        default_factory=dict,
        title="任务情况",
        description="本单位牵头或承担的各任务：measures（主要做法）、results（成效）、problems（存在问题）",
    )
    problems: list[Problem] = Field(
        default_factory=list,
        title="存在问题",
        description="每条一项；需市领导协调的写成 {text: 问题, coordinate: true}",
    )
    next_steps: list[Text] = Field(default_factory=list, title="下步工作")

    @model_validator(mode="after")
    def _has_text(self) -> DocumentReport:
        if self.body is None and self.overview is None and not self.tasks:
            raise PydanticCustomError(
                "jy_document",
                "请填写正文 body，或分节填写 overview（总体情况）和 tasks（任务情况）",
            )
        return self

    @property
    def structured(self) -> bool:
        """Whether the document is written in sections (overview, tasks)."""
        return self.overview is not None or bool(self.tasks)


Report = MonthlyReport | DocumentReport


def report_model(stem: str, value: Any) -> type[MonthlyReport] | type[DocumentReport]:
    """The model a report file is read with: by its name, then by its keys.

    The one place that decides it, for ``validate`` and ``set`` alike.
    """
    if MONTH_RE.fullmatch(stem):
        return MonthlyReport
    if isinstance(value, dict) and "month" in value and "deliverable" not in value:
        return MonthlyReport
    return DocumentReport
