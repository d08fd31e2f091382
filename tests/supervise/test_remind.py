"""``jianyian remind``: who gets a notice, what it lists, drafts, sending through aiosmtpd.

A hand-built plan of four units, judged on Wednesday 2 July 2025:

* handling-plan due Saturday 31 May, in the 端午节 holiday (31 May–2 June): rolled to 3 June;
* the May 信息 due Thursday 5 June; the June 信息 due Saturday 5 July, rolled to Monday
  7 July: three working days after 2 July (3, 4 and 7 July);
* summary (owed by a and b) due Friday 4 July: two working days after 2 July.
"""

from __future__ import annotations

import email
import io
import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import openpyxl
import pytest

from jianyian.checks import check_project
from jianyian.cli import app
from jianyian.engine import compute_progress, obligations
from jianyian.load import load_project
from jianyian.models import working_days_between
from jianyian.render.eml import XLSX_TYPE
from jianyian.views.remind import build_reminders

from ..conftest import REPO, runner
from ..support.four_units import PLAN, REPORTS, monthly
from ..support.smtp import HOST, Recorder, body_of, free_port, rfc2047_display_name


@pytest.fixture
def project(make_project) -> Path:
    return make_project(REPORTS, targets=PLAN)


def reminders(root: Path, as_of: str, within: int = 3):
    proj = check_project(load_project(root))
    assert proj.plan is not None and not proj.errors
    progress = compute_progress(proj.plan, proj.reports, {}, date.fromisoformat(as_of))
    return build_reminders(proj.plan, progress, within=within)


def remind(root: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["remind", "--root", str(root), *args], env=env)


# --- who gets what ----------------------------------------------------------------------------


def test_units_that_owe_something_get_a_notice_the_rest_none(project: Path) -> None:
    got = {r.unit: r for r in reminders(project, "2025-07-02")}
    # d sent everything, its one indicator is ahead of 序时进度: no notice.
    assert list(got) == ["c", "a", "b"]  # red, yellow, blue
    assert [got[u].level for u in ("c", "a", "b")] == ["red", "yellow", "blue"]

    c = got["c"]
    assert [(i.deliverable, i.days) for i in c.overdue] == [
        ("handling-plan", (date(2025, 7, 2) - date(2025, 6, 3)).days),  # 29, from the rolled date
        ("info", (date(2025, 7, 2) - date(2025, 6, 5)).days),  # 27
    ]
    assert [(i.period, i.working_days) for i in c.upcoming] == [("2025-06", 3)]
    # i2 is a sum: c has sent nothing for it (未报送); b, which did, is not named for it.
    assert [(i.id, i.light) for i in c.indicators] == [("i2", "missing")]
    assert "端午节" in c.overdue[0].text and "原定5月31日" in c.overdue[0].text

    a = got["a"]
    assert a.overdue == () and [(i.deliverable, i.working_days) for i in a.upcoming] == [
        ("summary", 2),
        ("info", 3),
    ]
    # i1: 3 of 12 = 25.0% against 5/12 = 41.7% → 16.7 points behind: yellow
    (i1,) = a.indicators
    assert (i1.id, i1.light) == ("i1", "yellow") and i1.gap == pytest.approx(100 * (5 / 12 - 0.25))
    assert "1—5月累计3个" in i1.text and "16.7个百分点" in i1.text

    b = got["b"]
    assert b.indicators == () and [i.deliverable for i in b.upcoming] == ["summary"]
    assert b.liaisons == (("李四", "li@b.example.cn"), ("王五", "wang@b.example.cn"))


def test_near_deadline_counts_working_days(project: Path) -> None:
    # The June 信息: due 7 July (rolled from Saturday 5 July); from Wednesday 2 July that is
    # 3 working days (Thursday, Friday, Monday) — 5 calendar days.
    proj = check_project(load_project(project))
    assert proj.plan is not None
    june = next(o for o in obligations(proj.plan) if o.unit == "a" and o.period == "2025-06")
    assert (june.nominal, june.due) == (date(2025, 7, 5), date(2025, 7, 7))
    assert working_days_between(proj.plan.calendar, date(2025, 7, 2), june.due) == 3

    def listed(within: int) -> list[str]:
        a = next(r for r in reminders(project, "2025-07-02", within) if r.unit == "a")
        return [i.period for i in a.upcoming]

    assert listed(3) == ["summary", "2025-06"]
    assert listed(2) == ["summary"]
    assert listed(0) == []
    # c's notice keeps its overdue items either way, and b (only the summary) stays blue.
    assert "c" in {r.unit for r in reminders(project, "2025-07-02", 0)}
    assert "b" not in {r.unit for r in reminders(project, "2025-07-02", 1)}
    # On the due day itself: 今天截止.
    a = next(r for r in reminders(project, "2025-07-04", 0) if r.unit == "a")
    assert [i.deliverable for i in a.upcoming] == ["summary"] and "今天截止" in a.upcoming[0].text


def test_a_sum_behind_names_each_reporter_with_its_own_contribution(make_project) -> None:
    reports = {
        **REPORTS,
        "b/2025-05.yaml": monthly("b", "2025-05", "2025-06-05", "i2: 20"),
        "c/2025-05.yaml": monthly("c", "2025-05", "2025-06-20", "i2: 10"),
    }
    root = make_project(reports, targets=PLAN)
    got = {r.unit: r for r in reminders(root, "2025-06-25")}
    # 30 of 120 = 25% against 5/12: yellow, for b and c together.
    for unit, own in (("b", 20), ("c", 10)):
        (item,) = got[unit].indicators
        assert (item.id, item.light, item.combined, item.own) == ("i2", "yellow", True, own)
        assert f"其中贵单位报送{own}亿元" in item.text and "合计1—5月累计30亿元" in item.text


def test_notice_text_is_addressed_dated_and_signed(project: Path) -> None:
    (c,) = [r for r in reminders(project, "2025-07-02") if r.unit == "c"]
    text = c.plain_text()
    assert text.startswith("丙区人民政府：\n")
    assert "《测试建议案办理工作方案》" in text and "截至2025年7月2日" in text
    assert text.rstrip().endswith("测试领导小组办公室\n2025年7月2日")
    assert "一、逾期未报送事项" in text and "二、临近截止事项（3个工作日内）" in text
    assert "三、需关注的指标" in text
    assert "截止日期为2025年7月7日（原定7月5日，遇周末顺延）" in text
    assert c.subject.startswith("【红色督办】丙区人民政府：")


# --- the command: files, drafts, summary ---------------------------------------------------


def test_remind_writes_one_md_and_one_eml_per_unit(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "催报"
    result = remind(project, "--as-of", "2025-07-02", "-o", str(out))
    assert result.exit_code == 0, result.output
    # And the form of each month a unit owes: c the May (overdue) and June 信息, a the June.
    forms = ["丙区-2025-05.xlsx", "丙区-2025-06.xlsx", "甲局-2025-06.xlsx"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"{n}.{ext}" for n in ("甲局", "乙局", "丙区") for ext in ("md", "eml")), *forms]
    )
    assert "→ 丙区.md、丙区.eml、丙区-2025-05.xlsx、丙区-2025-06.xlsx；" in result.output
    assert "丙区人民政府（红色）" in result.output
    assert "不能发邮件（无联络员邮箱）：丙区人民政府" in result.output
    assert "未发送任何邮件" in result.output
    assert not (project / ".jianyian" / "sent.jsonl").exists()

    md = (out / "丙区.md").read_text(encoding="utf-8")
    assert md.startswith("# 关于测试建议案办理事项的督办提醒\n")
    assert "**督办等级：红色（有逾期未报送或逾期未完成事项）**" in md
    assert "## 一、逾期未报送事项" in md and "1. 具体办理方案：截止日期为2025年6月3日" in md

    # The draft, parsed back with the standard library: UTF-8 subject, body and names.
    data = (out / "乙局.eml").read_bytes()
    msg = email.message_from_bytes(data, policy=policy.default)
    assert (
        msg["Subject"] == "【蓝色督办】市乙局：关于测试建议案办理事项的督办提醒（截至2025年7月2日）"
    )
    assert [a.addr_spec for a in msg["To"].addresses] == ["li@b.example.cn", "wang@b.example.cn"]
    assert [a.display_name for a in msg["To"].addresses] == ["李四", "王五"]
    assert rfc2047_display_name(data, "From") == "测试领导小组办公室"
    assert msg["X-Unsent"] == "1" and msg.get_content_charset() == "utf-8"
    body = body_of(msg)
    assert body.startswith("市乙局：\n") and "上半年小结：截止日期为2025年7月4日" in body
    assert "距截止还有2个工作日" in body
    # No liaison: a draft without To, for the office to address by hand.
    assert email.message_from_bytes((out / "丙区.eml").read_bytes())["To"] is None


def test_remind_is_deterministic_and_never_overwrites_changed_files(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "催报"
    assert remind(project, "--as-of", "2025-07-02", "-o", str(out)).exit_code == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    # Same data, same day: same bytes, nothing to overwrite, no --force needed.
    again = remind(project, "--as-of", "2025-07-02", "-o", str(out))
    assert again.exit_code == 0, again.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    # Another day changes the notices: refused without --force, and nothing is written.
    refused = remind(project, "--as-of", "2025-07-03", "-o", str(out))
    assert refused.exit_code == 2 and "已存在" in refused.output and "--force" in refused.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    forced = remind(project, "--as-of", "2025-07-03", "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert "截至2025年7月3日" in (out / "丙区.md").read_text(encoding="utf-8")


def test_markdown_escapes_plan_text(make_project, tmp_path: Path) -> None:
    root = make_project(REPORTS, targets=PLAN.replace("name: 丙区人民政府", "name: '丙区*[政府]*'"))
    out = tmp_path / "催报"
    assert remind(root, "--as-of", "2025-07-02", "-o", str(out)).exit_code == 0
    md = (out / "丙区.md").read_text(encoding="utf-8")
    assert "丙区\\*\\[政府\\]\\*：" in md and "丙区*[政府]*：" not in md


def test_usage_errors(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("JIANYIAN_SMTP_PASSWORD", raising=False)
    out = str(tmp_path / "o")
    r = remind(project, "-o", out, "--send")
    assert r.exit_code == 2 and "--smtp" in r.output
    r = remind(project, "-o", out, "--send", "--smtp", "nohost")
    assert r.exit_code == 2 and "主机:端口" in r.output
    r = remind(project, "-o", out, "--within", "-1")
    assert r.exit_code == 2
    # No sender address anywhere (no --from, no office_staff): sending is refused.
    r = remind(project, "--as-of", "2025-07-02", "-o", out, "--send", "--smtp", f"{HOST}:25")
    assert r.exit_code == 2 and "--from" in r.output
    assert not Path(out).exists() or not any(Path(out).iterdir())
    r = remind(project, "-o", out, "--send", "--smtp", f"{HOST}:25", "--user", "u")
    assert r.exit_code == 2 and "JIANYIAN_SMTP_PASSWORD" in r.output


# --- sending ----------------------------------------------------------------------------------


def send_args(port: int, out: Path) -> list[str]:
    return ["--as-of", "2025-07-02", "-o", str(out), "--send", "--smtp", f"{HOST}:{port}",
            "--from", "office@example.cn"]  # fmt: skip


def test_no_sending_without_send(project: Path, tmp_path: Path, smtp_server) -> None:
    handler, port = smtp_server()
    args = ["--as-of", "2025-07-02", "-o", str(tmp_path / "o"), "--smtp", f"{HOST}:{port}"]
    result = remind(project, *args)
    assert result.exit_code == 0 and "未加 --send" in result.output
    assert handler.messages == []


def test_send_delivers_then_a_second_run_sends_nothing(
    project: Path, tmp_path: Path, smtp_server
) -> None:
    handler, port = smtp_server()
    out = tmp_path / "催报"
    result = remind(project, *send_args(port, out))
    assert result.exit_code == 0, result.output
    # c has no liaison; a and b are mailed, in the notices' order (yellow before blue).
    assert [(frm, to) for frm, to, _data, _tls in handler.messages] == [
        ("office@example.cn", ["zhang@a.example.cn"]),
        ("office@example.cn", ["li@b.example.cn", "wang@b.example.cn"]),
    ]
    sent = email.message_from_bytes(handler.messages[0][2], policy=policy.default)
    assert sent["Subject"].startswith("【黄色督办】市甲局：") and "X-Unsent" not in sent
    assert "新建项目：1—5月累计3个" in body_of(sent)
    assert "市甲局：已发送 → zhang@a.example.cn" in result.output
    assert "丙区人民政府：无联络员邮箱，未发送" in result.output
    log = [
        json.loads(line) for line in (project / ".jianyian" / "sent.jsonl").read_text().splitlines()
    ]
    assert [e["unit"] for e in log] == ["a", "b"] and log[0]["day"] == date.today().isoformat()

    again = remind(project, *send_args(port, out))
    assert again.exit_code == 0, again.output
    assert len(handler.messages) == 2  # nothing mailed twice the same day
    assert "市甲局：今日已发送过，跳过" in again.output


def test_a_refused_port_names_the_server_and_sends_nothing(project: Path, tmp_path: Path) -> None:
    port = free_port()
    out = tmp_path / "催报"
    result = remind(project, *send_args(port, out))
    assert result.exit_code == 1
    assert f"邮件服务器 {HOST}:{port}" in result.output and "连接被拒绝" in result.output
    assert "已发送 0 份" in result.output
    assert not (project / ".jianyian" / "sent.jsonl").exists()
    assert (out / "甲局.eml").exists()  # the drafts are written all the same


def test_a_rejected_recipient_stops_and_says_what_went_out(
    project: Path, tmp_path: Path, smtp_server
) -> None:
    handler, port = smtp_server(Recorder(refuse_rcpt={"wang@b.example.cn"}))
    out = tmp_path / "催报"
    result = remind(project, *send_args(port, out))
    assert result.exit_code == 1
    assert [to for _f, to, _d, _t in handler.messages] == [["zhang@a.example.cn"]]
    assert "市甲局：已发送" in result.output and "市乙局：发送失败" in result.output
    assert "拒绝了收件人 wang@b.example.cn" in result.output and f"{HOST}:{port}" in result.output
    log = (project / ".jianyian" / "sent.jsonl").read_text().splitlines()
    assert [json.loads(line)["unit"] for line in log] == ["a"]


# --- the demo ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_notices_go_to_exactly_the_units_that_owe_something(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    build = REPO / "examples" / "demo" / "build.py"
    subprocess.run([sys.executable, str(build), str(demo)], check=True, capture_output=True)
    status = runner.invoke(app, ["status", "--root", str(demo), "--as-of", "2025-08-10", "--json"])
    view = json.loads(status.stdout)
    expected = {d["unit"] for d in view["overdue"]}
    for ind in view["indicators"]:
        if ind["missing"]:
            expected |= set(ind["missing"])
        elif ind["light"] in ("red", "yellow"):
            assert len(ind["reporters"]) == 1  # the demo's lagging indicators have one reporter
            expected |= set(ind["reporters"])
    # Every unit on a 督办 item still waiting for its lead's reply (issue 26).
    for item in view["duban"]:
        if item["state"] in ("待反馈", "逾期未反馈", "重新督办"):
            expected |= set(item["units"])
    # Nothing falls due in the three working days after Sunday 10 August (11–13 August).
    proj = check_project(load_project(demo))
    assert proj.plan is not None
    assert not [o for o in obligations(proj.plan) if date(2025, 8, 10) < o.due <= date(2025, 8, 13)]

    out = demo / "催报"
    result = runner.invoke(
        app, ["remind", "--root", str(demo), "--as-of", "2025-08-10", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    short = {u.id: u.short or u.name for u in proj.plan.units}
    assert sorted(p.name for p in out.glob("*.md")) == sorted(f"{short[u]}.md" for u in expected)
    assert len(list(out.glob("*.eml"))) == len(expected)
    assert {"fjq", "xinzhou", "cjxq", "jiangxia", "rsj"} <= expected  # the demo's overdue units


# --- issue 32: the notice carries the unit's form; dates and Message-IDs ----------------------

SENDER = "office@fgw.example.cn"


def eml_of(data: bytes) -> EmailMessage:
    """A message parsed back as a mail client would (email.parser, the modern policy)."""
    msg = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(msg, EmailMessage)
    return msg


def only_form(msg: EmailMessage) -> tuple[str, bytes]:
    """The one attachment of ``msg``: its file name and bytes, checked to be an xlsx."""
    (part,) = list(msg.iter_attachments())
    assert part.get_content_type() == XLSX_TYPE
    name, data = part.get_filename(), part.get_content()
    assert isinstance(name, str) and isinstance(data, bytes)
    return name, data


def form_by_command(root: Path, tmp_path: Path, unit: str, month: str, as_of: str) -> bytes:
    out = tmp_path / f"form-{unit}-{month}.xlsx"
    r = runner.invoke(
        app,
        ["form", "--root", str(root), "--unit", unit, "--month", month, "--as-of", as_of,
         "-o", str(out)],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    return out.read_bytes()


def test_a_notice_for_a_monthly_report_carries_the_units_form(
    project: Path, tmp_path: Path
) -> None:
    """The draft of a unit that owes its June 信息 attaches its June form, the very bytes
    ``jianyian form`` makes; the draft is dated the as-of day, its Message-ID in the
    sender's domain. A unit that owes only a summary gets no form."""
    out = tmp_path / "催报"
    result = remind(project, "--as-of", "2025-07-02", "-o", str(out), "--from", SENDER)
    assert result.exit_code == 0, result.output

    msg = eml_of((out / "甲局.eml").read_bytes())
    assert msg.get_content_type() == "multipart/mixed" and msg["X-Unsent"] == "1"
    assert msg["Date"].datetime == datetime(2025, 7, 2, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    assert msg["Message-ID"].endswith(".20250702@fgw.example.cn>")
    assert "jianyian.invalid" not in (out / "甲局.eml").read_text(encoding="ascii")
    body = body_of(msg)
    assert (
        "附件：贵单位2025年6月填报表（甲局-2025-06.xlsx）。请在表中浅黄色单元格填写后发回" in body
    )
    name, data = only_form(msg)
    assert name == "甲局-2025-06.xlsx"
    assert data == form_by_command(project, tmp_path, "甲局", "2025-06", "2025-07-02")
    assert data == (out / "甲局-2025-06.xlsx").read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert (props["jianyian.unit"], props["jianyian.period"]) == ("a", "2025-06")
    assert wb["填报表"]["A1"].value == "市甲局2025年6月建议案办理情况填报表"
    # c owes May (overdue) and June: both forms, in that order, named in the notice.
    c = eml_of((out / "丙区.eml").read_bytes())
    assert [p.get_filename() for p in c.iter_attachments()] == [
        "丙区-2025-05.xlsx",
        "丙区-2025-06.xlsx",
    ]
    assert "（丙区-2025-05.xlsx、丙区-2025-06.xlsx）" in (out / "丙区.md").read_text("utf-8")
    # b owes only its summary: a plain notice, no form.
    b = eml_of((out / "乙局.eml").read_bytes())
    assert b.get_content_type() == "text/plain" and "附件" not in body_of(b)


def test_a_sent_notice_is_dated_when_sent_and_carries_the_form(
    project: Path, tmp_path: Path, smtp_server
) -> None:
    """Through a real SMTP server on 127.0.0.1: Date is the time the caller passes (the
    command line reads it from its clock), not the as-of day; Message-ID in the sender's
    domain, as the sent log records it; the form arrives intact."""
    from jianyian.jobs import remind_units

    handler, port = smtp_server()
    out = tmp_path / "催报"
    sent_at = datetime(2025, 7, 3, 15, 42, 7, tzinfo=timezone(timedelta(hours=8)))
    result = remind_units(
        project,
        out,
        as_of=date(2025, 7, 2),
        today=date(2025, 7, 3),
        send=True,
        smtp=f"{HOST}:{port}",
        from_addr=SENDER,
        now=sent_at,
    )
    assert not result.failed, result.text
    assert handler.messages[0][1] == ["zhang@a.example.cn"]
    msg = eml_of(handler.messages[0][2])
    assert msg["Date"].datetime == sent_at
    assert "X-Unsent" not in msg
    assert msg["Message-ID"].endswith(".20250703@fgw.example.cn>")
    log = [
        json.loads(line) for line in (project / ".jianyian" / "sent.jsonl").read_text().splitlines()
    ]
    assert log[0]["message_id"] == msg["Message-ID"]
    name, data = only_form(msg)
    assert name == "甲局-2025-06.xlsx"
    assert data == form_by_command(project, tmp_path, "甲局", "2025-06", "2025-07-02")
    # Ready to fill: the value cell of its indicator (from the form's own cell map) is open.
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = {r[0]: r[1] for r in wb["_jianyian"].iter_rows(values_only=True) if r and r[0]}
    assert wb["填报表"][cells["indicator:i1"]].protection.locked is False


def test_the_command_dates_a_sent_notice_by_its_clock(
    project: Path, tmp_path: Path, smtp_server
) -> None:
    handler, port = smtp_server()
    before = datetime.now(timezone.utc)
    result = remind(project, *send_args(port, tmp_path / "催报"))
    after = datetime.now(timezone.utc)
    assert result.exit_code == 0, result.output
    for _frm, _to, data, _tls in handler.messages:
        when = eml_of(data)["Date"].datetime
        # Whole seconds: the header drops the fraction.
        assert before.replace(microsecond=0) <= when <= after, (before, when, after)
