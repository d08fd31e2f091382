"""The command line: thin Typer commands over the library, one module per command group.

``jianyian.cli.app`` is the Typer application; importing this package registers
every command on it. Shared options and steps are public names in
:mod:`jianyian.cli.app`.
"""

from typing import Any

from . import (  # noqa: F401  (register commands)
    audit,
    brief,
    dashboard,
    duban,
    export,
    forms,
    office,
    setup,
    status,
    summary,
    supervise,
    validate,
    write,
)
from .app import app

__all__ = ["app", "main"]


def main() -> Any:
    """Console-script entry point."""
    return app()
