"""YAML text → Python values, with positions, limits and Chinese error messages.

We build values from libyaml's event stream (ruamel.yaml.clib's C parser) rather
than from its composed node tree: the C composer recurses without bound and
crashes the interpreter on deeply nested input, and walking events ourselves lets
us report duplicate keys with both lines, cap alias expansion (billion laughs)
and nesting depth, and record the position of every key and value only when a
diagnostic needs one (:func:`locate`).

Pure functions of a string: no disk access here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from .diagnostics import Diagnostic, error, printable


def pure_events(text: str) -> Iterator[Any]:
    """Events from ruamel.yaml's pure-Python parser (used without ruamel.yaml.clib).

    Its error texts differ from libyaml's, so errors are matched by kind (see
    :data:`_PROBLEMS`) and the tests run every syntax error through both parsers.
    """
    from ruamel.yaml import YAML

    yield from YAML(typ="safe", pure=True).parse(text)


try:  # the C parser is a hard dependency on CPython; pure Python elsewhere
    from ruamel.yaml.cyaml import CParser as _CParser

    def c_events(text: str) -> Iterator[Any]:
        """Events from libyaml (ruamel.yaml.clib)."""
        # get_event answers None once past the stream's end: iterate in C, no generator.
        return iter(_CParser(text).get_event, None)

    _events = c_events

except ImportError:  # pragma: no cover - exercised only without ruamel.yaml.clib
    c_events = None  # type: ignore[assignment]
    _events = pure_events


MAX_DEPTH = 50
MAX_NODES = 100_000

_STR = "tag:yaml.org,2002:str"
_resolver = VersionedResolver(version=(1, 2))


def _implicit_rules() -> tuple[dict[str, tuple], tuple]:
    # The resolver's YAML 1.2 rules, read once: its resolve() looks the version and
    # the table up again for every scalar, which cost a third of a report's parse.
    table = _resolver.versioned_resolver
    extra = tuple((str(Tag(suffix=t)), rx.match) for t, rx in table.get(None, ()))
    rules = {
        first: tuple((str(Tag(suffix=t)), rx.match) for t, rx in found) + extra
        for first, found in table.items()
        if first is not None
    }
    return rules, extra


_IMPLICIT, _IMPLICIT_ANY = _implicit_rules()


def _resolve_plain(value: str) -> str:
    """The tag of a plain scalar, as ``_resolver.resolve`` would give it."""
    for tag, match in _IMPLICIT.get(value[0] if value else "", _IMPLICIT_ANY):
        if match(value):
            return tag
    return _STR


def _int(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if body.lower().startswith(prefix):
            return sign * int(body[2:], base)
    return sign * int(body, 10)


def _float(text: str) -> float:
    low = text.lower().replace("_", "")
    if low.lstrip("+-") == ".inf":
        return float("-inf") if low.startswith("-") else float("inf")
    if low == ".nan":
        return float("nan")
    return float(low)


def _timestamp(text: str) -> date | datetime:
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace(" ", "T").replace("Z", "+00:00"))


_SCALARS = {
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:timestamp": _timestamp,
    "tag:yaml.org,2002:str": str,
}

Loc = tuple[Any, ...]

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE_RE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


class _Limit(Exception):
    def __init__(self, message: str, line: int, col: int, code: str = "JY002") -> None:
        super().__init__(message)
        self.message, self.line, self.col, self.code = message, line, col, code


@dataclass
class Parsed:
    """A parsed document: its value, problems found, and (on request) positions."""

    value: Any = None
    empty: bool = True
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: loc → (line, col), 1-based, of each value; filled when ``record`` is set.
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    #: loc → (line, col) of each mapping key.
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)


class _Builder:
    def __init__(self, path: str, record: bool, text: str = "") -> None:
        self.path = path
        self.record = record
        self.text = text
        # Keys can only start with a full-width space when the text holds one: one scan here
        # spares a check per key.
        self.fw_space = "\u3000" in text
        self.out = Parsed()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0

    def _count(self, n: int, mark) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            why = "别名展开过多" if self.anchors else "一份报送不应有这么多项"
            raise _Limit(
                f"YAML 内容展开后超过 {MAX_NODES} 个节点（{why}），已拒绝读取",
                mark.line + 1,
                mark.column + 1,
                "JY006",
            )

    def value(self, event, events, loc: Loc, depth: int) -> tuple[Any, int]:
        """Build the value that starts with ``event``; return it and its node count."""
        mark = event.start_mark
        if self.record:
            self.out.values[loc] = (mark.line + 1, mark.column + 1)
        if isinstance(event, AliasEvent):
            if event.anchor not in self.anchors:
                raise _Limit(f"未定义的别名 *{event.anchor}", mark.line + 1, mark.column + 1)
            value, size = self.anchors[event.anchor]
            self._count(size, mark)
            return value, size
        if depth > MAX_DEPTH:
            raise _Limit(
                f"YAML 嵌套超过 {MAX_DEPTH} 层，已拒绝读取", mark.line + 1, mark.column + 1, "JY006"
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._count(0, mark)  # raises
        if isinstance(event, ScalarEvent):
            result, size = self.scalar(event), 1
        elif isinstance(event, SequenceStartEvent):
            result, size = self.sequence(events, loc, depth)
        elif isinstance(event, MappingStartEvent):
            result, size = self.mapping(events, loc, depth)
        else:  # pragma: no cover - the parser guarantees node events here
            raise _Limit("无法识别的 YAML 结构", mark.line + 1, mark.column + 1)
        if event.anchor:
            self.anchors[event.anchor] = (result, size)
        return result, size

    def scalar(self, event) -> Any:
        value = event.value
        # Quoted scalars and the non-specific "!" tag are strings; plain ones are resolved.
        if event.ctag is None:  # the common case, without the tag property's str()
            if event.style or not event.implicit[0]:
                if event.style == '"' and _SURROGATE_RE.search(value):
                    self.bad_escape(event)
                return value
            tag = _resolve_plain(value)
        else:
            tag = event.tag
            if tag in ("!", _STR) and (event.style or tag == "!" or not event.implicit[0]):
                return value
            tag = tag or str(_resolver.resolve(ScalarNode, value, event.implicit))
        if tag == _STR:
            return value
        build = _SCALARS.get(tag)
        if build is None:
            mark = event.start_mark
            raise _Limit(f"不支持的 YAML 标签 {tag}", mark.line + 1, mark.column + 1)
        try:
            return build(value)
        except ValueError:
            mark = event.start_mark
            raise _Limit(f"无法识别的值“{value}”", mark.line + 1, mark.column + 1) from None

    def sequence(self, events, loc: Loc, depth: int) -> tuple[list, int]:
        items: list = []
        size = 1
        for event in events:
            if isinstance(event, SequenceEndEvent):
                break
            item, n = self.value(event, events, (*loc, len(items)), depth + 1)
            items.append(item)
            size += n
        return items, size

    def bad_escape(self, event) -> None:
        """Refuse a lone surrogate written as an escape (``"\\ud800"``), as libyaml does.

        ruamel.yaml's pure parser lets it through, and no output can encode it.
        """
        mark = event.start_mark
        found = _SURROGATE_ESCAPE_RE.search(self.text, mark.index)
        line, col = mark.line + 1, mark.column + 1
        if found is not None:  # point at the escape's digits, where libyaml stops
            start = found.start() + 2
            line = self.text.count("\n", 0, start) + 1
            col = start - (self.text.rfind("\n", 0, start) + 1) + 1
        raise _Limit(
            "双引号字符串中有无效的 Unicode 转义（如 \\u 后面不是有效的字符编码）", line, col
        )

    def check_entry_text(self, event) -> None:
        """Refuse a plain scalar that is really a mapping entry with a bad colon."""
        mark = event.start_mark
        line = _line_at(self.text, mark.line)
        hint = _colon_hint(line[mark.column :], mark.line + 1, mark.column)
        if hint is not None:
            raise _Limit(*hint)

    def mapping(self, events, loc: Loc, depth: int) -> tuple[dict, int]:
        result: dict = {}
        first_line: dict[Any, int] = {}
        size = 1
        for key_event in events:
            if isinstance(key_event, MappingEndEvent):
                break
            kmark = key_event.start_mark
            if not isinstance(key_event, ScalarEvent):
                raise _Limit("键必须是简单文本，不能是列表或映射", kmark.line + 1, kmark.column + 1)
            key = self.scalar(key_event)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key_event.value)
            if self.fw_space and isinstance(key, str) and key.startswith("\u3000"):
                # YAML reads U+3000 as text, so `　　ai-models: 7` is a key named "　　ai-models".
                raise _Limit(_fw_space_message(kmark.line + 1), kmark.line + 1, kmark.column + 1)
            value_event = next(events)
            if (
                value_event.__class__ is ScalarEvent
                and not value_event.style
                and value_event.start_mark.line != kmark.line
            ):
                # A plain value on the lines below its key is where an entry with a bad
                # colon (`ai-models:7`, `ai-models： 7`) ends up when it is alone there.
                self.check_entry_text(value_event)
            sub = (*loc, key)
            if self.record:
                self.out.keys.setdefault(sub, (kmark.line + 1, kmark.column + 1))
            if key in first_line:
                self.out.diagnostics.append(
                    error(
                        "JY003",
                        f"键 {key} 重复（第 {first_line[key]} 行已出现），请删除或合并其中一处",
                        self.path,
                    ).located(kmark.line + 1, kmark.column + 1)
                )
                _, n = self.value(value_event, events, ("\0dup", *sub), depth + 1)
                size += n
                continue
            first_line[key] = kmark.line + 1
            value, n = self.value(value_event, events, sub, depth + 1)
            result[key] = value
            size += n
        return result, size


# ---------------------------------------------------------------- what a liaison meant
#
# A parser error names the token where the parser gave up, which is often a line
# or two after the mistake (a full-width colon turns a key into text, and only the
# next key breaks). These read the lines themselves, near the error, for the
# mistakes people make, and say what to type. Only error paths (and a plain value
# below its key) reach them, so they cost nothing on a good file.

#: A key as a report has them (field names and ids are ASCII).
_KEY = r"[A-Za-z][A-Za-z0-9_-]*"
_ITEM_RE = re.compile(r"(?:-[ ]+)*")
_FW_COLON_RE = re.compile(rf"({_KEY})[ ]*：[ \u3000]*(.*)")
# `ai-models:7`; not `http://`, and `12:30` never starts with a letter.
_NO_SPACE_RE = re.compile(rf"({_KEY}):(?=[^ \t\r\n/])[\u3000]*(.*)")
_BLOCK_HEADER_RE = re.compile(r"(?:-[ ]+)*([^\s#:][^#:]*?):[ ]+[|>][-+1-9]*[ ]*(?:#.*)?")
_KEY_LINE_RE = re.compile(r"(?:-[ ]+)*(?:[^\s#：][^#：]*?:(?:[ \t]|$)|-$|-[ ])")
_OPENER_RE = re.compile(r"(?:-[ ]+)*[^\s#][^#]*?:[ ]*(?:#.*)?")


def _line_at(text: str, index: int) -> str:
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


def _fw_space_message(line: int) -> str:
    return f"第{line}行用了全角空格缩进，请改为半角空格"


def _colon_hint(content: str, line: int, offset: int) -> tuple[str, int, int] | None:
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


def _spans(text: str) -> tuple[set[int], dict[int, str]]:
    """Lines (1-based) inside block or multi-line quoted scalars read before an error,
    and block scalar headers: line → key."""
    inside: set[int] = set()
    headers: dict[int, str] = {}
    try:
        for event in _events(text):
            if event.__class__ is ScalarEvent and event.style:
                first, end = event.start_mark.line + 1, event.end_mark
                last = end.line + 1 if end.column else end.line
                inside.update(range(first + 1, last + 1))
                if event.style in "|>":
                    header = _BLOCK_HEADER_RE.match(_line_at(text, first - 1).lstrip(" "))
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


def _hint(text: str, problem: str, context: str, line: int) -> tuple[str, int, int] | None:
    """A message for the mistake behind a parser error reported at ``line`` (1-based)."""
    lines = text.replace("\r\n", "\n").split("\n")
    inside, headers = _spans(text)
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
            found = (_fw_space_message(n), n, spaces.index("\u3000") + 1)
        elif hint := _colon_hint(content, n, len(spaces)):
            found = hint
        elif keyed and n != line:
            break
        n -= 1
    in_mapping = "collection" not in context and "sequence" not in context
    if found is None and in_mapping and re.search(r"expected key|<block end>|mapping", problem):
        found = _indent_hint(lines, line, inside)
    return found


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


def _problem_text(problem: str, context: str, char: str) -> str:
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


def _yaml_error_message(exc: YAMLError, text: str = "") -> tuple[str, int, int]:
    problem = " ".join((getattr(exc, "problem", None) or str(exc)).split())
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "expected a single document" in context:
        return "一个文件只能写一份报送（文件中出现了“---”分隔的多个文档）", line, col
    hint = _hint(text, problem, context, line) if text else None
    if hint is not None:
        return hint
    source_line = _line_at(text, line - 1) if text else ""
    char = source_line[col - 1 : col]
    if re.search(r"escape", problem) and source_line[col - 2 : col - 1] == "\\":
        col -= 1  # point at the backslash, as libyaml does; the pure parser points past it
    return _problem_text(problem, context, char), line, col


_DIRECTIVE_RE = re.compile(r"%\S*")


def _directive(text: str) -> tuple[str, int] | None:
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


def parse_yaml(text: str, path: str, *, record: bool = False) -> Parsed:
    """Parse one YAML document. Problems become diagnostics; nothing raises."""
    builder = _Builder(path, record, text)
    out = builder.out
    if (text[:1] == "%" or "\n%" in text) and (found := _directive(text)):
        directive, line = found
        shown = printable(directive if len(directive) <= 30 else directive[:30] + "…")
        message = (
            f"不支持 YAML 指令“{shown}”，请删除第{line}行"
            "（报送文件一律按 YAML 1.2 读取，validate 和 set 读法才能一致）"
        )
        out.diagnostics.append(error("JY002", message, path).located(line, 1))
        return out
    try:
        events = _events(text)
        docs = 0
        for event in events:
            if isinstance(event, DocumentStartEvent):
                docs += 1
                if docs > 1:
                    mark = event.start_mark
                    out.value, out.empty = None, True
                    out.diagnostics.append(
                        error(
                            "JY005",
                            "一个文件只能写一份报送（文件中出现了“---”分隔的多个文档）",
                            path,
                        ).located(mark.line + 1, mark.column + 1)
                    )
                    return out
                node_event = next(events)
                if isinstance(node_event, DocumentEndEvent):
                    continue
                if node_event.__class__ is ScalarEvent and not node_event.style:
                    builder.check_entry_text(node_event)  # a whole file like `unit:jxj`
                out.value, _ = builder.value(node_event, events, (), 0)
                out.empty = False
    except _Limit as exc:
        out.diagnostics.append(error(exc.code, exc.message, path).located(exc.line, exc.col))
    except MarkedYAMLError as exc:
        message, line, col = _yaml_error_message(exc, text)
        code = "JY005" if message.startswith("一个文件只能") else "JY002"
        out.diagnostics.append(error(code, message, path).located(line, col))
    except ReaderError as exc:  # control characters; it carries an offset, not a mark
        # libyaml counts UTF-8 bytes, the pure parser characters: find the character itself
        # (the reader stops at the first disallowed one, so its first occurrence is it).
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        pos = max(found, 0)
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "控制字符"
        message = f"文件含有不允许出现的控制字符（{char}），请删除"
        out.diagnostics.append(error("JY002", message, path).located(line, col))
    except YAMLError as exc:
        detail = " ".join(str(exc).split())  # one line, whatever the parser wrote
        out.diagnostics.append(error("JY002", f"YAML 格式错误：{detail}", path))
    return out


def locate(text: str, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
    """Line and column of ``loc`` in ``text``: the deepest part of it that exists.

    A missing key points at the mapping that should hold it.
    """
    return position(parse_yaml(text, "", record=True), loc, at_key=at_key)


def position(parsed: Parsed, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
    """:func:`locate` on a document already parsed with ``record=True``."""
    table = parsed.keys if at_key else parsed.values
    for n in range(len(loc), -1, -1):
        prefix = tuple(loc[:n])
        if prefix in table:
            return table[prefix]
        if prefix in parsed.values:
            return parsed.values[prefix]
    return (1, 1)
