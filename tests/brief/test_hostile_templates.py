"""Templates cannot exhaust the machine (issue 13, item 3).

Each hostile template is answered, fast and in bounded memory, with exit 1 and a
Chinese message naming the template and its line; an ordinary template still works.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from jianyian.cli import app
from jianyian.load.templates import TemplateSet
from jianyian.render import sandbox
from jianyian.render.markdown import TemplateProblem, render_template

from ..conftest import monthly, runner

#: name → (template, the words the message must hold). Line 2 holds the attack.
HOSTILE = {
    "repeat": ("{{ 'x'*100000*100000 }}", "乘法"),
    "power": ("{{ 9**99999999 }}", "乘方"),
    "int-product": ("{% set a = 7**1000 %}{{ a*a*a*a*a }}", "乘法"),
    "nested-range": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "range()",
    ),
    "center": ("{{ 'a'|center(999999999) }}", "center"),
    "indent": ("{{ ('a' ~ '\\n')*1000 | indent(999999) }}", "indent"),
    "wordwrap": ("{{ ('a '*1000)|wordwrap(1, wrapstring='x'*100000) }}", "wordwrap"),
    "replace": ("{{ ('a'*100000)|replace('a', 'a'*100000) }}", "replace"),
    "slice": ("{{ [1]|slice(999999999)|list|length }}", "slice"),
    "recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "递归"),
    "fork-bomb": ("{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}", "递归"),
    "namespace-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "连接（~）",  # the concatenation is refused before the namespace would hold it
    ),
    "argument-doubling": (
        "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('x', 40) }}",
        "连接（~）",  # before the call would take the doubled argument
    ),
    "percent-width": ("{{ '%999999999s' % 'x' }}", "宽度"),
    "star-width": ("{{ '%*s' % (999999999, 'x') }}", "宽度"),
    "format-width": ("{{ '{:999999999}'.format('x') }}", "宽度"),
    "nested-width": ("{{ '{:{}}'.format('x', 999999999) }}", "宽度"),
    "format-filter": ("{{ '%999999999d'|format(1) }}", "宽度"),
    "output": ("{% for i in range(10000) %}{{ 'x'*1000 }}{% endfor %}", "输出超过"),
    "list-repeat": ("{{ ([1]*1000000)*1000 }}", "乘法"),
    "concat": ("{% set s = 'x'*1000000 %}{{ (s + s)|length }}", "连接"),
    # issue 30: str methods, bytes and lists growing in place
    "ljust": ("{{ 'x'.ljust(10**9)|length }}", "ljust"),
    "rjust": ("{{ 'x'.rjust(10**9, '-')|length }}", "rjust"),
    "center-method": ("{{ 'x'.center(10**9)|length }}", "center"),
    "zfill": ("{{ '1'.zfill(10**9)|length }}", "zfill"),
    "expandtabs": ("{{ ('\t'*1000).expandtabs(10**6)|length }}", "expandtabs"),
    "bytes-repeat": ("{{ ('x'.encode())*10**9 }}", "乘法"),
    "replace-method": ("{{ ('a'*100000).replace('a', 'a'*100000)|length }}", "replace"),
    "join-method": ("{{ ('x'*100000).join(['a']*1000)|length }}", "join"),
    "list-append": (
        "{% set l = ['x'*1000] %}{% for i in range(2000) %}{{ l.extend(l) }}{% endfor %}",
        "列表",
    ),
    "format-expansion": (
        "{% set a = 'x'*1000000 %}{{ ('{0}'*2000).format(a)|length }}",
        "format()",
    ),
    "join-filter": ("{% set a = 'x'*1000000 %}{{ ([a]*2000)|join|length }}", "join"),
    "join-of-map": ("{% set a = 'x'*1000000 %}{{ ([a]*2000)|map('upper')|join|length }}", "join"),
    "tilde-concat": (
        "{% set a = 'x'*1000000 %}{% set b = a~a~a~a~a~a~a~a~a~a %}{{ b|length }}",
        "连接（~）",
    ),
}


def _render(text: str) -> str:
    return render_template(TemplateSet("t.md.j2", {"t.md.j2": text}, "templates/t.md.j2"), {})


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_template_is_refused_with_its_line(name):
    text, words = HOSTILE[name]
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(TemplateProblem) as caught:
        _render("# 简报\n" + text + "\n")
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message = str(caught.value)
    assert message.startswith("模板 templates/t.md.j2 第 2 行："), message
    assert words in message, message
    assert elapsed < 2, elapsed
    assert peak < 64 * 1024 * 1024, peak


@pytest.mark.slow
def test_the_cpu_budget_stops_what_no_count_catches(monkeypatch):
    monkeypatch.setattr(sandbox, "CPU_SECONDS", 0.5)
    loops = "{% set s = 'x'*100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    start = time.perf_counter()
    with pytest.raises(TemplateProblem, match="CPU 时间"):
        _render("# 简报\n" + loops + "\n")
    assert time.perf_counter() - start < 5


def test_ordinary_uses_still_work():
    text = (
        "{{ '%5s' % 'x' }}|{{ 2**10 }}|{{ range(3)|list|join(',') }}|{{ 'ab'|center(6) }}|"
        "{{ '{}-{}'.format(1, 2) }}|{{ 'a b'|replace(' ', '') }}|{{ [1, 2, 3]|batch(2)|list|length }}"
    )
    assert _render(text) == "x|1024|0,1,2|ab|1-2|ab|2\n"


def test_brief_with_a_hostile_project_template_exits_1(make_project):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07")})
    (root / "templates").mkdir()
    (root / "templates" / "brief.md.j2").write_text(
        "# {{ plan_title }}\n\n{{ 'x'*100000*100000 }}\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["brief", "--month", "2025-07", "--root", str(root)])
    assert r.exit_code == 1, r.output
    assert "模板 templates/brief.md.j2 第 3 行" in r.output and "超过上限" in r.output


def test_ordinary_str_and_list_methods_still_work():
    text = (
        "{{ 'ab'.ljust(4, '.') }}|{{ '7'.zfill(3) }}|{{ 'a\\tb'.expandtabs(2) }}|"
        "{{ '-'.join(['a', 'b']) }}|{% set l = [1] %}{{ l.append(2) or l|length }}"
    )
    assert _render(text) == "ab..|007|a b|a-b|2\n"


def test_a_templates_folder_linked_outside_the_project_is_refused(make_project, tmp_path):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07")})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "brief.md.j2").write_text("# 外部模板 {{ plan_title }}\n", encoding="utf-8")
    (root / "templates").symlink_to(outside, target_is_directory=True)
    r = runner.invoke(app, ["brief", "--month", "2025-07", "--root", str(root)])
    assert r.exit_code == 1, r.output
    assert "templates/ 是指向项目以外的符号链接" in r.output
    assert "外部模板" not in r.output
