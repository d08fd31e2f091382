"""The briefing's sentences: the same words in Markdown, Word and the dashboard."""

from __future__ import annotations

from ..engine import consecutive_months, months_text
from ..fmt import fmt_month, fmt_number, fmt_percent, fmt_points, fmt_quantity
from .brief_records import Headline, IndicatorRow, TaskBlock, UnitMisses


def headline_text(h: Headline) -> str:
    """The sentence the office reads aloud: counts first, the average second and labelled.

    "X项达到或超过序时进度，Y项略低于序时进度（差距不足10个百分点），Z项滞后（其中红灯W项），
    V项未报送", then the 序时进度 the rows are judged against (saying so when their data
    months differ), then the average.
    """
    parts = [f"{h.count}项量化指标中，{h.on_pace}项达到或超过序时进度"]
    if h.done:
        parts[-1] += f"（其中已完成{h.done}项）"
    parts.append(f"{h.near}项略低于序时进度（差距不足{fmt_number(h.yellow)}个百分点）")
    parts.append(f"{h.behind}项滞后" + (f"（其中红灯{h.red}项）" if h.red else ""))
    parts.append(f"{h.missing}项未报送")
    if h.not_due:
        parts.append(f"{h.not_due}项尚未到报送期")
    text = "，".join(parts) + "。"
    expected = expected_text(h.expected_groups)
    if expected:
        text += expected
        if h.average is not None:
            text += (
                f"；已报送的{h.averaged}项指标平均完成率为{fmt_percent(h.average)}"
                "（单项超过100%按100%计）"
            )
        text += "。"
    return text


def expected_text(groups: tuple[tuple[str, float, int], ...]) -> str:
    """``数据截至7月，序时进度58.3%（7/12）``, and the rows whose data month differs."""
    if not groups:
        return ""
    with_year = len({month[:4] for month, _, _ in groups}) > 1

    def month_words(month: str) -> str:
        return fmt_month(month) if with_year else f"{int(month[5:7])}月"

    def share_words(month: str, share: float) -> str:
        n = int(month[5:7])
        plain = abs(share - n / 12) < 1e-6
        return fmt_percent(share) + (f"（{n}/12）" if plain else "")

    month, share, _ = groups[0]
    text = f"数据截至{month_words(month)}，序时进度{share_words(month, share)}"
    others = [
        f"{n}项数据截至{month_words(m)}，序时进度{share_words(m, e)}" for m, e, n in groups[1:]
    ]
    if others:
        text += "；另有" + "；".join(others)
    return text


# ---------------------------------------------------------------- deliverables


def exception_text(row: IndicatorRow) -> str:
    """One exception as the briefing words it (after the indicator's name and light)."""
    if row.value is None:
        text = f"应报未报，报送单位{row.missing}"
    else:
        month = fmt_month(row.data_month) if row.data_month else ""
        if row.kind == "rate":
            text = (
                f"{month}{rate_value_text(row.value, row.measure)}，"
                f"{rate_gap_text(row.gap, row.comparator)}"
            )
        else:
            text = (
                f"{month}累计{fmt_quantity(row.value, row.measure)}，目标{row.target_text}，"
                f"完成{fmt_percent(row.completion)}，{gap_text(row.gap)}"
            )
        if row.stale:
            text += f"（{row.stale}）"
        if row.parts_note:
            text += f"（{row.parts_note}）"
        if row.missing:
            text += f"；{row.missing}未报送"
    if row.reason:
        text += f"；{row.reason}"
    elif row.streak > 1:
        text += f"；{streak_text(row.streak_months)}"
    return text + "。"


def streak_text(months: tuple[str, ...]) -> str:
    """``已连续2个月预警（6月、7月）``: the data months of a streak (a gap: ``连续2期数据``)."""
    unit = "个月" if consecutive_months(months) else "期数据"
    return f"已连续{len(months)}{unit}预警（{months_text(months)}）"


def gap_text(gap: float | None) -> str:
    """Gap to 序时进度 in percentage points, one decimal: ``落后25.0个百分点`` / ``领先3.0个百分点``."""
    if gap is None:
        return "—"
    text = fmt_points(abs(gap))
    if text == "0.0":
        return "与序时进度持平"
    return f"落后{text}个百分点" if gap > 0 else f"领先{text}个百分点"


def rate_value_text(value: float, measure: str) -> str:
    """A rate in its own unit: ``增长6.1%``, ``下降1.2%``."""
    if measure != "%":
        return f"为{fmt_quantity(value, measure)}"
    return f"增长{fmt_number(value)}%" if value >= 0 else f"下降{fmt_number(-value)}%"


def rate_gap_text(gap: float | None, comparator: str) -> str:
    """A rate against its target, in points of the rate: ``低于目标0.9个百分点``."""
    if gap is None:
        return "—"
    points = fmt_points(abs(gap))
    ceiling = comparator == "at_most"
    if points == "0.0":
        return "与目标持平"
    if gap > 0:
        return f"高于上限{points}个百分点" if ceiling else f"低于目标{points}个百分点"
    return f"低于上限{points}个百分点" if ceiling else f"高于目标{points}个百分点"


def light_rule_text(
    yellow: float, red: float, escalate_after: int | None, rates: bool = False
) -> str:
    """灯的口径: the light rule of :func:`jianyian.engine.indicators.light_of` in words.

    Its one home, from the plan's settings: every format of the briefing prints this
    sentence under the indicator table. ``rates`` adds how growth-rate indicators are judged.
    """
    yellow, red = fmt_number(yellow), fmt_number(red)
    text = (
        f"灯的口径：落后序时进度不足{yellow}个百分点为绿灯，{yellow}至{red}个百分点为黄灯，"
        f"超过{red}个百分点为红灯"
    )
    if escalate_after:
        text += f"，黄灯指标连续{escalate_after}个数据月份处于黄灯或红灯的升为红灯"
    text += "；应报未报为“未报送”。序时进度为数据月份 N/12。"
    if rates:
        text += (
            "增速指标直接与目标比较，差距为增速的百分点，灯按差距占目标的比例判断；"
            "12月数据之前达到目标为“达到目标进度”（绿灯）。"
        )
    return text


def row_notes(rows: list[IndicatorRow]) -> list[str]:
    """Notes under the indicator table: older data in a sum, a total's parts, unreadable files."""
    out = []
    for r in rows:
        said = [x for x in (r.stale, r.parts_note) if x]
        if r.partial:
            said.append("部分单位的报送文件有错误，数值不完整")
        if said:
            out.append(f"{r.name}：{'；'.join(said)}。")
    return out


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
    # Overdue actions first, then what was done this month (views.actions).
    text += (t.overdue_text or "") + (t.done_text or "")
    if t.infos:
        # Titles and excerpts are in the annex; the body names who reported.
        names = "、".join(i.unit + ("（迟报）" if i.late else "") for i in t.infos)
        text += f"本月信息：{names}（见附件2）。"
    if t.missing_infos:
        text += f"{t.missing_infos}未报送本月信息。"
    return text
