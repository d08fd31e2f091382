"""``confirm``: the office confirms an action done (销号), or withdraws a confirmation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import UsageError
from .result import JobResult
from .steps import warn_history


def record_confirmation(
    root: Path,
    action: str,
    *,
    today: date,
    day: date | None = None,
    note: str | None = None,
    undo: bool = False,
    why: str | None = None,
    out: JobResult | None = None,
) -> JobResult:
    """Append the 销号 of ``action`` on ``day`` (default ``today``), or with ``undo`` its
    withdrawal for ``why``, to the office's log, all or nothing; refused entries fail."""
    from ..checks import check_project
    from ..load import CONFIRMATIONS_PATH, load_with_history
    from ..write.confirm import confirm_action

    if undo and not (why or "").strip():
        raise UsageError("撤销销号须写明原因：--undo --why 原因")
    if why is not None and not undo:
        raise UsageError("--why 只用于撤销（--undo）；销号的说明请写在 --note")
    out = out or JobResult()
    action, when = action.strip(), day or today
    project = check_project(load_with_history(root, today), today=today)
    warn_history(project, out)
    done = out.value = confirm_action(
        project, action, when, today=today, note=note, undo=undo, why=why
    )
    out.problems(done.diagnostics)
    if done.outcome == "refused":
        out.fail(f"未写入：{CONFIRMATIONS_PATH} 未改动（见上，行号指修改后的内容）。")
    elif done.outcome == "unchanged":
        out.say(f"事项 {action} 截至 {when.isoformat()} 已销号，未改动。")
    else:
        out.wrote(root / CONFIRMATIONS_PATH)
        what = "撤销了销号" if undo else "销号"
        out.say(f"已在 {CONFIRMATIONS_PATH} 记录：事项 {action} 于 {when.isoformat()} {what}。")
    return out
