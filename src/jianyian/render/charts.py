"""Charts for the briefing (PNG for Word) and the dashboard (SVG for HTML).

matplotlib is imported inside the functions only, so commands that draw no
chart do not pay for it; figures are ``matplotlib.figure.Figure`` objects with
an explicit canvas (no pyplot, no global figure registry, no GUI backend).

Output is deterministic: fixed size and dpi, no software/date metadata, a fixed
SVG hash salt. In SVG, text stays text (``svg.fonttype = 'none'``) so the
browser draws it with the reader's CJK fonts; the SVG's font-family lists
common Chinese fonts after the one found here.

Chinese labels need a CJK font. :func:`find_cjk_font` looks for one; when none
exists the chart functions raise :class:`NoCJKFont`, whose message (Chinese)
names the Debian package to install. The caller renders the document without
the chart and says so (a note in the document, a warning on stderr).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..fmt import fmt_number, fmt_percent

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "CJK_FONT_FAMILIES",
    "CJK_FONT_PACKAGE",
    "LIGHT_COLOURS",
    "CompletionItem",
    "NoCJKFont",
    "completion_chart",
    "find_cjk_family",
    "find_cjk_font",
    "trend_chart",
]

ChartFormat = Literal["png", "svg"]

# Preference order: Simplified Chinese faces first (glyph shapes differ from the
# Japanese/Traditional faces shipped in the same .ttc files).
CJK_FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)
CJK_FONT_PACKAGE = "fonts-noto-cjk"

# Bar colours by light (stronger than the pale table fills of docx_render).
LIGHT_COLOURS: dict[str, str] = {
    "red": "#D64545",
    "yellow": "#E8A317",
    "green": "#3E9B4F",
    "grey": "#9E9E9E",
    "missing": "#8E7CC3",
    "done": "#3F73B5",
}
_NEUTRAL = "#5B7DB1"
_EXPECTED = "#222222"
_SVG_FALLBACK = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimHei",
)


class NoCJKFont(Exception):
    """No CJK font on this machine: Chinese chart labels cannot be drawn."""

    def __init__(self) -> None:
        super().__init__(
            "本机未找到中文字体，图表未生成。请安装中文字体后重试"
            f"（Debian/Ubuntu：sudo apt-get install {CJK_FONT_PACKAGE}）。"
        )


class CompletionItem(NamedTuple):
    """One bar of :func:`completion_chart`.

    ``completion`` and ``expected`` are fractions (0.85 = 85 %); ``completion``
    None means 未报送 (no bar). ``light`` is a key of :data:`LIGHT_COLOURS` or
    None. ``text`` is the label printed at the bar's end (default: the
    percentage with one decimal, or 未报送).
    """

    label: str
    completion: float | None
    expected: float | None
    light: str | None
    text: str | None = None


_refreshed = False


def _add_system_fonts() -> bool:
    """Add this machine's CJK fonts to matplotlib's font list, once a process.

    matplotlib scans the fonts only when it first writes its cache; a font
    installed afterwards stays invisible to it. The system's own list
    (:func:`~jianyian.load.fonts.system_cjk_font_files`) tells what is really
    there; what matplotlib lacked is added, and the cache is written again so
    the next run needs no second look. True when something was added.
    """
    global _refreshed
    if _refreshed:
        return False
    _refreshed = True
    from matplotlib import font_manager

    from ..load.fonts import system_cjk_font_files

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    added = False
    for path in system_cjk_font_files():
        if path in known:
            continue
        try:
            manager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # a broken or unreadable font file
            continue
        added = True
    if added:
        _save_font_cache(manager)
    return added


def _save_font_cache(manager: object) -> None:
    """Rewrite matplotlib's font cache with the fonts just added (best effort)."""
    import matplotlib
    from matplotlib import font_manager

    # json_dump logs and goes on when the folder is read-only: this run has the fonts anyway.
    version = font_manager.FontManager.__version__
    font_manager.json_dump(manager, Path(matplotlib.get_cachedir(), f"fontlist-v{version}.json"))


def _find_entry() -> tuple[str, str] | None:
    found = _lookup_entry()
    if found is None and _add_system_fonts():
        found = _lookup_entry()
    return found


def _lookup_entry() -> tuple[str, str] | None:
    from matplotlib import font_manager

    by_name: dict[str, list[object]] = {}
    for entry in font_manager.fontManager.ttflist:
        by_name.setdefault(entry.name, []).append(entry)
    for family in CJK_FONT_FAMILIES:
        entries = by_name.get(family)
        if entries:
            # Prefer the regular weight; sort for a stable pick among duplicates.
            entries.sort(key=lambda e: (abs(e.weight - 400), e.fname))  # type: ignore[attr-defined]
            return family, entries[0].fname  # type: ignore[attr-defined]
    return None


def find_cjk_font() -> str | None:
    """Return the path of a CJK font file matplotlib can use, or None if there is none."""
    found = _find_entry()
    return found[1] if found else None


def find_cjk_family() -> str | None:
    """Return the family name of the CJK font the charts use, or None.

    Charts select fonts by family, not by path: the Noto CJK files are
    collections whose first face is Japanese, and the family picks the SC face.
    """
    found = _find_entry()
    return found[0] if found else None


def _rc(family: str) -> dict[str, object]:
    return {
        "font.family": [family],
        "font.size": 10,
        "axes.unicode_minus": False,
        "svg.fonttype": "none",
        "svg.hashsalt": "jianyian",
        "path.simplify": False,
        # Names are text, never mathtext: "$…$" in an indicator's name is drawn as typed.
        "text.parse_math": False,
    }


def _save(fig: Figure, fmt: ChartFormat, dpi: int, family: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "png":
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        return buf.getvalue()
    if fmt == "svg":
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        FigureCanvasSVG(fig)
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        svg = buf.getvalue().decode("utf-8")
        # Let a reader without this machine's font still get a Chinese face.
        stack = ", ".join(f"'{f}'" for f in dict.fromkeys((family, *_SVG_FALLBACK)))
        svg = re.sub(
            r"font-family:\s*'?" + re.escape(family) + r"'?",
            lambda _m: f"font-family: {stack}, sans-serif",
            svg,
        )
        return svg.encode("utf-8")
    raise ValueError(f"unknown chart format {fmt!r}")


def _family(font_family: str | None) -> str:
    family = font_family or find_cjk_family()
    if family is None:
        raise NoCJKFont()
    return family


def _wrap(label: str, width: int = 12) -> str:
    # Long indicator names wrap rather than squeeze the plot area.
    return "\n".join(label[i : i + width] for i in range(0, len(label), width)) or " "


def completion_chart(
    items: Sequence[CompletionItem | tuple[str, float | None, float | None, str | None]],
    *,
    fmt: ChartFormat = "png",
    dpi: int = 200,
    title: str | None = None,
    font_family: str | None = None,
) -> bytes:
    """Draw 完成率与序时进度: one horizontal bar per indicator, coloured by light.

    Each bar carries its own 序时进度 mark (a dark vertical tick at ``expected``;
    indicators may have different N/12) and its completion label. Items are
    drawn top to bottom in the given order. Raises :class:`NoCJKFont` when no
    CJK font is available.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    family = _family(font_family)
    rows = [CompletionItem(*it) for it in items]
    with matplotlib.rc_context(_rc(family)):
        n = max(1, len(rows))
        fig = Figure(figsize=(6.2, 0.9 + 0.42 * n), dpi=dpi, layout="constrained")
        ax = fig.add_subplot()
        top = max(
            [1.0]
            + [r.completion for r in rows if r.completion is not None]
            + [r.expected for r in rows if r.expected is not None]
        )
        xmax = top * 1.18
        for y, r in enumerate(rows):
            colour = LIGHT_COLOURS.get(r.light or "", _NEUTRAL)
            if r.completion is not None:
                ax.barh(y, r.completion, height=0.6, color=colour, edgecolor="none")
                text = r.text if r.text is not None else f"{r.completion * 100:.1f}%"
                ax.text(r.completion + xmax * 0.01, y, text, va="center", ha="left", fontsize=9)
            else:
                text = r.text if r.text is not None else "未报送"
                ax.text(
                    xmax * 0.01,
                    y,
                    text,
                    va="center",
                    ha="left",
                    fontsize=9,
                    color=LIGHT_COLOURS["missing"],
                )
            if r.expected is not None:
                ax.plot(
                    [r.expected, r.expected], [y - 0.42, y + 0.42], color=_EXPECTED, linewidth=1.6
                )
        ax.set_yticks(range(len(rows)), [_wrap(r.label) for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)  # first item on top
        ax.set_xlim(0, xmax)
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("完成率")
        if title:
            ax.set_title(title, fontsize=11)
        used = [k for k in LIGHT_COLOURS if any(r.light == k for r in rows)]
        names = {
            "red": "红灯",
            "yellow": "黄灯",
            "green": "绿灯",
            "grey": "不适用",
            "missing": "未报送",
            "done": "已完成",
        }
        handles = [Line2D([0], [0], color=_EXPECTED, linewidth=1.6, label="序时进度")]
        handles += [Patch(color=LIGHT_COLOURS[k], label=names[k]) for k in used]
        # Outside the axes, above; at most four per row so it never runs off the page.
        fig.legend(
            handles=handles,
            loc="outside upper center",
            ncol=min(len(handles), 4),
            frameon=False,
            fontsize=9,
        )
        return _save(fig, fmt, dpi, family)


def trend_chart(
    series: Mapping[str, Sequence[float | None]] | Sequence[tuple[str, Sequence[float | None]]],
    months: Sequence[int],
    expected_line: Sequence[float | None] | None,
    *,
    fmt: ChartFormat = "png",
    dpi: int = 200,
    percent: bool = False,
    measure: str = "",
    title: str | None = None,
    font_family: str | None = None,
) -> bytes:
    """Draw the 1–N月 trend: one line per series over ``months`` and the 序时进度 line.

    ``series`` maps a label to one value per month (None: no value that month);
    ``expected_line`` gives 序时进度 per month (target × N/12) or None. With
    ``percent`` the values are fractions shown as percentages (use it when
    several goals with different targets share one chart: pass completion
    fractions and N/12 as the expected line). Raises :class:`NoCJKFont`.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    family = _family(font_family)
    pairs = list(series.items()) if isinstance(series, Mapping) else list(series)
    xs = list(months)
    for label, values in pairs:
        if len(values) != len(xs):
            raise ValueError(f"series {label!r} has {len(values)} values for {len(xs)} months")
    if expected_line is not None and len(expected_line) != len(xs):
        raise ValueError("expected_line must have one value per month")
    with matplotlib.rc_context(_rc(family)):
        fig = Figure(figsize=(6.2, 3.2), dpi=dpi, layout="constrained")
        ax = fig.add_subplot()
        palette = ["#3F73B5", "#D64545", "#3E9B4F", "#E8A317", "#8E7CC3"]
        for i, (label, values) in enumerate(pairs):
            pts = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            if not pts:
                continue
            colour = palette[i % len(palette)]
            # NaN breaks the line at a month without a value instead of bridging it.
            ax.plot(
                xs,
                [float("nan") if v is None else v for v in values],
                marker="o",
                markersize=4,
                linewidth=1.8,
                color=colour,
                label=label,
            )
            if len(pairs) == 1:
                for x, v in pts:
                    text = fmt_percent(v) if percent else fmt_number(v)  # as the tables
                    ax.annotate(
                        text,
                        (x, v),
                        textcoords="offset points",
                        xytext=(0, -8),
                        ha="center",
                        va="top",
                        fontsize=8,
                    )
        if expected_line is not None:
            pts = [(x, v) for x, v in zip(xs, expected_line, strict=True) if v is not None]
            ax.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                linestyle="--",
                linewidth=1.4,
                color=_EXPECTED,
                label="序时进度",
            )
        ax.set_xticks(xs, [f"{m}月" for m in xs])
        if xs:
            ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
        ax.set_ylim(bottom=0)
        if percent:
            ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        if measure:
            ax.set_ylabel(measure, rotation=0, loc="top", labelpad=-4)
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if title:
            ax.set_title(title, fontsize=11)
        ax.legend(frameon=False, fontsize=9, loc="upper left")
        return _save(fig, fmt, dpi, family)
