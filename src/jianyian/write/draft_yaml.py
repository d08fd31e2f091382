"""The drafted plan as commented YAML: every drafted item says where it came from.

Pure and deterministic: the same draft gives byte-identical text. Written by
hand (not by a YAML dumper) so the comments sit where an office reads them.
"""

from __future__ import annotations

import json
import re

from ..diagnostics import Diagnostic
from ..draft import PlanDraft

PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")
RESERVED_RE = re.compile(
    r"^([-+.\d:_ eE]+|true|false|null|yes|no|on|off|y|n|~|\.inf|\.nan)$", re.IGNORECASE
)


def scalar(value: object, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar; strings plain when that reads back the same."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    risky = ": " in text or text.endswith(":") or " #" in text or text != text.strip()
    if flow and re.search(r"[,\[\]{}]", text):
        risky = True
    if not risky and PLAIN_RE.match(text) and not RESERVED_RE.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def where(line: int) -> str:
    return f"# 第{line}行 待确认"


INDICATOR_KEYS = (
    "id",
    "name",
    "target",
    "measure",
    "kind",
    "qualifier",
    "comparator",
    "reporters",
    "parts",
)
ASSUMED = {
    "reporters": "假设：两个牵头单位，暂定由第一牵头单位报送",
    "reporters-office": "假设：牵头单位是单位组，暂定由领导小组办公室所在单位报送",
    "due_day": "假设：通知未写截止日，定为次月5日前报送上月",
    "quarter_day": "假设：通知未写截止日，定为每季度末月的最后一天",
    "due": "假设：通知未写期限，暂取所属阶段结束日（无阶段的取办理期结束日）",
    "end": "假设：通知未写日期，暂取办理期结束日",
    "due-year": "假设：通知未写期限；事项对应年度指标，取目标年度末",
    "due-stage": "假设：通知未写期限，取办理落实阶段结束日",
    "due-end": "假设：通知未写期限，取办理期结束日",
}
COMPARATOR_WORDS = {"at_least": "不少于", "more_than": "超过", "at_most": "不超过"}


def _indicator(ind: dict, indent: str) -> list[str]:
    parts = []
    for key in INDICATOR_KEYS:
        if key in ind:
            v = ind[key]
            parts.append(f"{key}: {flow_list(v) if isinstance(v, list) else scalar(v, flow=True)}")
    note = f"；{ASSUMED[ind['_assumed']]}" if "_assumed" in ind else ""
    if "comparator" in ind:
        word = COMPARATOR_WORDS[ind["comparator"]]
        note += f"；按原文理解为{word}目标值（comparator）"
    return [f"{indent}- {{{', '.join(parts)}}}  {where(ind['_line'])}{note}"]


def _action(action: dict, indent: str) -> list[str]:
    parts = [
        f"id: {action['id']}",
        f"text: {scalar(action['text'], flow=True)}",
        f"due: {action['due']}",
    ]
    if action.get("indicators"):
        parts.append(f"indicators: {flow_list(action['indicators'])}")
    note = f"；{ASSUMED[action['_assumed']]}" if "_assumed" in action else ""
    if "_how" in action:
        note = f"；假设：{action['_how']}"
    return [f"{indent}- {{{', '.join(parts)}}}  {where(action['_line'])}{note}"]


def _deadline_comments(task: dict) -> list[str]:
    """The task's time limit as the notice words it, for the office to check."""
    out = []
    if task.get("_due"):
        out.append(f"    # 完成时限：{task['_due']}（通知原文的时限）")
    elif task.get("_due_text"):
        out.append(f"    # 完成时限：原文“{task['_due_text']}”，不是具体日期")
    others = [d for d in task.get("_deadlines", []) if d != task.get("_due")]
    if others:
        out.append(f"    # 文中期限：{'、'.join(others)}")
    return out


def _block_text(key: str, text: str, indent: str) -> list[str]:
    return [f"{indent}{key}: {scalar(text)}"]


def render_draft_yaml(draft: PlanDraft, source: str = "通知") -> str:
    """The draft as data/targets.yaml text, with ``# 第N行 待确认`` on every drafted item."""
    v = draft.value
    p = v["plan"]
    lines_of = p["_lines"]
    out = [
        f"# {p['title']} —— 计划数据（由 jianyian draft 从 {source} 起草）",
        "# 每一项旁注明出自通知第几行；标“待确认”的内容请领导小组办公室逐项核对后删去注释。",
        "# 标“假设”的内容通知未写明，由本工具暂定。修改后运行 `jianyian validate` 检查。",
        "version: 1",
        "",
        "plan:",
        f"  id: {scalar(p['id'])}  # 方案标识（英文，可改短）",
    ]
    for key in ("title", "proposal", "notice", "issuer", "issued"):
        out.append(f"  {key}: {scalar(p[key])}  {where(lines_of.get(key, 1))}")
    out.append(f"  target_year: {p['target_year']}  # 假设：指标为印发当年的年度目标")
    out.append(f"  start: {p['start']}  # 假设：取工作安排最早的日期（或印发当月1日）")
    out.append(f"  end: {p['end']}  # 假设：取工作安排最晚的日期（或当年年底）")
    out.append(f"  leading_group: {scalar(p['leading_group'])}  # 待确认")
    if "leading_group_text" in p:
        out += _block_text("leading_group_text", p["leading_group_text"], "  ")
    out.append(f"  office: {scalar(p['office'])}  # 领导小组办公室所在单位，待确认")
    out.append("  office_staff: []  # 办公室工作人员（姓名、邮箱），由办公室填写")
    if "requirements" in p:
        out += _block_text("requirements", p["requirements"], "  ")
    s = v["settings"]
    out += [
        "",
        "settings:",
        "  # 假设：红黄绿灯阈值通知未规定；落后序时进度 10 个百分点为黄灯，超过 30 个百分点为红灯。",
        f"  thresholds: {{yellow: {s['thresholds']['yellow']}, red: {s['thresholds']['red']}}}",
        "  # 假设：领导小组成员单位视同全部责任单位。",
        f"  member_units: {s['member_units']}",
        "  # 假设：工作目标的指标由领导小组办公室所在单位报送。",
        f"  goal_reporters: {flow_list(s['goal_reporters'])}",
        "",
        "# 单位：标识由单位简称的拼音首字母生成，可改；liaisons（联络员）由办公室填写。",
        "units:" if v["units"] else "units: []",
    ]
    for u in v["units"]:
        fields = [
            f"id: {u['id']}",
            f"name: {scalar(u['name'], flow=True)}",
            f"short: {scalar(u['short'], flow=True)}",
        ]
        if u["kind"] != "department":
            fields.append(f"kind: {u['kind']}")
        fields.append("liaisons: []")
        out.append(f"  - {{{', '.join(fields)}}}  {where(u['_line'])}")
    out += ["", "# 单位组：通知未列出成员，请办公室补充 members 后删去 members_unknown。"]
    out.append("groups:" if v["groups"] else "groups: []")
    for g in v["groups"]:
        out.append(f"  - id: {g['id']}  {where(g['_line'])}")
        out.append(f"    name: {scalar(g['name'])}")
        if g.get("aliases"):
            out.append(f"    aliases: {flow_list(g['aliases'])}")
        out.append("    members: []")
        out.append("    members_unknown: true")
        if g.get("note"):
            out.append(f"    note: {scalar(g['note'])}")
    goals = v["goals"]
    out += ["", "goals:", f"  text: {scalar(goals['text'])}  {where(goals['_line'])}"]
    out.append("  indicators:" if goals["indicators"] else "  indicators: []")
    for ind in goals["indicators"]:
        out += _indicator(ind, "    ")
    out += ["", "# 任务：指标不写 reporters 时由牵头单位报送。"]
    out.append("tasks:" if v["tasks"] else "tasks: []")
    for t in v["tasks"]:
        out += [
            f"  - id: {t['id']}  {where(t['_line'])}",
            *_deadline_comments(t),
            f"    number: {scalar(t['number'])}",
            f"    section: {scalar(t['section'])}",
            f"    title: {scalar(t['title'])}",
            f"    text: {scalar(t['text'])}",
            f"    lead: {flow_list(t['lead'])}",
            f"    responsible: {flow_list(t['responsible'])}",
        ]
        out.append("    indicators:" if t["indicators"] else "    indicators: []")
        for ind in t["indicators"]:
            out += _indicator(ind, "      ")
        out.append("    actions:" if t.get("actions") else "    actions: []")
        for action in t.get("actions", []):
            out += _action(action, "      ")
        out.append("")
    out.append("stages:" if v["stages"] else "stages: []")
    for st in v["stages"]:
        note = f"  # {ASSUMED[st['_assumed']]}" if "_assumed" in st else ""
        if "_how" in st:
            note = f"  # 假设：{st['_how']}"
        out.append(f"  - id: {st['id']}  {where(st['_line'])}")
        out.append(f"    name: {scalar(st['name'])}")
        if "start" in st:
            out.append(f"    start: {st['start']}")
        out.append(f"    end: {st['end']}{note}")
        out.append(f"    text: {scalar(st['text'])}")
    out += [
        "",
        "# 报送事项：报送文件 data/reports/<单位标识>/<YYYY-MM>.yaml（每月）或 <事项标识>.yaml。",
    ]
    out.append("deliverables:" if v["deliverables"] else "deliverables: []")
    for dl in v["deliverables"]:
        out.append(f"  - id: {dl['id']}  {where(dl['_line'])}")
        out.append(f"    name: {scalar(dl['name'])}")
        out.append(f"    kind: {dl['kind']}")
        owed = dl["owed_by"]
        out.append(f"    owed_by: {flow_list(owed) if isinstance(owed, list) else owed}")
        if "stage" in dl:
            out.append(f"    stage: {dl['stage']}")
        note = f"  # {ASSUMED[dl['_assumed']]}" if "_assumed" in dl else ""
        if "_how" in dl:
            note = f"  # 假设：{dl['_how']}"
        if dl["kind"] == "monthly":
            out.append(f"    due_day: {dl['due_day']}{note}")
        elif dl["kind"] == "quarterly":
            which = "季初月" if dl["quarter_month"] == 1 else "季末月"
            out.append(f"    quarter_month: {dl['quarter_month']}  # 截止日在每季度的{which}")
            long = "  # 大于该月天数时为月末" if dl["due_day"] > 28 else ""
            out.append(f"    due_day: {dl['due_day']}{note or long}")
        else:
            out.append(f"    due: {dl['due']}{note}")
        out.append(f"    text: {scalar(dl['text'])}")
    out += [
        "",
        "# 节假日：本工具不代填。请按国务院办公厅当年的节假日安排通知补充（截止日遇节假日顺延）；",
        "# 补充前 validate 对截止日给出 JY049 警告。",
        "calendar: []",
        "",
    ]
    return "\n".join(out)


def check_plan_text(text: str, path: str = "data/targets.yaml") -> list[Diagnostic]:
    """Everything ``validate`` says about a plan file with this text (no reports)."""
    from ..checks import check_plan_source
    from ..load import validate_model
    from ..load.yamlsrc import parse_yaml
    from ..models import Plan, Source

    parsed = parse_yaml(text, path)
    if parsed.value is None:
        return check_plan_source(None, Source(path, text), parsed.diagnostics)
    plan, diags = validate_model(Plan, parsed.value, path)
    return check_plan_source(plan, Source(path, text), [*parsed.diagnostics, *diags])
