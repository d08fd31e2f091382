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

from ..errors import DataError, UsageError, os_error_text

TIMEOUT = 180

#: The 公文 fonts a .docx names, by role, and the families that stand in for them when
#: the machine lacks them: 仿宋 and 宋体 (body, titles) a serif CJK face, 黑体 (一、
#: headings) a sans, 楷体 (（一） headings, 按语, notes) a Kai face where there is one
#: (Debian's fonts-arphic-ukai), else the serif. Without this LibreOffice lets
#: fontconfig pick "a CJK font" and the whole PDF comes out in one sans face.
FONT_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "serif": (
        (
            "仿宋",
            "仿宋_GB2312",
            "FangSong",
            "FangSong_GB2312",
            "方正仿宋_GBK",
            "华文仿宋",
            "STFangsong",
            "方正小标宋简体",
            "方正小标宋_GBK",
            "小标宋",
            "华文中宋",
            "STZhongsong",
            "宋体",
            "SimSun",
            "新宋体",
            "NSimSun",
            "华文宋体",
            "STSong",
        ),
        (
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Source Han Serif CN",
            "AR PL UMing CN",
            "Noto Sans CJK SC",
        ),
    ),
    "sans": (
        ("黑体", "SimHei", "方正黑体_GBK", "华文黑体", "STHeiti", "微软雅黑", "Microsoft YaHei"),
        (
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "Source Han Sans CN",
            "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei",
        ),
    ),
    "kai": (
        ("楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "华文楷体", "STKaiti"),
        ("AR PL UKai CN", "AR PL KaitiM GB", "Noto Serif CJK SC", "Source Han Serif SC"),
    ),
}


def fontconfig_text() -> str:
    """A fontconfig file: the system's configuration, then the 公文 fonts by role.

    ``prefer`` (not ``accept``) puts the stand-ins before fontconfig's own guesses, but a
    machine that has the real 仿宋_GB2312 still uses it: an installed family matches
    itself before any alias is consulted.
    """
    from xml.sax.saxutils import escape

    rules = []
    for names, stand_ins in FONT_ROLES.values():
        prefer = "".join(f"<family>{escape(f)}</family>" for f in stand_ins)
        rules += [
            f'  <alias binding="strong"><family>{escape(n)}</family><prefer>{prefer}</prefer></alias>'
            for n in names
        ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "\n".join(rules)
        + "\n</fontconfig>\n"
    )


INSTALL_HINT = (
    "生成 PDF 需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk fonts-arphic-ukai），或改用 -o 简报.docx 后用 Word/WPS 另存为 PDF"
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
        fonts_conf = folder / "fonts.conf"
        fonts_conf.write_text(fontconfig_text(), encoding="utf-8")
        # Ours includes the system configuration first, so nothing installed is lost.
        env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf))
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
                env=env,
            )
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise DataError(f"LibreOffice 在 {TIMEOUT} 秒内没有完成转换，未生成 PDF") from None
        except OSError as exc:
            raise DataError(f"无法运行 LibreOffice（{program}）：{os_error_text(exc)}") from None
        pdf = folder / "brief.pdf"
        if not pdf.is_file():
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            raise DataError(
                "LibreOffice 未能把简报转换为 PDF" + (f"：{detail[0]}" if detail else "")
            )
        return pdf.read_bytes()
