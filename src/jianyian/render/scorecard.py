"""The scorecard (考核) as Markdown, as an xlsx sheet and on the terminal. Pure."""

from __future__ import annotations

import re
from typing import Any

from ..fmt import fmt_date, fmt_percent
from ..views.ledger import Column
from ..views.scorecard import SCORECARD_COLUMNS, SCORECARD_SHEET, Scorecard
from .markdown import md_text
from .tables import Sheet, render_xlsx

__all__ = ["render_scorecard_markdown", "render_scorecard_terminal", "render_scorecard_xlsx"]

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shown(row: Any, col: Column) -> str:
    value = getattr(row, col.attr)
    if value is None:
        return "—"
    if col.kind == "percent":
        return fmt_percent(value)
    return str(value)


def _note(card: Scorecard) -> str:
    return (
        f"截至{fmt_date(card.as_of)}。应报事项：截止日期（遇节假日顺延）已到的报送事项；"
        "按时率＝按时÷应报事项。按逾期未报事项数、文件有错误、按时率、逾期天数、迟报天数、红灯指标从差到好排列。"
        "牵头事项：本单位牵头的方案事项；按期完成＝完成时限所在月及以前报“已完成”（含已销号），逾期＝过完成时限仍未完成；表中“事项”为按期完成/逾期。"
    )


def render_scorecard_markdown(card: Scorecard) -> str:
    """A heading, a note on how it is counted, and one table row per unit (worst first)."""
    lines = [f"# {md_text(card.plan_title)}考核情况", "", md_text(_note(card)), ""]
    if not card.rows:
        return "\n".join([*lines, "暂无应报事项。"]) + "\n"
    columns = [c for c in SCORECARD_COLUMNS if c.attr != "unit"]
    lines.append("| 序号 | " + " | ".join(md_text(c.header) for c in columns) + " |")
    lines.append("|---:|" + "|".join(":---" if c.kind == "text" else "---:" for c in columns) + "|")
    for n, row in enumerate(card.rows, start=1):
        cells = [md_text(_shown(row, c)) for c in columns]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_scorecard_xlsx(card: Scorecard) -> bytes:
    """The workbook: one sheet 考核, worst first; byte-identical for the same data and as-of."""
    sheet = Sheet(SCORECARD_SHEET, SCORECARD_COLUMNS, card.rows, {})
    title = f"建议案办理考核（截至 {card.as_of.isoformat()}）"
    return render_xlsx([sheet], as_of=card.as_of, title=title)


def _with_days(count: int, days: int) -> str:
    return f"{count}（{days}天）" if count else "0"


def render_scorecard_terminal(console: Any, card: Scorecard) -> None:
    """The scorecard as a compact rich table (cells as plain Text: no markup, no escapes).

    Short names, days in brackets, the 文件有错误 column only when some unit has one; the
    full table is ``-o 考核.xlsx`` or ``--json``.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(_note(card)))
    if not card.rows:
        console.print(Text("暂无应报事项。"))
        return
    invalid = any(r.invalid for r in card.rows)
    table = Table(
        title="考核情况（从差到好）", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    table.add_column("单位", min_width=6, max_width=12, overflow="fold")
    headers = ["应报", "按时", "迟报", "逾期未报", *(["有误"] if invalid else []), "按时率"]
    duban = any(r.duban_items for r in card.rows)  # 督办 column only when some unit leads one
    for header in (*headers, "红/未/黄", "信息", "事项", *(["督办按时/迟/逾期"] if duban else [])):
        table.add_column(header, justify="right", no_wrap=True)
    for r in card.rows:
        cells = [
            _CONTROLS.sub("", r.short),
            str(r.owed),
            str(r.on_time),
            _with_days(r.late, r.late_days),
            _with_days(r.overdue, r.overdue_days),
            *([str(r.invalid)] if invalid else []),
            fmt_percent(r.on_time_rate),
            f"{r.red}/{r.missing}/{r.yellow}",
            f"{r.info_sent}/{r.info_owed}",
            f"{r.actions_on_time}/{r.actions_overdue}" if r.actions else "—",
            *([f"{r.duban_on_time}/{r.duban_late}/{r.duban_overdue}"] if duban else []),
        ]
        table.add_row(*(Text(c) for c in cells))
    console.print(table)
