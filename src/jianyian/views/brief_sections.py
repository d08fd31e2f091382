"""The briefing's sections, each a pure function of plan, progress and reports."""

from __future__ import annotations

from datetime import date

from ..engine import LIGHT_NAMES, LIGHT_RANK, DeliverableStatus, IndicatorProgress, Progress
from ..fmt import fmt_month, fmt_target
from ..models import DocumentReport, LoadedReport, MonthlyReport, Plan
from ..models.months import month_end
from .brief_records import (
    Arrival,
    Attributed,
    GridRow,
    IndicatorRow,
    InfoItem,
    LightChange,
    MissedItem,
    ReportCount,
    TaskBlock,
    UnitMisses,
    ValueChange,
)

EXCERPT_CHARS = 60


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` characters of ``text`` on one line, with …… when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "……"


def unit_names(plan: Plan, units: list[str] | tuple[str, ...]) -> str:
    """Unit names joined with 、, without repeats; a whole group is named as the group."""
    wanted = list(dict.fromkeys(units))
    names = []
    for group in plan.groups:
        members = [m for m in group.members if m in plan.unit_by_id]
        if len(members) > 1 and set(members) <= set(wanted):
            names.append(group.name)
            wanted = [u for u in wanted if u not in members]
    return "、".join([*names, *(plan.unit_label(u) for u in wanted)])


def _deliverable_label(plan: Plan, d: DeliverableStatus) -> str:
    definition = plan.deliverable_by_id.get(d.deliverable)
    if definition is not None and definition.kind == "monthly":
        return f"{fmt_month(d.period)}{d.name}"
    return d.name


def monthly_id(plan: Plan) -> str | None:
    """The id of the plan's monthly deliverable, if any."""
    return plan.monthly_deliverable.id if plan.monthly_deliverable else None


def indicator_rows(plan: Plan, progress: Progress) -> list[IndicatorRow]:
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
                reporters=unit_names(plan, p.reporters) if p.reporters else "由分项相加",
                missing=unit_names(plan, p.missing),
                data_month=p.latest_month,
                task_number=task.number if task else "工作目标",
                partial=p.partial,
            )
        )
    return rows


def report_counts(
    plan: Plan, progress: Progress, month: str, period: str | None
) -> list[ReportCount]:
    """Deliverables due in ``month``, plus this period's 信息 if due elsewhere."""
    groups: dict[tuple[str, str], list[DeliverableStatus]] = {}
    monthly = monthly_id(plan)
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


def missed_items(
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


def infos_of_period(
    reports: list[LoadedReport], period: str | None
) -> dict[str, tuple[LoadedReport, MonthlyReport]]:
    out = {}
    if period is None:
        return out
    mine = [r for r in reports if isinstance(r.report, MonthlyReport) and r.report.month == period]
    for r in sorted(mine, key=lambda r: r.path):
        out.setdefault(r.unit, (r, r.report))
    return out


def task_blocks(
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
                lead=unit_names(plan, t.lead),
                completion=t.completion,
                light=t.light,
                light_name=LIGHT_NAMES[t.light],
                qualitative=not t.indicators,
                status=t.status,
                status_note=t.status_note,
                indicators=tuple(by_id[i] for i in t.indicators),
                infos=tuple(items),
                missing_infos=unit_names(plan, [u for u in t.lead if u not in infos]),
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


def attributed_items(
    plan: Plan,
    infos: dict[str, tuple[LoadedReport, MonthlyReport]],
    documents: list[tuple[LoadedReport, DocumentReport]],
    period: str | None,
    field: str,
) -> list[Attributed]:
    order = {u.id: n for n, u in enumerate(plan.units)}
    out: list[tuple[int, int, Attributed]] = []
    monthly_name = plan.monthly_deliverable.name if plan.monthly_deliverable else "信息"
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


def light_changes(
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


def value_changes(
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


def arrivals_in(
    plan: Plan, progress: Progress, window: tuple[date, date]
) -> tuple[list[Arrival], int]:
    start, end = window
    groups: dict[tuple[str, str], list[DeliverableStatus]] = {}
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
                    unit_names(plan, [d.unit for d in items]) if len(items) <= 5 else "",
                ),
            )
        )
    out.sort(key=lambda x: (x[0], x[1].label))
    return [a for _, a in out], sum(a.count for _, a in out)


GRID_CELL = {"on_time": "✓", "overdue": "未报", "not_due": "未到期", "invalid": "有误"}


def submission_grid(plan: Plan, progress: Progress, month: str) -> tuple[list[str], list[GridRow]]:
    """Unit × (months up to ``month``, then one-off deliverables due by its end)."""
    monthly = monthly_id(plan)
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
