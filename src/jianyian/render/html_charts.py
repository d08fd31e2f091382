"""The dashboard's charts: SVG drawn from the view (render/svg_charts.py), no matplotlib."""

from __future__ import annotations

from typing import NamedTuple

from ..views.dashboard import Dashboard
from .html_markup import Markup
from .svg_charts import Bar, bar_chart_svg, trend_chart_svg

__all__ = ["DashboardCharts", "draw_dashboard_charts"]


class DashboardCharts(NamedTuple):
    """The page's SVG charts; ``note`` says why there are none."""

    completion: Markup | None
    trends: dict[str, Markup]
    note: str | None = None


def draw_dashboard_charts(view: Dashboard) -> DashboardCharts:
    """The completion chart and every indicator's trend, set in the reader's own fonts."""
    bars = [
        Bar(
            ("其中：" if c.row.is_part else "") + c.row.name,
            c.row.completion,
            c.row.expected,
            c.row.light,
            # a rate's bar is labelled against its target, never as a 完成率
            c.row.completion_text if c.row.kind == "rate" else None,
        )
        for c in view.indicators
    ]
    completion = bar_chart_svg("各项指标完成率与序时进度", bars)
    trends = {}
    for card in view.indicators:
        if not card.trend:
            continue
        expected = [p.expected_value for p in card.trend]
        trends[card.row.id] = trend_chart_svg(
            f"{card.row.name}逐月走势",
            [int(p.month[5:]) for p in card.trend],
            [p.value for p in card.trend],
            expected if any(v is not None for v in expected) else None,
            measure=card.row.display_measure,
        )
    return DashboardCharts(completion, trends)
