"""``jianyian remind`` (催报 notices, e-mail drafts, sending) and ``jianyian scorecard`` (考核)."""

import os
from pathlib import Path
from typing import Annotated

import typer

from .app import (
    AsOfOption,
    JianyianCommand,
    JsonOption,
    RootOption,
    app,
    finish,
    live,
    now,
    parse_as_of,
    resolve_root,
    today,
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
    allow_plain_auth: Annotated[
        bool,
        typer.Option(
            "--allow-plain-auth",
            help="允许在未加密的连接上登录（密码以明文传输，只在可信的内网使用）。",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """催报：给每个有欠报事项的单位写一份督办提醒（Markdown 和邮件草稿），可直接发送。

    只给有事项的单位写通知：逾期未报的事项（含逾期天数）、报送文件有错误的事项、--within 个工作日内截止的事项（按计划中的节假日安排计算工作日，截止日遇节假日顺延），该单位牵头的方案事项中逾期未完成的和完成时限在 --within 个工作日内、尚未完成的（状态与 jianyian status 相同），以及该单位报送的红灯、黄灯、未报送指标。没有事项的单位不写通知。

    督办等级：红色（有逾期未报或逾期未完成的牵头事项）、黄色（有指标落后序时进度或未报送）、蓝色（只有临近截止的事项）。

    办公室交办给该单位、尚未销号的督办事项（jianyian duban）也列在通知中；有等待该单位反馈的督办事项时，督办等级不低于这些事项的等级，逾期未反馈的为红色。

    每个单位写 <单位简称>.md 和 <单位简称>.eml（邮件草稿，收件人为 data/targets.yaml 中该单位的联络员，用 Outlook、Foxmail 等打开即可编辑发送，日期为 --as-of 当天）。欠月报的单位，邮件附上该单位该月的 Excel 填报表（与 jianyian form 生成的相同），文件夹中也写一份 <单位简称>-<YYYY-MM>.xlsx。没有联络员的单位也写通知，并在汇总中说明不能发邮件。所有文件一起写入，要么全部写入、要么都不写；已有的同名文件内容相同则保留，内容不同需加 --force。

    不加 --send 时绝不发送邮件。加 --send 时通过 --smtp 发送：密码只从环境变量 JIANYIAN_SMTP_PASSWORD 读取（不作为选项，避免留在命令历史中）；服务器拒绝或连不上时立即停止，说明原因和已发出的通知。发出的邮件日期为实际发送的时间，邮件标识用发件邮箱的域名。用 --user 登录时连接必须加密（--starttls，或 465 端口的 SSL 连接），否则拒绝，除非加 --allow-plain-auth；密码及其 base64 形式不会出现在任何输出中。已发送的通知记在项目的 .jianyian/sent.jsonl，同一天再次运行（写到哪个文件夹都一样，两次同时运行也一样）不会重复发送同一份通知；服务器收完邮件却未确认的，记为“可能已发送”，不自动重发。

    示例：

      jianyian remind -o 催报/

      jianyian remind --as-of 2025-08-10 --within 5 -o 催报/

      JIANYIAN_SMTP_PASSWORD=... jianyian remind -o 催报/ --send --smtp smtp.example.gov.cn:25 --starttls --user office --from office@example.gov.cn
    """
    from ..jobs import remind_units

    password = os.environ.get("JIANYIAN_SMTP_PASSWORD") if user is not None else None
    result = remind_units(
        resolve_root(root),
        output,
        as_of=parse_as_of(as_of),
        today=today(),
        within=within,
        force=force,
        send=send,
        smtp=smtp,
        from_addr=from_addr,
        starttls=starttls,
        user=user,
        password=password,
        now=now() if send else None,
        out=live(),
        allow_plain_auth=allow_plain_auth,
    )
    finish(result)


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
    """考核：各单位报送是否按时、迟报和逾期情况、按时率、所报指标的红黄绿灯、报送信息篇数，以及牵头的方案事项按期完成和逾期的项数。

    应报事项是截止日期（遇节假日顺延）已到的报送事项；当天截止、当天尚未报送的事项次日才计入。按时率 = 按时 ÷ 应报事项。迟报、逾期天数为顺延后截止日期之后的自然日数。指标灯：单一报送单位的指标计入该单位；多个单位合计的指标计入每个报送单位（未报送的单位计为“未报送”）。

    从差到好排列：逾期未报事项多的在前，其次文件有错误多、按时率低、逾期天数多、迟报天数多、红灯指标多的，最后是逾期事项多的。事项按期完成：已完成（已销号或待确认），且牵头单位连续报“已完成”始于完成时限所在月或更早的月报。

    示例：

      jianyian scorecard --as-of 2025-08-10

      jianyian scorecard -o 考核.xlsx

      jianyian scorecard --json
    """
    from ..jobs import make_scorecard

    result = make_scorecard(
        resolve_root(root),
        as_of=parse_as_of(as_of),
        today=today(),
        as_json=as_json,
        output=output,
        force=force,
        out=live(),
    )
    finish(result)
