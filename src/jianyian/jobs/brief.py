"""``brief``: the monthly briefing for the leading group's meeting: Markdown, Word, PDF.

The command line reads the format table at start-up, so this module imports
everything else when the job runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..views.brief import Brief
    from .result import JobResult

#: The briefing's formats, as help lists them: name → (the extensions naming it, what it is).
#: The command line's --format choices and help are made from this table.
BRIEF_FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "md": ((".md", ".markdown"), "Markdown"),
    "docx": ((".docx",), "Word"),
    "pdf": ((".pdf",), "需 LibreOffice"),
}
BRIEF_SUFFIXES = {s: name for name, (suffixes, _) in BRIEF_FORMATS.items() for s in suffixes}


def brief_suffixes_text() -> str:
    """``.md（Markdown）、.docx（Word）、.pdf（需 LibreOffice）``: the extensions -o takes."""
    return "、".join(f"{suffixes[0]}（{what}）" for suffixes, what in BRIEF_FORMATS.values())


def make_brief(
    root: Path,
    month: str,
    *,
    as_of: date,
    today: date,
    output: Path | None = None,
    fmt: str | None = None,
    force: bool = False,
    template: Path | None = None,
    out: JobResult | None = None,
) -> JobResult:
    """The briefing for ``month`` as of ``as_of``: Markdown on stdout, or a file in ``fmt``."""
    from ..checks import check_project
    from ..fmt import fmt_month
    from ..load import load_with_history
    from ..views.brief import build_brief
    from .result import JobResult
    from .steps import check_output_folder, parse_month, pick_format, warn_history

    out = out or JobResult()
    month = parse_month(month)
    check_output_folder(output)
    refusal = "-o {output}：不认识的扩展名“{suffix}”，简报可写成 " + brief_suffixes_text()
    chosen = pick_format(fmt, output, BRIEF_SUFFIXES, default="md", refusal=refusal)
    if chosen != "md" and output is None:
        raise UsageError(
            f"{chosen} 是二进制文件，不能写到终端：请用 -o 指定文件，如 -o 简报.{chosen}"
        )
    templates = None
    if chosen == "md":
        from ..load.templates import find_template, load_template_set

        templates = load_template_set(find_template(root, template), root)
    project = check_project(load_with_history(root, today, want_head=True), today=today)
    warn_history(project, out)
    plan = project.checked_plan
    if month not in plan.months:
        first, last = fmt_month(plan.months[0]), fmt_month(plan.months[-1])
        raise UsageError(f"--month {month} 不在办理期内（{first}至{last}）")
    view = out.value = build_brief(
        plan,
        project.reports,
        project.submitted,
        month,
        as_of,
        head=project.head,
        unreadable=project.unreadable_periods(),
        data_errors=project.errors,
        history_note="；".join(project.history_warnings) or None,
        confirmations=project.confirmations,
    )
    if templates is not None:
        from ..render.markdown import render_template

        text = render_template(templates, view._asdict())
        if output is None:
            out.say(text, nl=False)
            return out
        data = text.encode("utf-8")
    else:
        data = render_word(view, out, pdf=chosen == "pdf")
    from ..write.fileio import write_bytes_atomic

    assert output is not None
    write_bytes_atomic(output, data, force=force)
    out.wrote(output)
    out.note(f"简报已写入 {output}")
    return out


def render_word(view: Brief, out: JobResult, *, pdf: bool) -> bytes:
    """The briefing as a Word file (or its PDF), charts included where a CJK font exists."""
    from ..load.fonts import chart_font
    from ..render.brief_document import brief_document, draw_charts
    from ..render.word import render_docx

    charts = draw_charts(view, chart_font())
    if charts.missing:
        out.note(f"警告：{charts.missing}")
    data = render_docx(brief_document(view, charts))
    if pdf:
        from ..write.pdf import docx_to_pdf

        data = docx_to_pdf(data)
    return data
