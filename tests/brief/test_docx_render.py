"""The 公文-style Word renderer: structure read back with python-docx, determinism,
and a visual check through real LibreOffice (docx → PDF → pdftotext / pdftoppm)."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from jianyian.render.document import (
    Annex,
    Cell,
    Column,
    Distribution,
    Document,
    Figure,
    Heading,
    Masthead,
    Note,
    Paragraph,
    Table,
)
from jianyian.render.word import (
    BODY_FONT,
    FILL_COLOURS,
    HEADING1_FONT,
    HEADING2_FONT,
    LINE_PITCH,
    MASTHEAD_RED,
    TITLE_FONT,
    render_docx,
)
from jianyian.render.word_xml import clean_text

pytestmark = pytest.mark.slow  # real LibreOffice, poppler and Chromium runs

AS_OF = date(2025, 8, 5)
HOSTILE = '<script>alert(1)</script> {{ x }} | ** =HYPERLINK("http://evil","点我")'
HOSTILE_CELL = '=HYPERLINK("x")|**粗**\n第二行 {% if 1 %}'
# A long paragraph of 56 distinct-ish characters repeated: plain hanzi, no
# punctuation, so every full line holds exactly the grid's 28 characters.
LONG = (
    "全市上下深入贯彻落实建议案各项部署要求围绕年度目标任务强化统筹调度压实工作责任推动各项指标总体平稳"
    * 30
)


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG made by hand (no font or imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xd6\x45\x45" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def sample(as_of: date = AS_OF, annexes: int = 2) -> Document:
    table = Table(
        columns=[
            Column("指标"),
            Column("完成值", "right", 6),
            Column("完成率", "right", 6),
            Column("状态", "center", 5),
        ],
        rows=[
            [Cell("规上工业增加值增速"), Cell("6.5%"), Cell("92.0%"), Cell("黄灯", "yellow")],
            [Cell(HOSTILE_CELL), Cell("120"), Cell("105.3%"), Cell("绿灯", "green")],
            [Cell("数字经济核心产业"), Cell("31"), Cell("31.0%"), Cell("红灯", "red")],
            [Cell("人工智能大模型"), Cell(""), Cell(""), Cell("未报送", "missing")],
            [Cell("不考核事项"), Cell("—"), Cell("—"), Cell("不适用", "grey")],
            [Cell("已完成事项"), Cell("1"), Cell("100.0%"), Cell("已完成", "done")],
        ],
        caption="表1 主要指标完成情况",
    )
    return Document(
        masthead=Masthead("建议案办理工作简报", "第7期", "市政府办公厅督查室", "2025年8月5日"),
        title="关于2025年7月建议案办理进展情况的通报",
        blocks=[
            Heading(1, "一、总体进展"),
            Paragraph("截至7月31日，23项指标中12项达到序时进度。" + HOSTILE, bold_lead="总的看，"),
            Heading(2, "（一）主要指标"),
            table,
            Figure(tiny_png(), 150, "图1 主要指标完成率与序时进度"),
            Heading(3, "1.控制字符"),
            Paragraph("响铃\x07在此\r\n换行\x1b[31m红"),
            Note("注：本期数据截至2025年7月31日。"),
        ],
        annexes=[
            Annex(f"第{i}个附件的标题", [Paragraph(f"第{i}个附件正文。")])
            for i in range(1, annexes + 1)
        ],
        distribution=Distribution(["报：市委办公厅，市政府办公厅", "送：各区人民政府，市直各部门"]),
        as_of=as_of,
        properties={"数据版本": "3f2a9c1", "截至日期": "2025-07-31"},
    )


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(sample())


@pytest.fixture(scope="module")
def wd(rendered: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(rendered))


def all_paragraphs(d: docx.document.Document) -> list[docx.text.paragraph.Paragraph]:
    paras = list(d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                paras.extend(c.paragraphs)
    return paras


def test_page_size_margins_and_grid(wd: docx.document.Document) -> None:
    s = wd.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    margins = [s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm]
    assert [round(m) for m in margins] == [37, 35, 28, 26]
    grid = s._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch")))
    assert pitch == LINE_PITCH
    text_height = s.page_height.twips - s.top_margin.twips - s.bottom_margin.twips
    # 22 lines fill the 版心, a 23rd would not fit.
    assert 22 * pitch <= text_height < 23 * pitch


def test_fonts_on_styles_and_language(wd: docx.document.Document) -> None:
    styles = wd.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == BODY_FONT
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    expected = {
        "Normal": BODY_FONT,
        "Title": TITLE_FONT,
        "Heading1": HEADING1_FONT,
        "Heading2": HEADING2_FONT,
        "JYBody": BODY_FONT,
    }
    for sid, font in expected.items():
        style = next(s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == sid)
        rfonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
        # The theme attributes would override the explicit names: none may remain.
        assert rfonts.get(qn("w:eastAsiaTheme")) is None
        for attr in ("ascii", "hAnsi", "eastAsia"):
            assert rfonts.get(qn(f"w:{attr}")) == font, (sid, attr)
    assert wd.styles["Normal"].font.size.pt == 16
    assert wd.styles["Title"].font.size.pt == 22
    settings_lang = wd.settings.element.find(qn("w:themeFontLang"))
    assert settings_lang.get(qn("w:eastAsia")) == "zh-CN"


def test_every_run_names_its_east_asian_font(wd: docx.document.Document) -> None:
    runs = [r for p in all_paragraphs(wd) for r in p.runs if r.text]
    assert len(runs) > 20
    for r in runs:
        rfonts = r._r.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")), r.text
        assert rfonts.get(qn("w:ascii")) == rfonts.get(qn("w:eastAsia"))


def test_masthead_red_rule_and_title(wd: docx.document.Document) -> None:
    name = wd.paragraphs[0]
    assert name.text == "建议案办理工作简报"
    assert str(name.runs[0].font.color.rgb) == MASTHEAD_RED
    assert name.runs[0].font.size.pt >= 36
    assert wd.paragraphs[1].text == "第7期"
    rule = wd.paragraphs[2]
    assert rule.text == "\u3000市政府办公厅督查室\t2025年8月5日\u3000"
    bottom = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == MASTHEAD_RED
    assert int(bottom.get(qn("w:sz"))) >= 8
    assert wd.paragraphs[3].text == "关于2025年7月建议案办理进展情况的通报"
    assert wd.paragraphs[3].style.style_id == "Title"


def test_page_numbers_odd_right_even_left(wd: docx.document.Document) -> None:
    assert wd.settings.odd_and_even_pages_header_footer
    s = wd.sections[0]
    for footer, jc in ((s.footer, "right"), (s.even_page_footer, "left")):
        el = footer._element
        instr = "".join(t.text for t in el.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        kinds = [f.get(qn("w:fldCharType")) for f in el.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        p = footer.paragraphs[0]
        assert p.text == "— 1 —"
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == jc
        for r in p.runs:
            assert r._r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    assert wd.styles["Footer"].font.size.pt == 14


def test_table_header_repeat_fills_alignment(wd: docx.document.Document) -> None:
    table = wd.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["指标", "完成值", "完成率", "状态"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
    fills = []
    for row in table.rows[1:]:
        shd = row.cells[3]._tc.tcPr.find(qn("w:shd"))
        fills.append(shd.get(qn("w:fill")))
        assert row.cells[0]._tc.tcPr.find(qn("w:shd")) is None
    assert fills == [FILL_COLOURS[k] for k in ("yellow", "green", "red", "missing", "grey", "done")]
    assert len(set(FILL_COLOURS.values())) == len(FILL_COLOURS)
    for row in table.rows[1:]:
        assert row.cells[1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
        assert row.cells[0].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT
    cell_p = table.rows[1].cells[0].paragraphs[0]
    assert cell_p._p.pPr.find(qn("w:snapToGrid")) is None  # comes from the style
    style = wd.styles["简报表格文字"]
    assert style.element.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert style.font.size.pt < 16
    widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    s = wd.sections[0]
    assert sum(widths) == s.page_width.twips - s.left_margin.twips - s.right_margin.twips


def test_hostile_text_is_literal(wd: docx.document.Document, rendered: bytes) -> None:
    texts = [p.text for p in all_paragraphs(wd)]
    assert any(HOSTILE in t for t in texts)
    assert HOSTILE_CELL in texts  # the newline came back as a w:br
    cell = wd.tables[0].rows[2].cells[0]
    assert len(cell._tc.findall(".//" + qn("w:br"))) == 1
    assert "响铃\\x07在此\n换行\\x1b[31m红" in texts
    document_xml = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml").decode()
    assert "<script>" not in document_xml and "&lt;script&gt;" in document_xml
    # No field other than the page numbers' (which live in the footers).
    assert "instrText" not in document_xml and "fldSimple" not in document_xml
    # Every table row has all its cells: a "|" in text did not split anything.
    assert all(len(r.cells) == 4 for r in wd.tables[0].rows)


def test_clean_text() -> None:
    assert clean_text("a\r\nb\rc\td") == "a\nb\nc\td"
    assert clean_text("x\x00y\x7f\x85") == "x\\x00y\\x7f\\x85"
    assert clean_text("\ud800\uffff中") == "\\ud800\\uffff中"


def test_picture_embedded(wd: docx.document.Document, rendered: bytes) -> None:
    assert len(wd.inline_shapes) == 1
    assert round(wd.inline_shapes[0].width.mm) == 150
    names = zipfile.ZipFile(io.BytesIO(rendered)).namelist()
    assert "word/media/image1.png" in names
    assert zipfile.ZipFile(io.BytesIO(rendered)).read("word/media/image1.png") == tiny_png()
    texts = [p.text for p in wd.paragraphs]
    assert "图1 主要指标完成率与序时进度" in texts


def test_annexes_start_new_pages(wd: docx.document.Document) -> None:
    labels = [p for p in wd.paragraphs if p.style.name == "附件标识"]
    assert [p.text for p in labels] == ["附件1", "附件2"]
    assert all(p.style.paragraph_format.page_break_before for p in labels)
    single = docx.Document(io.BytesIO(render_docx(sample(annexes=1))))
    assert [p.text for p in single.paragraphs if p.style.name == "附件标识"] == ["附件"]


def test_distribution_between_rules(wd: docx.document.Document) -> None:
    table = wd.tables[-1]
    assert [r.cells[0].text for r in table.rows] == [
        "报：市委办公厅，市政府办公厅",
        "送：各区人民政府，市直各部门",
    ]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for side in ("top", "bottom"):
        assert borders.find(qn(f"w:{side}")).get(qn("w:val")) == "single"
    assert borders.find(qn("w:left")).get(qn("w:val")) == "nil"
    # The 报尾 is the last thing in the body.
    body = wd.element.body
    assert body.index(table._tbl) == len(body) - 3  # table, spacer paragraph, sectPr


def test_properties_from_as_of(wd: docx.document.Document, rendered: bytes) -> None:
    cp = wd.core_properties
    assert cp.author == "jianyian" and cp.last_modified_by == "jianyian"
    assert cp.title == "关于2025年7月建议案办理进展情况的通报"
    stamp = datetime(2025, 8, 5)
    stamps = {d.replace(tzinfo=None) for d in (cp.created, cp.modified, cp.last_printed)}
    assert stamps == {stamp}
    assert cp.revision == 1
    z = zipfile.ZipFile(io.BytesIO(rendered))
    custom = z.read("docProps/custom.xml").decode()
    assert 'name="数据版本"' in custom and ">3f2a9c1<" in custom
    assert "docProps/thumbnail.jpeg" not in z.namelist()
    other = docx.Document(io.BytesIO(render_docx(sample(as_of=date(2025, 9, 3)))))
    assert other.core_properties.created.replace(tzinfo=None) == datetime(2025, 9, 3)


def test_deterministic_bytes_and_zip_entries(rendered: bytes) -> None:
    assert render_docx(sample()) == rendered
    z = zipfile.ZipFile(io.BytesIO(rendered))
    infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert infos[1].filename == "_rels/.rels"
    assert [i.filename for i in infos[2:]] == sorted(i.filename for i in infos[2:])
    assert {i.date_time for i in infos} == {(2025, 8, 5, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert render_docx(sample(as_of=date(2025, 9, 3))) != rendered


def test_table_row_width_checked() -> None:
    with pytest.raises(ValueError, match="row 0"):
        Table(columns=[Column("a"), Column("b")], rows=[[Cell("x")]])


# --- LibreOffice: the real layout ------------------------------------------------------

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""
ALIASES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}


def _chart_figure() -> Figure | Note:
    """A real chart when the machine has a CJK font, else the note the briefing would carry."""
    from jianyian.load.fonts import chart_font
    from jianyian.render.charts import CompletionItem, NoCJKFont, completion_chart

    items = [
        CompletionItem("规上工业增加值增速", 0.92, 7 / 12, "yellow"),
        CompletionItem("新增市场主体数量", 1.05, 7 / 12, "green"),
        CompletionItem("人工智能大模型备案数", None, 0.5, "missing"),
        CompletionItem("数字经济核心产业增加值占比", 0.31, 7 / 12, "red"),
    ]
    try:
        return Figure(completion_chart(items, chart_font()), 150, "图1 主要指标完成率与序时进度")
    except NoCJKFont as exc:
        return Note(f"注：{exc}")


def _tools() -> dict[str, str]:
    found = {t: shutil.which(t) for t in ("soffice", "pdftotext", "pdftoppm")}
    missing = [t for t, p in found.items() if p is None]
    if missing:
        reason = (
            f"视觉测试需要 {', '.join(missing)}：请安装 libreoffice-writer-nogui、"
            "poppler-utils 和 fonts-noto-cjk（LibreOffice visual test SKIPPED)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return {t: p for t, p in found.items() if p}


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    tools = _tools()
    tmp = tmp_path_factory.mktemp("lo")
    conf = tmp / "fonts.conf"
    conf.write_text(
        FONTS_CONF.format(
            aliases="\n".join(
                f'  <alias binding="same"><family>{k}</family><prefer><family>{v}</family>'
                "</prefer></alias>"
                for k, v in ALIASES.items()
            )
        ),
        encoding="utf-8",
    )
    doc = Document(
        masthead=Masthead("建议案办理工作简报", "第7期", "市政府办公厅督查室", "2025年8月5日"),
        title="关于2025年7月建议案办理进展情况的通报",
        blocks=[Heading(1, "一、总体进展"), Paragraph(LONG)],
        annexes=(*sample().annexes, Annex("主要指标完成率与序时进度", [_chart_figure()])),
        distribution=sample().distribution,
        as_of=AS_OF,
    )
    src = tmp / "brief.docx"
    src.write_bytes(render_docx(doc))
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(tmp))
    subprocess.run(
        [
            tools["soffice"],
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(src),
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp / "brief.pdf"
    text = subprocess.run(
        [tools["pdftotext"], "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # PNGs of every page for a human look (and for the red-pixel check below).
    subprocess.run([tools["pdftoppm"], "-r", "60", "-png", str(pdf), str(tmp / "page")], check=True)
    pages = text.split("\f")
    return [p for p in pages if p.strip()], tmp


def _lines(page: str) -> list[str]:
    return [re.sub(r"\s", "", line) for line in page.splitlines() if line.strip()]


@pytest.mark.slow
def test_lo_masthead_on_page_one(pdf_pages: tuple[list[str], Path]) -> None:
    pages, tmp = pdf_pages
    first = _lines(pages[0])
    assert first[0] == "建议案办理工作简报"
    assert "第7期" in first
    from PIL import Image

    png = sorted(tmp.glob("page-*.png"))[0]
    img = Image.open(png).convert("RGB")
    w, h = img.size
    top = img.crop((0, 0, w, h // 3))
    px = top.tobytes()
    red = sum(1 for i in range(0, len(px), 3) if px[i] > 200 and px[i + 1] < 90 and px[i + 2] < 90)
    assert red > 500, "no red masthead in the top third of page 1"


def test_lo_body_pages_hold_22_lines_of_28(pdf_pages: tuple[list[str], Path]) -> None:
    pages, _ = pdf_pages
    # Page 2 is body text only (the paragraph runs over several pages).
    body = _lines(pages[1])
    footer = body[-1]
    assert footer == "—2—"
    text_lines = body[:-1]
    assert len(text_lines) == 22, text_lines
    assert all(len(line) == 28 for line in text_lines), [len(x) for x in text_lines]
    # And the text is the paragraph's, in order.
    joined = "".join(_lines(pages[0])[5:-1]) + "".join(text_lines)
    assert joined in LONG


def test_lo_page_numbers_alternate_sides(pdf_pages: tuple[list[str], Path]) -> None:
    pages, _ = pdf_pages

    def footer_indent(page: str) -> int:
        last = [line for line in page.splitlines() if line.strip()][-1]
        return len(last) - len(last.lstrip())

    odd, even = footer_indent(pages[0]), footer_indent(pages[1])
    assert odd > 20 > even, (odd, even)


def test_lo_annexes_and_distribution(pdf_pages: tuple[list[str], Path]) -> None:
    pages, _ = pdf_pages
    starts = [_lines(p)[0] for p in pages]
    assert "附件1" in starts and "附件2" in starts and "附件3" in starts
    assert starts.index("附件2") == starts.index("附件1") + 1
    last = _lines(pages[-1])
    assert "报：市委办公厅，市政府办公厅" in last
