"""``summary``: the office's own deliverables (issue 28) — the 半年总结, the 年度总结
and the 办理情况报告 to 市政协 — drafted from the numbers and the units' 小结: Markdown,
Word, PDF.

The command line reads the format table at start-up, so this module imports
everything else when the job runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from .result import JobResult

#: The summary's formats: name → (the extensions naming it, what it is); as the briefing's.
SUMMARY_FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "md": ((".md", ".markdown"), "Markdown"),
    "docx": ((".docx",), "Word"),
    "pdf": ((".pdf",), "需 LibreOffice"),
}
SUMMARY_SUFFIXES = {s: name for name, (suffixes, _) in SUMMARY_FORMATS.items() for s in suffixes}
SUMMARY_TEMPLATE = "summary.md.j2"


def summary_suffixes_text() -> str:
    """``.md（Markdown）、.docx（Word）、.pdf（需 LibreOffice）``: the extensions -o takes."""
    return "、".join(f"{suffixes[0]}（{what}）" for suffixes, what in SUMMARY_FORMATS.values())


def make_summary(
    root: Path,
    *,
    half: str | None = None,
    year: int | None = None,
    audience: str | None = None,
    as_of: date,
    today: date,
    output: Path | None = None,
    fmt: str | None = None,
    force: bool = False,
    template: Path | None = None,
    out: JobResult | None = None,
) -> JobResult:
    """The draft summary of ``half`` (2025H1) or ``year`` as of ``as_of``, for ``audience``
    (市政协: the 办理情况报告) or the office's own 总结; Markdown on stdout, or a file.
    """
    from ..engine.evaluation import evaluation_on
    from ..models.months import month_of
    from ..views.summary import AUDIENCES, build_summary, parse_period
    from .result import JobResult
    from .steps import check_output_folder, load_progress, note_data_errors, pick_format

    out = out or JobResult()
    period = parse_period(half, year)
    if audience is not None and audience not in AUDIENCES:
        raise UsageError(f"--for 的值“{audience}”无效：目前只能是 市政协")
    check_output_folder(output)
    refusal = "-o {output}：不认识的扩展名“{suffix}”，总结可写成 " + summary_suffixes_text()
    chosen = pick_format(fmt, output, SUMMARY_SUFFIXES, default="md", refusal=refusal)
    if chosen != "md" and output is None:
        raise UsageError(
            f"{chosen} 是二进制文件，不能写到终端：请用 -o 指定文件，如 -o 总结.{chosen}"
        )
    templates = None
    if chosen == "md":
        from ..load.templates import find_template, load_template_set

        templates = load_template_set(find_template(root, template, SUMMARY_TEMPLATE), root)
    upto = min(period.last_month, month_of(as_of))
    project, progress = load_progress(root, as_of, today, out, upto=upto)
    plan = project.checked_plan
    if upto < plan.months[0]:
        raise UsageError(f"截至 {as_of.isoformat()} 办理期尚未开始，没有{period.label}的数据")
    note_data_errors(project, out)
    view = out.value = build_summary(
        plan,
        project.reports,
        project.submitted,
        progress,
        period,
        audience=AUDIENCES.get(audience) if audience else None,
        evaluation=evaluation_on(project.evaluation, as_of),
        data_errors=project.errors,
    )
    if view.missing_units:
        out.note(f"未报送{view.deliverable}：{'、'.join(view.missing_units)}")
    if templates is not None:
        from ..render.markdown import render_template

        text = render_template(templates, view._asdict())
        if output is None:
            out.say(text, nl=False)
            return out
        data = text.encode("utf-8")
    else:
        from ..render.summary_document import summary_document
        from ..render.word import render_docx

        data = render_docx(summary_document(view))
        if chosen == "pdf":
            from ..write.pdf import docx_to_pdf

            data = docx_to_pdf(data)
    from ..write.fileio import write_bytes_atomic

    assert output is not None
    write_bytes_atomic(output, data, force=force)
    out.wrote(output)
    out.note(f"{view.title}（草稿）已写入 {output}")
    return out
