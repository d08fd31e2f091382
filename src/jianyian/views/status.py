"""The status view: ``status`` and ``status --unit`` for the terminal and JSON. No IO, no clock.

Every JSON shape carries ``"version"``; README documents them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..engine import DeliverableStatus, IndicatorProgress, Progress, arrived, parts_target
from ..engine.evaluation import EvaluationResult
from ..fmt import num
from ..models import LoadedReport, MonthlyReport, Plan, said
from .actions import action_view, summary_view, task_counts, unit_actions
from .brief_sections import completion_text, headline, parts_note, stale_note
from .brief_texts import headline_text
from .duban import duban_record, duban_summary_view, unit_duban_view
from .evaluation import evaluation_view

#: 2: values are 1–N月累计 judged against N/12 of their data month (``expected``,
#: ``data_month``); ``light`` adds ``missing`` (未报送); ``summary`` counts indicators
#: once (parts of a total excluded); only reports that arrived by as-of count.
#: 3: ``streak`` counts data months (``streak_months``), not calendar months, and
#: escalation follows it; ``summary.on_pace`` counts only indicators at or above
#: 序时进度 (``near``: green but below it); ``summary.expected``/``expected_month`` are
#: the rows' 序时进度 (``expected_groups``); a rate's ``gap`` is in points of the rate.
#: 4: ``actions[]`` (事项: state, light, due, units, progress, 销号); ``tasks[]`` count
#: their actions and their ``light`` is the worst of their indicators' and actions';
#: ``summary.actions``; ``--unit`` adds ``actions[]`` (with ``role``); ``--task``.
#: 5: ``duban[]`` (督办 items: id, state, units, reply_by, due, replied, closed,
#: days_overdue, level …, as ``duban list --json``) and ``summary.duban`` (their counts);
#: ``evaluation``: the latest 满意度测评 on or before as-of, or null (issue 28).
STATUS_JSON_VERSION = 5


def _indicator_progress_view(plan: Plan, p: IndicatorProgress) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "measure": p.measure,
        "target": num(p.target),
        "value": num(p.value),
        "completion": num(p.completion),
        "expected": num(p.expected),
        "gap": num(p.gap),
        "light": p.light,
        "kind": p.kind,
        "comparator": p.comparator,
        "qualifier": p.qualifier,
        "data_month": p.data_month,
        "task": p.task,
        "reporters": list(p.reporters),
        "missing": list(p.missing),
        "latest_month": p.latest_month,
        "streak": p.streak,
        "streak_months": list(p.streak_months),
        "yellow_streak": p.yellow_streak,
        "escalated": p.escalated,
        "reason": p.reason,
        "partial": p.partial,
        "headline": p.headline,
        "at_pace": p.at_pace,
        "stale": [{"unit": u, "month": m} for u, m in p.stale],
        "parts_target": num(parts_target(plan, p.id)),
        #: the 完成率 as the tables print it (a rate: against its target)
        "completion_text": completion_text(p),
        #: what a reader must know beside the figures (older data in a sum, a total's parts)
        "notes": [n for n in (stale_note(plan, p), parts_note(plan, p)) if n],
    }


def _deliverable_view(d: DeliverableStatus) -> dict[str, Any]:
    return {
        "unit": d.unit,
        "deliverable": d.deliverable,
        "name": d.name,
        "period": d.period,
        "due": d.due.isoformat(),
        "nominal_due": d.nominal.isoformat() if d.nominal else None,
        "state": d.state,
        "submitted": d.submitted.isoformat() if d.submitted else None,
        #: ``submitted`` is the report's own (自报日期), earlier than its first commit
        "declared": d.declared,
        "days": d.days,
        "path": d.path,
    }


def _current_counts(progress: Progress) -> dict[str, Any]:
    month = progress.current_month
    items = [d for d in progress.deliverables if d.period == month] if month else []
    return {
        "month": month,
        "due": len(items),
        "received": sum(d.state in ("on_time", "late") for d in items),
        "on_time": sum(d.state == "on_time" for d in items),
        "late": sum(d.state == "late" for d in items),
        "missing": sum(d.state == "overdue" for d in items),
        "invalid": sum(d.state == "invalid" for d in items),
    }


def status_view(
    plan: Plan,
    progress: Progress,
    *,
    errors: int = 0,
    unreadable: list[str] | None = None,
    evaluation: EvaluationResult | None = None,
) -> dict[str, Any]:
    """``status --json`` and the data the terminal view prints."""
    overdue = sorted(progress.overdue, key=lambda d: (-d.days, d.unit, d.due, d.period))
    late = sorted(progress.late, key=lambda d: (-d.days, d.unit, d.due, d.period))
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": progress.as_of.isoformat(),
        "plan": {"id": plan.plan.id, "title": plan.plan.title},
        "data": {"errors": errors, "unreadable": list(unreadable or [])},
        "period": {
            "start": plan.plan.start.isoformat(),
            "end": plan.plan.end.isoformat(),
            "ended": progress.as_of > plan.plan.end,
        },
        "summary": {
            "indicators": progress.summary.count,
            "on_pace": progress.summary.on_pace,
            "near": progress.summary.near,
            "behind": progress.summary.behind,
            "missing": progress.summary.missing,
            "completion": num(progress.summary.average),
            "averaged": progress.summary.averaged,
            "expected": num(progress.expected),
            "expected_month": progress.expected_month,
            "expected_groups": [
                {"month": m, "expected": num(e), "count": n}
                for m, e, n in progress.summary.expected_groups
            ],
            "lights": dict(progress.lights),
            "headline": headline_text(headline(plan, progress)),
            "actions": summary_view(progress.action_summary) if progress.action_summary else None,
            "duban": duban_summary_view(progress.duban_summary),
            "reports": _current_counts(progress),
            "overdue": len(overdue),
            "late": len(late),
        },
        "evaluation": evaluation_view(evaluation),
        "indicators": [_indicator_progress_view(plan, p) for p in progress.indicators],
        "tasks": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "completion": num(t.completion),
                "light": t.light,
                "lead": list(t.lead),
                "responsible": list(t.responsible),
                "indicators": list(t.indicators),
                "status": t.status,
                "status_note": t.status_note,
                **task_counts(t),
            }
            for t in progress.tasks
        ],
        "actions": [action_view(a) for a in progress.actions],
        "duban": [duban_record(d) for d in progress.duban],
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "received": u.received,
                "on_time": u.on_time,
                "late": u.late,
                "overdue": u.overdue,
                "not_due": u.not_due,
                "max_days_overdue": u.max_days_overdue,
            }
            for u in progress.units
        ],
        "overdue": [
            {
                "unit": d.unit,
                "deliverable": d.deliverable,
                "period": d.period,
                "due": d.due.isoformat(),
                "days_overdue": d.days,
            }
            for d in overdue
        ],
        "late": [
            {
                "unit": d.unit,
                "deliverable": d.deliverable,
                "period": d.period,
                "due": d.due.isoformat(),
                "submitted": d.submitted.isoformat() if d.submitted else None,
                "declared": d.declared,
                "days_late": d.days,
            }
            for d in late
        ],
    }


def unit_view(
    plan: Plan,
    progress: Progress,
    reports: list[LoadedReport],
    unit_id: str,
    *,
    submitted: Mapping[str, date] | None = None,
    errors: int = 0,
) -> dict[str, Any]:
    """``status --unit``: one unit's tasks, indicators, deliverables, problems.

    The latest report is the newest monthly report that had arrived by as-of.
    """
    unit = plan.unit_by_id[unit_id]
    lead = [t for t in progress.tasks if unit_id in t.lead]
    responsible = [t for t in progress.tasks if unit_id in t.responsible and unit_id not in t.lead]
    mine = set(plan.indicators_of_unit.get(unit_id, []))
    monthly = sorted(
        (
            r
            for r in arrived(reports, submitted or {}, progress.as_of)
            if r.unit == unit_id
            and isinstance(r.report, MonthlyReport)
            and r.report.month <= progress.upto
        ),
        key=lambda r: (r.report.month, r.path),
    )
    latest = monthly[-1].report if monthly else None
    items = [d for d in progress.deliverables if d.unit == unit_id]
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": progress.as_of.isoformat(),
        "data": {"errors": errors},
        "unit": {
            "id": unit.id,
            "name": unit.name,
            "short": unit.short,
            "liaisons": [li.model_dump() for li in unit.liaisons],
        },
        "lead_tasks": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "light": t.light,
                "completion": num(t.completion),
                **task_counts(t),
            }
            for t in lead
        ],
        "responsible_tasks": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "light": t.light,
                "completion": num(t.completion),
                **task_counts(t),
            }
            for t in responsible
        ],
        "indicators": [
            {
                **_indicator_progress_view(plan, p),
                "own_value": num(p.contributions.get(unit_id)),
            }
            for p in progress.indicators
            if p.id in mine
        ],
        "actions": unit_actions(progress, unit_id),
        "duban": unit_duban_view(progress.duban, unit_id),
        "deliverables": [_deliverable_view(d) for d in items],
        "overdue": [_deliverable_view(d) for d in items if d.state == "overdue"],
        "late": [_deliverable_view(d) for d in items if d.state == "late"],
        "latest_report": None
        if latest is None
        else {
            "month": latest.month,
            "info_title": latest.info.title,
            "problems": said(latest.problems),
            "next_steps": said(latest.next_steps),
        },
    }


def task_view(plan: Plan, progress: Progress, task_id: str, *, errors: int = 0) -> dict[str, Any]:
    """``status --task``: one task, its actions (state, units, due date, latest progress)
    and its indicators."""
    t = progress.task(task_id)
    task = plan.task_by_id[task_id]
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": progress.as_of.isoformat(),
        "data": {"errors": errors},
        "task": {
            "id": t.id,
            "number": t.number,
            "section": task.section,
            "title": t.title,
            "text": task.text,
            "lead_units": list(t.lead),
            "responsible_units": list(t.responsible),
            "light": t.light,
            "completion": num(t.completion),
            "status": t.status,
            "status_note": t.status_note,
            **task_counts(t),
        },
        "actions": [action_view(a) for a in progress.actions if a.task == task_id],
        "indicators": [
            _indicator_progress_view(plan, p) for p in progress.indicators if p.task == task_id
        ],
    }
