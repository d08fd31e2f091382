"""Jobs that write the user's files: ``new``, ``set``, ``schema``, ``codeowners``.

Every write goes through :mod:`jianyian.write.fileio` (a temporary file, fsync,
rename; nothing overwritten without ``force``).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..errors import DataError, UsageError
from .result import JobResult
from .steps import check_output_folder, load_with_plan, resolve_unit, shown, write_generated


def new_report(
    root: Path,
    unit: str,
    *,
    today: date,
    month: str | None = None,
    deliverable: str | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """A new report file for ``unit`` (a month's, or a deliverable's) holding only its items."""
    from ..diagnostics import has_errors
    from ..load import REPORT_SCHEMA, SCHEMA_DIR
    from ..write.fileio import OverwriteRefused, lock_file, write_text_atomic
    from ..write.roundtrip import LOCK_TIMEOUT, check_report_text
    from ..write.scaffold import render_scaffold

    out = out or JobResult()
    project = load_with_plan(root, today)
    plan = project.checked_plan
    the_unit = resolve_unit(plan, unit)
    scaffold = render_scaffold(
        plan, project.reports, the_unit.id, month=month, deliverable=deliverable
    )
    target = root / scaffold.path
    if not Path(os.path.realpath(target.parent)).is_relative_to(os.path.realpath(root)):
        # A unit folder that is a link out of the project: validate does not read it either.
        raise UsageError(f"{scaffold.path} 所在的目录是指向项目以外的符号链接，拒绝写入")
    if target.exists() and not force:
        raise OverwriteRefused(
            scaffold.path, "请直接编辑它，或用 jianyian set 修改指标；加 --force 用新模板覆盖"
        )
    diags = check_report_text(project, scaffold.path, scaffold.text)
    if has_errors(diags):
        out.problems(diags)
        out.fail(f"未创建 {scaffold.path}：按当前数据生成的模板无法通过检查（见上）。")
        return out
    with lock_file(target, timeout=LOCK_TIMEOUT):  # the lock every report writer takes
        write_text_atomic(target, scaffold.text, force=force)
    out.wrote(target)
    out.say(f"已创建 {scaffold.path}")
    # The placeholders (JY034) are the point of a new file: say what to do instead.
    out.problems(d for d in diags if d.code != "JY034")
    out.say(
        "下一步：用 jianyian set 填写指标，把 info 的标题和正文改为实际内容，"
        "再运行 jianyian validate 检查。"
        if deliverable is None
        else "下一步：把占位文字“（待填写）”改为实际内容，再运行 jianyian validate 检查。"
    )
    if not (root / SCHEMA_DIR / REPORT_SCHEMA).is_file():
        out.note(
            f"提示：{SCHEMA_DIR}/{REPORT_SCHEMA} 不存在，运行 jianyian schema 生成后，"
            "编辑器可以边写边检查。"
        )
    return out


def set_values(
    root: Path,
    assignments: list[str],
    *,
    unit: str,
    month: str,
    today: date,
    out: JobResult | None = None,
) -> JobResult:
    """``indicator=value`` (or ``task=state``) written into a unit's monthly report,
    keeping its comments and layout; nothing written unless the result passes every check."""
    from ..load import report_path
    from ..write.roundtrip import parse_changes, update_report
    from ..write.scaffold import check_month

    out = out or JobResult()
    changes = parse_changes(assignments)
    project = load_with_plan(root, today)
    the_unit = resolve_unit(project.checked_plan, unit)
    check_month(project.checked_plan, month)
    rel = report_path(the_unit.id, month)
    if not (root / rel).is_file():
        raise UsageError(
            f"{rel} 不存在：先运行 jianyian new --unit {the_unit.id} --month {month} 创建"
        )
    # Locked from reading to writing, and read again under the lock (issue 13, item 12).
    result = out.value = update_report(project, rel, changes)
    out.problems(result.diagnostics)
    if result.outcome == "refused":
        out.fail(f"未写入：修改后的内容有错误（见上，行号指修改后的内容），{rel} 未改动。")
        return out
    what = "、".join(c.shown for c in changes)  # what the file now holds, not what was typed
    if result.outcome == "unchanged":
        out.say(f"{rel} 中的值已是 {what}，未改动。")
        return out
    out.wrote(root / rel)
    out.say(f"已更新 {rel}：{what}")
    return out


def write_schemas(
    folder: Path,
    *,
    shown_from: Path,
    force: bool = False,
    check: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """The JSON Schemas into ``folder`` (unchanged files left alone), or with ``check``
    only whether they are current (failed when not). Paths are shown from ``shown_from``."""
    from ..render.json_schema import render_schemas
    from ..write.fileio import is_current

    out = out or JobResult()
    files = {folder / name: text for name, text in render_schemas().items()}
    if not check:
        check_output_folder(folder)
        write_generated(shown_from, files, force, out)
        return out
    stale = [p for p, t in files.items() if not is_current(p, t)]
    for p in stale:
        out.note(f"已过期或不存在：{shown(shown_from, p)}")
    if stale:
        out.fail("运行 jianyian schema --force 重新生成。")
    else:
        out.say("JSON Schema 均为最新。")
    return out


def write_codeowners(
    root: Path,
    *,
    output: Path | None = None,
    office_owner: str | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """CODEOWNERS from the plan's liaisons (``.github/CODEOWNERS`` unless ``output``)."""
    from ..checks import check_plan_source
    from ..diagnostics import has_errors
    from ..load import load_plan
    from ..render.codeowners import DEFAULT_PATH, render_codeowners
    from ..render.diagnostics import format_text

    out = out or JobResult()
    check_output_folder(output)
    the_plan, source, read = load_plan(root)
    diags = check_plan_source(the_plan, source, read)
    if the_plan is None or has_errors(diags):
        errors = [format_text(d) for d in diags if d.severity == "error"]
        raise DataError(
            "计划文件有错误，未生成 CODEOWNERS。运行 jianyian validate 查看全部问题。", errors
        )
    target = output if output is not None else root / DEFAULT_PATH
    write_generated(root, {target: render_codeowners(the_plan, office_owner)}, force, out)
    return out
