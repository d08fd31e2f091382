"""Reading a filled-in form (填报表) back: cell by cell, each problem named by its cell.

``.xlsx`` from Excel, WPS or LibreOffice through openpyxl; ``.xls``, ``.et`` and
``.ods`` through python-calamine. The format is told by the file's content, not its
name. Forgiving where people are predictable (full-width digits, thousands
separators, numbers stored as text, trailing spaces, a value followed by its own
measure word), strict where numbers are: anything else is an error naming the
cell (``经信局-2025-08.xlsx!F7``), and the form yields no data at all.
"""

from __future__ import annotations

import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, error, has_errors, printable, warning
from ..errors import os_error_text
from ..models import Plan
from ..models.form import (
    DOCUMENT_TEXTS,
    FORM_SHEET,
    LIST_FIELDS,
    MAP_HEADER,
    META_KEYS,
    META_SHEET,
    MONTHLY_TEXTS,
    PROPERTY_PREFIX,
    READABLE_VERSIONS,
    SUMMARY_TASK_FIELDS,
    SUMMARY_TEXTS,
    TASK_STATES,
    FormData,
)
from .form_cells import clean_text, parse_number, split_items, text_of

MAX_FORM_BYTES = 20 * 1024 * 1024
#: A form unpacks to a few hundred kilobytes; refuse what would unpack to far more (every
#: zip format: .xlsx and .ods). 20 MiB of XML is read in well under 300 MB.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
#: The cells a form may use: its cell map names cells within A1:AZ5000, and no more of any
#: sheet is ever read (a crafted cell at XFD1048576 costs nothing).
MAX_FORM_ROWS = 5000
MAX_FORM_COLS = 52
#: At most this many cells with content in one .ods sheet, and none beyond the caps above
#: (python-calamine allocates a sheet's whole range: a crafted one aborts the process).
MAX_ODS_CELLS = 200_000
#: Characters in all of an .ods's filled cells, repeats counted: a cell repeated by
#: number-rows/columns-repeated is built once per copy by the reader.
MAX_ODS_TEXT = 4_000_000
#: Excel's limit on the characters of one cell; a text cell beyond it is refused (JY071).
MAX_CELL_CHARS = 32767
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")


def cell_position(ref: str) -> tuple[int, int] | None:
    """(row, column) of a single-cell reference within the form's caps, else None: a
    range (``A1:XFD1048576``, ``A:XFD``), a name or a cell beyond A1:AZ5000."""
    m = _CELL_REF.match(ref.strip().upper()) if isinstance(ref, str) else None
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    if row > MAX_FORM_ROWS or col > MAX_FORM_COLS:
        return None
    return row, col


#: The stream an encrypted OOXML file keeps its workbook in (its OLE directory name).
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class FormTooLarge(ValueError):
    """A workbook bigger than any form (its sentence is the diagnostic's reason)."""


class _Grid:
    """One sheet's cells by reference, whatever library read them."""

    def __init__(
        self, value: Callable[[str], Any], formula: Callable[[str], bool] | None = None
    ) -> None:
        self.value = value
        #: True when the cell holds a formula without a cached result.
        self.uncomputed = formula or (lambda ref: False)


class _Book:
    """A workbook: its sheet names, a reader of one sheet's cells (only the cells asked
    for, by (row, column)), the hidden sheet's rows and the custom properties."""

    def __init__(
        self,
        sheets: list[str],
        grid: Callable[[str, list[tuple[int, int]]], _Grid],
        hidden_rows: list[tuple],
        props: dict[str, str],
    ) -> None:
        self.sheets = sheets
        self.grid = grid
        self.meta_rows = hidden_rows
        self.props = props


# ---------------------------------------------------------------- reading the file


def _read_bytes(path: Path, name: str) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, [error("JY060", "不是普通文件，已拒绝读取", name)]
        if info.st_size > MAX_FORM_BYTES:
            return None, [
                error("JY060", f"文件大小 {info.st_size} 字节，超过 20 MiB 上限，未读取", name)
            ]
        with open(path, "rb") as handle:
            return handle.read(), []
    except FileNotFoundError:
        return None, [error("JY060", "文件不存在", name)]
    except PermissionError:
        return None, [error("JY060", "没有读取权限", name)]
    except OSError as exc:
        return None, [error("JY060", f"无法读取文件：{os_error_text(exc)}", name)]


def _check_unpacked(archive: zipfile.ZipFile) -> None:
    """Refuse a zip that would unpack to more than :data:`MAX_UNPACKED_BYTES` (declared
    sizes; the readers stop at a member's declared size)."""
    if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise FormTooLarge("解压后超过 20 MiB，不像是一份填报表")


def _bounded_rows(ws: Any, max_row: int, max_col: int) -> list[tuple]:
    """The cells of a read-only sheet within A1 to (max_row, max_col), nothing beyond."""
    if max_row < 1 or max_col < 1:
        return []
    return [tuple(r) for r in ws.iter_rows(max_row=max_row, max_col=max_col)]


def _openpyxl_book(data: bytes) -> _Book:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_unpacked(archive)
    # Read-only mode streams each sheet: only the rows asked for are parsed. Two reads:
    # cached values, and the formulas (to tell an uncomputed formula from a blank).
    values = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=True)

    def grid(title: str, refs: list[tuple[int, int]]) -> _Grid:
        max_row = max((r for r, _c in refs), default=0)
        max_col = max((c for _r, c in refs), default=0)
        shown = _bounded_rows(values[title], max_row, max_col)
        raw = _bounded_rows(formulas[title], max_row, max_col)

        def at(rows: list[tuple], ref: str) -> Any:
            pos = cell_position(ref)
            if pos is None:
                raise ValueError(ref)
            r, c = pos
            return rows[r - 1][c - 1] if r <= len(rows) and c <= len(rows[r - 1]) else None

        def value(ref: str) -> Any:
            cell = at(shown, ref)
            return getattr(cell, "value", None)

        def uncomputed(ref: str) -> bool:
            cell = at(raw, ref)
            return getattr(cell, "data_type", None) == "f" and value(ref) is None

        return _Grid(value, uncomputed)

    hidden: list[tuple] = []
    if META_SHEET in values.sheetnames:
        hidden = [
            tuple(c.value for c in r)
            for r in _bounded_rows(values[META_SHEET], MAX_FORM_ROWS, len(MAP_HEADER))
        ]
    props = {
        p.name: str(p.value)
        for p in values.custom_doc_props
        if p.name and p.name.startswith(PROPERTY_PREFIX) and p.value is not None
    }
    return _Book(values.sheetnames, grid, hidden, props)


def _ods_precheck(archive: zipfile.ZipFile) -> None:
    """Refuse an .ods whose sheets hold a cell beyond the form's caps or too many cells:
    counted in content.xml (streamed) before python-calamine sees the file."""
    import xml.etree.ElementTree as ET

    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    try:
        member = archive.open("content.xml")
    except KeyError:
        return  # calamine says what is wrong
    with member:
        head = member.peek(4096)[:4096] if hasattr(member, "peek") else b""
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise FormTooLarge("content.xml 含有 DTD 声明，不像是一份填报表")
        row = col = cells = chars = 0
        row_repeat = 1
        for event, el in ET.iterparse(member, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == table + "table":
                    row = 0
                elif tag == table + "table-row":
                    row_repeat = int(el.get(table + "number-rows-repeated", "1") or 1)
                    col = 0
                continue
            if tag in (table + "table-cell", table + "covered-table-cell"):
                repeat = int(el.get(table + "number-columns-repeated", "1") or 1)
                filled = el.get(office + "value-type") is not None or len(el)
                if filled:
                    last_row, last_col = row + row_repeat, col + repeat
                    cells += repeat * row_repeat
                    size = sum(len(t) for t in el.itertext()) + sum(
                        len(v) for v in el.attrib.values()
                    )
                    chars += size * repeat * row_repeat
                    if chars > MAX_ODS_TEXT:
                        raise FormTooLarge(f"单元格中的文字合计超过 {MAX_ODS_TEXT} 个字符")
                    if last_row > MAX_FORM_ROWS or last_col > MAX_FORM_COLS:
                        raise FormTooLarge(
                            f"工作表在第 {last_row} 行、第 {last_col} 列有内容，"
                            f"超出填报表的范围（{MAX_FORM_ROWS} 行、{MAX_FORM_COLS} 列）"
                        )
                    if cells > MAX_ODS_CELLS:
                        raise FormTooLarge(f"有内容的单元格超过 {MAX_ODS_CELLS} 个")
                col += repeat
                el.clear()
            elif tag == table + "table-row":
                row += row_repeat
                el.clear()


def _calamine_book(data: bytes) -> _Book:
    from python_calamine import CalamineWorkbook

    if data.startswith(b"PK\x03\x04"):  # .ods: checked before calamine allocates anything
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_unpacked(archive)
            _ods_precheck(archive)
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: dict[str, list] = {}
    hidden: list[tuple] = []
    for sheet_name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(sheet_name)
        if sheet.total_height > MAX_FORM_ROWS or sheet.total_width > MAX_FORM_COLS:
            raise FormTooLarge(
                f"工作表“{sheet_name}”有 {sheet.total_height} 行、{sheet.total_width} 列，"
                f"超出填报表的范围（{MAX_FORM_ROWS} 行、{MAX_FORM_COLS} 列）"
            )
        rows = sheet.to_python(skip_empty_area=False)
        sheets[sheet_name] = rows
        if sheet_name == META_SHEET:
            hidden = [tuple(None if v == "" else v for v in r) for r in rows]

    def grid(title: str, refs: list[tuple[int, int]]) -> _Grid:
        rows = sheets[title]

        def value(ref: str) -> Any:
            pos = cell_position(ref)
            if pos is None:
                raise ValueError(ref)
            r, c = pos
            if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                cell = rows[r - 1][c - 1]
                return None if cell == "" else cell
            return None

        return _Grid(value)

    return _Book(list(wb.sheet_names), grid, hidden, {})


def _open_book(data: bytes, name: str) -> tuple[_Book | None, list[Diagnostic]]:
    """The workbook in ``data``, by its content: OOXML through openpyxl, others through calamine."""
    is_zip = data.startswith(b"PK\x03\x04")
    is_ooxml = False
    if is_zip:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_ooxml = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            return None, [error("JY060", "文件已损坏（不是完整的 zip 包），无法读取", name)]
    try:
        if is_ooxml:
            return _openpyxl_book(data), []
        if data.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED in data:
            # An .xlsx with an open password is an OLE file holding the encrypted package.
            return None, [
                error(
                    "JY060",
                    "表格设置了打开密码，无法读取：请在 Excel/WPS 中打开，取消密码"
                    "（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再导入",
                    name,
                )
            ]
        if not (is_zip or data.startswith(b"\xd0\xcf\x11\xe0")):  # ods is a zip, xls/et OLE
            return None, [
                error(
                    "JY060", "不是 Excel、WPS 或 LibreOffice 表格文件（.xlsx/.xls/.et/.ods）", name
                )
            ]
        try:
            import python_calamine  # noqa: F401
        except ImportError:
            return None, [
                error(
                    "JY060",
                    "读取 .xls/.et/.ods 需要 python-calamine（pip install python-calamine），"
                    "或在 Excel/WPS 中另存为 .xlsx 后再导入",
                    name,
                )
            ]
        return _calamine_book(data), []
    except FormTooLarge as exc:
        return None, [error("JY060", f"{exc}，未读取", name)]
    except MemoryError:
        return None, [error("JY060", "表格过大，读取时内存不足，未读取", name)]
    except Exception as exc:  # a damaged file can raise almost anything from either reader
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return None, [
            error(
                "JY060",
                f"无法读取表格（{reason}）：文件可能已损坏，请在 Excel/WPS 中另存后再试",
                name,
            )
        ]


# ---------------------------------------------------------------- the form


def _meta(book: _Book, name: str) -> tuple[dict[str, str] | None, list[tuple], list[Diagnostic]]:
    """The metadata and the cell map, cross-checked between properties and the hidden sheet."""
    rows = book.meta_rows
    sheet_meta = {
        str(r[0]): text_of(r[1])
        for r in rows[: len(META_KEYS)]
        if len(r) >= 2 and r[0] in META_KEYS
    }
    props = {k[len(PROPERTY_PREFIX) :]: v for k, v in book.props.items()}
    if not sheet_meta and not props:
        return (
            None,
            [],
            [
                error(
                    "JY061",
                    "不是 jianyian form 生成的填报表（找不到隐藏表 _jianyian 和文档属性），"
                    "请用 jianyian form 生成表格后填写",
                    name,
                )
            ],
        )
    if not sheet_meta:
        return (
            None,
            [],
            [
                error(
                    "JY061",
                    "缺少隐藏表 _jianyian（单元格对照表），无法识别各单元格，请重新生成表格",
                    name,
                )
            ],
        )
    for key in META_KEYS:
        if key in props and props[key] != sheet_meta.get(key):
            return (
                None,
                [],
                [
                    error(
                        "JY061",
                        f"文档属性与隐藏表中的 {key} 不一致（{props[key]} 与 {sheet_meta.get(key)}），"
                        "表格可能被改动过，请重新生成",
                        name,
                    )
                ],
            )
    missing = [k for k in META_KEYS if not sheet_meta.get(k)]
    if missing:
        return None, [], [error("JY061", f"隐藏表 _jianyian 缺少 {'、'.join(missing)}", name)]
    start = len(META_KEYS) + 1
    header = next((i for i, r in enumerate(rows) if tuple(r[:4]) == MAP_HEADER), None)
    if header is None or header < start - 1:
        return (
            None,
            [],
            [error("JY061", "隐藏表 _jianyian 中没有单元格对照表，请重新生成表格", name)],
        )
    field_rows = [tuple(text_of(v) for v in r[:4]) for r in rows[header + 1 :] if r and r[0]]
    return sheet_meta, field_rows, []


def _check_meta(meta: dict[str, str], plan: Plan, name: str) -> list[Diagnostic]:
    if meta["version"] not in {str(v) for v in READABLE_VERSIONS}:
        readable = "、".join(str(v) for v in READABLE_VERSIONS)
        return [
            error(
                "JY063",
                f"填报表版本 {meta['version']} 不受支持（本程序读取版本 {readable}），"
                "请用 jianyian form 重新生成后填写",
                name,
            )
        ]
    if meta["plan"] != plan.plan.id:
        return [
            error(
                "JY062",
                f"这份填报表属于方案“{meta['plan']}”，不是本项目的方案“{plan.plan.id}”，未导入",
                name,
            )
        ]
    if meta["unit"] not in plan.unit_by_id:
        return [error("JY062", f"填报表的单位“{meta['unit']}”不在计划中，未导入", name)]
    if meta["kind"] == "monthly":
        if meta["period"] not in plan.months:
            return [error("JY062", f"填报表的月份 {meta['period']} 不在方案办理期内，未导入", name)]
    elif meta["kind"] == "document":
        if meta["period"] not in plan.documents:
            return [error("JY062", f"计划中没有报送事项“{meta['period']}”，未导入", name)]
    else:
        return [error("JY061", f"无法识别的填报表类型“{meta['kind']}”", name)]
    return []


def read_form(
    path: Path, plan: Plan, *, name: str | None = None
) -> tuple[FormData | None, list[Diagnostic]]:
    """Read the filled form at ``path`` for ``plan``: its data, or None and why.

    Every problem is a diagnostic whose path is ``name!CELL`` (``name`` defaults to
    ``path`` as given); data are returned only when there is no error at all.
    """
    shown = name if name is not None else str(path)
    data, diags = _read_bytes(path, shown)
    if data is None:
        return None, diags
    book, diags = _open_book(data, shown)
    if book is None:
        return None, diags
    try:
        return _read_book(book, plan, shown)
    except FormTooLarge as exc:
        return None, [error("JY060", f"{exc}，未读取", shown)]
    except MemoryError:
        return None, [error("JY060", "表格过大，读取时内存不足，未读取", shown)]
    except Exception as exc:  # cells are read lazily: a damaged cell fails here, not at open
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return None, [
            error(
                "JY060",
                f"无法读取表格（{printable(reason)}）：文件可能已损坏，请在 Excel/WPS 中另存后再试",
                shown,
            )
        ]


def _read_book(book: _Book, plan: Plan, shown: str) -> tuple[FormData | None, list[Diagnostic]]:
    """:func:`read_form` once the workbook is open (its cells are read as they are asked)."""
    meta, field_rows, diags = _meta(book, shown)
    if meta is None:
        return None, diags
    diags = _check_meta(meta, plan, shown)
    if diags:
        return None, diags
    sheet_name = FORM_SHEET if FORM_SHEET in book.sheets else None
    if sheet_name is None:
        visible = [s for s in book.sheets if s != META_SHEET]
        sheet_name = visible[0] if visible else None
    if sheet_name is None:
        return None, [error("JY061", f"找不到工作表“{FORM_SHEET}”", shown)]
    refs = []
    for row in field_rows:
        field, ref, label_ref = (tuple(row) + ("",) * 3)[:3]
        for one in (ref, label_ref):
            pos = cell_position(one)
            if pos is None:
                return None, [
                    error(
                        "JY061",
                        f"单元格对照表中的 {field} 位置“{one}”无效（应是 A1 至 AZ5000 中的"
                        "单个单元格），请重新生成表格",
                        shown,
                    )
                ]
            refs.append(pos)
    try:
        grid = book.grid(sheet_name, refs)
    except MemoryError:
        return None, [error("JY060", "表格过大，读取时内存不足，未读取", shown)]
    where = shown if sheet_name == FORM_SHEET else f"{shown}!{sheet_name}"
    return _read_fields(grid, field_rows, meta, plan, shown, where)


def _summary_task_field(key: str, plan: Plan) -> bool:
    """Whether ``key`` is a 小结's ``tasks.<task id>.<field>`` for a task of the plan."""
    head, _, rest = key.partition(".")
    task_id, _, field = rest.rpartition(".")
    return head == "tasks" and task_id in plan.task_by_id and field in SUMMARY_TASK_FIELDS


def _read_fields(
    grid: _Grid,
    field_rows: list[tuple],
    meta: dict[str, str],
    plan: Plan,
    shown: str,
    where: str,
) -> tuple[FormData | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    indicators: dict[str, float | int] = {}
    notes: dict[str, str] = {}
    tasks: dict[str, str] = {}
    states: dict[str, str] = {}
    progress: dict[str, str] = {}
    texts: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    cells: dict[str, str] = {}
    #: label cell → (the label the map expects, the label found there)
    moved: dict[str, tuple[str, str]] = {}
    #: action id → the state cell left blank (the action is not stated this month)
    blank_actions: dict[str, str] = {}
    monthly = meta["kind"] == "monthly"
    allowed_texts = (MONTHLY_TEXTS if monthly else DOCUMENT_TEXTS + SUMMARY_TEXTS) + LIST_FIELDS
    for row in field_rows:
        field, ref, label_ref, label = (tuple(row) + ("",) * 4)[:4]
        at = f"{where}!{ref}"
        kind, _, key = field.partition(":")
        try:
            shown_label = text_of(grid.value(label_ref))
            value = grid.value(ref)
        except (ValueError, TypeError, KeyError):
            return None, [
                error("JY061", f"单元格对照表中的 {field} 位置“{ref}”无效，请重新生成表格", shown)
            ]
        if shown_label != label:
            moved.setdefault(label_ref, (label, shown_label))
            continue
        cells[field] = at
        if grid.uncomputed(ref):
            diags.append(
                error("JY067", "单元格是公式但没有计算结果：请直接填写数值，不要用公式", at)
            )
            continue
        if kind in ("note", "text") and len(text_of(value)) > MAX_CELL_CHARS:
            # Excel's own limit: only a crafted file holds more, and the report it would
            # make is one validate refuses (JY007).
            diags.append(
                error(
                    "JY071",
                    f"文字有 {len(text_of(value))} 个字符，超过单元格上限 {MAX_CELL_CHARS} 个："
                    "请精简后重新填写（篇幅长的材料请另行报送）",
                    at,
                )
            )
            continue
        if kind == "indicator" and key in plan.indicator_by_id:
            number, note, problem = parse_number(value, plan.indicator_by_id[key].measure)
            if problem:
                blank = value is None or (isinstance(value, str) and not value.strip())
                diags.append(error("JY066" if blank else "JY064", problem, at))
            else:
                assert number is not None
                indicators[key] = number
                if note:
                    diags.append(warning("JY065", note, at))
        elif kind == "note" and key in plan.indicator_by_id:
            text, problem = clean_text(value)
            if problem:
                diags.append(error("JY068", problem, at))
            elif text:
                # One line in the report: lines broken by Alt+Enter are joined.
                notes[key] = "".join(p.strip() for p in text.split("\n"))
        elif kind in ("task", "action") and key in (
            plan.task_by_id if kind == "task" else plan.action_by_id
        ):
            state = unicodedata.normalize("NFKC", text_of(value)).strip()
            noun = "进展状态" if kind == "task" else f"事项 {key} 的状态"
            if not state and kind == "action":
                blank_actions[key] = at  # not stated this month, unless progress is written
            elif not state:
                diags.append(error("JY066", f"未选择{noun}：请从下拉列表中选择", at))
            elif state not in TASK_STATES:
                diags.append(
                    error("JY069", f"“{state}”不是{noun}：只能是 {'、'.join(TASK_STATES)}", at)
                )
            elif kind == "task":
                tasks[key] = state
            else:
                states[key] = state
        elif kind == "progress" and key in plan.action_by_id:
            text, problem = clean_text(value)
            if problem:
                diags.append(error("JY068", problem, at))
            elif text:
                # One line in the report: lines broken by Alt+Enter are joined.
                progress[key] = "".join(p.strip() for p in text.split("\n"))
        elif kind == "text" and not monthly and _summary_task_field(key, plan):
            text, problem = clean_text(value)
            if problem:
                diags.append(error("JY068", problem, at))
            elif text:  # a block left empty says nothing (validate warns: JY090)
                texts[key] = text
        elif kind == "text" and key in allowed_texts:
            text, problem = clean_text(value)
            if problem:
                diags.append(error("JY068", problem, at))
            elif key in LIST_FIELDS:
                lists[key] = split_items(text)
            elif not text:
                diags.append(error("JY066", f"未填写{label.splitlines()[0]}", at))
            else:
                # A title is one line: lines broken by Alt+Enter are joined.
                is_title = key.endswith("title")
                texts[key] = "".join(p.strip() for p in text.split("\n")) if is_title else text
        else:
            diags.append(
                error(
                    "JY062",
                    f"填报表中的“{field}”不在本项目的方案中（方案在生成表格后改过？），"
                    "请重新生成表格后填写",
                    at,
                )
            )
    for key, at in blank_actions.items():
        if key in progress:
            diags.append(
                error(
                    "JY066",
                    f"事项 {key} 写了进展情况，但未选择状态：请从下拉列表中选择（本月不报该事项时两格都留空）",
                    at,
                )
            )
    if moved:
        # One message for a changed layout (a row inserted shifts every label below it).
        label_ref, (label, shown_label) = next(iter(moved.items()))
        more = f"（另有 {len(moved) - 1} 处不符）" if len(moved) > 1 else ""
        diags.append(
            error(
                "JY061",
                f"这里应是“{label}”，实为“{shown_label}”{more}：表格版式被改动（插入或删除了行、列？），"
                "请用 jianyian form 重新生成后填写",
                f"{where}!{label_ref}",
            )
        )
    if has_errors(diags):
        return None, diags
    form = FormData(
        name=shown,
        plan_id=meta["plan"],
        unit_id=meta["unit"],
        period=meta["period"],
        kind=meta["kind"],
        indicators=indicators,
        notes=notes,
        tasks=tasks,
        actions={k: (v, progress.get(k)) for k, v in states.items()},
        texts=texts,
        lists={k: lists.get(k, []) for k in LIST_FIELDS},
        cells=cells,
    )
    return form, diags
