"""``jianyian scorecard``: numbers re-derived by hand from the scenario of test_remind."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianyian.cli import app

from ..conftest import runner
from ..support.four_units import PLAN, REPORTS, document

AS_OF = "2025-07-02"


@pytest.fixture
def project(make_project) -> Path:
    return make_project(REPORTS, targets=PLAN)


def scorecard(root: Path, *args: str):
    return runner.invoke(app, ["scorecard", "--root", str(root), *args])


def test_numbers_by_hand(project: Path) -> None:
    result = scorecard(project, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert view["version"] == 1 and view["as_of"] == AS_OF
    units = {u["unit"]: u for u in view["units"]}
    day = date(2025, 7, 2)
    # Owed by 2 July: the handling plan (due 3 June, rolled from 31 May) and the May 信息
    # (due 5 June). The June 信息 (7 July) and the summary (4 July) are not due yet — b's
    # early June 信息 is not counted either.
    a, b, c, d = units["a"], units["b"], units["c"], units["d"]
    assert (a["owed"], a["on_time"], a["late"], a["overdue"], a["on_time_rate"]) == (2, 2, 0, 0, 1)
    # b: handling plan on 5 June, two days after 3 June; May 信息 on the due day.
    assert (b["owed"], b["on_time"], b["late"], b["late_days"]) == (2, 1, 1, 2)
    assert b["on_time_rate"] == 0.5
    # c: nothing at all: both overdue, 29 + 27 days.
    overdue_days = (day - date(2025, 6, 3)).days + (day - date(2025, 6, 5)).days
    assert (c["owed"], c["on_time"], c["overdue"], c["overdue_days"]) == (2, 0, 2, overdue_days)
    assert c["on_time_rate"] == 0
    # d: the handling plan on 3 June, the due day itself, is on time.
    assert (d["owed"], d["on_time"], d["on_time_rate"]) == (2, 2, 1)
    # Lights: i1 (a) 3/12 = 25% vs 5/12 → yellow; i2 (b + c) c silent → c 未报送, b not
    # judged on it; i3 (d) 5/10 = 50% ahead of 41.7% → green.
    assert a["lights"]["yellow"] == 1 and sum(a["lights"].values()) == 1
    assert sum(b["lights"].values()) == 0
    assert c["lights"]["missing"] == 1 and sum(c["lights"].values()) == 1
    assert d["lights"]["green"] == 1 and sum(d["lights"].values()) == 1
    # 信息: May owed by all; c sent none.
    assert [(u["info_sent"], u["info_owed"]) for u in (a, b, c, d)] == [(1, 1)] * 2 + [
        (0, 1),
        (1, 1),
    ]
    # Worst first: c (overdue), b (50%), then a before d (a yellow indicator).
    assert [u["unit"] for u in view["units"]] == ["c", "b", "a", "d"]


def test_a_file_due_today_and_not_in_is_not_yet_owed(make_project) -> None:
    reports = {**REPORTS, "a/summary.yaml": document("a", "summary", "2025-07-04")}
    root = make_project(reports, targets=PLAN)
    units = {
        u["unit"]: u
        for u in json.loads(scorecard(root, "--as-of", "2025-07-04", "--json").stdout)["units"]
    }
    assert units["a"]["owed"] == 3 and units["a"]["on_time"] == 3  # sent on its due day
    assert units["b"]["owed"] == 2  # b's summary is due today and not in: not owed yet
    units = {
        u["unit"]: u
        for u in json.loads(scorecard(root, "--as-of", "2025-07-05", "--json").stdout)["units"]
    }
    assert (units["b"]["owed"], units["b"]["overdue"], units["b"]["overdue_days"]) == (3, 1, 1)


def test_xlsx_and_markdown(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "考核.xlsx"
    assert scorecard(project, "--as-of", AS_OF, "-o", str(out)).exit_code == 0
    ws = load_workbook(out)["考核"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("单位", "单位标识", "应报事项")
    by_unit = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert [r[1] for r in rows[1:]] == ["c", "b", "a", "d"]
    assert by_unit["b"]["按时率"] == 0.5 and by_unit["c"]["逾期天数合计"] == 56
    assert ws.cell(3, 10).number_format == "0.0%" and ws.freeze_panes == "A2"
    # Prints landscape, one page wide, the header row on every page.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    first = out.read_bytes()
    again = scorecard(project, "--as-of", AS_OF, "-o", str(out))
    assert again.exit_code == 2 and "已存在" in again.output  # no overwrite without --force
    assert scorecard(project, "--as-of", AS_OF, "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() == first  # byte-identical

    md = tmp_path / "考核.md"
    assert scorecard(project, "--as-of", AS_OF, "-o", str(md)).exit_code == 0
    lines = md.read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("| ")]
    assert table[1].startswith("| 1 | 丙区人民政府 | 2 | 0 | 0 | 0 | 2 | 56 | 0 | 0.0% |")
    assert table[2].startswith("| 2 | 市乙局 | 2 | 1 | 1 | 2 | 0 | 0 | 0 | 50.0% |")


def test_text_cells_stay_text(make_project, tmp_path: Path) -> None:
    root = make_project(REPORTS, targets=PLAN.replace("name: 丙区人民政府", "name: '=1+1'"))
    out = tmp_path / "k.xlsx"
    assert scorecard(root, "--as-of", AS_OF, "-o", str(out)).exit_code == 0
    ws = load_workbook(out)["考核"]
    assert ws.cell(2, 1).value == "=1+1" and ws.cell(2, 1).data_type == "s"


def test_unknown_extension_is_a_usage_error(project: Path, tmp_path: Path) -> None:
    result = scorecard(project, "-o", str(tmp_path / "k.pdf"))
    assert result.exit_code == 2 and ".xlsx" in result.output
    assert not (tmp_path / "k.pdf").exists()


def test_terminal_table(project: Path) -> None:
    result = scorecard(project, "--as-of", AS_OF)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    c_line = next(line for line in lines if "丙区" in line)
    assert "2（56天）" in c_line and "0.0%" in c_line
