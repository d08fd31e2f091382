"""Numeric targets inside a task's text: 建设X10家、Y20家以上 → indicators. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .units import split_top

PRE_QUALIFIERS = ("不少于", "不超过", "控制在", "力争", "突破", "超过", "达到")
POST_QUALIFIERS = ("以上", "左右", "以内")
MEASURES = (
    "万亿元|亿元|万元|元|万平方米|平方米|平方公里|公里|万千瓦|千瓦|万吨|吨|万亩|亩|万人次|人次|万人|"
    "万户|户|万家|家|万个|个|名|项|条|篇|所|座|台|套|件|部|场|次|起|例|支|只|%|％"
)
CN_DIGITS = "零〇一二两三四五六七八九十百千万"
NUM_RE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?|[{CN_DIGITS}]+)(?P<measure>{MEASURES})(?P<post>以上|左右|以内)?"
)
# Verbs that start an indicator's name (建设概念验证中心 in 围绕…建设概念验证中心10家).
VERBS = (
    "建设|新建|建成|打造|创建|新增|培育|推动|部署|组建|设立|实施|吸引|开工|引进|完成|实现|"
    "举办|开展|认定|招引|带动|培训|签约|改造|增长|下降|达到|突破"
)
VERB_RE = re.compile(VERBS)


@dataclass
class Target:
    """One number the notice sets."""

    name: str
    target: float
    measure: str
    qualifier: str | None
    kind: str = "ytd"
    parts: list[Target] = field(default_factory=list)


def to_number(text: str) -> float | None:
    """``text`` (digits or Chinese numerals) as a number, or None."""
    if text[0].isdigit():
        return float(text)
    import cn2an

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def _name(before: str, after: str, cut: bool = True) -> str:
    """The indicator's name: from the last verb of ``before``, plus what follows the number."""
    for q in PRE_QUALIFIERS:
        if before.endswith(q):
            before = before[: -len(q)]
    starts = [m.start() for m in VERB_RE.finditer(before)] if cut else []
    # 推动设立: keep the verb run together; otherwise cut at the last verb.
    if starts:
        cut = starts[-1]
        while starts and len(starts) > 1 and starts[-2] + 2 == cut:
            starts.pop()
            cut = starts[-1]
        before = before[cut:]
    for q in PRE_QUALIFIERS:
        before = before.replace(q, "", 1) if before.startswith(q) else before
    return (before + after).strip("，、；：。 ") or before


def _qualifier(pre: str, post: str | None) -> str | None:
    if post:
        return post
    for q in PRE_QUALIFIERS:
        if q in pre:
            return q
    return None


def _accept(piece: str, m: re.Match) -> bool:
    """A Chinese numeral counts only right after a verb or a qualifier, or closing the piece."""
    if m.group("num")[0].isdigit():
        return not piece[: m.start()].endswith(("第", "前", "近"))
    before = piece[: m.start()]
    if before.endswith("第"):
        return False
    closing = m.end() == len(piece)
    return closing or bool(re.search(rf"(?:{VERBS}|{'|'.join(PRE_QUALIFIERS)})$", before))


def _one(
    piece: str, clause_pre: str, cut: bool = True, unread: list[str] | None = None
) -> Target | None:
    """The target of one enumerated piece: its last accepted number.

    Other numbers of the piece (the 8家 of 推动8家实验室产出成果10项) go to ``unread``.
    """
    found = [m for m in NUM_RE.finditer(piece) if _accept(piece, m)]
    if not found:
        return None
    m = found[-1]
    if unread is not None:
        unread += [x.group(0) for x in found[:-1]]
    value = to_number(m.group("num"))
    if value is None:
        return None
    measure = m.group("measure").replace("％", "%")
    if measure == "万亿元":
        # Parts of a total are usually in 亿元; one measure keeps them addable.
        value, measure = value * 10000, "亿元"
    before, after = piece[: m.start()], piece[m.end() :]
    # A rate's name is its whole subject (文旅消费总额增长), not what follows a verb.
    name = _name(before or clause_pre, after, cut and measure != "%")
    qual = _qualifier(clause_pre + before, m.group("post"))
    kind = "rate" if measure == "%" else "ytd"
    return Target(name or piece, value, measure, qual, kind)


def find_targets(text: str) -> tuple[list[Target], list[str]]:
    """Targets in ``text`` in order, and pieces with numbers it could not read."""
    out: list[Target] = []
    unread: list[str] = []
    for clause in split_top(text, "，。；"):
        # A total with its parts in brackets: 总规模突破2万亿元（A8500亿元、B6600亿元）.
        total = re.match(r"^(?P<head>.*?)（(?P<parts>[^（）]+)）$", clause)
        if total:
            parts = [_one(p, "", cut=False) for p in split_top(total.group("parts"), "、，")]
            head = _one(total.group("head"), "")
            if head and len(parts) >= 2 and all(parts):
                head.parts = [p for p in parts if p]
                out.append(head)
                continue
        pieces = _enumeration(clause)
        verb = ""
        for i, piece in enumerate(pieces):
            target = _one(piece, "", unread=unread)
            if target is None:
                continue
            lead = re.match(rf"^(?:{VERBS})", target.name)
            if i == 0 and lead:
                verb = lead.group(0)
            elif i > 0 and verb and not lead:
                target.name = verb + target.name
            if i > 0 and target.qualifier is None:
                target.qualifier = (
                    _qualifier(pieces[0][:10], None) if "力争" in pieces[0][:4] else None
                )
            out.append(target)
    return out, unread


def _enumeration(clause: str) -> list[str]:
    """``clause`` split at 、 right after a number (A10家、B20家 → two pieces)."""
    pieces, start = [], 0
    for m in NUM_RE.finditer(clause):
        if clause[m.end() : m.end() + 1] == "、":
            pieces.append(clause[start : m.end()])
            start = m.end() + 1
    pieces.append(clause[start:])
    return [p for p in pieces if p]
