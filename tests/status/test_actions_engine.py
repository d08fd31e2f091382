"""Each action's state and light as of a day, computed by hand (issue 25, DESIGN "Actions").

One small project on the real plan: 市经信局 (lead of (一)1) reports June (arrived 3
July) and July (arrived 4 August); the office confirmed t1-1-2 on 20 July and t1-1-4
on 20 August. The first monthly report was due on 5 June (a Thursday); (一)1's
actions are due on 30 September (a Tuesday, no roll-over), t1-1-4 on 31 December.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.engine import Progress, compute_progress
from jianyian.load import load_project
from jianyian.views.actions import task_progress_text

from ..conftest import REAL_TARGETS, monthly

JXJ_JUNE = monthly(
    "jxj",
    "2025-06",
    extra="submitted: 2025-07-03\n"
    "actions:\n"
    "  t1-1-1: {status: 推进中, progress: 场景应用计划起草}\n"
    "  t1-1-2: {status: 已完成, progress: 先导区获批（国函〔2025〕68号）}\n"
    "  t1-1-3: 未启动\n",
)
JXJ_JULY = monthly(
    "jxj",
    "2025-07",
    "ai-models: 12",
    extra="submitted: 2025-08-04\n"
    "actions:\n"
    "  t1-1-1: {status: 推进中, progress: 场景应用计划印发}\n"
    "  t1-1-3: 未启动\n"
    "  t1-1-4: {status: 已完成, progress: 部署20个大模型}\n"
    "  t1-1-5: 推进中\n",
)
# 市自然资源和城乡建设局 is responsible for (一)1: its word is kept, not its status.
ZRZYJ_JULY = monthly(
    "zrzyj",
    "2025-07",
    extra="submitted: 2025-08-02\nactions:\n  t1-1-6: {status: 已完成, progress: 配合完成}\n",
)
LOG = """\
version: 1
confirmations:
  - {action: t1-1-2, date: 2025-07-20, note: 已核实批复}
  - {action: t1-1-4, date: 2025-08-20}
"""


def progress_of(root: Path, as_of: str, upto: str | None = None) -> Progress:
    """The engine on the loaded project (no git: every report has its ``submitted:``)."""
    project = check_project(load_project(root))
    assert project.ok, project.diagnostics
    return compute_progress(
        project.checked_plan,
        project.reports,
        {},
        date.fromisoformat(as_of),
        upto=upto,
        confirmations=project.confirmations,
    )


def states(p: Progress, task: str = "t1-1") -> dict[str, tuple[str, str]]:
    return {a.id: (a.state, a.light) for a in p.actions if a.task == task}


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    root = make_project(
        {
            "jxj/2025-06.yaml": JXJ_JUNE,
            "jxj/2025-07.yaml": JXJ_JULY,
            "zrzyj/2025-07.yaml": ZRZYJ_JULY,
        }
    )
    (root / "data/office").mkdir()
    (root / "data/office/confirmations.yaml").write_text(LOG, encoding="utf-8")
    return root


def test_each_state_on_10_august(project: Path) -> None:
    p = progress_of(project, "2025-08-10")
    assert states(p) == {
        "t1-1-1": ("推进中", "green"),
        "t1-1-2": ("已销号", "done"),  # confirmed on 20 July
        # 未启动 with 51 of 152 days left (1 May → 30 September): 3 × 51 ≥ 152, still green.
        "t1-1-3": ("未启动", "green"),
        "t1-1-4": ("待确认", "done"),  # the 20 August confirmation does not exist yet
        "t1-1-5": ("推进中", "green"),
        # Nothing from its lead unit although reports were due: 未报送, never red or green.
        # 市自然资源和城乡建设局 said 已完成, but it is a responsible unit, not the lead.
        "t1-1-6": ("未报送", "missing"),
        "t1-1-7": ("未报送", "missing"),
    }
    one = next(a for a in p.actions if a.id == "t1-1-1")
    assert (one.progress, one.reported_by, one.reported_month) == (
        "场景应用计划印发",
        "jxj",
        "2025-07",
    )
    two = next(a for a in p.actions if a.id == "t1-1-2")
    assert (two.confirmed, two.confirm_note) == (date(2025, 7, 20), "已核实批复")
    assert two.done_reported == date(2025, 7, 3)  # the June report's arrival
    six = next(a for a in p.actions if a.id == "t1-1-6")
    assert [(s.unit, s.status, s.lead) for s in six.statements] == [("zrzyj", "已完成", False)]


def test_the_task_tells_actions_and_numbers_apart(project: Path) -> None:
    t = progress_of(project, "2025-08-10").task("t1-1")
    assert (t.actions_total, t.actions_done, t.actions_confirmed, t.actions_overdue) == (7, 2, 1, 0)
    assert t.completion == pytest.approx(12 / 20)  # ai-models alone: actions never blended in
    assert t.light == "missing"  # the worst: two actions 未报送 (ai-models is green)
    assert task_progress_text(t) == (
        "事项 7 项，已完成 2 项（已销号 1 项），逾期 0 项；量化指标 1 项，完成率 60.0%"
    )


def test_a_third_of_the_time_left_turns_未启动_yellow(project: Path) -> None:
    # 11 August: 50 days left, 3 × 50 = 150 < 152.
    assert states(progress_of(project, "2025-08-11"))["t1-1-3"] == ("未启动", "yellow")


def test_past_due_and_not_done_is_overdue_even_without_a_report(project: Path) -> None:
    p = progress_of(project, "2025-10-10")
    assert states(p) == {
        "t1-1-1": ("逾期", "red"),
        "t1-1-2": ("已销号", "done"),
        "t1-1-3": ("逾期", "red"),
        "t1-1-4": ("已销号", "done"),  # confirmed on 20 August; due 31 December anyway
        "t1-1-5": ("逾期", "red"),
        "t1-1-6": ("逾期", "red"),  # never reported by its lead unit
        "t1-1-7": ("逾期", "red"),
    }
    assert next(a for a in p.actions if a.id == "t1-1-1").days_overdue == 10  # 30 Sep → 10 Oct
    t = p.task("t1-1")
    assert (t.actions_done, t.actions_confirmed, t.actions_overdue, t.light) == (2, 2, 5, "red")
    assert task_progress_text(t) == (
        "事项 7 项，已完成 2 项（已销号 2 项），逾期 5 项；量化指标 1 项，完成率 60.0%"
    )
    assert p.action_summary is not None
    # 43 of the 58 actions are due on 30 September (15 hold annual indicators, due 31
    # December); of those only t1-1-2 is done: 42 overdue across the plan.
    assert (p.action_summary.total, p.action_summary.overdue) == (58, 43 - 1)
    assert (p.action_summary.done, p.action_summary.confirmed) == (2, 2)
    # The due day itself is not past: on 30 September t1-1-1 is still 推进中.
    assert states(progress_of(project, "2025-09-30"))["t1-1-1"] == ("推进中", "green")


def test_a_report_counts_from_the_day_it_arrived(project: Path) -> None:
    # 3 August: July's report (arrived 4 August) does not exist; June's says nothing of t1-1-4.
    got = states(progress_of(project, "2025-08-03"))
    assert got["t1-1-4"] == ("未报送", "missing")
    assert got["t1-1-1"] == ("推进中", "green")
    one = next(a for a in progress_of(project, "2025-08-03").actions if a.id == "t1-1-1")
    assert one.progress == "场景应用计划起草"


def test_nothing_is_owed_before_the_first_monthly_report_is_due(project: Path) -> None:
    assert set(states(progress_of(project, "2025-06-05", upto="2025-06")).values()) == {
        ("未到期", "grey")
    }
    assert states(progress_of(project, "2025-06-06"))["t1-1-7"] == ("未报送", "missing")


def test_a_confirmation_counts_from_its_date_and_an_undo_withdraws_it(project: Path) -> None:
    log = project / "data/office/confirmations.yaml"
    log.write_text(
        LOG + "  - {action: t1-1-2, date: 2025-08-01, undo: true, why: 批复范围不符}\n",
        encoding="utf-8",
    )
    assert states(progress_of(project, "2025-07-19"))["t1-1-2"] == ("待确认", "done")
    assert states(progress_of(project, "2025-07-31"))["t1-1-2"] == ("已销号", "done")
    after = progress_of(project, "2025-08-10")
    assert states(after)["t1-1-2"] == ("待确认", "done")
    assert after.task("t1-1").actions_confirmed == 0


def test_co_leads_the_least_advanced_in_the_newest_month(make_project: Callable[..., Path]) -> None:
    # (一)2 is led by 市发改委 and 市经信局.
    jxj = "actions: {t1-2-1: {status: 已完成, progress: 全景图印发}}\n"
    root = make_project(
        {
            "jxj/2025-07.yaml": monthly("jxj", "2025-07", extra="submitted: 2025-08-01\n" + jxj),
            "fgw/2025-07.yaml": monthly(
                "fgw",
                "2025-07",
                extra="submitted: 2025-08-02\nactions: {t1-2-1: {status: 推进中, progress: 招商路线图修改中}}\n",
            ),
            "jxj/2025-08.yaml": monthly("jxj", "2025-08", extra="submitted: 2025-09-01\n" + jxj),
        }
    )
    july = next(a for a in progress_of(root, "2025-08-10").actions if a.id == "t1-2-1")
    assert (july.state, july.reported_by, july.progress) == ("推进中", "fgw", "招商路线图修改中")
    # In August only 市经信局 spoke: its 已完成 stands, reported done from 1 September.
    aug = next(a for a in progress_of(root, "2025-09-10").actions if a.id == "t1-2-1")
    assert (aug.state, aug.reported_by, aug.done_reported) == ("待确认", "jxj", date(2025, 9, 1))


def test_a_passed_milestone_turns_未启动_yellow(make_project: Callable[..., Path]) -> None:
    targets = REAL_TARGETS.read_text(encoding="utf-8").replace(
        "        text: “5G+工业互联网”融合应用试点城市\n",
        "        text: “5G+工业互联网”融合应用试点城市\n"
        "        milestones: [{due: 2025-07-31, text: 形成申报方案}]\n",
    )
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY}, targets=targets)
    # 10 August: plenty of time left (green above), but 31 July has passed.
    three = next(a for a in progress_of(root, "2025-08-10").actions if a.id == "t1-1-3")
    assert (three.state, three.light, three.milestones_passed) == (
        "未启动",
        "yellow",
        (date(2025, 7, 31),),
    )
    assert states(progress_of(root, "2025-07-31"))["t1-1-3"] == ("未报送", "missing")


def test_a_qualitative_task_divided_into_actions_takes_their_worst_light(project: Path) -> None:
    # (二)3 has no indicators: its light is its actions' worst; nobody reported them.
    t = progress_of(project, "2025-08-10").task("t2-3")
    assert (t.completion, t.status, t.light, t.actions_total) == (None, None, "missing", 5)
    assert task_progress_text(t) == "事项 5 项，已完成 0 项，逾期 0 项"
