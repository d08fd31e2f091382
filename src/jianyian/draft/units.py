"""Unit clauses of a notice: （牵头单位：X；责任单位：Y） and its variants → unit names.

Pure. Names become declared units (ASCII ids from pinyin initials) or groups
(names starting with 各). Nothing here knows any particular plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROLE_RE = re.compile(r"(责任领导|牵头单位|责任单位|配合单位|协办单位|参与单位)：")
# （X牵头，Y按职责分工负责） / （X牵头，Y配合）
LEADS_RE = re.compile(r"^(?P<lead>.+?)牵头(?:负责)?[，；]?(?P<rest>.*)$")
REST_TAIL_RE = re.compile(r"(按职责分工负责|按职责分工落实|按职责负责|配合|参与|负责|落实)$")
OPEN, CLOSE = "（〈“《[", "）〉”》]"


@dataclass
class Clause:
    """What one unit clause says: names in order, the leader, what it could not read."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # name → 〈note〉


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


def trailing_bracket(text: str) -> tuple[str, str] | None:
    """(text before, inside) when ``text`` ends with a balanced （…）, else None."""
    body = text.rstrip("。； ")
    if not body.endswith("）"):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] == "）":
            depth += 1
        elif body[i] == "（":
            depth -= 1
            if depth == 0:
                return body[:i], body[i + 1 : -1]
    return None


def is_unit_clause(inner: str) -> bool:
    """Does the bracket's content name units (rather than being part of the text)?"""
    return bool(ROLE_RE.search(inner) or (LEADS_RE.match(inner) and "，" in inner))


def names_of(text: str, notes: dict[str, str]) -> list[str]:
    """Unit names listed in ``text`` (、，；, split); 〈notes〉 kept in ``notes``."""
    out = []
    for piece in split_top(text, "、，；,;"):
        piece = piece.strip("。 ")
        m = re.match(r"^(.+?)[〈（](.+)[〉）]$", piece)
        if m and m.group(1).startswith("各"):
            piece = m.group(1)
            notes[piece] = re.sub(r"[，,]\s*下同$", "", m.group(2))
        if piece:
            out.append(piece)
    return out


def parse_clause(inner: str) -> Clause:
    """The units a clause names. No 牵头单位: the 责任单位 lead (无牵头单位的，责任单位即为牵头单位)."""
    clause = Clause()
    marks = list(ROLE_RE.finditer(inner))
    if marks:
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(inner)
            body = inner[m.end() : end].strip("，；。, ;")
            names = names_of(body, clause.notes)
            role = m.group(1)
            if role == "牵头单位":
                clause.lead += names
            elif role == "责任领导":
                clause.leaders += names
            else:
                clause.responsible += names
    elif m := LEADS_RE.match(inner):
        clause.lead = names_of(m.group("lead"), clause.notes)
        rest = REST_TAIL_RE.sub("", m.group("rest").strip("，；。"))
        clause.responsible = names_of(rest, clause.notes)
    if not clause.lead:
        clause.lead, clause.responsible = clause.responsible, []
    return clause


def line_role(line: str) -> tuple[str, str] | None:
    """(role, names) for a line that is only ``牵头单位：X`` / ``责任单位：Y``."""
    m = re.match(r"^(牵头单位|责任单位|配合单位|责任领导)：(.+)$", line.strip())
    return (m.group(1), m.group(2)) if m else None


def initials(name: str) -> str:
    """ASCII id from pinyin initials; digits and Latin letters kept; path-safe."""
    from pypinyin import Style, lazy_pinyin

    letters = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"))
    slug = re.sub(r"[^a-z0-9]+", "", letters.lower())
    return slug or "u"


def unit_kind(name: str) -> str:
    """The unit's category, from the end of its name."""
    if name.startswith(("市委", "中共")):
        return "party"
    if name.endswith(("集团", "公司")):
        return "enterprise"
    if name.endswith("区人民政府"):
        return "district"
    if name.endswith("管委会"):
        return "zone"
    return "department"


def short_name(name: str, city: str = "") -> str:
    """The name without a leading 市委, 市 or city name (市商务局 → 商务局, 某市X集团 → X集团)."""
    for prefix in ("市委", "市", *((city + "市", city) if city else ())):
        if name.startswith(prefix) and len(name) - len(prefix) >= 2:
            return name[len(prefix) :]
    return name


class Registry:
    """Units and groups in order of first mention, with stable deduplicated ids."""

    def __init__(self, city: str = "") -> None:
        self.city = city
        self.units: dict[str, dict] = {}
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

    def ref(self, name: str, line: int, note: str | None = None) -> str:
        """The id for ``name`` (declared on first use)."""
        if name.startswith("各"):
            canonical = name.replace("相关", "") if "相关" in name else name
            if canonical in self.alias:
                canonical = self.alias[canonical]
            group = self.groups.get(canonical)
            if group is None:
                base = initials(canonical[1:]) if len(canonical) > 1 else "g"
                group = {"id": self._new_id(base), "name": canonical, "aliases": [], "_line": line}
                self.groups[canonical] = group
            if name != canonical and name not in group["aliases"]:
                group["aliases"].append(name)
                self.alias[name] = canonical
            if note and "note" not in group:
                group["note"] = note
            return group["id"]
        unit = self.units.get(name)
        if unit is None:
            short = short_name(name, self.city)
            unit = {
                "id": self._new_id(initials(short)),
                "name": name,
                "short": short,
                "kind": unit_kind(name),
                "_line": line,
            }
            self.units[name] = unit
        return unit["id"]

    def find(self, name: str) -> str | None:
        """The id of an already declared unit named ``name`` (or its short name)."""
        for unit in self.units.values():
            if name in (unit["name"], unit["short"]):
                return unit["id"]
        return None
