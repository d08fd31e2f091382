"""Build the demo project: a fictional but complete jianyian project on the real plan.

Usage (from the repository root)::

    .venv/bin/python examples/demo/build.py examples/demo/project

Writes ``data/targets.yaml`` (a copy of the repository's plan), the reports of
May–September 2025 for every responsible unit (with the progress of the actions
they lead, and a 上半年小结 in sections), the office's 销号 log and its 满意度测评,
and commits them as a git history:
each day's reports in one commit dated that day (17:30, Beijing time), so the
submission dates jianyian reads from git are those below. Authors, dates and
contents are fixed, so two builds give the same commit hashes.

All figures and texts are illustrative (示例数据，非真实数字).

The target folder must not exist, be empty, or be a previous demo build (it then
is replaced); any other folder is refused. Only the standard library and git are
needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TARGETS = REPO / "data" / "targets.yaml"
MARKER = "jianyian-demo"
OFFICE_LOG = (
    "data/office/confirmations.yaml"  # kept inside .git/, so it is never part of the demo's tree
)
AUTHOR = ("领导小组办公室（示例）", "office@demo.invalid")
MONTHS = ["2025-05", "2025-06", "2025-07", "2025-08", "2025-09"]
NOTE = "本文为示例数据，非真实数字。"
#: (unit, month) whose problem is marked coordinate: true
COORDINATE = {("swj", "2025-07")}
#: The office's additions to the July briefing: 按语 and 信息选编 (data/office/briefs/).
BRIEF_NOTES = (
    "2025-08-08",
    "data/office/briefs/2025-07.yaml",
    "# 示例数据（jianyian 演示项目）：7月简报的按语和信息选编\n"
    "note: |\n"
    "  4项指标亮红灯，请有关牵头单位查找原因，8月底前报送整改措施。（示例按语）\n"
    "featured:\n"
    "  - data/reports/jxj/2025-07.yaml\n"
    "  - data/reports/kjj/2025-07.yaml\n",
)

# id, name, what the unit works on (used in its texts)
UNITS: list[tuple[str, str, str]] = [
    ("fgw", "市发改委", "重大产业项目建设和五大优势产业发展"),
    ("jxj", "市经信局", "人工智能赋能制造业和创新平台建设"),
    ("zrzyj", "市自然资源和城乡建设局", "产业用地保障和智能建造"),
    ("wlj", "市文旅局", "智慧文旅和都市圈文旅融合"),
    ("swj", "市商务局", "商圈升级和外贸新业态"),
    ("wjw", "市卫健委", "智慧医疗场景应用"),
    ("jyj", "市教育局", "智慧教育和校企合作"),
    ("jtj", "市交通运输局", "都市圈交通互联互通和物流枢纽"),
    ("tcj", "市投资促进局", "产业链招商和沿海产业转移承接"),
    ("xcb", "市委宣传部", "办理工作宣传和文化产业"),
    ("kjj", "市科技创新局", "湖北实验室成果产出和科技成果转化"),
    ("scjgj", "市市场监管局", "检验检测服务平台建设"),
    ("zgj", "市住房和城市更新局", "闲置房产盘活和楼宇经济"),
    ("wxb", "市委网信办", "国家网络安全人才与创新基地建设"),
    ("sjj", "市数据局", "数据要素保障和智能工厂建设"),
    ("rcj", "市人才工作局", "“武汉英才”计划和“学子聚汉”工程"),
    ("rsj", "市人社局", "高校毕业生就业创业服务"),
    ("jrb", "市委金融办", "私募股权投资机构招引和企业上市"),
    ("czj", "市财政局", "政府引导基金和财政资金保障"),
    ("rcjt", "武汉人才集团", "人才服务平台运营"),
    ("jkjt", "武汉金控集团", "江城基金投资"),
    ("tkjt", "武汉投控集团", "算力基础设施和国资投向创新企业"),
    ("jiangan", "江岸区人民政府", "总部经济和楼宇经济"),
    ("jianghan", "江汉区人民政府", "数字经济集聚区建设"),
    ("qiaokou", "硚口区人民政府", "传统商圈升级和检验检测"),
    ("hanyang", "汉阳区人民政府", "工业园区高质量发展"),
    ("wuchang", "武昌区人民政府", "环大学创新发展带建设"),
    ("qingshan", "青山区人民政府", "传统产业转型升级"),
    ("hongshan", "洪山区人民政府", "环大学创新发展带和科创街区"),
    ("dongxihu", "东西湖区人民政府", "网络安全产业和陆港枢纽"),
    ("hannan", "汉南区人民政府", "通用航空和特色产业"),
    ("caidian", "蔡甸区人民政府", "沉湖国际小镇特色化发展"),
    ("jiangxia", "江夏区人民政府", "金口长江军事主题文化区和高端装备"),
    ("huangpi", "黄陂区人民政府", "临空产业和大健康"),
    ("xinzhou", "新洲区人民政府", "新型工业化基地建设"),
    ("dhgxq", "东湖新技术开发区管委会", "科技创新策源地和光电子信息产业"),
    ("wjkq", "武汉经济技术开发区管委会", "车谷产业创新大走廊"),
    ("lkgq", "临空港经济技术开发区管委会", "国家网络安全人才与创新基地"),
    ("cjxq", "长江新区管委会", "新兴产业项目招引"),
    ("fjq", "东湖生态旅游风景区管委会", "文旅融合和生态旅游"),
]
NAMES = {u: n for u, n, _ in UNITS}
DISTRICTS = [u for u, n, _ in UNITS[22:]]

# Values are 1–N月累计 of 2025 (from 1 January), as the notice's targets are 2025
# targets: for month N a unit reports target × N/12 × its pace (1.0 = exactly on
# 序时进度), so the demo has green, yellow and red indicators and some that recover.
# Integer indicators are rounded; the pace may change from month to month.
PACES: dict[str, dict[str, tuple[float, list[float]]]] = {
    # unit → indicator → (target, pace in May…September)
    "fgw": {
        "projects-started": (480, [0.95, 0.96, 0.97, 0.98, 0.99]),
        "optoelectronics": (8500, [1.0, 1.01, 1.02, 1.02, 1.03]),
        "health": (6600, [0.93, 0.94, 0.95, 0.96, 0.96]),
        "automotive": (4250, [0.74, 0.76, 0.86, 0.9, 0.93]),
        "equipment": (2500, [0.9, 0.91, 0.92, 0.93, 0.94]),
        "beidou": (800, [0.82, 0.84, 0.85, 0.87, 0.9]),
        "digital-trade-platforms": (10, [0.7, 0.8, 0.86, 0.9, 0.94]),
        "new-trade-firms": (300, [0.86, 0.88, 0.9, 0.92, 0.94]),
    },
    "jxj": {
        "ai-models": (20, [1.0, 1.0, 1.03, 1.05, 1.07]),
        "concept-centres": (10, [0.96, 0.8, 0.86, 0.9, 0.94]),
        "pilot-platforms": (20, [1.0, 1.1, 1.1, 1.12, 1.12]),
        "major-projects": (10, [0.96, 0.8, 0.86, 0.9, 0.94]),
        "key-rd-projects": (100, [0.72, 0.74, 0.75, 0.77, 0.8]),
    },
    "kjj": {
        "lab-achievements": (10, [0.48, 0.6, 0.51, 0.6, 0.67]),
        "tech-managers": (1000, [0.78, 0.79, 0.8, 0.82, 0.85]),
        "achievements-transferred": (30, [0.96, 0.93, 0.95, 0.95, 0.98]),
    },
    "jrb": {"pe-institutions": (30, [0.88, 0.87, 0.9, 0.9, 0.94])},
    "sjj": {
        "digital-lines": (100, [0.94, 0.95, 0.95, 0.96, 0.97]),
        "smart-workshops": (20, [0.84, 0.8, 0.86, 0.9, 0.94]),
    },
}
# Series that do not follow a pace: small counts and the seasonal graduates.
FIXED: dict[str, dict[str, list[float]]] = {
    "fgw": {"cross-border-parks": [0, 1, 1, 1, 2], "overseas-warehouses": [0, 0, 0, 1, 1]},
    "jxj": {"joint-labs": [1, 1, 1, 2, 2]},
    "rcj": {"graduates": [5.1, 8.9, 14.6, 19.8, 22.1]},  # 万人: most graduates arrive in June–July
    "sjj": {"smart-factories": [1, 2, 2, 3, 4]},
}
INTEGRAL = {"个", "家", "项", "名", "条"}


def ytd_series(target: float, paces: list[float], measure: str) -> list[float]:
    """1–N月累计 for May…September: target × N/12 × pace."""
    out = []
    for n, pace in zip(range(5, 10), paces, strict=True):
        value = target * n / 12 * pace
        out.append(float(round(value)) if measure in INTEGRAL else round(value, 1))
    return out


MEASURES = {"projects-started": "个", "digital-trade-platforms": "个", "new-trade-firms": "家",
            "ai-models": "个", "concept-centres": "家", "pilot-platforms": "家",
            "major-projects": "个", "key-rd-projects": "个", "lab-achievements": "项",
            "tech-managers": "名", "achievements-transferred": "项", "pe-institutions": "家",
            "digital-lines": "条", "smart-workshops": "家"}  # fmt: skip
VALUES: dict[str, dict[str, list[float]]] = {
    unit: {
        **{key: ytd_series(t, p, MEASURES.get(key, "亿元")) for key, (t, p) in series.items()},
        **FIXED.get(unit, {}),
    }
    for unit, series in PACES.items()
}
VALUES["rcj"] = FIXED["rcj"]
# innovation-space (万平方米): each district's share of the city's 1–N月累计,
# which runs at 88% of 序时进度 (target 100).
SPACE_SHARE = [
    2.1,
    1.6,
    0.9,
    1.3,
    1.8,
    0.7,
    2.4,
    1.2,
    0.5,
    0.6,
    1.1,
    0.8,
    0.4,
    2.6,
    1.5,
    0.6,
    0.9,
    0.3,
]
SPACE_PACE = [0.86, 0.87, 0.88, 0.9, 0.92]


def space_series(district: int) -> list[float]:
    """One district's 1–N月累计 of new space for May…September."""
    share = SPACE_SHARE[district] / sum(SPACE_SHARE)
    return [
        round(100 * n / 12 * pace * share, 1)
        for n, pace in zip(range(5, 10), SPACE_PACE, strict=True)
    ]


# Actions (事项) the lead units report, month by month (May…September): N 未启动,
# P 推进中, D 已完成. 市人才工作局 (rcj, lead of (三)1) never reports its actions.
# Co-led tasks are reported by one of their lead units: (一)2 by 市经信局,
# (三)2 by 市委金融办, (三)3 by 市数据局.
ACTION_PLAN: dict[str, tuple[str, str, str]] = {
    # action → (reporting unit, statuses May…Sep, what it is about)
    "t1-1-1": ("jxj", "PPPPD", "人工智能场景应用计划"),
    "t1-1-2": ("jxj", "PDDDD", "国家人工智能创新应用先导区"),
    "t1-1-3": ("jxj", "NPPDD", "“5G+工业互联网”融合应用试点城市"),
    "t1-1-4": ("jxj", "PPPPP", "垂直行业大模型部署"),
    "t1-1-5": ("jxj", "NNNPP", "工业智能技术与解决方案供给体系"),
    "t1-1-6": ("jxj", "PPDDD", "都市圈联动发展机制"),
    "t1-1-7": ("jxj", "NPPPP", "一小时通勤圈"),
    "t1-2-1": ("jxj", "PDDDD", "重点产业链全景图和招商路线图"),
    "t1-2-2": ("jxj", "PPPPP", "五大优势产业集群"),
    "t1-2-3": ("jxj", "NPPPP", "创新平台建设"),
    "t1-2-4": ("jxj", "PPPPP", "概念验证中心和中试平台"),
    "t1-2-5": ("jxj", "PPPPP", "产业创新联合实验室"),
    "t1-2-6": ("jxj", "PPPPP", "科技重大专项和重点研发计划"),
    "t1-2-7": ("jxj", "PPDPD", "超长期特别国债申报"),
    "t1-3-1": ("kjj", "PPPPP", "前沿领域基础性技术研发"),
    "t1-3-2": ("kjj", "PPPDD", "重大科技基础设施集群"),
    "t1-3-3": ("kjj", "PPPPP", "湖北实验室标志性成果"),
    "t1-3-4": ("kjj", "NDDDD", "前沿技术跟踪体系"),
    "t1-3-5": ("kjj", "PPPPP", "技术经理人培育"),
    "t1-3-6": ("kjj", "PPPPP", "重大科技成果转化"),
    "t1-3-7": ("kjj", "PPPPD", "关键技术攻关"),
    "t1-3-8": ("kjj", "PPPPP", "武创院等新型研发机构"),
    "t1-3-9": ("kjj", "NNPPP", "武汉颠覆性技术创新中心"),
    "t2-1-1": ("fgw", "PPPPP", "枢纽经济"),
    "t2-1-2": ("fgw", "PPPDD", "生产服务型国家物流枢纽申报"),
    "t2-1-3": ("fgw", "PPPPP", "国际贸易新通道和沿海进江新通道"),
    "t2-1-4": ("fgw", "PPPPP", "数字贸易公共服务平台"),
    "t2-1-5": ("fgw", "PPPPP", "跨境电商产业园和公共海外仓"),
    "t2-1-6": ("fgw", "PPPPP", "进出口实绩企业培育"),
    "t2-1-7": ("fgw", "NPPPP", "沿海大型企业总部招引"),
    "t2-2-1": ("fgw", "PDDDD", "中心城区重大项目布局"),
    "t2-2-2": ("fgw", "PPPPP", "闲置房产盘活和生产性服务业"),
    "t2-2-3": ("fgw", "PPPDD", "传统商圈升级"),
    "t2-2-4": ("fgw", "PPPPP", "楼宇经济集聚区"),
    "t2-2-5": ("fgw", "NPPPP", "新一轮工业园区高质量发展行动"),
    "t2-2-6": ("fgw", "NNDDD", "“产业名园”创建"),
    "t2-2-7": ("fgw", "PPPPP", "环大学创新发展带"),
    "t2-2-8": ("fgw", "PPPPP", "创新街区和创新园区建设"),
    "t2-3-1": ("fgw", "PPPPP", "东湖高新区科技创新策源地"),
    "t2-3-2": ("fgw", "PPPPP", "车谷产业创新大走廊"),
    "t2-3-3": ("fgw", "NPPPP", "国家网络安全人才与创新基地和国家陆港枢纽"),
    "t2-3-4": ("fgw", "NPPPP", "新城区差异化发展"),
    "t2-3-5": ("fgw", "NNPPP", "新型工业化基地"),
    "t3-2-1": ("jrb", "PPPDD", "知识价值信用贷款"),
    "t3-2-2": ("jrb", "PPPPP", "“以投代拨”“拨投结合”"),
    "t3-2-3": ("jrb", "NPPPP", "国有资本投向创新企业"),
    "t3-2-4": ("jrb", "PPPPP", "私募股权投资机构招引"),
    "t3-2-5": ("jrb", "PPPPP", "政府引导基金和“耐心资本”"),
    "t3-3-1": ("sjj", "PDDDD", "数据流通利用试点示范"),
    "t3-3-2": ("sjj", "PPPPP", "“智算+超算”多元算力矩阵"),
    "t3-3-3": ("sjj", "NPPPP", "数据要素供给"),
    "t3-3-4": ("sjj", "PPPPP", "中小企业与数据集团合作"),
    "t3-3-5": ("sjj", "PPPPP", "数字化产线和智能车间、智能工厂"),
}
STATUS_WORDS = {"N": "未启动", "P": "推进中", "D": "已完成"}
STEPS = [
    "研究制定工作方案，明确责任分工",
    "召开专题推进会，梳理重点项目清单",
    "赴先进城市学习考察，完善推进举措",
    "组织企业和专家座谈，协调解决堵点问题",
    "按月调度进展，推动重点项目落地",
]
# A responsible unit may report an action too: its words are kept, not its status.
RESPONSIBLE_SAYS: dict[str, dict[str, str]] = {
    "wjkq": {"t2-3-2": "车谷产业创新大走廊核心区项目开工"},
    "wlj": {"t1-1-6": "都市圈文旅年卡发行，9个城市景区互认"},
}
# The office's 销号 log: (day, action, note) confirms; (day, action, None, why) withdraws.
CONFIRMATIONS: list[tuple[str, str, str | None, str | None]] = [
    ("2025-07-15", "t1-1-2", "已核实先导区批复文件", None),
    ("2025-07-15", "t1-2-1", "全景图和招商路线图已印发，已核实", None),
    ("2025-07-15", "t1-3-4", None, None),
    ("2025-07-15", "t2-2-1", "已核实布局方案", None),
    ("2025-07-15", "t3-3-1", "试点示范名单已公布，已核实", None),
    ("2025-08-05", "t1-2-7", "已核实申报材料报送回执", None),
    ("2025-08-12", "t1-2-7", None, "国家发展改革委反馈需补充项目材料，退回补报"),
    ("2025-08-20", "t1-1-6", "已核实联动发展机制文件", None),
    ("2025-08-20", "t2-2-6", None, None),
    ("2025-09-10", "t1-1-3", "试点城市已获批，已核实", None),
    ("2025-09-10", "t2-1-2", "已核实申报材料和国家发展改革委受理回执", None),
]

# 督办 (issue 26): the leading group's meeting of 15 July with three decisions, opened as
# items the next day, and two items born of problems units reported in July. Answered
# (by a reply file or in a monthly report), overdue and closed on different days.
MEETING_DAY = "2025-07-15"
MEETING = {
    "name": "2号建议案办理工作领导小组第二次全体会议（示例）",
    "attended": [
        "领导小组组长",
        "领导小组副组长",
        "市发改委",
        "市经信局",
        "市自然资源和城乡建设局",
        "市人才工作局",
    ],
    # text, units (lead first), reply_by, level
    "decisions": [
        ("加快推进智能工厂梯度培育，形成重点企业清单", ["jxj", "sjj"], "2025-08-15", "黄"),
        ("梳理重大产业项目用地需求，优先保障先导区项目用地", ["zrzyj"], "2025-08-16", "黄"),
        ("研究制定高层次人才引进专项支持措施", ["rcj"], "2025-08-29", "蓝"),
    ],
}
# id → (opened, source, ref, text or None (the decision's / the problem's own words), units,
#       reply_by, level); the meeting's items are DB-2025-001..003 in decision order.
DUBAN_PROBLEMS: dict[str, tuple[str, str, list[str], str, str]] = {
    # id: (opened, report path#N, units, reply_by, level)
    "DB-2025-004": (
        "2025-08-06",
        "data/reports/jtj/2025-07.yaml#1",
        ["jtj", "zrzyj"],
        "2025-08-22",
        "黄",
    ),
    "DB-2025-005": ("2025-08-06", "data/reports/kjj/2025-07.yaml#1", ["kjj"], "2025-08-20", "蓝"),
}
# id → [(day, entry)]: 销号 {"by", "note", "force"?} and 重新督办 {"why", "reply_by"?}.
DUBAN_CLOSED: dict[str, list[tuple[str, dict[str, str]]]] = {
    "DB-2025-001": [("2025-08-20", {"by": "督查科", "note": "已核实重点企业清单"})],
    "DB-2025-003": [
        ("2025-09-10", {"by": "督查科", "note": "专项支持措施已提请市政府常务会议审议"})
    ],
    "DB-2025-004": [("2025-08-28", {"by": "督查科", "note": "用地指标已协调落实"})],
    "DB-2025-005": [
        (
            "2025-09-15",
            {"by": "督查科", "note": "已纳入市重大项目并联审批专班统筹推进", "force": "true"},
        )
    ],
}
DUBAN_REOPENED: dict[str, list[tuple[str, dict[str, str]]]] = {
    "DB-2025-004": [("2025-09-03", {"why": "部分项目开工时间仍未明确", "reply_by": "2025-09-12"})],
}
# Replies the office recorded (jianyian duban reply): (item, unit, day, text, done).
DUBAN_REPLIES: list[tuple[str, str, str, str, bool]] = [
    ("DB-2025-001", "jxj", "2025-08-14", "已形成智能工厂梯度培育重点企业清单（首批120家）", True),
    (
        "DB-2025-004",
        "jtj",
        "2025-08-21",
        "已会同市自然资源和城乡建设局梳理项目用地缺口，正在协调指标",
        False,
    ),
    ("DB-2025-004", "jtj", "2025-09-11", "12个项目用地指标全部落实，开工时间已明确", True),
]
# Replies in a monthly report: (unit, month) → {item: (text, done)}.
DUBAN_IN_REPORTS: dict[tuple[str, str], dict[str, tuple[str, bool]]] = {
    ("rcj", "2025-08"): {
        "DB-2025-003": ("已起草高层次人才引进专项支持措施，征求相关部门意见", True)
    },
}

# Who sends when. Default: the monthly 信息 on day 1–5 of the next month (September's on
# 26–30 September, before the National Day holiday); these units send on the last day
# of the month itself.
EARLY = {"jxj", "sjj"}
# (unit, month) → None (never sent) or the date it arrived (late); a pair means
# (date written in the report's submitted:, date the office committed it).
MONTHLY_EXCEPTIONS: dict[tuple[str, str], str | tuple[str, str] | None] = {
    ("jiangxia", "2025-05"): "2025-06-12",
    ("xcb", "2025-05"): "2025-06-09",
    ("rcj", "2025-05"): "2025-07-02",
    ("xcb", "2025-06"): "2025-07-08",
    ("xinzhou", "2025-06"): "2025-07-10",
    ("jiangxia", "2025-06"): None,
    ("cjxq", "2025-06"): None,
    ("rsj", "2025-07"): None,
    ("wjw", "2025-07"): ("2025-08-04", "2025-08-06"),
    ("huangpi", "2025-08"): None,
    ("cjxq", "2025-08"): "2025-09-11",
    ("qiaokou", "2025-09"): None,
}
# handling-plan (due 31 May) and half-year-summary (due 30 June): exceptions.
PLAN_EXCEPTIONS: dict[str, str | None] = {"fjq": None, "cjxq": "2025-06-06", "xcb": "2025-06-03"}
# 上半年小结 (due 30 June): 新洲区 never sends it; 市财政局 sends it a few days late and
# 市委金融办 (lead of t3-2) only after 15 July, when the office drafts the 半年总结.
SUMMARY_EXCEPTIONS: dict[str, str | None] = {
    "xinzhou": None,
    "czj": "2025-07-04",
    "jrb": "2025-07-18",
}
# The 满意度测评 of the handling (data/office/evaluation.yaml), committed on its day.
EVALUATION_FILE = "data/office/evaluation.yaml"
EVALUATION_DAY = "2025-09-26"
EVALUATION = """\
# 示例数据，非真实数字（jianyian 演示项目）
evaluations:
  - date: 2025-09-26
    by: 市政协提案委员会
    evaluators: 32
    satisfied: 27
    basically_satisfied: 4
    unsatisfied: 1
    opinions:
      - 进一步加大重大产业项目招引力度，加快在谈项目签约落地
      - 加强跨部门数据共享，提高办理工作信息化水平
"""

# Who leads and who shares each task (as data/targets.yaml says), for the 小结's sections.
TASK_UNITS: dict[str, tuple[list[str], list[str]]] = {
    "t1-1": (["jxj"], ["zrzyj", "wlj", "swj", "wjw", "jyj", "jtj", "fgw", "tcj", "xcb"]),
    "t1-2": (["fgw", "jxj"], ["kjj", "scjgj", "tcj"]),
    "t1-3": (["kjj"], ["jxj", "fgw", "jyj"]),
    "t2-1": (["fgw"], ["swj", "tcj", "jtj", "jxj"]),
    "t2-2": (["fgw"], ["jxj", "kjj", "zrzyj", "zgj", "swj", "scjgj", "tcj", "jyj"]),
    "t2-3": (["fgw"], ["wxb", "jxj", "kjj", "jtj", "sjj", "tcj", "zrzyj"]),
    "t3-1": (["rcj"], ["rsj", "jyj", "kjj", "tcj", "rcjt"]),
    "t3-2": (["jrb", "kjj"], ["czj", "jkjt", "tkjt"]),
    "t3-3": (["sjj", "jxj"], ["tkjt"]),
}
# Every district shares every task; each writes two of them, one in the same words as the
# others (the office's draft merges such passages and names them all).
DISTRICT_TASKS = ("t1-1", "t2-2")
DISTRICT_MEASURE = "成立区级办理工作专班，按月调度重点事项，建立问题清单和责任清单"
MEASURES = [
    "制定年度工作要点，细化任务分工和时间节点",
    "召开专题推进会，逐项对照目标查找差距",
    "建立重点项目调度机制，实行清单化管理",
    "组织走访重点企业，协调解决企业诉求",
    "会同相关部门出台配套支持政策",
]
TASK_PROBLEMS = [
    "部分项目前期手续办理周期较长，进度慢于预期",
    "区级配套资金落实进度偏慢",
    "专业人才缺口较大",
]

PROBLEMS = [
    "部分企业数据基础薄弱，智能化改造意愿不强",
    "项目用地指标紧张，部分项目开工时间推迟",
    "专业人才缺口较大，引进和留住高层次人才难度大",
    "跨部门数据共享机制尚不健全",
    "部分项目前期手续办理周期较长",
    "社会资本参与积极性有待提高",
    "区级配套资金落实进度偏慢",
    "外贸订单波动，企业新增进出口实绩压力较大",
]
NEXT_STEPS = [
    "加强与责任单位的工作对接，按月调度重点事项进展",
    "加快推进在谈项目签约落地",
    "组织开展政策宣讲和企业走访",
    "梳理存在问题形成清单，逐项明确解决时限",
    "配合市发改委做好半年工作总结",
    "加大要素保障力度，推动项目尽快开工",
]
ACTIONS = [
    "召开专题会议部署办理工作，细化任务分工",
    "组织走访重点企业，收集企业诉求",
    "推动重点项目集中签约和开工",
    "开展中期评估，梳理各项任务完成情况",
    "对照目标查漏补缺，加快推进年度任务",
]


def month_label(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


def next_month(month: str) -> tuple[int, int]:
    y, m = int(month[:4]), int(month[5:])
    return (y + 1, 1) if m == 12 else (y, m + 1)


def month_end(month: str) -> date:
    y, m = next_month(month)
    return date(y, m, 1) - timedelta(days=1)


def monthly_dates(unit: str, index: int, month: str) -> tuple[str | None, str | None] | None:
    """(submitted: field or None, commit date) of a unit's monthly report, None if never sent."""
    key = (unit, month)
    if key in MONTHLY_EXCEPTIONS:
        special = MONTHLY_EXCEPTIONS[key]
        if special is None:
            return None
        if isinstance(special, tuple):
            return special
        return None, special
    if unit in EARLY:
        return None, month_end(month).isoformat()
    if month == "2025-09":
        return None, date(2025, 9, 26 + index % 5).isoformat()
    y, m = next_month(month)
    return None, date(y, m, 1 + (index * 3) % 5).isoformat()


def yaml_lines(key: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"{key}:", *(f"  - {item}" for item in items)]


def monthly_report(
    unit: str, name: str, topic: str, index: int, n: int, submitted: str | None
) -> str:
    month = MONTHS[n]
    lines = ["# 示例数据，非真实数字（jianyian 演示项目）", f"unit: {unit}", f"month: {month}"]
    if submitted:
        lines.append(f"submitted: {submitted}")
    values = dict(VALUES.get(unit, {}))
    if unit in DISTRICTS:
        values["innovation-space"] = space_series(DISTRICTS.index(unit))
    if values:
        lines.append("indicators:")
        lines += [f"  {key}: {series[n]:g}" for key, series in values.items()]
    lines += action_lines(unit, n)
    action = ACTIONS[(index + n) % len(ACTIONS)]
    lines += [
        "info:",
        f"  title: 【示例】{name}{month_label(month)}推进{topic}情况",
        "  body: |",
        f"    {month_label(month)}，{name}围绕{topic}，{action}。",
        f"    下一步将继续对照办理工作方案，抓好各项任务落实。{NOTE}",
    ]
    if (index + n) % 3 == 0:
        problem = PROBLEMS[(index + n) % len(PROBLEMS)]
        if (unit, month) in COORDINATE:
            # a problem the unit asks the city's leaders to coordinate (需市领导协调事项)
            problem = f"{{text: {problem}，需市级层面统筹解决, coordinate: true}}"
        lines += yaml_lines("problems", [problem])
    if (index + n) % 2 == 0:
        lines += yaml_lines("next_steps", [NEXT_STEPS[(index * 2 + n) % len(NEXT_STEPS)]])
    replies = DUBAN_IN_REPORTS.get((unit, month), {})
    if replies:
        lines.append("duban:")
        lines += [
            f"  {item}: {{reply: {text}, done: {'true' if done else 'false'}}}"
            for item, (text, done) in replies.items()
        ]
    return "\n".join(lines) + "\n"


def action_lines(unit: str, n: int) -> list[str]:
    """The ``actions:`` of a unit's report for month n: what it leads, or says as responsible."""
    month = month_label(MONTHS[n])
    out = []
    for number, (action, (who, plan, about)) in enumerate(ACTION_PLAN.items()):
        if who != unit:
            continue
        status = STATUS_WORDS[plan[n]]
        if plan[n] == "N":
            out.append(f"  {action}: 未启动")
            continue
        if plan[n] == "D":
            first = n  # the month this run of 已完成 began
            while first > 0 and plan[first - 1] == "D":
                first -= 1
            doc = f"武{NAMES[unit][1:3]}〔2025〕{10 + number}号"
            text = f"已完成：{month_label(MONTHS[first])}印发《{about}工作方案》（{doc}）"
        else:
            text = f"{month}，{about}：{STEPS[(number + n) % len(STEPS)]}"
        out.append(f"  {action}: {{status: {status}, progress: {text}}}")
    for action, text in RESPONSIBLE_SAYS.get(unit, {}).items():
        if n >= 2:
            out.append(f"  {action}: {{status: 推进中, progress: {month}，{text}}}")
    return ["actions:", *out] if out else []


def confirmations_text(upto: str) -> str:
    """The office's 销号 log as it stood at the end of day ``upto``."""
    lines = [
        "# 领导小组办公室的销号记录（示例数据）：jianyian confirm 追加，撤销也追加一条，不删除。",
        "version: 1",
        "confirmations:",
    ]
    for day, action, note, why in CONFIRMATIONS:
        if day > upto:
            continue
        lines += [f"  - action: {action}", f"    date: {day}"]
        if why is not None:
            lines += ["    undo: true", f"    why: {why}"]
        elif note is not None:
            lines.append(f"    note: {note}")
    return "\n".join(lines) + "\n"


def summary_tasks(unit: str) -> list[tuple[str, bool]]:
    """(task id, leads it) for the tasks a unit's 上半年小结 writes about."""
    if unit in DISTRICTS:
        return [(t, False) for t in DISTRICT_TASKS]
    out = [(t, unit in lead) for t, (lead, shared) in TASK_UNITS.items() if unit in lead + shared]
    led = [x for x in out if x[1]]
    # A lead unit writes every task it leads; a unit that only shares writes its first one.
    return led + [x for x in out if not x[1]][: 1 if not led else 0] or out[:1]


def summary_lines(unit: str, name: str, topic: str, index: int) -> list[str]:
    """A structured 上半年小结: overview, one block per task, next steps (issue 28)."""
    lines = [
        "overview: |",
        f"  上半年，{name}围绕{topic}，按照办理工作方案明确责任分工和工作举措，"
        f"各项任务有序推进。{NOTE}",
    ]
    tasks = summary_tasks(unit)
    if tasks:
        lines.append("tasks:")
    for n, (task, leads) in enumerate(tasks):
        k = index + n
        lines.append(f"  {task}:")
        if unit in DISTRICTS and task == DISTRICT_TASKS[0]:
            lines.append(f"    measures: {DISTRICT_MEASURE}")
            continue
        lines.append(f"    measures: {MEASURES[k % len(MEASURES)]}，围绕{topic}推进落实")
        count = 2 + (index * 7 + n * 3) % 11
        lines.append(f"    results: 上半年推动{topic}相关重点事项{count}项，其中{count // 2}项已完成")
        if leads and k % 2 == 0:
            lines.append(f"    problems: {TASK_PROBLEMS[k % len(TASK_PROBLEMS)]}")
    return lines


def problem_text(ref: str) -> str:
    """The words of the reported problem ``data/reports/<unit>/<month>.yaml#N`` (N = 1)."""
    path, _, number = ref.rpartition("#")
    unit, month = path.split("/")[2], path.split("/")[3].removesuffix(".yaml")
    index = [u for u, _n, _t in UNITS].index(unit)
    n = MONTHS.index(month)
    assert number == "1" and (index + n) % 3 == 0, ref
    return PROBLEMS[(index + n) % len(PROBLEMS)]


def duban_items() -> dict[str, dict[str, object]]:
    """Every 督办 item: id → its fields as ``jianyian duban open`` writes them."""
    out: dict[str, dict[str, object]] = {}
    for n, (text, units, reply_by, level) in enumerate(MEETING["decisions"], 1):
        out[f"DB-2025-{n:03d}"] = {
            "text": text,
            "source": "会议",
            "ref": f"{MEETING_DAY}#{n}",
            "units": units,
            "opened": "2025-07-16",
            "reply_by": reply_by,
            "level": level,
        }
    for item, (opened, ref, units, reply_by, level) in DUBAN_PROBLEMS.items():
        out[item] = {
            "text": problem_text(ref),
            "source": "问题",
            "ref": ref,
            "units": units,
            "opened": opened,
            "reply_by": reply_by,
            "level": level,
        }
    return out


def flow(entry: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in entry.items()) + "}"


def duban_item_text(item: str, fields: dict[str, object], upto: str) -> str:
    """An item's file as it stood at the end of day ``upto``."""
    lines = [
        "# 督办事项（示例数据）：jianyian duban open 写入，销号和重新督办只追加、不删除。",
        "version: 1",
        f"id: {item}",
        f"text: {fields['text']}",
        f"source: {fields['source']}",
        f"ref: {fields['ref']}",
        f"units: [{', '.join(fields['units'])}]",  # type: ignore[arg-type]
        f"opened: {fields['opened']}",
        f"reply_by: {fields['reply_by']}",
        f"level: {fields['level']}",
    ]
    for key, entries in (("closed", DUBAN_CLOSED), ("reopened", DUBAN_REOPENED)):
        done = [(day, e) for day, e in entries.get(item, []) if day <= upto]
        if done:
            lines.append(f"{key}:")
            lines += [f"  - {flow({'date': day, **e})}" for day, e in done]
    return "\n".join(lines) + "\n"


def meeting_text() -> str:
    lines = [
        "# 领导小组会议纪要（示例数据）：每项议定事项由 jianyian duban open --meeting 立为督办事项。",
        "version: 1",
        f"date: {MEETING_DAY}",
        f"name: {MEETING['name']}",
        f"attended: [{', '.join(MEETING['attended'])}]",  # type: ignore[arg-type]
        "decisions:",
    ]
    for text, units, reply_by, level in MEETING["decisions"]:  # type: ignore[misc]
        lines.append(
            f"  - {flow({'text': text, 'units': '[' + ', '.join(units) + ']', 'reply_by': reply_by, 'level': level})}"
        )
    return "\n".join(lines) + "\n"


def reply_text(item: str, unit: str, day: str, text: str, done: bool) -> str:
    return (
        "\n".join(
            [
                "# 督办反馈（示例数据）：jianyian duban reply 写入。",
                "version: 1",
                f"item: {item}",
                f"unit: {unit}",
                f"date: {day}",
                f"reply: {text}",
                f"done: {'true' if done else 'false'}",
            ]
        )
        + "\n"
    )


def duban_files() -> dict[str, list[tuple[str, str]]]:
    """Day → [(path, text)] of the office's 督办 files changed that day."""
    by_day: dict[str, list[tuple[str, str]]] = {}
    by_day.setdefault(MEETING_DAY, []).append(
        (f"data/office/meetings/{MEETING_DAY}.yaml", meeting_text())
    )
    for item, fields in duban_items().items():
        days = {str(fields["opened"])}
        days |= {day for day, _ in DUBAN_CLOSED.get(item, [])}
        days |= {day for day, _ in DUBAN_REOPENED.get(item, [])}
        for day in sorted(days):
            by_day.setdefault(day, []).append(
                (f"data/office/duban/{item}.yaml", duban_item_text(item, fields, day))
            )
    for item, unit, day, text, done in DUBAN_REPLIES:
        path = f"data/office/duban/replies/{item}-{unit}-{day}.yaml"
        by_day.setdefault(day, []).append((path, reply_text(item, unit, day, text, done)))
    return by_day


def document(unit: str, name: str, topic: str, deliverable: str, title: str, index: int) -> str:
    lines = [
        "# 示例数据，非真实数字（jianyian 演示项目）",
        f"unit: {unit}",
        f"deliverable: {deliverable}",
        f"title: 【示例】{name}{title}",
    ]
    if deliverable == "half-year-summary":
        lines += summary_lines(unit, name, topic, index)
    else:
        lines += ["body: |", f"  {name}围绕{topic}，按照办理工作方案明确责任分工和工作举措。{NOTE}"]
    if deliverable == "half-year-summary":
        lines += yaml_lines("problems", [PROBLEMS[(index + 3) % len(PROBLEMS)]])
        lines += yaml_lines("next_steps", [NEXT_STEPS[(index + 1) % len(NEXT_STEPS)]])
    return "\n".join(lines) + "\n"


def plan_files() -> dict[str, list[tuple[str, str]]]:
    """Commit date → [(path, text)], for every report of the demo."""
    by_day: dict[str, list[tuple[str, str]]] = {}

    def add(day: str, path: str, text: str) -> None:
        by_day.setdefault(day, []).append((path, text))

    for index, (unit, name, topic) in enumerate(UNITS):
        base = f"data/reports/{unit}"
        sent = PLAN_EXCEPTIONS.get(unit, f"2025-05-{20 + index % 10:02d}")
        if sent is not None:
            add(
                sent,
                f"{base}/handling-plan.yaml",
                document(unit, name, topic, "handling-plan", "2号建议案具体办理方案", index),
            )
        sent = SUMMARY_EXCEPTIONS.get(unit, f"2025-06-{21 + index % 10:02d}")
        if sent is not None:
            add(
                sent,
                f"{base}/half-year-summary.yaml",
                document(
                    unit, name, topic, "half-year-summary", "2号建议案上半年办理工作小结", index
                ),
            )
        for n, month in enumerate(MONTHS):
            when = monthly_dates(unit, index, month)
            if when is None:
                continue
            submitted, day = when
            add(day, f"{base}/{month}.yaml", monthly_report(unit, name, topic, index, n, submitted))
    add(
        "2025-07-14",
        "data/reports/fgw/city-half-year-summary.yaml",
        document(
            "fgw",
            "市发改委",
            "全市2号建议案办理工作",
            "city-half-year-summary",
            "全市2号建议案办理工作半年总结",
            0,
        ),
    )
    for day in sorted({day for day, *_ in CONFIRMATIONS}):
        add(day, OFFICE_LOG, confirmations_text(day))
    add(EVALUATION_DAY, EVALUATION_FILE, EVALUATION)
    for day, files in duban_files().items():
        for path, text in files:
            add(day, path, text)
    return dict(sorted(by_day.items()))


README = """# 2号建议案办理跟踪（示例项目）

**示例数据，非真实数字。** 本项目由 jianyian 仓库的 examples/demo/build.py 生成，
用于演示 `jianyian validate`、`jianyian status` 和 `jianyian brief`。
计划 data/targets.yaml 取自真实的办理工作方案；各单位的报送内容、数字和报送日期均为虚构。
"""


def git(root: Path, *args: str, day: str | None = None) -> None:
    stamp = f"{day}T17:30:00+08:00" if day else "2025-05-06T09:00:00+08:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": AUTHOR[0],
        "GIT_AUTHOR_EMAIL": AUTHOR[1],
        "GIT_COMMITTER_NAME": AUTHOR[0],
        "GIT_COMMITTER_EMAIL": AUTHOR[1],
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", "core.autocrlf=false", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def prepare(target: Path) -> None:
    if target.exists():
        if not target.is_dir():
            sys.exit(f"{target} 不是目录，未改动")
        if any(target.iterdir()):
            if not (target / ".git" / MARKER).is_file():
                sys.exit(f"{target} 不是空目录，也不是之前生成的示例项目，未改动")
            shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def build(target: Path) -> None:
    prepare(target)
    git(target, "init", "-q", "-b", "main")
    (target / ".git" / MARKER).write_text("examples/demo/build.py\n", encoding="utf-8")
    write(target, "README.md", README)
    write(target, "data/targets.yaml", TARGETS.read_text(encoding="utf-8"))
    write(target, "data/reports/.gitkeep", "")
    git(target, "add", "README.md", "data")
    git(target, "commit", "-q", "-m", "建立2号建议案办理跟踪项目（示例）")
    for day, files in plan_files().items():
        for rel, text in files:
            write(target, rel, text)
        office = {OFFICE_LOG: "更新销号记录", EVALUATION_FILE: "记录满意度测评结果"}
        reports = [rel for rel, _ in files if not rel.startswith("data/office/")]
        if reports:
            units = list(dict.fromkeys(NAMES[rel.split("/")[2]] for rel in reports))
            who = "、".join(units[:3]) + (f"等{len(units)}个单位" if len(units) > 3 else "")
            git(target, "add", *reports, day=day)
            git(target, "commit", "-q", "-m", f"收到{who}报送材料{len(reports)}份", day=day)
        changed = [rel for rel, _ in files if rel.startswith("data/office/")]
        for rel, what in office.items():
            if rel in changed:
                git(target, "add", rel, day=day)
                git(target, "commit", "-q", "-m", f"领导小组办公室：{what}", day=day)
        duban = [rel for rel in changed if rel not in office]
        if duban:
            git(target, "add", *duban, day=day)
            git(target, "commit", "-q", "-m", "领导小组办公室：督办事项", day=day)
    day, rel, text = BRIEF_NOTES
    write(target, rel, text)
    git(target, "add", rel, day=day)
    git(target, "commit", "-q", "-m", "领导小组办公室：7月简报的按语和信息选编", day=day)


def main() -> None:
    parser = argparse.ArgumentParser(description="生成 jianyian 示例项目（示例数据，非真实数字）")
    parser.add_argument("target", type=Path, help="生成到哪个目录，如 examples/demo/project")
    args = parser.parse_args()
    build(args.target)
    print(f"示例项目已生成：{args.target}")


if __name__ == "__main__":
    main()
