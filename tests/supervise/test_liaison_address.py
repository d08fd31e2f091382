"""A liaison address remind cannot send to is refused by validate (issue 30, item 10): one
rule for both, so one bad address no longer blocks every notice at remind time."""

from __future__ import annotations

from pathlib import Path

from jianyian.cli import app

from ..conftest import runner
from ..support.four_units import PLAN, REPORTS


def test_validate_refuses_an_address_remind_could_not_send_to(make_project) -> None:
    assert "zhang@a.example.cn" in PLAN
    root = make_project(REPORTS, targets=PLAN.replace("zhang@a.example.cn", "张三@a.example.cn"))
    r = runner.invoke(app, ["validate", "--root", str(root)], env={"GITHUB_ACTIONS": None})
    assert r.exit_code == 1, r.output
    assert "data/targets.yaml:" in r.output and "[JY012]" in r.output, r.output


def test_the_others_notices_are_written_when_one_draft_cannot_be(
    make_project, tmp_path: Path, monkeypatch
) -> None:
    from jianyian.render import eml

    root = make_project(REPORTS, targets=PLAN)
    real = eml.build_eml

    def refuse_b(draft, **kw):  # one unit's draft that cannot become a message
        if draft.unit_id == "b":
            raise ValueError("单位 b 的通知：邮箱地址“x”格式不正确")
        return real(draft, **kw)

    monkeypatch.setattr(eml, "build_eml", refuse_b)
    out = tmp_path / "催报"
    r = runner.invoke(app, ["remind", "--root", str(root), "--as-of", "2025-07-02", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "市乙局 的邮件草稿未写" in r.output
    assert (out / "甲局.eml").is_file() and not (out / "乙局.eml").exists()
    assert (out / "乙局.md").is_file()
