"""The plan's actions (事项) are the notice's own words, cover every clause, and hold every
task indicator once (issue 25). Checked against data/targets.yaml and the seed notice."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

import pytest

from jianyian.load import load_plan
from jianyian.models import Plan

from ..conftest import FIXTURES, REAL_TARGETS, REPO, run

#: The seed notice, as the repository keeps it for the draft tests.
SEED = FIXTURES / "notices" / "seed.txt"
#: What may stand between two actions' texts in a task's text: punctuation, nothing else.
SEPARATORS = set("，。、；")
#: Actions per task, as decomposed (issue 25: "about 50"; see the report for the merges).
COUNTS = {
    "t1-1": 7,
    "t1-2": 7,
    "t1-3": 9,
    "t2-1": 7,
    "t2-2": 8,
    "t2-3": 5,
    "t3-1": 5,
    "t3-2": 5,
    "t3-3": 5,
}


def squeeze(text: str) -> str:
    """Whitespace out: a folded YAML block reads a space at every line break."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def plan() -> Plan:
    the_plan, _, diags = load_plan(REPO)
    assert the_plan is not None, diags
    return the_plan


def test_actions_per_task(plan: Plan) -> None:
    assert {t.id: len(t.actions) for t in plan.tasks} == COUNTS
    assert sum(COUNTS.values()) == len(plan.action_by_id) == 58


@pytest.mark.parametrize("task_id", list(COUNTS))
def test_every_clause_of_the_task_belongs_to_an_action(plan: Plan, task_id: str) -> None:
    """The actions' texts, in order, are consecutive verbatim pieces of the task's text:
    what lies between them (and before the first, after the last) is punctuation only."""
    task = plan.task_by_id[task_id]
    text = squeeze(task.text)
    covered = [0] * len(text)
    at = 0
    for action in task.actions:
        piece = squeeze(action.text)
        found = text.find(piece, at)
        assert found >= 0, f"{action.id} is not the task's words, in order: {piece}"
        for i in range(found, found + len(piece)):
            covered[i] += 1
        at = found + len(piece)
    gaps = "".join(ch for ch, n in zip(text, covered, strict=True) if n == 0)
    assert set(gaps) <= SEPARATORS, f"{task_id}: not in any action: {gaps}"
    assert max(covered) == 1, f"{task_id}: a clause in two actions"


@pytest.mark.parametrize("task_id", list(COUNTS))
def test_every_task_indicator_is_held_by_exactly_one_action(plan: Plan, task_id: str) -> None:
    task = plan.task_by_id[task_id]
    named = Counter(ind for a in task.actions for ind in a.indicators)
    assert named == Counter(ind.id for ind in task.indicators)


def test_ids_are_unique_across_tasks_indicators_and_actions(plan: Plan) -> None:
    ids = [t.id for t in plan.tasks] + list(plan.indicator_by_id)
    ids += [a.id for t in plan.tasks for a in t.actions]
    assert len(ids) == len(set(ids))
    for task in plan.tasks:
        # Numbered after their task, in order: t1-1-1, t1-1-2, …
        assert [a.id for a in task.actions] == [
            f"{task.id}-{n}" for n in range(1, len(task.actions) + 1)
        ]


def test_every_action_is_in_the_notice(plan: Plan) -> None:
    # The notice writes half-width , ( ) where targets.yaml writes ，（）: compare after NFKC.
    notice = squeeze(unicodedata.normalize("NFKC", SEED.read_text(encoding="utf-8")))
    for action in plan.action_by_id.values():
        assert unicodedata.normalize("NFKC", squeeze(action.text)) in notice, action.id


def test_due_dates_are_commented_assumptions(plan: Plan) -> None:
    """The notice names no action's deadline: each due date says so (假设), and is the end
    of 办理落实阶段 or, for an action holding an annual indicator, the target year's end."""
    lines = REAL_TARGETS.read_text(encoding="utf-8").splitlines()
    start = lines.index("tasks:")
    dues = [line for line in lines[start:] if re.match(r"^ {8}due: ", line)]
    assert len(dues) == 58
    assert all("# 假设" in line for line in dues)
    implement = next(s for s in plan.stages if s.id == "implement").end
    for action in plan.action_by_id.values():
        expected = f"{plan.target_year}-12-31" if action.indicators else implement.isoformat()
        if action.id == "t1-2-2":  # the five industries of the overall goal: a 2025 target
            expected = f"{plan.target_year}-12-31"
        assert action.due.isoformat() == expected, action.id


def test_actions_default_to_their_tasks_units(plan: Plan) -> None:
    # The notice names units per task, never per action.
    for task in plan.tasks:
        for action in task.actions:
            assert action.lead is None and action.responsible is None
            assert plan.action_lead(action.id) == plan.expand(task.lead)
            assert plan.action_responsible(action.id) == plan.expand(task.responsible)
    assert plan.actions_of_unit["rcj"] == [f"t3-1-{n}" for n in range(1, 6)]
    assert plan.actions_of_unit["jiangan"] == []  # districts are responsible, never lead


def test_plan_json_lists_every_action_with_units_and_a_due_date() -> None:
    r = run("plan", "--json", "--root", str(REPO))
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["version"] == 3
    actions = doc["actions"]
    assert len(actions) == 58
    for a in actions:
        assert set(a) >= {
            "id", "task", "text", "lead_units", "responsible_units", "due", "milestones",
            "indicators",
        }  # fmt: skip
        assert a["lead_units"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["due"])
    by_id = {a["id"]: a for a in actions}
    a = by_id["t1-1-4"]
    assert (a["task"], a["text"], a["due"]) == (
        "t1-1",
        "部署20个垂直行业大模型及应用",
        "2025-12-31",
    )
    assert (a["lead_units"], a["indicators"], a["milestones"]) == (["jxj"], ["ai-models"], [])
    assert len(by_id["t2-3-1"]["responsible_units"]) == 18 + 7  # 各区 and 7 departments
    tasks = {t["id"]: t for t in doc["tasks"]}
    assert tasks["t1-1"]["actions"] == [f"t1-1-{n}" for n in range(1, 8)]
    units = {u["id"]: u for u in doc["units"]}
    assert units["jxj"]["actions"][:7] == tasks["t1-1"]["actions"]
