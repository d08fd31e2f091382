"""The briefing's printed body (issue 27): excerpts, the title's line break, the 版记 from
the settings, problems to coordinate, the office's 按语 and 信息选编, ``--note``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jianyian.models import Briefing
from jianyian.views.brief_body import (
    body_lines,
    enumerated_paragraph,
    first_sentences,
    fit_body,
    imprint,
    sentence_excerpt,
    strip_opening,
    text_lines,
    title_lines,
    units_text,
)
from jianyian.views.brief_records import Brief, KeyWork

from ..conftest import monthly, run

BRIEF = ("brief", "--month", "2025-07", "--as-of", "2025-08-10")


# ---------------------------------------------------------------- pure pieces


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("短文。", 10, "短文。"),
        # cut after the last sentence that fits, never mid-phrase
        ("第一句话说完了。第二句话很长很长很长很长。", 12, "第一句话说完了。……"),
        # no sentence end in reach: the last clause
        ("一二三四五六，七八九十一二三四五六七八九十", 12, "一二三四五六……"),
        # a line break between Chinese sentences is no space
        ("第一句。\n第二句。", 20, "第一句。第二句。"),
        # nothing to cut at: the limit itself
        ("一二三四五六七八九十一二三四五", 10, "一二三四五六七八九十……"),
    ],
)
def test_sentence_excerpt(text: str, limit: int, expected: str) -> None:
    assert sentence_excerpt(text, limit) == expected


def test_first_sentences_and_the_opening() -> None:
    body = "2025年7月，市经信局围绕人工智能，开展中期评估。下一步将继续抓落实。"
    assert strip_opening(body, "市经信局") == "围绕人工智能，开展中期评估。下一步将继续抓落实。"
    assert first_sentences(strip_opening(body, "市经信局"), 20) == "围绕人工智能，开展中期评估。"
    assert first_sentences("一句很长的话，没有句号也要截断在逗号处的地方", 10) == "一句很长的话……"


def test_the_title_breaks_after_a_phrase() -> None:
    title = "市政协十四届四次会议2号建议案办理工作方案7月落实情况"
    assert title_lines(title) == ("市政协十四届四次会议2号建议案", "办理工作方案7月落实情况")
    assert title_lines("2号建议案办理工作方案7月落实情况") == ("2号建议案办理工作方案7月落实情况",)
    for line in title_lines("某某某某某某某某某某某某某某某某某某某某某某某某某某某某某"):
        assert len(line) <= 20


def test_the_imprint_comes_from_the_settings() -> None:
    settings = Briefing(
        report_to="市人民政府分管副市长", copy_to="市政协有关领导", send_to="各成员单位", copies=40
    )
    made = imprint(settings, "某某办公室", date(2025, 8, 10))
    assert made.lines == ("报：市人民政府分管副市长", "送：市政协有关领导", "发：各成员单位")
    assert (made.issuer, made.printed, made.copies) == (
        "某某办公室",
        "2025年8月10日印发",
        "（共印40份）",
    )
    # the old single line, only when none of 报／送／发 is set
    old = imprint(Briefing(distribution="各成员单位"), "某某办公室", date(2025, 8, 10))
    assert old.lines == ("分送：各成员单位",) and old.copies is None
    assert imprint(Briefing(), "某某办公室", date(2025, 8, 10)).lines == ()


def test_merged_lists_read_as_one_paragraph() -> None:
    assert enumerated_paragraph(["甲。", "乙"]) == "一是甲；二是乙。"
    assert enumerated_paragraph([]) == ""
    assert units_text("市发改委、市经信局、市商务局") == "市发改委、市经信局、市商务局"
    assert units_text("市发改委、市经信局、市商务局、市财政局") == "市发改委等4家单位"


# ---------------------------------------------------------------- through the command

COORDINATED = "problems:\n  - {text: 用地指标不足, coordinate: true}\n  - 资金到位慢\n"


def project(make_project: Callable[..., Path], extra: str = COORDINATED) -> Path:
    return make_project(
        {
            "jxj/2025-07.yaml": monthly(
                "jxj", "2025-07", "ai-models: 8", "submitted: 2025-08-03\n"
            ),
            "kjj/2025-07.yaml": monthly("kjj", "2025-07", "", "submitted: 2025-08-04\n" + extra),
        }
    )


def section(text: str, head: str) -> str:
    return text.split(f"## {head}")[1].split("\n## ")[0]


def test_a_problem_marked_coordinate_is_for_the_city_leaders(make_project) -> None:
    r = run(*BRIEF, "--root", str(project(make_project)))
    assert r.exit_code == 0, r.output
    assert "1. 用地指标不足（市科技创新局）" in section(r.stdout, "四、需市领导协调事项")
    problems = section(r.stdout, "三、存在问题")
    assert "一是资金到位慢（市科技创新局）。" in problems and "用地指标" not in problems


def test_without_marks_there_is_nothing_to_coordinate(make_project) -> None:
    r = run(*BRIEF, "--root", str(project(make_project, "problems: [资金到位慢]\n")))
    assert "本月没有需提请市领导协调的事项。" in section(r.stdout, "四、需市领导协调事项")


def test_a_bad_coordinate_mark_is_one_located_error(make_project, clock: date) -> None:
    root = project(make_project, "problems:\n  - {text: 用地指标不足, coordinate: 是}\n")
    r = run("validate", "--root", str(root), env={"GITHUB_ACTIONS": None})
    assert r.exit_code == 1
    errors = [line for line in r.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "kjj/2025-07.yaml:6:" in errors[0], r.stdout
    assert "coordinate应为 true 或 false [JY012]" in errors[0]


def test_the_office_file_gives_the_note_and_the_featured_infos(make_project) -> None:
    root = project(make_project)
    office = root / "data/office/briefs"
    office.mkdir(parents=True)
    (office / "2025-07.yaml").write_text(
        "note: |\n  请各单位<b>加快</b>进度。\n\n  第二段。\nfeatured: [data/reports/kjj/2025-07.yaml]\n",
        encoding="utf-8",
    )
    r = run(*BRIEF, "--root", str(root))
    assert r.exit_code == 0, r.output
    head = r.stdout.split("## 一、")[0]
    assert "**按语**：*请各单位&lt;b&gt;加快&lt;/b&gt;进度。*" in head  # text, never markup
    assert "*第二段。*" in head
    featured = section(r.stdout, "信息选编")
    assert "**标题**" in featured and "正文" in featured
    # --note wins over the file's note; the featured 信息 stay
    note = root / "按语.md"
    note.write_text("本期按语。\n", encoding="utf-8")
    r = run(*BRIEF, "--root", str(root), "--note", str(note))
    assert "**按语**：*本期按语。*" in r.stdout and "## 信息选编" in r.stdout


def test_a_featured_path_must_be_a_report_of_the_month(make_project) -> None:
    root = project(make_project)
    office = root / "data/office/briefs"
    office.mkdir(parents=True)
    (office / "2025-07.yaml").write_text(
        "featured: [data/reports/kjj/2025-06.yaml]\n", encoding="utf-8"
    )
    r = run(*BRIEF, "--root", str(root))
    assert r.exit_code == 1
    assert (
        "data/office/briefs/2025-07.yaml：featured 第1项 data/reports/kjj/2025-06.yaml" in r.output
    )
    (office / "2025-07.yaml").write_text("featured: [1, 2]\nnotes: x\n", encoding="utf-8")
    r = run(*BRIEF, "--root", str(root))
    assert r.exit_code == 1, r.output
    assert (
        "data/office/briefs/2025-07.yaml:1:12: error: featured（信息选编）第 1 项应为文本"
        in r.output
    )
    assert "data/office/briefs/2025-07.yaml:2:1: error: 未知字段 notes，是否指 note？" in r.output


@pytest.mark.parametrize(("content", "message"), [(None, "找不到按语文件"), (b"", "是空文件")])
def test_a_note_file_that_is_no_note(make_project, tmp_path, content, message) -> None:
    note = tmp_path / "按语.txt"
    if content is not None:
        note.write_bytes(content)
    r = run(*BRIEF, "--root", str(project(make_project)), "--note", str(note))
    assert r.exit_code == 2 and message in r.output, r.output


def test_districts_and_zones_are_named_short_in_the_lists() -> None:
    short = {"汉阳区人民政府": "汉阳区", "东湖新技术开发区管委会": "东湖高新区"}
    assert units_text("市经信局、汉阳区人民政府", short=short) == "市经信局、汉阳区"
    assert units_text("东湖新技术开发区管委会、市发改委、汉阳区人民政府", short=short) == (
        "东湖高新区、市发改委、汉阳区"
    )
    assert (
        units_text("汉阳区人民政府、市发改委、市经信局、市商务局", short=short) == "汉阳区等4家单位"
    )


def test_text_lines_counts_the_grid() -> None:
    assert text_lines("一" * 26) == 1  # 26 characters after the two-character indent
    assert text_lines("一" * 27) == 2
    assert text_lines("一" * 54) == 2 and text_lines("一" * 55) == 3
    assert text_lines("2025" * 7) == 1  # 28 digits at three quarters each, with the indent
    assert text_lines("") == 1


def _key(number: str, quote: str) -> KeyWork:
    return KeyWork(number, "任务", "市发改委", "green", ("绿灯。",), quote)


def test_quotes_give_way_from_the_last_task_until_the_body_fits() -> None:
    quote = "市发改委：" + "一" * 51  # two lines more than the task's own line
    work = tuple(_key(f"（一）{n}", quote) for n in range(1, 6))
    brief = Brief(**{f: None for f in Brief._fields if f not in Brief._field_defaults})
    brief = brief._replace(
        as_of=date(2025, 8, 10),
        headline_text="",
        lights_text="",
        reporting_text="",
        key_work=work,
    )
    base = body_lines(brief._replace(key_work=()))
    # Room for the five tasks and three of the quotes: the last two quotes go, in that order.
    room = base + 5 * 1 + 3 * 2
    fitted = fit_body(brief, budget=room)
    assert [bool(k.quote) for k in fitted.key_work] == [True, True, True, False, False]
    assert body_lines(fitted) <= room
    # With room enough nothing goes; with none, every quote goes but nothing else.
    assert fit_body(brief, budget=10_000).key_work == work
    assert [k.sentences for k in fit_body(brief, budget=0).key_work] == [k.sentences for k in work]
    assert not any(k.quote for k in fit_body(brief, budget=0).key_work)


def test_then_overdue_lists_become_their_count_from_the_last_task_back() -> None:
    """When the quotes are gone and the body is still long (December: every task with
    overdue actions), each list of overdue actions becomes its count and the most overdue."""
    long = (
        "红灯。",
        "逾期事项：" + "；".join("事项" * 6 + f"{n}（逾期9天）" for n in range(5)) + "。",
    )
    short = ("红灯。", "逾期事项5项，逾期最久的是事项（9天）。")
    work = tuple(
        KeyWork(f"（一）{n}", "任务", "市发改委", "red", long, "", short) for n in range(1, 6)
    )
    brief = Brief(**{f: None for f in Brief._fields if f not in Brief._field_defaults})
    brief = brief._replace(
        as_of=date(2025, 8, 10), headline_text="", lights_text="", reporting_text="", key_work=work
    )
    full = body_lines(brief)
    saved = body_lines(brief._replace(key_work=(work[0]._replace(sentences=short),))) - body_lines(
        brief._replace(key_work=(work[0],))
    )
    assert saved < 0
    fitted = fit_body(brief, budget=full + 2 * saved)  # room after shortening two tasks
    assert [k.sentences == short for k in fitted.key_work] == [False, False, False, True, True]
    assert body_lines(fitted) <= full + 2 * saved
    assert fit_body(brief, budget=10_000).key_work == work


def test_the_markdown_briefing_reads_as_commonmark(make_project) -> None:
    """What a Markdown viewer shows: the 按语's label bold and its text in italics, the
    sections as headings (CommonMark will not close ``**按语：**`` before a letter)."""
    from markdown_it import MarkdownIt

    root = project(make_project)
    (root / "data/office/briefs").mkdir(parents=True)
    (root / "data/office/briefs/2025-07.yaml").write_text(
        "note: |\n  4项指标亮红灯，请有关牵头单位查找原因。\n", encoding="utf-8"
    )
    r = run(*BRIEF, "--root", str(root))
    assert r.exit_code == 0, r.output
    html = MarkdownIt("commonmark").render(r.stdout)
    assert "<strong>按语</strong>：<em>4项指标亮红灯，请有关牵头单位查找原因。</em>" in html
    assert "**" not in html  # every bold mark closed
    for head in ("一、总体情况", "二、重点工作进展", "三、存在问题", "六、报送情况"):
        assert f"<h2>{head}</h2>" in html


def test_a_month_no_unit_has_reported_yet_says_so(make_project) -> None:
    """Before any 信息 of the month arrived: 三 and 五 say no unit has reported (not that the
    reports list nothing), and 六 says none reported instead of naming every unit."""
    root = project(make_project)
    r = run("brief", "--month", "2025-08", "--as-of", "2025-09-20", "--root", str(root))
    assert r.exit_code == 0, r.output
    for head in ("三、存在问题", "五、下步工作"):
        assert section(r.stdout, head).strip() == "本月各单位尚未报送信息。"
    reporting = section(r.stdout, "六、报送情况")
    assert "2025年8月信息应报" in reporting and "均未报送" in reporting
    assert "未报：" not in reporting.split("2025年8月信息")[1].split("。")[0]


def test_the_reporting_paragraph_counts_many_missing_units() -> None:
    from jianyian.views.brief_records import ReportCount
    from jianyian.views.brief_sections import NAMED_UNITS, reporting_text

    names = "、".join(f"单位{i}" for i in range(NAMED_UNITS + 1))
    many = ReportCount("2025年8月信息", date(2025, 9, 5), 40, 29, 29, 0, 11, 0, 0, "", names)
    text = reporting_text([many], 0)
    assert "未报11家（名单见附件2）" in text and "单位0" not in text
    few = many._replace(received=39, on_time=39, missing=1, missing_units="市人社局")
    assert "未报：市人社局" in reporting_text([few], 0)
    one = many._replace(owed=1, received=0, on_time=0, missing=1, missing_units="市发改委")
    assert reporting_text([one], 0).startswith("2025年8月信息（市发改委）未报送。")
