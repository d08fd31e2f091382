"""The tasks tab's actions (issue 25): each task's actions by state (counts and a list, 逾期
first) and a filter by unit that works in a real browser and keeps the page valid and
accessible. Judged on a day after the 30 September deadlines, when actions are overdue."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jianyian.views.dashboard import ACTION_ORDER

from ..conftest import build_demo, run
from ..support.cdp import Browser
from ..support.pagecheck import (
    WCAG_AA,
    axe_violations,
    html_validate_problems,
    inject_axe,
    nu_errors,
    summarize,
)

AS_OF = "2025-10-20"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "project")


@pytest.fixture(scope="module")
def page(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page") / "进度.html"
    result = run("dashboard", "--root", str(demo), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def status(demo: Path) -> dict:
    result = run("status", "--root", str(demo), "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class Actions(HTMLParser):
    """Each task card's data-units, summary and action rows (id, state, data-units)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self._cell: list[str] | None = None
        self._row: dict | None = None
        self._summary: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "article" and "task" in a.get("class", ""):
            self.cards.append({"units": a["data-units"].split(), "rows": [], "summary": ""})
        elif tag == "summary" and self.cards:
            self._summary = []
        elif tag == "tr" and "data-units" in a:
            self._row = {"units": a["data-units"].split(), "cells": []}
            self.cards[-1]["rows"].append(self._row)
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row["cells"].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "summary" and self._summary is not None:
            if not self.cards[-1]["summary"]:
                self.cards[-1]["summary"] = "".join(self._summary)
            self._summary = None

    def handle_data(self, data: str) -> None:
        for buf in (self._cell, self._summary):
            if buf is not None:
                buf.append(data)


def parse(page: Path) -> list[dict]:
    p = Actions()
    p.feed(page.read_text(encoding="utf-8"))
    return p.cards


def test_each_tasks_actions_are_status_jsons_by_state(page: Path, status: dict) -> None:
    cards = parse(page)
    assert len(cards) == len(status["tasks"])
    by_task: dict[str, list[dict]] = {}
    for a in status["actions"]:
        by_task.setdefault(a["task"], []).append(a)
    for card, task in zip(cards, status["tasks"], strict=True):
        actions = by_task.get(task["id"], [])
        shown = [(r["cells"][0], re.sub(r"^\W", "", r["cells"][4])) for r in card["rows"]]
        assert sorted(shown) == sorted((a["id"], a["state"]) for a in actions), task["id"]
        # 逾期 first, then the engine's order of precedence.
        assert [s for _, s in shown] == sorted((s for _, s in shown), key=ACTION_ORDER.index), task[
            "id"
        ]
        counts = {s: sum(a["state"] == s for a in actions) for s in ACTION_ORDER}
        expected = "，".join(f"{s} {n} 项" for s, n in counts.items() if n)
        assert card["summary"] == f"事项 {len(actions)} 项：{expected}"
        assert task["progress_text"] in page.read_text(encoding="utf-8")
        for row, a in zip(sorted(card["rows"], key=lambda r: r["cells"][0]),
                          sorted(actions, key=lambda a: a["id"]), strict=True):  # fmt: skip
            assert set(row["units"]) == set(a["lead_units"]) | set(a["responsible_units"])
            assert set(row["units"]) <= set(card["units"])
    assert any("逾期" in c["summary"] for c in cards)


def test_the_page_is_the_same_for_the_same_data(demo: Path, page: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert run("dashboard", "--root", str(demo), "--as-of", AS_OF, "-o", str(again)).exit_code == 0
    assert again.read_bytes() == page.read_bytes()


@pytest.mark.slow
def test_the_filter_by_unit_works_in_a_browser(page: Path, status: dict) -> None:
    rcj_tasks = {
        t["id"]
        for t in status["tasks"]
        if "rcj" in t["lead"] + t["responsible"]
        or any(
            "rcj" in a["lead_units"] + a["responsible_units"]
            for a in status["actions"]
            if a["task"] == t["id"]
        )
    }
    rcj_actions = [
        a["id"] for a in status["actions"] if "rcj" in a["lead_units"] + a["responsible_units"]
    ]
    with Browser(timeout=120) as b:
        b.offline()
        b.open(page.as_uri())
        b.evaluate("document.querySelector('[data-tab=tasks]').click()")
        total = b.evaluate("document.querySelectorAll('article.task:not([hidden])').length")
        assert total == len(status["tasks"])
        b.evaluate(
            "var s = document.getElementById('task-unit'); s.value = 'rcj';"
            "s.dispatchEvent(new Event('change'))"
        )
        shown = b.evaluate("document.querySelectorAll('article.task:not([hidden])').length")
        assert shown == len(rcj_tasks) < total
        assert b.evaluate("document.getElementById('task-count').textContent") == str(shown)
        rows = b.evaluate(
            "Array.prototype.map.call(document.querySelectorAll("
            "'article.task:not([hidden]) table.actions tbody tr:not([hidden]) td.aid'),"
            " function (td) { return td.textContent; })"
        )
        assert sorted(rows) == sorted(rcj_actions)
        b.evaluate(
            "var s = document.getElementById('task-unit'); s.value = '';"
            "s.dispatchEvent(new Event('change'))"
        )
        assert b.evaluate("document.querySelectorAll('table.actions tbody tr[hidden]').length") == 0
        assert b.errors() == []


@pytest.mark.slow
def test_the_page_with_overdue_actions_stays_valid_and_accessible(page: Path) -> None:
    assert html_validate_problems(page) == []
    assert nu_errors(page) == []
    with Browser(timeout=120) as b:
        b.offline()
        b.open(page.as_uri())
        inject_axe(b)
        b.evaluate("document.querySelector('[data-tab=tasks]').click()")
        b.evaluate(
            "Array.prototype.forEach.call(document.querySelectorAll('details'),"
            " function (d) { d.open = true; })"
        )
        found = axe_violations(b, WCAG_AA)
        assert found == [], summarize(found)
        b.evaluate(
            "var s = document.getElementById('task-unit'); s.value = 'jxj';"
            "s.dispatchEvent(new Event('change'))"
        )
        found = axe_violations(b, WCAG_AA)
        assert found == [], summarize(found)
