"""jianyian: tracking the handling of a CPPCC proposal's work plan.

The package is laid out as its pipeline, one subpackage a stage:
``load`` → ``models`` → ``checks`` → ``engine`` → ``views`` → ``render`` → ``write``
(and ``draft`` for a notice's text, ``jobs`` for the library's one call per
command, ``cli`` for the commands; docs/architecture.md draws it). The names below
are the small public API; they are imported on first use, so ``import jianyian``
stays cheap (``jianyian --version`` needs nothing else).
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "load_project": "jianyian.load",
    "load_with_history": "jianyian.load",
    "check_project": "jianyian.checks",
    "run_checks": "jianyian.checks",
    "compute_progress": "jianyian.engine",
    "build_brief": "jianyian.views.brief",
    "build_ledger": "jianyian.views.ledger",
    "status_view": "jianyian.views.status",
    "plan_view": "jianyian.views.plan",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'jianyian' has no attribute {name!r}")
    return getattr(import_module(module), name)
