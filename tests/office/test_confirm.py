"""``jianyian confirm``: the office's 销号 log, written under a lock, all or nothing, and
the office's alone (issue 25)."""

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

from ..conftest import LATE_TODAY, REAL_TARGETS, run
from ..support.samples import JXJ_ACTIONS_JULY

# Data dated 2025 with submitted: dates: today (the clock fixture) lies after them.
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    """The real plan; 市经信局's July report states t1-1-1 推进中 and t1-1-2 已完成."""
    return make_project({"jxj/2025-07.yaml": JXJ_ACTIONS_JULY})


def log_of(root: Path) -> list[dict]:
    text = (root / CONFIRMATIONS_PATH).read_text(encoding="utf-8")
    return parse_yaml(text, "x").value["confirmations"]


def confirm(root: Path, *args: str):
    return run("confirm", *args, "--root", str(root))


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
        JXJ_ACTIONS_JULY.replace(
            "  t1-1-1: 推进中\n", "  t1-1-1: {status: 已完成, progress: 计划印发}\n"
        ),
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


def _state(root: Path, action_id: str, as_of: str = "2025-09-30") -> str:
    r = run("status", "--task", "t1-1", "--json", "--as-of", as_of, "--root", str(root))
    assert r.exit_code in (0, 1), r.output
    return next(a for a in json.loads(r.stdout)["actions"] if a["id"] == action_id)["state"]


def test_an_entry_validate_refuses_counts_for_nothing_and_the_others_stand(
    project: Path,
) -> None:
    """A 销号 of an action never reported 已完成 (JY052) is an error in validate and no 销号 in
    any output; a mistyped date in one entry withdraws that entry only, not the whole log."""
    (project / CONFIRMATIONS_PATH).parent.mkdir(parents=True, exist_ok=True)
    (project / CONFIRMATIONS_PATH).write_text(
        "version: 1\nconfirmations:\n"
        "  - {action: t1-1-2, date: 2025-08-12}\n"
        "  - {action: t1-1-1, date: 2025-08-20}\n",  # t1-1-1 was reported 推进中, never 已完成
        encoding="utf-8",
    )
    v = run("validate", "--root", str(project))
    assert v.exit_code == 1 and "[JY052]" in v.stdout
    assert _state(project, "t1-1-2") == "已销号"
    assert _state(project, "t1-1-1") != "已销号"
    (project / CONFIRMATIONS_PATH).write_text(
        "version: 1\nconfirmations:\n"
        "  - {action: t1-1-2, date: 2025-08-12}\n"
        "  - {action: t1-1-3, date: 2025-08-xx}\n",
        encoding="utf-8",
    )
    v = run("validate", "--root", str(project))
    assert v.exit_code == 1 and "data/office/confirmations.yaml:4:" in v.stdout
    assert _state(project, "t1-1-2") == "已销号"
