"""The command line: thin Typer commands over the library.

Each command parses its options, calls one library function, prints the result
and picks the exit code. This module (with the loaders) is the only one that
reads the clock, the environment or the disk. Exit codes: 0 fine (warnings
allowed) · 1 the data has errors or a ``--fail-on`` gate tripped · 2 usage error ·
3 internal error (one line; ``--debug`` shows the traceback).

Heavy imports (pydantic, rich, jinja2, the engine) happen inside the commands so
that ``--version`` and ``--help`` start fast.
"""

import os
import re
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer >= 0.29 vendors click; earlier releases use click itself
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover
    from click import exceptions as click_exc

from . import __version__
from .errors import JianyianError, UsageError

if TYPE_CHECKING:
    from .models import Plan, Unit

DEBUG_FLAG = "--debug"


def _param_hint(param: Any) -> str:
    if param is None:
        return "参数"
    if getattr(param, "param_type_name", "") == "argument" and getattr(param, "metavar", None):
        return str(param.metavar)  # an argument's opts are its Python name
    return "/".join(param.opts) or str(param.name)


def _usage_message(exc: click_exc.UsageError) -> str:
    """Click's usage errors, in Chinese."""
    exceptions = click_exc
    if isinstance(exc, exceptions.NoSuchOption):
        tail = f"，是否指 {'、'.join(exc.possibilities)}？" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{tail}"
    if isinstance(exc, exceptions.MissingParameter):
        return f"缺少 {_param_hint(exc.param)}"
    if isinstance(exc, exceptions.BadParameter):
        hint = _param_hint(exc.param)
        choices = re.search(r"is not one of (.+?)\.?$", exc.message)
        if choices:
            names = re.findall(r"'([^']*)'", choices.group(1))
            return f"{hint} 应为以下之一：{'、'.join(names)}"
        return f"{hint} 的值无效：{re.sub(r'^Value error, ', '', exc.message)}"
    if isinstance(exc, exceptions.BadOptionUsage) and "requires an argument" in exc.message:
        return f"选项 {exc.option_name} 需要一个值"
    if exc.message.startswith("No such command"):
        names = re.findall(r"'([^']*)'", exc.message)
        tail = f"，是否指 {'、'.join(names[1:])}？" if len(names) > 1 else ""
        return f"没有命令 {names[0] if names else ''}{tail}"
    if exc.message.startswith("Got unexpected extra argument"):
        extra = re.search(r"\(([^()]*)\)\s*$", exc.message)
        return f"多余的参数：{extra.group(1) if extra else exc.message}"
    return exc.message


# Metavars stay ASCII: click aligns help columns by len(), not display width.
_HELP_WORDS = (
    ("<list[str]>", "..."),
    ("<str>", "TEXT"),
    ("<dir>", "DIR"),
    ("<file>", "FILE"),
    ("<path>", "PATH"),
    ("<int>", "N"),
    ("[required]", "[必填]"),
    ("[default: ", "[默认："),
)


def _chinese_row(row: tuple[str, str]) -> tuple[str, str]:
    """Click's few English words in an option's help line, in Chinese."""
    name, text = row
    for english, chinese in _HELP_WORDS:
        name, text = name.replace(english, chinese), text.replace(english, chinese)
    return name, text


class _ChineseHelp:
    """Mixin: plain-text help with Chinese headings.

    Plain text rather than rich panels: rich's help renderer costs about 0.1 s of
    imports on every ``--help``, and click's built-in headings are English.
    """

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx, formatter) -> None:
        rows = [_chinese_row(row) for p in self.get_params(ctx) if (row := p.get_help_record(ctx))]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)
        if hasattr(self, "list_commands"):
            commands = [
                (name, cmd.get_short_help_str(limit=60))
                for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
            ]
            if commands:
                with formatter.section("命令"):
                    formatter.write_dl(commands)


class JianyianCommand(_ChineseHelp, TyperCommand):
    """A subcommand whose built-in strings are Chinese."""


class JianyianGroup(_ChineseHelp, TyperGroup):
    """Runs a command and turns every way it can end into an exit code and one message."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        debug = DEBUG_FLAG in args
        args = [a for a in args if a != DEBUG_FLAG]
        err = typer.echo
        try:
            result = super().main(
                args, prog_name or "jianyian", complete_var, standalone_mode=False, **extra
            )
            code = result if isinstance(result, int) else 0
        except click_exc.NoArgsIsHelpError as exc:
            # A bare ``jianyian`` asks for nothing: show the help, which is not an error.
            if exc.ctx is not None:
                err(exc.ctx.get_help())
            code = 0
        except click_exc.UsageError as exc:
            cmd = exc.ctx.command_path if exc.ctx else "jianyian"
            err(f"用法错误：{_usage_message(exc)}", err=True)
            err(f"运行 {cmd} --help 查看用法。", err=True)
            code = 2
        except click_exc.ClickException as exc:
            err(f"错误：{exc.format_message()}", err=True)
            code = exc.exit_code
        except typer.Abort:
            err("已取消。", err=True)
            code = 1
        except JianyianError as exc:
            err(f"错误：{exc}", err=True)
            code = exc.exit_code
        except Exception as exc:  # the last line of defence: never a traceback
            if debug:
                import traceback

                traceback.print_exc()
            # One line whatever the exception says; name the command that failed.
            detail = " ".join(str(exc).split()) or "无详细信息"
            words = [a for a in args if not a.startswith("-")][:1]
            what = " ".join(["jianyian", *words])
            err(
                f"内部错误（{type(exc).__name__}：{detail}）：{what} 未能完成。"
                f"这是 jianyian 的缺陷，请加 {DEBUG_FLAG} 重新运行查看详细信息，并报告给维护人员。",
                err=True,
            )
            code = 3
        if standalone_mode:
            sys.exit(code)
        return code


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


def _root(root: Path | None) -> Path:
    from .load import check_root, find_root

    return check_root(root) if root is not None else find_root(Path.cwd())


def _as_of(value: str | None) -> date:
    """``--as-of``: the given date, or today (the only clock read in jianyian)."""
    if value is None:
        return date.today()
    from .fmt import parse_day

    day = parse_day(value)
    if day is None:
        raise UsageError(f"--as-of 的值“{value}”不是有效日期，应写作 YYYY-MM-DD，如 2025-09-30")
    return day


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="按哪一天判断截止和序时进度（YYYY-MM-DD），默认今天。",
        show_default=False,
        metavar="YYYY-MM-DD",
    ),
]


def _unit(plan: "Plan", text: str) -> "Unit":
    """The unit ``--unit`` names (id, full or short name); exit 2 listing candidates."""
    found = plan.find_units(text)
    if len(found) == 1:
        return found[0]
    if not found:
        from .diagnostics import suggest

        names = [u.name for u in plan.units] + [u.id for u in plan.units]
        hint = suggest(text, names)
        raise UsageError(f"计划中没有单位“{text}”{hint}（运行 jianyian plan 查看全部单位）")
    listing = "、".join(f"{u.name}（{u.id}）" for u in found)
    raise UsageError(f"“{text}”可指多个单位：{listing}，请写全称或标识")


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    markdown = "markdown"


@app.command(cls=JianyianCommand)
def validate(
    root: RootOption = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="输出格式：text（默认）、json、github（GitHub 注释；在 GitHub Actions 中自动选用）、"
            "markdown（问题表格，用于 GitHub 的作业摘要）。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """检查计划和全部报送文件，列出所有问题（文件:行:列）。

    有错误时退出码为 1，只有警告时为 0。

    示例：

      jianyian validate

      jianyian validate --format json > problems.json
    """
    from .diagnostics import format_github, format_text, summary_line, to_json
    from .load import load_project

    project = load_project(_root(root))
    if fmt is None:
        fmt = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    if fmt is Format.json:
        typer.echo(to_json(project.diagnostics, project.files))
    elif fmt is Format.markdown:
        from .diagnostics import to_markdown

        typer.echo(to_markdown(project.diagnostics, project.files), nl=False)
    else:
        line = format_github if fmt is Format.github else format_text
        for d in project.diagnostics:
            typer.echo(line(d))
        typer.echo(summary_line(project.diagnostics, project.files), err=fmt is Format.github)
    raise typer.Exit(0 if project.ok else 1)


@app.command(cls=JianyianCommand)
def plan(
    root: RootOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="以 JSON 输出（格式见 README，含 version 字段）。")
    ] = False,
) -> None:
    """显示办理工作方案：工作目标、任务与指标、报送事项和截止日期、单位组。

    示例：

      jianyian plan

      jianyian plan --json > plan.json
    """
    import json

    from .diagnostics import format_text
    from .load import load_plan_checked
    from .views import plan_view

    the_plan, diags = load_plan_checked(_root(root))
    for d in diags:
        if d.severity == "error":
            typer.echo(format_text(d), err=True)
    if the_plan is None:
        typer.echo("计划文件有错误，无法显示。运行 jianyian validate 查看全部问题。", err=True)
        raise typer.Exit(1)
    view = plan_view(the_plan)
    if as_json:
        typer.echo(json.dumps(view, ensure_ascii=False, indent=2))
    else:
        from .term import make_console, render_plan

        render_plan(make_console(), view)
    if any(d.severity == "error" for d in diags):
        typer.echo("计划文件有错误（见上），运行 jianyian validate 查看全部问题。", err=True)
        raise typer.Exit(1)


# Commands that live in their own modules register themselves on ``app`` when
# imported; each module keeps its heavy imports inside its commands.
# (one import line per module, below)
from . import cli_status  # noqa: E402,F401
from . import cli_brief  # noqa: E402,F401
from . import cli_write  # noqa: E402,F401
from . import cli_audit  # noqa: E402,F401
from . import cli_export  # noqa: E402,F401


def main() -> Any:
    """Console-script entry point."""
    return app()
