"""The office's own commands: ``confirm`` (销号 of an action, or its withdrawal)."""

from typing import Annotated

import typer

from .app import (
    JianyianCommand,
    RootOption,
    app,
    finish,
    live,
    parse_date_option,
    resolve_root,
    today,
)


@app.command("confirm", cls=JianyianCommand)
def confirm_command(
    action: Annotated[
        str,
        typer.Argument(help="事项标识，如 t1-1-2（见 jianyian plan）。", show_default=False),
    ],
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="销号（或撤销）的日期 YYYY-MM-DD，默认今天。", show_default=False
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help="说明：核实情况、依据的文件。", show_default=False),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="撤销此前的销号（须同时写 --why）。")
    ] = False,
    why: Annotated[
        str | None, typer.Option("--why", help="撤销的原因。", show_default=False)
    ] = None,
    root: RootOption = None,
) -> None:
    """领导小组办公室为已完成的事项销号，或撤销销号；记入 data/office/confirmations.yaml。

    只能为牵头单位已在月报中报“已完成”（截至销号日期已报送）的事项销号；销号前事项为“待确认”。撤销不删除原记录，而是追加一条带原因的撤销记录。写入前按 jianyian validate 的规则检查，有错误时不写入任何内容，退出码为 1。

    示例：

      jianyian confirm t1-1-2 --note 已核实国家人工智能创新应用先导区批复文件

      jianyian confirm t1-1-2 --date 2025-08-05

      jianyian confirm t1-1-2 --undo --why 批复范围与方案不一致，退回补充材料
    """
    from ..jobs import record_confirmation

    result = record_confirmation(
        resolve_root(root),
        action,
        today=today(),
        day=parse_date_option("--date", day) if day is not None else None,
        note=note,
        undo=undo,
        why=why,
        out=live(),
    )
    finish(result)
