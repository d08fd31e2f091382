"""Byte-identical Office Open XML packages (xlsx from openpyxl, docx from python-docx).

Both libraries stamp the package with the clock: openpyxl writes the time of
saving into ``docProps/core.xml``, and zip entries carry it. :func:`rewrite_package`
is the one rewriter of a package's zip: fixed entry order, times from a given day,
one file mode. So the same content and the same day give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

#: The earliest time a zip entry can hold.
ZIP_EPOCH = date(1980, 1, 1)
#: Parts an OPC reader looks for first: they lead, everything else follows sorted.
FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
#: Every entry is a regular file, rw-r--r--.
FILE_MODE = 0o100644


def stamp_of(day: date) -> datetime:
    """Midnight of ``day`` (never before the zip epoch): the time written into the package."""
    return datetime.combine(max(day, ZIP_EPOCH), datetime.min.time())


def rewrite_package(data: bytes, day: date, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The package ``data`` with fixed entry order, entry times of ``day`` and one mode.

    ``replace`` gives new contents for some parts (by name).
    """
    replace = replace or {}
    stamp = stamp_of(day).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        first = [n for n in FIRST_PARTS if n in names]
        for name in first + sorted(n for n in names if n not in first):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # unix, so external_attr carries the mode
            entry.external_attr = FILE_MODE << 16
            part = replace[name] if name in replace else src.read(name)
            dst.writestr(entry, part, compresslevel=6)
    return out.getvalue()


def save_workbook(wb: Any, day: date) -> bytes:
    """``wb`` as xlsx bytes, its created/modified times and zip entry times set to ``day``."""
    from openpyxl.xml.constants import ARC_CORE
    from openpyxl.xml.functions import tostring

    stamp = stamp_of(day)
    props = wb.properties
    props.created = stamp
    buf = io.BytesIO()
    wb.save(buf)
    props.modified = stamp
    return rewrite_package(buf.getvalue(), day, {ARC_CORE: tostring(props.to_tree())})
