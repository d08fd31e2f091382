"""The charts drawn as SVG straight from the view: no plotting library, no font files.

The dashboard inlines them and the reader's browser sets the text in its own fonts; the
Word briefing gets the same drawing as a PNG (render/charts.py, resvg). Every label goes through
:func:`~jianyian.render.html_markup.el`, so text from the plan is escaped like any other.
Same input, same bytes: coordinates are rounded to one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from ..fmt import fmt_number, fmt_percent
from .html_markup import Markup, el

__all__ = ["Bar", "bar_chart_svg", "nice_ticks", "trend_chart_svg"]

#: Bar colours by light (stronger than the pale table fills of the Word tables).
LIGHT_COLOURS: dict[str, str] = {
    "red": "#D64545",
    "yellow": "#E8A317",
    "green": "#3E9B4F",
    "grey": "#9E9E9E",
    "missing": "#8E7CC3",
    "done": "#3F73B5",
}
LIGHT_NAMES = {
    "red": "红灯",
    "yellow": "黄灯",
    "green": "绿灯",
    "grey": "不适用",
    "missing": "未报送",
    "done": "已完成",
}
_LINE = "#3F73B5"
_EXPECTED = "#222222"
_GRID = "#DDDDDD"
_TEXT = "#222222"
_MUTED = "#555555"


def _n(x: float) -> str:
    """A coordinate: one decimal, no trailing zero (stable bytes)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top`` (1, 2, 2.5 or 5 × 10^k apart)."""
    if not math.isfinite(top) or top <= 0:
        top = 1.0
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _text(x: float, y: float, content: str, **attrs: str) -> Markup:
    base = {"x": _n(x), "y": _n(y), "fill": _TEXT, "font-size": "12"}
    base.update({k.replace("_", "-"): v for k, v in attrs.items()})
    return el("text", base, content)


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: str, **attrs: str):
    base = {"x1": _n(x1), "y1": _n(y1), "x2": _n(x2), "y2": _n(y2)}
    base.update({"stroke": stroke, "stroke-width": width})
    base.update({k.replace("_", "-"): v for k, v in attrs.items()})
    return el("line", base)


def _svg(width: float, height: float, label: str, *children: object) -> Markup:
    attrs = {
        "class": "chart",
        "role": "img",
        "aria-label": label,
        "viewBox": f"0 0 {_n(width)} {_n(height)}",
        "width": _n(width),
        "height": _n(height),
    }
    return el("svg", attrs, *children)


def trend_chart_svg(
    label: str,
    months: Sequence[int],
    values: Sequence[float | None],
    expected: Sequence[float | None] | None,
    *,
    measure: str = "",
    series_name: str = "1–N月累计",
) -> Markup:
    """1–N月 values as a line with markers and labels, 序时进度 dashed, one month a column."""
    if len(values) != len(months) or (expected is not None and len(expected) != len(months)):
        raise ValueError("one value per month")
    width, height = 620.0, 300.0
    left, right, top, bottom = 64.0, 16.0, 40.0, 34.0
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for v in values if v is not None]
    known += [v for v in (expected or ()) if v is not None]
    ticks = nice_ticks(max(known, default=1.0))
    y_top = ticks[-1] or 1.0
    span = max(len(months), 1)

    def x_of(i: int) -> float:
        return left + plot_w * (i + 0.5) / span

    def y_of(v: float) -> float:
        return top + plot_h * (1 - v / y_top)

    parts: list[object] = []
    for t in ticks:
        y = y_of(t)
        parts.append(_line(left, y, width - right, y, _GRID, "1"))
        parts.append(_text(left - 6, y + 4, fmt_number(t), text_anchor="end", fill=_MUTED))
    parts.append(_line(left, top + plot_h, width - right, top + plot_h, _MUTED, "1"))
    for i, m in enumerate(months):
        parts.append(_text(x_of(i), height - 12, f"{m}月", text_anchor="middle"))
    if measure:
        parts.append(_text(left - 6, top - 14, measure, text_anchor="end", fill=_MUTED))
    if expected is not None:
        pts = [(x_of(i), y_of(v)) for i, v in enumerate(expected) if v is not None]
        if pts:
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
            dash = {"stroke-dasharray": "6 4", "fill": "none", "stroke": _EXPECTED}
            parts.append(el("polyline", {"points": points, "stroke-width": "1.5", **dash}))
    # A month without a value breaks the line rather than bridging it.
    run: list[tuple[float, float]] = []
    runs: list[list[tuple[float, float]]] = [run]
    for i, v in enumerate(values):
        if v is None:
            run = []
            runs.append(run)
        else:
            run.append((x_of(i), y_of(v)))
    for r in runs:
        if len(r) > 1:
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in r)
            attrs = {"points": points, "fill": "none", "stroke": _LINE, "stroke-width": "2"}
            parts.append(el("polyline", attrs))
    for i, v in enumerate(values):
        if v is None:
            continue
        x, y = x_of(i), y_of(v)
        parts.append(el("circle", {"cx": _n(x), "cy": _n(y), "r": "4", "fill": _LINE}))
        below = y + 18 if y + 18 < top + plot_h - 2 else y - 9
        parts.append(_text(x, below, fmt_number(v), text_anchor="middle", font_size="11"))
    # Legend, top left, a line and a word for each series.
    lx = left + 4
    parts.append(_line(lx, 14, lx + 24, 14, _LINE, "2"))
    parts.append(_text(lx + 30, 18, series_name))
    if expected is not None:
        lx += 40 + 13 * len(series_name)
        parts.append(_line(lx, 14, lx + 24, 14, _EXPECTED, "1.5", stroke_dasharray="6 4"))
        parts.append(_text(lx + 30, 18, "序时进度"))
    return _svg(width, height, label, *parts)


class Bar(NamedTuple):
    """One row of :func:`bar_chart_svg`: fractions (0.85 = 85 %); ``completion`` None: no bar."""

    label: str
    completion: float | None
    expected: float | None
    light: str | None
    text: str | None = None


def _wrap(label: str, width: int = 12) -> list[str]:
    return [label[i : i + width] for i in range(0, len(label), width)] or [" "]


def bar_chart_svg(label: str, bars: Sequence[Bar]) -> Markup:
    """完成率与序时进度: a bar per indicator coloured by light, its 序时进度 a dark tick."""
    lines = [_wrap(b.label) for b in bars]
    row_h = [max(30.0, 15.0 * len(ls) + 8) for ls in lines]
    width, left, right, top, bottom = 620.0, 190.0, 70.0, 44.0, 40.0
    height = top + sum(row_h) + bottom
    plot_w = width - left - right
    most = max(
        [1.0]
        + [b.completion for b in bars if b.completion is not None]
        + [b.expected for b in bars if b.expected is not None]
    )
    ticks = nice_ticks(most * 1.05, 5)
    x_max = ticks[-1]

    def x_of(v: float) -> float:
        return left + plot_w * max(v, 0.0) / x_max

    parts: list[object] = []
    plot_bottom = top + sum(row_h)
    for t in ticks:
        x = x_of(t)
        parts.append(_line(x, top, x, plot_bottom, _GRID, "1"))
        parts.append(_text(x, plot_bottom + 16, f"{t * 100:.0f}%", text_anchor="middle"))
    parts.append(_text(left + plot_w / 2, height - 6, "完成率", text_anchor="middle"))
    y = top
    for b, ls, h in zip(bars, lines, row_h, strict=True):
        mid = y + h / 2
        first = mid - 7.5 * (len(ls) - 1) + 4
        for k, part in enumerate(ls):
            parts.append(_text(left - 8, first + 15 * k, part, text_anchor="end"))
        colour = LIGHT_COLOURS.get(b.light or "", "#5B7DB1")
        tick = x_of(b.expected) if b.expected is not None else left
        if b.completion is not None:
            bar_w = x_of(b.completion) - left
            rect = {"x": _n(left), "y": _n(mid - 9), "width": _n(bar_w), "height": "18"}
            parts.append(el("rect", {**rect, "fill": colour}))
            shown = b.text if b.text is not None else fmt_percent(b.completion)
            # after the bar, and clear of the 序时进度 tick when the two are close
            end = left + bar_w
            label_x = tick + 4 if 0 <= tick - end < 40 or 0 <= end - tick < 4 else end
            parts.append(_text(label_x + 6, mid + 4, shown))
        else:
            shown = b.text if b.text is not None else "未报送"
            parts.append(_text(left + 6, mid + 4, shown, fill="#6A4FB0"))
        if b.expected is not None:
            parts.append(_line(tick, mid - 13, tick, mid + 13, _EXPECTED, "2"))
        y += h
    # Legend: the 序时进度 tick, then the lights that occur.
    lx = left
    parts.append(_line(lx, 10, lx, 26, _EXPECTED, "2"))
    parts.append(_text(lx + 8, 22, "序时进度"))
    lx += 80
    for key in LIGHT_COLOURS:
        if any(b.light == key for b in bars):
            rect = {"x": _n(lx), "y": "11", "width": "14", "height": "14"}
            parts.append(el("rect", {**rect, "fill": LIGHT_COLOURS[key]}))
            parts.append(_text(lx + 20, 22, LIGHT_NAMES[key]))
            lx += 20 + 13 * len(LIGHT_NAMES[key]) + 14
    return _svg(width, height, label, *parts)
