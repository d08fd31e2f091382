"""Terminal rendering with rich. Takes views (plain data), prints; no logic here.

rich is imported only by commands that print tables, to keep start-up fast.

Text from the plan and the reports is data, never terminal control: every view is
passed through :func:`terminal_safe` first (control, escape and bidi characters
shown as ``\\x1b``-style escapes), and the console interprets no rich markup
(``[bold]``, ``[link=…]``) and no emoji codes in any string it prints.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date
from typing import IO, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..diagnostics import printable
from ..fmt import fmt_date, fmt_month, fmt_percent, fmt_quantity, fmt_target


def make_console(
    stderr: bool = False, *, file: IO[str] | None = None, width: int | None = None
) -> Console:
    """No colour when not a terminal; rich itself honours NO_COLOR.

    ``markup=False`` and ``emoji=False``: a ``[link=…]`` or ``:warning:`` in a report
    prints as written. Styles are given as ``style=``, never as markup. ``file``
    and ``width`` draw into text (a library caller has no terminal).
    """
    return _Console(
        stderr=stderr,
        file=file,
        width=width,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


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


def action_state_text(action: dict[str, Any]) -> Text:
    """An action's state (已销号, 逾期…) in the colour of its light."""
    return Text(action["state"], style=LIGHT_STYLE[action["light"]][1])


def state_text(state: str) -> Text:
    word, style = STATE_STYLE[state]
    return Text(word, style=style)


def bar(fraction: float | None, width: int = 5) -> Text:
    """A completion bar with the percentage: ``███░░ 60.0%``."""
    if fraction is None or not math.isfinite(fraction):
        return Text("—")
    filled = max(0, min(width, round(fraction * width)))
    return Text("█" * filled + "░" * (width - filled) + " " + fmt_percent(fraction))


Cell = str | Text


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _fits(console: Console, table: Table, cells: list[str]) -> bool:
    """Whether ``table`` at the console's width shows each of ``cells`` whole.

    Rendered once off screen: rich squeezes a table that is too wide by cutting
    cells with "…", and a cut number is worse than a different layout.
    """
    probe = Console(width=console.width, file=io.StringIO(), color_system=None, highlight=False)
    probe.print(table)
    out = "".join(probe.file.getvalue().split())  # a wrapped cell still counts as whole
    return all("".join(c.split()) in out for c in cells)


def print_table(
    console: Console,
    title: str,
    columns: list[tuple[str, str, bool]],
    variants: list[list[list[Cell]]],
) -> None:
    """A table whose numbers are never cut: the first variant of rows that fits whole,
    else one block per row (the first cell as its heading, the others as “列：值”).

    ``columns`` are (header, justify, wraps); a column that does not wrap holds
    numbers, dates or lights and must be shown whole. Later ``variants`` drop
    decoration (the completion bar) before the layout changes.
    """
    for rows in variants:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for header, justify, wraps in columns:
            if wraps:
                table.add_column(header, justify=justify, overflow="fold", ratio=1, min_width=10)
            else:
                table.add_column(header, justify=justify, no_wrap=True)  # type: ignore[arg-type]
        whole: list[str] = []
        for row in rows:
            table.add_row(*row)
            whole += [_plain(c) for c, col in zip(row, columns, strict=True) if not col[2]]
            # A wrapping column squeezed to nothing would hide the row's name: its first
            # characters must show too.
            whole += [_plain(c)[:4] for c, col in zip(row, columns, strict=True) if col[2]]
        if _fits(console, table, [w for w in whole if w]):
            console.print(table)
            return
    console.print(Text(title, style="italic"))
    for row in variants[-1]:
        head = Text("· ")
        head.append_text(row[0] if isinstance(row[0], Text) else Text(row[0]))
        console.print(head)
        line = Text()
        parts = [(header, cell) for (header, _, _), cell in zip(columns[1:], row[1:], strict=True)]
        for i, (header, cell) in enumerate(p for p in parts if _plain(p[1])):
            if i:
                line.append(" · ")
            line.append(f"{header}：")
            line.append_text(cell if isinstance(cell, Text) else Text(cell))
        console.print(Padding(line, (0, 0, 0, 2)))


# A run of digits, letters and the signs around numbers (66.7%, 8/12, 2025年 keeps
# "2025"), or one other character; closing punctuation stays with what it closes.
_TOKEN_RE = re.compile(r"(?:[0-9A-Za-z.%/+\-]+|.)[，。、；：！？）”’》%]*")


def wrap_prose(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells, broken between Chinese characters, never
    inside a number (rich would fold “66.7%” across two lines)."""
    lines, line, used = [], "", 0
    for token in _TOKEN_RE.findall(text):
        size = cell_len(token)
        if line and used + size > width:
            lines.append(line.rstrip())
            line, used = token.lstrip(), cell_len(token.lstrip())
            continue
        line += token
        used += size
    if line:
        lines.append(line.rstrip())
    return lines


def print_prose(console: Console, text: str, style: str | None = None) -> None:
    """A paragraph, wrapped by :func:`wrap_prose` at the console's width."""
    for line in wrap_prose(text, max(console.width, 20)):
        console.print(Text(line, style=style or ""), no_wrap=True, crop=False)


def _period_label(period: str) -> str:
    return fmt_month(period) if len(period) == 7 and period[4] == "-" else "—"


def _period_suffix(period: str) -> str:
    label = _period_label(period)
    return "" if label == "—" else f"，{label}"


def render_status(console: Console, view: dict[str, Any], names: dict[str, str]) -> None:
    """``jianyian status``: the overall picture."""
    view, names = terminal_safe(view), terminal_safe(names)
    _status_summary(console, view)
    _status_tables(console, view, names)
    _units_behind(console, view)


def _status_summary(console: Console, view: dict[str, Any]) -> None:
    s = view["summary"]
    as_of = date.fromisoformat(view["as_of"])
    console.print(Text(f"{view['plan']['title']} · 办理进度", style="bold"))
    console.print(f"截至 {fmt_date(as_of)}")
    period = view["period"]
    if period["ended"]:
        print_prose(
            console,
            f"办理期已于{fmt_date(date.fromisoformat(period['end']))}结束，"
            "以下为办理期结束后的最终情况（逾期天数计到今天）。",
            style="bold",
        )
    print_prose(console, s["headline"])
    if s.get("actions") and s["actions"]["total"]:
        print_prose(console, s["actions"]["text"])
    if s.get("duban") and s["duban"]["total"]:
        print_prose(console, s["duban"]["text"] + "。")
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
    if view.get("evaluation"):
        print_prose(console, view["evaluation"]["text"])
    _data_warning(console, view)


def _status_tables(console: Console, view: dict[str, Any], names: dict[str, str]) -> None:
    # Names and task titles wrap; numbers, 序时进度 and lights are never cut: when they
    # do not fit, the bar goes first, then each row becomes a block of its own.
    print_table(
        console,
        "指标完成情况",
        [
            ("指标", "left", True),
            ("目标", "right", False),
            ("当前值", "right", False),
            ("完成率", "right", False),
            ("序时", "right", False),
            ("数据", "right", False),
            ("状态", "left", False),
        ],
        [
            [
                [
                    ("*" if ind["partial"] else "") + ind["name"],
                    fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
                    fmt_quantity(ind["value"], ind["measure"]),
                    ind["completion_text"],
                    fmt_percent(ind["expected"]),
                    f"{int(ind['data_month'][5:])}月" if ind["data_month"] else "—",
                    light_text(ind["light"]),
                ]
                for ind in view["indicators"]
            ]
        ],
    )
    _indicator_notes(console, view["indicators"])

    def task_rows(with_bar: bool) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for t in view["tasks"]:
            if t["indicators"]:
                completion: Cell = (
                    bar(t["completion"]) if with_bar else fmt_percent(t["completion"])
                )
            elif t["actions_total"]:
                completion = "无指标"
            else:
                completion = Text(t["status"] or "未填报")
            rows.append(
                [
                    f"{t['number']} {t['title']}",
                    "、".join(names.get(u, u) for u in t["lead"]),
                    action_counts(t),
                    str(t["actions_overdue"]) if t["actions_total"] else "—",
                    completion,
                    light_text(t["light"]),
                ]
            )
        return rows

    # 事项 and 指标 side by side, never one number (DESIGN: a task's progress in two parts).
    print_table(
        console,
        "任务推进情况",
        [("任务", "left", True), ("牵头单位", "left", True), ("事项完成", "left", False),
         ("逾期", "right", False), ("指标完成率", "left", False), ("状态", "left", False)],
        [task_rows(True), task_rows(False)],
    )  # fmt: skip


def action_counts(t: dict[str, Any]) -> str:
    """``4/7（销号3）``: actions done of all, and how many the office confirmed."""
    if not t["actions_total"]:
        return "—"
    confirmed = f"（销号{t['actions_confirmed']}）" if t["actions_done"] else ""
    return f"{t['actions_done']}/{t['actions_total']}{confirmed}"


def _indicator_notes(console: Console, indicators: list[dict[str, Any]]) -> None:
    """The notes a row's figures need (older data in a sum, a total's parts), under the table."""
    for ind in indicators:
        for note in ind["notes"]:
            print_prose(console, f"注：{ind['name']}：{note}。", style="dim")


def _units_behind(console: Console, view: dict[str, Any]) -> None:
    behind = [u for u in view["units"] if u["overdue"] or u["late"]]
    behind.sort(key=lambda u: (-u["overdue"], -u["max_days_overdue"], -u["late"], u["id"]))
    if not behind:
        console.print("没有单位逾期或迟报。")
        return
    print_table(
        console,
        "逾期与迟报单位（最严重在前）",
        [("单位", "left", True), ("逾期未报", "right", False), ("最长逾期", "right", False),
         ("迟报", "right", False)],
        [
            [
                [
                    u["name"],
                    str(u["overdue"]),
                    f"{u['max_days_overdue']} 天" if u["overdue"] else "—",
                    str(u["late"]),
                ]
                for u in behind
            ]
        ],
    )  # fmt: skip


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


def render_unit(
    console: Console, view: dict[str, Any], names: dict[str, str] | None = None
) -> None:
    """``jianyian status --unit``: one unit."""
    view, names = terminal_safe(view), terminal_safe(names or {})
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
            line = Text(f"  {t['number']} {t['title']}  ")
            line.append_text(light_text(t["light"]))
            console.print(line)
            print_indented(console, t["progress_text"], indent=4)

    if view["indicators"]:

        def indicator_rows(with_bar: bool) -> list[list[Cell]]:
            # The unit's own figure beside the indicator's city-wide one, each labelled.
            return [
                [
                    ind["name"],
                    fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
                    fmt_quantity(ind["own_value"], ind["measure"]),
                    fmt_quantity(ind["value"], ind["measure"]),
                    ind["completion_text"]
                    if ind["kind"] == "rate" or not with_bar
                    else bar(ind["completion"]),
                    light_text(ind["light"]),
                    f"{ind['streak']} 个月" if ind["streak"] else "—",
                ]
                for ind in view["indicators"]
            ]

        print_table(
            console,
            "报送的指标（本单位报送值与全市数值）",
            [("指标", "left", True), ("目标", "right", False), ("本单位报送", "right", False),
             ("全市数值", "right", False), ("全市完成率", "left", False),
             ("状态", "left", False), ("连续黄红", "right", False)],
            [indicator_rows(True), indicator_rows(False)],
        )  # fmt: skip
        _indicator_notes(console, view["indicators"])
    else:
        console.print("报送的指标：无（只需报送信息和小结）")

    lead = [a for a in view["actions"] if a["role"] == "lead"]
    if lead:
        print_actions(console, "牵头的事项", lead, names)
    else:
        console.print("牵头的事项：无")
    others = [a for a in view["actions"] if a["role"] == "responsible"]
    if others:
        console.print(
            f"参与的事项：{len(others)} 项（由牵头单位填报状态，"
            "用 jianyian status --task 任务标识 查看）"
        )
    if view.get("duban"):
        console.print(f"督办事项：{len(view['duban'])} 项")
        for item in view["duban"]:
            print_indented(console, item["line"], indent=2)

    rows: list[list[Cell]] = []
    for d in view["deliverables"]:
        days = f"{d['days']} 天" if d["state"] in ("late", "overdue") else ""
        submitted = fmt_date(date.fromisoformat(d["submitted"])) if d["submitted"] else "—"
        if d["declared"]:
            submitted += "（自报日期）"  # the report's own submitted:, before git saw it
        label = _period_label(d["period"])
        rows.append(
            [
                d["name"] if label == "—" else f"{d['name']}（{label}）",
                fmt_date(date.fromisoformat(d["due"])),
                state_text(d["state"]),
                submitted,
                days,
            ]
        )
    print_table(
        console,
        "报送事项",
        [("事项", "left", True), ("截止", "left", False), ("状态", "left", False),
         ("报送日期", "left", False), ("天数", "right", False)],
        [rows],
    )  # fmt: skip

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


# ---------------------------------------------------------------- actions


def print_indented(console: Console, text: str, indent: int = 2) -> None:
    """A paragraph wrapped like :func:`print_prose`, every line indented by ``indent``."""
    pad = " " * indent
    for line in wrap_prose(text, max(console.width - indent, 20)):
        console.print(Text(pad + line), no_wrap=True, crop=False)


def print_actions(
    console: Console,
    title: str,
    actions: list[dict[str, Any]],
    names: dict[str, str],
    *,
    lead: list[str] | None = None,
) -> None:
    """Actions one block each (their texts are long): id, state, due date; the notice's
    words; the latest progress in the unit's words. Lead units are shown when they
    differ from ``lead``."""
    console.print(Text(f"{title}（{len(actions)} 项）", style="italic"))
    for a in actions:
        head = Text(f"· {a['id']} ")
        head.append_text(action_state_text(a))
        if a["state"] == "逾期":
            head.append(f" {a['days_overdue']}天")
        if a["confirmed"]:
            head.append(f"（{fmt_date(date.fromisoformat(a['confirmed']))}销号）")
        head.append(
            f"{'' if a['confirmed'] else ' '}· 完成时限 {fmt_date(date.fromisoformat(a['due']))}"
        )
        if lead is not None and a["lead_units"] != lead:
            head.append(" · 牵头：" + "、".join(names.get(u, u) for u in a["lead_units"]))
        console.print(head, no_wrap=True, crop=False)
        print_indented(console, a["text"])
        if a["reported_month"]:
            who = names.get(a["reported_by"], a["reported_by"])
            said = a["progress"] or f"报“{a['status']}”，未写进展"
            month = fmt_month(a["reported_month"])
            print_indented(console, f"最新进展（{who}{month}月报）：{said}")


def render_task(console: Console, view: dict[str, Any], names: dict[str, str]) -> None:
    """``jianyian status --task``: one task, its actions and indicators."""
    view, names = terminal_safe(view), terminal_safe(names)
    t = view["task"]
    console.print(Text(f"{t['number']} {t['title']}（{t['id']}）", style="bold"))
    lead = "、".join(names.get(u, u) for u in t["lead_units"])
    console.print(f"截至 {fmt_date(date.fromisoformat(view['as_of']))} · 牵头单位：{lead}")
    _data_warning(console, view)
    print_prose(console, t["progress_text"] + "。")
    line = Text("任务状态：")
    line.append_text(light_text(t["light"]))
    console.print(line)
    if view["actions"]:
        print_actions(console, "事项", view["actions"], names, lead=t["lead_units"])
    else:
        console.print("本任务未分解事项。")
    if view["indicators"]:
        print_table(
            console,
            "量化指标",
            [("指标", "left", True), ("目标", "right", False), ("当前值", "right", False),
             ("完成率", "right", False), ("序时", "right", False), ("状态", "left", False)],
            [
                [
                    [
                        ind["name"],
                        fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
                        fmt_quantity(ind["value"], ind["measure"]),
                        fmt_percent(ind["completion"]),
                        fmt_percent(ind["expected"]),
                        light_text(ind["light"]),
                    ]
                    for ind in view["indicators"]
                ]
            ],
        )  # fmt: skip
