"""``jianyian duban``: the office's 督办 items — open, close, reopen, list, reply."""

from typing import Annotated

import typer

from .app import (
    AsOfOption,
    JianyianCommand,
    JsonOption,
    RootOption,
    app,
    finish,
    live,
    parse_as_of,
    parse_date_option,
    resolve_root,
    today,
)
from .help import JianyianGroup

duban_app = typer.Typer(
    name="duban",
    cls=JianyianGroup,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "督办事项：领导小组办公室交办（open）、单位反馈（reply）、办公室销号（close）或重新督办（reopen），"
        "list 查看。事项记在 data/office/duban/，会议纪要在 data/office/meetings/。\n\n"
        "反馈时限遇周末和节假日顺延；由牵头单位汇总反馈；逾期未反馈超过计划 settings.duban_escalate_after 天"
        "（默认 10 天）升级一档。每条写入的命令都可用 --date 写实际发生的日期（默认今天），"
        "写入前按 jianyian validate 的规则检查，有错误时不写入任何内容，退出码为 1；用法错误退出码为 2。\n\n"
        "示例：\n\n"
        "\b\n"
        "  jianyian duban open --meeting 2025-07-15 --date 2025-07-16\n"
        '  jianyian duban reply DB-2025-007 "已形成用地需求清单并报送" --unit 经信局 --done\n'
        "  jianyian duban close DB-2025-007 --note 已核实用地需求清单\n"
        "  jianyian duban list --open"
    ),
)
app.add_typer(duban_app)

DateOption = Annotated[
    str | None,
    typer.Option("--date", help="发生的日期 YYYY-MM-DD，默认今天。", show_default=False),
]
ItemArgument = Annotated[
    str,
    typer.Argument(help="督办编号，如 DB-2025-007（见 jianyian duban list）。", show_default=False),
]


def _date(option: str, value: str | None):
    return parse_date_option(option, value) if value is not None else None


@duban_app.command("open", cls=JianyianCommand)
def open_command(
    text: Annotated[str | None, typer.Argument(help="督办内容。", show_default=False)] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            help="承办单位（标识、全称或简称），可写多次，牵头单位在前。",
            show_default=False,
        ),
    ] = None,
    reply_by: Annotated[
        str | None, typer.Option("--reply-by", help="反馈时限 YYYY-MM-DD。", show_default=False)
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="来源：会议／批示／问题／其他（默认其他）。", show_default=False
        ),
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="来源依据，如批示文号。", show_default=False)
    ] = None,
    level: Annotated[
        str | None,
        typer.Option("--level", help="督办等级：红／黄／蓝（默认黄）。", show_default=False),
    ] = None,
    from_problem: Annotated[
        str | None,
        typer.Option(
            "--from-problem", help="从单位报送的问题立项：月报路径#问题序号。", show_default=False
        ),
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            help="把这一天会议的每项议定事项立为督办事项（YYYY-MM-DD）。",
            show_default=False,
        ),
    ] = None,
    day: DateOption = None,
    root: RootOption = None,
) -> None:
    """交办督办事项：写入 data/office/duban/<督办编号>.yaml，编号按年份顺序自动编排。

    示例：

      jianyian duban open "梳理智能工厂建设用地需求" --unit 经信局 --unit 自然资源和城乡建设局 --reply-by 2025-08-20 --source 批示 --ref 市领导批示〔2025〕12号

      jianyian duban open --from-problem data/reports/jxj/2025-07.yaml#1 --reply-by 2025-08-29

      jianyian duban open --meeting 2025-07-15 --date 2025-07-16
    """
    from ..jobs import open_duban

    result = open_duban(
        resolve_root(root),
        text,
        today=today(),
        day=_date("--date", day),
        units=unit or [],
        reply_by=_date("--reply-by", reply_by),
        source=source,
        ref=ref,
        level=level,
        from_problem=from_problem,
        meeting=_date("--meeting", meeting),
        out=live(),
    )
    finish(result)


@duban_app.command("close", cls=JianyianCommand)
def close_command(
    item: ItemArgument,
    note: Annotated[
        str | None, typer.Option("--note", help="说明：核实情况、依据。", show_default=False)
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="销号人（默认 领导小组办公室）。", show_default=False)
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="牵头单位尚未反馈也销号（须同时写 --note 说明理由）。")
    ] = False,
    day: DateOption = None,
    root: RootOption = None,
) -> None:
    """销号：督办事项办结，追加一条销号记录。牵头单位尚未反馈的事项须加 --force 并写 --note。

    示例：

      jianyian duban close DB-2025-007 --note 已核实用地需求清单

      jianyian duban close DB-2025-008 --force --note 已在领导小组会议上当面汇报 --date 2025-08-25
    """
    from ..jobs import close_duban

    result = close_duban(
        resolve_root(root),
        item,
        today=today(),
        day=_date("--date", day),
        note=note,
        by=by,
        force=force,
        out=live(),
    )
    finish(result)


@duban_app.command("reopen", cls=JianyianCommand)
def reopen_command(
    item: ItemArgument,
    why: Annotated[str, typer.Option("--why", help="重新督办的原因（必填）。", show_default=False)],
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by", help="新的反馈时限 YYYY-MM-DD（不写则不计逾期）。", show_default=False
        ),
    ] = None,
    day: DateOption = None,
    root: RootOption = None,
) -> None:
    """重新督办已销号的事项：追加一条带原因的记录，原销号记录不删除。

    示例：

      jianyian duban reopen DB-2025-007 --why 清单缺少东湖高新区项目 --reply-by 2025-09-10
    """
    from ..jobs import reopen_duban

    result = reopen_duban(
        resolve_root(root),
        item,
        today=today(),
        why=why,
        day=_date("--date", day),
        reply_by=_date("--reply-by", reply_by),
        out=live(),
    )
    finish(result)


@duban_app.command("reply", cls=JianyianCommand)
def reply_command(
    item: ItemArgument,
    text: Annotated[str, typer.Argument(help="反馈内容。", show_default=False)],
    unit: Annotated[
        str, typer.Option("--unit", help="反馈单位（标识、全称或简称）。", show_default=False)
    ],
    done: Annotated[bool, typer.Option("--done", help="已办结（不写为阶段性反馈）。")] = False,
    day: DateOption = None,
    root: RootOption = None,
) -> None:
    """记录单位对督办事项的反馈：写入 data/office/duban/replies/。单位也可以在月报的 duban: 中反馈。

    示例：

      jianyian duban reply DB-2025-007 "已形成用地需求清单并报送" --unit 经信局 --done --date 2025-08-18
    """
    from ..jobs import reply_duban

    result = reply_duban(
        resolve_root(root),
        item,
        today=today(),
        unit=unit,
        text=text,
        day=_date("--date", day),
        done=done,
        out=live(),
    )
    finish(result)


@duban_app.command("list", cls=JianyianCommand)
def list_command(
    only_open: Annotated[bool, typer.Option("--open", help="只列未销号的事项。")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列逾期未反馈的事项。")] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", help="只列这个单位承办的事项。", show_default=False)
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    root: RootOption = None,
) -> None:
    """列出督办事项截至 --as-of（默认今天）的状态：待反馈、逾期未反馈（天数）、已反馈待销号、已销号、重新督办。

    示例：

      jianyian duban list --open

      jianyian duban list --overdue --as-of 2025-08-31

      jianyian duban list --unit 经信局 --json
    """
    from ..jobs import list_duban

    result = list_duban(
        resolve_root(root),
        as_of=parse_as_of(as_of),
        today=today(),
        only_open=only_open,
        overdue=overdue,
        unit=unit,
        as_json=as_json,
        out=live(),
    )
    finish(result)
