"""Round two of hostile inputs, in what people read: Markdown summaries and the terminal.

Every output escapes report text for its medium (issue 13, items 6 and 15): no
link, image, tag or broken code span in Markdown; no terminal escape, rich markup
or bidi reordering in ``status``; invisible characters in messages shown escaped.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from jianyian.cli import app
from jianyian.diagnostics import printable
from jianyian.render.diagnostics import md_code, to_markdown
from jianyian.render.terminal import terminal_safe

from ..conftest import monthly, runner

LINK_KEY = "**[重新登录](https://evil.example/login)**"
IMG_KEY = "<img src=x onerror=alert(1)>"


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_markdown_summary_shows_keys_and_names_literally(make_project):
    good = monthly("jxj", "2025-07")
    root = make_project(
        {
            "jxj/2025-07.yaml": good + f'"{LINK_KEY}": 1\n"{IMG_KEY}": 2\n',
            "jxj/a`b``c.yaml": good,
        }
    )
    r = runner.invoke(app, ["validate", "--format", "markdown", "--root", str(root)])
    assert r.exit_code == 1, r.output
    html = _html(r.stdout)
    assert "<a " not in html and "<img" not in html and "<strong>" not in html, html
    assert "evil.example/login" in html  # shown, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # The backtick file name stays inside its own code span, whole.
    assert "<code>data/reports/jxj/a`b``c.yaml:" in html
    rows = [x for x in html.split("<tr>")[2:]]
    assert rows and all(row.count("<td>") == 4 for row in rows), rows


def test_markdown_code_span_fence_outgrows_backticks():
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x") == "`` `x ``"
    assert md_code("a|b\u202e") == "`a\\|b\\u202e`"
    html = _html("| a |\n|---|\n| " + md_code("x```y|z") + " |\n")
    assert "<code>x```y|z</code>" in html


def test_invisible_characters_in_messages_are_escaped(make_project):
    # U+202E would reverse the rest of the line; U+200B hides inside an id.
    root = make_project(
        {"jxj/2025-07.yaml": monthly("jxj", "2025-07", '"ai\u200bmodels": 1, "x\u202etxt.exe": 2')}
    )
    r = runner.invoke(app, ["validate", "--root", str(root)])
    assert r.exit_code == 1
    lines = [x for x in r.stdout.splitlines() if x.startswith("data/reports/")]
    assert any("ai\\u200bmodels" in x for x in lines), lines
    assert any("x\\u202etxt.exe" in x for x in lines), lines
    assert not any(re.search("[\u200b\u202e]", x) for x in r.stdout.splitlines())
    md = to_markdown([], 0)
    assert "\u202e" not in md
    assert printable("\ufeff\u2066\u00ad") == "\\ufeff\\u2066\\xad"


def test_status_unit_prints_report_text_as_text(make_project, clock):
    problems = [
        "[bold red]伪造的红字[/]",
        "[link=https://evil.example]点击登录[/link]",
        ":warning: 表情代码",
    ]
    # A bidi override, even written as an escape, never reaches an output: validate refuses
    # it at its field (tests/validate/test_bidi_controls.py).
    extra = "problems:\n" + "".join(f"  - {p!r}\n".replace("'", '"') for p in problems)
    root = make_project(
        {
            "jxj/2025-07.yaml": monthly(
                "jxj", "2025-07", "ai-models: 4", extra + "submitted: 2025-08-01\n"
            )
        }
    )
    r = runner.invoke(
        app,
        ["status", "--unit", "jxj", "--root", str(root), "--as-of", "2025-08-10"],
        env={"FORCE_COLOR": "1", "COLUMNS": "200"},
    )
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "[bold red]伪造的红字[/]" in out
    assert "[link=https://evil.example]点击登录[/link]" in out
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink
    assert "数据有" not in out  # the report counts: its text is shown
    assert ":warning: 表情代码" in out


def test_terminal_safe_escapes_every_string_of_a_view():
    view = {"a": ["\x1b[2J清屏", {"b": "\x1b]8;;https://evil.example\x07链接\x1b]8;;\x07"}], "n": 3}
    safe = terminal_safe(view)
    assert safe["n"] == 3
    assert safe["a"][0] == "\\x1b[2J清屏"
    assert "\x1b" not in safe["a"][1]["b"] and "\x07" not in safe["a"][1]["b"]
    assert "\x9b" not in terminal_safe("\x9b2J")
