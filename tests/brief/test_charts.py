"""Charts: CJK font discovery, PNG/SVG output, determinism, the no-font path."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from jianyian.load.fonts import system_cjk_font_files
from jianyian.render import charts
from jianyian.render.charts import (
    CJK_FONT_FAMILIES,
    CJK_FONT_PACKAGE,
    LIGHT_COLOURS,
    CompletionItem,
    NoCJKFont,
    completion_chart,
    find_cjk_family,
    find_cjk_font,
    trend_chart,
)

ITEMS = [
    CompletionItem("规上工业增加值增速", 0.92, 7 / 12, "yellow"),
    CompletionItem("新增市场主体数量（户）", 1.053, 7 / 12, "green"),
    CompletionItem("人工智能大模型备案数", None, 0.5, "missing"),
    CompletionItem("数字经济核心产业增加值占GDP比重", 0.31, 7 / 12, "red"),
    CompletionItem("<script>alert(1)</script>", 0.5, 0.5, None, "5/10"),
]


@pytest.fixture(scope="module", autouse=True)
def need_cjk_font() -> None:
    if find_cjk_font() is None:
        reason = f"本机无中文字体，图表测试跳过（安装 {CJK_FONT_PACKAGE}）"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_find_cjk_font() -> None:
    path = find_cjk_font()
    assert path is not None and Path(path).is_file()
    assert find_cjk_family() in charts.CJK_FONT_FAMILIES


def test_completion_png_deterministic_sized_and_coloured() -> None:
    png = completion_chart(ITEMS, fmt="png", dpi=100)
    assert png == completion_chart(ITEMS, fmt="png", dpi=100)
    w, h = png_size(png)
    assert (w, h) == (620, round((0.9 + 0.42 * len(ITEMS)) * 100))
    assert b"Software" not in png and b"matplotlib" not in png
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    px = img.tobytes()
    colours = {tuple(px[i : i + 3]) for i in range(0, len(px), 3)}
    for light in ("red", "yellow", "green"):
        rgb = tuple(int(LIGHT_COLOURS[light][k : k + 2], 16) for k in (1, 3, 5))
        assert rgb in colours, light
    # One indicator fewer: a different, shorter picture (nothing is canned).
    other = completion_chart(ITEMS[:-1], fmt="png", dpi=100)
    assert png_size(other)[1] < h


def test_completion_svg_keeps_text_escaped_and_deterministic() -> None:
    svg = completion_chart(ITEMS, fmt="svg")
    assert svg == completion_chart(ITEMS, fmt="svg")
    text = svg.decode("utf-8")
    assert "<text" in text
    for item in ITEMS[:3]:
        assert item.label in text  # text stays text, not glyph paths
    assert "序时进度" in text and "未报送" in text and "92.0%" in text and "5/10" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "dc:date" not in text and "Matplotlib v" not in text
    assert "'Microsoft YaHei'" in text and "sans-serif" in text


def test_trend_chart() -> None:
    months = [1, 2, 3, 4, 5, 6, 7]
    values = [120, 250, 390, None, 650, 800, 950]
    expected = [m * 1800 / 12 for m in months]
    png = trend_chart(
        {"规上工业增加值": values}, months, expected, fmt="png", dpi=100, measure="亿元"
    )
    assert png == trend_chart(
        {"规上工业增加值": values}, months, expected, fmt="png", dpi=100, measure="亿元"
    )
    assert png_size(png) == (620, 320)
    svg = trend_chart(
        [("目标甲", [0.1, 0.2, 0.3]), ("目标乙", [0.05, 0.1, None])],
        [1, 2, 3],
        [1 / 12, 2 / 12, 3 / 12],
        fmt="svg",
        percent=True,
    ).decode()
    assert "目标甲" in svg and "目标乙" in svg and "3月" in svg and "序时进度" in svg
    with pytest.raises(ValueError, match="3 values for 2 months"):
        trend_chart({"x": [1, 2, 3]}, [1, 2], None)


def test_no_cjk_font_raises_with_package_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "CJK_FONT_FAMILIES", ("No Such Font Family",))
    assert find_cjk_font() is None
    with pytest.raises(NoCJKFont) as exc:
        completion_chart(ITEMS, fmt="png")
    assert "fonts-noto-cjk" in str(exc.value) and "中文字体" in str(exc.value)
    with pytest.raises(NoCJKFont):
        trend_chart({"x": [1]}, [1], None, fmt="svg")


def test_bad_format() -> None:
    with pytest.raises(ValueError, match="format"):
        completion_chart(ITEMS, fmt="gif")  # type: ignore[arg-type]


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = "import sys, jianyian.render.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _python(code: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.mark.slow
def test_a_stale_font_cache_still_gives_charts(tmp_path: Path) -> None:
    """matplotlib's cache written before the CJK fonts were installed: charts find them anyway."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    _python("import matplotlib.font_manager", env)  # matplotlib writes its cache
    (cache,) = tmp_path.glob("fontlist-v*.json")
    system = set(system_cjk_font_files())
    assert system, "fontconfig lists no CJK font although matplotlib found one"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["ttflist"] = [e for e in data["ttflist"] if e["fname"] not in system]
    cache.write_text(json.dumps(data), encoding="utf-8")
    # matplotlib alone now believes there is no Chinese font…
    families = repr(CJK_FONT_FAMILIES)
    seen = f"from matplotlib import font_manager as f; print(any(e.name in {families} for e in f.fontManager.ttflist))"
    assert _python(seen, env) == "False"
    # …yet the charts find one and draw, and the cache is mended for the next run.
    draw = (
        "from jianyian.render.charts import CompletionItem, completion_chart, find_cjk_family\n"
        "png = completion_chart([CompletionItem('甲', 0.5, 0.5, 'green')], fmt='png')\n"
        "print(find_cjk_family(), png[:4] == b'\\x89PNG')"
    )
    family, drawn = _python(draw, env).rsplit(" ", 1)
    assert family in CJK_FONT_FAMILIES and drawn == "True"
    assert _python(seen, env) == "True"
