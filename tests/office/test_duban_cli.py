"""``jianyian duban``: open, reply, close, reopen and list, with their exit codes,
all-or-nothing writes and the lock (issue 26)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from jianyian.cli import app

from ..conftest import late_env, monthly, runner, write_project

MEETING = """\
version: 1
date: 2025-07-15
name: 领导小组第二次会议
attended: [领导小组组长, 市发改委]
decisions:
  - {text: 加快智能工厂建设, units: [jxj, sjj], reply_by: 2025-08-15}
  - {text: 建立数据共享机制, units: [sjj], reply_by: 2025-08-16, level: 红}
  - {text: 梳理用地需求, units: [zrzyj], reply_by: 2025-08-20, level: 蓝}
"""
JXJ_JULY = monthly(
    "jxj",
    "2025-07",
    extra="submitted: 2025-08-03\nproblems: [部分企业数据基础薄弱, '项目用地紧张: 开工推迟']\n",
)


@pytest.fixture
def root(tmp_path: Path, clock: date) -> Path:
    """A project with a July meeting; today (:func:`clock`) is after every date used here."""
    root = write_project(tmp_path / "p", {"jxj/2025-07.yaml": JXJ_JULY})
    meetings = root / "data" / "office" / "meetings"
    meetings.mkdir(parents=True)
    (meetings / "2025-07-15.yaml").write_text(MEETING, encoding="utf-8")
    return root


def duban(root: Path, *args: str):
    result = runner.invoke(app, ["duban", *args, "--root", str(root)])
    assert "Traceback" not in result.output
    return result


def items(root: Path) -> dict[str, str]:
    folder = root / "data" / "office" / "duban"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def listed(root: Path, day: str, *args: str) -> list[dict]:
    r = duban(root, "list", "--as-of", day, "--json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["duban"]


def test_open_from_a_meeting_once(root: Path) -> None:
    r = duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-16")
    assert r.exit_code == 0, r.output
    assert "DB-2025-001、DB-2025-002、DB-2025-003" in r.stdout
    assert list(items(root)) == ["DB-2025-001.yaml", "DB-2025-002.yaml", "DB-2025-003.yaml"]
    assert "ref: 2025-07-15#2" in items(root)["DB-2025-002.yaml"]
    again = duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-17")
    assert again.exit_code == 0 and "均已立项，未改动" in again.stdout
    assert len(items(root)) == 3
    assert runner.invoke(app, ["validate", "--root", str(root)]).exit_code == 0


def test_a_meeting_with_a_bad_decision_writes_nothing(root: Path) -> None:
    path = root / "data" / "office" / "meetings" / "2025-07-15.yaml"
    path.write_text(MEETING.replace("reply_by: 2025-08-20", "reply_by: 2025-07-01"), "utf-8")
    r = duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-16")
    assert r.exit_code == 1, r.output
    assert "[JY083]" in r.output and "未写入" in r.output
    assert items(root) == {}  # not even the two good decisions


def test_open_from_options_and_from_a_problem(root: Path) -> None:
    r = duban(
        root, "open", "协调数据共享", "--unit", "数据局", "--unit", "经信局",
        "--reply-by", "2025-08-16", "--source", "批示", "--ref", "批示〔2025〕3号",
        "--level", "蓝", "--date", "2025-08-01",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    r = duban(
        root, "open", "--from-problem", "data/reports/jxj/2025-07.yaml#2",
        "--reply-by", "2025-08-29", "--date", "2025-08-05",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    first, second = listed(root, "2025-08-18")
    assert (first["units"], first["level"], first["source"]) == (["sjj", "jxj"], "蓝", "批示")
    assert (first["reply_by"], first["due"], first["state"]) == (
        "2025-08-16",
        "2025-08-18",
        "待反馈",
    )
    assert (second["text"], second["units"], second["source"]) == (
        "项目用地紧张: 开工推迟",
        ["jxj"],
        "问题",
    )
    assert second["ref"] == "data/reports/jxj/2025-07.yaml#2"
    assert listed(root, "2025-07-31") == []  # nothing opened yet on 31 July


@pytest.mark.parametrize(
    "args",
    [
        ["open", "x", "--unit", "不存在局", "--reply-by", "2025-08-16", "--date", "2025-08-01"],
        ["open", "x", "--unit", "jxj", "--reply-by", "2025-08-16", "--date", "2099-01-01"],
        ["open", "x", "--unit", "jxj", "--reply-by", "2025-8-16", "--date", "2025-08-01"],
        ["open", "x", "--unit", "jxj", "--date", "2025-08-01"],
        ["open", "x", "--unit", "jxj", "--reply-by", "2025-08-16", "--level", "紫"],
        ["open", "--from-problem", "data/reports/jxj/2025-07.yaml#3", "--reply-by", "2025-08-29"],
        ["open", "--meeting", "2025-07-16"],
        ["open", "--from-problem", "data/reports/jxj/2025-07.yaml#1", "--source", "批示"],
        ["close", "DB-2025-009", "--date", "2025-08-20"],
        ["close", "DB-2025-001", "--force", "--date", "2025-08-20"],
        ["reopen", "DB-2025-001", "--why", " ", "--date", "2025-08-20"],
        ["reply", "DB-2025-009", "反馈", "--unit", "jxj", "--date", "2025-08-20"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(root: Path, args: list[str]) -> None:
    assert duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-16").exit_code == 0
    before = items(root)
    r = duban(root, *args)
    assert r.exit_code == 2, r.output
    assert items(root) == before


def test_reply_close_reopen(root: Path) -> None:
    assert duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-16").exit_code == 0
    # Closing an unanswered item: refused (exit 1, nothing written) without --force.
    before = items(root)
    r = duban(root, "close", "DB-2025-001", "--date", "2025-08-20")
    assert r.exit_code == 1 and "[JY085]" in r.output, r.output
    assert r.output.count("[JY085]") == 1
    assert items(root) == before
    # The helping unit's reply is kept but does not answer; the lead unit's does.
    r = duban(root, "reply", "DB-2025-001", "已配合", "--unit", "sjj", "--date", "2025-08-10")
    assert r.exit_code == 0, r.output
    assert listed(root, "2025-08-18")[0]["state"] == "逾期未反馈"
    r = duban(
        root, "reply", "DB-2025-001", "已完成", "--unit", "经信局", "--done", "--date", "2025-08-19"
    )
    assert r.exit_code == 0, r.output
    one = listed(root, "2025-08-19")[0]
    assert (one["state"], one["replied"], one["done"]) == ("已反馈待销号", "2025-08-19", True)
    # Reopening an item that is not closed: refused.
    r = duban(root, "reopen", "DB-2025-001", "--why", "不全", "--date", "2025-08-19")
    assert r.exit_code == 1 and "[JY088]" in r.output, r.output
    r = duban(root, "close", "DB-2025-001", "--note", "已核实", "--date", "2025-08-20")
    assert r.exit_code == 0, r.output
    r = duban(root, "close", "DB-2025-001", "--date", "2025-08-21")
    assert r.exit_code == 0 and "已销号，未改动" in r.stdout
    # A reply after the 销号 is written, with a warning, and does not count.
    r = duban(root, "reply", "DB-2025-001", "补充", "--unit", "jxj", "--date", "2025-08-22")
    assert r.exit_code == 0 and "[JY082]" in r.output, r.output
    r = duban(
        root, "reopen", "DB-2025-001", "--why", "清单不全", "--reply-by", "2025-09-06",
        "--date", "2025-08-25",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    text = items(root)["DB-2025-001.yaml"]
    assert "closed:\n  - {date: 2025-08-20" in text and "reopened:\n  - {date: 2025-08-25" in text
    assert listed(root, "2025-08-24")[0]["state"] == "已销号"
    assert listed(root, "2025-09-08")[0]["state"] == "重新督办"
    assert listed(root, "2025-09-09")[0]["days_overdue"] == 1
    # Forced closing of an unanswered item, with a note.
    r = duban(
        root, "close", "DB-2025-002", "--force", "--note", "已在会上汇报", "--date", "2025-08-28"
    )
    assert r.exit_code == 0, r.output
    assert runner.invoke(app, ["validate", "--root", str(root)]).exit_code == 0


def test_list_filters(root: Path) -> None:
    assert duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-16").exit_code == 0
    duban(root, "reply", "DB-2025-003", "清单已报", "--unit", "zrzyj", "--date", "2025-08-18")
    assert [r["id"] for r in listed(root, "2025-08-19", "--overdue")] == [
        "DB-2025-001",
        "DB-2025-002",
    ]
    assert [r["id"] for r in listed(root, "2025-08-19", "--unit", "数据局")] == [
        "DB-2025-001",
        "DB-2025-002",
    ]
    assert len(listed(root, "2025-08-19", "--open")) == 3
    r = runner.invoke(
        app, ["status", "--unit", "数据局", "--as-of", "2025-08-19", "--json", "--root", str(root)]
    )
    assert r.exit_code == 0, r.output
    roles = [(i["id"], i["role"], i["state"]) for i in json.loads(r.stdout)["duban"]]
    assert roles == [
        ("DB-2025-001", "responsible", "逾期未反馈"),
        ("DB-2025-002", "lead", "逾期未反馈"),
    ]
    text = duban(root, "list", "--as-of", "2025-08-19")
    assert "DB-2025-001  逾期未反馈（4天）  黄色  反馈时限 2025-08-15" in text.stdout
    assert "反馈时限 2025-08-18（2025-08-16顺延）" in text.stdout


def test_writers_at_once_get_different_ids(root: Path) -> None:
    """Three `duban open` processes at once: three items, three ids (the lock)."""
    cmd = [sys.executable, "-m", "jianyian", "duban", "open", "--root", str(root)]
    procs = [
        subprocess.Popen(
            [*cmd, f"事项{n}", "--unit", "jxj", "--reply-by", "2025-08-29", "--date", "2025-08-01"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=late_env(),
        )
        for n in range(3)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert list(items(root)) == ["DB-2025-001.yaml", "DB-2025-002.yaml", "DB-2025-003.yaml"]
    texts = {line for text in items(root).values() for line in text.splitlines() if "text:" in line}
    assert texts == {"text: 事项0", "text: 事项1", "text: 事项2"}


def test_a_meeting_naming_an_unknown_unit_is_told_in_the_meeting_file(root: Path) -> None:
    path = root / "data" / "office" / "meetings" / "2025-07-15.yaml"
    path.write_text(
        MEETING.replace("units: [sjj], reply_by", "units: [不存在局], reply_by"), "utf-8"
    )
    r = duban(root, "open", "--meeting", "2025-07-15", "--date", "2025-07-16")
    assert r.exit_code == 1, r.output
    assert "data/office/meetings/2025-07-15.yaml:7:" in r.output and "[JY080]" in r.output
    assert "data/office/duban/" not in r.output  # not in an item that was never written
    assert "未写入" in r.output
    assert items(root) == {}
