"""The monthly briefing (``jianyian brief``) as a prepared view for the template.

Pure functions: no clock, no disk. :func:`build_brief` takes the plan, the loaded
reports with their submission dates, the month and the as-of date, and returns a
:class:`Brief` of ready strings, numbers and dates. The template only loops and
prints (formatting numbers with the filters of :mod:`jianyian.render`).

What a briefing for month M shows, as of a date D (by default the last day of M):

* the data are the tree as it is, as for ``status``: D only sets the day that
  deadlines and 序时进度 are judged against (an earlier state of the data is git's
  job: check out that commit); submission dates decide on time or late, and which
  documents "arrived" during M;
* "本期信息" are the monthly reports of the latest month whose deadline fell on or
  before D (for July: the June 信息, due 5 July); their titles, excerpts, problems
  and next steps, plus the problems and next steps of summaries received in M;
* changes are measured against the same picture at the end of the month before M.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .engine import (
    LIGHT_NAMES,
    LIGHT_RANK,
    Deliverable,
    IndicatorProgress,
    Progress,
    compute_progress,
    indicators_at,
    month_end,
)
from .fmt import fmt_month, fmt_target
from .models import DocumentReport, MonthlyReport, Plan

if TYPE_CHECKING:
    from .load import LoadedReport

EXCERPT_CHARS = 60

# ---------------------------------------------------------------- the view


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


# ---------------------------------------------------------------- helpers


def previous_month(month: str) -> str:
    year, mon = map(int, month.split("-"))
    return f"{year - 1:04d}-12" if mon == 1 else f"{year:04d}-{mon - 1:02d}"


def submission_date(report: LoadedReport, submitted: Mapping[str, date], as_of: date) -> date:
    """The day a report counts from: its ``submitted:``, else git's date, else ``as_of``."""
    return report.report.submitted or submitted.get(report.path) or as_of


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` characters of ``text`` on one line, with …… when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "……"


def _names(plan: Plan, units: list[str] | tuple[str, ...]) -> str:
    """Unit names joined with 、, without repeats; a whole group is named as the group."""
    wanted = list(dict.fromkeys(units))
    names = []
    for group in plan.groups:
        members = [m for m in group.members if m in plan.unit_by_id]
        if len(members) > 1 and set(members) <= set(wanted):
            names.append(group.name)
            wanted = [u for u in wanted if u not in members]
    return "、".join([*names, *(plan.unit_label(u) for u in wanted)])


def _deliverable_label(plan: Plan, d: Deliverable) -> str:
    definition = plan.deliverable_by_id.get(d.deliverable)
    if definition is not None and definition.kind == "monthly":
        return f"{fmt_month(d.period)}{d.name}"
    return d.name


def _monthly_id(plan: Plan) -> str | None:
    return next((d.id for d in plan.deliverables if d.kind == "monthly"), None)


def _indicator_rows(plan: Plan, progress: Progress) -> list[IndicatorRow]:
    """Every indicator in plan order, the parts of a total right below it (其中：…)."""
    by_id = {p.id: p for p in progress.indicators}
    totals = {part: i.id for i in plan.indicator_by_id.values() for part in (i.parts or [])}
    ordered: list[str] = []
    for ind_id in by_id:
        if ind_id in totals and totals[ind_id] in by_id:
            continue  # placed under its total
        ordered.append(ind_id)
        ordered += [p for p in plan.indicator_by_id[ind_id].parts or [] if p in by_id]
    rows = []
    number = 0
    for ind_id in ordered:
        p = by_id[ind_id]
        ind = plan.indicator_by_id[ind_id]
        is_part = ind_id in totals
        if not is_part:
            number += 1
        task = plan.task_of_indicator.get(ind_id)
        rows.append(
            IndicatorRow(
                number="" if is_part else str(number),
                id=p.id,
                name=p.name,
                is_part=is_part,
                measure=p.measure,
                target=p.target,
                target_text=fmt_target(ind.target, ind.measure, ind.qualifier),
                value=p.value,
                completion=p.completion,
                expected=p.expected,
                gap=p.gap,
                light=p.light,
                light_name=LIGHT_NAMES[p.light],
                streak=p.streak,
                reporters=_names(plan, p.reporters) if p.reporters else "由分项相加",
                missing=_names(plan, p.missing),
                data_month=p.latest_month,
                task_number=task.number if task else "工作目标",
                partial=p.partial,
            )
        )
    return rows


def _report_counts(
    plan: Plan, progress: Progress, month: str, period: str | None
) -> list[ReportCount]:
    """Deliverables due in ``month``, plus this period's 信息 if due elsewhere."""
    groups: dict[tuple[str, str], list[Deliverable]] = {}
    monthly = _monthly_id(plan)
    year, mon = int(month[:4]), int(month[5:])
    for d in progress.deliverables:
        if (d.due.month == mon and d.due.year == year) or (
            d.deliverable == monthly and d.period == period
        ):
            groups.setdefault((d.deliverable, d.period), []).append(d)
    out = []
    for items in groups.values():
        first = items[0]
        out.append(
            ReportCount(
                label=_deliverable_label(plan, first),
                due_date=first.due,
                owed=len(items),
                received=sum(d.state in ("on_time", "late") for d in items),
                on_time=sum(d.state == "on_time" for d in items),
                late=sum(d.state == "late" for d in items),
                missing=sum(d.state == "overdue" for d in items),
                not_due=sum(d.state == "not_due" for d in items),
                invalid=sum(d.state == "invalid" for d in items),
            )
        )
    out.sort(key=lambda c: (c.due_date, c.label))
    return out


def _misses(
    plan: Plan,
    progress: Progress,
    window: tuple[date, date],
) -> list[UnitMisses]:
    """Per unit: everything overdue at as-of, and what it sent late within the window."""
    start, end = window
    per_unit: dict[str, dict[str, list[MissedItem]]] = {}
    for d in progress.deliverables:
        late_now = d.state == "late" and d.submitted is not None and start < d.submitted <= end
        if d.state not in ("overdue", "invalid") and not late_now:
            continue
        item = MissedItem(_deliverable_label(plan, d), d.due, d.state, d.days, d.submitted)
        per_unit.setdefault(d.unit, {"overdue": [], "late": [], "invalid": []})[d.state].append(
            item
        )
    order = {u.id: n for n, u in enumerate(plan.units)}
    out = [
        UnitMisses(
            plan.unit_label(unit),
            tuple(sorted(items["overdue"], key=lambda i: (i.due_date, i.label))),
            tuple(sorted(items["late"], key=lambda i: (i.due_date, i.label))),
            tuple(sorted(items["invalid"], key=lambda i: (i.due_date, i.label))),
        )
        for unit, items in per_unit.items()
    ]
    # Most serious first: longest overdue, then most items, then plan order.
    worst = {
        plan.unit_label(u): max((i.days for i in v["overdue"]), default=0)
        for u, v in per_unit.items()
    }
    rank = {plan.unit_label(u): order.get(u, 0) for u in per_unit}
    out.sort(key=lambda m: (-worst[m.unit], -len(m.overdue), -len(m.late), rank[m.unit]))
    return out


def _monthly_of_period(
    reports: list[LoadedReport], period: str | None
) -> dict[str, tuple[LoadedReport, MonthlyReport]]:
    out = {}
    if period is None:
        return out
    mine = [r for r in reports if isinstance(r.report, MonthlyReport) and r.report.month == period]
    for r in sorted(mine, key=lambda r: r.path):
        out.setdefault(r.unit, (r, r.report))
    return out


def _task_blocks(
    plan: Plan,
    progress: Progress,
    rows: list[IndicatorRow],
    infos: dict[str, tuple[LoadedReport, MonthlyReport]],
    late_units: set[str],
) -> tuple[list[TaskBlock], list[InfoItem]]:
    by_id = {r.id: r for r in rows}
    shown: dict[str, str] = {}  # unit → task number where its info was shown
    blocks = []
    for t in progress.tasks:
        items = []
        for unit in t.lead:
            if unit not in infos:
                continue
            info = infos[unit][1].info
            items.append(
                InfoItem(
                    plan.unit_label(unit),
                    info.title,
                    excerpt(info.body),
                    unit in late_units,
                    shown.get(unit),
                )
            )
            shown.setdefault(unit, t.number)
        blocks.append(
            TaskBlock(
                number=t.number,
                title=t.title,
                lead=_names(plan, t.lead),
                completion=t.completion,
                light=t.light,
                light_name=LIGHT_NAMES[t.light],
                qualitative=not t.indicators,
                status=t.status,
                status_note=t.status_note,
                indicators=tuple(by_id[i] for i in t.indicators),
                infos=tuple(items),
                missing_infos=_names(plan, [u for u in t.lead if u not in infos]),
            )
        )
    others = [
        InfoItem(
            plan.unit_label(u.id),
            infos[u.id][1].info.title,
            excerpt(infos[u.id][1].info.body),
            u.id in late_units,
            None,
        )
        for u in plan.units
        if u.id in infos and u.id not in shown
    ]
    return blocks, others


def _attributed(
    plan: Plan,
    infos: dict[str, tuple[LoadedReport, MonthlyReport]],
    documents: list[tuple[LoadedReport, DocumentReport]],
    period: str | None,
    field: str,
) -> list[Attributed]:
    order = {u.id: n for n, u in enumerate(plan.units)}
    out: list[tuple[int, int, Attributed]] = []
    monthly_name = next((d.name for d in plan.deliverables if d.kind == "monthly"), "信息")
    for unit, (_, rep) in infos.items():
        items = tuple(getattr(rep, field))
        if items and period is not None:
            label = f"{fmt_month(period)}{monthly_name}"
            out.append((order.get(unit, 0), 0, Attributed(plan.unit_label(unit), label, items)))
    for _, doc in documents:
        items = tuple(getattr(doc, field))
        if items:
            definition = plan.deliverable_by_id.get(doc.deliverable)
            label = definition.name if definition else doc.deliverable
            out.append(
                (order.get(doc.unit, 0), 1, Attributed(plan.unit_label(doc.unit), label, items))
            )
    out.sort(key=lambda x: (x[0], x[1], x[2].source))
    return [a for _, _, a in out]


def _light_changes(
    now: dict[str, IndicatorProgress], before: dict[str, IndicatorProgress]
) -> tuple[list[LightChange], list[LightChange], list[LightChange]]:
    new_reds, recoveries, worsened = [], [], []
    for ind_id, p in now.items():
        b = before[ind_id]
        if p.light == b.light:
            continue
        change = LightChange(
            p.name, LIGHT_NAMES[b.light], LIGHT_NAMES[p.light], b.value, p.value, p.measure
        )
        if p.light == "red":
            new_reds.append(change)
        elif b.light in ("red", "yellow") and LIGHT_RANK[p.light] < LIGHT_RANK[b.light]:
            recoveries.append(change)
        elif p.light == "yellow" and b.light != "grey":
            worsened.append(change)
    return new_reds, recoveries, worsened


def _moved(
    now: dict[str, IndicatorProgress], before: dict[str, IndicatorProgress]
) -> list[ValueChange]:
    out = []
    for ind_id, p in now.items():
        b = before[ind_id]
        if p.value == b.value:
            continue
        change = p.value - b.value if p.value is not None and b.value is not None else None
        out.append(
            ValueChange(
                p.name,
                p.measure,
                b.value,
                p.value,
                change,
                LIGHT_NAMES[b.light],
                LIGHT_NAMES[p.light],
            )
        )
    return out


def _arrivals(
    plan: Plan, progress: Progress, window: tuple[date, date]
) -> tuple[list[Arrival], int]:
    start, end = window
    groups: dict[tuple[str, str], list[Deliverable]] = {}
    for d in progress.deliverables:
        if d.state in ("on_time", "late") and d.submitted and start < d.submitted <= end:
            groups.setdefault((d.deliverable, d.period), []).append(d)
    out = []
    for items in groups.values():
        first = items[0]
        out.append(
            (
                first.due,
                Arrival(
                    _deliverable_label(plan, first),
                    len(items),
                    sum(d.state == "late" for d in items),
                    _names(plan, [d.unit for d in items]) if len(items) <= 5 else "",
                ),
            )
        )
    out.sort(key=lambda x: (x[0], x[1].label))
    return [a for _, a in out], sum(a.count for _, a in out)


GRID_CELL = {"on_time": "✓", "overdue": "未报", "not_due": "未到期", "invalid": "有误"}


def _grid(plan: Plan, progress: Progress, month: str) -> tuple[list[str], list[GridRow]]:
    """Unit × (months up to ``month``, then one-off deliverables due by its end)."""
    monthly = _monthly_id(plan)
    months = [m for m in plan.months if m <= month]
    last_day = month_end(month)
    once = [d for d in plan.deliverables if d.kind == "once" and d.due and d.due <= last_day]
    columns = [(monthly, m) for m in months] + [(d.id, d.id) for d in once]
    labels = [f"{int(m[5:])}月" for m in months] + [d.name for d in once]
    state = {(d.unit, d.deliverable, d.period): d for d in progress.deliverables}
    rows = []
    for unit in plan.units:
        cells = []
        for deliverable, period in columns:
            d = state.get((unit.id, deliverable, period))
            if d is None:
                cells.append("—")
            elif d.state == "late":
                cells.append(f"迟{d.days}天")
            else:
                cells.append(GRID_CELL[d.state])
        if any(c != "—" for c in cells):
            rows.append(GridRow(unit.name, tuple(cells)))
    return labels, rows


# ---------------------------------------------------------------- building


def build_brief(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    month: str,
    as_of: date,
    *,
    head: tuple[str | None, bool] = (None, False),
    unreadable: Mapping[tuple[str, str], str] | None = None,
    data_errors: int = 0,
) -> Brief:
    """The briefing for ``month``, judged on ``as_of``.

    ``submitted`` maps report paths to the date git first saw them (see
    :func:`jianyian.gitlog.submission_dates`); ``head`` is (short commit hash,
    dirty) of the data, ``(None, False)`` outside git.
    """
    # The data are the tree as it is, exactly as for ``status``: as-of only sets the
    # day deadlines and 序时进度 are judged against (an earlier state is git's job).
    unreadable = unreadable or {}
    progress = compute_progress(plan, reports, submitted, as_of, unreadable)
    prev_end = month_end(previous_month(month))
    before_by_id = indicators_at(plan, reports, prev_end, unreadable)
    window = (prev_end, as_of)

    rows = _indicator_rows(plan, progress)
    period = progress.current_month
    monthly = _monthly_id(plan)
    period_due = next(
        (d.due for d in progress.deliverables if d.deliverable == monthly and d.period == period),
        None,
    )
    infos = _monthly_of_period(reports, period)
    late_units = {
        d.unit
        for d in progress.deliverables
        if d.deliverable == monthly and d.period == period and d.state == "late"
    }
    tasks, other_infos = _task_blocks(plan, progress, rows, infos, late_units)
    documents = sorted(
        (
            (r, r.report)
            for r in reports
            if isinstance(r.report, DocumentReport)
            and prev_end < submission_date(r, submitted, as_of) <= as_of
        ),
        key=lambda x: x[0].path,
    )
    owed_period = [
        d.unit
        for d in progress.deliverables
        if d.deliverable == monthly and d.period == period and d.unit not in infos
    ]

    position = {r.id: n for n, r in enumerate(rows)}
    alerts = sorted(
        (r for r in rows if r.light in ("red", "yellow")),
        key=lambda r: (-LIGHT_RANK[r.light], r.gap is not None, -(r.gap or 0), position[r.id]),
    )
    now_by_id = {p.id: p for p in progress.indicators}
    new_reds, recoveries, worsened = _light_changes(now_by_id, before_by_id)
    arrivals, arrivals_total = _arrivals(plan, progress, window)
    columns, grid = _grid(plan, progress, month)
    head_hash, dirty = head
    order = ["done", "green", "yellow", "red", "grey"]
    return Brief(
        plan_title=plan.plan.title,
        proposal=plan.plan.proposal,
        office=f"{plan.plan.leading_group}办公室",
        month=month,
        as_of=as_of,
        commit=head_hash,
        dirty=dirty,
        period=period,
        period_due=period_due,
        data_errors=data_errors,
        unreadable=tuple(sorted(unreadable.values())),
        completion=progress.completion,
        expected=progress.expected,
        gap=(progress.expected - progress.completion) * 100
        if progress.completion is not None
        else None,
        indicator_count=len(progress.indicators),
        lights=tuple((LIGHT_NAMES[k], progress.lights.get(k, 0)) for k in order),
        reports=tuple(_report_counts(plan, progress, month, period)),
        overdue_total=len(progress.overdue),
        alerts=tuple(alerts),
        misses=tuple(_misses(plan, progress, window)),
        indicators=tuple(rows),
        tasks=tuple(tasks),
        other_infos=tuple(other_infos),
        missing_infos=_names(plan, owed_period),
        problems=tuple(_attributed(plan, infos, documents, period, "problems")),
        next_steps=tuple(_attributed(plan, infos, documents, period, "next_steps")),
        previous_as_of=prev_end,
        first_month=prev_end < plan.plan.start,
        new_reds=tuple(new_reds),
        recoveries=tuple(recoveries),
        worsened=tuple(worsened),
        moved=tuple(_moved(now_by_id, before_by_id)),
        arrivals=tuple(arrivals),
        arrivals_total=arrivals_total,
        grid_columns=tuple(columns),
        grid=tuple(grid),
        thresholds=(plan.settings.thresholds.yellow, plan.settings.thresholds.red),
    )


__all__ = ["Brief", "build_brief", "excerpt", "previous_month"]
