"""The form's action rows (issue 25): one row per action the unit leads, a drop-down of
未启动/推进中/已完成 and a progress cell; ``import`` writes them to ``actions:``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jianyian.cli import app
from jianyian.load.yamlsrc import parse_yaml
from jianyian.models.form import FORM_SHEET, META_SHEET

from ..conftest import build_demo, runner
from ..support.samples import JXJ_ACTIONS_JULY

pytestmark = pytest.mark.usefixtures("clock")


def run(root: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--root", str(root)])


def field_map(wb: Any) -> dict[str, str]:
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "field")
    return {r[0]: r[1] for r in rows[start + 1 :] if r[0]}


def make_form(root: Path, out: Path, unit: str, month: str, as_of: str) -> Path:
    r = run(root, "form", "--unit", unit, "--month", month, "-o", str(out), "--as-of", as_of)
    assert r.exit_code == 0, r.output
    return out


BASE = {
    "indicator:ai-models": 12,
    "indicator:concept-centres": 4,
    "indicator:pilot-platforms": 15,
    "indicator:joint-labs": 1,
    "indicator:major-projects": 2,
    "indicator:key-rd-projects": 30,
    "text:info.body": "本月……",
}


def fill(path: Path, values: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[FORM_SHEET]
    cells = field_map(wb)
    for field, value in values.items():
        cell = ws[cells[field]]
        assert cell.protection.locked is False, field
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    wb.save(path)


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({"jxj/2025-07.yaml": JXJ_ACTIONS_JULY})


def test_one_row_per_led_action_with_its_drop_down(project: Path, tmp_path: Path) -> None:
    out = make_form(project, tmp_path / "经信局.xlsx", "jxj", "2025-08", "2025-08-20")
    wb = openpyxl.load_workbook(out)
    ws = wb[FORM_SHEET]
    cells = field_map(wb)
    actions = [f.split(":")[1] for f in cells if f.startswith("action:")]
    # 市经信局 leads t1-1 (7), t1-2 (7, with 发改委) and t3-3 (5): 19 rows, plan order.
    assert actions[:7] == [f"t1-1-{n}" for n in range(1, 8)] and len(actions) == 19
    assert [f.split(":")[1] for f in cells if f.startswith("progress:")] == actions
    row = ws[cells["action:t1-1-2"]].row
    assert ws[f"A{row}"].value == "（一）1"
    assert ws[f"B{row}"].value == "高质量建设国家人工智能创新应用先导区"
    assert ws[f"D{row}"].value == "2025年9月30日"
    # Last month's word is shown and the form starts from it, as `new` does.
    assert ws[f"E{row}"].value == "已完成" and ws[f"F{row}"].value == "已完成"
    assert ws[f"G{row}"].value == "先导区获批（国函〔2025〕68号）"
    # Never stated: blank (a blank row is not stated this month).
    first = ws[cells["action:t1-1-5"]].row
    assert ws[f"E{first}"].value == "—" and ws[f"F{first}"].value is None
    assert ws[f"G{first}"].value is None
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"未启动,推进中,已完成"'
    sqref = str(lists[0].sqref)
    assert all(cells[f"action:{a}"] in sqref for a in actions)
    assert not any(cells[f"progress:{a}"] in sqref for a in actions)


def test_action_rows_are_imported_into_actions(project: Path, tmp_path: Path) -> None:
    out = make_form(project, tmp_path / "经信局.xlsx", "jxj", "2025-08", "2025-08-20")
    fill(
        out,
        {
            **BASE,
            "action:t1-1-1": "已完成",
            "progress:t1-1-1": "印发《人工智能场景应用计划》\n（武经信〔2025〕10号）",
            "action:t1-1-5": " 推进中 ",
            "progress:t1-1-5": '=HYPERLINK("x")',
        },
    )
    r = run(project, "import", str(out), "--submitted", "2025-09-03")
    assert r.exit_code == 0, r.output
    text = (project / "data/reports/jxj/2025-08.yaml").read_text(encoding="utf-8")
    report = parse_yaml(text, "x").value
    assert report["actions"]["t1-1-1"] == {
        "status": "已完成",
        "progress": "印发《人工智能场景应用计划》（武经信〔2025〕10号）",
    }
    assert report["actions"]["t1-1-5"] == {"status": "推进中", "progress": '=HYPERLINK("x")'}
    assert report["actions"]["t1-1-2"]["status"] == "已完成"  # carried over
    # Plan order; rows left blank are not stated this month.
    assert list(report["actions"]) == ["t1-1-1", "t1-1-2", "t1-1-5"]
    assert "# （一）1 高质量建设国家人工智能创新应用先导区（完成时限：2025年9月30日）" in text
    assert run(project, "validate").exit_code == 0
    doc = json.loads(run(project, "status", "--json", "--as-of", "2025-09-10").stdout)
    states = {a["id"]: a["state"] for a in doc["actions"]}
    assert states["t1-1-1"] == "待确认" and states["t1-1-5"] == "推进中"
    # The change is listed when the form is imported again over the file.
    fill(out, {"action:t1-1-5": "已完成", "progress:t1-1-5": "完成"})
    r = run(project, "import", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert "事项 t1-1-5" in r.stdout and "推进中" in r.stdout


def test_bad_state_and_done_without_progress_are_named_by_cell(
    project: Path, tmp_path: Path
) -> None:
    out = make_form(project, tmp_path / "经信局.xlsx", "jxj", "2025-08", "2025-08-20")
    cells = field_map(openpyxl.load_workbook(out))
    fill(out, {**BASE, "action:t1-1-3": "差不多了", "progress:t1-1-4": "已开会"})
    r = run(project, "import", str(out))
    assert r.exit_code == 1
    assert (
        f"{out}!{cells['action:t1-1-3']}: error: “差不多了”不是事项 t1-1-3 的状态："
        "只能是 未启动、推进中、已完成 [JY069]" in r.stderr
    )
    assert (
        f"{out}!{cells['action:t1-1-4']}: error: 事项 t1-1-4 写了进展情况，但未选择状态" in r.stderr
    )
    assert not (project / "data/reports/jxj/2025-08.yaml").exists()
    # 已完成 with no progress: imported, with the warning at the progress cell (JY039).
    fill(out, {"action:t1-1-3": "已完成", "progress:t1-1-4": None})
    r = run(project, "import", str(out))
    assert r.exit_code == 0, r.output
    assert f"{out}!{cells['progress:t1-1-3']}: warning:" in r.stderr and "[JY039]" in r.stderr


# ---------------------------------------------------------------- the demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


def status_json(root: Path, as_of: str) -> dict:
    r = run(root, "status", "--json", "--as-of", as_of)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def refill(form: Path, report: dict) -> None:
    """Fill ``form`` with what ``report`` (a parsed monthly report) says, cell by cell."""
    wb = openpyxl.load_workbook(form)
    values: dict[str, Any] = {
        f: None for f in field_map(wb) if f.startswith(("action:", "progress:"))
    }
    for key, entry in report.get("indicators", {}).items():
        values[f"indicator:{key}"] = entry["value"] if isinstance(entry, dict) else entry
        if isinstance(entry, dict) and entry.get("note"):
            values[f"note:{key}"] = entry["note"]
    for key, entry in report.get("actions", {}).items():
        status, progress = (
            (entry["status"], entry.get("progress")) if isinstance(entry, dict) else (entry, None)
        )
        values[f"action:{key}"] = status
        values[f"progress:{key}"] = progress
    values["text:info.title"] = report["info"]["title"]
    values["text:info.body"] = report["info"]["body"].rstrip("\n")
    values["text:problems"] = "\n".join(report.get("problems", [])) or None
    values["text:next_steps"] = "\n".join(report.get("next_steps", [])) or None
    fill(form, values)


@pytest.mark.slow
@pytest.mark.parametrize(("month", "as_of"), [("2025-07", "2025-08-10"), ("2025-09", "2025-10-20")])
def test_demo_form_shows_and_import_keeps_the_states_of_status_json(
    demo: Path, tmp_path: Path, month: str, as_of: str
) -> None:
    before = status_json(demo, as_of)
    by_id = {a["id"]: a for a in before["actions"]}
    for unit in ("jxj", "kjj"):
        rel = f"data/reports/{unit}/{month}.yaml"
        report = parse_yaml((demo / rel).read_text(encoding="utf-8"), rel).value
        # The form of the next month shows the unit's last word, as status --json has it.
        nxt = f"{month[:5]}{int(month[5:]) + 1:02d}"
        shown = make_form(demo, tmp_path / f"{unit}-next.xlsx", unit, nxt, as_of)
        wb = openpyxl.load_workbook(shown)
        ws, cells = wb[FORM_SHEET], field_map(wb)
        led = [f.split(":")[1] for f in cells if f.startswith("action:")]
        assert led
        for action_id in led:
            a = by_id[action_id]
            if a["reported_by"] == unit and a["lead_units"] == [unit]:
                row = ws[cells[f"action:{action_id}"]].row
                assert ws[f"E{row}"].value == a["status"], action_id
        # form → fill with the unit's own words → import: every state as before.
        form = make_form(demo, tmp_path / f"{unit}.xlsx", unit, month, as_of)
        refill(form, report)
        r = run(demo, "import", str(form), "--force")
        assert r.exit_code == 0, r.output
    after = status_json(demo, as_of)
    assert after["actions"] == before["actions"]
    assert after["tasks"] == before["tasks"]
