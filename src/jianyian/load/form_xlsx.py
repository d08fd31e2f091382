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
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, error, has_errors, warning
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
#: A form unpacks to a few hundred kilobytes; refuse what would unpack to far more.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class _Grid:
    """One sheet's cells by reference, whatever library read them."""

    def __init__(
        self, value: Callable[[str], Any], formula: Callable[[str], bool] | None = None
    ) -> None:
        self.value = value
        #: True when the cell holds a formula without a cached result.
        self.uncomputed = formula or (lambda ref: False)


class _Book:
    def __init__(
        self, sheets: dict[str, _Grid], hidden_rows: list[tuple], props: dict[str, str]
    ) -> None:
        self.sheets = sheets
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
        return None, [error("JY060", f"无法读取文件：{exc.strerror or exc}", name)]


def _openpyxl_book(data: bytes) -> _Book:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ValueError("解压后超过 100 MiB，不像是一份填报表")
    # Two reads: cached values, and the formulas (to tell an uncomputed formula from a blank).
    values = load_workbook(io.BytesIO(data), data_only=True)
    formulas = load_workbook(io.BytesIO(data), data_only=False)
    sheets: dict[str, _Grid] = {}
    for ws in values.worksheets:
        fs = formulas[ws.title]

        def uncomputed(ref: str, ws: Any = ws, fs: Any = fs) -> bool:
            return fs[ref].data_type == "f" and ws[ref].value is None

        sheets[ws.title] = _Grid(lambda ref, ws=ws: ws[ref].value, uncomputed)
    hidden: list[tuple] = []
    if META_SHEET in values.sheetnames:
        hidden = [tuple(r) for r in values[META_SHEET].iter_rows(values_only=True)]
    props = {
        p.name: str(p.value)
        for p in values.custom_doc_props
        if p.name and p.name.startswith(PROPERTY_PREFIX) and p.value is not None
    }
    return _Book(sheets, hidden, props)


def _calamine_book(data: bytes) -> _Book:
    from openpyxl.utils.cell import coordinate_to_tuple
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: dict[str, _Grid] = {}
    hidden: list[tuple] = []
    for sheet_name in wb.sheet_names:
        rows = wb.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)

        def value(ref: str, rows: list = rows) -> Any:
            r, c = coordinate_to_tuple(ref)
            if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                cell = rows[r - 1][c - 1]
                return None if cell == "" else cell
            return None

        sheets[sheet_name] = _Grid(value)
        if sheet_name == META_SHEET:
            hidden = [tuple(None if v == "" else v for v in r) for r in rows]
    return _Book(sheets, hidden, {})


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
    grid = book.sheets[sheet_name]
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
