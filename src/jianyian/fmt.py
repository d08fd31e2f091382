"""Formatting numbers, percentages and dates the way a Chinese briefing writes them.

Shared by the terminal views, the JSON views and the Jinja filters, so a number
reads the same everywhere. No float noise: 8499.999999 prints as 8500.
"""

from __future__ import annotations

import math
from datetime import date


def num(value: float | int | None) -> float | int | None:
    """A JSON-friendly number: integral floats become ints, others lose float noise.

    A non-finite number (a ratio over a target near zero) has no value to show: None.
    """
    if value is None or not math.isfinite(value):
        return None
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def fmt_number(value: float | int | None, digits: int = 2) -> str:
    """``8500.0`` → ``8500``; ``12.345`` → ``12.35``; ``None`` (or a non-finite number) → ``—``."""
    if value is None or not math.isfinite(value):
        return "—"
    text = f"{round(float(value), digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_quantity(value: float | int | None, measure: str = "") -> str:
    """A value with its measure, scaled to 万 / 万亿 where Chinese writing does.

    ``22650, "亿元"`` → ``2.27万亿元``; ``300000, "人"`` → ``30万人``; ``20, "个"`` → ``20个``.
    """
    if value is None or not math.isfinite(value):
        return "—"
    v = float(value)
    if measure == "亿元" and abs(v) >= 10000:
        return f"{fmt_number(v / 10000)}万亿元"
    if measure in ("人", "元", "平方米") and abs(v) >= 10000:
        return f"{fmt_number(v / 10000)}万{measure}"
    return f"{fmt_number(v)}{measure}"


def display_measure(target: float | int, measure: str) -> tuple[float, str]:
    """(divisor, measure) a table shows an indicator in, chosen once from its target.

    Target and value then share one measure in a row: ``20000, "亿元"`` → ``(10000, "万亿元")``.
    """
    if measure == "亿元" and abs(float(target)) >= 10000:
        return 10000, "万亿元"
    if measure in ("人", "元", "平方米") and abs(float(target)) >= 10000:
        return 10000, f"万{measure}"
    return 1, measure


def fmt_target_number(value: float | int, divisor: float, qualifier: str | None = None) -> str:
    """A target's number in a table's measure, with the notice's qualifier: ``力争480``, ``20以上``."""
    text = fmt_number(float(value) / divisor)
    if qualifier in ("以上", "以内", "左右", "以下"):
        return f"{text}{qualifier}"
    return f"{qualifier or ''}{text}"


def fmt_target(value: float | int, measure: str, qualifier: str | None = None) -> str:
    """A target as the notice words it: ``力争480个``, ``20家以上``, ``突破2万亿元``."""
    text = fmt_quantity(value, measure)
    if qualifier in ("以上", "以内", "左右", "以下"):
        return f"{text}{qualifier}"
    return f"{qualifier or ''}{text}"


def fmt_points(points: float) -> str:
    """Percentage points with one decimal, always: ``25`` → ``25.0`` (a gap is never "25")."""
    text = f"{round(float(points), 1):.1f}"
    return "0.0" if text == "-0.0" else text


def fmt_percent(fraction: float | None, digits: int = 1) -> str:
    """``0.4`` → ``40.0%``; ``None`` (or a non-finite number) → ``—``."""
    if fraction is None or not math.isfinite(fraction):
        return "—"
    return f"{fraction * 100:.{digits}f}%"


def fmt_date(day: date | None) -> str:
    """``2025-07-31`` → ``2025年7月31日``."""
    if day is None:
        return "—"
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_month(month: str) -> str:
    """``2025-07`` → ``2025年7月``."""
    year, mon = month.split("-")
    return f"{int(year)}年{int(mon)}月"
