"""Terminal rendering with rich. Takes views (plain data), prints; no logic here.

rich is imported only by commands that print tables, to keep start-up fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .fmt import fmt_date, fmt_target


def make_console(stderr: bool = False) -> Console:
    """No colour when not a terminal; rich itself honours NO_COLOR."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _names(view: dict[str, Any], ids: list[str]) -> str:
    names = {u["id"]: u["name"] for u in view["units"]}
    groups = {g["id"]: g["name"] for g in view["groups"]}
    return "、".join(names.get(i) or groups.get(i) or i for i in ids)


def render_plan(console: Console, view: dict[str, Any]) -> None:
    """``jianyian plan``: the plan, readably."""
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
