"""督办 items agree everywhere (issue 26): on several days of the demo's period,
``duban list --json``, ``status --json``'s ``duban[]``, the briefing, the dashboard,
remind and the scorecard say the same.

The demo holds the 15 July meeting's three decisions (DB-2025-001..003, opened on 16
July) and two items born of July problems (DB-2025-004, -005, opened on 6 August),
answered by reply files and in a monthly report, overdue, escalated, closed and
reopened on different days. The expected figures of each output are computed here
from the ``duban[]`` records status gives, never from the engine's own counts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.engine import compute_progress
from jianyian.jobs import list_duban, show_status
from jianyian.jobs.remind import summary_line
from jianyian.load import load_with_history
from jianyian.load.templates import find_template, load_template_set
from jianyian.models import Project
from jianyian.models.months import month_of
from jianyian.render.dashboard_html import DashboardCharts, render_dashboard_html
from jianyian.render.markdown import render_template
from jianyian.views.brief import build_brief
from jianyian.views.dashboard import build_dashboard
from jianyian.views.remind import build_reminders
from jianyian.views.scorecard import build_scorecard, scorecard_json

from ..conftest import LATE_TODAY, REPO, build_demo

pytestmark = pytest.mark.slow

#: Before anything, the meeting's items open, due, overdue, escalated, closed, reopened, the end.
DAYS = [
    date(2025, 7, 15),
    date(2025, 7, 16),
    date(2025, 8, 10),
    date(2025, 8, 19),
    date(2025, 8, 29),
    date(2025, 8, 31),
    date(2025, 9, 5),
    date(2025, 9, 12),
    date(2025, 9, 30),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


@pytest.fixture(scope="module")
def project(root: Path) -> Project:
    return check_project(load_with_history(root, LATE_TODAY), today=LATE_TODAY)


def records(root: Path, day: date) -> list[dict]:
    """``status --json``'s ``duban[]``, after checking ``duban list --json`` gives the same."""
    status = json.loads(show_status(root, as_of=day, today=LATE_TODAY, as_json=True).text)
    listed = json.loads(list_duban(root, as_of=day, today=LATE_TODAY, as_json=True).text)
    assert status["version"] == 5 and listed["version"] == 1
    assert listed["duban"] == status["duban"], day
    states = Counter(r["state"] for r in status["duban"])
    summary = status["summary"]["duban"]
    assert {k: v for k, v in summary["states"].items() if v} == dict(states), day
    assert summary["total"] == len(status["duban"])
    return status["duban"]


def test_the_demo_has_what_the_issue_asks(root: Path) -> None:
    end = records(root, date(2025, 9, 30))
    assert [r["id"] for r in end] == [f"DB-2025-00{n}" for n in range(1, 6)]
    assert Counter(r["source"] for r in end) == {"会议": 3, "问题": 2}
    seen = {d: {r["id"]: r["state"] for r in records(root, d)} for d in DAYS}
    assert seen[date(2025, 7, 15)] == {}
    states = {s for day in seen.values() for s in day.values()}
    assert states == {"待反馈", "逾期未反馈", "已反馈待销号", "已销号", "重新督办"}
    closed = {r["id"]: r["closed"] for r in end if r["closed"]}
    assert len(set(closed.values())) == len(closed) >= 3  # closed on different days
    escalated = [r for r in end if r["escalation"]]
    assert {r["id"] for r in escalated} == {"DB-2025-002", "DB-2025-005"}


def _names(project: Project, units: list[str]) -> list[str]:
    return [project.checked_plan.unit_label(u) for u in units]


@pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
def test_every_output_agrees_with_status(root: Path, project: Project, day: date) -> None:
    items = records(root, day)
    plan = project.checked_plan
    month = month_of(day)
    overdue = [r for r in items if r["state"] == "逾期未反馈"]

    # The briefing of the day's month, as of the day.
    brief = build_brief(plan, project.reports, project.submitted, month, day, duban=project.duban)
    templates = load_template_set(find_template(REPO, None), REPO)
    text = render_template(templates, brief._asdict())
    if not items:
        assert "累计交办督办事项" not in text
    else:
        # 督办事项办理情况: the end of 一、总体情况's paragraph
        paragraph = re.search(r"(领导小组办公室累计交办督办事项.*)$", text.split("## 二")[0], re.M)
        assert paragraph, day
        said = paragraph.group(1)
        opened = sum(r["opened"][:7] == month for r in items)
        answered = sum((r["replied"] or "")[:7] == month for r in items)
        closed = sum((r["closed"] or "")[:7] == month for r in items)
        assert f"累计交办督办事项{len(items)}项" in said
        assert f"新交办{opened}项、收到牵头单位反馈{answered}项、销号{closed}项" in said
        if overdue:
            leads = dict.fromkeys(r["units"][0] for r in overdue)
            assert (
                f"逾期未反馈{len(overdue)}项，涉及{'、'.join(_names(project, list(leads)))}" in said
            )
        else:
            assert "无逾期未反馈事项" in said
        coordination = re.findall(r"督办事项(DB-\d{4}-\d{3})“", text)
        assert coordination == [r["id"] for r in overdue]
        for r in overdue:
            assert f"逾期{r['days_overdue']}天未反馈" in text

    progress = compute_progress(
        plan,
        project.reports,
        project.submitted,
        day,
        project.unreadable_periods(),
        confirmations=project.confirmations,
        duban=project.duban,
    )
    # The dashboard's 督办 tab.
    page = render_dashboard_html(
        build_dashboard(plan, progress, project.reports, project.submitted),
        DashboardCharts(None, {}),
    )
    tab = page[page.index('id="duban"') :]
    assert f"督办事项（{len(items)}项）" in tab
    rows = re.findall(r'<tr data-state="([^"]+)"><td>(DB-[0-9-]+)</td>', tab)
    assert sorted(rows, key=lambda t: t[1]) == [(r["state"], r["id"]) for r in items]
    for r in overdue:
        assert f"逾期未反馈（{r['days_overdue']}天）" in tab

    # remind: each unit's open items, and red when one of them is overdue.
    reminders = {x.unit: x for x in build_reminders(plan, progress)}
    for unit in plan.unit_by_id:
        mine = sorted(r["id"] for r in items if unit in r["units"] and r["state"] != "已销号")
        listed = sorted(line.split(" ", 1)[0] for line in getattr(reminders.get(unit), "duban", ()))
        waiting = any(
            unit in r["units"] and r["state"] in ("待反馈", "逾期未反馈", "重新督办") for r in items
        )
        if waiting:
            assert listed == mine, (day, unit)
        else:
            assert set(listed) <= set(mine), (day, unit)
        if any(unit in r["units"] for r in overdue):
            assert reminders[unit].level == "red", (day, unit)
        notice = reminders.get(unit)
        own = notice is not None and (
            notice.overdue or notice.overdue_actions or notice.indicators or notice.invalid
        )
        if notice is not None and not own and notice.duban and notice.level in ("red", "yellow"):
            # Its colour comes from the 督办 items: said so.
            assert "督办事项" in notice.level_text, (day, unit, notice.level_text)
        if notice is not None and notice.duban:  # the run's summary line counts them
            assert f"督办事项{len(notice.duban)}项" in summary_line(notice, "x"), (day, unit)

    # The scorecard: each lead unit's replies on time, late, and overdue.
    card = {u["unit"]: u for u in scorecard_json(build_scorecard(plan, progress))["units"]}
    leads = {r["units"][0] for r in items}
    for unit in leads:
        mine = [r for r in items if r["units"][0] == unit]
        due = {r["id"]: r["due"] for r in mine}
        expected = {
            "items": len(mine),
            "on_time": sum(r["replied"] is not None and r["replied"] <= due[r["id"]] for r in mine),
            "late": sum(r["replied"] is not None and r["replied"] > due[r["id"]] for r in mine),
            "overdue": sum(r["state"] == "逾期未反馈" for r in mine),
        }
        assert card[unit]["duban"] == expected, (day, unit)
