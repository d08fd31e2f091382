"""The dashboard (``jianyian dashboard``): one prepared view of the whole plan for the HTML page.

Pure functions: no clock, no disk. :func:`build_dashboard` reads only what the
engine already computed (``Progress`` and its ``history``) and lays it out with
the briefing's own sections (:mod:`jianyian.views.brief_sections`) and the status
counts, so the page never computes a number a second time: the headline, the
lights, the exceptions, the indicator rows and the unit × month grid are the ones
``status`` and ``brief`` print.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from ..engine import (
    ACTION_STATES,
    LIGHT_NAMES,
    LIGHT_ORDER,
    ActionProgress,
    Progress,
    data_month_series,
    submission_date,
)
from ..fmt import display_measure, fmt_date, fmt_month
from ..models import LoadedReport, MonthlyReport, Plan
from .actions import task_progress_text
from .brief_records import Headline, IndicatorRow, ReportCount, UnitMisses
from .brief_sections import (
    exception_rows,
    expected_value,
    headline,
    indicator_rows,
    overdue_units,
    report_counts,
    submission_grid,
    unit_names,
)
from .brief_texts import headline_text
from .duban import DubanRow, dashboard_duban

__all__ = [
    "ACTION_ORDER",
    "KIND_NAMES",
    "ActionLine",
    "Dashboard",
    "GridLine",
    "IndicatorCard",
    "LatestInfo",
    "LightCount",
    "TaskCard",
    "TrendPoint",
    "build_dashboard",
    "cell_state",
]

#: Unit kinds (plan ``units[].kind``) as the grid's filter names them.
KIND_NAMES: dict[str, str] = {
    "department": "委办局",
    "party": "党委部门",
    "district": "区",
    "zone": "功能区",
    "enterprise": "企业",
}


class LightCount(NamedTuple):
    light: str
    name: str
    count: int


class TrendPoint(NamedTuple):
    """One month of an indicator's trend: its 1–N月 value beside 序时进度 (engine's numbers)."""

    month: str  # YYYY-MM: the data month N
    value: float | None  # in the row's display unit
    expected_value: (
        float | None
    )  # 序时进度 in the display unit (target × N/12; level: from baseline)
    completion: float | None
    expected: float | None
    light: str
    light_name: str


class IndicatorCard(NamedTuple):
    """An indicator as the briefing's row, with its monthly series."""

    row: IndicatorRow
    kind: str
    trend: tuple[TrendPoint, ...]


class LatestInfo(NamedTuple):
    """A unit's latest 信息 that had arrived by as-of."""

    unit: str
    month: str | None  # None: no 信息 yet
    title: str | None


#: The order a task's actions are listed in: 逾期 first, then the engine's precedence.
ACTION_ORDER: tuple[str, ...] = ("逾期", *(s for s in ACTION_STATES if s != "逾期"))


class ActionLine(NamedTuple):
    """One action of a task as the tasks tab lists it (the engine's state and light)."""

    id: str
    text: str
    state: str
    light: str
    due: str  # 2025年9月30日 (rolled over)
    lead: str  # the lead units' names
    #: unit ids that lead or share it (the tab's filter by unit)
    units: tuple[str, ...]
    progress: str | None
    source: str | None  # whose word: 市经信局2025年7月月报


class TaskCard(NamedTuple):
    number: str
    title: str
    lead: str
    responsible: str
    completion: float | None
    light: str
    light_name: str
    status: str | None
    status_note: str | None
    indicators: tuple[IndicatorRow, ...]
    lead_infos: tuple[LatestInfo, ...]  # the lead units' latest 信息
    other_infos: tuple[LatestInfo, ...]  # the other responsible units'
    #: the task sentence (事项 … ；量化指标 …), as status and the briefing tell it
    progress_text: str = ""
    #: (state, count) of its actions, states in :data:`ACTION_ORDER` with a count only
    action_counts: tuple[tuple[str, int], ...] = ()
    actions: tuple[ActionLine, ...] = ()
    #: unit ids of the task and its actions (lead or responsible): the filter by unit
    units: tuple[str, ...] = ()


class GridLine(NamedTuple):
    """One unit's row of the reporting grid, with what the filters need."""

    unit_id: str
    unit: str
    kind: str
    kind_name: str
    cells: tuple[str, ...]  # 按时 ✓ / 迟N天 / 未报 / 未到期 / 有误 / —
    on_time: int
    late: int
    overdue: int
    not_due: int
    invalid: int


class Dashboard(NamedTuple):
    """Everything the dashboard page shows."""

    plan_title: str
    proposal: str
    office: str
    as_of: date
    upto: str  # the latest month whose data count
    commit: str | None
    dirty: bool
    data_errors: int
    history_note: str | None
    headline: Headline
    headline_text: str
    lights: tuple[LightCount, ...]
    expected: float | None
    expected_month: str | None
    exceptions: tuple[IndicatorRow, ...]
    overdue: tuple[UnitMisses, ...]
    reports: tuple[ReportCount, ...]  # the current month's 信息 and one-offs due in it
    indicators: tuple[IndicatorCard, ...]
    tasks: tuple[TaskCard, ...]
    grid_columns: tuple[str, ...]
    grid: tuple[GridLine, ...]
    kinds: tuple[tuple[str, str], ...]  # (kind, name) present in the grid, in KIND_NAMES order
    #: (unit id, name) of every unit a task or action names, plan order: the tasks' filter
    task_units: tuple[tuple[str, str], ...] = ()
    #: the 督办 tab: every item opened by as-of (views.duban.dashboard_duban), and the counts
    duban: tuple[DubanRow, ...] = ()
    duban_text: str = ""


def cell_state(cell: str) -> str:
    """The deliverable state a grid cell shows (``on_time``, ``late``, … or ``none``)."""
    if cell.startswith("迟"):
        return "late"
    return {"✓": "on_time", "未报": "overdue", "未到期": "not_due", "有误": "invalid"}.get(
        cell, "none"
    )


def _trend(plan: Plan, progress: Progress, ind_id: str) -> tuple[TrendPoint, ...]:
    """One point per data month, as the engine judged it (months of the latest year)."""
    ind = plan.indicator_by_id[ind_id]
    divisor, _ = display_measure(ind.target, ind.measure)
    series = data_month_series(progress.history, ind_id)
    if not series:
        return ()
    year = series[-1].data_month[:4]  # type: ignore[index]  # 1–N月累计 restarts each January
    return tuple(
        TrendPoint(
            p.data_month,  # type: ignore[arg-type]
            p.value / divisor if p.value is not None else None,
            expected_value(ind, p.expected, divisor),
            p.completion,
            p.expected,
            p.light,
            LIGHT_NAMES[p.light],
        )
        for p in series
        if p.data_month.startswith(year)  # type: ignore[union-attr]
    )


def _latest_infos(
    plan: Plan,
    progress: Progress,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
) -> dict[str, tuple[str, str]]:
    """Unit → (month, 信息 title) of its newest monthly report that arrived by as-of."""
    latest: dict[str, tuple[str, str]] = {}
    for r in sorted(reports, key=lambda r: r.path):
        rep = r.report
        if not isinstance(rep, MonthlyReport) or rep.month > progress.upto:
            continue
        if submission_date(r, submitted, progress.as_of) > progress.as_of:
            continue
        if r.unit not in latest or rep.month > latest[r.unit][0]:
            latest[r.unit] = (rep.month, rep.info.title)
    return latest


def _action_line(plan: Plan, a: ActionProgress) -> ActionLine:
    source = (
        f"{plan.unit_label(a.reported_by)}{fmt_month(a.reported_month)}月报"
        if a.reported_by and a.reported_month
        else None
    )
    return ActionLine(
        a.id,
        "".join(a.text.split()),
        a.state,
        a.light,
        fmt_date(a.due),
        unit_names(plan, list(a.lead)),
        tuple(dict.fromkeys((*a.lead, *a.responsible))),
        a.progress,
        source,
    )


def _task_actions(
    plan: Plan, actions: list[ActionProgress]
) -> tuple[tuple[tuple[str, int], ...], tuple[ActionLine, ...]]:
    """A task's action counts by state and its actions, 逾期 first (then by precedence)."""
    rank = {state: n for n, state in enumerate(ACTION_ORDER)}
    counts = tuple(
        (state, n) for state in ACTION_ORDER if (n := sum(a.state == state for a in actions))
    )
    ordered = sorted(actions, key=lambda a: rank[a.state])  # stable: plan order within a state
    return counts, tuple(_action_line(plan, a) for a in ordered)


def _grid(plan: Plan, progress: Progress) -> tuple[list[str], list[GridLine]]:
    # The whole period: every month and every one-off, so a row's counts are status's counts.
    columns, rows = submission_grid(plan, progress, plan.months[-1])
    by_name = {u.name: u for u in plan.units}
    lines = []
    for row in rows:
        unit = by_name[row.unit]
        states = [cell_state(c) for c in row.cells]
        lines.append(
            GridLine(
                unit.id,
                unit.name,
                unit.kind,
                KIND_NAMES[unit.kind],
                row.cells,
                on_time=states.count("on_time"),
                late=states.count("late"),
                overdue=states.count("overdue"),
                not_due=states.count("not_due"),
                invalid=states.count("invalid"),
            )
        )
    return columns, lines


def build_dashboard(
    plan: Plan,
    progress: Progress,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    *,
    head: tuple[str | None, bool] = (None, False),
    data_errors: int = 0,
    history_note: str | None = None,
) -> Dashboard:
    """The dashboard of ``progress`` (as ``status`` computes it: data up to the as-of month).

    ``submitted`` maps report paths to the date git first saw them; ``head`` is
    (short commit hash, dirty) of the data, ``(None, False)`` outside git.
    """
    rows = indicator_rows(plan, progress)
    by_id = {r.id: r for r in rows}
    top = headline(plan, progress)
    latest = _latest_infos(plan, progress, reports, submitted)

    def info(unit: str) -> LatestInfo:
        return LatestInfo(plan.unit_label(unit), *latest.get(unit, (None, None)))

    by_task: dict[str, list[ActionProgress]] = {}
    for a in progress.actions:
        by_task.setdefault(a.task, []).append(a)
    tasks = []
    for t in progress.tasks:
        counts, lines = _task_actions(plan, by_task.get(t.id, []))
        tasks.append(
            TaskCard(
                number=t.number,
                title=t.title,
                lead=unit_names(plan, t.lead),
                responsible=unit_names(plan, [u for u in t.responsible if u not in t.lead]),
                completion=t.completion,
                light=t.light,
                light_name=LIGHT_NAMES[t.light],
                status=t.status,
                status_note=t.status_note,
                indicators=tuple(by_id[i] for i in t.indicators if i in by_id),
                lead_infos=tuple(info(u) for u in t.lead),
                other_infos=tuple(info(u) for u in t.responsible if u not in t.lead),
                progress_text=task_progress_text(t),
                action_counts=counts,
                actions=lines,
                units=tuple(
                    dict.fromkeys((*t.lead, *t.responsible, *(u for a in lines for u in a.units)))
                ),
            )
        )
    named = {u for card in tasks for u in card.units}
    columns, grid = _grid(plan, progress)
    present = {g.kind for g in grid}
    month = progress.current_month
    head_hash, dirty = head
    return Dashboard(
        plan_title=plan.plan.title,
        proposal=plan.plan.proposal,
        office=plan.office_name,
        as_of=progress.as_of,
        upto=progress.upto,
        commit=head_hash,
        dirty=dirty,
        data_errors=data_errors,
        history_note=history_note,
        headline=top,
        headline_text=headline_text(top),
        lights=tuple(LightCount(k, LIGHT_NAMES[k], progress.lights[k]) for k in LIGHT_ORDER),
        expected=progress.expected,
        expected_month=progress.expected_month,
        exceptions=tuple(exception_rows(rows)),
        overdue=tuple(overdue_units(plan, progress)),
        reports=tuple(report_counts(plan, progress, month)) if month else (),
        indicators=tuple(
            IndicatorCard(r, plan.indicator_by_id[r.id].kind, _trend(plan, progress, r.id))
            for r in rows
        ),
        tasks=tuple(tasks),
        grid_columns=tuple(columns),
        grid=tuple(grid),
        kinds=tuple((k, n) for k, n in KIND_NAMES.items() if k in present),
        task_units=tuple((u.id, u.name) for u in plan.units if u.id in named),
        **dashboard_duban(plan, progress),
    )
