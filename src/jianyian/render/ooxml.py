"""Byte-identical Office Open XML packages from openpyxl.

openpyxl stamps ``docProps/core.xml`` with the time of saving and every zip entry
with the clock; :func:`save_workbook` rewrites both from a given day, so the same
workbook content and the same day give the same bytes. Shared by every xlsx writer.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

#: The earliest time a zip entry can hold.
ZIP_EPOCH = date(1980, 1, 1)


def stamp_of(day: date) -> datetime:
    """Midnight of ``day`` (never before the zip epoch): the time written into the package."""
    return datetime.combine(max(day, ZIP_EPOCH), datetime.min.time())


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
