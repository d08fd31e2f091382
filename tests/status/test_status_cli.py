"""``jianyian status``: the overall view, one unit, JSON, gates, determinism."""

from __future__ import annotations

import json

import pytest

from jianyian.cli import app

from ..conftest import git_commit, git_init, monthly, runner

# Data dated 2025 with submitted: dates: today must lie after them (JY033).
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def project(make_project):
    root = make_project(
        {
            "jxj/2025-07.yaml": monthly(
                "jxj",
                "2025-07",
                "ai-models: 4, pilot-platforms: {value: 12, note: 新增2家}",
                "submitted: 2025-08-03\nproblems: [部分企业数据基础薄弱, 人才缺口较大]\n",
            ),
            "jxj/2025-06.yaml": monthly(
                "jxj", "2025-06", "ai-models: 2", "submitted: 2025-07-09\n"
            ),
            "fgw/2025-07.yaml": monthly(
                "fgw", "2025-07", "optoelectronics: 8000", "submitted: 2025-08-01\n"
            ),
        }
    )
    return root


def status(root, *args):
    return runner.invoke(app, ["status", "--root", str(root), *args])


def test_overall_view(project):
    r = status(project, "--as-of", "2025-08-10")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "截至 2025年8月10日" in out
    assert "2025年7月信息：应报 40 · 已报 2（按时 2，迟报 0）· 未报 38" in out
    ai_line = next(line for line in out.splitlines() if "部署垂直行业" in line)
    # July's 4 of 20 = 20% against 7/12 = 58.3%: 38.3 points behind
    assert "4个" in ai_line and "20.0%" in ai_line and "58.3%" in ai_line and "红灯" in ai_line
    assert "7月" in ai_line
    assert "逾期与迟报单位（最严重在前）" in out
    assert "\x1b[" not in out  # no colour when not a terminal
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    assert "不在 git 仓库中" in r.stderr  # outside git the dates are today's: said on stderr


def test_json_shape_and_numbers(project):
    r = status(project, "--as-of", "2025-08-10", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["version"] == 5 and doc["as_of"] == "2025-08-10"
    ai = next(i for i in doc["indicators"] if i["id"] == "ai-models")
    assert set(ai) >= {"id", "name", "target", "value", "completion", "expected", "light"}
    assert (ai["target"], ai["value"], ai["completion"]) == (20, 4, 0.2)
    assert ai["data_month"] == "2025-07"  # July's report arrived on 3 August
    assert ai["expected"] == round(7 / 12, 6)  # the data's month, not the as-of day
    assert ai["light"] == "red"  # 58.3% expected vs 20%: 38.3 points behind
    # June (2 of 20 = 10% vs 50%: 40 behind) and July red: two data months, not the
    # calendar months May…August the as-of day has seen.
    assert (ai["streak"], ai["streak_months"]) == (2, ["2025-06", "2025-07"])
    assert ai["at_pace"] is False and ai["stale"] == []
    opto = next(i for i in doc["indicators"] if i["id"] == "optoelectronics")
    assert (opto["value"], opto["data_month"], opto["light"]) == (8000, "2025-07", "green")
    assert doc["summary"]["indicators"] == 21  # the five industries count once
    assert doc["summary"]["headline"].startswith("21项量化指标中，")
    task = next(t for t in doc["tasks"] if t["id"] == "t1-1")
    assert set(task) >= {"id", "title", "completion", "light", "lead", "responsible"}
    assert task["lead"] == ["jxj"] and "wuchang" in task["responsible"]
    jxj = next(u for u in doc["units"] if u["id"] == "jxj")
    # handling plan (due 5-31), May info, half-year summary: overdue; June late, July on time
    assert (jxj["received"], jxj["late"], jxj["overdue"]) == (2, 1, 3)
    late = [x for x in doc["late"] if x["unit"] == "jxj"]
    assert late == [
        {
            "unit": "jxj",
            "deliverable": "info",
            "period": "2025-06",
            "due": "2025-07-07",  # 5 July was a Saturday
            "submitted": "2025-07-09",
            "declared": True,  # outside git: only the report says so
            "days_late": 2,
        }
    ]
    overdue = {(x["unit"], x["deliverable"], x["period"]): x for x in doc["overdue"]}
    assert overdue[("jxj", "handling-plan", "handling-plan")]["days_overdue"] == 68  # due 3 June
    assert overdue[("jxj", "info", "2025-05")]["due"] == "2025-06-05"


def test_unit_view_by_short_name(project):
    r = status(project, "--unit", "经信局", "--as-of", "2025-09-30")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "市经信局（jxj）" in out
    assert "牵头任务：" in out and "加快传统产业转型升级" in out
    assert "参与任务：" in out and "积极承接沿海产业梯度转移" in out
    assert "逾期未报" in out and "最长已逾期 119 天" in out  # handling plan, since 3 June
    assert "部分企业数据基础薄弱" in out  # problems from the latest report
    same = status(project, "--unit", "市经信局", "--as-of", "2025-09-30")
    assert same.output == out
    assert status(project, "--unit", "jxj", "--as-of", "2025-09-30").output == out


def test_unit_json(project):
    r = status(project, "--unit", "jxj", "--as-of", "2025-09-30", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["unit"]["id"] == "jxj"
    assert {i["id"] for i in doc["indicators"]} == {
        "ai-models",
        "concept-centres",
        "pilot-platforms",
        "joint-labs",
        "major-projects",
        "key-rd-projects",
    }
    assert doc["latest_report"]["problems"] == ["部分企业数据基础薄弱", "人才缺口较大"]


@pytest.mark.parametrize(
    ("text", "expect"),
    [("不存在局", "计划中没有单位“不存在局”"), ("区", "可指多个单位")],
)
def test_unknown_or_ambiguous_unit_is_a_usage_error(project, text, expect):
    r = status(project, "--unit", text)
    assert r.exit_code == 2, r.output
    assert expect in r.output and "Traceback" not in r.output


def test_bad_as_of_is_a_usage_error(project):
    r = status(project, "--as-of", "2025-13-01")
    assert r.exit_code == 2
    assert "不是有效日期" in r.output


def test_fail_on_gates(project):
    assert status(project, "--as-of", "2025-05-20", "--fail-on", "overdue").exit_code == 0
    r = status(project, "--as-of", "2025-08-10", "--fail-on", "overdue")
    assert r.exit_code == 1 and "--fail-on overdue" in r.output
    assert status(project, "--as-of", "2025-08-10", "--fail-on", "red").exit_code == 1
    assert status(project, "--as-of", "2025-05-20", "--fail-on", "red").exit_code == 0


def test_same_input_same_bytes(project):
    first = status(project, "--as-of", "2025-09-30")
    second = status(project, "--as-of", "2025-09-30")
    assert first.output == second.output
    first = status(project, "--as-of", "2025-09-30", "--json")
    assert first.output == status(project, "--as-of", "2025-09-30", "--json").output


def test_bad_files_do_not_hide_the_rest(project):
    (project / "data/reports/jxj/2025-08.yaml").write_text(
        "unit: jxj\nmonth: 2025-08\nindicators: {ai-models: 8500亿}\n", encoding="utf-8"
    )
    r = status(project, "--as-of", "2025-09-30")
    assert r.exit_code == 0, r.output
    assert "数据有 2 个错误" in r.output and "jianyian validate" in r.output
    assert " *部署垂直行业" in r.output  # its value may be incomplete
    doc = json.loads(status(project, "--as-of", "2025-09-30", "--json").stdout)
    assert doc["data"]["unreadable"] == ["data/reports/jxj/2025-08.yaml"]


@pytest.mark.parametrize("unit", ["kjj", "市经信局", "市科技创新局"])
def test_a_report_whose_folder_and_unit_disagree_counts_for_no_one(make_project, unit):
    """In jxj/ but saying another unit (or a name): 文件有错误 for jxj, nothing for the other."""
    july = monthly(unit, "2025-07", "ai-models: 4", "submitted: 2025-08-03\n")
    root = make_project({"jxj/2025-07.yaml": july})
    doc = json.loads(status(root, "--as-of", "2025-08-10", "--json").stdout)
    assert doc["data"]["unreadable"] == ["data/reports/jxj/2025-07.yaml"]
    july_rows = {
        (d["unit"], d["period"])
        for d in [*doc["overdue"], *doc["late"]]
        if d["period"] == "2025-07"
    }
    assert ("jxj", "2025-07") not in july_rows  # not 逾期: it sent a file, with an error
    assert ("kjj", "2025-07") in july_rows  # and the file does not count for kjj either
    ai = next(i for i in doc["indicators"] if i["id"] == "ai-models")
    assert ai["value"] is None  # its 4 counts for no one
    r = status(root, "--as-of", "2025-08-10", "--unit", "jxj")
    line = next(x for x in r.stdout.splitlines() if "信息（2025年7月）" in x)
    assert "文件有错误" in line and "逾期" not in line, line


def test_a_broken_plan_is_a_data_error(make_project):
    root = make_project()
    (root / "data/targets.yaml").write_text("version: 1\nplan: [\n", encoding="utf-8")
    r = status(root)
    assert r.exit_code == 1
    assert "计划文件 data/targets.yaml 有错误" in r.output


def test_git_dates_decide_on_time_or_late(make_project):
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 4")})
    git_init(root)
    git_commit(root, ["data"], "July report", date="2025-08-07T10:00:00+08:00")
    doc = json.loads(status(root, "--as-of", "2025-08-31", "--json").stdout)
    assert [x for x in doc["late"] if x["unit"] == "jxj"] == [
        {
            "unit": "jxj",
            "deliverable": "info",
            "period": "2025-07",
            "due": "2025-08-05",
            "submitted": "2025-08-07",
            "declared": False,  # git's date, not the report's own
            "days_late": 2,
        }
    ]


def test_a_self_declared_date_before_the_commit_is_marked(make_project):
    # The unit says it sent July's report on 4 August; the office committed it on the 6th.
    report = monthly("wjw", "2025-07", extra="submitted: 2025-08-04\n")
    june = monthly("wjw", "2025-06", extra="submitted: 2025-07-03\n")
    root = make_project({"wjw/2025-06.yaml": june})
    git_init(root)
    git_commit(root, ["data"], "June report", date="2025-07-03T10:00:00+08:00")
    (root / "data/reports/wjw/2025-07.yaml").write_text(report, encoding="utf-8")
    git_commit(root, ["data"], "July report", date="2025-08-06T10:00:00+08:00")
    doc = json.loads(status(root, "--unit", "wjw", "--as-of", "2025-08-31", "--json").stdout)
    july = next(d for d in doc["deliverables"] if d["period"] == "2025-07")
    assert (july["state"], july["submitted"], july["declared"]) == ("on_time", "2025-08-04", True)
    out = status(root, "--unit", "wjw", "--as-of", "2025-08-31").stdout
    assert "2025年8月4日（自报日期）" in out
    # A date git agrees with is no 自报日期.
    june = next(d for d in doc["deliverables"] if d["period"] == "2025-06")
    assert (june["submitted"], june["declared"]) == ("2025-07-03", False)


@pytest.mark.parametrize("text", ["20250930", "2025-9-30", "2025-W40-2"])
def test_as_of_must_be_written_in_full(project, text):
    r = status(project, "--as-of", text)
    assert r.exit_code == 2, r.output
    assert f"--as-of 的值“{text}”不是有效日期" in r.output


def test_a_compact_submitted_date_is_not_guessed(make_project):
    root = make_project(
        {"jxj/2025-07.yaml": monthly("jxj", "2025-07", extra='submitted: "20250803"\n')}
    )
    r = runner.invoke(app, ["validate", "--root", str(root)])
    assert r.exit_code == 1
    assert "“20250803”不是有效日期，应写作 YYYY-MM-DD" in r.output


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], ["validate", "--help"]])
def test_help_is_chinese(args):
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("用法：jianyian")
    assert "选项" in r.output and "显示本帮助并退出。" in r.output
    assert "Usage" not in r.output and "Options" not in r.output and "[required]" not in r.output


def test_version_answers_without_loading_the_commands():
    import subprocess
    import sys

    code = (
        "import sys; sys.argv = ['jianyian', '--version']\n"
        "from jianyian.entry import main; main()\n"
        "print(sorted(m for m in ('typer', 'pydantic', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from jianyian import __version__

    assert out.stdout.splitlines() == [f"jianyian {__version__}", "[]"]


def test_bare_command_shows_the_help_once():
    r = runner.invoke(app, [])
    assert r.exit_code == 0, r.output
    assert r.output.count("用法：jianyian") == 1
    assert "validate" in r.output and "status" in r.output and "brief" in r.output


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["statu"], "用法错误：没有命令 statu，是否指 status？"),
        (["set", "--unit", "jxj", "--month", "2025-08"], "用法错误：缺少 指标=数值"),
        (["brief"], "用法错误：缺少 --month"),
    ],
)
def test_usage_errors_are_chinese(args, expect):
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert expect in r.output
