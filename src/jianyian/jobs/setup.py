"""Setting up a plan: ``draft`` (from the notice) and ``init`` (a new project)."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from .result import JobResult


def draft_text(notice: Path, out: JobResult) -> str:
    """The plan drafted from the notice at ``notice``, as YAML; its warnings told as
    ``通知.txt:23: warning: …``. A draft that fails the plan's checks is a DataError."""
    from ..diagnostics import has_errors
    from ..draft import draft_plan
    from ..load.notice import read_notice
    from ..render.diagnostics import format_text
    from ..write.draft_yaml import check_plan_text, render_draft_yaml

    text, warnings = read_notice(notice)
    for message in warnings:
        out.note(f"{notice.name}: warning: {message}")
    draft = draft_plan(text)
    for line, message in draft.warnings:
        out.note(f"{notice.name}:{line}: warning: {message}")
    refusal = draft.refusal()
    if refusal:
        raise DataError(f"{notice.name}：{refusal}")
    yaml_text = render_draft_yaml(draft, notice.name)
    diags = check_plan_text(yaml_text)
    if has_errors(diags):
        raise DataError(
            "起草的计划未通过检查（见上），未写入；请把通知和以上信息反馈给维护人员。",
            [format_text(d) for d in diags],
        )
    return yaml_text


def draft_notice(
    notice: Path, *, output: Path | None = None, force: bool = False, out: JobResult | None = None
) -> JobResult:
    """The plan drafted from ``notice``: on stdout, or written to ``output``."""
    from ..write.fileio import OverwriteRefused, write_text_atomic

    out = out or JobResult()
    text = out.value = draft_text(notice, out)
    if output is None:
        out.say(text, nl=False)
        return out
    if output.exists() and not force:
        raise OverwriteRefused(output, "加 --force 用起草结果覆盖（原内容会丢失）")
    write_text_atomic(output, text, force=force)
    out.wrote(output)
    out.say(f"已写入 {output}：请逐项核对标“待确认”的内容，再运行 jianyian validate。")
    return out


def start_project(
    folder: Path, *, year: int, notice: Path | None = None, out: JobResult | None = None
) -> JobResult:
    """A new project in ``folder``: the plan (drafted from ``notice``, or a minimal one
    for ``year``), the reports' README, templates, git and CI settings; committed."""
    from ..write.init import check_empty, init_project, minimal_plan

    out = out or JobResult()
    check_empty(folder)
    plan_text = draft_text(notice, out) if notice is not None else minimal_plan(year)
    for path in init_project(folder, plan_text):
        out.wrote(folder / path)
        out.say(f"已创建 {folder / path}")
    out.say(f"已在 {folder} 中 git init 并提交。下一步：cd {folder} && jianyian validate")
    return out
