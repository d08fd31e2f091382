"""Synthetic projects for the benchmark: a plan shaped like the real one, scaled up.

``make_project(dest, units, months)`` writes ``data/targets.yaml`` (same schema as
the shipped plan: units, a district group, tasks with lead and responsible units,
indicators reported by lead units or summed over districts, stages and the same
kinds of deliverables) and one valid monthly report per member unit per month,
then commits them to a git repository, one commit per month dated the 3rd of the
following month (fixed dates, so the history is reproducible).

``make_real(dest, repo)`` does the same on the real plan: every member unit
reports every month of the real period.

Deterministic: the same arguments give byte-identical files and commits.
"""

from __future__ import annotations

import os
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: Bump when the generated data change, so cached trees are rebuilt.
GENERATOR_VERSION = 4
#: The synthetic plans start in this year. Sixty months from it end before any day the
#: bench runs: a commit dated after today draws a warning per file (JY015) in status and
#: in the briefing, which would be measured instead of the work.
FIRST_YEAR = 2020

DISTRICT_SHARE = 0.4
FILLER = (
    "围绕建议案办理工作方案确定的目标任务，本单位召开专题会议研究部署，",
    "细化责任清单和时间节点，加强与牵头单位的沟通衔接，",
    "组织重点企业开展调研走访，协调解决项目推进中的用地、资金和人才问题，",
    "推动一批重点项目加快建设，相关工作总体按序时进度推进。",
)
PROBLEMS = ("部分企业数据基础薄弱", "项目用地指标偏紧", "专业人才储备不足", "配套资金到位较慢")
NEXT_STEPS = ("加快推进智能工厂建设", "加强要素保障", "持续跟踪重点项目", "做好信息报送工作")


@dataclass
class Unit:
    id: str
    name: str
    short: str
    kind: str


@dataclass
class Indicator:
    id: str
    name: str
    target: int
    measure: str
    reporters: list[str] = field(default_factory=list)
    combine: str = "single"


@dataclass
class Task:
    id: str
    number: str
    lead: str
    responsible: list[str]
    indicators: list[Indicator]


def _month_list(start_year: int, count: int) -> list[str]:
    out = []
    y, m = start_year, 1
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _next_month(month: str) -> str:
    y, m = map(int, month.split("-"))
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{y:04d}-{m:02d}"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class SyntheticPlan:
    """The shape of a province-sized plan: ``n_units`` units over ``n_months`` months."""

    def __init__(self, n_units: int, n_months: int, seed: int = 2025) -> None:
        self.rng = random.Random(seed)
        self.months = _month_list(FIRST_YEAR, n_months)
        n_districts = max(2, int(n_units * DISTRICT_SHARE))
        n_departments = n_units - n_districts
        self.units = [
            Unit(f"d{i:04d}", f"第{i}号市直部门", f"{i}号部门", "department")
            for i in range(1, n_departments + 1)
        ] + [
            Unit(f"q{i:04d}", f"第{i}号区人民政府", f"{i}号区", "district")
            for i in range(1, n_districts + 1)
        ]
        departments = [u.id for u in self.units if u.kind == "department"]
        self.districts = [u.id for u in self.units if u.kind == "district"]
        # One task per four departments: a lead and three responsible departments,
        # plus the district group, like the real plan's tasks.
        self.tasks: list[Task] = []
        for ti, start in enumerate(range(0, len(departments), 4)):
            chunk = departments[start : start + 4]
            lead, rest = chunk[0], chunk[1:]
            inds = [
                Indicator(
                    f"t{ti + 1}-ind{k + 1}",
                    f"第{ti + 1}项任务第{k + 1}项指标",
                    self.rng.choice((10, 20, 30, 100, 300, 1000)),
                    self.rng.choice(("个", "家", "项", "亿元", "万人")),
                    [lead],
                )
                for k in range(1 + ti % 3)
            ]
            if ti == 0:  # summed over districts, like innovation-space
                inds.append(
                    Indicator(
                        "innovation-space",
                        "新建创新创业特色街区、创新园区",
                        100 * len(self.districts),
                        "万平方米",
                        ["districts"],
                        "sum",
                    )
                )
            self.tasks.append(Task(f"t{ti + 1}", f"（{ti + 1}）", lead, [*rest, "districts"], inds))
        self.goal_reporter = departments[0]

    # -- reporters ------------------------------------------------------

    def indicators_of(self, unit: str) -> list[Indicator]:
        out = []
        for task in self.tasks:
            for ind in task.indicators:
                if unit in ind.reporters or (
                    "districts" in ind.reporters and unit in self.districts
                ):
                    out.append(ind)
        if unit == self.goal_reporter:
            out.append(Indicator("projects-started", "开工亿元以上产业项目", 480, "个"))
            out += [
                Indicator(pid, pname, 0, "亿元")
                for pid, pname in (("industry-a", "甲产业规模"), ("industry-b", "乙产业规模"))
            ]
        return out

    # -- the plan -------------------------------------------------------

    def targets_yaml(self) -> str:
        first, last = self.months[0], self.months[-1]
        lm = int(last.split("-")[1])
        end_day = 31 if lm in (1, 3, 5, 7, 8, 10, 12) else 30 if lm != 2 else 28
        mid = self.months[len(self.months) // 2]
        lines = [
            "# 合成的基准测试方案（jianyian bench 生成，仅供性能测试，不是真实数据）",
            "version: 1",
            "",
            "plan:",
            "  id: bench-synthetic",
            "  title: 基准测试合成办理工作方案",
            "  proposal: 基准测试合成建议案",
            "  notice: 基准测试合成通知",
            "  issuer: 基准测试",
            f"  issued: {first}-01",
            f"  start: {first}-01",
            f"  end: {last}-{end_day:02d}",
            "  leading_group: 基准测试领导小组",
            f"  office: {self.goal_reporter}",
            "  office_staff: []",
            "",
            "settings:",
            "  thresholds: {yellow: 10, red: 30}",
            "  member_units: responsible_units",
            f"  goal_reporters: [{self.goal_reporter}]",
            "",
            "units:",
        ]
        for u in self.units:
            kind = "" if u.kind == "department" else f", kind: {u.kind}"
            lines.append(
                f"  - {{id: {u.id}, name: {u.name}, short: {u.short}{kind}, liaisons: []}}"
            )
        lines += [
            "",
            "groups:",
            "  - id: districts",
            "    name: 各区人民政府",
            "    aliases: [各相关区人民政府]",
            "    members:",
        ]
        lines += [f"      - {d}" for d in self.districts]
        lines += [
            "",
            "goals:",
            "  text: >-",
            "    力争开工亿元以上产业项目480个，两大产业总规模突破2万亿元（合成数据）。",
            "  indicators:",
            "    - {id: projects-started, name: 开工亿元以上产业项目, target: 480, measure: 个, qualifier: 力争}",
            "    - id: industries-total",
            "      name: 两大产业总规模",
            "      target: 20000",
            "      measure: 亿元",
            "      qualifier: 突破",
            "      parts: [industry-a, industry-b]",
            "    - {id: industry-a, name: 甲产业规模, target: 12000, measure: 亿元}",
            "    - {id: industry-b, name: 乙产业规模, target: 8000, measure: 亿元}",
            "",
            "tasks:",
        ]
        for t in self.tasks:
            lines += [
                f"  - id: {t.id}",
                f"    number: {t.number}",
                "    section: 合成任务",
                f"    title: 第{t.id[1:]}项合成任务",
                "    text: >-",
                "      " + "".join(FILLER),
                f"    lead: [{t.lead}]",
                f"    responsible: [{', '.join(t.responsible)}]",
                "    indicators:",
            ]
            for ind in t.indicators:
                extra = f", reporters: [{', '.join(ind.reporters)}]" if ind.reporters else ""
                if ind.combine != "single":
                    extra += f", combine: {ind.combine}"
                lines.append(
                    f"      - {{id: {ind.id}, name: {ind.name}, target: {ind.target}, "
                    f"measure: {ind.measure}{extra}}}"
                )
        lines += [
            "",
            "stages:",
            "  - id: mobilise",
            "    name: 动员部署阶段",
            f"    end: {first}-28",
            "    text: 制订方案，分解任务。",
            "  - id: implement",
            "    name: 办理落实阶段",
            f"    start: {first}-01",
            f"    end: {mid}-28",
            "    text: 各责任单位开展办理工作。",
            "  - id: conclude",
            "    name: 总结汇报阶段",
            f"    start: {_next_month(mid)}-01",
            f"    end: {last}-{end_day:02d}",
            "    text: 提交年度总结。",
            "",
            "deliverables:",
            "  - {id: handling-plan, name: 具体办理方案, kind: once, owed_by: responsible_units,"
            f" stage: mobilise, due: {first}-28}}",
            "  - {id: info, name: 信息, kind: monthly, owed_by: member_units, due_day: 5}",
            "  - {id: half-year-summary, name: 上半年办理工作小结, kind: once,"
            f" owed_by: responsible_units, stage: implement, due: {mid}-28}}",
            "  - {id: annual-summary, name: 办理工作年度总结, kind: once,"
            f" owed_by: responsible_units, stage: conclude, due: {last}-20}}",
            "",
            "# 合成数据：只按周末顺延（节假日从略）。",
            "calendar: [" + ", ".join(f"{{year: {y}}}" for y in self.calendar_years()) + "]",
        ]
        return "\n".join(lines) + "\n"

    def calendar_years(self) -> list[int]:
        """Every year a due date of the plan can fall in (the last month's report is due next year)."""
        first, last = int(self.months[0][:4]), int(self.months[-1][:4])
        return list(range(first, last + 2))

    def member_units(self) -> list[str]:
        return [u.id for u in self.units]

    def unit_name(self, unit_id: str) -> str:
        return next(u.name for u in self.units if u.id == unit_id)


def report_yaml(
    rng: random.Random,
    unit: str,
    unit_name: str,
    month: str,
    values: dict[str, tuple[float, str]],
    tasks: dict[str, str] | None = None,
) -> str:
    """One valid monthly report, written the way the README shows it."""
    lines = [f"unit: {unit}", f"month: {month}"]
    if values:
        lines.append("indicators:")
        for i, (key, (value, measure)) in enumerate(values.items()):
            shown = f"{value:g}"
            if i % 2:
                lines.append(f"  {key}: {{value: {shown}, note: 本月新增（{measure}）}}")
            else:
                lines.append(f"  {key}: {shown}")
    if tasks:
        lines.append("tasks:")
        lines += [f"  {key}: {state}" for key, state in tasks.items()]
    y, m = month.split("-")
    body = [
        "".join(rng.sample(FILLER, len(FILLER))),
        "".join(rng.sample(FILLER, 2)),
    ]
    lines += [
        "info:",
        f"  title: {unit_name}{int(y)}年{int(m)}月推进建议案办理工作情况",
        "  body: |",
        *(f"    {p}" for p in body),
        f"problems: [{rng.choice(PROBLEMS)}]",
        "next_steps:",
        f"  - {rng.choice(NEXT_STEPS)}",
        f"  - {rng.choice(NEXT_STEPS)}",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- git


def _git_env(day: str) -> dict[str, str]:
    env = dict(os.environ)
    stamp = f"{day}T10:00:00+08:00"
    env.update(
        GIT_AUTHOR_NAME="基准测试",
        GIT_AUTHOR_EMAIL="bench@example.gov.cn",
        GIT_COMMITTER_NAME="基准测试",
        GIT_COMMITTER_EMAIL="bench@example.gov.cn",
        GIT_AUTHOR_DATE=stamp,
        GIT_COMMITTER_DATE=stamp,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    return env


def _git(root: Path, *args: str, day: str = f"{FIRST_YEAR}-01-01") -> None:
    subprocess.run(
        ["git", *args], cwd=root, env=_git_env(day), check=True, stdout=subprocess.DEVNULL
    )


def _write_and_commit(root: Path, targets: str, by_month: dict[str, dict[str, str]]) -> int:
    """Write the plan and reports month by month, one commit per month. Returns file count."""
    (root / "data" / "reports").mkdir(parents=True)
    (root / "data" / "targets.yaml").write_text(targets, encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    first = next(iter(by_month), f"{FIRST_YEAR}-01")
    _git(root, "add", "data/targets.yaml")
    _git(root, "commit", "-q", "-m", "方案", day=f"{first}-01")
    count = 0
    made: set[str] = set()
    for month, files in by_month.items():
        for unit, text in files.items():
            folder = root / "data" / "reports" / unit
            if unit not in made:
                folder.mkdir()
                made.add(unit)
            (folder / f"{month}.yaml").write_text(text, encoding="utf-8")
            count += 1
        _git(root, "add", "data/reports")
        _git(root, "commit", "-q", "-m", f"{month} 月报", day=f"{_next_month(month)}-03")
    return count


def make_project(dest: Path, n_units: int, n_months: int) -> int:
    """A synthetic project of ``n_units × n_months`` monthly reports at ``dest``."""
    plan = SyntheticPlan(n_units, n_months)
    rng = random.Random(7)
    totals: dict[tuple[str, str], float] = {}
    by_month: dict[str, dict[str, str]] = {}
    for mi, month in enumerate(plan.months):
        files = {}
        for unit in plan.member_units():
            values = {}
            for ind in plan.indicators_of(unit):
                share = len(plan.districts) if ind.combine == "sum" else 1
                step = max(1, ind.target // (share * len(plan.months))) if ind.target else 50
                if ind.id.startswith("industry-"):  # a level, not a cumulative count
                    values[ind.id] = (1000 + 10 * mi, ind.measure)
                    continue
                total = totals.get((unit, ind.id), 0) + rng.randint(0, step)
                totals[(unit, ind.id)] = total
                values[ind.id] = (total, ind.measure)
            files[unit] = report_yaml(rng, unit, plan.unit_name(unit), month, values)
        by_month[month] = files
    return _write_and_commit(dest, plan.targets_yaml(), by_month)


def make_real(dest: Path, repo: Path) -> int:
    """The real plan, every member unit reporting every month of its period."""
    sys_path = str(repo / "src")
    import sys

    if sys_path not in sys.path:
        sys.path.insert(0, sys_path)
    from jianyian.load import load_plan  # the real plan's own reading of itself

    plan, _, _ = load_plan(repo)
    assert plan is not None, "data/targets.yaml does not load"
    rng = random.Random(7)
    by_month: dict[str, dict[str, str]] = {}
    totals: dict[tuple[str, str], float] = {}
    leads = {}
    for task in plan.tasks:
        if not task.indicators:
            for unit in plan.expand(task.lead):
                leads.setdefault(unit, {})[task.id] = "推进中"
    for mi, month in enumerate(plan.months):
        files = {}
        for unit in plan.member_units:
            values = {}
            for ind_id in plan.indicators_of_unit.get(unit, []):
                ind = plan.indicator_by_id[ind_id]
                if ind.kind in ("level", "rate"):  # a stock or a rate, not a running total
                    values[ind_id] = (ind.target * (0.8 + 0.02 * mi), ind.measure)
                    continue
                step = max(1, int(ind.target) // len(plan.months))
                total = totals.get((unit, ind_id), 0) + rng.randint(0, step)
                totals[(unit, ind_id)] = total
                values[ind_id] = (total, ind.measure)
            files[unit] = report_yaml(
                rng, unit, plan.unit_label(unit), month, values, leads.get(unit)
            )
        by_month[month] = files
    targets = (repo / "data" / "targets.yaml").read_text(encoding="utf-8")
    return _write_and_commit(dest, targets, by_month)
