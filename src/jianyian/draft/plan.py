"""A plan drafted from a 工作方案 notice: pure text → data/targets.yaml-shaped dict.

The notice's common shape: a head (通知 title, issuer, date), 一、 sections,
（一） groups, 1. tasks each closing with a unit clause, numbers inside the text,
a 工作安排 with dated stages and a 工作要求 with reporting duties. What cannot be
read stays in the text and earns a warning; nothing is dropped. Nothing here
knows any particular plan. :func:`~jianyian.write.draft_yaml.render_draft_yaml` writes it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schedule import deliverables_of, stage_dates
from .targets import Target, find_targets
from .units import (
    Registry,
    initials,
    is_unit_clause,
    line_role,
    names_of,
    parse_clause,
    trailing_bracket,
)

CN = "一二三四五六七八九十"
L1_RE = re.compile(rf"^([{CN}]+)、(.+)$")
L2_RE = re.compile(rf"^（([{CN}]+)）(.+)$")
L3_RE = re.compile(r"^(\d+)[.．、](?!\d)(.+)$")
L4_RE = re.compile(r"^（(\d+)）(.+)$")
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
CHROME_RE = re.compile(r"【.*】|扫一扫|微信公众号|打印本页|关闭窗口|【|】")
HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，", "!": "！"})


@dataclass
class Block:
    """A numbered item (or a section heading) with the lines that follow it."""

    level: int
    num: str
    line: int
    head: str
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join([self.head, *(t for _, t in self.lines)])


@dataclass
class PlanDraft:
    """The drafted plan (``_line`` keys carry source lines) and located warnings."""

    value: dict
    warnings: list[tuple[int, str]] = field(default_factory=list)


def normalise(line: str) -> str:
    """Full-width punctuation (the notice's own is mixed); thousands separators removed."""
    line = re.sub(r"(?<=\d),(?=\d{3})", "", line.strip())
    line = line.translate(HALF_TO_FULL)
    return re.sub(r"^(\d+)\s*[.．]\s*", r"\1.", line)


def cn_number(text: str) -> int:
    """一 → 1 … 十九 → 19 (heading numbers)."""
    if text.startswith("十"):
        return 10 + (CN.index(text[1]) + 1 if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN.index(tens) + 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    return CN.index(text) + 1


def split_blocks(lines: list[str]) -> tuple[list[tuple[int, str]], list[Block]]:
    """The head lines (before the first 一、) and the numbered blocks, in order."""
    head: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for no, raw in enumerate(lines, 1):
        line = normalise(raw)
        if not line or CHROME_RE.search(line):
            # Blank, or the web page's own buttons (【 打印 】, 扫一扫…) around a copied notice.
            continue
        for level, rx in ((1, L1_RE), (2, L2_RE), (4, L4_RE), (3, L3_RE)):
            m = rx.match(line)
            if m and (level != 1 or len(m.group(2)) < 40 or blocks):
                blocks.append(Block(level, m.group(1), no, m.group(2)))
                break
        else:
            if blocks:
                blocks[-1].lines.append((no, line))
            else:
                head.append((no, line))
    return head, blocks


def read_head(head: list[tuple[int, str]], text: str, d: PlanDraft) -> dict:
    """Plan metadata from the notice's head."""
    info: dict = {}
    notice = next(((n, t) for n, t in head if t.endswith("通知")), None)
    if notice:
        info["notice"] = (notice[1], notice[0])
    m = re.search(r"印发(.+?)的通知$", notice[1]) if notice else None
    title = m.group(1) if m else next((t for _, t in head if t.endswith("方案")), None)
    if title is None:
        d.warnings.append((1, "未找到方案名称（…的通知 或 …方案），请填写 plan.title"))
        title = "工作方案（待填写）"
    info["title"] = (title, notice[0] if notice else 1)
    if not notice:
        info["notice"] = (f"关于印发{title}的通知", 1)
        d.warnings.append((1, "未找到以“的通知”结尾的标题，plan.notice 为推测"))
    issuer = next(
        (
            (n, t)
            for n, t in head
            if len(t) < 30 and re.search(r"(办公厅|办公室|人民政府|委员会)$", t)
        ),
        None,
    )
    info["issuer"] = issuer[::-1] if issuer else ("（待填写）", 1)
    if not issuer:
        d.warnings.append((1, "未找到印发单位（落款），请填写 plan.issuer"))
    date = next(((n, DATE_RE.match(t)) for n, t in head if DATE_RE.match(t)), None)
    if date:
        y, mo, dd = (int(x) for x in date[1].groups())
        info["issued"] = (f"{y:04d}-{mo:02d}-{dd:02d}", date[0])
    else:
        d.warnings.append((1, "未找到印发日期（如 2025年5月5日），请填写 plan.issued"))
    named = [x for x in re.findall(r"《([^》]+)》", text) if x != title]
    proposal = next((x for x in named if x.startswith("关于")), named[0] if named else None)
    line = next((n for n, t in enumerate(text.split("\n"), 1) if proposal and proposal in t), 1)
    info["proposal"] = (proposal or title, line)
    if not proposal:
        d.warnings.append((1, "未找到《》中的建议案名称，plan.proposal 暂用方案名称"))
    return info


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


@dataclass
class Section:
    kind: str
    block: Block
    children: list[Block] = field(default_factory=list)


def sections_of(blocks: list[Block]) -> list[Section]:
    out: list[Section] = []
    for b in blocks:
        if b.level == 1:
            out.append(Section(section_kind(b.head), b))
        elif out:
            out[-1].children.append(b)
        else:
            out.append(Section("tasks", Block(1, "", b.line, "工作任务"), [b]))
    return out


def _unit_text(block: Block) -> tuple[str, str | None, list[tuple[str, str]], int]:
    """(text without the unit clause, clause, role lines, clause line)."""
    roles: list[tuple[str, str]] = []
    kept: list[tuple[int, str]] = []
    role_line = block.line
    for no, t in block.lines:
        r = line_role(t)
        if r:
            roles.append(r)
            role_line = no
        else:
            kept.append((no, t))
    text = "".join([block.head, *(t for _, t in kept)])
    found = trailing_bracket(text)
    if found and is_unit_clause(found[1]):
        return found[0].rstrip("。") + "。", found[1], roles, kept[-1][0] if kept else block.line
    return text, None, roles, role_line


def _indicators(targets: list[Target], prefix: str, line: int) -> list[dict]:
    out: list[dict] = []
    for i, t in enumerate(targets, 1):
        ind: dict = {
            "id": f"{prefix}-{i}",
            "name": t.name,
            "target": t.target,
            "measure": t.measure,
        }
        if t.kind != "ytd":
            ind["kind"] = t.kind
        if t.qualifier:
            ind["qualifier"] = t.qualifier
        ind["_line"] = line
        if t.parts:
            parts = _indicators(t.parts, f"{prefix}-{i}", line)
            ind["parts"] = [p["id"] for p in parts]
            out.append(ind)
            out += parts
        else:
            out.append(ind)
    return out


def _refs(reg: Registry, names: list[str], line: int, notes: dict[str, str]) -> list[str]:
    out: list[str] = []
    for name in names:
        ref = reg.ref(name, line, notes.get(name))
        if ref not in out:
            out.append(ref)
    return out


def _task(
    block: Block, number: str, ident: str, section: str, reg: Registry, d: PlanDraft
) -> dict | None:
    text, clause_text, roles, line = _unit_text(block)
    if clause_text is None and not roles:
        return None
    clause = parse_clause(clause_text or "")
    for role, names in roles:
        listed = names_of(names, clause.notes)
        if role == "牵头单位":
            clause.lead += listed
        elif role == "责任领导":
            clause.leaders += listed
        else:
            clause.responsible += listed
    if not clause.lead and clause.responsible:
        clause.lead, clause.responsible = clause.responsible, []
    if clause.leaders:
        text += f"（责任领导：{'、'.join(clause.leaders)}）"
        d.warnings.append(
            (
                line,
                f"任务 {number} 的责任领导（{'、'.join(clause.leaders)}）没有对应字段，保留在任务原文中",
            )
        )
    title, dot, rest = text.partition("。")
    if not dot or len(title) > 40 or not rest:
        title, rest = text[:20].rstrip("，、；"), text
        d.warnings.append(
            (block.line, f"任务 {number} 没有“标题。正文”的写法，title 取原文开头，请改写")
        )
    lead = _refs(reg, clause.lead, line, clause.notes)
    responsible = [r for r in _refs(reg, clause.responsible, line, clause.notes) if r not in lead]
    targets, unread = find_targets(rest)
    for what in unread:
        d.warnings.append(
            (block.line, f"任务 {number} 中的“{what}”未作为指标，保留在任务原文中，请确认")
        )
    task = {
        "id": ident,
        "number": number,
        "section": section,
        "title": title,
        "text": rest,
        "lead": lead,
        "responsible": responsible,
        "indicators": _indicators(targets, ident, block.line),
        "_line": block.line,
    }
    return task


def _tasks(
    sec: Section, reg: Registry, d: PlanDraft, tasks: list[dict], loose: list[Block]
) -> None:
    l2: Block | None = None
    section = sec.block.head
    children = sec.children
    for i, b in enumerate(children):
        if b.level == 2:
            l2, section = b, b.head.rstrip("。")
            has_items = i + 1 < len(children) and children[i + 1].level >= 3
            if not has_items:
                n = cn_number(b.num)
                t = _task(b, f"（{b.num}）", f"t{n}", sec.block.head, reg, d)
                if t:
                    tasks.append(t)
                else:
                    loose.append(b)
        elif b.level == 3:
            if l2 is not None:
                number, ident = f"（{l2.num}）{b.num}", f"t{cn_number(l2.num)}-{b.num}"
            else:
                number, ident = b.num, f"t{b.num}"
            # (1) sub-items belong to the numbered item above them.
            j = i + 1
            while j < len(children) and children[j].level == 4:
                sub = children[j]
                b.lines.append((sub.line, f"（{sub.num}）{sub.head}"))
                b.lines += sub.lines
                j += 1
            t = _task(b, number, ident, section, reg, d)
            if t:
                tasks.append(t)
            else:
                loose.append(b)


def draft_plan(text: str) -> PlanDraft:
    """The plan a notice describes, as a dict shaped like data/targets.yaml."""
    d = PlanDraft({})
    lines = text.split("\n")
    head, blocks = split_blocks(lines)
    info = read_head(head, "\n".join(normalise(x) for x in lines), d)
    issued = info.get("issued", ("2000-01-01", 1))[0]
    year = int(issued[:4])
    city = re.match(r"^(.{2,4}?)市", info["issuer"][0])
    reg = Registry(city.group(1) if city else "")
    tasks: list[dict] = []
    loose: list[Block] = []
    goals_text, goals_line = "", 1
    stages: list[dict] = []
    requirements: list[str] = []
    sentences: list[tuple[int, str, str | None]] = []
    for sec in sections_of(blocks):
        if sec.kind == "goals":
            goals_text = "".join(
                [*(t for _, t in sec.block.lines), *(c.text for c in sec.children)]
            )
            goals_line = sec.block.lines[0][0] if sec.block.lines else sec.block.line
        elif sec.kind == "stages":
            for i, b in enumerate(c for c in sec.children if c.level <= 3):
                name, _, rest = b.text.partition("。")
                label = re.sub(r"（.*）$", "", name)
                start, end = stage_dates(name, year)
                stage = {"id": f"stage-{i + 1}", "name": label, "_line": b.line}
                if start:
                    stage["start"] = start
                if end:
                    stage["end"] = end
                else:
                    stage["_assumed"] = "end"
                    d.warnings.append(
                        (b.line, f"阶段“{label}”没有写明日期，end 暂取办理期结束，请确认")
                    )
                stage["text"] = rest or name
                stages.append(stage)
                for s in re.findall(r"[^。]+。?", rest):
                    sentences.append((b.line, s, stage["id"]))
        elif sec.kind == "requirements":
            body = [*sec.block.lines, *((c.line, c.text) for c in sec.children)]
            for no, t in body:
                requirements.append(t)
                sentences += [(no, s, None) for s in re.findall(r"[^。]+。?", t)]
        else:
            _tasks(sec, reg, d, tasks, loose)
    for b in loose:
        d.warnings.append(
            (
                b.line,
                f"第 {b.num} 项没有牵头单位或责任单位，未作为任务；原文保留在工作目标 text 中，请确认",
            )
        )
        goals_text += b.text
    if not tasks:
        d.warnings.append((1, "没有找到带“牵头单位／责任单位”的任务，请手工填写 tasks"))
    goals_targets, unread = find_targets(goals_text)
    for what in unread:
        d.warnings.append((goals_line, f"工作目标中的“{what}”未作为指标，保留在原文中，请确认"))
    goal_inds = _indicators(goals_targets, "g", goals_line)
    req_text = "".join(requirements)
    office_m = re.search(r"办公室(?:设在|设|在)(.+?)(?:办公|，|。)", req_text)
    office = reg.find(office_m.group(1)) or reg.ref(office_m.group(1), 1) if office_m else None
    if office is None:
        office = next(
            (
                r
                for t in tasks
                for r in t["lead"]
                if r not in {g["id"] for g in reg.groups.values()}
            ),
            None,
        )
        office = office or reg.ref("领导小组办公室（待填写）", 1)
        d.warnings.append((1, f"未找到“领导小组办公室在…办公”，plan.office 暂取 {office}，请确认"))
    group_m = re.search(r"的([^，。、的（]+?领导小组)（", req_text) or re.search(
        r"([^，。、的（]+?领导小组)", req_text
    )
    group_text = re.search(r"成立[^；。]*领导小组[^；。]*", req_text)
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
    starts = [s["start"] for s in stages if "start" in s]
    ends = [s["end"] for s in stages if "end" in s]
    start = min(starts) if starts else f"{issued[:7]}-01"
    end = max(ends) if ends else f"{year}-12-31"
    for s in stages:
        s.setdefault("end", end)
    lines_of = {k: v[1] for k, v in info.items()}
    plan = {
        "id": (initials(info["title"][0])[:24].strip("-") or "plan"),
        "title": info["title"][0],
        "proposal": info["proposal"][0],
        "notice": info["notice"][0],
        "issuer": info["issuer"][0],
        "issued": issued,
        "target_year": year,
        "start": start,
        "end": end,
        "leading_group": group_m.group(1) if group_m else "工作领导小组",
        "office": office,
        "_lines": lines_of,
    }
    if group_text:
        plan["leading_group_text"] = group_text.group(0)
    if req_text:
        plan["requirements"] = req_text
    if not group_m:
        d.warnings.append((1, "未找到领导小组名称，plan.leading_group 暂填“工作领导小组”"))
    deliverables = deliverables_of(sentences, year, d.warnings)
    for item in deliverables:
        if "due" not in item and item["kind"] == "once":
            stage = next((s for s in stages if s["id"] == item.get("stage")), None)
            item["due"] = stage["end"] if stage else end
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
