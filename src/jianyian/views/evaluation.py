"""The 满意度测评 in words and in JSON: one sentence every output quotes (issue 28)."""

from __future__ import annotations

from typing import Any

from ..engine.evaluation import EvaluationResult
from ..fmt import fmt_date, fmt_percent, num


def evaluation_text(result: EvaluationResult) -> str:
    """``2025年11月20日满意度测评：参加测评30人，满意26人、基本满意4人、不满意0人，
    满意和基本满意占96.7%。`` (the share of the votes cast)."""
    e = result.evaluation
    by = f"（{e.by}组织）" if e.by else ""
    text = (
        f"{fmt_date(e.date)}满意度测评{by}：参加测评{e.evaluators}人，满意{e.satisfied}人、"
        f"基本满意{e.basically_satisfied}人、不满意{e.unsatisfied}人"
    )
    if result.satisfied_share is not None:
        text += f"，满意和基本满意占{fmt_percent(result.satisfied_share)}"
        if e.counted < e.evaluators:
            text += f"（按收回的{e.counted}份计）"
    return text + "。"


def evaluation_view(result: EvaluationResult | None) -> dict[str, Any] | None:
    """``evaluation`` of ``status --json``: the latest 满意度测评 on or before as-of, or null."""
    if result is None:
        return None
    e = result.evaluation
    return {
        "date": e.date.isoformat(),
        "by": e.by,
        "evaluators": e.evaluators,
        "satisfied": e.satisfied,
        "basically_satisfied": e.basically_satisfied,
        "unsatisfied": e.unsatisfied,
        "counted": e.counted,
        #: (满意 + 基本满意) ÷ the votes cast, 0–1
        "satisfied_share": num(result.satisfied_share),
        "opinions": list(e.opinions),
        "text": evaluation_text(result),
    }
