"""Setting up a plan: ``jianyian init`` (a new project) and ``jianyian draft`` (from the notice)."""

from pathlib import Path
from typing import Annotated

import typer

from .app import JianyianCommand, app, finish, live, today

NoticeArgument = Annotated[
    Path,
    typer.Argument(help="通知原文（.txt，UTF-8 或 GB18030 编码，繁体亦可）。", show_default=False),
]


@app.command("draft", cls=JianyianCommand)
def draft_command(
    notice: NoticeArgument,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="写入的文件，如 data/targets.yaml；不填则输出到屏幕。"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
) -> None:
    """从办理工作方案通知原文起草计划（data/targets.yaml）。

    读出通知的标题、印发单位和日期，各项任务及其牵头单位、责任单位，任务中的数量目标，
    工作安排的阶段和报送事项。每一项旁注明出自通知第几行并标“待确认”；读不懂的内容保留在原文中，
    并在屏幕上给出警告（通知.txt:行号: warning: …）。起草结果可以直接通过 jianyian validate。

    示例：

      jianyian draft 通知.txt -o data/targets.yaml

      jianyian draft 通知.txt -o data/targets.yaml --force

      jianyian draft 通知.txt > 草稿.yaml
    """
    from ..jobs import draft_notice

    finish(draft_notice(notice, output=output, force=force, out=live()))


@app.command("init", cls=JianyianCommand)
def init_command(
    folder: Annotated[
        Path, typer.Argument(help="新方案的目录（不存在或为空）。", show_default=False)
    ],
    notice: Annotated[
        Path | None,
        typer.Option(
            "--notice", help="通知原文：由它起草 data/targets.yaml（同 jianyian draft）。"
        ),
    ] = None,
) -> None:
    """新建一个方案目录：计划文件、报送目录说明、模板目录、git 仓库和检查配置。

    创建 data/targets.yaml（最小示例，或用 --notice 从通知起草）、data/reports/README.md、
    templates/、.gitignore、.pre-commit-config.yaml、.github/workflows/jianyian.yml，
    然后 git init 并完成第一次提交。目录已有内容时拒绝创建。

    示例：

      jianyian init 新方案 --notice 通知.txt

      cd 新方案 && jianyian validate
    """
    from ..jobs import start_project

    # Without a notice, the clock only picks the example's year; the user rewrites the dates.
    finish(start_project(folder, year=today().year, notice=notice, out=live()))
