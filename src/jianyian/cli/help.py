"""Chinese help and the one place every way a command can end becomes an exit code.

Plain-text help with Chinese headings (rich's help renderer costs about 0.1 s of
imports on every ``--help``, and click's built-in headings are English), and
:class:`JianyianGroup`, which catches :class:`~jianyian.errors.JianyianError`
(and everything else) so that no command ever ends in a traceback.
"""

import errno
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

try:  # typer >= 0.29 vendors click; earlier releases use click itself
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover
    from click import exceptions as click_exc

from ..errors import JianyianError
from ..streams import configure_streams, output_error_message, silence_stdout

DEBUG_FLAG = "--debug"


def _param_hint(param: Any) -> str:
    if param is None:
        return "参数"
    if getattr(param, "param_type_name", "") == "argument" and getattr(param, "metavar", None):
        return str(param.metavar)  # an argument's opts are its Python name
    return "/".join(param.opts) or str(param.name)


def usage_message(exc: click_exc.UsageError) -> str:
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


class HelpOption(TyperOption):
    """The ``-h/--help`` flag, processed without building a pydantic adapter.

    ``jianyian validate --help`` processes the group's own ``--help`` too, unset
    (``None``); typer 0.29 coerces that None through a pydantic ``TypeAdapter``
    built on first use, which imports pydantic: 0.1 s of every subcommand's help.
    An unset flag is simply False, which typer passes through untouched.
    """

    def process_value(self, ctx: Any, value: Any) -> Any:
        return super().process_value(ctx, False if value is None else value)


class ChineseHelp:
    """Mixin: plain-text help with Chinese headings.

    Plain text rather than rich panels: rich's help renderer costs about 0.1 s of
    imports on every ``--help``, and click's built-in headings are English.
    """

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
            if type(option) is TyperOption:
                option.__class__ = HelpOption  # same object: click compares it by identity
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
                (name, short_help(cmd))
                for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
            ]
            if commands:
                with formatter.section("命令"):
                    formatter.write_dl(commands)


#: A command's line in its group's list: at most this many characters.
SHORT_HELP_CHARS = 60


def short_help(cmd) -> str:
    """A command's line in its group's command list: its help's first sentence, cut after
    the last clause that fits. (click cuts at spaces, and Chinese has none: a long first
    sentence became "...".)"""
    if cmd.short_help:
        return cmd.short_help
    text = " ".join((cmd.help or "").split("\n\n")[0].split())
    if len(text) <= SHORT_HELP_CHARS:
        return text
    head = text[:SHORT_HELP_CHARS]
    cut = max(head.rfind(mark) for mark in "。；：，")
    return head[:cut] if cut > 0 else head[: SHORT_HELP_CHARS - 1] + "…"


class JianyianCommand(ChineseHelp, TyperCommand):
    """A subcommand whose built-in strings are Chinese."""


class JianyianGroup(ChineseHelp, TyperGroup):
    """Runs a command and turns every way it can end into an exit code and one message."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        configure_streams()  # also when called as jianyian.cli.main, not through entry
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
            err(f"用法错误：{usage_message(exc)}", err=True)
            err(f"运行 {cmd} --help 查看用法。", err=True)
            code = 2
        except click_exc.ClickException as exc:
            err(f"错误：{exc.format_message()}", err=True)
            code = exc.exit_code
        except typer.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                code = 130  # Ctrl-C: click turns it into Abort; quiet, as a shell expects
            else:
                err("已取消。", err=True)
                code = 1
        except KeyboardInterrupt:
            code = 130
        except JianyianError as exc:
            for line in exc.details:
                err(line, err=True)
            err(f"错误：{exc}", err=True)
            code = exc.exit_code
        except BrokenPipeError:
            # The reader went away (``status | head``): a normal end, nothing more to say.
            silence_stdout()
            code = 0
        except OSError as exc:
            if exc.errno not in _USER_ERRNOS:
                code = _internal_error(exc, args, debug)
            else:
                if (
                    exc.filename is None
                ):  # stdout itself: the interpreter's last flush would fail too
                    silence_stdout()
                err(f"错误：{output_error_message(exc)}", err=True)
                code = 2 if exc.errno == errno.ENAMETOOLONG else 1
        except Exception as exc:  # the last line of defence: never a traceback
            code = _internal_error(exc, args, debug)
        if standalone_mode:
            sys.exit(code)
        return code


#: OS errors that are the user's to fix (a name, a disk, a permission), not a defect.
_USER_ERRNOS = {
    errno.ENAMETOOLONG,
    errno.ENOSPC,
    errno.EFBIG,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _internal_error(exc: BaseException, args: list[str], debug: bool) -> int:
    """The one line of an internal error (exit 3); the traceback only with --debug."""
    if debug:
        import traceback

        traceback.print_exc()
    # One line whatever the exception says; name the command that failed. The
    # interpreter's own English (a codec's complaint, a hint) is left to --debug.
    detail = " ".join(str(exc).split())
    if not _CJK.search(detail):
        detail = ""
    words = [a for a in args if not a.startswith("-")][:1]
    what = " ".join(["jianyian", *words])
    typer.echo(
        f"内部错误（{type(exc).__name__}：{detail or '无详细信息'}）：{what} 未能完成。"
        f"这是 jianyian 的缺陷，请加 {DEBUG_FLAG} 重新运行查看详细信息，并报告给维护人员。",
        err=True,
    )
    return 3
