"""Actions on the command line: ``confirm``, ``status --task``, ``status --unit``,
``status --json``, ``set`` and ``new`` (issue 25), and the demo telling one story."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.load import CONFIRMATIONS_PATH, load_project
from jianyian.load.yamlsrc import parse_yaml
from jianyian.write.confirm import confirm_action
from jianyian.write.fileio import LockTimeout, lock_file

from .conftest import LATE_TODAY, REAL_TARGETS, build_demo, monthly, run

# Data dated 2025 with submitted: dates: today (the clock fixture) lies after them.
pytestmark = pytest.mark.usefixtures("clock")

JXJ_JULY = monthly(
    "jxj",
    "2025-07",
    extra="submitted: 2025-08-04\n"
    "actions:\n"
    "  t1-1-1: 推进中\n"
    "  t1-1-2: {status: 已完成, progress: 先导区获批（国函〔2025〕68号）}\n",
)


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({"jxj/2025-07.yaml": JXJ_JULY})


def log_of(root: Path) -> list[dict]:
    text = (root / CONFIRMATIONS_PATH).read_text(encoding="utf-8")
    return parse_yaml(text, "x").value["confirmations"]


def confirm(root: Path, *args: str):
    return run("confirm", *args, "--root", str(root))


# ---------------------------------------------------------------- confirm


def test_confirm_writes_the_log_and_status_reads_it(project: Path) -> None:
    r = confirm(project, "t1-1-2", "--date", "2025-08-12", "--note", "已核实批复文件")
    assert r.exit_code == 0, r.output
    assert "事项 t1-1-2 于 2025-08-12 销号" in r.stdout
    text = (project / CONFIRMATIONS_PATH).read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/confirmations.schema.json"
    )
    assert log_of(project) == [
        {
            "action": "t1-1-2",
            "date": parse_yaml("d: 2025-08-12", "x").value["d"],
            "note": "已核实批复文件",
        }
    ]
    assert run("validate", "--root", str(project)).exit_code == 0
    # A confirmation dated after as-of does not exist on that day.
    for as_of, state in (("2025-08-11", "待确认"), ("2025-08-12", "已销号")):
        r = run("status", "--task", "t1-1", "--json", "--as-of", as_of, "--root", str(project))
        action = next(a for a in json.loads(r.stdout)["actions"] if a["id"] == "t1-1-2")
        assert action["state"] == state, as_of
    assert action["confirmed"] == "2025-08-12"


def test_confirm_defaults_to_today_and_says_when_nothing_changes(project: Path) -> None:
    assert confirm(project, "t1-1-2").exit_code == 0
    assert log_of(project)[0]["date"].isoformat() == LATE_TODAY.isoformat()
    before = (project / CONFIRMATIONS_PATH).read_bytes()
    r = confirm(project, "t1-1-2")
    assert r.exit_code == 0 and "已销号，未改动" in r.stdout
    assert (project / CONFIRMATIONS_PATH).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # Never reported 已完成: refused by the engine, by arrival date (JY052).
        (["t1-1-1", "--date", "2025-08-12"], "事项 t1-1-1 截至 2025-08-12 的状态是“推进中”"),
        # Reported 已完成 in a report that arrived on 4 August: not yet on 3 August.
        (["t1-1-2", "--date", "2025-08-03"], "截至 2025-08-03 的状态是“未报送”"),
        (["t1-1-9"], "事项 t1-1-9 未在计划中定义，是否指"),
        (["t1-1"], "t1-1 是任务，请填写它的事项"),
    ],
)
def test_confirm_refuses_and_writes_nothing(project: Path, args: list[str], expected: str) -> None:
    r = confirm(project, *args)
    assert r.exit_code == 1, r.output
    assert expected in r.stderr
    assert "data/office/confirmations.yaml:7:13: error:" in r.stderr  # the new entry's line
    assert "未写入" in r.stderr and not (project / CONFIRMATIONS_PATH).exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["t1-1-2", "--undo"], "撤销销号须写明原因"),
        (["t1-1-2", "--why", "x"], "--why 只用于撤销"),
        (["t1-1-2", "--date", "2026-01-16"], "晚于今天"),
        (["t1-1-2", "--date", "2025-8-12"], "不是有效日期"),
    ],
)
def test_confirm_usage_errors(project: Path, args: list[str], expected: str) -> None:
    r = confirm(project, *args)
    assert r.exit_code == 2, r.output
    assert expected in r.stderr
    assert not (project / CONFIRMATIONS_PATH).exists()


def test_undo_keeps_the_history(project: Path) -> None:
    assert confirm(project, "t1-1-2", "--date", "2025-08-12").exit_code == 0
    r = confirm(project, "t1-1-2", "--undo", "--why", "批复范围不符", "--date", "2025-08-20")
    assert r.exit_code == 0, r.output
    assert "撤销了销号" in r.stdout
    log = log_of(project)
    assert [(e["action"], e.get("undo"), e.get("why")) for e in log] == [
        ("t1-1-2", None, None),
        ("t1-1-2", True, "批复范围不符"),
    ]
    # Undoing again: nothing to undo (JY053), and the log is as it was.
    before = (project / CONFIRMATIONS_PATH).read_bytes()
    r = confirm(project, "t1-1-2", "--undo", "--why", "again", "--date", "2025-08-21")
    assert r.exit_code == 1 and "没有销号（状态：待确认），无需撤销 [JY053]" in r.stderr
    assert (project / CONFIRMATIONS_PATH).read_bytes() == before
    # An entry dated before the action's latest one would rewrite its history.
    r = confirm(project, "t1-1-2", "--date", "2025-08-15")
    assert r.exit_code == 2 and "已有 2025-08-20 的记录" in r.stderr
    r = run("status", "--json", "--as-of", "2025-08-25", "--root", str(project))
    assert (
        next(a for a in json.loads(r.stdout)["actions"] if a["id"] == "t1-1-2")["state"] == "待确认"
    )


def test_confirm_keeps_the_offices_comments_and_refuses_a_broken_log(project: Path) -> None:
    path = project / CONFIRMATIONS_PATH
    path.parent.mkdir(parents=True)
    path.write_text("# 办公室手工维护\nversion: 1\nconfirmations: []  # 按时间追加\n", "utf-8")
    assert confirm(project, "t1-1-2", "--date", "2025-08-12").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 办公室手工维护\nversion: 1\nconfirmations:")
    assert "  - action: t1-1-2\n    date: 2025-08-12\n" in text
    path.write_text("version: 1\nconfirmations:\n  - {action: t1-1-2, date: 2025-8-1}\n", "utf-8")
    r = confirm(project, "t1-1-2", "--date", "2025-08-12")
    assert r.exit_code == 1 and "不是有效日期" in r.stderr
    assert path.read_text("utf-8").endswith("2025-8-1}\n")


def test_confirm_waits_for_the_lock_and_loses_no_entry(project: Path) -> None:
    (project / "data/reports/jxj/2025-07.yaml").write_text(
        JXJ_JULY.replace("  t1-1-1: 推进中\n", "  t1-1-1: {status: 已完成, progress: 计划印发}\n"),
        encoding="utf-8",
    )
    loaded = check_project(load_project(project))
    target = project / CONFIRMATIONS_PATH
    with lock_file(target, timeout=5), pytest.raises(LockTimeout):
        confirm_action(loaded, "t1-1-2", LATE_TODAY, today=LATE_TODAY, timeout=0.2)
    # Two offices at once: each reads the log again under the lock, both entries land.
    results = []

    def one(action: str) -> None:
        results.append(confirm_action(loaded, action, LATE_TODAY, today=LATE_TODAY).outcome)

    threads = [threading.Thread(target=one, args=(a,)) for a in ("t1-1-1", "t1-1-2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["written", "written"]
    assert sorted(e["action"] for e in log_of(project)) == ["t1-1-1", "t1-1-2"]


# ---------------------------------------------------------------- status


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
    assert doc["version"] == 3
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


# ---------------------------------------------------------------- set and new


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


# ---------------------------------------------------------------- the demo


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


# ---------------------------------------------------------------- the office's files


def test_the_log_belongs_to_the_office(make_project: Callable[..., Path]) -> None:
    from jianyian.checks.audit import audit
    from jianyian.load import is_office_path, load_plan
    from jianyian.load.gitlog import Commit
    from jianyian.render.codeowners import render_codeowners

    text = REAL_TARGETS.read_text(encoding="utf-8").replace(
        "  office_staff: []", "  office_staff: [{name: 王五, email: wang@fgw.example.gov.cn}]"
    )
    root = make_project(targets=text)
    plan, _, _ = load_plan(root)
    assert plan is not None and is_office_path(CONFIRMATIONS_PATH)
    assert "/data/office/ wang@fgw.example.gov.cn" in render_codeowners(plan).splitlines()
    stranger = Commit("a" * 40, "李四", "li@example.com", None, (CONFIRMATIONS_PATH,))
    [finding] = audit(plan, [stranger]).findings
    assert (finding.kind, finding.path) == ("config", CONFIRMATIONS_PATH)
    assert "办公室的销号记录由办公室以外的人员修改" in finding.message
