"""``jianyian validate`` and ``jianyian plan``: the data checked, the plan shown."""

from enum import Enum
from typing import Annotated

import typer

from .app import (
    JianyianCommand,
    JsonOption,
    RootOption,
    app,
    auto_github,
    load_checked,
    resolve_root,
)


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    markdown = "markdown"


@app.command("validate", cls=JianyianCommand)
def validate_command(
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
    from ..render.diagnostics import format_github, format_text, summary_line, to_json

    project = load_checked(resolve_root(root))
    fmt = Format(auto_github(fmt.value if fmt else None))
    if fmt is Format.json:
        typer.echo(to_json(project.diagnostics, project.files))
    elif fmt is Format.markdown:
        from ..render.diagnostics import to_markdown

        typer.echo(to_markdown(project.diagnostics, project.files), nl=False)
    else:
        line = format_github if fmt is Format.github else format_text
        for d in project.diagnostics:
            typer.echo(line(d))
        typer.echo(summary_line(project.diagnostics, project.files), err=fmt is Format.github)
    raise typer.Exit(0 if project.ok else 1)


@app.command("plan", cls=JianyianCommand)
def plan_command(
    root: RootOption = None,
    as_json: JsonOption = False,
) -> None:
    """显示办理工作方案：工作目标、任务与指标、报送事项和截止日期、单位组，以及各单位的标识。

    单位标识用于 --unit 和月报的 unit: 字段（--unit 也可以写全称或简称）。

    示例：

      jianyian plan

      jianyian plan --json > plan.json
    """
    from ..checks import check_plan_source
    from ..load import load_plan
    from ..render.diagnostics import format_text
    from ..render.json_text import dumps_json
    from ..views.plan import plan_view

    the_plan, source, read = load_plan(resolve_root(root))
    diags = check_plan_source(the_plan, source, read)
    for d in diags:
        if d.severity == "error":
            typer.echo(format_text(d), err=True)
    if the_plan is None:
        typer.echo("计划文件有错误，无法显示。运行 jianyian validate 查看全部问题。", err=True)
        raise typer.Exit(1)
    view = plan_view(the_plan)
    if as_json:
        typer.echo(dumps_json(view))
    else:
        from ..render.terminal import make_console
        from ..render.terminal_plan import render_plan

        render_plan(make_console(), view)
    if any(d.severity == "error" for d in diags):
        typer.echo("计划文件有错误（见上），运行 jianyian validate 查看全部问题。", err=True)
        raise typer.Exit(1)
