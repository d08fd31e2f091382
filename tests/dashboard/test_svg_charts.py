"""The SVG charts, drawn from the view without a plotting library."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from jianyian.render.svg_charts import Bar, bar_chart_svg, nice_ticks, trend_chart_svg

HOSTILE = '<script>alert("x")</script>&'


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (272, [0, 100, 200, 300]),
        (1.26, [0, 0.5, 1, 1.5]),
        (9, [0, 2.5, 5, 7.5, 10]),
        (0, [0, 0.25, 0.5, 0.75, 1]),
    ],
)
def test_ticks_are_round_and_reach_the_top(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == ticks


def test_trend_is_valid_svg_with_escaped_text_and_a_gap() -> None:
    svg = trend_chart_svg(HOSTILE, [5, 6, 7, 8], [190, None, 272, 300], [200, 240, 280, 320])
    root = ET.fromstring(svg)  # well-formed: the hostile label is text, not markup
    assert root.get("aria-label") == HOSTILE
    assert "<script" not in svg
    solid = [p for p in root.iter("polyline") if p.get("stroke-dasharray") is None]
    dashed = [p for p in root.iter("polyline") if p.get("stroke-dasharray")]
    # June has no value: the line breaks there (one two-point run), the 序时进度 line does not
    assert [len(p.get("points").split()) for p in solid] == [2]
    assert [len(p.get("points").split()) for p in dashed] == [4]
    assert len(list(root.iter("circle"))) == 3
    labels = [t.text for t in root.iter("text")]
    assert {"5月", "8月", "190", "272", "300", "序时进度"} <= set(labels)


def test_bars_are_as_long_as_their_completion() -> None:
    svg = bar_chart_svg(
        "完成率",
        [Bar("甲", 0.5, 0.583, "green"), Bar("乙", 1.0, 0.583, "red"), Bar("丙", None, 0.5, None)],
    )
    rects = [r for r in ET.fromstring(svg).iter("rect") if r.get("height") == "18"]
    widths = [float(r.get("width")) for r in rects]
    assert len(widths) == 2 and widths[1] == pytest.approx(2 * widths[0], abs=0.2)
    assert "未报送" in svg and "50.0%" in svg and "100.0%" in svg
    assert re.search(r'fill="#D64545"', svg)  # the red light's colour


def test_same_input_same_bytes() -> None:
    args = ("图", [5, 6, 7], [1.0, 2.0, 3.0], None)
    assert trend_chart_svg(*args) == trend_chart_svg(*args)


def test_the_page_never_loads_a_rasteriser() -> None:
    code = (
        "import sys; import jianyian.render.dashboard_html as d, jianyian.jobs.dashboard;"
        "print('resvg_py' in sys.modules or 'matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
