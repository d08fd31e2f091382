"""What a job did, told as it goes: lines for the reader, tables to draw, how it went.

A job never prints. It tells its :class:`JobResult`, which passes each line on to
whoever asked: the command line gives it printers for stdout, stderr and the
terminal (so a long run, such as sending mail, is followed line by line); a
library caller gives none, and reads :attr:`JobResult.lines` afterwards. Whether it
went well is :attr:`JobResult.failed`; the command line turns that into an exit code.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from rich.console import Console

    from ..diagnostics import Diagnostic

#: Something that draws on a terminal (a rich table, a plan).
Drawing = Callable[["Console"], None]


class Line(NamedTuple):
    """One piece of text for the reader."""

    text: str
    err: bool = False  # stderr: notes, warnings, diagnostics; stdout: the product
    nl: bool = True  # end with a newline (a document already ends with its own)


@dataclass
class JobResult:
    """What a job did. ``echo`` and ``draw_on`` are the caller's printers, if any."""

    echo: Callable[[Line], None] | None = None
    draw_on: Callable[[Drawing], None] | None = None
    #: everything told, in order (drawings as the text they draw)
    lines: list[Line] = field(default_factory=list)
    #: the data has errors, a gate tripped or an item was refused: exit 1
    failed: bool = False
    #: files written, in order
    written: list[Path] = field(default_factory=list)
    #: the job's product for a library caller (a view, a result), if it has one
    value: Any = None

    def tell(self, line: Line) -> None:
        self.lines.append(line)
        if self.echo is not None:
            self.echo(line)

    def say(self, text: str, *, nl: bool = True) -> None:
        """A line of the product, on stdout."""
        self.tell(Line(text, False, nl))

    def note(self, text: str) -> None:
        """A note on stderr: what happened, what to do next."""
        self.tell(Line(text, True))

    def fail(self, text: str | None = None) -> None:
        """The job did not do all it was asked (exit 1); ``text`` says why, on stderr."""
        if text is not None:
            self.note(text)
        self.failed = True

    def problems(self, diagnostics: Iterable[Diagnostic], *, err: bool = True) -> None:
        """Diagnostics as text lines (``file:line:col: error: …``)."""
        from ..render.diagnostics import format_text

        for d in diagnostics:
            self.tell(Line(format_text(d), err))

    def draw(self, drawing: Drawing) -> None:
        """A drawing for the terminal; without one, drawn as text into :attr:`lines`."""
        if self.draw_on is not None:
            self.draw_on(drawing)
            return
        from ..render.terminal import make_console

        buffer = io.StringIO()
        drawing(make_console(file=buffer, width=100))
        self.lines.append(Line(buffer.getvalue(), False, False))

    def wrote(self, path: Path) -> None:
        """``path`` was written (the job says so in its own words)."""
        self.written.append(path)

    @property
    def text(self) -> str:
        """Everything on stdout, as one text."""
        return "".join(x.text + ("\n" if x.nl else "") for x in self.lines if not x.err)
