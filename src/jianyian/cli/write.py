"""Commands that write files: ``new``, ``set``, ``schema``, ``codeowners``.

Thin like every command: parse options, call one job (:mod:`jianyian.jobs.write`),
pick the exit code. Heavy imports stay inside the commands.
"""

from pathlib import Path
from typing import Annotated

import typer

from .app import (
    DeliverableOption,
    JianyianCommand,
    RootOption,
    app,
    finish,
    live,
    resolve_root,
    today,
)

UnitOption = Annotated[
    str,
    typer.Option(
        "--unit", help="单位：标识（jxj）、全称（市经信局）或简称（经信局）。", show_default=False
    ),
]
MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month", help="所报月份 YYYY-MM，如 2025-08。", metavar="YYYY-MM", show_default=False
    ),
]


# ---------------------------------------------------------------- new


@app.command("new", cls=JianyianCommand)
def new_command(
    unit: UnitOption,
    month: MonthOption = None,
    deliverable: DeliverableOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="文件已存在时用新模板覆盖（原内容会丢失）。")
    ] = False,
    root: RootOption = None,
) -> None:
    """新建报送文件（月报或小结、总结），只含本单位的指标。

    文件带中文注释，指标的起始值取自本单位上一份月报。

    月报写到 data/reports/<单位标识>/<YYYY-MM>.yaml；办理方案、小结、总结用 --deliverable。
    文件已存在时不覆盖（除非加 --force）。新文件可以直接通过 jianyian validate（只有一条警告：信息正文仍是“（待填写）”占位文字）；再用 jianyian set 填写指标，把信息的标题和正文改为实际内容。

    示例：

      jianyian new --unit 经信局 --month 2025-08

      jianyian new --unit 经信局 --deliverable 上半年小结
    """
    from ..jobs import new_report

    result = new_report(
        resolve_root(root),
        unit,
        today=today(),
        month=month,
        deliverable=deliverable,
        force=force,
        out=live(),
    )
    finish(result)


# ---------------------------------------------------------------- set


@app.command("set", cls=JianyianCommand)
def set_command(
    assignments: Annotated[
        list[str],
        typer.Argument(
            help="要修改的值，写作 指标标识=数值（如 ai-models=9）；无量化指标的任务写作 任务标识=状态（如 t2-3=已完成）。",
            metavar="指标=数值",
            show_default=False,
        ),
    ],
    unit: UnitOption,
    month: Annotated[
        str,
        typer.Option(
            "--month", help="所报月份 YYYY-MM，如 2025-08。", metavar="YYYY-MM", show_default=False
        ),
    ],
    root: RootOption = None,
) -> None:
    """修改月报中的指标值，保留注释、顺序和格式；先检查，通过后才写入。

    数值可以用全角数字（１２），写入文件的是半角数字，提示中显示的也是写入的值；写入后，该指标注释中的“首次填报，请改为实际数值”随之删去。

    写成 {value: 12, note: 说明} 的指标只改数值，说明保留。修改后的文件有错误时
    （未知指标、不是数字、指标不由本单位报送……）不写入任何内容，列出问题，退出码为 1。

    示例：

      jianyian set --unit 经信局 --month 2025-08 ai-models=9 pilot-platforms=12

      jianyian set --unit fgw --month 2025-08 t2-3=已完成
    """
    from ..jobs import set_values

    result = set_values(
        resolve_root(root), assignments, unit=unit, month=month, today=today(), out=live()
    )
    finish(result)


# ---------------------------------------------------------------- schema


@app.command("schema", cls=JianyianCommand)
def schema_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写到哪个目录（在已有的目录中创建），默认项目目录下的 schemas/。",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="已有文件内容不同时覆盖（更新模型后重新生成）。")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查已有文件是否最新，不写入；过期时退出码为 1。"),
    ] = False,
    root: RootOption = None,
) -> None:
    """生成 JSON Schema：targets.schema.json（方案）、report.schema.json（月报、小结、总结）、confirmations.schema.json（办公室的销号记录）、evaluation.schema.json（满意度测评），以及 duban.schema.json、meeting.schema.json、duban-reply.schema.json（督办事项、会议纪要、督办反馈）。

    编辑器（如装了 YAML 插件的 VS Code）用它们在输入时提示字段、显示中文说明并检查格式；jianyian new 生成的文件第一行已指向 schemas/report.schema.json。
    内容没有变化的文件不重写；内容不同时需加 --force 才覆盖。

    示例：

      jianyian schema

      jianyian schema --force

      jianyian schema -o build/schemas --check
    """
    from ..jobs import write_schemas
    from ..load import SCHEMA_DIR

    shown_from = resolve_root(root) if out is None else Path.cwd().resolve()
    folder = out if out is not None else shown_from / SCHEMA_DIR
    finish(write_schemas(folder, shown_from=shown_from, force=force, check=check, out=live()))


# ---------------------------------------------------------------- codeowners


@app.command("codeowners", cls=JianyianCommand)
def codeowners_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写到哪个文件（所在目录须已存在），默认项目目录下的 .github/CODEOWNERS。",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    office_owner: Annotated[
        str | None,
        typer.Option(
            "--office-owner",
            help="办公室的 GitHub 团队或账号（如 @org/office），与计划中办公室工作人员的邮箱一起"
            "作为 data/ 的负责人。两者都没有时写入占位的 @office（文件中有注释提醒）。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="已有文件内容不同时覆盖（联络员变动后重新生成）。")
    ] = False,
    root: RootOption = None,
) -> None:
    """生成 CODEOWNERS：各单位报送目录归本单位联络员和办公室。

    联络员和办公室工作人员的邮箱取自 data/targets.yaml。

    data/targets.yaml 和 data/ 下其他内容归领导小组办公室；尚未填写联络员的单位由办公室负责，不会有无人负责的目录。内容没有变化时不重写；内容不同时需加 --force 才覆盖。

    示例：

      jianyian codeowners

      jianyian codeowners --office-owner @wuhan-fgw/office --force
    """
    from ..jobs import write_codeowners

    result = write_codeowners(
        resolve_root(root), output=out, office_owner=office_owner, force=force, out=live()
    )
    finish(result)
