"""The cache of compiled templates (issue 31): a second rendering skips compiling, and
the cache never changes what is rendered, whatever state its folder is in."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from jianyian.load import templates as tpl
from jianyian.load.templates import TemplateSet, load_template_set, template_cache
from jianyian.render.markdown import render_template

TEXT = "{% for x in items %}- {{ x }}\n{% endfor %}共 {{ items | length }} 项\n"
CONTEXT = {"items": ["甲", "乙*", "丙"]}
EXPECTED = "- 甲\n- 乙\\*\n- 丙\n共 3 项\n"


def _render(folder: Path, text: str = TEXT) -> str:
    (folder / "t.md.j2").write_text(text, encoding="utf-8")
    return render_template(load_template_set(folder / "t.md.j2"), CONTEXT)


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("compiled although the cache holds the template")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_the_second_rendering_reads_the_compiled_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(tpl.CACHE_ENV, str(tmp_path / "cache"))
    assert _render(tmp_path) == EXPECTED
    assert len(list((tmp_path / "cache" / "templates").iterdir())) == 1
    _no_compiling(monkeypatch)
    assert _render(tmp_path) == EXPECTED


def test_an_edited_template_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(tpl.CACHE_ENV, str(tmp_path / "cache"))
    assert _render(tmp_path) == EXPECTED
    assert _render(tmp_path, TEXT.replace("共", "合计")) == EXPECTED.replace("共", "合计")


def test_a_damaged_entry_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tpl.CACHE_ENV, str(tmp_path / "cache"))
    _render(tmp_path)
    for damage in (b"", b"j2\x00garbage", b"\x80" * 64):
        (entry,) = (tmp_path / "cache" / "templates").iterdir()
        entry.write_bytes(damage)
        assert _render(tmp_path) == EXPECTED


@pytest.mark.parametrize("setting", ["", "file"])
def test_no_cache_when_turned_off_or_the_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    if setting == "file":
        (tmp_path / "a-file").write_text("x")
        setting = str(tmp_path / "a-file")
    monkeypatch.setenv(tpl.CACHE_ENV, setting)
    assert template_cache() is None
    assert _render(tmp_path) == EXPECTED


def test_a_folder_that_cannot_be_written_only_costs_the_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(tpl.CACHE_ENV, str(folder))
    cache = template_cache()
    assert cache is not None
    # A file where the folder was: no entry can be written there, even by root.
    (folder / "templates").rmdir()
    (folder / "templates").write_text("not a folder")
    made = TemplateSet("t.md.j2", {"t.md.j2": TEXT}, "t.md.j2", cache)
    assert render_template(made, CONTEXT) == EXPECTED
    assert render_template(made, CONTEXT) == EXPECTED


def test_another_compiler_never_reads_this_ones_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entries' names carry a digest of the files that decide the compiled code."""
    monkeypatch.setenv(tpl.CACHE_ENV, str(tmp_path / "cache"))
    ours = template_cache().pattern
    monkeypatch.setattr(tpl, "_COMPILER_FILES", ("render/sandbox.py",))
    assert template_cache().pattern != ours
