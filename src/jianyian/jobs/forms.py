"""``form`` and ``import``: Excel fill-in forms out, reports back in.

A set of forms is written all or none (an existing one needs ``force``). Each
imported form is read, turned into a report, checked with every ``validate``
rule and written on its own: a bad form writes nothing and does not stop the
others, and the job fails when any form was not imported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from .result import JobResult
from .steps import load_with_plan, need_openpyxl, note_data_errors, resolve_unit

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..models import Project
    from ..models.form import FormData


def make_forms(
    root: Path,
    output: Path,
    *,
    as_of: date,
    today: date,
    unit: str | None = None,
    all_units: bool = False,
    month: str | None = None,
    deliverable: str | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """One unit's form for a month or a deliverable at ``output``, or (``all_units``) one
    for every unit that owes it, in the folder ``output``."""
    from ..render.form_xlsx import render_form_xlsx
    from ..views.form import build_form, form_file_name, form_owners
    from ..write.fileio import write_files_atomic

    out = out or JobResult()
    if all_units == (unit is not None):
        raise UsageError("请指定 --unit 单位（一份）或 --all（每个应报单位一份），二选一")
    if all_units and not output.is_dir():
        raise UsageError(f"--all 时 -o 应为已存在的目录：{output} 不是目录")
    if not all_units and output.suffix.lower() != ".xlsx":
        raise UsageError(f"填报表是 .xlsx 文件：-o {output} 应以 .xlsx 结尾")
    need_openpyxl()
    project = load_with_plan(root, today)
    plan = project.checked_plan
    if (month is None) == (deliverable is None):
        raise UsageError("请指定 --month YYYY-MM（月报）或 --deliverable 报送事项标识（二选一）")
    if all_units:
        unit_ids = form_owners(plan, month=month, deliverable=deliverable)
        if not unit_ids:
            raise UsageError("计划中没有应报送该期的单位")
    else:
        assert unit is not None
        unit_ids = [resolve_unit(plan, unit).id]
    views = [
        build_form(plan, project.reports, u, month=month, deliverable=deliverable) for u in unit_ids
    ]
    targets = [output / form_file_name(v) for v in views] if all_units else [output]
    if len(set(targets)) != len(targets):
        raise UsageError("有单位简称相同，文件名会重复；请逐个单位用 --unit 生成")
    # One set: every form is written, or none (and an existing one needs --force).
    files = {t: render_form_xlsx(v, as_of=as_of) for v, t in zip(views, targets, strict=True)}
    write_files_atomic(files, force=force)
    out.written += targets
    out.value = views
    if all_units:
        out.say(f"已写入 {len(targets)} 份填报表到 {output}（每个应报单位一份）")
    else:
        view = views[0]
        out.say(
            f"已写入 {output}（{view.unit_name}{view.period_label}，"
            f"指标 {len(view.indicators)} 项，任务 {len(view.tasks)} 项，事项 {len(view.actions)} 项）"
        )
    note_data_errors(project, out, "上次填报值")
    return out


def import_forms(
    root: Path,
    files: list[Path],
    *,
    today: date,
    submitted: date | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """Each filled form in ``files`` as a report file, when it passes every check."""
    from ..diagnostics import error, printable
    from ..load.form_xlsx import read_form
    from ..load.layout import report_path
    from ..write.fileio import LockTimeout, lock_file
    from ..write.roundtrip import LOCK_TIMEOUT

    out = out or JobResult()
    if submitted is not None and submitted > today:
        raise UsageError(f"--submitted {submitted.isoformat()} 晚于今天")
    need_openpyxl()
    project = load_with_plan(root, today)
    failed = 0
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        form, diags = read_form(path, project.checked_plan, name=str(path))
        if form is not None and (form.unit_id, form.period) in seen:
            first = seen[(form.unit_id, form.period)]
            message = f"与 {first} 是同一单位同一期的填报表，只导入了前一份"
            diags, form = [*diags, error("JY070", message, str(path))], None
        if form is None:
            out.problems(diags)
            out.note(f"未导入 {printable(str(path))}：有错误（见上），未写入任何内容。")
            failed += 1
            continue
        seen[(form.unit_id, form.period)] = str(path)
        target = root / report_path(form.unit_id, form.period)
        try:
            # The lock `set` takes: held from reading the report to writing it, and the
            # project read again under it, so a change made meanwhile is seen, never lost.
            with lock_file(target, timeout=LOCK_TIMEOUT):
                project = load_with_plan(root, today)
                shown = printable(str(path))  # a file name is data: no control character
                failed += not _import_one(root, project, form, diags, shown, submitted, force, out)
        except LockTimeout as exc:
            out.note(f"未导入 {printable(str(path))}：{exc}")
            failed += 1
    if len(files) > 1:
        out.say(f"共 {len(files)} 份：导入 {len(files) - failed} 份，未导入 {failed} 份。")
    out.failed = failed > 0
    return out


def _import_one(
    root: Path,
    project: Project,
    form: FormData,
    diags: list[Diagnostic],
    path: str,
    submitted: date | None,
    force: bool,
    out: JobResult,
) -> bool:
    """Import one read form into ``project`` (read under the report's lock); False when
    it was not imported (the notes say why)."""
    from ..write.fileio import OverwriteRefused
    from ..write.importer import prepare_import, write_import

    result = prepare_import(project, form, submitted=submitted)
    out.problems([*diags, *result.diagnostics])
    if result.text is None:
        out.note(f"未导入 {path}：导入后的报送文件有错误（见上），未写入。")
        return False
    if result.unchanged:
        out.say(f"{path}：{result.path} 已是同样内容，未改动。")
        return True
    if result.old_text is not None:
        for change in result.changes:
            out.say(f"  {change.what}：{change.old} → {change.new}")
        if not result.changes:
            out.say("  （数值和文字相同，只有格式或注释不同）")
        if not force:
            out.note(f"未导入 {path}：{result.path} 已存在（改动见上），加 --force 覆盖。")
            return False
    try:
        write_import(root, result, force=force)
    except OverwriteRefused:
        out.note(f"未导入 {path}：{result.path} 已存在，加 --force 覆盖。")
        return False
    out.wrote(root / result.path)
    verb = "已更新" if result.old_text is not None else "已写入"
    out.say(f"{verb} {result.path}（来自 {path}）")
    return True
