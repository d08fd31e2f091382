"""A plan drafted from a notice of the 工作方案 / 任务分解 family: pure text → data/targets.yaml-shaped dict.

The notice's common shape: a head (通知 title, issuer, date), sometimes a covering
notice with rules and reporting duties, then 一、 sections, （一） groups and 1. items,
or a table flattened to text. **An item that names the units responsible for it is a
task, wherever it stands** (under 目标, 安排 or 保障 headings alike); items no unit owns
are goals, stages or requirements by their section's heading. Numbers inside a task's
text become indicators, dates inside it deadlines, reporting duties deliverables. What
cannot be read stays in the text and earns a warning; nothing is dropped silently.
Nothing here knows any particular plan.
:func:`~jianyian.write.draft_yaml.render_draft_yaml` writes the result out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .actions import cut_actions
from .blocks import Block, cn_number, head_clauses, split_blocks
from .dates import find_dates, open_ended, stage_range
from .head import Head, read_head
from .schedule import Duty, Schedule, deliverables_of
from .tables import unflatten_tables
from .targets import Target, find_targets
from .text import invisible_lines, is_chrome, normalise
from .units import Clause, Registry, initials, settle_roles, split_top

# The notice's own rule that the first unit listed leads (丽水、杭州: 列第一位的为牵头单位).
FIRST_LEADS_RE = re.compile(r"列第一位|排第一位|排在第一位|第一位的[^。]{0,12}为牵头")


@dataclass
class PlanDraft:
    """The drafted plan (``_line`` keys carry source lines), located warnings, and what
    the drafter saw in the notice (told when it finds no task)."""

    value: dict
    warnings: list[tuple[int, str]] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)

    def refusal(self) -> str | None:
        """Why this draft must not be written (a Chinese sentence saying what was found), or None."""
        s = self.seen
        found = (
            f"通知共 {s.get('lines', 0)} 行非空文字，其中：分部标题 {s.get('headings', 0)} 个，"
            f"编号条目 {s.get('items', 0)} 个，单位写法（牵头单位／责任单位／X牵头…）"
            f"{s.get('clauses', 0)} 处，表格 {s.get('tables', 0)} 个"
        )
        if s.get("no_year"):
            return (
                f"通知中找不到年份（标题中的“2025年”或落款日期“2025年5月5日”），无法确定期限；{found}。"
                "请在通知末尾补上落款日期后重试"
            )
        if not self.value.get("tasks"):
            return (
                f"没有找到任何工作任务，未生成计划：{found}。任务须写明承担单位，如条目末尾的"
                "“（牵头单位：X；责任单位：Y）”、另起一行的“牵头单位：X”、“（X牵头，Y配合）”"
                "或表格的“牵头单位”“责任单位”列；请检查通知是否完整（附件表格是否一并复制）"
            )
        return None


@dataclass
class Section:
    kind: str
    block: Block
    children: list[Block] = field(default_factory=list)


@dataclass
class Item:
    """A numbered item with everything its block, sub-items and heading say."""

    block: Block
    group: Block | None  # the （一） heading it stands under
    section: str
    clause: Clause
    parts: list[tuple[int, str]]  # its text, line by line, without unit clauses
    owned: bool  # the item names its units itself (not only its heading)
    part: int = 0  # the number of its 一、 part (0: none)


def section_kind(heading: str) -> str:
    for word, kind in (
        ("目标", "goals"),
        ("任务", "tasks"),
        ("安排", "stages"),
        ("步骤", "stages"),
    ):
        if word in heading:
            return kind
    if "要求" in heading or "保障" in heading:
        return "requirements"
    return "tasks"


def sections_of(blocks: list[Block]) -> list[Section]:
    out: list[Section] = []
    for b in blocks:
        if b.level == 1:
            out.append(Section("appendix" if b.appendix else section_kind(b.head), b))
        elif out:
            out[-1].children.append(b)
        else:
            out.append(Section("tasks", Block(1, "", b.line, "工作任务"), [b]))
    return out


def _block_clause(b: Block) -> Clause | None:
    """The units a heading names, in its own line or in lines of its own."""
    _, clauses = head_clauses(b.head)
    found = Clause()
    for c in clauses:
        found.merge(c)
    for _, c in b.clauses:
        found.merge(c)
    return None if found.empty else found


def _item(b: Block, subs: list[Block], group: Block | None, section: str, default) -> Item:
    clause = Clause()
    parts: list[tuple[int, str]] = []
    text, clauses = head_clauses(b.head)
    for c in clauses:
        clause.merge(c)
    parts.append((b.line, text))
    lines = list(b.lines)
    for sub in subs:
        lines.append((sub.line, f"（{sub.num}）{sub.head}"))
        lines += sub.lines
        for _, c in sub.clauses:
            clause.merge(c)
    for no, line in lines:
        text, clauses = head_clauses(line)
        for c in clauses:
            clause.merge(c)
        parts.append((no, text))
    for _, c in b.clauses:
        clause.merge(c)
    owned = bool(clause.lead or clause.responsible)
    if default is not None:
        if not owned:
            for name in ("lead", "responsible", "notes", "all_lead", "said_lead"):
                setattr(clause, name, getattr(default, name))
        clause.leaders = clause.leaders or list(default.leaders)
    return Item(b, group, section, clause, [(n, t) for n, t in parts if t], owned)


def items_of(sec: Section) -> tuple[list[Item], list[Block]]:
    """The section's numbered items (its （一） groups without sub-items count as items),
    and its group headings."""
    default = _block_clause(sec.block)
    items: list[Item] = []
    groups: list[Block] = []
    group: Block | None = None
    group_default = default
    section = sec.block.head_text.rstrip("。")
    children = sec.children
    i = 0
    while i < len(children):
        b = children[i]
        j = i + 1
        subs: list[Block] = []
        while j < len(children) and children[j].level == 4 and b.level != 4:
            subs.append(children[j])
            j += 1
        if b.level == 2:
            has_items = j < len(children) and children[j].level >= 3
            if has_items:
                group, groups = b, [*groups, b]
                group_default = _block_clause(b) or default
                section = b.head_text.rstrip("。")
            else:
                group = None
                section = sec.block.head_text.rstrip("。")
                items.append(_item(b, subs, None, section, default))
        else:
            items.append(_item(b, subs, group, section, group_default))
        i = j
    part = (
        cn_number(sec.block.num) if re.fullmatch(r"[一二三四五六七八九十]+", sec.block.num) else 0
    )
    for it in items:
        it.part = part
    return items, groups


def _title_and_text(item: Item) -> tuple[str, str, bool]:
    """(title, text, the title is a sentence of its own) of a task."""
    head = item.parts[0][1] if item.parts else ""
    rest = "".join(t for _, t in item.parts[1:])
    if rest and "。" not in head.rstrip("。") and len(head) <= 40:
        # 1.稳定扩大就业（牵头单位：…） on its own line, the work in the paragraphs below.
        return head.rstrip("。"), rest, True
    full = head + rest
    first, dot, after = full.partition("。")
    if dot and after and "，" not in first and len(first) <= 30:
        return first, after, True
    title = split_top(full, "，；。")[0] if full else ""
    return title[:40], full, False


def _indicators(targets: list[Target], prefix: str, line: int) -> list[dict]:
    """Indicators ``<prefix>1``, ``<prefix>2``… (a task's: ``t1-zb1``, apart from its actions
    ``t1-1``; the goals': ``g-1``); a total's parts ``<its id>-1``…"""
    out: list[dict] = []
    for i, t in enumerate(targets, 1):
        ind: dict = {
            "id": f"{prefix}{i}",
            "name": t.name,
            "target": t.target,
            "measure": t.measure,
        }
        if t.kind != "ytd":
            ind["kind"] = t.kind
        if t.qualifier:
            ind["qualifier"] = t.qualifier
        if t.comparator:
            ind["comparator"] = t.comparator
        ind["_line"] = line
        if t.parts:
            parts = _indicators(t.parts, f"{prefix}{i}-", line)
            ind["parts"] = [p["id"] for p in parts]
            out.append(ind)
            out += parts
        else:
            out.append(ind)
    return out


def _refs(reg: Registry, names: list[str], line: int, notes: dict[str, str]) -> list[str]:
    out: list[str] = []
    for name in reg.inherit(names):
        ref = reg.ref(name, line, notes.get(name))
        if ref not in out:
            out.append(ref)
    return out


def _warn_targets(d: PlanDraft, where: str, line: int, found) -> None:
    for what in found.unread:
        d.warnings.append((line, f"{where}中的“{what}”未作为指标，保留在原文中，请确认"))
    for what in found.absurd:
        d.warnings.append(
            (line, f"{where}中的“{what}”数值不合常理（疑为录入错误），未作为指标，原文保留，请核对")
        )


@dataclass
class Context:
    year: int
    issued: date | None
    reg: Registry
    first_leads: bool
    d: PlanDraft


def _deadlines(item: Item, text: str, ctx: Context) -> tuple[str | None, list[str], str | None]:
    """(the item's own due date, every date its words give, the time limit when not a date)."""
    due: str | None = None
    due_text: str | None = None
    dated: list[str] = []
    line = item.block.line
    for words in item.clause.time:
        whens = [w for w in find_dates(words, ctx.year, ctx.issued) if w.day]
        for w in find_dates(words, ctx.year, ctx.issued):
            if w.warning:
                ctx.d.warnings.append((line, f"任务 {item.block.num}：{w.warning}"))
        if whens:
            dated.append(whens[-1].day.isoformat())  # type: ignore[union-attr]
            due = due or whens[-1].day.isoformat()  # type: ignore[union-attr]
        elif open_ended(words) or words:
            due_text = words
    for clause in split_top(text, "，；。"):
        for w in find_dates(clause, ctx.year, ctx.issued):
            if w.warning:
                ctx.d.warnings.append((line, f"任务 {item.block.num}：{w.warning}"))
            if w.day is None:
                continue
            dated.append(w.day.isoformat())
            if due is None and re.search(r"全部|均", clause):
                due = w.day.isoformat()  # 11月底前全部完成竣工验收: the whole item's time limit
    return due, list(dict.fromkeys(dated)), due_text


def _task(item: Item, ctx: Context, number: str, ident: str) -> dict:
    d, reg = ctx.d, ctx.reg
    clause = item.clause
    settle_roles(clause, ctx.first_leads)
    title, text, _ = _title_and_text(item)
    line = item.block.line
    unit_line = next((n for n, _ in item.block.clauses), line)
    lead = _refs(reg, clause.lead, unit_line, clause.notes)
    responsible = [
        r for r in _refs(reg, clause.responsible, unit_line, clause.notes) if r not in lead
    ]
    body = text
    found = find_targets(body)
    _warn_targets(d, f"任务 {number} ", line, found)
    due, dated, due_text = _deadlines(item, body, ctx)
    actions, due = cut_actions(body, ctx.year, ctx.issued, due, clause.time)
    if clause.leaders:
        text += f"（责任领导：{'、'.join(clause.leaders)}）"
    task = {
        "id": ident,
        "number": number,
        "section": item.section,
        "title": title or text[:20],
        "text": text,
        "lead": lead,
        "responsible": responsible,
        "indicators": _indicators(found.targets, f"{ident}-zb", line),
        "_line": line,
        "_body": body,
        "_deadlines": dated,
        "_leaders": clause.leaders,
        "_duties": clause.duties,
        "_actions": actions,
    }
    if due:
        task["_due"] = due
    if due_text:
        task["_due_text"] = due_text
    return task


def _numbering(items: list[Item], d: PlanDraft) -> list[tuple[Item, str, str]]:
    """(item, number, id) for the task items: bare numbers unless they repeat (then under
    their （一） group, as 建议案 plans number them), an appendix copy of the list dropped."""
    kept: list[Item] = []
    copies: list[Item] = []
    for item in items:
        num = item.block.num
        title = _title_and_text(item)[0]
        twin = next(
            (
                k
                for k in kept
                if k.block.num == num
                and k.block.level == item.block.level
                and (title and (title == _title_and_text(k)[0] or title in _title_and_text(k)[1]))
            ),
            None,
        )
        if twin is not None and (item.block.appendix or not item.group or twin.group is item.group):
            copies.append(item)
        else:
            kept.append(item)
    if copies:
        nums = "、".join(c.block.num for c in copies)
        d.warnings.append(
            (
                copies[0].block.line,
                f"第{copies[0].block.line}行起重复了前文的任务（第 {nums} 项，如附件中的任务清单），"
                "只按第一次出现的计",
            )
        )
    bare = [k.block.num for k in kept if k.block.level == 3]
    # Items numbered within their （一） groups (each group starts again at 1) are
    # （一）1, （二）1…; numbered through the whole plan they keep their own number.
    firsts = {id(k.group): k.block.num for k in reversed(kept) if k.group is not None}
    restart = bool(firsts) and set(firsts.values()) == {"1"}
    repeat = len(bare) != len(set(bare)) or restart
    out: list[tuple[Item, str, str]] = []
    ids: set[str] = set()
    plain = {f"t{k.block.num}" for k in kept if k.block.level == 3}
    for k in kept:
        if k.block.level == 2:
            number, ident = f"（{k.block.num}）", f"t{cn_number(k.block.num)}"
            if ident in plain:  # （一）… goals and 1.… tasks in one plan: s1-1 for 一、（一）
                ident = f"s{k.part}-{cn_number(k.block.num)}"
        elif repeat and k.group is not None:
            number = f"（{k.group.num}）{k.block.num}"
            ident = f"t{cn_number(k.group.num)}-{k.block.num}"
        else:
            number, ident = k.block.num, f"t{k.block.num}"
        # Ids of tasks, indicators and actions share one namespace; an action is <task>-N,
        # so a task's id never ends in -N of another task's (a repeat gets a letter).
        base, n = ident, 1
        while ident in ids:
            n += 1
            ident = f"{base}x{n}"
        ids.add(ident)
        out.append((k, number, ident))
    return out


def draft_plan(text: str) -> PlanDraft:
    """The plan a notice describes, as a dict shaped like data/targets.yaml."""
    d = PlanDraft({})
    invisible = invisible_lines(text)
    if invisible:
        where = "、".join(str(n) for n in invisible[:5]) + ("等" if len(invisible) > 5 else "")
        d.warnings.append(
            (
                invisible[0],
                f"通知第 {where} 行含零宽字符等不可见字符，已忽略（单位名称、数字按去掉后的文字读取）",
            )
        )
    lines = [(n, normalise(t)) for n, t in enumerate(text.split("\n"), 1)]
    lines = [(n, t) for n, t in lines if t and not is_chrome(t)]
    head = read_head(lines)
    body, tables = unflatten_tables(lines[head.body : head.end])
    _, blocks, loose = split_blocks(body)
    sections = sections_of(blocks)
    d.seen = {
        "lines": len(lines),
        "headings": sum(1 for b in blocks if b.level <= 2),
        "items": sum(1 for b in blocks if b.level >= 3),
        "clauses": sum(len(b.clauses) for b in blocks)
        + sum(1 for b in blocks if head_clauses(b.head)[1]),
        "tables": tables,
    }
    if head.year is None:
        d.seen["no_year"] = 1
        return d
    year = head.year
    issued = head.issued[0] if head.issued else None
    full = "\n".join(t for _, t in lines)
    issuer = head.issuer[0] if head.issuer else ""
    level = re.search(r"([市区县])(?:人民)?政府", issuer)
    city = re.match(r"^(.{2,4}?)[市区县]", issuer)
    reg = Registry(city.group(1) if city else "", level.group(1) if level else "市")
    ctx = Context(year, issued, reg, bool(FIRST_LEADS_RE.search(full)), d)

    task_items: list[Item] = []
    goals_parts: list[tuple[int, str]] = []
    stage_blocks: list[Block] = []
    requirement_parts: list[tuple[int, str]] = []
    loose_items: list[Item] = []
    for sec in sections:
        items, _ = items_of(sec)
        owned = [it for it in items if it.clause.lead or it.clause.responsible]
        task_items += owned
        rest = [it for it in items if not (it.clause.lead or it.clause.responsible)]
        if sec.kind == "goals":
            goals_parts += sec.block.lines
            goals_parts += [(it.block.line, "".join(t for _, t in it.parts)) for it in rest]
        elif sec.kind == "stages" and not owned:
            stage_blocks += [c for c in sec.children if c.level <= 3]
        elif sec.kind == "requirements":
            requirement_parts += sec.block.lines
            requirement_parts += [(it.block.line, "".join(t for _, t in it.parts)) for it in rest]
        elif sec.kind != "appendix":
            loose_items += rest
    numbered = _numbering(task_items, d)
    tasks = [_task(item, ctx, number, ident) for item, number, ident in numbered]
    leaders = [t for t in tasks if t["_leaders"]]
    if leaders:
        names = "、".join(dict.fromkeys(n for t in leaders for n in t["_leaders"]))
        d.warnings.append(
            (
                leaders[0]["_line"],
                f"{len(leaders)} 项任务写有责任领导（{names}）：计划没有对应字段，保留在任务原文末尾",
            )
        )
    for it in loose_items:
        d.warnings.append(
            (
                it.block.line,
                f"第 {it.block.num} 项没有牵头单位或责任单位，未作为任务；原文保留在工作目标 text 中，请确认",
            )
        )
        goals_parts.append((it.block.line, "".join(t for _, t in it.parts)))
    goals_text = "".join(t for _, t in goals_parts)
    goals_line = goals_parts[0][0] if goals_parts else 1
    found = find_targets(goals_text)
    _warn_targets(d, "工作目标", goals_line, found)
    goal_inds = _indicators(found.targets, "g-", goals_line)

    stages = _stages(stage_blocks, ctx)
    req_text = "".join(t for _, t in requirement_parts)
    office = _office(requirement_parts, loose, head, tasks, reg, d)
    group_m = re.search(r"的([^，。、的（]+?(?:领导小组|工作专班))（", req_text) or re.search(
        r"([^，。、的（]+?(?:领导小组|工作专班))", req_text
    )
    group_text = re.search(r"成立[^；。]*(?:领导小组|工作专班)[^；。]*", req_text)
    _reporters(tasks, reg, office, d)

    issued_text = issued.isoformat() if issued else f"{year}-01-01"
    if issued is None:
        d.warnings.append(
            (1, f"未找到印发日期（如 {year}年5月5日），plan.issued 暂填 {issued_text}，请填写")
        )
    starts = [s["start"] for s in stages if "start" in s]
    ends = [s["end"] for s in stages if "end" in s]
    start = min(starts) if starts else f"{issued_text[:7]}-01"
    end = max(ends) if ends else f"{year}-12-31"
    for s in stages:
        if "end" not in s:
            s["end"] = end
    _settle_actions(tasks, stages, year, end)
    deliverables = _deliverables(head, stages, requirement_parts, loose, tasks, ctx, office, end)
    plan = _plan_info(head, lines, year, issued_text, start, end, office, d)
    plan["leading_group"] = group_m.group(1) if group_m else "工作领导小组"
    if group_text:
        plan["leading_group_text"] = group_text.group(0)
    if req_text:
        plan["requirements"] = req_text
    if not group_m:
        d.warnings.append((1, "未找到领导小组名称，plan.leading_group 暂填“工作领导小组”"))
    groups = []
    for g in reg.groups.values():
        g = {**g, "members": [], "members_unknown": True}
        if not g["aliases"]:
            del g["aliases"]
        groups.append(g)
    d.value = {
        "version": 1,
        "plan": plan,
        "settings": {
            "thresholds": {"yellow": 10, "red": 30},
            "member_units": "responsible_units",
            "goal_reporters": [office] if goal_inds else [],
        },
        "units": list(reg.units.values()),
        "groups": groups,
        "goals": {
            "text": goals_text or "（通知未写工作目标，待填写）",
            "indicators": goal_inds,
            "_line": goals_line,
        },
        "tasks": tasks,
        "stages": stages,
        "deliverables": deliverables,
        "calendar": [],
    }
    if not goals_text:
        d.warnings.append((1, "没有找到“工作目标”部分"))
    d.warnings.sort(key=lambda w: w[0])
    return d


def _stages(blocks: list[Block], ctx: Context) -> list[dict]:
    stages: list[dict] = []
    for i, b in enumerate(blocks):
        name, _, rest = b.text.partition("。")
        label = re.sub(r"（.*）$", "", name)
        start, end, how = stage_range(name, ctx.year, ctx.issued)
        stage: dict = {"id": f"stage-{i + 1}", "name": label, "_line": b.line}
        if start:
            stage["start"] = start.isoformat()
        if end:
            stage["end"] = end.isoformat()
            if how:
                stage["_how"] = how
        else:
            stage["_assumed"] = "end"
            ctx.d.warnings.append(
                (b.line, f"阶段“{label}”没有写明日期，end 暂取办理期结束，请确认")
            )
        stage["text"] = rest or name
        stages.append(stage)
    return stages


def _settle_actions(tasks: list[dict], stages: list[dict], year: int, end: str) -> None:
    """Each task's actions with their ids (``<task>-N``), the indicators they cover, and a
    due date: the notice's, else an assumption (the target year's end for an action with a
    yearly number, else the end of the stage where the work is done, else the plan's end)."""
    work = next(
        (
            s
            for s in stages
            if re.search(r"落实|实施|推进|办理|集中", s["name"])
            and not re.search(r"部署|动员|总结|汇报|交办", s["name"])
        ),
        None,
    )
    for t in tasks:
        numbers = [i for i in t["indicators"] if not i.get("parts")]
        linked: set[str] = set()
        actions = []
        for n, a in enumerate(t.pop("_actions"), 1):
            action: dict = {"id": f"{t['id']}-{n}", "text": a["text"], "_line": t["_line"]}
            covers = [i["id"] for i in numbers if i["id"] not in linked and _says(a["text"], i)]
            linked.update(covers)
            if "due" in a:
                action["due"] = a["due"]
                if a.get("_how"):
                    action["_how"] = a["_how"]
            elif covers:
                action["due"], action["_assumed"] = f"{year}-12-31", "due-year"
            elif work is not None:
                action["due"], action["_assumed"] = work["end"], "due-stage"
            else:
                action["due"], action["_assumed"] = end, "due-end"
            if covers:
                action["indicators"] = covers
            actions.append(action)
        t["actions"] = actions


def _says(text: str, ind: dict) -> bool:
    """Whether an action's words hold an indicator's number (20个 in 部署20个垂直行业大模型)."""
    value = float(ind["target"])
    if value == 0:
        return "正增长" in text
    number = str(int(value)) if value.is_integer() else str(value)
    return f"{number}{ind['measure']}" in text.replace(",", "")


def _office(
    requirement_parts: list[tuple[int, str]],
    loose: list[tuple[int, str]],
    head: Head,
    tasks: list[dict],
    reg: Registry,
    d: PlanDraft,
) -> str:
    """The unit the leading group's office sits in, or the office the notice reports to."""
    req_text = "".join(t for _, t in requirement_parts)
    m = re.search(r"办公室(?:设在|设|在)(.+?)(?:办公|，|。|；)", req_text)
    if m:
        return reg.find(m.group(1)) or reg.ref(m.group(1), 1)
    # A 任务分解 plan has no leading group: its office is where the reports go (报区政府督查室).
    said = [*head.cover, *requirement_parts, *loose]
    m = re.search(
        r"(?:报送|上报|向|报)(?P<o>[^，。；、将于报]{2,12}?(?:督查室|督查局|办公室|办公厅))",
        "".join(t for _, t in said),
    )
    if m:
        line = next((n for n, t in said if m.group("o") in t), 1)
        return reg.find(m.group("o")) or reg.ref(m.group("o"), line)
    groups = {g["id"] for g in reg.groups.values()}
    office = next((r for t in tasks for r in t["lead"] if r not in groups), None)
    office = office or reg.ref("领导小组办公室（待填写）", 1)
    d.warnings.append((1, f"未找到“领导小组办公室在…办公”，plan.office 暂取 {office}，请确认"))
    return office


def _reporters(tasks: list[dict], reg: Registry, office: str, d: PlanDraft) -> None:
    group_ids = {g["id"] for g in reg.groups.values()}
    for t in tasks:
        units = [r for r in t["lead"] if r not in group_ids]
        for ind in t["indicators"]:
            if ind.get("parts"):
                continue
            if len(units) > 1:
                ind["reporters"] = [units[0]]
                ind["_assumed"] = "reporters"
            elif not units:
                ind["reporters"] = [office]
                ind["_assumed"] = "reporters-office"
                d.warnings.append(
                    (ind["_line"], f"指标 {ind['id']} 的牵头单位是单位组，报送单位暂定为 {office}")
                )


def _deliverables(
    head: Head,
    stages: list[dict],
    requirement_parts: list[tuple[int, str]],
    loose: list[tuple[int, str]],
    tasks: list[dict],
    ctx: Context,
    office: str,
    end: str,
) -> list[dict]:
    reg = ctx.reg
    full = "".join(t for _, t in head.cover) + "".join(s["text"] for s in stages)
    host_m = re.search(r"由([^，。；由]{2,12}?)(?:负责)?主办", full)
    host = reg.find(host_m.group(1)) if host_m else None

    def owner(subject: str) -> str | list[str] | None:
        if not subject or subject.startswith(("各地区", "各单位", "各承办")):
            return "responsible_units"
        if "牵头" in subject:
            return "lead_units"
        if "成员单位" in subject:
            return "member_units"
        if subject == "主办单位":
            return [host] if host else "responsible_units"
        if subject.startswith("各"):
            return "responsible_units"
        found = reg.find(subject)
        if found == office and re.search(r"督查|办公", subject):
            return None
        return [found] if found else "responsible_units"

    duties = [Duty(n, t) for n, t in head.cover]
    for s in stages:
        duties.append(Duty(s["_line"], s["text"], s["id"]))
    duties += [Duty(n, t) for n, t in requirement_parts]
    duties += [Duty(n, t) for n, t in loose]
    for t in tasks:
        for duty in t["_duties"]:
            duties.append(Duty(t["_line"], duty, owed_by=list(t["lead"])))
    schedule = Schedule(ctx.year, ctx.issued, owner)
    out = deliverables_of(duties, schedule)
    ctx.d.warnings += schedule.warnings
    for item in out:
        if item["kind"] == "once" and "due" not in item:
            stage = next((s for s in stages if s["id"] == item.get("stage")), None)
            item["due"] = stage["end"] if stage else end
    return out


def _plan_info(
    head: Head,
    lines: list[tuple[int, str]],
    year: int,
    issued: str,
    start: str,
    end: str,
    office: str,
    d: PlanDraft,
) -> dict:
    title = head.title[0] if head.title else None
    if title is None:
        d.warnings.append((1, "未找到方案名称（…的通知 或 …方案），请填写 plan.title"))
        title = "工作方案（待填写）"
    title_line = head.title[1] if head.title else 1
    if head.notice:
        notice, notice_line = head.notice
    else:
        notice, notice_line = f"关于印发{title}的通知", 1
        d.warnings.append((1, "未找到以“的通知”结尾的标题，plan.notice 为推测"))
    if head.issuer:
        issuer, issuer_line = head.issuer
    else:
        issuer, issuer_line = "（待填写）", 1
        d.warnings.append((1, "未找到印发单位（落款），请填写 plan.issuer"))
    full = "\n".join(t for _, t in lines)
    named = [x for x in re.findall(r"《([^》]+)》", full) if x != title]
    proposal = next((x for x in named if x.startswith("关于")), named[0] if named else None)
    line = next((n for n, t in lines if proposal and proposal in t), 1)
    if not proposal:
        d.warnings.append((1, "未找到《》中的建议案名称，plan.proposal 暂用方案名称"))
    issued_line = head.issued[1] if head.issued else 1
    return {
        "id": (initials(title)[:24].strip("-") or "plan"),
        "title": title,
        "proposal": proposal or title,
        "notice": notice,
        "issuer": issuer,
        "issued": issued,
        "target_year": year,
        "start": start,
        "end": end,
        "office": office,
        "_lines": {
            "title": title_line,
            "notice": notice_line,
            "issuer": issuer_line,
            "issued": issued_line,
            "proposal": line,
        },
    }
