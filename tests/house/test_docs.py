"""The docs a user can find: a short front page, every command and option in the
reference, every code in the code table, and no link that leaves the repository."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import click
import pytest
import typer

from jianyian.cli import app
from jianyian.diagnostics import CODES

from ..conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: [text](target) — not images' alt text, not inside code spans.
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")


def sections(text: str, level: str = "## ") -> dict[str, str]:
    """Heading text → the text under it, up to the next heading of the same level."""
    out: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith(level):
            current = line[len(level) :].strip()
            out[current] = ""
        elif current is not None:
            out[current] += line + "\n"
    return out


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: letters, digits, '-' and '_' kept, spaces to '-'."""
    kept = "".join(c for c in heading.lower() if unicodedata.category(c)[0] in "LNM" or c in "-_ ")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {slug(line.lstrip("#").strip()) for line in lines if re.match(r"#{1,6} ", line)}


def commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    ctx = click.Context(group)
    return {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}


def test_the_front_page_is_short() -> None:
    assert len((REPO / "README.md").read_bytes()) <= 10 * 1024


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_link_stays_inside_the_repository(doc: Path) -> None:
    text = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S)
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # http:, mailto:: not a file of ours
            continue
        path, _, anchor = target.partition("#")
        resolved = (doc.parent / path).resolve() if path else doc
        assert resolved.is_relative_to(REPO), f"{doc.name}: {target} 指向仓库以外"
        assert resolved.is_file(), f"{doc.name}: {target} 不存在"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{doc.name}: {target} 的锚点不存在"


def test_every_command_and_option_is_in_the_reference() -> None:
    reference = sections((REPO / "docs" / "commands.md").read_text(encoding="utf-8"))
    for name, command in commands().items():
        heading = f"`jianyian {name}`"
        assert heading in reference, f"docs/commands.md 缺少 ## {heading}"
        for param in command.params:
            if param.param_type_name != "option":
                continue
            for flag in param.opts + param.secondary_opts:
                assert f"`{flag}" in reference[heading], f"{heading} 一节缺少 {flag}"


def test_every_code_is_in_the_code_table() -> None:
    data = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    table = sections(data)["诊断代码"]
    for code, meaning in CODES.items():
        assert f"| {code} | {meaning} |" in table, f"docs/data.md 的诊断代码表缺少 {code}"
