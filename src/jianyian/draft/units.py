"""Unit clauses of a notice → unit names, in every way the family writes them. Pure.

- labels: ``（牵头单位：X；责任单位：Y）``, ``[责任单位:…]``, ``【牵头单位：…】【完成时限：…】``,
  or the same labels on lines of their own (``牵头单位：X`` / ``配合单位：Y``);
- sentences: ``（X、Y牵头，Z按职责分工负责；W牵头，V配合）``, ``部门分工：X牵头，Y配合。``,
  ``（X主办，Y协办）``, with leaders (``分管副市长负责``), a time limit (``年内持续推进``)
  and reporting duties (``每季度通报一次进展``) in the same brackets;
- people in unit slots (责任领导, 牵头市领导, 分管市领导, 牵头领导) are leaders, never units.

Names become declared units (ASCII ids from pinyin initials) or groups (各区人民政府,
区直各部门, 相关乡镇办). A name written without the plan's 市/区/县 prefix is the same
unit as the prefixed one (国土房管局 is 市国土房管局), and a department listed right after
a prefixed one shares its prefix (市发改委、国土房管局、规划局: 市规划局). Nothing here
knows any particular plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEAD_LABELS = ("牵头责任单位", "牵头单位", "主办单位", "牵头部门")
RESPONSIBLE_LABELS = (
    "协同责任单位",
    "责任单位",
    "配合单位",
    "协办单位",
    "参与单位",
    "协同单位",
    "责任部门",
    "配合部门",
)
LEADER_LABEL = r"牵头负责领导|(?:牵头|分管|责任|联系)[市区县省]?领导|责任人"
TIME_LABELS = ("完成时限", "完成时间", "时限要求", "时限")
LABEL_RE = re.compile(
    rf"(?P<label>{LEADER_LABEL}|{'|'.join((*LEAD_LABELS, *RESPONSIBLE_LABELS, *TIME_LABELS))}"
    r"|部门分工|责任分工)："
)
# The verb that closes a segment of a sentence clause, and the role it gives.
SEGMENT_RE = re.compile(
    r"^(?P<names>.+?)(?P<verb>分别牵头|牵头负责|牵头|主办|协办|配合|参与|协同"
    r"|等?按职责分工负责|等?按职责分工落实|等?按职责负责|分别负责|负责本辖区落实|负责落实|负责)$"
)
PERSON_RE = re.compile(
    r"(?:副?(?:市|区|县|省|州)长|秘书长|书记|主任|局长|领导|分管副?[市区县省]?长)$"
)
# A name is a unit (or a group of units) when it ends like one.
UNIT_END_RE = re.compile(
    r"(?:局|委|办|厅|室|部|院|所|中心|政府|管委会|集团|公司|单位|部门|分局|支队|大队|海关"
    r"|专班|街道|乡镇|办事处|委员会|银行|法院|检察院|会|站|处|队|馆|社|团|组|各区|各县)$"
)
# A department whose name can share the prefix of the unit before it in a list.
DEPARTMENT_END_RE = re.compile(r"(?:局|委|办|厅|室|中心)$")
LEVELS = "市区县"
OPEN, CLOSE = "（〈“《【", "）〉”》】"
BLANK_CELLS = {"", "/", "／", "—", "－", "-", "无", "——"}


@dataclass
class Clause:
    """What one unit clause says: names in their roles, leaders, the time limit, duties."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # group name → 〈note〉
    time: list[str] = field(default_factory=list)  # 年内持续推进, 2025年10月底前完成
    duties: list[str] = field(default_factory=list)  # 每季度通报一次进展
    all_lead: bool = False  # 分别牵头 / 分别负责: every unit named leads
    said_lead: bool = False  # the clause names its lead units itself

    @property
    def empty(self) -> bool:
        return not (self.lead or self.responsible or self.leaders or self.time)

    def merge(self, other: Clause) -> None:
        self.lead += [n for n in other.lead if n not in self.lead]
        self.responsible += [n for n in other.responsible if n not in self.responsible]
        self.leaders += [n for n in other.leaders if n not in self.leaders]
        self.notes.update(other.notes)
        self.time += other.time
        self.duties += other.duties
        self.all_lead = self.all_lead or other.all_lead
        self.said_lead = self.said_lead or other.said_lead


def split_top(text: str, seps: str) -> list[str]:
    """``text`` split on any of ``seps`` outside brackets and quotes; pieces stripped."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [p for p in out if p]


def trailing_brackets(text: str) -> tuple[str, list[str]]:
    """(text before, the contents of the balanced （…）/【…】 groups that close ``text``)."""
    body = text.rstrip("。；， ")
    groups: list[str] = []
    while body and body[-1] in "）】":
        close = body[-1]
        opening = "（" if close == "）" else "【"
        depth = 0
        for i in range(len(body) - 1, -1, -1):
            if body[i] == close:
                depth += 1
            elif body[i] == opening:
                depth -= 1
                if depth == 0:
                    groups.insert(0, body[i + 1 : -1])
                    body = body[:i].rstrip("；， ")
                    break
        else:
            break
    return body, groups


def looks_like_unit(name: str) -> bool:
    return bool(UNIT_END_RE.search(name)) or name.startswith(("各", "相关", "有关"))


def names_of(text: str, notes: dict[str, str]) -> list[str]:
    """Unit names listed in ``text`` (、，；and 和／及 between units); 〈notes〉 kept in ``notes``."""
    out: list[str] = []
    pieces: list[str] = []
    for piece in split_top(text, "、，；"):
        # 市级有关部门和各县区政府: two names; 区自然资源和规划局: one.
        parts = re.split(r"(?<=[局委办厅部门位府心团])(?:和|及|以及)(?=[各市区县省])", piece)
        pieces += parts
    # 各县、区人民政府 is one group, written with a 、 inside it.
    joined: list[str] = []
    for piece in pieces:
        if joined and re.fullmatch(r"各[市县区乡镇]", joined[-1]) and piece[:1] in "市县区乡镇":
            joined[-1] += "、" + piece
        else:
            joined.append(piece)
    for piece in joined:
        piece = re.sub(r"\s+", "", piece.strip("。 "))
        piece = re.sub(r"等$", "", piece)
        m = re.match(r"^(.+?)[〈（](.+)[〉）]$", piece)
        # 各区人民政府〈含开发区，下同〉: a note on the group; 各街道（乡）: part of its name.
        if m and m.group(1).startswith("各") and re.match(r"含|包括|不含|下同|.{5,}", m.group(2)):
            piece = m.group(1)
            notes[piece] = re.sub(r"[，,]\s*下同$", "", m.group(2))
        if piece and piece not in BLANK_CELLS:
            out.append(piece)
    return out


def _segment(seg: str, clause: Clause) -> bool:
    """Read one segment of a sentence clause into ``clause``; False when it says no units."""
    from .dates import POINT_RE, WORD_RE, open_ended

    seg = seg.strip("。 ")
    if not seg:
        return True
    if re.search(r"每(?:个)?(?:季度|月|半年)", seg) and re.search(r"报|通报|报告", seg):
        clause.duties.append(seg)
        return True
    if POINT_RE.match(seg) or WORD_RE.match(seg) or open_ended(seg):
        clause.time.append(seg)
        return True
    m = SEGMENT_RE.match(seg)
    if not m:
        return False
    names = names_of(m.group("names"), clause.notes)
    verb = m.group("verb")
    if names and all(PERSON_RE.search(n) for n in names):
        clause.leaders += names
        return True
    if not all(looks_like_unit(n) for n in names):
        return False
    if verb in ("分别牵头", "牵头负责", "牵头", "主办"):
        clause.lead += names
        clause.said_lead = True
        clause.all_lead = clause.all_lead or verb == "分别牵头"
    else:
        clause.responsible += names
        clause.all_lead = clause.all_lead or verb == "分别负责"
    return True


def parse_sentence(text: str) -> Clause | None:
    """``X、Y牵头，Z按职责分工负责；…``: the clause, or None when it does not name units."""
    clause = Clause()
    for seg in split_top(text, "，；。"):
        if not _segment(seg, clause):
            return None
    if not (clause.lead or clause.responsible):
        return None
    return clause


def parse_labelled(text: str) -> Clause | None:
    """``牵头单位：X；责任单位：Y；完成时限：Z``: the clause, or None without a label."""
    marks = list(LABEL_RE.finditer(text))
    if not marks or text[: marks[0].start()].strip():
        return None
    clause = Clause()
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end() : end].strip("，；。 ")
        label = m.group("label")
        if label in TIME_LABELS:
            if body and body not in BLANK_CELLS:
                clause.time.append(body)
            continue
        if label in ("部门分工", "责任分工"):
            inner = parse_sentence(body)
            if inner is None:
                return None
            clause.merge(inner)
            continue
        if re.fullmatch(LEADER_LABEL, label):
            clause.leaders += names_of(body, clause.notes)
            continue
        all_lead = re.search(r"分别牵头$", body)
        body = re.sub(r"(?:分别)?牵头$", "", body)
        names = names_of(body, clause.notes)
        if label in LEAD_LABELS or all_lead:
            clause.lead += names
            clause.said_lead = True
            clause.all_lead = clause.all_lead or bool(all_lead)
        else:
            clause.responsible += names
    return clause


def parse_clause(inner: str) -> Clause | None:
    """The units a bracket's content names, or None when it is part of the text."""
    return parse_labelled(inner) or parse_sentence(inner)


def line_clause(line: str) -> Clause | None:
    """A line that is only a unit clause: ``牵头单位：X``, ``（责任单位：Y）``, ``【…】【…】``."""
    line = line.strip()
    if line[:1] not in "（【":
        return parse_labelled(line)
    before, groups = trailing_brackets(line)
    if before or not groups:
        return None
    clause = Clause()
    for inner in groups:
        part = parse_clause(inner)
        if part is None:
            return None
        clause.merge(part)
    return clause


def settle_roles(clause: Clause, first_leads: bool) -> None:
    """Who leads when the clause does not say: 无牵头单位的，责任单位即为牵头单位;
    or, when the notice says so, 列第一位的为牵头单位."""
    if clause.all_lead and not clause.said_lead:
        clause.lead, clause.responsible = clause.lead + clause.responsible, []
    if clause.lead or not clause.responsible:
        return
    if first_leads and not clause.all_lead:
        clause.lead, clause.responsible = clause.responsible[:1], clause.responsible[1:]
    else:
        clause.lead, clause.responsible = clause.responsible, []


def initials(name: str) -> str:
    """ASCII id from pinyin initials; digits and Latin letters kept; path-safe."""
    from pypinyin import Style, lazy_pinyin

    letters = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"))
    slug = re.sub(r"[^a-z0-9]+", "", letters.lower())
    return slug or "u"


def unit_kind(name: str) -> str:
    """The unit's category, from the end of its name."""
    if name.startswith(("市委", "中共", "区委", "县委")):
        return "party"
    if name.endswith(("集团", "公司")):
        return "enterprise"
    if re.search(r"[区县市]人民政府$|[区县]政府$", name) and len(name) > 4:
        return "district"
    if name.endswith("管委会"):
        return "zone"
    return "department"


def short_name(name: str, city: str = "", level: str = "市") -> str:
    """The name without a leading 市委, 市 (the plan's level) or city name (市商务局 → 商务局)."""
    for prefix in (f"{level}委", level, *((city + level, city) if city else ())):
        if name.startswith(prefix) and len(name) - len(prefix) >= 2:
            return name[len(prefix) :]
    return name


def is_group(name: str) -> bool:
    """各区人民政府, 区直各部门, 相关乡镇办, 市级有关部门: a name that stands for many units."""
    return name.startswith(("各", "相关", "有关")) or bool(re.search(r"各|有关|相关", name))


class Registry:
    """Units and groups in order of first mention, with stable deduplicated ids.

    ``level`` is the plan's own prefix (市, 区 or 县, from the issuer): a name written
    without it is the same unit as the name with it.
    """

    def __init__(self, city: str = "", level: str = "市") -> None:
        self.city = city
        self.level = level
        self.units: dict[str, dict] = {}  # core name → unit
        self.groups: dict[str, dict] = {}
        self.alias: dict[str, str] = {}  # alias name → group name
        self.ids: set[str] = set()

    def _new_id(self, base: str) -> str:
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    def core(self, name: str) -> str:
        """The name without the plan's level prefix: the key one unit is known by."""
        if name.startswith(self.level) and len(name) > len(self.level) + 1:
            rest = name[len(self.level) :]
            if not rest.startswith(("委", "政府", "人民政府")):
                return rest
        return name

    def inherit(self, names: list[str]) -> list[str]:
        """A department listed right after a prefixed unit shares its prefix (S9: 市发改委、规划局)."""
        out: list[str] = []
        for name in names:
            prev = out[-1] if out else ""
            if (
                prev.startswith(self.level)
                and not is_group(name)
                and not name.startswith((*LEVELS, "团", "中共"))
                and DEPARTMENT_END_RE.search(name)
                and not re.search(r"[市区县省]委$", name)
                and not (self.city and name.startswith(self.city))
            ):
                name = self.level + name
            out.append(name)
        return out

    def ref(self, name: str, line: int, note: str | None = None) -> str:
        """The id for ``name`` (declared on first use)."""
        if is_group(name):
            return self._group(name, line, note)
        key = self.core(name)
        unit = self.units.get(key)
        if unit is None:
            short = short_name(name, self.city, self.level)
            unit = {
                "id": self._new_id(initials(short)),
                "name": name,
                "short": short,
                "kind": unit_kind(name),
                "_line": line,
            }
            self.units[key] = unit
        elif name != unit["name"] and name.startswith(self.level):
            # First written without the prefix, later with it: the full name wins.
            unit["name"] = name
            unit["kind"] = unit_kind(name)
        return unit["id"]

    def _group(self, name: str, line: int, note: str | None) -> str:
        canonical = name
        if "相关" in name and name.replace("相关", "") in self.groups:
            canonical = name.replace("相关", "")
        canonical = self.alias.get(canonical, canonical)
        group = self.groups.get(canonical)
        if group is None:
            stem = re.sub(r"^(?:各|相关|有关)", "", canonical) or canonical
            group = {
                "id": self._new_id(initials(stem)),
                "name": canonical,
                "aliases": [],
                "_line": line,
            }
            self.groups[canonical] = group
        if name != canonical and name not in group["aliases"]:
            group["aliases"].append(name)
            self.alias[name] = canonical
        if note and "note" not in group:
            group["note"] = note
        return group["id"]

    def find(self, name: str) -> str | None:
        """The id of an already declared unit named ``name`` (or its short name)."""
        unit = self.units.get(self.core(name))
        if unit is not None:
            return unit["id"]
        for unit in self.units.values():
            if name in (unit["name"], unit["short"]):
                return unit["id"]
        return None
