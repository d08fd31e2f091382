"""The briefing's task paragraph tells each task's actions (issue 25): its 逾期 actions
first, then what was done this month with the unit's own words, shortened at a sentence
or phrase boundary. Hand-made actions; the demo is checked in
tests/status/test_actions_everywhere.py."""

from __future__ import annotations

from datetime import date

import pytest

from jianyian.engine import ActionProgress
from jianyian.views.actions import done_text, overdue_text, short_phrase


def action(id_: str, text: str, state: str, **kw) -> ActionProgress:
    fields = {"lead": ("jxj",), "responsible": (), "due": date(2025, 9, 30)}
    fields |= {"nominal_due": date(2025, 9, 30), "light": "green"} | kw
    return ActionProgress(id=id_, task="t1-1", text=text, state=state, **fields)


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("先导区获批。", 20, "先导区获批"),
        ("印发方案。召开推进会，部署全年工作。", 10, "印发方案……"),
        # A phrase boundary when no sentence ends within the limit.
        ("通过数字经济和人工智能赋能，推动装备制造、建筑业、汽车制造", 20, "通过数字经济和人工智能赋能，推动装备制造……"),
        # Never inside 《》: the cut backs off to before the title.
        ("2025年9月印发《人工智能场景应用计划工作方案》", 16, "2025年9月印发……"),
        # No place to cut within the limit: a word is not cut in two. Up to half as long
        # again it stays whole, else it is cut at the first place after the limit.
        ("支持临空港经开区加快建设国家网络安全人才与创新基地", 24, "支持临空港经开区加快建设国家网络安全人才与创新基地"),
        ("一二三四五六七八九十甲乙，丙丁戊己庚辛壬癸子丑寅卯", 10, "一二三四五六七八九十甲乙……"),
        # No boundary at all: cut at the limit.
        ("一二三四五六七八九十一二三四五六七八九十", 10, "一二三四五六七八九十……"),
        ("两 行\n文字", 10, "两行文字"),
    ],
)  # fmt: skip
def test_short_phrase_cuts_at_a_boundary(text: str, limit: int, short: str) -> None:
    assert short_phrase(text, limit) == short


def test_overdue_first_most_overdue_and_days_said_once() -> None:
    a = action("a", "甲事项", "逾期", days_overdue=5)
    b = action("b", "乙事项", "逾期", days_overdue=20)
    c = action("c", "丙事项", "推进中")
    assert overdue_text([a, b, c]) == "逾期事项：乙事项（逾期20天）；甲事项（逾期5天）。"
    same = [action(x, f"{x}事项", "逾期", days_overdue=3) for x in "甲乙丙丁"]
    assert overdue_text(same) == "逾期事项（均已逾期3天）：甲事项；乙事项；丙事项等4项。"
    assert overdue_text([c]) is None


def test_done_this_month_with_the_units_words() -> None:
    new = action(
        "a", "高质量建设国家人工智能创新应用先导区", "待确认",
        done_month="2025-08", progress="已完成：先导区获批（国函〔2025〕68号）。另开展专题调研，组织企业座谈，研究下一步推进措施并形成报告。",
    )  # fmt: skip
    old = action("b", "旧事项", "已销号", done_month="2025-07", progress="早已完成")
    silent = action("c", "无话事项", "已销号", done_month="2025-08")
    said = done_text([new, old, silent], "2025-08")
    # the document number after a title goes (the sentence names the document, not its file)
    assert said == (
        "本月完成：高质量建设国家人工智能创新应用先导区"
        "（先导区获批。另开展专题调研，组织企业座谈，研究下一步推进措施并形成报告）；无话事项。"
    )
    # the month itself goes too: the sentence says 本月; another month's date stays
    dated = action(
        "e", "都市圈联动机制", "待确认", done_month="2025-07",
        progress="2025年7月印发《都市圈联动发展机制工作方案》（武经信〔2025〕15号）",
    )  # fmt: skip
    assert (
        done_text([dated], "2025-07")
        == "本月完成：都市圈联动机制（印发《都市圈联动发展机制工作方案》）。"
    )
    earlier = dated._replace(progress="2025年6月印发《方案》")
    assert done_text([earlier], "2025-07") == "本月完成：都市圈联动机制（2025年6月印发《方案》）。"
    assert done_text([old], "2025-08") is None
    # 已完成 reported but the state is not done (cannot be: the engine says so), not told.
    assert done_text([action("d", "x", "逾期", done_month="2025-08")], "2025-08") is None
