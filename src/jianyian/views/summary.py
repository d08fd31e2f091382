"""The office's own deliverables (issue 28): the 半年总结, the 年度总结 and the report to 市政协.

A draft the office edits into the real document, compiled from two sources only: the
engine's numbers (the same functions ``status`` uses, with data up to the period's last
month) and the units' 小结／总结, every passage attributed to the units that wrote it
(identical passages merged, naming them all). Nothing is invented: a sentence here is a
unit's text or a number's sentence that another output prints too.

Pure: the plan, the loaded reports, the submission dates and the day in; a
:class:`Summary` out, which the Markdown template and the Word layout both print.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from ..engine import Progress, arrived
from ..engine.evaluation import EvaluationResult
from ..errors import UsageError
from ..fmt import fmt_date, fmt_month
from ..models import Deliverable, DocumentReport, LoadedReport, Plan, said
from .actions import actions_summary_text, task_progress_text
from .brief_body import title_lines
from .brief_records import IndicatorRow
from .brief_sections import headline, indicator_rows, unit_names
from .brief_texts import headline_text
from .duban import duban_standing_text
from .evaluation import evaluation_text
from .form import is_summary

__all__ = [
    "AUDIENCES",
    "ActionRow",
    "Passage",
    "Period",
    "Summary",
    "TaskSection",
    "build_summary",
    "parse_period",
    "summary_deliverable",
]

#: ``--for``: who a report is addressed to → how the report calls them.
AUDIENCES = {"市政协": "市政协", "政协": "市政协"}

_HALF_RE = re.compile(r"(\d{4})\s*[Hh]([12])")


class Period(NamedTuple):
    """The period a summary covers: a half year or a year."""

    kind: str  # "half" or "year"
    year: int
    half: int | None  # 1 or 2 for a half year
    label: str  # 2025年上半年 / 2025年
    last_month: str  # YYYY-MM: the period's last data month

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)


def parse_period(half: str | None, year: int | None) -> Period:
    """``--half 2025H1`` or ``--year 2025`` (exactly one), or a usage error."""
    if (half is None) == (year is None):
        raise UsageError("请指定 --half YYYYH1（半年总结）或 --year YYYY（年度总结），二选一")
    if half is not None:
        m = _HALF_RE.fullmatch(half.strip())
        if m is None:
            raise UsageError(f"--half 的值“{half}”无效：应写作 2025H1（上半年）或 2025H2（下半年）")
        y, h = int(m.group(1)), int(m.group(2))
        label = f"{y}年{'上' if h == 1 else '下'}半年"
        return Period("half", y, h, label, f"{y}-{6 if h == 1 else 12:02d}")
    assert year is not None
    return Period("year", year, None, f"{year}年", f"{year}-12")


class Passage(NamedTuple):
    """One passage of the units' text, as written, and who wrote it (unit names, 、)."""

    text: str
    units: str


class TaskSection(NamedTuple):
    """One task in 二、主要做法和成效 and 三、存在的问题: its numbers and the units' words."""

    id: str
    number: str
    title: str
    lead: str  # lead unit names
    progress_text: str  # the engine's two-part sentence, as status prints it
    measures: tuple[Passage, ...]
    results: tuple[Passage, ...]
    problems: tuple[Passage, ...]
    #: lead units whose summary says nothing on this task, or who sent none (names, 、)
    silent_leads: str


class ActionRow(NamedTuple):
    """One action in 附件 任务落实情况表."""

    task_number: str
    id: str
    text: str
    units: str  # lead unit names
    due: str  # 9月30日 (in the summary's year), else 2026年3月31日
    state: str  # 已销号／待确认／逾期／推进中／未启动／未报送
    evidence: str  # the 销号 note, else the lead unit's latest words, else —


class Summary(NamedTuple):
    """Everything the summary prints, in every format."""

    kind: str  # "half" or "year"
    audience: str | None  # "市政协" for the 办理情况报告, else None (the 总结)
    title: str
    title_lines: tuple[str, ...]  # the title broken at a phrase boundary (as the briefing's)
    subject: str  # 市政协十四届四次会议2号建议案
    issuer: str  # the office, who drafts it
    period_label: str
    as_of: date
    data_month: str  # the latest data month behind the numbers (YYYY-MM)
    deliverable: str  # the units' deliverable compiled: 上半年办理工作小结
    headline: str
    actions_text: str
    reporting: str  # who sent their 小结, late, not at all
    submitted_units: tuple[str, ...]  # unit names, plan order
    late_units: tuple[str, ...]
    missing_units: tuple[str, ...]
    duban: str | None  # the 督办 sentence, when 督办 items exist (issue 26)
    evaluation: str | None
    opinions: tuple[Passage, ...]
    overview: tuple[Passage, ...]
    tasks: tuple[TaskSection, ...]
    problems: tuple[Passage, ...]  # the units' own problem lists, merged
    next_steps: tuple[Passage, ...]
    actions: tuple[ActionRow, ...]
    indicators: tuple[IndicatorRow, ...]
    data_errors: int


def summary_deliverable(plan: Plan, period: Period) -> Deliverable:
    """The units' 小结／总结 the period compiles: a one-off summary owed by a set of units
    (not one named unit, as the city's own summaries are) due in the period's year — for a
    first half the earliest, else the latest."""
    candidates = [
        d
        for d in plan.deliverables
        if is_summary(d) and isinstance(d.owed_by, str) and d.due and d.due.year == period.year
    ]
    if period.half == 1:
        candidates = [d for d in candidates if d.due is not None and d.due.month <= 7]
    if not candidates:
        raise UsageError(
            f"计划中没有{period.label}各单位报送的小结或总结（名称含“小结”或“总结”、"
            "由单位集合报送的一次性报送事项）"
        )
    pick = min if period.half == 1 else max
    return pick(candidates, key=lambda d: (d.due, d.id))


def subject_of(plan: Plan) -> str:
    """``市政协十四届四次会议2号建议案``: the plan's title without its 办理工作方案."""
    title = plan.plan.title
    for tail in ("办理工作方案", "工作方案", "方案"):
        if title.endswith(tail) and len(title) > len(tail):
            return title.removesuffix(tail)
    return title


def _normal(text: str) -> str:
    """What two units' identical passages share: blanks and trailing punctuation dropped."""
    return "".join(text.split()).rstrip("。；;，,.")


def merge(plan: Plan, items: list[tuple[str, str]]) -> tuple[Passage, ...]:
    """(unit id, text) pairs as passages: identical texts merged, naming every unit, in
    the order they first appear (units in plan order)."""
    seen: dict[str, tuple[str, list[str]]] = {}
    for unit, text in items:
        text = text.strip()
        if not text:
            continue
        entry = seen.setdefault(_normal(text), (text, []))
        if unit not in entry[1]:
            entry[1].append(unit)
    return tuple(Passage(text, unit_names(plan, units)) for text, units in seen.values())


def _action_rows(plan: Plan, progress: Progress, year: int) -> tuple[ActionRow, ...]:
    """Every action, in plan order; a due date in the summary's ``year`` without its year."""
    rows = []
    for a in progress.actions:
        task = plan.task_of_action.get(a.id)
        if a.confirmed is not None:
            evidence = f"{fmt_date(a.confirmed)}销号" + (
                f"：{a.confirm_note}" if a.confirm_note else ""
            )
        elif a.progress:
            month = f"（{fmt_month(a.reported_month)}）" if a.reported_month else ""
            evidence = f"{a.progress}{month}"
        else:
            evidence = "—"
        rows.append(
            ActionRow(
                task.number if task else "",
                a.id,
                "".join(a.text.split()),
                unit_names(plan, a.lead),
                f"{a.due.month}月{a.due.day}日" if a.due.year == year else fmt_date(a.due),
                a.state,
                evidence,
            )
        )
    return tuple(rows)


def _reporting(plan: Plan, progress: Progress, deliverable: Deliverable) -> str:
    """``应报送上半年办理工作小结的40家单位中，已报送39家（按时37家、迟报2家），迟报：…；未报送：…。``"""
    order = {u.id: n for n, u in enumerate(plan.units)}
    items = sorted(
        (d for d in progress.deliverables if d.deliverable == deliverable.id),
        key=lambda d: order.get(d.unit, len(order)),
    )
    owed = len(items)
    on_time = [d.unit for d in items if d.state == "on_time"]
    late = [d.unit for d in items if d.state == "late"]
    missing = [d.unit for d in items if d.state in ("overdue", "invalid")]
    not_due = [d.unit for d in items if d.state == "not_due"]
    text = f"应报送{deliverable.name}的{owed}家单位中，已报送{len(on_time) + len(late)}家"
    if on_time or late:
        text += f"（按时{len(on_time)}家、迟报{len(late)}家）"
    if late:
        text += f"，迟报：{unit_names(plan, late)}"
    if missing:
        text += f"；未报送：{unit_names(plan, missing)}"
    if not_due:
        text += f"；{len(not_due)}家未到截止日期"
    return text + "。"


def build_summary(
    plan: Plan,
    reports: list[LoadedReport],
    submitted: Mapping[str, date],
    progress: Progress,
    period: Period,
    *,
    audience: str | None = None,
    evaluation: EvaluationResult | None = None,
    data_errors: int = 0,
) -> Summary:
    """The summary of ``period`` as of ``progress.as_of``.

    ``progress`` is the engine's picture with data up to the period's last month
    (``compute_progress(..., upto=period.last_month)``), 督办 items included
    (where they stand on as-of); ``evaluation`` the 满意度测评 on as-of.
    """
    as_of = progress.as_of
    deliverable = summary_deliverable(plan, period)
    order = {u.id: n for n, u in enumerate(plan.units)}
    docs = sorted(
        (
            r
            for r in arrived(reports, submitted, as_of)
            if isinstance(r.report, DocumentReport) and r.report.deliverable == deliverable.id
        ),
        key=lambda r: (order.get(r.unit, len(order)), r.path),
    )
    summaries: list[DocumentReport] = [r.report for r in docs]  # type: ignore[misc]
    statuses = sorted(
        (d for d in progress.deliverables if d.deliverable == deliverable.id),
        key=lambda d: order.get(d.unit, len(order)),
    )
    late_units = [d.unit for d in statuses if d.state == "late"]
    missing_ids = [d.unit for d in statuses if d.state in ("overdue", "invalid")]

    overview = merge(
        plan,
        [(s.unit, s.overview) for s in summaries if s.overview]
        + [(s.unit, s.body) for s in summaries if s.body],
    )
    sections = []
    for task in plan.tasks:
        parts: dict[str, list[tuple[str, str]]] = {"measures": [], "results": [], "problems": []}
        for s in summaries:
            entry = s.tasks.get(task.id)
            if entry is None:
                continue
            for field, text in entry.texts():
                parts[field].append((s.unit, text))
        leads = plan.expand(task.lead)
        spoke = {s.unit for s in summaries if s.tasks.get(task.id) and s.tasks[task.id].texts()}
        status = next((t for t in progress.tasks if t.id == task.id), None)
        sections.append(
            TaskSection(
                task.id,
                task.number,
                task.title,
                unit_names(plan, leads),
                task_progress_text(status) if status is not None else "",
                merge(plan, parts["measures"]),
                merge(plan, parts["results"]),
                merge(plan, parts["problems"]),
                unit_names(plan, [u for u in leads if u not in spoke]),
            )
        )
    problems = merge(plan, [(s.unit, p) for s in summaries for p in said(s.problems)])
    next_steps = merge(plan, [(s.unit, p) for s in summaries for p in said(s.next_steps)])
    reporting = _reporting(plan, progress, deliverable)
    subject = subject_of(plan)
    if audience is not None:
        title = f"关于{subject}办理情况的报告"
    else:
        title = f"{subject}{period.label}办理工作总结"
    quote_evaluation = evaluation is not None and (audience is not None or period.kind == "year")
    return Summary(
        kind=period.kind,
        audience=audience,
        title=title,
        title_lines=title_lines(title),
        subject=subject,
        issuer=plan.office_name,
        period_label=period.label,
        as_of=as_of,
        # The rows' latest data month (what the headline says), else the month judged.
        data_month=progress.expected_month or progress.upto,
        deliverable=deliverable.name,
        headline=headline_text(headline(plan, progress)),
        actions_text=actions_summary_text(progress.action_summary)
        if progress.action_summary
        else "",
        reporting=reporting,
        submitted_units=tuple(plan.unit_label(s.unit) for s in summaries),
        late_units=tuple(plan.unit_label(u) for u in late_units),
        missing_units=tuple(plan.unit_label(u) for u in missing_ids),
        duban=duban_standing_text(plan, progress),
        evaluation=evaluation_text(evaluation) if quote_evaluation and evaluation else None,
        opinions=tuple(Passage(o, "") for o in evaluation.evaluation.opinions)
        if quote_evaluation and evaluation
        else (),
        overview=overview,
        tasks=tuple(sections),
        problems=problems,
        next_steps=next_steps,
        actions=_action_rows(plan, progress, period.year),
        indicators=tuple(indicator_rows(plan, progress)),
        data_errors=data_errors,
    )
