"""``jianyian new`` and ``jianyian set``: scaffolds that validate, edits that keep the file."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.cli import app
from jianyian.load import load_project
from jianyian.load.yamlsrc import parse_yaml
from jianyian.write.roundtrip import check_report_text
from jianyian.write.scaffold import render_scaffold

from ..conftest import REAL_TARGETS, runner
from ..support.samples import JXJ_JULY

# Data dated 2025 with submitted: dates: today must lie after them (JY033).
pytestmark = pytest.mark.usefixtures("clock")


def run(root: Path, *args: str):
    return runner.invoke(app, [*args, "--root", str(root)])


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


# ---------------------------------------------------------------- new


def test_new_creates_a_scaffold_that_validates(make_project: Callable[..., Path]) -> None:
    root = make_project()
    r = run(root, "new", "--unit", "经信局", "--month", "2025-08")
    assert r.exit_code == 0, r.output
    assert "data/reports/jxj/2025-08.yaml" in r.output
    path = root / "data/reports/jxj/2025-08.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/report.schema.json"
    schema_file = (path.parent / first.split("=", 1)[1]).resolve()
    assert schema_file == (root / "schemas" / "report.schema.json").resolve()
    assert "部署垂直行业大模型及应用" in text and "目标20个" in text and "计量单位“个”" in text

    v = run(root, "validate", "--format", "json")
    assert v.exit_code == 0, v.output
    # No error; the one warning about the new file is its placeholder text (JY034).
    found = [d for d in json.loads(v.stdout)["diagnostics"] if d["path"].startswith("data/reports")]
    body = text.splitlines().index("  body: |") + 1
    assert [(d["code"], d["line"]) for d in found] == [("JY034", body)]
    assert "下一步：用 jianyian set 填写指标" in r.output and "JY034" not in r.output


def test_scaffold_holds_only_the_units_indicators(make_project: Callable[..., Path]) -> None:
    root = make_project()
    project = check_project(load_project(root))
    plan = project.plan
    assert plan is not None
    for unit in ("jxj", "fgw", "sjj", "jiangan"):
        scaffold = render_scaffold(plan, project.reports, unit, month="2025-06")
        value = parse_yaml(scaffold.text, scaffold.path).value
        assert list(value.get("indicators", {})) == plan.indicators_of_unit[unit]
    fgw = parse_yaml(render_scaffold(plan, [], "fgw", month="2025-06").text, "x").value
    # (二)3 has no indicators but is divided into actions: reported action by action.
    assert "tasks" not in fgw
    assert list(fgw["actions"]) == plan.actions_of_unit["fgw"]
    assert set(fgw["actions"].values()) == {"未启动"}
    assert [a for a in fgw["actions"] if a.startswith("t2-3-")] == [
        a.id for a in plan.task_by_id["t2-3"].actions
    ]
    jxj = parse_yaml(render_scaffold(plan, [], "jxj", month="2025-06").text, "x").value
    assert "tasks" not in jxj


def test_every_scaffold_validates_as_written(make_project: Callable[..., Path]) -> None:
    root = make_project()
    project = check_project(load_project(root))
    plan = project.plan
    assert plan is not None
    documents = [d.id for d in plan.deliverables if d.kind == "once"]
    for unit in plan.unit_by_id:
        scaffolds = [render_scaffold(plan, [], unit, month="2025-08")]
        scaffolds += [
            render_scaffold(plan, [], unit, deliverable=d)
            for d in documents
            if unit in plan.owners(plan.deliverable_by_id[d])
        ]
        for s in scaffolds:
            # No error; only the placeholder warning, at each text the liaison must write:
            # the body, or a 小结's overview and each field of each task it leads or shares.
            found = check_report_text(project, s.path, s.text)
            value = parse_yaml(s.text, s.path).value
            if "body" in value or "info" in value:
                places = ["body"]
            else:
                tasks = [t.id for t in plan.tasks_of_unit(unit)]
                assert list(value.get("tasks", {})) == tasks
                places = ["overview"] + ["measures", "results", "problems"] * len(tasks)
            assert [d.code for d in found] == ["JY034"] * len(places), s.text
            assert [d.loc[-1] for d in found] == places


def test_new_starts_from_each_indicators_latest_earlier_value(
    make_project: Callable[..., Path],
) -> None:
    june = "unit: jxj\nmonth: 2025-06\nindicators: {ai-models: 5, joint-labs: 1}\ninfo: {title: 六月, body: x}\n"
    october = (
        "unit: jxj\nmonth: 2025-10\nindicators: {ai-models: 15}\ninfo: {title: 十月, body: x}\n"
    )
    root = make_project(
        {"jxj/2025-06.yaml": june, "jxj/2025-07.yaml": JXJ_JULY, "jxj/2025-10.yaml": october}
    )
    r = run(root, "new", "--unit", "jxj", "--month", "2025-09")
    assert r.exit_code == 0, r.output
    text = (root / "data/reports/jxj/2025-09.yaml").read_text(encoding="utf-8")
    value = parse_yaml(text, "x").value
    assert value["indicators"]["ai-models"] == 8  # July, not June or October
    assert value["indicators"]["pilot-platforms"] == 12  # the note is not carried over
    # Not in July: June's value, the one a lower September value would fall below (JY028).
    assert value["indicators"]["joint-labs"] == 1
    assert value["indicators"]["major-projects"] == 0  # never reported: starts at 0
    assert "起始值取自 2025-07 月报" in text and "起始值取自 2025-06 月报" in text


@pytest.mark.parametrize(
    "named", ["half-year-summary", "上半年办理工作小结", "上半年小结", "半年小结"]
)
def test_new_takes_a_deliverable_by_id_name_or_short_name(
    make_project: Callable[..., Path], named: str
) -> None:
    """Issue 32: ``--deliverable 上半年小结`` as units take 经信局 (one resolver)."""
    root = make_project()
    r = run(root, "new", "--unit", "经信局", "--deliverable", named)
    assert r.exit_code == 0, r.output
    assert "已创建 data/reports/jxj/half-year-summary.yaml" in r.stdout
    assert "把占位文字“（待填写）”改为实际内容" in r.stdout
    value = parse_yaml(
        (root / "data/reports/jxj/half-year-summary.yaml").read_text(encoding="utf-8"), "x"
    ).value
    assert value["deliverable"] == "half-year-summary"


@pytest.mark.parametrize(
    ("named", "message"),
    [
        (
            "总结",
            "错误：“总结”可指多个报送事项：city-half-year-summary（全市半年工作总结）、"
            "annual-summary（办理工作年度总结）、city-annual-summary（全市办理工作总结），"
            "请写全称或标识",
        ),
        ("信息", "错误：信息按月报送：请用 --month YYYY-MM"),
        ("年终报告", "错误：计划中没有报送事项“年终报告”（可选：handling-plan（具体办理方案）、"),
        ("half-year", "错误：计划中没有报送事项“half-year”，是否指 half-year-summary？（可选："),
    ],
)
def test_an_unclear_deliverable_is_a_usage_error_listing_candidates(
    make_project: Callable[..., Path], named: str, message: str
) -> None:
    root = make_project()
    r = run(root, "new", "--unit", "经信局", "--deliverable", named)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(message), r.stderr
    assert not list((root / "data/reports").rglob("*.yaml"))


def test_an_abbreviation_finds_a_drafted_deliverable_without_a_short_name(
    make_project: Callable[..., Path],
) -> None:
    """A plan whose deliverables have no ``short:`` (and pinyin ids, as ``draft`` makes
    them): the characters of 上半年小结, in order, name 上半年办理工作小结."""
    head, tail = REAL_TARGETS.read_text(encoding="utf-8").split("\ndeliverables:\n")
    tail = "\n".join(line for line in tail.splitlines() if not line.startswith("    short:"))
    text = f"{head}\ndeliverables:\n{tail}\n".replace("id: half-year-summary", "id: sbnblgzxj")
    assert "上半年小结" not in text
    root = make_project(targets=text)
    r = run(root, "new", "--unit", "经信局", "--deliverable", "上半年小结")
    assert r.exit_code == 0, r.output
    assert (root / "data/reports/jxj/sbnblgzxj.yaml").is_file()


QUARTERLY_PLAN = """\
version: 1
plan: {id: mini, title: 测试方案, proposal: 测试建议案, notice: 测试通知, issuer: 测试办公厅,
       issued: 2025-02-10, start: 2025-02-01, end: 2025-12-31, leading_group: 测试领导小组,
       office: fgw}
units:
  - {id: fgw, name: 市发改委, short: 发改委}
  - {id: jxj, name: 市经信局, short: 经信局}
goals: {text: 测试目标}
tasks:
  - {id: t1, number: "1", section: 测试, title: 测试任务, text: 原文, lead: [jxj], responsible: [fgw]}
deliverables:
  - {id: progress, name: 本季度进展情况, short: 季度进展, kind: quarterly, owed_by: lead_units,
     quarter_month: 3, due_day: 30}
calendar: [{year: 2025}]
"""


@pytest.mark.parametrize(
    "named", ["progress-2025-06", "本季度进展情况-2025-06", "季度进展-2025-06"]
)
def test_a_quarter_is_named_by_the_deliverable_and_its_month(
    make_project: Callable[..., Path], named: str
) -> None:
    root = make_project(targets=QUARTERLY_PLAN)
    r = run(root, "new", "--unit", "经信局", "--deliverable", named)
    assert r.exit_code == 0, r.output
    assert (root / "data/reports/jxj/progress-2025-06.yaml").is_file()


def test_a_quarterly_deliverable_without_its_quarter_says_which_to_write(
    make_project: Callable[..., Path],
) -> None:
    root = make_project(targets=QUARTERLY_PLAN)
    r = run(root, "new", "--unit", "经信局", "--deliverable", "季度进展")
    assert r.exit_code == 2
    assert r.stderr.startswith(
        "错误：本季度进展情况按季度报送：请写明是哪一期，如 --deliverable progress-2025-03、"
        "progress-2025-06、progress-2025-09、progress-2025-12"
    ), r.stderr


def test_new_summary_skeleton(make_project: Callable[..., Path]) -> None:
    root = make_project()
    r = run(root, "new", "--unit", "市经信局", "--deliverable", "half-year-summary")
    assert r.exit_code == 0, r.output
    value = parse_yaml(
        (root / "data/reports/jxj/half-year-summary.yaml").read_text(encoding="utf-8"), "x"
    ).value
    assert value["unit"] == "jxj" and value["deliverable"] == "half-year-summary"
    # A 小结 in sections: the overview, and a block per task 市经信局 leads or shares.
    assert value["title"] and value["overview"] and "body" not in value
    assert set(value["tasks"]["t1-1"]) == {"measures", "results", "problems"}
    assert run(root, "validate").exit_code == 0
    r = run(root, "new", "--unit", "市经信局", "--deliverable", "handling-plan")
    assert r.exit_code == 0, r.output
    plan_doc = (root / "data/reports/jxj/handling-plan.yaml").read_text(encoding="utf-8")
    assert "body: |" in plan_doc and "overview" not in plan_doc  # a handling plan: free text


def test_new_refuses_to_overwrite(make_project: Callable[..., Path]) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    path = root / "data/reports/jxj/2025-07.yaml"
    before = path.read_bytes()
    r = run(root, "new", "--unit", "jxj", "--month", "2025-07")
    assert r.exit_code == 2, r.output
    assert "已存在" in r.output and "--force" in r.output
    assert path.read_bytes() == before
    r = run(root, "new", "--unit", "jxj", "--month", "2025-07", "--force")
    assert r.exit_code == 0, r.output
    assert path.read_bytes() != before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "jxj", "--month", "2026-01"], "不在方案办理期"),
        (["--unit", "jxj", "--month", "2025-8"], "不是有效月份"),
        (["--unit", "jxj", "--deliverable", "half-year"], "是否指 half-year-summary"),
        (["--unit", "jxj", "--deliverable", "info"], "按月报送"),
        (["--unit", "jxj"], "二选一"),
        (["--unit", "经信委", "--month", "2025-08"], "计划中没有单位"),
        (["--unit", "局", "--month", "2025-08"], "可指多个单位"),
    ],
)
def test_new_usage_errors(make_project: Callable[..., Path], args: list[str], message: str) -> None:
    root = make_project()
    r = run(root, "new", *args)
    assert r.exit_code == 2, r.output
    assert message in r.output
    assert "Traceback" not in r.output
    assert not any((root / "data/reports").rglob("*.yaml"))


# ---------------------------------------------------------------- set


def test_set_changes_values_and_keeps_everything_else(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    path = root / "data/reports/jxj/2025-07.yaml"
    r = run(
        root, "set", "--unit", "经信局", "--month", "2025-07", "ai-models=9", "pilot-platforms=13"
    )
    assert r.exit_code == 0, r.output
    after = path.read_text(encoding="utf-8")
    assert changed_lines(JXJ_JULY, after) == [
        "-  ai-models: 8  # 8个",
        "-  pilot-platforms: {value: 12, note: 新增2家}",
        "+  ai-models: 9  # 8个",
        "+  pilot-platforms: {value: 13, note: 新增2家}",
    ]
    assert run(root, "validate").exit_code == 0


def test_set_adds_a_missing_indicator_and_a_task_status(
    make_project: Callable[..., Path],
) -> None:
    fgw = "unit: fgw\nmonth: 2025-07\ninfo:\n  title: 标题\n  body: 正文\n"
    root = make_project({"fgw/2025-07.yaml": fgw})
    r = run(
        root, "set", "--unit", "fgw", "--month", "2025-07", "projects-started=120.5", "t2-3=已完成"
    )
    assert r.exit_code == 0, r.output
    value = parse_yaml((root / "data/reports/fgw/2025-07.yaml").read_text("utf-8"), "x").value
    assert value["indicators"] == {"projects-started": 120.5}
    assert value["tasks"] == {"t2-3": "已完成"}
    assert list(value) == ["unit", "month", "indicators", "tasks", "info"]


def test_set_on_a_scaffold_changes_one_line(make_project: Callable[..., Path]) -> None:
    root = make_project()
    assert run(root, "new", "--unit", "jxj", "--month", "2025-08").exit_code == 0
    path = root / "data/reports/jxj/2025-08.yaml"
    before = path.read_text(encoding="utf-8")
    r = run(root, "set", "--unit", "jxj", "--month", "2025-08", "joint-labs=2")
    assert r.exit_code == 0, r.output
    # The value, and the "first time" note above it, which is no longer true.
    diff = changed_lines(before, path.read_text(encoding="utf-8"))
    assert len(diff) == 4, diff
    assert diff[0].endswith("；首次填报，请改为实际数值") and diff[0].startswith("-  # ")
    assert diff[1] == "-  joint-labs: 0"
    assert diff[2] == diff[0][:1].replace("-", "+") + diff[0][1:].removesuffix(
        "；首次填报，请改为实际数值"
    )
    assert diff[3] == "+  joint-labs: 2"
    assert r.stdout.strip() == "已更新 data/reports/jxj/2025-08.yaml：joint-labs=2"


def test_set_keeps_crlf_and_bom(make_project: Callable[..., Path]) -> None:
    root = make_project()
    path = root / "data/reports/jxj/2025-07.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + JXJ_JULY.replace("\n", "\r\n").encode())
    r = run(root, "set", "--unit", "jxj", "--month", "2025-07", "ai-models=10")
    assert r.exit_code == 0, r.output
    expected = JXJ_JULY.replace("ai-models: 8", "ai-models: 10").replace("\n", "\r\n")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("ai-model=9", ":10:3: error: 指标 ai-model 未在计划中定义，是否指 ai-models？ [JY021]"),
        ("ai-models=九个", "“九个”不是数字"),
        ("digital-lines=3", "不由市经信局报送"),
        ("ai-models=-1", "为负数"),
        ("t2-3=推进中", "由牵头单位市发改委填报"),
    ],
)
def test_invalid_set_writes_nothing(
    make_project: Callable[..., Path], change: str, expected: str
) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    path = root / "data/reports/jxj/2025-07.yaml"
    before = path.read_bytes()
    r = run(root, "set", "--unit", "jxj", "--month", "2025-07", "concept-centres=4", change)
    assert r.exit_code == 1, r.output
    assert expected in r.output
    assert "data/reports/jxj/2025-07.yaml:" in r.output and "未写入" in r.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["2025-07.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ai-models"], "应写作 指标标识=数值"),
        (["=3"], "应写作 指标标识=数值"),
        (["ai-models="], "应写作 指标标识=数值"),
        (["ai-models=1", "ai-models=2"], "不止一次"),
    ],
)
def test_set_bad_arguments_are_usage_errors(
    make_project: Callable[..., Path], args: list[str], message: str
) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    before = (root / "data/reports/jxj/2025-07.yaml").read_bytes()
    r = run(root, "set", "--unit", "jxj", "--month", "2025-07", *args)
    assert r.exit_code == 2, r.output
    assert message in r.output
    assert (root / "data/reports/jxj/2025-07.yaml").read_bytes() == before


def test_set_needs_an_existing_report(make_project: Callable[..., Path]) -> None:
    root = make_project()
    r = run(root, "set", "--unit", "jxj", "--month", "2025-08", "ai-models=1")
    assert r.exit_code == 2, r.output
    assert "jianyian new --unit jxj --month 2025-08" in r.output


def test_set_refuses_a_file_that_does_not_parse(make_project: Callable[..., Path]) -> None:
    broken = JXJ_JULY.replace("  ai-models: 8", "\tai-models: 8")
    root = make_project({"jxj/2025-07.yaml": broken})
    r = run(root, "set", "--unit", "jxj", "--month", "2025-07", "ai-models=9")
    assert r.exit_code == 1, r.output
    assert "[JY002]" in r.output
    assert (root / "data/reports/jxj/2025-07.yaml").read_text("utf-8") == broken


def test_set_failing_in_the_middle_of_the_write_loses_nothing(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"jxj/2025-07.yaml": JXJ_JULY})
    path = root / "data/reports/jxj/2025-07.yaml"
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    r = run(root, "set", "--unit", "jxj", "--month", "2025-07", "ai-models=9")
    monkeypatch.undo()
    assert r.exit_code == 1, r.output
    assert "无法写入" in r.output and "Traceback" not in r.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["2025-07.yaml"]


def test_set_echoes_the_value_it_stored(make_project: Callable[..., Path]) -> None:
    """Full-width digits typed by a Chinese input method are stored as numbers, and
    the message shows what the file now holds, not what was typed."""
    root = make_project()
    assert run(root, "new", "--unit", "jxj", "--month", "2025-08").exit_code == 0
    path = root / "data/reports/jxj/2025-08.yaml"
    r = run(
        root,
        "set",
        "--unit",
        "jxj",
        "--month",
        "2025-08",
        "ai-models=１２",
        "key-rd-projects=1_000",
    )
    assert r.exit_code == 0, r.output
    assert (
        r.stdout.strip()
        == "已更新 data/reports/jxj/2025-08.yaml：ai-models=12、key-rd-projects=1000"
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "  ai-models: 12" in lines and "  key-rd-projects: 1000" in lines
    r = run(root, "set", "--unit", "jxj", "--month", "2025-08", "ai-models=１２")
    assert r.stdout.strip() == "data/reports/jxj/2025-08.yaml 中的值已是 ai-models=12，未改动。"


def test_set_drops_the_first_time_note_only_for_what_it_set(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    assert run(root, "new", "--unit", "jxj", "--month", "2025-08").exit_code == 0
    path = root / "data/reports/jxj/2025-08.yaml"
    assert run(root, "set", "--unit", "jxj", "--month", "2025-08", "ai-models=3").exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    above = {lines[i + 1].split(":")[0].strip(): lines[i] for i in range(len(lines) - 1)}
    assert above["ai-models"].startswith("  # 部署垂直行业大模型及应用：目标20个")
    assert not above["ai-models"].endswith("首次填报，请改为实际数值")
    assert above["ai-models"].endswith("填2025年1–8月累计值（自2025年1月1日起）")
    assert above["joint-labs"].endswith("；首次填报，请改为实际数值")
