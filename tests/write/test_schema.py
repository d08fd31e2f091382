"""JSON Schemas agree with the models; committed schemas are current; editor and CI plumbing."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from jianyian.cli import app
from jianyian.load import load_report
from jianyian.load.yamlsrc import parse_yaml
from jianyian.render.json_schema import (
    CONFIRMATIONS_SCHEMA,
    DUBAN_REPLY_SCHEMA,
    DUBAN_SCHEMA,
    EVALUATION_SCHEMA,
    MEETING_SCHEMA,
    REPORT_SCHEMA,
    TARGETS_SCHEMA,
    render_schemas,
)

from ..conftest import FIXTURES, REAL_TARGETS, REPO, build_demo, runner

#: Codes the models (and so the schema) decide; the others come from cross-file checks.
SCHEMA_CODES = {"JY004", "JY010", "JY011", "JY012", "JY013"}
#: Codes that stop a file before the models see it (encoding, syntax, limits).
UNPARSED_CODES = {"JY001", "JY002", "JY003", "JY005", "JY006", "JY007", "JY009"}


def validator(name: str) -> Draft202012Validator:
    schema = json.loads(render_schemas()[name])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_editor_sees(value: Any) -> Any:
    """YAML values as a YAML language server hands them to the schema (dates are text)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def editor_value(text: str) -> Any:
    parsed = parse_yaml(text, "x")
    return as_editor_sees(parsed.value)


def report_files() -> list[Path]:
    """Every report file in the fixture trees and the examples."""
    roots = [FIXTURES, REPO / "examples"]
    return sorted(
        p
        for root in roots
        if root.is_dir()
        for p in root.rglob("*.yaml")
        if "reports" in p.parts and p.is_file() and not p.is_symlink()
    )


# ---------------------------------------------------------------- agreement with the models


@pytest.mark.parametrize("path", report_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_report_schema_agrees_with_the_models(path: Path) -> None:
    root = next(parent for parent in path.parents if parent.name == "data").parent
    loaded, source, diags = load_report(root, path, {})
    codes = {d.code for d in diags}
    if codes & UNPARSED_CODES or source is None:
        pytest.skip("not parsed: the schema never sees it")
    valid_by_model = loaded is not None
    assert valid_by_model == (not codes & SCHEMA_CODES)
    errors = list(validator(REPORT_SCHEMA).iter_errors(editor_value(source.text)))
    assert (not errors) == valid_by_model, [e.message for e in errors] or diags


def test_schema_accepts_valid_reports_in_every_form() -> None:
    v = validator(REPORT_SCHEMA)
    monthly = """\
unit: jxj
month: 2025-07
submitted: 2025-08-03
indicators:
  ai-models: 8
  pilot-platforms: {value: 12.5, note: 新增2家}
tasks:
  t2-3: 推进中
  t1-1: {status: 已完成, note: 提前完成}
info: {title: 标题, body: 正文}
problems: [问题]
next_steps: [下步]
"""
    summary = "unit: jxj\ndeliverable: half-year-summary\ntitle: 小结\nbody: 正文\n"
    for text in (monthly, summary):
        assert list(v.iter_errors(editor_value(text))) == []


@pytest.mark.parametrize(
    "text",
    [
        "unit: jxj\nmonth: 2025-07\n",  # no info
        "unit: jxj\nmonth: 2025-07\ninfo: {title: t, body: b}\nindicator: {}\n",  # unknown key
        "unit: jxj\nmonth: 2025-13\ninfo: {title: t, body: b}\n",  # bad month
        "unit: jxj\nmonth: 2025-07-01\ninfo: {title: t, body: b}\n",  # a date, not a month
        "unit: JXJ\nmonth: 2025-07\ninfo: {title: t, body: b}\n",  # not a slug
        "unit: jxj\nmonth: 2025-07\nsubmitted: 2025/08/03\ninfo: {title: t, body: b}\n",
        "unit: jxj\nmonth: 2025-07\nindicators: {ai-models: 8个}\ninfo: {title: t, body: b}\n",
        "unit: jxj\nmonth: 2025-07\nindicators: {ai-models: {note: x}}\ninfo: {title: t, body: b}\n",
        "unit: jxj\nmonth: 2025-07\ntasks: {t2-3: 完成}\ninfo: {title: t, body: b}\n",
        "unit: jxj\nmonth: 2025-07\ninfo: {title: '', body: b}\n",
        "unit: jxj\ndeliverable: half-year-summary\ntitle: t\n",  # no body
        "unit: jxj\nmonth: 2025-07\ndeliverable: x\ntitle: t\nbody: b\n",  # neither form
        "",
        "- unit: jxj\n",
    ],
)
def test_schema_rejects_bad_reports(text: str) -> None:
    assert list(validator(REPORT_SCHEMA).iter_errors(editor_value(text)))


def test_targets_schema_accepts_the_real_plan_and_rejects_a_broken_one() -> None:
    v = validator(TARGETS_SCHEMA)
    text = REAL_TARGETS.read_text(encoding="utf-8")
    assert list(v.iter_errors(editor_value(text))) == []
    broken = text.replace("  issued: 2025-05-05\n", "  issued: 2025-05-05\n  isued: x\n", 1)
    assert broken != text
    assert list(v.iter_errors(editor_value(broken)))


def test_every_model_has_a_chinese_title() -> None:
    for name, text in render_schemas().items():
        schema = json.loads(text)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        for title in [schema["title"], *(d["title"] for d in schema.get("$defs", {}).values())]:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in title), (name, title)


def test_scaffolds_pass_the_schema(make_project: Callable[..., Path]) -> None:
    root = make_project()
    for args in (["--month", "2025-08"], ["--deliverable", "annual-summary"]):
        r = runner.invoke(app, ["new", "--unit", "fgw", *args, "--root", str(root)])
        assert r.exit_code == 0, r.output
    for path in (root / "data/reports/fgw").iterdir():
        value = editor_value(path.read_text(encoding="utf-8"))
        assert list(validator(REPORT_SCHEMA).iter_errors(value)) == [], path.name


# ---------------------------------------------------------------- committed files


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in render_schemas().items():
        committed = REPO / "schemas" / name
        assert committed.is_file(), f"schemas/{name} missing: run jianyian schema"
        assert committed.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date: run jianyian schema --force and commit it"
        )


def test_schema_command_writes_checks_and_refuses(tmp_path: Path) -> None:
    out = tmp_path / "s"
    r = runner.invoke(app, ["schema", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            CONFIRMATIONS_SCHEMA,
            EVALUATION_SCHEMA,
            REPORT_SCHEMA,
            TARGETS_SCHEMA,
            DUBAN_SCHEMA,
            MEETING_SCHEMA,
            DUBAN_REPLY_SCHEMA,
        ]
    )
    assert runner.invoke(app, ["schema", "-o", str(out), "--check"]).exit_code == 0
    r = runner.invoke(app, ["schema", "-o", str(out)])
    assert r.exit_code == 0 and "已是最新" in r.output, r.output

    stale = out / REPORT_SCHEMA
    stale.write_text("{}\n", encoding="utf-8")
    r = runner.invoke(app, ["schema", "-o", str(out), "--check"])
    assert r.exit_code == 1 and "已过期" in r.output, r.output
    r = runner.invoke(app, ["schema", "-o", str(out)])
    assert r.exit_code == 2 and "--force" in r.output, r.output
    assert stale.read_text(encoding="utf-8") == "{}\n"
    r = runner.invoke(app, ["schema", "-o", str(out), "--force"])
    assert r.exit_code == 0, r.output
    assert stale.read_text(encoding="utf-8") == render_schemas()[REPORT_SCHEMA]


def test_schema_defaults_to_the_project_schemas_folder(make_project: Callable[..., Path]) -> None:
    root = make_project()
    r = runner.invoke(app, ["schema", "--root", str(root)])
    assert r.exit_code == 0, r.output
    assert (root / "schemas" / REPORT_SCHEMA).is_file()
    assert "schemas/report.schema.json" in r.output


# ---------------------------------------------------------------- pre-commit and CI


def load_yaml_file(path: Path) -> Any:
    parsed = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert parsed.diagnostics == []
    return parsed.value


def test_pre_commit_hook_checks_the_whole_project() -> None:
    hooks = load_yaml_file(REPO / ".pre-commit-hooks.yaml")
    hook = next(h for h in hooks if h["id"] == "jianyian-validate")
    assert hook["entry"] == "jianyian validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["require_serial"] is True
    assert hook.get("always_run") or hook.get("files") == "^data/"


def test_example_workflow_annotates_and_summarises() -> None:
    flow = load_yaml_file(REPO / "examples" / "github" / "jianyian.yml")
    runs = [s.get("run", "") for s in flow["jobs"]["validate"]["steps"]]
    assert "jianyian validate --format github" in runs
    summary = next(
        s for s in flow["jobs"]["validate"]["steps"] if "GITHUB_STEP_SUMMARY" in s.get("run", "")
    )
    assert "--format markdown" in summary["run"]
    assert summary["if"]  # runs even after the annotation step failed


def test_validate_markdown_lists_every_problem(make_project: Callable[..., Path]) -> None:
    reports = {
        f"jxj/2025-{m:02d}.yaml": f"unit: jxj\nmonth: 2025-{m:02d}\nindicators: {{ai-model: 1, pilot-platform: 2}}\n"
        "info: {title: 标题, body: '正文|竖线'}\n"
        for m in range(5, 13)
    }
    root = make_project(reports)
    r = runner.invoke(app, ["validate", "--format", "markdown", "--root", str(root)])
    assert r.exit_code == 1, r.output
    rows = [line for line in r.output.splitlines() if line.startswith("| `data/")]
    # 16 errors and the plan's own JY042 warning: past GitHub's ten annotations, all listed
    assert len(rows) == 17
    assert "| 错误 | JY021 | 指标 ai-model 未在计划中定义，是否指 ai-models？ |" in rows[0]
    assert r.output.startswith("## jianyian 数据检查\n")


def test_markdown_escapes_table_cells() -> None:
    from jianyian.diagnostics import error
    from jianyian.render.diagnostics import to_markdown

    text = to_markdown([error("JY021", "a|b\nc", "data/x.yaml").located(1, 2)], 1)
    # A line break shows as the escape \n, as in the text format.
    assert "| `data/x.yaml:1:2` | 错误 | JY021 | a\\|b\\\\nc |" in text


def test_date_values_reach_the_schema_as_text() -> None:
    assert as_editor_sees({"d": date(2025, 8, 3)}) == {"d": "2025-08-03"}


def _check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema, the validator editors' and CI users' tools are built like (ECMA-262)."""
    exe = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(exe), *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.slow
def test_check_jsonschema_accepts_the_schemas_and_the_demo(tmp_path: Path) -> None:
    """Every exported pattern is an ECMA-262 regex; the demo's files pass the schemas."""
    for name, text in render_schemas().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = _check_jsonschema("--check-metaschema", tmp_path / name)
        assert done.returncode == 0, done.stdout + done.stderr
    demo = build_demo(tmp_path / "demo")
    reports = sorted((demo / "data" / "reports").rglob("*.yaml"))
    assert len(reports) > 200
    done = _check_jsonschema("--schemafile", tmp_path / REPORT_SCHEMA, *reports)
    assert done.returncode == 0, done.stdout + done.stderr
    plan = demo / "data" / "targets.yaml"
    done = _check_jsonschema("--schemafile", tmp_path / TARGETS_SCHEMA, plan)
    assert done.returncode == 0, done.stdout + done.stderr
    # …and the same run refuses what the models refuse (a report id in capitals).
    bad = tmp_path / "bad.yaml"
    bad.write_text(reports[0].read_text(encoding="utf-8").replace("unit: ", "unit: X", 1))
    done = _check_jsonschema("--schemafile", tmp_path / REPORT_SCHEMA, bad)
    assert done.returncode == 1, done.stdout + done.stderr
