"""``jianyian dashboard``: the progress page, one self-contained HTML file for offline reading."""

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


@app.command("dashboard", cls=JianyianCommand)
def dashboard_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="写入的 HTML 文件（扩展名 .html 或 .htm，原子写入）。",
            show_default=False,
            dir_okay=False,
        ),
    ],
    root: RootOption = None,
    as_of: AsOfOption = None,
    force: Annotated[bool, typer.Option("--force", help="-o 指定的文件已存在时覆盖它。")] = False,
) -> None:
    """生成进度看板：一个独立的 HTML 文件，断网可用，可直接双击打开、邮件转发和打印（A4）。

    内容：总览（总体情况一句话、红黄绿灯个数、序时进度、需要关注的指标和逾期未报的单位），
    各项指标（目标、累计值、完成率、序时进度、逐月走势图），各项任务（牵头和责任单位、指标、
    各状态的事项数和事项清单（逾期的在前）、各单位最新信息标题，可按单位筛选），单位 × 月份报送情况表（可按单位和类别筛选），页脚注明数据版本（git 提交）
    和统计截至日。数字与 status、brief 相同；同样的数据和截至日，文件逐字节相同。
    本机没有中文字体时不画图表（页面和屏幕上都会说明）。

    示例：

      jianyian dashboard -o 进度.html

      jianyian dashboard --as-of 2025-08-10 -o 进度-2025年8月10日.html --force
    """
    from ..jobs import make_dashboard

    day = parse_as_of(as_of)
    result = make_dashboard(
        resolve_root(root), output, as_of=day, today=today(), force=force, out=live()
    )
    finish(result)
