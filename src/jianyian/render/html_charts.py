"""The dashboard's charts: matplotlib SVG (render/charts.py) made fit to inline in HTML."""

from __future__ import annotations

import re
from html import escape
from typing import NamedTuple

from ..views.dashboard import Dashboard
from .html_markup import Markup

__all__ = ["DashboardCharts", "draw_dashboard_charts", "inline_svg"]


class DashboardCharts(NamedTuple):
    """The page's SVG charts, sanitised; ``note`` says why there are none."""

    completion: Markup | None
    trends: dict[str, Markup]
    note: str | None = None


_SVG_HEAD = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|xlink:href="#|href="#)([^)"]+)')


def inline_svg(svg: bytes, prefix: str, label: str) -> Markup:
    """matplotlib's SVG made fit for inlining: no prolog, no namespace or metadata URLs,
    ids prefixed with ``prefix`` (several charts share one page), a label for screen readers."""
    text = svg.decode("utf-8")
    text = _SVG_HEAD.sub("", text, count=1)
    text = _METADATA.sub("", text)
    text = _STYLE.sub("", text)  # its ``*{…}`` rule would leak onto the page; CSS has it scoped
    text = _XMLNS.sub("", text)
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1).replace('xlink:', '')}{prefix}-{m.group(2)}", text)
    attrs = f'class="chart" role="img" aria-label="{escape(label, quote=True)}" '
    return Markup(text.replace("<svg ", "<svg " + attrs, 1).strip())


def draw_dashboard_charts(view: Dashboard) -> DashboardCharts:
    """Draw the completion chart and every indicator's trend; without a CJK font, none.

    Imports matplotlib (slow): call it once per page.
    """
    from .charts import CompletionItem, NoCJKFont, completion_chart, trend_chart

    try:
        items = [
            CompletionItem(
                ("其中：" if c.row.is_part else "") + c.row.name,
                c.row.completion,
                c.row.expected,
                c.row.light,
                # a rate's bar is labelled against its target, never as a 完成率
                c.row.completion_text if c.row.kind == "rate" else None,
            )
            for c in view.indicators
        ]
        completion = inline_svg(
            completion_chart(items, fmt="svg"), "c0", "各项指标完成率与序时进度"
        )
        trends = {}
        for n, card in enumerate(view.indicators, start=1):
            if not card.trend:
                continue
            months = [int(p.month[5:]) for p in card.trend]
            expected = [p.expected_value for p in card.trend]
            svg = trend_chart(
                {"1–N月累计": [p.value for p in card.trend]},
                months,
                expected if any(v is not None for v in expected) else None,
                fmt="svg",
                measure=card.row.display_measure,
            )
            trends[card.row.id] = inline_svg(svg, f"c{n}", f"{card.row.name}逐月走势")
    except NoCJKFont as exc:
        return DashboardCharts(None, {}, str(exc))
    return DashboardCharts(completion, trends)
