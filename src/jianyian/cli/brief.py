"""``jianyian brief``: the monthly briefing for the leading group's meeting: Markdown, Word, PDF."""

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
    parse_as_of,
    resolve_root,
    today,
    warn_history,
)


def parse_month(value: str) -> str:
    """``--month``: ``YYYY-MM`` or a usage error."""
    from ..models import MONTH_RE

    if not MONTH_RE.fullmatch(value):
        raise UsageError(f"--month 的值“{value}”不是有效月份，应写作 YYYY-MM，如 2025-07")
    return value


class BriefFormat(str, Enum):
    md = "md"
    docx = "docx"
    pdf = "pdf"


SUFFIXES = {
    ".md": BriefFormat.md,
    ".markdown": BriefFormat.md,
    ".docx": BriefFormat.docx,
    ".pdf": BriefFormat.pdf,
}


def pick_format(fmt: BriefFormat | None, output: Path | None) -> BriefFormat:
    """``--format``, else the output's extension, else Markdown; a mismatch is a usage error."""
    implied = None
    if output is not None:
        implied = SUFFIXES.get(output.suffix.lower())
        if implied is None:
            raise UsageError(
                f"-o {output}：不认识的扩展名“{output.suffix or '（无）'}”，"
                "简报可写成 .md、.docx 或 .pdf"
            )
    if fmt is None:
        return implied or BriefFormat.md
    if implied is not None and implied is not fmt:
        raise UsageError(f"--format {fmt.value} 与输出文件 {output} 的扩展名不符")
    return fmt


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
            help="写入文件（原子写入，所在目录须已存在），格式按扩展名：.md、.docx（Word）、"
            ".pdf（需 LibreOffice）；不指定则把 Markdown 输出到屏幕。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        BriefFormat | None,
        typer.Option(
            "--format", help="md、docx 或 pdf；不写时按 -o 的扩展名判断。", show_default=False
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
) -> None:
    """生成领导小组会议的月度简报：报头、总体情况（例外事项在前）、主要指标、各项任务、存在问题、下步工作、报送情况，附件为各单位报送情况、本月信息摘要和本月变化。

    简报讲 --month 这个月（M月）：M月的信息、存在问题和下步工作，指标取 1–M月累计值，对照 M/12 的序时进度。

    统计截至日 --as-of 默认为今天：只计入截至日及以前报送的文件（之后才报送的不算），截止、逾期和迟报按截至日判断；截至日早于 M月信息的报送截止日时，简报注明数据为初步统计。

    Word 版（.docx）按公文格式排版（A4、仿宋三号、红色报头、页码），含图表；.pdf 由 LibreOffice 转换。
    同样的数据和截至日，输出逐字节相同。模板中引用了未定义的名称时报错并指出模板行号，退出码为 1。

    示例：

      jianyian brief --month 2025-07 --as-of 2025-08-08

      jianyian brief --month 2025-07 -o 简报-2025年7月.docx

      jianyian brief --month 2025-07 --as-of 2025-08-06 -o 简报.md --force
    """
    from ..checks import check_project
    from ..fmt import fmt_month
    from ..load import load_with_history
    from ..views.brief import build_brief

    month = parse_month(month)
    check_output_path(output)
    chosen = pick_format(fmt, output)
    if chosen is not BriefFormat.md and output is None:
        raise UsageError(
            f"{chosen.value} 是二进制文件，不能写到终端：请用 -o 指定文件，如 -o 简报.{chosen.value}"
        )
    project_root = resolve_root(root)
    templates = None
    if chosen is BriefFormat.md:
        from ..load.templates import find_template, load_template_set

        templates = load_template_set(find_template(project_root, template), project_root)
    now = today()
    project = check_project(load_with_history(project_root, now, want_head=True), today=now)
    warn_history(project)
    plan = project.checked_plan
    if month not in plan.months:
        raise UsageError(
            f"--month {month} 不在办理期内（{fmt_month(plan.months[0])}至{fmt_month(plan.months[-1])}）"
        )
    view = build_brief(
        plan,
        project.reports,
        project.submitted,
        month,
        parse_as_of(as_of),
        head=project.head,
        unreadable=project.unreadable_periods(),
        data_errors=project.errors,
        history_note="；".join(project.history_warnings) or None,
        confirmations=project.confirmations,
    )
    if templates is not None:
        from ..render.markdown import render_template

        text = render_template(templates, view._asdict())
        if output is None:
            typer.echo(text, nl=False)
            return
        data = text.encode("utf-8")
    else:
        data = render_word(view, pdf=chosen is BriefFormat.pdf)
    from ..write.fileio import write_bytes_atomic

    assert output is not None
    write_bytes_atomic(output, data, force=force)
    typer.echo(f"简报已写入 {output}", err=True)


def render_word(view, *, pdf: bool) -> bytes:
    """The briefing as a Word file (or its PDF), charts included where a CJK font exists."""
    from ..render.brief_document import brief_document, draw_charts
    from ..render.docx import render_docx

    charts = draw_charts(view)
    if charts.missing:
        typer.echo(f"警告：{charts.missing}", err=True)
    data = render_docx(brief_document(view, charts))
    if pdf:
        from ..write.pdf import docx_to_pdf

        data = docx_to_pdf(data)
    return data
