"""The Jinja sandbox with limits: a template can neither read the disk nor exhaust the machine.

Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` stops attribute tricks, but
``{{ 'x'*100000*100000 }}``, ``{{ 9**99999999 }}``, nested ``range(100000)``,
``'a'|center(999999999)`` or a macro calling itself would still take every byte
and second of the machine. Each is bounded here, deterministically (the same
template fails the same way everywhere), and answered with :class:`TemplateLimit`,
which :func:`jianyian.render.markdown.render_template` turns into a Chinese message
naming the template and its line (exit 1). A CPU-time budget is the last resort
for what no count catches (loops over long strings that print nothing).

The limits are far above what a briefing needs: the built-in template on ten
thousand reports stays well inside each of them.
"""

from __future__ import annotations

import re
import signal
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.nodes import Concat
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

#: The longest string (or list) one operation may build, in characters (items).
MAX_TEXT = 1_000_000
#: The largest integer an operation may build, in bits (about 1,200 decimal digits).
MAX_INT_BITS = 4096
#: Items all ``range()`` calls of one rendering may produce together.
MAX_RANGE_TOTAL = 100_000
#: Calls (macros, functions, methods) one rendering may make, and how deeply nested.
MAX_CALLS = 1_000_000
MAX_CALL_DEPTH = 64
#: The longest output, in characters (a briefing is tens of kilobytes).
MAX_OUTPUT = 5_000_000
#: CPU seconds one rendering may take (the last resort; POSIX main thread only).
CPU_SECONDS = 30.0


class TemplateLimit(Exception):
    """A template went past one of the limits; ``str(exc)`` is a Chinese sentence."""

    #: The template line, when the traceback cannot tell it (the output limit).
    line: int | None = None


def _size(value: Any) -> int | None:
    sized = (str, bytes, bytearray, list, tuple)
    return len(value) if isinstance(value, sized) else None


def _check_text(length: int, what: str) -> None:
    if length > MAX_TEXT:
        raise TemplateLimit(f"{what}会生成 {length} 个字符（或元素），超过上限 {MAX_TEXT}")


def _check_bits(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise TemplateLimit(f"{what}的结果过大（约 {bits} 位二进制），超过上限 {MAX_INT_BITS} 位")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# A printf width or precision of six digits or more, or one taken from the arguments.
_PERCENT_WIDTH = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d{6,}|\.\*|\.\d{6,})")
_FORMAT_WIDTH = re.compile(r"\d{6,}|\{")


def check_format(text: str) -> None:
    """Refuse a ``%`` or ``str.format`` format whose field width could be huge."""
    if "%" in text and _PERCENT_WIDTH.search(text):
        raise TemplateLimit("格式字符串中的宽度过大或取自参数，已拒绝")
    if "{" in text:
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError:
            return  # str.format itself will say what is wrong
        if any(spec and _FORMAT_WIDTH.search(spec) for _, _, spec, _ in fields):
            raise TemplateLimit("格式字符串中的宽度过大或取自参数，已拒绝")


class LimitedNamespace(Namespace):
    """``namespace()`` whose attributes cannot grow past :data:`MAX_TEXT` (doubling in a loop)."""

    def __setitem__(self, name: str, value: Any) -> None:
        size = _size(value)
        if size is not None:
            _check_text(size, f"namespace 属性 {name} ")
        super().__setitem__(name, value)


class _BoundedConcat(CodeGenerator):
    """Compiles ``a ~ b ~ c`` to pass its parts through ``environment.concat_parts`` first:
    Jinja joins them itself (``str_join``), outside the operator hooks below."""

    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.concat_parts(context, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox, with bounded operators, ranges, calls and filters."""

    # Intercepted operators are also never folded at compile time, so a constant
    # ``9**99999999`` cannot hang the parser either.
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedConcat

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.range_left = MAX_RANGE_TOTAL
        self.calls_left = MAX_CALLS
        self.depth = 0
        self.globals["range"] = self.limited_range
        self.globals["namespace"] = LimitedNamespace
        self.globals.pop("lipsum", None)  # lipsum(n=10**9) would write a book
        for name, wrap in _FILTER_GUARDS.items():
            if name in JINJA_FILTERS:
                self.filters[name] = wrap(JINJA_FILTERS[name])

    def concat_parts(self, context: Any, parts: tuple[Any, ...]) -> Any:
        """``a ~ b ~ …``: refused when the joined text would pass :data:`MAX_TEXT`, else
        joined as Jinja would have (escaping only where autoescape is on)."""
        from jinja2.runtime import markup_join, str_join

        _check_text(sum(len(str(p)) for p in parts), "连接（~）")
        return (markup_join if context.eval_ctx.autoescape else str_join)(parts)

    def limited_range(self, *args: int) -> range:
        """``range()`` for templates: all ranges of one rendering share one budget."""
        rng = range(*args)
        self.range_left -= len(rng)
        if self.range_left < 0:
            raise TemplateLimit(f"range() 生成的数字合计超过上限 {MAX_RANGE_TOTAL}")
        return rng

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Check the size of what ``*``, ``**``, ``+``, ``%`` would build, then build it."""
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _size(seq) is not None and _int(n):
                    _check_text(len(seq) * max(n, 0), "乘法（重复文本或列表）")
            if _int(left) and _int(right):
                _check_bits(left.bit_length() + right.bit_length(), "乘法")
        elif operator == "**" and _int(left) and _int(right) and right > 0:
            _check_bits(max(left.bit_length() - 1, 1) * right, "乘方")
        elif operator == "+" and _size(left) is not None and _size(right) is not None:
            _check_text(len(left) + len(right), "连接")
        elif operator == "%" and isinstance(left, str):
            check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call from a template: counted, nested at most :data:`MAX_CALL_DEPTH` deep."""
        __self.calls_left -= 1
        if __self.calls_left < 0:
            raise TemplateLimit(f"函数和宏的调用次数超过上限 {MAX_CALLS}")
        for arg in (*args, *kwargs.values()):
            size = _size(arg)
            if size is not None:
                _check_text(size, "调用参数")
        check_method(__obj, args, kwargs)
        if __self.depth >= MAX_CALL_DEPTH:
            raise TemplateLimit(
                f"宏或函数嵌套调用超过 {MAX_CALL_DEPTH} 层（可能是宏在递归调用自身）"
            )
        __self.depth += 1
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self.depth -= 1

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        check_format(value.__self__)

        def bounded(*args: Any, **kwargs: Any) -> str:
            check_method(value, args, kwargs)  # '{0}' * 2000 .format(a long text)
            return wrapped(*args, **kwargs)

        return bounded


# ---------------------------------------------------------------- methods

#: Methods of text and sequences whose result can be far longer than their arguments.
_PADDING = frozenset({"ljust", "rjust", "center", "zfill"})
_GROWING = frozenset({"append", "extend", "insert", "__iadd__", "__imul__"})


def check_method(obj: Any, args: tuple, kwargs: dict) -> None:
    """Refuse a call of a str/bytes/list method whose result would pass :data:`MAX_TEXT`:
    ``'x'.ljust(10**9)``, ``zfill``, ``expandtabs``, ``replace``, ``join``, and a list
    grown in place (``append``/``extend`` in a loop doubling it)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    size = _size(owner)
    if size is None:
        return
    first = args[0] if args else None
    if name in _PADDING:
        width = kwargs.get("width", first)
        if _int(width):
            _check_text(width, f"{name}() ")
    elif name == "expandtabs":
        tab = kwargs.get("tabsize", first if args else 8)
        if _int(tab):
            tabs = owner.count("\t" if isinstance(owner, str) else b"\t")
            _check_text(size + tabs * max(tab, 0), "expandtabs() ")
    elif name == "replace" and len(args) >= 2 and isinstance(owner, (str, bytes)):
        old, new = args[0], args[1]
        if isinstance(old, type(owner)) and isinstance(new, type(owner)):
            hits = size + 1 if not old else owner.count(old)
            _check_text(size + hits * max(len(new) - len(old), 0), "replace() ")
    elif name in ("format", "format_map") and isinstance(owner, str):
        values = [*args, *kwargs.values()] if name == "format" else [*(first or {}).values()]
        widest = max((len(str(v)) for v in values), default=0)
        _check_text(size + owner.count("{") * widest, f"{name}() ")
    elif name == "join" and isinstance(first, (list, tuple)):
        parts = sum(len(x) for x in first if _size(x) is not None)
        _check_text(parts + size * max(len(first) - 1, 0), "join() ")
    elif name in _GROWING and isinstance(owner, list):
        if name == "__imul__" and _int(first):
            _check_text(size * max(first, 0), "列表 ")
        else:
            added = _size(first) if name in ("extend", "__iadd__") else 1
            _check_text(size + (added or 0), "列表 ")


# ---------------------------------------------------------------- filters


def _guard(estimate: Callable[..., int], what: str) -> Callable[[Callable], Callable]:
    """A filter wrapper that refuses before computing when ``estimate`` exceeds MAX_TEXT."""

    def wrap(flt: Callable) -> Callable:
        passes = getattr(flt, "jinja_pass_arg", None)

        def guarded(*args: Any, **kwargs: Any) -> Any:
            # A filter that takes the context or environment first: estimate on the rest.
            _check_text(estimate(*(args[1:] if passes else args), **kwargs), f"过滤器 {what} ")
            return flt(*args, **kwargs)

        if passes is not None:
            guarded.jinja_pass_arg = passes  # type: ignore[attr-defined]
        return guarded

    return wrap


def _len(value: Any) -> int:
    return len(str(value)) if value is not None else 0


def _num(value: Any, default: int) -> int:
    return value if _int(value) else default


def _center(value: Any, width: Any = 80) -> int:
    return max(_len(value), _num(width, 0))


def _indent(s: Any, width: Any = 4, *args: Any, **kwargs: Any) -> int:
    unit = len(width) if isinstance(width, str) else _num(width, 0)
    return _len(s) + (str(s).count("\n") + 1) * max(unit, 0)


def _wordwrap(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
              *args: Any, **kwargs: Any) -> int:  # fmt: skip
    wrap = kwargs.get("wrapstring", wrapstring)
    joint = len(wrap) if isinstance(wrap, str) else 1
    return max(_len(s) * (1 + joint), _num(width, 0))


def _replace(s: Any, old: Any = "", new: Any = "", count: Any = None) -> int:
    text, old_text, new_text = str(s), str(old), str(new)
    hits = (len(text) + 1) if old_text == "" else text.count(old_text)
    if _int(count) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new_text) - len(old_text), 0)


def _format(value: Any, *args: Any, **kwargs: Any) -> int:
    check_format(str(value))
    return _len(value)


def _pieces(value: Any, count: Any = 1, *args: Any, **kwargs: Any) -> int:
    return _num(count, 0)


def _truncate(s: Any, length: Any = 255, *args: Any, **kwargs: Any) -> int:
    return min(_len(s), _num(length, 0))


def _bounded_join(flt: Callable) -> Callable:
    """The ``join`` filter reading its sequence one item at a time (a ``map`` is lazy), and
    stopping once what it would join passes :data:`MAX_TEXT`."""

    def join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        items, total = [], 0
        for item in value:
            total += _len(item) + len(str(d))
            _check_text(total, "过滤器 join ")
            items.append(item)
        return flt(eval_ctx, items, d, attribute)

    join.jinja_pass_arg = flt.jinja_pass_arg  # type: ignore[attr-defined]
    return join


_FILTER_GUARDS: dict[str, Callable[[Callable], Callable]] = {
    "join": _bounded_join,
    "center": _guard(_center, "center"),
    "indent": _guard(_indent, "indent"),
    "wordwrap": _guard(_wordwrap, "wordwrap"),
    "replace": _guard(_replace, "replace"),
    "format": _guard(_format, "format"),
    "slice": _guard(_pieces, "slice"),
    "batch": _guard(_pieces, "batch"),
    "truncate": _guard(_truncate, "truncate"),
}


# ---------------------------------------------------------------- output and time


def render_bounded(template: Any, context: dict[str, Any]) -> str:
    """Render ``template``, stopping past :data:`MAX_OUTPUT` characters.

    The error names the template line being rendered when the limit was passed.
    """
    chunks = template.generate(**context)
    out: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            frame = chunks.gi_frame
            exc = TemplateLimit(f"输出超过 {MAX_OUTPUT} 个字符（约 5 MB）的上限")
            exc.line = template.get_corresponding_lineno(frame.f_lineno) if frame else None
            chunks.close()
            raise exc
        out.append(chunk)
    return "".join(out)


@contextmanager
def cpu_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`TemplateLimit` in the block after ``seconds`` of CPU time.

    Only where POSIX interval timers work (the main thread, not Windows); elsewhere
    the counted limits above are the only ones.
    """
    limit = CPU_SECONDS if seconds is None else seconds
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TemplateLimit(f"模板运行超过 {limit:g} 秒 CPU 时间（可能是过大的循环）")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
