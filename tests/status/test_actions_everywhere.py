"""Every output that tells the demo's actions tells the states ``status --json`` has
(issue 25, "Everywhere"): remind, the scorecard, the dashboard, the briefing and the
ledger, on 10 August 2025 (nothing overdue yet) and later days (the 30 September
deadlines passed). The form and import are checked in tests/forms/test_form_actions.py.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jianyian.jobs.result import JobResult
from jianyian.jobs.steps import load_progress
from jianyian.models import working_days_between
from jianyian.views.remind import build_reminders

from ..conftest import LATE_TODAY, build_demo, run

pytestmark = pytest.mark.slow

DAYS = ("2025-08-10", "2025-09-26", "2025-10-20")


@pytest.fixture(autouse=True)
def _after_the_demo(clock: date) -> None:
    """Today is after every date of the demo (the office's 销号 and 督办 dates among them), so
    the in-process commands and the views agree whatever day the suite runs."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


def status_actions(demo: Path, as_of: str) -> list[dict]:
    r = run("status", "--json", "--as-of", as_of, "--root", str(demo))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["actions"]


def progress_of(demo: Path, as_of: str):
    return load_progress(demo, date.fromisoformat(as_of), LATE_TODAY, JobResult())


@pytest.mark.parametrize("as_of", DAYS)
def test_remind_lists_each_units_overdue_and_near_actions(demo: Path, as_of: str) -> None:
    actions = status_actions(demo, as_of)
    project, progress = progress_of(demo, as_of)
    plan = project.checked_plan
    day = date.fromisoformat(as_of)
    within = 3
    reminders = {r.unit: r for r in build_reminders(plan, progress, within=within)}
    for unit in plan.units:
        led = [a for a in actions if unit.id in a["lead_units"]]
        late = [a["id"] for a in led if a["state"] == "逾期"]
        soon = [
            a["id"]
            for a in led
            if a["state"] not in ("已销号", "待确认", "逾期")
            and date.fromisoformat(a["due"]) >= day
            and working_days_between(plan.calendar, day, date.fromisoformat(a["due"]), limit=9)
            <= within
        ]
        r = reminders.get(unit.id)
        assert ([i.id for i in r.overdue_actions] if r else []) == late, unit.id
        assert ([i.id for i in r.upcoming_actions] if r else []) == soon, unit.id
        if late:
            assert r is not None and r.level == "red"
    if as_of == "2025-10-20":  # 市人才工作局 never reports: its actions are overdue all the same
        assert len(reminders["rcj"].overdue_actions) == 4
        assert "牵头单位尚未报送进展" in reminders["rcj"].plain_text()
    if as_of == "2025-08-10":
        assert not any(r.overdue_actions or r.upcoming_actions for r in reminders.values())
    if as_of == "2025-09-26":  # 30 September is three working days away (28 September 调休)
        assert len(reminders["jxj"].upcoming_actions) == 8


@pytest.mark.parametrize("as_of", DAYS)
def test_scorecard_counts_the_states_of_status_json(demo: Path, as_of: str) -> None:
    actions = status_actions(demo, as_of)
    r = run("scorecard", "--json", "--as-of", as_of, "--root", str(demo))
    assert r.exit_code == 0, r.output
    rows = {u["unit"]: u for u in json.loads(r.stdout)["units"]}
    leads = {u for a in actions for u in a["lead_units"]}
    for unit in leads:
        led = [a for a in actions if unit in a["lead_units"]]
        row = rows[unit]
        assert row["actions"] == len(led)
        assert row["actions_overdue"] == sum(a["state"] == "逾期" for a in led)
        assert row["actions_on_time"] == sum(a["done_on_time"] is True for a in led)
        assert row["actions_late"] == sum(a["done_on_time"] is False for a in led)
        done = sum(a["state"] in ("已销号", "待确认") for a in led)
        assert row["actions_on_time"] + row["actions_late"] == done
    if as_of == "2025-10-20":
        assert rows["rcj"]["actions_overdue"] == 4 and rows["rcj"]["actions_on_time"] == 0


@pytest.mark.parametrize("as_of", DAYS)
def test_ledger_rows_of_the_as_of_month_are_status_json(demo: Path, as_of: str) -> None:
    from jianyian.views.ledger import build_ledger

    actions = status_actions(demo, as_of)
    project, progress = progress_of(demo, as_of)
    ledger = build_ledger(
        project.checked_plan,
        project.reports,
        progress,
        project.unreadable_periods(),
        project.submitted,
        project.confirmations,
    )
    last = {r.action: r for r in ledger.actions if r.month == as_of[:7]}
    assert {k: (r.state, r.light) for k, r in last.items()} == {
        a["id"]: (a["state"], a["light"]) for a in actions
    }
    for a in actions:  # the month's word, when the lead units spoke that month
        if a["reported_month"] == as_of[:7]:
            assert (last[a["id"]].status, last[a["id"]].progress) == (a["status"], a["progress"])


@pytest.mark.parametrize(("month", "as_of"), [("2025-07", "2025-08-10"), ("2025-09", "2025-10-20")])
def test_briefing_tells_the_tasks_actions_of_status_json(
    demo: Path, month: str, as_of: str
) -> None:
    from jianyian.views.actions import ACTION_CHARS, short_phrase
    from jianyian.views.brief import build_brief

    r = run("status", "--json", "--as-of", as_of, "--root", str(demo))
    truth = json.loads(r.stdout)
    project, _ = progress_of(demo, as_of)
    brief = build_brief(
        project.checked_plan,
        project.reports,
        project.submitted,
        month,
        date.fromisoformat(as_of),
        confirmations=project.confirmations,
    )
    # The demo has no report after `month` by `as_of`: the briefing's data are status's.
    assert all(
        a["reported_month"] is None or a["reported_month"] <= month for a in truth["actions"]
    )
    by_task: dict[str, list[dict]] = {}
    for a in truth["actions"]:
        by_task.setdefault(a["task"], []).append(a)
    told_done = told_late = 0
    for task, block, text in zip(truth["tasks"], brief.tasks, brief.task_texts, strict=True):
        assert block.actions_text == task["progress_text"]
        late = [a for a in by_task.get(task["id"], []) if a["state"] == "逾期"]
        done = [a for a in by_task.get(task["id"], []) if a["done_month"] == month]
        done = [a for a in done if a["state"] in ("已销号", "待确认")]
        assert ("逾期事项" in text) == bool(late) and ("本月完成" in text) == bool(done)
        for a in late[:3] if len({x["days_overdue"] for x in late}) == 1 else []:
            assert short_phrase(a["text"], ACTION_CHARS) in text.split("本月完成")[0]
        for a in done[:3]:
            assert short_phrase(a["text"], ACTION_CHARS) in text.split("本月完成")[1]
        if late and done:
            assert text.index("逾期事项") < text.index("本月完成")
        told_done += len(done)
        told_late += len(late)
    assert told_done > 0
    assert (told_late > 0) == (month == "2025-09")
