"""Messages for the mistakes a liaison new to YAML makes (issue 14), and the parser
items of issue 13 (directives, messages matched by kind, invisible characters).

Every syntax case runs through both parsers: libyaml (ruamel.yaml.clib) and
ruamel.yaml's pure-Python one, whose English error texts differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jianyian.cli import app
from jianyian.diagnostics import Diagnostic, printable
from jianyian.load import yaml_hints, yamlsrc
from jianyian.load.yaml_hints import describe_encoding
from jianyian.load.yamlsrc import parse_yaml
from jianyian.render.diagnostics import format_text

from ..conftest import runner, write_project
from ..support.cases import CASES, build_case, read_expected

PARSERS = {"libyaml": yamlsrc.c_events, "pure": yamlsrc.pure_events}

#: The head of what `jianyian new --unit jxj --month 2025-07` writes: comment lines
#: between the keys are what pushed the old message two lines down.
SCAFFOLD = """\
# 市经信局 2025年7月月报
unit: jxj
month: 2025-07
indicators:
  # 部署垂直行业大模型及应用：目标20个，计量单位“个”
  ai-models: 0
  # 建设概念验证中心：目标10家，计量单位“家”
  concept-centres: 0
  # 建设中试平台：目标20家以上，计量单位“家”
  pilot-platforms: 0
info:
  # 本月信息 1 篇：请把标题和正文改为实际内容
  title: 市经信局2025年7月建议案办理工作情况
  body: |
    （待填写）本月工作进展、主要成效和典型做法。
problems: []  # 存在问题，每条一项
"""


@pytest.fixture(params=sorted(PARSERS))
def parser(request, monkeypatch) -> str:
    """Run the test once with each YAML parser."""
    if PARSERS[request.param] is None:  # pragma: no cover - only without ruamel.yaml.clib
        pytest.skip("ruamel.yaml.clib is not installed")
    monkeypatch.setattr(yamlsrc, "_events", PARSERS[request.param])
    return request.param


def edit(old: str, new: str, text: str = SCAFFOLD) -> str:
    assert old in text
    return text.replace(old, new, 1)


def diags(text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.col, d.message) for d in parse_yaml(text, "x.yaml").diagnostics]


# ---------------------------------------------------------------- colons and spaces


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # Full-width colon: before, "缩进不一致或缺少键" at 8:3 (the next key).
        (
            "  ai-models: 0",
            "  ai-models： 7",
            (6, 12, "第6行用了全角冒号“：”，请改为半角冒号加空格，如“ai-models: 7”"),
        ),
        (
            "  ai-models: 0",
            "  ai-models：7",
            (6, 12, "第6行用了全角冒号“：”，请改为半角冒号加空格，如“ai-models: 7”"),
        ),
        # The last entry of its mapping: before, "缺少冒号" at the next top-level key.
        (
            "  pilot-platforms: 0",
            "  pilot-platforms： 3",
            (10, 18, "第10行用了全角冒号“：”，请改为半角冒号加空格，如“pilot-platforms: 3”"),
        ),
        (
            "unit: jxj",
            "unit： jxj",
            (2, 5, "第2行用了全角冒号“：”，请改为半角冒号加空格，如“unit: jxj”"),
        ),
        # Missing space: YAML reads `ai-models:7` as one word.
        ("  ai-models: 0", "  ai-models:7", (6, 12, "第6行冒号后缺少空格，请写作“ai-models: 7”")),
        (
            "  pilot-platforms: 0",
            "  pilot-platforms:3",
            (10, 18, "第10行冒号后缺少空格，请写作“pilot-platforms: 3”"),
        ),
        ("month: 2025-07", "month:2025-07", (3, 6, "第3行冒号后缺少空格，请写作“month: 2025-07”")),
        # Full-width spaces as indentation.
        (
            "  ai-models: 0",
            "\u3000\u3000ai-models: 7",
            (6, 1, "第6行用了全角空格缩进，请改为半角空格"),
        ),
        ("  ai-models: 0", " \u3000ai-models: 7", (6, 2, "第6行用了全角空格缩进，请改为半角空格")),
        # Alone at column 0 it parses (a key named "　　pilot-platforms"): still refused.
        (
            "  pilot-platforms: 0",
            "\u3000\u3000pilot-platforms: 5",
            (10, 1, "第10行用了全角空格缩进，请改为半角空格"),
        ),
    ],
)
def test_colon_and_space_mistakes_named_at_their_line(parser, old, new, expected) -> None:
    text = edit(old, new)
    assert diags(text) == [("JY002", *expected)]
    assert parse_yaml(text, "x.yaml").value is None  # nothing half-read reaches the schema


def test_full_width_colon_in_a_title_names_the_line_and_shortens_the_value(parser) -> None:
    [(code, line, col, message)] = diags(edit("  title: ", "  title："))
    assert (code, line, col) == ("JY002", 13, 8)
    assert (
        message
        == "第13行用了全角冒号“：”，请改为半角冒号加空格，如“title: 市经信局2025年7月建议案办理工作情况”"
    )


def test_a_lone_entry_with_a_bad_colon_is_caught_though_it_parses(parser) -> None:
    # `indicators:` holding only `ai-models:7` is the text "ai-models:7" to YAML.
    for text, expected in [
        (
            "unit: jxj\nindicators:\n  ai-models:7\n",
            (3, 12, "第3行冒号后缺少空格，请写作“ai-models: 7”"),
        ),
        (
            "unit: jxj\nindicators:\n  ai-models： 7\ninfo: {title: a, body: b}\n",
            (3, 12, "第3行用了全角冒号“：”，请改为半角冒号加空格，如“ai-models: 7”"),
        ),
        (
            "indicators:\n  ai-models:7\n  concept-centres:3\n",
            (2, 12, "第2行冒号后缺少空格，请写作“ai-models: 7”"),
        ),
        ("unit:jxj\n", (1, 5, "第1行冒号后缺少空格，请写作“unit: jxj”")),
    ]:
        assert diags(text) == [("JY002", *expected)], text


@pytest.mark.parametrize(
    "text",
    [
        # Colons and full-width spaces inside text are text.
        "info:\n  title: 会议\n  body: |\n    \u3000\u3000主要做法：一是12:30开会。\n    网址 http://x.cn\n",
        "info:\n  title:\n    市经信局：推进情况\n  body: x\n",
        "time:\n  12:30\nsite:\n  http://example.cn\n",
        'note: "ai-models:7"\n',
        "problems:\n  - 资金：不足\n  - a:b\n",
        "a: |\n  %不是指令\n",
        "title: 标题　中间有全角空格\n",
    ],
)
def test_text_that_only_looks_like_a_mistake_is_fine(parser, text) -> None:
    assert diags(text) == []


# ---------------------------------------------------------------- body text


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("    （待填写）", "（待填写）", 15),  # before: "缺少冒号…" at 16:1
        ("    （待填写）", "  （待填写）", 15),  # level with `body`, as the other keys are
        (
            "    （待填写）本月工作进展、主要成效和典型做法。",
            "    第一段。\n第二段：没有缩进。",
            16,
        ),
    ],
)
def test_unindented_body_text(parser, old, new, line) -> None:
    assert diags(edit(old, new)) == [
        (
            "JY002",
            line,
            1,
            "正文每行需缩进两个空格（在 body: | 之后，每行比“body”多空两格，即行首空 4 格）",
        )
    ]


def test_unindented_text_after_a_top_level_block(parser) -> None:
    text = "unit: jxj\nnote: |\n第一行\n第二行\n"
    assert diags(text) == [
        (
            "JY002",
            3,
            1,
            "正文每行需缩进两个空格（在 note: | 之后，每行比“note”多空两格，即行首空 2 格）",
        )
    ]


# ---------------------------------------------------------------- indentation


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # Mid-mapping: before, "缩进不一致或缺少键" at 10:3 (pilot-platforms).
        (
            "  concept-centres: 0",
            "concept-centres: 0",
            (8, 1, "第8行“concept-centres”的缩进有误：应缩进 2 个空格，与第6行对齐"),
        ),
        # First of its mapping.
        (
            "  ai-models: 0",
            "ai-models: 0",
            (6, 1, "第6行“ai-models”的缩进有误：应缩进 2 个空格，与第8行对齐"),
        ),
        # before: "此处不能出现“键: 值”…" at 14:7 (the `body` line).
        (
            "  title: ",
            "title: ",
            (13, 1, "第13行“title”的缩进有误：应缩进 2 个空格，与第14行对齐"),
        ),
        (
            "  concept-centres: 0",
            "   concept-centres: 0",
            (8, 4, "第8行“concept-centres”缩进过多：应缩进 2 个空格，与第6行对齐"),
        ),
        (
            "  concept-centres: 0",
            " concept-centres: 0",
            (
                8,
                2,
                "第8行“concept-centres”的缩进（1 个空格）与上下文不一致：同一层的键应对齐，如第6行（2 个空格）",
            ),
        ),
    ],
)
def test_a_key_out_of_line_is_named_not_the_next_one(parser, old, new, expected) -> None:
    assert diags(edit(old, new)) == [("JY002", *expected)]


def test_a_dedented_last_key_is_located_at_its_own_line(tmp_path: Path) -> None:
    # It parses (a top-level key); the unknown-field message must point at line 10.
    text = edit("  pilot-platforms: 0", "pilot-platforms: 0")
    root = write_project(tmp_path / "proj", {"jxj/2025-07.yaml": text})
    r = runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})
    mine = [line for line in r.stdout.splitlines() if line.startswith("data/reports/")]
    assert len(mine) == 1 and mine[0].startswith(
        "data/reports/jxj/2025-07.yaml:10:1: error: 未知字段 pilot-platforms"
    )


# ---------------------------------------------------------------- a dash without its space

#: The whole report around a ``problems:`` list (the body lines go under it).
DASHED = "unit: jxj\nmonth: 2025-07\ninfo:\n  title: 标题\n  body: 正文\nproblems:\n{}"


@pytest.mark.parametrize(
    ("items", "line"),
    [
        ("  - 第一条\n  -部分中小企业数字化基础薄弱\n", 8),
        ("  - 第一条\n  -部分中小企业数字化基础薄弱\n  - 第三条\n", 8),
        ("- 第一条\n-部分中小企业数字化基础薄弱\n", 8),
    ],
)
def test_a_dash_without_its_space_among_items_shows_the_corrected_line(
    parser, items: str, line: int
) -> None:
    indent = items[: len(items) - len(items.lstrip(" "))]
    message = f"第{line}行“-”后缺少空格，列表项应写作“{indent}- 部分中小企业数字化基础薄弱”"
    assert diags(DASHED.format(items)) == [("JY002", line, len(indent) + 1, message)]


@pytest.mark.parametrize(
    ("items", "shown"),
    [
        ("  -部分中小企业数字化基础薄弱\n", "“  - 部分中小企业数字化基础薄弱”"),
        (
            "  -部分中小企业数字化基础薄弱\n  - 资金不足\n",
            "“  - 部分中小企业数字化基础薄弱”“  - 资金不足”（每条一行）",
        ),
        (
            "  -部分中小企业数字化基础薄弱\n  -资金不足\n  -人才短缺\n",
            "“  - 部分中小企业数字化基础薄弱”“  - 资金不足”等（每条一行）",
        ),
    ],
)
def test_dashes_without_spaces_under_a_key_show_the_corrected_lines(
    tmp_path: Path, items: str, shown: str
) -> None:
    """Issue 32: ``  -部分…`` lines parse as one text; the hint must not say ``  - -部分…``."""
    root = write_project(tmp_path / "proj", {"jxj/2025-07.yaml": DASHED.format(items)})
    r = runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})
    mine = [line for line in r.stdout.splitlines() if line.startswith("data/reports/")]
    assert mine == [
        "data/reports/jxj/2025-07.yaml:7:3: error: problems（存在问题）应为列表，"
        "但“-”后缺少空格，整段被读成了一条文字：请在“-”后加一个空格，"
        f"写作{shown} [JY012]"
    ]
    assert "- -" not in r.stdout
    assert r.exit_code == 1
    # The corrected lines, written as shown, are a valid list of the same items.
    fixed = DASHED.format(items.replace("  -", "  - ").replace("-  ", "- "))
    (root / "data/reports/jxj/2025-07.yaml").write_text(fixed, encoding="utf-8")
    r = runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})
    assert r.exit_code == 0, r.stdout


# ---------------------------------------------------------------- directives


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        ("%YAML 1.1\n---\nunit: jxj\nproblems: [yes, no]\n", 1, "%YAML 1.1"),
        (
            "# 注释\n%TAG !e! tag:example.com,2000:\n---\nunit: jxj\n",
            2,
            "%TAG !e! tag:example.com,2000:",
        ),
        ("%FOO bar\n---\nunit: jxj\n", 1, "%FOO bar"),
    ],
)
def test_directives_are_refused(parser, text, line, shown) -> None:
    assert diags(text) == [
        (
            "JY002",
            line,
            1,
            f"不支持 YAML 指令“{shown}”，请删除第{line}行"
            "（报送文件一律按 YAML 1.2 读取，validate 和 set 读法才能一致）",
        )
    ]


def test_set_refuses_a_file_with_a_directive_as_validate_does(tmp_path: Path) -> None:
    # Before: validate read [yes, no] as text and set rewrote it as [true, false].
    text = "%YAML 1.1\n---\n" + SCAFFOLD.replace("problems: []", "problems: [yes, no]")
    root = write_project(tmp_path / "proj", {"jxj/2025-07.yaml": text})
    path = root / "data/reports/jxj/2025-07.yaml"
    r = runner.invoke(
        app,
        ["set", "--root", str(root), "--unit", "jxj", "--month", "2025-07", "ai-models=3"],
        env={"GITHUB_ACTIONS": None},
    )
    assert r.exit_code == 1, r.output
    assert "不支持 YAML 指令“%YAML 1.1”" in r.output
    assert path.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------- parser messages by kind


def test_a_lone_surrogate_escape_is_refused_by_both_parsers(parser) -> None:
    # The pure parser accepted it, and every later output crashed on it (exit 3).
    message = "双引号字符串中有无效的 Unicode 转义（如 \\u 后面不是有效的字符编码）"
    assert diags('unit: "\\ud800"\n') == [("JY002", 1, 10, message)]
    assert diags('unit: jxj\nnote: "前\\uDC00后"\n') == [("JY002", 2, 11, message)]
    assert diags('note: "\\u4e2d"\n') == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", (2, 1, "用了 Tab 缩进，请改用空格")),
        ("a: @x\n", (1, 4, "“@”不能作为值的开头，请给这个值加上引号")),
        ("a: `x\n", (1, 4, "“`”不能作为值的开头，请给这个值加上引号")),
        ("a: [1, 2]]\n", (1, 10, "缩进不一致或缺少键")),
        ("a:\n  - x\n  y: 1\n", (3, 3, "列表项缩进不一致，应以“- ”开头")),
        ("a: [b, c}\n", (1, 9, "方括号列表中缺少逗号或右方括号“]”")),
        ("a: {b: c]\n", (1, 9, "花括号映射中缺少逗号或右花括号“}”")),
        (
            'a: "\\u12"\n',
            (1, 7, "双引号字符串中有无效的 Unicode 转义（如 \\u 后面不是有效的字符编码）"),
        ),
    ],
)
def test_parser_errors_matched_by_kind_in_both_parsers(parser, text, expected) -> None:
    assert diags(text) == [("JY002", *expected)]


#: The same problem as libyaml and as ruamel.yaml's pure parser word it (0.18 and 0.19).
WORDINGS = [
    (
        ("found character that cannot start any token", "while scanning for the next token"),
        ("found character '@' that cannot start any token", "while scanning for the next token"),
    ),
    (
        ("mapping values are not allowed in this context", ""),
        ("mapping values are not allowed here", ""),
    ),
    (
        ("did not find expected key", "while parsing a block mapping"),
        ("expected <block end>, but found '<scalar>'", "while parsing a block mapping"),
    ),
    (
        ("did not find expected '-' indicator", "while parsing a block collection"),
        ("expected <block end>, but found '?'", "while parsing a block collection"),
    ),
    (
        ("did not find expected ',' or ']'", "while parsing a flow sequence"),
        ("expected ',' or ']', but got '<stream end>'", "while parsing a flow sequence"),
    ),
    (
        ("did not find expected ',' or '}'", "while parsing a flow mapping"),
        ("expected ',' or '}', but got ']'", "while parsing a flow mapping"),
    ),
    (
        ("found unknown escape character", "while parsing a quoted scalar"),
        ("found unknown escape character 'q'", "while scanning a double-quoted scalar"),
    ),
    (
        ("did not find expected hexdecimal number", "while parsing a quoted scalar"),
        ("expected escape sequence of 4 hexdecimal numbers, but found '\"'", "while scanning"),
    ),
    (("found duplicate %YAML directive", ""), ("found duplicate YAML directive", "")),
]


@pytest.mark.parametrize(("libyaml", "pure"), WORDINGS)
def test_both_wordings_of_a_problem_get_one_chinese_message(libyaml, pure) -> None:
    message = yaml_hints.problem_text(*libyaml, "@")
    assert message == yaml_hints.problem_text(*pure, "@")
    assert "YAML 格式错误" not in message  # a translation, not the English passed through


def test_an_unknown_problem_keeps_the_parsers_words() -> None:
    assert yaml_hints.problem_text("found a new kind of trouble", "", "") == (
        "YAML 格式错误：found a new kind of trouble"
    )


JY00X = [c for c in CASES if c.name.split("-", 1)[0] in {"JY002", "JY003", "JY005", "JY006"}]


@pytest.mark.parametrize("case", JY00X, ids=[c.name for c in JY00X])
def test_syntax_fixtures_read_the_same_with_the_pure_parser(case: Path, tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsrc, "_events", yamlsrc.pure_events)
    _, expected = read_expected(case)
    root = tmp_path / "proj"
    build_case(case, root)
    r = runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})
    mine = [line for line in r.stdout.splitlines() if line.startswith("data/reports/")]
    assert mine == [line for line in expected if line.startswith("data/reports/")]


# ---------------------------------------------------------------- encodings

UTF16_HINT = "请改存为 UTF-8：用记事本打开，选“文件”→“另存为”，“编码”选择“UTF-8”后保存"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("\ufeffunit: jxj\n".encode("utf-16-le"), "UTF-16 编码（记事本中叫“Unicode”）"),
        ("unit: jxj\n".encode("utf-16"), "UTF-16 编码（记事本中叫“Unicode”）"),  # LE with BOM here
        ("\ufeffunit: jxj\n".encode("utf-16-be"), "UTF-16 编码（记事本中叫“Unicode big endian”）"),
        ("unit: jxj\ninfo: 标题\n".encode("utf-16-le"), "UTF-16 编码"),
        ("unit: jxj\ninfo: 标题\n".encode("utf-16-be"), "UTF-16 编码"),
        ("unit: jxj\n".encode("utf-32"), "UTF-32 编码"),
    ],
)
def test_utf16_is_named_with_how_to_save_as_utf8(data: bytes, name: str) -> None:
    assert describe_encoding(data) == f"文件不是 UTF-8 编码：文件是 {name}，{UTF16_HINT}"


@pytest.mark.parametrize(
    "data",
    [
        b"unit: jxj\n",
        "unit: 市经信局\n".encode("gbk"),  # GBK keeps its own hint (load.decode_source)
        b"a: 1\n\x89PNG\x00\x00\x1a\n",
        b"",
    ],
)
def test_other_bytes_are_not_called_utf16(data: bytes) -> None:
    assert describe_encoding(data) is None


# ---------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    ("char", "escape"),
    [
        ("\u202e", "\\u202e"),  # right-to-left override
        ("\u200b", "\\u200b"),  # zero-width space
        ("\u2066", "\\u2066"),  # left-to-right isolate
        ("\u200f", "\\u200f"),  # right-to-left mark
        ("\ufeff", "\\ufeff"),
        ("\U000e0041", "\\U000e0041"),  # tag character
    ],
)
def test_invisible_characters_are_shown_escaped(char: str, escape: str) -> None:
    d = Diagnostic("JY020", "error", f"未知单位 jx{char}j", "data/reports/jxj/2025-07.yaml", 1, 7)
    assert format_text(d) == (
        f"data/reports/jxj/2025-07.yaml:1:7: error: 未知单位 jx{escape}j [JY020]"
    )


def test_visible_text_is_left_alone() -> None:
    text = "市经信局：本月　完成 8 家（含 ai-models）✓"
    assert printable(text) == text


def test_an_invisible_character_in_a_unit_id_reaches_the_output_escaped(tmp_path: Path) -> None:
    text = SCAFFOLD.replace("unit: jxj", "unit: jx\u200bj")
    root = write_project(tmp_path / "proj", {"jxj/2025-07.yaml": text})
    r = runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})
    assert "\u200b" not in r.stdout
    assert "jx\\u200bj" in r.stdout
