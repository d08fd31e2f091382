"""The briefing's records: what the template prints, as plain named tuples."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class IndicatorRow(NamedTuple):
    """One indicator, as every section of the briefing shows it."""

    number: str  # 1, 2, … ; "其中" rows (parts of a total) get ""
    id: str
    name: str
    is_part: bool
    measure: str
    target: float
    target_text: str  # as the notice words it: 力争480个
    value: float | None
    completion: float | None
    expected: float
    gap: float | None  # percentage points behind 序时进度 (negative: ahead)
    light: str
    light_name: str
    streak: int
    reporters: str  # unit names, joined with 、 ("由分项相加" for a total)
    missing: str  # reporters who have not reported a value, joined with 、
    data_month: str | None  # YYYY-MM of the newest report behind the value
    task_number: str  # （一）1, or 工作目标
    partial: bool


class ReportCount(NamedTuple):
    """One deliverable for one period: how many were owed, received, late, missing."""

    label: str  # 2025年6月信息 / 上半年办理工作小结
    due_date: date
    owed: int
    received: int
    on_time: int
    late: int
    missing: int
    not_due: int
    invalid: int


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
    seen_in: str | None  # task number where this info was already shown, if any


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
    infos: tuple[InfoItem, ...]
    missing_infos: str  # lead units without this period's 信息, joined with 、


class Attributed(NamedTuple):
    unit: str
    source: str  # 2025年6月信息 / 上半年办理工作小结
    items: tuple[str, ...]


class LightChange(NamedTuple):
    name: str
    before: str
    after: str
    value_before: float | None
    value_after: float | None
    measure: str


class ValueChange(NamedTuple):
    name: str
    measure: str
    before: float | None
    after: float | None
    change: float | None
    light_before: str
    light_after: str


class Arrival(NamedTuple):
    label: str
    count: int
    late: int
    units: str  # unit names, joined with 、


class GridRow(NamedTuple):
    unit: str
    cells: tuple[str, ...]


class Brief(NamedTuple):
    """Everything the briefing template prints."""

    plan_title: str
    proposal: str
    office: str
    month: str  # YYYY-MM
    as_of: date
    commit: str | None
    dirty: bool
    period: str | None  # YYYY-MM of 本期信息
    period_due: date | None
    data_errors: int
    unreadable: tuple[str, ...]
    # 一
    completion: float | None
    expected: float
    gap: float | None
    indicator_count: int
    lights: tuple[tuple[str, int], ...]  # (light name, count) in a fixed order
    reports: tuple[ReportCount, ...]
    overdue_total: int
    # 二
    alerts: tuple[IndicatorRow, ...]
    misses: tuple[UnitMisses, ...]
    # 三
    indicators: tuple[IndicatorRow, ...]
    # 四
    tasks: tuple[TaskBlock, ...]
    other_infos: tuple[InfoItem, ...]
    missing_infos: str
    # 五、六
    problems: tuple[Attributed, ...]
    next_steps: tuple[Attributed, ...]
    # 七
    previous_as_of: date
    first_month: bool
    new_reds: tuple[LightChange, ...]
    recoveries: tuple[LightChange, ...]
    worsened: tuple[LightChange, ...]
    moved: tuple[ValueChange, ...]
    arrivals: tuple[Arrival, ...]
    arrivals_total: int
    # 附表
    grid_columns: tuple[str, ...]
    grid: tuple[GridRow, ...]
    thresholds: tuple[float, float]  # yellow, red
