"""Render a :class:`jianyian.render.document.Document` as a Word file laid out as a 工作简报.

Layout follows GB/T 9704-2012 (党政机关公文格式) and the usual 简报 form:

- A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
  22 lines × 28 characters of 3号 (16 pt) 仿宋. Lines: a line grid of pitch 579
  twips (28.95 pt) and exact 28.95 pt line spacing. Characters: 28 × 16 pt is
  448 pt but the 版心 is 442 pt wide, so characters must be drawn 0.21 pt
  closer than their size. Word does that with a character grid of negative
  ``charSpace``, but LibreOffice (7.4, checked) then gives every character two
  grid cells, i.e. 14 per line. So the grid is ``type="lines"`` and the text is
  tracked by −0.25 pt (``w:spacing w:val="-5"`` in docDefaults): 28 × 15.75 pt
  = 441 pt, which Word, WPS and LibreOffice all lay out as 28 per line.
- Fonts are set through ``w:rFonts`` with ``ascii``/``hAnsi``/``eastAsia``/``cs``
  all equal (python-docx's ``font.name`` leaves ``eastAsia`` alone), on the
  styles *and* on every run, so digits and Latin letters use the font of the
  text around them. East Asian language is zh-CN (docDefaults and the theme
  language), replacing the template's en-US / ja-JP.
- Title 2号 方正小标宋简体; 一、 headings 3号 黑体; （一） headings 3号 楷体_GB2312;
  body 3号 仿宋_GB2312. A .docx cannot name a fallback font: machines without
  方正小标宋简体 or the *_GB2312 fonts substitute one (Word and WPS usually pick
  宋体/仿宋/楷体 through the font table entries written here, which carry the
  GB2312 charset and the modern names as ``altName``).
- Page 1 carries the red masthead; the 报尾 (distribution) ends the document
  between a thick rule above and below; page numbers "— N —" in 4号 宋体, odd
  pages right, even pages left, one character in from the edge.
- Tables: header row repeated on every page, fixed column widths, 小四 (12 pt)
  text off the line grid with single spacing, lights as cell fills
  (:data:`FILL_COLOURS`).

Text is always inserted as text runs: never parsed as markup, fields or
formulas. Newlines become line breaks, tabs tabs, other control characters a
visible ``\\xNN`` escape (XML cannot carry them).

Importing this module loads python-docx and lxml (about 0.15 s): import it
where a .docx is written, not at CLI start-up.

The output is deterministic: core properties come from ``Document.as_of``, and
the zip is rewritten with a fixed entry order, fixed times and permissions.
"""

from __future__ import annotations

import io
import math

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Twips
from lxml import etree

from .document import (
    Addressee,
    Annex,
    AnnexList,
    Block,
    Column,
    Distribution,
    Document,
    EditorNote,
    Figure,
    Heading,
    Masthead,
    Note,
    PageBreak,
    Paragraph,
    Signature,
    Table,
)
from .ooxml import rewrite_package
from .tables import display_width
from .word_xml import (
    BODY_FONT,
    FILL_COLOURS,
    HEADING1_FONT,
    HEADING2_FONT,
    LINE_PITCH,
    MASTHEAD_RED,
    PAGE_NUMBER_FONT,
    SMALL_PT,
    TABLE_PT,
    TEXT_H,
    TEXT_W,
    TITLE_FONT,
    TITLE_PT,
    TRACKING,
    add_run,
    exact,
    para,
    set_font_table,
    set_package,
    set_section,
    set_settings,
    set_styles,
)

__all__ = [
    "BODY_FONT",
    "FILL_COLOURS",
    "HEADING1_FONT",
    "HEADING2_FONT",
    "LINE_PITCH",
    "MASTHEAD_RED",
    "PAGE_NUMBER_FONT",
    "TITLE_FONT",
    "TRACKING",
    "render_docx",
]


def _masthead(body: etree._Element, m: Masthead) -> None:
    if m.mark:
        # 内部资料 at the top left, 3号 黑体, as GB/T 9704 places 密级 and 保密期限.
        p = para(body, "Normal", exact() + '<w:ind w:firstLine="0"/><w:jc w:val="left"/>')
        add_run(p, m.mark, HEADING1_FONT)
    # Shrink long names so they stay on one line: 92 % of the 版心, at most 54 pt.
    n = max(1, len(m.name))
    size = max(TITLE_PT, min(54, math.floor(TEXT_W / 20 * 0.92 / n)))
    line = round(size * 20 * 1.25)
    p = para(
        body,
        "JYMastheadName",
        f'<w:spacing w:before="{LINE_PITCH}" w:after="0" w:line="{line}" w:lineRule="exact"/>',
    )
    add_run(p, m.name, TITLE_FONT, size_pt=size, color=MASTHEAD_RED)
    p = para(body, "Normal", exact(before=120) + '<w:jc w:val="center"/>')
    add_run(p, m.issue_label, HEADING2_FONT)
    # 编印单位 left and date right, one ideographic space in from each edge, on a
    # right tab; the red rule is this paragraph's bottom border so it spans the 版心.
    p = para(
        body,
        "Normal",
        f'<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" '
        f'w:color="{MASTHEAD_RED}"/></w:pBdr>'
        f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
        + exact(before=LINE_PITCH // 2)
        + '<w:jc w:val="left"/>',
    )
    add_run(p, "\u3000" + m.issuer + "\t" + m.date_text + "\u3000", BODY_FONT)


def _title(body: etree._Element, text: str, *, after_masthead: bool) -> None:
    # GB/T 9704 sets a 公文's title two lines under the red rule; a 简报 saves a line.
    before = LINE_PITCH if after_masthead else 0
    p = para(
        body,
        "Title",
        f'<w:spacing w:before="{before}" w:after="{LINE_PITCH}" w:line="780" w:lineRule="exact"/>',
    )
    add_run(p, text, TITLE_FONT)


_HEADING_FONTS = {1: HEADING1_FONT, 2: HEADING2_FONT, 3: BODY_FONT}


def _block(body: etree._Element, block: Block, wd: object) -> None:
    if isinstance(block, Heading):
        p = para(body, f"Heading{block.level}")
        add_run(p, block.text, _HEADING_FONTS[block.level], bold=block.level == 3)
    elif isinstance(block, Paragraph):
        p = para(body, "JYBody")
        if block.bold_lead:
            add_run(p, block.bold_lead, BODY_FONT, bold=True)
        add_run(p, block.text, BODY_FONT)
    elif isinstance(block, Addressee):
        p = para(body, "JYBody", '<w:ind w:firstLine="0"/>')
        add_run(p, block.text, BODY_FONT)
    elif isinstance(block, Signature):
        _signature(body, block)
    elif isinstance(block, Note):
        p = para(body, "JYNote")
        add_run(p, block.text, HEADING2_FONT)
    elif isinstance(block, EditorNote):
        for i, text in enumerate(block.paragraphs):
            p = para(body, "JYEditorNote")
            if i == 0 and block.label:
                add_run(p, block.label, HEADING2_FONT, bold=True)
            add_run(p, text, HEADING2_FONT)
    elif isinstance(block, AnnexList):
        _annex_list(body, block)
    elif isinstance(block, PageBreak):
        p = para(body, "Normal")
        r = OxmlElement("w:r")
        r.append(OxmlElement("w:br", attrs={qn("w:type"): "page"}))
        p.append(r)
    elif isinstance(block, Table):
        _table(body, block)
    elif isinstance(block, Figure):
        _figure(body, block, wd)
    else:  # pragma: no cover - the Block union is closed
        raise TypeError(f"unknown block {type(block).__name__}")


def _signature(body: etree._Element, s: Signature) -> None:
    """落款 under the body after one blank line (GB/T 9704 7.3.5.2, no seal): the name two
    characters in from the right, the date's first character two to the right of the
    name's; when the date is the longer, the date keeps two characters and the name moves."""
    char = 320  # twips of one 3号 character
    name_w = display_width(s.issuer) / 2
    date_w = display_width(s.date_text) / 2
    # Right indents in characters: the name ends 2 in; the date starts 2 right of the name.
    name_right = 2.0
    date_right = name_right + name_w - 2 - date_w
    if date_right < 2:
        date_right = 2.0
        name_right = date_right + date_w + 2 - name_w
    p = para(
        body,
        "Normal",
        "<w:keepNext/>" + exact(before=LINE_PITCH) + _right_indent(name_right * char),
    )
    add_run(p, s.issuer, BODY_FONT)
    p = para(body, "Normal", exact() + _right_indent(date_right * char))
    add_run(p, s.date_text, BODY_FONT)


def _right_indent(twips: float) -> str:
    return f'<w:ind w:right="{round(twips)}" w:firstLine="0"/><w:jc w:val="right"/>'


def _annex_list(body: etree._Element, a: AnnexList) -> None:
    """附件说明 after the body: ``附件：1.… 2.… 3.…`` in one paragraph (the body's
    four pages have no room for a line per annex)."""
    p = para(body, "JYBody")
    numbered = len(a.titles) > 1
    items = [f"{i}.{t}" if numbered else t for i, t in enumerate(a.titles, 1)]
    add_run(p, "附件：" + "　".join(items), BODY_FONT)


def _column_widths(columns: tuple[Column, ...], total: int) -> list[int]:
    """Twips per column: fixed ones from ``width_chars``, the rest share what is left."""
    per_char = TABLE_PT * 20
    pad = 2 * 85
    fixed = [
        None if c.width_chars is None else round(c.width_chars * per_char) + pad for c in columns
    ]
    free = [i for i, w in enumerate(fixed) if w is None]
    used = sum(w for w in fixed if w is not None)
    if free and used < total:
        share = (total - used) // len(free)
        widths = [share if w is None else w for w in fixed]
    else:
        # Everything fixed (or too wide): scale the fixed widths to the 版心.
        base = [w if w is not None else per_char * 4 for w in fixed]
        scale = total / sum(base)
        widths = [max(per_char, math.floor(w * scale)) for w in base]
    widths[-1] += total - sum(widths)
    return widths


_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


def _tbl(
    body: etree._Element, widths: list[int], borders: str, extra_pr: str = ""
) -> etree._Element:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/>{extra_pr}'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
    )
    body.append(tbl)
    return tbl


def _cell(
    tr: etree._Element,
    width: int,
    text: str,
    *,
    align: str,
    font: str,
    fill: str | None = None,
    style: str = "JYTableText",
    bold: bool = False,
) -> None:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    tc = parse_xml(
        f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}'
        f'<w:vAlign w:val="center"/></w:tcPr></w:tc>'
    )
    jc = {"left": "left", "right": "right", "center": "center"}[align]
    p = para(tc, style, f'<w:jc w:val="{jc}"/>')
    add_run(p, text, font, bold=bold)
    tr.append(tc)


def _table(body: etree._Element, t: Table) -> None:
    if t.caption:
        p = para(body, "JYCaption")
        add_run(p, t.caption, HEADING1_FONT)
    widths = _column_widths(t.columns, TEXT_W)
    borders = "".join(
        _BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl = _tbl(
        body,
        widths,
        borders,
        '<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="20" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>',
    )
    # The header row repeats on every page (w:tblHeader); no row splits across pages.
    head = parse_xml(f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr></w:tr>")
    for col, w in zip(t.columns, widths, strict=True):
        _cell(head, w, col.title, align="center", font=HEADING1_FONT)
    tbl.append(head)
    for row in t.rows:
        tr = parse_xml(f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/></w:trPr></w:tr>")
        for col, w, cell in zip(t.columns, widths, row, strict=True):
            _cell(
                tr,
                w,
                cell.text,
                align=col.align,
                font=BODY_FONT,
                fill=FILL_COLOURS[cell.fill] if cell.fill else None,
            )
        tbl.append(tr)
    # Word needs a paragraph between a table and whatever follows; a small one.
    para(body, "JYTableText")


#: A figure is at most this share of the 版心's height, so that it and its caption
#: (kept with it) fit on one page with room for some text.
FIGURE_MAX_HEIGHT = 0.62


def _png_size(png: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels from a PNG's IHDR chunk; None when it is not a PNG."""
    if len(png) < 24 or png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return None
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _figure(body: etree._Element, f: Figure, wd: object) -> None:
    width = min(Mm(f.width_mm), Twips(TEXT_W))
    size = _png_size(f.png)
    if size and size[0]:
        # A tall chart is narrowed until its height fits FIGURE_MAX_HEIGHT of the page.
        tallest = Twips(TEXT_H) * FIGURE_MAX_HEIGHT
        height = width * size[1] / size[0]
        if height > tallest:
            width = int(width * tallest / height)
    # add_picture appends a paragraph at the body end; we then restyle it.
    shape = wd.add_picture(io.BytesIO(f.png), width=Emu(width))  # type: ignore[attr-defined]
    p = shape._inline.getparent().getparent().getparent()
    ppr = parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="JYFigure"/></w:pPr>')
    old = p.find(qn("w:pPr"))
    if old is not None:
        p.remove(old)
    p.insert(0, ppr)
    if f.caption:
        cp = para(body, "JYCaption", '<w:keepNext w:val="0"/>')
        add_run(cp, f.caption, HEADING1_FONT)


def _annex(body: etree._Element, annex: Annex, label: str, wd: object) -> None:
    p = para(body, "JYAnnexLabel")
    add_run(p, label, HEADING1_FONT)
    _title(body, annex.title, after_masthead=False)
    for block in annex.blocks:
        _block(body, block, wd)


def _distribution(body: etree._Element, d: Distribution) -> None:
    """The 版记 at the foot of the last page (GB/T 9704 7.4): 报／送／发 lines, then the 印发
    line, between a thick rule above and below with thin rules between them.

    Each line is a paragraph in one frame anchored to the bottom margin (``w:framePr``
    with ``yAlign="bottom"``): Word and LibreOffice both draw it at the foot of the page
    the document ends on, however much of that page the text fills.
    """
    frame = (
        f'<w:framePr w:w="{TEXT_W}" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
        'w:xAlign="center" w:yAlign="bottom"/>'
    )
    # LibreOffice (7.4) makes a frame of the lines only when their properties are
    # identical and direct, without a paragraph style or a "between" border: so the
    # rules are the group's top and bottom borders, and the 4号 size is set on the runs.
    thick = '<w:{side} w:val="single" w:sz="8" w:space="1" w:color="000000"/>'
    borders = f"<w:pBdr>{thick.format(side='top')}{thick.format(side='bottom')}</w:pBdr>"
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W - 280}"/></w:tabs>'
    layout = (
        '<w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="280" w:right="280" w:firstLine="0"/><w:jc w:val="left"/>'
    )
    rows = [*d.lines]
    if d.issuer or d.printed:
        rows.append(d.issuer + "\t" + d.printed)
    if d.copies:
        rows.append("\t" + d.copies)  # 印数 on its own line, right
    for line in rows:
        p = OxmlElement("w:p")
        p.append(parse_xml(f"<w:pPr {nsdecls('w')}>{frame}{borders}{tabs}{layout}</w:pPr>"))
        body.append(p)
        add_run(p, line, BODY_FONT, size_pt=SMALL_PT)


def render_docx(doc: Document) -> bytes:
    """Lay ``doc`` out as a 工作简报 and return the .docx bytes (deterministic)."""
    wd = docx.Document()
    set_styles(wd.styles.element)
    set_settings(wd.settings.element)
    set_font_table(wd.part.package)
    set_section(wd)
    body = wd.element.body
    # Detach sectPr while building: our blocks are appended to the body and
    # python-docx's add_picture appends before sectPr (or at the end without it).
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        body.remove(child)
    if doc.masthead is not None:
        _masthead(body, doc.masthead)
    if doc.title:
        _title(body, doc.title, after_masthead=doc.masthead is not None)
    for block in doc.blocks:
        _block(body, block, wd)
    for i, annex in enumerate(doc.annexes, start=1):
        # GB/T 9704: a single annex is labelled 附件 without a number.
        label = "附件" if len(doc.annexes) == 1 else f"附件{i}"
        _annex(body, annex, label, wd)
    if doc.distribution is not None and doc.distribution.lines:
        _distribution(body, doc.distribution)
    body.append(sect_pr)  # sectPr must be the body's last child
    set_package(wd, doc)
    buf = io.BytesIO()
    wd.save(buf)
    return rewrite_package(buf.getvalue(), doc.as_of)
