"""The CJK fonts this machine has, as the system lists them (for the print charts).

The Word briefing's charts are rasterised by resvg from the given font files only
(:mod:`jianyian.render.charts`), never from a cache of its own: what fontconfig lists
today is what the charts use, so a font installed a minute ago counts.
:func:`chart_font` picks the face; rendering reads nothing itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

__all__ = ["CHART_FAMILIES", "ChartFont", "chart_font", "system_cjk_font_files"]

#: Chinese sans faces for the charts, in order of preference: Simplified Chinese faces
#: first (glyph shapes differ from the Japanese/Traditional faces in the same .ttc files).
CHART_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)


class ChartFont(NamedTuple):
    """The face the charts are set in: its family (None when fontconfig could not say)
    and the files to load."""

    family: str | None
    files: tuple[str, ...]


#: Folders fonts are installed into, when fontconfig is not there to ask.
FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/System/Library/Fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)
#: File name parts of common Chinese fonts (Noto/Source Han CJK, WenQuanYi, Windows, macOS).
CJK_FILE_HINTS: tuple[str, ...] = (
    "cjk",
    "sourcehan",
    "wqy",
    "wenquanyi",
    "msyh",
    "simhei",
    "simsun",
    "simfang",
    "simkai",
    "pingfang",
    "notosanssc",
    "notoserifsc",
)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
#: More files than any real font folder holds: stop there rather than walk a huge tree.
MAX_SCANNED = 20_000


def _from_fontconfig(fmt: str = "%{file}\\n") -> list[str] | None:
    """Lines fontconfig prints for the fonts that cover Chinese (``fmt``), or None when
    fontconfig cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", f"--format={fmt}"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


def _from_folders() -> list[str]:
    """Font files in the usual folders whose names say they are Chinese fonts."""
    found: list[str] = []
    scanned = 0
    for folder in FONT_DIRS:
        top = Path(os.path.expanduser(folder))
        if not top.is_dir():
            continue
        for dirpath, _dirs, names in os.walk(top):
            for name in names:
                scanned += 1
                if scanned > MAX_SCANNED:
                    return found
                lower = name.lower().replace(" ", "").replace("-", "")
                if lower.endswith(FONT_SUFFIXES) and any(h in lower for h in CJK_FILE_HINTS):
                    found.append(os.path.join(dirpath, name))
    return found


def system_cjk_font_files() -> list[str]:
    """Paths of the CJK font files installed here (fontconfig first, else the usual folders).

    Sorted and without duplicates, so the charts load the same files on every run. Empty when the machine has no Chinese font at all.
    """
    files = _from_fontconfig()
    if not files:
        files = _from_folders()
    return sorted({f for f in files if f.lower().endswith(FONT_SUFFIXES) and os.path.isfile(f)})


def chart_font() -> ChartFont | None:
    """The Chinese face for the charts: the first of :data:`CHART_FAMILIES` fontconfig
    lists, else any Chinese face it lists, else the Chinese font files in the usual
    folders (family unknown). None when the machine has no Chinese font."""
    lines = _from_fontconfig("%{family}|%{file}\\n") or []
    by_family: dict[str, set[str]] = {}
    for line in lines:
        families, _, file = line.rpartition("|")
        if not os.path.isfile(file):
            continue
        for family in families.split(","):
            by_family.setdefault(family.strip(), set()).add(file)
    for family in (*CHART_FAMILIES, *sorted(by_family)):
        if family in by_family:
            return ChartFont(family, tuple(sorted(by_family[family])))
    files = system_cjk_font_files()
    return ChartFont(None, tuple(files)) if files else None
