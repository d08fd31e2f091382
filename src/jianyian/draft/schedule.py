"""Reporting duties of a notice → deliverables: monthly, quarterly and one-off. Pure.

Duties are read wherever the notice states them: the covering notice, the 工作安排's
stages, the 工作要求, a closing paragraph, or a task's own brackets
(``每季度通报一次进展``). One sentence may hold several (``于4月10日前制定任务推进计划报…，
每月5日前报送上月办理进展，10月底前报送办理工作总结``); a time phrase may sit in its own
clause before the duty (``11月20日前，区民政局形成答复意见``).

- monthly: ``每月5日前将上月工作进展情况报…`` / ``每月报送信息1篇`` (no day: the 5th, an
  assumption). A plan has one monthly deliverable (the monthly report): further monthly
  duties are parts of it and join its text.
- quarterly: ``每季度最后一个月的30日前`` (the quarter's 3rd month, day 30), ``每季度末月底前``
  (3rd month, its last day), ``每季度第1个月10日前`` (1st month, day 10), ``每季度`` alone
  (3rd month, last day: an assumption).
- one-off: a date and a report (``2023年1月15日前将工作方案报…``, ``年底前报送全年工作总结``),
  or a 各…单位 duty with no date (the stage's end: an assumption).

The office's own duties (督查室 …每季度通报一次) are not deliverables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .dates import find_dates
from .units import initials, split_top

DOC_RE = re.compile(r"(?:方案|计划|小结|总结|报告|情况|进展|意见|名单|清单|信息)$")
REPORT_RE = re.compile(r"报送|提交|上报|报告|函告|通报|报(?!名)")
# Who owes a duty, as the sentence names it.
SUBJECT_RE = re.compile(
    r"(?P<who>各[^，。；（]*?(?:单位|部门)(?:和[^，。；（]*?单位)?|每个成员单位|成员单位|各地区、各部门"
    r"|主办单位|(?<=由)[^，。；（]{2,14}?(?:局|委|办|厅|中心|室)"
    r"|^[市区县省][^，。；（报向将于]{1,12}?(?:局|委|办|厅|中心))"
)
OFFICE_RE = re.compile(r"督查室|督查局|办公室|办公厅|领导小组")


@dataclass
class Duty:
    """Where a duty sentence stands: its line, the stage it belongs to, who owes it."""

    line: int
    text: str
    stage: str | None = None
    owed_by: str | list[str] | None = None  # given (a task's duty): no subject to read


@dataclass
class Schedule:
    """What :func:`deliverables_of` needs from the rest of the notice."""

    year: int
    issued: date | None
    owner: Callable[[str], str | list[str] | None]  # subject words → owed_by (None: the office)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _object(clause: str) -> str | None:
    """The document a clause reports: 将X报, 报送X, 制定X, 形成X, 向X答复."""
    clause = re.sub(r"（[^）]*）", "", clause)
    for rx in (
        r"将(?P<o>.+?)(?:报送|上报|报告|函告|报|提交)",
        r"(?:报送|提交|上报|形成|制定|制订|编制)(?P<o>[^，。；]+?)(?:报|$)",
    ):
        m = re.search(rx, clause)
        if m:
            name = re.sub(r"(?:\d+|[一二两三四五])篇$", "", m.group("o").strip())
            # 2号建议案上半年办理工作小结 → 上半年办理工作小结
            stripped = re.sub(r"^.*?(?:建议案|提案|议案)(?=.)", "", name)
            if DOC_RE.search(stripped):
                return stripped
            if DOC_RE.search(name):
                return name
    m = re.search(r"向(?P<who>[^，。；]+?)(?:进行)?答复", clause)
    if m:
        return f"向{m.group('who')}答复"
    return None


def _quarterly_day(clause: str) -> tuple[int, int, bool] | None:
    """(month of the quarter, day, assumed) of a quarterly duty."""
    if not re.search(r"每(?:个)?季度", clause):
        return None
    m = re.search(r"最后一个月的?(\d{1,2})日", clause)
    if m:
        return 3, int(m.group(1)), False
    if re.search(r"季度末月底|季度末月末|季度最后一个月底|季度末", clause):
        return 3, 31, False
    m = re.search(r"第(?:1|一)个月的?(\d{1,2})日", clause)
    if m:
        return 1, int(m.group(1)), False
    return 3, 31, True


def _add(out: list[dict], item: dict) -> None:
    """Append ``item`` unless it repeats one already found; one monthly deliverable only."""
    if item["kind"] == "monthly":
        first = next((d for d in out if d["kind"] == "monthly"), None)
        if first is not None:
            if item["text"] not in first["text"]:
                first["text"] += item["text"]
                if first.get("_assumed") == "due_day" and not item.get("_assumed"):
                    first["due_day"] = item["due_day"]
                    del first["_assumed"]
            return
    for d in out:
        same_due = d.get("due") == item.get("due") and d.get("due_day") == item.get("due_day")
        if (
            d["kind"] == item["kind"]
            and same_due
            and (d["name"] in item["name"] or item["name"] in d["name"] or item["kind"] != "once")
        ):
            return
        dated = item.get("due") is not None
        if (
            d["kind"] == "once" == item["kind"]
            and dated
            and same_due
            and (d["name"][-2:] == item["name"][-2:])
        ):
            return  # 于9月19日前向市人大代表进行答复 … 9月19日前由主办单位向代表答复: one reply
        if d["kind"] == "once" == item["kind"] and d["name"] == item["name"]:
            if d.get("_assumed") and not item.get("_assumed"):
                d.update({k: v for k, v in item.items() if k not in ("id",)})
                d.pop("_assumed", None)
            return
    out.append(item)


def deliverables_of(duties: list[Duty], s: Schedule) -> list[dict]:
    """The deliverables ``duties`` state, in order of appearance."""
    out: list[dict] = []
    for duty in duties:
        for sentence in re.findall(r"[^。]+。?", duty.text):
            _sentence(duty, sentence, s, out)
    ids: set[str] = set()
    for item in out:
        base = item["id"] or "d"
        ident, n = base, 1
        while ident in ids:
            n += 1
            ident = f"{base}-{n}"
        item["id"] = ident
        ids.add(ident)
    return out


def _sentence(duty: Duty, sentence: str, s: Schedule, out: list[dict]) -> None:
    subject = ""
    for part in re.findall(r"[^；]+；?", sentence):
        subject = _part(duty, part, subject, s, out)


def _part(duty: Duty, part: str, subject_before: str, s: Schedule, out: list[dict]) -> str:
    """The duties of one ；-part of a sentence; returns the subject for the next part.

    A duty's ``text`` is its clauses as the notice words them: the clause that reports,
    with the time phrase or the document named in a clause before it.
    """
    subject: str | None = subject_before or None
    pending_at: int | None = None  # a time phrase waiting for its duty (11月20日前，…)
    previous_object: str | None = None
    object_at: int | None = None
    originals = split_top(part, "，；。")
    for i, words in enumerate(originals):
        clause = re.sub(r"（[^）]*）", "", words)
        m = SUBJECT_RE.search(clause)
        if m:
            subject = m.group("who")
        owed = duty.owed_by if duty.owed_by is not None else s.owner(subject or "")
        if duty.owed_by is None and subject and OFFICE_RE.search(subject):
            owed = None
        obj = _object(clause)
        reported = bool(REPORT_RE.search(clause) or "答复" in clause or "形成" in clause)
        monthly = re.search(r"每月(?:(\d{1,2})日)?", clause)
        quarterly = _quarterly_day(clause)
        dates = list(find_dates(clause, s.year, s.issued))
        if obj is not None and dates:
            reported = True  # 于3月20日前制定具体实施方案: a document due by a date
        if obj is None and reported and duty.owed_by is not None and (monthly or quarterly):
            # A task's own duty (每季度通报一次进展): named by its words.
            obj = re.sub(r"每(?:个)?(?:季度|月)|一次", "", clause) or clause
        if (monthly or quarterly or dates) and not reported and obj is None:
            pending_at = i
            continue
        first = i
        if pending_at is not None and not (monthly or quarterly or dates):
            time_clause = re.sub(r"（[^）]*）", "", originals[pending_at])
            monthly = re.search(r"每月(?:(\d{1,2})日)?", time_clause)
            quarterly = _quarterly_day(time_clause)
            dates = list(find_dates(time_clause, s.year, s.issued))
            first = pending_at
        pending_at = None
        if obj is None and reported and (dates or monthly or quarterly):
            obj = previous_object
            if object_at is not None:
                first = min(first, object_at)
        if obj is None:
            m_doc = re.search(r"(?:制定|制订|编制|形成)(?P<o>[^，。；]+)", clause)
            if m_doc and DOC_RE.search(m_doc.group("o")):
                previous_object, object_at = m_doc.group("o"), i
            continue
        said = "，".join(originals[first : i + 1]) + "。"
        if owed is None:
            continue
        if monthly and reported:
            day = monthly.group(1)
            item = {
                "id": "monthly",
                "name": obj,
                "kind": "monthly",
                "owed_by": owed,
                "due_day": min(int(day), 28) if day else 5,
                "text": said,
                "_line": duty.line,
            }
            if not day:
                item["_assumed"] = "due_day"
            _add(out, item)
        elif quarterly and reported:
            month, day, assumed = quarterly
            item = {
                "id": initials(obj),
                "name": obj,
                "kind": "quarterly",
                "owed_by": owed,
                "quarter_month": month,
                "due_day": day,
                "text": said,
                "_line": duty.line,
            }
            if assumed:
                item["_assumed"] = "quarter_day"
            _add(out, item)
        elif dates and reported:
            _once(duty, said, obj, dates[-1], owed, s, out)
        elif duty.stage and (re.match(r"^各[^，。；]*单位", clause) or isinstance(owed, list)):
            # 各责任单位制定具体办理方案, 由市发改委负责形成全市半年工作总结: a document
            # owed in a stage without a date of its own; its date is the stage's end.
            _once(duty, said, obj, None, owed, s, out)
        previous_object, object_at = obj, i
    return subject or ""


def _once(duty: Duty, said: str, name: str, when, owed, s: Schedule, out: list[dict]) -> None:
    item: dict = {
        "id": initials(name),
        "name": name,
        "kind": "once",
        "owed_by": owed,
        "text": said,
        "_line": duty.line,
    }
    if duty.stage:
        item["stage"] = duty.stage
    if when is not None and when.day is not None:
        item["due"] = when.day.isoformat()
        if when.how:
            item["_how"] = when.how
        if when.warning:
            s.warnings.append((duty.line, when.warning))
    else:
        item["_assumed"] = "due"
        if when is not None and when.warning:
            s.warnings.append((duty.line, when.warning))
    _add(out, item)
