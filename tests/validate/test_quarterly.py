"""Quarterly deliverables (每季度最后一个月30日前 / 每季度第1个月10日前 报送…).

A quarterly deliverable unrolls into one document per quarter whose due date falls in
the plan period; each quarter's report is ``<id>-YYYY-MM.yaml`` (the month it is due).
The dates below are worked out by hand from the plan period (2025-02-01 to 2025-12-31).
"""

from __future__ import annotations

import json
from datetime import date

from jianyian.engine import deliverable_dues
from jianyian.load import validate_model
from jianyian.load.yamlsrc import parse_yaml
from jianyian.models import Plan

from ..conftest import run

PLAN = """\
version: 1
plan:
  id: mini
  title: 测试方案
  proposal: 测试建议案
  notice: 测试通知
  issuer: 测试办公厅
  issued: 2025-02-10
  start: 2025-02-01
  end: 2025-12-31
  leading_group: 测试领导小组
  office: fgw
units:
  - {id: fgw, name: 市发改委, short: 发改委}
  - {id: jxj, name: 市经信局, short: 经信局}
goals:
  text: 测试目标
tasks:
  - {id: t1, number: "1", section: 测试, title: 测试任务, text: 原文, lead: [jxj], responsible: [fgw]}
deliverables:
  - {id: progress, name: 本季度进展情况, kind: quarterly, owed_by: lead_units, quarter_month: 3, due_day: 30}
  - {id: review, name: 上季度完成情况, kind: quarterly, owed_by: [fgw], quarter_month: 1, due_day: 10}
  - {id: closing, name: 季末情况, kind: quarterly, owed_by: lead_units, due_day: 31}
calendar: [{year: 2025}]
"""


def doc(unit: str, period: str) -> str:
    return f"unit: {unit}\ndeliverable: {period}\ntitle: 标题\nbody: 正文\n"


def plan() -> Plan:
    loaded, diags = validate_model(Plan, parse_yaml(PLAN, "t").value, "data/targets.yaml")
    assert loaded is not None, diags
    return loaded


def test_quarters_inside_the_plan_period_by_their_due_month():
    p = plan()
    progress, review, closing = p.deliverables
    assert [(x.period, x.nominal) for x in deliverable_dues(p, progress)] == [
        ("progress-2025-03", date(2025, 3, 30)),
        ("progress-2025-06", date(2025, 6, 30)),
        ("progress-2025-09", date(2025, 9, 30)),
        ("progress-2025-12", date(2025, 12, 30)),
    ]
    # 2025-03-30 is a Sunday: the report is due on Monday the 31st (顺延).
    assert deliverable_dues(p, progress)[0].due == date(2025, 3, 31)
    # The first month of each quarter: January 2025 is before the plan, January 2026 after it.
    assert [x.nominal for x in deliverable_dues(p, review)] == [
        date(2025, 4, 10),
        date(2025, 7, 10),
        date(2025, 10, 10),
    ]
    # No quarter_month: the last month; day 31 is the month's end (30 June, 30 September).
    assert [x.nominal.isoformat() for x in deliverable_dues(p, closing)] == [
        "2025-03-31",
        "2025-06-30",
        "2025-09-30",
        "2025-12-31",
    ]
    assert p.owners(progress) == ["jxj"]  # lead_units: the tasks' lead units


def test_a_quarter_report_validates_and_the_bare_id_says_which_quarters(make_project, clock):
    root = make_project(
        {
            "jxj/progress-2025-03.yaml": doc("jxj", "progress-2025-03"),
            "jxj/progress.yaml": doc("jxj", "progress"),
            "fgw/progress-2025-06.yaml": doc("fgw", "progress-2025-06"),
        },
        targets=PLAN,
    )
    result = run("validate", "--root", str(root))
    assert result.exit_code == 1, result.output
    assert "progress-2025-03.yaml" not in result.output
    assert (
        "data/reports/jxj/progress.yaml:2:14: error: 报送事项 progress 按季度报送："
        "deliverable 和文件名须写明是哪一期（progress-2025-03、progress-2025-06、"
        "progress-2025-09、progress-2025-12） [JY022]"
    ) in result.output
    # 市发改委 does not lead a task: it owes no 本季度进展情况.
    assert "progress-2025-06.yaml:2:14: warning: 市发改委 无需报送本季度进展情况 [JY032]" in (
        result.output
    )


def test_status_plan_and_new_know_each_quarter(make_project, clock):
    root = make_project({"jxj/progress-2025-03.yaml": doc("jxj", "progress-2025-03")}, targets=PLAN)
    shown = json.loads(run("plan", "--json", "--root", str(root)).output)
    progress = shown["deliverables"][0]
    assert (progress["kind"], progress["quarter_month"], progress["due_day"]) == (
        "quarterly",
        3,
        30,
    )
    assert [d["period"] for d in progress["due_dates"]][:2] == [
        "progress-2025-03",
        "progress-2025-06",
    ]
    assert "每季度末月30日前" in run("plan", "--root", str(root)).output
    refused = run("new", "--root", str(root), "--unit", "jxj", "--deliverable", "progress")
    assert refused.exit_code == 2 and "progress-2025-06" in refused.output
    made = run("new", "--root", str(root), "--unit", "jxj", "--deliverable", "progress-2025-06")
    assert made.exit_code == 0, made.output
    text = (root / "data/reports/jxj/progress-2025-06.yaml").read_text("utf-8")
    assert "deliverable: progress-2025-06" in text and "2025年6月30日" in text
