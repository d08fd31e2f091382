"""Numeric targets inside a task's text: 建设X10家、Y20家以上 → indicators. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models.plan import QUALIFIER_COMPARATOR
from .units import split_top

PRE_QUALIFIERS = (
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "控制在",
    "力争",
    "突破",
    "超过",
    "达到",
    "保持在",
    "保持",
    "稳定在",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "压缩至",
    "压缩到",
    "降至",
    "降低到",
    "下降到",
)
POST_QUALIFIERS = ("以上", "左右", "以内", "以下")
#: The notice's words as the plan's ``qualifier`` (its vocabulary, models/plan.py).
QUALIFIER_WORD = {
    "保持在": "保持",
    "提高至": "提高到",
    "提升到": "提升至",
    "压缩到": "压缩至",
}
# The words that make a ceiling or a floor one cannot reach exactly: the plan's table, and
# the verbs of a decrease the table does not hold as qualifiers.
AT_MOST = (
    *(q for q, c in QUALIFIER_COMPARATOR.items() if c == "at_most"),
    "压缩到",
    "降至",
    "降低到",
    "下降到",
)
MORE_THAN = tuple(q for q, c in QUALIFIER_COMPARATOR.items() if c == "more_than")
# A rate whose lower value is better: 失业率5.5%左右, 居民消费价格涨幅2%左右 are ceilings.
CEILING_NAME_RE = re.compile(r"失业率|价格涨幅|物价涨幅|浓度|死亡率|发生率|负债率")
# Longer measures first: the first alternative that matches wins.
MEASURES = (
    "万亿元|亿元|万元|元|万标箱|标箱|亿吨|万吨|吨|万平方米|平方米|平方公里|万公里|公里|"
    "万千瓦|千瓦|万亩|亩|万人次|人次|万人|人|万户|户|万家|家|万个|个工作日|工作日|个百分点|万个|个|"
    "名|项|条|篇|所|座|台|套|间|件|部|场|次|起|例|支|只|处|张|对|辆|艘|架|"
    "微克/立方米|%|％"
)
CN_DIGITS = "零〇一二两三四五六七八九十百千万"
NUM_RE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?|[{CN_DIGITS}]+)(?P<measure>{MEASURES})(?P<paren>（[^（）]{{1,2}}）)?"
    r"(?P<post>以上|左右|以内|以下)?(?![\d０-９])"
)
SCIENTIFIC_RE = re.compile(r"\d+(?:\.\d+)?[eE][+\-]?\d+")
#: Larger than this in its own measure, a number is a copying error, not a target.
ABSURD = 1e9
# Verbs that start an indicator's name (建设概念验证中心 in 围绕…建设概念验证中心10家).
VERBS = (
    "新开工|新开通|新认定|新培育|新引进|"
    "建设|新建|建成|打造|创建|新增|培育|推动|部署|组建|设立|实施|吸引|开工|引进|完成|实现|"
    "举办|开展|认定|招引|带动|培训|签约|改造|增长|下降|达到|突破"
)
VERB_RE = re.compile(VERBS)
DATE_LEAD_RE = re.compile(
    r"^(?:(?:20\d{2}年)?\d{1,2}月(?:\d{1,2}日|底|末|上旬|中旬|下旬)?(?:前|之前)?"
    r"|年内|年底前|上半年|下半年|第?[一二三四]季度)"
)
# The characters of a verb run a second enumerated piece shares (新建改扩建幼儿园3所、中小学2所).
VERB_CHARS = "新改扩建增设培育引进打造创开工完成实施举办认定组部署推动招带训签"


@dataclass
class Target:
    """One number the notice sets."""

    name: str
    target: float
    measure: str
    qualifier: str | None
    kind: str = "ytd"
    parts: list[Target] = field(default_factory=list)
    comparator: str | None = None  # said only when the qualifier alone would mislead


@dataclass
class Found:
    """What a text's numbers gave: targets, numbers it could not place, numbers it refused."""

    targets: list[Target] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    absurd: list[str] = field(default_factory=list)


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
        if re.fullmatch(rf"(?:{VERBS})+", before[cut:]) and not after.strip("，、；：。 "):
            # 完成…规范化建设8处: the last verb alone is no name; take the phrase from the one before.
            earlier = [s for s in starts if s < cut]
            cut = earlier[-1] if earlier else 0
        before = before[cut:]
    for q in PRE_QUALIFIERS:
        before = before.replace(q, "", 1) if before.startswith(q) else before
    # 10月底前完成年度投资计划的85%: the deadline is not part of the name.
    before = DATE_LEAD_RE.sub("", before).removesuffix("的")
    return (before + after).strip("，、；：。 ") or before


def _qualifier(pre: str, post: str | None) -> str | None:
    if post:
        return post
    for q in PRE_QUALIFIERS:
        if q in pre:
            return QUALIFIER_WORD.get(q, q)
    return None


def _comparator(words: str, name: str) -> str:
    """at_most / more_than / at_least from every qualifying word around the number."""
    if any(q in words for q in AT_MOST):
        return "at_most"
    if "左右" in words and CEILING_NAME_RE.search(name) and "下降" not in name:
        return "at_most"
    if any(q in words for q in MORE_THAN):
        return "more_than"
    return "at_least"


def _accept(piece: str, m: re.Match) -> bool:
    """A Chinese numeral counts only right after a verb or a qualifier, or closing the piece;
    a lone 一 is an article (一批, 一张网), not a number."""
    if m.group("num")[0].isdigit():
        return not piece[: m.start()].endswith(("第", "前", "近"))
    if m.group("num") == "一":
        return False
    before = piece[: m.start()]
    if before.endswith("第"):
        return False
    closing = m.end() == len(piece)
    return closing or bool(re.search(rf"(?:{VERBS}|{'|'.join(PRE_QUALIFIERS)})$", before))


def _one(
    piece: str,
    clause_pre: str,
    cut: bool = True,
    unread: list[str] | None = None,
    absurd: list[str] | None = None,
) -> Target | None:
    """The target of one enumerated piece: its last accepted number.

    Other numbers of the piece (the 8家 of 推动8家实验室产出成果10项) go to ``unread``; a
    number no plan sets (99999999999万亿元) goes to ``absurd`` and gives no target.
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
    measure = m.group("measure").replace("％", "%") + (m.group("paren") or "")
    if measure == "万亿元":
        # Parts of a total are usually in 亿元; one measure keeps them addable.
        value, measure = value * 10000, "亿元"
    if value > ABSURD or len(m.group("num").split(".")[0]) > 10:
        if absurd is not None:
            absurd.append(m.group(0))
        return None
    before, after = piece[: m.start()], piece[m.end() :]
    # A rate's name is its whole subject (文旅消费总额增长), not what follows a verb.
    name = _name(before or clause_pre, after, cut and measure != "%")
    qual = _qualifier(clause_pre + before, m.group("post"))
    kind = "rate" if measure == "%" else "ytd"
    target = Target(name or piece, value, measure, qual, kind)
    said = next((q for q in PRE_QUALIFIERS if before.endswith(q)), "")
    said += "力争" if "力争" in clause_pre + before[:4] else ""
    comparator = _comparator(said + (m.group("post") or ""), target.name)
    if comparator != QUALIFIER_COMPARATOR.get(qual or "", "at_least"):
        target.comparator = comparator
    return target


def _positive_growth(clause: str) -> Target | None:
    """进出口实现正增长: a rate above zero."""
    m = re.fullmatch(r"(?P<what>.+?)(?:实现|保持)?正增长", clause)
    if not m or re.search(r"\d", clause):
        return None
    return Target(m.group("what") + "增长", 0, "%", None, "rate", comparator="more_than")


def find_targets(text: str) -> Found:
    """Targets in ``text`` in order, numbers it could not place, and numbers it refused."""
    out = Found()
    for clause in split_top(text, "，。；"):
        # 1e308台: a number in scientific notation is a copying error; hide it from the rest.
        for m in SCIENTIFIC_RE.finditer(clause):
            out.absurd.append(clause[m.start() : m.end() + 2].rstrip("，。；"))
        clause = SCIENTIFIC_RE.sub("□", clause)
        growth = _positive_growth(clause)
        if growth:
            out.targets.append(growth)
            continue
        # A total with its parts in brackets: 总规模突破2万亿元（A8500亿元、B6600亿元）.
        total = re.match(r"^(?P<head>.*?)（(?P<parts>[^（）]+)）$", clause)
        if total:
            parts = [_one(p, "", cut=False) for p in split_top(total.group("parts"), "、，")]
            head = _one(total.group("head"), "")
            if head and len(parts) >= 2 and all(parts):
                head.parts = [p for p in parts if p]
                out.targets.append(head)
                continue
        pieces = _enumeration(clause)
        verb = ""
        first: Target | None = None
        these: list[Target] = []
        for i, piece in enumerate(pieces):
            target = _one(piece, "", unread=out.unread, absurd=out.absurd)
            if target is None:
                continue
            lead = re.match(rf"^(?:{VERBS})", target.name)
            if i == 0:
                first = target
                run = re.match(rf"^[{VERB_CHARS}]+", target.name)
                verb = run.group(0) if lead and run else (lead.group(0) if lead else "")
            elif first is not None and not re.search(r"[^\d.%]", target.name):
                # 分别增长7%、8%: the second rate has the first one's subject.
                target.name = first.name
            elif verb and not lead:
                target.name = verb + target.name
            if i > 0 and target.qualifier is None:
                target.qualifier = (
                    _qualifier(pieces[0][:10], None) if "力争" in pieces[0][:4] else None
                )
            these.append(target)
        _respectively(these)
        out.targets += these
    return out


def _respectively(targets: list[Target]) -> None:
    """城乡居民人均可支配收入分别增长7%、8%: 城镇… 7%, 农村… 8%."""
    if not targets or "分别" not in targets[0].name:
        return
    base = targets[0].name.replace("分别", "")
    for t in targets:
        t.name = base
    if base.startswith("城乡") and len(targets) == 2:
        targets[0].name, targets[1].name = "城镇" + base[2:], "农村" + base[2:]


def _enumeration(clause: str) -> list[str]:
    """``clause`` split at 、 right after a number (A10家、B20家 → two pieces)."""
    pieces, start = [], 0
    for m in NUM_RE.finditer(clause):
        if clause[m.end() : m.end() + 1] == "、":
            pieces.append(clause[start : m.end()])
            start = m.end() + 1
    pieces.append(clause[start:])
    return [p for p in pieces if p]
