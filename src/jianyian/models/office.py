"""Pydantic models of the office's own files under data/office/.

``confirmations.yaml`` is the office's log of 销号: each entry confirms that an
action is done, or (``undo: true``) withdraws an earlier confirmation with a
reason. Entries are never deleted: the log is the history, and the state of an
action on a day D is what the entries dated on or before D make it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import IsoDate, Line, Model, Note, Slug, Text


class Confirmation(Model):
    """One entry of the log: a confirmation (销号) or its withdrawal (撤销)."""

    action: Slug = Field(title="事项标识", description="计划中事项的标识，如 t1-1-2")
    date: IsoDate = Field(
        title="日期", description="销号（或撤销）的日期；晚于统计日的记录当天不存在"
    )
    note: Note | None = Field(default=None, title="说明", description="核实情况、依据")
    undo: bool = Field(default=False, title="撤销", description="true：撤销此前的销号")
    why: Note | None = Field(default=None, title="撤销原因", description="撤销时必填")

    @model_validator(mode="after")
    def _why_with_undo(self) -> Confirmation:
        if self.undo and not (self.why or "").strip():
            raise PydanticCustomError("jy_undo", "撤销销号（undo: true）必须填写 why（撤销原因）")
        if not self.undo and self.why is not None:
            raise PydanticCustomError("jy_undo", "只有撤销销号（undo: true）才填写 why")
        return self


class ConfirmationLog(Model):
    """data/office/confirmations.yaml: the office's 销号 log."""

    version: Literal[1] = Field(title="文件格式版本")
    confirmations: list[Confirmation] = Field(
        default_factory=list, title="销号记录", description="按时间顺序追加，不删除"
    )

    def as_of(self, day: dt.date) -> list[Confirmation]:
        """The entries that exist on ``day``: dated on or before it, in date then file order."""
        return sorted((c for c in self.confirmations if c.date <= day), key=lambda c: c.date)


class BriefNotes(Model):
    """data/office/briefs/<YYYY-MM>.yaml: what the office adds to that month's 简报.

    Both keys are optional: ``note`` is the 按语 printed (in 楷体) after the masthead,
    ``featured`` the 信息 printed in full under 信息选编, as report paths
    (``data/reports/jxj/2025-07.yaml``).
    """

    note: Text | None = Field(
        default=None, title="按语", description="编者按语，印在报头之后、正文“一、”之前"
    )
    featured: list[Line] = Field(
        default_factory=list,
        max_length=5,
        title="信息选编",
        description="全文刊登的信息：报送文件的路径，如 data/reports/jxj/2025-07.yaml（一般2至3篇）",
    )
