"""The summary view laid out as a 公文 draft (for Word, and PDF through it), issue 28.

Layout only: every number and sentence comes from :class:`~jianyian.views.summary.Summary`,
which the Markdown template prints too; the briefing's house style (GB/T 9704 fonts,
headings, page numbers) comes from :func:`~jianyian.render.word.render_docx`. Kept
apart from the briefing's layout (``brief_document``) so each can change alone.
"""

from __future__ import annotations

from ..fmt import fmt_date, fmt_month
from ..views.summary import Passage, Summary
from .brief_document import indicator_table
from .document import (
    Addressee,
    Annex,
    AnnexList,
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Note,
    Paragraph,
    Signature,
    Table,
)

#: What the file's properties say of it: the office edits it into the real document.
DRAFT_NOTE = "草稿，供修改"

_STATE_FILL = {"逾期": "red", "已销号": "done", "待确认": "green", "未报送": "missing"}


def _passages(items: tuple[Passage, ...]) -> list[Block]:
    """Each passage as paragraphs (one per line it has), the units after its last line."""
    out: list[Block] = []
    for p in items:
        lines = [line.strip() for line in p.text.splitlines() if line.strip()]
        for n, line in enumerate(lines):
            last = n == len(lines) - 1
            out.append(Paragraph(f"{line}（{p.units}）" if last and p.units else line))
    return out


def _numbered(items: tuple[Passage, ...]) -> list[Block]:
    return [
        Paragraph(" ".join(p.text.split()) + (f"（{p.units}）" if p.units else ""), f"{n}. ")
        for n, p in enumerate(items, start=1)
    ]


def _action_table(view: Summary) -> Table:
    columns = (
        Column("任务", "center", 4.5),
        Column("事项"),
        Column("牵头单位", "left", 5),
        Column("完成时限", "center", 5),
        Column("状态", "center", 3.5),
        Column("佐证"),
    )
    body = [
        (
            Cell(a.task_number),
            Cell(a.text),
            Cell(a.units),
            Cell(a.due),
            Cell(a.state, _STATE_FILL.get(a.state)),  # type: ignore[arg-type]
            Cell(a.evidence),
        )
        for a in view.actions
    ]
    return Table(columns, body)


def _office_summary(view: Summary) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, "一、总体进展"),
        Paragraph(f"截至{fmt_date(view.as_of)}，{view.headline}"),
    ]
    if view.actions_text:
        blocks.append(Paragraph(view.actions_text + "。"))
    if view.duban:
        blocks.append(Paragraph(view.duban))
    blocks.append(Paragraph(view.reporting))
    if view.evaluation:
        blocks.append(Paragraph(view.evaluation))
    blocks += _passages(view.overview)
    blocks.append(Heading(1, "二、主要做法和成效"))
    for t in view.tasks:
        blocks.append(Heading(2, f"{t.number} {t.title}"))
        blocks.append(Paragraph(f"牵头单位：{t.lead}。{t.progress_text}。"))
        blocks += _passages(t.measures)
        blocks += _passages(t.results)
        if t.silent_leads:
            blocks.append(
                Note(f"注：牵头单位{t.silent_leads}的{view.deliverable}未写本任务的情况。")
            )
    blocks.append(Heading(1, "三、存在的问题"))
    for t in view.tasks:
        if t.problems:
            blocks.append(Heading(2, f"{t.number} {t.title}"))
            blocks += _passages(t.problems)
    if view.problems:
        if any(t.problems for t in view.tasks):
            blocks.append(Heading(2, "其他问题"))
        blocks += _numbered(view.problems)
    blocks.append(Heading(1, "四、下步工作打算"))
    blocks += _numbered(view.next_steps) or [Note("注：各单位未报下步工作。")]
    return blocks


def _cppcc_report(view: Summary) -> list[Block]:
    assert view.audience is not None
    blocks: list[Block] = [
        Addressee(f"{view.audience}："),
        Heading(1, "一、办理工作开展情况"),
        Paragraph(view.reporting),
        *_passages(view.overview),
    ]
    if view.duban:
        blocks.append(Paragraph(view.duban))
    blocks += [Heading(1, "二、主要成效"), Paragraph(view.headline)]
    if view.actions_text:
        blocks.append(Paragraph(view.actions_text + "。"))
    for t in view.tasks:
        if t.results:
            blocks.append(Heading(2, f"{t.number} {t.title}"))
            blocks.append(Paragraph(f"{t.progress_text}。"))
            blocks += _passages(t.results)
    if view.evaluation:
        blocks.append(Paragraph(view.evaluation))
        if view.opinions:
            blocks.append(Paragraph("测评中提出的意见建议："))
            blocks += _numbered(view.opinions)
    blocks.append(Heading(1, "三、下步打算"))
    blocks += _numbered(view.next_steps) or [Note("注：各单位未报下步工作。")]
    return blocks


def summary_document(view: Summary) -> Document:
    """The summary as a :class:`Document`: the 总结 with its two annexes, or the shorter
    办理情况报告 to 市政协; its properties say it is a draft."""
    blocks: list[Block] = [
        Note(
            f"注：{DRAFT_NOTE}。由 jianyian 根据各单位报送的{view.deliverable}和截至"
            f"{fmt_date(view.as_of)}的报送数据汇编（数据截至{fmt_month(view.data_month)}），"
            "每段文字后括注出处。"
        )
    ]
    if view.data_errors:
        blocks.append(Note(f"注意：数据中有{view.data_errors}处错误，有错误的报送文件未计入。"))
    if view.audience is not None:
        blocks += _cppcc_report(view)
        annexes: tuple[Annex, ...] = ()
    else:
        blocks += _office_summary(view)
        annexes = (
            Annex("任务落实情况表", (_action_table(view),)),
            Annex("指标完成情况表", (indicator_table(view.indicators),)),
        )
    if annexes:
        blocks.append(AnnexList(tuple(a.title for a in annexes)))
    blocks.append(Signature(view.issuer, fmt_date(view.as_of)))
    return Document(
        masthead=None,
        title="\n".join(view.title_lines),
        blocks=tuple(blocks),
        as_of=view.as_of,
        annexes=annexes,
        properties={
            "状态": DRAFT_NOTE,
            "截至日期": view.as_of.isoformat(),
            "数据月份": view.data_month,
        },
        draft_note=DRAFT_NOTE,
    )
