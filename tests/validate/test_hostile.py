"""One hostile input per test, each with the exact answer a user gets.

Trees are built in temporary folders (symlinks, pipes, binary and GBK files do
not travel well in git); each runs through ``jianyian validate`` and checks the
lines about the report files (the real plan's own warnings are left aside).
"""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from jianyian.checks import check_project
from jianyian.cli import app
from jianyian.load import MAX_FILE_BYTES, load_project

from ..conftest import monthly, runner

# Data dated 2025 with submitted: dates: today must lie after them (JY033).
pytestmark = pytest.mark.usefixtures("clock")

GOOD = monthly("jxj", "2025-07", "ai-models: 4")
FIELDS_HINT = "unit、month、info"


def write_bytes(root: Path, rel: str, data: bytes) -> Path:
    path = root / "data" / "reports" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def validate(root: Path, *args: str):
    return runner.invoke(app, ["validate", "--root", str(root), *args])


def report_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("data/reports/")]


def check(root: Path, expected: list[str], exit_code: int = 1) -> None:
    r = validate(root)
    assert r.exit_code == exit_code, r.output
    assert report_lines(r.output) == expected


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def bounded(fn) -> tuple[float, int]:
    """Seconds and peak bytes allocated while running ``fn``."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        fn()
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, peak


# ---------------------------------------------------------------- limits


def test_alias_bomb_is_refused_quickly(make_project):
    root = make_project({"jxj/2025-07.yaml": billion_laughs()})
    elapsed, peak = bounded(lambda: check_project(load_project(root)))
    assert elapsed < 5 and peak < 50 * 2**20, (elapsed, peak)
    check(
        root,
        [
            "data/reports/jxj/2025-07.yaml:6:10: error: YAML 内容展开后超过 100000 个节点"
            "（别名展开过多），已拒绝读取 [JY006]"
        ],
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "1:54"),
        ("a: " + "{b: " * 50_000 + "1" + "}" * 50_000 + "\n", "1:204"),
        ("".join(f"{' ' * i}k{i}:\n" for i in range(200)) + " " * 200 + "x: 1\n", "52:52"),
    ],
    ids=["flow-lists", "flow-maps", "block-maps"],
)
def test_deep_nesting_is_refused(make_project, text, where):
    root = make_project({"jxj/2025-07.yaml": text})
    elapsed, peak = bounded(lambda: check_project(load_project(root)))
    assert elapsed < 5 and peak < 50 * 2**20, (elapsed, peak)
    check(
        root,
        [f"data/reports/jxj/2025-07.yaml:{where}: error: YAML 嵌套超过 50 层，已拒绝读取 [JY006]"],
    )


def test_a_long_flat_list_is_refused_without_blaming_aliases(make_project):
    root = make_project({"jxj/2025-07.yaml": "a: [" + "1," * 150_000 + "1]\n"})
    check(
        root,
        [
            "data/reports/jxj/2025-07.yaml:1:200001: error: YAML 内容展开后超过 100000 个节点"
            "（一份报送不应有这么多项），已拒绝读取 [JY006]"
        ],
    )


def test_a_file_over_one_mib_is_not_read(make_project, monkeypatch):
    root = make_project()
    # Invalid YAML from the first byte: had it been read, JY002 would show.
    write_bytes(root, "jxj/2025-07.yaml", b"\tunit: jxj\n" + b"#" * MAX_FILE_BYTES)
    size = MAX_FILE_BYTES + len(b"\tunit: jxj\n")
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    check(
        root,
        [
            f"data/reports/jxj/2025-07.yaml:1:1: error: 文件大小 {size} 字节，"
            "超过 1048576 字节（1 MiB）上限，未读取 [JY007]"
        ],
    )
    assert not [p for p in read if p.name == "2025-07.yaml"]


# ---------------------------------------------------------------- encodings


def test_binary_content(make_project):
    root = make_project()
    write_bytes(root, "jxj/2025-07.yaml", b"unit: jxj\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    check(
        root,
        [
            "data/reports/jxj/2025-07.yaml:4:1: error: 文件含有二进制内容（不是文本文件），"
            "无法读取 [JY001]"
        ],
    )


def test_utf16_is_binary_too(make_project):
    root = make_project()
    write_bytes(root, "jxj/2025-07.yaml", GOOD.encode("utf-16"))
    r = validate(root)
    assert r.exit_code == 1
    assert "[JY001]" in report_lines(r.output)[0]


def test_gbk_gets_the_save_as_utf8_hint(make_project):
    root = make_project()
    write_bytes(root, "jxj/2025-07.yaml", GOOD.encode("gbk"))
    check(
        root,
        [
            "data/reports/jxj/2025-07.yaml:4:15: error: 文件不是 UTF-8 编码："
            "文件看起来是 GBK/GB18030 编码，请用 UTF-8 编码另存该文件 [JY001]"
        ],
    )


def test_bom_and_crlf_are_accepted_and_positions_stay_right(make_project):
    root = make_project()
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    write_bytes(root, "jxj/2025-07.yaml", text.encode("utf-8"))
    check(root, [], exit_code=0)
    write_bytes(root, "jxj/2025-07.yaml", (text + "bogus: 1\r\n").encode("utf-8"))
    r = validate(root)
    assert r.exit_code == 1
    assert report_lines(r.output)[0].startswith(
        "data/reports/jxj/2025-07.yaml:5:1: error: 未知字段 bogus"
    )


def test_tabs_get_the_tab_hint(make_project):
    root = make_project({"jxj/2025-07.yaml": "unit: jxj\nmonth: 2025-07\ninfo:\n\ttitle: 标题\n"})
    check(
        root,
        ["data/reports/jxj/2025-07.yaml:4:1: error: 用了 Tab 缩进，请改用空格 [JY002]"],
    )


# ---------------------------------------------------------------- shapes


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n", "---\n", "~\n"])
def test_an_empty_file_names_the_missing_fields(make_project, text):
    root = make_project({"jxj/2025-07.yaml": text})
    check(
        root,
        [
            f"data/reports/jxj/2025-07.yaml:1:1: error: 文件内容为空，应包含字段：{FIELDS_HINT} [JY004]"
        ],
    )


def test_several_documents_in_one_file(make_project):
    root = make_project({"jxj/2025-07.yaml": GOOD + "---\n" + GOOD})
    check(
        root,
        [
            "data/reports/jxj/2025-07.yaml:5:1: error: 一个文件只能写一份报送"
            "（文件中出现了“---”分隔的多个文档） [JY005]"
        ],
    )


def test_keys_that_look_like_type_tags_are_located(make_project):
    # Once a crash: "u[nit" was mistaken for one of pydantic's union tags and dropped.
    root = make_project({"jxj/2025-07.yaml": GOOD.replace("unit:", "u[nit:")})
    r = validate(root)
    assert r.exit_code == 1
    assert "data/reports/jxj/2025-07.yaml:1:1: error: 未知字段 u[nit" in r.output


def test_keys_that_are_not_text(make_project):
    root = make_project({"jxj/2025-07.yaml": GOOD + "2025: 1\n"})
    r = validate(root)
    assert r.exit_code == 1
    assert "data/reports/jxj/2025-07.yaml:5:1: error: 未知字段 2025" in r.output


def test_values_and_names_cannot_break_output_lines(make_project):
    root = make_project({"jxj/2025-07.yaml": GOOD + '"a\\nb\\u2028c": 1\n'})
    path = write_bytes(root, "jxj/x\ny.yaml", GOOD.encode())
    r = validate(root)
    assert r.exit_code == 1
    lines = report_lines(r.output)
    assert "data/reports/jxj/2025-07.yaml:5:1: error: 未知字段 a\\nb\\u2028c" in lines[0]
    assert lines[1].startswith("data/reports/jxj/x\\ny.yaml:2:8: error: 文件名是 x\\ny，")
    doc = json.loads(validate(root, "--format", "json").output)
    assert path.relative_to(root).as_posix() in {d["path"] for d in doc["diagnostics"]}


# ---------------------------------------------------------------- files and folders


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks_leading_outside_are_refused(make_project, tmp_path):
    root = make_project({"jxj/2025-06.yaml": monthly("jxj", "2025-06")})
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(GOOD, encoding="utf-8")
    (root / "data/reports/jxj/2025-07.yaml").symlink_to(secret)
    (root / "data/reports/jxj/2025-08.yaml").symlink_to("../../../../outside/secret.yaml")
    (root / "data/reports/jxj/2025-09.yaml").symlink_to("2025-09.yaml")  # a loop
    (root / "data/reports/jxj/2025-10.yaml").symlink_to("2025-06.yaml")  # inside: refused too
    (root / "data/reports/kjj").symlink_to(secret.parent, target_is_directory=True)
    r = validate(root)
    assert r.exit_code == 1
    lines = report_lines(r.output)
    assert lines[:4] == [
        "data/reports/jxj/2025-07.yaml:1:1: error: 符号链接指向项目目录以外，已拒绝读取 [JY009]",
        "data/reports/jxj/2025-08.yaml:1:1: error: 符号链接指向项目目录以外，已拒绝读取 [JY009]",
        "data/reports/jxj/2025-09.yaml:1:1: error: 无法读取文件：符号链接循环 [JY009]",
        "data/reports/jxj/2025-10.yaml:1:1: error: 文件是符号链接，已拒绝读取："
        "报送文件和计划须是普通文件，请用文件本身替换链接 [JY009]",
    ]
    assert "data/reports/kjj:1:1: warning: 目录是符号链接，未被读取 [JY008]" in lines


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_linked_reports_folder_leading_outside_is_refused(make_project, tmp_path):
    root = make_project()
    outside = tmp_path / "elsewhere"
    (outside / "jxj").mkdir(parents=True)
    (outside / "jxj" / "2025-07.yaml").write_text(GOOD, encoding="utf-8")
    (root / "data/reports").rmdir()
    (root / "data/reports").symlink_to(outside, target_is_directory=True)
    check(
        root,
        ["data/reports/jxj/2025-07.yaml:1:1: error: 符号链接指向项目目录以外，已拒绝读取 [JY009]"],
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_waited_for(make_project):
    root = make_project()
    (root / "data/reports/jxj").mkdir()
    os.mkfifo(root / "data/reports/jxj/2025-07.yaml")
    check(
        root,
        [
            "data/reports/jxj/2025-07.yaml:1:1: error: 不是普通文件（如管道或设备文件），"
            "已拒绝读取 [JY009]"
        ],
    )


def test_files_in_the_wrong_place_are_named(make_project):
    root = make_project(
        {
            "2025-07.yaml": GOOD,
            "README.md": "说明\n",
            "jxj/2025-07.yaml": GOOD,
            "jxj/2025-07.yaml.bak": GOOD,
            "jxj/old/2025-06.yaml": GOOD,
        }
    )
    check(
        root,
        [
            "data/reports/2025-07.yaml:1:1: warning: 报送文件应放在 data/reports/<单位标识>/ 目录下，"
            "此文件未被读取 [JY008]",
            "data/reports/jxj/2025-07.yaml.bak:1:1: warning: 不是 .yaml 报送文件，未被读取"
            "（报送文件应以 .yaml 结尾） [JY008]",
            "data/reports/jxj/old/2025-06.yaml:1:1: warning: 单位目录下不应再有子目录，"
            "此文件未被读取 [JY008]",
        ],
        exit_code=0,
    )


# ---------------------------------------------------------------- unit ids


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("../etc", "unit（报送单位）：“../etc”不是合法的标识：只能用小写字母、数字和连字符"),
        ("'../../x'", "unit（报送单位）：“../../x”不是合法的标识：只能用小写字母、数字和连字符"),
        ("JXJ", "unit（报送单位）：“JXJ”不是合法的标识：只能用小写字母、数字和连字符"),
        (
            "市经信局/x",
            "unit（报送单位）：“市经信局/x”不是合法的标识：只能用小写字母、数字和连字符",
        ),
    ],
)
def test_unit_ids_must_be_slugs(make_project, unit, message):
    root = make_project({"jxj/2025-07.yaml": GOOD.replace("unit: jxj", f"unit: {unit}")})
    check(root, [f"data/reports/jxj/2025-07.yaml:1:7: error: {message} [JY012]"])


@pytest.mark.parametrize(
    ("unit", "folder", "messages"),
    [
        (
            "市经信局",
            "jxj",
            ["单位标识应为 jxj（市经信局）：请把 unit: 市经信局 改为 unit: jxj [JY020]"],
        ),
        (
            "经信局",
            "jxj",
            ["单位标识应为 jxj（市经信局）：请把 unit: 经信局 改为 unit: jxj [JY020]"],
        ),
        (
            "市发改委",
            "jxj",
            [
                "单位标识应为 fgw（市发改委）：请把 unit: 市发改委 改为 unit: fgw [JY020]",
                "文件在目录 jxj/ 下，但 unit 写的是 fgw：请把文件移到 data/reports/fgw/，或改正 unit [JY024]",
            ],
        ),
        (
            "市经信委",
            "jxj",
            [
                "单位 市经信委 未在计划中声明，是否指 jxj（市经信局）？ [JY020]",
                "文件在目录 jxj/ 下，但 unit 写的是 市经信委：请把文件移到 data/reports/市经信委/，或改正 unit [JY024]",
            ],
        ),
    ],
)
def test_unit_names_say_which_id(make_project, unit, folder, messages):
    root = make_project({f"{folder}/2025-07.yaml": GOOD.replace("unit: jxj", f"unit: {unit}")})
    check(root, [f"data/reports/{folder}/2025-07.yaml:1:7: error: {m}" for m in messages])


def test_deliverable_ids_must_be_slugs(make_project):
    root = make_project(
        {"jxj/handling-plan.yaml": "unit: jxj\ndeliverable: ../x\ntitle: 标题\nbody: 正文\n"}
    )
    r = validate(root)
    assert r.exit_code == 1
    assert (
        "data/reports/jxj/handling-plan.yaml:2:14: error: deliverable（报送事项）："
        "“../x”不是合法的标识：只能用小写字母、数字和连字符 [JY012]"
    ) in r.output


@pytest.mark.parametrize("folder", ["JXJ", "市经信局", "..jxj", "jxj..", "j x j"])
def test_folders_that_are_not_unit_ids(make_project, folder):
    root = make_project({f"{folder}/2025-07.yaml": GOOD})
    check(
        root,
        [
            f"data/reports/{folder}/2025-07.yaml:1:7: error: 文件在目录 {folder}/ 下，"
            "但 unit 写的是 jxj：请把文件移到 data/reports/jxj/，或改正 unit [JY024]"
        ],
    )


@pytest.mark.parametrize("text", ["../jxj", "../../etc/passwd", "jxj/../fgw", ""])
def test_unit_options_that_try_paths_are_usage_errors(make_project, text):
    r = runner.invoke(app, ["status", "--root", str(make_project()), "--unit", text])
    assert r.exit_code == 2, r.output
    assert "计划中没有单位" in r.output or "可指多个单位" in r.output


# ---------------------------------------------------------------- nothing hidden


@pytest.fixture
def mixed(make_project) -> Path:
    """Six bad files of six kinds next to two good ones."""
    root = make_project(
        {
            # Outside git a file counts from today: the good ones say when they arrived.
            "jxj/2025-06.yaml": monthly(
                "jxj", "2025-06", "ai-models: 2", "submitted: 2025-07-03\n"
            ),
            "fgw/2025-07.yaml": monthly(
                "fgw", "2025-07", "optoelectronics: 8000", "submitted: 2025-08-04\n"
            ),
            "kjj/2025-07.yaml": "unit: kjj\nmonth: 2025-07\ninfo:\n\ttitle: x\n",
            "wjw/2025-07.yaml": "",
            "swj/2025-07.yaml": GOOD.replace("jxj", "swj") + "---\n" + GOOD,
            "jyj/2025-07.yaml": billion_laughs(),
        }
    )
    write_bytes(root, "jxj/2025-07.yaml", GOOD.encode("gbk"))
    write_bytes(root, "wlj/2025-07.yaml", b"\x00\x01binary")
    return root


BAD = {
    "data/reports/jxj/2025-07.yaml": "JY001",
    "data/reports/wlj/2025-07.yaml": "JY001",
    "data/reports/kjj/2025-07.yaml": "JY002",
    "data/reports/wjw/2025-07.yaml": "JY004",
    "data/reports/swj/2025-07.yaml": "JY005",
    "data/reports/jyj/2025-07.yaml": "JY006",
}


def test_every_bad_file_is_reported(mixed):
    r = validate(mixed, "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    errors = {(d["path"], d["code"]) for d in doc["diagnostics"] if d["severity"] == "error"}
    assert errors == set(BAD.items())
    assert doc["files"] == 9


def test_status_shows_what_it_can(mixed):
    r = runner.invoke(app, ["status", "--root", str(mixed), "--as-of", "2025-08-10"])
    assert r.exit_code == 0, r.output
    assert "数据有 6 个错误" in r.output and "jianyian validate" in r.output
    doc = json.loads(
        runner.invoke(
            app, ["status", "--root", str(mixed), "--as-of", "2025-08-10", "--json"]
        ).stdout
    )
    assert sorted(doc["data"]["unreadable"]) == sorted(BAD)
    units = {u["id"]: u for u in doc["units"]}
    assert units["jxj"]["received"] >= 1  # June still counts
    fgw = next(i for i in doc["indicators"] if i["id"] == "optoelectronics")
    assert fgw["value"] == 8000


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_new_does_not_write_through_a_linked_unit_folder(make_project, tmp_path):
    root = make_project()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "data/reports/jxj").symlink_to(outside, target_is_directory=True)
    r = runner.invoke(app, ["new", "--unit", "jxj", "--month", "2025-08", "--root", str(root)])
    assert r.exit_code == 2, r.output
    assert "data/reports/jxj/2025-08.yaml 所在的目录是指向项目以外的符号链接，拒绝写入" in r.output
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('unit: "\\ud800"\n', "1:10: error: 双引号字符串中有无效的 Unicode 转义"),
        ('"a" b\n', "1:5: error: 多出了内容：报送文件应由“键: 值”组成，顶层的值后面不能再写内容"),
        ("%YAML 1.2 x\n---\nunit: jxj\n", "1:1: error: 不支持 YAML 指令“%YAML 1.2 x”"),
    ],
)
def test_parser_messages_are_chinese(make_project, text, expected):
    r = validate(make_project({"jxj/2025-07.yaml": text}))
    assert r.exit_code == 1
    lines = [line for line in report_lines(r.output) if line.endswith("[JY002]")]
    assert lines == [
        line for line in lines if line.startswith(f"data/reports/jxj/2025-07.yaml:{expected}")
    ]
    assert len(lines) == 1


def test_a_bad_byte_after_multibyte_characters_is_located_by_character():
    from jianyian.load import decode_source

    # "中文" is 2 characters but 6 bytes; the bad byte is the 3rd character of line 2.
    _, diags = decode_source("x.yaml", "a: 1\n中文".encode() + b"\xff\n")
    assert [(d.code, d.line, d.col) for d in diags] == [("JY001", 2, 3)]
    _, diags = decode_source("x.yaml", b"\xef\xbb\xbf" + "中".encode() + b"\xff")
    assert [(d.line, d.col) for d in diags] == [(1, 2)]  # the BOM is not a column
