"""The July briefing as the office sends it (issue 27), printed by a real LibreOffice.

``jianyian brief -o 简报.pdf`` on the demo, as of 10 August 2025: the body (before 附件1)
takes at most four pages, the 版记 is on the last page, every figure shares its page
with its caption, the PDF carries a serif, a sans and (where installed) a Kai CJK face,
and the body's numbers are those of ``status --json``. Without soffice or poppler the
tests skip loudly (and fail under CI=true, see tests/support/office.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DEMO_BUILD, late_env
from ..support import office

ARGS = ("brief", "--month", "2025-07", "--as-of", "2025-08-10")
MAX_BODY_PAGES = 4


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "project"
    subprocess.run([sys.executable, str(DEMO_BUILD), str(target)], check=True, capture_output=True)
    return target


@pytest.fixture(scope="module")
def pdf(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    office.require("soffice")
    office.require("noto-cjk")
    out = tmp_path_factory.mktemp("pdf") / "简报.pdf"
    # The job's own font mapping, not the tests' fonts.conf: the environment is plain.
    r = subprocess.run(
        [sys.executable, "-m", "jianyian", *ARGS, "--root", str(demo), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=late_env(),  # today after the demo's dates
    )
    assert r.returncode == 0, r.stderr
    return out


def pages(pdf: Path) -> list[str]:
    """The text of each page, blanks removed (pdftotext spaces out digits and Latin)."""
    text = office.pdf_text(pdf)
    # without the page numbers (— 2 —), so a paragraph running over a page reads on
    out = [re.sub(r"—\d+—", "", re.sub(r"\s+", "", page)) for page in text.split("\f")]
    return out[:-1] if out and not out[-1] else out


def first_annex_page(texts: list[str]) -> int:
    """The 1-based page whose text starts with the label 附件1."""
    return next(n for n, t in enumerate(texts, 1) if t.startswith("附件1"))


@pytest.mark.slow
def test_the_body_takes_at_most_four_pages(pdf: Path) -> None:
    texts = pages(pdf)
    annex = first_annex_page(texts)
    assert annex - 1 <= MAX_BODY_PAGES, f"正文 {annex - 1} 页"
    body = "".join(texts[: annex - 1])
    for head in ("一、总体情况", "二、重点工作进展", "三、存在问题", "四、需市领导协调事项"):
        assert head in body
    assert "五、下步工作" in body and "六、报送情况" in body and "信息选编" in body
    # The annex list closes the body; page breaks only before each annex.
    assert "附件：1.主要指标完成情况" in texts[annex - 2]
    for n in (2, 3, 4):
        assert any(t.startswith(f"附件{n}") for t in texts[annex:])


@pytest.mark.slow
def test_the_imprint_is_on_the_last_page(pdf: Path) -> None:
    last = pages(pdf)[-1]
    assert "报：市人民政府分管副市长、分管副秘书长" in last
    assert "发：领导小组各成员单位" in last and "2025年8月10日印发" in last
    assert all("报：市人民政府" not in t for t in pages(pdf)[:-1])


@pytest.mark.slow
def test_every_figure_shares_a_page_with_its_caption(pdf: Path) -> None:
    pdfimages = office.require("pdfimages")
    listing = subprocess.run(
        [pdfimages, "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # one row per image ("smask" rows are the transparency of the image above them)
    images = [int(line.split()[0]) for line in listing if line.split()[2:3] == ["image"]]
    texts = pages(pdf)
    assert len(images) == 2, images
    for page in set(images):
        captions = [c for c in ("图1", "图2") if c in texts[page - 1]]
        assert len(captions) >= images.count(page), f"第{page}页有图而没有图题"
    assert sorted(c for t in texts for c in ("图1", "图2") if c in t) == ["图1", "图2"]


@pytest.mark.slow
def test_the_pdf_tells_the_font_roles_apart(pdf: Path) -> None:
    fonts = " ".join(office.pdf_fonts(pdf))
    # 仿宋/宋体 → a serif CJK face, 黑体 → a sans one (Noto by default).
    assert re.search(r"Serif(CJK|SC|CN)|SerifCJK|Ming|Song", fonts), fonts
    assert re.search(r"Sans(CJK|SC|CN)|SansCJK|Hei", fonts), fonts
    families = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    if "AR PL UKai" in families:  # 楷体 (按语, （一） headings) → a Kai face
        assert "UKai" in fonts, fonts


@pytest.mark.slow
def test_the_body_numbers_are_those_of_status(pdf: Path, demo: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "jianyian",
            "status",
            "--json",
            "--as-of",
            "2025-08-10",
            "--root",
            str(demo),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=late_env(),
    )
    assert r.returncode == 0, r.stderr
    status = json.loads(r.stdout)
    texts = pages(pdf)
    # pdftotext breaks lines and spaces digits from Chinese: compare without white space
    body = re.sub(r"\s+", "", "".join(texts[: first_annex_page(texts) - 1]))
    assert re.sub(r"\s+", "", status["summary"]["headline"]) in body
    reds = [i["name"] for i in status["indicators"] if i["light"] == "red" and i["headline"]]
    assert reds and all(name in body for name in reds)
    # Each task's furthest-behind indicator, with its 完成率 as status gives it.
    by_id = {i["id"]: i for i in status["indicators"]}
    for task in status["tasks"]:
        rows = [by_id[i] for i in task["indicators"] if by_id[i]["value"] is not None]
        rows = [i for i in rows if i["kind"] != "rate" and i["headline"]]
        if not rows:
            continue
        worst = max(rows, key=lambda i: i["gap"] or 0)
        assert f"{worst['name']}" in body
        assert f"完成{worst['completion'] * 100:.1f}%" in body, worst["name"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("month", "as_of"),
    [("2025-05", "2025-06-10"), ("2025-10", "2025-11-10"), ("2025-12", "2026-01-20")],
)
def test_every_month_s_body_takes_at_most_four_pages(
    demo: Path, tmp_path: Path, month: str, as_of: str
) -> None:
    """The first month, one with many overdue actions, and the last (no 信息 yet, every
    task with overdue actions): the body still fits four pages."""
    office.require("soffice")
    office.require("noto-cjk")
    out = tmp_path / f"简报-{month}.pdf"
    args = ("brief", "--month", month, "--as-of", as_of, "--root", str(demo), "-o", str(out))
    r = subprocess.run(
        [sys.executable, "-m", "jianyian", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=late_env(),
    )
    assert r.returncode == 0, r.stderr
    texts = pages(out)
    annex = first_annex_page(texts)
    assert annex - 1 <= MAX_BODY_PAGES, f"{month} 正文 {annex - 1} 页"
    assert "六、报送情况" in "".join(texts[: annex - 1])
