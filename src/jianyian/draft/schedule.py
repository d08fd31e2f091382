"""Dates and duties of a notice's 工作安排 and 工作要求: stages and deliverables. Pure."""

from __future__ import annotations

import calendar as cal
import re

from .units import initials


def stage_dates(text: str, year: int) -> tuple[str | None, str | None]:
    """(start, end) from 2025年5月前 / 2025年5月—9月 / 2025年10月至12月底."""
    m = re.search(
        r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:底)?\s*(?:[—–\-~～至到]+\s*(?:(\d{4})年)?"
        r"(\d{1,2})月(?:(\d{1,2})日)?(?:底)?)?",
        text,
    )
    if not m:
        return None, None
    y1, m1 = int(m.group(1)), int(m.group(2))
    if m.group(5):
        y2, m2 = int(m.group(4) or y1), int(m.group(5))
        d2 = int(m.group(6) or cal.monthrange(y2, m2)[1])
        start = f"{y1:04d}-{m1:02d}-{int(m.group(3) or 1):02d}"
        return start, f"{y2:04d}-{m2:02d}-{d2:02d}"
    d1 = int(m.group(3) or cal.monthrange(y1, m1)[1])
    return None, f"{y1:04d}-{m1:02d}-{d1:02d}"


def deliverables_of(
    sentences: list[tuple[int, str, str | None]], year: int, warnings: list[tuple[int, str]]
) -> list[dict]:
    """Reporting duties: 每月报送信息1篇 (monthly) and 各…单位报送/提交…小结/总结/方案 (once)."""
    out: list[dict] = []
    seen: set[str] = set()
    for line, s, stage in sentences:
        m = re.search(r"每月(?:报送|上报|报)(.+?)(\d+|[一二三四五])?篇", s)
        if m and not any(x["kind"] == "monthly" for x in out):
            name = m.group(1)
            owed = "member_units" if "成员单位" in s else "responsible_units"
            said = next((c for c in re.split(r"(?<=[，；])", s) if "每月" in c), s).rstrip("，；")
            said = said if said.endswith("。") else said + "。"
            out.append(
                {
                    "id": "monthly",
                    "name": name,
                    "kind": "monthly",
                    "owed_by": owed,
                    "due_day": 5,
                    "text": said,
                    "_line": line,
                    "_assumed": "due_day",
                }
            )
            continue
        m = re.search(
            r"各[^，。]*单位[^，。]*?(?:报送|提交|上报|制定|制订)(?:[^，。]*?(?:建议案|提案))?([^，。]*?(?:小结|总结|方案|报告))",
            s,
        )
        if not m:
            continue
        name = m.group(1)
        if name in seen:
            continue
        seen.add(name)
        item: dict = {
            "id": initials(name),
            "name": name,
            "kind": "once",
            "owed_by": "responsible_units",
        }
        if stage:
            item["stage"] = stage
        due = re.search(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|底)前", s)
        if due:
            y, mo = int(due.group(1) or year), int(due.group(2))
            item["due"] = f"{y:04d}-{mo:02d}-{int(due.group(3) or cal.monthrange(y, mo)[1]):02d}"
        else:
            item["_assumed"] = "due"
        item["text"] = s
        item["_line"] = line
        out.append(item)
    ids: set[str] = set()
    for item in out:
        base, n = item["id"], 1
        while item["id"] in ids:
            n += 1
            item["id"] = f"{base}-{n}"
        ids.add(item["id"])
    return out
