"""Round two of hostile inputs, in the repository around the data (issue 13, items 2, 5).

Templates are regular files of ``templates/`` read through the guarded reader (a
link to a secret is never included); templates, CI workflows and tool configuration
belong to the office in CODEOWNERS, and ``audit`` flags anyone else's change.
"""

from __future__ import annotations

import json
import sys

import pytest

from jianyian.checks.audit import audit
from jianyian.cli import app
from jianyian.load import OFFICE_PATHS, is_office_path
from jianyian.render.codeowners import render_codeowners

from ..conftest import git_commit, monthly, runner
from ..support.audit import OFFICE, STRANGER, commit, head, run, write

SECRET = "root:x:0:0:机密内容"


# ---------------------------------------------------------------- templates (item 2)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_an_included_link_does_not_leak(make_project, tmp_path):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07")})
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "brief.md.j2").write_text(
        "# 简报\n\n{% include 'footer.j2' %}\n", encoding="utf-8"
    )
    (root / "templates" / "footer.j2").symlink_to(secret)
    r = runner.invoke(app, ["brief", "--month", "2025-07", "--root", str(root)])
    assert SECRET not in r.output
    assert r.exit_code == 1, r.output
    assert "模板 templates/brief.md.j2 引用的模板 footer.j2 不存在" in r.output


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_linked_main_template_is_refused(make_project, tmp_path):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07")})
    elsewhere = tmp_path / "x.md.j2"
    elsewhere.write_text(SECRET, encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "brief.md.j2").symlink_to(elsewhere)
    r = runner.invoke(app, ["brief", "--month", "2025-07", "--root", str(root)])
    assert r.exit_code == 1, r.output
    assert SECRET not in r.output
    assert "模板 templates/brief.md.j2 是符号链接，已拒绝读取" in r.output


# ---------------------------------------------------------------- who may change what (item 5)


def test_office_paths():
    for path in (
        "templates/brief.md.j2",
        ".github/workflows/jianyian.yml",
        ".github/CODEOWNERS",
        "pyproject.toml",
        ".pre-commit-config.yaml",
    ):
        assert is_office_path(path), path
    for path in ("data/reports/jxj/2025-07.yaml", "templatesX/a", "docs/pyproject.toml"):
        assert not is_office_path(path), path


def test_codeowners_gives_config_to_the_office(plan):
    text = render_codeowners(plan)
    owners = {
        line.split()[0]: line.split()[1:]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    }
    office = owners["/data/targets.yaml"]
    for path in OFFICE_PATHS:
        assert owners[f"/{path}"] == office, path
    assert office == ["Wang@FGW.example.gov.cn"]


def test_audit_flags_config_changed_by_a_stranger(repo):
    write(repo, "templates/brief.md.j2", "# 改过的简报\n")
    write(repo, ".github/workflows/ci.yml", "on: push\n")
    git_commit(
        repo, ["templates", ".github"], "tpl", date="2025-07-20T10:00:00+08:00", author=STRANGER
    )
    short = head(repo)[:7]
    write(repo, "pyproject.toml", "[tool.x]\n")
    git_commit(repo, ["pyproject.toml"], "cfg", date="2025-07-21T10:00:00+08:00", author=OFFICE)
    r = run(repo)
    assert r.exit_code == 1, r.output
    who = f"commit {short} (2025-07-20, 李四 <li@example.com>): "
    tail = "模板或工具配置由办公室以外的人员修改（会改变简报内容或数据检查）"
    assert r.output.splitlines()[:2] == [
        f".github/workflows/ci.yml: error: {who}{tail}",
        f"templates/brief.md.j2: error: {who}{tail}",
    ]
    doc = json.loads(run(repo, "--format", "json").output)
    kinds = {(f["kind"], f["path"]) for f in doc["findings"]}
    assert kinds == {("config", "templates/brief.md.j2"), ("config", ".github/workflows/ci.yml")}


def test_config_without_office_is_unjudged_not_passed(make_project):
    from jianyian.load import load_plan

    the_plan, _, _ = load_plan(make_project())
    result = audit(the_plan, [commit(STRANGER, "templates/brief.md.j2")])
    assert [(f.severity, f.kind, f.count) for f in result.findings] == [("warning", "no-office", 1)]
    assert "及模板、工具配置" in result.findings[0].message
