"""``jianyian export``: the ledger (台账) as CSV or an Excel workbook."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .app import (
    AsOfOption,
    JianyianCommand,
    RootOption,
    app,
    check_output_path,
    load_progress,
    parse_as_of,
    resolve_root,
    today,
)

DELIVERABLES_SUFFIX = "-deliverables"


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


def deliverables_path(path: Path) -> Path:
    """Where the CSV deliverables table goes next to ``path``: ledger.csv → ledger-deliverables.csv."""
    return path.with_name(f"{path.stem}{DELIVERABLES_SUFFIX}{path.suffix or '.csv'}")


def _pick_format(fmt: ExportFormat | None, output: Path | None) -> ExportFormat:
    """``--format``, else the output's extension, else csv; a contradiction is a usage error."""
    suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
    implied = {".csv": ExportFormat.csv, ".xlsx": ExportFormat.xlsx}.get(suffix)
    if suffix and implied is None:
        # `-o 台账.docx` would otherwise be CSV under a name Word refuses to open.
        raise UsageError(f"不能导出为 {output}：台账只能导出为 .csv 或 .xlsx（如 -o 台账.xlsx）")
    if fmt is None:
        return implied or ExportFormat.csv
    if implied is not None and implied is not fmt:
        raise UsageError(f"--format {fmt.value} 与输出文件 {output} 的扩展名不符")
    return fmt


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
    """导出台账（单位 × 指标 × 月份）和报送情况，供 Excel 打开。

    台账：每行是一个单位某月的一项指标。“本单位当月累计值”取该单位当月月报中的数值（没有则空）；“指标当前值、指标完成率、序时进度、灯”是该指标（sum 指标为各报送单位之和）截至当月月末的情况，即办公室当时看到的数，不是本单位占目标的比例；--as-of 所在月份按 --as-of 当天计算。

    报送情况：每行是一项应报事项（月度信息到 --as-of 所在月份为止，以及全部一次性事项），列出截止日期、报送日期、状态（按时／迟报／逾期未报／未到期／文件有错误）和迟报或逾期天数。

    xlsx：一个工作簿两张表（台账、报送情况），首行冻结并可筛选，数字和日期按数值保存，灯和状态以底色标出；用 openpyxl 生成（随 jianyian 一起安装；缺少时运行 pip install 'jianyian[xlsx]'），必须用 -o 指定文件。

    csv：UTF-8 带 BOM，Excel 可直接打开；-o 台账.csv 时报送情况另写到 台账-deliverables.csv；不加 -o 时只把台账表写到标准输出。

    已有文件不覆盖，除非加 --force。同样的数据和 --as-of 导出的文件逐字节相同。

    示例：

      jianyian export -o 台账.xlsx --as-of 2025-07-31

      jianyian export --format csv -o 台账.csv

      jianyian export > 台账.csv
    """
    chosen = _pick_format(fmt, output)
    check_output_path(output)
    to_stdout = output is None or str(output) == "-"
    if chosen is ExportFormat.xlsx:
        if to_stdout:
            raise UsageError("xlsx 是二进制文件，不能写到终端：请用 -o 指定文件，如 -o 台账.xlsx")
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise UsageError(
                "导出 xlsx 需要 openpyxl（通常随 jianyian 一起安装）：请运行 pip install openpyxl"
                "（或 pip install 'jianyian[xlsx]'），或改用 --format csv"
            ) from None

    from ..render.tables import render_csv, render_ledger_xlsx
    from ..views.ledger import DELIVERABLE_COLUMNS, LEDGER_COLUMNS, build_ledger
    from ..write.fileio import OverwriteRefused, write_bytes_atomic, write_files_atomic

    day = parse_as_of(as_of)
    if not to_stdout:
        assert output is not None
        targets = [output] if chosen is ExportFormat.xlsx else [output, deliverables_path(output)]
        existing = [p for p in targets if p.exists()]
        if existing and not force:
            # Check every target first, so a refusal writes nothing.
            raise OverwriteRefused("、".join(str(p) for p in existing))
    project, progress = load_progress(resolve_root(root), day, today())
    ledger = build_ledger(
        project.checked_plan,
        project.reports,
        progress,
        project.unreadable_periods(),
        project.submitted,
    )
    if project.errors:
        typer.echo(
            f"注意：数据有 {project.errors} 个错误，有错误的报送文件未计入"
            "（台账“说明”和报送情况“状态”中已标出）。运行 jianyian validate 查看详情。",
            err=True,
        )
    if to_stdout:
        typer.echo(render_csv(LEDGER_COLUMNS, ledger.rows), nl=False)
        return
    assert output is not None
    if chosen is ExportFormat.xlsx:
        write_bytes_atomic(output, render_ledger_xlsx(ledger), force=force)
        typer.echo(
            f"已写入 {output}（台账 {len(ledger.rows)} 行，报送情况 {len(ledger.deliverables)} 行）"
        )
        return
    second = deliverables_path(output)
    files = {
        output: render_csv(LEDGER_COLUMNS, ledger.rows),
        second: render_csv(DELIVERABLE_COLUMNS, ledger.deliverables),
    }
    write_files_atomic(files, force=force)  # both or neither
    typer.echo(f"已写入 {output}（台账 {len(ledger.rows)} 行）")
    typer.echo(f"已写入 {second}（报送情况 {len(ledger.deliverables)} 行）")
