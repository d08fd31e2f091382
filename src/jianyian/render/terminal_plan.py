"""``jianyian plan`` on the terminal: the plan, readably; every unit with its id, no cell cut."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..fmt import fmt_date, fmt_target
from .terminal import print_prose, terminal_safe


def _names(view: dict[str, Any], ids: list[str]) -> str:
    """Names with their ids, ``市经信局（jxj）``: the README sends liaisons here for their id."""
    names = {u["id"]: u["name"] for u in view["units"]}
    groups = {g["id"]: g["name"] for g in view["groups"]}
    return "、".join(
        f"{names.get(i) or groups.get(i)}（{i}）" if (i in names or i in groups) else i for i in ids
    )


def render_plan(console: Console, view: dict[str, Any]) -> None:
    """``jianyian plan``: the plan, readably; every unit with its id, no cell cut."""
    view = terminal_safe(view)
    p = view["plan"]
    console.print(Text(p["title"], style="bold"))
    console.print(
        f"{p['issuer']} {fmt_date(date.fromisoformat(p['issued']))}印发 · 办理期 "
        f"{fmt_date(date.fromisoformat(p['start']))}至{fmt_date(date.fromisoformat(p['end']))} · "
        f"领导小组办公室：{_names(view, [p['office']])}"
    )
    indicators = {i["id"]: i for i in view["indicators"]}
    actions = {a["id"]: a for a in view["actions"]}

    # Chinese text has no spaces to wrap at: "fold" breaks it anywhere instead of
    # cutting it with an ellipsis.
    goals = Table(title="一、工作目标", title_justify="left", show_lines=False)
    goals.add_column("指标", overflow="fold")
    goals.add_column("目标", justify="right", no_wrap=True)
    goals.add_column("报送单位", overflow="fold")
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
            markup=False,
        )
        for i in t["indicators"]:
            ind = indicators[i]
            target = fmt_target(ind["target"], ind["measure"], ind["qualifier"])
            line = f"  · {ind['name']} {target} [{i}]"
            if ind["reporters_declared"] != t["lead"]:
                line += f" 报送：{_names(view, ind['reporters_declared'])}"
            console.print(line, markup=False)
        if not t["indicators"]:
            how = "各事项的进展" if t["actions"] else "牵头单位在月报中填报的进展"
            console.print(f"  · 无量化指标，按{how}跟踪")
        for action_id in t["actions"]:
            a = actions[action_id]
            due = fmt_date(date.fromisoformat(a["due"]))
            who = "" if a["lead"] is None else f"；牵头：{_names(view, a['lead'])}"
            inds = f"；指标 {'、'.join(a['indicators'])}" if a["indicators"] else ""
            print_prose(console, f"  [{action_id}] {a['text']}（{due}前{who}{inds}）")
    dels = Table(title="三、报送事项（--deliverable 可写标识、名称或简称）", title_justify="left")
    dels.add_column("事项", overflow="fold")
    dels.add_column("截止日期", no_wrap=True)
    dels.add_column("报送单位", justify="right", no_wrap=True)
    for d in view["deliverables"]:
        if d["kind"] == "monthly":
            due = f"每月，次月{d['due_day']}日前"
        elif d["kind"] == "quarterly":
            which = (
                "首月"
                if d["quarter_month"] == 1
                else "末月"
                if d["quarter_month"] in (3, None)
                else "第二个月"
            )
            day = "底" if d["due_day"] >= 31 else f"{d['due_day']}日"
            due = f"每季度{which}{day}前"
        else:
            due = fmt_date(date.fromisoformat(d["due"]))
        short = f"\n简称：{d['short']}" if d["short"] and d["short"] != d["name"] else ""
        dels.add_row(f"{d['name']}（{d['id']}）{short}", due, f"{len(d['owed_by'])} 个单位")
    console.print(dels)

    # A group and its members one a line: a table cell would fold an id in half.
    console.print(Text("四、单位组", style="italic"))
    for g in view["groups"]:
        head = _names(view, [g["id"]])
        if g["members_unknown"] and not g["members"]:
            print_prose(console, f"{head}：通知未列出，待办公室补充")
            continue
        note = "（待办公室确认）" if not g["confirmed"] else ""
        print_prose(console, f"{head}，{len(g['members'])} 个{note}：")
        for member in g["members"]:
            print_prose(console, f"  {_names(view, [member])}")

    # One unit a line, id first: what a liaison looks up to write ``unit:`` and --unit.
    console.print(Text("五、单位及标识（--unit 可写标识、全称或简称）", style="italic"))
    wide = max(len(u["id"]) for u in view["units"])
    for u in view["units"]:
        short = f"，简称{u['short']}" if u["short"] and u["short"] != u["name"] else ""
        count = f"，报送{len(u['indicators'])}项指标" if u["indicators"] else ""
        extra = f"（{short[1:]}{count}）".replace("（，", "（") if short or count else ""
        print_prose(console, f"  {u['id']:<{wide}}  {u['name']}{extra}")
    console.print(
        f"共 {len(view['units'])} 个单位、{len(view['indicators'])} 项指标、"
        f"{len(view['actions'])} 个事项。"
    )
