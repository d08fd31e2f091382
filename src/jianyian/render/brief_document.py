"""The briefing view laid out as a 公文-style document (for Word, and PDF through it).

Layout only: every number and sentence comes from the :class:`~jianyian.views.brief.Brief`
that the Markdown template prints too; this module decides blocks, tables, fills
and charts. Charts need a CJK font (found by the caller, :mod:`jianyian.load.fonts`):
without one the document says so in a note and the caller is told which package to install.
"""

from __future__ import annotations

from typing import NamedTuple

from ..fmt import fmt_date, fmt_month
from ..load.fonts import ChartFont
from ..views.brief_records import Brief, IndicatorRow
from .document import (
    Annex,
    AnnexList,
    Block,
    Cell,
    Column,
    Distribution,
    Document,
    EditorNote,
    Figure,
    Heading,
    Masthead,
    Note,
    Paragraph,
    Table,
)

#: Lights as cell fills (the renderer picks the colours).
LIGHT_FILL = {
    "red": "red",
    "yellow": "yellow",
    "green": "green",
    "done": "done",
    "grey": "grey",
    "missing": "missing",
}
GRID_FILL = {"✓": "green", "未报": "red", "有误": "red", "未到期": "grey"}
CHART_WIDTH_MM = 120


class Charts(NamedTuple):
    """PNG charts for the document, or why there are none."""

    completion: bytes | None
    trend: bytes | None
    #: a Chinese note for the document when the charts could not be drawn
    missing: str | None = None


def draw_charts(brief: Brief, font: ChartFont | None) -> Charts:
    """The completion and trend charts at print resolution, or a note saying why not.

    ``font``: the Chinese face the charts are set in (:func:`jianyian.load.fonts.chart_font`).
    """
    from . import charts

    items = [
        charts.CompletionItem(
            ("其中：" if r.is_part else "") + r.name,
            r.completion,
            r.expected,
            r.light,
            # a rate's bar is labelled against its target, never as a 完成率
            r.completion_text if r.kind == "rate" else None,
        )
        for r in brief.indicators
    ]
    try:
        completion = charts.completion_chart(items, font)
        trend = None
        if brief.trends:
            first = brief.trends[0]
            trend = charts.trend_chart(
                f"{first.name}（{first.display_measure}）",
                list(first.months),
                list(first.values),
                list(first.expected),
                font,
                measure=first.display_measure,
            )
    except charts.NoCJKFont as exc:
        return Charts(None, None, str(exc))
    return Charts(completion, trend)


def indicator_table(rows: tuple[IndicatorRow, ...]) -> Table:
    """Every indicator, one a row (the briefing's 附件1 and the summaries' 指标完成情况表)."""
    columns = (
        Column("序号", "center", 2),
        Column("指标"),
        Column("单位", "center", 3.5),
        Column("目标", "right", 4),
        Column("1–N月累计", "right", 4),
        Column("数据月份", "center", 2.5),
        Column("完成率", "right", 3.5),
        Column("序时进度", "right", 3.5),
        Column("状态", "center", 3),
    )
    body = [
        (
            Cell(r.number),
            Cell(("其中：" if r.is_part else "") + r.name),
            Cell(r.display_measure),
            Cell(r.target_number),
            Cell(r.value_number),
            Cell(f"{int(r.data_month[5:7])}月" if r.data_month else "—"),
            Cell(r.completion_text),
            Cell(r.expected_text),
            Cell(r.light_name, LIGHT_FILL.get(r.light)),  # type: ignore[arg-type]
        )
        for r in rows
    ]
    return Table(columns, body)


def _overview(brief: Brief, charts: Charts) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, "一、总体情况"),
        # 督办事项办理情况 closes the paragraph; overdue items are under 四.
        Paragraph(
            f"截至{fmt_date(brief.as_of)}，{brief.headline_text}{brief.lights_text}"
            + (brief.duban_text or "")
        ),
    ]
    # Who owes what (overdue_text) heads 附件2; 六、报送情况 counts it.
    return blocks


def _numbered(items: list[str], empty: str) -> list[Block]:
    return [Paragraph(f"{n}. {text}") for n, text in enumerate(items, 1)] or [Paragraph(empty)]


def _body(brief: Brief, charts: Charts) -> list[Block]:
    """二 to 六 and 信息选编: the printed body after 总体情况 (no tables, no figures)."""
    blocks: list[Block] = [Heading(1, "二、重点工作进展")]
    for k in brief.key_work:
        blocks.append(
            Paragraph(
                "".join(k.sentences) + k.quote, bold_lead=f"{k.number} {k.title}（{k.lead}牵头）。"
            )
        )
    blocks.append(Heading(1, "三、存在问题"))
    blocks.append(Paragraph(brief.problems_text))
    blocks.append(Heading(1, "四、需市领导协调事项"))
    blocks += _numbered(list(brief.coordination_lines), "本月没有需提请市领导协调的事项。")
    blocks.append(Heading(1, "五、下步工作"))
    blocks.append(Paragraph(brief.next_steps_text))
    blocks += [Heading(1, "六、报送情况"), Paragraph(brief.reporting_text)]
    if brief.featured:
        blocks.append(Heading(1, "信息选编"))
        for f in brief.featured:
            blocks.append(Heading(3, f.title))
            blocks += [Paragraph(p) for p in f.paragraphs]
    blocks.append(AnnexList(brief.annex_titles))
    return blocks


def _indicator_annex(brief: Brief, charts: Charts) -> list[Block]:
    """附件1: the exceptions, every indicator, the light rule and the two figures."""
    blocks: list[Block] = []
    if brief.exceptions:
        blocks.append(
            Table(
                (
                    Column("需要关注的指标", width_chars=12),
                    Column("状态", "center", 3),
                    Column("情况"),
                ),
                [
                    (Cell(row.name), Cell(row.light_name, LIGHT_FILL.get(row.light)), Cell(text))  # type: ignore[arg-type]
                    for row, text in zip(brief.exceptions, brief.exception_texts, strict=True)
                ],
            )
        )
    blocks.append(indicator_table(brief.indicators))
    if brief.task_rows:
        blocks.append(
            Table(
                (
                    Column("任务", width_chars=14),
                    Column("牵头单位", width_chars=9),
                    Column("进展"),
                    Column("状态", "center", 3),
                ),
                [
                    (
                        Cell(f"{t.number} {t.title}"),
                        Cell(t.lead),
                        Cell(t.progress),
                        Cell(t.light_name, LIGHT_FILL.get(t.light)),  # type: ignore[arg-type]
                    )
                    for t in brief.task_rows
                ],
            )
        )
    blocks += [Note(f"注：{note}") for note in brief.table_notes]
    blocks.append(Note(brief.light_rule))
    if charts.completion is not None:
        blocks.append(Figure(charts.completion, CHART_WIDTH_MM, "图1　主要指标完成率与序时进度"))
    if charts.trend is not None:
        blocks.append(Figure(charts.trend, CHART_WIDTH_MM, "图2　工作目标1–N月累计与序时进度"))
    return blocks


def _annexes(brief: Brief, charts: Charts) -> list[Annex]:
    grid = Table(
        (Column("单位", width_chars=11), *(Column(c, "center") for c in brief.grid_columns)),
        [
            (
                Cell(row.unit),
                *(
                    Cell(c, GRID_FILL.get(c, "yellow" if c.startswith("迟") else None))
                    for c in row.cells
                ),
            )  # type: ignore[arg-type]
            for row in brief.grid
        ],
    )
    legend = Note(
        "说明：✓ 按时报送；迟N天 迟报天数；未报 已过截止日期仍未报送；未到期 尚未到截止日期；"
        "有误 文件有错误、未能读取；— 无需报送。截止日期遇节假日顺延。"
    )
    infos = Table(
        (Column("单位", width_chars=8), Column("信息标题"), Column("摘要")),
        [
            (Cell(i.unit), Cell(i.title + ("（迟报）" if i.late else "")), Cell(i.excerpt))
            for i in brief.infos
        ],
    )
    changes: list[Block] = []
    if brief.first_month:
        changes.append(Paragraph("本月为办理期首月，没有上月数据可以比较。"))
    else:

        def listed(items: tuple) -> str:
            return "、".join(f"{c.name}（{c.before}→{c.after}）" for c in items) or "无"

        changes.append(
            Paragraph(
                f"与{fmt_month(brief.previous_month)}相比：新增红灯：{listed(brief.new_reds)}；"
                f"好转：{listed(brief.recoveries)}；转差：{listed(brief.worsened)}。"
            )
        )
        if brief.moved:
            changes.append(
                Table(
                    (
                        Column("指标"),
                        Column("单位", "center", 4),
                        Column(fmt_month(brief.previous_month), "right", 6),
                        Column(fmt_month(brief.month), "right", 6),
                        Column("变化", "right", 5),
                        Column("状态", "center", 7),
                    ),
                    [
                        (
                            Cell(c.name),
                            Cell(c.display_measure),
                            Cell(c.before),
                            Cell(c.after),
                            Cell(c.change),
                            Cell(f"{c.light_before}→{c.light_after}"),
                        )
                        for c in brief.moved
                    ],
                )
            )
    bodies: tuple[tuple[Block, ...], ...] = (
        tuple(_indicator_annex(brief, charts)),
        (*((Paragraph(brief.overdue_text),) if brief.overdue_text else ()), legend, grid),
        (infos,) if brief.infos else (Paragraph("截至统计日尚未收到本月信息。"),),
        tuple(changes),
    )
    return [Annex(title, body) for title, body in zip(brief.annex_titles, bodies, strict=True)]


def brief_document(brief: Brief, charts: Charts) -> Document:
    """The briefing as a document: masthead, 按语, body, 附件 list, annexes, 版记."""
    m = brief.masthead
    notes: list[Block] = []
    if brief.preliminary and brief.month_due is not None:
        notes.append(
            Note(
                f"初步统计：{fmt_month(brief.month)}信息的报送截止日期为{fmt_date(brief.month_due)}，"
                f"本简报统计截至{fmt_date(brief.as_of)}，部分单位尚未到报送期限，数字以下期为准。"
            )
        )
    if brief.history_note:
        notes.append(Note(f"注意：{brief.history_note}"))
    if brief.data_errors:
        notes.append(Note(f"注意：数据中有 {brief.data_errors} 处错误，有错误的报送文件未计入。"))
    if charts.missing:
        notes.append(Note(f"注：{charts.missing}"))
    imprint = brief.imprint
    distribution = (
        Distribution(imprint.lines, imprint.issuer, imprint.printed, imprint.copies)
        if imprint is not None
        else None
    )
    version = brief.commit or "（不在 git 仓库中）"
    if brief.commit and brief.dirty:
        version += "（含未提交的修改）"
    return Document(
        masthead=Masthead(m.name, m.issue_label, m.issuer, fmt_date(m.date), m.mark),
        title="\n".join(brief.title_lines or (brief.title,)),
        blocks=(
            *notes,
            *((EditorNote(brief.note),) if brief.note else ()),
            *_overview(brief, charts),
            *_body(brief, charts),
        ),
        as_of=brief.as_of,
        annexes=tuple(_annexes(brief, charts)),
        distribution=distribution,
        properties={"数据版本": version, "统计截至": brief.as_of.isoformat()},
    )
