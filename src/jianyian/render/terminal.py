"""Terminal rendering with rich. Takes views (plain data), prints; no logic here.

rich is imported only by commands that print tables, to keep start-up fast.

Text from the plan and the reports is data, never terminal control: every view is
passed through :func:`terminal_safe` first (control, escape and bidi characters
shown as ``\\x1b``-style escapes), and the console interprets no rich markup
(``[bold]``, ``[link=…]``) and no emoji codes in any string it prints.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..diagnostics import printable
from ..fmt import fmt_date, fmt_month, fmt_percent, fmt_quantity, fmt_target


def make_console(stderr: bool = False) -> Console:
    """No colour when not a terminal; rich itself honours NO_COLOR.

    ``markup=False`` and ``emoji=False``: a ``[link=…]`` or ``:warning:`` in a report
    prints as written. Styles are given as ``style=``, never as markup.
    """
    return _Console(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1; a closed pipe (``status | head``) is a normal end, which
        # the CLI turns into exit 0 (and silences stdout for the interpreter's last flush).
        self.quiet = True
        raise BrokenPipeError


def terminal_safe(value: Any) -> Any:
    """``value`` (a view: dicts, lists, strings) with every string made printable.

    ESC (``\\x1b[2J``, OSC 8 links), other C0 and C1 controls, line breaks and
    bidi overrides become visible escapes, so no report can clear the screen, forge
    a line or reorder what the office reads.
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: terminal_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [terminal_safe(v) for v in value]
    return value


def _names(view: dict[str, Any], ids: list[str]) -> str:
    names = {u["id"]: u["name"] for u in view["units"]}
    groups = {g["id"]: g["name"] for g in view["groups"]}
    return "、".join(names.get(i) or groups.get(i) or i for i in ids)


def render_plan(console: Console, view: dict[str, Any]) -> None:
    """``jianyian plan``: the plan, readably."""
    view = terminal_safe(view)
    p = view["plan"]
    console.print(Text(p["title"], style="bold"))
    console.print(
        f"{p['issuer']} {fmt_date(date.fromisoformat(p['issued']))}印发 · 办理期 "
        f"{fmt_date(date.fromisoformat(p['start']))}至{fmt_date(date.fromisoformat(p['end']))} · "
        f"领导小组办公室：{_names(view, [p['office']])}"
    )
    indicators = {i["id"]: i for i in view["indicators"]}

    goals = Table(title="一、工作目标", title_justify="left", show_lines=False)
    goals.add_column("指标")
    goals.add_column("目标", justify="right")
    goals.add_column("报送单位")
    for ind_id in view["goals"]["indicators"]:
        ind = indicators[ind_id]
        who = "由组成指标相加" if ind["parts"] else _names(view, ind["reporters"])
        goals.add_row(
            f"{ind['name']}（{ind['id']}）",
            fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
            who,
        )
    console.print(goals)

    console.print(Text("二、工作任务", style="italic"))
    for t in view["tasks"]:
        console.print(
            f"{t['number']} {t['title']}（{t['id']}）  牵头：{_names(view, t['lead'])}",
            style="bold",
        )
        for i in t["indicators"]:
            ind = indicators[i]
            target = fmt_target(ind["target"], ind["measure"], ind["qualifier"])
            line = f"  · {ind['name']} {target} [{i}]"
            if ind["reporters_declared"] != t["lead"]:
                line += f" 报送：{_names(view, ind['reporters_declared'])}"
            console.print(line, markup=False)
        if not t["indicators"]:
            console.print("  · 无量化指标，按牵头单位在月报中填报的进展跟踪")
    dels = Table(title="三、报送事项", title_justify="left")
    dels.add_column("事项")
    dels.add_column("截止日期")
    dels.add_column("报送单位", justify="right")
    for d in view["deliverables"]:
        if d["kind"] == "monthly":
            due = f"每月，次月{d['due_day']}日前"
        else:
            due = fmt_date(date.fromisoformat(d["due"]))
        dels.add_row(f"{d['name']}（{d['id']}）", due, f"{len(d['owed_by'])} 个单位")
    console.print(dels)

    groups = Table(title="四、单位组", title_justify="left")
    groups.add_column("单位组")
    groups.add_column("成员")
    for g in view["groups"]:
        if g["members_unknown"] and not g["members"]:
            members = "通知未列出，待办公室补充"
        else:
            members = f"{len(g['members'])} 个：{_names(view, g['members'])}"
            if not g["confirmed"]:
                members += "（待办公室确认）"
        groups.add_row(g["name"], members)
    console.print(groups)
    console.print(f"共 {len(view['units'])} 个单位、{len(view['indicators'])} 项指标。")


# ---------------------------------------------------------------- status

LIGHT_STYLE = {
    "done": ("已完成", "bold cyan"),
    "green": ("绿灯", "green"),
    "yellow": ("黄灯", "yellow"),
    "red": ("红灯", "bold red"),
    "missing": ("未报送", "bold magenta"),
    "grey": ("未到期", "dim"),
}
STATE_STYLE = {
    "on_time": ("按时", "green"),
    "late": ("迟报", "yellow"),
    "overdue": ("逾期未报", "bold red"),
    "not_due": ("未到期", "dim"),
    "invalid": ("文件有错误", "bold magenta"),
}


def light_text(light: str) -> Text:
    word, style = LIGHT_STYLE[light]
    return Text(word, style=style)


def state_text(state: str) -> Text:
    word, style = STATE_STYLE[state]
    return Text(word, style=style)


def bar(fraction: float | None, width: int = 5) -> Text:
    """A completion bar with the percentage: ``███░░ 60.0%``."""
    if fraction is None or not math.isfinite(fraction):
        return Text("—")
    filled = max(0, min(width, round(fraction * width)))
    return Text("█" * filled + "░" * (width - filled) + " " + fmt_percent(fraction))


def _period_label(period: str) -> str:
    return fmt_month(period) if len(period) == 7 and period[4] == "-" else "—"


def _period_suffix(period: str) -> str:
    label = _period_label(period)
    return "" if label == "—" else f"，{label}"


def render_status(console: Console, view: dict[str, Any], names: dict[str, str]) -> None:
    """``jianyian status``: the overall picture."""
    view, names = terminal_safe(view), terminal_safe(names)
    _status_summary(console, view)
    console.print(_indicator_table(view))
    console.print(_task_table(view, names))
    _units_behind(console, view)


def _status_summary(console: Console, view: dict[str, Any]) -> None:
    s = view["summary"]
    as_of = date.fromisoformat(view["as_of"])
    console.print(Text(f"{view['plan']['title']} · 办理进度", style="bold"))
    console.print(f"截至 {fmt_date(as_of)}")
    period = view["period"]
    if period["ended"]:
        console.print(
            Text(
                f"办理期已于 {fmt_date(date.fromisoformat(period['end']))} 结束，"
                "以下为办理期结束后的最终情况（逾期天数计到今天）。",
                style="bold",
            )
        )
    console.print(s["headline"])
    rep = s["reports"]
    if rep["month"]:
        console.print(
            f"{fmt_month(rep['month'])}信息：应报 {rep['due']} · 已报 {rep['received']}"
            f"（按时 {rep['on_time']}，迟报 {rep['late']}）· 未报 {rep['missing']}"
            + (f" · 文件有错误 {rep['invalid']}" if rep["invalid"] else "")
        )
    else:
        console.print("月度信息：尚无到期的月份")
    lights = s["lights"]
    line = Text("指标：")
    for i, key in enumerate(("done", "green", "yellow", "red", "missing", "grey")):
        if i:
            line.append(" · ")
        line.append_text(light_text(key))
        line.append(f" {lights.get(key, 0)}")
    console.print(line)
    console.print(f"逾期未报 {s['overdue']} 项 · 迟报 {s['late']} 项")
    _data_warning(console, view)


def _indicator_table(view: dict[str, Any]) -> Table:
    table = Table(title="指标完成情况", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    # Names wrap rather than being cut; numbers, 序时进度 and lights are never cut.
    table.add_column("指标", overflow="fold", ratio=1, min_width=10)
    table.add_column("目标", justify="right", no_wrap=True)
    table.add_column("当前值", justify="right", no_wrap=True)
    table.add_column("完成率", justify="right", no_wrap=True)
    table.add_column("序时", justify="right", no_wrap=True)
    table.add_column("数据", justify="right", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    for ind in view["indicators"]:
        table.add_row(
            ("*" if ind["partial"] else "") + ind["name"],
            fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
            fmt_quantity(ind["value"], ind["measure"]),
            fmt_percent(ind["completion"]),
            fmt_percent(ind["expected"]),
            f"{int(ind['data_month'][5:])}月" if ind["data_month"] else "—",
            light_text(ind["light"]),
        )
    return table


def _task_table(view: dict[str, Any], names: dict[str, str]) -> Table:
    tasks = Table(title="任务推进情况", title_justify="left", box=box.SIMPLE_HEAD)
    tasks.add_column("编号", no_wrap=True)
    tasks.add_column("任务")
    tasks.add_column("牵头单位")
    tasks.add_column("完成率", no_wrap=True)
    tasks.add_column("状态", no_wrap=True)
    for t in view["tasks"]:
        completion = bar(t["completion"]) if t["indicators"] else Text(t["status"] or "未填报")
        tasks.add_row(
            t["number"],
            t["title"],
            "、".join(names.get(u, u) for u in t["lead"]),
            completion,
            light_text(t["light"]),
        )
    return tasks


def _units_behind(console: Console, view: dict[str, Any]) -> None:
    behind = [u for u in view["units"] if u["overdue"] or u["late"]]
    behind.sort(key=lambda u: (-u["overdue"], -u["max_days_overdue"], -u["late"], u["id"]))
    if not behind:
        console.print("没有单位逾期或迟报。")
        return
    units = Table(title="逾期与迟报单位（最严重在前）", title_justify="left", box=box.SIMPLE_HEAD)
    units.add_column("单位")
    units.add_column("逾期未报", justify="right")
    units.add_column("最长逾期", justify="right")
    units.add_column("迟报", justify="right")
    for u in behind:
        units.add_row(
            u["name"],
            str(u["overdue"]),
            f"{u['max_days_overdue']} 天" if u["overdue"] else "—",
            str(u["late"]),
        )
    console.print(units)


def _data_warning(console: Console, view: dict[str, Any]) -> None:
    data = view["data"]
    if data.get("errors"):
        console.print(
            Text(
                f"注意：数据有 {data['errors']} 个错误，运行 jianyian validate 查看详情。",
                style="bold yellow",
            )
        )
        console.print(
            Text("带 * 的指标和状态为“文件有错误”的报送可能不完整。", style="bold yellow")
        )


def render_unit(console: Console, view: dict[str, Any]) -> None:
    """``jianyian status --unit``: one unit."""
    view = terminal_safe(view)
    unit = view["unit"]
    as_of = date.fromisoformat(view["as_of"])
    console.print(Text(f"{unit['name']}（{unit['id']}）", style="bold"))
    console.print(f"截至 {fmt_date(as_of)}")
    _data_warning(console, view)
    for label, key in (("牵头任务", "lead_tasks"), ("参与任务", "responsible_tasks")):
        if not view[key]:
            console.print(f"{label}：无")
            continue
        console.print(f"{label}：")
        for t in view[key]:
            line = Text(f"  {t['number']} {t['title']}  完成率 {fmt_percent(t['completion'])} ")
            line.append_text(light_text(t["light"]))
            console.print(line)

    if view["indicators"]:
        table = Table(title="报送的指标", title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("指标", overflow="ellipsis", no_wrap=True, max_width=22)
        table.add_column("目标", justify="right", no_wrap=True)
        table.add_column("本单位", justify="right", no_wrap=True)
        table.add_column("完成率", no_wrap=True)
        table.add_column("状态", no_wrap=True)
        table.add_column("连续黄红", justify="right", no_wrap=True)
        for ind in view["indicators"]:
            table.add_row(
                ind["name"],
                fmt_quantity(ind["target"], ind["measure"]),
                fmt_quantity(ind["own_value"], ind["measure"]),
                bar(ind["completion"]),
                light_text(ind["light"]),
                f"{ind['streak']} 个月" if ind["streak"] else "—",
            )
        console.print(table)
    else:
        console.print("报送的指标：无（只需报送信息和小结）")

    table = Table(title="报送事项", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("事项", no_wrap=True)
    table.add_column("截止", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("报送日期", no_wrap=True)
    table.add_column("天数", justify="right", no_wrap=True)
    for d in view["deliverables"]:
        days = f"{d['days']} 天" if d["state"] in ("late", "overdue") else ""
        submitted = fmt_date(date.fromisoformat(d["submitted"])) if d["submitted"] else "—"
        label = _period_label(d["period"])
        table.add_row(
            d["name"] if label == "—" else f"{d['name']}（{label}）",
            fmt_date(date.fromisoformat(d["due"])),
            state_text(d["state"]),
            submitted,
            days,
        )
    console.print(table)

    if view["overdue"]:
        worst = max(view["overdue"], key=lambda d: d["days"])
        console.print(
            Text(
                f"逾期未报 {len(view['overdue'])} 项，最长已逾期 {worst['days']} 天"
                f"（{worst['name']}{_period_suffix(worst['period'])}）。",
                style="bold red",
            )
        )
    else:
        console.print("没有逾期未报的事项。")
    latest = view["latest_report"]
    if latest is None:
        console.print("尚无月报。")
        return
    console.print(f"最近一期月报（{fmt_month(latest['month'])}）反映的问题：")
    for item in latest["problems"] or ["（未填写）"]:
        console.print(f"  · {item}", markup=False)
