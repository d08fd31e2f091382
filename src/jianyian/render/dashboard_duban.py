"""The dashboard's 督办 tab: every 督办 item, its state, deadline, reply and 销号.

Kept apart from :mod:`.dashboard_html` (which adds the tab and calls :func:`duban_panel`);
the rows come ready-made from :func:`jianyian.views.duban.dashboard_duban`.
"""

from __future__ import annotations

from ..views.dashboard import Dashboard
from .html_markup import Markup, el

#: state → the class its cell gets (the page's CSS colours s-* cells of the grid alike)
STATE_CLASS = {
    "逾期未反馈": "overdue",
    "重新督办": "late",
    "待反馈": "not_due",
    "已反馈待销号": "on_time",
    "已销号": "on_time",
}


def duban_panel(view: Dashboard, attrs: dict[str, str | None]) -> Markup:
    """The 督办 section (``attrs``: the tab panel's attributes)."""
    head = ["编号", "状态", "等级", "督办内容", "承办单位", "反馈时限", "反馈", "销号"]
    body = []
    for r in view.duban:
        level = r.level + "色" + ("（已升级）" if r.escalation else "")
        state = STATE_CLASS.get(r.state, "not_due")
        cells = [
            el("td", None, r.id),
            el("td", {"class": f"cell s-{state}"}, r.state_text),
            el("td", {"title": r.escalation} if r.escalation else None, level),
            el("td", None, r.text),
            el("td", {"class": "unit"}, r.units),
            el("td", None, r.due),
            el("td", None, r.replied),
            el("td", None, r.closed),
        ]
        body.append(el("tr", {"data-state": r.state}, cells))
    if view.duban:
        content: object = el(
            "section",
            {"class": "scroll", "aria-label": "督办事项", "tabindex": "0"},
            el(
                "table",
                {"class": "duban"},
                el("thead", None, el("tr", None, [el("th", None, h) for h in head])),
                el("tbody", None, body),
            ),
        )
    else:
        content = el("p", {"class": "muted"}, "截至统计日，领导小组办公室没有交办督办事项。")
    escalations = [el("li", None, f"{r.id}：{r.escalation}") for r in view.duban if r.escalation]
    return el(
        "section",
        attrs,
        el("h2", None, f"督办事项（{len(view.duban)}项）"),
        el(
            "div",
            {"class": "card"},
            el("p", None, view.duban_text or "督办事项 0 项"),
            el(
                "p",
                {"class": "muted"},
                "反馈时限遇节假日顺延；由牵头单位汇总反馈；逾期未反馈超过规定天数的升级一档。",
            ),
            content,
            el("ul", None, escalations) if escalations else None,
        ),
    )
