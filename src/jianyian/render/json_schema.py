"""JSON Schemas (2020-12) for data/targets.yaml, report files and the office's 销号 log.

Editors with a YAML language server use them to complete keys and show the
Chinese titles and descriptions on hover. Pure: :func:`render_schemas` returns
the file texts; the CLI writes them (``jianyian schema``).

The models are the single source of truth. Two adjustments are made here because
pydantic cannot infer them: Chinese titles and descriptions for each model (the
class docstrings are English, for developers), and the short forms that the
models accept before validation (``ai-models: 8`` for ``{value: 8}``,
``t2-3: 推进中`` for ``{status: 推进中}``, ``t1-1-2: 推进中`` likewise).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ..load.layout import (
    CONFIRMATIONS_SCHEMA,
    DUBAN_REPLY_SCHEMA,
    DUBAN_SCHEMA,
    EVALUATION_SCHEMA,
    MEETING_SCHEMA,
    REPORT_SCHEMA,
    TARGETS_SCHEMA,
)
from ..models import (
    ActionEntry,
    ConfirmationLog,
    DocumentReport,
    DubanItem,
    DubanReply,
    EvaluationLog,
    IndicatorEntry,
    Meeting,
    MonthlyReport,
    Plan,
    TaskEntry,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Model name → (title, description) shown by editors.
MODEL_TEXT: dict[str, tuple[str, str]] = {
    "Plan": (
        "建议案办理工作方案",
        "data/targets.yaml：工作目标、工作任务与指标、工作阶段、报送事项和单位。",
    ),
    "PlanInfo": ("方案基本信息", "方案名称、印发通知、办理期起止和领导小组办公室。"),
    "Liaison": ("联络员", "姓名和电子邮箱；电子邮箱用于 CODEOWNERS 和 jianyian audit。"),
    "Unit": ("单位", "一个责任单位：标识用作报送目录名，全称和简称都可在命令中使用。"),
    "Group": ("单位组", "展开为多个单位的名称，如 各区人民政府。"),
    "Milestone": ("阶段目标", "某一日期应达到的数值。"),
    "Indicator": ("指标", "任务或工作目标要达到的一个数：目标值、计量单位和报送单位。"),
    "Goals": ("工作目标", "工作目标原文及其指标。"),
    "Task": ("工作任务", "一项编号任务：牵头单位、责任单位、指标和事项。"),
    "Action": (
        "事项",
        "任务分解成的一项具体工作（通知原文）：牵头、责任单位（不填沿用任务的）、完成时限、节点、对应指标。",
    ),
    "ActionMilestone": ("节点", "事项在某一日期应达到的状态。"),
    "Stage": ("工作阶段", "动员部署、办理落实、总结汇报等阶段。"),
    "Deliverable": ("报送事项", "每月信息、具体办理方案、小结和总结等需报送的材料。"),
    "Thresholds": ("红黄绿灯阈值", "完成率落后序时进度多少个百分点亮黄灯、红灯。"),
    "Settings": ("设置", "红黄绿灯阈值、黄灯升级、成员单位范围、工作目标报送单位、简报。"),
    "Briefing": (
        "简报",
        "报头（名称、标注、期号、编印单位）、标题简称和版记（报、送、发、印数）。",
    ),
    "ProblemEntry": (
        "需协调的问题",
        "写成 {text: 问题, coordinate: true} 的问题：提请市领导协调。",
    ),
    "CalendarYear": ("节假日安排", "一年的法定节假日和调休上班日，截止日遇节假日顺延。"),
    "Holiday": ("放假安排", "一个节日的放假起止日期。"),
    "MonthlyReport": (
        "月报",
        "data/reports/<单位标识>/<YYYY-MM>.yaml：一个单位一个月的指标累计值、任务进展和信息。",
    ),
    "DocumentReport": (
        "办理方案／小结／总结",
        "data/reports/<单位标识>/<报送事项标识>.yaml：具体办理方案、上半年小结或年度总结。"
        "写 title 和 body（自由行文），或分节写 overview、tasks 和 next_steps。",
    ),
    "SummaryTask": (
        "任务情况",
        "小结、总结中一项任务的情况：measures（主要做法）、results（成效）、problems（存在问题）。",
    ),
    "IndicatorEntry": (
        "指标累计值",
        "直接写数字（如 8），或写成 {value: 8, note: 说明}；按指标的计量单位填写。",
    ),
    "TaskEntry": (
        "任务进展",
        "直接写状态（未启动／推进中／已完成），或写成 {status: 推进中, note: 说明}。",
    ),
    "ActionEntry": (
        "事项进展",
        "直接写状态（未启动／推进中／已完成），或写成 {status: 推进中, progress: 进展和佐证}；"
        "报“已完成”时写明完成情况和佐证（文件名、文号、链接文字）。",
    ),
    "InfoPiece": ("本月信息", "每月报送信息 1 篇：标题和正文。"),
    "ConfirmationLog": (
        "销号记录",
        "data/office/confirmations.yaml：领导小组办公室对已完成事项的销号和撤销，按时间追加，不删除。",
    ),
    "Confirmation": (
        "一条销号记录",
        "action 事项标识、date 日期、note 说明；撤销写 undo: true 和 why 原因。",
    ),
    "EvaluationLog": (
        "满意度测评",
        "data/office/evaluation.yaml：领导小组办公室记录的满意度测评结果，每次测评一项。",
    ),
    "Evaluation": (
        "一次满意度测评",
        "date 日期、evaluators 参加测评人数、satisfied 满意、basically_satisfied 基本满意、"
        "unsatisfied 不满意、by 组织方、opinions 意见建议。",
    ),
    "DubanItem": (
        "督办事项",
        "data/office/duban/<督办编号>.yaml：办公室交办的一个督办事项（内容、来源、承办单位、"
        "交办日期、反馈时限、等级），销号和重新督办按时间追加，不删除。",
    ),
    "Closure": (
        "一条销号记录",
        "date 日期、by 销号人、note 说明；牵头单位未反馈即销号须写 force: true。",
    ),
    "Reopening": ("一条重新督办记录", "date 日期、why 原因，可写新的反馈时限 reply_by。"),
    "Meeting": (
        "会议纪要",
        "data/office/meetings/<YYYY-MM-DD>.yaml：领导小组会议的日期、名称、出席和议定事项；"
        "每项议定事项由 jianyian duban open --meeting 立为督办事项。",
    ),
    "Decision": (
        "议定事项",
        "text 内容、units 承办单位（牵头在前）、reply_by 反馈时限、level 等级。",
    ),
    "DubanReply": (
        "督办反馈",
        "data/office/duban/replies/ 下由 jianyian duban reply 写入的一条反馈。",
    ),
    "DubanAnswer": ("督办反馈", "reply 反馈内容，done 是否办结（true／false）。"),
}

#: Models that also accept one bare field value (see their ``mode="before"`` validators).
SHORT_FORMS: dict[type[BaseModel], str] = {
    IndicatorEntry: "value",
    TaskEntry: "status",
    ActionEntry: "status",
}


def _retitle(schema: dict[str, Any]) -> None:
    """Chinese titles and descriptions on every model definition."""
    for name, definition in schema.get("$defs", {}).items():
        title, description = MODEL_TEXT.get(name, (name, ""))
        definition["title"] = title
        if description:
            definition["description"] = description
        else:
            definition.pop("description", None)


def _short_forms(schema: dict[str, Any]) -> None:
    """Let ``IndicatorEntry`` be a bare number, ``TaskEntry`` and ``ActionEntry`` a bare status."""
    defs = schema.get("$defs", {})
    for model, field in SHORT_FORMS.items():
        name = model.__name__
        if name not in defs:
            continue
        full = defs[name]
        bare = copy.deepcopy(full["properties"][field])
        bare.pop("default", None)
        defs[name] = {
            "title": full["title"],
            "description": full.get("description", ""),
            "anyOf": [bare, {k: v for k, v in full.items() if k not in ("title", "description")}],
        }


def _finish(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    _retitle(schema)
    _short_forms(schema)
    head = {"$schema": DIALECT, "title": title, "description": description}
    body = {k: v for k, v in schema.items() if k not in ("title", "description")}
    return {**head, **body}


def targets_schema() -> dict[str, Any]:
    """The JSON Schema of data/targets.yaml."""
    schema = Plan.model_json_schema(mode="validation")
    # The root is the Plan model itself; move its definition text onto the root.
    title, description = MODEL_TEXT["Plan"]
    return _finish(schema, title, description)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report file: a monthly report or a summary (anyOf)."""
    schema = TypeAdapter(MonthlyReport | DocumentReport).json_schema(mode="validation")
    return _finish(
        schema,
        "建议案办理报送文件",
        "data/reports/<单位标识>/ 下的一个报送文件：月报（<YYYY-MM>.yaml），"
        "或具体办理方案、小结、总结（<报送事项标识>.yaml）。",
    )


def confirmations_schema() -> dict[str, Any]:
    """The JSON Schema of the office's 销号 log, data/office/confirmations.yaml."""
    schema = ConfirmationLog.model_json_schema(mode="validation")
    title, description = MODEL_TEXT["ConfirmationLog"]
    return _finish(schema, title, description)


def evaluation_schema() -> dict[str, Any]:
    """The JSON Schema of the office's 满意度测评, data/office/evaluation.yaml."""
    schema = EvaluationLog.model_json_schema(mode="validation")
    title, description = MODEL_TEXT["EvaluationLog"]
    return _finish(schema, title, description)


def duban_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas of the office's 督办 files: item, meeting and reply file."""
    out = {}
    for name, model in (
        (DUBAN_SCHEMA, DubanItem),
        (MEETING_SCHEMA, Meeting),
        (DUBAN_REPLY_SCHEMA, DubanReply),
    ):
        title, description = MODEL_TEXT[model.__name__]
        out[name] = _finish(model.model_json_schema(mode="validation"), title, description)
    return out


def dump_schema(schema: dict[str, Any]) -> str:
    """Stable text: same models → byte-identical file."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def render_schemas() -> dict[str, str]:
    """File name → text of every schema ``jianyian schema`` writes."""
    return {
        TARGETS_SCHEMA: dump_schema(targets_schema()),
        REPORT_SCHEMA: dump_schema(report_schema()),
        CONFIRMATIONS_SCHEMA: dump_schema(confirmations_schema()),
        EVALUATION_SCHEMA: dump_schema(evaluation_schema()),
        **{name: dump_schema(schema) for name, schema in duban_schemas().items()},
    }
