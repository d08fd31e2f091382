"""Who changed what: commits that touched a unit's reports or the plan without the right author.

A pure function of the plan and the commits (read by :func:`jianyian.load.gitlog.changes`):
no disk, no clock, no git here. ``audit --since`` keeps commits by their committer
date (``changes`` filters): an author date is the author's to set, so a commit
back-dated to 2020 and pushed today is still judged.

The rules, judged by the author's e-mail (case-insensitive) against the *current* plan:

- ``data/reports/<unit>/…`` may be changed by that unit's liaisons (``units[].liaisons``)
  and by the office: the liaisons of the office unit (``plan.office``) and
  ``plan.office_staff``.
- ``data/targets.yaml`` may be changed by the office only.
- A folder under ``data/reports/`` that is not a unit of the plan belongs to the office.
- The office's own files (the 销号 log under ``data/office/``), templates, CI
  workflows and tool configuration (``load.OFFICE_PATHS``) change what the meeting
  sees: the office only (finding kind ``config``).

A report whose own ``submitted:`` is earlier than the day its file was first committed
(finding kind ``declared``, a warning) is counted on time by a date only the unit vouches
for: each is listed with the commit that added it and its committer, for the office to
check (the demo's 市卫健委 says 8月4日; the office committed the file on 8月6日).

Where the list of allowed people is empty (the plan as shipped registers nobody),
a commit cannot be judged: rather than flag or pass everything silently, each unit
(and the office) with unjudgeable commits gets one warning saying its list is empty.
Files directly under ``data/reports/`` (its README) are not judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..load import OFFICE_DIR, OFFICE_PATHS, PLAN_PATH, REPORTS_DIR, is_office_path
from ..load.gitlog import Commit
from ..models import LoadedReport, Plan

REPORTS_PREFIX = REPORTS_DIR + "/"
#: Unjudgeable commits listed by hash in one warning, at most.
LISTED = 5

Kind = Literal["report", "plan", "config", "no-liaison", "no-office", "declared"]
#: Every path ``audit`` judges, for :func:`jianyian.load.gitlog.changes`.
AUDITED_PATHS: tuple[str, ...] = (REPORTS_DIR, PLAN_PATH, *OFFICE_PATHS)


@dataclass(frozen=True)
class Finding:
    """One commit (or, for warnings, a group of commits) the office should look at."""

    severity: Literal["error", "warning"]
    kind: Kind
    path: str  # a file, or ``data/reports/<unit>/`` for a unit's warning
    message: str
    unit: str | None = None
    commit: Commit | None = None
    #: For warnings: how many commits could not be judged.
    count: int = 0

    def sort_key(self) -> tuple:
        day = (self.commit.date or date.min) if self.commit else date.min
        return (self.path, day, self.commit.hash if self.commit else "", self.message)


@dataclass(frozen=True)
class AuditResult:
    commits: int  # commits that touched the data
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def _emails(people: Iterable) -> set[str]:
    return {p.email.strip().lower() for p in people}


def office_emails(plan: Plan) -> set[str]:
    """E-mails of the office: its unit's liaisons and ``plan.office_staff``."""
    office = plan.unit_by_id.get(plan.plan.office)
    return _emails(plan.plan.office_staff) | _emails(office.liaisons if office else [])


def _who(c: Commit) -> str:
    day = c.date.isoformat() if c.date else "作者日期无法读取"
    if c.committed is not None and c.committed != c.date:
        # The author date is the author's to set; the committer date shows a back-dating.
        day += f"，提交于 {c.committed.isoformat()}"
    return f"commit {c.hash[:7]} ({day}, {c.author_name} <{c.author_email}>)"


def _unit_of(path: str) -> str | None:
    """The unit folder of a report path, or None for files directly under data/reports/."""
    if not path.startswith(REPORTS_PREFIX):
        return None
    rest = path[len(REPORTS_PREFIX) :]
    folder, sep, _ = rest.partition("/")
    return folder if sep and folder else None


def check_declared_dates(
    reports: Iterable[LoadedReport],
    first_seen: Mapping[str, date],
    commits: list[Commit],
    since: date | None = None,
) -> list[Finding]:
    """Reports whose ``submitted:`` is earlier than their first commit, with that commit.

    ``first_seen`` maps a report's path to the day git first saw it (its current life);
    ``commits`` are newest first. With ``since``, only files first committed on or after it.
    """
    out = []
    for r in sorted(reports, key=lambda r: r.source.path):
        declared = r.report.submitted
        path = r.source.path
        first = first_seen.get(path)
        if declared is None or first is None or declared >= first:
            continue
        if since is not None and first < since:
            continue
        touching = [c for c in commits if path in c.paths]
        added = [c for c in touching if c.committed == first] or touching
        commit = added[-1] if added else None
        who = ""
        if commit is not None:
            committer = commit.committer_name or commit.author_name
            email = commit.committer_email or commit.author_email
            who = f"（commit {commit.hash[:7]}，提交者 {committer} <{email}>）"
        message = (
            f"自报报送日期 {declared.isoformat()}（submitted:）早于该文件首次提交的 "
            f"{first.isoformat()}{who}：按时、迟报以自报日期计，请核实"
        )
        out.append(Finding("warning", "declared", path, message, r.unit, commit))
    return out


def audit(plan: Plan, commits: list[Commit], declared: Iterable[Finding] = ()) -> AuditResult:
    """Every change to a unit's reports or to the plan not made by whom it should be.

    ``declared`` are :func:`check_declared_dates`' findings, listed with the others.
    """
    office = office_emails(plan)
    office_name = plan.unit_label(plan.plan.office)
    findings: list[Finding] = []
    unjudged: dict[str | None, list[Commit]] = {}  # unit (None: the plan) → commits
    config: list[tuple[str, Commit]] = []  # office paths changed by someone else
    touched = 0
    for c in commits:
        email = c.author_email.strip().lower()
        counted = False
        for path in c.paths:
            if is_office_path(path):
                counted = True
                if email not in office:
                    config.append((path, c))
                continue
            if path == PLAN_PATH:
                unit = None
            else:
                unit = _unit_of(path)
                if unit is None:
                    continue
            counted = True
            if email in office:
                continue
            if unit is None:
                if not office:
                    unjudged.setdefault(None, []).append(c)
                    continue
                findings.append(
                    Finding(
                        "error",
                        "plan",
                        path,
                        f"{_who(c)}: 方案文件由办公室以外的人员修改",
                        None,
                        c,
                    )
                )
                continue
            known = plan.unit_by_id.get(unit)
            allowed = _emails(known.liaisons) if known else set()
            if email in allowed:
                continue
            if known is None:
                if not office:
                    unjudged.setdefault(unit, []).append(c)
                    continue
                message = f"{_who(c)}: 目录 {unit}/ 不是计划中的单位，由办公室以外的人员修改"
            elif not allowed:
                if office and known.id == plan.plan.office:
                    message = f"{_who(c)}: {known.name} 的报送文件由办公室以外的人员修改"
                else:
                    unjudged.setdefault(unit, []).append(c)
                    continue
            else:
                message = f"{_who(c)}: {known.name} 的报送文件由非联络员修改"
            findings.append(Finding("error", "report", path, message, unit, c))
        touched += counted
    for path, c in config:
        if office:
            what = "办公室的销号记录" if path.startswith(OFFICE_DIR + "/") else "模板或工具配置"
            message = f"{_who(c)}: {what}由办公室以外的人员修改（会改变简报内容或数据检查）"
            findings.append(Finding("error", "config", path, message, None, c))
        else:
            unjudged.setdefault(None, []).append(c)
    for unit, found in unjudged.items():
        findings.append(_unjudged_warning(plan, unit, found, office_name))
    findings += declared
    findings.sort(key=Finding.sort_key)
    return AuditResult(touched, findings)


def _unjudged_warning(
    plan: Plan, unit: str | None, found: list[Commit], office_name: str
) -> Finding:
    unique = list(dict.fromkeys(found))
    hashes = "、".join(c.hash[:7] for c in unique[:LISTED])
    if len(unique) > LISTED:
        hashes += " 等"
    n = len(unique)
    office_empty = f"办公室人员名单为空（plan.office_staff 和 {office_name} 的 liaisons）"
    if unit is None:
        return Finding(
            "warning",
            "no-office",
            PLAN_PATH,
            f"{office_empty}，方案文件（及模板、工具配置）的 {n} 次修改无法核对作者（{hashes}）："
            f"请在 {PLAN_PATH} 中登记办公室人员",
            None,
            count=n,
        )
    known = plan.unit_by_id.get(unit)
    path = f"{REPORTS_PREFIX}{unit}/"
    if known is None:
        message = (
            f"目录 {unit}/ 不是计划中的单位，且{office_empty}，其中文件的 {n} 次修改无法核对作者"
            f"（{hashes}）"
        )
    else:
        message = (
            f"{known.name} 的联络员名单为空（{PLAN_PATH} 中 units 的 liaisons），"
            f"其报送文件的 {n} 次修改无法核对作者（{hashes}）：请登记联络员的姓名和邮箱"
        )
    return Finding("warning", "no-liaison", path, message, unit, count=n)
