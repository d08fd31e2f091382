"""Every command's ``--help`` says what the command does (issue 14): key sentences
checked against the behaviour the other tests pin down, and sentences that were
once wrong must not come back."""

from __future__ import annotations

import re

import pytest

from jianyian.cli import app

from ..conftest import runner

#: command → sentences its help must hold (whitespace ignored).
MUST: dict[str, list[str]] = {
    "validate": ["有错误时退出码为 1，只有警告时为 0。"],
    "status": [
        "序时进度 = N/12（7月数据对 7/12 = 58.3%）",
        "指标值为 1–N月累计，N 是数据所属的月份",
        "应报而未报的指标为“未报送”，不算红灯",
        "data/targets.yaml 的 settings",
        "--as-of",
        "默认今天：只计入这一天及以前报送的文件",
    ],
    "plan": ["以及各单位的标识", "单位标识用于 --unit 和月报的 unit: 字段"],
    "dashboard": ["一个独立的 HTML 文件，断网可用"],
    "draft": ["每一项旁注明出自通知第几行并标“待确认”"],
    "import": ["其他内容（大约十个、12-15）报错并指出单元格"],
    "remind": ["个工作日内截止的事项（按计划中的节假日安排计算工作日，截止日遇节假日顺延）"],
    "init": ["创建 data/targets.yaml（最小示例，或用 --notice 从通知起草）"],
    "form": ["只有浅黄色的填写单元格未锁定"],
    "scorecard": ["当天截止、当天尚未报送的事项次日才计入"],
    "summary": [
        "每段括注报送单位，写法相同的合并",
        "数据截至这一期的最后一个月（上半年为6月）",
        "默认今天：只计入这一天及以前报送的文件",
        "草稿，供修改",
    ],
    "brief": [
        "简报讲 --month 这个月（M月）：M月的信息、存在问题和下步工作，指标取 1–M月累计值，对照 M/12 的序时进度。",
        "统计截至日 --as-of 默认为今天：只计入截至日及以前报送的文件（之后才报送的不算）",
        "所在目录须已存在",
        "默认今天：只计入这一天及以前报送的文件",
    ],
    "export": [
        "不写时按 -o 的扩展名（.csv、.xlsx）判断，默认 csv",
        "扩展名为 .csv 或 .xlsx（其他扩展名报错），所在目录须已存在",
        "默认今天：只计入这一天及以前报送的文件",
    ],
    "new": ["只有一条警告：信息正文仍是“（待填写）”占位文字", "文件已存在时不覆盖"],
    "set": [
        "数值可以用全角数字（１２），写入文件的是半角数字",
        "“首次填报，请改为实际数值”随之删去",
    ],
    "schema": ["在已有的目录中创建"],
    "codeowners": ["所在目录须已存在"],
    "audit": ["发现违规提交时退出码为 1"],
    "duban": ["反馈时限遇周末和节假日顺延", "有错误时不写入任何内容，退出码为 1"],
    "confirm": [
        "只能为牵头单位已在月报中报“已完成”（截至销号日期已报送）的事项销号",
        "撤销不删除原记录",
    ],
}

#: Sentences that contradicted the behaviour.
MUST_NOT: dict[str, list[str]] = {
    "brief": ["统计截至日默认为该月最后一天", "数据为目录中现有的全部报送"],
    # The thresholds are the plan's settings: the help names where they live, never a value.
    "status": ["序时进度 = 办理期已过的比例", "10 个百分点", "30 个百分点"],
    "new": ["新文件可以直接通过 jianyian validate，再把"],
}


def help_text(command: str) -> str:
    r = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    return re.sub(r"\s+", "", r.output)


def test_every_command_is_covered() -> None:
    import typer.main

    group = typer.main.get_command(app)
    assert set(group.commands) == set(MUST)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", sorted(MUST))
def test_help_says_what_the_command_does(command: str) -> None:
    text = help_text(command)
    for sentence in MUST[command]:
        assert re.sub(r"\s+", "", sentence) in text, sentence
    for sentence in MUST_NOT.get(command, []):
        assert re.sub(r"\s+", "", sentence) not in text, sentence


def test_brief_default_as_of_is_today_as_the_help_says(make_project, monkeypatch) -> None:
    """The help says today; a briefing without --as-of equals one with today's date."""
    from datetime import date

    root = make_project()
    plain = runner.invoke(app, ["brief", "--root", str(root), "--month", "2025-07"])
    dated = runner.invoke(
        app,
        ["brief", "--root", str(root), "--month", "2025-07", "--as-of", date.today().isoformat()],
    )
    assert plain.exit_code == dated.exit_code == 0, plain.output
    assert plain.stdout == dated.stdout
    end_of_month = runner.invoke(
        app, ["brief", "--root", str(root), "--month", "2025-07", "--as-of", "2025-07-31"]
    )
    assert end_of_month.stdout != plain.stdout


@pytest.mark.parametrize("args", [["validate", "--help"], ["brief", "-h"], ["--help"]])
def test_help_does_not_import_pydantic(args: list[str]) -> None:
    """A subcommand's help once cost 0.1 s more than the top-level help: typer built a
    pydantic adapter to read the group's unset --help flag (timed in bench/run.py)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        f"sys.argv = ['jianyian', *{args!r}]\n"
        "from jianyian.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('pydantic' if 'pydantic' in sys.modules else 'none')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "用法：jianyian" in proc.stdout
    assert proc.stderr == "none"


@pytest.mark.parametrize("group", [[], ["duban"]])
def test_the_command_list_describes_every_command(group: list[str]) -> None:
    """click cuts a command's line at a space, and Chinese has none: no line may be "…"
    or empty, and each is the start of the command's own help."""
    result = runner.invoke(app, [*group, "--help"])
    assert result.exit_code == 0, result.output
    listed = result.output.split("命令:")[1]
    lines = [line.split(None, 1) for line in listed.strip().splitlines()]
    assert len(lines) >= (5 if group else 20)
    for parts in lines:
        assert len(parts) == 2, parts  # a name and its description
        name, text = parts
        assert "..." not in text and len(text) >= 4, (name, text)
        own = runner.invoke(app, [*group, name, "--help"]).output
        assert " ".join(own.split()).find(text[:10]) >= 0, (name, text)
