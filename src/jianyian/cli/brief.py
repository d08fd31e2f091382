"""``jianyian brief``: the monthly briefing for the leading group's meeting: Markdown, Word, PDF."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..jobs.brief import BRIEF_FORMATS, brief_suffixes_text
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

#: ``--format`` choices: the formats the brief job can write.
BriefFormat = Enum("BriefFormat", {name: name for name in BRIEF_FORMATS}, type=str)


@app.command("brief", cls=JianyianCommand)
def brief_command(
    month: Annotated[
        str,
        typer.Option(
            "--month",
            help="简报月份（YYYY-MM），须在办理期内，如 2025-07。",
            show_default=False,
            metavar="YYYY-MM",
        ),
    ],
    root: RootOption = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=f"写入文件（原子写入，所在目录须已存在），格式按扩展名：{brief_suffixes_text()}；"
            "不指定则把 Markdown 输出到屏幕。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        BriefFormat | None,
        typer.Option(
            "--format",
            help=f"{'、'.join(BRIEF_FORMATS)}；不写时按 -o 的扩展名判断。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="-o 指定的文件已存在时覆盖它。")] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Markdown 简报使用指定的 Jinja 模板。默认依次查找项目的 templates/brief.md.j2、内置模板。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    note: Annotated[
        Path | None,
        typer.Option(
            "--note",
            help="按语：文本或 Markdown 文件，内容原样作为按语印在报头之后（代替 data/office/briefs/YYYY-MM.yaml 的 note）。",
            show_default=False,
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """生成领导小组会议的月度简报：报头、按语、总体情况、重点工作进展、存在问题、需市领导协调事项、下步工作、报送情况、信息选编，附件为主要指标完成情况、各单位报送情况、本月信息摘要和本月变化，末页为版记。

    按语和信息选编取自办公室的 data/office/briefs/YYYY-MM.yaml（note：按语；featured：全文刊登的信息，写报送文件路径），均可不写。

    简报讲 --month 这个月（M月）：M月的信息、存在问题和下步工作，指标取 1–M月累计值，对照 M/12 的序时进度。

    统计截至日 --as-of 默认为今天：只计入截至日及以前报送的文件（之后才报送的不算），截止、逾期和迟报按截至日判断；截至日早于 M月信息的报送截止日时，简报注明数据为初步统计。

    Word 版（.docx）按公文格式排版（A4、仿宋三号、红色报头、页码），含图表；.pdf 由 LibreOffice 转换。
    同样的数据和截至日，输出逐字节相同。模板中引用了未定义的名称时报错并指出模板行号，退出码为 1。

    示例：

      jianyian brief --month 2025-07 --as-of 2025-08-08

      jianyian brief --month 2025-07 -o 简报-2025年7月.docx

      jianyian brief --month 2025-07 --as-of 2025-08-06 -o 简报.md --force
    """
    from ..jobs import make_brief

    result = make_brief(
        resolve_root(root),
        month,
        as_of=parse_as_of(as_of),
        today=today(),
        output=output,
        fmt=fmt.value if fmt else None,
        force=force,
        template=template,
        note=note,
        out=live(),
    )
    finish(result)
