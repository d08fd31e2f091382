"""jianyian draft on the whole family of notices, and on hostile ones.

tests/fixtures/notices/family/ holds 13 notices, each in the layout of real published
notices of the family (任务分解方案, 责任分工, 议案分解办理意见, 提案办理工作方案…; sources
and conventions in its README), with what a careful reader finds in it as an answer key.
The scorer (tests/support/notice_family.py) counts what the draft found against what is
there; every layout must score full marks, and add nothing that is not there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from jianyian.diagnostics import has_errors
from jianyian.draft import draft_plan
from jianyian.draft.dates import find_dates, stage_range
from jianyian.errors import UsageError
from jianyian.load.notice import MAX_NOTICE_BYTES, read_notice
from jianyian.write.draft_yaml import check_plan_text, render_draft_yaml

from ..support.notice_family import FAMILY, ROWS, draft_of, key_of, notices, score, table

NAMES = [n.stem for n in notices()]
#: The rows the issue requires in full for every layout.
REQUIRED = ("tasks", "units", "targets", "named", "deadlines", "deliverables", "actions")
#: What a draft must never add: a task, a unit, a number or a date the notice does not have.
NO_EXTRA = ("tasks", "units", "targets", "deadlines")


@pytest.fixture(scope="module")
def scores():
    return {n.stem: score(n, draft_of(n)) for n in notices()}


def test_there_is_a_notice_for_every_layout_of_the_issue():
    assert len(NAMES) == 13
    layouts = " ".join(key_of(FAMILY / f"{n}.txt")["layout"] for n in NAMES)
    for words in (
        "牵头单位:",
        "【牵头单位：",
        "[牵头单位:",
        "制表符",
        "单元格独占一行",
        "标题行",
        "牵头，",
    ):
        assert words in layouts, words


def test_the_family_table(scores, capsys):
    """The per-layout table (found / present); printed for the record (pytest -s)."""
    text = table(list(scores.values()))
    with capsys.disabled():
        print("\n" + text)
    total = text.splitlines()[-1]
    for row in REQUIRED:
        found = sum(s.found[row] for s in scores.values())
        present = sum(s.present[row] for s in scores.values())
        assert present > 0 and found == present, (ROWS[row], found, present)
    assert "**132/132**" in total  # the answer keys hold 132 tasks


@pytest.mark.parametrize("name", NAMES)
def test_each_layout_drafts_what_a_careful_reader_finds(name, scores):
    s = scores[name]
    for row in REQUIRED:
        assert s.found[row] == s.present[row], (ROWS[row], s.misses.get(row))
    for row in NO_EXTRA:
        assert not s.extra.get(row), (ROWS[row], s.extra[row])


@pytest.mark.parametrize("name", NAMES)
def test_each_draft_passes_the_plans_checks(name):
    notice = FAMILY / f"{name}.txt"
    text, _ = read_notice(notice)
    out = render_draft_yaml(draft_plan(text), notice.name)
    diags = check_plan_text(out)
    assert not has_errors(diags), [d for d in diags if d.severity == "error"]
    assert {d.code for d in diags} <= {"JY042", "JY049"}


# ---------------------------------------------------------------- hostile notices


def drafted(name: str):
    text, _ = read_notice(FAMILY / f"{name}.txt")
    return draft_plan(text)


def unit_names(value: dict) -> set[str]:
    return {u["name"] for u in value["units"]} | {g["name"] for g in value["groups"]}


def test_zero_width_characters_make_no_phantom_unit():
    d = drafted("13_redteam")
    raw = (FAMILY / "13_redteam.txt").read_text("utf-8")
    assert "市交通运\u200b输局" in raw and "市\u2060住建局" in raw  # the file is hostile
    key = key_of(FAMILY / "13_redteam.txt")
    assert unit_names(d.value) == set(key["units"])
    assert [m for _, m in d.warnings if "零宽字符" in m] == [
        "通知第 25、27、31、33 行含零宽字符等不可见字符，已忽略（单位名称、数字按去掉后的文字读取）"
    ]
    shares = next(t["indicators"] for t in d.value["tasks"] if t["number"] == "3")
    # 3, U+200B, 0家 in the notice: 30, not 3 or 0.
    assert (shares[0]["target"], shares[0]["measure"]) == (30, "家")


def test_an_absurd_number_drops_only_its_indicator_with_a_warning():
    d = drafted("13_redteam")
    goals = [(i["target"], i["measure"]) for i in d.value["goals"]["indicators"]]
    assert goals == [(3.5, "亿吨"), (300, "万标箱")]
    task2 = next(t for t in d.value["tasks"] if t["number"] == "2")
    assert [(i["target"], i["measure"]) for i in task2["indicators"]] == [(1, "个")]
    assert "1e308台" in task2["text"]  # kept in the task's words
    absurd = [(n, m) for n, m in d.warnings if "数值不合常理" in m]
    assert [n for n, _ in absurd] == [19, 27]
    assert "99999999999万亿元" in absurd[0][1] and "1e308台" in absurd[1][1]


def test_an_appendix_repeating_the_task_list_counts_each_task_once():
    d = drafted("13_redteam")
    assert [t["number"] for t in d.value["tasks"]] == ["1", "2", "3", "4"]
    assert len({t["id"] for t in d.value["tasks"]}) == 4
    assert any(n == 50 and "重复了前文的任务" in m for n, m in d.warnings)


def test_dates_a_copy_damaged_or_that_do_not_exist_are_warned():
    d = drafted("13_redteam")
    said = [m for _, m in d.warnings]
    assert any("“2025415日”不是可读的日期" in m for m in said)
    assert any("“9月31日前”不是存在的日期" in m for m in said)
    due = {x["name"]: x["due"] for x in d.value["deliverables"] if x["kind"] == "once"}
    assert due["三季度办理情况"] == "2025-09-30"
    assert due["具体办理方案"] == "2025-05-31"  # unreadable: the stage's end, as an assumption


def test_a_prefixless_name_is_the_same_unit():
    d = drafted("03_city_first_listed_leads")
    names = unit_names(d.value)
    assert "市国土房管局" in names and "国土房管局" not in names
    assert "市规划局" in names and "规划局" not in names  # 市住建局、市国土房管局、规划局
    assert "南屏海关" not in names  # (another notice's) 海关 keeps its own name
    assert "南屏海关" in unit_names(drafted("12_city_division_lines").value)


def test_the_year_comes_from_the_title_before_the_date_line():
    text = (FAMILY / "02_district_responsible_only_quarterly.txt").read_text("utf-8")
    # Issued in the last days of the year before: the title's year still rules.
    d = draft_plan(text.replace("2023年1月3日", "2022年12月28日"))
    assert d.value["plan"]["issued"] == "2022-12-28" and d.value["plan"]["target_year"] == 2023
    task4 = next(t for t in d.value["tasks"] if t["number"] == "4")
    assert task4["_deadlines"] == ["2023-06-30"]  # 6月底前
    # No year in the title: the date line's (09: 区政协十届三次会议…).
    assert drafted("09_district_proposal_handling_plan").value["plan"]["target_year"] == 2024


@pytest.mark.parametrize(
    ("words", "day", "how"),
    [
        ("10月底前完成", "2025-10-31", None),
        ("6月底前完成征收签约", "2025-06-30", None),
        ("明年7月底前建成投用", "2026-07-31", None),
        ("年内启动安置房建设", "2025-12-31", None),
        ("年内持续推进", "2025-12-31", None),
        ("于2023年1月15日前将工作方案报", "2023-01-15", None),
        ("9月前投入使用", "2025-08-31", "按字面理解为9月1日之前"),
        ("2025年5月前", "2025-05-31", "通知3月5日才印发"),  # literal would be before the notice
        ("一季度完成岸线码头清理", "2025-03-31", None),
        ("上半年", "2025-06-30", None),
        ("9月31日前", "2025-09-30", None),
    ],
)
def test_date_words(words, day, how):
    issued = date(2025, 5, 5) if "5月前" in words else date(2025, 3, 5)
    (found,) = find_dates(words, 2025, issued)
    assert found.day is not None and found.day.isoformat() == day
    if how:
        assert found.how and how.replace("3月5日", f"{issued.month}月{issued.day}日") in found.how
    else:
        assert found.how is None


def test_words_that_are_not_a_deadline():
    assert find_dates("持续推进", 2025) == []
    assert find_dates("报送上半年工作小结", 2025) == []  # 上半年 names the report here
    (damaged,) = find_dates("于2025415日前报", 2025)
    assert damaged.day is None and "不是可读的日期" in (damaged.warning or "")
    assert stage_range("（3月中旬—4月上旬）", 2025) == (date(2025, 3, 11), date(2025, 4, 10), None)


# ---------------------------------------------------------------- refusals


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jianyian", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


NO_UNITS = """关于印发某项工作方案的通知

某市人民政府办公厅
2025年3月1日

一、工作目标

全面提升。

二、工作任务

1.加快发展。推进各项工作。

2.强化保障。
"""


@pytest.mark.slow
def test_a_notice_without_tasks_is_refused_saying_what_was_found(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(NO_UNITS, encoding="utf-8")
    out = tmp_path / "targets.yaml"
    result = run_cli("draft", str(notice), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "没有找到任何工作任务" in result.stderr
    assert (
        "分部标题 2 个，编号条目 2 个，单位写法（牵头单位／责任单位／X牵头…）0 处" in result.stderr
    )
    assert not out.exists()
    no_year = tmp_path / "无年份.txt"
    no_year.write_text("某方案\n一、任务\n1.做事。（牵头单位：市发改委）\n", encoding="utf-8")
    result = run_cli("draft", str(no_year), cwd=tmp_path)
    assert result.returncode == 1 and "找不到年份" in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    fifo = tmp_path / "通知.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        result = run_cli("draft", str(path), cwd=tmp_path)  # would block or never end
        assert result.returncode == 2, result.stderr
        assert "不是普通文件" in result.stderr


def test_a_notice_is_read_to_a_bound(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_NOTICE_BYTES + 10)
    with pytest.raises(UsageError, match="不像是一份通知"):
        read_notice(big)
    with pytest.raises(UsageError, match="是目录"):
        read_notice(tmp_path)
    assert re.search("MB", str(MAX_NOTICE_BYTES // 1_000_000) + "MB")
