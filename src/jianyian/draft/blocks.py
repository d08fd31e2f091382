"""A notice's body as numbered blocks, line by line. Pure.

一、 sections, （一） groups, 1. items and （1） sub-items, each with the lines that
follow it. An item is *closed* once its unit clause is read (a closing bracket after a
full sentence, or unit lines of its own): a paragraph after a closed item is not part
of it (the 工作要求 paragraph that closes a 分工意见, an unnumbered sub-heading), so one
item's text never runs into the next one's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .units import Clause, line_clause, parse_clause, trailing_brackets

CN = "一二三四五六七八九十"
L1_RE = re.compile(rf"^([{CN}]+)、(.+)$")
L2_RE = re.compile(rf"^（([{CN}]+)）(.+)$")
L3_RE = re.compile(r"^(\d{1,3})[.．、](?!\d+(?:\.\d+)?[%％])(.+)$")
L4_RE = re.compile(r"^（(\d{1,2})）(.+)$")
APPENDIX_RE = re.compile(r"^附件\s*\d*[：:]?.{0,40}$")


@dataclass
class Block:
    """A numbered item (or a section heading) with the lines that follow it."""

    level: int
    num: str
    line: int
    head: str
    lines: list[tuple[int, str]] = field(default_factory=list)
    clauses: list[tuple[int, Clause]] = field(default_factory=list)  # unit lines of its own
    closed: bool = False
    appendix: bool = False

    @property
    def text(self) -> str:
        return "".join([self.head, *(t for _, t in self.lines)])

    @property
    def head_text(self) -> str:
        """The head line without the unit clauses that close it."""
        before, groups = head_clauses(self.head)
        return before if groups else self.head


def head_clauses(text: str) -> tuple[str, list[Clause]]:
    """(text before, the unit clauses in the brackets closing ``text``)."""
    before, groups = trailing_brackets(text)
    clauses = []
    kept = len(groups)
    for inner in reversed(groups):
        clause = parse_clause(inner)
        if clause is None:
            break
        clauses.insert(0, clause)
        kept -= 1
    if not clauses:
        return text, []
    if kept:  # an inner bracket that is text (（站）): put it back
        before += "".join(f"（{g}）" for g in groups[:kept])
    return before, clauses


def cn_number(text: str) -> int:
    """一 → 1 … 十九 → 19 (heading numbers)."""
    if text.startswith("十"):
        return 10 + (CN.index(text[1]) + 1 if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN.index(tens) + 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    return CN.index(text) + 1


def _level(line: str) -> tuple[int, str, str] | None:
    for level, rx in ((1, L1_RE), (2, L2_RE), (4, L4_RE), (3, L3_RE)):
        m = rx.match(line)
        if m:
            return level, m.group(1), m.group(2)
    return None


def is_heading(line: str) -> bool:
    return _level(line) is not None


def split_blocks(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[Block], list[tuple[int, str]]]:
    """(lines before the first block, the blocks in order, loose lines after closed items)."""
    preamble: list[tuple[int, str]] = []
    blocks: list[Block] = []
    loose: list[tuple[int, str]] = []
    in_appendix = False
    for no, line in lines:
        if APPENDIX_RE.match(line) and blocks:
            in_appendix = True
            blocks.append(Block(1, "附件", no, line, appendix=True))
            continue
        found = _level(line)
        if found:
            level, num, head = found
            block = Block(level, num, no, head, appendix=in_appendix)
            if level >= 3:
                before, clauses = head_clauses(head)
                block.closed = bool(clauses) and "。" in before
            blocks.append(block)
            continue
        if not blocks:
            preamble.append((no, line))
            continue
        current = blocks[-1]
        clause = line_clause(line)
        if clause is not None:
            # A unit line belongs to the item above it, past its (1)(2) sub-items.
            owner = current
            if current.level == 4:
                owner = next((b for b in reversed(blocks) if b.level <= 3), current)
            owner.clauses.append((no, clause))
            owner.closed = owner.level >= 2
            continue
        if current.level >= 3 and current.closed:
            loose.append((no, line))
        else:
            current.lines.append((no, line))
    return preamble, blocks, loose
