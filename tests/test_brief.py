"""``jianyian brief``: the demo briefing (golden file), Markdown safety, templates, writing.

The golden file tests/golden/brief-2025-07.md is the briefing of the demo project
(examples/demo/build.py) for July 2025. After an intended change to the template,
the briefing logic, the demo data or data/targets.yaml, regenerate it with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_brief.py

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
from typer.testing import CliRunner

from jianyian.cli import app
from jianyian.render.markdown import md_text

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "examples" / "demo" / "build.py"
GOLDEN = REPO / "tests" / "golden" / "brief-2025-07.md"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def build_demo(target: Path) -> Path:
    subprocess.run([sys.executable, str(BUILD), str(target)], check=True, capture_output=True)
    return target


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


def test_demo_briefing_matches_golden_file(demo: Path) -> None:
    r = run("brief", "--month", "2025-07", "--root", str(demo))
    assert r.exit_code == 0, r.output
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(r.stdout.encode("utf-8"))
    expected = GOLDEN.read_text(encoding="utf-8")
    assert r.stdout == expected, "简报与 golden 文件不同；有意修改时用 UPDATE_GOLDEN=1 重新生成"


def test_golden_file_says_what_the_demo_holds() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    # Sections in order, exceptions first.
    heads = re.findall(r"^## (.+)$", text, flags=re.M)
    assert heads == [
        "一、总体情况",
        "二、预警事项",
        "三、主要指标完成情况",
        "四、各项任务推进情况",
        "五、存在问题",
        "六、下步工作",
        "七、本月变化",
        "附表　各单位报送情况",
    ]
    # 40 units owed June's 信息 (due 5 July): 江夏区 and 长江新区 never sent it,
    # 市委宣传部 (8 July) and 新洲区 (10 July) sent it late.
    assert "| 2025年6月信息 | 2025年7月5日 | 40 | 38 | 36 | 2 | 2 | 0 |" in text
    assert "本期未报送信息的单位：长江新区管委会、江夏区人民政府。" in text
    assert "| 市委宣传部 | — | 2025年6月信息（2025年7月8日报送，迟3天） |" in text
    assert "| 东湖生态旅游风景区管委会 | 具体办理方案（逾期61天） | — |" in text
    # Values as the tree holds them (July's included), judged on 31 July
    # (序时进度 92/245 = 37.6%); 0 of 2 warehouses is red.
    assert (
        "| 创建公共海外仓 | 红灯 | 0个 | 2个 | 0.0% | 落后37.6个百分点 | 市发改委 | 3个月 |" in text
    )
    # The five industries sit under their total, which is their sum
    # (4710+3560+1420+1290+315 = 11295亿元 = 1.13万亿元, 56.5% of 2万亿元).
    assert "| 2 | 五大优势产业总规模 | 工作目标 | 突破2万亿元 | 1.13万亿元 | 56.5% |" in text
    assert "|  | 其中：北斗产业规模 |" in text
    # 市经信局 sends on the last day of the month, so its July figures are already in.
    assert "| 部署垂直行业大模型及应用 | 5个 | 8个 | +3个 | 绿灯→绿灯 |" in text
    # 市人才工作局: 3.6万人 by June (12.0% vs 24.9% expected on 30 June: yellow),
    # 12.4万人 by July (41.3% vs 37.6%: green).
    assert "吸引留汉来汉就业创业大学毕业生（黄灯→绿灯）" in text
    assert "（二）3 强化错位发展和区域协同" in text and "进展：推进中" in text
    assert "示例" in text  # the demo's texts say they are illustrative


def test_every_table_row_has_the_header_column_count(demo: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    parsed = tables(text)
    assert len(parsed) >= 6
    for rows in parsed:
        assert len(set(rows)) == 1, rows
    for rows in source_table_rows(text):
        assert len(set(rows)) == 1, rows


def test_same_data_and_as_of_give_identical_bytes(demo: Path) -> None:
    first = run("brief", "--month", "2025-08", "--root", str(demo), "--as-of", "2025-09-10")
    second = run("brief", "--month", "2025-08", "--root", str(demo), "--as-of", "2025-09-10")
    assert first.exit_code == 0, first.output
    assert first.stdout.encode() == second.stdout.encode()


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
    p = subprocess.run([sys.executable, str(BUILD), str(other)], capture_output=True, text=True)
    assert p.returncode != 0 and (other / "keep.txt").exists()


# ---------------------------------------------------------------- hostile report text

HOSTILE_TITLE = (
    "A|B *粗* # 标题 <script>alert(1)</script> {{ 7*7 }} {% raw %}`代码`_x_ [链接](http://x) &lt;"
)
HOSTILE_BODY = "- 列表\n> 引用\n1. 编号\n# 标题\n| a | b |\n{{ 7*7 }} {% if %} \\ 结尾"
HOSTILE_PROBLEM = "1. 第一行\n第二行 | 竖线 ~~删~~ $x$"


def _hostile_report(unit: str) -> str:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 — a YAML double-quoted scalar
    return (
        f"unit: {unit}\nmonth: 2025-06\nsubmitted: 2025-07-03\n"
        f"info:\n  title: {q(HOSTILE_TITLE)}\n  body: {q(HOSTILE_BODY)}\n"
        f"problems: [{q(HOSTILE_PROBLEM)}]\nnext_steps: [{q('#' + HOSTILE_TITLE)}]\n"
    )


def test_hostile_report_text_stays_literal(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            "jxj/2025-06.yaml": _hostile_report("jxj"),
            "jiangan/2025-06.yaml": _hostile_report("jiangan"),
        }
    )
    r = run("brief", "--month", "2025-07", "--root", str(root))
    assert r.exit_code == 0, r.output
    text = r.stdout
    tokens = parse(text)
    assert not [t for t in tokens if t.type == "html_block"]
    assert not [c for t in tokens for c in t.children or [] if c.type == "html_inline"]
    assert "49" not in text  # nothing was evaluated
    heads = [t for t in tokens if t.type == "heading_open" and t.tag == "h2"]
    assert len(heads) == 8  # no heading smuggled in
    for rows in tables(text):
        assert len(set(rows)) == 1, rows
    shown = plain_text(text)
    flat = " ".join(HOSTILE_TITLE.split())
    assert flat in shown  # the title in 四 and in the table of other units, literally
    assert " ".join(HOSTILE_PROBLEM.split()) in shown
    assert "#" + flat in shown


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


def test_project_template_overrides_builtin(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "templates").mkdir()
    (root / "templates" / "brief.md.j2").write_text(
        "{{ month|month }}｜{{ as_of|date }}｜{{ expected|pct }}\n", encoding="utf-8"
    )
    r = run("brief", "--month", "2025-07", "--root", str(root))
    assert r.exit_code == 0, r.output
    assert r.stdout == "2025年7月｜2025年7月31日｜37.6%\n"


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
    r = run("brief", "--month", "2025-07", "--root", str(root), "-o", str(out))
    assert r.exit_code == 0, r.output
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# 市政协十四届四次会议2号建议案办理工作方案落实情况简报\n")
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
