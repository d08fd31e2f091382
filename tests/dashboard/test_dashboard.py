"""``jianyian dashboard``: the offline progress page of the demo project.

Structural tests read the page back with the standard library's HTML parser and compare
it with ``status --json`` (the same numbers); the browser tests load it in a real headless
Chromium over the DevTools protocol with the network off (tests/support/cdp.py) and take
the 1366×768 screenshot.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jianyian.render.dashboard_html import DashboardCharts, el, render_dashboard_html

from ..conftest import REPO, run
from ..support.cdp import Browser
from ..support.office import chromium_screenshot, png_size

BUILD = REPO / "examples" / "demo" / "build.py"
AS_OF = "2025-08-10"
HOSTILE = "<script>alert(1)</script>"


def build_demo(target: Path) -> Path:
    subprocess.run([sys.executable, str(BUILD), str(target)], check=True, capture_output=True)
    return target


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


class Page(HTMLParser):
    """Element ids, the grid's rows (data-unit → cell texts) and every src/href value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.scripts = 0
        self._row: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]
        if tag == "script":
            self.scripts += 1
        if tag == "tr" and "data-unit" in a:
            self._row = a["data-unit"]
            self.rows[self._row or ""] = []
        if tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._row is not None:
            self.rows[self._row].append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# ---------------------------------------------------------------- structure


@pytest.mark.slow
def test_every_indicator_and_task_is_on_the_page(page: Path, status: dict) -> None:
    html = page.read_text(encoding="utf-8")
    parsed = parse(page)
    assert {f"ind-{i['id']}" for i in status["indicators"]} <= parsed.ids
    for task in status["tasks"]:
        assert task["title"] in html
    assert status["summary"]["headline"] in html
    assert "数据版本：" in html and "2025年8月10日" in html


def test_grid_counts_equal_status_json(page: Path, status: dict) -> None:
    rows = parse(page).rows
    expected = {
        u["id"]: [u["on_time"], u["late"], u["overdue"], u["not_due"]]
        for u in status["units"]
        if u["received"] + u["overdue"] + u["not_due"]
    }
    shown = {unit: [int(c) for c in cells[-4:]] for unit, cells in rows.items()}
    assert shown == expected
    # The cells themselves add up to the counts printed beside them.
    for cells in rows.values():
        marks = cells[2:-4]
        on_time = marks.count("✓")
        late = sum(c.startswith("迟") for c in marks)
        assert [on_time, late, marks.count("未报"), marks.count("未到期")] == [
            int(c) for c in cells[-4:]
        ]


def test_the_footer_names_the_commit(page: Path, demo: Path) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=demo, capture_output=True, text=True
    ).stdout.strip()
    assert head and head in page.read_text(encoding="utf-8").rsplit("<footer", 1)[1]


def test_no_reference_outside_the_file(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert "@import" not in html and "@font-face" not in html
    # url(...) only to fragments inside the page (clip paths of the charts)
    assert all(target.startswith("#") for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", html))
    links = parse(page).links
    assert all(link.startswith("#") for link in links)
    assert not re.search(r"(src|href)\s*=\s*['\"]?//", html)


def test_ids_are_unique(page: Path) -> None:
    ids = re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids))
    assert sum(i.startswith("ind-") for i in ids) >= 20  # one a card, tabs and panels besides


@pytest.mark.slow
def test_same_data_same_bytes(demo: Path, page: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert run("dashboard", "--root", str(demo), "--as-of", AS_OF, "-o", str(again)).exit_code == 0
    assert again.read_bytes() == page.read_bytes()
    other = tmp_path / "other.html"
    assert (
        run("dashboard", "--root", str(demo), "--as-of", "2025-09-10", "-o", str(other)).exit_code
        == 0
    )
    assert other.read_bytes() != page.read_bytes()


@pytest.mark.slow
def test_hostile_report_text_is_shown_not_run(tmp_path: Path, clock: date) -> None:
    root = build_demo(tmp_path / "project")
    report = root / "data" / "reports" / "jxj" / "2025-07.yaml"
    text = report.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  title: .*$", f'  title: "{HOSTILE}"', text, count=1)
    # edited after the commit: it says when it arrived, the day git has for it
    text = text.replace("month: 2025-07\n", "month: 2025-07\nsubmitted: 2025-08-05\n", 1)
    report.write_text(text, "utf-8")
    out = tmp_path / "进度.html"
    result = run("dashboard", "--root", str(root), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE not in html
    assert parse(out).scripts == 1  # the page's own


def test_el_escapes_text_and_attributes() -> None:
    assert el("td", {"title": '"x"&'}, HOSTILE) == (
        '<td title="&quot;x&quot;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;</td>'
    )


def test_without_a_cjk_font_the_page_says_so(demo: Path, page: Path) -> None:
    from datetime import date

    from jianyian.jobs import JobResult
    from jianyian.jobs.steps import load_progress
    from jianyian.views.dashboard import build_dashboard

    day = date(2025, 8, 10)
    project, progress = load_progress(demo, day, day, JobResult(), want_head=True)
    view = build_dashboard(
        project.checked_plan, progress, project.reports, project.submitted, head=project.head
    )
    html = render_dashboard_html(
        view, DashboardCharts(None, {}, "本机未找到中文字体，图表未生成。")
    )
    assert "本机未找到中文字体" in html and "<svg" not in html
    assert "<svg" in page.read_text(encoding="utf-8")
    for ind in progress.indicators:
        assert f'id="ind-{ind.id}"' in html


# ---------------------------------------------------------------- the command


def test_only_html_is_written(demo: Path, tmp_path: Path) -> None:
    result = run("dashboard", "--root", str(demo), "-o", str(tmp_path / "进度.pdf"))
    assert result.exit_code == 2
    assert ".html" in result.output
    assert not (tmp_path / "进度.pdf").exists()


@pytest.mark.slow
def test_an_existing_file_needs_force(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "进度.html"
    out.write_text("old", encoding="utf-8")
    result = run("dashboard", "--root", str(demo), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code != 0 and out.read_text(encoding="utf-8") == "old"
    result = run("dashboard", "--root", str(demo), "--as-of", AS_OF, "-o", str(out), "--force")
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_help_is_chinese_with_an_example() -> None:
    result = run("dashboard", "--help")
    assert result.exit_code == 0
    assert "进度看板" in result.output and "jianyian dashboard -o 进度.html" in result.output


# ---------------------------------------------------------------- a real browser


@pytest.mark.slow
def test_the_browser_helper_sees_errors_and_requests(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><img src="http://192.0.2.1/x.png"><script>throw new Error("x")</script>',
        encoding="utf-8",
    )
    with Browser(timeout=60) as b:
        b.offline()
        b.open(bad.as_uri())
        assert any(u.startswith("http://192.0.2.1/") for u in b.requests())
        assert any("exception" in e for e in b.errors())


@pytest.mark.slow
def test_chromium_loads_the_page_offline_without_errors(page: Path, status: dict) -> None:
    with Browser(timeout=120) as b:
        b.offline()
        b.open(page.as_uri())
        assert b.requests() == [page.as_uri()]
        assert b.errors() == []
        assert not any(e["method"] == "Page.javascriptDialogOpening" for e in b.events)
        # Tabs: one panel shows at a time.
        assert b.evaluate("document.querySelector('section.panel.active').id") == "overview"
        b.evaluate("document.querySelector('[data-tab=grid]').click()")
        assert b.evaluate("document.querySelector('section.panel.active').id") == "grid"
        # The grid's filters, by kind and by unit.
        total = b.evaluate("document.querySelectorAll('table.grid tbody tr').length")
        assert total == len(parse(page).rows)
        b.evaluate(
            "var k = document.getElementById('filter-kind'); k.value = 'district';"
            "k.dispatchEvent(new Event('change'))"
        )
        visible = b.evaluate(
            "Array.from(document.querySelectorAll('table.grid tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.dataset.unit)"
        )
        districts = [u for u in parse(page).rows if u in _units_of_kind(page, "district")]
        assert visible == districts and 0 < len(visible) < total
        assert b.evaluate("document.getElementById('filter-count').textContent") == str(
            len(visible)
        )
        b.evaluate(
            "var k = document.getElementById('filter-kind'); k.value = '';"
            "k.dispatchEvent(new Event('change'));"
            "var u = document.getElementById('filter-unit'); u.value = 'jxj';"
            "u.dispatchEvent(new Event('change'))"
        )
        assert b.evaluate(
            "Array.from(document.querySelectorAll('table.grid tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.dataset.unit)"
        ) == ["jxj"]
        # Printing: A4, every section, no navigation.
        pdf = b.pdf(page.with_suffix(".pdf"))
        assert pdf.read_bytes().startswith(b"%PDF")
        assert b.errors() == []


def _units_of_kind(page: Path, kind: str) -> set[str]:
    html = page.read_text(encoding="utf-8")
    return set(re.findall(rf'<tr data-unit="([^"]+)" data-kind="{kind}"', html))


@pytest.mark.slow
def test_screenshot_at_1366x768(page: Path) -> None:
    png = chromium_screenshot(page, page.with_name("进度.png"), (1366, 768))
    assert png_size(png) == (1366, 768)
