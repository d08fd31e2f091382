"""Actions in ``set`` and ``new`` (issue 25): a status and its progress changed in place,
the states carried over into next month's scaffold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.load.yamlsrc import parse_yaml

from ..conftest import run
from ..support.samples import JXJ_ACTIONS_JULY

# Data dated 2025 with submitted: dates: today (the clock fixture) lies after them.
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    """The real plan; 市经信局's July report states t1-1-1 推进中 and t1-1-2 已完成."""
    return make_project({"jxj/2025-07.yaml": JXJ_ACTIONS_JULY})


def test_set_changes_an_actions_status_and_progress(project: Path) -> None:
    r = run(
        "set", "--unit", "jxj", "--month", "2025-07", "t1-1-1=已完成",
        "t1-1-1.progress=印发《人工智能场景应用计划》", "t1-1-5=推进中", "--root", str(project),
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    value = parse_yaml((project / "data/reports/jxj/2025-07.yaml").read_text("utf-8"), "x").value
    assert value["actions"]["t1-1-1"] == {
        "status": "已完成",
        "progress": "印发《人工智能场景应用计划》",
    }
    assert value["actions"]["t1-1-5"] == "推进中"
    before = (project / "data/reports/jxj/2025-07.yaml").read_bytes()
    for change, expected in (
        (
            "t1-1-2=完成",
            "事项 t1-1-2 的 status（进展状态）应为以下之一：未启动、推进中、已完成 [JY012]",
        ),
        ("t1-1-8=推进中", "事项 t1-1-8 未在计划中定义"),
    ):
        r = run("set", "--unit", "jxj", "--month", "2025-07", change, "--root", str(project))
        assert r.exit_code == 1 and expected in r.stderr, r.output
    assert (project / "data/reports/jxj/2025-07.yaml").read_bytes() == before


def test_new_carries_action_states_over(project: Path) -> None:
    r = run("new", "--unit", "jxj", "--month", "2025-08", "--root", str(project))
    assert r.exit_code == 0, r.output
    text = (project / "data/reports/jxj/2025-08.yaml").read_text(encoding="utf-8")
    actions = parse_yaml(text, "x").value["actions"]
    assert list(actions)[:7] == [f"t1-1-{n}" for n in range(1, 8)] and len(actions) == 19
    assert actions["t1-1-1"] == "推进中"  # carried from July
    assert actions["t1-1-2"] == {"status": "已完成", "progress": "先导区获批（国函〔2025〕68号）"}
    assert actions["t1-1-3"] == "未启动"  # never reported: starts at 未启动
    assert (
        "# （一）1 高质量建设国家人工智能创新应用先导区（完成时限：2025年9月30日；状态取自 2025-07 月报）"
        in text
    )
    r = run("validate", "--format", "json", "--root", str(project))
    found = [d["code"] for d in json.loads(r.stdout)["diagnostics"] if "2025-08" in d["path"]]
    assert found == ["JY034"]


def test_new_and_the_form_start_a_shared_action_from_the_co_lead_s_later_word(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """t3-3 is led by 市数据局 and 市经信局: 数据局 reported t3-3-1 已完成 in August, 经信局
    last said 未启动 in July. 经信局's September file and form start from 已完成, saying whose
    word it is, instead of pulling the action back to 未启动."""
    root = make_project(
        {
            "jxj/2025-07.yaml": JXJ_ACTIONS_JULY + "  t3-3-1: 未启动\n",
            "sjj/2025-08.yaml": "unit: sjj\nmonth: 2025-08\ninfo: {title: 标题, body: 正文}\n"
            "submitted: 2025-09-03\nactions:\n"
            "  t3-3-1: {status: 已完成, progress: 试点方案已印发}\n",
        }
    )
    r = run("new", "--unit", "jxj", "--month", "2025-09", "--root", str(root))
    assert r.exit_code == 0, r.output
    text = (root / "data/reports/jxj/2025-09.yaml").read_text(encoding="utf-8")
    actions = parse_yaml(text, "x").value["actions"]
    assert actions["t3-3-1"] == {"status": "已完成", "progress": "试点方案已印发"}
    assert "状态取自市数据局 2025-08 月报" in text
    assert actions["t1-1-1"] == "推进中"  # its own July word, where no co-lead spoke later
    from jianyian.load import load_project
    from jianyian.views.form import build_form

    project = load_project(root)
    view = build_form(project.plan, project.reports, "jxj", month="2025-09")
    row = next(a for a in view.actions if a.id == "t3-3-1")
    assert (row.previous, row.start, row.start_progress) == ("已完成", "已完成", "试点方案已印发")
