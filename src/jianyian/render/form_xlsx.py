"""The Excel fill-in form (填报表) a liaison fills and mails back.

One protected sheet where only the yellow input cells are unlocked: one cell per
indicator (a number ≥ 0, checked by data validation with a Chinese prompt) and a
说明 cell beside it (why a 累计值 fell below the previous one, …), a
dropdown per qualitative task, a dropdown and a progress cell per action the
unit leads, and the text fields. What import needs to read
it back lives twice: in the custom document properties (which survive a re-save
by Excel, WPS and LibreOffice) and in the very hidden sheet ``_jianyian``, which
also maps each field to its cell and the label beside it (so a changed layout is
noticed, not misread). Pure and deterministic: the view and a day in, bytes out.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, NamedTuple

from ..fmt import fmt_month, fmt_number
from ..models.form import (
    FORM_SHEET,
    FORM_VERSION,
    MAP_HEADER,
    META_KEYS,
    META_SHEET,
    PROPERTY_PREFIX,
    TASK_STATES,
)
from ..views.form import FormView
from .ooxml import save_workbook
from .tables import display_width

INPUT_FILL = "FFF2CC"
HEADER_FILL = "DDEBF7"
WIDTHS = {"A": 8, "B": 34, "C": 9, "D": 14, "E": 15, "F": 16, "G": 24}
#: The form's last column: bands and text fields span A (or C) to it.
LAST = "G"
LINE_HEIGHT = 15.0


class FieldCell(NamedTuple):
    """Where a field's value is, and the label cell that must sit beside it."""

    field: str  # indicator:<id>, note:<id>, task:<id>, action:<id>, progress:<id>, text:<key>
    cell: str
    label_cell: str
    label: str


def _safe(text: str) -> str:
    """``text`` as openpyxl can store it: characters XML forbids shown as escapes."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def _put_text(ws: Any, ref: str, text: str) -> Any:
    """A string cell, always a string: text starting with ``=`` never becomes a formula."""
    cell = ws[ref]
    cell.value = _safe(text)
    cell.data_type = "s"
    return cell


def _lines(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide."""
    return sum(
        max(1, math.ceil(display_width(part) / max(width - 1, 1))) for part in text.split("\n")
    )


def _form_rows(ws: Any, view: FormView) -> list[FieldCell]:
    """Lay the sheet out; return the input cells."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    input_fill = PatternFill(fill_type="solid", start_color=INPUT_FILL, end_color=INPUT_FILL)
    wrap = Alignment(wrap_text=True, vertical="center")
    top_wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    locked = Protection(locked=True)
    fields: list[FieldCell] = []

    def band(row: int, text: str, *, size: int = 11, bold: bool = False, height: float = 0) -> None:
        ws.merge_cells(f"A{row}:{LAST}{row}")
        cell = _put_text(ws, f"A{row}", text)
        cell.font = Font(size=size, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="left")
        if height:
            ws.row_dimensions[row].height = height

    def header(row: int, labels: list[tuple[str, str]]) -> None:
        for col, text in labels:
            cell = _put_text(ws, f"{col}{row}", text)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.row_dimensions[row].height = 30

    def boxed(ref: str, text: str | None) -> Any:
        cell = _put_text(ws, ref, text) if text is not None else ws[ref]
        cell.border = box
        cell.alignment = wrap
        return cell

    def input_cell(ref: str, *, text: bool) -> Any:
        cell = ws[ref]
        cell.fill = input_fill
        cell.border = box
        cell.protection = unlocked
        cell.alignment = top_wrap if text else Alignment(vertical="center")
        # Text format: what a liaison types, even "=…", stays text in Excel and WPS.
        cell.number_format = "@" if text else "General"
        return cell

    title = ws["A1"]
    band(1, view.title, size=16, bold=True, height=36)
    title.alignment = Alignment(horizontal="center", vertical="center")
    period_name = "所属月份" if view.kind == "monthly" else "报送事项"
    due = f"　　截止日期：{view.due}（遇节假日顺延）" if view.due else ""
    band(2, f"填报单位：{view.unit_name}　　{period_name}：{view.period_label}{due}", height=22)
    band(
        3,
        "填写说明：只在浅黄色单元格中填写，其他单元格已锁定。数值只填阿拉伯数字，"
        "不写计量单位；累计值低于上次填报值时（如数据修正），须在“说明”栏写明原因；"
        "多条内容每行一条（单元格内换行：Alt+Enter）。填好后保存，把文件发回办公室。",
        height=36,
    )
    row = 5
    if view.indicators:
        header(
            row,
            [
                ("A", "序号"),
                ("B", "指标"),
                ("C", "计量单位"),
                ("D", "目标"),
                ("E", "上次填报值"),
                ("F", f"本次填报值（截至{fmt_month(view.period)}）"),
                ("G", "说明（低于上次填报值时必填）"),
            ],
        )
        for n, ind in enumerate(view.indicators, start=1):
            row += 1
            boxed(f"A{row}", str(n)).alignment = Alignment(horizontal="center", vertical="center")
            name = boxed(f"B{row}", ind.name)
            boxed(f"C{row}", ind.measure)
            boxed(f"D{row}", ind.target)
            previous = (
                f"{fmt_number(ind.previous, 6)}（{fmt_month(ind.previous_month)}）"
                if ind.previous is not None and ind.previous_month is not None
                else "—"
            )
            boxed(f"E{row}", previous)
            floor = (
                f"不应低于上次填报值 {fmt_number(ind.floor, 6)}；确需下调时在“说明”栏写明原因。"
                if ind.floor is not None
                else ""
            )
            ref = f"F{row}"
            input_cell(ref, text=False)
            check = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage=True,
                errorStyle="stop",
                errorTitle="请填写数字",
                error=_safe(
                    f"这里只能填写不小于 0 的数字（计量单位“{ind.measure}”，不要写单位或文字）。"
                ),
                promptTitle=_safe(ind.measure)[:32] or "数值",
                prompt=_safe(f"{ind.name}：填{ind.hint}，单位“{ind.measure}”，只填数字。{floor}")[
                    :255
                ],
            )
            check.add(ref)
            ws.add_data_validation(check)
            ws.row_dimensions[row].height = (
                LINE_HEIGHT * max(_lines(ind.name, WIDTHS["B"]), _lines(previous, WIDTHS["E"])) + 6
            )
            fields.append(FieldCell(f"indicator:{ind.id}", ref, name.coordinate, ind.name))
            note_ref = f"G{row}"
            input_cell(note_ref, text=True)
            fields.append(FieldCell(f"note:{ind.id}", note_ref, name.coordinate, ind.name))
        row += 2
    if view.tasks:
        header(
            row,
            [
                ("A", "编号"),
                ("B", "任务（无量化指标，选择进展状态）"),
                ("E", "上次状态"),
                ("F", "本次状态"),
            ],
        )
        ws.merge_cells(f"B{row}:D{row}")
        states = _states_validation("进展状态")
        ws.add_data_validation(states)
        for task in view.tasks:
            row += 1
            boxed(f"A{row}", task.number)
            ws.merge_cells(f"B{row}:D{row}")
            label = boxed(f"B{row}", task.title)
            boxed(f"E{row}", task.previous or "—")
            ref = f"F{row}"
            input_cell(ref, text=True)
            states.add(ref)
            width = WIDTHS["B"] + WIDTHS["C"] + WIDTHS["D"]
            ws.row_dimensions[row].height = LINE_HEIGHT * _lines(task.title, width) + 6
            fields.append(FieldCell(f"task:{task.id}", ref, label.coordinate, task.title))
        row += 2
    if view.actions:
        row = _action_rows(ws, view, row, fields, header, boxed, input_cell)
    for text in view.texts:
        if text.heading:  # a block of a 小结: the task it is about
            row += 1 if row > 5 else 0
            band(row, text.heading, bold=True, height=LINE_HEIGHT * _lines(text.heading, 80) + 8)
            row += 1
        ws.merge_cells(f"A{row}:B{row}")
        ws.merge_cells(f"C{row}:{LAST}{row}")
        label_text = f"{text.label}\n（{text.help}）" if text.help else text.label
        label = boxed(f"A{row}", label_text)
        label.font = Font(bold=True)
        label.fill = header_fill
        ref = f"C{row}"
        input_cell(ref, text=True)
        if text.default:
            _put_text(ws, ref, text.default)
        for col in "DEFG":  # the rest of the merged range: its border, and locked
            ws[f"{col}{row}"].border = box
            ws[f"{col}{row}"].protection = locked
        ws["B" + str(row)].border = box
        lines = 12 if text.multiline and not text.is_list else 6 if text.multiline else 2
        ws.row_dimensions[row].height = max(LINE_HEIGHT * lines, 30)
        fields.append(FieldCell(f"text:{text.key}", ref, label.coordinate, label_text))
        row += 1
    return fields


def _states_validation(what: str) -> Any:
    """The drop-down of :data:`TASK_STATES`, with its Chinese prompt and error."""
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type="list",
        formula1='"' + ",".join(TASK_STATES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="请从列表中选择",
        error=f"{what}只能是：" + "、".join(TASK_STATES) + "。",
        promptTitle=what,
        prompt="从下拉列表中选择：" + "、".join(TASK_STATES),
    )


def _action_rows(
    ws: Any,
    view: FormView,
    row: int,
    fields: list[FieldCell],
    header: Any,
    boxed: Any,
    input_cell: Any,
) -> int:
    """One row per action the unit leads: a state drop-down (F) and its progress (G)."""
    header(
        row,
        [
            ("A", "编号"),
            ("B", "事项（本单位牵头，选择进展状态）"),
            ("D", "完成时限"),
            ("E", "上次状态"),
            ("F", "本次状态"),
            ("G", "进展情况（文件名、文号、链接文字；报“已完成”时必填）"),
        ],
    )
    ws.merge_cells(f"B{row}:C{row}")
    states = _states_validation("事项状态")
    ws.add_data_validation(states)
    for action in view.actions:
        row += 1
        boxed(f"A{row}", action.number)
        ws.merge_cells(f"B{row}:C{row}")
        label = boxed(f"B{row}", action.text)
        boxed(f"D{row}", action.due)
        boxed(f"E{row}", action.previous or "—")
        ref = f"F{row}"
        input_cell(ref, text=True)
        if action.start:
            _put_text(ws, ref, action.start)
        states.add(ref)
        progress_ref = f"G{row}"
        input_cell(progress_ref, text=True)
        if action.start_progress:
            _put_text(ws, progress_ref, action.start_progress)
        width = WIDTHS["B"] + WIDTHS["C"]
        ws.row_dimensions[row].height = max(LINE_HEIGHT * _lines(action.text, width) + 6, 36)
        fields.append(FieldCell(f"action:{action.id}", ref, label.coordinate, action.text))
        fields.append(
            FieldCell(f"progress:{action.id}", progress_ref, label.coordinate, action.text)
        )
    return row + 2


def _meta_sheet(wb: Any, view: FormView, fields: list[FieldCell]) -> None:
    ws = wb.create_sheet(META_SHEET)
    values = dict(zip(META_KEYS, meta_values(view), strict=True))
    for r, key in enumerate(META_KEYS, start=1):
        _put_text(ws, f"A{r}", key)
        _put_text(ws, f"B{r}", values[key])
    r = len(META_KEYS) + 2
    for c, text in zip("ABCD", MAP_HEADER, strict=True):
        _put_text(ws, f"{c}{r}", text)
    for f in fields:
        r += 1
        for c, text in zip("ABCD", f, strict=True):
            _put_text(ws, f"{c}{r}", text)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def meta_values(view: FormView) -> tuple[str, ...]:
    """The values of :data:`META_KEYS` for ``view``."""
    return (view.plan_id, view.unit_id, view.period, view.kind, str(FORM_VERSION))


def render_form_xlsx(view: FormView, *, as_of: date) -> bytes:
    """The fill-in workbook for ``view``; byte-identical for the same view and ``as_of``.

    Raises ImportError without openpyxl.
    """
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    fields = _form_rows(ws, view)
    ws.protection.sheet = True
    # Let a liaison widen a column or row to read; nothing else.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_area = f"A1:{LAST}{ws.max_row}"
    _meta_sheet(wb, view, fields)
    wb.active = 0
    for key, value in zip(META_KEYS, meta_values(view), strict=True):
        wb.custom_doc_props.append(StringProperty(name=PROPERTY_PREFIX + key, value=value))
    props = wb.properties
    props.creator = "jianyian"
    props.title = _safe(view.title)
    props.subject = _safe(view.plan_title)
    return save_workbook(wb, as_of)
