"""Any input, a clear answer: generated and mutated YAML and random bytes.

Whatever a unit commits, loading and ``jianyian validate`` never raise, every
diagnostic names its file with a line and a column (≥ 1, inside the file), every
file that could not be loaded has at least one error, and the exit code is 0 or 1.

A small plan keeps each example fast; the report file is rewritten in place.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from jianyian.checks import check_project
from jianyian.cli import app
from jianyian.diagnostics import CODES
from jianyian.load import load_project
from jianyian.render.diagnostics import format_text

from ..conftest import runner, write_project

SMALL_PLAN = """\
version: 1
plan:
  id: p
  title: 方案
  proposal: 建议案
  notice: 通知
  issuer: 市人民政府办公厅
  issued: 2025-05-05
  start: 2025-05-01
  end: 2025-12-31
  leading_group: 领导小组
  office: fgw
settings: {goal_reporters: [fgw]}
calendar: [{year: 2025}, {year: 2026}]
units:
  - {id: fgw, name: 市发改委, short: 发改委}
  - {id: jxj, name: 市经信局, short: 经信局}
  - {id: jiangan, name: 江岸区人民政府, short: 江岸区, kind: district}
groups:
  - {id: districts, name: 各区人民政府, members: [jiangan]}
goals:
  text: 工作目标
  indicators:
    - {id: projects, name: 重大项目, target: 480, measure: 个}
tasks:
  - id: t1
    number: （一）1
    section: 一
    title: 任务一
    text: 原文
    lead: [jxj]
    responsible: [districts]
    indicators:
      - id: ai-models
        name: 垂直行业大模型
        target: 20
        measure: 个
        milestones: [{date: 2025-09-30, value: 10}]
  - {id: t2, number: （一）2, section: 一, title: 任务二, text: 原文, lead: [jxj]}
deliverables:
  - {id: handling-plan, name: 具体办理方案, kind: once, owed_by: responsible_units, due: 2025-05-31}
  - {id: info, name: 信息, kind: monthly, owed_by: member_units, due_day: 5}
"""

MONTHLY = """\
unit: jxj
month: 2025-07
submitted: 2025-08-03
indicators:
  ai-models: {value: 8, note: 新增2个}
tasks:
  t2: 推进中
info:
  title: 市经信局推进人工智能赋能制造业情况
  body: |
    本月，我局“人工智能+制造”行动取得进展：
    一是部署模型 8 个；二是……
problems: [部分企业数据基础薄弱, '含: 冒号']
next_steps:
  - 加快推进智能工厂建设
"""

DOCUMENT = """\
unit: jiangan
deliverable: handling-plan
title: 江岸区具体办理方案
body: >-
  细化工作举措，
  明确责任分工。
"""

REPORTS = {
    "jxj/2025-07.yaml": MONTHLY,
    "jiangan/handling-plan.yaml": DOCUMENT,
}

INSERTS = [
    "\t",
    ":",
    ": ",
    '"',
    "'",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "*b ",
    "<<: *a\n",
    "- ",
    "---\n",
    "...\n",
    "\n",
    "  ",
    "#",
    "? ",
    "|",
    ">",
    "!!str ",
    "!!binary ",
    "!x ",
    "%YAML 1.2\n",
    "\ufeff",
    "\r\n",
    "\r",
    "\x00",
    "\x85",
    "\u2028",
    "\\",
    "\\u",
    "～",
    "ai-models: 1\n",
    "unit: ../etc\n",
    "month: 2025-13\n",
    "9" * 30,
    ".nan",
    "1e999",
    "null",
    "~",
    "2025-08-03 10:00:00",
]

LINE_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?:error|warning): .+ \[JY\d{3}\]$"
)
SUMMARY_RE = re.compile(r"^检查了 \d+ 个文件")

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A valid report, then up to five random edits of its text."""
    name = draw(st.sampled_from(sorted(REPORTS)))
    text = REPORTS[name]
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(text)))
        lines = text.splitlines(keepends=True)
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "replace"]))
        if op in ("delete", "duplicate") and lines:
            k = draw(st.integers(0, len(lines) - 1))
            lines[k : k + 1] = [] if op == "delete" else [lines[k], lines[k]]
            text = "".join(lines)
        elif op == "swap" and len(text) > 1:
            i = min(i, len(text) - 2)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(INSERTS)) + text[i:]
        elif op == "truncate":
            text = text[:i]
        elif op == "replace" and text:
            i = min(i, len(text) - 1)
            text = text[:i] + draw(st.characters()) + text[i + 1 :]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030"]))
    data = text.encode(encoding, errors="surrogatepass")
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    return name, data


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["jxj", "2025-07", "2025-08-03", "ai-models", "info", "unit", "month"]),
)
_keys = st.one_of(
    st.sampled_from(
        [
            "unit",
            "month",
            "submitted",
            "indicators",
            "tasks",
            "info",
            "title",
            "body",
            "value",
            "note",
            "problems",
            "next_steps",
            "deliverable",
            "ai-models",
            "t2",
            "status",
        ]
    ),
    st.text(max_size=10),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=20,
)


def _dump(value, flow: bool) -> str:
    if flow:
        return json.dumps(value, ensure_ascii=False)
    import io

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


@st.composite
def generated(draw) -> tuple[str, bytes]:
    """A YAML document built from random values, report-like keys more likely."""
    value = draw(st.dictionaries(_keys, _values, max_size=8) | _values)
    text = _dump(value, draw(st.booleans()))
    name = draw(st.sampled_from([*sorted(REPORTS), "jxj/2025-13.yaml", "JXJ/x.yml"]))
    return name, text.encode("utf-8", errors="surrogatepass")


random_bytes = st.tuples(st.sampled_from(sorted(REPORTS)), st.binary(max_size=400))


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """One small project; each example rewrites one report next to a valid one."""
    return write_project(tmp_path_factory.mktemp("hostile") / "proj", {}, SMALL_PLAN)


def put(root: Path, name: str, data: bytes) -> str:
    """Reset the reports to the valid ones, with ``data`` at ``name``; its relative path."""
    reports = root / "data" / "reports"
    for path in reports.glob("*/*"):
        if path.relative_to(reports).as_posix() not in REPORTS:
            path.unlink()
    for rel, text in REPORTS.items():
        (reports / rel).parent.mkdir(parents=True, exist_ok=True)
        (reports / rel).write_text(text, encoding="utf-8")
    (reports / name).parent.mkdir(parents=True, exist_ok=True)
    (reports / name).write_bytes(data)
    return f"data/reports/{name}"


def assert_clear_answer(root: Path, rel: str, data: bytes) -> None:
    project = check_project(load_project(root))  # never raises
    paths = {"data/targets.yaml", rel, *(f"data/reports/{n}" for n in REPORTS)}
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        lines = None
    for d in project.diagnostics:
        assert d.path in paths, d
        assert d.line >= 1 and d.col >= 1, d
        assert d.code in CODES, d
        assert d.severity in ("error", "warning"), d
        assert d.message, d
        assert "\n" not in format_text(d) and "\r" not in format_text(d), d  # one line each
        if d.path == rel and lines is not None and b"\x00" not in data:
            assert d.line <= len(lines) + 1, (d, lines)
    # The plan and the untouched report are fine: nothing is blamed on them.
    assert {d.path for d in project.diagnostics if d.severity == "error"} <= {rel}
    if rel in project.unreadable:
        assert any(d.path == rel and d.severity == "error" for d in project.diagnostics)
    assert project.plan is not None


@pytest.mark.slow
@FAST
@given(mutated())
def test_mutated_reports_get_a_clear_answer(root, case):
    name, data = case
    assert_clear_answer(root, put(root, name, data), data)


@pytest.mark.slow
@settings(FAST, max_examples=120)
@given(generated())
def test_generated_yaml_gets_a_clear_answer(root, case):
    name, data = case
    assert_clear_answer(root, put(root, name, data), data)


@pytest.mark.slow
@FAST
@given(random_bytes)
def test_random_bytes_get_a_clear_answer(root, case):
    name, data = case
    assert_clear_answer(root, put(root, name, data), data)


@pytest.mark.slow
@settings(FAST, max_examples=80)
@given(st.one_of(mutated(), generated(), random_bytes), st.sampled_from(["text", "json", "github"]))
def test_validate_exits_0_or_1_and_prints_located_lines(root, case, fmt):
    name, data = case
    rel = put(root, name, data)
    r = runner.invoke(app, ["validate", "--root", str(root), "--format", fmt])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.output and "内部错误" not in r.output
    if fmt == "json":
        doc = json.loads(r.stdout)
        assert doc["version"] == 1
        assert all(d["line"] >= 1 and d["col"] >= 1 for d in doc["diagnostics"])
        assert (doc["errors"] > 0) == (r.exit_code == 1)
    elif fmt == "text":
        out = r.stdout.splitlines()
        assert SUMMARY_RE.match(out[-1]), out
        for line in out[:-1]:
            m = LINE_RE.match(line)
            assert m, line
            assert m["path"] in {rel, *(f"data/reports/{n}" for n in REPORTS)}
    else:
        for line in r.stdout.splitlines():
            assert re.match(r"^::(error|warning) file=[^:]+,line=[1-9]\d*,col=[1-9]\d*,", line)


# ---------------------------------------------------------------- outputs (issue 13)

_TOKENS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\x1b]8;;http://evil.example\x07",
    "\x85",
    "\x9b",
    "\u202e",
    "\u200b",
    "**",
    "_",
    "[点击](http://evil.example)",
    "![图](x.png)",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "`",
    "|",
    "#",
    "1.",
    "[bold red]",
    "[link=http://evil.example]",
    ":warning:",
    "中文",
    " ",
    "\u3000",
    'HYPERLINK("http://evil.example")',
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text(max_size=3)), min_size=1, max_size=8
).map("".join)

_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")
_MARKUP_TAGS = re.compile(r"<(a|img|em|strong|code|h\d|ul|ol|li|hr|pre|script)\b")


def _hostile_report(note: str, problem: str) -> str:
    return MONTHLY.replace(
        "{value: 8, note: 新增2个}", "{value: 8, note: " + json.dumps(note) + "}"
    ).replace(
        "problems: [部分企业数据基础薄弱, '含: 冒号']", "problems: [" + json.dumps(problem) + "]"
    )


@pytest.mark.slow
@settings(FAST, max_examples=40)
@given(hostile_text, hostile_text)
def test_exports_hold_no_formula_and_no_control(root, tmp_path_factory, note, problem):
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook

    put(root, "jxj/2025-07.yaml", _hostile_report(note, problem).encode("utf-8"))
    out = tmp_path_factory.mktemp("export")
    for name in ("l.csv", "l.xlsx"):
        r = runner.invoke(
            app, ["export", "--root", str(root), "--as-of", "2025-08-10", "-o", str(out / name)]
        )
        assert r.exit_code == 0, r.output
    for path in (out / "l.csv", out / "l-deliverables.csv"):
        for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))):
            for cell in row:
                assert not _RAW_CONTROL.search(cell.replace("\u202e", "").replace("\u200b", "")), (
                    cell
                )
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    float(cell.rstrip("%"))  # only a number may start like a formula
    with zipfile.ZipFile(out / "l.xlsx") as z:
        for member in z.namelist():
            if member.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(member).decode()
    for ws in load_workbook(out / "l.xlsx"):
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value


@settings(FAST, max_examples=150)
@given(hostile_text)
def test_markdown_and_terminal_show_text_literally(text):
    from markdown_it import MarkdownIt

    from jianyian.diagnostics import error
    from jianyian.render.diagnostics import to_markdown
    from jianyian.render.markdown import md_text
    from jianyian.render.terminal import terminal_safe

    md = MarkdownIt("commonmark").enable("table")
    inline = md.render(md_text(text))
    assert not _MARKUP_TAGS.search(inline), (text, inline)
    assert not _RAW_CONTROL.search(inline.replace("\n", "")), (text, inline)
    summary = to_markdown(
        [error("JY021", f"指标 {text} 未定义", f"data/reports/jxj/{text}.yaml")], 1
    )
    body = md.render(summary).split("<tbody>", 1)[1]  # the rows: what the data wrote
    assert not re.search(r"<(a|img|em|strong|h\d|script)\b", body), (text, body)
    assert body.count("<td>") == 4 and body.count("<code>") == 1, body
    assert not _RAW_CONTROL.search(terminal_safe(text)), text
    assert "\n" not in terminal_safe(text)
