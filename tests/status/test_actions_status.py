"""Actions in ``status``: ``--task``, ``--unit`` and ``--json`` (issue 25), and the demo
telling one story of its actions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import build_demo, run
from ..support.samples import JXJ_ACTIONS_JULY

# Data dated 2025 with submitted: dates: today (the clock fixture) lies after them.
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    """The real plan; 市经信局's July report states t1-1-1 推进中 and t1-1-2 已完成."""
    return make_project({"jxj/2025-07.yaml": JXJ_ACTIONS_JULY})


def test_status_task_lists_its_actions(project: Path) -> None:
    r = run("status", "--task", "t1-1", "--as-of", "2025-08-10", "--root", str(project))
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("（一）1 加快传统产业转型升级（t1-1）\n")
    assert "事项 7 项，已完成 1 项（已销号 0 项），逾期 0 项；量化指标 1 项，尚无数据。" in out
    assert "· t1-1-2 待确认 · 完成时限 2025年9月30日" in out
    assert "最新进展（市经信局2025年7月月报）：先导区获批（国函〔2025〕68号）" in out
    assert "最新进展（市经信局2025年7月月报）：报“推进中”，未写进展" in out
    assert "· t1-1-6 未报送 · 完成时限 2025年9月30日" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    # By its number too; an action or a typo is a usage error with a hint.
    assert (
        run("status", "--task", "（一）1", "--as-of", "2025-08-10", "--root", str(project)).stdout
        == out
    )
    r = run("status", "--task", "t1-1-2", "--root", str(project))
    assert r.exit_code == 2 and "t1-1-2 是事项，属于任务 t1-1" in r.stderr
    r = run("status", "--task", "t1-4", "--root", str(project))
    assert r.exit_code == 2 and "是否指" in r.stderr
    r = run("status", "--task", "t1-1", "--unit", "jxj", "--root", str(project))
    assert r.exit_code == 2


def test_status_json_carries_actions_and_counts(project: Path) -> None:
    args = ["status", "--json", "--as-of", "2025-08-10", "--root", str(project)]
    r = run(*args)
    doc = json.loads(r.stdout)
    assert doc["version"] == 5
    assert run(*args).stdout == r.stdout  # byte-identical
    assert len(doc["actions"]) == 58
    a = next(a for a in doc["actions"] if a["id"] == "t1-1-2")
    assert {k: a[k] for k in ("id", "task", "state", "light", "due", "lead_units", "reported_by", "confirmed")} == {
        "id": "t1-1-2", "task": "t1-1", "state": "待确认", "light": "done", "due": "2025-09-30",
        "lead_units": ["jxj"], "reported_by": "jxj", "confirmed": None,
    }  # fmt: skip
    assert (
        a["progress"] == "先导区获批（国函〔2025〕68号）"
        and a["text"] == "高质量建设国家人工智能创新应用先导区"
    )
    assert "responsible_units" in a
    task = next(t for t in doc["tasks"] if t["id"] == "t1-1")
    assert {k: task[k] for k in ("actions_total", "actions_done", "actions_confirmed", "actions_overdue")} == {
        "actions_total": 7, "actions_done": 1, "actions_confirmed": 0, "actions_overdue": 0,
    }  # fmt: skip
    assert doc["summary"]["actions"]["states"]["待确认"] == 1
    terminal = run("status", "--as-of", "2025-08-10", "--root", str(project)).stdout
    # One of 58 done (t1-1-2), one 推进中 (t1-1-1); the other 56 never stated.
    line = "事项 58 项，已完成 1 项（已销号 0 项），逾期 0 项，未报送 56 项"
    assert line in terminal.replace("\n", "")


def test_status_unit_lists_the_actions_it_leads(project: Path) -> None:
    r = run("status", "--unit", "经信局", "--json", "--as-of", "2025-08-10", "--root", str(project))
    doc = json.loads(r.stdout)
    lead = [a["id"] for a in doc["actions"] if a["role"] == "lead"]
    assert lead[:7] == [f"t1-1-{n}" for n in range(1, 8)] and len(lead) == 7 + 7 + 5
    assert {a["task"] for a in doc["actions"] if a["role"] == "responsible"} == {
        "t1-3",
        "t2-1",
        "t2-2",
        "t2-3",
    }
    r = run("status", "--unit", "经信局", "--as-of", "2025-08-10", "--root", str(project))
    assert "牵头的事项（19 项）" in r.stdout and "参与的事项：" in r.stdout
    r = run("status", "--unit", "江岸区", "--as-of", "2025-08-10", "--root", str(project))
    assert "牵头的事项：无" in r.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


def demo_json(demo: Path, *args: str) -> dict:
    r = run("status", "--json", *args, "--root", str(demo))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.mark.slow
def test_demo_tells_one_story_of_its_actions(demo: Path) -> None:
    assert run("validate", "--root", str(demo)).exit_code == 0
    whole = demo_json(demo, "--as-of", "2025-08-10")
    task = demo_json(demo, "--task", "t1-1", "--as-of", "2025-08-10")
    by_id = {a["id"]: a for a in whole["actions"]}
    # status --task and status --json agree, action by action.
    for a in task["actions"]:
        assert a == by_id[a["id"]]
    states = {a["id"]: a["state"] for a in task["actions"]}
    # By hand from examples/demo/build.py: t1-1-2 done in June, confirmed 15 July; t1-1-6
    # done in July (arrived 31 July), confirmed only on 20 August; t1-1-5 not started.
    assert states == {
        "t1-1-1": "推进中", "t1-1-2": "已销号", "t1-1-3": "推进中", "t1-1-4": "推进中",
        "t1-1-5": "未启动", "t1-1-6": "待确认", "t1-1-7": "推进中",
    }  # fmt: skip
    assert task["task"]["progress_text"] == (
        "事项 7 项，已完成 2 项（已销号 1 项），逾期 0 项；量化指标 1 项，完成率 60.0%"
    )
    # 市人才工作局 never reports its actions: 未报送 until they fall due, then 逾期.
    rcj = [a for a in whole["actions"] if a["task"] == "t3-1"]
    assert {a["state"] for a in rcj} == {"未报送"} and all(a["reported_by"] is None for a in rcj)
    late = demo_json(demo, "--as-of", "2025-10-10")
    rcj = {a["id"]: a["state"] for a in late["actions"] if a["task"] == "t3-1"}
    assert rcj == {
        "t3-1-1": "逾期",
        "t3-1-2": "逾期",
        "t3-1-3": "未报送",
        "t3-1-4": "逾期",
        "t3-1-5": "逾期",
    }
    counts = late["summary"]["actions"]
    assert (
        counts["states"]["已销号"] > 0 and counts["states"]["待确认"] > 0 and counts["overdue"] > 0
    )
    # t1-2-7: confirmed 5 August, withdrawn 12 August (补报), reported done again in September.
    story = [
        ("2025-08-10", "已销号"),
        ("2025-08-15", "待确认"),  # July's 已完成 stands until August's report (31 August)
        ("2025-09-05", "推进中"),
        ("2025-09-30", "待确认"),
    ]
    for as_of, state in story:
        got = next(a for a in demo_json(demo, "--as-of", as_of)["actions"] if a["id"] == "t1-2-7")
        assert got["state"] == state, as_of
