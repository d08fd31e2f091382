"""Cross-file checks: small pure functions, kept in two lists.

Each plan check takes the :class:`Plan`; each report check takes the plan and
every loaded report. They return diagnostics carrying a key path (``loc``); the
loader turns it into line and column. Adding a rule is adding a function here,
a code in ``diagnostics.CODES`` and a fixture in ``tests/fixtures/bad``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, error, suggest, warning
from .models import MonthlyReport, Plan

if TYPE_CHECKING:
    from .load import LoadedReport

PLAN = "data/targets.yaml"

# ---------------------------------------------------------------- the plan


def _ids(plan: Plan) -> list[tuple[str, tuple, str]]:
    """(kind, loc, id) for every id the plan declares."""
    out = [("单位", ("units", i, "id"), u.id) for i, u in enumerate(plan.units)]
    out += [("单位组", ("groups", i, "id"), g.id) for i, g in enumerate(plan.groups)]
    out += [("任务", ("tasks", i, "id"), t.id) for i, t in enumerate(plan.tasks)]
    out += [
        ("指标", ("goals", "indicators", i, "id"), ind.id)
        for i, ind in enumerate(plan.goals.indicators)
    ]
    for ti, task in enumerate(plan.tasks):
        out += [
            ("指标", ("tasks", ti, "indicators", i, "id"), ind.id)
            for i, ind in enumerate(task.indicators)
        ]
    out += [("阶段", ("stages", i, "id"), s.id) for i, s in enumerate(plan.stages)]
    out += [("报送事项", ("deliverables", i, "id"), d.id) for i, d in enumerate(plan.deliverables)]
    return out


def check_plan_duplicate_ids(plan: Plan) -> list[Diagnostic]:
    """JY044: an id used twice (units and groups share one namespace)."""
    seen: dict[tuple[str, str], tuple] = {}
    out = []
    for kind, loc, ident in _ids(plan):
        space = "单位" if kind in ("单位", "单位组") else kind
        if (space, ident) in seen:
            first = seen[(space, ident)]
            # 1-based item numbers: "units 第 2 项", not the 0-based "units.1".
            where = " ".join(f"第 {p + 1} 项" if isinstance(p, int) else p for p in first[:-1])
            out.append(error("JY044", f"{kind}标识 {ident} 重复（已在 {where}使用）", PLAN, loc))
        else:
            seen[(space, ident)] = loc
    return out


def check_plan_unit_names(plan: Plan) -> list[Diagnostic]:
    """JY048: two units share a full or short name, so a name would be ambiguous."""
    seen: dict[str, str] = {}
    out = []
    for i, unit in enumerate(plan.units):
        for field in ("name", "short"):
            name = getattr(unit, field)
            if not name:
                continue
            if name in seen and seen[name] != unit.id:
                out.append(
                    error(
                        "JY048",
                        f"单位名称“{name}”与单位 {seen[name]} 重复",
                        PLAN,
                        ("units", i, field),
                    )
                )
            seen.setdefault(name, unit.id)
    return out


def _unit_refs(plan: Plan) -> list[tuple[tuple, str, bool]]:
    """(loc, ref, groups allowed) for every unit reference in the plan."""
    refs: list[tuple[tuple, str, bool]] = [(("plan", "office"), plan.plan.office, False)]
    for gi, group in enumerate(plan.groups):
        refs += [(("groups", gi, "members", i), m, False) for i, m in enumerate(group.members)]
    for ti, task in enumerate(plan.tasks):
        refs += [(("tasks", ti, "lead", i), r, True) for i, r in enumerate(task.lead)]
        refs += [(("tasks", ti, "responsible", i), r, True) for i, r in enumerate(task.responsible)]
        for ii, ind in enumerate(task.indicators):
            refs += [
                (("tasks", ti, "indicators", ii, "reporters", i), r, True)
                for i, r in enumerate(ind.reporters or [])
            ]
    for ii, ind in enumerate(plan.goals.indicators):
        refs += [
            (("goals", "indicators", ii, "reporters", i), r, True)
            for i, r in enumerate(ind.reporters or [])
        ]
    refs += [
        (("settings", "goal_reporters", i), r, True)
        for i, r in enumerate(plan.settings.goal_reporters)
    ]
    if isinstance(plan.settings.member_units, list):
        refs += [
            (("settings", "member_units", i), r, True)
            for i, r in enumerate(plan.settings.member_units)
        ]
    for di, d in enumerate(plan.deliverables):
        if isinstance(d.owed_by, list):
            refs += [(("deliverables", di, "owed_by", i), r, True) for i, r in enumerate(d.owed_by)]
    return refs


def check_plan_references(plan: Plan) -> list[Diagnostic]:
    """JY040: a unit or group id that is not declared."""
    out = []
    units, groups = plan.unit_by_id, plan.group_by_id
    for loc, ref, groups_ok in _unit_refs(plan):
        if ref in units or (groups_ok and ref in groups):
            continue
        if ref in groups:
            out.append(
                error("JY040", f"单位组 {ref} 不能作为单位组的成员，请列出具体单位", PLAN, loc)
            )
            continue
        candidates = list(units) + (list(groups) if groups_ok else [])
        out.append(
            error("JY040", f"单位 {ref} 未在 units 中声明{suggest(ref, candidates)}", PLAN, loc)
        )
    for si, d in enumerate(plan.deliverables):
        if d.stage and d.stage not in {s.id for s in plan.stages}:
            out.append(
                error(
                    "JY040",
                    f"阶段 {d.stage} 未在 stages 中声明{suggest(d.stage, [s.id for s in plan.stages])}",
                    PLAN,
                    ("deliverables", si, "stage"),
                )
            )
    return out


def check_plan_groups(plan: Plan) -> list[Diagnostic]:
    """JY041 / JY042: a group with no members; members the notice does not name."""
    out = []
    for gi, group in enumerate(plan.groups):
        if group.members_unknown:
            if not group.members:
                out.append(
                    warning(
                        "JY042",
                        f"单位组 {group.id}（{group.name}）的成员通知未列出，待办公室补充；补充前其应报送的事项无法跟踪",
                        PLAN,
                        ("groups", gi, "id"),
                    )
                )
        elif not group.members:
            out.append(
                error(
                    "JY041",
                    f"单位组 {group.id}（{group.name}）没有成员；若通知未列出成员，请写 members_unknown: true",
                    PLAN,
                    ("groups", gi, "members"),
                )
            )
    return out


def _indicator_locs(plan: Plan):
    for ii, ind in enumerate(plan.goals.indicators):
        yield ("goals", "indicators", ii), ind
    for ti, task in enumerate(plan.tasks):
        for ii, ind in enumerate(task.indicators):
            yield ("tasks", ti, "indicators", ii), ind


def check_plan_totals(plan: Plan) -> list[Diagnostic]:
    """JY045 / JY043: parts that do not exist; a total's target above its parts' sum."""
    out = []
    by_id = plan.indicator_by_id
    for loc, ind in _indicator_locs(plan):
        if not ind.parts:
            continue
        missing = [p for p in ind.parts if p not in by_id]
        for i, part in enumerate(ind.parts):
            if part in missing:
                out.append(
                    error(
                        "JY045",
                        f"组成指标 {part} 不存在{suggest(part, by_id)}",
                        PLAN,
                        (*loc, "parts", i),
                    )
                )
            elif by_id[part].measure != ind.measure:
                out.append(
                    error(
                        "JY045",
                        f"组成指标 {part} 的计量单位“{by_id[part].measure}”与总量“{ind.measure}”不同",
                        PLAN,
                        (*loc, "parts", i),
                    )
                )
        if not missing:
            total = sum(by_id[p].target for p in ind.parts)
            if ind.target > total:
                out.append(
                    error(
                        "JY043",
                        f"总量目标 {ind.target:g}{ind.measure} 超过各组成目标之和 {total:g}{ind.measure}",
                        PLAN,
                        (*loc, "target"),
                    )
                )
    return out


def check_plan_reporters(plan: Plan) -> list[Diagnostic]:
    """JY046: an indicator nobody reports, or a single-source one with several reporters."""
    out = []
    for loc, ind in _indicator_locs(plan):
        if ind.parts:
            if ind.reporters:
                out.append(
                    error(
                        "JY046",
                        f"总量指标 {ind.id} 由组成指标相加得出，不应设置 reporters",
                        PLAN,
                        (*loc, "reporters"),
                    )
                )
            continue
        units = plan.reporters.get(ind.id, [])
        if not units:
            out.append(error("JY046", f"指标 {ind.id} 没有报送单位", PLAN, (*loc, "id")))
        elif ind.combine == "single" and len(units) > 1:
            names = "、".join(plan.unit_label(u) for u in units)
            out.append(
                error(
                    "JY046",
                    f"指标 {ind.id} 的汇总方式为 single（一个权威报送单位），却有 {len(units)} 个报送单位"
                    f"（{names}）：请用 reporters 指定一个，或改为 combine: sum",
                    PLAN,
                    (*loc, "id"),
                )
            )
    return out


def check_plan_deliverables(plan: Plan) -> list[Diagnostic]:
    """JY047: at most one monthly deliverable (its file is <YYYY-MM>.yaml); a sane period."""
    out = []
    monthly = [i for i, d in enumerate(plan.deliverables) if d.kind == "monthly"]
    for i in monthly[1:]:
        out.append(
            error(
                "JY047",
                "只能有一个每月报送事项（月报文件名为 YYYY-MM.yaml）",
                PLAN,
                ("deliverables", i, "kind"),
            )
        )
    if plan.plan.start > plan.plan.end:
        out.append(error("JY047", "办理期开始日期晚于结束日期", PLAN, ("plan", "start")))
    return out


PLAN_CHECKS: list[Callable[[Plan], list[Diagnostic]]] = [
    check_plan_duplicate_ids,
    check_plan_unit_names,
    check_plan_references,
    check_plan_groups,
    check_plan_totals,
    check_plan_reporters,
    check_plan_deliverables,
]


# ---------------------------------------------------------------- reports

Reports = list["LoadedReport"]


def check_report_unit(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY020 / JY024: the unit is declared and matches its folder."""
    out = []
    for r in reports:
        unit = r.report.unit
        if unit not in plan.unit_by_id:
            out.append(
                error(
                    "JY020",
                    f"单位 {unit} 未在计划中声明{suggest(unit, plan.unit_by_id)}",
                    r.path,
                    ("unit",),
                )
            )
        if unit != r.folder:
            out.append(
                error(
                    "JY024",
                    f"文件在目录 {r.folder}/ 下，但 unit 写的是 {unit}：请把文件移到 data/reports/{unit}/，或改正 unit",
                    r.path,
                    ("unit",),
                )
            )
    return out


def check_report_period(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY025 / JY022 / JY026: file name, month or deliverable, and plan period agree."""
    out = []
    monthly_ids = {d.id for d in plan.deliverables if d.kind == "monthly"}
    documents = {d.id: d for d in plan.deliverables if d.kind == "once"}
    for r in reports:
        rep = r.report
        if isinstance(rep, MonthlyReport):
            if r.stem != rep.month:
                out.append(
                    error(
                        "JY025",
                        f"文件名是 {r.stem}，但 month 写的是 {rep.month}：月报文件名应为 {rep.month}.yaml",
                        r.path,
                        ("month",),
                    )
                )
            if rep.month not in plan.months:
                out.append(
                    error(
                        "JY026",
                        # From the dates, not plan.months: that list is empty when start > end.
                        f"月份 {rep.month} 不在方案办理期（{plan.plan.start:%Y-%m} 至 {plan.plan.end:%Y-%m}）内",
                        r.path,
                        ("month",),
                    )
                )
        else:
            if rep.deliverable not in documents:
                hint = suggest(rep.deliverable, documents)
                if rep.deliverable in monthly_ids:
                    hint = "：每月信息请写在 YYYY-MM.yaml 月报中"
                out.append(
                    error(
                        "JY022",
                        f"报送事项 {rep.deliverable} 未在计划中定义{hint}",
                        r.path,
                        ("deliverable",),
                    )
                )
            if r.stem != rep.deliverable:
                out.append(
                    error(
                        "JY025",
                        f"文件名是 {r.stem}，但 deliverable 写的是 {rep.deliverable}：文件名应为 {rep.deliverable}.yaml",
                        r.path,
                        ("deliverable",),
                    )
                )
    return out


def check_report_owed(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY032: a unit sends something the plan does not ask of it (a warning)."""
    out = []
    owners = {d.id: set(plan.owners(d)) for d in plan.deliverables}
    monthly = next((d for d in plan.deliverables if d.kind == "monthly"), None)
    for r in reports:
        rep = r.report
        if rep.unit not in plan.unit_by_id:
            continue
        if isinstance(rep, MonthlyReport):
            if monthly is not None and rep.unit not in owners[monthly.id]:
                out.append(
                    warning(
                        "JY032",
                        f"{plan.unit_label(rep.unit)} 不是需每月报送{monthly.name}的成员单位",
                        r.path,
                        ("unit",),
                    )
                )
        elif rep.deliverable in owners and rep.unit not in owners[rep.deliverable]:
            out.append(
                warning(
                    "JY032",
                    f"{plan.unit_label(rep.unit)} 无需报送"
                    f"{plan.deliverable_by_id[rep.deliverable].name}",
                    r.path,
                    ("deliverable",),
                )
            )
    return out


def check_report_indicators(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY021 / JY027 / JY014: indicators known, reported by their reporters, not negative."""
    out = []
    for r in reports:
        rep = r.report
        if not isinstance(rep, MonthlyReport):
            continue
        for key, entry in rep.indicators.items():
            loc = ("indicators", key)
            ind = plan.indicator_by_id.get(key)
            if ind is None:
                out.append(
                    error(
                        "JY021",
                        f"指标 {key} 未在计划中定义{suggest(key, plan.indicator_by_id)}",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
                continue
            if ind.parts:
                out.append(
                    error(
                        "JY027",
                        f"指标 {key} 是总量，由 {'、'.join(ind.parts)} 相加得出，不需要报送",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
            elif rep.unit in plan.unit_by_id and rep.unit not in plan.reporters[key]:
                names = "、".join(plan.unit_label(u) for u in plan.reporters[key][:5])
                more = " 等" if len(plan.reporters[key]) > 5 else ""
                out.append(
                    error(
                        "JY027",
                        f"指标 {key}（{ind.name}）不由{plan.unit_label(rep.unit)}报送"
                        f"（报送单位：{names}{more}）",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
            if entry.value < 0:
                out.append(
                    error(
                        "JY014",
                        f"指标 {key} 的值 {entry.value:g} 为负数：请填写自方案开始的累计值",
                        r.path,
                        (*loc, "value"),
                    )
                )
    return out


def check_report_cumulative(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY028 (warning): a cumulative value lower than the same unit's earlier month."""
    series: dict[tuple[str, str], list[tuple[str, float, LoadedReport]]] = defaultdict(list)
    for r in reports:
        rep = r.report
        if isinstance(rep, MonthlyReport):
            for key, entry in rep.indicators.items():
                ind = plan.indicator_by_id.get(key)
                if ind is not None and ind.accumulates:
                    series[(rep.unit, key)].append((rep.month, entry.value, r))
    out = []
    for (_, key), points in series.items():
        points.sort(key=lambda p: (p[0], p[2].path))
        best_month, best = None, None
        for month, value, r in points:
            if best is not None and value < best and month != best_month:
                out.append(
                    warning(
                        "JY028",
                        f"指标 {key} 的累计值 {value:g} 低于 {best_month} 的 {best:g}："
                        "应填写自方案开始的累计值",
                        r.path,
                        ("indicators", key),
                    )
                )
            if best is None or value >= best:
                best_month, best = month, value
    return out


def check_report_duplicates(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY029: two files for the same unit and period."""
    first: dict[tuple[str, str], str] = {}
    out = []
    for r in sorted(reports, key=lambda r: r.path):
        key = (r.report.unit, r.period)
        if key in first:
            field = "month" if isinstance(r.report, MonthlyReport) else "deliverable"
            out.append(
                error(
                    "JY029",
                    f"{plan.unit_label(key[0])} 的 {key[1]} 已在 {first[key]} 报送，同一事项只能有一个文件",
                    r.path,
                    (field,),
                )
            )
        else:
            first[key] = r.path
    return out


def check_report_submitted(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY030: a monthly report claims to be submitted before its month began."""
    out = []
    for r in reports:
        rep = r.report
        if isinstance(rep, MonthlyReport) and rep.submitted is not None:
            year, month = map(int, rep.month.split("-"))
            if rep.submitted < date(year, month, 1):
                out.append(
                    error(
                        "JY030",
                        f"报送日期 {rep.submitted.isoformat()} 早于所报月份 {rep.month}",
                        r.path,
                        ("submitted",),
                    )
                )
    return out


def check_report_tasks(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY023 / JY031: task progress names a real task and comes from its lead unit."""
    out = []
    for r in reports:
        rep = r.report
        if not isinstance(rep, MonthlyReport):
            continue
        for key in rep.tasks:
            task = plan.task_by_id.get(key)
            loc = ("tasks", key)
            if task is None:
                out.append(
                    error(
                        "JY023",
                        f"任务 {key} 未在计划中定义{suggest(key, plan.task_by_id)}",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
            elif rep.unit in plan.unit_by_id and rep.unit not in plan.expand(task.lead):
                out.append(
                    error(
                        "JY031",
                        f"任务 {key}（{task.title}）的进展由牵头单位"
                        f"{'、'.join(plan.unit_label(u) for u in plan.expand(task.lead))}填报",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
    return out


REPORT_CHECKS: list[Callable[[Plan, Reports], list[Diagnostic]]] = [
    check_report_unit,
    check_report_period,
    check_report_owed,
    check_report_indicators,
    check_report_cumulative,
    check_report_duplicates,
    check_report_submitted,
    check_report_tasks,
]


def run_checks(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """Every plan and report check, in list order."""
    out: list[Diagnostic] = []
    for plan_check in PLAN_CHECKS:
        out += plan_check(plan)
    for report_check in REPORT_CHECKS:
        out += report_check(plan, reports)
    return out
