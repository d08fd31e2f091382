"""``status``: where the plan, one task or one unit stands at a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import UsageError
from .result import JobResult
from .steps import load_progress, resolve_task, resolve_unit

#: ``--fail-on`` gates: what makes a status run fail (for CI).
FAIL_ON = ("overdue", "red")


def show_status(
    root: Path,
    *,
    as_of: date,
    today: date,
    unit: str | None = None,
    task: str | None = None,
    as_json: bool = False,
    fail_on: str | None = None,
    out: JobResult | None = None,
) -> JobResult:
    """The status view (of the plan, of ``task`` or of ``unit``), as tables or JSON;
    ``fail_on`` gates it."""
    from ..render.json_text import dumps_json
    from ..views.status import status_view, task_view, unit_view

    if unit is not None and task is not None:
        raise UsageError("--unit 和 --task 只能选一个")
    out = out or JobResult()
    project, progress = load_progress(root, as_of, today, out)
    plan = project.checked_plan
    if task is not None:
        view = task_view(plan, progress, resolve_task(plan, task), errors=project.errors)
    elif unit is not None:
        chosen = resolve_unit(plan, unit).id
        view = unit_view(
            plan,
            progress,
            project.reports,
            chosen,
            submitted=project.submitted,
            errors=project.errors,
        )
    else:
        from ..engine.evaluation import evaluation_on

        view = status_view(
            plan,
            progress,
            errors=project.errors,
            unreadable=project.unreadable,
            evaluation=evaluation_on(project.evaluation, as_of),
        )
    out.value = view
    if as_json:
        out.say(dumps_json(view))
    else:
        from ..render.terminal import render_status, render_task, render_unit

        names = {u.id: u.name for u in plan.units}
        render = render_task if task else render_unit if unit else render_status
        out.draw(lambda c: render(c, view, names))
    tripped = (fail_on == "overdue" and view.get("overdue")) or (
        fail_on == "red" and any(i["light"] == "red" for i in view["indicators"])
    )
    if tripped:
        out.fail(f"--fail-on {fail_on}：条件成立，退出码 1。")
    return out
