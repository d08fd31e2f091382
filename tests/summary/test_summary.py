"""``jianyian summary`` (issue 28): the office's 半年总结, 年度总结 and report to 市政协,
drafted from the engine's numbers and the units' 小结, every passage attributed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from docx import Document as read_docx

from jianyian.fmt import num
from jianyian.jobs import make_summary
from jianyian.load import load_project
from jianyian.load.yamlsrc import parse_yaml
from jianyian.views.summary import Summary

from ..conftest import build_demo, run
from ..support import office

# Data dated 2025 with submitted: dates: today (the clock fixture) lies after them.
pytestmark = pytest.mark.usefixtures("clock")

H1 = ("summary", "--half", "2025H1", "--as-of", "2025-07-15")
TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


def summary_view(root: Path, **kwargs) -> Summary:
    view = make_summary(root, as_of=date.fromisoformat(kwargs.pop("as_of")), today=TODAY, **kwargs)
    assert isinstance(view.value, Summary)
    return view.value


def markdown(root: Path, *args: str) -> str:
    r = run(*args, "--root", str(root))
    assert r.exit_code == 0, r.output
    return r.stdout


def half_year_summaries(root: Path) -> dict[str, dict]:
    """Unit id → its 上半年小结 as written in the demo (every one, whenever it arrived)."""
    out = {}
    for path in sorted((root / "data/reports").glob("*/half-year-summary.yaml")):
        out[path.parent.name] = parse_yaml(path.read_text(encoding="utf-8"), "x").value
    return out


def test_the_half_year_summary_quotes_every_unit_that_submitted(demo: Path) -> None:
    text = markdown(demo, *H1)
    flat = text.replace("\n", "")
    view = summary_view(demo, half="2025H1", as_of="2025-07-15")
    names = {u.id: u.name for u in load_project(demo).checked_plan.units}
    written = half_year_summaries(demo)
    quoted = 0
    for unit, doc in written.items():
        if names[unit] not in view.submitted_units:
            continue
        quoted += 1
        # Its overview, attributed to it, and every task passage it wrote.
        overview = " ".join(doc["overview"].split())
        assert f"{overview}（{names[unit]}）" in flat or overview in flat, unit
        for entry in doc.get("tasks", {}).values():
            for passage in entry.values():
                assert passage in flat, (unit, passage)
    assert quoted == len(view.submitted_units) == 38
    # Who did not: 新洲区 never sent it, 市委金融办 only after 15 July.
    assert set(view.missing_units) == {"新洲区人民政府", "市委金融办"}
    assert "未报送：市委金融办、新洲区人民政府" in flat
    assert "迟报：市财政局" in flat


def test_its_numbers_are_the_status_of_june_data(demo: Path) -> None:
    view = summary_view(demo, half="2025H1", as_of="2025-07-15")
    status = json.loads(markdown(demo, "status", "--json", "--as-of", "2025-07-15"))
    assert view.data_month == status["summary"]["expected_month"] == "2025-06"
    assert view.headline == status["summary"]["headline"]
    assert view.actions_text == status["summary"]["actions"]["text"]
    by_id = {i["id"]: i for i in status["indicators"]}
    assert {r.id for r in view.indicators} == set(by_id)
    for row in view.indicators:
        i = by_id[row.id]
        # status --json rounds its numbers (num); the same numbers, before rounding.
        assert (num(row.value), num(row.completion), row.light) == (
            i["value"],
            i["completion"],
            i["light"],
        )
        assert row.data_month == i["data_month"]
    states = {a["id"]: a["state"] for a in status["actions"]}
    assert {a.id: a.state for a in view.actions} == states
    tasks = {t["id"]: t["progress_text"] for t in status["tasks"]}
    assert {t.id: t.progress_text for t in view.tasks} == tasks
    text = markdown(demo, *H1)
    assert f"截至2025年7月15日，{status['summary']['headline']}" in text
    for row in view.indicators:
        assert row.value_number in text


def test_identical_passages_are_merged_naming_every_unit(demo: Path) -> None:
    view = summary_view(demo, half="2025H1", as_of="2025-07-15")
    t11 = next(t for t in view.tasks if t.id == "t1-1")
    shared = [p for p in t11.measures if p.text.startswith("成立区级办理工作专班")]
    assert len(shared) == 1
    # Every district but 新洲区 (who sent nothing) says it, and is named.
    assert shared[0].units.count("、") == 16 and "新洲区" not in shared[0].units
    assert "江岸区人民政府" in shared[0].units and "东湖生态旅游风景区管委会" in shared[0].units


def test_a_lead_unit_silent_on_its_task_is_named(demo: Path) -> None:
    view = summary_view(demo, half="2025H1", as_of="2025-07-15")
    t32 = next(t for t in view.tasks if t.id == "t3-2")
    assert t32.silent_leads == "市委金融办"  # its 小结 arrived after 15 July
    later = summary_view(demo, half="2025H1", as_of="2025-07-31")
    assert next(t for t in later.tasks if t.id == "t3-2").silent_leads == ""
    assert later.missing_units == ("新洲区人民政府",)
    assert "市委金融办" in later.late_units


def test_the_report_to_cppcc_quotes_the_evaluation_once_it_exists(demo: Path) -> None:
    before = markdown(demo, "summary", "--year", "2025", "--for", "市政协", "--as-of", "2025-09-25")
    after = markdown(demo, "summary", "--year", "2025", "--for", "市政协", "--as-of", "2025-10-10")
    assert "满意度测评" not in before
    assert "2025年9月26日满意度测评" in after and "满意和基本满意占96.9%" in after
    assert "进一步加大重大产业项目招引力度" in after
    for heading in ("## 一、办理工作开展情况", "## 二、主要成效", "## 三、下步打算"):
        assert heading in after
    assert "附件" not in after and "关于市政协十四届四次会议2号建议案办理情况的报告" in after
    # The half-year 总结 does not quote it; the annual one does.
    assert "满意度测评" not in markdown(
        demo, "summary", "--half", "2025H1", "--as-of", "2025-10-10"
    )
    year = markdown(demo, "summary", "--year", "2025", "--as-of", "2025-10-10")
    assert "2025年9月26日满意度测评" in year and "## 附件1　任务落实情况表" in year


def test_the_docx_is_a_draft_and_byte_identical(demo: Path, tmp_path: Path, clock: date) -> None:
    outs = []
    for name in ("a.docx", "b.docx"):
        out = tmp_path / name
        r = run(*H1, "--root", str(demo), "-o", str(out))
        assert r.exit_code == 0, r.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    doc = read_docx(io.BytesIO(outs[0]))
    assert doc.core_properties.comments == "草稿，供修改"
    assert doc.core_properties.title == "市政协十四届四次会议2号建议案2025年上半年办理工作总结"
    text = "\n".join(p.text for p in doc.paragraphs)
    view = summary_view(demo, half="2025H1", as_of="2025-07-15")
    assert view.headline in text
    for heading in ("一、总体进展", "二、主要做法和成效", "三、存在的问题", "四、下步工作打算"):
        assert heading in text
    cells = {c.text for table in doc.tables for row in table.rows for c in row.cells}
    assert {a.text for a in view.actions} <= cells
    assert {r.name for r in view.indicators if not r.is_part} <= cells


@pytest.mark.slow
def test_pdf_through_libreoffice(demo: Path, tmp_path: Path) -> None:
    office.require("soffice")
    office.require("pdftotext")
    out = tmp_path / "半年总结.pdf"
    r = subprocess.run(
        [sys.executable, "-m", "jianyian", *H1, "--root", str(demo), "-o", str(out)],
        env=office.fontconfig_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    flat = office.pdf_text(out, layout=False).replace(" ", "").replace("\n", "")
    assert "2025年上半年办理工作总结" in flat
    assert "—1—" in flat and "—2—" in flat
    assert "任务落实情况表" in flat and "指标完成情况表" in flat
    assert "（市经信局）" in flat


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "二选一"),
        (("--half", "2025H1", "--year", "2025"), "二选一"),
        (("--half", "2025上半年"), "应写作 2025H1"),
        (("--half", "2025H1", "--for", "市人大"), "只能是 市政协"),
        (("--half", "2025H1", "-o", "x.doc"), "不认识的扩展名"),
        (("--half", "2025H1", "--format", "docx"), "不能写到终端"),
    ],
)
def test_usage_errors(make_project: Callable[..., Path], args, message) -> None:
    r = run("summary", "--root", str(make_project()), "--as-of", "2025-07-15", *args)
    assert r.exit_code == 2 and message in r.output, r.output


def test_unit_text_is_data(make_project: Callable[..., Path]) -> None:
    hostile = (
        "unit: jxj\ndeliverable: half-year-summary\nsubmitted: 2025-06-20\n"
        'overview: "# 标题 <script>alert(1)</script> | **粗** {{ 7*7 }}"\n'
        "tasks:\n  t1-1: {measures: '[链接](http://x)'}\n"
    )
    root = make_project({"jxj/half-year-summary.yaml": hostile})
    text = markdown(root, *H1)
    assert "<script>" not in text and "&lt;script&gt;" in text
    # Escaped once, never markup, never a template: printed as the unit wrote it.
    assert (
        "\\# 标题 &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*粗\\*\\* {{ 7\\*7 }}（市经信局）"
        in text
    )
    assert "\\[链接\\](http://x)（市经信局）" in text
    assert "\n# 标题" not in text


def test_each_document_is_signed_by_the_office_on_its_day(demo: Path, tmp_path: Path) -> None:
    """落款: the office that signs the briefing's masthead, and the as-of day (GB/T 9704)."""
    from jianyian.load import load_plan

    office_name = load_plan(demo)[0].office_name
    cases = (
        ("--year", "2025", "--for", "市政协", "--as-of", "2025-10-10"),
        ("--half", "2025H1", "--as-of", "2025-07-15"),
    )
    for args, day in zip(cases, ("2025年10月10日", "2025年7月15日"), strict=True):
        lines = [x.strip() for x in markdown(demo, "summary", *args).splitlines()]
        at = lines.index(office_name)
        assert lines[at + 1] == day
        out = tmp_path / f"{args[0][2:]}.docx"
        assert run("summary", *args, "--root", str(demo), "-o", str(out)).exit_code == 0
        texts = [p.text for p in read_docx(str(out)).paragraphs if p.text]
        if args[0] == "--year":  # a long title turns after a phrase, as the briefing's
            assert texts[0] == "关于市政协十四届四次会议\n2号建议案办理情况的报告"
        # The signature closes the body, before the annexes; the 总结 lists them first.
        at = texts.index(office_name)
        assert texts[at + 1] == day
        if args[0] == "--half":
            assert texts[at - 1] == "附件：1.任务落实情况表　2.指标完成情况表"
    report = markdown(demo, "summary", *cases[0])
    assert "\n市政协：\n" in report


@pytest.mark.parametrize("day", ["2025-07-10", "2025-08-10", "2025-10-10"])
def test_the_duban_sentence_is_where_status_says_the_items_stand(demo: Path, day: str) -> None:
    status = json.loads(markdown(demo, "status", "--json", "--as-of", day))["summary"]["duban"]
    for args in (("--half", "2025H1"), ("--year", "2025", "--for", "市政协")):
        text = markdown(demo, "summary", *args, "--as-of", day)
        lines = [x for x in text.splitlines() if "督办事项" in x]
        if not status["total"]:
            assert lines == []
            continue
        (line,) = lines
        assert f"累计交办督办事项{status['total']}项" in line
        for state, n in status["states"].items():
            assert (f"{state}{n}项" in line) == bool(n), (state, line)
        # A 总结 covers a period: no month's counts.
        assert "月新交办" not in line
