"""The dashboard as one self-contained HTML page (``jianyian dashboard``).

Built with small Python functions rather than a template: :func:`el` escapes
every string it is given (``html.escape``, quotes included) and only
:class:`Markup` made here passes unescaped, so text from reports is always text
(a ``<script>`` in a 信息 title is shown, never run). The page refers to nothing
outside itself: inline CSS and script (:mod:`jianyian.render.html_assets`), the
reader's own fonts, inline SVG charts drawn from the view by
:mod:`jianyian.render.svg_charts` (no matplotlib: the page needs lines, bars and text).
Same view → same bytes: no random ids, no clock.

Made for people on any screen (issue 32): every light is a word and a shape as well as a
colour (:data:`LIGHT_MARKS`), so it reads on old screens and grey printouts; the tabs
follow ARIA's tab pattern inside a ``<nav>``; on a phone the indicator tables become
small labelled cards and the reporting grid scrolls inside its card. axe-core (WCAG 2.1
AA), the W3C Nu validator and html-validate check the page (tests/test_dashboard_people.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..fmt import fmt_date, fmt_month, fmt_number, fmt_percent
from ..views.brief_records import IndicatorRow
from ..views.brief_texts import gap_text as pp
from ..views.brief_texts import rate_gap_text, streak_text
from ..views.dashboard import Dashboard, IndicatorCard, LatestInfo, TaskCard, cell_state
from .html_assets import CSS, JS
from .html_charts import DashboardCharts, draw_dashboard_charts
from .html_markup import Markup, el

__all__ = [
    "LIGHT_MARKS",
    "TABS",
    "DashboardCharts",
    "Markup",
    "draw_dashboard_charts",
    "el",
    "render_dashboard_html",
]


#: A shape beside each light's name, so a light never rests on colour alone (grey
#: printouts, colour-blind readers); screen readers read the name and skip the shape.
LIGHT_MARKS: dict[str, str] = {
    "done": "✓",
    "green": "●",
    "yellow": "▲",
    "red": "■",
    "missing": "◇",
    "grey": "○",
}


def _mark(light: str) -> Markup:
    return el("span", {"class": "mark", "aria-hidden": "true"}, LIGHT_MARKS[light])


def _light(light: str, name: str) -> Markup:
    return el("span", {"class": f"light light-{light}"}, _mark(light), name)


def _pct(value: float | None) -> str:
    return fmt_percent(value)


def _value(value_number: str, unit: str) -> str:
    return "—" if value_number == "—" else f"{value_number}{unit}"


def _scroll(label: str, table: Markup) -> Markup:
    """A wide table that scrolls sideways inside its card on a narrow screen: a named region,
    focusable so a keyboard can scroll it too."""
    return el("section", {"class": "scroll", "aria-label": label, "tabindex": "0"}, table)


def _data_months(month: str | None) -> str:
    return "—" if month is None else f"1–{int(month[5:])}月"


def _gap(r: IndicatorRow) -> str:
    """与序时进度比 (a rate: against its target), one decimal."""
    return rate_gap_text(r.gap, r.comparator) if r.kind == "rate" else pp(r.gap)


def _reporters(r: IndicatorRow) -> str:
    """Who reports, and who is behind: 未报 (no value) and older data in a sum."""
    text = r.reporters + (f"（未报：{r.missing}）" if r.missing else "")
    return text + (f"（{r.stale}）" if r.stale else "")


# ---------------------------------------------------------------- sections

#: The page's four tabs: (panel id, name), in order.
TABS: tuple[tuple[str, str], ...] = (
    ("overview", "总览"),
    ("indicators", "指标"),
    ("tasks", "任务"),
    ("grid", "报送情况"),
)


def _panel(panel: str) -> dict[str, str | None]:
    """A section's attributes: the tab panel its tab (``tab-<id>``) controls."""
    return {
        "class": "panel",
        "id": panel,
        "role": "tabpanel",
        "aria-labelledby": f"tab-{panel}",
    }


def _tab_bar() -> Markup:
    """The tabs, in a navigation landmark; the first one selected until the script runs.

    ARIA's tab pattern: a ``tablist`` of ``tab`` buttons, each naming the ``tabpanel`` it
    controls; arrow keys move between them (the script). Without the script every
    section shows, one after another, and the buttons do nothing.
    """
    return el(
        "nav",
        {"class": "tabs", "aria-label": "看板栏目"},
        el(
            "div",
            {"role": "tablist", "aria-label": "看板栏目"},
            [
                el(
                    "button",
                    {
                        "type": "button",
                        "role": "tab",
                        "id": f"tab-{panel}",
                        "aria-controls": panel,
                        "aria-selected": "true" if n == 0 else "false",
                        "tabindex": "0" if n == 0 else "-1",
                        "data-tab": panel,
                    },
                    name,
                )
                for n, (panel, name) in enumerate(TABS)
            ],
        ),
    )


def _indicator_table(rows: Iterable[IndicatorRow], *, units: bool = True) -> Markup:
    """Indicators one per row; on a phone each row becomes a small card whose cells carry
    their column's name (``data-label``, shown by the stylesheet)."""
    head = ["指标", "目标", "累计值", "完成率", "序时进度", "与序时进度比", "状态"]
    if units:
        head.append("报送单位")
    body = []
    for r in rows:
        values: list[tuple[str | None, object]] = [
            ("num", r.target_text),
            ("num", _value(r.value_number, r.display_measure)),
            ("num", r.completion_text),
            ("num", r.expected_text),
            ("gap", _gap(r)),
            (None, _light(r.light, r.light_name)),
        ]
        if units:
            values.append((None, _reporters(r)))
        cells = [
            el(
                "td",
                {"class": "name"},
                ("其中：" if r.is_part else "") + r.name,
                el("span", {"class": "why"}, r.reason) if r.reason else None,
            )
        ]
        cells += [
            el("td", {"class": cls, "data-label": label}, value)
            for label, (cls, value) in zip(head[1:], values, strict=True)
        ]
        body.append(el("tr", {"class": "part" if r.is_part else None}, cells))
    return el(
        "table",
        {"class": "rows"},
        el("thead", None, el("tr", None, [el("th", None, h) for h in head])),
        el("tbody", None, body),
    )


def _overview(view: Dashboard) -> Markup:
    tiles = [
        el(
            "div",
            {"class": f"tile light-{c.light}"},
            el("b", None, c.count),
            el("span", None, _mark(c.light), c.name),
        )
        for c in view.lights
    ]
    if view.expected is not None and view.expected_month is not None:
        n = int(view.expected_month[5:])
        tiles.append(
            el(
                "div",
                {"class": "tile expected"},
                el("b", None, _pct(view.expected)),
                el("span", None, f"序时进度（{n}/12）"),
            )
        )
    if view.headline.average is not None:
        tiles.append(
            el(
                "div",
                {"class": "tile expected"},
                el("b", None, _pct(view.headline.average)),
                el("span", None, f"平均完成率（{view.headline.averaged}项）"),
            )
        )
    exceptions = (
        _indicator_table(view.exceptions)
        if view.exceptions
        else el("p", {"class": "muted"}, "没有红灯、黄灯或未报送的指标。")
    )
    overdue_rows = [
        el(
            "tr",
            None,
            el("td", None, u.unit),
            el(
                "td",
                None,
                "、".join(
                    f"{i.label}（{fmt_date(i.due_date)}截止）" for i in u.overdue + u.invalid
                ),
            ),
            el("td", {"class": "num"}, f"{max((i.days for i in u.overdue), default=0)}天"),
        )
        for u in view.overdue
    ]
    overdue = (
        el(
            "table",
            None,
            el(
                "thead",
                None,
                el(
                    "tr",
                    None,
                    el("th", None, "单位"),
                    el("th", None, "逾期未报事项"),
                    el("th", {"class": "num"}, "最长逾期"),
                ),
            ),
            el("tbody", None, overdue_rows),
        )
        if view.overdue
        else el("p", {"class": "muted"}, "没有逾期未报的单位。")
    )
    counts = [
        el(
            "li",
            None,
            f"{c.label}（{fmt_date(c.due_date)}截止）：应报{c.owed}家，已报{c.received}家"
            f"（按时{c.on_time}家、迟报{c.late}家）"
            + (f"，未报：{c.missing_units}" if c.missing_units else "")
            + (f"，{c.not_due}家未到截止日期" if c.not_due else ""),
        )
        for c in view.reports
    ]
    return el(
        "section",
        _panel("overview"),
        el("h2", None, "总览"),
        el(
            "div",
            {"class": "card"},
            el("p", {"class": "headline"}, view.headline_text),
            el("div", {"class": "tiles"}, tiles),
        ),
        el(
            "div",
            {"class": "cols"},
            el(
                "div",
                {"class": "card"},
                el("h3", None, "需要关注的指标（红灯、未报送、黄灯）"),
                exceptions,
            ),
            el(
                "div",
                {"class": "card"},
                el("h3", None, f"逾期未报的单位（{len(view.overdue)}家）"),
                overdue,
                el("h4", None, "本期报送") if counts else None,
                el("ul", {"class": "infos"}, counts) if counts else None,
            ),
        ),
    )


def _indicator_card(card: IndicatorCard, chart: Markup | None, charts_off: bool) -> Markup:
    r = card.row
    facts = [
        ("目标", r.target_text),
        (f"{_data_months(r.data_month)}累计", _value(r.value_number, r.display_measure)),
        ("完成率", r.completion_text),
        ("序时进度", r.expected_text),
        ("与序时进度比", _gap(r)),
        ("报送单位", _reporters(r)),
        ("所属任务", r.task_number),
    ]
    if r.reason:
        facts.append(("说明", r.reason))
    elif r.streak > 1:
        facts.append(("连续预警", streak_text(r.streak_months)))
    if r.parts_note:
        facts.append(("分项目标", r.parts_note))
    if r.partial:
        facts.append(("注意", "部分单位的报送文件有错误，数值不完整"))
    trend_rows = [
        el(
            "tr",
            None,
            el("td", {"class": "month"}, _data_months(p.month)),
            # As the tables print numbers: 4.17, never 4.16667.
            el("td", {"class": "num"}, fmt_number(p.value)),
            el("td", {"class": "num"}, fmt_number(p.expected_value)),
            el("td", {"class": "num"}, "—" if card.kind == "rate" else _pct(p.completion)),
            el("td", None, _light(p.light, p.light_name)),
        )
        for p in card.trend
    ]
    table = el(
        "table",
        None,
        el(
            "thead",
            None,
            el(
                "tr",
                None,
                [
                    el("th", None, h)
                    for h in (
                        "数据",
                        f"累计值（{r.display_measure}）",
                        f"序时进度（{r.display_measure}）",
                        "完成率",
                        "状态",
                    )
                ],
            ),
        ),
        el("tbody", None, trend_rows),
    )
    if chart is not None:
        figure: Markup | None = chart
    elif not card.trend:
        figure = el("p", {"class": "muted"}, "尚无报送数据。")
    else:
        figure = None if charts_off else el("p", {"class": "muted"}, "无图表。")
    title = f"{r.number}. {r.name}" if r.number else f"其中：{r.name}"
    return el(
        "article",
        {"class": "card indicator", "id": f"ind-{r.id}"},
        el("h3", None, title, " ", _light(r.light, r.light_name)),
        el("dl", {"class": "facts"}, [(el("dt", None, k), el("dd", None, v)) for k, v in facts]),
        figure,
        table if card.trend else None,
    )


def _indicators(view: Dashboard, charts: DashboardCharts) -> Markup:
    off = charts.completion is None
    return el(
        "section",
        _panel("indicators"),
        el("h2", None, f"指标（{len(view.indicators)}项）"),
        el(
            "div",
            {"class": "card wide"},
            el("h3", None, "完成率与序时进度"),
            el(
                "div",
                {"class": "cols chart-cols"},
                el("div", None, charts.completion),
                el("div", None, _indicator_table([c.row for c in view.indicators], units=False)),
            ),
        ),
        el(
            "div",
            {"class": "cards"},
            [_indicator_card(c, charts.trends.get(c.row.id), off) for c in view.indicators],
        ),
    )


def _task_card(t: TaskCard) -> Markup:
    def info_item(i: LatestInfo) -> Markup:
        if i.title is None:
            return el(
                "li",
                None,
                el("b", None, i.unit),
                "：",
                el("span", {"class": "muted"}, "尚未报送信息"),
            )
        return el("li", None, el("b", None, i.unit), f"（{fmt_month(i.month)}）：", i.title)

    lead, rest = t.lead_infos, t.other_infos
    facts = [
        ("牵头单位", t.lead),
        ("责任单位", t.responsible or "—"),
        ("完成率", _pct(t.completion)),
    ]
    if t.status:
        facts.append(("进展", t.status + (f"（{t.status_note}）" if t.status_note else "")))
    return el(
        "article",
        {"class": "card task"},
        el("h3", None, f"{t.number} {t.title} ", _light(t.light, t.light_name)),
        el("dl", {"class": "facts"}, [(el("dt", None, k), el("dd", None, v)) for k, v in facts]),
        _indicator_table(t.indicators, units=False)
        if t.indicators
        else el("p", {"class": "muted"}, "本任务无量化指标。"),
        el("h4", None, "最新信息（牵头单位）"),
        el("ul", {"class": "infos"}, [info_item(i) for i in lead]),
        el(
            "details",
            None,
            el("summary", None, f"责任单位最新信息（{len(rest)}家）"),
            el("ul", {"class": "infos"}, [info_item(i) for i in rest]),
        )
        if rest
        else None,
    )


def _tasks(view: Dashboard) -> Markup:
    return el(
        "section",
        _panel("tasks"),
        el("h2", None, f"任务（{len(view.tasks)}项）"),
        [_task_card(t) for t in view.tasks],
    )


def _grid(view: Dashboard) -> Markup:
    head = [el("th", {"class": "unit"}, "单位"), el("th", {"class": "kind"}, "类别")]
    head += [el("th", None, c) for c in view.grid_columns]
    head += [el("th", {"class": "num"}, h) for h in ("按时", "迟报", "逾期未报", "未到期")]
    body = []
    for g in view.grid:
        cells = [el("td", {"class": "unit"}, g.unit), el("td", {"class": "kind"}, g.kind_name)]
        cells += [el("td", {"class": f"cell s-{cell_state(c)}"}, c) for c in g.cells]
        cells += [el("td", {"class": "num"}, n) for n in (g.on_time, g.late, g.overdue, g.not_due)]
        body.append(el("tr", {"data-unit": g.unit_id, "data-kind": g.kind}, cells))
    kinds = [el("option", {"value": ""}, "全部类别")] + [
        el("option", {"value": k}, n) for k, n in view.kinds
    ]
    units = [el("option", {"value": ""}, "全部单位")] + [
        el("option", {"value": g.unit_id}, g.unit) for g in view.grid
    ]
    filters = el(
        "div",
        {"class": "filters"},
        el("label", None, "类别 ", el("select", {"id": "filter-kind"}, kinds)),
        el("label", None, "单位 ", el("select", {"id": "filter-unit"}, units)),
        el(
            "span",
            {"class": "muted"},
            "显示 ",
            el("b", {"id": "filter-count"}, len(view.grid)),
            f" / {len(view.grid)} 家",
        ),
    )
    return el(
        "section",
        _panel("grid"),
        el("h2", None, "报送情况"),
        el(
            "div",
            {"class": "card"},
            el(
                "p",
                {"class": "muted"},
                "✓ 按时报送；迟N天：晚于截止日N天报送；未报：已过截止日未报送；未到期：尚未到截止日；— 不需报送。截止日遇节假日顺延。",
            ),
            filters,
            el("p", {"class": "swipe muted"}, "表格较宽，可左右滑动查看。"),
            _scroll(
                "各单位逐月报送情况",
                el(
                    "table",
                    {"class": "grid"},
                    el("thead", None, el("tr", None, head)),
                    el("tbody", None, body),
                ),
            ),
        ),
    )


def render_dashboard_html(view: Dashboard, charts: DashboardCharts | None = None) -> str:
    """The whole page. ``charts`` default: :func:`draw_dashboard_charts` (its note on the page)."""
    charts = draw_dashboard_charts(view) if charts is None else charts
    title = f"{view.plan_title}落实进度（截至{fmt_date(view.as_of)}）"
    notices = []
    if charts.note:
        notices.append(el("p", {"class": "notice"}, charts.note))
    if view.data_errors:
        notices.append(
            el(
                "p",
                {"class": "notice"},
                f"数据中有{view.data_errors}处错误，相关数值可能不完整（运行 jianyian validate 查看）。",
            )
        )
    if view.history_note:
        notices.append(el("p", {"class": "notice"}, view.history_note))
    version = view.commit or "未纳入 git 管理"
    if view.commit and view.dirty:
        version += "（含未提交的修改）"
    body = el(
        "body",
        None,
        el(
            "header",
            {"class": "masthead"},
            el("p", {"class": "kicker"}, view.office),
            el("h1", None, f"{view.plan_title}落实进度"),
            el(
                "p",
                {"class": "meta"},
                f"{view.proposal} · 统计截至{fmt_date(view.as_of)} · 数据为{_data_months(view.expected_month)}累计",
            ),
        ),
        _tab_bar(),
        el(
            "main",
            None,
            notices,
            _overview(view),
            _indicators(view, charts),
            _tasks(view),
            _grid(view),
        ),
        el(
            "footer",
            None,
            f"数据版本：{version} · 统计截至：{fmt_date(view.as_of)}（{view.as_of.isoformat()}） · 由 jianyian 生成",
        ),
        el("script", None, Markup(JS)),
    )
    head = el(
        "head",
        None,
        Markup('<meta charset="utf-8">'),
        Markup('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        el("title", None, title),
        el("style", None, Markup(CSS)),
    )
    return "<!DOCTYPE html>\n" + el("html", {"lang": "zh-CN"}, head, body) + "\n"
