"""Markdown: the one Jinja environment, its filters and Markdown escaping.

Templates receive a prepared view (see :mod:`jianyian.views.brief`) and only loop and
print. The environment is sandboxed and uses ``StrictUndefined``; autoescaping
is off, but every string a template prints passes through :func:`md` (Jinja's
``finalize`` hook), so report text written by the units is always shown
literally: it is passed as values, never concatenated into template source.

Templates arrive as texts (:func:`jianyian.load.templates.load_template_set`):
this module reads neither the disk nor the clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from ..errors import DataError
from ..fmt import fmt_date, fmt_month, fmt_number, fmt_percent, fmt_quantity, fmt_target
from ..load.templates import TemplateSet
from ..views.brief_texts import gap_text

# ---------------------------------------------------------------- Markdown escaping

# Line breaks and ASCII blanks collapse to one space (a table row must stay one
# line). U+3000, the ideographic space of official Chinese text, is kept.
_BLANKS = re.compile(r"[\t\n\v\f\r \x85\u2028\u2029]+")
# Controls, and the invisible characters that reorder or hide text (bidi overrides
# and isolates, zero-width spaces, a stray BOM): dropped, never printed.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Inline Markdown (and GitHub math) characters, escaped with a backslash everywhere.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block markers that only matter at the start of a line.
_LEAD_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_LEAD_BULLET = re.compile(r"^([-+=])(?=\s|$|[-+=])")
_LEAD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


@lru_cache(maxsize=8192)  # grids repeat the same few cells thousands of times
def md_text(text: str) -> str:
    """``text`` as literal inline Markdown, on one line.

    Escapes ``\\ ` * _ [ ] | ~ $`` with a backslash, ``<`` ``>`` and entity-like
    ``&`` as HTML entities (no raw HTML survives, whatever the renderer), and a
    leading ``#``, ``-``, ``+``, ``=`` or ``1.`` that would start a heading, list
    or rule. Line breaks become spaces, so a table row keeps its column count.
    """
    text = _CONTROLS.sub("", text)
    text = _BLANKS.sub(" ", text).strip()
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LEAD_HEADING.sub(r"\\\1", text)
    text = _LEAD_BULLET.sub(r"\\\1", text)
    return _LEAD_ORDERED.sub(r"\1\\\2", text)


def md(value: Any) -> Any:
    """Jinja filter: escape ``value`` for Markdown once (the result is not escaped again)."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return Markup(md_text(_plain(value)))


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return fmt_number(value)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


def _finalize(value: Any) -> Any:
    # Every {{ … }} goes through here: strings are escaped unless a filter already did.
    return md(value)


# ---------------------------------------------------------------- filters


def delta(value: float | None, measure: str = "") -> str:
    """A change with its sign: ``+2个``, ``-0.5亿元``."""
    if value is None:
        return "—"
    text = fmt_quantity(abs(value), measure)
    if fmt_number(abs(value)) == "0":
        return f"0{measure}"
    return f"+{text}" if value > 0 else f"-{text}"


def _month_filter(value: str | None) -> str:
    return "—" if value is None else fmt_month(value)


def _target_filter(value: float, measure: str, qualifier: str | None = None) -> str:
    return fmt_target(value, measure, qualifier)


FILTERS = {
    "md": md,
    "qty": fmt_quantity,
    "target": _target_filter,
    "num": fmt_number,
    "pct": fmt_percent,
    "pp": gap_text,
    "delta": delta,
    "date": fmt_date,
    "month": _month_filter,
}


# ---------------------------------------------------------------- environment and lookup


class TemplateProblem(DataError):
    """A template cannot be read or rendered (exit 1): names the template and the line."""


def make_environment(sources: Mapping[str, str], cache: Any = None) -> Any:
    """The one Jinja environment: sandboxed with limits (:mod:`.sandbox`), ``StrictUndefined``,
    Markdown-escaped output. One per rendering: the limits count per environment.

    Templates come as texts (read by :mod:`jianyian.load.templates`): nothing here
    reads the disk, and an include can reach only the given templates. ``cache`` is
    the compiled-template cache :func:`jianyian.load.templates.template_cache` made
    (only it touches its folder), or None.
    """
    from jinja2 import FunctionLoader, StrictUndefined

    from .sandbox import LimitedEnvironment

    texts = dict(sources)

    def load(name: str) -> tuple[str, str, Any] | None:
        # The name doubles as the file name, so errors can say which template failed.
        return (texts[name], name, lambda: True) if name in texts else None

    env = LimitedEnvironment(
        loader=FunctionLoader(load),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=cache,
    )
    env.filters.update(FILTERS)
    return env


def _template_location(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a rendering error: (file name, line)."""
    name, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            name, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return name, line


def _undefined_name(message: str) -> str:
    found = re.search(r"'([^']+)' is undefined", message)
    if found:
        return f"未定义的名称“{found.group(1)}”"
    found = re.search(r"has no attribute '([^']+)'", message)
    if found:
        return f"没有属性“{found.group(1)}”"
    return f"未定义的名称（{message}）"


def render_template(templates: TemplateSet, context: Mapping[str, Any]) -> str:
    """Render the template file at ``path`` with ``context``.

    Any template failure becomes a :class:`TemplateProblem` naming the template,
    the line and the cause, in Chinese; never a traceback.
    """
    import jinja2
    from jinja2.sandbox import SecurityError

    shown = templates.label

    def where(exc: BaseException) -> str:
        file, line = _template_location(exc)
        shown_file = f"{shown}（引用的 {file}）" if file and file != templates.main else shown
        return f"模板 {shown_file}" + (f" 第 {line} 行" if line else "")

    from .sandbox import TemplateLimit, cpu_budget, render_bounded

    env = make_environment(templates.sources, templates.cache)
    try:
        with cpu_budget():
            template = env.get_template(templates.main)
            text = render_bounded(template, dict(context))
    except TemplateLimit as exc:
        place = where(exc)
        if exc.line and "第" not in place:
            place += f" 第 {exc.line} 行"
        raise TemplateProblem(f"{place}：{exc}") from None
    except RecursionError as exc:
        raise TemplateProblem(f"{where(exc)}：嵌套过深（可能是宏在递归调用自身）") from None
    except MemoryError:
        raise TemplateProblem(f"模板 {shown}：内存不足（模板生成的内容过大）") from None
    except jinja2.TemplateSyntaxError as exc:
        line = f" 第 {exc.lineno} 行" if exc.lineno else ""
        raise TemplateProblem(f"模板 {shown}{line} 有语法错误：{exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"{where(exc)}：{_undefined_name(exc.message or '')}。"
            "可用的名称见内置模板 templates/brief.md.j2"
        ) from None
    except SecurityError as exc:
        raise TemplateProblem(f"{where(exc)}：不允许的操作（{exc}）") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"模板 {shown} 引用的模板 {exc.name} 不存在") from None
    except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, LookupError) as exc:
        raise TemplateProblem(f"{where(exc)} 出错：{exc}") from None
    # Templates may leave runs of blank lines around blocks; a briefing has at most one.
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
