"""``jianyian audit``: commits that changed data they were not entitled to change."""

from enum import Enum
from typing import Annotated

import typer

from ..errors import DataError, UsageError
from .app import JianyianCommand, RootOption, app, auto_github, parse_date_option, resolve_root


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command("audit", cls=JianyianCommand)
def audit_command(
    root: RootOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="只核对这一天及以后提交的修改（按提交日期 committer date；作者日期可由作者自行填写，不作依据）。",
            show_default=False,
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    fmt: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format",
            help="输出格式：text（默认）、json、github（GitHub 注释；在 GitHub Actions 中自动选用）。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """核对 git 历史：谁修改了哪个单位的报送、谁修改了方案。

    单位的报送文件（data/reports/<单位标识>/）应由该单位的联络员或领导小组办公室修改；方案文件 data/targets.yaml 只应由办公室修改；简报模板（templates/）、CI 工作流（.github/）和工具配置（schemas/、.pre-commit-config.yaml、pyproject.toml、requirements.txt）也只应由办公室修改。

    按提交作者的邮箱核对（不区分大小写），名单取自 data/targets.yaml：units 的 liaisons、plan.office_staff。

    报送文件中自报的报送日期（submitted:）早于该文件首次提交日期的，列出该文件和提交者（警告），请办公室核实。

    发现违规提交时退出码为 1；尚未登记联络员的单位和自报日期只给出警告（退出码 0）。须在 git 仓库中运行。

    示例：

      jianyian audit

      jianyian audit --since 2025-08-01

      jianyian audit --format json > audit.json
    """
    from ..checks.audit import AUDITED_PATHS, audit, check_declared_dates
    from ..load import load_plan, load_project
    from ..load.gitlog import changes, is_repository, is_shallow, submission_dates
    from ..render import diagnostics as out

    the_root = resolve_root(root)
    start = parse_date_option("--since", since) if since is not None else None
    if not is_repository(the_root):
        raise UsageError(
            f"{the_root} 不在 git 仓库中（或找不到 git 命令）：audit 需要 git 历史才能核对修改记录"
        )
    plan, _, _ = load_plan(the_root)
    if plan is None:
        raise DataError(
            "计划文件 data/targets.yaml 有错误，无法读取联络员名单。运行 jianyian validate 查看详情。"
        )
    commits = changes(the_root, start, AUDITED_PATHS)
    reports = load_project(the_root).reports
    first_seen = submission_dates(the_root).dates
    result = audit(plan, commits, check_declared_dates(reports, first_seen, commits, start))
    fmt = AuditFormat(auto_github(fmt.value if fmt else None))
    if is_shallow(the_root):
        typer.echo(
            "注意：这是浅克隆（shallow clone），较早的提交没有取回，未被核对"
            "（在 CI 中请设置 fetch-depth: 0）。",
            err=True,
        )
    if fmt is AuditFormat.json:
        typer.echo(out.audit_to_json(result, start))
    else:
        line = out.format_finding_github if fmt is AuditFormat.github else out.format_finding_text
        for finding in result.findings:
            typer.echo(line(finding))
        typer.echo(out.audit_summary_line(result), err=fmt is AuditFormat.github)
    raise typer.Exit(1 if result.errors else 0)
