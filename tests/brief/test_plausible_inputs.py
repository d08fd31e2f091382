"""Plausible input that was an internal error (issue 30, item 9): a plan title over 255
characters in the Word briefing's core properties, and "$…$" in an indicator's name drawn
by matplotlib (mathtext)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from jianyian.cli import app

from ..conftest import REAL_TARGETS, monthly, runner, write_project

LONG_TITLE = "市政协十四届四次会议2号建议案办理工作方案" * 15  # 330 characters


def project(tmp_path: Path, old: str, new: str) -> Path:
    # without the briefing's short title, so the title the document carries is the plan's
    text = REAL_TARGETS.read_text(encoding="utf-8").replace(
        "    short_title: 2号建议案办理工作方案\n", ""
    )
    assert old in text
    reports = {"jxj/2025-07.yaml": monthly("jxj", "2025-07", "  ai-models: 8\n")}
    return write_project(tmp_path / "proj", reports, text.replace(old, new, 1))


def test_a_plan_title_over_255_characters_makes_a_docx(tmp_path: Path) -> None:
    title = "  title: 市政协十四届四次会议2号建议案办理工作方案"
    root = project(tmp_path, title, f"  title: {LONG_TITLE}")
    out = tmp_path / "简报.docx"
    r = runner.invoke(
        app, ["brief", "--month", "2025-07", "--as-of", "2025-08-10", "-o", str(out),
              "--root", str(root)],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode("utf-8")
    assert LONG_TITLE[:255] in core and LONG_TITLE not in core


def test_dollar_signs_in_an_indicator_name_are_drawn_as_text() -> None:
    # Before issue 31 the charts went through matplotlib, whose mathtext raised ValueError
    # (exit 3) on unbalanced "$…$"; the SVG charts draw names as text, escaped.
    from jianyian.render.svg_charts import Bar, bar_chart_svg

    svg = str(bar_chart_svg("完成率", [Bar("部署$x^{$<b>", 0.4, 0.58, "yellow")]))
    assert "$x^{$" in svg and "<b>" not in svg
