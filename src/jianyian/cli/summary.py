"""``jianyian summary``: the office's own deliverables, drafted (issue 28)."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..jobs.summary import SUMMARY_FORMATS, summary_suffixes_text
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

#: ``--format`` choices: the formats the summary job can write.
SummaryFormat = Enum("SummaryFormat", {name: name for name in SUMMARY_FORMATS}, type=str)


@app.command("summary", cls=JianyianCommand)
def summary_command(
    half: Annotated[
        str | None,
        typer.Option(
            "--half", help="半年总结：如 2025H1（上半年）。", show_default=False, metavar="YYYYH1"
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="年度总结：如 2025。", show_default=False, metavar="YYYY"),
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="写给谁：市政协（办理情况报告：办理工作开展情况、主要成效、下步打算）。"
            "不写时为办公室的工作总结。",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=f"写入文件（原子写入，所在目录须已存在），格式按扩展名：{summary_suffixes_text()}；"
            "不指定则把 Markdown 输出到屏幕。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--format",
            help=f"{'、'.join(SUMMARY_FORMATS)}；不写时按 -o 的扩展名判断。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="-o 指定的文件已存在时覆盖它。")] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Markdown 版使用指定的 Jinja 模板。默认依次查找项目的 templates/summary.md.j2、内置模板。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """起草办公室自己的材料：全市半年工作总结、全市办理工作总结，或向市政协的办理情况报告（草稿，供修改）。

    数字取自与 status 相同的计算，数据截至这一期的最后一个月（上半年为6月）；各单位小结、总结的文字按任务汇编，
    每段括注报送单位，写法相同的合并；并列出未报送小结的单位。不写任何单位文字和数字以外的内容。

    总结：一、总体进展；二、主要做法和成效（按任务）；三、存在的问题；四、下步工作打算；附件为任务落实情况表和指标完成情况表。
    --for 市政协：办理工作开展情况、主要成效（含满意度测评）、下步打算。年度总结也引用满意度测评。

    Word 版（.docx）按公文格式排版，文件属性注明“草稿，供修改”；.pdf 由 LibreOffice 转换。同样的数据和截至日，输出逐字节相同。

    示例：

      jianyian summary --half 2025H1 --as-of 2025-07-15 -o 半年总结.docx

      jianyian summary --year 2025 -o 办理工作总结.md

      jianyian summary --year 2025 --for 市政协 -o 办理情况报告.docx
    """
    from ..jobs import make_summary

    result = make_summary(
        resolve_root(root),
        half=half,
        year=year,
        audience=audience,
        as_of=parse_as_of(as_of),
        today=today(),
        output=output,
        fmt=fmt.value if fmt else None,
        force=force,
        template=template,
        out=live(),
    )
    finish(result)
