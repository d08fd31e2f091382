"""``jianyian form`` and ``jianyian import``: Excel fill-in forms out, reports in.

Thin like every command: the jobs are :func:`jianyian.jobs.make_forms` and
:func:`jianyian.jobs.import_forms`.
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
    parse_as_of,
    parse_date_option,
    resolve_root,
    today,
)

# ---------------------------------------------------------------- form


@app.command("form", cls=JianyianCommand)
def form_command(
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="输出文件（.xlsx）；加 --all 时为已存在的目录，每个单位一个文件。",
            show_default=False,
            metavar="FILE|DIR",
        ),
    ],
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="单位：标识（jxj）、全称（市经信局）或简称（经信局）。",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", help="所报月份 YYYY-MM，如 2025-08。", metavar="YYYY-MM", show_default=False
        ),
    ] = None,
    deliverable: DeliverableOption = None,
    all_units: Annotated[
        bool, typer.Option("--all", help="为应报送该期的每个单位各生成一份，写到 -o 目录。")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="记入表格文档属性的日期（YYYY-MM-DD），默认今天。",
            show_default=False,
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """生成 Excel 填报表，发给联络员填写后用 jianyian import 导入。

    表格只有一张可填写的工作表：本单位报送的每项指标一行（指标名称、计量单位、目标、上次填报值），只有浅黄色的填写单元格未锁定；数值单元格只接受不小于 0 的数字；牵头的无量化指标任务用下拉框选择进展状态（未启动／推进中／已完成）；牵头的每个事项一行（完成时限、上次状态），用下拉框选择本次状态，并在旁边写进展情况（报“已完成”时必填）；下面是信息标题、信息正文、存在问题、下步工作（每行一条）。工作表已保护（无密码），按 A4 纸一页打印。

    方案、单位、所报期间和表格版本记在文档属性和隐藏表中，导入时据此识别。同样的数据和 --as-of 生成的文件逐字节相同。

    --all：为应报送该期的每个单位各写一份到 -o 目录（目录须已存在），文件名为 <单位简称>-<YYYY-MM>.xlsx；任一文件已存在且未加 --force 时一份也不写。

    示例：

      jianyian form --unit 经信局 --month 2025-08 -o 经信局-2025-08.xlsx

      jianyian form --month 2025-08 --all -o 表格/

      jianyian form --unit 经信局 --deliverable 上半年小结 -o 经信局-上半年小结.xlsx
    """
    from ..jobs import make_forms

    result = make_forms(
        resolve_root(root),
        output,
        as_of=parse_as_of(as_of),
        today=today(),
        unit=unit,
        all_units=all_units,
        month=month,
        deliverable=deliverable,
        force=force,
        out=live(),
    )
    finish(result)


# ---------------------------------------------------------------- import


@app.command("import", cls=JianyianCommand)
def import_command(
    names: Annotated[
        list[str],
        typer.Argument(
            help="填好的填报表（.xlsx，也可以是 .xls、.et、.ods），可以一次导入多份。",
            metavar="表格文件",
            show_default=False,
        ),
    ],
    submitted: Annotated[
        str | None,
        typer.Option(
            "--submitted",
            help="报送日期 YYYY-MM-DD（收到表格的日期），写入 submitted:；"
            "不写时按 git 首次提交该文件的日期计。",
            metavar="YYYY-MM-DD",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="报送文件已存在时覆盖（逐项列出改动的数值）。"),
    ] = False,
    root: RootOption = None,
) -> None:
    """把填好的 Excel 填报表导入为报送文件 data/reports/<单位>/<期间>.yaml。

    每份表格先逐个单元格读取：全角数字（１２）、千分位（1,234）、以文本保存的数字和多余空格照常读取；数字后带本指标的计量单位（12个）时照常读取并给出警告；其他内容（大约十个、12-15）报错并指出单元格，如 经信局-2025-08.xlsx!F7。再按 jianyian validate 的全部规则检查，没有错误才写入。

    有错误的表格不写入任何内容，其他表格照常导入；有任何一份未导入时退出码为 1。其他方案的表格、版本不符或版式被改动的表格拒绝导入。已有报送文件不覆盖，除非加 --force（逐项显示旧值 → 新值）。

    示例：

      jianyian import 经信局-2025-08.xlsx --submitted 2025-09-03

      jianyian import 表格/*.xlsx

      jianyian import 经信局-2025-08.xlsx --force
    """
    from ..jobs import import_forms

    day = parse_date_option("--submitted", submitted) if submitted is not None else None
    files = [Path(n) for n in names]
    result = import_forms(
        resolve_root(root), files, today=today(), submitted=day, force=force, out=live()
    )
    finish(result)
