"""``status`` and ``plan`` at 80 and 60 columns, piped to a file: nothing that matters is cut.

Reads the printed text back and looks for every number the JSON view holds, each
on one line and whole; names may wrap, the decorative bar may go.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from jianyian.cli import app
from jianyian.fmt import fmt_date, fmt_percent, fmt_quantity, fmt_target
from jianyian.render.terminal import wrap_prose

from ..conftest import build_demo, runner

AS_OF = "2025-09-10"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("widths") / "project")


def run(root: Path, width: int, *args: str) -> str:
    r = runner.invoke(app, [*args, "--root", str(root)], env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.output
    return r.stdout


def assert_whole(out: str, width: int, pieces: list[str]) -> None:
    lines = out.splitlines()
    assert "…" not in out
    assert max(cell_len(line) for line in lines) <= width
    for piece in pieces:
        assert any(piece in line for line in lines), f"{piece!r} is not whole on any line"


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 60])
def test_status_numbers_are_whole(demo: Path, width: int) -> None:
    view = json.loads(run(demo, 200, "status", "--as-of", AS_OF, "--json"))
    out = run(demo, width, "status", "--as-of", AS_OF)
    pieces = []
    for ind in view["indicators"]:
        pieces += [
            fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
            fmt_quantity(ind["value"], ind["measure"]),
            fmt_percent(ind["completion"]),
            fmt_percent(ind["expected"]),
        ]
    for task in view["tasks"]:
        if task["indicators"]:
            pieces.append(fmt_percent(task["completion"]))
    # The headline's numbers too: "66.7%（8/12）" and "59.0%" must not be split.
    pieces += re.findall(r"[0-9][0-9./%]*%", view["summary"]["headline"])
    assert len(pieces) > 80
    assert_whole(out, width, pieces)


@pytest.mark.parametrize("width", [80, 60])
def test_unit_status_numbers_and_dates_are_whole(demo: Path, width: int) -> None:
    view = json.loads(run(demo, 200, "status", "--unit", "jxj", "--as-of", AS_OF, "--json"))
    out = run(demo, width, "status", "--unit", "jxj", "--as-of", AS_OF)
    pieces = []
    for ind in view["indicators"]:
        pieces += [
            fmt_target(ind["target"], ind["measure"], ind["qualifier"]),
            fmt_quantity(ind["own_value"], ind["measure"]),
            fmt_percent(ind["completion"]),
        ]
    for d in view["deliverables"]:
        pieces.append(fmt_date(date.fromisoformat(d["due"])))
    assert_whole(out, width, pieces)
    assert "20家以上" in out  # the notice's wording of the target, with its qualifier


def test_the_bar_goes_before_the_numbers(demo: Path) -> None:
    wide = run(demo, 120, "status", "--as-of", AS_OF)
    narrow = run(demo, 60, "status", "--unit", "jxj", "--as-of", AS_OF)
    assert "█" in wide
    assert "█" not in narrow.split("报送的指标")[1]


def test_wrap_prose_never_splits_a_number() -> None:
    text = "21项量化指标中，15项达到序时进度。序时进度为66.7%（8/12）；平均完成率为59.0%。"
    for width in range(12, 60):
        lines = wrap_prose(text, width)
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert any("66.7%" in line for line in lines) and any("59.0%" in line for line in lines)


@pytest.mark.parametrize("width", [80, 60])
def test_plan_shows_ids_and_every_group_member(width: int) -> None:
    from ..conftest import REPO

    view = json.loads(run(REPO, 200, "plan", "--json"))
    out = run(REPO, width, "plan")
    assert "…" not in out
    for unit in view["units"]:
        assert any(unit["id"] in line and unit["name"] in line for line in out.splitlines()), unit
    districts = next(g for g in view["groups"] if g["id"] == "districts")
    names = {u["id"]: u["name"] for u in view["units"]}
    for member in districts["members"]:
        assert f"{names[member]}（{member}）" in out
    assert "牵头：市经信局（jxj）" in out
    assert "突破2万亿元" in out and "力争480个" in out
