"""Print charts: the dashboard's SVG drawn as PNG by resvg in the machine's Chinese font."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from jianyian.load.fonts import CHART_FAMILIES, ChartFont, chart_font
from jianyian.render.charts import (
    CJK_FONT_PACKAGE,
    LIGHT_COLOURS,
    CompletionItem,
    NoCJKFont,
    completion_chart,
    trend_chart,
)

ITEMS = [
    CompletionItem("规上工业增加值增速", 0.92, 7 / 12, "yellow"),
    CompletionItem("新增市场主体数量（户）", 1.053, 7 / 12, "green"),
    CompletionItem("人工智能大模型备案数", None, 0.5, "missing"),
    CompletionItem("数字经济核心产业增加值占GDP比重", 0.31, 7 / 12, "red"),
    CompletionItem("<script>alert(1)</script>", 0.5, 0.5, None, "5/10"),
]


@pytest.fixture(scope="module")
def font() -> ChartFont:
    found = chart_font()
    if found is None:
        reason = f"本机无中文字体，图表测试跳过（安装 {CJK_FONT_PACKAGE}）"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def ink(png: bytes) -> int:
    """Pixels that are not white."""
    img = Image.open(io.BytesIO(png)).convert("L")
    return sum(1 for v in img.tobytes() if v < 200)


def test_the_chart_font_is_a_chinese_face_on_disk(font: ChartFont) -> None:
    assert font.files and all(Path(f).is_file() for f in font.files)
    assert font.family in CHART_FAMILIES or font.family is None or font.family


def test_completion_png_deterministic_sized_and_coloured(font: ChartFont) -> None:
    png = completion_chart(ITEMS, font, dpi=100)
    assert png == completion_chart(ITEMS, font, dpi=100)
    w, h = png_size(png)
    assert w == 620 and h > 5 * 30
    img = Image.open(io.BytesIO(png)).convert("RGB")
    px = img.tobytes()
    colours = {tuple(px[i : i + 3]) for i in range(0, len(px), 3)}
    for light in ("red", "yellow", "green"):
        rgb = tuple(int(LIGHT_COLOURS[light][k : k + 2], 16) for k in (1, 3, 5))
        assert rgb in colours, light
    # One indicator fewer: a different, shorter picture (nothing is canned).
    assert png_size(completion_chart(ITEMS[:-1], font, dpi=100))[1] < h
    # Twice the resolution, twice the pixels across.
    assert png_size(completion_chart(ITEMS, font, dpi=200))[0] == 1240


def test_chinese_text_is_drawn_in_the_font(font: ChartFont) -> None:
    """The labels are set in the given face: a face-less font list draws no text at all."""
    labelled = trend_chart("开工亿元以上产业项目", [5, 6, 7], [190, 230, 272], None, font)
    unlabelled = trend_chart("", [5, 6, 7], [190, 230, 272], None, font)
    assert ink(labelled) > ink(unlabelled) + 200  # the legend's eight characters
    blank = ChartFont("No Such Face", (str(Path(__file__)),))  # not a font file
    assert ink(trend_chart("开工", [5], [1], None, blank)) < ink(labelled)


def test_trend_chart(font: ChartFont) -> None:
    months = [1, 2, 3, 4, 5, 6, 7]
    values = [120, 250, 390, None, 650, 800, 950]
    expected = [m * 1800 / 12 for m in months]
    png = trend_chart("规上工业增加值", months, values, expected, font, dpi=100, measure="亿元")
    assert png == trend_chart(
        "规上工业增加值", months, values, expected, font, dpi=100, measure="亿元"
    )
    assert png_size(png) == (620, 300)
    with pytest.raises(ValueError, match="one value per month"):
        trend_chart("x", [1, 2], [1, 2, 3], None, font)


def test_no_cjk_font_raises_with_package_name() -> None:
    with pytest.raises(NoCJKFont) as exc:
        completion_chart(ITEMS, None)
    assert "fonts-noto-cjk" in str(exc.value) and "中文字体" in str(exc.value)
    with pytest.raises(NoCJKFont):
        trend_chart("x", [1], [1], None, ChartFont(None, ()))


def test_importing_charts_loads_neither_resvg_nor_matplotlib() -> None:
    code = (
        "import sys, jianyian.render.charts, jianyian.render.brief_document;"
        "print('resvg_py' in sys.modules, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
