"""``remind``: 催报 notices and e-mail drafts for every unit that owes something; sending.

A unit that owes a monthly report gets that month's Excel form with its notice: attached to
the e-mail (the same bytes ``jianyian form`` makes for the unit, month and as-of day) and
written beside the notice for the office.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..models.fields import EMAIL_ADDRESS
from .result import JobResult
from .steps import load_progress, need_openpyxl, note_data_errors

if TYPE_CHECKING:
    from ..models import Plan, Project
    from ..render.eml import Attachment
    from ..views.remind import Reminder

#: The record of sent notices, in the notices' folder (before issue 30; still read).
SENT_LOG = ".sent.jsonl"
#: The record of sent notices, one per project whatever folder a run writes into.
PROJECT_SENT_LOG = ".jianyian/sent.jsonl"
_HOST_PORT = re.compile(
    r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9.-]+)):(?P<port>\d{1,5})$"
)


def parse_smtp(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:25`` for IPv6), or a usage error."""
    m = _HOST_PORT.match(value.strip())
    port = int(m.group("port")) if m else 0
    if m is None or not 1 <= port <= 65535:
        raise UsageError(
            f"--smtp 的值“{value}”应写作 主机:端口，如 smtp.example.gov.cn:25 或 127.0.0.1:2525"
        )
    return m.group("v6") or m.group("host"), port


def sender_of(plan: Plan, from_addr: str | None, send: bool) -> tuple[str, str]:
    """(office name, address): ``from_addr``, else the plan's first office staff's e-mail."""
    from ..render.remind import PLACEHOLDER_SENDER

    if from_addr is not None:
        return plan.office_name, from_addr.strip()
    staff = [p.email for p in plan.plan.office_staff]
    if staff:
        return plan.office_name, staff[0]
    if send:
        raise UsageError(
            "没有发件邮箱：请用 --from 指定，如 --from office@example.gov.cn"
            "（或在 data/targets.yaml 的 plan.office_staff 中填写办公室工作人员的邮箱）"
        )
    return plan.office_name, PLACEHOLDER_SENDER


def form_attachments(project: Project, reminder: Reminder, as_of: date) -> list[Attachment]:
    """The unit's Excel form for each month it owes (``reminder.forms``), as
    ``jianyian form --unit … --month … --as-of`` writes it."""
    from ..render.eml import Attachment
    from ..render.form_xlsx import render_form_xlsx
    from ..views.form import build_form

    plan = project.checked_plan
    return [
        Attachment(
            name,
            render_form_xlsx(
                build_form(plan, project.reports, reminder.unit, month=m), as_of=as_of
            ),
        )
        for m, name in zip(reminder.forms, reminder.form_files, strict=True)
    ]


def summary_line(r: Reminder, stem: str) -> str:
    """One unit's notice in the run's summary: what it holds, its files, who gets it."""
    counts = []
    if r.overdue:
        counts.append(f"逾期{len(r.overdue)}项")
    if r.invalid:
        counts.append(f"文件有误{len(r.invalid)}项")
    if r.upcoming:
        counts.append(f"临近截止{len(r.upcoming)}项")
    if r.overdue_actions:
        counts.append(f"逾期事项{len(r.overdue_actions)}项")
    if r.upcoming_actions:
        counts.append(f"临近时限事项{len(r.upcoming_actions)}项")
    if r.indicators:
        counts.append(f"指标{len(r.indicators)}项")
    if r.duban:
        counts.append(f"督办事项{len(r.duban)}项")
    to = (
        "收件人：" + "、".join(f"{name} <{addr}>" for name, addr in r.liaisons)
        if r.liaisons
        else "无联络员邮箱，不能发邮件"
    )
    files = [f"{stem}.md", f"{stem}.eml", *(f"{stem}-{m}.xlsx" for m in r.forms)]
    return f"{r.name}（{r.level_name}）：{'、'.join(counts)} → {'、'.join(files)}；{to}"


def remind_units(
    root: Path,
    output: Path,
    *,
    as_of: date,
    today: date,
    within: int = 3,
    force: bool = False,
    send: bool = False,
    smtp: str | None = None,
    from_addr: str | None = None,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    now: datetime | None = None,
    out: JobResult | None = None,
    allow_plain_auth: bool = False,
) -> JobResult:
    """A notice (Markdown and an e-mail draft) for every unit that owes something at
    ``as_of``, written into the folder ``output``; sent through ``smtp`` when ``send``.

    A draft is dated ``as_of``; a message sent is dated ``now`` (the caller's clock, an
    aware datetime). Each message's Message-ID uses the sender's domain."""
    from ..render.eml import build_eml
    from ..render.remind import file_stems, reminder_draft, render_reminder_markdown
    from ..views.remind import build_reminders
    from ..write.fileio import is_current, write_files_atomic

    out = out or JobResult()
    if not send and (smtp or from_addr or starttls or user):
        out.note("注意：未加 --send，只生成草稿，不发送任何邮件。")
    server = parse_smtp(smtp) if smtp is not None else None
    if send and server is None:
        raise UsageError("--send 需要用 --smtp 指定邮件服务器，如 --smtp smtp.example.gov.cn:25")
    if send and user is not None and not password:
        raise UsageError("--user 需要密码：请设置环境变量 JIANYIAN_SMTP_PASSWORD")
    # Port 465 is SMTP over TLS from the first byte (implicit TLS, RFC 8314).
    implicit_tls = server is not None and server[1] == 465
    if send and user is not None and not (starttls or implicit_tls or allow_plain_auth):
        from ..write.mail import plain_auth_refusal

        assert server is not None
        raise UsageError(plain_auth_refusal(f"{server[0]}:{server[1]}"))
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} 不是文件夹")
    project, progress = load_progress(root, as_of, today, out)
    note_data_errors(project, out, "（通知中列为“报送文件有误”）")
    plan = project.checked_plan
    sender = sender_of(plan, from_addr, send)
    reminders = out.value = build_reminders(plan, progress, within=within)
    stems = file_stems(reminders)
    if any(r.forms for r in reminders):
        need_openpyxl("（催报通知附带填报表）")
    forms = {r.unit: form_attachments(project, r, as_of) for r in reminders}
    drafts = [reminder_draft(r, sender, forms[r.unit]) for r in reminders]
    files: dict[Path, bytes] = {}
    for r, draft in zip(reminders, drafts, strict=True):
        files[output / f"{stems[r.unit]}.md"] = render_reminder_markdown(r).encode("utf-8")
        for month, form in zip(r.forms, forms[r.unit], strict=True):
            files[output / f"{stems[r.unit]}-{month}.xlsx"] = form.data
        try:
            files[output / f"{stems[r.unit]}.eml"] = build_eml(draft, date=as_of, unsent=True)
        except ValueError as exc:  # a bad --from (every draft) or one unit's bad address
            if from_addr is not None and not re.fullmatch(EMAIL_ADDRESS, from_addr.strip()):
                raise UsageError(str(exc)) from None
            out.note(f"警告：{r.name} 的邮件草稿未写（{exc}），其他单位照常；请改正后重新运行")
    # A file already holding what would be written is left alone (a second run the same
    # day, e.g. to send the drafts one has read, needs no --force).
    changed = {path: data for path, data in files.items() if not is_current(path, data)}
    output.mkdir(parents=True, exist_ok=True)
    if changed:
        write_files_atomic(changed, force=force)
        out.written += list(changed)
    day = as_of.isoformat()
    if not reminders:
        out.say(f"截至{day}，没有需要催报的单位，未写任何通知。")
        return out
    kept = f"（{len(files) - len(changed)} 个文件内容未变）" if len(changed) < len(files) else ""
    out.say(f"截至{day}，{len(reminders)} 个单位有需要办理的事项，通知已写入 {output}{kept}：")
    for r in reminders:
        out.say(f"  {summary_line(r, stems[r.unit])}")
    unmailable = [r.name for r in reminders if not r.liaisons]
    if unmailable:
        out.say(f"不能发邮件（无联络员邮箱）：{'、'.join(unmailable)}，请另行通知。")
    if not send:
        out.say("未发送任何邮件（加 --send --smtp 主机:端口 发送）。")
        return out

    from ..write.mail import send_drafts, summarize

    assert server is not None
    log_path = root / PROJECT_SENT_LOG
    log_path.parent.mkdir(exist_ok=True)
    result = send_drafts(
        drafts,
        host=server[0],
        port=server[1],
        day=today,
        log_path=log_path,
        other_logs=[output / SENT_LOG],
        starttls=starttls and not implicit_tls,
        implicit_tls=implicit_tls,
        allow_plain_auth=allow_plain_auth,
        user=user,
        password=password,
        sent_at=now,
    )
    out.say("发送情况：")
    lines = summarize(result, {r.unit: r.name for r in reminders})
    for line in lines[:-1] if result.error else lines:  # the last line is the error
        out.say(f"  {line}")
    if result.error:
        out.fail(f"错误：{result.error}")
    return out
