"""``jianyian brief``: the monthly briefing for the leading group's meeting, in Markdown."""

from datetime import date
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
    warn_history,
)


def parse_month(value: str) -> str:
    """``--month``: ``YYYY-MM`` or a usage error."""
    from ..models import MONTH_RE

    if not MONTH_RE.match(value):
        raise UsageError(f"--month 的值“{value}”不是有效月份，应写作 YYYY-MM，如 2025-07")
    return value


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
            help="写入文件（原子写入，所在目录须已存在）；不指定则输出到屏幕。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="-o 指定的文件已存在时覆盖它。")] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="使用指定的 Jinja 模板。默认依次查找项目的 templates/brief.md.j2、内置模板。",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """生成领导小组会议的月度简报（Markdown）：报头、总体情况、指标、任务、问题、下步工作、报送情况和附件。

    简报讲 --month 这个月（M月）：M月的信息、存在问题和下步工作，指标取 1–M月累计值，对照 M/12 的序时进度。

    统计截至日 --as-of 默认为今天：只计入截至日及以前报送的文件（之后才报送的不算），截止、逾期和迟报按截至日判断；截至日早于 M月信息的报送截止日时，简报注明数据为初步情况。

    同样的数据和截至日，输出逐字节相同。模板中引用了未定义的名称时报错并指出模板行号，退出码为 1。

    示例：

      jianyian brief --month 2025-07

      jianyian brief --month 2025-07 -o 简报-2025年7月.md

      jianyian brief --month 2025-07 --as-of 2025-08-06 -o 简报.md --force
    """
    from ..checks import check_project
    from ..fmt import fmt_month
    from ..load import load_with_history
    from ..load.templates import find_template, load_template_set
    from ..render.markdown import render_template
    from ..views.brief import build_brief

    month = parse_month(month)
    check_output_path(output)
    project_root = resolve_root(root)
    templates = load_template_set(find_template(project_root, template), project_root)
    today = date.today()
    project = check_project(load_with_history(project_root, today, want_head=True), today=today)
    warn_history(project)
    plan = project.checked_plan
    if month not in plan.months:
        raise UsageError(
            f"--month {month} 不在办理期内（{fmt_month(plan.months[0])}至{fmt_month(plan.months[-1])}）"
        )
    day = parse_as_of(as_of)
    view = build_brief(
        plan,
        project.reports,
        project.submitted,
        month,
        day,
        head=project.head,
        unreadable=project.unreadable_periods(),
        data_errors=project.errors,
        history_note="；".join(project.history_warnings) or None,
    )
    text = render_template(templates, view._asdict())
    if output is None:
        typer.echo(text, nl=False)
        return
    from ..write.fileio import write_text_atomic

    write_text_atomic(output, text, force=force)
    typer.echo(f"简报已写入 {output}", err=True)
