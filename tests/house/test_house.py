"""Rules of the house that a grep or a parse can hold: the one clock, the one code
table, thin commands, a library that works without the command line."""

from __future__ import annotations

import ast
import re
import statistics
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO, monthly, write_project

SRC = REPO / "src" / "jianyian"
CLOCK = re.compile(r"\b(date\.today|datetime\.(now|utcnow|today)|time\.(time|localtime|gmtime))\(")


def test_the_clock_is_read_in_one_place() -> None:
    """Only ``cli.app.today()`` reads the date, and its sibling ``cli.app.now()`` the time
    (a 催报 e-mail's Date as it is sent); everything else takes ``today``/``as_of``/``now``."""
    readers = sorted(
        f"{path.relative_to(SRC)}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if CLOCK.search(line)
    )
    assert readers == [
        "cli/app.py: return date.today()",
        "cli/app.py: return datetime.now().astimezone()",
    ], readers
    # Each in its own function, the one named for it.
    tree = ast.parse((SRC / "cli" / "app.py").read_text(encoding="utf-8"))
    readers_of = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(CLOCK.search(ast.unparse(stmt)) for stmt in node.body)
    }
    assert readers_of == {"today", "now"}, readers_of


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


def _command_body_lines() -> dict[str, int]:
    """Code lines of every registered command's body: no docstring, blank line or comment."""
    out = {}
    for path in sorted((SRC / "cli").glob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef) or not any(
                isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and d.func.attr == "command"
                for d in node.decorator_list
            ):
                continue
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]  # the docstring
            code = [
                text
                for text in lines[body[0].lineno - 1 : body[-1].end_lineno]
                if text.strip() and not text.strip().startswith("#")
            ]
            out[f"{path.name}:{node.name}"] = len(code)
    return out


def test_commands_are_thin() -> None:
    """A command parses its options, calls one job and picks the exit code (issue 24)."""
    sizes = _command_body_lines()
    assert len(sizes) >= 17, sizes  # every command is counted
    assert statistics.median(sizes.values()) <= 12, sizes
    assert max(sizes.values()) <= 30, sizes


def test_the_library_works_without_typer(tmp_path: Path) -> None:
    """A job runs, and the library imports, with typer (and click) made unimportable."""
    program = """
import importlib.abc, sys
from datetime import date
from pathlib import Path

class NoTyper(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("typer", "click"):
            raise ImportError(f"{name} is not allowed here")
        return None

sys.meta_path.insert(0, NoTyper())
import jianyian.jobs as jobs

day = date(2025, 8, 10)
result = jobs.export_ledger(Path(sys.argv[1]), output=Path(sys.argv[2]), as_of=day, today=day)
status = jobs.show_status(Path(sys.argv[1]), as_of=day, today=day, as_json=True)
assert not [m for m in sys.modules if m.split(".")[0] in ("typer", "click")]
print(len(result.written), status.value["as_of"], result.failed)
"""
    root = write_project(
        tmp_path / "proj", {"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 4")}
    )
    out = tmp_path / "台账.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", program, str(root), str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "2025-08-10", "False"]
    assert out.read_bytes().startswith(b"PK")


def test_one_zip_rewriter_for_every_office_file() -> None:
    """xlsx and docx come out of ooxml.rewrite_package alike: one order, one time, one mode."""
    import io
    import zipfile
    from datetime import date

    import openpyxl

    from jianyian.render.document import Document, Paragraph
    from jianyian.render.ooxml import FILE_MODE, FIRST_PARTS, save_workbook
    from jianyian.render.word import render_docx

    day = date(2025, 8, 10)
    document = Document(masthead=None, title="标题", blocks=(Paragraph("正文"),), as_of=day)
    packages = {"xlsx": save_workbook(openpyxl.Workbook(), day), "docx": render_docx(document)}
    for kind, data in packages.items():
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        names = [i.filename for i in infos]
        first = [n for n in FIRST_PARTS if n in names]
        assert names == first + sorted(set(names) - set(first)), kind
        assert {i.date_time for i in infos} == {(2025, 8, 10, 0, 0, 0)}, kind
        assert {i.external_attr >> 16 for i in infos} == {FILE_MODE}, kind
