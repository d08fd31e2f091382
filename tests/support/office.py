"""Test helpers for the real external tools: LibreOffice, poppler, fontconfig, Chromium.

Tests that render documents use the real programs, never mocks. When a program is missing,
``require`` skips the test with a loud reason on a developer machine, but fails it when
``CI=true``: CI installs everything (``make system-deps``), so a missing tool there is a
broken build, not a reason to go green without having tested anything.

Typical use::

    from .support.office import convert, pdf_text, require

    def test_docx_renders(tmp_path):
        require("noto-cjk")
        pdf = convert(docx_path, "pdf", tmp_path)  # skips/fails itself without soffice
        assert "关于" in pdf_text(pdf)

Every helper takes a timeout and kills the whole process group when it runs out, because
soffice and chromium start children that would otherwise keep running (and keep our pipes
open) after the parent is killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pytest

SUPPORT_DIR = Path(__file__).resolve().parent
#: Fontconfig file: the system configuration plus the 公文 font aliases (see its header).
FONTS_CONF = SUPPORT_DIR / "fonts.conf"

#: Seconds before a soffice / chromium run is killed. A cold LibreOffice start on a busy
#: 2-core machine takes a few seconds; minutes mean it hangs (e.g. on a profile lock).
DEFAULT_TIMEOUT = 180.0

#: Flags for every headless Chromium run: no sandbox (CI runs as root), no GPU, and no
#: network traffic of its own (QUIC, updates, sync, background fetches), so a test only
#: ever touches the file it was given.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Screenshots: exact pixel size, no scrollbar stealing width, /dev/shm may be tiny
    # in containers.
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--disable-dev-shm-usage",
)

_INSTALL_HINT = (
    "run `make system-deps` as root, or apt-get install --no-install-recommends "
    "libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-ukai poppler-utils "
    "chromium fontconfig faketime"
)


class ToolError(RuntimeError):
    """An external tool ran but failed; the message holds its command, exit code and output."""


def in_ci() -> bool:
    """True when the ``CI`` environment variable says so (``true``/``1``/``yes``)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _which(*names: str, extra: Sequence[str] = ()) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    for candidate in extra:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def soffice_path() -> str | None:
    """Path of the LibreOffice ``soffice`` binary, or None when not installed."""
    return _which(
        "soffice",
        "libreoffice",
        extra=(
            "/usr/lib/libreoffice/program/soffice",
            "/opt/libreoffice/program/soffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ),
    )


def chromium_path() -> str | None:
    """Path of a Chromium (or Chrome) binary, or None when not installed."""
    return _which(
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        extra=("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",),
    )


def fontconfig_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of ``base`` (default ``os.environ``) with FONTCONFIG_FILE set to ``FONTS_CONF``.

    Pass it as ``env=`` to soffice / fc-match so they see the 公文 font aliases; the test
    process itself and the rest of the machine are not affected.
    """
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def _has_noto_cjk() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        out = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=60, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "Noto Sans CJK" in out and "Noto Serif CJK" in out


def _find(tool: str) -> str | None:
    if tool in {"soffice", "libreoffice"}:
        return soffice_path()
    if tool in {"chromium", "chrome"}:
        return chromium_path()
    if tool == "noto-cjk":
        return "Noto Sans CJK SC / Noto Serif CJK SC" if _has_noto_cjk() else None
    return shutil.which(tool)


def require(tool: str) -> str:
    """Return the path of ``tool``; skip the test loudly if it is missing, fail under CI.

    ``tool`` is a program name (``"soffice"``, ``"chromium"``, ``"pdftotext"``,
    ``"pdftoppm"``, ``"pdffonts"``, ``"fc-match"``, ...) or ``"noto-cjk"`` for the Noto
    Sans/Serif CJK fonts. Call it inside a test (not at import time).
    """
    found = _find(tool)
    if found is not None:
        return found
    missing(tool, _INSTALL_HINT)


def missing(tool: str, hint: str) -> NoReturn:
    """Skip the running test loudly because ``tool`` is not installed (``hint``: how to get
    it); fail it instead under CI, where every tool is installed by the build."""
    reason = f"!!! {tool} NOT FOUND: this test of a real tool did NOT run; {hint} !!!"
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing tool fails the build instead of skipping)")
    # A warning too: `-q` hides skip reasons, the warnings summary is always printed.
    warnings.warn(reason, stacklevel=3)
    pytest.skip(reason)


def _run(
    cmd: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` in its own process group; on timeout kill the group and raise ToolError."""
    proc = subprocess.Popen(
        list(cmd),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise ToolError(
            f"timed out after {timeout:.0f} s: {' '.join(cmd)}\nstdout:\n{out}\nstderr:\n{err}"
        ) from None
    result = subprocess.CompletedProcess(list(cmd), proc.returncode, out, err)
    if result.returncode != 0:
        raise ToolError(
            f"exit {result.returncode}: {' '.join(cmd)}\nstdout:\n{out}\nstderr:\n{err}"
        )
    return result


def convert(
    path: str | os.PathLike[str],
    fmt: str,
    outdir: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Convert ``path`` with ``soffice --headless --convert-to fmt`` into ``outdir``.

    ``fmt`` is what soffice takes (``"pdf"``, ``"xlsx"``, ``"pdf:writer_pdf_Export"``); the
    returned path is ``outdir/<stem>.<fmt before any colon>``. Each call uses a fresh
    private LibreOffice profile (``-env:UserInstallation``) in a temporary directory, so
    runs never share or lock the user's profile and can run in parallel; it costs about
    0.3 s. Runs with ``fontconfig_env()`` so the 公文 font aliases apply. Skips (or fails
    under CI) without soffice; raises ToolError when soffice fails or writes nothing.
    """
    soffice = require("soffice")
    src = Path(path).resolve()
    out = Path(outdir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{src.stem}.{fmt.split(':', 1)[0]}"
    with tempfile.TemporaryDirectory(prefix="jianyian-lo-profile-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(src),
        ]
        result = _run(cmd, timeout=timeout, env=fontconfig_env())
    # soffice exits 0 even when it could not load or export the file; the file is the proof.
    if not target.is_file() or target.stat().st_size == 0:
        raise ToolError(
            f"soffice wrote no {target.name}: {' '.join(cmd)}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return target


def _chromium(args: Sequence[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    chromium = require("chromium")
    with tempfile.TemporaryDirectory(prefix="jianyian-chromium-") as user_data:
        cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={user_data}", *args]
        return _run(cmd, timeout=timeout)


def chromium_screenshot(
    html_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    size: tuple[int, int] = (1366, 768),
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Screenshot the local file ``html_path`` at ``size`` (width, height) into ``png_path``.

    Headless Chromium with ``CHROMIUM_FLAGS`` and a fresh ``--user-data-dir``. Skips (or
    fails under CI) without Chromium; raises ToolError when no PNG was written.
    """
    html = Path(html_path).resolve()
    png = Path(png_path).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    result = _chromium(
        [f"--window-size={width},{height}", f"--screenshot={png}", html.as_uri()],
        timeout=timeout,
    )
    if not png.is_file() or png.stat().st_size == 0:
        raise ToolError(f"chromium wrote no screenshot {png}\nstderr:\n{result.stderr}")
    return png


def chromium_dump_dom(
    html_path: str | os.PathLike[str],
    *,
    virtual_time_budget_ms: int = 5000,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """The serialized DOM of the local file ``html_path`` after its scripts ran.

    ``virtual_time_budget_ms`` lets timers and scripts run (in virtual time, so it does not
    actually wait that long) before the DOM is dumped.
    """
    html = Path(html_path).resolve()
    result = _chromium(
        [f"--virtual-time-budget={virtual_time_budget_ms}", "--dump-dom", html.as_uri()],
        timeout=timeout,
    )
    return result.stdout


def pdf_text(pdf_path: str | os.PathLike[str], *, layout: bool = False) -> str:
    """Text of a PDF via poppler's ``pdftotext`` (UTF-8); skips/fails under CI without it."""
    pdftotext = require("pdftotext")
    cmd = [pdftotext, "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf_path), "-"]
    return _run(cmd, timeout=60).stdout


def pdf_fonts(pdf_path: str | os.PathLike[str]) -> list[str]:
    """Names of the fonts in a PDF via poppler's ``pdffonts``, subset prefix removed."""
    pdffonts = require("pdffonts")
    lines = _run([pdffonts, str(pdf_path)], timeout=60).stdout.splitlines()
    # Two header lines ("name type ..." and "----- ..."), then one font per line.
    names = [line.split()[0] for line in lines[2:] if line.strip()]
    return [name.split("+", 1)[1] if "+" in name[:7] else name for name in names]


def pdf_page_png(
    pdf_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    *,
    page: int = 1,
    dpi: int = 72,
) -> Path:
    """Render one page of a PDF to ``png_path`` with poppler's ``pdftoppm``."""
    pdftoppm = require("pdftoppm")
    png = Path(png_path).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    # pdftoppm appends ".png" to the output root itself.
    root = png.with_suffix("") if png.suffix == ".png" else png
    cmd = [pdftoppm, "-png", "-singlefile", "-r", str(dpi), "-f", str(page), "-l", str(page)]
    _run([*cmd, str(pdf_path), str(root)], timeout=60)
    out = root.with_name(root.name + ".png")
    if out != png:
        out.replace(png)
    return png


def fc_match(family: str, *, env: Mapping[str, str] | None = None) -> str:
    """The family fontconfig picks for ``family`` (default env: ``fontconfig_env()``)."""
    fc = require("fc-match")
    env = fontconfig_env() if env is None else env
    return _run([fc, family, "family"], timeout=60, env=env).stdout.strip()


def png_size(png_path: str | os.PathLike[str]) -> tuple[int, int]:
    """(width, height) read from a PNG's IHDR chunk; ValueError if it is not a PNG."""
    with open(png_path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"not a PNG file: {png_path}")
    width, height = struct.unpack(">II", head[16:24])
    return width, height
