"""The CJK font files this machine has, as the system lists them (for the charts).

matplotlib keeps its own list of fonts in a cache file written the first time it
runs. When that happened before a CJK font was installed (``make system-deps``
installs fonts after something already imported matplotlib; a user follows our
own "install fonts-noto-cjk" advice), matplotlib never looks again, and the
charts would go on saying there is no Chinese font. :func:`system_cjk_font_files`
asks the system instead, so :mod:`jianyian.render.charts` can add what it finds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

__all__ = ["system_cjk_font_files"]

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


def _from_fontconfig() -> list[str] | None:
    """Files fontconfig says cover Chinese, or None when fontconfig cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "--format=%{file}\\n"],
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

    Sorted and without duplicates, so what is added to matplotlib is the same on
    every run. Empty when the machine has no Chinese font at all.
    """
    files = _from_fontconfig()
    if not files:
        files = _from_folders()
    return sorted({f for f in files if f.lower().endswith(FONT_SUFFIXES) and os.path.isfile(f)})
