"""The briefing's sections, each a pure function of plan, progress and reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..engine import (
    LIGHT_NAMES,
    LIGHT_RANK,
    ActionProgress,
    DeliverableStatus,
    IndicatorProgress,
    Progress,
    data_month_series,
    parts_target,
)
from ..fmt import (
    display_measure,
    fmt_month,
    fmt_number,
    fmt_percent,
    fmt_target,
    fmt_target_number,
)
from ..models import DocumentReport, Indicator, LoadedReport, MonthlyReport, Plan, said
from ..models.months import month_end, previous_month
from .actions import done_text, overdue_count_text, overdue_text, task_progress_text
from .brief_body import sentence_excerpt
from .brief_records import (
    GridRow,
    Headline,
    IndicatorRow,
    InfoItem,
    LightChange,
    Merged,
    MissedItem,
    ReportCount,
    TaskBlock,
    Trend,
    UnitMisses,
    ValueChange,
)
from .brief_texts import rate_gap_text

EXCERPT_CHARS = 60
#: exceptions first: the worst lights, in this order
EXCEPTION_LIGHTS = ("red", "missing", "yellow")


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, shortened at a sentence end (else a clause end) with ……
    when longer than ``limit`` (:func:`~jianyian.views.brief_body.sentence_excerpt`)."""
    return sentence_excerpt(text, limit)


def unit_names(plan: Plan, units: Iterable[str]) -> str:
    """Unit names joined with 、, without repeats; a whole group is named as the group."""
    wanted = list(dict.fromkeys(units))
    names = []
    for group in plan.groups:
        members = [m for m in group.members if m in plan.unit_by_id]
        if len(members) > 1 and set(members) <= set(wanted):
            names.append(group.name)
            wanted = [u for u in wanted if u not in members]
    return "、".join([*names, *(plan.unit_label(u) for u in wanted)])


def deliverable_label(plan: Plan, d: DeliverableStatus) -> str:
    """``2025年7月信息`` for the monthly deliverable, the deliverable's name otherwise."""
    definition = plan.deliverable_by_id.get(d.deliverable)
    if definition is not None and definition.kind == "monthly":
        return f"{fmt_month(d.period)}{d.name}"
    return d.name


def monthly_id(plan: Plan) -> str | None:
    """The id of the plan's monthly deliverable, if any."""
    return plan.monthly_deliverable.id if plan.monthly_deliverable else None


# ---------------------------------------------------------------- indicators


def _ordered(plan: Plan, ids: Iterable[str]) -> list[tuple[str, bool]]:
    """(indicator id, is a part) in plan order, the parts of a total right below it."""
    present = list(ids)
    totals = {part: i.id for i in plan.indicator_by_id.values() for part in (i.parts or [])}
    out: list[tuple[str, bool]] = []
    for ind_id in present:
        if ind_id in totals and totals[ind_id] in present:
            continue  # placed under its total
        out.append((ind_id, ind_id in totals))
        out += [(p, True) for p in plan.indicator_by_id[ind_id].parts or [] if p in present]
    return out


def stale_note(plan: Plan, p: IndicatorProgress) -> str:
    """``含长江新区管委会、江夏区人民政府5月数据``: a sum's reporters whose newer data are owed."""
    by_month: dict[str, list[str]] = {}
    for unit, month in p.stale:
        by_month.setdefault(month, []).append(unit)
    parts = [
        f"{unit_names(plan, units)}{int(month[5:7])}月" for month, units in sorted(by_month.items())
    ]
    return f"含{'、'.join(parts)}数据" if parts else ""


def parts_note(plan: Plan, p: IndicatorProgress) -> str:
    """``各分项目标合计2.265万亿元，高于总目标（突破2万亿元）`` where the two differ."""
    total = parts_target(plan, p.id)
    if total is None:
        return ""
    ind = plan.indicator_by_id[p.id]
    divisor, shown_measure = display_measure(ind.target, ind.measure)
    side = "高于" if total > ind.target else "低于"
    return (
        f"各分项目标合计{fmt_number(total / divisor, 4)}{shown_measure}，{side}总目标"
        f"（{fmt_target(ind.target, ind.measure, ind.qualifier)}）"
    )


def completion_text(p: IndicatorProgress) -> str:
    """The 完成率 cell: the share of the target; a rate against its target instead."""
    if p.kind != "rate":
        return fmt_percent(p.completion)
    return rate_gap_text(p.gap, p.comparator)


def indicator_row(plan: Plan, p: IndicatorProgress, number: str, is_part: bool) -> IndicatorRow:
    """One indicator as the briefing shows it, its numbers in one measure per row."""
    ind = plan.indicator_by_id[p.id]
    divisor, shown_measure = display_measure(ind.target, ind.measure)
    task = plan.task_of_indicator.get(p.id)
    return IndicatorRow(
        number=number,
        id=p.id,
        name=p.name,
        is_part=is_part,
        measure=p.measure,
        target=p.target,
        target_text=fmt_target(ind.target, ind.measure, ind.qualifier),
        display_measure=shown_measure,
        target_number=fmt_target_number(ind.target, divisor, ind.qualifier),
        value_number=fmt_number(p.value / divisor) if p.value is not None else "—",
        value=p.value,
        completion=p.completion,
        expected=p.expected,
        gap=p.gap,
        light=p.light,
        light_name=LIGHT_NAMES[p.light],
        streak=p.streak,
        reason=p.reason,
        reporters=unit_names(plan, p.reporters) if p.reporters else "由分项相加",
        missing=unit_names(plan, p.missing),
        data_month=p.data_month,
        task_number=task.number if task else "工作目标",
        partial=p.partial,
        kind=p.kind,
        comparator=p.comparator,
        streak_months=p.streak_months,
        stale=stale_note(plan, p),
        parts_note=parts_note(plan, p),
        completion_text=completion_text(p),
        expected_text=fmt_percent(p.expected),
    )


def indicator_rows(plan: Plan, progress: Progress) -> list[IndicatorRow]:
    """Every indicator in plan order, the parts of a total right below it (其中：…)."""
    by_id = {p.id: p for p in progress.indicators}
    rows = []
    number = 0
    for ind_id, is_part in _ordered(plan, by_id):
        if not is_part:
            number += 1
        rows.append(indicator_row(plan, by_id[ind_id], "" if is_part else str(number), is_part))
    return rows


def exception_rows(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """Red, 未报送 and yellow indicators, the most urgent first (parts of a total left out)."""
    position = {r.id: n for n, r in enumerate(rows)}
    rank = {light: n for n, light in enumerate(EXCEPTION_LIGHTS)}
    picked = [r for r in rows if r.light in rank and not r.is_part]
    return sorted(picked, key=lambda r: (rank[r.light], -(r.gap or 0), position[r.id]))


def headline(plan: Plan, progress: Progress) -> Headline:
    """The headline's numbers, as the engine's summary counts them."""
    s = progress.summary
    return Headline(
        count=s.count,
        on_pace=s.on_pace,
        done=s.lights["done"],
        behind=s.behind,
        red=s.lights["red"],
        missing=s.missing,
        not_due=s.lights["grey"],
        average=s.average,
        averaged=s.averaged,
        expected=progress.expected,
        expected_month=progress.expected_month,
        near=s.near,
        expected_groups=s.expected_groups,
        yellow=plan.settings.thresholds.yellow,
    )


def report_counts(plan: Plan, progress: Progress, month: str) -> list[ReportCount]:
    """``month``'s 信息, and the one-off deliverables due during ``month``."""
    groups: dict[tuple[str, str], list[DeliverableStatus]] = {}
    monthly = monthly_id(plan)
    year, mon = int(month[:4]), int(month[5:])
    for d in progress.deliverables:
        one_off_now = d.deliverable != monthly and d.due.year == year and d.due.month == mon
        if (d.deliverable == monthly and d.period == month) or one_off_now:
            groups.setdefault((d.deliverable, d.period), []).append(d)
    out = []
    for items in groups.values():
        first = items[0]
        out.append(
            ReportCount(
                label=deliverable_label(plan, first),
                due_date=first.due,
                owed=len(items),
                received=sum(d.state in ("on_time", "late") for d in items),
                on_time=sum(d.state == "on_time" for d in items),
                late=sum(d.state == "late" for d in items),
                missing=sum(d.state == "overdue" for d in items),
                not_due=sum(d.state == "not_due" for d in items),
                invalid=sum(d.state == "invalid" for d in items),
                late_units=unit_names(plan, [d.unit for d in items if d.state == "late"]),
                missing_units=unit_names(
                    plan, [d.unit for d in items if d.state in ("overdue", "invalid")]
                ),
            )
        )
    out.sort(key=lambda c: (c.due_date, c.label))
    return out


#: The 报送情况 paragraph names late and missing units up to this many; more are counted,
#: their names left to 附件2 (the paragraph stays one paragraph, issue 27).
NAMED_UNITS = 10


def _named(what: str, n: int, names: str) -> str:
    """``未报：市经信局、市商务局`` — or ``未报23家（名单见附件2）`` when there are many."""
    return f"{what}{n}家（名单见附件2）" if n > NAMED_UNITS else f"{what}：{names}"


def reporting_text(counts: list[ReportCount], overdue_total: int) -> str:
    """The short 报送情况 paragraph: who was late, who did not report."""
    sentences = []
    for c in counts:
        missing = c.missing + c.invalid
        if not c.received and missing == c.owed:
            who = f"（{c.missing_units}）" if c.owed == 1 else f"应报{c.owed}家，均"
            sentences.append(f"{c.label}{who}未报送。")
            continue
        text = f"{c.label}应报{c.owed}家，已报{c.received}家"
        if c.received and not c.late and c.on_time == c.received:
            text += "，均按时"
        elif c.received:
            text += f"（按时{c.on_time}家、迟报{c.late}家）"
        if c.late_units:
            text += "，" + _named("迟报", c.late, c.late_units)
        if c.missing_units:
            text += "；" + _named("未报", missing, c.missing_units)
        if c.not_due:
            text += f"；{c.not_due}家未到截止日期"
        sentences.append(text + "。")
    if overdue_total:
        sentences.append(f"截至统计日，各单位累计有{overdue_total}项报送逾期未报（明细见附件2）。")
    else:
        sentences.append("截至统计日，没有逾期未报的报送事项。")
    return "".join(sentences)


def overdue_units(plan: Plan, progress: Progress) -> list[UnitMisses]:
    """Per unit: everything overdue (or unreadable) at as-of, the longest overdue first."""
    per_unit: dict[str, dict[str, list[MissedItem]]] = {}
    for d in progress.deliverables:
        if d.state not in ("overdue", "invalid"):
            continue
        item = MissedItem(deliverable_label(plan, d), d.due, d.state, d.days, d.submitted)
        per_unit.setdefault(d.unit, {"overdue": [], "late": [], "invalid": []})[d.state].append(
            item
        )
    order = {u.id: n for n, u in enumerate(plan.units)}
    ranked = sorted(
        per_unit.items(),
        key=lambda kv: (
            -max((i.days for i in kv[1]["overdue"]), default=0),
            -len(kv[1]["overdue"]),
            order.get(kv[0], 0),
        ),
    )
    return [
        UnitMisses(
            plan.unit_label(unit),
            tuple(sorted(items["overdue"], key=lambda i: (i.due_date, i.label))),
            (),
            tuple(sorted(items["invalid"], key=lambda i: (i.due_date, i.label))),
        )
        for unit, items in ranked
    ]


# ---------------------------------------------------------------- texts


def infos_of_month(
    reports: list[LoadedReport], month: str, arrived: set[str]
) -> dict[str, tuple[LoadedReport, MonthlyReport]]:
    """Unit → its report for ``month``, of those that had arrived (paths in ``arrived``)."""
    out: dict[str, tuple[LoadedReport, MonthlyReport]] = {}
    mine = [
        r
        for r in reports
        if isinstance(r.report, MonthlyReport) and r.report.month == month and r.path in arrived
    ]
    for r in sorted(mine, key=lambda r: r.path):
        out.setdefault(r.unit, (r, r.report))  # type: ignore[arg-type]
    return out


def info_items(
    plan: Plan, infos: Mapping[str, tuple[LoadedReport, MonthlyReport]], late_units: set[str]
) -> list[InfoItem]:
    """Every unit's 信息 of the month, in plan order (the annex of excerpts)."""
    return [
        InfoItem(
            plan.unit_label(u.id),
            infos[u.id][1].info.title,
            excerpt(infos[u.id][1].info.body),
            u.id in late_units,
        )
        for u in plan.units
        if u.id in infos
    ]


def task_blocks(
    plan: Plan,
    progress: Progress,
    rows: list[IndicatorRow],
    infos: Mapping[str, tuple[LoadedReport, MonthlyReport]],
    late_units: set[str],
) -> list[TaskBlock]:
    by_id = {r.id: r for r in rows}
    by_task: dict[str, list[ActionProgress]] = {}
    for a in progress.actions:
        by_task.setdefault(a.task, []).append(a)
    blocks = []
    for t in progress.tasks:
        items = [
            InfoItem(
                plan.unit_label(unit),
                infos[unit][1].info.title,
                excerpt(infos[unit][1].info.body),
                unit in late_units,
            )
            for unit in t.lead
            if unit in infos
        ]
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
                actions_text=task_progress_text(t) if t.actions_total else None,
                overdue_text=overdue_text(by_task.get(t.id, [])),
                overdue_short=overdue_count_text(by_task.get(t.id, [])),
                done_text=done_text(by_task.get(t.id, []), progress.upto),
            )
        )
    return blocks


def _normal(text: str) -> str:
    """The form two units' identical points share: blanks and trailing punctuation dropped."""
    return "".join(text.split()).rstrip("。；;，,.")


def merged_items(
    plan: Plan,
    infos: Mapping[str, tuple[LoadedReport, MonthlyReport]],
    documents: list[DocumentReport],
    field: str,
) -> list[Merged]:
    """Problems (or next steps) of the month, de-duplicated, naming the units that raised them.

    An entry that only says 无／暂无 is no entry (:func:`~jianyian.models.said`)."""
    order = {u.id: n for n, u in enumerate(plan.units)}
    seen: dict[str, tuple[str, list[str]]] = {}
    sources: list[tuple[str, tuple[str, ...]]] = [
        (unit, tuple(said(getattr(rep, field)))) for unit, (_, rep) in infos.items()
    ] + [(doc.unit, tuple(said(getattr(doc, field)))) for doc in documents]
    for unit, items in sorted(sources, key=lambda s: order.get(s[0], len(order))):
        for item in items:
            key = _normal(item)
            if key not in seen:
                seen[key] = (item.strip(), [])
            if unit not in seen[key][1]:
                seen[key][1].append(unit)
    ranked = sorted(seen.values(), key=lambda v: (-len(v[1]), order.get(v[1][0], 0)))
    return [Merged(text, unit_names(plan, units)) for text, units in ranked]


# ---------------------------------------------------------------- changes


def light_changes(
    now: Mapping[str, IndicatorProgress], before: Mapping[str, IndicatorProgress]
) -> tuple[list[LightChange], list[LightChange], list[LightChange]]:
    new_reds, recoveries, worsened = [], [], []
    for ind_id, p in now.items():
        b = before.get(ind_id)
        if b is None or p.light == b.light or not p.headline:
            continue
        change = LightChange(p.name, LIGHT_NAMES[b.light], LIGHT_NAMES[p.light])
        if p.light == "red":
            new_reds.append(change)
        elif b.light in ("red", "yellow", "missing") and LIGHT_RANK[p.light] < LIGHT_RANK[b.light]:
            recoveries.append(change)
        elif p.light in ("yellow", "missing") and b.light != "grey":
            worsened.append(change)
    return new_reds, recoveries, worsened


def value_changes(
    plan: Plan,
    now: Mapping[str, IndicatorProgress],
    before: Mapping[str, IndicatorProgress],
    month: str,
) -> list[ValueChange]:
    """Every row whose value or light changed from month M−1's data to month M's, in the
    row's one measure; a value that stands on an older month's data says which."""
    previous = previous_month(month)
    out = []
    for ind_id, p in now.items():
        b = before.get(ind_id)
        if b is None or (p.value == b.value and p.light == b.light):
            continue
        ind = plan.indicator_by_id[ind_id]
        divisor, shown_measure = display_measure(ind.target, ind.measure)

        def shown(
            value: float | None, data_month: str | None, column: str, divisor: float = divisor
        ) -> str:
            if value is None:
                return "—"
            text = fmt_number(value / divisor)
            if data_month is not None and data_month != column:
                text += f"（{int(data_month[5:7])}月数据）"
            return text

        change = p.value - b.value if p.value is not None and b.value is not None else None
        delta = (
            "—" if change is None else ("+" if change > 0 else "") + fmt_number(change / divisor)
        )
        out.append(
            ValueChange(
                p.name,
                shown_measure,
                shown(b.value, b.data_month, previous),
                shown(p.value, p.data_month, month),
                delta,
                LIGHT_NAMES[b.light],
                LIGHT_NAMES[p.light],
            )
        )
    return out


GRID_CELL = {"on_time": "✓", "overdue": "未报", "not_due": "未到期", "invalid": "有误"}


def submission_grid(plan: Plan, progress: Progress, month: str) -> tuple[list[str], list[GridRow]]:
    """Unit × (months up to ``month``, then documents — one-off, or a quarter's — due by its end)."""
    monthly = monthly_id(plan)
    months = [m for m in plan.months if m <= month]
    last_day = month_end(month)
    state = {(d.unit, d.deliverable, d.period): d for d in progress.deliverables}
    due = {d.period: d.due for d in progress.deliverables if d.deliverable != monthly}
    documents = [
        (period, d)
        for period, (d, _) in plan.documents.items()
        if due.get(period, last_day) <= last_day
    ]
    columns = [(monthly, m) for m in months] + [(d.id, period) for period, d in documents]
    labels = [f"{int(m[5:])}月" for m in months] + [
        d.name if d.kind == "once" else f"{d.name}（{int(period[-2:])}月）"
        for period, d in documents
    ]
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


def expected_value(ind: Indicator, share: float | None, divisor: float) -> float | None:
    """序时进度 as a value in the row's unit: target × N/12 (a level: from its baseline)."""
    if share is None:
        return None
    start = ind.baseline if ind.kind == "level" and ind.baseline is not None else 0.0
    return (start + (ind.target - start) * share) / divisor


def goal_trends(plan: Plan, progress: Progress) -> list[Trend]:
    """The overall goals (not the parts of a total), one point per month with data: each
    data month's value beside its 序时进度, as the engine judged that month (图2)."""
    out = []
    parts = {p for i in plan.goals.indicators for p in (i.parts or [])}
    for ind in plan.goals.indicators:
        if ind.id in parts:
            continue
        divisor, shown_measure = display_measure(ind.target, ind.measure)
        series = data_month_series(progress.history, ind.id)
        if series:
            year = series[-1].data_month[:4]  # type: ignore[index]  # 1–N月累计: one year
            series = [p for p in series if p.data_month.startswith(year)]  # type: ignore[union-attr]
        out.append(
            Trend(
                ind.name,
                shown_measure,
                tuple(int(p.data_month[5:7]) for p in series),  # type: ignore[index]
                tuple(None if p.value is None else p.value / divisor for p in series),
                tuple(expected_value(ind, p.expected, divisor) for p in series),
            )
        )
    return out
