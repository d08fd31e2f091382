"""The engine's results: plain named tuples, cheap to build by the ten thousand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

Light = Literal["done", "green", "yellow", "red", "grey"]
State = Literal["on_time", "late", "overdue", "not_due", "invalid"]

#: Severity order for "worst light" (higher is worse).
LIGHT_RANK: dict[str, int] = {"grey": 0, "done": 1, "green": 2, "yellow": 3, "red": 4}
LIGHT_NAMES: dict[str, str] = {
    "done": "已完成",
    "green": "绿灯",
    "yellow": "黄灯",
    "red": "红灯",
    "grey": "未到期",
}
STATE_NAMES: dict[str, str] = {
    "on_time": "按时",
    "late": "迟报",
    "overdue": "逾期未报",
    "not_due": "未到期",
    "invalid": "文件有错误",
}
TASK_STATUS_LIGHT: dict[str, Light] = {"已完成": "done", "推进中": "green", "未启动": "yellow"}


class IndicatorProgress(NamedTuple):
    id: str
    name: str
    measure: str
    target: float
    value: float | None
    completion: float | None
    expected: float
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
    #: consecutive months (ending at the as-of month) in yellow or red
    streak: int = 0
    #: the value comes from a report the loader could not read for some reporter
    partial: bool = False


class TaskStatus(NamedTuple):
    id: str
    number: str
    title: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    completion: float | None
    light: Light
    indicators: tuple[str, ...]
    #: declared status for a task without indicators (未启动／推进中／已完成), else None
    status: str | None = None
    status_note: str | None = None


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


class UnitStanding(NamedTuple):
    id: str
    name: str
    received: int
    on_time: int
    late: int
    overdue: int
    not_due: int
    max_days_overdue: int


@dataclass(frozen=True)
class Progress:
    """Everything ``status`` and ``brief`` need, computed once."""

    as_of: date
    expected: float
    completion: float | None
    indicators: tuple[IndicatorProgress, ...]
    tasks: tuple[TaskStatus, ...]
    deliverables: tuple[DeliverableStatus, ...]
    units: tuple[UnitStanding, ...]
    #: the latest month whose monthly report was due by as-of (None before the first)
    current_month: str | None
    lights: Mapping[str, int] = field(default_factory=dict)

    def indicator(self, ind_id: str) -> IndicatorProgress:
        return next(i for i in self.indicators if i.id == ind_id)

    @property
    def overdue(self) -> list[DeliverableStatus]:
        return [d for d in self.deliverables if d.state == "overdue"]

    @property
    def late(self) -> list[DeliverableStatus]:
        return [d for d in self.deliverables if d.state == "late"]
