"""Issue 23, case by case, on the demo: every figure re-derived by hand from its paces.

The demo (examples/demo/build.py) reports 1–N月累计 = target × N/12 × pace, rounded for
counts. 市经信局 and 市数据局 send on the last day of the month, the others on the 1st–5th
of the next; 市人才工作局's May report arrived on 2 July; 江夏区 and 长江新区 never sent
June. Lights (the plan's settings): green under 10 points behind N/12 of the data month,
yellow 10–30 (inclusive), red beyond; three data months in yellow or red turn a yellow red.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.engine import compute_progress
from jianyian.load import load_with_history
from jianyian.models import Project
from jianyian.views.brief import build_brief
from jianyian.views.scorecard import build_scorecard
from jianyian.views.status import status_view

from ..conftest import LATE_TODAY, build_demo, monthly, run
from .test_engine import LEVEL_PLAN


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


@pytest.fixture(scope="module")
def project(demo: Path) -> Project:
    return check_project(load_with_history(demo, LATE_TODAY), today=LATE_TODAY)


def progress_on(project: Project, day: str, upto: str | None = None):
    return compute_progress(
        project.checked_plan,
        project.reports,
        project.submitted,
        date.fromisoformat(day),
        project.unreadable_periods(),
        upto=upto,
    )


def judged(project: Project, day: str, ind: str):
    return progress_on(project, day).indicator(ind)


# ---------------------------------------------------------------- 1. streaks by data month


def test_joint_labs_is_yellow_on_10_august(project: Project) -> None:
    # 1 of 3 labs in May, June and July (市经信局, sent on each month's last day).
    # May: 33.3% vs 5/12 = 41.7%: 8.3 behind, green; June 16.7 and July 25.0 behind: yellow.
    p = judged(project, "2025-08-10", "joint-labs")
    assert (p.light, p.streak, p.streak_months) == ("yellow", 2, ("2025-06", "2025-07"))
    assert not p.escalated and p.gap == pytest.approx(100 * (7 / 12 - 1 / 3))
    # Nothing new arrives on 1 August: it stays yellow overnight.
    before, after = (
        judged(project, "2025-07-31", "joint-labs"),
        judged(project, "2025-08-01", "joint-labs"),
    )
    assert (before.light, before.streak) == (after.light, after.streak) == ("yellow", 2)


def test_key_rd_projects_counts_three_data_months_not_four(project: Project) -> None:
    # 100 × 5/12 × 0.72 = 30 (11.7 behind), × 6/12 × 0.74 = 37 (13.0), × 7/12 × 0.75 = 43.75
    # → 44 (14.3): three yellow data months on 10 August, escalated, the months named.
    p = judged(project, "2025-08-10", "key-rd-projects")
    assert (p.streak, p.yellow_streak, p.light, p.escalated) == (3, 3, "red", True)
    assert p.reason == "5月、6月、7月连续3个月黄灯，按规则升为红灯"


def test_nothing_is_escalated_on_1_july_with_may_and_june_data(project: Project) -> None:
    p = progress_on(project, "2025-07-01")
    assert not [i.id for i in p.indicators if i.escalated]
    key = p.indicator("key-rd-projects")  # June's data arrived on 30 June: May and June
    assert (key.light, key.streak, key.data_month) == ("yellow", 2, "2025-06")


def test_graduates_streak_counts_the_late_may_report_as_may(project: Project) -> None:
    # May's 5.1万 of 30万 (17.0% vs 41.7%: 24.7 behind) arrived on 2 July, June's 8.9万
    # (29.7% vs 50%: 20.3 behind) on 1 July: both yellow, a streak of 2 on 31 July.
    p = judged(project, "2025-07-31", "graduates")
    assert (p.light, p.streak, p.streak_months) == ("yellow", 2, ("2025-05", "2025-06"))


# ---------------------------------------------------------------- 2. the briefing is status


def brief(project: Project, month: str, day: str):
    return build_brief(
        project.checked_plan,
        project.reports,
        project.submitted,
        month,
        date.fromisoformat(day),
        unreadable=project.unreadable_periods(),
    )


def test_the_july_briefing_names_the_red_lights_status_names(project: Project) -> None:
    b = brief(project, "2025-07", "2025-08-10")
    status = status_view(project.checked_plan, progress_on(project, "2025-08-10"))
    lights = {r.id: r.light for r in b.indicators}
    assert lights == {i["id"]: i["light"] for i in status["indicators"]}
    # 湖北实验室: 2 of 10 in May (21.7 behind), 3 in June (20.0), 3 in July (28.3).
    assert lights["lab-achievements"] == "red"
    reds = sorted(i for i, light in lights.items() if light == "red")
    assert reds == ["key-rd-projects", "lab-achievements", "overseas-warehouses", "smart-factories"]
    assert "6项滞后（其中红灯4项）" in b.headline_text == status["summary"]["headline"]


def test_the_june_briefing_carries_its_streak_notes(project: Project) -> None:
    # On 10 July, with May and June data: 海外仓 0 of 2 (red twice), 毕业生 (24.7, 20.3
    # behind), 湖北实验室 (21.7, 20.0), 数字贸易平台 3 then 4 of 10 (11.7, 10.0): all two
    # warning months in a row.
    b = brief(project, "2025-06", "2025-07-10")
    texts = dict(zip((r.id for r in b.exceptions), b.exception_texts, strict=True))
    for ind in ("overseas-warehouses", "graduates", "lab-achievements", "digital-trade-platforms"):
        assert "已连续2个月预警（5月、6月）" in texts[ind], ind


def test_the_september_briefing_counts_every_data_month(project: Project) -> None:
    # 重点研发 five yellow data months (May–September: 11.7, 13.0, 14.3, 15.7, 15.0 behind);
    # 湖北实验室 five; 技术经理人 four (May 32.5% vs 41.7%: 9.2, green; then yellow).
    b = brief(project, "2025-09", "2025-10-10")
    rows = {r.id: r for r in b.indicators}
    assert rows["key-rd-projects"].streak == 5 and rows["lab-achievements"].streak == 5
    assert rows["tech-managers"].streak == 4
    assert rows["tech-managers"].reason == "6月、7月、8月、9月连续4个月黄灯，按规则升为红灯"


# ---------------------------------------------------------------- 3. 本月变化 and 图2


def test_the_trend_chart_has_every_month_with_data(project: Project) -> None:
    b = brief(project, "2025-07", "2025-08-10")
    projects = next(t for t in b.trends if t.name == "开工亿元以上产业项目")
    # 480 × 5/12 × 0.95 = 190, × 6/12 × 0.96 = 230.4 → 230, × 7/12 × 0.97 = 271.6 → 272
    assert projects.months == (5, 6, 7) and projects.values == (190, 230, 272)
    assert projects.expected == pytest.approx((200, 240, 280))


def test_this_months_changes_compare_data_months(project: Project) -> None:
    b = brief(project, "2025-07", "2025-08-10")
    moved = {c.name: c for c in b.moved}
    assert (moved["开工亿元以上产业项目"].before, moved["开工亿元以上产业项目"].change) == (
        "230",
        "+42",
    )
    # 湖北实验室 stays at 3 but turns red: listed for its light.
    lab = moved["8家湖北实验室产出标志性科技成果"]
    assert (lab.change, lab.light_before, lab.light_after) == ("0", "黄灯", "红灯")
    # 跨境电商园: 1 of 2 in June (50% vs 50%) and July: green both times, not listed.
    assert "创建省级跨境电商产业园" not in moved
    assert not [c for c in b.recoveries if c.name == "创建省级跨境电商产业园"]


# ---------------------------------------------------------------- 4. and 5. the headline


def test_the_headline_states_the_rows_expected_progress(project: Project) -> None:
    # On 10 November the rows hold September data (the new-space sum: August, 硚口区 never
    # sent September): 75.0%, not the 83.3% of October.
    p = progress_on(project, "2025-11-10")
    text = status_view(project.checked_plan, p)["summary"]["headline"]
    assert "数据截至9月，序时进度75.0%（9/12）；另有1项数据截至8月，序时进度66.7%（8/12）" in text
    assert "83.3%" not in text
    assert (p.expected_month, p.expected) == ("2025-09", pytest.approx(0.75))


def test_the_headline_counts_only_indicators_at_pace_as_at_pace(project: Project) -> None:
    # 10 August: of 15 green lights only 五大优势产业 (62.9%), 大模型 (60.0%) and 中试平台
    # (65.0%) stand at or above 58.3%.
    s = progress_on(project, "2025-08-10").summary
    assert (s.on_pace, s.near, s.behind, s.lights["red"], s.missing) == (3, 12, 6, 4, 0)


# ---------------------------------------------------------------- 7. the smaller ones


def test_the_scorecard_sorts_by_on_time_rate_before_overdue_days(project: Project) -> None:
    card = build_scorecard(project.checked_plan, progress_on(project, "2025-08-10"))
    order = [r.unit for r in card.rows]
    xinzhou = next(r for r in card.rows if r.unit == "xinzhou")
    fjq = next(r for r in card.rows if r.unit == "fjq")
    # Both owe one item each: 新洲区 3 of 5 on time (60%), 41 days; 东湖风景区 4 of 5 (80%), 68.
    assert (xinzhou.overdue, xinzhou.on_time_rate, xinzhou.overdue_days) == (1, 0.6, 41)
    assert (fjq.overdue, fjq.on_time_rate, fjq.overdue_days) == (1, 0.8, 68)
    assert order.index("xinzhou") < order.index("fjq")


def test_a_sum_with_stale_reporters_says_whose_data_are_older(project: Project, demo: Path) -> None:
    # 10 July: June's 信息 was due on 7 July; 江夏区 and 长江新区 sent none, so the new-space
    # sum holds their May data (and is judged against May's 5/12).
    p = judged(project, "2025-07-10", "innovation-space")
    assert p.stale == (("jiangxia", "2025-05"), ("cjxq", "2025-05")) and p.data_month == "2025-05"
    r = run("status", "--root", str(demo), "--as-of", "2025-07-10", "--json")
    ind = next(i for i in json.loads(r.stdout)["indicators"] if i["id"] == "innovation-space")
    assert ind["notes"] == ["含江夏区人民政府、长江新区管委会5月数据"]
    # status --unit 江夏区: the district's own 1.9 beside the city's 42.8, each labelled.
    out = run("status", "--root", str(demo), "--as-of", "2025-07-10", "--unit", "江夏区").stdout
    assert "本单位报送" in out and "全市数值" in out and "全市完成率" in out
    assert "1.9万平方米" in out and "42.8万平方米" in out


def test_a_total_below_its_parts_targets_says_so(project: Project, demo: Path) -> None:
    # 8500 + 6600 + 4250 + 2500 + 800 = 22650亿元 = 2.265万亿元 > 突破2万亿元
    r = run("status", "--root", str(demo), "--as-of", "2025-08-10", "--json")
    total = next(i for i in json.loads(r.stdout)["indicators"] if i["id"] == "industries-total")
    assert total["parts_target"] == 22650
    assert total["notes"] == ["各分项目标合计2.265万亿元，高于总目标（突破2万亿元）"]


def test_gaps_have_one_decimal(project: Project) -> None:
    texts = brief(project, "2025-07", "2025-08-10").exception_texts
    assert any("落后25.0个百分点" in t for t in texts)  # joint-labs: 58.3% − 33.3%
    assert not [t for t in texts if "落后25个百分点" in t]


def test_a_self_declared_date_is_audited_and_marked(demo: Path, clock: date) -> None:
    # 市卫健委's July report says 4 August; the office committed it on 6 August.
    out = run("audit", "--root", str(demo)).stdout
    line = next(x for x in out.splitlines() if x.startswith("data/reports/wjw/2025-07.yaml"))
    assert "自报报送日期 2025-08-04" in line and "首次提交的 2025-08-06" in line
    assert "提交者 领导小组办公室（示例） <office@demo.invalid>" in line
    unit = run("status", "--root", str(demo), "--as-of", "2025-08-10", "--unit", "wjw").stdout
    assert "2025年8月4日（自报日期）" in unit


# ---------------------------------------------------------------- 6. rates


def test_a_rate_is_told_in_its_own_unit(make_project) -> None:
    root = make_project(
        {
            "a/2025-07.yaml": monthly("a", "2025-07", "growth: 7.4", "submitted: 2025-08-03\n"),
            "a/2025-08.yaml": monthly("a", "2025-08", "growth: 6.1", "submitted: 2025-09-03\n"),
            "a/2025-12.yaml": monthly("a", "2025-12", "growth: 7.2", "submitted: 2026-01-05\n"),
        },
        targets=LEVEL_PLAN,  # a: 增加值增长 7%以上 (kind: rate), among others
    )
    loaded = check_project(load_with_history(root, LATE_TODAY), today=LATE_TODAY)

    def growth(day: str):
        return compute_progress(
            loaded.checked_plan, loaded.reports, loaded.submitted, date.fromisoformat(day)
        ).indicator("growth")

    # July 7.4% reaches 7%以上 before the year is over: 达到目标进度 (green), not 已完成.
    july = growth("2025-08-10")
    assert (july.light, july.gap, july.at_pace) == ("green", pytest.approx(-0.4), True)
    # August 6.1%: 0.9 points below, 12.9% of the target short: yellow.
    august = growth("2025-09-10")
    assert (august.light, august.gap) == ("yellow", pytest.approx(0.9))
    b = build_brief(
        loaded.checked_plan, loaded.reports, loaded.submitted, "2025-08", date(2025, 9, 10)
    )
    row = next(r for r in b.indicators if r.id == "growth")
    assert row.completion_text == "低于目标0.9个百分点" and row.expected_text == "—"
    text = dict(zip((r.id for r in b.exceptions), b.exception_texts, strict=True))["growth"]
    assert text.startswith("2025年8月增长6.1%，低于目标0.9个百分点")
    assert "完成87.1%" not in text and "落后12.9" not in text
    # Its 87.1% is no 完成率: neither the task nor the headline averages it (nothing else
    # has a value).
    assert b.tasks[0].completion is None and b.headline.averaged == 0
    # December's data close the year: 已完成.
    assert growth("2026-01-10").light == "done"
