"""The progress engine, against hand-computed expectations (DESIGN: how the numbers are computed).

The real plan: 2025 targets, values are 1–N月累计 judged against N/12 of the month of
the data; monthly reports are due on the 5th of the next month, rolled past weekends
and holidays (7月5日 2025 is a Saturday → 7月7日; 10月5日 is in the National Day
holiday → 10月9日); lights: green < 10 points behind ≤ yellow ≤ 30 < red; three
yellow months in a row turn red.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianyian.checks import check_project
from jianyian.engine import compute_progress, deliverable_dues, indicator_history, monthly_due
from jianyian.load import LoadedReport, Source, load_plan, load_project, load_with_history
from jianyian.load.gitlog import first_added
from jianyian.models import MonthlyReport
from jianyian.models.months import month_due, month_end

from ..conftest import INFO, REPO, git_commit, git_init, monthly, targets_without_actions

REAL_PLAN_ROOT = REPO


def progress(
    root: Path, as_of: str, submitted: dict[str, date] | None = None, upto: str | None = None
):
    project = check_project(load_project(root))
    assert project.plan is not None
    dates = submitted if submitted is not None else {}
    return project, compute_progress(
        project.plan,
        project.reports,
        dates,
        date.fromisoformat(as_of),
        project.unreadable_periods(),
        upto=upto,
    )


def on(path: str, day: str) -> dict[str, date]:
    """A submission date for one report (the others count from the as-of day)."""
    return {f"data/reports/{path}": date.fromisoformat(day)}


def test_headline_expected_is_the_rows_one(make_project):
    # No value yet: no 序时进度 to state.
    _, p = progress(make_project(), "2025-07-31")
    assert p.current_month == "2025-06" and p.expected is None
    # The rows are judged against their data month's N/12; the headline states the latest.
    root = make_project(
        {
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 12"),
            "kjj/2025-06.yaml": monthly("kjj", "2025-06", "tech-managers: 500"),
        }
    )
    _, p = progress(root, "2025-08-20")
    assert (p.expected_month, p.expected) == ("2025-07", pytest.approx(7 / 12))
    assert [(m, n) for m, _, n in p.summary.expected_groups] == [("2025-07", 1), ("2025-06", 1)]
    # A briefing for June states June's: the rows it shows are judged on data up to June.
    _, p = progress(root, "2025-08-20", upto="2025-06")
    assert (p.expected_month, p.expected) == ("2025-06", pytest.approx(6 / 12))


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
    # 16 other districts and zones were due and sent nothing: the sum cannot be judged
    assert len(ind.missing) == 16 and "wuchang" in ind.missing
    assert ind.light == "missing"


def test_value_over_target_is_done_and_uncapped(make_project):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 25")})
    _, p = progress(root, "2025-07-31")
    ind = p.indicator("ai-models")
    assert ind.completion == pytest.approx(1.25)
    assert ind.light == "done"
    task = next(t for t in p.tasks if t.id == "t1-1")
    assert task.completion == pytest.approx(1.0)  # capped in the task mean


def test_latest_month_wins_when_lower_with_a_note(make_project):
    """A correction explained by its note counts (JY028 warning); an unexplained fall is a
    month's increment typed as the total (JY028 error): that file is set aside."""
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 8"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: {value: 6, note: 数据修正}"),
        }
    )
    project, p = progress(root, "2025-07-31")
    assert p.indicator("ai-models").value == 6
    assert p.indicator("ai-models").latest_month == "2025-07"
    assert [(d.code, d.severity) for d in project.diagnostics if d.code == "JY028"] == [
        ("JY028", "warning")
    ]


def test_an_unexplained_fall_is_set_aside(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 8"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 6"),
        }
    )
    project, p = progress(root, "2025-07-31")
    assert p.indicator("ai-models").value == 8
    assert p.indicator("ai-models").latest_month == "2025-06"
    assert project.unreadable == ["data/reports/jxj/2025-07.yaml"]
    assert [(d.code, d.severity) for d in project.diagnostics if d.code == "JY028"] == [
        ("JY028", "error")
    ]


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
        (10, "green"),  # 50% vs 58.33%: 8.33 points behind
        (9.667, "yellow"),  # 48.33%: 10.0 points — yellow from exactly 10
        (5.667, "yellow"),  # 28.33%: 30.0 points — yellow up to 30 inclusive
        (5.6, "red"),  # 28%: 30.33 points behind
        (20, "done"),
    ],
)
def test_lights_from_gap_to_expected_progress(make_project, value, light):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", f"ai-models: {value}")})
    _, p = progress(root, "2025-08-10")
    ind = p.indicator("ai-models")
    assert ind.light == light
    if light != "done":
        assert ind.gap == pytest.approx((7 / 12 - value / 20) * 100, abs=0.01)


def test_no_report_when_one_was_due_is_missing_not_red(make_project):
    _, p = progress(make_project(), "2025-07-10")
    ind = p.indicator("ai-models")
    assert ind.value is None and ind.light == "missing" and ind.missing == ("jxj",)
    assert p.summary.missing == 21 and p.summary.lights["red"] == 0


def test_before_any_deadline_everything_is_grey_or_not_due(make_project):
    _, p = progress(make_project(), "2025-05-20")
    assert {i.light for i in p.indicators} == {"grey"}
    assert {d.state for d in p.deliverables} == {"not_due"}
    assert p.current_month is None
    assert p.overdue == []


def test_overdue_counts_days_after_the_due_date(make_project):
    _, p = progress(make_project(), "2025-06-05")
    # handling plans: 31 May rolled past 端午 to 3 June, 2 days overdue; June 5 is on time for May
    plans = [d for d in p.overdue if d.deliverable == "handling-plan"]
    assert len(plans) == 40 and {d.days for d in plans} == {2}
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
    # 2024-02-29 is a Thursday; the plan has no calendar, so only weekends roll.
    _, p = progress(root, "2024-02-29")
    assert [d.state for d in p.deliverables] == ["not_due"]
    _, p = progress(root, "2024-03-01")
    assert [(d.state, d.days) for d in p.deliverables] == [("overdue", 1)]


def test_qualitative_task_shows_lead_units_status(make_project):
    # A task with neither indicators nor actions is tracked by its lead unit's `tasks:` status.
    root = make_project(
        {
            "fgw/2025-06.yaml": monthly("fgw", "2025-06", extra="tasks: {t2-3: 未启动}\n"),
            "fgw/2025-07.yaml": monthly(
                "fgw", "2025-07", extra="tasks: {t2-3: {status: 推进中, note: 已召开专题会}}\n"
            ),
        },
        targets=targets_without_actions("t2-3"),
    )
    _, p = progress(root, "2025-07-31")
    task = next(t for t in p.tasks if t.id == "t2-3")
    assert (task.status, task.status_note, task.light) == ("推进中", "已召开专题会", "green")
    _, p = progress(root, "2025-06-30", upto="2025-06")
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
            # June 30: June data 50% vs 1/20 = 5% → red. July (at as-of): 58.3% vs 40% → yellow.
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 1"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 8"),
        }
    )
    _, p = progress(root, "2025-07-31", on("jxj/2025-06.yaml", "2025-06-30"), upto="2025-07")
    # May (nothing due yet: grey) breaks the run; June red, July yellow → 2
    assert p.indicator("ai-models").streak == 2


def test_task_completion_is_the_mean_of_capped_indicators(make_project):
    root = make_project(
        {"sjj/2025-07.yaml": monthly("sjj", "2025-07", "digital-lines: 50, smart-workshops: 40")}
    )
    _, p = progress(root, "2025-07-31")
    task = next(t for t in p.tasks if t.id == "t3-3")
    # 50/100 = 0.5; 40/20 = 2.0 capped to 1.0; smart-factories not reported: left out
    assert task.completion == pytest.approx((0.5 + 1.0) / 2)
    assert task.light == "missing"


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
    assert states["2025-06"] == ("late", 1, date(2025, 7, 8))  # due 7 July (rolled over)
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
    # (due 5 August, a Tuesday)
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


def test_a_july_value_is_judged_against_seven_twelfths(make_project):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 10")})
    _, p = progress(root, "2025-08-10")
    ind = p.indicator("ai-models")
    assert ind.data_month == "2025-07"
    assert ind.expected == pytest.approx(7 / 12)  # 58.3%
    assert ind.completion == pytest.approx(0.5)
    assert ind.gap == pytest.approx((7 / 12 - 0.5) * 100)  # 8.33 points: green
    assert ind.light == "green"


def test_a_june_data_reporter_is_judged_against_six_twelfths(make_project):
    # On 31 July the July report has not arrived: the June value stands, against 6/12.
    root = make_project({"jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 8")})
    _, p = progress(root, "2025-07-31")
    ind = p.indicator("ai-models")
    assert (ind.data_month, ind.expected) == ("2025-06", pytest.approx(0.5))
    assert ind.gap == pytest.approx(10.0)  # 50% − 40%: exactly 10 points is yellow
    assert ind.light == "yellow"


def test_a_sum_with_a_stale_reporter_takes_the_earliest_month(make_project):
    reports = {}
    districts = ["jiangan", "jianghan", "qiaokou", "hanyang", "wuchang", "qingshan", "hongshan",
                 "dongxihu", "hannan", "caidian", "jiangxia", "huangpi", "xinzhou", "dhgxq",
                 "wjkq", "lkgq", "cjxq", "fjq"]  # fmt: skip
    for unit in districts:
        reports[f"{unit}/2025-07.yaml"] = monthly(unit, "2025-07", "innovation-space: 3")
    # One district's latest report is June's.
    del reports["fjq/2025-07.yaml"]
    reports["fjq/2025-06.yaml"] = monthly("fjq", "2025-06", "innovation-space: 2")
    _, p = progress(make_project(reports), "2025-08-10")
    ind = p.indicator("innovation-space")
    assert ind.value == pytest.approx(17 * 3 + 2)
    assert ind.data_month == "2025-06" and ind.latest_month == "2025-07"
    assert ind.expected == pytest.approx(6 / 12)
    assert ind.completion == pytest.approx(0.53)
    assert ind.light == "green"  # 50% − 53%: ahead


LEVEL_PLAN = """\
version: 1
plan: {id: kinds, title: 测试方案, proposal: 测试, notice: 测试通知, issuer: 测试办, issued: 2025-01-01,
       start: 2025-01-01, end: 2025-12-31, leading_group: 领导小组, office: a}
units:
  - {id: a, name: 甲单位}
goals: {text: 目标, indicators: []}
tasks:
  - {id: t1, number: "1", section: 一, title: 任务, text: 原文, lead: [a],
     indicators: [
       {id: stock, name: 高新技术企业数, target: 1200, baseline: 1000, measure: 家, kind: level},
       {id: growth, name: 增加值增长, target: 7, measure: "%", kind: rate, qualifier: 以上},
       {id: energy, name: 能耗增量, target: 100, measure: 万吨, qualifier: 控制在},
       {id: total, name: 总量, target: 2000, measure: 亿元, qualifier: 突破},
       {id: plain, name: 项目, target: 120, measure: 个}]}
deliverables:
  - {id: info, name: 信息, kind: monthly, owed_by: [a], due_day: 5}
"""


def test_a_level_is_judged_from_its_baseline(make_project):
    root = make_project(
        {"a/2025-06.yaml": monthly("a", "2025-06", "stock: 1080")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2025-07-10")
    ind = p.indicator("stock")
    # (1080 − 1000) ÷ (1200 − 1000) = 40% of the way, against 6/12 = 50%
    assert ind.completion == pytest.approx(0.4)
    assert ind.expected == pytest.approx(0.5)
    assert ind.light == "yellow"


def test_a_rate_is_compared_with_the_target_directly(make_project):
    root = make_project(
        {"a/2025-03.yaml": monthly("a", "2025-03", "growth: 7")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2025-04-10")
    ind = p.indicator("growth")
    # 7% reaches 7%以上, but only December's data close the year: 达到目标进度, green.
    assert ind.expected is None and ind.light == "green" and ind.gap == pytest.approx(0)
    assert ind.at_pace
    root = make_project(
        {"a/2025-03.yaml": monthly("a", "2025-03", "growth: 6.3")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2025-04-10")
    ind = p.indicator("growth")
    # 0.7 points of growth below 7%: a tenth of the target short, yellow.
    assert ind.gap == pytest.approx(0.7) and ind.light == "yellow"
    root = make_project(
        {"a/2025-12.yaml": monthly("a", "2025-12", "growth: 7.2")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2026-01-10")
    assert p.indicator("growth").light == "done"  # the year's last data: 已完成


def test_tupo_is_not_met_at_exactly_the_target(make_project):
    root = make_project(
        {"a/2025-12.yaml": monthly("a", "2025-12", "total: 2000")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2026-01-10")
    ind = p.indicator("total")
    assert ind.comparator == "more_than"
    assert ind.light == "green" and ind.light != "done"  # 突破2000 needs more than 2000
    root = make_project(
        {"a/2025-12.yaml": monthly("a", "2025-12", "total: 2000.5")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2026-01-10")
    assert p.indicator("total").light == "done"
    root = make_project(
        {"a/2025-12.yaml": monthly("a", "2025-12", "plain: 120")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2026-01-10")
    assert p.indicator("plain").light == "done"  # 以上 / no qualifier: the number itself counts


def test_a_ceiling_is_behind_when_used_up_too_fast(make_project):
    root = make_project(
        {"a/2025-06.yaml": monthly("a", "2025-06", "energy: 70")}, targets=LEVEL_PLAN
    )
    _, p = progress(root, "2025-07-10")
    ind = p.indicator("energy")
    assert ind.comparator == "at_most"
    assert ind.gap == pytest.approx(20.0)  # 70% used against 50% of the year
    assert ind.light == "yellow"


def test_due_dates_roll_past_weekends_and_holidays(make_project):
    plan = load_project(make_project()).plan
    assert monthly_due(plan, "2025-06") == date(2025, 7, 7)  # 5 July is a Saturday
    assert monthly_due(plan, "2025-09") == date(2025, 10, 9)  # 国庆中秋 1–8 October
    assert monthly_due(plan, "2025-07") == date(2025, 8, 5)  # a Tuesday: unchanged
    dues = {d.id: deliverable_dues(plan, d) for d in plan.deliverables}
    assert dues["annual-summary"][0].due == date(2025, 12, 1)  # 30 November is a Sunday
    assert dues["annual-summary"][0].nominal == date(2025, 11, 30)
    assert dues["handling-plan"][0].due == date(2025, 6, 3)  # 31 May: 端午 31 May–2 June


def test_reports_either_side_of_a_rolled_over_date(make_project):
    root = make_project(
        {
            "jxj/2025-06.yaml": monthly("jxj", "2025-06"),
            "kjj/2025-06.yaml": monthly("kjj", "2025-06"),
            "jxj/2025-09.yaml": monthly("jxj", "2025-09"),
            "kjj/2025-09.yaml": monthly("kjj", "2025-09"),
        }
    )
    submitted = {
        **on("jxj/2025-06.yaml", "2025-07-07"),  # on the rolled-over day: on time
        **on("kjj/2025-06.yaml", "2025-07-08"),  # a day after it: 1 day late
        **on("jxj/2025-09.yaml", "2025-10-09"),
        **on("kjj/2025-09.yaml", "2025-10-10"),
    }
    _, p = progress(root, "2025-10-31", submitted)
    info = {(d.unit, d.period): d for d in p.deliverables if d.deliverable == "info"}
    assert (info["jxj", "2025-06"].state, info["jxj", "2025-06"].days) == ("on_time", 0)
    assert (info["kjj", "2025-06"].state, info["kjj", "2025-06"].days) == ("late", 1)
    assert info["jxj", "2025-09"].state == "on_time"
    assert (info["kjj", "2025-09"].state, info["kjj", "2025-09"].days) == ("late", 1)
    assert info["kjj", "2025-06"].nominal == date(2025, 7, 5)
    # On 7 July nothing is overdue yet; on 8 July the rest of June's 信息 is, by 1 day.
    _, p = progress(root, "2025-07-07", submitted)
    assert not [d for d in p.overdue if d.period == "2025-06"]
    _, p = progress(root, "2025-07-08", submitted)
    june = [d for d in p.overdue if d.period == "2025-06"]
    assert june and {d.days for d in june} == {1}


def test_a_report_submitted_after_as_of_does_not_exist_yet(make_project):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 9")})
    submitted = on("jxj/2025-07.yaml", "2025-09-11")
    _, p = progress(root, "2025-08-31", submitted)
    july = next(d for d in p.deliverables if (d.unit, d.period) == ("jxj", "2025-07"))
    assert july.state == "overdue" and july.days == 26  # due 5 August
    assert july.submitted is None
    assert p.indicator("ai-models").value is None  # no value, no late entry
    assert not p.late
    _, p = progress(root, "2025-09-30", submitted)
    july = next(d for d in p.deliverables if (d.unit, d.period) == ("jxj", "2025-07"))
    assert (july.state, july.days) == ("late", 37)
    assert p.indicator("ai-models").value == 9


def test_yellow_three_months_in_a_row_turns_red(make_project):
    # 10 points behind each month: June 30 (May data 5/12 = 41.7%, value 6 = 30% → 11.7),
    # July 31 (June data: 50% vs 8 = 40% → 10), August 31 (July data: 58.3% vs 9.7 → ...).
    root = make_project(
        {
            "jxj/2025-05.yaml": monthly("jxj", "2025-05", "ai-models: 6"),
            "jxj/2025-06.yaml": monthly("jxj", "2025-06", "ai-models: 8"),
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 9"),
        }
    )
    submitted = {
        **on("jxj/2025-05.yaml", "2025-06-03"),
        **on("jxj/2025-06.yaml", "2025-07-03"),
        **on("jxj/2025-07.yaml", "2025-08-03"),
    }
    _, p = progress(root, "2025-07-31", submitted)
    ind = p.indicator("ai-models")
    assert (ind.light, ind.yellow_streak, ind.escalated) == ("yellow", 2, False)
    _, p = progress(root, "2025-08-31", submitted)
    ind = p.indicator("ai-models")
    # July data: 9/20 = 45% vs 58.3%: 13.3 points, the third yellow month
    assert ind.yellow_streak == 3 and ind.escalated and ind.light == "red"
    assert ind.reason == "5月、6月、7月连续3个月黄灯，按规则升为红灯"
    assert ind.streak_months == ("2025-05", "2025-06", "2025-07")


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


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    reports=_reports(),
    as_of=st.dates(date(2025, 4, 1), date(2026, 3, 31)),
    late=st.integers(0, 40),
)
def test_streaks_standings_and_files_agree_with_plain_definitions(reports, as_of, late):
    submitted = {r.path: month_end(r.period) + timedelta(days=late) for r in reports}
    p = compute_progress(_PLAN, reports, submitted, as_of)

    history = list(indicator_history(_PLAN, reports, submitted, as_of, p.upto).values())
    assert history[-1] == {i.id: i for i in p.indicators}

    # Nothing counts before it arrived: every contribution is the newest arrived value.
    for ind in p.indicators:
        for unit, value in ind.contributions.items():
            arrived = [
                r
                for r in sorted(reports, key=lambda r: r.path)
                if r.unit == unit
                and ind.id in r.report.indicators
                and submitted[r.path] <= as_of
                and r.period <= p.upto
                and (r.period.startswith("2025") or ind.kind != "ytd")
            ]
            newest = max(r.period for r in arrived)
            assert value in {
                r.report.indicators[ind.id].value for r in arrived if r.period == newest
            }
    # Streak: data months in a row, ending with the value's data month, in yellow or red;
    # each data month judged by the last month whose state stood on it.
    for ind in p.indicators:
        judged: dict[str, str] = {}
        for snapshot in history:
            s = snapshot[ind.id]
            if s.data_month is not None:
                judged[s.data_month] = s.light
        run = []
        if ind.data_month is not None:
            for month in sorted(judged, reverse=True):
                if judged[month] not in ("yellow", "red"):
                    break
                run.append(month)
        assert ind.streak == len(run), ind.id
        assert ind.streak_months == tuple(reversed(run)), ind.id

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
