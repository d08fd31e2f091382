"""A tiny HTML builder for the dashboard: text is escaped unless it is :class:`Markup`.

:func:`el` escapes every string it is given (``html.escape``, quotes included); only
:class:`Markup` made by this package passes unescaped, so text from reports is
always text.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

__all__ = ["Markup", "el"]


class Markup(str):
    """HTML this module made (or sanitised): inserted as it is."""


def _children(items: Iterable[object]) -> Iterable[str]:
    for item in items:
        if item is None:
            continue
        if isinstance(item, Markup):
            yield item
        elif isinstance(item, str):
            yield escape(item, quote=True)
        elif isinstance(item, int | float):
            yield escape(str(item))
        else:
            yield from _children(item)  # type: ignore[arg-type]


def el(tag: str, attrs: dict[str, str | None] | None = None, *children: object) -> Markup:
    """``<tag attrs>children</tag>``: attribute values and strings escaped, Markup kept.

    An attribute whose value is None is left out; ``""`` gives a bare attribute.
    """
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None:
            continue
        parts.append(name if value == "" else f'{name}="{escape(value, quote=True)}"')
    inner = "".join(_children(children))
    return Markup(f"<{' '.join(parts)}>{inner}</{tag}>")
