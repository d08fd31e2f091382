"""Scoring a drafted plan against a fixture notice's answer key (tests/fixtures/notices/family/).

Each ``NN_*.txt`` is a notice in one layout of the family (任务分解方案, 责任分工, 议案分解,
提案办理方案…) and ``NN_*.expected.yaml`` is what a careful reader finds in it. :func:`score`
counts, per notice, what the draft found against what is present: tasks, the units of each
task in their role, targets with the right value, measure and comparator (and, of those,
with a recognisable name), dated deadlines, deliverables and actions. Run as a module it
prints the table for every notice::

    .venv/bin/python -m tests.support.notice_family

The scoring reads the draft's dict (:class:`jianyian.draft.PlanDraft`), so it also works on
an older drafter that lacks some of the keys (they simply score 0).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

FAMILY = Path(__file__).resolve().parents[1] / "fixtures" / "notices" / "family"
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
#: The rows of the table, in order, with their Chinese labels.
ROWS = {
    "tasks": "任务",
    "units": "单位（按角色）",
    "targets": "指标（数值、单位、比较方式）",
    "named": "…其中名称可辨认",
    "deadlines": "有日期的时限",
    "deliverables": "报送事项",
    "actions": "事项（原文和期限）",
}


@dataclass
class Score:
    """Found against present for one notice, with what the draft added that is not there."""

    name: str
    found: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)
    extra: dict[str, list[str]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(self, row: str, present: int, found: int) -> None:
        self.present[row] += present
        self.found[row] += found

    def miss(self, row: str, what: str) -> None:
        self.misses.setdefault(row, []).append(what)

    def over(self, row: str, what: str) -> None:
        self.extra.setdefault(row, []).append(what)


def notices() -> list[Path]:
    return sorted(FAMILY.glob("[0-9][0-9]_*.txt"))


def key_of(notice: Path) -> dict:
    return YAML(typ="safe").load(notice.with_suffix(".expected.yaml").read_text("utf-8"))


def clean(text: object) -> str:
    return INVISIBLE.sub("", str(text)).strip()


def bare(text: str) -> str:
    """An action's or name's words without closing punctuation and spaces."""
    return clean(text).rstrip("。；，;,. ").replace(" ", "")


def iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def similar(want: str, got: str) -> bool:
    """A target's name is recognisable: one contains the other, or they share most characters."""
    want, got = bare(want).removeprefix("其中"), bare(got).removeprefix("其中")
    if not want or not got:
        return False
    if want in got or got in want:
        return min(len(want), len(got)) >= 0.5 * max(len(want), len(got))
    common = sum((Counter(want) & Counter(got)).values())
    return common >= 0.7 * len(want)


def _names(value: dict) -> dict[str, str]:
    out = {u["id"]: clean(u["name"]) for u in value.get("units", [])}
    out.update({g["id"]: clean(g["name"]) for g in value.get("groups", [])})
    return out


def _aliases(value: dict) -> dict[str, str]:
    """Every spelling the draft knows → the name it drafted."""
    out: dict[str, str] = {}
    for u in value.get("units", []):
        out[clean(u["name"])] = clean(u["name"])
        for alias in u.get("aliases", []) or []:
            out[clean(alias)] = clean(u["name"])
    for g in value.get("groups", []):
        out[clean(g["name"])] = clean(g["name"])
        for alias in g.get("aliases", []) or []:
            out[clean(alias)] = clean(g["name"])
    return out


def _match_tasks(want: list[dict], got: list[dict]) -> dict[int, dict]:
    """Key task index → drafted task: by number, else by title."""
    out: dict[int, dict] = {}
    used: set[int] = set()
    for i, k in enumerate(want):
        number = clean(k["number"])
        hit = next(
            (j for j, t in enumerate(got) if j not in used and clean(t["number"]) == number), None
        )
        if hit is None:  # the same item numbered under its section: （一）8 for 8
            hit = next(
                (
                    j
                    for j, t in enumerate(got)
                    if j not in used and re.sub(r"^（.+?）", "", clean(t["number"])) == number
                ),
                None,
            )
        if hit is None:
            title = bare(k.get("title", ""))
            hit = next(
                (
                    j
                    for j, t in enumerate(got)
                    if j not in used and title and bare(t.get("title", "")) == title
                ),
                None,
            )
        if hit is not None:
            used.add(hit)
            out[i] = got[hit]
    return out


def _target_keys(items: list[dict]) -> Counter:
    return Counter((float(t["value"]), t["measure"], t["comparison"]) for t in items)


def _comparison(ind: dict) -> str:
    from jianyian.models.plan import QUALIFIER_COMPARATOR

    return ind.get("comparator") or QUALIFIER_COMPARATOR.get(ind.get("qualifier") or "", "at_least")


def _score_targets(s: Score, where: str, want: list[dict], got: list[dict]) -> None:
    got = [i for i in got if not i.get("parts")]
    have = [
        {
            "value": float(i["target"]),
            "measure": i["measure"],
            "comparison": _comparison(i),
            "name": i["name"],
        }
        for i in got
    ]
    left = list(have)
    found = named = 0
    for t in want:
        k = (float(t["value"]), t["measure"], t["comparison"])
        hit = next((h for h in left if (h["value"], h["measure"], h["comparison"]) == k), None)
        if hit is None:
            s.miss("targets", f"{where}: {t['name']} {t['value']}{t['measure']} {t['comparison']}")
            continue
        left.remove(hit)
        found += 1
        if similar(t["name"], hit["name"]):
            named += 1
        else:
            s.miss("named", f"{where}: {t['name']} ≠ {hit['name']}")
    s.add("targets", len(want), found)
    s.add("named", len(want), named)
    for h in left:
        s.over("targets", f"{where}: {h['name']} {h['value']:g}{h['measure']} {h['comparison']}")


def _action_list(task: dict) -> list[dict]:
    return task.get("actions") or task.get("_actions") or []


def _dated(task: dict) -> set[str]:
    """Every deadline the draft read from a task's own words (not its assumptions)."""
    out = {iso(d) for d in task.get("_deadlines", []) or []}
    for a in _action_list(task):
        if a.get("due") and not a.get("_assumed"):
            out.add(iso(a["due"]))
    return {d for d in out if d}


def value_period(plan: dict) -> tuple[str, str]:
    return str(plan.get("start", "")), str(plan.get("end", ""))


def quarter_dates(d: dict, start: str, end: str) -> list[str]:
    """The nominal due dates of a quarterly deliverable inside the plan period, by hand:
    month 1 or 3 of each quarter, the given day or the month's last."""
    import calendar

    out = []
    for year in range(int(start[:4]), int(end[:4]) + 1):
        for quarter in range(4):
            month = quarter * 3 + d.get("quarter_month", 3)
            day = min(d["due_day"], calendar.monthrange(year, month)[1])
            when = f"{year:04d}-{month:02d}-{day:02d}"
            if start <= when <= end:
                out.append(when)
    return out


def _deliverable_found(want: dict, got: list[dict], got_plan: dict) -> bool | None:
    """Whether the draft has ``want`` (None: the key gives it no date, so it is not scored)."""
    due = want.get("due")
    if due is None:
        return None
    due = iso(due)
    if due.startswith("monthly day "):
        day = int(due.split()[-1])
        return any(d["kind"] == "monthly" and d.get("due_day") == day for d in got)
    if due.startswith("quarterly"):
        dates = [iso(x) for x in want.get("dates", [])]
        quarterly = [d for d in got if d["kind"] == "quarterly"]
        if not dates:
            text = want.get("text", "")
            return any(text and text in clean(d.get("text", "")) for d in quarterly)
        period = value_period(got_plan)
        return any(quarter_dates(d, *period) == dates for d in quarterly)
    if due == "monthly":
        return any(d["kind"] == "monthly" for d in got)
    return any(
        d["kind"] == "once" and iso(d.get("due")) == due and not d.get("_assumed") for d in got
    )


def score(notice: Path, draft_value: dict) -> Score:
    """What the draft found in ``notice`` against its answer key."""
    key = key_of(notice)
    s = Score(notice.stem)
    value = draft_value
    names = _names(value)
    aliases = _aliases(value)
    tasks = value.get("tasks", [])
    matched = _match_tasks(key.get("tasks", []), tasks)
    s.add("tasks", len(key.get("tasks", [])), len(matched))
    for i, k in enumerate(key.get("tasks", [])):
        where = f"任务 {k['number']}"
        t = matched.get(i)
        if t is None:
            s.miss("tasks", where)
            s.add("units", len(k["lead_units"]) + len(k["responsible_units"]), 0)
            _score_targets(s, where, k.get("targets", []), [])
            dated = {iso(a["due"]) for a in k.get("actions", []) if a.get("due")}
            if k.get("due"):
                dated.add(iso(k["due"]))
            s.add("deadlines", len(dated), 0)
            s.add("actions", len(k.get("actions", [])), 0)
            continue
        for role, key_role in (("lead", "lead_units"), ("responsible", "responsible_units")):
            got = [names.get(r, r) for r in t.get(role, [])]
            want = [aliases.get(clean(n), clean(n)) for n in k[key_role]]
            hit = sum(1 for n in want if n in got)
            s.add("units", len(want), hit)
            for n in want:
                if n not in got:
                    s.miss("units", f"{where} {key_role}: {n}（起草为 {got}）")
            for n in got:
                if n not in want:
                    s.over("units", f"{where} {key_role}: {n}")
        _score_targets(s, where, k.get("targets", []), t.get("indicators", []))
        dated = {iso(a["due"]) for a in k.get("actions", []) if a.get("due")}
        if k.get("due"):
            dated.add(iso(k["due"]))
        got_dated = _dated(t)
        s.add("deadlines", len(dated), len(dated & got_dated))
        for d in sorted(dated - got_dated):
            s.miss("deadlines", f"{where}: {d}")
        for d in sorted(got_dated - dated):
            s.over("deadlines", f"{where}: {d}")
        # An action is found when its words and its due date (none when the notice gives
        # none: the draft's assumed date does not count) are the key's.
        want_actions = [(bare(a["text"]), iso(a.get("due"))) for a in k.get("actions", [])]
        got_actions = [
            (bare(a["text"]), None if a.get("_assumed") else iso(a.get("due")))
            for a in _action_list(t)
        ]
        hit = sum(1 for a in want_actions if a in got_actions)
        s.add("actions", len(want_actions), hit)
        for a in want_actions:
            if a not in got_actions:
                s.miss("actions", f"{where}: {a}（起草为 {got_actions}）")
    for t in tasks:
        if t not in matched.values():
            s.over("tasks", f"{t['number']} {t.get('title', '')}")
    goals = value.get("goals", {}).get("indicators", [])
    _score_targets(s, "工作目标", key.get("goals", []) or [], goals)
    # Units: every spelling in the key is one drafted unit or group, and nothing else is drafted.
    want_units = {clean(n) for n in [*key.get("units", []), *key.get("groups", [])]}
    drafted = set(names.values())
    office = clean(key.get("office", ""))
    for n in sorted(drafted - want_units):
        if n not in office:
            s.over("units", f"单位表: {n}")
    delivs = value.get("deliverables", [])
    for want in key.get("deliverables", []) or []:
        found = _deliverable_found(want, delivs, value.get("plan", {}))
        if found is None:
            continue
        s.add("deliverables", 1, int(found))
        if not found:
            s.miss("deliverables", f"{want['name']} {iso(want['due'])}")
    return s


def draft_of(notice: Path) -> dict:
    from jianyian.draft import draft_plan
    from jianyian.load.notice import read_notice

    text, _ = read_notice(notice)
    return draft_plan(text).value


def table(scores: list[Score]) -> str:
    """The per-notice table (found / present) and the totals, as Markdown."""
    head = "| 通知 | " + " | ".join(ROWS.values()) + " |"
    out = [head, "|---|" + "---:|" * len(ROWS)]
    total_f: Counter = Counter()
    total_p: Counter = Counter()
    for s in scores:
        cells = [f"{s.found[r]}/{s.present[r]}" for r in ROWS]
        extra = sum(len(v) for v in s.extra.values())
        out.append(
            f"| {s.name[:2]} {s.name[3:]} | "
            + " | ".join(cells)
            + f" |{' +' + str(extra) if extra else ''}"
        )
        total_f.update(s.found)
        total_p.update(s.present)
    out.append("| **合计** | " + " | ".join(f"**{total_f[r]}/{total_p[r]}**" for r in ROWS) + " |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    scores = []
    for notice in notices():
        try:
            value = draft_of(notice)
        except Exception as exc:  # an older drafter may refuse a notice outright
            print(f"{notice.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            value = {}
        scores.append(score(notice, value))
    print(table(scores))
    if verbose:
        for s in scores:
            for row, items in {**s.misses}.items():
                for item in items:
                    print(f"{s.name} 缺 {row}: {item}")
            for row, items in s.extra.items():
                for item in items:
                    print(f"{s.name} 多 {row}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
