"""Pydantic models of the office's 督办 files: items, meetings and replies.

A 督办 item (``data/office/duban/DB-2025-007.yaml``) is something the office
assigns to units with a reply-by date: a leading-group meeting's decision
(议定事项), a leader's instruction (批示), a problem a unit reported. The units
answer (反馈) in their monthly report (``duban: {DB-2025-007: {reply: …}}``) or
in a reply file ``jianyian duban reply`` writes
(``data/office/duban/replies/DB-2025-007-jxj-2025-08-03.yaml``); the office closes
it (销号) and may reopen it (重新督办) with a reason. A meeting
(``data/office/meetings/2025-07-15.yaml``) lists its decisions; ``jianyian duban
open --meeting`` makes each one an item.

Like the 销号 log, the files only grow: closing and reopening append entries, so
the state on any day D can be replayed from the entries dated on or before D.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Literal, TypeVar

from pydantic import Field

from .fields import IsoDate, Line, Model, Note, Text
from .report import DubanAnswer, DubanId, UnitRef, check_duban_id

DubanLevel = Literal["红", "黄", "蓝"]
DubanSource = Literal["会议", "批示", "问题", "其他"]
#: Levels from the mildest up: escalation moves an item one step right.
LEVELS: tuple[DubanLevel, ...] = ("蓝", "黄", "红")

__all__ = [
    "LEVELS",
    "Closure",
    "Decision",
    "DubanAnswer",
    "DubanId",
    "DubanItem",
    "DubanLevel",
    "DubanRecords",
    "DubanReply",
    "DubanSource",
    "Filed",
    "Meeting",
    "Reopening",
    "check_duban_id",
]


class Closure(Model):
    """One 销号 of an item by the office."""

    date: IsoDate = Field(title="销号日期", description="晚于统计日的销号当天不存在")
    by: Line = Field(title="销号人", description="办公室经办人或科室")
    note: Note | None = Field(default=None, title="说明", description="核实情况、依据")
    force: bool = Field(
        default=False,
        title="未反馈销号",
        description="牵头单位尚未反馈即销号时须为 true，并在 note 写明理由",
    )


class Reopening(Model):
    """One 重新督办 of a closed item, with its reason."""

    date: IsoDate = Field(title="重新督办日期")
    why: Text = Field(title="原因")
    reply_by: IsoDate | None = Field(
        default=None, title="新的反馈时限", description="不填则不计逾期，直到单位再次反馈"
    )


class DubanItem(Model):
    """data/office/duban/<id>.yaml: one 督办 item."""

    version: Literal[1] = Field(title="文件格式版本")
    id: DubanId = Field(title="督办编号", description="DB-年份-序号，与文件名一致")
    text: Text = Field(title="督办内容")
    source: DubanSource = Field(title="来源", description="会议／批示／问题／其他")
    ref: Line | None = Field(
        default=None,
        title="来源依据",
        description=(
            "会议：会议日期#议定事项序号（2025-07-15#2）；问题：月报路径#序号"
            "（data/reports/jxj/2025-07.yaml#1）；批示：批示文号或说明"
        ),
    )
    units: list[UnitRef] = Field(
        min_length=1, title="承办单位", description="单位标识，牵头单位在前（由牵头单位汇总反馈）"
    )
    opened: IsoDate = Field(title="交办日期", description="晚于统计日的事项当天不存在")
    reply_by: IsoDate = Field(
        title="反馈时限", description="遇节假日顺延至下一个工作日（与报送截止日期相同）"
    )
    level: DubanLevel = Field(default="黄", title="督办等级", description="红／黄／蓝")
    closed: list[Closure] = Field(
        default_factory=list, title="销号记录", description="按时间追加，不删除"
    )
    reopened: list[Reopening] = Field(
        default_factory=list, title="重新督办记录", description="按时间追加，不删除"
    )

    def events_on(self, day: date) -> list[Closure | Reopening]:
        """The 销号 and 重新督办 entries dated on or before ``day``, in date order (on one
        day a 销号 before a 重新督办)."""
        events: list[tuple[date, int, int, Closure | Reopening]] = [
            (c.date, 0, i, c) for i, c in enumerate(self.closed) if c.date <= day
        ]
        events += [(r.date, 1, i, r) for i, r in enumerate(self.reopened) if r.date <= day]
        return [e for *_, e in sorted(events, key=lambda e: e[:3])]

    def closure_on(self, day: date) -> Closure | None:
        """The 销号 in force on ``day`` (not followed by a 重新督办 by then), else None."""
        events = self.events_on(day)
        last = events[-1] if events else None
        return last if isinstance(last, Closure) else None

    def reopening_on(self, day: date) -> Reopening | None:
        """The latest 重新督办 on or before ``day``: the round the item is in, else None."""
        found = [r for r in self.reopened if r.date <= day]
        return max(found, key=lambda r: r.date) if found else None


class Decision(Model):
    """One decision (议定事项) of a meeting: it becomes a 督办 item."""

    text: Text = Field(title="议定事项")
    units: list[UnitRef] = Field(min_length=1, title="承办单位", description="牵头单位在前")
    reply_by: IsoDate = Field(title="反馈时限")
    level: DubanLevel = Field(default="黄", title="督办等级")


class Meeting(Model):
    """data/office/meetings/<YYYY-MM-DD>.yaml: a leading-group meeting and its decisions."""

    version: Literal[1] = Field(title="文件格式版本")
    date: IsoDate = Field(title="会议日期", description="与文件名一致")
    name: Line = Field(title="会议名称")
    attended: list[Line] = Field(default_factory=list, title="出席")
    decisions: list[Decision] = Field(min_length=1, title="议定事项")


class DubanReply(Model):
    """data/office/duban/replies/<id>-<unit>-<date>.yaml: a reply ``duban reply`` recorded."""

    version: Literal[1] = Field(title="文件格式版本")
    item: DubanId = Field(title="督办编号")
    unit: UnitRef = Field(title="反馈单位")
    date: IsoDate = Field(title="反馈日期", description="晚于统计日的反馈当天不存在")
    reply: Text = Field(title="反馈内容")
    done: bool = Field(
        default=False, title="是否办结", description="true：已办结；false：阶段性反馈"
    )


T = TypeVar("T")


@dataclass(frozen=True)
class Filed(Generic[T]):
    """A validated office file and where it sits (relative path, POSIX)."""

    path: str
    value: T


@dataclass(frozen=True)
class DubanRecords:
    """Every 督办 file the loader read: items, meetings and reply files."""

    items: tuple[Filed[DubanItem], ...] = ()
    meetings: tuple[Filed[Meeting], ...] = ()
    replies: tuple[Filed[DubanReply], ...] = ()
    #: files of the three folders that could not be loaded (relative paths)
    unreadable: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.items or self.meetings or self.replies or self.unreadable)

    def item(self, item_id: str) -> DubanItem | None:
        """The first item with ``item_id`` (JY084 flags a second)."""
        for f in self.items:
            if f.value.id == item_id:
                return f.value
        return None

    def meeting(self, day: date) -> Filed[Meeting] | None:
        for f in self.meetings:
            if f.value.date == day:
                return f
        return None
