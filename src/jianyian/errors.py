"""The one user-facing exception base. Only ``jianyian.cli`` catches it (in one place).

Problems in the data are not exceptions (they are :class:`~jianyian.diagnostics.Diagnostic`
values); these are for conditions that stop a command: a bad option, no project,
a file that must not be overwritten.
"""

from __future__ import annotations


class JianyianError(Exception):
    """A failure the user can act on; ``str(exc)`` is a Chinese sentence.

    ``details`` are lines shown before it (the diagnostics behind a refusal, say).
    """

    exit_code = 1
    details: tuple[str, ...] = ()


class UsageError(JianyianError):
    """Bad option or argument: unknown unit, malformed date, missing project."""

    exit_code = 2


class DataError(JianyianError):
    """The data cannot support the command (e.g. the plan itself does not load)."""

    exit_code = 1

    def __init__(self, message: str, details: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)
