"""The 简报's printed body (issue 27): each section a small pure builder.

The body an office sends runs two to four pages: 一、总体情况 (the headline and the
lights by name) 二、重点工作进展 (per task: actions completed this month, key numbers, a
sentence or two of the units' own 信息) 三、存在问题 四、需市领导协调事项 五、下步工作
六、报送情况. Tables and per-unit detail go to the annexes. Every builder here is a
function of plan, progress and reports so that other sections (督办 items among the
coordination list, newly completed actions) can be added without touching the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from ..engine import Progress
from ..fmt import fmt_date, fmt_percent, fmt_quantity
from ..models import (
    Briefing,
    DocumentReport,
    LoadedReport,
    MonthlyReport,
    Plan,
    is_nothing,
    problem_text,
    wants_coordination,
)
from .actions import task_progress_text
from .brief_records import (
    Brief,
    CoordinationItem,
    FeaturedInfo,
    Imprint,
    IndicatorRow,
    KeyWork,
    TaskBlock,
    TaskRow,
)

#: The annex table's 信息 excerpt: at most this many characters, cut at a sentence end.
INFO_EXCERPT_CHARS = 80
#: The body quotes at most this many characters of a lead unit's 信息 per task: the
#: body must stay within four pages (22 lines of 28 characters each).
QUOTE_CHARS = 20
#: A merged problem or next step raised by more units than this names the first and a count.
NAMED_UNITS = 3
#: A 2号 title line holds 20 characters of the 156 mm 版心 (22 pt type, 442 pt).
TITLE_LINE_CHARS = 20
ELLIPSIS = "……"

_SENTENCE_END = "。！？；!?;"
_CLAUSE_END = "，、：,:"


def one_line(text: str) -> str:
    """``text`` on one line: a run of blanks is one space, none next to a Chinese character."""
    flat = re.sub(r"\s+", " ", text.strip())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", flat)


def sentence_excerpt(text: str, limit: int = INFO_EXCERPT_CHARS) -> str:
    """``text`` on one line; when longer than ``limit``, cut after the last sentence that
    fits (else the last clause), with …… — never in the middle of a phrase.

    Only a text with neither a sentence nor a clause end in its first ``limit``
    characters is cut at the limit itself.
    """
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    head = flat[:limit]
    for ends in (_SENTENCE_END, _CLAUSE_END):
        cut = max(head.rfind(c) for c in ends)
        if cut >= limit // 3:
            kept = head[: cut + 1] if ends == _SENTENCE_END else head[:cut]
            return kept + ELLIPSIS
    return head.rstrip() + ELLIPSIS


def first_sentences(text: str, limit: int = QUOTE_CHARS) -> str:
    """The opening sentences of ``text`` that fit in ``limit`` characters (at least one,
    shortened at a clause end when the first alone is longer)."""
    flat = one_line(text)
    sentences = [s for s in re.split(r"(?<=[。！？!?])", flat) if s]
    kept = ""
    for s in sentences:
        if kept and len(kept) + len(s) > limit:
            break
        kept += s
    return kept if len(kept) <= limit else sentence_excerpt(kept, limit)


def note_paragraphs(note: str | None) -> tuple[str, ...]:
    """The 按语 as paragraphs: blank lines divide them, line ends inside one are dropped."""
    paragraphs = re.split(r"\n\s*\n", (note or "").strip())
    return tuple("".join(line.strip() for line in p.splitlines()) for p in paragraphs if p.strip())


_OPENING_RE = re.compile(r"^(?:\d{4}年)?\d{1,2}月(?:份|以来)?[，,、]?|^本月(?:以来)?[，,]?")


def strip_opening(text: str, unit: str) -> str:
    """A 信息 without its opening "2025年7月，市经信局": the body quotes it after the unit's
    name, in the month it is about."""
    flat = one_line(text)
    flat = _OPENING_RE.sub("", flat, count=1)
    return flat[len(unit) :] if flat.startswith(unit) else flat


# ---------------------------------------------------------------- title and 版记

#: Words after which a title may break: its phrases end there.
_TITLE_BREAKS = ("会议", "建议案", "提案", "关于", "工作方案", "方案", "办理", "工作")


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> tuple[str, ...]:
    """The title in lines of at most ``width`` characters, broken after a phrase
    (:data:`_TITLE_BREAKS`), the lines as even as the phrases allow."""
    if len(title) <= width:
        return (title,)
    best: tuple[int, int] | None = None
    for word in _TITLE_BREAKS:
        start = 0
        while (at := title.find(word, start)) >= 0:
            cut = at + len(word)
            start = at + 1
            if 0 < cut < len(title) and cut <= width and len(title) - cut <= width:
                score = abs(len(title) - 2 * cut)
                if best is None or score < best[0]:
                    best = (score, cut)
    if best is None:  # no phrase boundary fits: halve it
        cut = min(width, (len(title) + 1) // 2)
        return (title[:cut], *title_lines(title[cut:], width))
    return (title[: best[1]], title[best[1] :])


def imprint(settings: Briefing, issuer: str, as_of: date) -> Imprint:
    """The 版记 from the settings: 报／送／发 lines, the 印发 line and the 印数."""
    lines = []
    for label, value in (
        ("报", settings.report_to),
        ("送", settings.copy_to),
        ("发", settings.send_to),
    ):
        if value:
            lines.append(f"{label}：{value}")
    if not lines and settings.distribution:
        lines.append(f"分送：{settings.distribution}")
    return Imprint(
        tuple(lines),
        issuer,
        f"{fmt_date(as_of)}印发",
        f"（共印{settings.copies}份）" if settings.copies else None,
    )


# ---------------------------------------------------------------- 一、总体情况


def lights_text(exceptions: Iterable[IndicatorRow]) -> str:
    """``红灯4项：创建公共海外仓、…；黄灯2项：…（明细见附件1）。``: the exceptions by name."""
    groups: dict[str, list[str]] = {}
    for r in exceptions:
        groups.setdefault(r.light_name, []).append(r.name)
    parts = [f"{name}{len(items)}项：{'、'.join(items)}" for name, items in groups.items()]
    return "；".join(parts) + "（明细见附件1）。" if parts else ""


# ---------------------------------------------------------------- 二、重点工作进展


def key_numbers_text(rows: Iterable[IndicatorRow], limit: int = 1) -> str:
    """``培育技术经理人467名，完成46.7%`` for the task's furthest-behind indicators."""
    with_value = [r for r in rows if r.value is not None and not r.is_part]
    with_value.sort(key=lambda r: -(r.gap or 0))
    parts = []
    for r in with_value[:limit]:
        if r.kind == "rate":
            parts.append(f"{r.name}{r.completion_text}")
        else:
            parts.append(
                f"{r.name}{fmt_quantity(r.value, r.measure)}，完成{fmt_percent(r.completion)}"
            )
    return "；".join(parts)


def key_work(
    plan: Plan,
    progress: Progress,
    blocks: Iterable[TaskBlock],
    infos: Mapping[str, tuple[LoadedReport, MonthlyReport]],
    featured: Iterable[str] = (),
) -> list[KeyWork]:
    """Per task: its light, its overdue actions and those done this month (the task block's
    sentences), its furthest-behind number and, when no action was done this month, the
    opening of a lead unit's 信息 (each unit quoted once, under its first task)."""
    tasks = {t.number: t for t in progress.tasks}
    out = []
    # A unit leading several tasks is quoted once; one whose 信息 is printed in full
    # (信息选编, report paths ``featured``) is not quoted at all.
    quoted = {infos[u][0].unit for u in infos if infos[u][0].path in set(featured)}
    for b in blocks:
        t = tasks[b.number]
        # The light, not the task's count sentence (事项…完成率…: status and the dashboard).
        sentences = [f"{b.light_name}。"]
        # Overdue actions first, then those newly done this month in the unit's own words
        # (views.actions.overdue_text / done_text, the engine's states and done months).
        sentences += [s for s in (b.overdue_text, b.done_text) if s]
        short = [f"{b.light_name}。", *(s for s in (b.overdue_short, b.done_text) if s)]
        numbers = key_numbers_text(b.indicators)
        if numbers:
            sentences.append(numbers + "。")
            short.append(numbers + "。")
        # A task that tells what was done in the unit's own words needs no 信息 quote besides.
        quotable = [] if b.done_text else [u for u in t.lead if u in infos and u not in quoted]
        said = ""
        for unit in quotable[:1]:
            quoted.add(unit)
            quote = first_sentences(
                strip_opening(infos[unit][1].info.body, plan.unit_label(unit)), QUOTE_CHARS
            )
            if quote:
                said = f"{plan.unit_label(unit)}：{quote}"
        if b.missing_infos:
            sentences.append(f"{b.missing_infos}未报送本月信息。")
            short.append(f"{b.missing_infos}未报送本月信息。")
        out.append(
            KeyWork(b.number, b.title, b.lead, b.light, tuple(sentences), said, tuple(short))
        )
    return out


def task_rows(progress: Progress, blocks: Iterable[TaskBlock]) -> list[TaskRow]:
    """附件1's task table: each task's two-part sentence (:func:`task_progress_text`)."""
    tasks = {t.number: t for t in progress.tasks}
    return [
        TaskRow(
            b.number,
            b.title,
            b.lead,
            task_progress_text(tasks[b.number])
            + (f"（{b.status_note}）" if b.qualitative and b.status_note else ""),
            b.light,
            b.light_name,
        )
        for b in blocks
    ]


# ---------------------------------------------------------------- 四、需市领导协调事项


_ORDINALS = "一二三四五六七八九十"


def enumerated_paragraph(items: Iterable[str]) -> str:
    """``一是…；二是…。``: a merged list as one paragraph, as 简报 write it."""
    parts = []
    for n, item in enumerate(items):
        ordinal = _ORDINALS[n] if n < len(_ORDINALS) else f"第{n + 1}"
        parts.append(f"{ordinal}是{item.rstrip('。；;，,')}")
    return "；".join(parts) + "。" if parts else ""


def units_text(units: str, limit: int = NAMED_UNITS, short: Mapping[str, str] | None = None) -> str:
    """``市发改委、汉阳区`` as given, or ``市发改委等7家单位`` past ``limit`` units; names in
    ``short`` (a district's or zone's full name → its short name, :func:`district_names`)
    are written short, as a 简报 names the districts."""
    names = [(short or {}).get(n, n) for n in units.split("、")]
    return "、".join(names) if len(names) <= limit else f"{names[0]}等{len(names)}家单位"


def district_names(plan: Plan) -> dict[str, str]:
    """汉阳区人民政府 → 汉阳区, 东湖新技术开发区管委会 → 东湖高新区: the districts and the
    development zones (功能区) by their short names in the body's lists."""
    return {u.name: u.short for u in plan.units if u.kind in ("district", "zone") and u.short}


def coordination_items(
    plan: Plan,
    infos: Mapping[str, tuple[LoadedReport, MonthlyReport]],
    documents: Iterable[DocumentReport],
) -> list[CoordinationItem]:
    """Problems a unit marked ``coordinate: true``, in plan order of the units; more
    kinds of item (overdue 督办 items) are appended to this list by their own builders."""
    order = {u.id: n for n, u in enumerate(plan.units)}
    sources = [(unit, rep.problems) for unit, (_, rep) in infos.items()]
    sources += [(doc.unit, doc.problems) for doc in documents]
    out = []
    for unit, problems in sorted(sources, key=lambda s: order.get(s[0], len(order))):
        for p in problems:
            text = problem_text(p).strip()
            if wants_coordination(p) and not is_nothing(text):
                out.append(CoordinationItem(text, plan.unit_label(unit), "problem"))
    return out


# ---------------------------------------------------------------- 信息选编


def featured_infos(
    plan: Plan, reports: Iterable[LoadedReport], paths: Iterable[str]
) -> list[FeaturedInfo]:
    """The 信息 the office picked, in its order, printed in full (paragraph by paragraph)."""
    by_path = {r.path: r for r in reports}
    out = []
    for path in paths:
        r = by_path.get(path)
        if r is None or not isinstance(r.report, MonthlyReport):
            continue  # the job refuses unknown paths before the view is built
        body = tuple(p.strip() for p in r.report.info.body.splitlines() if p.strip())
        out.append(FeaturedInfo(plan.unit_label(r.unit), r.report.info.title, body))
    return out


# ---------------------------------------------------------------- four pages

#: The printed body (issue 27): four pages of the 版心, 22 lines of 28 characters, less the
#: masthead, rule and title on page 1 (about nine lines) and a line a page for what page
#: breaks leave empty (a heading kept with its paragraph, no lone last line). An estimate:
#: Word and LibreOffice break lines themselves.
LINE_CHARS = 28
BODY_LINES = 4 * 22 - 9 - 3
#: Characters below the CJK blocks: letters, digits, Latin punctuation (three quarters wide).
_NARROW = re.compile("[\x00-\u2e7f]")


def text_lines(text: str, indent: int = 2) -> int:
    """Lines a paragraph takes: a CJK character one column, a letter or digit three quarters
    (with the space the layout puts between it and Chinese), the first line indented."""
    narrow = len(_NARROW.findall(text))
    width = indent + 0.75 * narrow + (len(text) - narrow)
    return max(1, -(-int(width * 4) // (LINE_CHARS * 4)))


def body_lines(brief: Brief) -> int:
    """The estimated lines of the body from 按语 to the 附件 list (headings one line each)."""
    paragraphs = [
        *brief.note,
        f"截至{fmt_date(brief.as_of)}，{brief.headline_text}{brief.lights_text}"
        + (brief.duban_text or ""),
        *(
            f"{k.number} {k.title}（{k.lead}牵头）。{''.join(k.sentences)}{k.quote}"
            for k in brief.key_work
        ),
        brief.problems_text or "无",
        *(brief.coordination_lines or ("无",)),
        brief.next_steps_text or "无",
        brief.reporting_text,
        *(p for f in brief.featured for p in (f.title, *f.paragraphs)),
        "附件：" + "　".join(f"{n}.{t}" for n, t in enumerate(brief.annex_titles, 1)),
    ]
    headings = 6 + (1 if brief.featured else 0)
    return headings + sum(text_lines(p) for p in paragraphs)


def fit_body(brief: Brief, budget: int = BODY_LINES) -> Brief:
    """The briefing whose body fits four pages, while the estimate is over ``budget`` lines:
    first the units' 信息 quotes under 二 give way, from the last task back; then the lists
    of overdue actions become their count and the most overdue one, from the last task
    back (every action stays in the ledger and on the dashboard). Everything else is the
    office's or the numbers' and stays."""
    work = list(brief.key_work)
    for step in ("quote", "overdue"):
        for n in range(len(work) - 1, -1, -1):
            if body_lines(brief._replace(key_work=tuple(work))) <= budget:
                return brief._replace(key_work=tuple(work))
            if step == "quote":
                work[n] = work[n]._replace(quote="")
            elif work[n].short_sentences:
                work[n] = work[n]._replace(sentences=work[n].short_sentences)
    return brief._replace(key_work=tuple(work))
