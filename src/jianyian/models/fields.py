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
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` → date; anything else (``2025-8-1``, ``20250801``) → None.

    Stricter than ``date.fromisoformat``, which since Python 3.11 also accepts
    compact and week forms: a civil servant's typo must not become a silent guess.
    """
    if not _DAY_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_slug(value: Any) -> Any:
    """``value`` when it is an id (``jxj``, ``ai-models``), else a ``jy_slug`` error."""
    if isinstance(value, str) and not SLUG_RE.match(value):
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
    if isinstance(value, str) and MONTH_RE.match(value):
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
    return value


Slug = Annotated[
    str, BeforeValidator(check_slug), WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})
]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Month = Annotated[
    str, BeforeValidator(_month), WithJsonSchema({"type": "string", "pattern": MONTH_RE.pattern})
]
Number = Annotated[float, BeforeValidator(_number), Field(strict=False)]
Text = Annotated[str, StringConstraints(min_length=1)]


class Model(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")
