"""The one place that asks git. One ``git log`` for the whole tree, never one per file.

When git cannot be asked (not installed, not a repository, ownership refused by
``safe.directory``, a shallow clone) the answer says so as data
(:attr:`GitDates.state` and its Chinese :attr:`GitDates.warnings`), so every
command that judges time can tell the user instead of silently dating everything
today.

git's output is read only in NUL-separated forms (``-z``) and parsed by position:
a file name may hold any byte but NUL (newlines, ``\\x01``, quotes), and a record
that cannot be read (a date Python cannot represent, a malformed commit) is
skipped with a warning rather than failing the command.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from .layout import PLAN_PATH, REPORTS_DIR

GIT_TIMEOUT = 60

#: ``ok``: history read · ``shallow``: read, but cut off · ``no-git``: no git command ·
#: ``not-repo``: not inside a repository · ``refused``: git refused the repository
#: (``dubious ownership``) · ``error``: git failed otherwise (timeout, corrupt repository)
GitState = Literal["ok", "shallow", "no-git", "not-repo", "refused", "error"]

# Starts every commit record. Status tokens are letters and digits, so no token in
# the "status or next commit" position can be mistaken for it; paths are consumed
# by position, never matched against it.
_MARK = "\x1ejianyian-commit"
_STATUS_RE = re.compile(r"[A-Z]{1,8}[0-9]{0,3}")

# Settings a user's configuration could change that would alter what we parse.
_CONFIG = (
    "-c",
    "core.quotepath=off",
    "-c",
    "log.showSignature=false",
    "-c",
    "diff.relative=false",
    "-c",
    "log.follow=false",
)

_CONSEQUENCE = "未写 submitted: 的报送均按今天计，迟报判断可能不准"


@dataclass(frozen=True)
class GitAnswer:
    """One git run: its output, or why there is none."""

    state: GitState
    stdout: str = ""
    reason: str = ""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # English messages to recognise refusals by; paths are bytes either way (-z,
    # quotepath off). No optional locks: reading must never block a writer.
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    env["GIT_OPTIONAL_LOCKS"] = "0"
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def run_git(root: Path, *args: str) -> GitAnswer:
    """Run ``git args`` in ``root``; never raises. ``stdout`` is decoded with
    ``surrogateescape`` so a non-UTF-8 file name still equals its ``os.walk`` name."""
    try:
        out = subprocess.run(
            ["git", *_CONFIG, *args],
            cwd=root,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env=_env(),
        )
    except FileNotFoundError:
        return GitAnswer("no-git", reason="找不到 git 命令")
    except subprocess.TimeoutExpired:
        return GitAnswer("error", reason=f"git 在 {GIT_TIMEOUT} 秒内没有结束")
    except (OSError, subprocess.SubprocessError) as exc:
        return GitAnswer("error", reason=f"无法运行 git：{exc}")
    if out.returncode != 0:
        err = out.stderr.decode("utf-8", errors="replace")
        if "dubious ownership" in err or "safe.directory" in err:
            return GitAnswer("refused", reason=_first_line(err))
        if "not a git repository" in err.lower():
            return GitAnswer("not-repo", reason=_first_line(err))
        return GitAnswer("error", reason=_first_line(err) or f"git 退出码 {out.returncode}")
    return GitAnswer("ok", out.stdout.decode("utf-8", errors="surrogateescape"))


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return ""


def _git(root: Path, *args: str) -> str | None:
    answer = run_git(root, *args)
    return answer.stdout if answer.state == "ok" else None


@dataclass(frozen=True)
class Repository:
    """Whether git can be asked about ``root``, and where ``root`` sits in the repository."""

    state: GitState
    #: ``root`` relative to the repository top, with a trailing ``/`` ("" at the top)
    prefix: str = ""
    reason: str = ""


def probe(root: Path) -> Repository:
    """Ask git once whether it can read the repository holding ``root``.

    ``state`` is ``shallow`` for a shallow clone (history can be read, but is cut
    off), ``ok`` for a full one; the other states say why git cannot be asked.
    """
    answer = run_git(root, "rev-parse", "--show-prefix", "--is-shallow-repository")
    if answer.state != "ok":
        return Repository(answer.state, reason=answer.reason)
    lines = answer.stdout.split("\n")
    prefix = lines[0] if lines else ""
    shallow = len(lines) > 1 and lines[1].strip() == "true"
    return Repository("shallow" if shallow else "ok", prefix)


def state_warning(repo: Repository, root: Path) -> str | None:
    """The Chinese sentence that tells the user dates from git are missing or unsure."""
    if repo.state == "ok":
        return None
    if repo.state == "shallow":
        return (
            "无法读取完整的 git 历史（浅克隆）：报送日期可能按较晚的提交计，迟报判断可能不准；"
            "请在 CI 中设置 fetch-depth: 0（或运行 git fetch --unshallow）"
        )
    if repo.state == "no-git":
        return f"找不到 git 命令，无法读取报送日期：{_CONSEQUENCE}"
    if repo.state == "not-repo":
        return f"{root} 不在 git 仓库中，无法读取报送日期：{_CONSEQUENCE}"
    if repo.state == "refused":
        return (
            f"git 拒绝读取此仓库（仓库属于其他用户，dubious ownership）：{_CONSEQUENCE}；"
            f"确认仓库可信后可运行 git config --global --add safe.directory {root}"
        )
    return f"无法读取 git 历史（{repo.reason}）：{_CONSEQUENCE}"


def is_repository(root: Path) -> bool:
    """Whether git can read the repository holding ``root`` (a shallow one too)."""
    return probe(root).state in ("ok", "shallow")


def is_shallow(root: Path) -> bool:
    """Whether the repository is a shallow clone (its history is cut off)."""
    return probe(root).state == "shallow"


def _day(stamp: str) -> date | None:
    """The calendar day of a strict ISO 8601 stamp as git prints it (``%cI``), in the
    stamp's own time zone; None when Python cannot represent it (year 10000) or git
    printed something else (a malformed commit leaves the placeholder as is)."""
    if len(stamp) < 10 or stamp[4:5] != "-":
        return None
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class _Record:
    hash: str
    fields: tuple[str, ...]
    #: (status letter, paths): one path, two for a rename or copy
    changes: tuple[tuple[str, tuple[str, ...]], ...]


def _records(text: str, n_fields: int, warnings: list[str]) -> Iterator[_Record]:
    """Commit records of ``git log -z --name-status --format=<_MARK, hash, fields…>``.

    Parsed by position: after a commit's header come status tokens, each followed
    by exactly one path (two for ``R`` and ``C``). What does not fit is reported
    once and parsing resumes at the next header.
    """
    tokens = text.split("\x00")
    i, n = 0, len(tokens)
    current: tuple[str, tuple[str, ...]] | None = None
    found: list[tuple[str, tuple[str, ...]]] = []
    broken = False
    while i < n:
        token = tokens[i].lstrip("\n")
        if token == "":
            i += 1
            continue
        if token == _MARK:
            if current is not None:
                yield _Record(current[0], current[1], tuple(found))
            head = tokens[i + 1 : i + 2 + n_fields]
            if len(head) < n_fields + 1:
                break
            current = (head[0], tuple(head[1:]))
            found = []
            i += 2 + n_fields
            continue
        if current is not None and _STATUS_RE.fullmatch(token):
            width = 2 if token[0] in "RC" else 1
            paths = tuple(tokens[i + 1 : i + 1 + width])
            if len(paths) == width and all(paths):
                found.append((token[0], paths))
                i += 1 + width
                continue
        if not broken:
            broken = True
            warnings.append("git 输出中有无法解析的记录，已跳过（可运行 git fsck 检查仓库）")
        # Resynchronise at the next header: only a token in header position can be
        # _MARK, and a wrongly consumed path costs at most one record.
        i += 1
        while i < n and tokens[i] != _MARK:
            i += 1
        if current is not None:
            yield _Record(current[0], current[1], tuple(found))
            current, found = None, []
    if current is not None:
        yield _Record(current[0], current[1], tuple(found))


@dataclass(frozen=True)
class GitDates:
    """Submission dates from git, and how far they can be trusted."""

    #: report path (relative to the project root, POSIX) → day of the first commit
    #: of the file's current life
    dates: dict[str, date]
    state: GitState
    #: Chinese sentences for stderr and the documents; empty when all is well
    warnings: list[str] = field(default_factory=list)
    #: report path → (the day git recorded, the day used instead) for a file whose first
    #: commit is dated after ``today`` (a committer's clock set wrong): issue 30, JY015
    suspect: dict[str, tuple[date, date]] = field(default_factory=dict)

    @property
    def reliable(self) -> bool:
        """Whether the dates come from a complete, fully readable history."""
        return self.state == "ok" and not self.warnings


def submission_dates(
    root: Path, under: str = REPORTS_DIR, *, today: date | None = None
) -> GitDates:
    """Path (relative to ``root``) → the day its current life began in git.

    A file's life begins with the commit that added it and ends with the one that
    deleted it: a report deleted and added again weeks later dates from the re-add.
    Renames carry the life over (``git mv`` of a unit folder, of ``data/`` or of the
    whole project keeps every date), which is why the log covers the whole
    repository: a rename from outside ``under`` would otherwise look like an
    addition. The day is the committer date in the committer's own time zone (a
    report committed at 23:30 Beijing time on the 5th counts as the 5th).

    A commit dated after ``today`` cannot be right (a clock set to 2100 would make the
    report late forever): such a day falls back to the day of the next commit in the
    history that is not in the future (the clock was right again by then), else to
    ``today``, and the file is listed in :attr:`GitDates.suspect`.
    """
    repo = probe(root)
    note = state_warning(repo, root)
    if repo.state not in ("ok", "shallow"):
        return GitDates({}, repo.state, [note] if note else [])
    warnings = [note] if note else []
    answer = run_git(
        root,
        "log",
        "-z",
        # Parents before children whatever the dates say: a back-dated deletion
        # must still end the life its file began earlier.
        "--reverse",
        "--topo-order",
        "-M",
        "--name-status",
        "--diff-filter=ADRC",
        "--no-show-signature",
        f"--format={_MARK}%x00%H%x00%cI",
        "--",
    )
    if answer.state == "error" and "does not have any commits" in answer.reason:
        return GitDates({}, repo.state, warnings)  # a new repository: nothing committed yet
    if answer.state != "ok":
        failed = Repository(answer.state, reason=answer.reason)
        return GitDates({}, answer.state, [state_warning(failed, root) or answer.reason])
    # path (from the repository top) → first day of its current life; None when the
    # commit that began it has a date we cannot read
    alive: dict[str, date | None] = {}
    unreadable: list[str] = []
    records = list(_records(answer.stdout, 1, warnings))
    days = [_day(record.fields[0]) for record in records]
    if today is not None:
        sane: date = today
        for i in range(len(days) - 1, -1, -1):  # the next sane commit's day, from the end
            day = days[i]
            if day is not None and day > today:
                days[i] = _Future(sane, day)
            elif day is not None:
                sane = day
    for record, day in zip(records, days, strict=True):
        if day is None:
            unreadable.append(record.hash)
        for status, paths in record.changes:
            if status == "A":
                alive.setdefault(paths[0], day)
            elif status == "D":
                alive.pop(paths[0], None)
            elif status == "R":
                alive[paths[1]] = alive.pop(paths[0], day)
            elif status == "C":
                alive.setdefault(paths[1], day)
    if unreadable:
        shown = "、".join(h[:7] for h in unreadable[:5]) + (" 等" if len(unreadable) > 5 else "")
        warnings.append(
            f"{len(unreadable)} 个提交的日期无法读取（{shown}，如年份超过 9999 或格式错误），"
            f"已跳过：这些提交加入的报送按今天计；可运行 git fsck 检查"
        )
    start = repo.prefix + under.strip("/") + "/"
    dates = {
        path[len(repo.prefix) :]: day
        for path, day in alive.items()
        if day is not None and path.startswith(start)
    }
    suspect = {
        path: (day.recorded, date(day.year, day.month, day.day))
        for path, day in dates.items()
        if isinstance(day, _Future)
    }
    dates = {path: date(d.year, d.month, d.day) for path, d in dates.items()}
    return GitDates(dict(sorted(dates.items())), repo.state, warnings, suspect)


class _Future(date):
    """A sane day standing in for a commit's future one (kept in ``recorded``)."""

    recorded: date

    def __new__(cls, sane: date, recorded: date) -> _Future:
        self = super().__new__(cls, sane.year, sane.month, sane.day)
        self.recorded = recorded
        return self


def first_added(root: Path, under: str = REPORTS_DIR) -> dict[str, date]:
    """Path (relative to ``root``) → submission date; see :func:`submission_dates`,
    which also says when git could not be asked."""
    return submission_dates(root, under).dates


def head_state(root: Path) -> tuple[str | None, bool]:
    """(short hash of HEAD, whether the data or the templates differ from it).

    Only ``data/`` and ``templates/`` count: a ledger ``export`` wrote, or any other
    file beside them, changes nothing a briefing says ("含未提交的修改").
    """
    head = _git(root, "rev-parse", "--short", "HEAD")
    if head is None:
        return None, False
    status = _git(root, "status", "--porcelain", "--", "data", "templates")
    return head.strip(), bool(status and status.strip())


@dataclass(frozen=True)
class Commit:
    """One commit that touched the data: who wrote it, when, and which files."""

    hash: str
    author_name: str
    author_email: str
    #: The author date, in the author's own time zone (set by the author: may lie);
    #: None when git prints a date Python cannot represent (year 10000) or none.
    date: date | None
    #: Paths relative to the project root (POSIX), as changed by this commit.
    paths: tuple[str, ...]
    #: The committer date, in the committer's own time zone (None when unknown).
    committed: date | None = None
    #: Who committed it (for a report the office commits on a unit's behalf, the office).
    committer_name: str = ""
    committer_email: str = ""


@dataclass(frozen=True)
class GitChanges:
    """The commits :func:`read_changes` found, and what it could not read."""

    commits: list[Commit]
    state: GitState
    warnings: list[str] = field(default_factory=list)


def read_changes(
    root: Path,
    since: date | None = None,
    under: tuple[str, ...] = (REPORTS_DIR, PLAN_PATH),
) -> GitChanges:
    """Every commit that changed a path ``under`` the project root, newest first.

    One ``git log`` for the whole history. Renames count as a deletion and an
    addition (both paths are listed); a merge lists only the files it changed
    itself (conflict resolutions, "evil merges"), its parents' commits are listed
    on their own. ``since`` keeps commits whose *committer* date is on or after it:
    the author date is the author's to set, so a commit back-dated to 2020 and
    pushed today is still caught. A commit whose dates cannot be read is kept (its
    date None, within any ``since``) and named in a warning.
    """
    repo = probe(root)
    if repo.state not in ("ok", "shallow"):
        note = state_warning(repo, root)
        return GitChanges([], repo.state, [note] if note else [])
    answer = run_git(
        root,
        "log",
        "-z",
        "--cc",
        "--no-renames",
        "--name-status",
        "--no-show-signature",
        f"--format={_MARK}%x00%H%x00%an%x00%ae%x00%aI%x00%cI%x00%cn%x00%ce",
        "--",
        *under,
    )
    if answer.state != "ok":
        if "does not have any commits" in answer.reason:
            return GitChanges([], repo.state)
        failed = Repository(answer.state, reason=answer.reason)
        return GitChanges([], answer.state, [state_warning(failed, root) or answer.reason])
    warnings: list[str] = []
    out: list[Commit] = []
    odd: list[str] = []
    for record in _records(answer.stdout, 6, warnings):
        name, email, authored, committed, committer, committer_email = record.fields
        author_day, commit_day = _day(authored), _day(committed)
        if author_day is None or commit_day is None:
            # Kept, not skipped: a commit must not escape the audit by its date.
            odd.append(record.hash)
        paths = tuple(
            dict.fromkeys(
                p[len(repo.prefix) :] if p.startswith(repo.prefix) else p
                for _, ps in record.changes
                for p in ps
            )
        )
        if since is None or commit_day is None or commit_day >= since:
            out.append(
                Commit(
                    record.hash,
                    name,
                    email,
                    author_day,
                    paths,
                    commit_day,
                    committer,
                    committer_email,
                )
            )
    if odd:
        shown = "、".join(h[:7] for h in odd[:5]) + (" 等" if len(odd) > 5 else "")
        warnings.append(
            f"{len(odd)} 个提交的日期无法读取（{shown}，如年份超过 9999 或格式错误），"
            f"仍按作者核对；可运行 git fsck 检查"
        )
    return GitChanges(out, repo.state, warnings)


def changes(
    root: Path,
    since: date | None = None,
    under: tuple[str, ...] = (REPORTS_DIR, PLAN_PATH),
) -> list[Commit]:
    """The commits of :func:`read_changes` (empty outside a repository)."""
    return read_changes(root, since, under).commits
