"""The office's 满意度测评, data/office/evaluation.yaml (issue 28): read, checked, and
shown by status from its date on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.load import EVALUATION_PATH

from ..conftest import run

EVALUATION = """\
evaluations:
  - date: 2025-11-20
    by: 市政协提案委员会
    evaluators: 30
    satisfied: 26
    basically_satisfied: 3
    unsatisfied: 1
    opinions: [进一步加大项目招引力度, 加强跨部门数据共享]
"""


def with_evaluation(make_project: Callable[..., Path], text: str = EVALUATION) -> Path:
    root = make_project()
    path = root / EVALUATION_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return root


def status_json(root: Path, day: str) -> dict:
    r = run("status", "--json", "--as-of", day, "--root", str(root))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_status_shows_the_evaluation_from_its_date(make_project: Callable[..., Path]) -> None:
    root = with_evaluation(make_project)
    assert status_json(root, "2025-11-19")["evaluation"] is None
    e = status_json(root, "2025-11-20")["evaluation"]
    assert (e["evaluators"], e["satisfied"], e["basically_satisfied"], e["unsatisfied"]) == (
        30,
        26,
        3,
        1,
    )
    assert e["satisfied_share"] == pytest.approx(29 / 30)
    assert e["opinions"] == ["进一步加大项目招引力度", "加强跨部门数据共享"]
    assert "满意和基本满意占96.7%" in e["text"]
    r = run("status", "--as-of", "2025-11-19", "--root", str(root))
    assert "满意度测评" not in r.stdout
    r = run("status", "--as-of", "2025-12-01", "--root", str(root))
    assert "2025年11月20日满意度测评" in r.stdout.replace("\n", "")


def test_the_latest_evaluation_counts(make_project: Callable[..., Path]) -> None:
    second = "  - {date: 2025-12-10, evaluators: 20, satisfied: 20, basically_satisfied: 0, unsatisfied: 0}\n"
    root = with_evaluation(make_project, EVALUATION + second)
    assert status_json(root, "2025-12-01")["evaluation"]["date"] == "2025-11-20"
    assert status_json(root, "2025-12-10")["evaluation"]["date"] == "2025-12-10"


def test_a_project_without_evaluation_has_none(make_project: Callable[..., Path]) -> None:
    assert status_json(make_project(), "2025-12-01")["evaluation"] is None


def test_negative_counts_are_refused(make_project: Callable[..., Path]) -> None:
    root = with_evaluation(make_project, EVALUATION.replace("unsatisfied: 1", "unsatisfied: -1"))
    r = run("validate", "--root", str(root))
    assert r.exit_code == 1
    assert f"{EVALUATION_PATH}:7:18: error: " in r.stdout and "[JY012]" in r.stdout


def test_the_editor_schema_checks_what_validate_checks() -> None:
    from jsonschema import Draft202012Validator

    from jianyian.load.yamlsrc import parse_yaml
    from jianyian.render.json_schema import evaluation_schema

    validator = Draft202012Validator(evaluation_schema())
    good = parse_yaml(EVALUATION, "x").value
    good["evaluations"][0]["date"] = "2025-11-20"  # editors see the date as text
    assert list(validator.iter_errors(good)) == []
    bad = {"evaluations": [{**good["evaluations"][0], "satisfied": -1}]}
    assert list(validator.iter_errors(bad))
