"""What a liaison needs to hear about a YAML syntax error: the line, the cause, the fix.

The parsers (libyaml and ruamel.yaml's pure-Python one) word their errors
differently, in English; errors are matched here by kind and by the text around
them, and turned into located Chinese messages ("第4行用了全角冒号…"). Pure
functions of the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import ScalarEvent

#: The parser whose events a hint re-reads (libyaml or the pure-Python one).
EventSource = Callable[[str], Iterator[Any]]

_KEY = r"[A-Za-z][A-Za-z0-9_-]*"
_ITEM_RE = re.compile(r"(?:-[ ]+)*")
_FW_COLON_RE = re.compile(rf"({_KEY})[ ]*：[ \u3000]*(.*)")
# `ai-models:7`; not `http://`, and `12:30` never starts with a letter.
_NO_SPACE_RE = re.compile(rf"({_KEY}):(?=[^ \t\r\n/])[\u3000]*(.*)")
_BLOCK_HEADER_RE = re.compile(r"(?:-[ ]+)*([^\s#:][^#:]*?):[ ]+[|>][-+1-9]*[ ]*(?:#.*)?")
_KEY_LINE_RE = re.compile(r"(?:-[ ]+)*(?:[^\s#：][^#：]*?:(?:[ \t]|$)|-$|-[ ])")
_OPENER_RE = re.compile(r"(?:-[ ]+)*[^\s#][^#]*?:[ ]*(?:#.*)?")
# `-部分中小企业…`: a list item without the space after its dash (not `---`, not `-:`).
_DASH_RE = re.compile(r"-(?=[^\s:-])(.*)")


def line_at(text: str, index: int) -> str:
    """Line ``index`` (0-based) of ``text``, without its line break."""
    start = 0
    for _ in range(index):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)].rstrip("\r")


def _shown(rest: str) -> str:
    """The value part of an entry, as a message quotes it (comment dropped, kept short)."""
    rest = rest.split(" #", 1)[0].strip(" \u3000")
    return rest if len(rest) <= 20 else rest[:20] + "…"


def fw_space_message(line: int) -> str:
    return f"第{line}行用了全角空格缩进，请改为半角空格"


def colon_hint(content: str, line: int, offset: int) -> tuple[str, int, int] | None:
    """A full-width colon or a missing space after the key that starts ``content``.

    ``offset`` is the column (0-based) where ``content`` starts in its line.
    """
    items = _ITEM_RE.match(content)
    skip = items.end() if items else 0
    body = content[skip:]
    if m := _FW_COLON_RE.match(body):
        col = offset + skip + body.index("：") + 1
        return (
            f"第{line}行用了全角冒号“：”，请改为半角冒号加空格，如“{m[1]}: {_shown(m[2])}”",
            line,
            col,
        )
    if m := _NO_SPACE_RE.match(body):
        col = offset + skip + m.end(1) + 1
        return f"第{line}行冒号后缺少空格，请写作“{m[1]}: {_shown(m[2])}”", line, col
    return None


def _spans(text: str, events: EventSource) -> tuple[set[int], dict[int, str]]:
    """Lines (1-based) inside block or multi-line quoted scalars read before an error,
    and block scalar headers: line → key."""
    inside: set[int] = set()
    headers: dict[int, str] = {}
    try:
        for event in events(text):
            if event.__class__ is ScalarEvent and event.style:
                first, end = event.start_mark.line + 1, event.end_mark
                last = end.line + 1 if end.column else end.line
                inside.update(range(first + 1, last + 1))
                if event.style in "|>":
                    header = _BLOCK_HEADER_RE.match(line_at(text, first - 1).lstrip(" "))
                    headers[first] = header[1] if header else "body"
    except YAMLError:
        pass
    return inside, headers


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_blank(line: str) -> bool:
    stripped = line.strip(" \t")
    return not stripped or stripped.startswith("#")


def _first_key(content: str) -> str:
    content = content[_ITEM_RE.match(content).end() :]  # type: ignore[union-attr]
    key = re.split(r":(?:\s|$)", content, maxsplit=1)[0].strip()
    return key if len(key) <= 20 else key[:20] + "…"


def _hint(
    text: str, problem: str, context: str, line: int, events: EventSource
) -> tuple[str, int, int] | None:
    """A message for the mistake behind a parser error reported at ``line`` (1-based)."""
    lines = text.replace("\r\n", "\n").split("\n")
    inside, headers = _spans(text, events)
    found: tuple[str, int, int] | None = None
    n = min(line, len(lines))
    while n >= 1:
        raw = lines[n - 1]
        if n in inside:
            break
        if _is_blank(raw):
            n -= 1
            continue
        spaces = raw[: len(raw) - len(raw.lstrip(" \u3000"))]
        content = raw[len(spaces) :]
        keyed = "\u3000" not in spaces and _KEY_LINE_RE.match(content) is not None
        if not keyed and (body := _unindented_body(lines, n, inside, headers)):
            found = body
        elif "\u3000" in spaces:
            found = (fw_space_message(n), n, spaces.index("\u3000") + 1)
        elif hint := colon_hint(content, n, len(spaces)) or dash_hint(content, n, spaces):
            found = hint
        elif keyed and n != line:
            break
        n -= 1
    in_mapping = "collection" not in context and "sequence" not in context
    if found is None and in_mapping and re.search(r"expected key|<block end>|mapping", problem):
        found = _indent_hint(lines, line, inside)
    return found


def dash_hint(content: str, line: int, spaces: str) -> tuple[str, int, int] | None:
    """A list item written ``-部分…``: the corrected line, its indentation kept."""
    m = _DASH_RE.fullmatch(content)
    if m is None:
        return None
    return (
        f"第{line}行“-”后缺少空格，列表项应写作“{spaces}- {_shown(m[1])}”",
        line,
        len(spaces) + 1,
    )


def _unindented_body(
    lines: list[str], n: int, inside: set[int], headers: dict[int, str]
) -> tuple[str, int, int] | None:
    """Line ``n`` is text after `body: |` that is not indented under it."""
    prev = n - 1
    while prev >= 1 and _is_blank(lines[prev - 1]) and prev not in inside:
        prev -= 1
    if prev < 1:
        return None
    head = prev
    while head in inside:  # the block scalar's content: walk up to its header
        head -= 1
    header = lines[head - 1] if head >= 1 else ""
    key = headers.get(head)
    if key is None:
        m = _BLOCK_HEADER_RE.match(header.lstrip(" "))
        if m is None:
            return None
        key = m[1]
    if _indent(lines[n - 1]) > _indent(header):
        return None
    width = _indent(header) + 2
    return (
        f"正文每行需缩进两个空格（在 {key}: | 之后，每行比“{key}”多空两格，即行首空 {width} 格）",
        n,
        1,
    )


def _significant(lines: list[str], n: int, inside: set[int]) -> int:
    """The nearest line at or above ``n`` that holds YAML structure (0 when none)."""
    while n >= 1 and (n in inside or _is_blank(lines[n - 1])):
        n -= 1
    return n


def _indent_hint(lines: list[str], line: int, inside: set[int]) -> tuple[str, int, int] | None:
    """A key whose indentation differs from its neighbours', near an error at ``line``.

    A key moved to column 0 in the middle of a mapping makes the parser fail on the
    next key, which is fine: the line to name is the moved one.
    """
    e = _significant(lines, line, inside)
    p = _significant(lines, e - 1, inside) if e else 0
    if not e or not p:
        return None
    e_line, p_line = lines[e - 1], lines[p - 1]
    e_in, p_in = _indent(e_line), _indent(p_line)
    p_content = p_line[p_in:]
    p_complete = _KEY_LINE_RE.match(p_content) is not None and not _OPENER_RE.fullmatch(p_content)
    if e_in > p_in and p_complete:
        q = _significant(lines, p - 1, inside)
        q_line = lines[q - 1] if q else ""
        q_in = _indent(q_line)
        q_opens = q and _OPENER_RE.fullmatch(q_line[q_in:]) is not None
        if q and ((q_in == e_in and not q_opens) or (q_opens and q_in < e_in and p_in <= q_in)):
            # The line above the error is the odd one out: it lost its indentation.
            mate = q if q_in == e_in else e
            return (
                f"第{p}行“{_first_key(p_content)}”的缩进有误：应缩进 {e_in} 个空格，"
                f"与第{mate}行对齐",
                p,
                p_in + 1,
            )
        return (
            f"第{e}行“{_first_key(e_line[e_in:])}”缩进过多：应缩进 {p_in} 个空格，与第{p}行对齐",
            e,
            e_in + 1,
        )
    if e_in < p_in and p_complete:
        return (
            f"第{e}行“{_first_key(e_line[e_in:])}”的缩进（{e_in} 个空格）与上下文不一致："
            f"同一层的键应对齐，如第{p}行（{p_in} 个空格）",
            e,
            e_in + 1,
        )
    return None


# ---------------------------------------------------------------- parser errors

_TAB = "用了 Tab 缩进，请改用空格"

#: Parser problems by kind: a pattern on the problem text, optionally one on its
#: context. libyaml and ruamel.yaml's pure parser word the same problem differently
#: ("did not find expected key" / "expected <block end>, but found …"), and wordings
#: change between versions: match the stable part, never the whole sentence.
_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (r"tab character", "", _TAB),
    (r"could not find expected ':'", "", "缺少冒号“:”，键和值之间要用“: ”分隔"),
    (
        r"mapping values are not allowed",
        "",
        "此处不能出现“键: 值”（缩进有误，或值中的冒号需要加引号）",
    ),
    (
        r"expected '-' indicator|expected <block end>",
        "collection|sequence",
        "列表项缩进不一致，应以“- ”开头",
    ),
    (r"expected key|expected <block end>", "", "缩进不一致或缺少键"),
    (r"unexpected end of stream", "", "文件意外结束（引号或括号没有闭合？）"),
    (r"expected node content", "", "缺少内容（括号没有闭合？）"),
    (r"undefined alias", "", "未定义的别名"),
    (r"expected ',' or '\]'", "", "方括号列表中缺少逗号或右方括号“]”"),
    (r"expected ',' or '\}'", "", "花括号映射中缺少逗号或右花括号“}”"),
    (r"unknown escape", "", "双引号字符串中有无效的转义字符（“\\”后面的字符）"),
    (
        r"hexdecimal|Unicode character escape|escape sequence",
        "",
        "双引号字符串中有无效的 Unicode 转义（如 \\u 后面不是有效的字符编码）",
    ),
    (r"comment or line break", "", "此行末尾多出了内容（此处只能换行或写“# 注释”）"),
    (r"document start", "", "多出了内容：报送文件应由“键: 值”组成，顶层的值后面不能再写内容"),
    (
        r"directive|incompatible YAML document",
        "",
        "不支持 YAML 指令（以“%”开头的行），请删除这一行",
    ),
)
_PROBLEM_RULES = tuple(
    (re.compile(problem, re.I), re.compile(context, re.I) if context else None, text)
    for problem, context, text in _PROBLEMS
)


def problem_text(problem: str, context: str, char: str) -> str:
    """The Chinese message for a parser problem (its kind, not its exact English)."""
    if "cannot start any token" in problem:
        if char == "\t":
            return _TAB
        shown = char if char.isprintable() and char.strip() else "此字符"
        return f"“{shown}”不能作为值的开头，请给这个值加上引号"
    for problem_rx, context_rx, text in _PROBLEM_RULES:
        if problem_rx.search(problem) and (context_rx is None or context_rx.search(context)):
            return text
    return f"YAML 格式错误：{problem}"


def yaml_error_message(
    exc: YAMLError, text: str = "", events: EventSource | None = None
) -> tuple[str, int, int]:
    problem = " ".join((getattr(exc, "problem", None) or str(exc)).split())
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "expected a single document" in context:
        return "一个文件只能写一份报送（文件中出现了“---”分隔的多个文档）", line, col
    hint = _hint(text, problem, context, line, events) if text and events else None
    if hint is not None:
        return hint
    source_line = line_at(text, line - 1) if text else ""
    char = source_line[col - 1 : col]
    if re.search(r"escape", problem) and source_line[col - 2 : col - 1] == "\\":
        col -= 1  # point at the backslash, as libyaml does; the pure parser points past it
    return problem_text(problem, context, char), line, col


_DIRECTIVE_RE = re.compile(r"%\S*")


def directive_problem(text: str) -> tuple[str, int] | None:
    """A ``%YAML``/``%TAG`` (or any ``%``) directive before the document, and its line.

    Directives change how values are read (``%YAML 1.1`` makes ``yes`` a boolean) and
    ``set`` would honour them differently: reports have none.
    """
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith("%"):
            return line.rstrip("\r"), n
        if not _is_blank(line):
            return None
    return None


def describe_encoding(data: bytes) -> str | None:
    """The JY001 message for a file in UTF-16 or UTF-32 (Notepad's "Unicode"), else None.

    Such files are full of NUL bytes and would otherwise be called binary. Call it
    before the NUL-byte check when decoding a file.
    """
    head = data[:4]
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        name = "UTF-32 编码"
    elif head.startswith(b"\xff\xfe"):
        name = "UTF-16 编码（记事本中叫“Unicode”）"
    elif head.startswith(b"\xfe\xff"):
        name = "UTF-16 编码（记事本中叫“Unicode big endian”）"
    elif len(data) >= 4 and len(data) % 2 == 0 and b"\x00" in data:
        # No BOM: text that is mostly ASCII (keys, numbers) has a NUL in every other byte.
        sample = data[:2000]
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        half = len(sample) // 4  # half of either half
        if not ((odd > half and even == 0) or (even > half and odd == 0)):
            return None
        name = "UTF-16 编码"
    else:
        return None
    return (
        f"文件不是 UTF-8 编码：文件是 {name}，请改存为 UTF-8："
        "用记事本打开，选“文件”→“另存为”，“编码”选择“UTF-8”后保存"
    )
