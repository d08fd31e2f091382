"""Dates in a notice's words: 10月底前, 2023年1月15日前, 明年7月, 年内, 3月中旬—4月上旬. Pure.

A date without a year belongs to the notice's year (from its title or its date
line); 明年 is the year after. Readings that are a choice say so (``how``), and
readings that are a guess or impossible carry a warning (``warning``):

- ``X月底前`` / ``X月底`` / ``X月末``: the last day of month X;
- ``X月D日前``: that day (the day itself still counts, as offices read it);
- ``X月前``: literally the last day before month X; when that is before the notice
  was issued (``2025年5月前`` in a notice of 5 May), the end of month X, as an assumption;
- ``上旬`` / ``中旬`` / ``下旬``: days 1–10, 11–20, 21–end;
- ``年内`` / ``年底前`` / ``年内持续推进``: 31 December; ``上半年``: 30 June; ``一季度``: 31 March;
- ``9月31日``: a day that does not exist, read as the month's last day, with a warning;
- ``2025415日前``: digits a web copy ran together, never read, with a warning;
- bare ``持续推进`` or ``每季度`` is not a date.
"""

from __future__ import annotations

import calendar as cal
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH = r"(?P<m>1[0-2]|0?[1-9])月(?:份)?"
_DAY = r"(?:(?P<d>[1-3]?\d)日|(?P<x>上旬|中旬|下旬|底|末))?"
POINT_RE = re.compile(
    rf"(?:(?P<rel>明年|次年|今年)|(?<![\d.])(?P<y>20\d{{2}})年)?(?<![\d.]){_MONTH}{_DAY}"
    r"(?P<before>前|之前|以前)?"
)
# Digits a web copy ran together (the page kept 年 and 月 in their own tags): never a date.
DAMAGED_RE = re.compile(r"(?<![\d.])20\d{2}\d{1,4}[月日]")
WORD_RE = re.compile(
    r"(?P<w>年内持续推进|年内|今年年底前|今年底前|年底前|年底|年末|本年度内|上半年|下半年"
    r"|第?[一二三四]季度末?|秋季学期前|秋季开学前)"
)
# 上半年 and 一季度 are a deadline only as a clause's time phrase, not in a report's name
# (报送上半年工作小结, 三季度办理情况).
_WORD_LEAD = ("", "于", "在", "力争", "确保", "争取", "全年")
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12}
RANGE_SEP = r"\s*(?:[—–\-~～]+|至|到)\s*"


@dataclass(frozen=True)
class When:
    """One date phrase found in a text."""

    day: date | None  # None: the words name a date that cannot be read
    start: int
    end: int
    said: str
    how: str | None = None  # the reading is a choice: said in the YAML as an assumption
    warning: str | None = None  # the reading is a guess, or impossible: told to the user


def month_end(year: int, month: int) -> date:
    return date(year, month, cal.monthrange(year, month)[1])


def _point(
    m: re.Match, year: int, issued: date | None, *, start: bool = False
) -> tuple[date, str | None, str | None]:
    """The day one matched date phrase names: (day, how, warning)."""
    y = int(m.group("y")) if m.group("y") else year
    if m.group("rel") in ("明年", "次年"):
        y = year + 1
    month = int(m.group("m"))
    said = m.group(0)
    if m.group("d"):
        day = int(m.group("d"))
        last = cal.monthrange(y, month)[1]
        if not 1 <= day <= last:
            return (
                month_end(y, month),
                None,
                f"“{said}”不是存在的日期（{month}月没有{day}日），按{month}月{last}日理解，请核对",
            )
        return date(y, month, day), None, None
    part = m.group("x")
    if start:
        first = {"上旬": 1, "中旬": 11, "下旬": 21}.get(part or "", 1)
        return date(y, month, first), None, None
    if part == "上旬":
        return date(y, month, 10), None, None
    if part == "中旬":
        return date(y, month, 20), None, None
    if part or not m.group("before"):
        return month_end(y, month), None, None
    literal = date(y, month, 1) - timedelta(days=1)
    if issued is not None and literal < issued:
        return (
            month_end(y, month),
            f"原文“{said}”；通知{issued.month}月{issued.day}日才印发，按{month}月底理解",
            None,
        )
    return literal, f"原文“{said}”，按字面理解为{month}月1日之前", None


def _word(word: str, year: int) -> date:
    if word in ("上半年",):
        return date(year, 6, 30)
    if word.startswith(("秋季",)):
        return date(year, 8, 31)
    quarter = next((q for q in _QUARTER if q in word and "季度" in word), None)
    if quarter:
        return month_end(year, _QUARTER[quarter])
    return date(year, 12, 31)


def find_dates(text: str, year: int, issued: date | None = None) -> list[When]:
    """Every date phrase in ``text``, in order."""
    found: list[When] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in DAMAGED_RE.finditer(text):
        taken.append(m.span())
        found.append(
            When(
                None,
                *m.span(),
                m.group(0),
                warning=f"“{m.group(0)}”不是可读的日期（网页复制时可能丢了“年”“月”），未作为期限，请核对原文",
            )
        )
    for m in POINT_RE.finditer(text):
        if not free(*m.span()):
            continue
        day, how, warning = _point(m, year, issued)
        taken.append(m.span())
        found.append(When(day, *m.span(), m.group(0), how, warning))
    for m in WORD_RE.finditer(text):
        if not free(*m.span()):
            continue
        word = m.group("w")
        if "季度" in word or word in ("上半年", "下半年"):
            before = re.split(r"[，；。、：（）]", text[: m.start()])[-1]
            if before not in _WORD_LEAD:
                continue
        taken.append(m.span())
        how = "原文“秋季学期前”，按8月31日理解" if word.startswith("秋季") else None
        found.append(When(_word(word, year), *m.span(), word, how))
    found.sort(key=lambda w: w.start)
    return found


def stage_range(
    text: str, year: int, issued: date | None = None
) -> tuple[date | None, date | None, str | None]:
    """(start, end, how) of a stage from ``（2025年5月—9月）``, ``（3月中旬—4月上旬）``, ``（5月前）``."""
    points = list(POINT_RE.finditer(text))
    for a, b in itertools.pairwise(points):
        if re.fullmatch(RANGE_SEP, text[a.end() : b.start()]):
            first, _, _ = _point(a, year, issued, start=True)
            second_year = int(a.group("y")) if a.group("y") else year
            last, _, _ = _point(b, int(b.group("y")) if b.group("y") else second_year, issued)
            return first, last, None
    if points:
        day, how, _ = _point(points[0], year, issued)
        return None, day, how
    return None, None, None


def open_ended(text: str) -> bool:
    """``持续推进`` / ``长期坚持`` / ``每季度``: a time limit that is not a date."""
    return bool(re.search(r"持续推进|长期坚持|长期推进|常态化|每季度|每月|每年", text))
