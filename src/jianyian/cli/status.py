"""``jianyian status``: where the plan, a task or a unit stands."""

from enum import Enum
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
    resolve_root,
    today,
)


class FailOn(str, Enum):
    overdue = "overdue"
    red = "red"


@app.command("status", cls=JianyianCommand)
def status_command(
    root: RootOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="只看一个单位：标识、全称或简称，如 jxj、市经信局、经信局。",
            show_default=False,
        ),
    ] = None,
    task: Annotated[
        str | None,
        typer.Option(
            "--task",
            help="只看一项任务及其事项：任务标识，如 t1-1（见 jianyian plan）。",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="用于 CI 把关：overdue（有逾期未报）或 red（有红灯指标）时退出码为 1。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """办理进度：各指标完成率与红黄绿灯、各任务及其事项的进展、逾期和迟报的单位。

    指标值为 1–N月累计，N 是数据所属的月份；完成率 = 当前值 ÷ 目标（时点指标扣除年初基数）；序时进度 = N/12（7月数据对 7/12 = 58.3%）。

    红黄绿灯按完成率落后序时进度几个百分点判断：阈值和连续黄灯升级的月数是本方案的设置（data/targets.yaml 的 settings，jianyian plan --json 可查看），灯的口径写在简报的主要指标表下；应报而未报的指标为“未报送”，不算红灯。

    事项的状态：已销号（办公室已确认）、待确认（单位报已完成）、逾期（过了完成时限仍未完成）、推进中、未启动、未报送；任务的事项完成数和指标完成率分开显示，不合成一个数。

    示例：

      jianyian status

      jianyian status --unit 市经信局 --as-of 2025-09-30

      jianyian status --task t1-1

      jianyian status --json --fail-on overdue
    """
    from ..jobs import show_status

    result = show_status(
        resolve_root(root),
        as_of=parse_as_of(as_of),
        today=today(),
        unit=unit,
        task=task,
        as_json=as_json,
        fail_on=fail_on.value if fail_on else None,
        out=live(),
    )
    finish(result)
