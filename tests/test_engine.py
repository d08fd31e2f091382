"""The progress engine, against hand-computed expectations on the real plan.

Real plan period: 2025-05-01 … 2025-12-31 = 245 days. 序时进度 on 2025-07-31 is
92/245 = 0.37551; monthly reports are due on the 5th of the following month.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianyian.checks import check_project
from jianyian.engine import (
    compute_progress,
    expected_progress_plain,
    month_due,
    month_end,
    monthly_snapshots,
)
from jianyian.load import LoadedReport, Source, load_plan, load_project, load_with_history
from jianyian.load.gitlog import first_added
from jianyian.models import MonthlyReport

from .conftest import REPO, git_commit, git_init

REAL_PLAN_ROOT = REPO

INFO = "info: {title: 标题, body: 正文}\n"


def monthly(unit: str, month: str, indicators: str = "", extra: str = "") -> str:
    text = f"unit: {unit}\nmonth: {month}\n"
    if indicators:
        text += f"indicators: {{{indicators}}}\n"
    return text + INFO + extra


def progress(root: Path, as_of: str, submitted: dict[str, date] | None = None):
    project = check_project(load_project(root))
    assert project.plan is not None
    dates = submitted if submitted is not None else {}
    return project, compute_progress(
        project.plan,
        project.reports,
        dates,
        date.fromisoformat(as_of),
        project.unreadable_periods(),
    )


def test_expected_progress_is_elapsed_share_of_the_period(make_project):
    _, p = progress(make_project(), "2025-07-31")
    assert p.expected == pytest.approx(92 / 245)
    assert expected_progress_plain(load_project(make_project()).plan, date(2025, 4, 1)) == 0
    assert expected_progress_plain(load_project(make_project()).plan, date(2026, 1, 1)) == 1


def test_two_reporters_are_summed(make_project):
    root = make_project(
        {
            "jiangan/2025-06.yaml": monthly("jiangan", "2025-06", "innovation-space: 10"),
            "hongshan/2025-06.yaml": monthly("hongshan", "2025-06", "innovation-space: 5.5"),
        }
    )
    _, p = progress(root, "2025-07-31")
    ind = p.indicator("innovation-space")
    assert ind.value == pytest.approx(15.5)
    assert ind.completion == pytest.approx(0.155)
    assert dict(ind.contributions) == {"jiangan": 10, "hongshan": 5.5}
    # 16 other districts and zones were due and sent nothing
    assert len(ind.missing) == 16 and "wuchang" in ind.missing


def test_value_over_target_is_done_and_uncapped(make_project):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 25")})
    _, p = progress(root, "2025-07-31")
    ind = p.indicator("ai-models")
    assert ind.completion == pytest.approx(1.25)
    assert ind.light == "done"
    task = next(t for t in p.tasks if t.id == "t1-1")
    assert task.completion == pytest.approx(1.0)  # capped in the task mean


def test_latest_month_wins_even_when_lower(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 8"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 6"),
        }
    )
    project, p = progress(root, "2025-07-31")
    assert p.indicator("ai-models").value == 6
    assert p.indicator("ai-models").latest_month == "2025-07"
    assert [d.code for d in project.diagnostics if d.code == "JY028"] == ["JY028"]


def test_months_after_as_of_do_not_count(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 4"),
            "jxj/2025-08.yaml": monthly("jxj", "2025-08", "ai-models: 9"),
        }
    )
    _, p = progress(root, "2025-07-31")
    assert p.indicator("ai-models").value == 4


@pytest.mark.parametrize(
    ("value", "light"),
    [
        (6, "green"),  # 30% vs 37.55%: 7.55 points behind
        (4, "yellow"),  # 20%: 17.55 points behind
        (1, "red"),  # 5%: 32.55 points behind
        (20, "done"),
    ],
)
def test_lights_from_gap_to_expected_progress(make_project, value, light):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", f"ai-models: {value}")})
    _, p = progress(root, "2025-07-31")
    ind = p.indicator("ai-models")
    assert ind.light == light
    if light != "done":
        assert ind.gap == pytest.approx((92 / 245 - value / 20) * 100)


def test_no_report_when_one_was_due_is_red(make_project):
    _, p = progress(make_project(), "2025-07-10")
    ind = p.indicator("ai-models")
    assert ind.value is None and ind.light == "red" and ind.missing == ("jxj",)


def test_before_any_deadline_everything_is_grey_or_not_due(make_project):
    _, p = progress(make_project(), "2025-05-20")
    assert {i.light for i in p.indicators} == {"grey"}
    assert {d.state for d in p.deliverables} == {"not_due"}
    assert p.current_month is None
    assert p.overdue == []


def test_overdue_counts_days_after_the_due_date(make_project):
    _, p = progress(make_project(), "2025-06-05")
    # handling plans were due 2025-05-31: 5 days overdue; June 5 is still on time for May
    plans = [d for d in p.overdue if d.deliverable == "handling-plan"]
    assert len(plans) == 40 and {d.days for d in plans} == {5}
    assert not [d for d in p.overdue if d.deliverable == "info"]
    _, p = progress(make_project(), "2025-06-06")
    may = [d for d in p.overdue if d.deliverable == "info"]
    assert len(may) == 40 and {(d.period, d.days) for d in may} == {("2025-05", 1)}


def test_due_dates_at_month_ends_and_leap_years():
    assert month_due("2025-12", 5) == date(2026, 1, 5)
    assert month_end("2024-02") == date(2024, 2, 29)
    assert month_end("2025-02") == date(2025, 2, 28)
    assert month_end("2025-12") == date(2025, 12, 31)


LEAP_PLAN = """\
version: 1
plan: {id: leap, title: 测试方案, proposal: 测试, notice: 测试通知, issuer: 测试办, issued: 2024-01-01,
       start: 2024-01-01, end: 2024-12-31, leading_group: 领导小组, office: a}
units:
  - {id: a, name: 甲单位}
goals: {text: 目标, indicators: []}
tasks:
  - {id: t1, number: "1", section: 一, title: 任务, text: 原文, lead: [a],
     indicators: [{id: x, name: 指标, target: 10, measure: 个}]}
deliverables:
  - {id: leap-day, name: 闰日报告, kind: once, owed_by: [a], due: 2024-02-29}
"""


def test_a_leap_day_deadline(make_project):
    root = make_project({}, targets=LEAP_PLAN)
    _, p = progress(root, "2024-02-29")
    assert [d.state for d in p.deliverables] == ["not_due"]
    _, p = progress(root, "2024-03-01")
    assert [(d.state, d.days) for d in p.deliverables] == [("overdue", 1)]


def test_qualitative_task_shows_lead_units_status(make_project):
    root = make_project(
        {
            "fgw/2025-06.yaml": monthly("fgw", "2025-06", extra="tasks: {t2-3: 未启动}\n"),
            "fgw/2025-07.yaml": monthly(
                "fgw", "2025-07", extra="tasks: {t2-3: {status: 推进中, note: 已召开专题会}}\n"
            ),
        }
    )
    _, p = progress(root, "2025-07-31")
    task = next(t for t in p.tasks if t.id == "t2-3")
    assert (task.status, task.status_note, task.light) == ("推进中", "已召开专题会", "green")
    _, p = progress(root, "2025-06-30")
    task = next(t for t in p.tasks if t.id == "t2-3")
    assert (task.status, task.light) == ("未启动", "yellow")


def test_total_is_the_sum_of_its_parts(make_project):
    root = make_project(
        {"fgw/2025-07.yaml": monthly("fgw", "2025-07", "optoelectronics: 8000, health: 6000")}
    )
    _, p = progress(root, "2025-07-31")
    total = p.indicator("industries-total")
    assert total.value == 14000
    assert total.completion == pytest.approx(0.7)
    assert total.partial  # three industries still unknown


def test_streak_counts_months_in_yellow_or_red(make_project):
    root = make_project(
        {
            # June 30: expected 61/245 = 24.9%; 1/20 = 5% → red. July 31: 37.6% vs 20% → yellow.
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 1"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 4"),
        }
    )
    _, p = progress(root, "2025-07-31")
    # May (nothing due yet: grey) breaks the run; June red, July yellow → 2
    assert p.indicator("ai-models").streak == 2


def test_task_completion_is_the_mean_of_capped_indicators(make_project):
    root = make_project(
        {"sjj/2025-07.yaml": monthly("sjj", "2025-07", "digital-lines: 50, smart-workshops: 40")}
    )
    _, p = progress(root, "2025-07-31")
    task = next(t for t in p.tasks if t.id == "t3-3")
    # 50/100 = 0.5; 40/20 = 2.0 capped to 1.0; smart-factories missing while due = 0
    assert task.completion == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert task.light == "red"


def test_submitted_field_wins_and_late_days(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", extra="submitted: 2025-07-08\n"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07"),
        }
    )
    _, p = progress(root, "2025-08-31", {"data/reports/jxj/2025-07.yaml": date(2025, 8, 5)})
    states = {
        d.period: (d.state, d.days, d.submitted)
        for d in p.deliverables
        if d.unit == "jxj" and d.deliverable == "info"
    }
    assert states["2025-06"] == ("late", 3, date(2025, 7, 8))
    assert states["2025-07"] == ("on_time", 0, date(2025, 8, 5))
    assert states["2025-05"][0] == "overdue"
    assert states["2025-08"][0] == "not_due"


def test_a_report_committed_late_according_to_git(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07"),
        }
    )
    git_init(root)
    git_commit(root, ["data/targets.yaml"], "plan", date="2025-05-05T09:00:00+08:00")
    git_commit(root, ["data/reports/jxj/2025-06.yaml"], "June", date="2025-07-04T18:00:00+08:00")
    # committed at 23:30 Beijing time on Aug 8 (15:30 UTC): counts as Aug 8, 3 days late
    git_commit(root, ["data/reports/jxj/2025-07.yaml"], "July", date="2025-08-08T23:30:00+08:00")
    (root / "data/reports/jxj/2025-08.yaml").write_text(
        monthly("jxj", "2025-08"), encoding="utf-8"
    )  # not committed: counts as submitted today
    assert first_added(root) == {
        "data/reports/jxj/2025-06.yaml": date(2025, 7, 4),
        "data/reports/jxj/2025-07.yaml": date(2025, 8, 8),
    }
    dates = load_with_history(root, date(2025, 9, 20)).submitted
    assert dates["data/reports/jxj/2025-08.yaml"] == date(2025, 9, 20)
    _, p = progress(root, "2025-09-30", dates)
    info = {d.period: d for d in p.deliverables if d.unit == "jxj" and d.deliverable == "info"}
    assert (info["2025-06"].state, info["2025-06"].days) == ("on_time", 0)
    assert (info["2025-07"].state, info["2025-07"].days) == ("late", 3)
    assert (info["2025-08"].state, info["2025-08"].days) == ("late", 15)


def test_outside_git_nothing_is_known(tmp_path):
    assert first_added(tmp_path) == {}


def test_an_unreadable_report_is_marked_not_missing(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": "unit: jxj\nmonth: 2025-06\nindicators: {ai-models: 8500亿}\n"
            + INFO,
        }
    )
    project, p = progress(root, "2025-07-31")
    assert project.unreadable == ["data/reports/jxj/2025-06.yaml"]
    june = next(
        d for d in p.deliverables if (d.unit, d.deliverable, d.period) == ("jxj", "info", "2025-06")
    )
    assert june.state == "invalid"
    assert p.indicator("ai-models").partial


# ---------------------------------------------------------------- properties

_PLAN = load_plan(REAL_PLAN_ROOT)[0]
_BY_UNIT = {
    unit: sorted(i for i, units in _PLAN.reporters.items() if unit in units)
    for unit in {u for units in _PLAN.reporters.values() for u in units}
}
_REPORTERS = sorted(_BY_UNIT)
_MONTHS = [*_PLAN.months, "2026-01", "2026-02"]


@st.composite
def _reports(draw):
    """Monthly reports of the real plan's reporters, some twice under another name."""
    out = []
    for unit in draw(st.lists(st.sampled_from(_REPORTERS), max_size=6, unique=True)):
        # Months after the plan too: validate flags them, the engine must still not count
        # them for the plan's last month.
        for month in draw(st.lists(st.sampled_from(_MONTHS), max_size=8, unique=True)):
            values = {
                ind: draw(st.floats(0, 30000, allow_nan=False))
                for ind in draw(st.lists(st.sampled_from(_BY_UNIT[unit]), unique=True))
            }
            report = MonthlyReport.model_validate(
                {
                    "unit": unit,
                    "month": month,
                    "indicators": values,
                    "info": {"title": "t", "body": "b"},
                }
            )
            for suffix in draw(st.sampled_from([("yaml",), ("yaml", "yml"), ("yml", "yaml")])):
                path = f"data/reports/{unit}/{month}.{suffix}"
                out.append(LoadedReport(Source(path, ""), report, unit, month))
    return out


@settings(max_examples=150, deadline=None)
@given(
    reports=_reports(),
    as_of=st.dates(date(2025, 4, 1), date(2026, 3, 31)),
    late=st.integers(0, 40),
)
def test_streaks_standings_and_files_agree_with_plain_definitions(reports, as_of, late):
    submitted = {r.path: month_end(r.period) + timedelta(days=late) for r in reports}
    p = compute_progress(_PLAN, reports, submitted, as_of)

    # Streak: months in a row, ending with the last snapshot, in yellow or red.
    history = list(monthly_snapshots(_PLAN, reports, as_of).values())
    for ind in p.indicators:
        run = 0
        for snapshot in reversed(history):
            if snapshot[ind.id].light not in ("yellow", "red"):
                break
            run += 1
        assert ind.streak == run, ind.id

    # A unit's standing counts its deliverables by state.
    for unit in p.units:
        mine = [d for d in p.deliverables if d.unit == unit.id]
        assert unit.on_time == sum(d.state == "on_time" for d in mine)
        assert unit.late == sum(d.state == "late" for d in mine)
        assert unit.overdue == sum(d.state == "overdue" for d in mine)
        assert unit.not_due == sum(d.state == "not_due" for d in mine)
        assert unit.received == unit.on_time + unit.late
        days = [d.days for d in mine if d.state == "overdue"]
        assert unit.max_days_overdue == max(days, default=0)

    # Two files for one (unit, month): the first by path counts.
    first: dict[tuple[str, str], str] = {}
    for r in sorted(reports, key=lambda r: r.path):
        first.setdefault((r.unit, r.period), r.path)
    for d in p.deliverables:
        if d.state in ("on_time", "late"):
            assert d.path == first[(d.unit, d.period)]
            assert d.days == max((submitted[d.path] - d.due).days, 0)
