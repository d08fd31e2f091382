"""Loading a project: files → YAML → models, every failure a located diagnostic.

``load_project(root)`` reads ``data/targets.yaml`` and every report under
``data/reports/``, turns every read, parse and schema failure into a located
:class:`Diagnostic` and returns a :class:`~jianyian.models.Project`. It never
raises for bad data: one bad file never hides the others. The cross-file checks
are the next stage (:func:`jianyian.checks.check_project`).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, sorted_diagnostics
from ..errors import DataError
from ..models import (
    Confirmation,
    ConfirmationLog,
    EvaluationLog,
    LoadedReport,
    Plan,
    Project,
    Source,
    report_model,
)
from .duban import load_duban
from .files import list_report_files, read_source, rel_path
from .gitlog import head_state, submission_dates
from .layout import CONFIRMATIONS_PATH, EVALUATION_PATH, PLAN_PATH
from .schema_errors import validate_model
from .yamlsrc import Parsed, parse_yaml, position


def _read_parsed(
    root: Path, path: Path, real_dirs: dict[str, str] | None = None
) -> tuple[Source | None, Any, list[Diagnostic]]:
    """Read and parse one file: (source, value, diagnostics); value None when unusable."""
    source, diags = read_source(root, path, real_dirs)
    if source is None:
        return None, None, diags
    parsed = parse_yaml(source.text, source.path)
    diags += parsed.diagnostics
    if parsed.value is None and parsed.diagnostics:
        return source, None, diags
    return source, parsed.value, diags


def load_plan(root: Path) -> tuple[Plan | None, Source | None, list[Diagnostic]]:
    """Read and validate data/targets.yaml."""
    source, value, diags = _read_parsed(root, root / PLAN_PATH)
    if source is None or (value is None and diags):
        return None, source, diags
    plan, more = validate_model(Plan, value, source.path)
    return plan, source, diags + more


def load_confirmations(
    root: Path,
) -> tuple[ConfirmationLog | None, Source | None, list[Diagnostic]]:
    """Read and validate the office's 销号 log, data/office/confirmations.yaml.

    A project without the file has no confirmations: (None, None, []). An entry that does
    not validate is its own error and counts for nothing; the others still count (one
    mistyped date must not withdraw every 销号).
    """
    path = root / CONFIRMATIONS_PATH
    if not os.path.lexists(path):
        return None, None, []
    source, value, diags = _read_parsed(root, path)
    if source is None or (value is None and diags):
        return None, source, diags
    log, more = validate_model(ConfirmationLog, value, source.path)
    if log is None and isinstance(value, dict) and isinstance(value.get("confirmations"), list):
        good = [
            item
            for item in value["confirmations"]
            if validate_model(Confirmation, item, source.path)[0] is not None
        ]
        log, _ = validate_model(ConfirmationLog, {**value, "confirmations": good}, source.path)
    return log, source, diags + more


def load_evaluation(root: Path) -> tuple[EvaluationLog | None, Source | None, list[Diagnostic]]:
    """Read and validate the office's 满意度测评, data/office/evaluation.yaml.

    A project without the file has no evaluation: (None, None, []).
    """
    path = root / EVALUATION_PATH
    if not os.path.lexists(path):
        return None, None, []
    source, value, diags = _read_parsed(root, path)
    if source is None or (value is None and diags):
        return None, source, diags
    log, more = validate_model(EvaluationLog, value, source.path)
    return log, source, diags + more


def load_report(
    root: Path, path: Path, measures: dict[str, str], real_dirs: dict[str, str] | None = None
) -> tuple[LoadedReport | None, Source | None, list[Diagnostic]]:
    """Read, parse and validate one report file."""
    source, value, diags = _read_parsed(root, path, real_dirs)
    if source is None or (value is None and diags):
        return None, source, diags
    stem = path.name.rsplit(".", 1)[0]
    model = report_model(stem, value)
    report, more = validate_model(model, value, source.path, measures)
    diags += more
    if report is None:
        return None, source, diags
    return LoadedReport(source, report, path.parent.name, stem), source, diags


def locate_diagnostics(diags: list[Diagnostic], sources: dict[str, Source]) -> list[Diagnostic]:
    """Give every unlocated diagnostic its line and column, parsing each such file once more."""
    parsed: dict[str, Parsed] = {}
    out: list[Diagnostic] = []
    for d in diags:
        if d.line:
            out.append(d)
            continue
        source = sources.get(d.path)
        if source is None:
            out.append(d.located(1, 1))
            continue
        if d.path not in parsed:
            parsed[d.path] = parse_yaml(source.text, d.path, record=True)
        out.append(d.located(*position(parsed[d.path], d.loc, at_key=d.at_key)))
    return out


def load_project(root: Path) -> Project:
    """Read and validate the whole tree. Never raises for bad data.

    The result is not yet checked across files: pass it to
    :func:`jianyian.checks.check_project` for the full diagnostics.
    """
    plan, plan_source, diags = load_plan(root)
    sources: dict[str, Source] = {}
    if plan_source is not None:
        sources[plan_source.path] = plan_source
    measures = {i.id: i.measure for i in plan.indicator_by_id.values()} if plan else {}

    paths, more = list_report_files(root)
    diags += more
    reports: list[LoadedReport] = []
    unreadable: list[str] = []
    real_dirs: dict[str, str] = {}
    for path in paths:
        loaded, source, more = load_report(root, path, measures, real_dirs)
        diags += more
        if source is not None:
            sources[source.path] = source
        if loaded is None:
            unreadable.append(rel_path(root, path))
        else:
            reports.append(loaded)

    confirmations, office_source, more = load_confirmations(root)
    diags += more
    if office_source is not None:
        sources[office_source.path] = office_source
    files = 1 + len(paths) + (office_source is not None or bool(more))
    evaluation, evaluation_source, more = load_evaluation(root)
    diags += more
    if evaluation_source is not None:
        sources[evaluation_source.path] = evaluation_source
    files += evaluation_source is not None or bool(more)
    duban, duban_sources, more = load_duban(root)
    diags += more
    for source in duban_sources:
        sources[source.path] = source
    files += len(duban_sources) + len(set(duban.unreadable) - set(sources))

    diags = sorted_diagnostics(locate_diagnostics(diags, sources))
    return Project(
        root,
        plan,
        reports,
        diags,
        files,
        unreadable,
        sources,
        confirmations=confirmations,
        evaluation=evaluation,
        duban=duban,
    )


#: The warning for a report whose first commit is dated after today (issue 30).
FUTURE_COMMIT = "JY015"


def load_with_history(root: Path, today: date, *, want_head: bool = False) -> Project:
    """Read the tree and ask git when each report was first committed, concurrently.

    git runs in a worker thread while the files are parsed: the subprocess needs
    no GIL, so on a large tree its cost hides behind the parsing. A report git has
    not seen (uncommitted) counts from ``today``; when git cannot be asked (not
    installed, not a repository, a shallow clone, refused ownership) the project's
    ``history_warnings`` say so, for every command that judges time to print. Raises DataError only when the
    plan itself cannot be read; bad report files are left out and marked.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        seen = pool.submit(submission_dates, root, today=today)
        head = pool.submit(head_state, root) if want_head else None
        project = load_project(root)
        first = seen.result()
        state = head.result() if head is not None else (None, False)
    if project.plan is None:
        raise DataError(
            "计划文件 data/targets.yaml 有错误，无法计算进度。运行 jianyian validate 查看详情。"
        )
    project.submitted = {r.path: first.dates.get(r.path, today) for r in project.reports}
    project.head = state
    project.history_warnings = list(first.warnings) + [
        f"{path}: git 记录的首次提交日期 {recorded.isoformat()} 晚于今天，提交时的时钟有误；"
        f"报送日期按 {used.isoformat()} 计（其后第一个日期正常的提交，没有则为今天），"
        f"可在文件中写明 submitted: [{FUTURE_COMMIT}]"
        for path, (recorded, used) in first.suspect.items()
    ]
    return project
