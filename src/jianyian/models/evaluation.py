"""The office's record of 满意度测评: data/office/evaluation.yaml (issue 28).

市政协 (or whoever the plan answers to) evaluates the handling: so many people took
part, so many found it 满意, 基本满意, 不满意, and some left opinions. The office
records each evaluation as it happened; the status and the summaries quote the latest
one on or before the day they are about.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .fields import IsoDate, Line, Model, Text


class Evaluation(Model):
    """One 满意度测评: when, how many took part, the three counts, the opinions."""

    date: IsoDate = Field(title="测评日期", description="晚于统计日的测评在统计日不存在")
    evaluators: int = Field(ge=1, title="参加测评人数")
    satisfied: int = Field(ge=0, title="满意")
    basically_satisfied: int = Field(ge=0, title="基本满意")
    unsatisfied: int = Field(ge=0, title="不满意")
    by: Line | None = Field(
        default=None, title="测评组织方", description="如 市政协提案委员会；可不填"
    )
    opinions: list[Text] = Field(
        default_factory=list, title="意见建议", description="测评中提出的意见建议，每条一项"
    )

    @property
    def counted(self) -> int:
        """The votes cast: 满意 + 基本满意 + 不满意."""
        return self.satisfied + self.basically_satisfied + self.unsatisfied


class EvaluationLog(Model):
    """data/office/evaluation.yaml: the office's record of 满意度测评."""

    evaluations: list[Evaluation] = Field(
        default_factory=list, title="满意度测评", description="每次测评一项，按时间顺序"
    )

    def as_of(self, day: dt.date) -> Evaluation | None:
        """The latest evaluation dated on or before ``day`` (the last in the file on a tie)."""
        on = [e for e in self.evaluations if e.date <= day]
        return max(reversed(on), key=lambda e: e.date, default=None) if on else None
