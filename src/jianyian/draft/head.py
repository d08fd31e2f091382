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
NOTICE_END_RE = re.compile(r"(?:通知|意见|决定|函)$")
PLAN_END_RE = re.compile(r"(?:方案|分解表|清单|意见|要点|计划|责任分解|任务表)$")
ISSUER_RE = re.compile(r"(?:办公厅|办公室|人民政府|委员会|政府)$")


@dataclass
class Head:
    """What the head says, each with its 1-based line (1 when not found)."""

    notice: tuple[str, int] | None = None
    title: tuple[str, int] | None = None
    issuer: tuple[str, int] | None = None
    issued: tuple[date, int] | None = None
    year: int | None = None
    body: int = 0  # index of the first line of the plan
    cover: list[tuple[int, str]] = field(default_factory=list)  # the covering notice's paragraphs


def _is_item(line: str) -> bool:
    return bool(L1_RE.match(line) or L2_RE.match(line) or L3_RE.match(line) or "\t" in line)


def _date(line: str) -> date | None:
    m = DATE_LINE_RE.match(re.sub(r"\s+", "", line))
    if not m:
        return None
    try:
        return date(*(int(x) for x in m.groups()))
    except ValueError:
        return None


def read_head(lines: list[tuple[int, str]]) -> Head:
    """The head of the notice whose non-blank, normalised lines are ``lines``."""
    h = Head()
    if not lines:
        return h
    first_no, first = lines[0]
    start = 0
    if NOTICE_END_RE.search(first):
        h.notice = (first, first_no)
        start = 1
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
            return m.group(1).removeprefix("《").removesuffix("》"), h.notice[1]
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
    if h.notice:
        return h.notice
    return None
