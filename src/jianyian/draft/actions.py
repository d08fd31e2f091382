"""A task's words cut into its actions (事项): one a clause, in the notice's own words. Pure.

The cut is at ``，``, ``；`` and ``。`` outside brackets and quotes, never at ``、`` (one verb
with several objects is one action). A clause that is no work of its own stays with the
action before it: ``其中…`` (a part of the number before it) and a prohibition
(``清单之外一律不得…``). Sub-points ``（1）（2）`` are actions, without their numbers.

Each action's due date is the date its own words give (``6月底前完成征收签约``), else
the item's time limit (a 完成时限 column, ``【完成时限：…】``, the date in the unit
brackets, ``11月底前全部完成…``), else none (the caller then assumes one). A date in the
unit brackets with a verb (``2026年6月底前出台``) belongs to the action that starts with
that verb (``出台《…措施》``), not to the whole item.
"""

from __future__ import annotations

import re

from .dates import When, find_dates
from .targets import VERBS
from .units import split_top

JOIN_RE = re.compile(r"^(?:其中|一律|不得|严禁|禁止|并且?不|清单之外)")
SUB_POINT_RE = re.compile(r"^（\d{1,2}）")
# A clause that only says how or where (通过政府引导基金, 针对中心城区科创短板,
# 在实施土地整备…的基础上) is no action: it goes with the clause after it.
FRAME_RE = re.compile(
    r"^(?:(?:通过|针对|结合|围绕|按照|根据|依据|借助|立足|基于|对照)(?!.*(?:" + VERBS + r"))"
    r"|在.*(?:基础上|前提下|过程中|背景下)$)"
)


def clauses_of(text: str) -> list[str]:
    """The clauses of ``text`` that are actions, in order."""
    out: list[str] = []
    frame = ""
    for piece in split_top(text, "，；。"):
        piece = SUB_POINT_RE.sub("", piece).strip()
        if not piece:
            continue
        if out and not frame and (JOIN_RE.match(piece) or "一律不得" in piece[:8]):
            out[-1] += "，" + piece
        elif FRAME_RE.match(piece):
            frame += piece + "，"
        else:
            out.append(frame + piece)
            frame = ""
    if frame:
        out.append(frame.rstrip("，"))
    return out


def cut_actions(
    text: str,
    year: int,
    issued,
    item_due: str | None,
    time_words: list[str],
) -> tuple[list[dict], str | None]:
    """The actions of a task's ``text`` (``{text, due?, _own}``; ``_own``: the clause's own
    date), and the item's time limit once those that date one action are taken out.

    ``time_words`` are the item's time limits as written (``2026年6月底前出台``): one whose
    verb starts an action dates that action only.
    """
    actions = [{"text": c} for c in clauses_of(text)]
    item = item_due
    for words in time_words:
        dated = [w for w in find_dates(words, year, issued) if w.day]
        if not dated:
            continue
        verb = words[dated[-1].end :].strip("，。 ")
        target = next(
            (a for a in actions if verb and len(verb) >= 2 and a["text"].startswith(verb)), None
        )
        if target is not None:
            target["due"] = dated[-1].day.isoformat()  # type: ignore[union-attr]
            target["_own"] = True
            if item == dated[-1].day.isoformat():  # type: ignore[union-attr]
                item = None
    for a in actions:
        if "due" in a:
            continue
        own: list[When] = [w for w in find_dates(a["text"], year, issued) if w.day]
        if own:
            a["due"] = own[0].day.isoformat()  # type: ignore[union-attr]
            a["_own"] = True
            if own[0].how:
                a["_how"] = own[0].how
        elif item:
            a["due"] = item
    return actions, item
