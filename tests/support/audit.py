"""Real repositories with commits by different authors, for ``audit`` and its hostile cases.

``repo`` and ``plan`` are fixtures, registered for the suite by tests/conftest.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jianyian.cli import app
from jianyian.load import load_plan
from jianyian.load.gitlog import Commit

from ..conftest import REAL_TARGETS, git, git_commit, git_init, monthly, runner

OFFICE = "王主任 <wang@fgw.example.gov.cn>"
LIAISON = "张三 <zhang@jxj.example.gov.cn>"
STRANGER = "李四 <li@example.com>"
KJJ_LIAISON = "赵六 <zhao@kjj.example.gov.cn>"


def plan_text(*, office: bool = True, liaisons: bool = True) -> str:
    """The real plan, with an office member and liaisons of jxj and kjj registered."""
    text = REAL_TARGETS.read_text(encoding="utf-8")
    if office:
        old = "  office_staff: []"
        assert old in text
        text = text.replace(
            old, "  office_staff: [{name: 王主任, email: Wang@FGW.example.gov.cn}]", 1
        )
    if liaisons:
        for unit, who in (("jxj", "张三, email: zhang@jxj.example.gov.cn"),):
            old = f"  - {{id: {unit}, name: 市经信局, short: 经信局, liaisons: []}}"
            assert old in text
            text = text.replace(old, old.replace("liaisons: []", f"liaisons: [{{name: {who}}}]"))
        old = "  - {id: kjj, name: 市科技创新局, short: 科技创新局, liaisons: []}"
        assert old in text
        text = text.replace(
            old,
            old.replace("liaisons: []", "liaisons: [{name: 赵六, email: zhao@kjj.example.gov.cn}]"),
        )
    return text


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(make_project) -> Path:
    """The plan committed by the office on 2025-06-01, and one report by jxj's liaison."""
    root = make_project(targets=plan_text())
    git_init(root)
    git_commit(root, ["data"], "plan", date="2025-06-01T09:00:00+08:00", author=OFFICE)
    write(root, "data/reports/jxj/2025-06.yaml", monthly("jxj", "2025-06", "ai-models: 2"))
    git_commit(
        root,
        ["data/reports/jxj/2025-06.yaml"],
        "June",
        date="2025-07-04T10:00:00+08:00",
        author="张三 <ZHANG@jxj.example.gov.cn>",  # e-mails compare case-insensitively
    )
    return root


def run(root: Path, *args: str):
    return runner.invoke(app, ["audit", "--root", str(root), *args])


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def commit(author: str, *paths: str, day: str = "2025-07-01", h: str = "a" * 40) -> Commit:
    name, email = author.rsplit(" <", 1)
    return Commit(h, name, email.rstrip(">"), date.fromisoformat(day), paths)


@pytest.fixture
def plan(make_project):
    the_plan, _, diags = load_plan(make_project(targets=plan_text()))
    assert the_plan is not None, diags
    return the_plan
