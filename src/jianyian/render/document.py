"""A small neutral document model for laid-out documents (the briefing as a 公文).

The briefing view is turned into a :class:`Document` by the caller; renderers
(``docx_render`` today) lay it out. Nothing here knows about plans, reports or
numbers: every string is final text, shown literally (never markup, never a
template, never a formula). Blocks are frozen dataclasses so a document is a
value: equal documents render to equal bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Align",
    "Annex",
    "AnnexList",
    "Block",
    "Cell",
    "Column",
    "Distribution",
    "Document",
    "EditorNote",
    "Figure",
    "Fill",
    "Heading",
    "Masthead",
    "Note",
    "PageBreak",
    "Paragraph",
    "Table",
]

Align = Literal["left", "right", "center"]
# Cell fills. "missing" is 未报送 (nothing received), "done" is 已完成; the
# renderer picks the colours (see docx_render.FILL_COLOURS).
Fill = Literal["red", "yellow", "green", "grey", "missing", "done"]


@dataclass(frozen=True)
class Masthead:
    """The red 版头 of page 1.

    ``name`` is the 简报 name (e.g. "建议案办理工作简报"), ``issue_label`` the line
    under it (e.g. "第7期"), ``issuer`` the 编印单位 (bottom-left) and
    ``date_text`` the date as it should be printed (bottom-right, e.g.
    "2025年8月5日").
    """

    name: str
    issue_label: str
    issuer: str
    date_text: str
    #: 内部资料 (top left, above the name); "" prints none
    mark: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading. Level 1 is 一、 (黑体), 2 is （一） (楷体), 3 is 1. (仿宋 bold).

    The numbering is part of ``text`` (the renderer never numbers): the same
    text goes to Markdown and Word.
    """

    level: Literal[1, 2, 3]
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, first line indented two characters.

    ``bold_lead`` is an optional bold lead-in printed before ``text`` in the
    same paragraph (e.g. "一是" or "（一）总体进展。").
    """

    text: str
    bold_lead: str | None = None


@dataclass(frozen=True)
class Column:
    """A table column: header ``title``, cell alignment, optional width in characters.

    Columns without ``width_chars`` share the width the others leave.
    Numbers should be ``align="right"``.
    """

    title: str
    align: Align = "left"
    width_chars: float | None = None


@dataclass(frozen=True)
class Cell:
    """A table cell: text (newlines become line breaks) and an optional fill."""

    text: str
    fill: Fill | None = None


@dataclass(frozen=True)
class Table:
    """A table with a repeated header row; ``caption`` (表题) is printed above it."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str | None = None

    def __post_init__(self) -> None:
        # Accept lists for convenience but store tuples so the value is hashable/frozen.
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {i} has {len(row)} cells, expected {len(self.columns)}"
                )


@dataclass(frozen=True)
class Figure:
    """A picture (PNG bytes) ``width_mm`` wide, centred, with 图题 ``caption`` below."""

    png: bytes
    width_mm: float
    caption: str | None = None


@dataclass(frozen=True)
class Note:
    """A short remark in smaller 楷体 (e.g. "注：图表因本机缺少中文字体未生成。")."""

    text: str


@dataclass(frozen=True)
class EditorNote:
    """The 按语: paragraphs in 楷体, the first led by ``label`` in bold."""

    paragraphs: tuple[str, ...]
    label: str = "按语："

    def __post_init__(self) -> None:
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))


@dataclass(frozen=True)
class AnnexList:
    """附件说明 after the body: ``附件：1. …`` then ``2. …`` aligned under the first title."""

    titles: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "titles", tuple(self.titles))


@dataclass(frozen=True)
class PageBreak:
    """Force the next block onto a new page."""


@dataclass(frozen=True)
class Addressee:
    """主送机关: one line flush left, ending in a full-width colon (``市政协：``)."""

    text: str


@dataclass(frozen=True)
class Signature:
    """落款: the issuer's name and, a line below, the date, set right as GB/T 9704 (7.3.5.2)
    sets them for a document without a seal: the name two characters in from the right,
    the date starting two characters right of the name's start (the name moves left when
    the date is longer)."""

    issuer: str
    date_text: str


Block = (
    Heading
    | Paragraph
    | Table
    | Figure
    | Note
    | PageBreak
    | EditorNote
    | AnnexList
    | Addressee
    | Signature
)


@dataclass(frozen=True)
class Annex:
    """An annex (附件): starts a new page under the label "附件N" and its title."""

    title: str
    blocks: tuple[Block, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))


@dataclass(frozen=True)
class Distribution:
    """The 版记 at the foot of the last page: lines (e.g. "报：市政府办公厅", "发：各成员单位")
    between rules, then the 印发 line (``issuer`` left, ``printed`` right) and the 印数."""

    lines: tuple[str, ...]
    issuer: str = ""
    printed: str = ""
    copies: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))


@dataclass(frozen=True)
class Document:
    """A whole document: masthead, title, body blocks, annexes, 报尾.

    ``as_of`` fixes every date the file records (core properties, zip entry
    times), so equal documents give byte-identical files. ``properties`` become
    custom document properties (e.g. {"数据版本": "3f2a9c1", "截至日期": "2025-07-31"}),
    written in key order.
    """

    masthead: Masthead | None
    title: str
    blocks: tuple[Block, ...]
    as_of: date
    annexes: tuple[Annex, ...] = ()
    distribution: Distribution | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    #: what the file's core properties say of its state (状态, 备注), e.g. "草稿，供修改"
    #: for a draft the office edits into the real document (issue 28)
    draft_note: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        object.__setattr__(self, "annexes", tuple(self.annexes))
