"""One bad input per diagnostic code: tests/fixtures/bad/<CODE>-<what>/.

Each case folder holds a small project tree and ``expected.txt``:

    data/targets.yaml        optional; without it the real plan is copied in
    data/reports/...         the report files of the case
    generate.json            optional; files git cannot hold well (see GENERATORS)
    expected.txt             "exit: N", then the exact lines `jianyian validate` prints

Lines of ``expected.txt`` starting with ``#`` are comments. When the real plan is
used, its own diagnostics (the JY042 warning for chain-leads) are left out of
``expected.txt``; the test checks them separately. Adding a case is adding a folder.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from jianyian.cli import app
from jianyian.diagnostics import CODES, FORM_CODES

from ..conftest import REAL_TARGETS, runner, write_project
from ..support.cases import CASES, LINE_RE, build_case, read_expected

#: Codes with no fixture, and why.
UNTRIGGERABLE: dict[str, str] = {
    # validate does not ask git; tests/status/test_future_commits.py builds the history.
    "JY015": "a git commit dated after today (a fixture tree carries no history)",
}


def validate(root: Path, *args: str):
    return runner.invoke(
        app, ["validate", "--root", str(root), *args], env={"GITHUB_ACTIONS": None}
    )


@pytest.fixture(scope="module")
def real_plan_lines(tmp_path_factory) -> list[str]:
    """What the real plan alone prints (its JY042 warning), summary line dropped."""
    root = write_project(tmp_path_factory.mktemp("real") / "proj", {})
    result = validate(root)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[:-1]


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_fixture(case: Path, tmp_path: Path, real_plan_lines: list[str], clock: date) -> None:
    """Each bad input gives exactly its expected lines (today later than the fixtures' 2025
    dates; the future-date fixtures use 2099 and 2100)."""
    exit_code, expected = read_expected(case)
    root = tmp_path / "proj"
    real = build_case(case, root)

    result = validate(root)

    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert lines, result.output
    assert lines[-1].startswith("检查了 "), lines[-1]
    produced = lines[:-1]
    if real:
        assert [x for x in produced if x in real_plan_lines] == real_plan_lines
        produced = [x for x in produced if x not in real_plan_lines]
    assert produced == expected
    assert result.exit_code == exit_code, result.output
    # The case is about the code its folder names.
    code = case.name.split("-", 1)[0]
    assert any(line.endswith(f"[{code}]") for line in expected), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_fixture_expected_is_well_formed(case: Path) -> None:
    exit_code, expected = read_expected(case)
    assert exit_code in (0, 1)
    severities = set()
    for line in expected:
        m = LINE_RE.match(line)
        assert m, f"not a located diagnostic: {line}"
        assert m["code"] in CODES
        assert re.search(r"[\u4e00-\u9fff]", m["msg"]), line
        severities.add(m["sev"])
    # Exit 1 exactly when there is an error (warnings alone exit 0).
    assert (exit_code == 1) == ("error" in severities)


def test_every_validate_code_has_a_fixture() -> None:
    covered = {c.name.split("-", 1)[0] for c in CASES}
    missing = set(CODES) - FORM_CODES - covered - set(UNTRIGGERABLE)
    assert not missing, f"codes without a fixture: {sorted(missing)}"
    assert covered <= set(CODES) - FORM_CODES, covered - set(CODES)


def test_real_plan_lines_are_only_the_chain_leads_warning(real_plan_lines: list[str]) -> None:
    assert len(real_plan_lines) == 1
    m = LINE_RE.match(real_plan_lines[0])
    assert m and m["code"] == "JY042" and m["sev"] == "warning"
    assert m["path"] == "data/targets.yaml"
    assert "chain-leads" in m["msg"]
    line = REAL_TARGETS.read_text(encoding="utf-8").splitlines()[int(m["line"]) - 1]
    assert line[int(m["col"]) - 1 :].startswith("chain-leads")
