"""The Typer application and the options and steps every command shares.

Each command parses its options, calls one library function, prints the result
and picks the exit code. ``cli/`` (with ``load/``) is the only part that reads the
clock, the environment or the disk. Exit codes: 0 fine (warnings allowed) · 1 the
data has errors or a ``--fail-on`` gate tripped · 2 usage error · 3 internal error
(one line; ``--debug`` shows the traceback).

Heavy imports (pydantic, rich, jinja2, the engine) happen inside the commands so
that ``--version`` and ``--help`` start fast.
"""

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from ..errors import UsageError
from .help import DEBUG_FLAG, JianyianCommand, JianyianGroup

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..engine import Progress
    from ..models import Plan, Project, Unit

__all__ = [
    "AsOfOption",
    "JianyianCommand",
    "JsonOption",
    "RootOption",
    "app",
    "auto_github",
    "check_output_path",
    "load_checked",
    "load_progress",
    "load_with_plan",
    "parse_as_of",
    "parse_date_option",
    "print_diagnostics",
    "resolve_root",
    "resolve_task",
    "resolve_unit",
    "warn_history",
]

app = typer.Typer(
    name="jianyian",
    cls=JianyianGroup,
    help=(
        "建议案办理进度跟踪：检查计划与各单位报送、计算完成进度、生成会议简报。\n\n"
        "常用：jianyian validate 检查数据；jianyian status 查看进度；"
        "jianyian brief --month 2025-07 生成简报。"
        f"任何命令加 {DEBUG_FLAG} 可在出现内部错误时显示详细信息。"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jianyian {__version__}")
        raise typer.Exit()


@app.callback()
def _app(
    version: Annotated[
        bool,
        typer.Option("--version", help="显示版本号并退出。", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """建议案办理进度跟踪。"""


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="项目目录（含 data/targets.yaml）。默认从当前目录逐级向上查找。",
        file_okay=False,
        show_default=False,
    ),
]


def resolve_root(root: Path | None) -> Path:
    """``--root``, or the nearest folder up from here that holds the plan."""
    from ..load import check_root, find_root

    return check_root(root) if root is not None else find_root(Path.cwd())


def parse_date_option(option: str, value: str) -> date:
    """A ``YYYY-MM-DD`` option value, or a usage error naming the option."""
    from ..models import parse_day

    day = parse_day(value)
    if day is None:
        raise UsageError(f"{option} 的值“{value}”不是有效日期，应写作 YYYY-MM-DD，如 2025-09-30")
    return day


def today() -> date:
    """Today's date: the one place jianyian reads the clock (tests fix it; CI fakes it)."""
    return date.today()


def parse_as_of(value: str | None) -> date:
    """``--as-of``: the given date, or :func:`today`."""
    if value is None:
        return today()
    return parse_date_option("--as-of", value)


JsonOption = Annotated[
    bool, typer.Option("--json", help="以 JSON 输出（格式见 README，含 version 字段）。")
]

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="统计截至哪一天（YYYY-MM-DD），默认今天：只计入这一天及以前报送的文件，"
        "截止、逾期和迟报按这一天判断。",
        show_default=False,
        metavar="YYYY-MM-DD",
    ),
]


def check_output_path(path: Path | None) -> None:
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


def resolve_unit(plan: "Plan", text: str) -> "Unit":
    """The unit ``--unit`` names (id, full or short name); exit 2 listing candidates."""
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


def resolve_task(plan: "Plan", text: str) -> str:
    """The task ``--task`` names (its id, or its number such as （一）1); exit 2 with a hint."""
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


def auto_github(fmt: str | None, default: str = "text") -> str:
    """The output format: as asked, else ``github`` inside GitHub Actions, else ``default``."""
    if fmt is not None:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else default


def load_checked(root: Path) -> "Project":
    """Read the project and run every check (what ``validate`` reports)."""
    from .. import load
    from ..checks import check_project

    return check_project(load.load_project(root), today=today())


def warn_history(project: "Project") -> None:
    """Say on stderr when the submission dates may be wrong (git could not be asked)."""
    for line in project.history_warnings:
        typer.echo(f"注意：{line}", err=True)


def print_diagnostics(diags: "list[Diagnostic]", *, err: bool = True) -> None:
    """Diagnostics as text lines (``file:line:col: error: …``), on stderr by default."""
    from ..render.diagnostics import format_text

    for d in diags:
        typer.echo(format_text(d), err=err)


def load_with_plan(root: Path) -> "Project":
    """The checked project, or exit 1 naming the plan's errors when the plan does not load."""
    project = load_checked(root)
    if project.plan is None:
        print_diagnostics([d for d in project.diagnostics if d.severity == "error"])
        typer.echo("计划文件有错误，无法继续。运行 jianyian validate 查看全部问题。", err=True)
        raise typer.Exit(1)
    return project


def load_progress(
    root: Path,
    as_of: date,
    today: date,
    *,
    want_head: bool = False,
    upto: str | None = None,
) -> "tuple[Project, Progress]":
    """The checked project at ``root`` (with git's dates) and its progress at ``as_of``.

    ``upto`` limits the data to months up to it (a briefing's month).
    """
    from ..checks import check_project
    from ..engine import compute_progress
    from ..load import load_with_history

    project = check_project(load_with_history(root, today, want_head=want_head), today=today)
    warn_history(project)
    progress = compute_progress(
        project.checked_plan,
        project.reports,
        project.submitted,
        as_of,
        project.unreadable_periods(),
        upto=upto,
        confirmations=project.confirmations,
    )
    return project, progress
