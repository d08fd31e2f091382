"""Charts for print (the Word briefing): the dashboard's SVG charts, rasterised by resvg.

One drawing for every format: :mod:`jianyian.render.svg_charts` draws the bars and the
trend line from the view; the page inlines that SVG, the Word document gets it as a PNG
made here by resvg (a small Rust renderer, imported only when a chart is drawn). The
text is set in the font files the caller found (:func:`jianyian.load.fonts.chart_font`),
never in whatever else the machine has, so the same data and fonts give the same bytes.
Without a Chinese font the functions raise :class:`NoCJKFont`, whose message (Chinese)
says which package to install; the briefing then carries that note instead of the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..load.fonts import CHART_FAMILIES, ChartFont
from .svg_charts import LIGHT_COLOURS, Bar, bar_chart_svg, trend_chart_svg

__all__ = [
    "CJK_FONT_PACKAGE",
    "LIGHT_COLOURS",
    "CompletionItem",
    "NoCJKFont",
    "completion_chart",
    "svg_to_png",
    "trend_chart",
]

CJK_FONT_PACKAGE = "fonts-noto-cjk"
#: One bar of :func:`completion_chart` (the dashboard's :class:`Bar`).
CompletionItem = Bar


class NoCJKFont(Exception):
    """No CJK font on this machine: Chinese chart labels cannot be drawn."""

    def __init__(self) -> None:
        super().__init__(
            "本机未找到中文字体，图表未生成。请安装中文字体后重试"
            f"（Debian/Ubuntu：sudo apt-get install {CJK_FONT_PACKAGE}）。"
        )


def svg_to_png(svg: str, font: ChartFont | None, *, dpi: int = 200) -> bytes:
    """The chart as a PNG: ``dpi`` pixels per inch for a chart 6.2 inches wide (620 px)."""
    if font is None or not font.files:
        raise NoCJKFont()
    import resvg_py

    families = ", ".join(dict.fromkeys(f for f in (font.family, *CHART_FAMILIES) if f))
    doc = svg.replace(
        "<svg ",
        f'<svg xmlns="http://www.w3.org/2000/svg" font-family="{escape(families)}, sans-serif" ',
        1,
    )
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=doc,
            skip_system_fonts=True,
            font_files=list(font.files),
            font_family=font.family or CHART_FAMILIES[0],
            zoom=dpi / 100,
            background="#ffffff",
        )
    )


def completion_chart(items: Sequence[Bar], font: ChartFont | None, *, dpi: int = 200) -> bytes:
    """完成率与序时进度: one bar per indicator, coloured by light, with its 序时进度 tick."""
    return svg_to_png(bar_chart_svg("各项指标完成率与序时进度", list(items)), font, dpi=dpi)


def trend_chart(
    name: str,
    months: Sequence[int],
    values: Sequence[float | None],
    expected: Sequence[float | None] | None,
    font: ChartFont | None,
    *,
    measure: str = "",
    dpi: int = 200,
) -> bytes:
    """One goal's 1–N月 values month by month against its 序时进度 line."""
    svg = trend_chart_svg(
        f"{name}逐月走势", months, values, expected, measure=measure, series_name=name
    )
    return svg_to_png(svg, font, dpi=dpi)
