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

from ..diagnostics import Diagnostic, error, printable
from .yaml_hints import (
    colon_hint,
    directive_problem,
    fw_space_message,
    line_at,
    yaml_error_message,
)


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
        line = line_at(self.text, mark.line)
        hint = colon_hint(line[mark.column :], mark.line + 1, mark.column)
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
                raise _Limit(fw_space_message(kmark.line + 1), kmark.line + 1, kmark.column + 1)
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


#: Bidirectional embeddings, overrides and isolates: they reorder what is shown.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def parse_yaml(text: str, path: str, *, record: bool = False) -> Parsed:
    """Parse one YAML document. Problems become diagnostics; nothing raises."""
    builder = _Builder(path, record, text)
    out = builder.out
    bidi = _BIDI.search(text)
    if bidi is not None:  # refused in the plan as in reports and forms (issue 30)
        pos = bidi.start()
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        message = (
            f"文件含有改变文字显示方向的控制字符（U+{ord(bidi.group()):04X}），"
            "会让显示的内容与实际不同，请删除"
        )
        out.diagnostics.append(error("JY002", message, path).located(line, col))
        # parsing goes on: every other problem of the file is told too
    if (text[:1] == "%" or "\n%" in text) and (found := directive_problem(text)):
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
        message, line, col = yaml_error_message(exc, text, _events)
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
