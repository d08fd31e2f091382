"""The 满意度测评 as of a day (issue 28): which evaluation counts, and its share satisfied."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..models import Evaluation, EvaluationLog


class EvaluationResult(NamedTuple):
    """An evaluation as every output tells it: the counts and the share of votes
    that were 满意 or 基本满意 (None when no vote was cast)."""

    evaluation: Evaluation
    satisfied_share: float | None  # 0–1, of the votes cast


def evaluation_on(log: EvaluationLog | None, as_of: date) -> EvaluationResult | None:
    """The latest 满意度测评 dated on or before ``as_of`` (none exists before its date)."""
    e = log.as_of(as_of) if log is not None else None
    if e is None:
        return None
    share = (e.satisfied + e.basically_satisfied) / e.counted if e.counted else None
    return EvaluationResult(e, share)
