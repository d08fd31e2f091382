"""``audit``: commits that changed data they were not entitled to change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import DataError, UsageError
from .result import JobResult

AUDIT_FORMATS = ("text", "json", "github")


def audit_history(
    root: Path, *, since: date | None = None, fmt: str = "text", out: JobResult | None = None
) -> JobResult:
    """Every commit since ``since`` checked against who may change what; failed on a finding."""
    from ..checks.audit import AUDITED_PATHS, audit, check_declared_dates
    from ..load import load_plan, load_project
    from ..load.gitlog import changes, is_repository, is_shallow, submission_dates
    from ..render import diagnostics as render

    out = out or JobResult()
    if not is_repository(root):
        raise UsageError(
            f"{root} 不在 git 仓库中（或找不到 git 命令）：audit 需要 git 历史才能核对修改记录"
        )
    plan, _, _ = load_plan(root)
    if plan is None:
        raise DataError(
            "计划文件 data/targets.yaml 有错误，无法读取联络员名单。运行 jianyian validate 查看详情。"
        )
    commits = changes(root, since, AUDITED_PATHS)
    # Self-declared submitted: dates earlier than git's first sight of the file.
    declared = check_declared_dates(
        load_project(root).reports, submission_dates(root).dates, commits, since
    )
    result = out.value = audit(plan, commits, declared)
    if is_shallow(root):
        out.note(
            "注意：这是浅克隆（shallow clone），较早的提交没有取回，未被核对"
            "（在 CI 中请设置 fetch-depth: 0）。"
        )
    if fmt == "json":
        out.say(render.audit_to_json(result, since))
    else:
        line = render.format_finding_github if fmt == "github" else render.format_finding_text
        for finding in result.findings:
            out.say(line(finding))
        (out.note if fmt == "github" else out.say)(render.audit_summary_line(result))
    out.failed = bool(result.errors)
    return out
