"""Reading files safely: links, devices, sizes and encodings refused with a located message."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, error, warning
from ..errors import os_error_text
from ..models import Source
from .layout import IGNORED_NAMES, MAX_FILE_BYTES, REPORTS_DIR, YAML_SUFFIXES
from .yaml_hints import describe_encoding


def rel_path(root: Path, path: Path) -> str:
    # String slicing in the common case (a path below root): Path.relative_to cost
    # a tenth of loading 10,000 reports. Anything else takes the exact slow path.
    head, full = str(root), str(path)
    if len(full) > len(head) + 1 and full.startswith(head) and full[len(head)] == os.sep:
        return full[len(head) + 1 :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def read_source(
    root: Path, path: Path, real_dirs: dict[str, str] | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """Read one file as UTF-8 text, refusing what must not be read.

    ``real_dirs`` caches resolved folders across the files of one load (a tree has
    many files per folder, and resolving a path costs several system calls).
    """
    rel = rel_path(root, path)
    cache = real_dirs if real_dirs is not None else {}
    try:
        # Resolve every link on the way, a linked file or a linked folder alike
        # (data/reports itself may be one): what leads outside the project is refused.
        real_root = cache.get("") or cache.setdefault("", os.path.realpath(root))
        parent = str(path.parent)
        real_parent = cache.get(parent) or cache.setdefault(parent, os.path.realpath(parent))
        target = os.path.join(real_parent, path.name)
        info = os.lstat(target)
        if stat.S_ISLNK(info.st_mode):
            # A linked file is refused even when it leads inside the project: its
            # figures would change through a file ``audit`` and CODEOWNERS never see.
            real = os.path.realpath(target, strict=True)  # a loop or a dead link: OSError
            if _inside(real, real_root):
                return None, [
                    error(
                        "JY009",
                        "文件是符号链接，已拒绝读取：报送文件和计划须是普通文件，请用文件本身替换链接",
                        rel,
                    ).located(1, 1)
                ]
            target = real
        if not _inside(target, real_root):
            return None, [error("JY009", "符号链接指向项目目录以外，已拒绝读取", rel).located(1, 1)]
        if not stat.S_ISREG(info.st_mode):  # a pipe would block, a device never end
            return None, [
                error("JY009", "不是普通文件（如管道或设备文件），已拒绝读取", rel).located(1, 1)
            ]
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, [
                error(
                    "JY007",
                    f"文件大小 {size} 字节，超过 {MAX_FILE_BYTES} 字节（1 MiB）上限，未读取",
                    rel,
                ).located(1, 1)
            ]
        with open(target, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno or 0) or os_error_text(exc)
        return None, [error("JY009", f"无法读取文件：{reason}", rel).located(1, 1)]
    return decode_source(rel, data)


def _inside(path: str, real_root: str) -> bool:
    return path == real_root or path.startswith(real_root.rstrip(os.sep) + os.sep)


#: What reading a report adds to errors.os_error_text's words.
_OS_ERRORS = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "文件不存在（可能是失效的符号链接）",
    errno.EISDIR: "这是一个目录",
}


def decode_source(rel: str, data: bytes) -> tuple[Source | None, list[Diagnostic]]:
    """Bytes → text. A BOM is accepted; NUL bytes or another encoding are refused."""
    if (wide := describe_encoding(data)) is not None:  # UTF-16/32 is full of NULs: not binary
        return None, [error("JY001", wide, rel).located(1, 1)]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [
            error("JY001", "文件含有二进制内容（不是文本文件），无法读取", rel).located(line, 1)
        ]
    # A BOM is accepted and is not part of any line or column.
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, like every other position: the line is valid UTF-8 up to here.
        col = len(body[line_start : exc.start].decode("utf-8")) + 1
        hint = "请用 UTF-8 编码另存该文件"
        try:
            data.decode("gb18030")
            hint = "文件看起来是 GBK/GB18030 编码，" + hint
        except UnicodeDecodeError:
            pass
        return None, [error("JY001", f"文件不是 UTF-8 编码：{hint}", rel).located(line, col)]
    return Source(rel, text), []


def list_report_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Report files under data/reports/<unit>/, and warnings for anything else there."""
    base = root / REPORTS_DIR
    files: list[Path] = []
    diags: list[Diagnostic] = []
    if not base.is_dir():
        return files, diags
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        folder = Path(dirpath)
        depth = len(folder.relative_to(base).parts)
        dirnames.sort()
        for name in sorted(filenames):
            path = folder / name
            if depth == 1 and name.endswith(YAML_SUFFIXES):  # the common case first
                files.append(path)
                continue
            rel = rel_path(root, path)
            if depth == 0:
                if name not in IGNORED_NAMES:
                    diags.append(
                        warning(
                            "JY008",
                            "报送文件应放在 data/reports/<单位标识>/ 目录下，此文件未被读取",
                            rel,
                        ).located(1, 1)
                    )
            elif depth > 1:
                diags.append(
                    warning("JY008", "单位目录下不应再有子目录，此文件未被读取", rel).located(1, 1)
                )
            elif name not in IGNORED_NAMES:
                diags.append(
                    warning(
                        "JY008", "不是 .yaml 报送文件，未被读取（报送文件应以 .yaml 结尾）", rel
                    ).located(1, 1)
                )
        for name in dirnames:
            if (folder / name).is_symlink():
                diags.append(
                    warning(
                        "JY008", "目录是符号链接，未被读取", rel_path(root, folder / name)
                    ).located(1, 1)
                )
    return files, diags
