"""Field types every model shares: ids, dates, months, numbers, text.

Each type validates strictly and explains itself in Chinese; a civil servant's
typo is never turned into a silent guess.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# Anchored with \Z, never $: "$" also accepts a trailing newline, and "2025-07\n"
# is no month. (So .match and .fullmatch agree.) JSON Schema has no \Z: the
# schema gets the same pattern with "$", where it means the end of the text.
_SLUG = r"[a-z0-9][a-z0-9-]*"
#: An e-mail address as a message can carry it: a plain ASCII addr-spec. The one rule of
#: the plan's liaisons (validate) and of remind's drafts (issue 30: validate accepted what
#: remind then refused, blocking every notice).
EMAIL_ADDRESS = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"
SLUG_RE = re.compile(rf"^{_SLUG}\Z")
MONTH_RE = re.compile(rf"^{_MONTH}\Z")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
# "(?!\n)$": the end of the text in ECMAScript (editors) and in Python's re
# (jsonschema) alike; a bare "$" lets Python accept a trailing newline.
SLUG_PATTERN = f"^{_SLUG}(?!\\n)$"
MONTH_PATTERN = f"^{_MONTH}(?!\\n)$"
#: The largest value an indicator, target or threshold may have: far above any real
#: count or amount (1e15 亿元 is a thousand times the world's output), far below
#: where sums overflow or lose every unit to float rounding.
MAX_NUMBER = 1e15


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` → date; anything else (``2025-8-1``, ``20250801``) → None.

    Stricter than ``date.fromisoformat``, which since Python 3.11 also accepts
    compact and week forms: a civil servant's typo must not become a silent guess.
    """
    if not _DAY_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_slug(value: Any) -> Any:
    """``value`` when it is an id (``jxj``, ``ai-models``), else a ``jy_slug`` error."""
    if isinstance(value, str) and not SLUG_RE.fullmatch(value):
        raise PydanticCustomError(
            "jy_slug",
            "“{value}”不是合法的标识：只能用小写字母、数字和连字符",
            {"value": str(value)},
        )
    return value


def _iso_date(value: Any) -> Any:
    """Accept a YAML date or an ISO string; never guess from numbers."""
    if isinstance(value, datetime):
        raise PydanticCustomError("jy_date", "只需填写日期（YYYY-MM-DD），不要带时间")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (day := parse_day(value)) is not None:
        return day
    raise PydanticCustomError(
        "jy_date", "“{value}”不是有效日期，应写作 YYYY-MM-DD，如 2025-08-03", {"value": str(value)}
    )


def _month(value: Any) -> Any:
    if isinstance(value, str) and MONTH_RE.fullmatch(value):
        return value
    if isinstance(value, date):
        raise PydanticCustomError("jy_month", "月份应写作 YYYY-MM（如 2025-07），不要写具体日期")
    raise PydanticCustomError(
        "jy_month", "“{value}”不是有效月份，应写作 YYYY-MM，如 2025-07", {"value": str(value)}
    )


_NUMBER_TEXT_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _number(value: Any) -> Any:
    if isinstance(value, str):
        # Full-width digits (８, １２．５) are what a Chinese input method types, and a
        # quoted number ("7") still shows the number: read both, as `set` does.
        text = unicodedata.normalize("NFKC", value).strip()
        if _NUMBER_TEXT_RE.fullmatch(text):
            value = float(text) if "." in text else int(text)
    if value is None:
        raise PydanticCustomError("jy_number", "未填写数值：只填写数字，计量单位见计划")
    # .nan / .inf are YAML floats but no count or amount; bool is an int subclass.
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        raise PydanticCustomError(
            "jy_number", "“{value}”不是数字：只填写数字，计量单位见计划", {"value": str(value)}
        )
    if abs(value) > MAX_NUMBER:
        shown = str(value)
        if len(shown) > 24:
            shown = shown[:20] + "…"
        raise PydanticCustomError(
            "jy_number",
            "“{value}”数值过大：绝对值不能超过 10 的 15 次方，请检查是否多写了数位或误用了科学计数法",
            {"value": shown},
        )
    return value


# C0 controls, DEL and C1: never part of a civil servant's text (a pasted \x07 or
# \x1b breaks the xlsx export and a terminal). Tab and line feed only in multi-line text.
# Nor the bidirectional embeddings, overrides and isolates (they reorder what is shown):
# the parser refuses them written as such; these catch them written as escapes ("\u202e")
# in a quoted YAML string.
_CONTROLS_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BODY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _check_controls(value: str, pattern: re.Pattern[str], multiline: bool) -> str:
    found = pattern.search(value)
    if found is not None:
        char = found.group()
        shown = char.encode("unicode_escape").decode("ascii")
        if char in "\t\n\r" and not multiline:
            why = "只能写一行，不能含换行或制表符"
        else:
            why = "含有控制字符"
        raise PydanticCustomError(
            "jy_text",
            "{why}（第 {pos} 个字符是 {char}），请删除后重新保存",
            {"why": why, "pos": found.start() + 1, "char": shown},
        )
    return value


def _not_blank(value: str) -> str:
    # str.strip() removes U+3000 (the ideographic space) and every other blank.
    if not value.strip():
        raise PydanticCustomError("jy_text", "不能为空，也不能只有空格")
    return value


def _body(value: str) -> str:
    return _not_blank(_check_controls(value, _CONTROLS_BODY, True))


def _line(value: str) -> str:
    return _not_blank(_check_controls(value, _CONTROLS_LINE, False))


def _note(value: str) -> str:
    return _check_controls(value, _CONTROLS_BODY, True)


Slug = Annotated[
    str, BeforeValidator(check_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})
]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Month = Annotated[
    str, BeforeValidator(_month), WithJsonSchema({"type": "string", "pattern": MONTH_PATTERN})
]
Number = Annotated[
    float,
    BeforeValidator(_number),
    Field(strict=False),
    WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}),
]
# The same rules for editors (JSON Schema patterns, ECMAScript and Python alike):
# the blanks str.strip() removes (less the controls, refused anyway), and the controls.
_BLANK = r"[ \t\n\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_BODY_CHARS = r"[^\x00-\x08\x0b-\x1f\x7f-\x9f]"
_LINE_CHARS = r"[^\x00-\x1f\x7f-\x9f]"
TEXT_PATTERN = f"^(?!{_BLANK}*$){_BODY_CHARS}*$"
LINE_PATTERN = f"^(?!{_BLANK}*$){_LINE_CHARS}*(?!\\n)$"
NOTE_PATTERN = f"^{_BODY_CHARS}*$"

#: Required text that may run over several lines (a body, a problem, the plan's 原文).
Text = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_body),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": TEXT_PATTERN}),
]
#: Required text on one line (a title, a name, a measure).
Line = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_line),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": LINE_PATTERN}),
]
#: Optional free text (a note, a phone number): no controls, may be blank.
Note = Annotated[
    str, AfterValidator(_note), WithJsonSchema({"type": "string", "pattern": NOTE_PATTERN})
]


class Model(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid", defer_build=True)
