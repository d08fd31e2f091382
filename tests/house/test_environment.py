"""The test machine itself: LibreOffice, poppler, fontconfig aliases and Chromium really work.

These run the real programs through tests/support/office.py. Without a tool they skip
loudly, and under CI=true they fail: `make system-deps` must have installed everything.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from ..support import office

pytestmark = pytest.mark.slow  # real LibreOffice, poppler and Chromium runs

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
KAI = "AR PL UKai CN"  # fonts-arphic-ukai, installed by `make system-deps`

GONGWEN_FONTS = {
    "仿宋": SERIF,
    "仿宋_GB2312": SERIF,
    "FangSong": SERIF,
    "方正小标宋简体": SERIF,
    "小标宋": SERIF,
    "楷体": KAI,
    "楷体_GB2312": KAI,
    "KaiTi": KAI,
    "宋体": SERIF,
    "SimSun": SERIF,
    "黑体": SANS,
    "SimHei": SANS,
}


def _docx(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """A .docx with one paragraph per (font, text), the font set for East Asian text too."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    for font, text in paragraphs:
        run = document.add_paragraph().add_run(text)
        run.font.name = font
        # python-docx sets only the Latin font; Chinese text uses w:eastAsia.
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("family", "expected"), sorted(GONGWEN_FONTS.items()))
def test_fontconfig_aliases_map_gongwen_fonts_to_noto_cjk(family: str, expected: str) -> None:
    office.require("noto-cjk")
    assert office.fc_match(family) == expected


def test_docx_in_fangsong_renders_to_pdf_with_chinese_text(tmp_path: Path) -> None:
    office.require("noto-cjk")
    body = "关于建议案办理进度的报告"
    title = "武汉市人民政府办公厅"
    src = _docx(tmp_path / "公文.docx", [("仿宋_GB2312", body), ("黑体", title)])

    pdf = office.convert(src, "pdf", tmp_path / "out")

    assert pdf == tmp_path / "out" / "公文.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = office.pdf_text(pdf)
    assert body in text
    assert title in text
    # The aliases reached LibreOffice: 仿宋 came out as Noto Serif, 黑体 as Noto Sans
    # (without them both are Sans). The PDF names the fonts "NotoSerifCJKjp-..." whatever
    # face of the .ttc is used; the next test checks the glyphs are the SC ones.
    fonts = office.pdf_fonts(pdf)
    assert any(name.startswith("NotoSerifCJK") for name in fonts), fonts
    assert any(name.startswith("NotoSansCJK") for name in fonts), fonts


def test_fangsong_renders_with_simplified_chinese_glyphs(tmp_path: Path) -> None:
    office.require("noto-cjk")
    # 直骨角 have visibly different Japanese and Simplified Chinese glyph forms.
    pages = {}
    for name, font in (("alias", "仿宋_GB2312"), ("sc", SERIF), ("jp", "Noto Serif CJK JP")):
        pdf = office.convert(_docx(tmp_path / f"{name}.docx", [(font, "直骨角")]), "pdf", tmp_path)
        pages[name] = office.pdf_page_png(pdf, tmp_path / f"{name}.png", dpi=50).read_bytes()
    assert pages["sc"] != pages["jp"]  # the comparison can tell the faces apart
    assert pages["alias"] == pages["sc"]


def test_xlsx_converts_to_ods_and_xls_readable_by_calamine(tmp_path: Path) -> None:
    import openpyxl
    import python_calamine

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    sheet.append(["单位", "完成数"])
    sheet.append(["市发改委", 7])
    src = tmp_path / "台账.xlsx"
    workbook.save(src)

    for fmt in ("ods", "xls"):
        converted = office.convert(src, fmt, tmp_path / fmt)
        book = python_calamine.CalamineWorkbook.from_path(str(converted))
        assert book.sheet_names == ["台账"]
        rows = book.get_sheet_by_index(0).to_python()
        assert rows[0] == ["单位", "完成数"]
        assert rows[1][0] == "市发改委"
        assert rows[1][1] == 7


def test_chromium_screenshot_has_requested_size_and_content(tmp_path: Path) -> None:
    from PIL import Image

    html = tmp_path / "页面.html"
    html.write_text(
        '<!doctype html><meta charset="utf-8">'
        '<body style="margin:0;background:#ff0000"><p>简报</p></body>',
        encoding="utf-8",
    )
    png = office.chromium_screenshot(html, tmp_path / "shot.png", (1366, 768))

    assert office.png_size(png) == (1366, 768)
    with Image.open(png) as image:
        # The page background, far from the text: proves the page was rendered, not blank.
        assert image.convert("RGB").getpixel((1300, 700)) == (255, 0, 0)


def test_chromium_dump_dom_runs_scripts(tmp_path: Path) -> None:
    html = tmp_path / "dom.html"
    html.write_text(
        '<!doctype html><meta charset="utf-8"><div id="x"></div>'
        "<script>document.getElementById('x').textContent = '共' + (3 + 4) + '项';</script>",
        encoding="utf-8",
    )
    dom = office.chromium_dump_dom(html)
    assert '<div id="x">共7项</div>' in dom


def test_require_skips_loudly_outside_ci_and_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = "jianyian-no-such-tool"
    monkeypatch.setenv("CI", "false")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(pytest.skip.Exception, match="NOT FOUND"):
            office.require(missing)
    assert any(missing in str(w.message) for w in caught)

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        office.require(missing)


def test_require_returns_path_of_present_tool() -> None:
    assert Path(office.require("pdftotext")).name == "pdftotext"


def test_png_size_rejects_non_png(tmp_path: Path) -> None:
    fake = tmp_path / "x.png"
    fake.write_bytes(b"GIF89a" + b"\0" * 30)
    with pytest.raises(ValueError, match="not a PNG"):
        office.png_size(fake)
