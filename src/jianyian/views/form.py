"""What a unit fills in for one period: the content of a report, as data.

One view feeds both the YAML skeleton ``jianyian new`` writes and the Excel form
``jianyian form`` writes, so both ask for the same things in the same order.
Pure: the plan and the loaded reports in, a :class:`FormView` out.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..diagnostics import suggest
from ..errors import UsageError
from ..fmt import fmt_date, fmt_month, fmt_target, num
from ..models import (
    MONTH_RE,
    Action,
    ActionEntry,
    Deliverable,
    Indicator,
    LoadedReport,
    MonthlyReport,
    Plan,
    Task,
)
from ..models.form import FORM_VERSION, SUMMARY_TASK_FIELDS, SUMMARY_TASK_LABELS, TASK_STATES

__all__ = [
    "FORM_VERSION",
    "TASK_STATES",
    "Document",
    "FormAction",
    "FormIndicator",
    "FormTask",
    "FormText",
    "FormView",
    "build_form",
    "check_month",
    "find_document",
    "form_file_name",
    "form_name",
    "form_owners",
    "is_summary",
    "led_actions",
    "previous_report",
    "previous_values",
    "qualitative_tasks",
    "value_hint",
]


class FormIndicator(NamedTuple):
    """One indicator row: what the unit reports, and what it reported last."""

    id: str
    name: str
    measure: str
    target: str  # as the notice words it: 力争480个, 20家以上
    hint: str  # what kind of value to write
    previous: float | int | None
    previous_month: str | None
    #: the value this one may not fall below without a 说明 (the previous 累计值 of the same
    #: year for ``ytd``, of the plan for ``cumulative``), else None
    floor: float | int | None


class FormTask(NamedTuple):
    """A qualitative task the unit leads: it reports a state, one of :data:`TASK_STATES`."""

    id: str
    number: str
    title: str
    previous: str | None


class FormAction(NamedTuple):
    """An action the unit leads: it reports a state (:data:`TASK_STATES`) and its progress."""

    id: str
    number: str  # its task's number, （一）1
    text: str  # the notice's words, on one line
    due: str  # 2025年9月30日
    previous: str | None  # the state last reported by a lead unit (:func:`previous_actions`)
    previous_progress: str | None
    #: what the form starts with: the last state (blank when the unit never stated it:
    #: a blank row is not stated this month), and the last progress of an action already
    #: 已完成 (the office confirms from it)
    start: str | None
    start_progress: str | None


class FormText(NamedTuple):
    """A text field: ``key`` is its place in the report (``info.title``, ``problems``…)."""

    key: str
    label: str
    help: str
    multiline: bool
    is_list: bool
    default: str
    #: a band printed above the field: the task a block of a 小结 is about
    heading: str = ""


class FormView(NamedTuple):
    """Everything a form for one unit and one period shows and asks."""

    plan_id: str
    plan_title: str
    unit_id: str
    unit_name: str
    unit_short: str
    period: str  # YYYY-MM or a deliverable id
    kind: str  # "monthly" or "document"
    period_label: str  # 2025年8月 / 上半年办理工作小结
    title: str
    due: str | None
    indicators: tuple[FormIndicator, ...]
    tasks: tuple[FormTask, ...]
    texts: tuple[FormText, ...]
    actions: tuple[FormAction, ...] = ()


def previous_report(reports: list[LoadedReport], unit_id: str, month: str) -> LoadedReport | None:
    """The unit's latest monthly report before ``month``, if any."""
    earlier = [
        r
        for r in reports
        if isinstance(r.report, MonthlyReport) and r.unit == unit_id and r.report.month < month
    ]
    return max(earlier, key=lambda r: (r.report.month, r.path), default=None)


class PreviousAction(NamedTuple):
    """An action's latest earlier statement by one of its lead units."""

    entry: ActionEntry
    unit: str
    month: str


def previous_actions(
    plan: Plan, reports: list[LoadedReport], unit_id: str, month: str
) -> dict[str, PreviousAction]:
    """Action id → the latest statement before ``month`` of each action ``unit_id`` leads,
    by any of the action's lead units: a co-lead's 已完成 is where the unit starts from,
    not its own older 未启动. In the same month the unit's own statement comes first."""
    leads = {a.id: set(plan.action_lead(a.id)) for a in led_actions(plan, unit_id)}
    best: dict[str, tuple[tuple, PreviousAction]] = {}
    for r in reports:
        rep = r.report
        if not isinstance(rep, MonthlyReport) or rep.month >= month:
            continue
        for action_id, entry in rep.actions.items():
            if r.unit not in leads.get(action_id, ()):
                continue
            rank = (rep.month, r.unit == unit_id, r.path)
            if action_id not in best or rank > best[action_id][0]:
                best[action_id] = (rank, PreviousAction(entry, r.unit, rep.month))
    return {a: found for a, (_, found) in best.items()}


def previous_values(
    reports: list[LoadedReport], unit_id: str, month: str
) -> dict[str, tuple[float | int, str]]:
    """Indicator id → (value, month) of the unit's latest earlier report that holds it.

    An indicator missing from last month's report keeps its value from the month before:
    it is what this month's 累计值 may not fall below (JY028).
    """
    earlier = sorted(
        (
            r
            for r in reports
            if isinstance(r.report, MonthlyReport) and r.unit == unit_id and r.report.month < month
        ),
        key=lambda r: (r.report.month, r.path),  # type: ignore[union-attr]
    )
    out: dict[str, tuple[float | int, str]] = {}
    for r in earlier:
        report = r.report
        assert isinstance(report, MonthlyReport)
        for key, entry in report.indicators.items():
            value = num(entry.value)
            assert value is not None
            out[key] = (value, report.month)
    return out


def check_month(plan: Plan, month: str) -> None:
    """``month`` is ``YYYY-MM`` and inside the plan period, or a usage error."""
    if not MONTH_RE.match(month):
        raise UsageError(f"--month 的值“{month}”不是有效月份，应写作 YYYY-MM，如 2025-08")
    if month not in plan.months:
        raise UsageError(f"月份 {month} 不在方案办理期（{plan.months[0]} 至 {plan.months[-1]}）内")


class Document(NamedTuple):
    """One document a unit owes: its period (the report's file name), the deliverable, the day."""

    period: str
    deliverable: Deliverable
    due: date


def find_document(plan: Plan, text: str) -> Document:
    """The document ``text`` names, or a usage error listing the candidates: a one-off
    deliverable by its id, name or short name (:meth:`~jianyian.models.Plan.find_deliverables`),
    or one quarter of a quarterly one (``<标识、名称或简称>-YYYY-MM``). The one resolver of
    ``--deliverable``, wherever it is accepted."""
    text = text.strip()
    found = plan.documents.get(text)
    if found is not None:
        return Document(text, *found)
    quarter = re.fullmatch(r"(.+?)-(\d{4}-\d{2})", text)
    if quarter:  # a quarter of a quarterly deliverable named by its name or short name
        named = [d for d in plan.find_deliverables(quarter[1]) if d.kind == "quarterly"]
        period = f"{named[0].id}-{quarter[2]}" if len(named) == 1 else ""
        if period in plan.documents:
            return Document(period, *plan.documents[period])
    matches = plan.find_deliverables(text)
    if len(matches) == 1:
        known = matches[0]
        if known.kind == "once" and known.id in plan.documents:
            return Document(known.id, *plan.documents[known.id])
        if known.kind == "monthly":
            raise UsageError(f"{known.name}按月报送：请用 --month YYYY-MM")
        if known.kind == "quarterly":
            periods = "、".join(p for p, _ in plan.quarter_dues(known))
            raise UsageError(f"{known.name}按季度报送：请写明是哪一期，如 --deliverable {periods}")
    if len(matches) > 1:
        listing = "、".join(f"{d.id}（{d.name}）" for d in matches)
        raise UsageError(f"“{text}”可指多个报送事项：{listing}，请写全称或标识")
    listing = "、".join(f"{p}（{d.name}）" for p, (d, _) in plan.documents.items())
    words = [*plan.documents, *(w for d in plan.deliverables for w in (d.name, d.short) if w)]
    raise UsageError(f"计划中没有报送事项“{text}”{suggest(text, words)}（可选：{listing}）")


def value_hint(plan: Plan, ind: Indicator, period: str | None) -> str:
    """What the unit writes for ``ind`` in ``period``'s report, in the office's words."""
    if ind.kind == "ytd" and period and MONTH_RE.fullmatch(period):
        year, n = int(period[:4]), int(period[5:7])
        kind = f"{year}年1–{n}月累计值（自{year}年1月1日起）"
    elif ind.kind in ("ytd", "cumulative"):
        kind = "1–N月累计值（自当年1月1日起）" if ind.kind == "ytd" else "自方案开始的累计值"
    elif ind.kind == "level":
        kind = "月末时点值"
    else:
        kind = "百分比数值（如 7 表示 7%）"
    if ind.combine == "sum":
        kind = f"本单位的{kind}，全市数由各单位相加"
    return kind


def qualitative_tasks(plan: Plan, unit_id: str) -> list[Task]:
    """Tasks with neither indicators nor actions that ``unit_id`` leads (it reports their
    state in ``tasks:``; a task divided into actions is reported action by action)."""
    return [
        t
        for t in plan.tasks
        if not t.indicators and not t.actions and unit_id in plan.expand(t.lead)
    ]


def led_actions(plan: Plan, unit_id: str) -> list[Action]:
    """The actions ``unit_id`` leads, in plan order (it reports their state in ``actions:``)."""
    return [plan.action_by_id[a] for a in plan.actions_of_unit.get(unit_id, [])]


def _monthly_texts(unit_name: str, month: str) -> tuple[FormText, ...]:
    return (
        FormText(
            "info.title",
            "信息标题",
            "本月信息 1 篇的标题",
            False,
            False,
            f"{unit_name}{fmt_month(month)}建议案办理工作情况",
        ),
        FormText("info.body", "信息正文", "本月工作进展、主要成效和典型做法", True, False, ""),
        FormText("problems", "存在问题", "每行一条；没有可不填", True, True, ""),
        FormText("next_steps", "下步工作", "每行一条；没有可不填", True, True, ""),
    )


def _document_texts(unit_name: str, deliverable: Deliverable) -> tuple[FormText, ...]:
    return (
        FormText("title", "标题", "", False, False, unit_name + deliverable.name),
        FormText(
            "body",
            "正文",
            "".join((deliverable.text or deliverable.name).splitlines()),
            True,
            False,
            "",
        ),
        FormText("problems", "存在问题", "每行一条；没有可不填", True, True, ""),
        FormText("next_steps", "下步工作", "每行一条；没有可不填", True, True, ""),
    )


def is_summary(deliverable: Deliverable) -> bool:
    """Whether a deliverable is a 小结／总结 (written in sections), by its name or short name."""
    words = (deliverable.name, deliverable.short or "")
    return deliverable.kind == "once" and any("小结" in w or "总结" in w for w in words)


def _summary_texts(plan: Plan, unit_id: str, deliverable: Deliverable) -> tuple[FormText, ...]:
    """A 小结／总结 in sections: 总体情况, one block per task the unit leads or shares
    (主要做法, 成效, 存在问题), then the lists."""
    unit_name = plan.unit_by_id[unit_id].name
    out = [
        FormText("title", "标题", "", False, False, unit_name + deliverable.name),
        FormText("overview", "总体情况", "本单位办理工作的总体情况", True, False, ""),
    ]
    for task in plan.tasks_of_unit(unit_id):
        task_id = task.id
        role = "牵头" if unit_id in plan.expand(task.lead) else "配合"
        heading = f"{task.number} {task.title}（本单位{role}）"
        for n, field in enumerate(SUMMARY_TASK_FIELDS):
            label = SUMMARY_TASK_LABELS[field]
            help_text = "尽量写明数字" if field == "results" else ""
            out.append(
                FormText(
                    f"tasks.{task_id}.{field}",
                    f"{task.number} {label}",
                    help_text,
                    True,
                    False,
                    "",
                    heading if n == 0 else "",
                )
            )
    out += [
        FormText("problems", "存在问题", "面上的问题，每行一条；没有可不填", True, True, ""),
        FormText("next_steps", "下步工作", "每行一条；没有可不填", True, True, ""),
    ]
    return tuple(out)


def build_form(
    plan: Plan,
    reports: list[LoadedReport],
    unit_id: str,
    *,
    month: str | None = None,
    deliverable: str | None = None,
) -> FormView:
    """The form for ``unit_id``: its monthly report for ``month``, or a document.

    A monthly form lists the unit's own indicators (each with its latest earlier value),
    the qualitative tasks and the actions it leads (each with its last state); a
    document form only text.
    """
    if (month is None) == (deliverable is None):
        raise UsageError("请指定 --month YYYY-MM（月报）或 --deliverable 报送事项标识（二选一）")
    unit = plan.unit_by_id[unit_id]
    common = {
        "plan_id": plan.plan.id,
        "plan_title": plan.plan.title,
        "unit_id": unit_id,
        "unit_name": unit.name,
        "unit_short": unit.short or unit.name,
    }
    if deliverable is not None:
        doc = find_document(plan, deliverable)
        return FormView(
            **common,
            period=doc.period,
            kind="document",
            period_label=doc.deliverable.name,
            title=f"{unit.name}{doc.deliverable.name}填报表",
            due=fmt_date(doc.due),
            indicators=(),
            tasks=(),
            texts=(
                _summary_texts(plan, unit_id, doc.deliverable)
                if is_summary(doc.deliverable)
                else _document_texts(unit.name, doc.deliverable)
            ),
        )
    assert month is not None
    check_month(plan, month)
    prev = previous_report(reports, unit_id, month)
    last = prev.report if prev is not None else None
    assert last is None or isinstance(last, MonthlyReport)
    earlier = previous_values(reports, unit_id, month)
    rows = []
    for ind_id in plan.indicators_of_unit.get(unit_id, []):
        ind = plan.indicator_by_id[ind_id]
        old, old_month = earlier.get(ind_id, (None, None))
        same_era = old_month is not None and (
            ind.kind == "cumulative" or (ind.kind == "ytd" and old_month[:4] == month[:4])
        )
        rows.append(
            FormIndicator(
                ind_id,
                ind.name,
                ind.measure,
                fmt_target(ind.target, ind.measure, ind.qualifier),
                value_hint(plan, ind, month),
                old,
                old_month,
                old if same_era else None,
            )
        )
    tasks = []
    for task in qualitative_tasks(plan, unit_id):
        old_task = last.tasks.get(task.id) if last is not None else None
        tasks.append(
            FormTask(task.id, task.number, task.title, old_task.status if old_task else None)
        )
    actions = []
    earlier_actions = previous_actions(plan, reports, unit_id, month)
    for action in led_actions(plan, unit_id):
        found = earlier_actions.get(action.id)
        old_action = found.entry if found is not None else None
        actions.append(
            FormAction(
                action.id,
                plan.task_of_action[action.id].number,
                "".join(action.text.split()),
                fmt_date(action.due),
                old_action.status if old_action else None,
                old_action.progress if old_action else None,
                old_action.status if old_action else None,
                old_action.progress
                if old_action is not None and old_action.status == "已完成"
                else None,
            )
        )
    return FormView(
        **common,
        period=month,
        kind="monthly",
        period_label=fmt_month(month),
        title=f"{unit.name}{fmt_month(month)}建议案办理情况填报表",
        due=None,
        indicators=tuple(rows),
        tasks=tuple(tasks),
        texts=_monthly_texts(unit.name, month),
        actions=tuple(actions),
    )


def form_owners(
    plan: Plan, *, month: str | None = None, deliverable: str | None = None
) -> list[str]:
    """Unit ids that owe the period: the monthly deliverable's owners, or the document's."""
    if deliverable is not None:
        return plan.owners(find_document(plan, deliverable).deliverable)
    assert month is not None
    check_month(plan, month)
    monthly = plan.monthly_deliverable
    return plan.owners(monthly) if monthly is not None else []


_UNSAFE = str.maketrans({c: "_" for c in '/\\:*?"<>|'})


def form_file_name(view: FormView) -> str:
    """``<简称>-<YYYY-MM>.xlsx`` (or ``<简称>-<报送事项>.xlsx``), safe as a file name."""
    label = view.period if view.kind == "monthly" else view.period_label
    return form_name(view.unit_short, label, view.unit_id)


#: A short name longer than this is no file name (255 bytes at most): the unit id stands in.
MAX_SHORT_IN_NAME = 60


def form_name(unit_short: str, label: str, unit_id: str | None = None) -> str:
    """The file name of a unit's form for ``label`` (a month or a deliverable's name):
    what :func:`form_file_name` gives, for a view not built yet (a 催报 notice names it).
    A short name too long for a file name, or starting with a dot, gives way to ``unit_id``."""
    short = unit_short.strip()
    if unit_id is not None and (len(short) > MAX_SHORT_IN_NAME or short.startswith(".")):
        short = unit_id
    name = f"{short}-{label[:MAX_SHORT_IN_NAME]}.xlsx".translate(_UNSAFE)
    return "".join(ch for ch in name if ch.isprintable())
