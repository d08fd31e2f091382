"""``jianyian remind`` (催报 notices, e-mail drafts, sending) and ``jianyian scorecard`` (考核)."""

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from .app import (
    AsOfOption,
    JianyianCommand,
    JsonOption,
    RootOption,
    app,
    load_progress,
    parse_as_of,
    resolve_root,
    today,
)

if TYPE_CHECKING:
    from ..models import Plan, Project
    from ..views.remind import Reminder

SENT_LOG = ".sent.jsonl"
_HOST_PORT = re.compile(
    r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9.-]+)):(?P<port>\d{1,5})$"
)


def parse_smtp(value: str) -> tuple[str, int]:
    """``--smtp HOST:PORT`` (``[::1]:25`` for IPv6), or a usage error."""
    m = _HOST_PORT.match(value.strip())
    port = int(m.group("port")) if m else 0
    if m is None or not 1 <= port <= 65535:
        raise UsageError(
            f"--smtp 的值“{value}”应写作 主机:端口，如 smtp.example.gov.cn:25 或 127.0.0.1:2525"
        )
    return m.group("v6") or m.group("host"), port


def _sender(plan: "Plan", from_addr: str | None, send: bool) -> tuple[str, str]:
    """(office name, address): ``--from``, else the plan's first office staff's e-mail."""
    from ..render.remind import PLACEHOLDER_SENDER
    from ..views.remind import office_name

    if from_addr is not None:
        return office_name(plan), from_addr.strip()
    staff = [p.email for p in plan.plan.office_staff]
    if staff:
        return office_name(plan), staff[0]
    if send:
        raise UsageError(
            "没有发件邮箱：请用 --from 指定，如 --from office@example.gov.cn"
            "（或在 data/targets.yaml 的 plan.office_staff 中填写办公室工作人员的邮箱）"
        )
    return office_name(plan), PLACEHOLDER_SENDER


def _summary_line(r: "Reminder", stem: str) -> str:
    counts = []
    if r.overdue:
        counts.append(f"逾期{len(r.overdue)}项")
    if r.invalid:
        counts.append(f"文件有误{len(r.invalid)}项")
    if r.upcoming:
        counts.append(f"临近截止{len(r.upcoming)}项")
    if r.indicators:
        counts.append(f"指标{len(r.indicators)}项")
    to = (
        "收件人：" + "、".join(f"{name} <{addr}>" for name, addr in r.liaisons)
        if r.liaisons
        else "无联络员邮箱，不能发邮件"
    )
    return f"{r.name}（{r.level_name}）：{'、'.join(counts)} → {stem}.md、{stem}.eml；{to}"


def _warn_errors(project: "Project") -> None:
    if project.errors:
        typer.echo(
            f"注意：数据有 {project.errors} 个错误，有错误的报送文件未计入"
            "（通知中列为“报送文件有误”）。运行 jianyian validate 查看详情。",
            err=True,
        )


@app.command("remind", cls=JianyianCommand)
def remind_command(
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="通知写到哪个文件夹（不存在则新建），如 催报/。",
            file_okay=False,
            metavar="DIR",
        ),
    ],
    as_of: AsOfOption = None,
    within: Annotated[
        int,
        typer.Option("--within", help="截止日期在几个工作日内的事项列为“临近截止”。", min=0),
    ] = 3,
    force: Annotated[
        bool, typer.Option("--force", help="文件夹中已有内容不同的同名通知时覆盖。")
    ] = False,
    send: Annotated[
        bool,
        typer.Option("--send", help="通过 --smtp 指定的邮件服务器发送通知；不加则只生成草稿。"),
    ] = False,
    smtp: Annotated[
        str | None,
        typer.Option(
            "--smtp",
            help="邮件服务器，主机:端口，如 smtp.example.gov.cn:25。",
            show_default=False,
            metavar="HOST:PORT",
        ),
    ] = None,
    from_addr: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="发件邮箱。默认取计划中办公室工作人员的第一个邮箱。",
            show_default=False,
            metavar="ADDR",
        ),
    ] = None,
    starttls: Annotated[
        bool, typer.Option("--starttls", help="连接后用 STARTTLS 加密（校验服务器证书）。")
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="登录邮件服务器的用户名；密码只从环境变量 JIANYIAN_SMTP_PASSWORD 读取。",
            show_default=False,
            metavar="U",
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """催报：给每个有欠报事项的单位写一份督办提醒（Markdown 和邮件草稿），可直接发送。

    只给有事项的单位写通知：逾期未报的事项（含逾期天数）、报送文件有错误的事项、--within 个工作日内截止的事项（按计划中的节假日安排计算工作日，截止日遇节假日顺延），以及该单位报送的红灯、黄灯、未报送指标。没有事项的单位不写通知。

    督办等级：红色（有逾期未报）、黄色（有指标落后序时进度或未报送）、蓝色（只有临近截止的事项）。

    每个单位写两个文件：<单位简称>.md 和 <单位简称>.eml（邮件草稿，收件人为 data/targets.yaml 中该单位的联络员，用 Outlook、Foxmail 等打开即可编辑发送）。没有联络员的单位也写通知，并在汇总中说明不能发邮件。所有文件一起写入，要么全部写入、要么都不写；已有的同名文件内容相同则保留，内容不同需加 --force。

    不加 --send 时绝不发送邮件。加 --send 时通过 --smtp 发送：密码只从环境变量 JIANYIAN_SMTP_PASSWORD 读取（不作为选项，避免留在命令历史中）；服务器拒绝或连不上时立即停止，说明原因和已发出的通知。已发送的通知记在文件夹中的 .sent.jsonl，同一天再次运行不会重复发送同一份通知。

    示例：

      jianyian remind -o 催报/

      jianyian remind --as-of 2025-08-10 --within 5 -o 催报/

      JIANYIAN_SMTP_PASSWORD=... jianyian remind -o 催报/ --send --smtp smtp.example.gov.cn:25 --starttls --user office --from office@example.gov.cn
    """
    from ..render.eml import build_eml
    from ..render.remind import file_stems, reminder_draft, render_reminder_markdown
    from ..views.remind import build_reminders
    from ..write.fileio import write_files_atomic

    if not send and (smtp or from_addr or starttls or user):
        typer.echo("注意：未加 --send，只生成草稿，不发送任何邮件。", err=True)
    server = parse_smtp(smtp) if smtp is not None else None
    if send and server is None:
        raise UsageError("--send 需要用 --smtp 指定邮件服务器，如 --smtp smtp.example.gov.cn:25")
    password = os.environ.get("JIANYIAN_SMTP_PASSWORD") if user is not None else None
    if send and user is not None and not password:
        raise UsageError("--user 需要密码：请设置环境变量 JIANYIAN_SMTP_PASSWORD")
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} 不是文件夹")
    day = parse_as_of(as_of)
    project, progress = load_progress(resolve_root(root), day, today())
    _warn_errors(project)
    plan = project.checked_plan
    sender = _sender(plan, from_addr, send)
    reminders = build_reminders(plan, progress, within=within)
    stems = file_stems(reminders)
    drafts = [reminder_draft(r, sender) for r in reminders]
    files: dict[Path, bytes] = {}
    for r, draft in zip(reminders, drafts, strict=True):
        files[output / f"{stems[r.unit]}.md"] = render_reminder_markdown(r).encode("utf-8")
        try:
            files[output / f"{stems[r.unit]}.eml"] = build_eml(draft, date=day, unsent=True)
        except ValueError as exc:  # a bad --from or liaison address
            raise UsageError(str(exc)) from None
    # A file already holding what would be written is left alone (a second run the same
    # day, e.g. to send the drafts one has read, needs no --force).
    changed = {path: data for path, data in files.items() if not _holds(path, data)}
    output.mkdir(parents=True, exist_ok=True)
    if changed:
        write_files_atomic(changed, force=force)

    if not reminders:
        typer.echo(f"截至{day.isoformat()}，没有需要催报的单位，未写任何通知。")
        return
    typer.echo(
        f"截至{day.isoformat()}，{len(reminders)} 个单位有需要办理的事项，通知已写入 {output}"
        + (f"（{len(files) - len(changed)} 个文件内容未变）" if len(changed) < len(files) else "")
        + "："
    )
    for r in reminders:
        typer.echo(f"  {_summary_line(r, stems[r.unit])}")
    unmailable = [r.name for r in reminders if not r.liaisons]
    if unmailable:
        typer.echo(f"不能发邮件（无联络员邮箱）：{'、'.join(unmailable)}，请另行通知。")
    if not send:
        typer.echo("未发送任何邮件（加 --send --smtp 主机:端口 发送）。")
        return

    from ..write.mail import send_drafts, summarize

    assert server is not None
    result = send_drafts(
        drafts,
        host=server[0],
        port=server[1],
        day=today(),
        log_path=output / SENT_LOG,
        starttls=starttls,
        user=user,
        password=password,
    )
    names = {r.unit: r.name for r in reminders}
    typer.echo("发送情况：")
    lines = summarize(result, names)
    for line in lines[:-1] if result.error else lines:  # the last line is the error
        typer.echo(f"  {line}")
    if result.error:
        typer.echo(f"错误：{result.error}", err=True)
        raise typer.Exit(1)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``data``."""
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == data
    except OSError:
        return False


@app.command("scorecard", cls=JianyianCommand)
def scorecard_command(
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="写到文件：.xlsx（Excel 工作簿）或 .md（Markdown 表格）。",
            show_default=False,
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
    root: RootOption = None,
) -> None:
    """考核：各单位报送是否按时、迟报和逾期情况、按时率、所报指标的红黄绿灯和报送信息篇数。

    应报事项是截止日期（遇节假日顺延）已到的报送事项；当天截止、当天尚未报送的事项次日才计入。按时率 = 按时 ÷ 应报事项。迟报、逾期天数为顺延后截止日期之后的自然日数。指标灯：单一报送单位的指标计入该单位；多个单位合计的指标计入每个报送单位（未报送的单位计为“未报送”）。

    从差到好排列：逾期未报事项多的在前，其次文件有错误多、按时率低、逾期天数多、迟报天数多、红灯指标多的。

    示例：

      jianyian scorecard --as-of 2025-08-10

      jianyian scorecard -o 考核.xlsx

      jianyian scorecard --json
    """
    suffix = output.suffix.lower() if output is not None else None
    if output is not None and suffix not in (".xlsx", ".md"):
        raise UsageError(
            f"不支持的输出格式“{output.suffix or output.name}”：-o 只能是 .xlsx 或 .md 文件"
        )
    from ..write.fileio import OverwriteRefused, write_bytes_atomic

    if output is not None and output.exists() and not force:
        raise OverwriteRefused(output)
    day = parse_as_of(as_of)
    project, progress = load_progress(resolve_root(root), day, today())
    from ..views.scorecard import build_scorecard, scorecard_json

    card = build_scorecard(project.checked_plan, progress)
    if output is not None:
        from ..render.scorecard import render_scorecard_markdown, render_scorecard_xlsx

        if suffix == ".xlsx":
            data = render_scorecard_xlsx(card)
        else:
            data = render_scorecard_markdown(card).encode("utf-8")
        write_bytes_atomic(output, data, force=force)
        typer.echo(f"已写入 {output}（{len(card.rows)} 个单位）", err=as_json)
    if as_json:
        import json

        typer.echo(json.dumps(scorecard_json(card), ensure_ascii=False, indent=2))
    elif output is None:
        from ..render.scorecard import render_scorecard_terminal
        from ..render.terminal import make_console

        render_scorecard_terminal(make_console(), card)
