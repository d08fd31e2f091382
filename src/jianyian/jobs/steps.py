"""The steps jobs share: load and check a project, name a unit or a task, choose an output's format.

Each raises a :class:`~jianyian.errors.JianyianError` when a job cannot go on (a
plan that does not load, an unknown unit, an extension no format has); the
command line catches it in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, UsageError

if TYPE_CHECKING:
    from ..engine import Progress
    from ..models import Plan, Project, Unit
    from .result import JobResult

#: Said when a job counted a project whose data has errors.
DATA_ERRORS = (
    "注意：数据有 {n} 个错误，有错误的报送文件未计入{where}。运行 jianyian validate 查看详情。"
)


def load_checked(root: Path, today: date) -> Project:
    """Read the project and run every check (what ``validate`` reports)."""
    from .. import load
    from ..checks import check_project

    return check_project(load.load_project(root), today=today)


def load_with_plan(root: Path, today: date) -> Project:
    """The checked project; a :class:`DataError` naming the plan's errors when it does not load."""
    project = load_checked(root, today)
    if project.plan is None:
        from ..render.diagnostics import format_text

        errors = [format_text(d) for d in project.diagnostics if d.severity == "error"]
        raise DataError("计划文件有错误，无法继续。运行 jianyian validate 查看全部问题。", errors)
    return project


def load_progress(
    root: Path,
    as_of: date,
    today: date,
    out: JobResult,
    *,
    want_head: bool = False,
    upto: str | None = None,
) -> tuple[Project, Progress]:
    """The checked project at ``root`` (with git's dates) and its progress at ``as_of``.

    ``upto`` limits the data to months up to it (a briefing's month). When git could
    not be asked, ``out`` says so.
    """
    from ..checks import check_project
    from ..engine import compute_progress
    from ..load import load_with_history

    project = check_project(load_with_history(root, today, want_head=want_head), today=today)
    warn_history(project, out)
    progress = compute_progress(
        project.checked_plan,
        project.reports,
        project.submitted,
        as_of,
        project.unreadable_periods(),
        upto=upto,
        confirmations=project.confirmations,
        duban=project.duban,
    )
    return project, progress


def warn_history(project: Project, out: JobResult) -> None:
    """Say when the submission dates may be wrong (git could not be asked)."""
    for line in project.history_warnings:
        out.note(f"注意：{line}")


def note_data_errors(project: Project, out: JobResult, where: str = "") -> None:
    """Say that files with errors were left out (``where``: of what)."""
    if project.errors:
        out.note(DATA_ERRORS.format(n=project.errors, where=where))


def resolve_unit(plan: Plan, text: str) -> Unit:
    """The unit ``--unit`` names (id, full or short name); a usage error listing candidates."""
    found = plan.find_units(text)
    if len(found) == 1:
        return found[0]
    if not found:
        from ..diagnostics import suggest

        names = [u.name for u in plan.units] + [u.id for u in plan.units]
        hint = suggest(text, names)
        raise UsageError(f"计划中没有单位“{text}”{hint}（运行 jianyian plan 查看全部单位）")
    listing = "、".join(f"{u.name}（{u.id}）" for u in found)
    raise UsageError(f"“{text}”可指多个单位：{listing}，请写全称或标识")


def resolve_task(plan: Plan, text: str) -> str:
    """The task ``--task`` names (its id, or its number such as （一）1); a usage error with a hint."""
    text = text.strip()
    if text in plan.task_by_id:
        return text
    by_number = [t.id for t in plan.tasks if text in (t.number, t.title)]
    if len(by_number) == 1:
        return by_number[0]
    from ..diagnostics import suggest

    hint = suggest(text, plan.task_by_id)
    if text in plan.action_by_id:
        hint = f"：{text} 是事项，属于任务 {plan.task_of_action[text].id}"
    raise UsageError(f"计划中没有任务“{text}”{hint}（运行 jianyian plan 查看全部任务）")


def need_openpyxl(hint: str = "") -> None:
    """openpyxl is importable, or a usage error saying how to install it."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise UsageError(
            "读写 Excel 表格需要 openpyxl（通常随 jianyian 一起安装）：请运行 pip install openpyxl"
            + hint
        ) from None


def parse_month(value: str, option: str = "--month") -> str:
    """A ``YYYY-MM`` option value, or a usage error naming the option."""
    from ..models import MONTH_RE

    if not MONTH_RE.fullmatch(value):
        raise UsageError(f"{option} 的值“{value}”不是有效月份，应写作 YYYY-MM，如 2025-07")
    return value


def pick_format(
    fmt: str | None,
    output: Path | None,
    suffixes: Mapping[str, str],
    *,
    default: str,
    refusal: str,
    stdout: bool = True,
) -> str:
    """The one format-from-extension choice of every command that writes several formats.

    ``--format`` (``fmt``), else what the output's extension names (``suffixes``:
    ``.docx`` → ``docx``), else ``default``. An extension no format has is a usage
    error saying ``refusal`` (which may name ``{output}`` and ``{suffix}``); so is a
    ``--format`` the extension contradicts. ``None`` and, where a command can write
    to ``stdout``, ``-`` name no extension.
    """
    implied = None
    if output is not None and not (stdout and str(output) == "-"):
        suffix = output.suffix.lower()
        implied = suffixes.get(suffix)
        if implied is None:
            raise UsageError(refusal.format(output=output, suffix=output.suffix or "（无）"))
    if fmt is None:
        return implied or default
    if implied is not None and implied != fmt:
        raise UsageError(f"--format {fmt} 与输出文件 {output} 的扩展名不符")
    return fmt


def check_output_folder(path: Path | None) -> None:
    """``-o``: the folder it writes into exists, or a usage error (exit 2).

    Nothing is created silently: a mistyped folder would otherwise leave the file
    where nobody looks. Only ``path`` itself is created (``schema -o`` names a
    folder, made inside an existing one). ``None`` and ``-`` (standard output) pass.
    """
    if path is None or str(path) == "-":
        return
    where = path.parent
    if where.is_dir():
        return
    if where.exists():
        raise UsageError(f"-o {path}：{where} 不是目录")
    raise UsageError(f"-o {path}：目录 {where} 不存在，请先创建它，或写到已有的目录中")


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Refuse before writing anything when a target exists and ``force`` is not given."""
    from ..write.fileio import OverwriteRefused

    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise OverwriteRefused("、".join(str(p) for p in existing))


def shown(root: Path, path: Path) -> str:
    """``path`` relative to the project root when it is inside it (POSIX separators)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def write_generated(root: Path, files: dict[Path, str], force: bool, out: JobResult) -> None:
    """Write generated files: unchanged ones are left alone, changed ones need ``force``.

    Every file is checked before any is written, so a refusal writes nothing.
    """
    from ..write.fileio import OverwriteRefused, is_current, write_files_atomic

    todo = {p: t for p, t in files.items() if not is_current(p, t)}
    refused = [p for p in todo if p.exists() and not force]
    if refused:
        names = "、".join(shown(root, p) for p in refused)
        raise OverwriteRefused(names, "内容与重新生成的不同；加 --force 覆盖")
    # All or nothing: a failure half way leaves every file as it was.
    write_files_atomic({p: t.encode("utf-8") for p, t in todo.items()}, force=force)
    for path in files:
        if path in todo:
            out.wrote(path)
        out.say(f"{'已写入' if path in todo else '已是最新'} {shown(root, path)}")
