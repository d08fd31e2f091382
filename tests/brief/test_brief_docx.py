"""``jianyian brief -o x.docx|x.pdf``: the demo briefing as a 公文-style Word document.

Read back with python-docx (the same view as the Markdown briefing: same numbers,
same sentences), byte-identical for the same data and as-of, and rendered by a real
LibreOffice into a PDF whose pages carry the masthead and the page numbers.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from jianyian.cli import app

from ..conftest import DEMO_BUILD, GOLDEN, runner
from ..support import office
from ..support.samples import hostile_report

ARGS = ("brief", "--month", "2025-07", "--as-of", "2025-08-10")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "project"
    subprocess.run([sys.executable, str(DEMO_BUILD), str(target)], check=True, capture_output=True)
    return target


@pytest.fixture(scope="module")
def docx_bytes(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("out") / "简报.docx"
    r = runner.invoke(app, [*ARGS, "--root", str(demo), "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out.read_bytes()


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.slow
def test_the_docx_says_what_the_markdown_says(docx_bytes: bytes) -> None:
    doc = read_docx(io.BytesIO(docx_bytes))
    text = all_text(doc)
    golden = GOLDEN.read_text(encoding="utf-8")
    # The same sentences as the Markdown briefing, from the one view.
    for sentence in (
        "21项量化指标中，3项达到或超过序时进度，12项略低于序时进度（差距不足10个百分点），"
        "6项滞后（其中红灯4项），0项未报送。",
        "二是跨部门数据共享机制尚不健全（市经信局、汉阳区）；",
        "区级配套资金落实进度偏慢，需市级层面统筹解决（市商务局）",
        "4项指标亮红灯，请有关牵头单位查找原因，8月底前报送整改措施。（示例按语）",
        "数据截至7月，序时进度58.3%（7/12）",
        "2025年7月信息应报40家，已报39家，均按时；未报：市人社局。",
        "5月、6月、7月连续3个月黄灯，按规则升为红灯",
        "落后25.0个百分点；已连续2个月预警（6月、7月）",
        "注：五大优势产业总规模：各分项目标合计2.265万亿元，高于总目标（突破2万亿元）。",
    ):
        assert sentence in text and sentence in golden, sentence
    # Mark, masthead, title, the annex list after the body, the 版记 from the settings.
    assert [p.text for p in doc.paragraphs[:2]] == ["内部资料", "2号建议案办理工作简报"]
    assert "第3期" in text and "2025年8月10日" in text
    assert "2号建议案办理工作方案7月落实情况" in text
    assert "附件：1.主要指标完成情况　2.各单位报送情况　3.各单位本月信息摘要　4.本月变化" in text
    assert [p.text for p in doc.paragraphs[-5:]] == [
        "报：市人民政府分管副市长、分管副秘书长",
        "送：市政协有关领导",
        "发：领导小组各成员单位",
        "2号建议案办理工作领导小组办公室\t2025年8月10日印发",
        "\t（共印60份）",
    ]
    # ... in one frame at the foot of the page (GB/T 9704 7.4), not after the text.
    frame = doc.paragraphs[-1]._p.find(qn("w:pPr")).find(qn("w:framePr"))
    assert frame.get(qn("w:yAlign")) == "bottom" and frame.get(qn("w:vAnchor")) == "margin"
    assert "分送" not in text


def test_the_docx_is_a_gongwen(docx_bytes: bytes) -> None:
    doc = read_docx(io.BytesIO(docx_bytes))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    # The masthead's name is red; every run names an East Asian font.
    name_run = doc.paragraphs[1].runs[0]
    assert str(name_run.font.color.rgb) == "FF0000"
    for p in doc.paragraphs:
        for run in p.runs:
            if not run.text:
                continue  # a page break or a picture
            rpr = run._r.find(qn("w:rPr"))
            fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
            assert fonts is not None and fonts.get(qn("w:eastAsia")), p.text
    # Tables repeat their header row; lights are filled cells.
    indicators = next(t for t in doc.tables if t.rows[0].cells[1].text == "指标")
    assert indicators.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert len(indicators.rows) == 1 + 26  # every indicator, the five parts under their total
    red = next(r for r in indicators.rows if r.cells[-1].text == "红灯")
    shading = red.cells[-1]._tc.find(qn("w:tcPr")).find(qn("w:shd"))
    assert shading is not None and shading.get(qn("w:fill"))
    # Page numbers in both footers (odd and even pages).
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    # Two charts: completion against 序时进度, and the goals' 1–N月 trend.
    assert len(doc.inline_shapes) == 2


@pytest.mark.slow
def test_same_data_same_bytes(demo: Path, tmp_path: Path, docx_bytes: bytes) -> None:
    out = tmp_path / "again.docx"
    r = runner.invoke(app, [*ARGS, "--root", str(demo), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes() == docx_bytes


@pytest.mark.slow
def test_hostile_text_is_literal_in_word(make_project, tmp_path: Path) -> None:
    root = make_project(
        {
            "jxj/2025-06.yaml": hostile_report("jxj"),
            "jiangan/2025-06.yaml": hostile_report("jiangan"),
        }
    )
    out = tmp_path / "h.docx"
    r = runner.invoke(
        app,
        [
            "brief",
            "--month",
            "2025-06",
            "--as-of",
            "2025-07-10",
            "--root",
            str(root),
            "-o",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    text = all_text(read_docx(str(out)))
    assert "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text
    # nothing was evaluated (the project's folder, named in git's warning, may hold a 49)
    assert "49" not in text.replace(str(root), "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "简报.doc"), "不认识的扩展名"),
        (("--format", "docx"), "不能写到终端"),
        (("--format", "md", "-o", "x.docx"), "扩展名不符"),
    ],
)
def test_formats_follow_the_extension(make_project, args, message) -> None:
    r = runner.invoke(app, ["brief", "--month", "2025-07", "--root", str(make_project()), *args])
    assert r.exit_code == 2 and message in r.output, r.output


@pytest.mark.slow
def test_pdf_through_libreoffice(demo: Path, tmp_path: Path) -> None:
    office.require("soffice")
    office.require("pdftotext")
    out = tmp_path / "简报.pdf"
    env_fonts = office.fontconfig_env()
    r = subprocess.run(
        [sys.executable, "-m", "jianyian", *ARGS, "--root", str(demo), "-o", str(out)],
        env=env_fonts,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    first = office.pdf_text(out, layout=False)
    assert "2 号建议案办理工作简报" in first.replace("2号", "2 号")
    flat = first.replace(" ", "")  # pdftotext may drop the half-width spaces
    assert "—1—" in flat and "—2—" in flat
    assert "附件 1" in first or "附件1" in first
