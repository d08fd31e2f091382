"""The scorecard's action columns (issue 25): each unit's actions it leads, done by their
due date, done after it, and 逾期; computed by hand on the real plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianyian.cli import app

from ..conftest import runner
from ..support.samples import JXJ_ACTIONS_JULY

pytestmark = pytest.mark.usefixtures("clock")

# October: t1-1-1 (due 30 September) reported done a month late; t1-1-2 done since July
# (no word in August and September: the run of 已完成 goes on); t1-1-3 推进中.
JXJ_OCTOBER = (
    "unit: jxj\nmonth: 2025-10\ninfo: {title: 标题, body: 正文}\nsubmitted: 2025-11-03\n"
    "actions:\n"
    "  t1-1-1: {status: 已完成, progress: 印发场景应用计划}\n"
    "  t1-1-2: {status: 已完成, progress: 先导区获批}\n"
    "  t1-1-3: 推进中\n"
)


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({"jxj/2025-07.yaml": JXJ_ACTIONS_JULY, "jxj/2025-10.yaml": JXJ_OCTOBER})


def run(root: Path, *args: str):
    r = runner.invoke(app, [*args, "--root", str(root)])
    assert r.exit_code == 0, r.output
    return r


def test_actions_done_on_time_late_and_overdue_by_hand(project: Path, tmp_path: Path) -> None:
    card = json.loads(run(project, "scorecard", "--json", "--as-of", "2025-11-10").stdout)
    assert card["version"] == 1
    jxj = next(u for u in card["units"] if u["unit"] == "jxj")
    status = json.loads(run(project, "status", "--json", "--as-of", "2025-11-10").stdout)
    led = [a for a in status["actions"] if "jxj" in a["lead_units"]]
    by_id = {a["id"]: a for a in led}
    assert by_id["t1-1-1"]["done_on_time"] is False and by_id["t1-1-1"]["done_month"] == "2025-10"
    assert by_id["t1-1-2"]["done_on_time"] is True and by_id["t1-1-2"]["done_month"] == "2025-07"
    assert by_id["t1-1-3"]["done_on_time"] is None and by_id["t1-1-3"]["state"] == "逾期"
    # t1-1: one on time, one late; t1-1-3, 5, 6, 7 (due 30 September) overdue, silent or
    # not (t1-1-4, the 20 models, is due at the year's end).
    assert {k: jxj[k] for k in ("actions", "actions_on_time", "actions_late")} == {
        "actions": 19,
        "actions_on_time": 1,
        "actions_late": 1,
    }
    overdue = [a["id"] for a in led if a["state"] == "逾期"]
    assert {f"t1-1-{n}" for n in (3, 5, 6, 7)} <= set(overdue) and "t1-1-4" not in overdue
    assert jxj["actions_overdue"] == len(overdue)
    # Before 30 September nothing is overdue, and the sheet carries the columns.
    early = json.loads(run(project, "scorecard", "--json", "--as-of", "2025-08-10").stdout)
    jxj_early = next(u for u in early["units"] if u["unit"] == "jxj")
    assert jxj_early["actions_overdue"] == 0 and jxj_early["actions_on_time"] == 1
    out = tmp_path / "考核.xlsx"
    run(project, "scorecard", "-o", str(out), "--as-of", "2025-11-10")
    ws = load_workbook(out).active
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "jxj")
    assert row[headers.index("按期完成事项")] == 1 and row[headers.index("超期完成事项")] == 1
    assert row[headers.index("逾期事项")] == len(overdue)
    terminal = run(project, "scorecard", "--as-of", "2025-11-10").stdout
    assert f"1/{len(overdue)}" in terminal
