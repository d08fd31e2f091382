"""JSON text for every ``--json`` / ``--format json`` output: never a non-finite number.

Python's ``json`` writes ``Infinity`` and ``NaN``, which no JSON parser accepts. Values
are bounded where they are read (``models.fields.MAX_NUMBER``), but a ratio can still
overflow (a value over a tiny target): such a number has no meaningful value and is
written as ``null``, and ``allow_nan=False`` guarantees nothing else slips through.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with every non-finite float (inf, -inf, nan) replaced by None, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps_json(value: Any, *, indent: int | None = 2) -> str:
    """Standard JSON (no ``Infinity``/``NaN``), non-ASCII kept readable."""
    return json.dumps(finite(value), ensure_ascii=False, indent=indent, allow_nan=False)
