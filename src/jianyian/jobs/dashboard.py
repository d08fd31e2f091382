"""``dashboard``: the progress page, one self-contained HTML file for offline reading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .result import JobResult
from .steps import load_progress, pick_format

#: The extensions the page may be written under (it is HTML, nothing else).
HTML_SUFFIXES = {".html": "html", ".htm": "html"}


def make_dashboard(
    root: Path,
    output: Path,
    *,
    as_of: date,
    today: date,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """The dashboard at ``as_of``, written to ``output`` (``.html``)."""
    from ..render.dashboard_html import draw_dashboard_charts, render_dashboard_html
    from ..views.dashboard import build_dashboard
    from ..write.fileio import write_text_atomic

    out = out or JobResult()
    refusal = "-o {output}：看板只能写成 HTML 文件，请用 .html 扩展名（如 进度.html）"
    pick_format(None, output, HTML_SUFFIXES, default="html", refusal=refusal, stdout=False)
    project, progress = load_progress(root, as_of, today, out, want_head=True)
    view = out.value = build_dashboard(
        project.checked_plan,
        progress,
        project.reports,
        project.submitted,
        head=project.head,
        data_errors=project.errors,
        history_note="；".join(project.history_warnings) or None,
    )
    charts = draw_dashboard_charts(view)
    if charts.note:
        out.note(f"警告：{charts.note}")
    write_text_atomic(output, render_dashboard_html(view, charts), force=force)
    out.wrote(output)
    out.note(f"进度看板已写入 {output}")
    return out
