"""The pydantic models: strict, frozen, no unknown keys; dates, months, numbers; Plan lookups."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from jianyian.load import load_plan
from jianyian.models import (
    Deliverable,
    DocumentReport,
    Indicator,
    IndicatorEntry,
    Liaison,
    MonthlyReport,
    Plan,
    TaskEntry,
    Unit,
)

from ..conftest import REPO

INFO = {"title": "市经信局推进人工智能赋能制造业情况", "body": "本月……"}


def monthly(**fields) -> dict:
    return {"unit": "jxj", "month": "2025-07", "info": INFO, **fields}


def errors(model, data) -> list[dict]:
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return exc.value.errors(include_url=False)


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded, _, diags = load_plan(REPO)
    assert loaded is not None, diags
    assert diags == []
    return loaded


# ---------------------------------------------------------------- strictness


def test_monthly_report_minimal_and_defaults() -> None:
    r = MonthlyReport.model_validate(monthly())
    assert (r.unit, r.month, r.submitted) == ("jxj", "2025-07", None)
    assert r.indicators == {} and r.tasks == {} and r.problems == [] and r.next_steps == []
    assert r.info.title == INFO["title"]


def test_models_are_frozen() -> None:
    r = MonthlyReport.model_validate(monthly())
    with pytest.raises(ValidationError):
        r.unit = "kjj"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        (monthly(indicator={"ai-models": 8}), ("indicator",)),
        (monthly(info={**INFO, "summary": "x"}), ("info", "summary")),
        (
            monthly(indicators={"ai-models": {"value": 8, "nte": "x"}}),
            ("indicators", "ai-models", "nte"),
        ),
    ],
)
def test_unknown_keys_rejected(data: dict, loc: tuple) -> None:
    errs = errors(MonthlyReport, data)
    assert [(e["type"], e["loc"]) for e in errs] == [("extra_forbidden", loc)]


def test_unknown_plan_key_rejected(plan: Plan) -> None:
    data = plan.model_dump(mode="json")
    data["unit"] = []
    assert [e["type"] for e in errors(Plan, data)] == ["extra_forbidden"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (monthly(unit=12), "string_type"),  # strict: no int → str coercion
        (monthly(info={"title": "标题", "body": ""}), "string_too_short"),
        (monthly(problems="部分企业数据基础薄弱"), "list_type"),
        (monthly(problems=[1]), "string_type"),
        (monthly(indicators=["ai-models"]), "dict_type"),
    ],
)
def test_strict_types(data: dict, kind: str) -> None:
    assert kind in [e["type"] for e in errors(MonthlyReport, data)]


def test_missing_required_fields() -> None:
    errs = errors(MonthlyReport, {"unit": "jxj"})
    assert sorted(e["loc"] for e in errs if e["type"] == "missing") == [("info",), ("month",)]
    errs = errors(DocumentReport, {"unit": "jxj"})
    assert sorted(e["loc"][0] for e in errs) == ["deliverable"]
    # A document says something: a body, or a 小结 in sections (issue 28).
    errs = errors(DocumentReport, {"unit": "jxj", "deliverable": "half-year-summary"})
    assert [e["type"] for e in errs] == ["jy_document"]
    ok = {"unit": "jxj", "deliverable": "half-year-summary", "tasks": {"t1": {"results": "x"}}}
    assert DocumentReport.model_validate(ok).structured


@pytest.mark.parametrize("slug", ["jxj", "ai-models", "t1-1", "2025"])
def test_slug_accepted(slug: str) -> None:
    assert Unit(id=slug, name="某单位").id == slug


@pytest.mark.parametrize("slug", ["JXJ", "-jxj", "jx_j", "经信局", "jxj ", ""])
def test_slug_rejected(slug: str) -> None:
    errs = errors(Unit, {"id": slug, "name": "某单位"})
    assert errs[0]["type"] == "jy_slug"
    assert "不是合法的标识" in errs[0]["msg"]


def test_liaison_email_checked() -> None:
    assert Liaison(name="张三", email="zhangsan@example.gov.cn").phone is None
    assert (
        errors(Liaison, {"name": "张三", "email": "张三"})[0]["type"] == "string_pattern_mismatch"
    )


# ---------------------------------------------------------------- dates and months


@pytest.mark.parametrize("value", [date(2025, 8, 3), "2025-08-03"])
def test_date_accepted(value) -> None:
    assert MonthlyReport.model_validate(monthly(submitted=value)).submitted == date(2025, 8, 3)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (datetime(2025, 8, 3, 10, 0), "不要带时间"),
        ("2025/08/03", "“2025/08/03”不是有效日期"),
        ("2025-02-30", "不是有效日期"),
        (20250803, "不是有效日期"),
        ("八月三日", "应写作 YYYY-MM-DD"),
    ],
)
def test_date_rejected(value, fragment: str) -> None:
    errs = errors(MonthlyReport, monthly(submitted=value))
    assert [(e["type"], e["loc"]) for e in errs] == [("jy_date", ("submitted",))]
    assert fragment in errs[0]["msg"]


@pytest.mark.parametrize("value", ["2025-01", "2025-07", "2025-12"])
def test_month_accepted(value: str) -> None:
    assert MonthlyReport.model_validate(monthly(month=value)).month == value


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2025-7", "“2025-7”不是有效月份"),
        ("2025-13", "不是有效月份"),
        ("2025-00", "不是有效月份"),
        ("7月", "应写作 YYYY-MM"),
        (202507, "不是有效月份"),
        (date(2025, 7, 1), "不要写具体日期"),
    ],
)
def test_month_rejected(value, fragment: str) -> None:
    errs = errors(MonthlyReport, monthly(month=value))
    assert [e["type"] for e in errs] == ["jy_month"]
    assert fragment in errs[0]["msg"]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(("value", "expected"), [(8, 8.0), (0, 0.0), (12.5, 12.5), (-2, -2.0)])
def test_number_accepted(value, expected: float) -> None:
    # Negative values pass the schema: check_report_indicators reports them (JY014).
    entry = IndicatorEntry.model_validate({"value": value})
    assert entry.value == expected and isinstance(entry.value, float)


@pytest.mark.parametrize(
    ("text", "number"),
    [("８", 8), ("１２．５", 12.5), ("7", 7), (" 7 ", 7), ("－３", -3)],
)
def test_full_width_and_quoted_numbers_are_read(text: str, number: float) -> None:
    # What a Chinese input method types, and a quoted number: read as the number (NFKC).
    entry = IndicatorEntry.model_validate(text)
    assert entry.value == number


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("8500亿", "“8500亿”不是数字"),
        ("八", "“八”不是数字"),  # Chinese numerals are not guessed
        (True, "不是数字"),
        (None, "未填写数值"),
        (float("nan"), "“nan”不是数字"),
        (float("inf"), "“inf”不是数字"),
        ([8], "不是数字"),
    ],
)
def test_number_rejected(value, fragment: str) -> None:
    errs = errors(IndicatorEntry, {"value": value})
    assert [e["type"] for e in errs] == ["jy_number"]
    assert fragment in errs[0]["msg"]
    assert "计量单位见计划" in errs[0]["msg"]  # load.py replaces this with the measure


def test_bare_number_is_short_form() -> None:
    short = MonthlyReport.model_validate(monthly(indicators={"ai-models": 8}))
    long = MonthlyReport.model_validate(monthly(indicators={"ai-models": {"value": 8}}))
    assert short == long
    assert short.indicators["ai-models"] == IndicatorEntry(value=8, note=None)
    noted = IndicatorEntry.model_validate({"value": 12, "note": "新增2家"})
    assert (noted.value, noted.note) == (12.0, "新增2家")


def test_bare_number_error_points_into_value() -> None:
    errs = errors(MonthlyReport, monthly(indicators={"ai-models": "八"}))
    assert errs[0]["loc"] == ("indicators", "ai-models", "value")


def test_bare_task_status_is_short_form() -> None:
    r = MonthlyReport.model_validate(monthly(tasks={"t2-3": "推进中"}))
    assert r.tasks["t2-3"] == TaskEntry(status="推进中", note=None)
    assert errors(TaskEntry, "进行中")[0]["type"] == "literal_error"


# ---------------------------------------------------------------- plan pieces


def test_indicator_defaults() -> None:
    ind = Indicator(id="ai-models", name="部署垂直行业大模型及应用", target=20, measure="个")
    assert ind.comparator is None and ind.comparison == "at_least" and ind.combine == "single"
    assert ind.kind == "ytd" and ind.baseline is None
    assert ind.reporters is None and ind.parts is None and ind.qualifier is None
    bad = {"id": "x", "name": "某指标", "target": 1, "measure": "个", "comparator": "about"}
    assert errors(Indicator, bad)[0]["type"] == "literal_error"
    assert errors(Indicator, {**bad, "comparator": "at_least", "qualifier": "大约"})
    # The notice's words decide the comparator unless the plan says otherwise.
    assert Indicator(**{**bad, "comparator": None, "qualifier": "突破"}).comparison == "more_than"
    assert Indicator(**{**bad, "comparator": None, "qualifier": "控制在"}).comparison == "at_most"
    assert Indicator(**{**bad, "comparator": None, "qualifier": "以上"}).comparison == "at_least"
    # A level needs its baseline, and only a level has one.
    level = {**bad, "comparator": None, "kind": "level"}
    assert errors(Indicator, level)[0]["type"] == "jy_baseline"
    assert Indicator(**{**level, "baseline": 0}).baseline == 0
    assert errors(Indicator, {**bad, "comparator": None, "baseline": 5})[0]["type"] == "jy_baseline"


def test_deliverable_once_needs_due_monthly_needs_due_day() -> None:
    base = {"id": "x", "name": "某事项", "owed_by": "responsible_units"}
    assert Deliverable(**base, kind="once", due="2025-06-30").due == date(2025, 6, 30)
    assert Deliverable(**base, kind="monthly", due_day=5).due_day == 5
    assert "必须填写 due" in errors(Deliverable, {**base, "kind": "once"})[0]["msg"]
    assert "必须填写 due_day" in errors(Deliverable, {**base, "kind": "monthly"})[0]["msg"]
    for day, kind in ((0, "greater_than_equal"), (32, "less_than_equal"), (29, "jy_due")):
        errs = errors(Deliverable, {**base, "kind": "monthly", "due_day": day})
        assert errs[0]["type"] == kind
    assert "1–28" in errors(Deliverable, {**base, "kind": "monthly", "due_day": 29})[0]["msg"]
    assert errors(Deliverable, {**base, "kind": "once", "due": "2025-06-30", "owed_by": "all"})


def test_deliverable_quarterly_needs_its_day_and_only_it_has_a_quarter_month() -> None:
    base = {"id": "x", "name": "某事项", "owed_by": "lead_units"}
    quarterly = Deliverable(**base, kind="quarterly", due_day=30, quarter_month=3)
    assert (quarterly.due_day, quarterly.quarter_month) == (30, 3)
    assert Deliverable(**base, kind="quarterly", due_day=31).quarter_month is None  # 3: 季末月
    assert "必须填写 due_day" in errors(Deliverable, {**base, "kind": "quarterly"})[0]["msg"]
    wrong = {**base, "kind": "once", "due": "2025-06-30", "quarter_month": 1}
    assert "只有每季度报送事项" in errors(Deliverable, wrong)[0]["msg"]
    assert errors(Deliverable, {**base, "kind": "quarterly", "due_day": 10, "quarter_month": 4})


def test_plan_requires_version_1(plan: Plan) -> None:
    data = plan.model_dump(mode="json")
    assert Plan.model_validate(data) == plan
    assert errors(Plan, {**data, "version": 2})[0]["type"] == "literal_error"


# ---------------------------------------------------------------- Plan lookups (the real plan)

DISTRICTS = [
    "jiangan", "jianghan", "qiaokou", "hanyang", "wuchang", "qingshan", "hongshan",
    "dongxihu", "hannan", "caidian", "jiangxia", "huangpi", "xinzhou",
    "dhgxq", "wjkq", "lkgq", "cjxq", "fjq",
]  # fmt: skip


def test_expand_groups_units_and_unknowns(plan: Plan) -> None:
    assert plan.expand(["districts"]) == DISTRICTS
    assert plan.expand(["jxj", "districts", "jxj", "jiangan"]) == ["jxj", *DISTRICTS]
    assert plan.expand(["chain-leads"]) == []  # members unknown
    assert plan.expand(["nobody", "fgw"]) == ["fgw"]  # unknown refs are skipped here


def test_responsible_units_are_every_unit_named_in_a_task(plan: Plan) -> None:
    units = plan.responsible_units
    assert len(units) == len(set(units))
    for lead in ("jxj", "fgw", "kjj", "rcj", "jrb", "sjj"):
        assert lead in units
    assert set(DISTRICTS) <= set(units)
    # Every declared unit is named in some task of the real plan.
    assert set(units) == set(plan.unit_by_id)
    assert plan.member_units == units


def test_owners_of_deliverables(plan: Plan) -> None:
    d = plan.deliverable_by_id
    assert plan.owners(d["city-half-year-summary"]) == ["fgw"]
    assert plan.owners(d["half-year-summary"]) == plan.responsible_units
    assert plan.owners(d["info"]) == plan.member_units


def test_reporters(plan: Plan) -> None:
    r = plan.reporters
    assert r["ai-models"] == ["jxj"]  # the task's lead unit
    assert r["lab-achievements"] == ["kjj"]
    assert r["pe-institutions"] == ["jrb"]  # explicit, one of two leads
    assert r["digital-lines"] == ["sjj"]
    assert r["projects-started"] == ["fgw"]  # settings.goal_reporters
    assert r["optoelectronics"] == ["fgw"]
    assert r["industries-total"] == []  # made of parts
    assert r["innovation-space"] == DISTRICTS  # a group, summed
    assert set(r) == set(plan.indicator_by_id)
    assert "ai-models" in plan.indicators_of_unit["jxj"]
    assert plan.indicators_of_unit["wxb"] == []


def test_task_of_indicator(plan: Plan) -> None:
    assert plan.task_of_indicator["projects-started"] is None
    assert plan.task_of_indicator["graduates"].id == "t3-1"
    assert len(plan.tasks) == 9
    assert [t.id for t in plan.tasks if not t.indicators] == ["t2-3"]


def with_period(plan: Plan, start: date, end: date) -> Plan:
    """A fresh Plan (model_copy would carry the cached lookups over)."""
    data = plan.model_dump()
    data["plan"].update(start=start, end=end)
    return Plan.model_validate(data)


def test_months(plan: Plan) -> None:
    assert plan.months == [f"2025-{m:02d}" for m in range(5, 13)]
    across = with_period(plan, date(2025, 11, 15), date(2026, 2, 1))
    assert across.months == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert with_period(plan, date(2025, 5, 1), date(2025, 4, 1)).months == []


@pytest.mark.parametrize("text", ["jxj", "市经信局", "经信局", " 经信局 ", "经信"])
def test_find_units_by_id_full_short_or_part(plan: Plan, text: str) -> None:
    assert [u.id for u in plan.find_units(text)] == ["jxj"]


def test_find_units_exact_wins_and_ambiguity(plan: Plan) -> None:
    # "江汉区" is exactly one short name although "江汉" would also match 江汉区 only.
    assert [u.id for u in plan.find_units("江汉区")] == ["jianghan"]
    # A part of several names: every match, for the caller to call ambiguous.
    assert {u.id for u in plan.find_units("开发区")} == {"dhgxq", "wjkq", "lkgq"}
    assert plan.find_units("") == []
    assert plan.find_units("市不存在局") == []


def test_unit_label(plan: Plan) -> None:
    assert plan.unit_label("jxj") == "市经信局"
    assert plan.unit_label("nobody") == "nobody"


def test_lookups_match_the_real_plan_file(plan: Plan) -> None:
    # The file is the real one: fixtures copy it, so guard against an empty copy.
    assert Path(REPO / "data" / "targets.yaml").stat().st_size > 10_000
    assert plan.plan.issued == date(2025, 5, 5)
    assert plan.plan.office == "fgw"
    assert plan.group_by_id["chain-leads"].members_unknown
