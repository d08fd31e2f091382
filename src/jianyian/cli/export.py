"""``jianyian export``: the ledger (台账) as CSV or an Excel workbook."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import (
    AsOfOption,
    JianyianCommand,
    RootOption,
    app,
    finish,
    live,
    parse_as_of,
    resolve_root,
    today,
)


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


@app.command("export", cls=JianyianCommand)
def export_command(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="csv 或 xlsx。不写时按 -o 的扩展名（.csv、.xlsx）判断，默认 csv。",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="输出文件，扩展名为 .csv 或 .xlsx（其他扩展名报错），所在目录须已存在。"
            "xlsx 必须指定；csv 不指定时把台账表写到标准输出。",
            show_default=False,
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
    as_of: AsOfOption = None,
    root: RootOption = None,
) -> None:
    """导出台账（单位 × 指标 × 月份）、报送情况和事项台账（事项 × 月份），供 Excel 打开。

    台账：每行是一个单位某月的一项指标。“本单位当月累计值”取该单位当月月报中的数值（没有则空）；“指标当前值、指标完成率、序时进度、灯”是该指标（sum 指标为各报送单位之和）截至当月月末的情况，即办公室当时看到的数，不是本单位占目标的比例；--as-of 所在月份按 --as-of 当天计算。

    报送情况：每行是一项应报事项（月度信息到 --as-of 所在月份为止，以及全部一次性事项），列出截止日期、报送日期、状态（按时／迟报／逾期未报／未到期／文件有错误）和迟报或逾期天数。

    事项台账：每行是一个事项的一个月：牵头单位当月月报的状态和进展情况，以及该月最后一天（--as-of 所在月份为当天）事项的状态和灯（与 jianyian status 同一口径）。

    xlsx：一个工作簿三张表（台账、报送情况、事项台账），首行冻结并可筛选，数字和日期按数值保存，灯和状态以底色标出；用 openpyxl 生成（随 jianyian 一起安装；缺少时运行 pip install 'jianyian[xlsx]'），必须用 -o 指定文件。

    csv：UTF-8 带 BOM，Excel 可直接打开；-o 台账.csv 时报送情况另写到 台账-deliverables.csv，事项台账写到 台账-actions.csv；不加 -o 时只把台账表写到标准输出。

    已有文件不覆盖，除非加 --force。同样的数据和 --as-of 导出的文件逐字节相同。

    示例：

      jianyian export -o 台账.xlsx --as-of 2025-07-31

      jianyian export --format csv -o 台账.csv

      jianyian export > 台账.csv
    """
    from ..jobs import export_ledger

    result = export_ledger(
        resolve_root(root),
        as_of=parse_as_of(as_of),
        today=today(),
        output=output,
        fmt=fmt.value if fmt else None,
        force=force,
        out=live(),
    )
    finish(result)
