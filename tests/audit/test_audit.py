"""``jianyian audit``: real repositories with commits by different authors."""

from __future__ import annotations

import json
from datetime import date

from jianyian.checks.audit import audit
from jianyian.load.gitlog import changes

from ..conftest import git, git_commit, git_init, monthly
from ..support.audit import (
    KJJ_LIAISON,
    LIAISON,
    OFFICE,
    STRANGER,
    commit,
    head,
    run,
    write,
)


def test_liaison_and_office_commits_pass(repo):
    write(repo, "data/reports/jxj/2025-06.yaml", monthly("jxj", "2025-06", "ai-models: 3"))
    git_commit(
        repo, ["data"], "office fixes a value", date="2025-07-10T10:00:00+08:00", author=OFFICE
    )
    r = run(repo)
    assert r.exit_code == 0, r.output
    assert r.output.strip() == "核对了 3 次修改数据的提交，未发现问题。"


def test_a_stranger_is_found(repo):
    write(repo, "data/reports/jxj/2025-07.yaml", monthly("jxj", "2025-07", "ai-models: 9"))
    git_commit(repo, ["data"], "July", date="2025-08-03T22:00:00+08:00", author=STRANGER)
    short = head(repo)[:7]
    r = run(repo)
    assert r.exit_code == 1, r.output
    assert r.output.splitlines() == [
        f"data/reports/jxj/2025-07.yaml: error: commit {short} (2025-08-03, 李四 <li@example.com>): "
        "市经信局 的报送文件由非联络员修改",
        "核对了 3 次修改数据的提交：1 处由无权限的人员修改，0 个警告。",
    ]


def test_a_self_declared_date_before_the_first_commit_is_listed(repo):
    # The liaison e-mailed July's report on 4 August, it says; the office committed it on
    # the 6th. Counted on time by the unit's own word: audit names the file and committer.
    july = monthly("jxj", "2025-07", "ai-models: 9", "submitted: 2025-08-04\n")
    write(repo, "data/reports/jxj/2025-07.yaml", july)
    git_commit(repo, ["data"], "July", date="2025-08-06T10:00:00+08:00", author=OFFICE)
    short = head(repo)[:7]
    r = run(repo)
    assert r.exit_code == 0, r.output  # a warning, for the office to check
    assert r.output.splitlines() == [
        "data/reports/jxj/2025-07.yaml: warning: 自报报送日期 2025-08-04（submitted:）早于该文件"
        f"首次提交的 2025-08-06（commit {short}，提交者 王主任 <wang@fgw.example.gov.cn>）："
        "按时、迟报以自报日期计，请核实",
        "核对了 3 次修改数据的提交：0 处由无权限的人员修改，1 个警告。",
    ]
    doc = json.loads(run(repo, "--format", "json").stdout)
    assert [(f["kind"], f["path"], f["unit"]) for f in doc["findings"]] == [
        ("declared", "data/reports/jxj/2025-07.yaml", "jxj")
    ]
    # A file first committed before --since is not listed again.
    assert "自报报送日期" not in run(repo, "--since", "2025-08-07").output


def test_another_units_liaison_is_a_stranger_too(repo):
    write(repo, "data/reports/jxj/2025-06.yaml", monthly("jxj", "2025-06", "ai-models: 1"))
    git_commit(repo, ["data"], "edit", date="2025-07-05T10:00:00+08:00", author=KJJ_LIAISON)
    r = run(repo)
    assert r.exit_code == 1
    assert "赵六 <zhao@kjj.example.gov.cn>): 市经信局 的报送文件由非联络员修改" in r.output


def test_since_filters_by_author_date(repo):
    write(repo, "data/reports/jxj/2025-07.yaml", monthly("jxj", "2025-07"))
    git_commit(repo, ["data"], "July", date="2025-08-03T10:00:00+08:00", author=STRANGER)
    assert run(repo, "--since", "2025-08-03").exit_code == 1
    r = run(repo, "--since", "2025-08-04")
    assert r.exit_code == 0, r.output
    assert "核对了 0 次修改数据的提交，未发现问题。" in r.output


def test_since_judges_the_committer_date_a_back_dated_commit_is_caught(repo):
    import os
    import subprocess

    write(repo, "data/reports/jxj/2025-07.yaml", monthly("jxj", "2025-07", "ai-models: 99"))
    git(repo, "add", "data")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "李四",
        "GIT_AUTHOR_EMAIL": "li@example.com",
        "GIT_AUTHOR_DATE": "2020-01-01T10:00:00+08:00",  # the author's to set
        "GIT_COMMITTER_NAME": "李四",
        "GIT_COMMITTER_EMAIL": "li@example.com",
        "GIT_COMMITTER_DATE": "2025-08-05T10:00:00+08:00",  # when it really entered
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "commit", "-q", "-m", "old?"], cwd=repo, env=env, check=True)
    short = head(repo)[:7]
    r = run(repo, "--since", "2025-08-01")
    assert r.exit_code == 1, r.output
    assert (
        f"commit {short} (2020-01-01，提交于 2025-08-05, 李四 <li@example.com>): "
        "市经信局 的报送文件由非联络员修改"
    ) in r.output
    assert run(repo, "--since", "2025-08-06").exit_code == 0


def test_the_plan_changed_by_someone_else(repo):
    text = (repo / "data/targets.yaml").read_text(encoding="utf-8") + "# 注释\n"
    (repo / "data/targets.yaml").write_text(text, encoding="utf-8")
    git_commit(repo, ["data"], "plan edit", date="2025-07-20T10:00:00+08:00", author=LIAISON)
    short = head(repo)[:7]
    r = run(repo)
    assert r.exit_code == 1
    assert (
        f"data/targets.yaml: error: commit {short} (2025-07-20, 张三 <zhang@jxj.example.gov.cn>): "
        "方案文件由办公室以外的人员修改"
    ) in r.output


def test_units_without_liaisons_are_a_warning_not_a_pass(repo):
    write(repo, "data/reports/wjw/2025-06.yaml", monthly("wjw", "2025-06"))
    git_commit(repo, ["data"], "wjw", date="2025-07-03T10:00:00+08:00", author=STRANGER)
    short = head(repo)[:7]
    r = run(repo)
    assert r.exit_code == 0, r.output
    assert (
        "data/reports/wjw/: warning: 市卫健委 的联络员名单为空（data/targets.yaml 中 units 的 "
        f"liaisons），其报送文件的 1 次修改无法核对作者（{short}）：请登记联络员的姓名和邮箱"
    ) in r.output
    assert "0 处由无权限的人员修改，1 个警告" in r.output


def test_the_shipped_plan_registers_nobody(make_project):
    root = make_project({"jxj/2025-06.yaml": monthly("jxj", "2025-06")})
    git_init(root)
    git_commit(root, ["data"], "all", date="2025-07-03T10:00:00+08:00", author=STRANGER)
    r = run(root)
    assert r.exit_code == 0, r.output
    assert "data/targets.yaml: warning: 办公室人员名单为空" in r.output
    assert "data/reports/jxj/: warning: 市经信局 的联络员名单为空" in r.output


def test_json_and_github_formats(repo):
    write(repo, "data/reports/jxj/2025-07.yaml", monthly("jxj", "2025-07"))
    git_commit(repo, ["data"], "July", date="2025-08-03T10:00:00+08:00", author=STRANGER)
    full = head(repo)
    r = run(repo, "--format", "json", "--since", "2025-07-01")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert doc == {
        "version": 1,
        "since": "2025-07-01",
        "commits": 2,
        "errors": 1,
        "warnings": 0,
        "findings": [
            {
                "severity": "error",
                "kind": "report",
                "path": "data/reports/jxj/2025-07.yaml",
                "unit": "jxj",
                "commit": full,
                "date": "2025-08-03",
                "author": {"name": "李四", "email": "li@example.com"},
                "count": 1,
                "message": f"commit {full[:7]} (2025-08-03, 李四 <li@example.com>): "
                "市经信局 的报送文件由非联络员修改",
            }
        ],
    }
    r = run(repo, "--format", "github")
    assert r.exit_code == 1
    assert r.stdout.startswith(
        "::error file=data/reports/jxj/2025-07.yaml,title=jianyian audit::commit "
    )


def test_renames_and_deletions_count_for_both_places(repo):
    (repo / "data/reports/kjj").mkdir()
    git(repo, "mv", "data/reports/jxj/2025-06.yaml", "data/reports/kjj/2025-06.yaml")
    git(repo, "commit", "-q", "-m", "move", date="2025-07-06T10:00:00+08:00", author=KJJ_LIAISON)
    r = run(repo)
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert any(line.startswith("data/reports/jxj/2025-06.yaml: error:") for line in lines)
    assert not any(line.startswith("data/reports/kjj/") for line in lines)  # kjj's own folder


def test_outside_git_is_a_usage_error(make_project):
    r = run(make_project())
    assert r.exit_code == 2
    assert "不在 git 仓库中" in r.output


def test_bad_since_is_a_usage_error(repo):
    r = run(repo, "--since", "2025-13-01")
    assert r.exit_code == 2
    assert "--since 的值“2025-13-01”不是有效日期" in r.output


def test_a_broken_plan_is_a_data_error(repo):
    (repo / "data/targets.yaml").write_text("version: [\n", encoding="utf-8")
    r = run(repo)
    assert r.exit_code == 1
    assert "无法读取联络员名单" in r.output


# ---------------------------------------------------------------- gitlog.changes


def test_changes_reads_one_log_with_odd_names_and_a_sub_folder(tmp_path):
    top = tmp_path / "repo"
    root = top / "sub" / "proj"
    odd = "data/reports/jxj/odd\nname 2025.yaml"
    write(root, odd, "x")
    write(root, "data/targets.yaml", "x")
    write(root, "other.txt", "x")
    git_init(top)
    git_commit(top, ["sub"], "first", date="2025-06-01T23:30:00+08:00", author=LIAISON)
    write(root, "data/targets.yaml", "y")
    git_commit(top, ["sub"], "second", date="2025-06-02T10:00:00-05:00", author=STRANGER)
    got = changes(root)
    assert [(c.author_name, c.author_email, c.date, c.paths) for c in got] == [
        ("李四", "li@example.com", date(2025, 6, 2), ("data/targets.yaml",)),
        ("张三", "zhang@jxj.example.gov.cn", date(2025, 6, 1), (odd, "data/targets.yaml")),
    ]
    assert all(len(c.hash) in (40, 64) for c in got)
    assert [c.author_name for c in changes(root, date(2025, 6, 2))] == ["李四"]


def test_changes_lists_what_a_merge_changed_itself(tmp_path):
    root = tmp_path / "repo"
    write(root, "data/reports/jxj/2025-06.yaml", "a\n")
    git_init(root)
    git_commit(root, ["data"], "base", date="2025-06-01T10:00:00+08:00", author=OFFICE)
    git(root, "checkout", "-q", "-b", "side")
    write(root, "data/reports/jxj/2025-06.yaml", "b\n")
    git_commit(root, ["data"], "side", date="2025-06-02T10:00:00+08:00", author=LIAISON)
    git(root, "checkout", "-q", "main")
    write(root, "data/reports/kjj/2025-06.yaml", "c\n")
    git_commit(root, ["data"], "main", date="2025-06-03T10:00:00+08:00", author=OFFICE)
    git(root, "merge", "-q", "--no-ff", "--no-commit", "side", date="2025-06-04T10:00:00+08:00")
    write(root, "data/reports/jxj/2025-06.yaml", "evil\n")  # changed in the merge itself
    git_commit(root, ["data"], "merge", date="2025-06-04T10:00:00+08:00", author=STRANGER)
    got = changes(root)
    assert [(c.author_name, c.paths) for c in got] == [
        ("李四", ("data/reports/jxj/2025-06.yaml",)),
        ("王主任", ("data/reports/kjj/2025-06.yaml",)),
        ("张三", ("data/reports/jxj/2025-06.yaml",)),
        ("王主任", ("data/reports/jxj/2025-06.yaml",)),
    ]


def test_changes_outside_a_repository_is_empty(tmp_path):
    assert changes(tmp_path) == []


# ---------------------------------------------------------------- the pure function


def test_unknown_folders_belong_to_the_office(plan):
    result = audit(plan, [commit(LIAISON, "data/reports/hacker/x.yaml")])
    assert [(f.severity, f.path) for f in result.findings] == [
        ("error", "data/reports/hacker/x.yaml")
    ]
    assert "目录 hacker/ 不是计划中的单位" in result.findings[0].message
    assert audit(plan, [commit(OFFICE, "data/reports/hacker/x.yaml")]).findings == []


def test_the_office_units_folder_without_liaisons(plan):
    # fgw (the office's unit) registers no liaison: only office staff may write there.
    found = audit(plan, [commit(LIAISON, "data/reports/fgw/2025-06.yaml")]).findings
    assert [(f.severity, f.kind) for f in found] == [("error", "report")]
    assert "市发改委 的报送文件由办公室以外的人员修改" in found[0].message


def test_files_directly_under_reports_and_elsewhere_are_not_judged(plan):
    result = audit(plan, [commit(STRANGER, "data/reports/README.md", "README.md")])
    assert result.findings == [] and result.commits == 0


def test_many_unjudged_commits_are_one_warning(plan):
    commits = [
        commit(STRANGER, "data/reports/wjw/2025-06.yaml", "data/reports/wjw/x.yaml", h=f"{i:040x}")
        for i in range(7)
    ]
    result = audit(plan, commits)
    assert len(result.findings) == 1
    f = result.findings[0]
    assert (f.severity, f.kind, f.count) == ("warning", "no-liaison", 7)
    assert "7 次修改无法核对作者（0000000、0000000" in f.message and " 等）" in f.message
