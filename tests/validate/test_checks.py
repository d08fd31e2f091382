"""Each check in checks.py, as a pure function of a Plan and LoadedReports built here."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from jianyian import checks
from jianyian.diagnostics import Diagnostic
from jianyian.load import LoadedReport, Source, load_plan
from jianyian.models import DocumentReport, MonthlyReport, Plan

from ..conftest import REPO

INFO = {"title": "某单位推进情况", "body": "本月……"}

BASE: dict = {
    "version": 1,
    "plan": {
        "id": "mini",
        "title": "测试方案",
        "proposal": "测试建议案",
        "notice": "测试通知",
        "issuer": "测试办公厅",
        "issued": "2025-05-05",
        "start": "2025-05-01",
        "end": "2025-12-31",
        "leading_group": "测试领导小组",
        "office": "fgw",
    },
    "settings": {"goal_reporters": ["fgw"]},
    "units": [
        {"id": "fgw", "name": "市发改委", "short": "发改委"},
        {"id": "jxj", "name": "市经信局", "short": "经信局"},
        {"id": "kjj", "name": "市科技创新局", "short": "科技创新局"},
        {"id": "jiangan", "name": "江岸区人民政府", "short": "江岸区"},
        {"id": "jianghan", "name": "江汉区人民政府", "short": "江汉区"},
        {"id": "wxb", "name": "市委网信办", "short": "网信办"},
    ],
    "groups": [{"id": "districts", "name": "各区人民政府", "members": ["jiangan", "jianghan"]}],
    "goals": {
        "text": "测试目标",
        "indicators": [
            {"id": "projects", "name": "开工项目", "target": 480, "measure": "个"},
            {
                "id": "total",
                "name": "总规模",
                "target": 15000,
                "measure": "亿元",
                "parts": ["opto", "health"],
            },
            {
                "id": "opto",
                "name": "光电子",
                "target": 8500,
                "measure": "亿元",
                "kind": "level",
                "baseline": 0,
            },
            {
                "id": "health",
                "name": "大健康",
                "target": 6600,
                "measure": "亿元",
                "kind": "level",
                "baseline": 0,
            },
        ],
    },
    "tasks": [
        {
            "id": "t1",
            "number": "（一）1",
            "section": "测试",
            "title": "任务一",
            "text": "任务一原文",
            "lead": ["jxj"],
            "responsible": ["kjj", "districts"],
            "indicators": [
                {"id": "ai-models", "name": "大模型", "target": 20, "measure": "个"},
                {
                    "id": "space",
                    "name": "新建面积",
                    "target": 100,
                    "measure": "万平方米",
                    "reporters": ["districts"],
                    "combine": "sum",
                },
            ],
        },
        {
            "id": "t2",
            "number": "（一）2",
            "section": "测试",
            "title": "任务二",
            "text": "任务二原文",
            "lead": ["fgw"],
            "responsible": ["jxj"],
        },
    ],
    "stages": [{"id": "implement", "name": "办理落实阶段", "end": "2025-09-30", "text": "原文"}],
    "deliverables": [
        {"id": "info", "name": "信息", "kind": "monthly", "owed_by": "member_units", "due_day": 5},
        {
            "id": "half-year-summary",
            "name": "上半年小结",
            "kind": "once",
            "owed_by": "responsible_units",
            "stage": "implement",
            "due": "2025-06-30",
        },
        {
            "id": "city-summary",
            "name": "全市总结",
            "kind": "once",
            "owed_by": ["fgw"],
            "due": "2025-07-15",
        },
    ],
    "calendar": [{"year": 2025}, {"year": 2026}],
}


def make_plan(change=None) -> Plan:
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    return Plan.model_validate(data)


def monthly(
    unit: str = "jxj", month: str = "2025-07", *, folder=None, stem=None, suffix=".yaml", **fields
) -> LoadedReport:
    report = MonthlyReport.model_validate({"unit": unit, "month": month, "info": INFO, **fields})
    folder, stem = folder or unit, stem or month
    return LoadedReport(Source(f"data/reports/{folder}/{stem}{suffix}", ""), report, folder, stem)


def document(
    unit: str = "jxj", deliverable: str = "half-year-summary", *, folder=None, stem=None
) -> LoadedReport:
    report = DocumentReport.model_validate(
        {"unit": unit, "deliverable": deliverable, "title": "小结", "body": "正文"}
    )
    folder, stem = folder or unit, stem or deliverable
    return LoadedReport(Source(f"data/reports/{folder}/{stem}.yaml", ""), report, folder, stem)


def brief(diags: list[Diagnostic]) -> list[tuple]:
    return [(d.code, d.severity, d.path, d.loc, d.message) for d in diags]


PLAN_FILE = "data/targets.yaml"


# ---------------------------------------------------------------- the plan


def test_base_plan_passes_every_check() -> None:
    plan = make_plan()
    reports = [
        monthly(),
        monthly("fgw", indicators={"projects": 10}),
        document(),
        document("fgw", "city-summary"),
    ]
    assert checks.run_checks(plan, reports) == []


def test_plan_calendar_must_cover_the_due_dates() -> None:
    def only_2025(d):
        d["calendar"] = [{"year": 2025}]

    # December's 信息 is due 5 January 2026: a year the calendar does not cover.
    [d] = checks.check_plan_calendar(make_plan(only_2025))
    assert (d.code, d.severity, d.loc) == ("JY049", "warning", ("deliverables", 0, "due_day"))
    assert "2026-01-05" in d.message and "2026" in d.message

    def none(d):
        d["calendar"] = []

    assert [d.code for d in checks.check_plan_calendar(make_plan(none))] == ["JY049"] * 3

    def partial_2026(d):
        d["calendar"] = [{"year": 2025}, {"year": 2026, "through": "2026-01-03"}]

    assert [d.code for d in checks.check_plan_calendar(make_plan(partial_2026))] == ["JY049"]


def test_submitted_in_the_future_is_an_error() -> None:
    report = monthly(submitted="2100-01-01")
    [d] = checks.check_report_submitted_future(make_plan(), [report], date(2025, 9, 1))
    assert (d.code, d.severity, d.loc) == ("JY033", "error", ("submitted",))
    assert "2100-01-01" in d.message and "晚于今天" in d.message
    assert checks.check_report_submitted_future(make_plan(), [report], date(2100, 1, 1)) == []
    # Without today, validate's dated checks do not run.
    assert not [d for d in checks.run_checks(make_plan(), [report]) if d.code == "JY033"]


def test_real_plan_only_warns_about_chain_leads() -> None:
    plan, _, diags = load_plan(REPO)
    assert plan is not None and diags == []
    out = [d for check in checks.PLAN_CHECKS for d in check(plan)]
    assert [(d.code, d.severity, d.loc) for d in out] == [("JY042", "warning", ("groups", 1, "id"))]


def test_duplicate_ids() -> None:
    def change(d):
        d["units"].append({"id": "districts", "name": "重名单位"})
        d["tasks"][1]["indicators"] = [{"id": "opto", "name": "重复", "target": 1, "measure": "个"}]
        d["stages"].append(dict(d["stages"][0]))

    assert brief(checks.check_plan_duplicate_ids(make_plan(change))) == [
        (
            # units and groups share one namespace; the unit comes first in the file.
            "JY044",
            "error",
            PLAN_FILE,
            ("groups", 0, "id"),
            "单位组标识 districts 重复（已在 units 第 7 项使用）",
        ),
        (
            "JY044",
            "error",
            PLAN_FILE,
            ("tasks", 1, "indicators", 0, "id"),
            "指标标识 opto 重复（已在 goals indicators 第 3 项使用）",
        ),
        (
            "JY044",
            "error",
            PLAN_FILE,
            ("stages", 1, "id"),
            "阶段标识 implement 重复（已在 stages 第 1 项使用）",
        ),
    ]


def test_same_id_in_different_namespaces_is_fine() -> None:
    def change(d):
        d["tasks"][0]["id"] = "info"  # a task and a deliverable may share an id

    assert checks.check_plan_duplicate_ids(make_plan(change)) == []


def test_unit_names() -> None:
    def change(d):
        d["units"].append({"id": "jxw", "name": "市经济和信息化委员会", "short": "经信局"})
        d["units"].append({"id": "fgw2", "name": "市发改委"})

    assert brief(checks.check_plan_unit_names(make_plan(change))) == [
        ("JY048", "error", PLAN_FILE, ("units", 6, "short"), "单位名称“经信局”与单位 jxj 重复"),
        ("JY048", "error", PLAN_FILE, ("units", 7, "name"), "单位名称“市发改委”与单位 fgw 重复"),
    ]


def test_references() -> None:
    def change(d):
        d["plan"]["office"] = "fwg"
        d["groups"][0]["members"].append("districts")
        d["tasks"][0]["responsible"].append("distrcts")
        d["goals"]["indicators"][0]["reporters"] = ["nobody"]
        d["settings"]["member_units"] = ["jxj", "ghost"]
        d["deliverables"][2]["owed_by"] = ["fgww"]
        d["deliverables"][1]["stage"] = "implment"

    assert brief(checks.check_plan_references(make_plan(change))) == [
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("plan", "office"),
            "单位 fwg 未在 units 中声明，是否指 fgw？",
        ),
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("groups", 0, "members", 2),
            "单位组 districts 不能作为单位组的成员，请列出具体单位",
        ),
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("tasks", 0, "responsible", 2),
            "单位 distrcts 未在 units 中声明，是否指 districts？",
        ),
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("goals", "indicators", 0, "reporters", 0),
            "单位 nobody 未在 units 中声明",
        ),
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("settings", "member_units", 1),
            "单位 ghost 未在 units 中声明",
        ),
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("deliverables", 2, "owed_by", 0),
            "单位 fgww 未在 units 中声明，是否指 fgw？",
        ),
        (
            "JY040",
            "error",
            PLAN_FILE,
            ("deliverables", 1, "stage"),
            "阶段 implment 未在 stages 中声明，是否指 implement？",
        ),
    ]


def test_groups() -> None:
    def change(d):
        d["groups"].append({"id": "empty", "name": "空组", "members": []})
        d["groups"].append({"id": "chain", "name": "产业链牵头单位", "members_unknown": True})
        d["groups"].append(
            {"id": "known", "name": "已补充", "members": ["jxj"], "members_unknown": True}
        )

    assert brief(checks.check_plan_groups(make_plan(change))) == [
        (
            "JY041",
            "error",
            PLAN_FILE,
            ("groups", 1, "members"),
            "单位组 empty（空组）没有成员；若通知未列出成员，请写 members_unknown: true",
        ),
        (
            "JY042",
            "warning",
            PLAN_FILE,
            ("groups", 2, "id"),
            "单位组 chain（产业链牵头单位）的成员通知未列出，待办公室补充；补充前其应报送的事项无法跟踪",
        ),
    ]


def test_totals_within_parts_is_fine() -> None:
    # The real plan's case: 20000 as the notice says, below the parts' 22650 (not above).
    assert checks.check_plan_totals(make_plan()) == []


def test_total_above_parts() -> None:
    def change(d):
        d["goals"]["indicators"][1]["target"] = 15100.5

    assert brief(checks.check_plan_totals(make_plan(change))) == [
        (
            "JY043",
            "error",
            PLAN_FILE,
            ("goals", "indicators", 1, "target"),
            "总量目标 15100.5亿元 超过各组成目标之和 15100亿元",
        ),
    ]


def test_total_equal_to_parts_is_fine() -> None:
    def change(d):
        d["goals"]["indicators"][1]["target"] = 15100

    assert checks.check_plan_totals(make_plan(change)) == []


def test_parts_missing_or_in_other_measure() -> None:
    def change(d):
        d["goals"]["indicators"][1]["parts"] = ["opto", "helth", "projects"]
        d["goals"]["indicators"][1]["target"] = 10**6  # no JY043 while a part is missing

    assert brief(checks.check_plan_totals(make_plan(change))) == [
        (
            "JY045",
            "error",
            PLAN_FILE,
            ("goals", "indicators", 1, "parts", 1),
            "组成指标 helth 不存在，是否指 health？",
        ),
        (
            "JY045",
            "error",
            PLAN_FILE,
            ("goals", "indicators", 1, "parts", 2),
            "组成指标 projects 的计量单位“个”与总量“亿元”不同",
        ),
    ]


def test_reporters() -> None:
    def change(d):
        d["settings"]["goal_reporters"] = []
        d["goals"]["indicators"][1]["reporters"] = ["fgw"]
        d["goals"]["indicators"][2]["reporters"] = ["fgw"]
        d["goals"]["indicators"][3]["reporters"] = ["fgw"]
        d["tasks"][0]["lead"] = ["jxj", "kjj"]
        d["tasks"][0]["indicators"][1]["reporters"] = ["chain"]
        d["groups"].append({"id": "chain", "name": "产业链牵头单位", "members_unknown": True})

    assert brief(checks.check_plan_reporters(make_plan(change))) == [
        (
            "JY046",
            "error",
            PLAN_FILE,
            ("goals", "indicators", 0, "id"),
            "指标 projects 没有报送单位",
        ),
        (
            "JY046",
            "error",
            PLAN_FILE,
            ("goals", "indicators", 1, "reporters"),
            "总量指标 total 由组成指标相加得出，不应设置 reporters",
        ),
        (
            "JY046",
            "error",
            PLAN_FILE,
            ("tasks", 0, "indicators", 0, "id"),
            "指标 ai-models 的汇总方式为 single（一个权威报送单位），却有 2 个报送单位"
            "（市经信局、市科技创新局）：请用 reporters 指定一个，或改为 combine: sum",
        ),
        (
            "JY046",
            "error",
            PLAN_FILE,
            ("tasks", 0, "indicators", 1, "id"),
            "指标 space 没有报送单位",
        ),
    ]


def test_deliverables() -> None:
    def change(d):
        d["deliverables"].append(
            {"id": "brief", "name": "简报", "kind": "monthly", "owed_by": ["fgw"], "due_day": 10}
        )
        d["plan"]["start"] = "2026-01-01"

    assert brief(checks.check_plan_deliverables(make_plan(change))) == [
        (
            "JY047",
            "error",
            PLAN_FILE,
            ("deliverables", 3, "kind"),
            "只能有一个每月报送事项（月报文件名为 YYYY-MM.yaml）",
        ),
        ("JY047", "error", PLAN_FILE, ("plan", "start"), "办理期开始日期晚于结束日期"),
    ]


# ---------------------------------------------------------------- reports


def test_report_unit() -> None:
    plan = make_plan()
    reports = [monthly("jxx"), monthly("kjj", folder="jxj"), monthly("jxj")]
    assert brief(checks.check_report_unit(plan, reports)) == [
        (
            "JY020",
            "error",
            "data/reports/jxx/2025-07.yaml",
            ("unit",),
            "单位 jxx 未在计划中声明，是否指 jxj？",
        ),
        (
            "JY024",
            "error",
            "data/reports/jxj/2025-07.yaml",
            ("unit",),
            "文件在目录 jxj/ 下，但 unit 写的是 kjj：请把文件移到 data/reports/kjj/，或改正 unit",
        ),
    ]


def test_report_period() -> None:
    plan = make_plan()
    reports = [
        monthly(month="2025-08", stem="2025-07"),
        monthly(month="2025-04"),
        monthly(month="2026-01"),
        document(deliverable="half-year-sumary"),
        document(deliverable="info"),
        document(deliverable="half-year-summary", stem="annual-summary"),
    ]
    assert brief(checks.check_report_period(plan, reports)) == [
        (
            "JY025",
            "error",
            "data/reports/jxj/2025-07.yaml",
            ("month",),
            "文件名是 2025-07，但 month 写的是 2025-08：月报文件名应为 2025-08.yaml",
        ),
        (
            "JY026",
            "error",
            "data/reports/jxj/2025-04.yaml",
            ("month",),
            "月份 2025-04 不在方案办理期（2025-05 至 2025-12）内",
        ),
        (
            "JY026",
            "error",
            "data/reports/jxj/2026-01.yaml",
            ("month",),
            "月份 2026-01 不在方案办理期（2025-05 至 2025-12）内",
        ),
        (
            "JY022",
            "error",
            "data/reports/jxj/half-year-sumary.yaml",
            ("deliverable",),
            "报送事项 half-year-sumary 未在计划中定义，是否指 half-year-summary？",
        ),
        (
            "JY022",
            "error",
            "data/reports/jxj/info.yaml",
            ("deliverable",),
            "报送事项 info 未在计划中定义：每月信息请写在 YYYY-MM.yaml 月报中",
        ),
        (
            "JY025",
            "error",
            "data/reports/jxj/annual-summary.yaml",
            ("deliverable",),
            "文件名是 annual-summary，但 deliverable 写的是 half-year-summary：文件名应为 half-year-summary.yaml",
        ),
    ]


def test_report_period_with_reversed_plan_period_does_not_crash() -> None:
    def change(d):
        d["plan"]["start"], d["plan"]["end"] = "2025-12-31", "2025-05-01"

    out = checks.check_report_period(make_plan(change), [monthly()])
    assert brief(out) == [
        (
            "JY026",
            "error",
            "data/reports/jxj/2025-07.yaml",
            ("month",),
            "月份 2025-07 不在方案办理期（2025-12 至 2025-05）内",
        )
    ]


def test_report_owed() -> None:
    def change(d):
        d["settings"]["member_units"] = ["jxj"]

    plan = make_plan(change)
    reports = [monthly("jxj"), monthly("kjj"), document("wxb"), document("kjj", "city-summary")]
    reports.append(document("nobody"))  # unknown units are JY020's business
    assert brief(checks.check_report_owed(plan, reports)) == [
        (
            "JY032",
            "warning",
            "data/reports/kjj/2025-07.yaml",
            ("unit",),
            "市科技创新局 不是需每月报送信息的成员单位",
        ),
        (
            "JY032",
            "warning",
            "data/reports/wxb/half-year-summary.yaml",
            ("deliverable",),
            "市委网信办 无需报送上半年小结",
        ),
        (
            "JY032",
            "warning",
            "data/reports/kjj/city-summary.yaml",
            ("deliverable",),
            "市科技创新局 无需报送全市总结",
        ),
    ]


def test_report_indicators() -> None:
    plan = make_plan()
    reports = [
        monthly("jxj", indicators={"ai-model": 1, "ai-models": -1, "space": 2, "total": 3}),
        monthly("jiangan", indicators={"space": 5}),  # a group member: fine
        monthly("nobody", indicators={"space": 1}),  # unknown unit: no JY027
    ]
    path = "data/reports/jxj/2025-07.yaml"
    assert brief(checks.check_report_indicators(plan, reports)) == [
        (
            "JY021",
            "error",
            path,
            ("indicators", "ai-model"),
            "指标 ai-model 未在计划中定义，是否指 ai-models？",
        ),
        (
            "JY014",
            "error",
            path,
            ("indicators", "ai-models", "value"),
            "指标 ai-models 的值 -1 为负数：请填写自方案开始的累计值",
        ),
        (
            "JY027",
            "error",
            path,
            ("indicators", "space"),
            "指标 space（新建面积）不由市经信局报送（报送单位：江岸区人民政府、江汉区人民政府）",
        ),
        (
            "JY027",
            "error",
            path,
            ("indicators", "total"),
            "指标 total 是总量，由 opto、health 相加得出，不需要报送",
        ),
    ]
    out = checks.check_report_indicators(plan, reports)
    assert [d.at_key for d in out] == [True, False, True, True]


def test_report_indicators_lists_at_most_five_reporters() -> None:
    def change(d):
        for i in range(6):
            d["units"].append({"id": f"d{i}", "name": f"第{i}区"})
        d["groups"][0]["members"] = [f"d{i}" for i in range(6)]

    [d] = checks.check_report_indicators(make_plan(change), [monthly(indicators={"space": 1})])
    assert d.message.endswith("（报送单位：第0区、第1区、第2区、第3区、第4区 等）")


def test_report_cumulative() -> None:
    """Issue 32: a 1–N月累计 below the previous month is an error (a month's increment typed
    instead of the total); a month in error is not the reference for the next one."""
    plan = make_plan()
    reports = [
        monthly(month="2025-06", indicators={"ai-models": 8}),
        monthly(month="2025-07", indicators={"ai-models": 6}),
        monthly(month="2025-08", indicators={"ai-models": 7}),
        monthly(month="2025-09", indicators={"ai-models": 9}),
        # Stocks (kind: level) may go down.
        monthly("fgw", month="2025-06", indicators={"opto": 900}),
        monthly("fgw", month="2025-07", indicators={"opto": 800}),
    ]
    tail = "确需下调（如数据修正）时请写明原因：ai-models: {{value: {v}, note: 数据修正：…}}（填报表中填在该指标的“说明”栏）"
    assert brief(checks.check_report_cumulative(plan, reports)) == [
        (
            "JY028",
            "error",
            "data/reports/jxj/2025-07.yaml",
            ("indicators", "ai-models", "value"),
            "指标 ai-models（大模型）填的是 6，低于上月：应填写2025年1月起的累计值，"
            "上月为8（1–N月累计，不是当月新增）。" + tail.format(v=6),
        ),
        (
            "JY028",
            "error",
            "data/reports/jxj/2025-08.yaml",
            ("indicators", "ai-models", "value"),
            "指标 ai-models（大模型）填的是 7，低于2025年6月：应填写2025年1月起的累计值，"
            "2025年6月为8（1–N月累计，不是当月新增）。" + tail.format(v=7),
        ),
    ]


def test_report_cumulative_with_a_note_is_a_warning_and_the_new_reference() -> None:
    plan = make_plan()
    fix = "数据修正：剔除重复统计的2个"
    reports = [
        monthly(month="2025-06", indicators={"ai-models": 8}),
        monthly(month="2025-07", indicators={"ai-models": {"value": 6, "note": fix}}),
        monthly(month="2025-08", indicators={"ai-models": 7}),  # above the corrected 6: fine
    ]
    assert brief(checks.check_report_cumulative(plan, reports)) == [
        (
            "JY028",
            "warning",
            "data/reports/jxj/2025-07.yaml",
            ("indicators", "ai-models", "value"),
            f"指标 ai-models（大模型）填的是 6，低于上月的 8，已附说明“{fix}”："
            "请确认说明写清了下调的原因，以后各月在 6 的基础上累计",
        ),
    ]


def test_report_cumulative_counted_from_the_start_never_falls() -> None:
    plan = make_plan(lambda d: d["tasks"][0]["indicators"][0].update(kind="cumulative"))
    reports = [
        monthly(month="2025-12", indicators={"ai-models": 20}),
        monthly(month="2026-01", indicators={"ai-models": 2}),
    ]
    (found,) = checks.check_report_cumulative(plan, reports)
    assert found.severity == "error" and found.path.endswith("2026-01.yaml")
    assert "应填写自方案开始的累计值，上月为20（不是当月新增）" in found.message


def test_report_cumulative_resets_in_january() -> None:
    # 1–N月累计 starts again each January: 2026-01 below 2025-12 is no decrease.
    reports = [
        monthly(month="2025-12", indicators={"ai-models": 20}),
        monthly(month="2026-01", indicators={"ai-models": 2}),
    ]
    assert checks.check_report_cumulative(make_plan(), reports) == []


def test_report_cumulative_per_unit() -> None:
    plan = make_plan()
    reports = [
        monthly("jiangan", month="2025-06", indicators={"space": 8}),
        monthly("jianghan", month="2025-07", indicators={"space": 2}),
    ]
    assert checks.check_report_cumulative(plan, reports) == []


def test_report_duplicates() -> None:
    plan = make_plan()
    reports = [monthly(suffix=".yml"), monthly(), document(), document(stem="half-year-summary-2")]
    assert brief(checks.check_report_duplicates(plan, reports)) == [
        (
            "JY029",
            "error",
            "data/reports/jxj/2025-07.yml",
            ("month",),
            "市经信局 的 2025-07 已在 data/reports/jxj/2025-07.yaml 报送，同一事项只能有一个文件",
        ),
        (
            "JY029",
            "error",
            "data/reports/jxj/half-year-summary.yaml",
            ("deliverable",),
            "市经信局 的 half-year-summary 已在 data/reports/jxj/half-year-summary-2.yaml 报送，同一事项只能有一个文件",
        ),
    ]


def test_report_submitted() -> None:
    plan = make_plan()
    reports = [
        monthly(submitted="2025-06-30"),
        monthly("kjj", submitted="2025-07-01"),  # the first day of the month is fine
        monthly("fgw"),  # no date: git decides
    ]
    assert brief(checks.check_report_submitted(plan, reports)) == [
        (
            "JY030",
            "error",
            "data/reports/jxj/2025-07.yaml",
            ("submitted",),
            "报送日期 2025-06-30 早于所报月份 2025-07",
        ),
    ]


def test_report_tasks() -> None:
    plan = make_plan()
    reports = [
        monthly("fgw", tasks={"t2": "推进中", "t3": "已完成"}),
        monthly("jxj", tasks={"t2": {"status": "推进中", "note": "配合"}}),
        monthly("jxj", month="2025-08", tasks={"t1": "推进中"}),  # its own task: fine
    ]
    assert brief(checks.check_report_tasks(plan, reports)) == [
        (
            "JY023",
            "error",
            "data/reports/fgw/2025-07.yaml",
            ("tasks", "t3"),
            "任务 t3 未在计划中定义",
        ),
        (
            "JY031",
            "error",
            "data/reports/jxj/2025-07.yaml",
            ("tasks", "t2"),
            "任务 t2（任务二）的进展由牵头单位市发改委填报",
        ),
    ]


def test_run_checks_runs_every_check_in_order() -> None:
    assert len(checks.PLAN_CHECKS) == 10 and len(checks.REPORT_CHECKS) == 15
    assert len(checks.DATED_CHECKS) == 1 and len(checks.OFFICE_CHECKS) == 4
    plan = make_plan(lambda d: d["groups"][0].update(members=[]))
    out = checks.run_checks(plan, [monthly("jxx")])
    codes = [d.code for d in out]
    assert codes[0] == "JY041"  # plan checks first
    assert "JY020" in codes


@pytest.mark.parametrize("check", checks.PLAN_CHECKS, ids=lambda c: c.__name__)
def test_plan_checks_are_pure(check) -> None:
    plan = make_plan()
    before = plan.model_dump()
    assert check(plan) == check(plan)
    assert plan.model_dump() == before


def test_every_check_has_a_docstring_naming_its_codes() -> None:
    every = [*checks.PLAN_CHECKS, *checks.REPORT_CHECKS, *checks.DATED_CHECKS]
    for check in [*every, *checks.OFFICE_CHECKS]:
        assert check.__doc__ and "JY0" in check.__doc__, check.__name__


def test_checks_module_reads_no_disk() -> None:
    source = Path(checks.__file__).read_text(encoding="utf-8")
    for word in ("open(", "read_text", "Path(", "os."):
        assert word not in source
