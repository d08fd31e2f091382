"""Checks of the plan itself (JY040–JY049, JY055): small pure functions of the :class:`Plan`."""

from __future__ import annotations

from ..diagnostics import Diagnostic, error, suggest, warning
from ..load import PLAN_PATH as PLAN
from ..models import Plan, covers
from ..models.months import month_due


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
    for ti, task in enumerate(plan.tasks):
        out += [
            ("事项", ("tasks", ti, "actions", i, "id"), action.id)
            for i, action in enumerate(task.actions)
        ]
    out += [("阶段", ("stages", i, "id"), s.id) for i, s in enumerate(plan.stages)]
    out += [("报送事项", ("deliverables", i, "id"), d.id) for i, d in enumerate(plan.deliverables)]
    return out


#: Kinds of id that share one namespace: a unit and a group are both "a unit" on the
#: command line; a task, an indicator and an action are all keys a report and
#: ``set`` and ``confirm`` name without saying which kind they are.
_SPACES = {"单位组": "单位", "指标": "任务", "事项": "任务"}


def check_plan_duplicate_ids(plan: Plan) -> list[Diagnostic]:
    """JY044: an id used twice (units and groups share one namespace; tasks,
    indicators and actions another)."""
    seen: dict[tuple[str, str], tuple[str, tuple]] = {}
    out = []
    for kind, loc, ident in _ids(plan):
        space = _SPACES.get(kind, kind)
        if (space, ident) in seen:
            first_kind, first = seen[(space, ident)]
            # 1-based item numbers: "units 第 2 项", not the 0-based "units.1".
            where = " ".join(f"第 {p + 1} 项" if isinstance(p, int) else p for p in first[:-1])
            same = "" if space == "单位" or first_kind == kind else f"与{first_kind}标识"
            out.append(
                error("JY044", f"{kind}标识 {ident} {same}重复（已在 {where}使用）", PLAN, loc)
            )
        else:
            seen[(space, ident)] = (kind, loc)
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
        for ai, action in enumerate(task.actions):
            for field in ("lead", "responsible"):
                refs += [
                    (("tasks", ti, "actions", ai, field, i), r, True)
                    for i, r in enumerate(getattr(action, field) or [])
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


def check_plan_actions(plan: Plan) -> list[Diagnostic]:
    """JY050: an action's indicators belong to its task, each to one action; its
    milestones fall on or before its due date."""
    out = []
    for ti, task in enumerate(plan.tasks):
        own = {ind.id for ind in task.indicators}
        named: dict[str, str] = {}
        for ai, action in enumerate(task.actions):
            loc = ("tasks", ti, "actions", ai)
            for i, ind in enumerate(action.indicators):
                where = (*loc, "indicators", i)
                if ind not in own:
                    other = plan.task_of_indicator.get(ind) if ind in plan.indicator_by_id else None
                    if ind not in plan.indicator_by_id:
                        why = f"未在计划中定义{suggest(ind, own or plan.indicator_by_id)}"
                    elif other is None:
                        why = "是工作目标的指标，不属于任何任务"
                    else:
                        why = f"属于任务 {other.id}（{other.title}），不属于 {task.id}"
                    out.append(error("JY050", f"事项 {action.id} 的指标 {ind} {why}", PLAN, where))
                elif ind in named:
                    out.append(
                        error(
                            "JY050",
                            f"指标 {ind} 已对应事项 {named[ind]}，一项指标只对应一个事项",
                            PLAN,
                            where,
                        )
                    )
                else:
                    named[ind] = action.id
            for mi, milestone in enumerate(action.milestones):
                if milestone.due > action.due:
                    out.append(
                        error(
                            "JY050",
                            f"事项 {action.id} 的节点日期 {milestone.due.isoformat()} "
                            f"晚于其完成时限 {action.due.isoformat()}",
                            PLAN,
                            (*loc, "milestones", mi, "due"),
                        )
                    )
    return out


def _action_dates(plan: Plan):
    for ti, task in enumerate(plan.tasks):
        for ai, action in enumerate(task.actions):
            loc = ("tasks", ti, "actions", ai)
            yield action, (*loc, "due"), action.due
            for mi, milestone in enumerate(action.milestones):
                yield action, (*loc, "milestones", mi, "due"), milestone.due


def check_plan_tasks(plan: Plan) -> list[Diagnostic]:
    """JY055: a plan without a single task tracks nothing (say it loudly, never "no problems")."""
    if plan.tasks:
        return []
    return [
        error(
            "JY055",
            "计划没有任何工作任务（tasks 为空），无从跟踪各单位的办理情况：请按通知补充 tasks，"
            "每项任务写明 lead（牵头单位）",
            PLAN,
            ("tasks",),
        )
    ]


def check_plan_calendar(plan: Plan) -> list[Diagnostic]:
    """JY049 (warning): a due date the holiday calendar does not cover cannot be rolled over."""
    out = []
    # One warning a year for actions: a drafted plan has a hundred of them, all in one year.
    by_year: dict[int, list] = {}
    for action, loc, day in _action_dates(plan):
        if not covers(plan.calendar, day):
            by_year.setdefault(day.year, []).append((action, loc, day))
    for year, items in by_year.items():
        action, loc, day = items[0]
        what = (
            f"事项 {action.id} 的日期 {day.isoformat()}"
            if len(items) == 1
            else f"事项 {action.id} 等 {len(items)} 个日期"
        )
        out.append(
            warning(
                "JY049",
                f"{what} 在 {year} 年，"
                "calendar 中没有该年的节假日安排：遇节假日无法顺延，请补充国务院办公厅的放假通知",
                PLAN,
                loc,
            )
        )
    for i, d in enumerate(plan.deliverables):
        if d.kind == "monthly" and d.due_day is not None:
            days = [month_due(m, d.due_day) for m in plan.months]
            loc: tuple = ("deliverables", i, "due_day")
        elif d.kind == "quarterly":
            days = [day for _, day in plan.quarter_dues(d)]
            loc = ("deliverables", i, "due_day")
        elif d.due is not None:
            days = [d.due]
            loc = ("deliverables", i, "due")
        else:
            continue
        uncovered = [day for day in days if not covers(plan.calendar, day)]
        if uncovered:
            years = "、".join(sorted({str(day.year) for day in uncovered}))
            out.append(
                warning(
                    "JY049",
                    f"报送事项 {d.id}（{d.name}）的截止日期 {uncovered[0].isoformat()} 等在 {years} 年，"
                    "calendar 中没有该年的节假日安排：遇节假日无法顺延，请补充国务院办公厅的放假通知",
                    PLAN,
                    loc,
                )
            )
    return out
