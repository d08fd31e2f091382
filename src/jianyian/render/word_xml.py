"""The Word package under a 工作简报: page geometry, fonts, styles, page numbers, properties.

Shared by :mod:`jianyian.render.word`; python-docx and lxml are imported with it.
"""

from __future__ import annotations

import math
from datetime import datetime

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips
from lxml import etree

from .document import Document

# --- Page geometry (twips: 1/20 pt, 1 mm = 56.69 twips) -----------------------------

PAGE_W, PAGE_H = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM = 2098, 1984  # 37 mm, 35 mm
MARGIN_LEFT, MARGIN_RIGHT = 1587, 1474  # 28 mm, 26 mm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 8845 ≈ 156 mm
TEXT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 12756 ≈ 225 mm
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_PT = 16  # 3号
# Floor so 22 pitches never exceed the 版心 height (579 × 22 = 12738 ≤ 12756).
LINE_PITCH = TEXT_H // LINES_PER_PAGE
# Character tracking in twentieths of a point: the largest step (of 1/20 pt)
# that fits 28 characters of 16 pt in the 版心 width (see the module docstring).
TRACKING = math.floor(TEXT_W / CHARS_PER_LINE - BODY_PT * 20)  # -5 = -0.25 pt
HEADER_DIST = 851  # 15 mm; there is no header text
# GB/T 9704: the page number's dash line sits 7 mm under the 版心.
FOOTER_DIST = 1304  # 23 mm from the page's bottom edge to the footer's bottom

# --- Fonts, sizes, colours -----------------------------------------------------------

TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
MASTHEAD_RED = "FF0000"
TABLE_PT = 10.5  # 五号: a 26-row table stays readable and keeps names on one line
SMALL_PT = 14  # 4号
TITLE_PT = 22  # 2号

# Light fills, pale enough for black text and for a monochrome printer. 未报送
# ("missing") gets a light purple so it is not mistaken for a grey light
# (not applicable / no target); 已完成 ("done") a light blue.
FILL_COLOURS: dict[str, str] = {
    "red": "FFC7CE",
    "yellow": "FFEB9C",
    "green": "C6EFCE",
    "grey": "D9D9D9",
    "missing": "E4DFEC",
    "done": "DDEBF7",
}

# Font table entries: GB2312 charset (0x86) so a substituting Word/WPS picks a
# Chinese face; altName names the face shipped with current Windows.
_FONT_TABLE: tuple[tuple[str, str | None, str], ...] = (
    (TITLE_FONT, None, "roman"),
    (HEADING1_FONT, "SimHei", "modern"),
    (HEADING2_FONT, "楷体", "modern"),
    (BODY_FONT, "仿宋", "modern"),
    (PAGE_NUMBER_FONT, "SimSun", "auto"),
)

_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


# --- Text ------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Return ``text`` made safe for a run: newlines kept, other controls escaped.

    XML 1.0 cannot carry C0 controls (except tab and newline), lone surrogates or
    U+FFFE/U+FFFF; they are shown as ``\\xNN``/``\\uNNNN`` so the reader sees
    that something odd was in the report rather than losing it silently.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for ch in text:
        o = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif o < 0x20 or 0x7F <= o <= 0x9F:
            out.append(f"\\x{o:02x}")
        elif 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _rfonts(font: str) -> str:
    return (
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}" '
        'w:hint="eastAsia"/>'
    )


def _rpr_xml(
    font: str,
    size_pt: float | None = None,
    *,
    bold: bool = False,
    color: str | None = None,
    lang: bool = False,
    tracking: int | None = None,
) -> str:
    # Children in schema order: rFonts, b, bCs, color, spacing, sz, szCs, lang.
    parts = [_rfonts(font)]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if tracking is not None:
        parts.append(f'<w:spacing w:val="{tracking}"/>')
    if size_pt is not None:
        half = round(size_pt * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if lang:
        parts.append(_LANG)
    return f"<w:rPr {nsdecls('w')}>{''.join(parts)}</w:rPr>"


def add_run(
    parent: etree._Element,
    text: str,
    font: str,
    *,
    size_pt: float | None = None,
    bold: bool = False,
    color: str | None = None,
) -> etree._Element:
    """Append a ``w:r`` with explicit fonts holding ``text`` literally."""
    r = OxmlElement("w:r")
    r.append(parse_xml(_rpr_xml(font, size_pt, bold=bold, color=color)))
    # CT_R.text turns \n into w:br and \t into w:tab and stores the rest as
    # element text: lxml escapes it, nothing is interpreted.
    r.text = clean_text(text)
    parent.append(r)
    return r


def para(body: etree._Element, style: str, ppr_extra: str = "") -> etree._Element:
    """Append a ``w:p`` with style ``style`` and extra pPr children (schema order!)."""
    p = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/>{ppr_extra}</w:pPr></w:p>'
    )
    body.append(p)
    return p


# --- Styles ---------------------------------------------------------------------------


def exact(line: int = LINE_PITCH, before: int = 0, after: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'


_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_INDENT2 = '<w:ind w:firstLine="640"/>'  # two 3号 characters

# (style id, UI name, type, basedOn, pPr inner xml, font, size, bold, outline level)
_STYLES: tuple[tuple[str, str, str | None, str, str, float, bool, int | None], ...] = (
    (
        "Normal",
        "Normal",
        None,
        '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        + exact()
        + '<w:jc w:val="both"/>',
        BODY_FONT,
        BODY_PT,
        False,
        None,
    ),
    ("JYBody", "简报正文", "Normal", _INDENT2, BODY_FONT, BODY_PT, False, None),
    (
        "Title",
        "Title",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0" w:line="780" '
        'w:lineRule="exact"/><w:jc w:val="center"/>',
        TITLE_FONT,
        TITLE_PT,
        False,
        None,
    ),
    (
        "Heading1",
        "heading 1",
        "Normal",
        "<w:keepNext/><w:keepLines/>" + exact() + _INDENT2,
        HEADING1_FONT,
        BODY_PT,
        False,
        0,
    ),
    (
        "Heading2",
        "heading 2",
        "Normal",
        "<w:keepNext/><w:keepLines/>" + exact() + _INDENT2,
        HEADING2_FONT,
        BODY_PT,
        False,
        1,
    ),
    (
        "Heading3",
        "heading 3",
        "Normal",
        "<w:keepNext/><w:keepLines/>" + exact() + _INDENT2,
        BODY_FONT,
        BODY_PT,
        True,
        2,
    ),
    (
        "JYTableText",
        "简报表格文字",
        "Normal",
        '<w:snapToGrid w:val="0"/>' + _SINGLE,
        BODY_FONT,
        TABLE_PT,
        False,
        None,
    ),
    (
        "JYCaption",
        "简报图表题",
        "Normal",
        '<w:keepNext/><w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/>',
        HEADING1_FONT,
        SMALL_PT,
        False,
        None,
    ),
    (
        "JYFigure",
        "简报图片",
        "Normal",
        '<w:keepNext/><w:snapToGrid w:val="0"/>' + _SINGLE + '<w:jc w:val="center"/>',
        BODY_FONT,
        BODY_PT,
        False,
        None,
    ),
    ("JYNote", "简报注", "Normal", _INDENT2, HEADING2_FONT, SMALL_PT, False, None),
    # 按语: 3号 楷体 under the masthead, set apart from the 仿宋 body.
    ("JYEditorNote", "简报按语", "Normal", _INDENT2, HEADING2_FONT, BODY_PT, False, None),
    (
        "JYMastheadName",
        "简报报头名称",
        "Normal",
        '<w:keepNext/><w:snapToGrid w:val="0"/><w:jc w:val="center"/>',
        TITLE_FONT,
        48,
        False,
        None,
    ),
    (
        "JYAnnexLabel",
        "附件标识",
        "Normal",
        '<w:keepNext/><w:pageBreakBefore/><w:jc w:val="left"/>',
        HEADING1_FONT,
        BODY_PT,
        False,
        None,
    ),
    (
        "JYDistribution",
        "简报报尾",
        "Normal",
        '<w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="280" w:right="280"/><w:jc w:val="left"/>',
        BODY_FONT,
        SMALL_PT,
        False,
        None,
    ),
    (
        "Footer",
        "footer",
        "Normal",
        '<w:snapToGrid w:val="0"/>' + _SINGLE,
        PAGE_NUMBER_FONT,
        SMALL_PT,
        False,
        None,
    ),
)


def set_styles(styles_el: etree._Element) -> None:
    """Rewrite docDefaults and the styles this renderer uses."""
    defaults = styles_el.find(qn("w:docDefaults"))
    for child in list(defaults):
        defaults.remove(child)
    defaults.append(
        parse_xml(
            f"<w:rPrDefault {nsdecls('w')}>{_rpr_xml(BODY_FONT, BODY_PT, lang=True, tracking=TRACKING)}</w:rPrDefault>"
        )
    )
    defaults.append(
        parse_xml(f"<w:pPrDefault {nsdecls('w')}><w:pPr>{_SINGLE}</w:pPr></w:pPrDefault>")
    )
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    for sid, name, based, ppr, font, size, bold, outline in _STYLES:
        old = by_id.get(sid)
        based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
        default_attr = ' w:default="1"' if sid == "Normal" else ""
        outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
        rpr = _rpr_xml(font, size, bold=bold, lang=sid == "Normal")
        rpr_inner = rpr[rpr.index(">") + 1 : -len("</w:rPr>")]
        new = parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph"{default_attr} w:styleId="{sid}">'
            f'<w:name w:val="{name}"/>{based_xml}<w:qFormat/>'
            f"<w:pPr>{ppr}{outline_xml}</w:pPr><w:rPr>{rpr_inner}</w:rPr></w:style>"
        )
        if old is not None:
            old.addprevious(new)
            styles_el.remove(old)
        else:
            styles_el.append(new)


def set_font_table(package: object) -> None:
    for part in package.parts:  # type: ignore[attr-defined]
        if part.partname == "/word/fontTable.xml":
            root = etree.fromstring(part.blob)
            for name, alt, family in _FONT_TABLE:
                alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
                root.append(
                    parse_xml(
                        f'<w:font {nsdecls("w")} w:name="{name}">{alt_xml}'
                        f'<w:charset w:val="86"/><w:family w:val="{family}"/>'
                        f'<w:pitch w:val="variable"/></w:font>'
                    )
                )
            # Plain Part keeps its bytes in _blob; python-docx has no setter for it.
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            return


def set_settings(settings_el: etree._Element) -> None:
    lang = settings_el.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


# --- Section, footers -----------------------------------------------------------------


def set_section(wd: object) -> None:
    section = wd.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(HEADER_DIST), Twips(FOOTER_DIST)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    wd.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    _page_number_footer(section.footer, odd=True)
    _page_number_footer(section.even_page_footer, odd=False)


def _page_number_footer(footer: object, *, odd: bool) -> None:
    """Fill ``footer`` with "— PAGE —": odd pages right, even pages left, one 4号 char in."""
    footer.is_linked_to_previous = False  # type: ignore[attr-defined]
    el = footer._element  # type: ignore[attr-defined]
    for child in list(el):
        el.remove(child)
    ind = '<w:ind w:right="280"/>' if odd else '<w:ind w:left="280"/>'
    jc = "right" if odd else "left"
    p = para(el, "Footer", ind + f'<w:jc w:val="{jc}"/>')
    add_run(p, "— ", PAGE_NUMBER_FONT)
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None)):
        r = OxmlElement("w:r")
        r.append(parse_xml(_rpr_xml(PAGE_NUMBER_FONT)))
        if kind:
            r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))
        else:
            t = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
            t.text = instr
            r.append(t)
        p.append(r)
    add_run(p, "1", PAGE_NUMBER_FONT)
    r = OxmlElement("w:r")
    r.append(parse_xml(_rpr_xml(PAGE_NUMBER_FONT)))
    r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "end"}))
    p.append(r)
    add_run(p, " —", PAGE_NUMBER_FONT)


# --- Blocks ---------------------------------------------------------------------------


# --- Package --------------------------------------------------------------------------


def _custom_properties_xml(props: dict[str, str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for pid, (name, value) in enumerate(props.items(), start=2):
        prop = etree.SubElement(
            root,
            f"{{{ns}}}property",
            fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
            pid=str(pid),
            name=clean_text(str(name)),
        )
        etree.SubElement(prop, f"{{{vt}}}lpwstr").text = clean_text(str(value))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_package(wd: object, doc: Document) -> None:
    pkg = wd.part.package  # type: ignore[attr-defined]
    # Drop the template's thumbnail (a picture of an empty python-docx page).
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    stamp = datetime(doc.as_of.year, doc.as_of.month, doc.as_of.day)
    cp = wd.core_properties  # type: ignore[attr-defined]
    cp.author = "jianyian"
    cp.last_modified_by = "jianyian"
    # Core properties hold at most 255 characters (python-docx refuses more): a long plan
    # title is cut there; the document itself keeps it whole.
    cp.title = clean_text(
        (doc.title or (doc.masthead.name if doc.masthead else "")).replace("\n", "")
    )[:255]
    cp.subject = clean_text(doc.masthead.name)[:255] if doc.masthead else ""
    cp.comments = clean_text(doc.draft_note or "")[:255]
    cp.content_status = clean_text(doc.draft_note or "")[:255]
    cp.keywords = ""
    cp.category = ""
    cp.language = "zh-CN"
    cp.revision = 1
    cp.created = cp.modified = cp.last_printed = stamp
    if doc.properties:
        part = Part(
            PackURI("/docProps/custom.xml"),
            CT.OFC_CUSTOM_PROPERTIES,
            _custom_properties_xml(dict(doc.properties)),
            pkg,
        )
        pkg.relate_to(part, RT.CUSTOM_PROPERTIES)
