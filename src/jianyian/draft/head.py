"""The head of a notice: its title, issuer, date and year, and where the plan begins. Pure.

A notice of the family is a covering notice (通知: title, 文号, addressees, a few
paragraphs that often define the rules and reporting duties, issuer, date) followed by
the plan itself (its title again, then 一、…), or a plan that is the document itself
(a 分工意见 whose date closes it). The year every undated deadline belongs to comes
from the plan's title (2023年区《政府工作报告》…) or else the notice's date line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .blocks import L1_RE, L2_RE, L3_RE

DATE_LINE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
#: A date written in Chinese numerals, as older notices close: 二○○六年四月二十八日.
CN_DATE_LINE_RE = re.compile(
    r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$"
)
NOTICE_END_RE = re.compile(r"(?:通知|意见|决定|函)$")
PLAN_END_RE = re.compile(r"(?:方案|分解表|清单|意见|要点|计划|责任分解|任务表|工作事项|分工)$")
ISSUER_RE = re.compile(r"(?:办公厅|办公室|人民政府|委员会|政府)$")
#: What may stand above a notice's title: its 文号 (穗府办〔2006〕19号) or the 版头
#: (鞍山市立山区人民政府文件).
HEADER_LINE_RE = re.compile(r"(?:〔\d{4}〕\d+号|\[\d{4}\]\d+号|文件)$")
_CN_DIGITS = {
    c: n
    for n, cs in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
    for c in cs
}


@dataclass
class Head:
    """What the head says, each with its 1-based line (1 when not found)."""

    notice: tuple[str, int] | None = None
    title: tuple[str, int] | None = None
    issuer: tuple[str, int] | None = None
    issued: tuple[date, int] | None = None
    year: int | None = None
    body: int = 0  # index of the first line of the plan
    end: int | None = None  # index after its last line (its own 落款 cut off); None: the end
    cover: list[tuple[int, str]] = field(default_factory=list)  # the covering notice's paragraphs


def _is_item(line: str) -> bool:
    return bool(L1_RE.match(line) or L2_RE.match(line) or L3_RE.match(line) or "\t" in line)


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十八 → 28 (a month's or a day's number)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _date(line: str) -> date | None:
    line = re.sub(r"\s+", "", line)
    try:
        if m := DATE_LINE_RE.match(line):
            return date(*(int(x) for x in m.groups()))
        if m := CN_DATE_LINE_RE.match(line):
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            return date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
    except (KeyError, ValueError):
        return None
    return None


def _notice_line(lines: list[tuple[int, str]]) -> int | None:
    """Index of the covering notice's title: the first line, or the first after its 文号
    and 版头 lines."""
    for i, (_, text) in enumerate(lines[:3]):
        if NOTICE_END_RE.search(text) and not text.endswith("。"):
            return i
        if not HEADER_LINE_RE.search(text):
            return None
    return None


def read_head(lines: list[tuple[int, str]]) -> Head:
    """The head of the notice whose non-blank, normalised lines are ``lines``."""
    h = Head()
    if not lines:
        return h
    start = 0
    at_notice = _notice_line(lines)
    if at_notice is not None:
        h.notice = (lines[at_notice][1], lines[at_notice][0])
        start = at_notice + 1
    at = next((i for i, (_, t) in enumerate(lines) if _date(t)), None)
    if at is not None:
        h.issued = (_date(lines[at][1]), lines[at][0])  # type: ignore[assignment]
        issuer = next(
            (
                (t, n)
                for n, t in reversed(lines[max(0, at - 3) : at])
                if len(t) < 30 and ISSUER_RE.search(t)
            ),
            None,
        )
        h.issuer = issuer
    after = at + 1 if at is not None else len(lines)
    if at is not None and any(_is_item(t) for _, t in lines[after:]):
        h.body = after
        h.cover = [(n, t) for n, t in lines[start:at] if not (h.issuer and t == h.issuer[0])]
    else:
        # The plan is the document itself (a 分工意见): it starts at its first heading.
        h.body = next(
            (
                i
                for i, (_, t) in enumerate(lines[start:], start)
                if (m := L1_RE.match(t)) and len(m.group(2)) < 40
            ),
            start,
        )
        h.cover = list(lines[start : h.body])
        if at is not None:
            # Its own 落款 closes it: the issuer and the date are no part of its last section.
            signed = [
                i for i in range(max(0, at - 3), at) if h.issuer and lines[i][1] == h.issuer[0]
            ]
            h.end = signed[0] if signed else at
    h.title = _title(lines, h)
    year_from = [h.title[0] if h.title else "", h.notice[0] if h.notice else ""]
    for text in year_from:
        m = re.search(r"(20\d{2})年", text)
        if m:
            h.year = int(m.group(1))
            break
    else:
        h.year = h.issued[0].year if h.issued else None
    return h


def _title(lines: list[tuple[int, str]], h: Head) -> tuple[str, int] | None:
    """The plan's title: named by the notice (印发X的通知), else the first title-like lines of
    the plan (one title may be broken over two lines), else the notice's own title."""
    if h.notice:
        m = re.search(r"印发(.+?)的通知$", h.notice[0])
        if m:
            return m.group(1).strip().removeprefix("《").removesuffix("》"), h.notice[1]
    body = lines[h.body :]
    for i, (no, text) in enumerate(body[:6]):
        if _is_item(text):
            break
        if text.startswith("附件") and len(text) <= 4:
            continue
        if PLAN_END_RE.search(text) and len(text) < 60:
            return text, no
        if i + 1 < len(body) and PLAN_END_RE.search(text + body[i + 1][1]) and len(text) < 40:
            return text + body[i + 1][1], no
    # A plan that is the document itself has its title above its first heading.
    for no, text in h.cover[:3]:
        if PLAN_END_RE.search(text) and len(text) < 60 and not _is_item(text):
            return text, no
    if h.notice:
        return h.notice
    return None
