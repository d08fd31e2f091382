"""``validate`` and ``plan``: the data checked, the plan shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .result import JobResult
from .steps import load_checked

#: ``validate --format`` values.
VALIDATE_FORMATS = ("text", "json", "github", "markdown")


def validate_project(
    root: Path, fmt: str, *, today: date, out: JobResult | None = None
) -> JobResult:
    """Every check of the plan and the reports, told in ``fmt``; failed when there are errors."""
    from ..render import diagnostics as render

    out = out or JobResult()
    project = load_checked(root, today)
    out.value = project
    if fmt == "json":
        out.say(render.to_json(project.diagnostics, project.files))
    elif fmt == "markdown":
        out.say(render.to_markdown(project.diagnostics, project.files), nl=False)
    else:
        line = render.format_github if fmt == "github" else render.format_text
        for d in project.diagnostics:
            out.say(line(d))
        summary = render.summary_line(project.diagnostics, project.files)
        (out.note if fmt == "github" else out.say)(summary)
    out.failed = not project.ok
    return out


def show_plan(root: Path, *, as_json: bool, out: JobResult | None = None) -> JobResult:
    """The plan, readably or as JSON; its errors first. Failed when the plan has errors."""
    from ..checks import check_plan_source
    from ..load import load_plan
    from ..render.json_text import dumps_json
    from ..views.plan import plan_view

    out = out or JobResult()
    the_plan, source, read = load_plan(root)
    diags = check_plan_source(the_plan, source, read)
    out.problems(d for d in diags if d.severity == "error")
    if the_plan is None:
        out.fail("计划文件有错误，无法显示。运行 jianyian validate 查看全部问题。")
        return out
    view = out.value = plan_view(the_plan)
    if as_json:
        out.say(dumps_json(view))
    else:
        from ..render.terminal_plan import render_plan

        out.draw(lambda console: render_plan(console, view))
    if any(d.severity == "error" for d in diags):
        out.fail("计划文件有错误（见上），运行 jianyian validate 查看全部问题。")
    return out
