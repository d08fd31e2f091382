"""Checks of the reports against the plan and each other (JY019, JY020–JY039, JY051).

Each check takes the plan and every loaded report and returns diagnostics
carrying a key path (``loc``); :func:`jianyian.checks.check_project` turns it
into line and column.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..diagnostics import Diagnostic, error, suggest, warning
from ..fmt import fmt_month
from ..models import DocumentReport, IndicatorEntry, LoadedReport, MonthlyReport, Plan, is_nothing
from ..models.months import previous_month

Reports = list[LoadedReport]

#: The text ``jianyian new`` writes where the liaison's own words go (JY034 finds it).
PLACEHOLDER = "（待填写）"
#: Measures that count whole things: a decimal value is a typo (JY036).
WHOLE_MEASURES = frozenset({"个", "家", "项", "名", "条", "人", "件", "所", "座", "次"})
#: The list fields a liaison writes: their Chinese names, and what an empty one lacks.
LIST_LABELS = {"problems": ("存在问题", "问题"), "next_steps": ("下步工作", "下步工作")}


def check_report_unit(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY020 / JY024: the unit is declared and matches its folder."""
    out = []
    for r in reports:
        unit = r.report.unit
        known = unit in plan.unit_by_id  # the common case: no search through every unit
        named = [] if known else [u for u in plan.find_units(unit) if unit in (u.name, u.short)]
        if not known and len(named) == 1:
            # The name instead of the id: say exactly what to type.
            the = named[0]
            out.append(
                error(
                    "JY020",
                    f"单位标识应为 {the.id}（{the.name}）：请把 unit: {unit} 改为 unit: {the.id}",
                    r.path,
                    ("unit",),
                )
            )
            if the.id == r.folder:
                continue
            unit = the.id
        elif not known:
            # A name (市经信委) is compared with names, an id with ids.
            names = {f"{u.id}（{u.name}）": u.name for u in plan.units}
            hint = suggest(unit, plan.unit_by_id)
            if not unit.isascii():
                close = suggest(unit, names.values())
                hint = next(
                    (f"，是否指 {k}？" for k, v in names.items() if close == f"，是否指 {v}？"), ""
                )
            out.append(
                error(
                    "JY020",
                    f"单位 {unit} 未在计划中声明{hint}",
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
    documents = plan.documents
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
                message = f"报送事项 {rep.deliverable} 未在计划中定义{suggest(rep.deliverable, documents)}"
                if rep.deliverable in monthly_ids:
                    message = f"报送事项 {rep.deliverable} 未在计划中定义：每月信息请写在 YYYY-MM.yaml 月报中"
                elif rep.deliverable in plan.deliverable_by_id:
                    quarters = plan.quarter_dues(plan.deliverable_by_id[rep.deliverable])
                    message = (
                        f"报送事项 {rep.deliverable} 按季度报送：deliverable 和文件名须写明是哪一期"
                        f"（{'、'.join(p for p, _ in quarters)}）"
                    )
                out.append(error("JY022", message, r.path, ("deliverable",)))
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
    owners.update({p: owners[d.id] for p, (d, _) in plan.documents.items()})
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
                    f"{plan.documents[rep.deliverable][0].name}",
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


def _earlier(month: str, before: str) -> str:
    """How a message names ``before`` seen from ``month``: 上月, or 2025年5月."""
    return "上月" if before == previous_month(month) else fmt_month(before)


def check_report_cumulative(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY028: a running total below the same unit's previous month.

    A 1–N月累计 value (``ytd``) may only fall when a new year starts; a value counted
    from the plan's start (``cumulative``) never; stocks and rates may go down. A lower
    value is an error (a month's increment typed instead of the 累计值 would read as a
    fall), unless it carries a ``note`` explaining it (a correction): then a warning,
    and later months are compared with it. Each month is compared with the latest
    earlier month that stands (a month in error is not the new reference).
    """
    series: dict[tuple[str, str, str], list[tuple[str, IndicatorEntry, LoadedReport]]] = (
        defaultdict(list)
    )
    for r in reports:
        rep = r.report
        if isinstance(rep, MonthlyReport):
            for key, entry in rep.indicators.items():
                ind = plan.indicator_by_id.get(key)
                if ind is not None and ind.kind in ("ytd", "cumulative"):
                    era = rep.month[:4] if ind.kind == "ytd" else ""
                    series[(rep.unit, key, era)].append((rep.month, entry, r))
    out = []
    for (_, key, era), points in series.items():
        ind = plan.indicator_by_id[key]
        what = f"{era}年1月起的累计值" if era else "自方案开始的累计值"
        counted = "1–N月累计，" if era else ""
        points.sort(key=lambda p: (p[0], p[2].path))
        ref: tuple[str, float] | None = None  # the latest month that stands, and its value
        for month, entry, r in points:
            value, loc = entry.value, ("indicators", key, "value")
            if ref is not None and value < ref[1] and month != ref[0]:
                when, was = _earlier(month, ref[0]), f"{ref[1]:g}"
                head = f"指标 {key}（{ind.name}）填的是 {value:g}，低于{when}"
                if entry.note:
                    out.append(
                        warning(
                            "JY028",
                            f"{head}的 {was}，已附说明“{entry.note}”：请确认说明写清了下调的原因，"
                            f"以后各月在 {value:g} 的基础上累计",
                            r.path,
                            loc,
                        )
                    )
                else:
                    out.append(
                        error(
                            "JY028",
                            f"{head}：应填写{what}，{when}为{was}（{counted}不是当月新增）。"
                            "确需下调（如数据修正）时请写明原因："
                            f"{key}: {{value: {value:g}, note: 数据修正：…}}"
                            "（填报表中填在该指标的“说明”栏）",
                            r.path,
                            loc,
                        )
                    )
                    continue
            ref = (month, value)
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


def check_report_submitted_future(plan: Plan, reports: Reports, today: date) -> list[Diagnostic]:
    """JY033: ``submitted:`` after today (a report cannot have arrived in the future)."""
    out = []
    for r in reports:
        rep = r.report
        if rep.submitted is not None and rep.submitted > today:
            out.append(
                error(
                    "JY033",
                    f"报送日期 {rep.submitted.isoformat()} 晚于今天：请填写实际报送的日期",
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
                hint = suggest(key, plan.task_by_id)
                if key in plan.action_by_id:
                    hint = f"：{key} 是事项，请写在 actions: 下"
                out.append(
                    error("JY023", f"任务 {key} 未在计划中定义{hint}", r.path, loc, at_key=True)
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
            elif task.actions:
                first = task.actions[0].id
                out.append(
                    warning(
                        "JY051",
                        f"任务 {key}（{task.title}）已分解为 {len(task.actions)} 个事项，"
                        f"任务进展不再按 tasks: 计算：请在 actions: 中逐项填报，如 {first}: 推进中",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
    return out


def check_report_actions(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY037 / JY038 / JY039: an action is known, owned by the unit, and 已完成 says how."""
    out = []
    for r in reports:
        rep = r.report
        if not isinstance(rep, MonthlyReport):
            continue
        for key, entry in rep.actions.items():
            loc = ("actions", key)
            action = plan.action_by_id.get(key)
            if action is None:
                out.append(error("JY037", unknown_action(plan, key), r.path, loc, at_key=True))
                continue
            lead = plan.action_lead(key)
            if rep.unit in plan.unit_by_id and rep.unit not in lead + plan.action_responsible(key):
                names = "、".join(plan.unit_label(u) for u in lead[:5])
                more = " 等" if len(lead) > 5 else ""
                out.append(
                    warning(
                        "JY038",
                        f"事项 {key} 不由{plan.unit_label(rep.unit)}承担"
                        f"（牵头单位：{names}{more}），其状态不计入事项进展",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
            if entry.status == "已完成" and not (entry.progress or "").strip():
                out.append(
                    warning(
                        "JY039",
                        f"事项 {key} 报“已完成”，但没有写 progress（进展情况）：请写明完成情况和佐证"
                        "（文件名、文号或链接文字），办公室据此销号",
                        r.path,
                        loc,
                        at_key=True,
                    )
                )
    return out


def unknown_action(plan: Plan, key: str) -> str:
    """The message for an action id the plan does not have, with the nearest id (JY037)."""
    if key in plan.task_by_id:
        ids = [a.id for a in plan.task_by_id[key].actions]
        if ids:
            listing = "、".join(ids[:3]) + (" 等" if len(ids) > 3 else "")
            return f"事项 {key} 未在计划中定义：{key} 是任务，请填写它的事项（{listing}）"
    if key in plan.indicator_by_id:
        return f"事项 {key} 未在计划中定义：{key} 是指标，请写在 indicators: 下"
    return f"事项 {key} 未在计划中定义{suggest(key, plan.action_by_id)}"


def _texts(report: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Every free text of a report with its key path: titles, bodies, list items, notes."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(report, MonthlyReport):
        out += [(("info", "title"), report.info.title), (("info", "body"), report.info.body)]
        for key, entry in report.indicators.items():
            if entry.note:
                out.append((("indicators", key, "note"), entry.note))
        for key, task in report.tasks.items():
            if task.note:
                out.append((("tasks", key, "note"), task.note))
        for key, action in report.actions.items():
            if action.progress:
                out.append((("actions", key, "progress"), action.progress))
    else:
        assert isinstance(report, DocumentReport)
        for key in ("title", "body", "overview"):
            text = getattr(report, key)
            if text:
                out.append(((key,), text))
        for task_id, entry in report.tasks.items():
            for field, text in entry.texts():
                out.append((("tasks", task_id, field), text))
    for field in ("problems", "next_steps"):
        for i, item in enumerate(getattr(report, field)):
            out.append(((field, i), item))
    return out


def check_report_placeholders(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY034 (warning): text ``jianyian new`` wrote is still there, and would reach the briefing."""
    out = []
    for r in reports:
        for loc, text in _texts(r.report):
            if PLACEHOLDER in text:
                out.append(
                    warning(
                        "JY034",
                        f"仍是模板的占位文字“{PLACEHOLDER}…”：请改为本单位的实际内容"
                        "（否则会原样进入简报）",
                        r.path,
                        loc,
                    )
                )
    return out


def _in_flow_list(source: str, item: str) -> bool:
    """Whether ``item`` is written inside ``[…]`` in ``source`` (not as a ``- item`` line)."""
    for line in source.splitlines():
        at = line.find(item)
        if at > 0 and "[" in line[:at]:
            return True
    return False


def check_report_list_items(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY035 (warning): ``[甲，乙]`` is one item, the full-width comma does not separate."""
    out = []
    for r in reports:
        for field, (label, _) in LIST_LABELS.items():
            for i, item in enumerate(getattr(r.report, field)):
                if "，" not in item or not _in_flow_list(r.source.text, item):
                    continue
                parts = [p.strip() for p in item.split("，") if p.strip()]
                out.append(
                    warning(
                        "JY035",
                        f"{field}（{label}）第 {i + 1} 项“{item}”含全角逗号“，”，会被当作一项："
                        f"若是 {len(parts)} 项，请用半角逗号加空格分开，"
                        f"如 [{', '.join(parts)}]，或每项一行写作“  - {parts[0]}”",
                        r.path,
                        (field, i),
                    )
                )
    return out


def check_report_whole_counts(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY036 (warning): a decimal for an indicator counted in whole things (8.5个)."""
    out = []
    for r in reports:
        if not isinstance(r.report, MonthlyReport):
            continue
        for key, entry in r.report.indicators.items():
            ind = plan.indicator_by_id.get(key)
            if ind is None or ind.measure not in WHOLE_MEASURES:
                continue
            if entry.value != int(entry.value):
                out.append(
                    warning(
                        "JY036",
                        f"指标 {key}（{ind.name}）以“{ind.measure}”计，应为整数，"
                        f"这里填的是 {entry.value:g}：请填写实际数量",
                        r.path,
                        ("indicators", key, "value"),
                    )
                )
    return out


def nothing_message(field: str, number: int, item: str) -> str:
    """JY019's sentence for entry ``number`` (1-based) of ``field``, which says only “无”."""
    label, noun = LIST_LABELS[field]
    return (
        f"{field}（{label}）第 {number} 项“{item.strip()}”表示没有，按未填写处理，不进入简报："
        f"没有{noun}时写 {field}: []，或删去这一项"
    )


def check_report_nothing_items(plan: Plan, reports: Reports) -> list[Diagnostic]:
    """JY019 (warning): an entry that only says 无／暂无／没有 is no entry (every view skips it)."""
    out = []
    for r in reports:
        for field in LIST_LABELS:
            for i, item in enumerate(getattr(r.report, field)):
                if is_nothing(item):
                    out.append(
                        warning("JY019", nothing_message(field, i + 1, item), r.path, (field, i))
                    )
    return out
