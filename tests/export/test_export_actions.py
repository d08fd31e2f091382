"""The 事项台账 sheet of ``export`` (issue 25): action × month, the month's word and the
month-end state, by hand on the real plan."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianyian.cli import app

from ..conftest import runner
from ..support.samples import JXJ_ACTIONS_JULY

pytestmark = pytest.mark.usefixtures("clock")

JXJ_AUGUST = (
    "unit: jxj\nmonth: 2025-08\ninfo: {title: 标题, body: 正文}\nsubmitted: 2025-09-03\n"
    "actions:\n"
    '  t1-1-1: {status: 已完成, progress: "=HYPERLINK(\\"x\\")"}\n'
)


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({"jxj/2025-07.yaml": JXJ_ACTIONS_JULY, "jxj/2025-08.yaml": JXJ_AUGUST})


def run(root: Path, *args: str):
    r = runner.invoke(app, [*args, "--root", str(root)])
    assert r.exit_code == 0, r.output
    return r


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_action_by_month_by_hand(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    r = run(project, "export", "-o", str(out), "--as-of", "2025-09-10")
    assert "事项台账 290 行" in r.stdout  # 58 actions × the plan's months May–September
    rows = rows_of(tmp_path / "台账-actions.csv")
    assert len(rows) == 58 * 5
    t112 = {row["月份"]: row for row in rows if row["事项标识"] == "t1-1-2"}
    assert list(t112) == ["2025-05", "2025-06", "2025-07", "2025-08", "2025-09"]
    july = t112["2025-07"]
    assert (july["当月报送状态"], july["报送单位"]) == ("已完成", "市经信局")
    assert july["当月进展情况"] == "先导区获批（国函〔2025〕68号）"
    assert july["牵头单位"] == "市经信局" and july["完成时限"] == "2025-09-30"
    # On 31 July the July report (arrived 4 August) was not in: nothing said yet.
    assert july["状态（截至当月末）"] == "未报送"
    # On 31 August it was: 待确认; August's own word is silent on t1-1-2.
    assert t112["2025-08"]["状态（截至当月末）"] == "待确认"
    assert t112["2025-08"]["当月报送状态"] == ""
    # Report text stays text in the CSV (a formula is quoted by the renderer).
    t111 = {row["月份"]: row for row in rows if row["事项标识"] == "t1-1-1"}
    assert t111["2025-08"]["当月报送状态"] == "已完成"
    assert "HYPERLINK" in t111["2025-08"]["当月进展情况"]
    assert not t111["2025-08"]["当月进展情况"].startswith("=")
    # The as-of month's rows are status's.
    status = json.loads(run(project, "status", "--json", "--as-of", "2025-09-10").stdout)
    last = {row["事项标识"]: row["状态（截至当月末）"] for row in rows if row["月份"] == "2025-09"}
    assert last == {a["id"]: a["state"] for a in status["actions"]}


def test_xlsx_has_the_sheet(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    run(project, "export", "-o", str(out), "--as-of", "2025-09-10")
    wb = load_workbook(out)
    ws = wb["事项台账"]
    headers = [c.value for c in ws[1]]
    assert headers[:6] == ["事项标识", "任务", "事项", "牵头单位", "完成时限", "月份"]
    assert ws.max_row == 58 * 5 + 1
    cells = [c.value for c in ws[2]]
    assert cells[0] == "t1-1-1" and cells[1] == "（一）1"
    # A formula-looking progress is stored as text, never a formula.
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
