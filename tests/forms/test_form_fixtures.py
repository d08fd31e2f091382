"""One bad filled-in form per import code: tests/fixtures/forms/<CODE>-<what>/.

The form codes' counterpart of tests/fixtures/bad/ (validate's codes). Each case
folder holds ``case.json`` and ``expected.txt``:

    case.json     {"forms": [...], "args": [...]}: the files ``jianyian import`` is given,
                  in order, each built in a project of the real plan and one July report
                  of 市经信局; ``args`` are more options for ``import``;
                  ``tasks_without_actions`` names tasks whose ``actions:`` the plan
                  drops, so that their lead reports the task's state on the form
    expected.txt  "exit: N", then the exact diagnostic lines ``import`` prints

A form is made by ``jianyian form`` (``make``: its options) and filled like a liaison
would: every empty input cell gets a plain value, then ``fill`` (field → value;
``null`` leaves it empty) is written over them. Other ways to spoil a form:
``meta`` (hidden sheet and document properties changed alike), ``insert_row`` (a row
inserted above the given one), ``copy`` (another form's bytes), ``bytes`` (not a
workbook), ``plain`` (a blank workbook), ``absent`` (no file at all), ``expand`` (marker → [text,
times]: a marker ``fill`` wrote, repeated in the file's XML past what openpyxl writes). Lines of
``expected.txt`` starting with ``#`` are comments. Adding a case is adding a folder.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jianyian.diagnostics import CODES, FORM_CODES
from jianyian.models.form import FORM_SHEET, META_KEYS, META_SHEET, PROPERTY_PREFIX

from ..conftest import FIXTURES, run, targets_without_actions, write_project
from ..support.cases import read_expected

# The July report is dated 2025; today must lie after it (JY033).
pytestmark = pytest.mark.usefixtures("clock")

FORMS = FIXTURES / "forms"
CASES = sorted(p for p in FORMS.iterdir() if p.is_dir())
DIAGNOSTIC = re.compile(r"^\S+: (error|warning): .+ \[JY\d{3}\]$")

JXJ_JULY = """\
unit: jxj
month: 2025-07
submitted: 2025-08-03
indicators: {ai-models: 8, pilot-platforms: 12}
info: {title: 市经信局7月情况, body: 本月……}
"""


def field_cells(wb: Any) -> dict[str, str]:
    """field → input cell, from the form's hidden sheet."""
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "field")
    return {r[0]: r[1] for r in rows[start + 1 :] if r[0]}


def plain_value(field: str) -> Any:
    """What a liaison writes in a cell the case says nothing about."""
    if field.startswith("indicator:"):
        return 99
    return "推进中" if field.startswith(("task:", "action:")) else "文字"


def spoil(path: Path, spec: dict[str, Any]) -> None:
    """Fill the made form at ``path`` and spoil it as ``spec`` says."""
    wb = openpyxl.load_workbook(path)
    ws = wb[FORM_SHEET]
    cells = field_cells(wb)
    values = {f: plain_value(f) for f in cells if ws[cells[f]].value in (None, "")}
    for field, value in {**values, **spec.get("fill", {})}.items():
        ws[cells[field]].value = value
        if isinstance(value, str) and not value.startswith("="):
            ws[cells[field]].data_type = "s"  # what Excel does in a cell formatted as text
    for key, value in spec.get("meta", {}).items():
        wb[META_SHEET].cell(META_KEYS.index(key) + 1, 2).value = value
        for prop in wb.custom_doc_props:
            if prop.name == PROPERTY_PREFIX + key:
                prop.value = value
    if "insert_row" in spec:
        ws.protection.sheet = False
        ws.insert_rows(spec["insert_row"])
    wb.save(path)
    if "expand" in spec:
        expand(path, spec["expand"])


def expand(path: Path, spec: dict[str, list]) -> None:
    """Replace each marker (a text ``fill`` wrote) by ``text × times`` in the package's XML:
    what a crafted file holds and openpyxl would never write (it cuts a cell at 32767)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            for marker, (text, times) in spec.items():
                data = data.replace(marker.encode("utf-8"), text.encode("utf-8") * times)
            zout.writestr(info.filename, data)
    path.write_bytes(buf.getvalue())


def build_forms(case: Path, where: Path, root: Path) -> list[str]:
    """The files of the case in ``where``; their names, in order."""
    names = []
    for spec in json.loads((case / "case.json").read_text(encoding="utf-8"))["forms"]:
        path = where / spec["name"]
        names.append(spec["name"])
        if "make" in spec:
            made = run(
                "form", *spec["make"], "-o", str(path), "--as-of", "2025-08-20", "--root", str(root)
            )
            assert made.exit_code == 0, made.output
            spoil(path, spec)
        elif "copy" in spec:
            shutil.copyfile(where / spec["copy"], path)
        elif "bytes" in spec:
            path.write_bytes(spec["bytes"].encode("utf-8"))
        elif spec.get("plain"):
            openpyxl.Workbook().save(path)
        else:
            assert spec.get("absent"), spec
    return names


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_form(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, expected = read_expected(case)
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    plain = spec.get("tasks_without_actions")
    targets = targets_without_actions(*plain) if plain else None
    root = write_project(tmp_path / "proj", {"jxj/2025-07.yaml": JXJ_JULY}, targets)
    names = build_forms(case, tmp_path, root)
    args = spec.get("args", [])
    monkeypatch.chdir(tmp_path)  # the forms are named as the user typed them

    result = run("import", *names, *args, "--root", str(root))

    assert "Traceback" not in result.output
    produced = [line for line in result.stderr.splitlines() if DIAGNOSTIC.match(line)]
    assert produced == expected, result.output
    assert result.exit_code == exit_code, result.output
    # The case is about the code its folder names, and nothing failed is written.
    code = case.name.split("-", 1)[0]
    assert any(line.endswith(f"[{code}]") for line in expected), case.name
    if exit_code and len(names) == 1:
        assert not (root / "data/reports/jxj/2025-08.yaml").exists()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_form_expected_is_well_formed(case: Path) -> None:
    exit_code, expected = read_expected(case)
    assert exit_code in (0, 1)
    for line in expected:
        assert DIAGNOSTIC.match(line), line
        assert line.rsplit("[", 1)[1].rstrip("]") in CODES, line
    assert (exit_code == 1) == any(": error: " in line for line in expected)


def test_every_form_code_has_a_fixture() -> None:
    covered = {c.name.split("-", 1)[0] for c in CASES}
    assert covered == FORM_CODES, sorted(FORM_CODES ^ covered)
