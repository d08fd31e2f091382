"""Tables for spreadsheets: CSV (UTF-8 with a BOM, for Excel) and xlsx (openpyxl).

Pure: no clock, no disk; the same rows and the same as-of give byte-identical
output. openpyxl is imported only when an xlsx is written.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from ..fmt import fmt_number, num
from ..views.ledger import (
    ACTION_COLUMNS,
    ACTIONS_SHEET,
    DELIVERABLE_COLUMNS,
    DELIVERABLES_SHEET,
    LEDGER_COLUMNS,
    LEDGER_SHEET,
    Column,
    Ledger,
)
from .ooxml import save_workbook

# ---------------------------------------------------------------- cells

#: What a spreadsheet takes for the start of a formula (OWASP's CSV injection list):
#: ``=``, ``+``, ``-``, ``@``, and tab or CR (which Excel skips before reading one).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab and line feed, DEL and C1: not valid in xlsx XML (openpyxl
# refuses them) and invisible in a cell. Validation refuses them in reports; this
# keeps any other text (a file name, a future form) from breaking an export.
_CELL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_cell_text(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x07``), for any cell."""
    return _CELL_CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_cell_text(text: str) -> str:
    """Text for a CSV cell: clean, and never read as a formula.

    Text starting with a formula character gets a leading ``'`` (the usual
    neutralisation: Excel and LibreOffice show the text, not its result). Only for
    text: a number column is written as a number, so ``-5`` stays minus five.
    Every table export (ledger, deliverables, forms, scorecards) uses this.
    """
    text = clean_cell_text(text)
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def set_text_cell(ws: Any, row: int, column: int, text: str) -> Any:
    """An xlsx cell holding ``text`` as a string, never a formula (openpyxl makes any
    ``=…`` a formula unless the type is set)."""
    cell = ws.cell(row=row, column=column, value=clean_cell_text(text))
    cell.data_type = "s"
    return cell


def _cell(row: Any, col: Column) -> Any:
    """The typed cell value: numbers without float noise, names for codes, None for empty."""
    value = getattr(row, col.attr)
    if value is None or value == "":
        return None
    if col.names is not None:
        return col.names.get(value, value)
    if col.kind in ("number", "percent"):
        return num(value)
    return value


def _csv_text(value: Any, col: Column) -> str:
    if value is None:
        return ""
    if col.kind == "percent":
        # Excel reads "15.5%" as the number 0.155 shown as a percentage.
        return f"{fmt_number(value * 100, 2)}%"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_cell_text(value)
    return str(value)


def render_csv(columns: Sequence[Column], rows: Sequence[Any]) -> bytes:
    """One table as CSV: UTF-8 with a BOM (Excel needs it to read Chinese), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_csv_text(_cell(row, c), c) for c in columns])
    return out.getvalue().encode("utf-8-sig")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: wide (CJK) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# ---------------------------------------------------------------- xlsx

#: Fill colours (Excel's own "good / neutral / bad" palette, plus blue and grey).
LIGHT_FILLS: dict[str, str] = {
    "red": "FFC7CE",
    "yellow": "FFEB9C",
    "green": "C6EFCE",
    "done": "BDD7EE",
    "missing": "E4DFEC",
    "grey": "D9D9D9",
}
STATE_FILLS: dict[str, str] = {
    "late": "FFEB9C",
    "overdue": "FFC7CE",
    "invalid": "F8CBAD",
}
HEADER_FILL = "DDEBF7"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60
#: A header wraps rather than widening a column of short values beyond this.
MAX_HEADER_WIDTH = 16


def _xlsx_text(value: Any, col: Column) -> str:
    """What Excel will show, to size the column."""
    if value is None:
        return ""
    if col.kind == "percent":
        return f"{value * 100:.1f}%"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _fill_sheet(ws: Any, columns: Sequence[Column], rows: Sequence[Any], fills: Mapping) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    solid = {
        code: PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
        for code, rgb in fills.items()
    }
    ws.append([c.header for c in columns])
    header_fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [min(display_width(c.header), MAX_HEADER_WIDTH) for c in columns]
    for r, row in enumerate(rows, start=2):
        for i, col in enumerate(columns, start=1):
            value = _cell(row, col)
            if isinstance(value, str):
                value = clean_cell_text(value)
                cell = set_text_cell(ws, r, i, value)
            else:
                cell = ws.cell(row=r, column=i, value=value)
            if value is None:
                continue
            if cell.data_type == "f":
                # openpyxl takes a string starting with "=" for a formula: text stays text.
                cell.data_type = "s"
            if col.kind == "percent":
                cell.number_format = PERCENT_FORMAT
            elif col.kind == "date":
                cell.number_format = DATE_FORMAT
            elif col.names is not None:
                code = getattr(row, col.attr)
                if code in solid:
                    cell.fill = solid[code]
            widths[i - 1] = max(widths[i - 1], display_width(_xlsx_text(value, col)))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    set_print_layout(ws)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def set_print_layout(ws: Any, header_rows: int = 1) -> None:
    """Print on A4 landscape, one page wide (as many pages long as it takes), the header
    rows on every page and 第N页／共M页 in the footer: a ledger prints as a table, not as
    dozens of pages of column slices."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages long as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


class Sheet(NamedTuple):
    """One worksheet: its title, columns, rows (objects with the columns' attributes) and
    the fills of coded columns (code → RGB)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Any]
    fills: Mapping[str, str]


def render_xlsx(sheets: Sequence[Sheet], *, as_of: date, title: str) -> bytes:
    """A workbook of ``sheets``, dated ``as_of``; byte-identical for the same data and as-of.

    Every sheet has a bold, frozen, filterable header row and columns sized to their text;
    numbers and dates are stored as such, text always as text (never a formula).
    Raises ImportError without openpyxl (the CLI checks first and says what to install).
    """
    from openpyxl import Workbook

    wb = Workbook()
    for n, sheet in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet(sheet.title)
        ws.title = sheet.title
        _fill_sheet(ws, sheet.columns, sheet.rows, sheet.fills)

    props = wb.properties
    props.creator = "jianyian"
    props.title = title
    return save_workbook(wb, as_of)


def render_ledger_xlsx(ledger: Ledger) -> bytes:
    """The workbook: sheets 台账, 报送情况 and 事项台账; byte-identical for the same data and as-of.

    Raises ImportError without openpyxl (the CLI checks first and says what to install).
    """
    sheets = [
        Sheet(LEDGER_SHEET, LEDGER_COLUMNS, ledger.rows, LIGHT_FILLS),
        Sheet(DELIVERABLES_SHEET, DELIVERABLE_COLUMNS, ledger.deliverables, STATE_FILLS),
        Sheet(ACTIONS_SHEET, ACTION_COLUMNS, ledger.actions, LIGHT_FILLS),
    ]
    title = f"建议案办理台账（截至 {ledger.as_of.isoformat()}）"
    return render_xlsx(sheets, as_of=ledger.as_of, title=title)
