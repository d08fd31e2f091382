"""Bidirectional overrides are refused in the plan as in reports (issue 30, item 10): a unit
name with U+202E would show other text than it holds in every output."""

from __future__ import annotations

from pathlib import Path

from jianyian.cli import app

from ..conftest import REAL_TARGETS, monthly, runner, write_project


def validate(root: Path):
    return runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})


def test_an_override_in_the_plan_is_a_located_error(tmp_path: Path) -> None:
    text = REAL_TARGETS.read_text(encoding="utf-8")
    old = "name: 市经信局"
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    root = write_project(tmp_path / "p", {}, text.replace(old, "name: 市经\u202e局信", 1))
    r = validate(root)
    assert r.exit_code == 1, r.output
    assert f"data/targets.yaml:{line}:" in r.output and "U+202E" in r.output
    assert "[JY002]" in r.output and "\u202e" not in r.output


def test_an_isolate_in_a_report_is_a_located_error(tmp_path: Path) -> None:
    report = monthly("jxj", "2025-07").replace("title: ", "title: 标题\u2067", 1)
    assert "\u2067" in report
    root = write_project(tmp_path / "p", {"jxj/2025-07.yaml": report})
    r = validate(root)
    assert r.exit_code == 1, r.output
    assert "data/reports/jxj/2025-07.yaml:" in r.output and "U+2067" in r.output


def test_an_override_written_as_an_escape_is_refused_too(tmp_path: Path) -> None:
    """``"\\u202e"`` in a quoted string is the same character once parsed: refused at its
    field, in a report and in the plan (a liaison's name reaches the e-mail's To:)."""
    report = monthly("jxj", "2025-07").replace(
        "title: 标题", 'title: "标题\\u202eTXT.EXE\\u202c尾"', 1
    )
    text = REAL_TARGETS.read_text(encoding="utf-8").replace(
        "name: 市经信局", 'name: "市经\\u202e局信"', 1
    )
    root = write_project(tmp_path / "p", {"jxj/2025-07.yaml": report}, text)
    r = validate(root)
    assert r.exit_code == 1, r.output
    assert "data/reports/jxj/2025-07.yaml:" in r.output and "data/targets.yaml:" in r.output
    assert r.output.count("\\u202e") >= 2 and "\u202e" not in r.output
