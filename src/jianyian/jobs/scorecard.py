"""``scorecard``: how each unit performs (考核): on time, late, overdue, its indicators."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .result import JobResult
from .steps import check_output_folder, load_progress, pick_format, refuse_existing

SCORECARD_SUFFIXES = {".xlsx": "xlsx", ".md": "md"}


def make_scorecard(
    root: Path,
    *,
    as_of: date,
    today: date,
    as_json: bool = False,
    output: Path | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """How each unit performs at ``as_of``: a table, JSON, or a file (.xlsx or .md)."""
    from ..views.scorecard import build_scorecard, scorecard_json

    out = out or JobResult()
    refusal = "不支持的输出格式“{suffix}”：-o 只能是 .xlsx 或 .md 文件"
    chosen = pick_format(
        None, output, SCORECARD_SUFFIXES, default="", refusal=refusal, stdout=False
    )
    check_output_folder(output)
    if output is not None:
        refuse_existing([output], force)
    project, progress = load_progress(root, as_of, today, out)
    card = out.value = build_scorecard(project.checked_plan, progress)
    if output is not None:
        from ..render.scorecard import render_scorecard_markdown, render_scorecard_xlsx
        from ..write.fileio import write_bytes_atomic

        if chosen == "xlsx":
            data = render_scorecard_xlsx(card)
        else:
            data = render_scorecard_markdown(card).encode("utf-8")
        write_bytes_atomic(output, data, force=force)
        out.wrote(output)
        written = f"已写入 {output}（{len(card.rows)} 个单位）"
        (out.note if as_json else out.say)(written)
    if as_json:
        import json

        out.say(json.dumps(scorecard_json(card), ensure_ascii=False, indent=2))
    elif output is None:
        from ..render.scorecard import render_scorecard_terminal

        out.draw(lambda console: render_scorecard_terminal(console, card))
    return out
