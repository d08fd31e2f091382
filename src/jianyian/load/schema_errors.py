"""Pydantic's validation errors, in Chinese, each at the key or value it concerns."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, error, printable, suggest
from .layout import PLAN_PATH


def _unwrap(annotation: Any) -> list[Any]:
    """The classes an annotation may hold, with containers reported as markers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(annotation):
            out += _unwrap(arg)
        return out
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the last element of ``loc``."""
    current: Any = model
    parts = list(loc[:-1])
    while parts:
        part = parts.pop(0)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part) if isinstance(part, str) else None
        if info is None:
            return None
        current = None
        for candidate in _unwrap(info.annotation):
            origin = typing.get_origin(candidate)
            if origin is list and parts:
                parts.pop(0)
                current = typing.get_args(candidate)[0]
            elif origin is dict and parts:
                parts.pop(0)
                current = typing.get_args(candidate)[1]
            elif isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
            else:
                continue
            break
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _label(model: type[BaseModel], loc: tuple) -> str:
    name = loc[-1] if loc else ""
    if isinstance(name, int) and not isinstance(name, bool) and len(loc) > 1:
        # A list item: "problems（存在问题）第 1 项", 1-based as a reader counts.
        return f"{_label(model, loc[:-1])}第 {name + 1} 项"
    holder = _model_at(model, loc) if loc else None
    info = holder.model_fields.get(name) if holder and isinstance(name, str) else None
    if info is not None and info.title:
        return f"{name}（{info.title}）"
    return str(name) if name != "" else "内容"


_TYPE_WORDS = {
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "bool_type": "应为 true 或 false",
    "dict_type": "应为键值映射（“键: 值”）",
    "model_type": "应为键值映射（“键: 值”）",
    "model_attributes_type": "应为键值映射（“键: 值”）",
    "list_type": "应为列表",
    "date_type": "应为日期 YYYY-MM-DD",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
    "string_pattern_mismatch": "格式不正确",
}


def _shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


#: ``-部分中小企业…``: a dash with no space after it (``---`` is not an item).
_DASHED_RE = re.compile(r"-(?=[^\s-])")


def _list_hint(key: object, text: str) -> str:
    """How to write ``key: text`` as a list, both ways, with the liaison's own text.

    Lines ``-部分…`` under ``key:`` (no space after the dash) are read as one text
    ``-部分… -第二条``: the hint then shows the corrected lines, never ``- -部分…``.
    """
    if _DASHED_RE.match(text.strip()):
        items = [p.strip() for p in re.split(r"\s+-\s*", text.strip()[1:]) if p.strip()]
        lines = "".join(f"“  - {_shorten(printable(i))}”" for i in items[:2])
        more = "（每条一行）" if len(items) == 2 else "等（每条一行）" if len(items) > 2 else ""
        return f"应为列表，但“-”后缺少空格，整段被读成了一条文字：请在“-”后加一个空格，写作{lines}{more}"
    item = _shorten(printable(text.strip().splitlines()[0] if text.strip() else text))
    return (
        f"应为列表，每条一项：写作 {key}: [{item}]（多条用半角逗号加空格分开），"
        f"或在 {key}: 后换行，每条一行写作“  - {item}”"
    )


def _clean_loc(loc: tuple, value: Any = None) -> tuple:
    # Union members appear in pydantic's loc as type tags ("list[...]"); drop them.
    # Walk the parsed value alongside, so that a key the file really has (even
    # "u[nit") is kept.
    out = []
    for p in loc:
        has = (isinstance(value, dict) and p in value) or (
            isinstance(value, list) and isinstance(p, int) and 0 <= p < len(value)
        )
        if has:
            value = value[p]
        elif isinstance(p, str) and ("[" in p or p.startswith("function-")):
            continue
        else:
            value = None
        out.append(p)
    return tuple(out)


def schema_diagnostics(
    exc: ValidationError,
    model: type[BaseModel],
    path: str,
    measures: dict[str, str],
    value: Any = None,
) -> list[Diagnostic]:
    """Translate a pydantic ValidationError into Chinese, one diagnostic per location."""
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(tuple(err["loc"]), value)
        if loc in seen:
            continue
        seen.add(loc)
        kind = err["type"]
        ctx = err.get("ctx") or {}
        label = _label(model, loc)
        if err["loc"][-1:] == ("[key]",):  # the key of a mapping, not its value
            label = f"键“{loc[-1]}”"
        elif loc[:1] == ("actions",) and len(loc) > 2:
            label = f"事项 {loc[1]} 的 {label}"  # which action: a report lists many
        if kind == "missing":
            out.append(error("JY010", f"缺少必填字段 {label}", path, loc))
        elif kind in ("extra_forbidden", "invalid_key"):  # invalid_key: a non-text key
            holder = _model_at(model, loc)
            fields = list(holder.model_fields) if holder else []
            tail = suggest(loc[-1], fields) or (
                f"（可用字段：{'、'.join(fields)}）" if fields else ""
            )
            out.append(error("JY011", f"未知字段 {loc[-1]}{tail}", path, loc, at_key=True))
        elif kind == "jy_number":
            msg = err["msg"]
            key = loc[1] if len(loc) > 1 and loc[0] == "indicators" else None
            if key in measures:
                msg = msg.replace("计量单位见计划", f"按指标 {key} 的计量单位“{measures[key]}”填写")
            elif path == PLAN_PATH:
                msg = msg.replace("计量单位见计划", "计量单位写在 measure 字段")
            out.append(error("JY013", msg, path, loc))
        elif kind.startswith("jy_"):
            out.append(error("JY012", f"{label}：{err['msg']}", path, loc))
        elif kind == "literal_error":
            raw = str(ctx.get("expected", ""))
            # pydantic writes "'未启动', '推进中' or '已完成'"; list them the Chinese way.
            expected = "、".join(re.findall(r"'([^']*)'", raw)) or raw.replace(" or ", "、")
            out.append(error("JY012", f"{label}应为以下之一：{expected}", path, loc))
        elif kind in ("greater_than_equal", "less_than_equal"):
            bound = ctx.get("ge", ctx.get("le"))
            word = "不能小于" if kind == "greater_than_equal" else "不能大于"
            out.append(error("JY012", f"{label}{word} {bound}", path, loc))
        elif kind == "list_type" and isinstance(err.get("input"), str) and loc:
            out.append(error("JY012", f"{label}{_list_hint(loc[-1], err['input'])}", path, loc))
        elif kind in _TYPE_WORDS:
            out.append(error("JY012", f"{label}{_TYPE_WORDS[kind]}", path, loc))
        else:
            msg = re.sub(r"^(Value error|Assertion failed), ", "", err["msg"])
            out.append(error("JY012", f"{label}取值不合规：{msg}", path, loc))
    return out


def validate_model(
    model: type[BaseModel], value: Any, path: str, measures: dict[str, str] | None = None
) -> tuple[Any, list[Diagnostic]]:
    """Validate parsed YAML against ``model``; a top-level non-mapping is one error."""
    if not isinstance(value, dict):
        fields = [n for n, f in model.model_fields.items() if f.is_required()]
        what = "为空" if value is None else "不是“键: 值”形式的映射"
        return None, [
            error("JY004", f"文件内容{what}，应包含字段：{'、'.join(fields)}", path).located(1, 1)
        ]
    try:
        return model.model_validate(value), []
    except ValidationError as exc:
        return None, schema_diagnostics(exc, model, path, measures or {}, value)
