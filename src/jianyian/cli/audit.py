"""``jianyian audit``: commits that changed data they were not entitled to change."""

from enum import Enum
from typing import Annotated

import typer

from .app import (
    JianyianCommand,
    RootOption,
    app,
    auto_github,
    finish,
    live,
    parse_date_option,
    resolve_root,
)


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

    发现违规提交时退出码为 1；尚未登记联络员的单位只给出警告（退出码 0）。须在 git 仓库中运行。

    示例：

      jianyian audit

      jianyian audit --since 2025-08-01

      jianyian audit --format json > audit.json
    """
    from ..jobs import audit_history

    start = parse_date_option("--since", since) if since is not None else None
    fmt = AuditFormat(auto_github(fmt.value if fmt else None))
    finish(audit_history(resolve_root(root), since=start, fmt=fmt.value, out=live()))
