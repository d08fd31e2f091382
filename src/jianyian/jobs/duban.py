"""``duban``: the office's 督办 items — open, close, reopen, list, and record a reply."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .result import JobResult
from .steps import resolve_unit, warn_history

if TYPE_CHECKING:
    from ..models import DubanRecords, Project
    from ..write.duban import DubanWrite

SOURCES = ("会议", "批示", "问题", "其他")
LEVELS = ("红", "黄", "蓝")


def _project(root: Path, today: date, out: JobResult) -> Project:
    from ..checks import check_project
    from ..load import load_with_history

    project = check_project(load_with_history(root, today), today=today)
    warn_history(project, out)
    return project


def _day(day: date | None, today: date, what: str) -> date:
    when = day or today
    if when > today:
        raise UsageError(f"--date {when.isoformat()} 晚于今天：{what}日期不能是将来的日子")
    return when


def _choice(value: str | None, choices: Sequence[str], option: str, default: str) -> str:
    if value is None:
        return default
    if value not in choices:
        raise UsageError(f"{option} 只能是 {'／'.join(choices)}，不能是“{value}”")
    return value


def _finish(result: DubanWrite, out: JobResult, done: str, root: Path) -> JobResult:
    out.problems(result.diagnostics)
    if result.outcome == "refused":
        paths = "、".join(result.paths)
        out.fail(f"未写入：{paths} 未改动（见上，行号指修改后的内容）。")
    elif result.outcome == "written":
        for rel in result.paths:
            out.wrote(root / rel)
        out.say(done)
    return out


# ---------------------------------------------------------------- list


def list_duban(
    root: Path,
    *,
    as_of: date,
    today: date,
    only_open: bool = False,
    overdue: bool = False,
    unit: str | None = None,
    as_json: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """The 督办 items as they stood on ``as_of`` (all, still open, overdue, or a unit's)."""
    from ..engine import duban_status
    from ..render.json_text import dumps_json
    from ..views.duban import DUBAN_LIST_JSON_VERSION, duban_lines, duban_record, select_duban

    out = out or JobResult()
    project = _project(root, today, out)
    plan = project.checked_plan
    chosen = resolve_unit(plan, unit).id if unit is not None else None
    items = duban_status(plan, project.duban, project.reports, project.submitted, as_of)
    shown = select_duban(items, only_open=only_open, overdue=overdue, unit=chosen)
    out.value = shown
    if as_json:
        body = {
            "version": DUBAN_LIST_JSON_VERSION,
            "as_of": as_of.isoformat(),
            "duban": [duban_record(s) for s in shown],
        }
        out.say(dumps_json(body))
        return out
    if not shown:
        out.say(f"截至 {as_of.isoformat()} 没有符合条件的督办事项。")
    for line in duban_lines(plan, shown):
        out.say(line)
    return out


# ---------------------------------------------------------------- open


def _problem(project: Project, ref: str) -> tuple[str, str]:
    """(unit, problem text) of ``data/reports/<unit>/<month>.yaml#N``; a usage error if none."""
    from ..checks.duban import problem_ref

    path, _, number = ref.rpartition("#")
    why = problem_ref(ref, project.reports)
    if why is not None:
        raise UsageError(f"--from-problem {ref}：{why}")
    report = next(r for r in project.reports if r.path == path)
    return report.unit, report.report.problems[int(number) - 1]


def open_duban(
    root: Path,
    text: str | None = None,
    *,
    today: date,
    day: date | None = None,
    units: Sequence[str] = (),
    reply_by: date | None = None,
    source: str | None = None,
    ref: str | None = None,
    level: str | None = None,
    from_problem: str | None = None,
    meeting: date | None = None,
    out: JobResult | None = None,
) -> JobResult:
    """Open 督办 items: one from the options (or from a reported problem), or one for each
    decision of a meeting not yet opened. All written, or none."""
    from ..write.duban import item_path, new_item_text, next_ids, write_changes

    out = out or JobResult()
    when = _day(day, today, "交办")
    if meeting is not None and (from_problem or text or units or reply_by or source or ref):
        raise UsageError("--meeting 从会议的议定事项立项：内容、单位和时限取自会议文件，不能再写")
    project = _project(root, today, out)
    plan = project.checked_plan
    level_set = _choice(level, LEVELS, "--level", "黄")
    chosen = [resolve_unit(plan, u).id for u in units]
    new: list[dict[str, Any]] = []
    if meeting is not None:
        found = project.duban.meeting(meeting)
        if found is None:
            raise UsageError(
                f"没有 {meeting.isoformat()} 的会议：请先写 data/office/meetings/{meeting.isoformat()}.yaml"
            )
        if level is not None:
            raise UsageError("--meeting 的等级取自各议定事项的 level，不能再写 --level")
        # A decision's mistake is the meeting file's: say so there, not in items not yet written.
        wrong = [d for d in project.diagnostics if d.path == found.path and d.severity == "error"]
        if wrong:
            out.problems(wrong)
            out.fail(
                f"会议文件 {found.path} 有错误（见上）：请先改正，再从会议立项。未写入任何督办事项。"
            )
            return out
        done = {f.value.ref for f in project.duban.items if f.value.source == "会议"}
        for n, d in enumerate(found.value.decisions, 1):
            key = f"{meeting.isoformat()}#{n}"
            if key in done:
                continue
            new.append(
                dict(
                    text=d.text,
                    source="会议",
                    ref=key,
                    units=list(d.units),
                    reply_by=d.reply_by,
                    level=d.level,
                )
            )
        if not new:
            out.say(f"{meeting.isoformat()} 会议的议定事项均已立项，未改动。")
            return out
    else:
        kind = _choice(source, SOURCES, "--source", "问题" if from_problem else "其他")
        if from_problem is not None:
            if source not in (None, "问题") or ref is not None:
                raise UsageError(
                    "--from-problem 的来源是“问题”，依据是所给的月报和序号：不能再写 --source 或 --ref"
                )
            unit, problem = _problem(project, from_problem)
            kind, ref = "问题", from_problem
            text = text or problem
            chosen = chosen or [unit]
        if not text or not text.strip():
            raise UsageError("请写督办内容（或用 --from-problem、--meeting）")
        if not chosen:
            raise UsageError("请用 --unit 写承办单位（可写多次，牵头单位在前）")
        if reply_by is None:
            raise UsageError("请用 --reply-by 写反馈时限（YYYY-MM-DD）")
        new.append(
            dict(
                text=text.strip(),
                source=kind,
                ref=ref,
                units=chosen,
                reply_by=reply_by,
                level=level_set,
            )
        )

    def change(records: DubanRecords, texts: dict[str, str]) -> tuple[dict[str, str], None, list]:
        ids = next_ids(records, when.year, len(new))
        return (
            {
                item_path(i): new_item_text(i, opened=when, **fields)
                for i, fields in zip(ids, new, strict=True)
            },
            None,
            [],
        )

    result = write_changes(project, change, today=today)
    ids = [p.rsplit("/", 1)[-1].removesuffix(".yaml") for p in result.paths]
    return _finish(result, out, f"已交办督办事项 {'、'.join(ids)}（{when.isoformat()}）。", root)


# ---------------------------------------------------------------- close, reopen, reply


def _item_text(records: DubanRecords, texts: dict[str, str], item_id: str) -> tuple[str, str]:
    for f in records.items:
        if f.value.id == item_id:
            return f.path, texts[f.path]
    ids = [f.value.id for f in records.items]
    from ..diagnostics import suggest

    raise UsageError(
        f"没有督办事项 {item_id}{suggest(item_id, ids)}（运行 jianyian duban list 查看）"
    )


def close_duban(
    root: Path,
    item: str,
    *,
    today: date,
    day: date | None = None,
    note: str | None = None,
    by: str | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """销号: append a closure of ``item`` on ``day``. An item its lead unit has not answered
    in this round needs ``force`` and a note (JY085)."""
    from ..write.duban import appended, refusal, state_on, write_changes

    out = out or JobResult()
    when = _day(day, today, "销号")
    if force and not (note or "").strip():
        raise UsageError("未反馈即销号（--force）须用 --note 写明理由")
    project = _project(root, today, out)
    item = item.strip()

    def change(records: DubanRecords, texts: dict[str, str]) -> tuple[dict[str, str], str, list]:
        rel, text = _item_text(records, texts, item)
        s = state_on(project, records, item, when)
        if s.state == "已销号":
            out.say(f"督办事项 {item} 截至 {when.isoformat()} 已销号，未改动。")
            return {}, s.state, []
        entry = {
            "date": when,
            "by": by or "领导小组办公室",
            "note": note,
            "force": True if force else None,
        }
        new = appended(text, "closed", entry)
        extra = []
        if s.replied is None and not force:
            n = len(next(f for f in records.items if f.path == rel).value.closed)
            extra.append(
                refusal(
                    "JY085",
                    f"督办事项 {item} 截至 {when.isoformat()} 的状态是“{s.state}”：牵头单位尚未反馈，"
                    "须加 --force 并用 --note 写明理由才能销号",
                    rel,
                    ("closed", n, "date"),
                )
            )
        return {rel: new}, s.state, extra

    result = write_changes(project, change, today=today)
    return _finish(result, out, f"督办事项 {item} 已于 {when.isoformat()} 销号。", root)


def reopen_duban(
    root: Path,
    item: str,
    *,
    today: date,
    why: str,
    day: date | None = None,
    reply_by: date | None = None,
    out: JobResult | None = None,
) -> JobResult:
    """重新督办: append a reopening of a closed ``item`` with the reason (and a new reply-by)."""
    from ..write.duban import appended, refusal, state_on, write_changes

    out = out or JobResult()
    when = _day(day, today, "重新督办")
    if not why.strip():
        raise UsageError("重新督办须用 --why 写明原因")
    project = _project(root, today, out)
    item = item.strip()

    def change(records: DubanRecords, texts: dict[str, str]) -> tuple[dict[str, str], str, list]:
        rel, text = _item_text(records, texts, item)
        s = state_on(project, records, item, when)
        new = appended(text, "reopened", {"date": when, "why": why.strip(), "reply_by": reply_by})
        extra = []
        if s.state != "已销号":
            n = len(next(f for f in records.items if f.path == rel).value.reopened)
            extra.append(
                refusal(
                    "JY088",
                    f"督办事项 {item} 截至 {when.isoformat()} 没有销号（状态：{s.state}），无需重新督办",
                    rel,
                    ("reopened", n, "date"),
                )
            )
        return {rel: new}, s.state, extra

    result = write_changes(project, change, today=today)
    return _finish(result, out, f"督办事项 {item} 已于 {when.isoformat()} 重新督办。", root)


def reply_duban(
    root: Path,
    item: str,
    *,
    today: date,
    unit: str,
    text: str,
    day: date | None = None,
    done: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """Record a unit's reply to ``item`` on ``day`` in a reply file (a reply to a closed item
    is written with a JY082 warning; to an unknown one, refused)."""
    from ..write.duban import new_reply_text, reply_path, write_changes

    out = out or JobResult()
    when = _day(day, today, "反馈")
    if not text.strip():
        raise UsageError("请写反馈内容")
    project = _project(root, today, out)
    chosen = resolve_unit(project.checked_plan, unit).id
    item = item.strip()

    def change(records: DubanRecords, texts: dict[str, str]) -> tuple[dict[str, str], None, list]:
        _item_text(records, texts, item)
        rel = reply_path(item, chosen, when)
        if rel in texts or (Path(root) / rel).exists():
            raise UsageError(f"{rel} 已存在：同一单位同一天对同一事项只记一条反馈")
        return {rel: new_reply_text(item, chosen, when, text.strip(), done)}, None, []

    result = write_changes(project, change, today=today)
    name = project.checked_plan.unit_label(chosen)
    return _finish(
        result, out, f"已记录{name}对督办事项 {item} 的反馈（{when.isoformat()}）。", root
    )
