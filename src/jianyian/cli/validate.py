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
    finish,
    live,
    resolve_root,
    today,
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
    from ..jobs import validate_project

    fmt = Format(auto_github(fmt.value if fmt else None))
    finish(validate_project(resolve_root(root), fmt.value, today=today(), out=live()))


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
    from ..jobs import show_plan

    finish(show_plan(resolve_root(root), as_json=as_json, out=live()))
