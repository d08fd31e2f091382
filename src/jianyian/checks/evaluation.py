"""Checks of the office's 满意度测评 (data/office/evaluation.yaml, issue 28).

Counts below zero are refused by the model (JY012); these rules look across fields
and at the day: the votes cannot outnumber the people who took part, and an
evaluation cannot have happened after today.
"""

from __future__ import annotations

from datetime import date

from ..diagnostics import Diagnostic, error
from ..fmt import fmt_date
from ..load.layout import EVALUATION_PATH
from ..models import EvaluationLog, Plan


def check_evaluation_counts(plan: Plan, log: EvaluationLog, today: date | None) -> list[Diagnostic]:
    """JY093: 满意 + 基本满意 + 不满意 is at most the number who took part."""
    out = []
    for n, e in enumerate(log.evaluations):
        if e.counted > e.evaluators:
            out.append(
                error(
                    "JY093",
                    f"满意 {e.satisfied}、基本满意 {e.basically_satisfied}、不满意 {e.unsatisfied}，"
                    f"合计 {e.counted}，多于参加测评人数 {e.evaluators}",
                    EVALUATION_PATH,
                    ("evaluations", n, "evaluators"),
                )
            )
    return out


def check_evaluation_future(plan: Plan, log: EvaluationLog, today: date | None) -> list[Diagnostic]:
    """JY094: an evaluation dated after today (a typo for the year or the month?)."""
    if today is None:
        return []
    return [
        error(
            "JY094",
            f"测评日期 {fmt_date(e.date)} 晚于今天：请填写实际测评的日期（是否写错了年份或月份？）",
            EVALUATION_PATH,
            ("evaluations", n, "date"),
        )
        for n, e in enumerate(log.evaluations)
        if e.date > today
    ]
