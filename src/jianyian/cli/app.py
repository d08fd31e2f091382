"""The Typer application and the options and steps every command shares.

Each command parses its options, calls one job (:mod:`jianyian.jobs`), whose
lines :func:`live` prints as they come, and picks the exit code (:func:`finish`). ``cli/`` (with ``load/``) is the only part that reads the
clock, the environment or the disk. Exit codes: 0 fine (warnings allowed) · 1 the
data has errors or a ``--fail-on`` gate tripped · 2 usage error · 3 internal error
(one line; ``--debug`` shows the traceback).

Heavy imports (pydantic, rich, jinja2, the engine) happen inside the commands so
that ``--version`` and ``--help`` start fast.
"""

import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from ..errors import UsageError
from .help import DEBUG_FLAG, JianyianCommand, JianyianGroup

if TYPE_CHECKING:
    from ..jobs.result import Drawing, JobResult, Line

__all__ = [
    "AsOfOption",
    "JianyianCommand",
    "JsonOption",
    "RootOption",
    "app",
    "auto_github",
    "finish",
    "live",
    "parse_as_of",
    "parse_date_option",
    "resolve_root",
    "today",
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
    """Today's date: the one place jianyian reads the date (tests fix it; CI fakes it)."""
    return date.today()


def now() -> datetime:
    """The time now, in the local time zone: the one place jianyian reads the time of day
    (the ``Date`` of a 催报 e-mail as it is sent). Everything else takes ``today``/``as_of``."""
    return datetime.now().astimezone()


def parse_as_of(value: str | None) -> date:
    """``--as-of``: the given date, or :func:`today`."""
    if value is None:
        return today()
    return parse_date_option("--as-of", value)


DeliverableOption = Annotated[
    str | None,
    typer.Option(
        "--deliverable",
        help="一次性报送事项：标识（half-year-summary）、名称（上半年办理工作小结）或简称"
        "（上半年小结），见 jianyian plan。",
        show_default=False,
        metavar="报送事项",
    ),
]

JsonOption = Annotated[
    bool, typer.Option("--json", help="以 JSON 输出（格式见 docs/commands.md，含 version 字段）。")
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


def auto_github(fmt: str | None, default: str = "text") -> str:
    """The output format: as asked, else ``github`` inside GitHub Actions, else ``default``."""
    if fmt is not None:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else default


def live() -> "JobResult":
    """A job's result that prints as the job tells: stdout, stderr, tables on the terminal."""
    from ..jobs.result import JobResult

    return JobResult(echo=_echo, draw_on=_draw)


def _echo(line: "Line") -> None:
    typer.echo(line.text, err=line.err, nl=line.nl)


def _draw(drawing: "Drawing") -> None:
    from ..render.terminal import make_console

    drawing(make_console())


def finish(result: "JobResult") -> None:
    """The exit code of a job that ran to its end: 1 when it failed (data errors, a
    ``--fail-on`` gate, an item refused), else 0. Stops earlier end in
    :class:`~jianyian.errors.JianyianError`, caught in :mod:`.help`."""
    raise typer.Exit(1 if result.failed else 0)
