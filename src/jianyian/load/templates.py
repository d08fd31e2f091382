"""Finding and reading Jinja templates: the project's ``templates/``, ``--template`` or the built-in ones.

Templates are read here, through the same guarded reader as reports (regular
files only, no links, at most 1 MiB, UTF-8), so rendering never touches the disk:
the renderer gets the template texts as a mapping.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DataError, UsageError, os_error_text
from .layout import MAX_FILE_BYTES, TEMPLATES_DIR

BRIEF_TEMPLATE = "brief.md.j2"
TEMPLATE_SUFFIX = ".j2"


class TemplateSet(NamedTuple):
    """The templates a rendering may use: file name → text, and which one to start from."""

    main: str
    sources: dict[str, str]
    #: how messages name the main template (a path relative to the project where possible)
    label: str
    #: where compiled templates are kept between runs (:func:`template_cache`); None: compile each time
    cache: Any = None


#: Where compiled templates are kept: this variable's folder; empty turns the cache off;
#: unset, ``$XDG_CACHE_HOME/jianyian`` (``~/.cache/jianyian``).
CACHE_ENV = "JIANYIAN_CACHE_DIR"
#: The files whose text decides what a template compiles to (the sandbox's code
#: generator, the environment's options): a change to either starts a fresh cache.
_COMPILER_FILES = ("render/sandbox.py", "render/markdown.py")


def template_cache() -> Any:
    """A Jinja bytecode cache in the user's cache folder, or None when there is none.

    Compiling the briefing's template takes longer than rendering it. Jinja keys each
    entry by the template's name and checks it against the text's checksum, so an
    edited template compiles afresh; the file names also carry a digest of Jinja's
    version and of :data:`_COMPILER_FILES`, so a jianyian whose compiler differs never
    runs code another one cached. It is only a cache: a folder that cannot be made or
    written, or an entry that cannot be read, means compiling as if there were none.
    """
    import hashlib

    import jinja2
    from jinja2.bccache import FileSystemBytecodeCache

    configured = os.environ.get(CACHE_ENV)
    if configured == "":
        return None
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "jianyian"
    digest = hashlib.sha256(jinja2.__version__.encode())
    package = Path(__file__).resolve().parents[1]
    try:
        for name in _COMPILER_FILES:
            digest.update((package / name).read_bytes())
        folder = folder / "templates"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None

    class Cache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged or foreign entry: compile instead
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):  # a full disk, a read-only folder: rendering goes on
                super().dump_bytecode(bucket)

    return Cache(str(folder), f"{digest.hexdigest()[:16]}-%s.cache")


def builtin_template_dir() -> Path:
    """The built-in templates: ``jianyian/templates`` in a wheel, else the repository's ``templates/``."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "templates"


def find_template(root: Path, explicit: Path | None, name: str = BRIEF_TEMPLATE) -> Path:
    """``--template PATH``; else the project's ``templates/<name>``; else the built-in one."""
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"--template {explicit}：找不到该模板文件")
        return explicit
    own = root / TEMPLATES_DIR / name
    folder = root / TEMPLATES_DIR
    if folder.is_symlink() or folder.exists():
        inside = Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(root))
        if not inside:
            raise DataError(
                f"{TEMPLATES_DIR}/ 是指向项目以外的符号链接（{os.path.realpath(folder)}），"
                "已拒绝读取：模板须放在项目的 templates/ 文件夹中"
            )
    if own.exists() or own.is_symlink():
        return own
    builtin = builtin_template_dir() / name
    if builtin.is_file():
        return builtin
    raise DataError(f"找不到内置模板 {name}（{builtin}），jianyian 可能未完整安装")


def _read_template(path: Path, shown: str) -> str:
    """One template file's text; links, devices and oversized files are refused."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise DataError(
                f"模板 {shown} 是符号链接，已拒绝读取：模板须是 templates/ 下的普通文件"
            )
        if not stat.S_ISREG(info.st_mode):
            raise DataError(f"模板 {shown} 不是普通文件，已拒绝读取")
        if info.st_size > MAX_FILE_BYTES:
            raise DataError(f"模板 {shown} 超过 1 MiB，未读取")
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"无法读取模板 {shown}：{os_error_text(exc)}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"模板 {shown} 不是 UTF-8 编码") from None


def load_template_set(path: Path, root: Path | None = None) -> TemplateSet:
    """The template at ``path`` and the other templates beside it (what it may include),
    with the cache of compiled templates (:func:`template_cache`).

    Every file is read now, so ``{% include %}`` can reach nothing but these.
    """
    folder = path.parent
    try:
        shown = path.relative_to(root).as_posix() if root is not None else str(path)
    except ValueError:
        shown = str(path)
    sources = {path.name: _read_template(path, shown)}
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        names = []
    for name in names:
        if name == path.name or not name.endswith(TEMPLATE_SUFFIX):
            continue
        other = folder / name
        if os.path.islink(other) or not other.is_file():
            continue  # a link beside the template is never readable by it
        sources[name] = _read_template(other, name)
    return TemplateSet(path.name, sources, shown, template_cache())
