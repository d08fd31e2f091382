"""``import --force`` racing ``set`` on one report: no update is lost (issue 30, item 2).

Real ``python -m jianyian`` processes, as the ``set`` race test runs them. Whichever goes
first, the other sees its change: ``set`` after the import leaves 301 in the file; the
import after ``set`` names 301 in its change list (301 → 12) before replacing it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from jianyian.cli import app
from jianyian.models.form import FORM_SHEET, META_SHEET

from ..conftest import runner

JXJ_AUGUST = """\
unit: jxj
month: 2025-08
submitted: 2025-09-03
indicators:
  ai-models: 5
  pilot-platforms: 12
info:
  title: 市经信局8月情况
  body: |
    本月……
"""
REL = "data/reports/jxj/2025-08.yaml"
JY = [sys.executable, "-m", "jianyian"]
ROUNDS = 8
#: Seconds between starting the import and starting set: spread over the import's run.
DELAYS = (0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05)


def fill_form(root: Path, out: Path) -> Path:
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
    for field, cell in cells.items():
        if field.startswith("indicator:"):
            wb[FORM_SHEET][cell].value = 12 if field == "indicator:ai-models" else 20
    wb[FORM_SHEET][cells["text:info.title"]].value = "市经信局8月情况"
    wb[FORM_SHEET][cells["text:info.body"]].value = "本月……"
    wb.save(out)
    return out


def ai_models(root: Path) -> str:
    text = (root / REL).read_text(encoding="utf-8")
    found = re.search(r"^  ai-models: \{?(?:value: )?([0-9]+)", text, re.M)
    assert found, text
    return found.group(1)


@pytest.mark.slow
def test_import_force_racing_set_loses_nothing(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project({"jxj/2025-08.yaml": JXJ_AUGUST})
    form = fill_form(root, tmp_path / "经信局-2025-08.xlsx")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for n in range(ROUNDS):
        (root / REL).write_text(JXJ_AUGUST, encoding="utf-8")
        imp = subprocess.Popen(
            [*JY, "import", str(form), "--force", "--root", str(root)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        time.sleep(DELAYS[n % len(DELAYS)])  # set lands at different points of the import
        st = subprocess.Popen(
            [*JY, "set", "--unit", "jxj", "--month", "2025-08", "ai-models=301",
             "--root", str(root)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        imp_out, imp_err = (b.decode("utf-8") for b in imp.communicate(timeout=120))
        set_out, set_err = (b.decode("utf-8") for b in st.communicate(timeout=120))
        assert st.returncode == 0 and "已更新" in set_out, (set_out, set_err)
        assert imp.returncode == 0 and "已更新" in imp_out, (imp_out, imp_err)
        final = ai_models(root)
        if final != "301":  # the import went last: it must have seen 301 and said so
            assert final == "12"
            assert "：301 → 12" in imp_out, f"round {n}: lost update\n{imp_out}"
