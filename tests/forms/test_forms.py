"""``jianyian form`` and ``jianyian import``: Excel forms out, valid reports back in.

Forms are filled the way a liaison would: only the unlocked cells, through
openpyxl (and, where installed, re-saved by a real LibreOffice).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from jianyian.cli import app
from jianyian.load import load_project
from jianyian.load.form_cells import parse_number, split_items
from jianyian.load.form_xlsx import read_form
from jianyian.load.yamlsrc import parse_yaml
from jianyian.models.form import FORM_SHEET, META_SHEET, PROPERTY_PREFIX
from jianyian.render.form_xlsx import render_form_xlsx
from jianyian.views.form import build_form

from ..conftest import REAL_TARGETS, runner, targets_without_actions

# Data dated 2025 with submitted: dates: today must lie after them (JY033).
pytestmark = pytest.mark.usefixtures("clock")

JXJ_JULY = """\
unit: jxj
month: 2025-07
submitted: 2025-08-03
indicators:
  ai-models: 8
  pilot-platforms: 12
info:
  title: 市经信局7月情况
  body: |
    本月……
"""

JXJ_FIELDS = {
    "indicator:ai-models": 12,
    "indicator:concept-centres": 4,
    "indicator:pilot-platforms": 15,
    "indicator:joint-labs": 1,
    "indicator:major-projects": 2,
    "indicator:key-rd-projects": 30,
    "text:info.title": "市经信局推进人工智能赋能制造业情况",
    "text:info.body": "　　本月，我局……\n\n　　第二段：典型做法。",
    "text:problems": "1、部分企业数据基础薄弱\n2、资金缺口较大",
    "text:next_steps": "加快推进智能工厂建设",
}


def run(root: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--root", str(root)])


def field_map(wb: Any) -> dict[str, str]:
    """field → input cell, from the form's hidden sheet."""
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "field")
    return {r[0]: r[1] for r in rows[start + 1 :] if r[0]}


def fill(path: Path, values: dict[str, Any], out: Path | None = None) -> Path:
    """Fill ``values`` (field → value) into the form at ``path`` like a liaison, and save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[FORM_SHEET]
    cells = field_map(wb)
    for field, value in values.items():
        cell = ws[cells[field]]
        assert cell.protection.locked is False, field
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # what Excel does in a cell formatted as text
    target = out or path
    wb.save(target)
    return target


def make_form(root: Path, tmp_path: Path, *args: str, name: str = "经信局-2025-08.xlsx") -> Path:
    out = tmp_path / name
    r = run(
        root,
        "form",
        *(args or ("--unit", "经信局", "--month", "2025-08")),
        "-o",
        str(out),
        "--as-of",
        "2025-08-20",
    )
    assert r.exit_code == 0, r.output
    return out


def report_value(root: Path, rel: str) -> dict[str, Any]:
    text = (root / "data" / "reports" / rel).read_text(encoding="utf-8")
    parsed = parse_yaml(text, rel)
    assert not parsed.diagnostics
    return parsed.value


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({"jxj/2025-07.yaml": JXJ_JULY})


# ---------------------------------------------------------------- round trip


def test_round_trip_fill_import_validate(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    r = run(project, "import", str(form), "--submitted", "2025-09-03")
    assert r.exit_code == 0, r.output
    assert "已写入 data/reports/jxj/2025-08.yaml" in r.stdout
    report = report_value(project, "jxj/2025-08.yaml")
    assert report["submitted"] == date(2025, 9, 3)
    for field, value in JXJ_FIELDS.items():
        if field.startswith("indicator:"):
            assert report["indicators"][field.split(":")[1]] == value
    assert report["info"]["title"] == JXJ_FIELDS["text:info.title"]
    assert report["info"]["body"].rstrip("\n") == JXJ_FIELDS["text:info.body"]
    assert report["problems"] == ["部分企业数据基础薄弱", "资金缺口较大"]
    assert report["next_steps"] == ["加快推进智能工厂建设"]
    v = run(project, "validate")
    assert v.exit_code == 0, v.output
    assert "0 个错误" in v.stdout and "reports/jxj/2025-08" not in v.stdout
    # The written file keeps the scaffold's commented layout.
    text = (project / "data/reports/jxj/2025-08.yaml").read_text(encoding="utf-8")
    assert "# 部署垂直行业大模型及应用：目标20个，计量单位“个”" in text
    assert text.index("ai-models") < text.index("concept-centres") < text.index("info:")


def test_form_shows_names_targets_and_last_values(project: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make_form(project, tmp_path))
    ws = wb[FORM_SHEET]
    cells = field_map(wb)
    row = ws[cells["indicator:ai-models"]].row
    assert ws[f"B{row}"].value == "部署垂直行业大模型及应用"
    assert ws[f"C{row}"].value == "个"
    assert ws[f"D{row}"].value == "20个"
    assert ws[f"E{row}"].value == "8（2025年7月）"
    row = ws[cells["indicator:pilot-platforms"]].row
    assert ws[f"D{row}"].value == "20家以上"
    assert ws[f"E{ws[cells['indicator:joint-labs']].row}"].value == "—"
    assert "市经信局" in ws["A1"].value and "2025年8月" in ws["A1"].value


def test_task_row_is_a_dropdown_and_is_imported(project: Path, tmp_path: Path) -> None:
    # A task with neither indicators nor actions (the plan before it had actions).
    (project / "data/targets.yaml").write_text(targets_without_actions("t2-3"), encoding="utf-8")
    out = make_form(project, tmp_path, "--unit", "发改委", "--month", "2025-08", name="发改委.xlsx")
    wb = openpyxl.load_workbook(out)
    cells = field_map(wb)
    lists = [dv for dv in wb[FORM_SHEET].data_validations.dataValidation if dv.type == "list"]
    # One drop-down for the task, one for the actions fgw leads.
    assert len(lists) == 2 and cells["task:t2-3"] in str(lists[0].sqref)
    assert lists[0].formula1 == '"未启动,推进中,已完成"'
    values = {f: 1 for f in cells if f.startswith("indicator:")}
    values |= {"task:t2-3": "已完成", "text:info.title": "标题", "text:info.body": "正文"}
    fill(out, values)
    r = run(project, "import", str(out))
    assert r.exit_code == 0, r.output
    assert report_value(project, "fgw/2025-08.yaml")["tasks"] == {"t2-3": "已完成"}
    fill(out, {"task:t2-3": "差不多了"})
    r = run(project, "import", str(out), "--force")
    assert r.exit_code == 1
    assert f"{out}!{cells['task:t2-3']}: error: “差不多了”不是进展状态" in r.stderr


def test_document_form(project: Path, tmp_path: Path) -> None:
    # A handling plan is free text: a title and a body.
    out = make_form(
        project, tmp_path, "--unit", "jxj", "--deliverable", "办理方案", name="方案.xlsx"
    )
    cells = field_map(openpyxl.load_workbook(out))
    assert set(cells) == {"text:title", "text:body", "text:problems", "text:next_steps"}
    fill(out, {"text:body": "方案……"})
    r = run(project, "import", str(out))
    assert r.exit_code == 0, r.output
    report = report_value(project, "jxj/handling-plan.yaml")
    assert report["title"].startswith("市经信局")
    assert report["body"].strip() == "方案……"
    assert run(project, "validate").exit_code == 0


def test_summary_form_has_a_block_per_task_and_imports_in_sections(
    project: Path, tmp_path: Path
) -> None:
    # The deliverable by its short name, as `new` takes it (issue 32).
    out = make_form(
        project, tmp_path, "--unit", "jxj", "--deliverable", "上半年小结", name="小结.xlsx"
    )
    wb = openpyxl.load_workbook(out)
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props[f"{PROPERTY_PREFIX}period"] == "half-year-summary"
    cells = field_map(wb)
    plan = load_project(project).plan
    assert plan is not None
    tasks = [t.id for t in plan.tasks_of_unit("jxj")]
    assert len(tasks) > 2
    assert set(cells) == {
        "text:title",
        "text:overview",
        "text:problems",
        "text:next_steps",
        *(f"text:tasks.{t}.{f}" for t in tasks for f in ("measures", "results", "problems")),
    }
    sheet = wb["填报表"]
    shown = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    for t in tasks:  # each block is headed by its task
        task = plan.task_by_id[t]
        assert any(v.startswith(f"{task.number} {task.title}（本单位") for v in shown), t
    fill(
        out,
        {
            "text:overview": "上半年，市经信局……",
            "text:tasks.t1-1.measures": "推进智能化改造",
            "text:tasks.t1-1.results": "新增智能工厂3家",
            "text:next_steps": "加快项目建设\n做好年度总结",
        },
    )
    r = run(project, "import", str(out))
    assert r.exit_code == 0, r.output
    report = report_value(project, "jxj/half-year-summary.yaml")
    assert "body" not in report and report["overview"].strip() == "上半年，市经信局……"
    assert report["tasks"] == {
        "t1-1": {"measures": "推进智能化改造\n", "results": "新增智能工厂3家\n"}
    }
    assert report["next_steps"] == ["加快项目建设", "做好年度总结"]
    r = run(project, "validate")
    # The tasks 市经信局 leads and left empty are named (JY090); it is a warning.
    assert r.exit_code == 0, r.output
    assert "[JY090]" in r.output and "t1-2" in r.output


# ---------------------------------------------------------------- the workbook


def test_protection_unlocks_exactly_the_input_cells(project: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make_form(project, tmp_path))
    ws = wb[FORM_SHEET]
    assert ws.protection.sheet is True
    unlocked = {
        c.coordinate
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 2, max_col=8)
        for c in row
        if c.protection.locked is False and not isinstance(c, MergedCell)
    }
    # (The rest of a merged range cannot be typed into; openpyxl shows it with the
    # top-left cell's style, so it is left out here.)
    assert unlocked == set(field_map(wb).values())
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert wb.active.title == FORM_SHEET
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_number_cells_carry_data_validation(project: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make_form(project, tmp_path))
    cells = field_map(wb)
    numbers = {c for f, c in cells.items() if f.startswith("indicator:")}
    checks = [dv for dv in wb[FORM_SHEET].data_validations.dataValidation if dv.type == "decimal"]
    covered = {str(dv.sqref) for dv in checks}
    assert covered == numbers
    for dv in checks:
        assert dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
        assert dv.showErrorMessage and "不小于 0 的数字" in dv.error
        assert dv.showInputMessage and "只填数字" in dv.prompt


def test_custom_properties_and_hidden_sheet(project: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make_form(project, tmp_path))
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props == {
        f"{PROPERTY_PREFIX}plan": "cppcc-14-4-no2",
        f"{PROPERTY_PREFIX}unit": "jxj",
        f"{PROPERTY_PREFIX}period": "2025-08",
        f"{PROPERTY_PREFIX}kind": "monthly",
        f"{PROPERTY_PREFIX}version": "3",
    }
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    assert {r[0]: r[1] for r in rows[:5]} == {
        k[len(PROPERTY_PREFIX) :]: v for k, v in props.items()
    }


def test_same_bytes_twice_and_as_of_in_the_package(make_project: Callable[..., Path]) -> None:
    loaded = load_project(make_project({"jxj/2025-07.yaml": JXJ_JULY}))
    assert loaded.plan is not None
    view = build_form(loaded.plan, loaded.reports, "jxj", month="2025-08")
    first = render_form_xlsx(view, as_of=date(2025, 8, 20))
    assert first == render_form_xlsx(view, as_of=date(2025, 8, 20))
    assert first != render_form_xlsx(view, as_of=date(2025, 8, 21))


def test_hostile_plan_text_stays_text(tmp_path: Path, make_project: Callable[..., Path]) -> None:
    targets = REAL_TARGETS.read_text(encoding="utf-8").replace(
        "name: 部署垂直行业大模型及应用",
        'name: "=HYPERLINK(\\"http://x.example\\",\\"点我\\")"',
    )  # (control characters cannot reach a plan any more: validate refuses them)
    root = make_project(targets=targets)
    out = make_form(root, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[FORM_SHEET]
    cell = ws[f"B{ws[field_map(wb)['indicator:ai-models']].row}"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK(")


def test_hostile_form_text_stays_text(project: Path, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://x.example","点我")'
    form = fill(make_form(project, tmp_path), {**JXJ_FIELDS, "text:info.body": hostile})
    r = run(project, "import", str(form))
    assert r.exit_code == 0, r.output
    assert report_value(project, "jxj/2025-08.yaml")["info"]["body"].strip() == hostile
    # A control character is refused at its cell, and nothing is written.
    cells = field_map(openpyxl.load_workbook(form))
    fill(form, {"text:info.title": "标题_x001B_[31m红"})  # how xlsx stores ESC
    r = run(project, "import", str(form), "--force")
    assert r.exit_code == 1
    assert (
        f"{form}!{cells['text:info.title']}: error: 含有不允许出现的控制字符（U+001B）" in r.stderr
    )


def test_uncomputed_formula_is_named(project: Path, tmp_path: Path) -> None:
    form = make_form(project, tmp_path)
    fill(form, JXJ_FIELDS)
    wb = openpyxl.load_workbook(form)
    cell = field_map(wb)["indicator:ai-models"]
    wb[FORM_SHEET][cell] = "=5+7"  # a formula openpyxl saves without a cached result
    wb.save(form)
    r = run(project, "import", str(form))
    assert r.exit_code == 1
    assert f"{form}!{cell}: error: 单元格是公式但没有计算结果" in r.stderr
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()


# ---------------------------------------------------------------- forgiving numbers


@pytest.mark.parametrize(
    ("raw", "value", "warned"),
    [
        (12, 12, False),
        (12.5, 12.5, False),
        ("１２", 12, False),
        ("1,234", 1234, False),
        ("１，２３４", 1234, False),
        ("  7 ", 7, False),
        ("8.0", 8, False),
        ("12个", 12, True),
        ("１２ 个", 12, True),
    ],
)
def test_numbers_people_write(raw: Any, value: float, warned: bool) -> None:
    number, note, problem = parse_number(raw, "个")
    assert problem is None and number == value and (note is not None) == warned


@pytest.mark.parametrize(
    "raw", ["大约十个", "12-15", "十二", "12家", "-3", "1,23", "", None, "12个个"]
)
def test_numbers_refused(raw: Any) -> None:
    number, _note, problem = parse_number(raw, "个")
    assert number is None and problem


def test_list_markers_dropped() -> None:
    assert split_items("1、甲\n2. 乙\n（3）丙\n- 丁\n\n一、戊\n1.5亿元缺口") == [
        "甲",
        "乙",
        "丙",
        "丁",
        "戊",
        "1.5亿元缺口",
    ]


def test_text_numbers_import_and_measure_word_warns(project: Path, tmp_path: Path) -> None:
    values = {
        **JXJ_FIELDS,
        "indicator:ai-models": "１２",
        "indicator:key-rd-projects": "1,234",
        "indicator:concept-centres": " 4 ",
        "indicator:major-projects": "5个",
    }
    form = fill(make_form(project, tmp_path), values)
    cell = field_map(openpyxl.load_workbook(form))["indicator:major-projects"]
    r = run(project, "import", str(form))
    assert r.exit_code == 0, r.output
    assert f"{form}!{cell}: warning: “5个”带有计量单位“个”，已按 5 读取" in r.stderr
    indicators = report_value(project, "jxj/2025-08.yaml")["indicators"]
    assert indicators["ai-models"] == 12 and indicators["key-rd-projects"] == 1234
    assert indicators["concept-centres"] == 4 and indicators["major-projects"] == 5


def test_bad_number_named_by_cell_and_nothing_written(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), {**JXJ_FIELDS, "indicator:joint-labs": "大约十个"})
    cell = field_map(openpyxl.load_workbook(form))["indicator:joint-labs"]
    good = fill(
        make_form(project, tmp_path, "--unit", "数据局", "--month", "2025-08", name="sjj.xlsx"),
        {
            "indicator:digital-lines": 1,
            "indicator:smart-workshops": 2,
            "indicator:smart-factories": 3,
            "text:info.body": "正文",
        },
    )
    r = run(project, "import", str(form), str(good))
    assert r.exit_code == 1
    assert f"{form}!{cell}: error: “大约十个”不是数字" in r.stderr
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()
    # The good form of the same run is imported all the same.
    assert (project / "data/reports/sjj/2025-08.yaml").is_file()
    assert "导入 1 份，未导入 1 份" in r.stdout


def test_a_months_increment_is_refused_at_its_cell_with_the_previous_value(
    project: Path, tmp_path: Path
) -> None:
    """Issue 32: ai-models was 8 in July; 5 in August is this month's increment, not the
    1–8月累计: an error at the cell naming July's value, and nothing is written."""
    form = fill(make_form(project, tmp_path), {**JXJ_FIELDS, "indicator:ai-models": 5})
    cell = field_map(openpyxl.load_workbook(form))["indicator:ai-models"]
    r = run(project, "import", str(form))
    assert r.exit_code == 1, r.output
    assert (
        f"{form}!{cell}: error: 指标 ai-models（部署垂直行业大模型及应用）填的是 5，低于上月："
        "应填写2025年1月起的累计值，上月为8（1–N月累计，不是当月新增）。"
        "确需下调（如数据修正）时请写明原因：ai-models: {value: 5, note: 数据修正：…}"
        "（填报表中填在该指标的“说明”栏） [JY028]"
    ) in r.stderr
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()


def test_a_lower_value_with_its_note_is_imported_as_value_and_note(
    project: Path, tmp_path: Path
) -> None:
    """The 说明 cell beside the value explains the fall: a warning, and the report holds
    ``{value, note}``, which ``validate`` reads back the same way."""
    wb = openpyxl.load_workbook(make_form(project, tmp_path))
    ws = wb[FORM_SHEET]
    cells = field_map(wb)
    value_cell, note_cell = cells["indicator:ai-models"], cells["note:ai-models"]
    assert ws[value_cell].row == ws[note_cell].row and note_cell.startswith("G")
    header = ws[f"G{ws[value_cell].row - 1}"].value
    assert header == "说明（低于上次填报值时必填）"
    prompt = next(
        dv.prompt for dv in ws.data_validations.dataValidation if str(dv.sqref) == value_cell
    )
    assert "不应低于上次填报值 8；确需下调时在“说明”栏写明原因" in prompt
    fix = "数据修正：7月误将3个试点项目计入，已剔除"
    form = fill(
        tmp_path / "经信局-2025-08.xlsx",
        {
            **JXJ_FIELDS,
            "indicator:ai-models": 5,
            "note:ai-models": fix,
            "note:joint-labs": "新增1家",
        },
    )
    r = run(project, "import", str(form))
    assert r.exit_code == 0, r.output
    assert (
        f"{form}!{value_cell}: warning: 指标 ai-models（部署垂直行业大模型及应用）填的是 5，"
        f"低于上月的 8，已附说明“{fix}”" in r.stderr
    )
    report = report_value(project, "jxj/2025-08.yaml")
    assert report["indicators"]["ai-models"] == {"value": 5, "note": fix}
    assert report["indicators"]["joint-labs"] == {"value": 1, "note": "新增1家"}
    assert report["indicators"]["concept-centres"] == 4  # no note: a bare number
    v = run(project, "validate")
    assert v.exit_code == 0, v.output
    assert "data/reports/jxj/2025-08.yaml:" in v.stdout and "[JY028]" in v.stdout


def test_nothing_in_a_list_cell_is_left_out_with_a_warning(project: Path, tmp_path: Path) -> None:
    """Issue 32: 「无」 typed in 存在问题 is not a problem: the report gets ``problems: []``."""
    form = fill(
        make_form(project, tmp_path),
        {**JXJ_FIELDS, "text:problems": "无", "text:next_steps": "暂无。\n加快推进智能工厂建设"},
    )
    cells = field_map(openpyxl.load_workbook(form))
    r = run(project, "import", str(form))
    assert r.exit_code == 0, r.output
    assert (
        f"{form}!{cells['text:problems']}: warning: 存在问题填的“无”表示没有，按未填写处理，"
        "未写入报送文件（没有问题时留空即可） [JY019]"
    ) in r.stderr
    assert f"{form}!{cells['text:next_steps']}: warning: 下步工作填的“暂无。”" in r.stderr
    report = report_value(project, "jxj/2025-08.yaml")
    assert report["problems"] == [] and report["next_steps"] == ["加快推进智能工厂建设"]
    v = run(project, "validate")
    assert v.exit_code == 0 and "[JY019]" not in v.stdout, v.output


def test_a_version_1_form_without_note_cells_still_imports(project: Path, tmp_path: Path) -> None:
    """Forms already sent out (layout 1, no 说明 column) are read as before; a newer layout
    than this program knows is refused (JY063, the fixture)."""
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    wb = openpyxl.load_workbook(form)
    meta = wb[META_SHEET]
    for row in reversed(range(1, meta.max_row + 1)):
        if str(meta.cell(row, 1).value).startswith("note:"):
            meta.delete_rows(row)
    for row in meta.iter_rows(max_col=2):
        if row[0].value == "version":
            row[1].value = "1"
    for prop in wb.custom_doc_props:
        if prop.name == f"{PROPERTY_PREFIX}version":
            prop.value = "1"
    wb.save(form)
    r = run(project, "import", str(form))
    assert r.exit_code == 0, r.output
    assert report_value(project, "jxj/2025-08.yaml")["indicators"]["ai-models"] == 12


def test_validation_error_writes_nothing(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    r = run(project, "import", str(form), "--submitted", "2025-07-15")
    assert r.exit_code == 1
    assert "[JY030]" in r.stderr and f"{form}: error:" in r.stderr
    assert "data/reports/jxj/2025-08.yaml:" in r.stderr  # where in the text it would write
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()


# ---------------------------------------------------------------- refusals


def test_form_of_another_plan_refused(
    project: Path, tmp_path: Path, make_project: Callable[..., Path]
) -> None:
    other = tmp_path / "other"
    shutil.copytree(project, other)
    targets = other / "data/targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace("id: cppcc-14-4-no2", "id: other-plan", 1),
        encoding="utf-8",
    )
    form = fill(make_form(other, tmp_path), JXJ_FIELDS)
    r = run(project, "import", str(form))
    assert r.exit_code == 1
    assert "属于方案“other-plan”，不是本项目的方案“cppcc-14-4-no2”" in r.stderr
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()


def test_unknown_version_and_foreign_workbooks_refused(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    wb = openpyxl.load_workbook(form)
    wb[META_SHEET]["B5"].value = "9"
    for p in wb.custom_doc_props:
        if p.name == f"{PROPERTY_PREFIX}version":
            p.value = "9"
    wb.save(form)
    r = run(project, "import", str(form))
    assert r.exit_code == 1 and "填报表版本 9 不受支持" in r.stderr
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook at all")
    r = run(project, "import", str(plain), str(junk), str(tmp_path / "missing.xlsx"))
    assert r.exit_code == 1
    assert "missing.xlsx: error: 文件不存在 [JY060]" in r.stderr
    assert "plain.xlsx: error: 不是 jianyian form 生成的填报表" in r.stderr
    assert "junk.xlsx: error: 不是 Excel、WPS 或 LibreOffice 表格文件" in r.stderr


def test_changed_layout_refused(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    wb = openpyxl.load_workbook(form)
    ws = wb[FORM_SHEET]
    ws.protection.sheet = False
    ws.insert_rows(7)  # a row inserted: every field below has moved
    wb.save(form)
    r = run(project, "import", str(form))
    assert r.exit_code == 1 and "表格版式被改动" in r.stderr
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()


def test_meta_mismatch_refused(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    wb = openpyxl.load_workbook(form)
    wb[META_SHEET]["B2"].value = "sjj"  # the hidden sheet edited, the properties not
    wb.save(form)
    r = run(project, "import", str(form))
    assert r.exit_code == 1 and "文档属性与隐藏表中的 unit 不一致" in r.stderr


def test_same_unit_twice_in_one_run(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    copy = tmp_path / "copy.xlsx"
    shutil.copyfile(form, copy)
    r = run(project, "import", str(form), str(copy))
    assert r.exit_code == 1 and "[JY070]" in r.stderr


# ---------------------------------------------------------------- --all and --force


@pytest.mark.slow
def test_all_writes_one_form_per_owing_unit(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "表格"
    out.mkdir()
    r = run(project, "form", "--month", "2025-08", "--all", "-o", str(out), "--as-of", "2025-08-20")
    assert r.exit_code == 0, r.output
    loaded = load_project(project)
    assert loaded.plan is not None and loaded.plan.monthly_deliverable is not None
    owners = loaded.plan.owners(loaded.plan.monthly_deliverable)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == len(owners) == 40
    assert "经信局-2025-08.xlsx" in files and "江岸区-2025-08.xlsx" in files
    assert f"已写入 {len(owners)} 份填报表" in r.stdout
    # Existing files: nothing is written without --force.
    (out / "经信局-2025-08.xlsx").write_bytes(b"old")
    (out / "江岸区-2025-08.xlsx").unlink()
    r = run(project, "form", "--month", "2025-08", "--all", "-o", str(out))
    assert r.exit_code == 2 and "已存在" in r.stderr
    assert not (out / "江岸区-2025-08.xlsx").exists()
    r = run(project, "form", "--month", "2025-08", "--all", "-o", str(tmp_path / "nowhere"))
    assert r.exit_code == 2 and "不是目录" in r.stderr


def test_no_overwrite_without_force_and_the_diff_with_it(project: Path, tmp_path: Path) -> None:
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    assert run(project, "import", str(form), "--submitted", "2025-09-03").exit_code == 0
    path = project / "data/reports/jxj/2025-08.yaml"
    before = path.read_bytes()
    r = run(project, "import", str(form))
    assert r.exit_code == 0 and "已是同样内容，未改动" in r.stdout
    fill(form, {"indicator:ai-models": 14, "text:problems": "资金缺口较大"})
    r = run(project, "import", str(form))
    assert r.exit_code == 1 and "加 --force 覆盖" in r.stderr
    assert path.read_bytes() == before
    r = run(project, "import", str(form), "--force")
    assert r.exit_code == 0, r.output
    assert "指标 ai-models（部署垂直行业大模型及应用）：12 → 14" in r.stdout
    assert "存在问题：2 条：部分企业数据基础薄弱；资金缺口较大 → 1 条：资金缺口较大" in r.stdout
    assert "已更新 data/reports/jxj/2025-08.yaml" in r.stdout
    report = report_value(project, "jxj/2025-08.yaml")
    assert report["indicators"]["ai-models"] == 14
    assert report["submitted"] == date(2025, 9, 3)  # kept from the report it replaces


def test_a_re_import_keeps_what_the_form_cannot_say(project: Path, tmp_path: Path) -> None:
    """The form has no cells for 督办 replies or the coordinate mark of a problem: a form
    imported over the report keeps them, never drops them silently."""
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    assert run(project, "import", str(form), "--submitted", "2025-09-03").exit_code == 0
    path = project / "data/reports/jxj/2025-08.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - 资金缺口较大", "  - {text: 资金缺口较大, coordinate: true}"
    )
    text += (
        "duban:\n  DB-2025-006:\n    reply: |\n      已形成清单：\n      第二行。\n    done: true\n"
    )
    path.write_text(text, encoding="utf-8")
    fill(form, {"indicator:ai-models": 14})
    r = run(project, "import", str(form), "--force")
    assert r.exit_code == 0, r.output
    report = report_value(project, "jxj/2025-08.yaml")
    assert report["indicators"]["ai-models"] == 14
    assert report["duban"] == {"DB-2025-006": {"reply": "已形成清单：\n第二行。\n", "done": True}}
    assert report["problems"] == [
        "部分企业数据基础薄弱",
        {"text": "资金缺口较大", "coordinate": True},
    ]


def test_usage_errors(project: Path, tmp_path: Path) -> None:
    r = run(project, "form", "--month", "2025-08", "-o", str(tmp_path / "a.xlsx"))
    assert r.exit_code == 2 and "--unit" in r.stderr
    r = run(project, "form", "--unit", "jxj", "--month", "2025-08", "-o", str(tmp_path / "a.csv"))
    assert r.exit_code == 2 and ".xlsx" in r.stderr
    r = run(project, "form", "--unit", "jxj", "--month", "2031-01", "-o", str(tmp_path / "a.xlsx"))
    assert r.exit_code == 2 and "不在方案办理期" in r.stderr
    r = run(project, "import", str(tmp_path / "x.xlsx"), "--submitted", "2025-13-01")
    assert r.exit_code == 2 and "--submitted" in r.stderr
    assert "Traceback" not in r.output


# ---------------------------------------------------------------- LibreOffice


def _soffice() -> str | None:
    found = shutil.which("soffice") or (
        "/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None
    )
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice (LibreOffice) is required in CI for the re-save tests")
        warnings.warn("soffice not installed: LibreOffice re-save tests SKIPPED", stacklevel=2)
        pytest.skip("LIBREOFFICE MISSING: soffice not installed, re-save round trip not tested")
    return found


def _convert(soffice: str, src: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"lo-{fmt}"
    out.mkdir(exist_ok=True)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = out / f"{src.stem}.{fmt}"
    assert converted.is_file(), list(out.iterdir())
    return converted


@pytest.mark.slow
def test_libreoffice_resave_still_imports(project: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    assert soffice is not None
    form = fill(make_form(project, tmp_path), {**JXJ_FIELDS, "indicator:ai-models": "１２"})
    resaved = _convert(soffice, form, "xlsx", tmp_path)
    assert resaved.read_bytes() != form.read_bytes()
    wb = openpyxl.load_workbook(resaved)
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props.get(f"{PROPERTY_PREFIX}unit") == "jxj"
    assert props.get(f"{PROPERTY_PREFIX}plan") == "cppcc-14-4-no2"
    assert META_SHEET in wb.sheetnames and wb[META_SHEET].sheet_state != "visible"
    r = run(project, "import", str(resaved), "--submitted", "2025-09-03")
    assert r.exit_code == 0, r.output
    report = report_value(project, "jxj/2025-08.yaml")
    assert report["indicators"]["ai-models"] == 12
    assert report["info"]["body"].rstrip("\n") == JXJ_FIELDS["text:info.body"]
    assert run(project, "validate").exit_code == 0


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_libreoffice_ods_and_xls_read_through_calamine(
    project: Path, tmp_path: Path, fmt: str
) -> None:
    pytest.importorskip("python_calamine")
    soffice = _soffice()
    assert soffice is not None
    form = fill(make_form(project, tmp_path), {**JXJ_FIELDS, "indicator:ai-models": "１２"})
    other = _convert(soffice, form, fmt, tmp_path)
    loaded = load_project(project)
    assert loaded.plan is not None
    data, diags = read_form(other, loaded.plan, name=f"经信局.{fmt}")
    assert data is not None, diags
    assert data.indicators["ai-models"] == 12 and data.unit_id == "jxj"
    assert data.texts["info.body"] == JXJ_FIELDS["text:info.body"]
    if fmt == "xls":  # WPS's .et is the same binary format: told by content, not by name
        et = shutil.copyfile(other, tmp_path / "经信局.et")
        again, _ = read_form(et, loaded.plan)
        assert again == data._replace(
            name=str(et),
            cells={k: v.replace(f"经信局.{fmt}", str(et)) for k, v in data.cells.items()},
        )


def test_a_minus_sign_or_dashes_are_not_list_markers() -> None:
    # Issue 30: "-2+3" lost its minus sign and "---" a dash; a marker needs a space after it.
    assert split_items("-2+3\n---\n- 甲\n-乙\n* 丙\n*注\n•丁") == [
        "-2+3",
        "---",
        "甲",
        "-乙",
        "丙",
        "*注",
        "丁",
    ]


def test_a_report_over_the_loaders_size_limit_is_never_written(project: Path) -> None:
    # Issue 30: import wrote a 9 MB report that validate then refused (JY007).
    from jianyian.write.roundtrip import check_report_text

    text = JXJ_JULY.replace("本月……", "本月" + "正文" * 400_000).replace("07", "08")
    diags = check_report_text(load_project(project), "data/reports/jxj/2025-08.yaml", text)
    assert [(d.code, d.severity) for d in diags] == [("JY007", "error")]
    assert "1 MiB" in diags[0].message and "未写入" in diags[0].message


def test_a_400_digit_number_typed_as_text_is_a_located_error(project: Path, tmp_path: Path) -> None:
    # Issue 30: float("9" * 400) is infinity, and the import ended in an AssertionError.
    digits = "9" * 400
    form = fill(make_form(project, tmp_path), {**JXJ_FIELDS, "indicator:joint-labs": digits})
    cell = field_map(openpyxl.load_workbook(form))["indicator:joint-labs"]
    r = run(project, "import", str(form))
    assert r.exit_code == 1, r.output
    assert f"{form}!{cell}: error: “{'9' * 30}…”过大（超过 15 位数字）" in r.stderr
    assert "[JY064]" in r.stderr and "内部错误" not in r.output
    number, _note, problem = parse_number(1e300, "个")
    assert number is None and problem is not None and "过大" in problem


def test_a_long_short_name_does_not_block_form_all(tmp_path: Path, make_project) -> None:
    # Issue 30: a 200-character short name made a file name the file system refuses.
    text = REAL_TARGETS.read_text(encoding="utf-8")
    assert "short: 经信局" in text
    root = make_project({}, targets=text.replace("short: 经信局", "short: " + "经信" * 100, 1))
    out = tmp_path / "表"
    out.mkdir()
    r = run(root, "form", "--all", "--month", "2025-08", "-o", str(out), "--as-of", "2025-08-20")
    assert r.exit_code == 0, r.output
    names = {p.name for p in out.iterdir()}
    assert "jxj-2025-08.xlsx" in names and len(names) > 10


def test_control_characters_in_a_form_file_name_never_reach_the_terminal(
    project: Path, tmp_path: Path
) -> None:
    # Issue 30: "已写入…（来自 PATH）" printed the attachment's name as it was.
    form = fill(make_form(project, tmp_path), JXJ_FIELDS)
    evil = tmp_path / "经信局\x1b[2J\x1b]0;pwned\x07\u202e.xlsx"
    form.rename(evil)
    r = run(project, "import", str(evil))
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x07" not in r.output and "\u202e" not in r.output
    assert "已写入 data/reports/jxj/2025-08.yaml（来自 " in r.stdout and "\\x1b[2J" in r.stdout
