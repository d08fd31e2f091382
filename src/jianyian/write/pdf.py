"""A Word file turned into PDF by LibreOffice, where it is installed.

LibreOffice runs headless with a private, throw-away profile (so a desktop
LibreOffice that is open does not block it) and a time limit; what it writes is
read back and handed to the caller, who writes the file like any other.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import DataError, UsageError

TIMEOUT = 180
INSTALL_HINT = (
    "生成 PDF 需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk），或改用 -o 简报.docx 后用 Word/WPS 另存为 PDF"
)


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF LibreOffice makes of ``docx``; a clear error when it is missing or fails."""
    program = soffice()
    if program is None:
        raise UsageError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="jianyian-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "brief.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()
        args = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            proc = subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise DataError(f"LibreOffice 在 {TIMEOUT} 秒内没有完成转换，未生成 PDF") from None
        except OSError as exc:
            raise DataError(f"无法运行 LibreOffice（{program}）：{exc.strerror or exc}") from None
        pdf = folder / "brief.pdf"
        if not pdf.is_file():
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            raise DataError(
                "LibreOffice 未能把简报转换为 PDF" + (f"：{detail[0]}" if detail else "")
            )
        return pdf.read_bytes()
