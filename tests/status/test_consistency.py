"""One set of numbers (issue 23): every output says what ``status --json`` says, every day.

For each day of the demo's period, and of a small project with late, missing and stale
reporters and a rate, the lights, streaks, light counts and headline of

* the Markdown briefing (built-in template) and the Word briefing's text, with each
  task's light (the worst of its indicators' and actions', the office's 销号 log as of
  the day included: issue 25),
* the dashboard page, with each task's light,
* the ledger (CSV, the as-of month's rows),
* the scorecard (each unit's lights) and the reminders (each unit's flagged indicators)

equal those of the status view. Everything runs in this process through the library
(views and renderers), one project load per module; the briefing is the one for the
latest month with data, which holds exactly the data status judges.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date, timedelta

import pytest
from docx import Document as read_docx

from jianyian.checks import check_project
from jianyian.engine import LIGHT_NAMES, compute_progress
from jianyian.load import load_project, load_with_history
from jianyian.load.templates import find_template, load_template_set
from jianyian.models import MonthlyReport, Project
from jianyian.models.months import month_of
from jianyian.render.brief_document import Charts, brief_document
from jianyian.render.dashboard_html import DashboardCharts, render_dashboard_html
from jianyian.render.json_text import dumps_json
from jianyian.render.markdown import render_template
from jianyian.render.tables import render_csv
from jianyian.render.word import render_docx
from jianyian.views.brief import build_brief
from jianyian.views.dashboard import build_dashboard
from jianyian.views.ledger import LEDGER_COLUMNS, build_ledger
from jianyian.views.remind import build_reminders
from jianyian.views.scorecard import build_scorecard, scorecard_json
from jianyian.views.status import status_view

from ..conftest import LATE_TODAY, REPO, build_demo, monthly, write_project

pytestmark = pytest.mark.slow

NAME_LIGHT = {name: light for light, name in LIGHT_NAMES.items()}
#: "已连续3个月预警" / "连续3个月黄灯，按规则升为红灯" (a gap in the months: "3期数据")
STREAK_RE = re.compile(r"连续(\d+)(?:个月|期数据)(?:预警|黄灯)")
#: A task's paragraph of 二、重点工作进展: "**（一）1 标题**（市经信局牵头）。绿灯。…"
TASK_RE = re.compile(r"^\s*(?:\*\*)?(\S+) [^\n（]*?(?:\*\*)?（[^\n）]*?牵头）。([^。\n]+)。", re.M)


def streak_said(text: str) -> int:
    """The streak a sentence states (0 when it states none)."""
    found = STREAK_RE.findall(text)
    assert len(found) <= 1, text
    return int(found[0]) if found else 0


def said_right(streak: int, text: str) -> bool:
    """A streak of 2 or more is stated as it is; a streak of 0 or 1 is not stated."""
    return streak_said(text) == (streak if streak > 1 else 0)


# ---------------------------------------------------------------- the outputs, read back


def markdown_says(text: str) -> tuple[str, dict[str, str], dict[str, tuple[str, str]]]:
    """(headline, name → light of the indicator table, name → (light, text) of exceptions)."""
    headline = re.search(r"^截至\d{4}年\d+月\d+日，(.+)$", text, re.M)
    assert headline, text[:500]
    # The indicator table and the indicators needing attention are in 附件1 (issue 27).
    body = text.split("**附件1")[1].split("**附件2")[0]
    table = {}
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) == 9 and cells[0] != "序号" and not cells[0].startswith("-"):
            table[cells[1].removeprefix("其中：")] = NAME_LIGHT[cells[8].strip(" |")]
    exceptions = {
        m[0]: (NAME_LIGHT[m[1]], m[2])
        for m in re.findall(r"^- \*\*(.+?)\*\*（(.+?)）：(.+)$", body, re.M)
    }
    return headline.group(1), table, exceptions


def tasks_said(text: str) -> dict[str, str]:
    """Task number → light, from a briefing's 二、重点工作进展."""
    section = text.split("二、重点工作进展")[1].split("三、存在问题")[0]
    return {number: NAME_LIGHT[light] for number, light in TASK_RE.findall(section)}


def docx_says(data: bytes) -> tuple[str, dict[str, str], dict[str, tuple[str, str]]]:
    doc = read_docx(io.BytesIO(data))
    headline = next(p.text for p in doc.paragraphs if p.text.startswith("截至"))
    table, exceptions = {}, {}
    for t in doc.tables:
        head = [c.text for c in t.rows[0].cells]
        if head[:2] == ["序号", "指标"]:
            for row in t.rows[1:]:
                cells = [c.text for c in row.cells]
                table[cells[1].removeprefix("其中：")] = NAME_LIGHT[cells[8]]
        elif head[0] == "需要关注的指标":
            for row in t.rows[1:]:
                name, light, text = (c.text for c in row.cells)
                exceptions[name] = (NAME_LIGHT[light], text)
    return headline.split("，", 1)[1], table, exceptions


def dashboard_tasks(html: str) -> dict[str, str]:
    """Task number → light, from the dashboard's task cards."""
    found = re.findall(
        r'<article class="card task"[^>]*><h3>(\S+) .*?<span class="light light-(\w+)">', html
    )
    return dict(found)


def dashboard_says(html: str) -> tuple[str, dict[str, int], dict[str, tuple[str, str]]]:
    """(headline, light → tile count, indicator id → (light, its facts' text))."""
    headline = re.search(r'<p class="headline">(.*?)</p>', html).group(1)  # type: ignore[union-attr]
    tiles = {k: int(n) for k, n in re.findall(r'<div class="tile light-(\w+)"><b>(\d+)</b>', html)}
    cards = {
        m[0]: (m[1], m[2])
        for m in re.findall(
            r'<article class="card indicator" id="ind-(.+?)"><h3>.*?'
            r'<span class="light light-(\w+)">.*?</h3><dl class="facts">(.*?)</dl>',
            html,
        )
    }
    return headline, tiles, cards


# ---------------------------------------------------------------- one day


def briefing_month(project: Project, day: date) -> str | None:
    """The latest month with data that had arrived by ``day`` (what status judges), if any."""
    plan = project.checked_plan
    months = [
        r.report.month
        for r in project.reports
        if isinstance(r.report, MonthlyReport)
        and (r.report.submitted or project.submitted.get(r.path, day)) <= day
        and r.report.month <= month_of(day)
    ]
    month = max(months, default=month_of(day))
    return month if month in plan.months else None


def disagreements(project: Project, day: date, templates, *, docx: bool) -> list[str]:
    """Every figure of every output that differs from status's on ``day``."""
    plan = project.checked_plan
    unreadable = project.unreadable_periods()
    log = project.confirmations
    progress = compute_progress(
        plan, project.reports, project.submitted, day, unreadable, confirmations=log
    )
    truth = json.loads(dumps_json(status_view(plan, progress)))
    rows = {i["id"]: i for i in truth["indicators"]}
    task_lights = {t["number"]: t["light"] for t in truth["tasks"]}
    by_name = {i["name"]: i for i in truth["indicators"]}
    headline = truth["summary"]["headline"]
    wrong: list[str] = []

    def check(what: str, ok: bool) -> None:
        if not ok:
            wrong.append(f"{day} {what}")

    # The briefing, Markdown and Word.
    month = briefing_month(project, day)
    if month is not None:
        brief = build_brief(
            plan,
            project.reports,
            project.submitted,
            month,
            day,
            unreadable=unreadable,
            confirmations=log,
        )
        markdown = render_template(templates, brief._asdict())
        texts = [("md", markdown_says(markdown))]
        said_tasks = [("md", tasks_said(markdown))]
        if docx:
            data = render_docx(brief_document(brief, Charts(None, None)))
            texts.append(("docx", docx_says(data)))
            paragraphs = "\n".join(p.text for p in read_docx(io.BytesIO(data)).paragraphs)
            said_tasks.append(("docx", tasks_said(paragraphs)))
        for fmt, lights in said_tasks:
            check(f"{fmt} task lights {lights} ≠ {task_lights}", lights == task_lights)
        for fmt, (said, table, exceptions) in texts:
            # 一、总体情况 opens with the headline, then names the exceptions (and 督办)
            check(f"{fmt} headline {said!r} ≠ {headline!r}", said.startswith(headline))
            for name, light in table.items():
                check(
                    f"{fmt} {name} {light} ≠ {by_name[name]['light']}",
                    light == by_name[name]["light"],
                )
            check(f"{fmt} rows", set(table) == set(by_name))
            flagged = {
                i["name"]
                for i in truth["indicators"]
                if i["light"] in ("red", "missing", "yellow") and i["headline"]
            }
            check(
                f"{fmt} exceptions {sorted(exceptions)} ≠ {sorted(flagged)}",
                set(exceptions) == flagged,
            )
            for name, (light, text) in exceptions.items():
                i = by_name[name]
                check(f"{fmt} exception {name} {light}", light == i["light"])
                check(
                    f"{fmt} streak {name} {text!r} ≠ {i['streak']}", said_right(i["streak"], text)
                )

    # The dashboard.
    view = build_dashboard(plan, progress, project.reports, project.submitted)
    page = render_dashboard_html(view, DashboardCharts(None, {}))
    said, tiles, cards = dashboard_says(page)
    check(f"dashboard task lights {dashboard_tasks(page)}", dashboard_tasks(page) == task_lights)
    check(f"dashboard headline {said!r}", said == headline)
    check(
        f"dashboard tiles {tiles} ≠ {truth['summary']['lights']}",
        tiles == truth["summary"]["lights"],
    )
    check("dashboard cards", set(cards) == set(rows))
    for ind_id, (light, facts) in cards.items():
        check(f"dashboard {ind_id} {light}", light == rows[ind_id]["light"])
        check(f"dashboard streak {ind_id} {facts!r}", said_right(rows[ind_id]["streak"], facts))

    # The ledger: the as-of month's rows.
    if month_of(day) in plan.months:
        ledger = build_ledger(plan, project.reports, progress, unreadable, project.submitted)
        table = list(
            csv.DictReader(io.StringIO(render_csv(LEDGER_COLUMNS, ledger.rows).decode("utf-8-sig")))
        )
        for row in (r for r in table if r["月份"] == month_of(day)):
            i = rows[row["指标标识"]]
            light = row["灯（按指标值）"]
            check(f"ledger {i['id']} {light}", NAME_LIGHT[light] == i["light"])
            check(f"ledger streak {i['id']}", int(row["连续黄灯或红灯（月）"]) == i["streak"])

    # The scorecard: each unit's lights, as the status rows give them to the unit.
    expected: dict[str, Counter] = {}
    for i in truth["indicators"]:
        if not i["reporters"]:
            continue
        if plan.indicator_by_id[i["id"]].combine != "sum":
            expected.setdefault(i["reporters"][0], Counter())[i["light"]] += 1
            continue
        for unit in i["reporters"]:
            if unit in i["missing"]:
                expected.setdefault(unit, Counter())["missing"] += 1
            elif i["light"] != "missing":
                expected.setdefault(unit, Counter())[i["light"]] += 1
    card = scorecard_json(build_scorecard(plan, progress))
    for u in card["units"]:
        got = Counter({k: n for k, n in u["lights"].items() if n})
        check(f"scorecard {u['unit']} {dict(got)}", got == expected.get(u["unit"], Counter()))

    # The reminders: who is told about which indicator, in which light, with which streak.
    told = {}
    for reminder in build_reminders(plan, progress):
        for item in reminder.indicators:
            told[(reminder.unit, item.id)] = (item.light, item.text)
    owed = {}
    for i in truth["indicators"]:
        if not i["reporters"]:
            continue
        warning = i["light"] in ("red", "yellow")
        if plan.indicator_by_id[i["id"]].combine != "sum":
            if warning or i["light"] == "missing":
                owed[(i["reporters"][0], i["id"])] = i["light"]
            continue
        for unit in i["reporters"]:
            if unit in i["missing"]:
                owed[(unit, i["id"])] = "missing"
            elif warning:
                owed[(unit, i["id"])] = i["light"]
    check(f"reminders {sorted(set(told) ^ set(owed))}", set(told) == set(owed))
    for key, (light, text) in told.items():
        i = rows[key[1]]
        check(f"reminder {key} {light}", light == owed.get(key))
        if light != "missing":
            check(f"reminder streak {key} {text!r}", said_right(i["streak"], text))
    return wrong


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def assert_agree(project: Project, period: list[date], *, docx_every: int) -> None:
    templates = load_template_set(find_template(REPO, None), REPO)
    wrong: list[str] = []
    for n, day in enumerate(period):
        wrong += disagreements(project, day, templates, docx=n % docx_every == 0)
    assert not wrong, "\n".join(wrong[:30])


# ---------------------------------------------------------------- the demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = build_demo(tmp_path_factory.mktemp("demo") / "project")
    return check_project(load_with_history(root, LATE_TODAY), today=LATE_TODAY)


def test_every_output_agrees_with_status_every_day_of_the_demo(demo: Project) -> None:
    # From the plan's start to a month after the last reports (September's, sent by
    # 30 September), and the Word briefing every fifth day (its text is the same view's).
    assert_agree(demo, days(date(2025, 5, 1), date(2025, 10, 31)), docx_every=7)


def test_the_check_can_fail(demo: Project) -> None:
    """A briefing that counted calendar months would be caught (the old 10 August bug)."""
    templates = load_template_set(find_template(REPO, None), REPO)
    day = date(2025, 8, 10)
    assert disagreements(demo, day, templates, docx=False) == []
    text = render_template(
        templates,
        build_brief(demo.checked_plan, demo.reports, demo.submitted, "2025-07", day)._asdict(),
    ).replace("已连续2个月预警（6月、7月）", "已连续3个月预警")
    _, _, exceptions = markdown_says(text)
    light, said = exceptions["组建产业创新联合实验室"]
    assert light == "yellow" and not said_right(2, said)
    # Task lights include actions: (三)1's one indicator is green, but 市人才工作局 never
    # states its five actions (未报送), so the task is 未报送, as status says.
    assert tasks_said(text)["（三）1"] == "missing"
    assert demo.checked_plan.task_by_id["t3-1"].actions


# ---------------------------------------------------------------- late, missing and stale

SMALL_PLAN = """\
version: 1
plan: {id: small, title: 测试方案, proposal: 测试, notice: 测试通知, issuer: 测试办, issued: 2025-01-01,
       start: 2025-01-01, end: 2025-06-30, leading_group: 领导小组, office: a}
settings:
  thresholds: {yellow: 10, red: 30}
  escalate_after: 3
units:
  - {id: a, name: 甲单位}
  - {id: b, name: 乙区}
  - {id: c, name: 丙区}
  - {id: d, name: 丁区}
  - {id: e, name: 戊单位}
  - {id: f, name: 己单位}
goals:
  text: 目标
  indicators:
    - {id: total, name: 总量, target: 350, measure: 亿元, parts: [part-a, part-e]}
    - {id: part-a, name: 甲分项, target: 300, measure: 亿元, reporters: [a]}
    - {id: part-e, name: 戊分项, target: 100, measure: 亿元, reporters: [e]}
tasks:
  - {id: t1, number: "1", section: 一, title: 任务一, text: 原文, lead: [a],
     indicators: [
       {id: projects, name: 项目数, target: 120, measure: 个},
       {id: space, name: 新增空间, target: 300, measure: 万平方米, reporters: [b, c, d],
        combine: sum},
       {id: growth, name: 增加值增长, target: 7, measure: "%", kind: rate, reporters: [e],
        qualifier: 以上},
       {id: silent, name: 无人报送, target: 10, measure: 个, reporters: [f]}]}
deliverables:
  - {id: info, name: 信息, kind: monthly, owed_by: [a, b, c, d, e, f], due_day: 5}
"""
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
# unit → indicator → value per month (None: that month's report never sent)
SERIES: dict[str, dict[str, list[float | None]]] = {
    # 项目数 of 120: green, green, then yellow from March (10.0, 10.0, 12.5, 16.7 behind):
    # escalated from May. 甲分项 of 300 on pace.
    "a": {"projects": [5, 12, 18, 28, 35, 40], "part-a": [25, 50, 75, 100, 125, 150]},
    "b": {"space": [10, 20, 30, 40, 50, 60]},
    "c": {"space": [5, 10, 15, 20, 25, 30]},  # always three weeks late
    "d": {"space": [5, 10, None, None, 25, 30]},  # March and April never sent: stale
    "e": {"growth": [6.5, 7.2, None, 6.0, 7.1, 7.3], "part-e": [8, 16, None, 30, 40, 50]},
}
LATE = {"c": 21}  # days after the 3rd of the next month


def small_reports() -> dict[str, str]:
    out = {}
    for unit, series in SERIES.items():
        for n, month in enumerate(MONTHS):
            values = {k: v[n] for k, v in series.items()}
            if any(v is None for v in values.values()):
                continue
            y, m = int(month[:4]), int(month[5:])
            sent = date(y + (m == 12), m % 12 + 1, 3) + timedelta(days=LATE.get(unit, 0))
            if unit == "d" and month == "2025-05":
                sent += timedelta(days=30)  # May's arrives in July
            text = ", ".join(f"{k}: {v:g}" for k, v in values.items())
            out[f"{unit}/{month}.yaml"] = monthly(unit, month, text, f"submitted: {sent}\n")
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = write_project(tmp_path_factory.mktemp("small") / "proj", small_reports(), SMALL_PLAN)
    project = check_project(load_project(root), today=LATE_TODAY)
    assert not [d for d in project.diagnostics if d.severity == "error"], project.diagnostics
    return project


def test_the_small_project_has_what_it_tests(small: Project) -> None:
    # 10 June: May's 信息 was due on 5 June. c's comes three weeks late, d's May a month
    # late and its March and April never: the sum holds c's April and d's February data.
    p = compute_progress(small.checked_plan, small.reports, {}, date(2025, 6, 10))
    space, projects = p.indicator("space"), p.indicator("projects")
    assert space.stale == (("c", "2025-04"), ("d", "2025-02")) and space.data_month == "2025-02"
    # 项目数: March 15% vs 25% and April 23.3% vs 33.3% (10.0 behind each), May 29.2% vs
    # 41.7% (12.5): three yellow data months, escalated.
    assert (projects.streak, projects.streak_months[0], projects.light) == (3, "2025-03", "red")
    assert p.indicator("silent").light == "missing"
    assert p.indicator("growth").kind == "rate"


def test_every_output_agrees_with_status_every_day_of_a_small_project(small: Project) -> None:
    assert_agree(small, days(date(2025, 1, 1), date(2025, 8, 31)), docx_every=7)
