"""Each 督办 item's state, due date, answer and level as of a day, computed by hand.

One small project on the real plan. DB-2025-001 (市经信局 leads, 市自然资源和城乡建设局
helps, 黄) is opened on 16 July with a reply-by date of Saturday 16 August, so it is
due on Monday 18 August. 市经信局 answers in its August report, which arrives on 30
August; the office closes it on 5 September and reopens it on 10 September with a new
date, Saturday 20 September (due Monday 22 September). DB-2025-002 (市数据局, 蓝) is
answered on time by a reply file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.engine import DubanStatus, duban_by_unit, duban_status, summarize_duban
from jianyian.load import load_project

from ..conftest import monthly, write_project

ITEM_1 = """\
version: 1
id: DB-2025-001
text: 梳理智能工厂建设用地需求，形成清单
source: 批示
ref: 市领导批示
units: [jxj, zrzyj]
opened: 2025-07-16
reply_by: 2025-08-16
level: 黄
closed:
  - {date: 2025-09-05, by: 督查科, note: 已核实清单}
reopened:
  - {date: 2025-09-10, why: 清单缺少东湖高新区项目, reply_by: 2025-09-20}
"""
ITEM_2 = """\
version: 1
id: DB-2025-002
text: 建立跨部门数据共享机制
source: 其他
units: [sjj]
opened: 2025-07-20
reply_by: 2025-07-31
level: 蓝
"""
REPLY_SJJ = """\
version: 1
item: DB-2025-002
unit: sjj
date: 2025-07-30
reply: 已印发数据共享工作方案
done: true
"""
REPLY_ZRZYJ = """\
version: 1
item: DB-2025-001
unit: zrzyj
date: 2025-08-20
reply: 已提供用地指标
"""
JXJ_AUGUST = monthly(
    "jxj",
    "2025-08",
    extra="submitted: 2025-08-30\nduban:\n  DB-2025-001: {reply: 已形成用地需求清单, done: true}\n",
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("duban") / "p", {"jxj/2025-08.yaml": JXJ_AUGUST})
    files = {
        "duban/DB-2025-001.yaml": ITEM_1,
        "duban/DB-2025-002.yaml": ITEM_2,
        "duban/replies/DB-2025-002-sjj-2025-07-30.yaml": REPLY_SJJ,
        "duban/replies/DB-2025-001-zrzyj-2025-08-20.yaml": REPLY_ZRZYJ,
    }
    for rel, text in files.items():
        path = root / "data" / "office" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def status_on(root: Path, day: str) -> dict[str, DubanStatus]:
    project = check_project(load_project(root))
    assert project.ok, project.diagnostics
    found = duban_status(
        project.checked_plan, project.duban, project.reports, {}, date.fromisoformat(day)
    )
    return {s.id: s for s in found}


def test_nothing_exists_before_it_is_opened(root: Path) -> None:
    assert status_on(root, "2025-07-15") == {}
    assert list(status_on(root, "2025-07-16")) == ["DB-2025-001"]


@pytest.mark.parametrize(
    ("day", "state", "days", "level"),
    [
        ("2025-07-16", "待反馈", 0, "黄"),
        ("2025-08-18", "待反馈", 0, "黄"),  # the rolled-over due date itself
        ("2025-08-19", "逾期未反馈", 1, "黄"),
        ("2025-08-28", "逾期未反馈", 10, "黄"),  # ten days: not yet more than ten
        ("2025-08-29", "逾期未反馈", 11, "红"),
        ("2025-08-30", "已反馈待销号", 0, "红"),  # the report arrives; the escalation stays
        ("2025-09-05", "已销号", 0, "红"),
        ("2025-09-10", "重新督办", 0, "红"),
        ("2025-09-22", "重新督办", 0, "红"),
        ("2025-09-23", "逾期未反馈", 1, "红"),
    ],
)
def test_item_state_by_day(root: Path, day: str, state: str, days: int, level: str) -> None:
    s = status_on(root, day)["DB-2025-001"]
    assert (s.state, s.days_overdue, s.level) == (state, days, level)
    assert s.level_set == "黄"


def test_due_date_rolls_over_and_the_round_changes(root: Path) -> None:
    first = status_on(root, "2025-08-19")["DB-2025-001"]
    assert (first.reply_by, first.due) == (date(2025, 8, 16), date(2025, 8, 18))
    assert first.replied is None and first.closed is None
    second = status_on(root, "2025-09-23")["DB-2025-001"]
    assert (second.reply_by, second.due) == (date(2025, 9, 20), date(2025, 9, 22))
    assert second.reopened == date(2025, 9, 10) and second.closed is None
    assert second.replied is None  # the August answer belongs to the first round


def test_escalation_says_why(root: Path) -> None:
    s = status_on(root, "2025-08-29")["DB-2025-001"]
    assert s.escalation == "逾期超过10天未反馈（反馈时限8月18日），由黄色督办升为红色督办"
    assert status_on(root, "2025-08-28")["DB-2025-001"].escalation is None


def test_only_the_lead_unit_answers(root: Path) -> None:
    s = status_on(root, "2025-08-25")["DB-2025-001"]
    assert s.state == "逾期未反馈"  # 市自然资源和城乡建设局 replied on 20 August
    assert [(r.unit, r.day) for r in s.replies] == [("zrzyj", date(2025, 8, 20))]
    s = status_on(root, "2025-08-30")["DB-2025-001"]
    assert (s.replied, s.reply, s.done, s.on_time) == (
        date(2025, 8, 30),
        "已形成用地需求清单",
        True,
        False,
    )


def test_on_time_answer_and_counts(root: Path) -> None:
    items = status_on(root, "2025-07-30")
    assert items["DB-2025-002"].state == "已反馈待销号"
    assert items["DB-2025-002"].on_time is True
    assert status_on(root, "2025-07-29")["DB-2025-002"].state == "待反馈"
    on = status_on(root, "2025-08-31")
    summary = summarize_duban(on.values(), "2025-08")
    assert summary.states["已反馈待销号"] == 2
    assert (summary.opened, summary.answered, summary.closed, summary.overdue) == (0, 1, 0, 0)
    july = summarize_duban(status_on(root, "2025-07-31").values(), "2025-07")
    assert (july.opened, july.answered, july.closed) == (2, 1, 0)
    sept = summarize_duban(status_on(root, "2025-09-23").values(), "2025-09")
    assert (sept.closed, sept.overdue, sept.overdue_units) == (1, 1, ("jxj",))


def test_scorecard_record_per_lead_unit(root: Path) -> None:
    project = check_project(load_project(root))
    plan = project.checked_plan
    items = duban_status(plan, project.duban, project.reports, {}, date(2025, 8, 31))
    record = duban_by_unit(plan, items)
    assert (record["jxj"].on_time, record["jxj"].late) == (0, 1)
    assert (record["sjj"].on_time, record["sjj"].late) == (1, 0)
