"""Reading one cell of a filled form: numbers, states and text, forgiving where people are predictable.

Pure functions of a cell's value (whatever openpyxl or calamine returned): full-width
digits, thousands separators, numbers stored as text and stray spaces are read as
numbers; a value followed by its own measure word is read with a warning; anything
else is an error message for the caller to locate at the cell.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from typing import Any

from ..fmt import fmt_number, num

_PLAIN_NUMBER = re.compile(r"^\+?(\d+(\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^\+?\d{1,3}(,\d{3})+(\.\d+)?$")
_NEGATIVE = re.compile(r"^-\s*(\d+(\.\d*)?|\.\d+)$")
# Characters no report text may hold: C0/C1 controls (tab and newline aside), line
# and paragraph separators, and the bidirectional overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# "1、" "2." "（3）" "一、" "- " "• ": list markers a liaison types before each item.
# A hyphen or asterisk is a marker only when whitespace follows it: "-2+3" keeps its minus
# sign and "---" stays three dashes (issue 30). Bullets that are never signs need no space.
_MARKER = re.compile(
    r"^\s*(?:[-*]\s+|[•·●▪]\s*|\d{1,2}\s*[、.．)）](?!\d)\s*|[（(]\s*\d{1,2}\s*[)）]\s*"
    r"|[一二三四五六七八九十]{1,3}\s*、\s*|[（(][一二三四五六七八九十]{1,3}[)）]\s*)"
)


def text_of(value: Any) -> str:
    """A cell's value as the text it shows (numbers without float noise, dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return fmt_number(value, 6)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


#: Numbers from 10^15 up are no indicator's value (Excel keeps 15 significant digits):
#: a 400-digit text would otherwise become infinity.
MAX_NUMBER = 1e15
_TOO_LARGE = "“{text}”过大（超过 15 位数字），不是有效的指标值：请核对后填写"


def parse_number(value: Any, measure: str) -> tuple[float | int | None, str | None, str | None]:
    """A cell's value as a number: ``(number, warning, error)``; exactly one of number/error.

    Numbers stay numbers; text is read after NFKC (１２ → 12) with thousands
    separators and surrounding spaces dropped; ``12个`` (the indicator's own measure
    word) is read as 12 with a warning.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None, "未填写：请填写数字（与上次相同也请填写）"
    if isinstance(value, (bool, datetime, date, time)):
        shown = text_of(value)
        return None, None, f"“{shown}”是日期或逻辑值，不是数字：请把单元格格式改为“常规”后填写数字"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return None, None, "不是有效数字"
        if value < 0:
            return None, None, f"{fmt_number(value, 6)} 是负数：累计值不能小于 0"
        if value >= MAX_NUMBER:
            return None, None, _TOO_LARGE.format(text=fmt_number(value, 0))
        return num(value), None, None
    raw = str(value)
    text = unicodedata.normalize("NFKC", raw).strip()
    note = None
    unit = unicodedata.normalize("NFKC", measure).strip()
    if unit and text.endswith(unit) and text != unit:
        text = text[: -len(unit)].strip()
        note = f"“{raw.strip()}”带有计量单位“{measure}”，已按 {text} 读取；以后请只填数字"
    if _GROUPED_NUMBER.match(text):
        text = text.replace(",", "")
    if _NEGATIVE.match(text):
        return None, None, f"“{raw.strip()}”是负数：累计值不能小于 0"
    if not _PLAIN_NUMBER.match(text):
        return (
            None,
            None,
            f"“{raw.strip()}”不是数字：请只填写阿拉伯数字（计量单位“{measure}”，不写单位、范围或文字）",
        )
    number = float(text.lstrip("+"))
    if not math.isfinite(number) or number >= MAX_NUMBER:
        shown = raw.strip() if len(raw.strip()) <= 30 else raw.strip()[:30] + "…"
        return None, None, _TOO_LARGE.format(text=shown)
    return num(number), note, None


def clean_text(value: Any) -> tuple[str, str | None]:
    """A text cell as report text: ``(text, error)``. Line ends unified, edges trimmed."""
    from openpyxl.utils.escape import unescape

    # Excel stores a control character as _x001B_; read it as what it stands for.
    text = unescape(text_of(value)) if "_x" in text_of(value) else text_of(value)
    # Line breaks pasted from Word (vertical tab, form feed) are line breaks.
    text = re.sub("\r\n|[\r\x0b\x0c]", "\n", text).replace("\t", " ")
    found = _CONTROL.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        return "", f"含有不允许出现的控制字符（{code}），请删除后重新填写"
    # rstrip also drops trailing full-width spaces; leading ones (paragraph indents) stay.
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines), None


def split_items(text: str) -> list[str]:
    """One item per line, list markers (1、 2. （3） •, and - or * before a space) dropped,
    blank lines skipped."""
    items = []
    for line in text.split("\n"):
        item = _MARKER.sub("", line, count=1).strip()
        if item:
            items.append(item)
    return items
