"""Rules of the house that a grep can hold: the one clock."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "jianyian"
CLOCK = re.compile(r"\b(date\.today|datetime\.(now|utcnow|today)|time\.(time|localtime|gmtime))\(")


def test_the_clock_is_read_in_one_place() -> None:
    """Only ``cli.app.today()`` reads the date; everything else takes ``today``/``as_of``."""
    readers = sorted(
        f"{path.relative_to(SRC)}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if CLOCK.search(line)
    )
    assert readers == ["cli/app.py: return date.today()"], readers


def test_every_code_is_raised_somewhere() -> None:
    """The one code table holds no code that nothing gives (and nothing gives an unlisted one)."""
    from jianyian.diagnostics import CODES

    table = SRC / "diagnostics.py"
    raised = {
        code
        for path in SRC.rglob("*.py")
        if path != table
        for code in re.findall(r"\"(JY\d{3})\"", path.read_text(encoding="utf-8"))
    }
    assert raised == set(CODES), sorted(raised ^ set(CODES))
