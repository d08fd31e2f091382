"""``jianyian codeowners``: every report folder has an owner; the plan belongs to the office."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jianyian.checks import check_plan_source
from jianyian.cli import app
from jianyian.load import load_plan
from jianyian.render.codeowners import PLACEHOLDER_OWNER, render_codeowners

from ..conftest import REAL_TARGETS, runner, write_project

WITH_PEOPLE = (
    REAL_TARGETS.read_text(encoding="utf-8")
    .replace(
        "  office_staff: []",
        "  office_staff: [{name: 王五, email: wangwu@fgw.example.gov.cn}]",
    )
    .replace(
        "{id: jxj, name: 市经信局, short: 经信局, liaisons: []}",
        "{id: jxj, name: 市经信局, short: 经信局, liaisons: [{name: 张三, email: zhangsan@jxj.example.gov.cn},"
        " {name: 李四, email: lisi@jxj.example.gov.cn}]}",
    )
)


def rules(text: str) -> dict[str, list[str]]:
    """Pattern → owners, from the non-comment lines."""
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            assert pattern not in out, f"{pattern} listed twice"
            out[pattern] = owners
    return out


def plan_of(root: Path):
    plan, source, read = load_plan(root)
    diags = check_plan_source(plan, source, read)
    assert plan is not None, diags
    return plan


def test_liaisons_and_office_own_the_unit_folders(tmp_path: Path) -> None:
    assert "wangwu@" in WITH_PEOPLE and "zhangsan@" in WITH_PEOPLE
    plan = plan_of(write_project(tmp_path, {}, WITH_PEOPLE))
    text = render_codeowners(plan)
    table = rules(text)
    office = ["wangwu@fgw.example.gov.cn"]
    assert table["/data/targets.yaml"] == office
    assert table["/data/"] == office
    assert table["/data/reports/jxj/"] == [
        "zhangsan@jxj.example.gov.cn",
        "lisi@jxj.example.gov.cn",
        *office,
    ]
    assert table["/data/reports/fgw/"] == office  # no liaison yet: the office
    assert PLACEHOLDER_OWNER not in text


def test_no_folder_without_an_owner_and_plan_order(tmp_path: Path) -> None:
    plan = plan_of(write_project(tmp_path, {}))
    text = render_codeowners(plan)
    table = rules(text)
    folders = [p for p in table if p.startswith("/data/reports/")]
    assert folders == [f"/data/reports/{u.id}/" for u in plan.units]
    assert all(owners for owners in table.values())
    # The real plan lists no office staff yet: a marked placeholder stands in.
    assert table["/data/targets.yaml"] == [PLACEHOLDER_OWNER]
    assert "只是占位" in text
    assert render_codeowners(plan) == text  # deterministic


def test_office_owner_option(tmp_path: Path) -> None:
    plan = plan_of(write_project(tmp_path, {}, WITH_PEOPLE))
    table = rules(render_codeowners(plan, "@wuhan/office"))
    assert table["/data/targets.yaml"] == ["wangwu@fgw.example.gov.cn", "@wuhan/office"]
    assert table["/data/reports/jxj/"][-1] == "@wuhan/office"


def test_cli_writes_then_keeps_then_refuses(make_project: Callable[..., Path]) -> None:
    root = make_project()
    target = root / ".github" / "CODEOWNERS"
    r = runner.invoke(app, ["codeowners", "--root", str(root)])
    assert r.exit_code == 0, r.output
    assert ".github/CODEOWNERS" in r.output
    first = target.read_bytes()
    assert "/data/reports/jxj/ @office" in first.decode()

    r = runner.invoke(app, ["codeowners", "--root", str(root)])
    assert r.exit_code == 0 and "已是最新" in r.output, r.output

    r = runner.invoke(app, ["codeowners", "--root", str(root), "--office-owner", "@org/office"])
    assert r.exit_code == 2, r.output
    assert "--force" in r.output
    assert target.read_bytes() == first

    r = runner.invoke(
        app, ["codeowners", "--root", str(root), "--office-owner", "@org/office", "--force"]
    )
    assert r.exit_code == 0, r.output
    assert "/data/reports/jxj/ @org/office" in target.read_text(encoding="utf-8")


def test_cli_output_option(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project()
    out = tmp_path / "elsewhere" / "CODEOWNERS"
    out.parent.mkdir()  # -o never creates folders (tests/house/test_office_files.py)
    r = runner.invoke(app, ["codeowners", "--root", str(root), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.is_file() and not (root / ".github").exists()


def test_cli_refuses_a_broken_plan(make_project: Callable[..., Path]) -> None:
    broken = REAL_TARGETS.read_text(encoding="utf-8").replace("office: fgw", "office: nobody", 1)
    root = make_project(targets=broken)
    r = runner.invoke(app, ["codeowners", "--root", str(root)])
    assert r.exit_code == 1, r.output
    assert "[JY040]" in r.output
    assert not (root / ".github").exists()
