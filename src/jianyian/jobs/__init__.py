"""Jobs: the library's one call per command — load, compute, view, render, write.

Each command of the command line is one job here: a function that takes plain
values (paths, dates, flags, never Typer's objects), does the whole of its
command, tells what it did through a :class:`~jianyian.jobs.result.JobResult`
and returns it. So a command stays a dozen lines (parse options, call one job,
pick the exit code) and everything works without the command line::

    from jianyian.jobs import export_ledger
    result = export_ledger(root, output=Path("台账.xlsx"), as_of=day, today=day)
    result.written  # [PosixPath('台账.xlsx')]

A job that cannot go on raises a :class:`~jianyian.errors.JianyianError`. Job
modules import what they need when they run, so that naming a job stays cheap.
"""

from importlib import import_module
from typing import Any

_JOBS = {
    "JobResult": "result",
    "validate_project": "validate",
    "show_plan": "validate",
    "show_status": "status",
    "make_brief": "brief",
    "make_summary": "summary",
    "make_dashboard": "dashboard",
    "export_ledger": "export",
    "make_forms": "forms",
    "import_forms": "forms",
    "remind_units": "remind",
    "make_scorecard": "scorecard",
    "new_report": "write",
    "set_values": "write",
    "write_schemas": "write",
    "write_codeowners": "write",
    "audit_history": "audit",
    "record_confirmation": "confirm",
    "list_duban": "duban",
    "open_duban": "duban",
    "close_duban": "duban",
    "reopen_duban": "duban",
    "reply_duban": "duban",
    "draft_notice": "setup",
    "start_project": "setup",
}

__all__ = list(_JOBS)


def __getattr__(name: str) -> Any:
    module = _JOBS.get(name)
    if module is None:
        raise AttributeError(f"module 'jianyian.jobs' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
