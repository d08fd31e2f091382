"""``jianyian status``: where the plan, a task or a unit stands."""

from enum import Enum
from typing import Annotated

import typer

from ..errors import UsageError
from .app import (
    AsOfOption,
    JianyianCommand,
    JsonOption,
    RootOption,
    app,
    load_progress,
    parse_as_of,
    resolve_root,
    resolve_task,
    resolve_unit,
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

    完成率落后序时进度不足 10 个百分点为绿灯，10 至 30 个百分点（含）为黄灯，超过 30 个百分点为红灯（阈值在 data/targets.yaml 的 settings.thresholds 中设置，此为本方案的值）；应报而未报的指标为“未报送”，不算红灯。

    事项的状态：已销号（办公室已确认）、待确认（单位报已完成）、逾期（过了完成时限仍未完成）、推进中、未启动、未报送；任务的事项完成数和指标完成率分开显示，不合成一个数。

    示例：

      jianyian status

      jianyian status --unit 市经信局 --as-of 2025-09-30

      jianyian status --task t1-1

      jianyian status --json --fail-on overdue
    """
    from ..render.json_text import dumps_json
    from ..views.status import status_view, task_view, unit_view

    if unit is not None and task is not None:
        raise UsageError("--unit 和 --task 只能选一个")
    project, progress = load_progress(resolve_root(root), parse_as_of(as_of), today())
    plan = project.checked_plan
    names = {u.id: u.name for u in plan.units}
    if task is not None:
        view = task_view(plan, progress, resolve_task(plan, task), errors=project.errors)
    elif unit is not None:
        chosen = resolve_unit(plan, unit)
        view = unit_view(
            plan,
            progress,
            project.reports,
            chosen.id,
            submitted=project.submitted,
            errors=project.errors,
        )
    else:
        view = status_view(plan, progress, errors=project.errors, unreadable=project.unreadable)
    if as_json:
        typer.echo(dumps_json(view))
    else:
        from ..render.terminal import make_console, render_status, render_task, render_unit

        console = make_console()
        if task is not None:
            render_task(console, view, names)
        elif unit is not None:
            render_unit(console, view, names)
        else:
            render_status(console, view, names)
    tripped = (fail_on is FailOn.overdue and view.get("overdue")) or (
        fail_on is FailOn.red and any(i["light"] == "red" for i in view["indicators"])
    )
    if tripped:
        typer.echo(f"--fail-on {fail_on.value}：条件成立，退出码 1。", err=True)
        raise typer.Exit(1)
