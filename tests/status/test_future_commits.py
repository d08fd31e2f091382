"""A report committed with the clock at 2100 (issue 30, item 4): its submission date is not
believed. It falls back to the next commit's day, status and the scorecard count it as
submitted on time, and every command that judges time warns (JY015)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from jianyian.cli import app
from jianyian.load.gitlog import submission_dates

from ..conftest import git_commit, git_init, runner

JULY = "data/reports/jxj/2025-07.yaml"
JXJ_JULY = """\
unit: jxj
month: 2025-07
indicators:
  ai-models: 8
info:
  title: 市经信局7月情况
  body: 本月……
"""


def project_with_a_future_commit(make_project: Callable[..., Path]) -> Path:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    (root / "notes.txt").write_text("x\n", encoding="utf-8")
    git_init(root)
    git_commit(root, ["data/targets.yaml"], "plan", date="2025-06-01T10:00:00+08:00")
    git_commit(root, [JULY], "july", date="@4102444800 +0800")  # 2100-01-01: a clock gone wrong
    git_commit(root, ["notes.txt"], "later", date="2025-08-04T10:00:00+08:00")
    return root


def test_a_future_commit_falls_back_to_the_next_sane_commit(make_project) -> None:
    root = project_with_a_future_commit(make_project)
    got = submission_dates(root, today=date(2025, 12, 31))
    assert got.dates[JULY].isoformat() == "2025-08-04"
    assert {p: (a.isoformat(), b.isoformat()) for p, (a, b) in got.suspect.items()} == {
        JULY: ("2100-01-01", "2025-08-04")
    }


def test_status_and_scorecard_do_not_count_it_overdue(make_project, clock: date) -> None:
    root = project_with_a_future_commit(make_project)
    r = runner.invoke(app, ["status", "--as-of", "2025-08-20", "--root", str(root)])
    assert r.exit_code == 0, r.output
    assert "JY015" in r.stderr and "2100-01-01" in r.stderr and "2025-08-04" in r.stderr
    assert "2025年7月信息：应报 40 · 已报 1（按时 1，迟报 0）" in r.stdout
    r = runner.invoke(app, ["scorecard", "--as-of", "2025-08-20", "--json", "--root", str(root)])
    assert r.exit_code == 0, r.output
    units = {u["unit"]: u for u in json.loads(r.stdout)["units"]}
    # Its July report counts as sent on time (4 August), not 逾期 since 5 August.
    assert (units["jxj"]["on_time"], units["jxj"]["info_sent"]) == (1, 1), units["jxj"]
    assert units["jxj"]["overdue"] == units["kjj"]["overdue"] - 1
