"""Pydantic models of unit reports: monthly reports and documents (plans, summaries)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
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


def is_nothing(item: str) -> bool:
    """Whether a list entry only says there is nothing (无、暂无、没有、无。、（无）…).

    Such an entry is no entry: a briefing would otherwise print "1. 无（市经信局）".
    """
    text = unicodedata.normalize("NFKC", item).strip(_MARKS).casefold()
    return not text or _NOTHING_RE.fullmatch(text) is not None


def said(items: Iterable[str]) -> list[str]:
    """The entries of a ``problems`` or ``next_steps`` list that say something
    (:func:`is_nothing` entries left out): what every view shows."""
    return [item for item in items if not is_nothing(item)]


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
    problems: list[Text] = Field(default_factory=list, title="存在问题")
    next_steps: list[Text] = Field(default_factory=list, title="下步工作")
    duban: dict[DubanId, DubanAnswer] = Field(
        default_factory=dict,
        title="督办反馈",
        description="对办公室督办事项的反馈：{DB-2025-007: {reply: 反馈内容, done: true}}",
    )


class DocumentReport(Model):
    """A handling plan or summary: data/reports/<unit>/<deliverable>.yaml."""

    unit: UnitRef = Field(title="报送单位")
    deliverable: Slug = Field(title="报送事项", description="与文件名一致，如 half-year-summary")
    submitted: IsoDate | None = Field(default=None, title="报送日期")
    title: Line = Field(title="标题")
    body: Text = Field(title="正文")
    problems: list[Text] = Field(default_factory=list, title="存在问题")
    next_steps: list[Text] = Field(default_factory=list, title="下步工作")


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
