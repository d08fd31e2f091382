"""The ledger (台账) for Excel: rows built from the plan, the reports and the progress.

Two tables:

* the ledger: one row per unit × indicator × month, for every unit that reports the
  indicator per the plan and every plan month up to the as-of month. The unit's own
  value is what its report for that month says (empty without one); completion,
  expected progress and light are the *indicator's* as the office sees them at that
  month's end (the as-of month: at the as-of date), i.e. combined over all its
  reporters. A unit's share of the target is not given: a ``sum`` indicator has no
  per-unit targets, so value ÷ target would read as a unit falling short.
* deliverables: one row per obligation (monthly information up to the as-of month,
  every one-off deliverable), with its state.

Rendering: :func:`render_csv` (UTF-8 with a BOM, for Excel) and :func:`render_xlsx`
(openpyxl, imported only there). Both are pure: no clock, no disk; the same data and
the same as-of give byte-identical output.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from .engine import LIGHT_NAMES, STATE_NAMES, Progress, month_of, monthly_snapshots
from .fmt import fmt_number, num
from .models import MonthlyReport, Plan

if TYPE_CHECKING:
    from .load import LoadedReport

Kind = Literal["text", "number", "percent", "date", "integer"]

UNREADABLE_NOTE = "报送文件有错误，未计入（运行 jianyian validate 查看）"


@dataclass(frozen=True)
class LedgerRow:
    unit: str
    unit_name: str
    indicator: str
    indicator_name: str
    month: str
    #: the unit's cumulative value in its report for this month (None: no value)
    value: float | None
    measure: str
    target: float
    #: the indicator's value at the month's end (sum over reporters for ``sum``)
    total: float | None
    completion: float | None
    expected: float
    light: str  # done/green/yellow/red/grey
    submitted: date | None
    note: str | None


@dataclass(frozen=True)
class DeliverableRow:
    unit: str
    unit_name: str
    deliverable: str
    name: str
    period: str  # YYYY-MM for monthly information, "" for a one-off deliverable
    due: date
    submitted: date | None
    state: str  # on_time/late/overdue/not_due/invalid
    days: int | None  # days late or overdue; 0 on time; None when not due or unreadable
    path: str | None


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    kind: Kind
    #: attribute value → display text (lights and states in Chinese)
    names: Mapping[str, str] | None = None


LEDGER_COLUMNS: tuple[Column, ...] = (
    Column("单位标识", "unit", "text"),
    Column("单位", "unit_name", "text"),
    Column("指标标识", "indicator", "text"),
    Column("指标", "indicator_name", "text"),
    Column("月份", "month", "text"),
    Column("本单位当月累计值", "value", "number"),
    Column("计量单位", "measure", "text"),
    Column("目标", "target", "number"),
    Column("指标当前值（月末）", "total", "number"),
    Column("指标完成率（月末）", "completion", "percent"),
    Column("序时进度（月末）", "expected", "percent"),
    Column("灯（月末）", "light", "text", LIGHT_NAMES),
    Column("报送日期", "submitted", "date"),
    Column("说明", "note", "text"),
)

DELIVERABLE_COLUMNS: tuple[Column, ...] = (
    Column("单位标识", "unit", "text"),
    Column("单位", "unit_name", "text"),
    Column("报送事项", "name", "text"),
    Column("期间", "period", "text"),
    Column("截止日期", "due", "date"),
    Column("报送日期", "submitted", "date"),
    Column("状态", "state", "text", STATE_NAMES),
    Column("迟报／逾期天数", "days", "integer"),
    Column("文件", "path", "text"),
)

LEDGER_SHEET = "台账"
DELIVERABLES_SHEET = "报送情况"


@dataclass(frozen=True)
class Ledger:
    as_of: date
    rows: tuple[LedgerRow, ...]
    deliverables: tuple[DeliverableRow, ...]


# ---------------------------------------------------------------- building


def build_ledger(
    plan: Plan,
    reports: Sequence[LoadedReport],
    progress: Progress,
    unreadable: Mapping[tuple[str, str], str] | None = None,
    submitted: Mapping[str, date] | None = None,
) -> Ledger:
    """The two tables at ``progress.as_of``.

    ``unreadable`` is the loader's (unit, period) → path of report files it could not
    read (their rows say so in 说明). A row's 报送日期 is the one ``progress`` judged the
    monthly information by; a unit that owes no monthly information falls back to the
    report's ``submitted:`` and then to ``submitted`` (path → date, as given to the engine).
    """
    unreadable = unreadable or {}
    submitted = submitted or {}
    as_of = progress.as_of
    snapshots = monthly_snapshots(plan, list(reports), as_of, unreadable)
    monthly_ids = {d.id for d in plan.deliverables if d.kind == "monthly"}
    judged = {
        (d.unit, d.period): d.submitted
        for d in progress.deliverables
        if d.deliverable in monthly_ids and d.submitted is not None
    }
    files: dict[tuple[str, str], LoadedReport] = {}
    for r in sorted(reports, key=lambda r: r.path):
        if isinstance(r.report, MonthlyReport):
            files.setdefault((r.unit, r.report.month), r)

    rows: list[LedgerRow] = []
    for unit in plan.units:
        for ind_id in plan.indicators_of_unit.get(unit.id, []):
            ind = plan.indicator_by_id[ind_id]
            for month, snapshot in snapshots.items():
                p = snapshot[ind_id]
                r = files.get((unit.id, month))
                value = note = when = None
                if r is not None:
                    report = r.report
                    assert isinstance(report, MonthlyReport)
                    entry = report.indicators.get(ind_id)
                    if entry is not None:
                        value, note = entry.value, entry.note
                    when = judged.get((unit.id, month)) or report.submitted or submitted.get(r.path)
                elif (unit.id, month) in unreadable:
                    note = UNREADABLE_NOTE
                rows.append(
                    LedgerRow(
                        unit=unit.id,
                        unit_name=unit.name,
                        indicator=ind_id,
                        indicator_name=ind.name,
                        month=month,
                        value=value,
                        measure=ind.measure,
                        target=ind.target,
                        total=p.value,
                        completion=p.completion,
                        expected=p.expected,
                        light=p.light,
                        submitted=when,
                        note=note,
                    )
                )
    return Ledger(as_of, tuple(rows), tuple(_deliverable_rows(plan, progress)))


def _deliverable_rows(plan: Plan, progress: Progress) -> list[DeliverableRow]:
    upto = month_of(progress.as_of)
    monthly_ids = {d.id for d in plan.deliverables if d.kind == "monthly"}
    unit_order = {u.id: i for i, u in enumerate(plan.units)}
    item_order = {d.id: i for i, d in enumerate(plan.deliverables)}
    # Monthly information after the as-of month is not in the ledger either.
    items = [
        d for d in progress.deliverables if d.deliverable not in monthly_ids or d.period <= upto
    ]
    items.sort(
        key=lambda d: (
            unit_order.get(d.unit, len(unit_order)),
            d.due,
            item_order.get(d.deliverable, 0),
            d.period,
        )
    )
    return [
        DeliverableRow(
            unit=d.unit,
            unit_name=plan.unit_label(d.unit),
            deliverable=d.deliverable,
            name=d.name,
            period=d.period if d.deliverable in monthly_ids else "",
            due=d.due,
            submitted=d.submitted,
            state=d.state,
            days=d.days if d.state in ("on_time", "late", "overdue") else None,
            path=d.path,
        )
        for d in items
    ]


# ---------------------------------------------------------------- cells


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
            cell = ws.cell(row=r, column=i, value=value)
            if value is None:
                continue
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
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def render_xlsx(ledger: Ledger) -> bytes:
    """The workbook: sheets 台账 and 报送情况; byte-identical for the same data and as-of.

    Raises ImportError without openpyxl (the CLI checks first and says what to install).
    """
    from openpyxl import Workbook
    from openpyxl.xml.constants import ARC_CORE
    from openpyxl.xml.functions import tostring

    wb = Workbook()
    ws = wb.active
    ws.title = LEDGER_SHEET
    _fill_sheet(ws, LEDGER_COLUMNS, ledger.rows, LIGHT_FILLS)
    _fill_sheet(
        wb.create_sheet(DELIVERABLES_SHEET), DELIVERABLE_COLUMNS, ledger.deliverables, STATE_FILLS
    )

    stamp = datetime.combine(max(ledger.as_of, date(1980, 1, 1)), datetime.min.time())
    props = wb.properties
    props.creator = "jianyian"
    props.title = f"建议案办理台账（截至 {ledger.as_of.isoformat()}）"
    props.created = stamp
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps docProps/core.xml with the time of saving and every zip entry
    # with the clock: rewrite both from the as-of date.
    props.modified = stamp
    core = tostring(props.to_tree())
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = core if info.filename == ARC_CORE else src.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()


__all__ = [
    "DELIVERABLES_SHEET",
    "DELIVERABLE_COLUMNS",
    "LEDGER_COLUMNS",
    "LEDGER_SHEET",
    "Column",
    "DeliverableRow",
    "Ledger",
    "LedgerRow",
    "build_ledger",
    "display_width",
    "render_csv",
    "render_xlsx",
]
