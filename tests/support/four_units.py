"""A hand-built plan of four units and their reports, for ``remind`` and ``scorecard``.

* handling-plan due Saturday 31 May, in the 端午节 holiday (31 May–2 June): rolled to 3 June;
* the May 信息 due Thursday 5 June; the June 信息 due Saturday 5 July, rolled to Monday
  7 July: three working days after 2 July (3, 4 and 7 July);
* summary (owed by a and b) due Friday 4 July: two working days after 2 July.
"""

from __future__ import annotations

PLAN = """\
version: 1
plan: {id: demo, title: 测试建议案办理工作方案, proposal: 测试, notice: 测试通知, issuer: 测试办,
       issued: 2025-05-01, start: 2025-05-01, end: 2025-12-31, target_year: 2025,
       leading_group: 测试领导小组, office: a}
settings:
  briefing: {issuer: 测试领导小组办公室}
units:
  - {id: a, name: 市甲局, short: 甲局, liaisons: [{name: 张三, email: zhang@a.example.cn}]}
  - {id: b, name: 市乙局, short: 乙局, liaisons: [{name: 李四, email: li@b.example.cn},
                                               {name: 王五, email: wang@b.example.cn}]}
  - {id: c, name: 丙区人民政府, short: 丙区}
  - {id: d, name: 市丁局, short: 丁局, liaisons: [{name: 赵六, email: zhao@d.example.cn}]}
goals: {text: 目标, indicators: []}
tasks:
  - {id: t1, number: "1", section: 一, title: 任务, text: 原文, lead: [a], responsible: [b, c, d],
     indicators: [
       {id: i1, name: 新建项目, target: 12, measure: 个},
       {id: i2, name: 新增投资, target: 120, measure: 亿元, reporters: [b, c], combine: sum},
       {id: i3, name: 新增企业, target: 10, measure: 家, reporters: [d]}]}
deliverables:
  - {id: handling-plan, name: 具体办理方案, kind: once, owed_by: responsible_units, due: 2025-05-31}
  - {id: info, name: 信息, kind: monthly, owed_by: responsible_units, due_day: 5}
  - {id: summary, name: 上半年小结, kind: once, owed_by: [a, b], due: 2025-07-04}
calendar:
  - year: 2025
    holidays:
      - {name: 劳动节, start: 2025-05-01, end: 2025-05-05}
      - {name: 端午节, start: 2025-05-31, end: 2025-06-02}
      - {name: 国庆节、中秋节, start: 2025-10-01, end: 2025-10-08}
    workdays: [2025-04-27, 2025-09-28, 2025-10-11]
"""


def monthly(unit: str, month: str, submitted: str, indicators: str = "") -> str:
    text = f"unit: {unit}\nmonth: {month}\nsubmitted: {submitted}\n"
    if indicators:
        text += f"indicators: {{{indicators}}}\n"
    return text + "info:\n  title: 本月工作情况\n  body: 本月推进有关工作。\n"


def document(unit: str, deliverable: str, submitted: str) -> str:
    return (
        f"unit: {unit}\ndeliverable: {deliverable}\nsubmitted: {submitted}\n"
        "title: 办理方案\nbody: 正文。\n"
    )


REPORTS = {
    "a/handling-plan.yaml": document("a", "handling-plan", "2025-05-28"),
    "a/2025-05.yaml": monthly("a", "2025-05", "2025-06-04", "i1: 3"),
    "b/handling-plan.yaml": document("b", "handling-plan", "2025-06-05"),  # 2 days late
    "b/2025-05.yaml": monthly("b", "2025-05", "2025-06-05", "i2: 30"),
    "b/2025-06.yaml": monthly("b", "2025-06", "2025-07-01", "i2: 40"),
    "d/handling-plan.yaml": document("d", "handling-plan", "2025-06-03"),  # the due day itself
    "d/2025-05.yaml": monthly("d", "2025-05", "2025-06-05", "i3: 5"),
    "d/2025-06.yaml": monthly("d", "2025-06", "2025-06-30", "i3: 6"),
}
