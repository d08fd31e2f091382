"""git records that used to crash or lie (issue 13, items 8 and 11): real repositories.

Every repository here is built with fixed author and committer dates; where the
two differ, or a date git accepts cannot be represented in Python, the commit is
made with its own environment or crafted as a raw object.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from jianyian.load.gitlog import (
    _MARK,
    _records,
    changes,
    first_added,
    probe,
    read_changes,
    submission_dates,
)

NAME, EMAIL = "办公室", "office@example.gov.cn"


def run(root: Path, *args: str, author: str = "", committer: str = "", **extra: str) -> str:
    """git in ``root`` with fixed identities, no user or system configuration."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": NAME,
        "GIT_AUTHOR_EMAIL": EMAIL,
        "GIT_COMMITTER_NAME": NAME,
        "GIT_COMMITTER_EMAIL": EMAIL,
        "GIT_AUTHOR_DATE": author or "2025-06-01T10:00:00+08:00",
        "GIT_COMMITTER_DATE": committer or author or "2025-06-01T10:00:00+08:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        **extra,
    }
    out = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return out.stdout.decode("utf-8", errors="surrogateescape")


def put(root: Path, rel: str, text: str = "x\n") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, day: str, message: str = "c", committer: str = "") -> None:
    """Stage everything (deletions too) and commit at ``day`` 10:00 Beijing time."""
    stamp = f"{day}T10:00:00+08:00"
    run(root, "add", "-A", ".")
    run(root, "commit", "-q", "--allow-empty", "-m", message, author=stamp, committer=committer)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # jianyian's own git runs must not see the machine's configuration either.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    root.mkdir()
    run(root, "init", "-q", "-b", "main")
    return root


JULY = "data/reports/jxj/2025-07.yaml"


# ---------------------------------------------------------------- odd file names


def test_a_name_with_x01_cannot_hand_its_date_to_other_files(repo: Path) -> None:
    # The old parser split records on \x01: the text after it became a "date"
    # (2020-01-01) for every file listed after this one in the same commit.
    hostile = "data/reports/aaa/\x012020-01-01.yaml"
    put(repo, hostile)
    put(repo, JULY)
    commit(repo, "2025-08-05")
    assert submission_dates(repo).dates == {
        hostile: date(2025, 8, 5),
        JULY: date(2025, 8, 5),
    }


def test_names_with_newlines_quotes_and_non_ascii_keep_their_own_dates(repo: Path) -> None:
    odd = [
        'data/reports/jxj/with\nnewline "quoted".yaml',
        "data/reports/jxj/tab\there 'single'.yaml",
        "data/reports/市经信局/2025-07.yaml",
        "data/reports/jxj/\\backslash\\.yaml",
    ]
    for i, name in enumerate(odd):
        put(repo, name)
        commit(repo, f"2025-08-0{i + 1}")
    put(repo, JULY)
    commit(repo, "2025-08-09")
    got = submission_dates(repo)
    assert got.state == "ok" and got.warnings == []
    assert got.dates == {
        **{name: date(2025, 8, i + 1) for i, name in enumerate(odd)},
        JULY: date(2025, 8, 9),
    }
    # the audit's reader takes the same names apart the same way
    assert [c.paths for c in changes(repo)][-len(odd) :] == [(n,) for n in reversed(odd)]


def test_a_non_utf8_name_matches_its_name_on_disk(repo: Path) -> None:
    raw = os.fsencode(repo / "data/reports/jxj") + b"/\xff\xfe.yaml"
    os.makedirs(os.path.dirname(raw), exist_ok=True)
    with open(raw, "wb") as handle:
        handle.write(b"x\n")
    commit(repo, "2025-08-03")
    [on_disk] = os.listdir(repo / "data/reports/jxj")
    assert submission_dates(repo).dates == {f"data/reports/jxj/{on_disk}": date(2025, 8, 3)}


# ---------------------------------------------------------------- dates git accepts, Python cannot


def test_a_commit_in_year_10000_is_skipped_with_a_warning(repo: Path) -> None:
    put(repo, "data/reports/jxj/2025-06.yaml")
    commit(repo, "2025-07-04")
    put(repo, JULY)
    commit(repo, "2025-08-05", committer="@253402300800 +1400")
    assert run(repo, "log", "-1", "--format=%cI").startswith("10000-01-01")
    got = submission_dates(repo)
    # the readable one keeps its date; the other is not given a made-up one
    assert got.dates == {"data/reports/jxj/2025-06.yaml": date(2025, 7, 4)}
    assert len(got.warnings) == 1
    assert "1 个提交的日期无法读取" in got.warnings[0]
    assert run(repo, "rev-parse", "--short=7", "HEAD").strip() in got.warnings[0]


def _crafted_commit(repo: Path, committer_line: str) -> str:
    """A commit object with a committer line git itself would never write; HEAD moves to it."""
    tree = run(repo, "write-tree").strip()
    parent = run(repo, "rev-parse", "HEAD").strip()
    body = (
        f"tree {tree}\nparent {parent}\n"
        f"author {NAME} <{EMAIL}> 1754359200 +0800\n"
        f"committer {committer_line}\n\ncrafted\n"
    )
    path = repo.parent / "commit.txt"
    path.write_text(body, encoding="utf-8")
    new = run(repo, "hash-object", "-w", "-t", "commit", "--literally", str(path)).strip()
    run(repo, "update-ref", "HEAD", new)
    return new


@pytest.mark.parametrize(
    "line",
    [
        f"{NAME} <{EMAIL}> notadate +0800",  # git prints the placeholder as is
        f"{NAME} <{EMAIL}>",  # no date at all
    ],
)
def test_a_malformed_commit_date_is_skipped_with_a_warning(repo: Path, line: str) -> None:
    put(repo, "data/reports/jxj/2025-06.yaml")
    commit(repo, "2025-07-04")
    put(repo, JULY)
    run(repo, "add", "-A", ".")
    crafted = _crafted_commit(repo, line)
    got = submission_dates(repo)
    assert got.dates == {"data/reports/jxj/2025-06.yaml": date(2025, 7, 4)}
    assert any(crafted[:7] in w for w in got.warnings)
    # the audit keeps the commit (it must not escape by its date) and says so
    found = read_changes(repo, since=date(2025, 8, 1))
    assert [(c.hash, c.committed, c.paths) for c in found.commits] == [(crafted, None, (JULY,))]
    assert any(crafted[:7] in w for w in found.warnings)


def test_the_parser_resynchronises_after_a_record_it_cannot_read() -> None:
    h1, h2 = "a" * 40, "b" * 40
    first = ["", _MARK, h1, "2025-08-05T10:00:00+08:00", "", "\nA", "data/x.yaml", "???", "junk"]
    second = [_MARK, h2, "2025-08-06T10:00:00+08:00", "", "\nR100", "data/a", "data/b", ""]
    text = "\x00".join([*first, *second])
    warnings: list[str] = []
    got = [(r.hash, r.changes) for r in _records(text, 1, warnings)]
    assert got == [
        (h1, (("A", ("data/x.yaml",)),)),
        (h2, (("R", ("data/a", "data/b")),)),
    ]
    assert len(warnings) == 1 and "无法解析" in warnings[0]


# ---------------------------------------------------------------- a file's current life


def test_a_deleted_and_re_added_report_dates_from_the_re_add(repo: Path) -> None:
    put(repo, JULY)
    commit(repo, "2025-08-05")
    (repo / JULY).unlink()
    commit(repo, "2025-08-10")
    put(repo, JULY, "again\n")
    commit(repo, "2025-09-20")
    assert first_added(repo) == {JULY: date(2025, 9, 20)}


def test_a_deleted_report_has_no_date(repo: Path) -> None:
    put(repo, JULY)
    put(repo, "data/reports/jxj/2025-06.yaml")
    commit(repo, "2025-08-05")
    (repo / JULY).unlink()
    commit(repo, "2025-08-10")
    assert first_added(repo) == {"data/reports/jxj/2025-06.yaml": date(2025, 8, 5)}


def test_a_back_dated_deletion_still_ends_the_life(repo: Path) -> None:
    # Order follows parents, not dates: a deletion dated before the addition still
    # comes after it.
    put(repo, JULY)
    commit(repo, "2025-08-05")
    (repo / JULY).unlink()
    commit(repo, "2025-01-01")
    put(repo, JULY, "again\n")
    commit(repo, "2025-09-20")
    assert first_added(repo) == {JULY: date(2025, 9, 20)}


def test_git_mv_of_a_unit_folder_keeps_the_dates(repo: Path) -> None:
    put(repo, "data/reports/jingxin/2025-06.yaml", "unit: jxj\nmonth: 2025-06\n")
    commit(repo, "2025-07-04")
    put(repo, "data/reports/jingxin/2025-07.yaml", "unit: jxj\nmonth: 2025-07\n")
    commit(repo, "2025-08-05")
    run(repo, "mv", "data/reports/jingxin", "data/reports/jxj")
    commit(repo, "2025-09-01")
    assert first_added(repo) == {
        "data/reports/jxj/2025-06.yaml": date(2025, 7, 4),
        "data/reports/jxj/2025-07.yaml": date(2025, 8, 5),
    }


def test_git_mv_of_the_data_folder_keeps_the_dates(repo: Path) -> None:
    # The reports came from outside data/reports: a log limited to it would see
    # only additions on the day of the move.
    put(repo, "draft/data/targets.yaml", "plan\n")
    put(repo, "draft/data/reports/jxj/2025-07.yaml", "unit: jxj\nmonth: 2025-07\n")
    commit(repo, "2025-08-05")
    run(repo, "mv", "draft/data", "data")
    commit(repo, "2025-09-01")
    assert first_added(repo) == {JULY: date(2025, 8, 5)}


def test_git_mv_of_the_whole_project_inside_a_larger_repository(repo: Path) -> None:
    put(repo, "projects/old/data/reports/jxj/2025-07.yaml", "unit: jxj\nmonth: 2025-07\n")
    put(repo, "elsewhere.txt")
    commit(repo, "2025-08-05")
    run(repo, "mv", "projects/old", "projects/wuhan")
    commit(repo, "2025-09-01")
    root = repo / "projects" / "wuhan"
    got = submission_dates(root)
    assert (got.state, got.dates) == ("ok", {JULY: date(2025, 8, 5)})


def test_a_rename_then_a_deletion_of_the_new_name(repo: Path) -> None:
    put(repo, "data/reports/jxj/2025-7.yaml", "unit: jxj\nmonth: 2025-07\n")
    commit(repo, "2025-08-05")
    run(repo, "mv", "data/reports/jxj/2025-7.yaml", JULY)
    commit(repo, "2025-08-06")
    (repo / JULY).unlink()
    commit(repo, "2025-08-07")
    put(repo, JULY, "unit: jxj\nmonth: 2025-07\nnew: yes\n")
    commit(repo, "2025-08-20")
    assert first_added(repo) == {JULY: date(2025, 8, 20)}


def test_the_committer_day_in_the_committers_time_zone(repo: Path) -> None:
    put(repo, JULY)
    # authored (by the author's clock) on the 1st; committed 23:30 Beijing time on the 5th
    run(repo, "add", "-A", ".")
    run(repo, "commit", "-q", "-m", "c", author="2025-08-01T09:00:00+08:00",
        committer="2025-08-05T23:30:00+08:00")  # fmt: skip
    assert first_added(repo) == {JULY: date(2025, 8, 5)}


# ---------------------------------------------------------------- when git cannot be asked


def test_a_repository_without_commits_is_ok_and_empty(repo: Path) -> None:
    put(repo, JULY)
    got = submission_dates(repo)
    assert (got.state, got.dates, got.warnings) == ("ok", {}, [])


def test_outside_a_repository_says_so(tmp_path: Path) -> None:
    put(tmp_path, JULY)
    got = submission_dates(tmp_path)
    assert (got.state, got.dates) == ("not-repo", {})
    assert len(got.warnings) == 1 and "不在 git 仓库中" in got.warnings[0]
    assert "按今天计" in got.warnings[0]
    assert read_changes(tmp_path).state == "not-repo"


def test_without_git_installed_says_so(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(repo, JULY)
    commit(repo, "2025-08-05")
    empty = repo.parent / "no-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    got = submission_dates(repo)
    assert (got.state, got.dates) == ("no-git", {})
    assert "找不到 git 命令" in got.warnings[0]


def test_a_shallow_clone_is_flagged(repo: Path, tmp_path: Path) -> None:
    put(repo, "data/reports/jxj/2025-06.yaml")
    commit(repo, "2025-07-04")
    put(repo, JULY)
    commit(repo, "2025-08-05")
    clone = tmp_path / "clone"
    run(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    got = submission_dates(clone)
    assert got.state == "shallow" and not got.reliable
    # what the cut-off history can say: everything appears on the last day
    assert got.dates == {
        "data/reports/jxj/2025-06.yaml": date(2025, 8, 5),
        JULY: date(2025, 8, 5),
    }
    assert len(got.warnings) == 1
    assert "浅克隆" in got.warnings[0] and "fetch-depth: 0" in got.warnings[0]
    assert probe(clone).state == "shallow"
    assert submission_dates(repo).reliable


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repo away"
)
def test_a_repository_owned_by_someone_else_is_refused_and_says_so(repo: Path) -> None:
    put(repo, JULY)
    commit(repo, "2025-08-05")
    nobody = 65534
    for folder, dirs, files in os.walk(repo):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(folder, name), nobody, nobody)
    os.chown(repo, nobody, nobody)
    try:
        got = submission_dates(repo)
        assert (got.state, got.dates) == ("refused", {})
        assert "dubious ownership" in got.warnings[0] and "safe.directory" in got.warnings[0]
        assert read_changes(repo).state == "refused"
    finally:
        shutil.chown(repo, 0, 0)
        for folder, dirs, files in os.walk(repo):
            for name in [*dirs, *files]:
                os.lchown(os.path.join(folder, name), 0, 0)


# ---------------------------------------------------------------- audit --since: the committer date


def test_since_judges_the_committer_date_not_the_author_date(repo: Path) -> None:
    put(repo, JULY)
    run(repo, "add", "-A", ".")
    # back-dated by its author to 2020, committed (pushed) in August 2025
    run(repo, "commit", "-q", "-m", "c", author="2020-01-01T09:00:00+08:00",
        committer="2025-08-05T10:00:00+08:00")  # fmt: skip
    put(repo, "data/reports/jxj/2025-06.yaml")
    run(repo, "add", "-A", ".")
    # the other way round: an author date after --since does not bring an old commit in
    run(repo, "commit", "-q", "-m", "c", author="2025-09-01T09:00:00+08:00",
        committer="2025-07-01T10:00:00+08:00")  # fmt: skip
    got = changes(repo, date(2025, 8, 1))
    assert [(c.date, c.committed, c.paths) for c in got] == [
        (date(2020, 1, 1), date(2025, 8, 5), (JULY,))
    ]
