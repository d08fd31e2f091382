"""Replies to 督办 items wherever they are written: reply files and monthly reports.

Apart from :mod:`.duban` because it needs the loaded reports (:mod:`.project`), which
hold the 督办 records in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .duban import DubanRecords
from .project import LoadedReport
from .report import MonthlyReport


@dataclass(frozen=True)
class ReplySeen:
    """One reply to a 督办 item, from a reply file or a monthly report."""

    item: str
    unit: str
    day: date  # the reply file's date, or the day the report arrived
    text: str
    done: bool
    path: str
    loc: tuple[str | int, ...]  # key path of the reply in its file


def replies_in(
    records: DubanRecords,
    reports: Iterable[LoadedReport],
    day_of: Callable[[LoadedReport], date | None],
) -> list[ReplySeen]:
    """Every reply: each reply file, and each ``duban:`` entry of a monthly report dated
    ``day_of(report)`` (None: the report does not count, e.g. it had not arrived yet).

    In (day, path) order. The caller decides what a report's day is: checks take the
    earliest it could have arrived, the engine the day git saw it.
    """
    out = [
        ReplySeen(r.value.item, r.value.unit, r.value.date, r.value.reply, r.value.done, r.path, ())
        for r in records.replies
    ]
    for r in reports:
        rep = r.report
        if not isinstance(rep, MonthlyReport) or not rep.duban:
            continue
        day = day_of(r)
        if day is None:
            continue
        for key, answer in rep.duban.items():
            out.append(
                ReplySeen(key, rep.unit, day, answer.reply, answer.done, r.path, ("duban", key))
            )
    out.sort(key=lambda s: (s.day, s.path))
    return out
