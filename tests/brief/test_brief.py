"""``jianyian brief``: the demo briefing (golden file), Markdown safety, templates, writing.

The golden file tests/golden/brief-2025-07.md is the briefing of the demo project
(examples/demo/build.py) for July 2025. After an intended change to the template,
the briefing logic, the demo data or data/targets.yaml, regenerate it with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/brief/test_brief.py

and read the diff before committing it: the file must be right, not just new.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from jianyian.render.markdown import md_text

from ..conftest import DEMO_BUILD, GOLDEN, REPO, build_demo, monthly, run
from ..support.samples import HOSTILE_PROBLEM, HOSTILE_TITLE, hostile_report

# Data dated 2025 with submitted: dates: today must lie after them (JY033).
pytestmark = pytest.mark.usefixtures("clock")


def commits(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "log", "--format=%H %cI %s"], cwd=root, check=True, capture_output=True, text=True
    )
    return out.stdout.splitlines()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


def parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def tables(text: str) -> list[list[int]]:
    """Cells per row (header first) of every table, as a Markdown parser sees them."""
    out: list[list[int]] = []
    counts: list[int] | None = None
    cells = 0
    for tok in parse(text):
        if tok.type == "table_open":
            counts = []
        elif tok.type == "tr_open":
            cells = 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close" and counts is not None:
            counts.append(cells)
        elif tok.type == "table_close" and counts is not None:
            out.append(counts)
            counts = None
    return out


def source_table_rows(text: str) -> list[list[int]]:
    """Cells per row of every table in the source, splitting on unescaped pipes."""
    out, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(len(re.split(r"(?<!\\)\|", line)) - 2)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def plain_text(text: str) -> str:
    """All text a Markdown renderer shows, code spans included."""
    parts = []
    for tok in parse(text):
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
    return "".join(parts)


# ---------------------------------------------------------------- the demo briefing


#: The golden briefing is judged on 10 August 2025 (the July 信息 was due on 5 August), as
#: `make demo` prints it and the README's sample shows it.
GOLDEN_ARGS = ("brief", "--month", "2025-07", "--as-of", "2025-08-10")


@pytest.mark.slow
def test_demo_briefing_matches_golden_file(demo: Path) -> None:
    r = run(*GOLDEN_ARGS, "--root", str(demo))
    assert r.exit_code == 0, r.output
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(r.stdout.encode("utf-8"))
    expected = GOLDEN.read_text(encoding="utf-8")
    assert r.stdout == expected, "简报与 golden 文件不同；有意修改时用 UPDATE_GOLDEN=1 重新生成"


#: Marks a sample of the demo briefing in the docs: the fenced block after it.
SAMPLE_MARK = "<!-- demo-brief: tests/golden/brief-2025-07.md -->"


def test_the_docs_sample_is_the_demo_briefing() -> None:
    """The README's sample (and any other marked one) is cut from the golden briefing."""
    golden = GOLDEN.read_text(encoding="utf-8")
    samples = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for m in re.finditer(re.escape(SAMPLE_MARK) + r"\s*```markdown\n(.*?)```", text, re.S):
            samples.append((doc.name, m.group(1)))
    assert any(name == "README.md" for name, _ in samples), "README 中没有示例简报"
    for name, sample in samples:
        assert sample.strip() and sample in golden, f"{name} 中的示例简报与 make demo 的输出不一致"
    # make demo prints the same briefing (same month, same as-of day).
    make = (REPO / "Makefile").read_text(encoding="utf-8")
    assert " ".join(GOLDEN_ARGS) in make


def test_golden_file_says_what_the_demo_holds() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    # The mark and masthead, then the body an office sends (issue 27), the tables in annexes.
    assert text.startswith("内部资料\n\n# 2号建议案办理工作简报\n\n**第3期**\n")  # July: 3rd month
    heads = re.findall(r"^## (.+)$", text, flags=re.M)
    assert heads == [
        "2号建议案办理工作方案7月落实情况",  # the settings' short_title
        "一、总体情况",
        "二、重点工作进展",
        "三、存在问题",
        "四、需市领导协调事项",
        "五、下步工作",
        "六、报送情况",
        "信息选编",
    ]
    assert re.findall(r"^\*\*(附件\d)", text, flags=re.M) == ["附件1", "附件2", "附件3", "附件4"]
    assert (
        "附件：1. 主要指标完成情况　2. 各单位报送情况　3. 各单位本月信息摘要　4. 本月变化" in text
    )
    # The 按语 of data/office/briefs/2025-07.yaml, and the two 信息 it features, in full.
    assert "**按语**：*4项指标亮红灯，请有关牵头单位查找原因" in text
    body = text.split("附件：")[0]
    assert body.count("下一步将继续对照办理工作方案，抓好各项任务落实。") == 2
    # The 版记 from the settings: 报, 送, 发 apart, then the 印发 line with the 印数.
    assert (
        "报：市人民政府分管副市长、分管副秘书长\n\n送：市政协有关领导\n\n发：领导小组各成员单位"
        in text
    )
    assert "2025年8月10日印发（共印60份）" in text and "分送" not in text
    # The headline counts 21 indicators (the five industries once, through their total):
    # at or above 58.3% only the total (62.9%), ai-models (12/20 = 60%) and pilot-platforms
    # (13/20 = 65%); yellow 联合实验室 and 技术经理人, red 海外仓, 智能工厂 and the two escalated
    # (重点研发, 湖北实验室): 6 behind, 4 of them red; the other 12 green lights are behind
    # 58.3% by less than 10 points. Every row has July data: 序时进度 7/12.
    assert (
        "21项量化指标中，3项达到或超过序时进度，12项略低于序时进度（差距不足10个百分点），"
        "6项滞后（其中红灯4项），0项未报送。数据截至7月，序时进度58.3%（7/12）；" in text
    )
    # July's 信息: a lead unit's opening words under its task (not a featured one: it is
    # printed in full); every unit's title and excerpt in 附件3, cut at a sentence end.
    assert "市发改委：围绕重大产业项目建设和五大优势产业发展……" in body
    assert "市经信局：" not in body.split("## 三")[0]
    assert (
        "| 市经信局 | 【示例】市经信局2025年7月推进人工智能赋能制造业和创新平台建设情况 | "
        "2025年7月，市经信局围绕人工智能赋能制造业和创新平台建设，开展中期评估，梳理各项任务完成情况。"
        "…… |" in text
    )
    # 1–7月累计 re-derived by hand from the demo's paces (target × 7/12 × pace):
    # 480 × 7/12 × 0.97 = 271.6 → 272 projects, 56.7% against 58.3%: green.
    assert (
        "| 1 | 开工亿元以上产业项目 | 个 | 力争480 | 272 | 2025年7月 | 56.7% | 58.3% | 绿灯 |"
        in text
    )
    # The total is its parts' sum: 5057.5 + 3657.5 + 2132.1 + 1341.7 + 396.7 = 12585.5亿元,
    # 1.26万亿元, 62.9% of 突破2万亿元 — one unit per row (万亿元).
    assert (
        "| 2 | 五大优势产业总规模 | 万亿元 | 突破2 | 1.26 | 2025年7月 | 62.9% | 58.3% | 绿灯 |"
        in text
    )
    assert (
        "|  | 其中：北斗产业规模 | 亿元 | 800 | 396.7 | 2025年7月 | 49.6% | 58.3% | 绿灯 |" in text
    )
    # 0 of 2 warehouses: 58.3 points behind, red.
    assert (
        "**创建公共海外仓**（红灯）：2025年7月累计0个，目标2个，完成0.0%，落后58.3个百分点" in text
    )
    # 重点研发: May data 30% vs 41.7%, June data 37% vs 50%, July data 44% vs 58.3% —
    # three yellow data months in a row, escalated to red, and the briefing says why.
    assert "**实施重点研发计划项目**（红灯）" in text
    assert "落后14.3个百分点；5月、6月、7月连续3个月黄灯，按规则升为红灯。" in text
    # 湖北实验室: May 2 of 10 (21.7 behind 41.7%), June 3 (20.0 behind 50%), July 3 (28.3
    # behind 58.3%): three yellow data months, red as status says (not "连续2个月").
    assert "**8家湖北实验室产出标志性科技成果**（红灯）" in text
    # 联合实验室: 1 of 3 in May (8.3 behind: green), June and July yellow: two months.
    assert (
        "**组建产业创新联合实验室**（黄灯）：2025年7月累计1家，目标3家，完成33.3%，"
        "落后25.0个百分点；已连续2个月预警（6月、7月）。" in text
    )
    # 附件4 compares July's data with June's: 480 × 6/12 × 0.96 = 230.4 → 230 projects,
    # then 272 (+42); 跨境电商园 was green at 1 in June already and is not listed; two
    # districts sent no June data, so the space's June figure stands on May's and says so.
    assert "| 开工亿元以上产业项目 | 个 | 230 | 272 | +42 | 绿灯→绿灯 |" in text
    assert "跨境电商产业园" not in text.split("**附件4")[1]
    assert "| 42.8（5月数据） | 51.4 |" in text
    # A total whose target is below its parts' targets' sum says so.
    assert "注：五大优势产业总规模：各分项目标合计2.265万亿元，高于总目标（突破2万亿元）。" in text
    # Reporting: 市人社局 never sent July's 信息 (due 5 August); the others on time.
    assert "2025年7月信息应报40家，已报39家，均按时；未报：市人社局。" in text
    # Deadlines rolled over: 市委宣传部's June 信息 of 8 July was 1 day late (due 7 July).
    assert "| 市委宣传部 | 迟4天 | 迟1天 | ✓ |" in text
    # Problems merged and de-duplicated, naming the units (those named by most units first:
    # 前期手续 by three, with 市委金融办's 上半年小结); one marked coordinate: true is under 四
    # and not again under 三.
    assert "一是部分项目前期手续办理周期较长（市科技创新局、市委金融办、新洲区）；" in text
    assert "二是跨部门数据共享机制尚不健全（市经信局、汉阳区）；" in text
    four = text.split("## 四、需市领导协调事项")[1].split("## 五")[0]
    assert "1. 区级配套资金落实进度偏慢，需市级层面统筹解决（市商务局）" in four
    assert "需市级层面统筹解决" not in text.split("## 三")[1].split("## 四")[0]
    # 重点工作进展: the light, the actions completed this month in the unit's own words, the
    # furthest-behind number. (一)1 by hand: t1-1-6 was first reported 已完成 in July's report
    # (t1-1-2 in June's); ai-models 12 of 20 = 60.0%.
    assert (
        "**（一）1 加快传统产业转型升级**（市经信局牵头）。绿灯。本月完成：发挥武汉都市圈协同效应，"
        "构建联动发展机制……（印发《都市圈联动发展机制工作方案》）。"
        "部署垂直行业大模型及应用12个，完成60.0%。" in text
    )
    assert "**（二）3 强化错位发展和区域协同**（市发改委牵头）。绿灯。\n" in text
    # 附件1 tells every task's actions and numbers side by side (t1-1-2 confirmed on 15 July;
    # t1-1-6 confirmed only on 20 August: done, not yet 销号).
    assert (
        "| （一）1 加快传统产业转型升级 | 市经信局 | 事项 7 项，已完成 2 项（已销号 1 项），逾期 0 项；"
        "量化指标 1 项，完成率 60.0% | 绿灯 |" in text
    )
    assert "，状态：" not in body and "（见附件2）。" not in body
    assert "初步统计" not in text  # judged after the deadline
    assert "示例" in text  # the demo's texts say they are illustrative


def test_a_briefing_before_the_deadline_says_it_is_preliminary(demo: Path) -> None:
    r = run("brief", "--month", "2025-07", "--as-of", "2025-08-03", "--root", str(demo))
    assert r.exit_code == 0, r.output
    assert (
        "> 初步统计：2025年7月信息的报送截止日期为2025年8月5日，本简报统计截至2025年8月3日"
        in r.stdout
    )


def test_a_briefing_counts_only_what_had_arrived(demo: Path) -> None:
    # On 31 July no July report had arrived except those sent on the last day of the month
    # (市经信局, 市数据局): their titles are there, 市发改委's is not.
    r = run("brief", "--month", "2025-07", "--as-of", "2025-07-31", "--root", str(demo))
    assert r.exit_code == 0, r.output
    assert "| 市经信局 | 【示例】市经信局2025年7月" in r.stdout
    assert "| 市发改委 | 【示例】市发改委2025年7月" not in r.stdout
    # 市发改委's projects are June's 1–6月累计 (480 × 6/12 × 0.96 = 230.4 → 230), against 6/12.
    assert (
        "| 1 | 开工亿元以上产业项目 | 个 | 力争480 | 230 | 2025年6月 | 47.9% | 50.0% |" in r.stdout
    )


def test_every_table_row_has_the_header_column_count(demo: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    parsed = tables(text)
    assert len(parsed) >= 4  # indicators, submissions, excerpts, changes
    for rows in parsed:
        assert len(set(rows)) == 1, rows
    for rows in source_table_rows(text):
        assert len(set(rows)) == 1, rows


def test_same_data_and_as_of_give_identical_bytes(demo: Path) -> None:
    first = run("brief", "--month", "2025-08", "--root", str(demo), "--as-of", "2025-09-10")
    second = run("brief", "--month", "2025-08", "--root", str(demo), "--as-of", "2025-09-10")
    assert "第4期" in first.stdout
    assert first.exit_code == 0, first.output
    assert first.stdout.encode() == second.stdout.encode()


@pytest.mark.slow
def test_demo_build_is_reproducible(tmp_path: Path, demo: Path) -> None:
    again = build_demo(tmp_path / "again")
    assert commits(again) == commits(demo)
    history = commits(demo)
    assert len(history) > 40
    # Each report is committed on the day it was "sent", Beijing time.
    assert any(" 2025-07-08T17:30:00+08:00 " in line for line in history)
    r = run("validate", "--root", str(demo))
    assert r.exit_code == 0, r.output
    # Rebuilding over a previous demo build replaces it; other folders are refused.
    build_demo(again)
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, str(DEMO_BUILD), str(other)], capture_output=True, text=True
    )
    assert p.returncode != 0 and (other / "keep.txt").exists()


# ---------------------------------------------------------------- hostile report text


def test_hostile_report_text_stays_literal(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            "jxj/2025-06.yaml": hostile_report("jxj"),
            "jiangan/2025-06.yaml": hostile_report("jiangan"),
        }
    )
    r = run("brief", "--month", "2025-06", "--as-of", "2025-07-10", "--root", str(root))
    assert r.exit_code == 0, r.output
    text = r.stdout
    tokens = parse(text)
    assert not [t for t in tokens if t.type == "html_block"]
    assert not [c for t in tokens for c in t.children or [] if c.type == "html_inline"]
    # nothing was evaluated (the project's folder, named in git's warning, may hold a 49)
    assert "49" not in text.replace(str(root), "")
    heads = [t for t in tokens if t.type == "heading_open" and t.tag == "h2"]
    assert len(heads) == 7  # no heading smuggled in
    for rows in tables(text):
        assert len(set(rows)) == 1, rows
    shown = plain_text(text)
    flat = " ".join(HOSTILE_TITLE.split())
    assert flat in shown  # the title under its task and in the annex of excerpts, literally
    assert " ".join(HOSTILE_PROBLEM.split()) in shown
    assert "#" + flat in shown


def test_a_months_increment_never_reaches_the_briefing(make_project: Callable[..., Path]) -> None:
    """Issue 32: July's increment (3) typed instead of 1–7月累计 after June's 12 is an error
    (JY028): the file is set aside as 文件有错误, so the briefing keeps June's 12 and never
    says "完成15.0%" or a change of −9; with a note explaining it, it counts."""
    june = monthly("jxj", "2025-06", "ai-models: 12", "submitted: 2025-07-03\n")
    july = monthly("jxj", "2025-07", "ai-models: 3", "submitted: 2025-08-03\n")
    root = make_project({"jxj/2025-06.yaml": june, "jxj/2025-07.yaml": july})
    checked = run("validate", "--root", str(root), env={"GITHUB_ACTIONS": None})
    assert checked.exit_code == 1
    assert (
        "2025-07.yaml:3:25: error: 指标 ai-models（部署垂直行业大模型及应用）填的是 3，低于上月："
        in (checked.stdout)
    )
    r = run("brief", "--month", "2025-07", "--as-of", "2025-08-10", "--root", str(root))
    assert r.exit_code == 0, r.output
    row = next(line for line in r.stdout.splitlines() if "| 部署垂直行业大模型及应用 |" in line)
    assert "| 12 | 2025年6月 | 60.0% |" in row
    assert "15.0%" not in r.stdout and "| -9 |" not in r.stdout
    assert "2025年7月信息文件有错误" in r.stdout

    noted = july.replace("ai-models: 3", "ai-models: {value: 3, note: 数据修正：剔除9个重复统计}")
    (root / "data/reports/jxj/2025-07.yaml").write_text(noted, encoding="utf-8")
    r = run("brief", "--month", "2025-07", "--as-of", "2025-08-10", "--root", str(root))
    row = next(line for line in r.stdout.splitlines() if "| 部署垂直行业大模型及应用 |" in line)
    assert "| 3 | 2025年7月 | 15.0% |" in row


def test_entries_that_say_nothing_are_not_problems(make_project: Callable[..., Path]) -> None:
    """Issue 32: 「无」「暂无」 under problems or next steps are no entries, everywhere:
    not "1. 无（市经信局）" in the briefing (Markdown and Word), not in ``status --unit``;
    ``validate`` says so with a warning on each."""
    jxj = monthly(
        "jxj",
        "2025-06",
        extra="problems: [无, 部分企业数据基础薄弱]\nnext_steps: [暂无。]\nsubmitted: 2025-07-03\n",
    )
    kjj = monthly(
        "kjj",
        "2025-06",
        extra="problems:\n  - 暂无问题\nnext_steps: [（无）]\nsubmitted: 2025-07-03\n",
    )
    root = make_project({"jxj/2025-06.yaml": jxj, "kjj/2025-06.yaml": kjj})

    checked = run("validate", "--root", str(root), env={"GITHUB_ACTIONS": None})
    warned = [line for line in checked.stdout.splitlines() if line.endswith("[JY019]")]
    assert [line.split(": warning: ")[0] for line in warned] == [
        "data/reports/jxj/2025-06.yaml:4:12",
        "data/reports/jxj/2025-06.yaml:5:14",
        "data/reports/kjj/2025-06.yaml:5:5",
        "data/reports/kjj/2025-06.yaml:6:14",
    ]
    assert "第 1 项“无”表示没有，按未填写处理，不进入简报" in warned[0]
    assert checked.exit_code == 0, checked.output

    r = run("brief", "--month", "2025-06", "--as-of", "2025-07-10", "--root", str(root))
    assert r.exit_code == 0, r.output
    problems = r.stdout.split("## 三、存在问题")[1].split("## 四、")[0]
    steps = r.stdout.split("## 五、下步工作")[1].split("## 六、")[0]
    assert problems.strip() == "一是部分企业数据基础薄弱（市经信局）。"
    assert steps.strip() == "本月各单位报送材料中未列出下步工作。"

    status = run("status", "--unit", "kjj", "--as-of", "2025-07-10", "--json", "--root", str(root))
    latest = json.loads(status.stdout)["latest_report"]
    assert latest["problems"] == [] and latest["next_steps"] == []


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("- x", "\\- x"),
        ("-5%", "-5%"),
        ("1. x", "1\\. x"),
        ("1.5万人", "1.5万人"),
        ("# x", "\\# x"),
        ("a # b", "a # b"),
        ("> x", "&gt; x"),
        ("<b>", "&lt;b&gt;"),
        ("R&D &amp;", "R&D &amp;amp;"),
        ("`x`", "\\`x\\`"),
        ("a\nb\r\nc", "a b c"),
        ("甲\u3000乙", "甲\u3000乙"),
        ("{{ x }}", "{{ x }}"),
    ],
)
def test_md_text(raw: str, escaped: str) -> None:
    assert md_text(raw) == escaped


# ---------------------------------------------------------------- templates


def test_undefined_name_in_template_is_a_clear_error(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project()
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ plan_title }}\n\n{{ no_such_thing }}\n", encoding="utf-8")
    r = run("brief", "--month", "2025-07", "--root", str(root), "--template", str(template))
    assert r.exit_code == 1, r.output
    assert f"模板 {template} 第 3 行" in r.output
    assert "未定义的名称“no_such_thing”" in r.output
    assert "Traceback" not in r.output
    template.write_text("{% for t in tasks %}\n{{ t.no_field }}\n{% endfor %}\n", encoding="utf-8")
    r = run("brief", "--month", "2025-07", "--root", str(root), "--template", str(template))
    assert r.exit_code == 1 and "第 2 行" in r.output and "no_field" in r.output, r.output


def test_template_errors_and_sandbox(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project()
    template = tmp_path / "bad.md.j2"
    template.write_text("{% for x in tasks %}\n", encoding="utf-8")
    r = run("brief", "--month", "2025-07", "--root", str(root), "--template", str(template))
    assert r.exit_code == 1 and "语法错误" in r.output and "Traceback" not in r.output
    template.write_text("{{ as_of.__class__.__mro__ }}\n", encoding="utf-8")
    r = run("brief", "--month", "2025-07", "--root", str(root), "--template", str(template))
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    r = run("brief", "--month", "2025-07", "--root", str(root), "--template", str(tmp_path / "no"))
    assert r.exit_code == 2 and "找不到该模板文件" in r.output


def test_project_template_overrides_builtin(make_project: Callable[..., Path], clock) -> None:
    # One July value, so the rows (and the headline) are judged against 7/12.
    report = monthly("jxj", "2025-07", "ai-models: 12", "submitted: 2025-07-31\n")
    root = make_project({"jxj/2025-07.yaml": report})
    (root / "templates").mkdir()
    (root / "templates" / "brief.md.j2").write_text(
        "{{ month|month }}｜{{ as_of|date }}｜{{ headline.expected|pct }}\n", encoding="utf-8"
    )
    r = run("brief", "--month", "2025-07", "--as-of", "2025-07-31", "--root", str(root))
    assert r.exit_code == 0, r.output
    assert r.stdout == "2025年7月｜2025年7月31日｜58.3%\n"


# ---------------------------------------------------------------- options and writing


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2025-7", "不是有效月份"),
        ("July", "不是有效月份"),
        ("2026-01", "不在办理期内"),
        ("2025-04", "不在办理期内"),
    ],
)
def test_bad_month_is_a_usage_error(
    make_project: Callable[..., Path], month: str, message: str
) -> None:
    r = run("brief", "--month", month, "--root", str(make_project()))
    assert r.exit_code == 2 and message in r.output, r.output


def test_output_file_refuses_to_overwrite_without_force(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project()
    out = tmp_path / "out" / "简报.md"
    out.parent.mkdir()  # -o never creates folders (tests/house/test_office_files.py)
    r = run("brief", "--month", "2025-07", "--root", str(root), "-o", str(out))
    assert r.exit_code == 0, r.output
    written = out.read_text(encoding="utf-8")
    assert written.startswith("内部资料\n\n# 2号建议案办理工作简报\n")
    assert r.stdout == ""
    out.write_text("手写的简报\n", encoding="utf-8")
    r = run("brief", "--month", "2025-07", "--root", str(root), "-o", str(out))
    assert r.exit_code == 2 and "--force" in r.output, r.output
    assert out.read_text(encoding="utf-8") == "手写的简报\n"
    r = run("brief", "--month", "2025-07", "--root", str(root), "-o", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == written
    assert sorted(p.name for p in out.parent.iterdir()) == ["简报.md"]  # no temporary files left


def test_outside_git_the_header_says_so(make_project: Callable[..., Path]) -> None:
    r = run("brief", "--month", "2025-05", "--root", str(make_project()))
    assert r.exit_code == 0, r.output
    assert "（不在 git 仓库中）" in r.stdout or re.search(r"数据版本：[0-9a-f]{7}", r.stdout)
    assert "本月为办理期首月" in r.stdout


def test_help_has_an_example() -> None:
    r = run("brief", "--help")
    assert r.exit_code == 0, r.output
    assert "jianyian brief --month 2025-07" in r.output
