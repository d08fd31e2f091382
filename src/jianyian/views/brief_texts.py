"""The briefing's sentences: the same words in Markdown, Word and the dashboard."""

from __future__ import annotations

from ..fmt import fmt_month, fmt_number, fmt_percent, fmt_quantity
from .brief_records import Headline, IndicatorRow, TaskBlock, UnitMisses


def headline_text(h: Headline) -> str:
    """The sentence the office reads aloud: counts first, the average second and labelled."""
    parts = [f"{h.count}项量化指标中，{h.on_pace}项达到序时进度"]
    if h.done:
        parts[-1] += f"（其中已完成{h.done}项）"
    parts.append(f"{h.behind}项滞后" + (f"（其中红灯{h.red}项）" if h.red else ""))
    parts.append(f"{h.missing}项未报送")
    if h.not_due:
        parts.append(f"{h.not_due}项尚未到报送期")
    text = "，".join(parts) + "。"
    if h.expected is not None and h.expected_month is not None:
        n = int(h.expected_month[5:7])
        text += f"序时进度为{fmt_percent(h.expected)}（{n}/12）"
        if h.average is not None:
            text += (
                f"；已报送的{h.averaged}项指标平均完成率为{fmt_percent(h.average)}"
                "（单项超过100%按100%计）"
            )
        text += "。"
    return text


# ---------------------------------------------------------------- deliverables


def exception_text(row: IndicatorRow) -> str:
    """One exception as the briefing words it (after the indicator's name and light)."""
    if row.value is None:
        text = f"应报未报，报送单位{row.missing}"
    else:
        month = fmt_month(row.data_month) if row.data_month else ""
        text = (
            f"{month}累计{fmt_quantity(row.value, row.measure)}，目标{row.target_text}，"
            f"完成{fmt_percent(row.completion)}，{gap_text(row.gap)}"
        )
        if row.missing:
            text += f"；{row.missing}未报送"
    if row.reason:
        text += f"；{row.reason}"
    if row.streak > 1:
        text += f"；已连续{row.streak}个月预警"
    return text + "。"


def gap_text(gap: float | None) -> str:
    """Gap to 序时进度 in percentage points: ``落后12.7个百分点`` / ``领先3个百分点``."""
    if gap is None:
        return "—"
    text = fmt_number(abs(gap), 1)
    if text == "0":
        return "与序时进度持平"
    return f"落后{text}个百分点" if gap > 0 else f"领先{text}个百分点"


def overdue_text(units: list[UnitMisses]) -> str | None:
    """The 逾期未报 sentence: each unit and what it owes, the longest overdue first."""
    if not units:
        return None
    parts = []
    for m in units:
        items = [f"{i.label}逾期{i.days}天" for i in m.overdue]
        items += [f"{i.label}文件有错误" for i in m.invalid]
        parts.append(f"{m.unit}（{'、'.join(items)}）")
    return "逾期未报：" + "；".join(parts) + "。"


def task_text(t: TaskBlock) -> str:
    """A task's line in the briefing, after its number and title."""
    text = f"（牵头单位：{t.lead}）。"
    if t.actions_text:
        # Actions and numbers told side by side (views.actions.task_progress_text).
        text += f"{t.actions_text}，"
    elif t.qualitative:
        if t.status:
            status = t.status + (f"，{t.status_note}" if t.status_note else "")
        else:
            status = "牵头单位尚未填报"
        text += f"进展：{status}；"
    else:
        text += f"完成率{fmt_percent(t.completion)}，"
    text += f"状态：{t.light_name}。"
    if t.infos:
        # Titles and excerpts are in the annex; the body names who reported.
        names = "、".join(i.unit + ("（迟报）" if i.late else "") for i in t.infos)
        text += f"本月信息：{names}（见附件2）。"
    if t.missing_infos:
        text += f"{t.missing_infos}未报送本月信息。"
    return text
