"""Report texts several test modules share."""

from __future__ import annotations

import json

JXJ_JULY = """\
# 市经信局 7月 月报
unit: jxj
month: 2025-07
submitted: 2025-08-03          # 报送日期
indicators:                    # 累计值
  # 大模型：含在建
  ai-models: 8  # 8个
  pilot-platforms: {value: 12, note: 新增2家}
  'concept-centres': 3
info:
  title: "市经信局推进人工智能赋能制造业情况"
  body: |
    本月……

    第二段。
problems:
    - 部分企业数据基础薄弱
    - "数据: 待核实"
next_steps: [加快推进智能工厂建设]   # 下月
"""


#: 市经信局's July report stating two of t1-1's actions: t1-1-2 done (arrived 4 August).
JXJ_ACTIONS_JULY = (
    "unit: jxj\nmonth: 2025-07\ninfo: {title: 标题, body: 正文}\n"
    "submitted: 2025-08-04\n"
    "actions:\n"
    "  t1-1-1: 推进中\n"
    "  t1-1-2: {status: 已完成, progress: 先导区获批（国函〔2025〕68号）}\n"
)


HOSTILE_TITLE = (
    "A|B *粗* # 标题 <script>alert(1)</script> {{ 7*7 }} {% raw %}`代码`_x_ [链接](http://x) &lt;"
)
HOSTILE_BODY = "- 列表\n> 引用\n1. 编号\n# 标题\n| a | b |\n{{ 7*7 }} {% if %} \\ 结尾"
HOSTILE_PROBLEM = "1. 第一行\n第二行 | 竖线 ~~删~~ $x$"


def hostile_report(unit: str) -> str:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 — a YAML double-quoted scalar
    return (
        f"unit: {unit}\nmonth: 2025-06\nsubmitted: 2025-07-03\n"
        f"info:\n  title: {q(HOSTILE_TITLE)}\n  body: {q(HOSTILE_BODY)}\n"
        f"problems: [{q(HOSTILE_PROBLEM)}]\nnext_steps: [{q('#' + HOSTILE_TITLE)}]\n"
    )
