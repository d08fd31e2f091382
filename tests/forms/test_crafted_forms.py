"""Crafted forms (issue 30, item 5): a far cell in the hidden sheet, a range in the cell map,
an .ods whose repeated cells would fill a sheet, a workbook stuffed under the size limits.
Each is built here from a real form; each import runs as a real process under an address-
space limit and must end with a located JY060 (or JY061), no traceback, in well under
10 s and 300 MB; in a batch the good form is still imported.
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from jianyian.cli import app
from jianyian.models.form import FORM_SHEET, META_SHEET

from ..conftest import runner

HIDDEN = "xl/worksheets/sheet2.xml"  # the hidden sheet _jianyian in a generated form
LIMIT = 1024 * 1024 * 1024  # address space of the importing process
JXJ_FIELDS = {
    "indicator:ai-models": 12,
    "indicator:concept-centres": 4,
    "indicator:pilot-platforms": 15,
    "indicator:joint-labs": 1,
    "indicator:major-projects": 2,
    "indicator:key-rd-projects": 30,
    "text:info.title": "市经信局推进人工智能赋能制造业情况",
    "text:info.body": "本月，我局……",
}


def make_form(root: Path, out: Path) -> Path:
    r = runner.invoke(
        app,
        ["form", "--unit", "jxj", "--month", "2025-08", "-o", str(out),
         "--as-of", "2025-08-20", "--root", str(root)],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "field")
    cells = {row[0]: row[1] for row in rows[start + 1 :] if row[0]}
    for field, value in JXJ_FIELDS.items():
        wb[FORM_SHEET][cells[field]].value = value
    wb.save(out)
    return out


def rewrite(src: Path, out: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the zip ``src`` with ``member`` changed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    out.write_bytes(buf.getvalue())
    return out


def far_cell(data: bytes) -> bytes:
    """One cell at XFD1048576, the dimension saying so."""
    data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return data.replace(b"</sheetData>", far + b"</sheetData>")


def stuffed(data: bytes) -> bytes:
    """The hidden sheet padded with 300 000 rows of junk after the cell map."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>1</v></c></row>' % (n, n, n, n)
        for n in range(100, 300_100)
    )
    data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:D300100"/>', data)
    return data.replace(b"</sheetData>", rows + b"</sheetData>")


def ods_bomb(out: Path) -> Path:
    """A 1 KB .ods with a value in A1 and one at CW100002: python-calamine allocates the
    whole range between them (over 600 MB)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="填报表">'
        '<table:table-row><table:table-cell office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="100000"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="100"/>'
        '<table:table-cell office:value-type="string"><text:p>y</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return out


def ods_repeated_text(out: Path) -> Path:
    """An .ods under 2 KB: one 20,000-character cell repeated over 52 columns and 3,800
    rows (under the cell count's cap): python-calamine builds every copy (gigabytes)."""
    big = "A" * 20_000
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="填报表">'
        '<table:table-row table:number-rows-repeated="3800">'
        '<table:table-cell table:number-columns-repeated="52" office:value-type="string">'
        f"<text:p>{big}</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return out


FORM_XML = "xl/worksheets/sheet1.xml"  # the visible sheet 填报表
_AI_MODELS = rb'<c r="(F\d+)"([^>]*)><v>12</v></c>'


def run_limited(args: list[str], timeout: float = 60) -> tuple[int, str, float, float]:
    """(exit code, stdout + stderr, seconds, peak RSS in MB) of ``python -m jianyian``
    under an address-space limit, killed after ``timeout``."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jianyian", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, preexec_fn=limit,
    )  # fmt: skip
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, output, time.monotonic() - start, usage.ru_maxrss / 1024


@pytest.fixture
def good_form(make_project: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    root = make_project({})
    return root, make_form(root, tmp_path / "经信局-2025-08.xlsx")


@pytest.mark.slow
def test_a_far_cell_in_the_hidden_sheet_is_never_read(
    good_form: tuple[Path, Path], tmp_path: Path
) -> None:
    root, good = good_form
    bad = rewrite(good, tmp_path / "far-cell.xlsx", HIDDEN, far_cell)
    assert bad.stat().st_size < 3 * 1024 * 1024
    code, output, seconds, peak = run_limited(["import", str(bad), "--root", str(root)])
    assert code == 0 and "Traceback" not in output, output
    assert "已写入 data/reports/jxj/2025-08.yaml" in output, output
    assert seconds < 10, seconds
    assert peak < 300, peak


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    ["stuffed", "range", "column-range", "ods-bomb", "ods-repeated-text", "nan", "control-ref"],
)
def test_a_crafted_form_is_refused_cheaply_and_the_batch_goes_on(
    case: str, good_form: tuple[Path, Path], tmp_path: Path
) -> None:
    root, good = good_form
    bad = tmp_path / "bad" / f"{case}.xlsx"
    bad.parent.mkdir()
    if case == "stuffed":
        rewrite(good, bad, HIDDEN, stuffed)
    elif case == "range":
        rewrite(good, bad, HIDDEN, lambda d: d.replace(b"<t>F6</t>", b"<t>A1:XFD1048576</t>", 1))
    elif case == "column-range":
        rewrite(good, bad, HIDDEN, lambda d: d.replace(b"<t>F6</t>", b"<t>A:XFD</t>", 1))
    elif case == "nan":  # a number cell holding NaN: read only when the cell is asked for
        rewrite(
            good, bad, FORM_XML, lambda d: re.sub(_AI_MODELS, rb"<c r=\"\1\"\2><v>NaN</v></c>", d)
        )
    elif case == "control-ref":  # ESC as a character reference: XML 1.0 forbids it
        inline = rb'<c r="\1" t="inlineStr"><is><t>a&#27;b</t></is></c>'
        rewrite(good, bad, FORM_XML, lambda d: re.sub(_AI_MODELS, inline, d))
    elif case == "ods-repeated-text":
        bad = ods_repeated_text(bad.with_suffix(".ods"))
    else:
        bad = ods_bomb(bad.with_suffix(".ods"))
    assert bad.stat().st_size < 3 * 1024 * 1024
    code, output, seconds, peak = run_limited(["import", str(bad), str(good), "--root", str(root)])
    assert "Traceback" not in output and "panicked" not in output, output
    assert code == 1, output
    assert re.search(rf"{re.escape(bad.name)}[^\n]*: error: .*\[JY06[01]\]", output), output
    if case == "ods-repeated-text":  # refused by counting, before the reader builds a copy
        assert "单元格中的文字合计超过" in output, output
    # the other form of the batch is still imported
    assert "已写入 data/reports/jxj/2025-08.yaml" in output, output
    assert seconds < 10, seconds
    assert peak < 300, peak


def test_a_workbook_with_an_open_password_is_named_as_such(
    good_form: tuple[Path, Path], tmp_path: Path
) -> None:
    root, _good = good_form
    # What Excel saves for an .xlsx with an open password: an OLE compound file whose
    # directory holds the streams EncryptionInfo and EncryptedPackage.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0") + b"\x22\0\x02\x01"
    info = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\0") + b"\x1e\0\x02\x01"
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(header + (entry + b"\0" * 60 + info + b"\0" * 60) * 2 + b"\0" * 1024)
    r = runner.invoke(app, ["import", str(locked), "--root", str(root)])
    assert r.exit_code == 1, r.output
    assert f"{locked}: error: 表格设置了打开密码" in r.stderr and "[JY060]" in r.stderr
    assert "损坏" not in r.stderr
