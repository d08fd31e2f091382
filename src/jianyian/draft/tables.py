"""Task tables flattened to text, turned back into numbered items with unit lines. Pure.

A 责任分解表 (序号 / 工作任务 / 牵头单位 / 责任单位 / 完成时限 …) reaches the drafter in
one of two shapes:

- **pasted from Word or WPS**: one row a line, cells separated by tabs, an empty cell
  two tabs in a row, a line break inside a cell continuing the row on the next line,
  merged section rows (一、…) without tabs;
- **copied from a web page**: one cell a line, the row's 序号 alone on its line, empty
  cells written ``/`` or ``—`` (or gone), a long cell broken over two lines.

Each row becomes ``N.任务`` followed by ``牵头单位：…`` / ``责任单位：…`` / ``完成时限：…`` /
``责任领导：…`` lines at the row's line number, which the rest of the drafter reads like
any other notice.
"""

from __future__ import annotations

import re

from .dates import POINT_RE, WORD_RE, open_ended

Lines = list[tuple[int, str]]

HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
HEADER_WORD_RE = re.compile(
    r"任务|事项|内容|措施|目标|指标|单位|部门|时限|时间|领导|责任人|备注|类别|牵头|配合|责任|协同"
)
END_RE = re.compile(r"^(?:注|备注|说明|附件)")
MARKS = "★☆▲△●○◆◇"


def _column(name: str) -> str | None:
    """What a header cell holds: text, lead, responsible, time, leader (None: ignored)."""
    name = re.sub(r"\s+", "", name)
    if re.search(r"领导|责任人", name):
        return "leader"
    if re.search(r"时限|时间|进度", name):
        return "time"
    if re.search(r"牵头|主办", name):
        return "lead"
    if re.search(r"责任|配合|协同|协办|参与", name):
        return "responsible"
    if re.search(r"任务|事项|内容|措施|目标|指标|工作", name):
        return "text"
    return None


LABELS = {"lead": "牵头单位", "responsible": "责任单位", "time": "完成时限", "leader": "责任领导"}


def _looks_like_time(cell: str) -> bool:
    return bool(POINT_RE.match(cell) or WORD_RE.match(cell) or open_ended(cell))


def _emit(line: int, number: str, cells: dict[str, list[str]]) -> Lines:
    text = "".join(cells.get("text", [])).lstrip(MARKS)
    out = [(line, f"{number}.{text}")]
    for kind in ("lead", "responsible", "time", "leader"):
        value = "，".join(c for c in cells.get(kind, []) if c.strip("/／—－- "))
        if value:
            out.append((line, f"{LABELS[kind]}：{value}"))
    return out


def _tab_table(lines: Lines, start: int) -> tuple[Lines, int] | None:
    """The tab-separated table whose header is ``lines[start]``: (item lines, end index)."""
    header = [_column(c) for c in lines[start][1].split("\t")]
    if "text" not in header or not {"lead", "responsible"} & set(header):
        return None
    out: Lines = []
    row: tuple[int, str] | None = None
    i = start + 1

    def flush() -> None:
        if row is None:
            return
        cells = row[1].split("\t")
        by_kind: dict[str, list[str]] = {}
        for kind, cell in zip(header[1:], cells[1:], strict=False):
            if kind:
                by_kind.setdefault(kind, []).append(cell.strip())
        out.extend(_emit(row[0], cells[0].strip(), by_kind))

    while i < len(lines):
        no, text = lines[i]
        if re.match(r"^\d{1,3}\t", text):
            flush()
            row = (no, text)
        elif "\t" not in text and HEADING_RE.match(text):
            flush()
            row = None
            out.append((no, text))
        elif END_RE.match(text) or row is None:
            break
        else:
            row = (row[0], row[1] + text)  # a line break inside a cell
        i += 1
    flush()
    return out, i


def _cell_table(lines: Lines, start: int) -> tuple[Lines, int] | None:
    """The one-cell-a-line table whose 序号 cell is ``lines[start]``: (item lines, end index)."""
    header: list[str | None] = []
    i = start + 1
    while i < len(lines):
        cell = re.sub(r"\s+", "", lines[i][1])
        if len(cell) > 8 or not HEADER_WORD_RE.search(cell) or re.fullmatch(r"\d+", cell):
            break
        header.append(_column(cell))
        i += 1
    if "text" not in header or not {"lead", "responsible"} & set(header):
        return None
    out: Lines = []
    row: list[str] = []
    row_no, number = 0, ""

    def flush() -> None:
        if not number:
            return
        cells = list(row)
        text_at = header.index("text")
        extra = len(cells) - len(header)
        if extra > 0:  # a cell broken over several lines: the task's text
            cells[text_at : text_at + extra + 1] = ["".join(cells[text_at : text_at + extra + 1])]
        by_kind: dict[str, list[str]] = {"text": [cells[text_at]] if len(cells) > text_at else []}
        rest = [c for j, c in enumerate(cells) if j != text_at]
        kinds = [k for j, k in enumerate(header) if j != text_at]
        if len(rest) == len(kinds):
            for kind, cell in zip(kinds, rest, strict=True):
                if kind:
                    by_kind.setdefault(kind, []).append(cell)
        else:  # cells that vanished: place the rest by what they look like
            units = [k for k in kinds if k in ("lead", "responsible", "leader")]
            for cell in rest:
                if "time" in kinds and _looks_like_time(cell):
                    by_kind.setdefault("time", []).append(cell)
                elif units:
                    by_kind.setdefault(units.pop(0), []).append(cell)
        out.extend(_emit(row_no, number, by_kind))

    while i < len(lines):
        no, text = lines[i]
        if re.fullmatch(r"\d{1,3}", text):
            flush()
            row, row_no, number = [], no, text
        elif HEADING_RE.match(text):
            flush()
            row, number = [], ""
            out.append((no, text))
        elif END_RE.match(text) or not number:
            break
        else:
            row.append(text)
        i += 1
    flush()
    return out, i


def unflatten_tables(lines: Lines) -> tuple[Lines, int]:
    """``lines`` with every task table turned into items and unit lines; and how many tables."""
    out: Lines = []
    tables = 0
    i = 0
    while i < len(lines):
        text = lines[i][1]
        found = None
        if "\t" in text and "序号" in re.sub(r"\s+", "", text.split("\t")[0]):
            found = _tab_table(lines, i)
        elif re.sub(r"\s+", "", text) == "序号":
            found = _cell_table(lines, i)
        if found:
            items, i = found
            out += items
            tables += 1
        else:
            out.append(lines[i])
            i += 1
    return out, tables
