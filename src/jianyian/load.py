"""Loading a project: the only place (with ``cli.py`` and ``gitlog.py``) that reads the disk.

``load_project(root)`` reads ``data/targets.yaml`` and every report under
``data/reports/``, turns every read, parse and schema failure into a located
:class:`Diagnostic`, runs the cross-file checks and returns a :class:`Project`.
It never raises for bad data: one bad file never hides the others.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .checks import run_checks
from .diagnostics import Diagnostic, error, sorted_diagnostics, suggest, warning
from .errors import UsageError
from .models import MONTH_RE, DocumentReport, MonthlyReport, Plan, Report
from .yamlsrc import Parsed, parse_yaml, position

PLAN_PATH = "data/targets.yaml"
REPORTS_DIR = "data/reports"
MAX_FILE_BYTES = 1024 * 1024
#: Files allowed directly under data/reports/ without a warning.
IGNORED_NAMES = {"README.md", ".gitkeep", ".keep", ".DS_Store"}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    """A file's text, kept so diagnostics can be located after the fact."""

    path: str  # relative to the project root, POSIX separators
    text: str


@dataclass(frozen=True)
class LoadedReport:
    """A report that passed the schema, with where it came from."""

    source: Source
    report: Report
    folder: str  # the unit folder it sits in
    stem: str  # the file name without suffix: a month or a deliverable id

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def unit(self) -> str:
        return self.report.unit

    @property
    def period(self) -> str:
        """``YYYY-MM`` for a monthly report, the deliverable id otherwise."""
        r = self.report
        return r.month if isinstance(r, MonthlyReport) else r.deliverable


@dataclass
class Project:
    """Everything read from one project tree."""

    root: Path
    plan: Plan | None
    reports: list[LoadedReport]
    diagnostics: list[Diagnostic]
    files: int
    #: Report files that could not be loaded at all (relative paths).
    unreadable: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    def unreadable_periods(self) -> dict[tuple[str, str], str]:
        """(unit folder, period) → path of each report file that could not be loaded."""
        out = {}
        for path in self.unreadable:
            parts = path.split("/")
            out[(parts[-2], parts[-1].rsplit(".", 1)[0])] = path
        return out


# ---------------------------------------------------------------- root discovery


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``data/targets.yaml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PLAN_PATH).is_file():
            return folder
    raise UsageError(
        f"在 {start} 及其上级目录中找不到 {PLAN_PATH}：请在项目目录中运行，或用 --root 指定项目目录"
    )


def check_root(root: Path) -> Path:
    """``--root`` given explicitly: it must hold the plan."""
    if not (root / PLAN_PATH).is_file():
        raise UsageError(f"--root {root} 下没有 {PLAN_PATH}")
    return root.resolve()


# ---------------------------------------------------------------- reading files


def _rel(root: Path, path: Path) -> str:
    # String slicing in the common case (a path below root): Path.relative_to cost
    # a tenth of loading 10,000 reports. Anything else takes the exact slow path.
    head, full = str(root), str(path)
    if len(full) > len(head) + 1 and full.startswith(head) and full[len(head)] == os.sep:
        return full[len(head) + 1 :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def read_source(
    root: Path, path: Path, real_dirs: dict[str, str] | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """Read one file as UTF-8 text, refusing what must not be read.

    ``real_dirs`` caches resolved folders across the files of one load (a tree has
    many files per folder, and resolving a path costs several system calls).
    """
    rel = _rel(root, path)
    cache = real_dirs if real_dirs is not None else {}
    try:
        # Resolve every link on the way, a linked file or a linked folder alike
        # (data/reports itself may be one): what leads outside the project is refused.
        real_root = cache.get("") or cache.setdefault("", os.path.realpath(root))
        parent = str(path.parent)
        real_parent = cache.get(parent) or cache.setdefault(parent, os.path.realpath(parent))
        target = os.path.join(real_parent, path.name)
        info = os.lstat(target)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(target)
            info = os.stat(target)
        if not (target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)):
            return None, [error("JY009", "符号链接指向项目目录以外，已拒绝读取", rel).located(1, 1)]
        if not stat.S_ISREG(info.st_mode):  # a pipe would block, a device never end
            return None, [
                error("JY009", "不是普通文件（如管道或设备文件），已拒绝读取", rel).located(1, 1)
            ]
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, [
                error(
                    "JY007",
                    f"文件大小 {size} 字节，超过 {MAX_FILE_BYTES} 字节（1 MiB）上限，未读取",
                    rel,
                ).located(1, 1)
            ]
        with open(target, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
        return None, [error("JY009", f"无法读取文件：{reason}", rel).located(1, 1)]
    return decode_source(rel, data)


_OS_ERRORS = {
    errno.ELOOP: "符号链接循环",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "文件不存在（可能是失效的符号链接）",
    errno.EISDIR: "这是一个目录",
}


def decode_source(rel: str, data: bytes) -> tuple[Source | None, list[Diagnostic]]:
    """Bytes → text. A BOM is accepted; NUL bytes or another encoding are refused."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [
            error("JY001", "文件含有二进制内容（不是文本文件），无法读取", rel).located(line, 1)
        ]
    # A BOM is accepted and is not part of any line or column.
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, like every other position: the line is valid UTF-8 up to here.
        col = len(body[line_start : exc.start].decode("utf-8")) + 1
        hint = "请用 UTF-8 编码另存该文件"
        try:
            data.decode("gb18030")
            hint = "文件看起来是 GBK/GB18030 编码，" + hint
        except UnicodeDecodeError:
            pass
        return None, [error("JY001", f"文件不是 UTF-8 编码：{hint}", rel).located(line, col)]
    return Source(rel, text), []


# ---------------------------------------------------------------- schema errors


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


# ---------------------------------------------------------------- the tree


def _read_parsed(
    root: Path, path: Path, real_dirs: dict[str, str] | None = None
) -> tuple[Source | None, Any, list[Diagnostic]]:
    """Read and parse one file: (source, value, diagnostics); value None when unusable."""
    source, diags = read_source(root, path, real_dirs)
    if source is None:
        return None, None, diags
    parsed = parse_yaml(source.text, source.path)
    diags += parsed.diagnostics
    if parsed.value is None and parsed.diagnostics:
        return source, None, diags
    return source, parsed.value, diags


def load_plan(root: Path) -> tuple[Plan | None, Source | None, list[Diagnostic]]:
    """Read and validate data/targets.yaml."""
    source, value, diags = _read_parsed(root, root / PLAN_PATH)
    if source is None or (value is None and diags):
        return None, source, diags
    plan, more = validate_model(Plan, value, source.path)
    return plan, source, diags + more


def list_report_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Report files under data/reports/<unit>/, and warnings for anything else there."""
    base = root / REPORTS_DIR
    files: list[Path] = []
    diags: list[Diagnostic] = []
    if not base.is_dir():
        return files, diags
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        folder = Path(dirpath)
        depth = len(folder.relative_to(base).parts)
        dirnames.sort()
        for name in sorted(filenames):
            path = folder / name
            rel = _rel(root, path)
            if depth == 0:
                if name not in IGNORED_NAMES:
                    diags.append(
                        warning(
                            "JY008",
                            "报送文件应放在 data/reports/<单位标识>/ 目录下，此文件未被读取",
                            rel,
                        ).located(1, 1)
                    )
            elif depth > 1:
                diags.append(
                    warning("JY008", "单位目录下不应再有子目录，此文件未被读取", rel).located(1, 1)
                )
            elif name.endswith(YAML_SUFFIXES):
                files.append(path)
            elif name not in IGNORED_NAMES:
                diags.append(
                    warning(
                        "JY008", "不是 .yaml 报送文件，未被读取（报送文件应以 .yaml 结尾）", rel
                    ).located(1, 1)
                )
        for name in dirnames:
            if (folder / name).is_symlink():
                diags.append(
                    warning("JY008", "目录是符号链接，未被读取", _rel(root, folder / name)).located(
                        1, 1
                    )
                )
    return files, diags


def _report_model(stem: str, value: Any) -> type[MonthlyReport] | type[DocumentReport]:
    if MONTH_RE.match(stem):
        return MonthlyReport
    if isinstance(value, dict) and "month" in value and "deliverable" not in value:
        return MonthlyReport
    return DocumentReport


def load_report(
    root: Path, path: Path, measures: dict[str, str], real_dirs: dict[str, str] | None = None
) -> tuple[LoadedReport | None, Source | None, list[Diagnostic]]:
    """Read, parse and validate one report file."""
    source, value, diags = _read_parsed(root, path, real_dirs)
    if source is None or (value is None and diags):
        return None, source, diags
    stem = path.name.rsplit(".", 1)[0]
    model = _report_model(stem, value)
    report, more = validate_model(model, value, source.path, measures)
    diags += more
    if report is None:
        return None, source, diags
    return LoadedReport(source, report, path.parent.name, stem), source, diags


def locate_diagnostics(diags: list[Diagnostic], sources: dict[str, Source]) -> list[Diagnostic]:
    """Give every unlocated diagnostic its line and column, parsing each such file once more."""
    parsed: dict[str, Parsed] = {}
    out: list[Diagnostic] = []
    for d in diags:
        if d.line:
            out.append(d)
            continue
        source = sources.get(d.path)
        if source is None:
            out.append(d.located(1, 1))
            continue
        if d.path not in parsed:
            parsed[d.path] = parse_yaml(source.text, d.path, record=True)
        out.append(d.located(*position(parsed[d.path], d.loc, at_key=d.at_key)))
    return out


def load_project(root: Path) -> Project:
    """Read the whole tree and check it. Never raises for bad data."""
    plan, plan_source, diags = load_plan(root)
    sources: dict[str, Source] = {}
    if plan_source is not None:
        sources[plan_source.path] = plan_source
    measures = {i.id: i.measure for i in plan.indicator_by_id.values()} if plan else {}

    paths, more = list_report_files(root)
    diags += more
    reports: list[LoadedReport] = []
    unreadable: list[str] = []
    real_dirs: dict[str, str] = {}
    for path in paths:
        loaded, source, more = load_report(root, path, measures, real_dirs)
        diags += more
        if source is not None:
            sources[source.path] = source
        if loaded is None:
            unreadable.append(_rel(root, path))
        else:
            reports.append(loaded)

    if plan is not None:
        diags += run_checks(plan, reports)
    diags = sorted_diagnostics(locate_diagnostics(diags, sources))
    return Project(root, plan, reports, diags, 1 + len(paths), unreadable, sources)


def load_plan_checked(root: Path) -> tuple[Plan | None, list[Diagnostic]]:
    """The plan alone, with its own checks run and diagnostics located."""
    from .checks import PLAN_CHECKS

    plan, source, diags = load_plan(root)
    if plan is not None:
        for check in PLAN_CHECKS:
            diags += check(plan)
    sources = {source.path: source} if source else {}
    return plan, sorted_diagnostics(locate_diagnostics(diags, sources))
