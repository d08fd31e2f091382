"""`jianyian plan` and `plan --json`: the notice, transcribed completely and checked number by number."""

from __future__ import annotations

import json

import pytest

from jianyian.cli import app

from ..conftest import REPO, runner

#: Every number of the notice, by the indicator that carries it:
#: id → (target, measure, qualifier, task id or None for the overall goals).
NUMBERS: dict[str, tuple[float, str, str | None, str | None]] = {
    "projects-started": (480, "个", "力争", None),
    "industries-total": (20000, "亿元", "突破", None),
    "optoelectronics": (8500, "亿元", None, None),
    "health": (6600, "亿元", None, None),
    "automotive": (4250, "亿元", None, None),
    "equipment": (2500, "亿元", None, None),
    "beidou": (800, "亿元", None, None),
    "ai-models": (20, "个", None, "t1-1"),
    "concept-centres": (10, "家", None, "t1-2"),
    "pilot-platforms": (20, "家", "以上", "t1-2"),
    "joint-labs": (3, "家", None, "t1-2"),
    "major-projects": (10, "个", None, "t1-2"),
    "key-rd-projects": (100, "个", None, "t1-2"),
    "lab-achievements": (10, "项", "以上", "t1-3"),
    "tech-managers": (1000, "名", None, "t1-3"),
    "achievements-transferred": (30, "项", None, "t1-3"),
    "digital-trade-platforms": (10, "个", None, "t2-1"),
    "cross-border-parks": (2, "个", None, "t2-1"),
    "overseas-warehouses": (2, "个", None, "t2-1"),
    "new-trade-firms": (300, "家", "以上", "t2-1"),
    "innovation-space": (100, "万平方米", "以上", "t2-2"),
    "graduates": (30, "万人", "以上", "t3-1"),
    "pe-institutions": (30, "家", "以上", "t3-2"),
    "digital-lines": (100, "条", None, "t3-3"),
    "smart-workshops": (20, "家", None, "t3-3"),
    "smart-factories": (10, "家", None, "t3-3"),
}

DISTRICTS = "各区人民政府"
#: Lead and responsible units of each task, in the notice's words and order
#: (各相关区人民政府 in (二)2 and (二)3 is the 各区人民政府 group).
TASK_UNITS = {
    "t1-1": (
        ["市经信局"],
        ["市自然资源和城乡建设局", "市文旅局", "市商务局", "市卫健委", "市教育局", "市交通运输局",
         "市发改委", "市投资促进局", "市委宣传部", DISTRICTS],
    ),
    "t1-2": (
        ["市发改委", "市经信局"],
        ["市科技创新局", "市市场监管局", "市投资促进局", "各“965”产业链牵头单位", DISTRICTS],
    ),
    "t1-3": (["市科技创新局"], ["市经信局", "市发改委", "市教育局", DISTRICTS]),
    "t2-1": (["市发改委"], ["市商务局", "市投资促进局", "市交通运输局", "市经信局", DISTRICTS]),
    "t2-2": (
        ["市发改委"],
        [DISTRICTS, "市经信局", "市科技创新局", "市自然资源和城乡建设局", "市住房和城市更新局",
         "市商务局", "市市场监管局", "市投资促进局", "市教育局"],
    ),
    "t2-3": (
        ["市发改委"],
        [DISTRICTS, "市委网信办", "市经信局", "市科技创新局", "市交通运输局", "市数据局",
         "市投资促进局", "市自然资源和城乡建设局"],
    ),
    "t3-1": (
        ["市人才工作局"],
        ["市人社局", "市教育局", "市科技创新局", "市投资促进局", DISTRICTS, "武汉人才集团"],
    ),
    "t3-2": (["市委金融办", "市科技创新局"], ["市财政局", DISTRICTS, "武汉金控集团", "武汉投控集团"]),
    "t3-3": (["市数据局", "市经信局"], [DISTRICTS, "武汉投控集团"]),
}  # fmt: skip

TASK_NUMBERS = [
    "（一）1",
    "（一）2",
    "（一）3",
    "（二）1",
    "（二）2",
    "（二）3",
    "（三）1",
    "（三）2",
    "（三）3",
]


def invoke(*args: str, **env: str):
    return runner.invoke(app, list(args), env={"GITHUB_ACTIONS": None, "COLUMNS": "200", **env})


@pytest.fixture(scope="module")
def doc() -> dict:
    result = invoke("plan", "--root", str(REPO), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def text() -> str:
    result = invoke("plan", "--root", str(REPO))
    assert result.exit_code == 0, result.output
    return result.stdout


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


# ---------------------------------------------------------------- plan --json


def test_json_is_versioned_with_documented_keys(doc: dict) -> None:
    assert doc["version"] == 3
    assert list(doc) == [
        "version", "plan", "settings", "units", "groups", "goals", "tasks",
        "indicators", "actions", "stages", "deliverables", "calendar",
    ]  # fmt: skip
    for ind in doc["indicators"]:
        for key in ("id", "name", "target", "measure", "kind", "baseline", "comparator", "qualifier", "task", "reporters", "combine", "parts"):  # fmt: skip
            assert key in ind, (ind["id"], key)


def test_plan_header(doc: dict) -> None:
    p = doc["plan"]
    assert p["title"] == "市政协十四届四次会议2号建议案办理工作方案"
    assert (p["issuer"], p["issued"]) == ("武汉市人民政府办公厅", "2025-05-05")
    assert (p["start"], p["end"]) == ("2025-05-01", "2025-12-31")
    assert p["office"] == "fgw" and by_id(doc["units"])["fgw"]["name"] == "市发改委"
    assert p["leading_group"] == "2号建议案办理工作领导小组"
    assert len(p["months"]) == 8


@pytest.mark.parametrize("ind_id", list(NUMBERS))
def test_every_number_of_the_notice(doc: dict, ind_id: str) -> None:
    target, measure, qualifier, task = NUMBERS[ind_id]
    ind = by_id(doc["indicators"])[ind_id]
    assert ind["target"] == target and isinstance(ind["target"], int)
    assert ind["measure"] == measure
    assert ind["qualifier"] == qualifier
    # 突破 means more than (2万亿元 exactly has not 突破); the others at least.
    assert ind["comparator"] == ("more_than" if qualifier == "突破" else "at_least")
    assert ind["kind"] == "ytd"  # 1–N月累计 of 2025, the five industries' revenue too
    assert ind["task"] == task
    assert ind["goal"] is (task is None)
    # The number as the notice writes it, in its task's (or the goals') own text.
    written = f"{target}{measure}{'以上' if qualifier == '以上' else ''}"
    if ind_id == "industries-total":
        written = "突破2万亿元"
    if task is not None:
        assert ind_id in by_id(doc["tasks"])[task]["indicators"]
        assert written in by_id(doc["tasks"])[task]["text"]
    else:
        assert ind_id in doc["goals"]["indicators"]
        assert written in doc["goals"]["text"]


def test_no_indicator_beyond_the_notice(doc: dict) -> None:
    assert sorted(i["id"] for i in doc["indicators"]) == sorted(NUMBERS)


def test_total_is_the_sum_of_five_industries(doc: dict) -> None:
    inds = by_id(doc["indicators"])
    total = inds["industries-total"]
    assert total["parts"] == ["optoelectronics", "health", "automotive", "equipment", "beidou"]
    assert sum(inds[p]["target"] for p in total["parts"]) == 22650  # as the notice adds up
    assert total["target"] == 20000  # and its own target, kept as the notice says
    assert total["reporters"] == []  # computed, never reported
    assert total["reporters_declared"] == []  # not settings.goal_reporters either
    assert inds["optoelectronics"]["reporters_declared"] == ["fgw"]
    assert total["kind"] == "ytd" and total["comparator"] == "more_than"


def test_reporters_and_combine(doc: dict) -> None:
    inds = by_id(doc["indicators"])
    assert inds["ai-models"]["reporters"] == ["jxj"]
    assert inds["projects-started"]["reporters"] == ["fgw"]
    assert inds["innovation-space"]["combine"] == "sum"
    assert len(inds["innovation-space"]["reporters"]) == 18
    for ind in doc["indicators"]:
        if ind["combine"] == "single" and not ind["parts"]:
            assert len(ind["reporters"]) == 1, ind["id"]


def test_nine_tasks_with_the_notice_units(doc: dict) -> None:
    names = {u["id"]: u["name"] for u in doc["units"]} | {g["id"]: g["name"] for g in doc["groups"]}
    tasks = doc["tasks"]
    assert [t["number"] for t in tasks] == TASK_NUMBERS
    for t in tasks:
        lead, responsible = TASK_UNITS[t["id"]]
        assert [names[u] for u in t["lead"]] == lead, t["id"]
        assert [names[u] for u in t["responsible"]] == responsible, t["id"]
        assert t["qualitative"] is (t["id"] == "t2-3")


def test_units_named_in_the_notice(doc: dict) -> None:
    units = by_id(doc["units"])
    named = {n for lead, resp in TASK_UNITS.values() for n in lead + resp}
    named -= {DISTRICTS, "各“965”产业链牵头单位"}
    assert named <= {u["name"] for u in units.values()}
    for u in units.values():
        assert u["liaisons"] == [] and u["short"]
    assert len(units) == 22 + 18


def test_groups(doc: dict) -> None:
    groups = by_id(doc["groups"])
    districts = groups["districts"]
    assert districts["name"] == DISTRICTS and "各相关区人民政府" in districts["aliases"]
    assert len(districts["members"]) == 18 and districts["confirmed"] is False
    names = {by_id(doc["units"])[m]["short"] for m in districts["members"]}
    assert {"东湖高新区", "武汉经开区", "临空港经开区", "长江新区", "东湖风景区"} <= names
    chain = groups["chain-leads"]
    assert chain["members"] == [] and chain["members_unknown"] is True


def test_stages(doc: dict) -> None:
    assert [(s["id"], s["name"], s["end"]) for s in doc["stages"]] == [
        ("mobilise", "动员部署阶段", "2025-05-31"),
        ("implement", "办理落实阶段", "2025-09-30"),
        ("conclude", "总结汇报阶段", "2025-12-31"),
    ]


def test_deliverables_and_due_dates(doc: dict) -> None:
    d = by_id(doc["deliverables"])
    responsible = sorted(u["id"] for u in doc["units"])
    # due_dates[].due is rolled past weekends and holidays; nominal is the plan's date.
    for once, nominal, due in [
        ("handling-plan", "2025-05-31", "2025-06-03"),  # Saturday, then 端午 31 May–2 June
        ("half-year-summary", "2025-06-30", "2025-06-30"),
        ("annual-summary", "2025-11-30", "2025-12-01"),  # Sunday
    ]:
        assert d[once]["due"] == nominal
        assert d[once]["due_dates"] == [{"period": once, "due": due, "nominal": nominal}]
        assert sorted(d[once]["owed_by"]) == responsible  # 各责任单位, leads included
    assert d["city-half-year-summary"]["owed_by"] == ["fgw"]
    assert d["city-half-year-summary"]["due"] == "2025-07-15"
    assert d["city-annual-summary"]["owed_by"] == ["fgw"]
    assert d["city-annual-summary"]["due"] == "2025-12-31"
    info = d["info"]
    assert (info["kind"], info["due_day"], info["due"]) == ("monthly", 5, None)
    assert info["due_dates"][0] == {
        "period": "2025-05",
        "due": "2025-06-05",
        "nominal": "2025-06-05",
    }
    assert info["due_dates"][1] == {
        "period": "2025-06",
        "due": "2025-07-07",
        "nominal": "2025-07-05",
    }
    assert info["due_dates"][4] == {
        "period": "2025-09",
        "due": "2025-10-09",
        "nominal": "2025-10-05",
    }
    assert info["due_dates"][-1] == {
        "period": "2025-12",
        "due": "2026-01-05",
        "nominal": "2026-01-05",
    }
    assert len(info["due_dates"]) == 8
    assert sorted(info["owed_by"]) == responsible  # 成员单位 taken as the responsible units


def test_json_is_deterministic() -> None:
    first = invoke("plan", "--root", str(REPO), "--json").stdout
    assert first == invoke("plan", "--root", str(REPO), "--json").stdout


# ---------------------------------------------------------------- plan (text)


def test_text_shows_everything(text: str) -> None:
    assert text.startswith("市政协十四届四次会议2号建议案办理工作方案\n")
    assert "武汉市人民政府办公厅 2025年5月5日印发" in text
    for heading in ("一、工作目标", "二、工作任务", "三、报送事项", "四、单位组"):
        assert heading in text
    assert "共 40 个单位、26 项指标、58 个事项。" in text


@pytest.mark.parametrize(
    ("ind_id", "shown"),
    [
        ("projects-started", "力争480个"),
        ("industries-total", "突破2万亿元"),
        ("optoelectronics", "8500亿元"),
        ("beidou", "800亿元"),
        ("ai-models", "20个"),
        ("pilot-platforms", "20家以上"),
        ("tech-managers", "1000名"),
        ("innovation-space", "100万平方米以上"),
        ("graduates", "30万人以上"),
        ("smart-factories", "10家"),
    ],
)
def test_text_line_of_each_indicator(text: str, ind_id: str, shown: str) -> None:
    [line] = [x for x in text.splitlines() if f"[{ind_id}]" in x or f"（{ind_id}）" in x]
    assert shown in line


def test_text_tasks_and_qualitative(text: str) -> None:
    for number in TASK_NUMBERS:
        assert any(line.startswith(number) for line in text.splitlines()), number
    assert "无量化指标，按各事项的进展跟踪" in text  # (二)3: 5 actions, no number
    assert "通知未列出，待办公室补充" in text


# ---------------------------------------------------------------- broken plans


def test_plan_that_does_not_load(make_project) -> None:
    root = make_project(targets="version: 2\n")
    result = invoke("plan", "--root", str(root))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == "计划文件有错误，无法显示。运行 jianyian validate 查看全部问题。"
    assert "data/targets.yaml:1:10: error: version（文件格式版本）应为以下之一：1 [JY012]" in lines


def test_plan_with_check_errors_is_shown_and_exits_1(make_project) -> None:
    targets = (REPO / "data/targets.yaml").read_text(encoding="utf-8")
    root = make_project(targets=targets.replace("lead: [kjj]", "lead: [kjjj]"))
    result = invoke("plan", "--root", str(root), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["version"] == 3
    assert "单位 kjjj 未在 units 中声明，是否指 kjj？ [JY040]" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("计划文件有错误（见上）")


def test_plan_warnings_are_not_printed() -> None:
    result = invoke("plan", "--root", str(REPO), "--json")
    assert result.stderr == ""  # the JY042 warning is validate's business


def test_plan_finds_the_root_from_a_subfolder(monkeypatch) -> None:
    monkeypatch.chdir(REPO / "data" / "reports")
    result = invoke("plan", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["plan"]["id"] == "cppcc-14-4-no2"


def test_plan_unknown_option() -> None:
    result = invoke("plan", "--jsn")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("用法错误：没有选项 --jsn")
