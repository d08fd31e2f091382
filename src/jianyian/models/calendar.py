"""Working days: the State Council's holidays and adjusted working days, and 顺延.

A deadline that falls on a weekend or a public holiday moves to the next working
day (民法典第二百零三条). The plan carries each year's calendar
(``calendar:`` in data/targets.yaml); a day in a year it does not cover is judged
by weekends alone, and ``validate`` warns about such due dates (JY049).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import IsoDate, Model, Text


class Holiday(Model):
    name: Text = Field(title="节日", description="如 国庆节、中秋节")
    start: IsoDate = Field(title="放假开始")
    end: IsoDate = Field(title="放假结束", description="含当天")

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        if self.end < self.start:
            raise PydanticCustomError("jy_holiday", "放假结束日期早于开始日期")
        return self


class CalendarYear(Model):
    year: int = Field(ge=2000, le=2100, title="年份")
    holidays: list[Holiday] = Field(default_factory=list, title="放假安排")
    workdays: list[IsoDate] = Field(
        default_factory=list, title="调休上班日", description="周末调为上班的日期"
    )
    through: IsoDate | None = Field(
        default=None,
        title="录入至",
        description="只录入了该年部分安排时，已录入部分的最后一天；其后视为未覆盖",
    )
    source: str | None = Field(default=None, title="依据", description="如 国办发明电〔2024〕12号")


def _entry(calendar: Sequence[CalendarYear], day: date) -> CalendarYear | None:
    for entry in calendar:
        if entry.year == day.year and (entry.through is None or day <= entry.through):
            return entry
    return None


def covers(calendar: Sequence[CalendarYear], day: date) -> bool:
    """Whether the calendar knows the holidays of ``day``."""
    return _entry(calendar, day) is not None


def is_working_day(calendar: Sequence[CalendarYear], day: date) -> bool:
    """Monday–Friday unless a holiday; a weekend day the calendar makes a working day."""
    entry = _entry(calendar, day)
    if entry is not None:
        if day in entry.workdays:
            return True
        if any(h.start <= day <= h.end for h in entry.holidays):
            return False
    return day.weekday() < 5


def roll_forward(calendar: Sequence[CalendarYear], day: date) -> date:
    """``day``, or the first working day after it (顺延)."""
    while not is_working_day(calendar, day):
        day += timedelta(days=1)
    return day


def working_days_between(
    calendar: Sequence[CalendarYear], start: date, end: date, limit: int | None = None
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

    With ``limit``, counting stops past it (the answer is then ``limit + 1``): enough to
    tell whether a deadline is near without walking to one months away.
    """
    count = 0
    day = start
    while day < end and (limit is None or count <= limit):
        day += timedelta(days=1)
        count += is_working_day(calendar, day)
    return count
