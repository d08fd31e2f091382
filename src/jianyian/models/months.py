"""Month arithmetic on ``YYYY-MM`` strings: the one place that does it.

With the shared types because the plan itself (``Plan.months``), the checks, the
engine, the views and the commands all count months.
"""

from __future__ import annotations

from datetime import date


def month_of(day: date) -> str:
    """``date(2025, 7, 31)`` → ``"2025-07"``."""
    return f"{day.year:04d}-{day.month:02d}"


def add_months(month: str, n: int) -> str:
    """``"2025-12"`` + 1 → ``"2026-01"``; negative ``n`` goes back."""
    year, mon = map(int, month.split("-"))
    index = year * 12 + (mon - 1) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def next_month(month: str) -> str:
    return add_months(month, 1)


def previous_month(month: str) -> str:
    return add_months(month, -1)


def month_start(month: str) -> date:
    """First day of ``YYYY-MM``."""
    year, mon = map(int, month.split("-"))
    return date(year, mon, 1)


def month_end(month: str) -> date:
    """Last day of ``YYYY-MM``."""
    return date.fromordinal(month_start(next_month(month)).toordinal() - 1)


def month_number(month: str) -> int:
    """The month of the year, 1–12: ``"2025-07"`` → 7."""
    return int(month[5:7])


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive (empty when ``last`` is earlier)."""
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = next_month(month)
    return out


def month_due(month: str, due_day: int) -> date:
    """Nominal due date of a monthly report: ``due_day`` of the following month."""
    start = month_start(next_month(month))
    return start.replace(day=due_day)
