"""yamlsrc.parse_yaml / locate and load.decode_source: text → values, positions, limits."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jianyian.checks import check_project
from jianyian.load import decode_source, load_project, yamlsrc
from jianyian.load.yamlsrc import MAX_DEPTH, MAX_NODES, locate, parse_yaml

from ..conftest import write_project

REPORT = """unit: jxj
month: 2025-07
indicators:
  ai-models: 8
info:
  title: 市经信局推进人工智能赋能制造业情况
  body: 本月部署垂直行业大模型2个。
"""


PARSERS = {"libyaml": yamlsrc.c_events, "pure": yamlsrc.pure_events}


@pytest.fixture(params=sorted(PARSERS))
def parser(request, monkeypatch) -> str:
    """Run the test with libyaml and with ruamel.yaml's pure parser: their English differs."""
    if PARSERS[request.param] is None:  # pragma: no cover - only without ruamel.yaml.clib
        pytest.skip("ruamel.yaml.clib is not installed")
    monkeypatch.setattr(yamlsrc, "_events", PARSERS[request.param])
    return request.param


def diags(text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.col, d.message) for d in parse_yaml(text, "x.yaml").diagnostics]


# ---------------------------------------------------------------- values


def test_plain_mapping() -> None:
    parsed = parse_yaml(REPORT, "x.yaml")
    assert parsed.diagnostics == [] and not parsed.empty
    assert parsed.value["indicators"] == {"ai-models": 8}
    assert parsed.value["month"] == "2025-07"  # a month is not a timestamp
    assert parsed.value["info"]["title"] == "市经信局推进人工智能赋能制造业情况"


def test_scalars_follow_yaml_1_2() -> None:
    text = (
        "yes: yes\nint: 8\noct: 0o17\nlead0: 010\nfloat: 12.5\nquoted: '8'\ndq: \"8\"\n"
        "nothing: ~\nempty:\nbool: true\nday: 2025-08-03\nstamp: 2025-08-03T10:00:00\n"
        "tagged: !!str 5\nneg: -2\n"
    )
    value = parse_yaml(text, "x.yaml").value
    assert value == {
        "yes": "yes",  # YAML 1.1's yes/no booleans are plain text in 1.2
        "int": 8,
        "oct": 15,
        "lead0": 10,
        "float": 12.5,
        "quoted": "8",
        "dq": "8",
        "nothing": None,
        "empty": None,
        "bool": True,
        "day": date(2025, 8, 3),
        "stamp": datetime(2025, 8, 3, 10, 0),
        "tagged": "5",
        "neg": -2,
    }
    assert isinstance(value["bool"], bool)


def test_aliases_expand() -> None:
    value = parse_yaml("a: &x {b: 1}\nc: *x\n", "x.yaml").value
    assert value == {"a": {"b": 1}, "c": {"b": 1}}


# ---------------------------------------------------------------- problems


def test_duplicate_keys_name_both_lines() -> None:
    text = "unit: jxj\nmonth: 2025-07\nunit: kjj\n"
    parsed = parse_yaml(text, "x.yaml")
    assert [(d.code, d.line, d.col, d.message) for d in parsed.diagnostics] == [
        ("JY003", 3, 1, "键 unit 重复（第 1 行已出现），请删除或合并其中一处")
    ]
    assert parsed.value["unit"] == "jxj"  # the first one is kept


def test_duplicate_nested_keys_each_reported(parser: str) -> None:
    text = "indicators:\n  ai-models: 8\n  ai-models:\n    value: 9\n    value: 10\n"
    assert diags(text) == [
        ("JY003", 3, 3, "键 ai-models 重复（第 2 行已出现），请删除或合并其中一处"),
        ("JY003", 5, 5, "键 value 重复（第 4 行已出现），请删除或合并其中一处"),
    ]


def test_same_key_in_different_mappings_is_fine() -> None:
    assert diags("a: {value: 1}\nb: {value: 2}\n") == []


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a:\n\tb: 1\n", 2, 1),
        ("unit: jxj\ninfo:\n  title: x\n\tbody: y\n", 4, 1),
        ("\t- a\n", 1, 1),
    ],
)
def test_tabs(parser: str, text: str, line: int, col: int) -> None:
    [(code, got_line, got_col, message)] = diags(text)
    assert (code, got_line, got_col) == ("JY002", line, col)
    assert "Tab" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b: c\n", ("JY002", 1, 5, "此处不能出现“键: 值”（缩进有误，或值中的冒号需要加引号）")),
        ("a: [1, 2\n", ("JY002", 2, 1, "方括号列表中缺少逗号或右方括号“]”")),
        ("a: {b: 1\n", ("JY002", 2, 1, "花括号映射中缺少逗号或右花括号“}”")),
        ('a: "open\n', ("JY002", 2, 1, "文件意外结束（引号或括号没有闭合？）")),
        ("- a\nb: 1\n", ("JY002", 2, 1, "列表项缩进不一致，应以“- ”开头")),
        ('a: "x\\q"\n', ("JY002", 1, 6, "双引号字符串中有无效的转义字符（“\\”后面的字符）")),
        ("a: *nope\n", ("JY002", 1, 4, "未定义的别名 *nope")),
        ("? [a]\n: 1\n", ("JY002", 1, 3, "键必须是简单文本，不能是列表或映射")),
        ("a: !!binary aGk=\n", ("JY002", 1, 4, "不支持的 YAML 标签 tag:yaml.org,2002:binary")),
    ],
)
def test_syntax_errors_in_chinese(parser: str, text: str, expected: tuple) -> None:
    assert diags(text) == [expected]
    assert parse_yaml(text, "x.yaml").value is None


@pytest.mark.parametrize(
    ("text", "line", "col", "char"),
    [
        ("a: b\nc: d\x1fe\n", 2, 5, "U+001F"),
        ("\x07", 1, 1, "U+0007"),
        ("a: \ufffe\n", 1, 4, "U+FFFE"),
    ],
)
def test_control_characters(parser: str, text: str, line: int, col: int, char: str) -> None:
    assert diags(text) == [("JY002", line, col, f"文件含有不允许出现的控制字符（{char}），请删除")]


@pytest.mark.parametrize(("text", "line"), [("a: 1\n---\nb: 2\n", 2), ("---\na: 1\n---\n", 3)])
def test_multi_document(parser: str, text: str, line: int) -> None:
    parsed = parse_yaml(text, "x.yaml")
    assert [(d.code, d.line, d.col) for d in parsed.diagnostics] == [("JY005", line, 1)]
    assert parsed.value is None


def test_single_explicit_document_is_fine() -> None:
    assert parse_yaml("---\na: 1\n...\n", "x.yaml").value == {"a": 1}


def test_alias_bomb_refused_quickly() -> None:
    text = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    parsed = parse_yaml(text, "x.yaml")
    [d] = parsed.diagnostics
    assert d.code == "JY006" and d.line == 5  # stops in e, the first over MAX_NODES
    assert str(MAX_NODES) in d.message and "别名" in d.message


def test_moderate_alias_reuse_is_fine() -> None:
    text = "base: &b {title: 标题, body: 正文}\n" + "".join(f"k{i}: *b\n" for i in range(100))
    parsed = parse_yaml(text, "x.yaml")
    assert parsed.diagnostics == [] and len(parsed.value) == 101


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,
        "a:\n" + "".join("  " * i + "k:\n" for i in range(1, 200)),
        "- " * 5000 + "x\n",
    ],
)
def test_deep_nesting_refused_without_crash(text: str) -> None:
    [d] = parse_yaml(text, "x.yaml").diagnostics
    assert d.code == "JY006" and f"{MAX_DEPTH} 层" in d.message and d.line >= 1


def test_nesting_at_the_limit_is_fine() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_yaml(text, "x.yaml").diagnostics == []


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n"])
def test_empty_file(text: str) -> None:
    parsed = parse_yaml(text, "x.yaml")
    assert (parsed.value, parsed.empty, parsed.diagnostics) == (None, True, [])


def test_document_with_nothing_in_it() -> None:
    # Not "empty" (a document is there) but its value is null: the loader says JY004.
    parsed = parse_yaml("---\n", "x.yaml")
    assert (parsed.value, parsed.diagnostics) == (None, [])


# ---------------------------------------------------------------- encodings


def test_bom_and_crlf_accepted() -> None:
    data = b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode("utf-8")
    source, problems = decode_source("data/reports/jxj/2025-07.yaml", data)
    assert problems == [] and source is not None
    assert not source.text.startswith("\ufeff")
    parsed = parse_yaml(source.text, source.path)
    assert parsed.diagnostics == []
    assert parsed.value == parse_yaml(REPORT, "x").value
    assert parsed.value["info"]["body"] == "本月部署垂直行业大模型2个。"  # no stray \r
    assert locate(source.text, ("indicators", "ai-models")) == (4, 14)


def test_bom_and_crlf_report_validates_clean(tmp_path) -> None:
    root = write_project(tmp_path / "proj", {})
    path = root / "data/reports/jxj/2025-07.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode("utf-8"))
    project = check_project(load_project(root))
    assert [d.code for d in project.diagnostics] == ["JY042"]  # only the real plan's warning
    assert [r.unit for r in project.reports] == ["jxj"]


def test_gbk_detected_with_position() -> None:
    data = "unit: jxj\ninfo:\n  title: 市经信局\n".encode("gbk")
    source, [d] = decode_source("x.yaml", data)
    assert source is None
    assert (d.code, d.line, d.col) == ("JY001", 3, 10)
    assert (
        d.message == "文件不是 UTF-8 编码：文件看起来是 GBK/GB18030 编码，请用 UTF-8 编码另存该文件"
    )


def test_other_encoding_gets_plain_hint() -> None:
    # 0x80 alone is invalid in GB18030 too.
    source, [d] = decode_source("x.yaml", b"a: 1\nb: \x80\n")
    assert source is None and (d.line, d.col) == (2, 4)
    assert d.message == "文件不是 UTF-8 编码：请用 UTF-8 编码另存该文件"


def test_binary_detected() -> None:
    source, [d] = decode_source("x.yaml", b"a: 1\n\x89PNG\x00\x00")
    assert source is None and (d.code, d.line, d.col) == ("JY001", 2, 1)
    assert "二进制" in d.message


# ---------------------------------------------------------------- locate

TEXT = """unit: jxj
indicators:
  ai-models: 8
  pilot-platforms: {value: 12, note: 新增2家}
problems:
  - 部分企业数据基础薄弱
  - 资金不足
"""


@pytest.mark.parametrize(
    ("loc", "at_key", "expected"),
    [
        (("unit",), False, (1, 7)),
        (("unit",), True, (1, 1)),
        (("indicators", "ai-models"), False, (3, 14)),
        (("indicators", "ai-models"), True, (3, 3)),
        (("indicators", "pilot-platforms", "value"), False, (4, 28)),
        (("indicators", "pilot-platforms", "note"), True, (4, 32)),
        (("problems", 1), False, (7, 5)),
        # A missing key points at the mapping that should hold it.
        (("indicators", "ai-models", "value"), False, (3, 14)),
        (("indicators", "missing"), False, (3, 3)),
        (("info",), False, (1, 1)),
        ((), False, (1, 1)),
    ],
)
def test_locate(loc: tuple, at_key: bool, expected: tuple[int, int]) -> None:
    assert locate(TEXT, loc, at_key=at_key) == expected


def test_locate_in_broken_or_empty_text(parser: str) -> None:
    assert locate("", ("a",)) == (1, 1)
    # Positions read before the syntax error are still used.
    assert locate("a: [1\n", ("a", 0)) == (1, 5)
    assert locate("a: [1\n", ("b",)) == (1, 1)


def test_locate_ignores_duplicate_key_values() -> None:
    # Positions of the first occurrence win; the duplicate's value is not the value.
    text = "a:\n  b: 1\na:\n  b: 2\n"
    assert locate(text, ("a", "b")) == (2, 6)
