"""``jianyian init``: a new project folder, its files written all at once, then git.

The files' texts come from the packaged ``templates/project/`` (the wheel carries
the repository's ``templates/`` as ``jianyian/templates``), so the reports README,
the CI workflow and the pre-commit hook stay one text each.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import JianyianError, UsageError
from ..load.gitlog import run_git
from ..load.layout import PLAN_PATH, REPORTS_DIR, TEMPLATES_DIR
from ..load.templates import builtin_template_dir
from .fileio import write_files_atomic

PROJECT_TEMPLATES = "project"
# Packaged template → path in the new project.
COPIED = {
    "reports-README.md": f"{REPORTS_DIR}/README.md",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "jianyian.yml": ".github/workflows/jianyian.yml",
}
# Used only when git has no identity configured (a fresh machine, a CI runner).
FALLBACK_AUTHOR = ("jianyian", "jianyian@localhost")
FIRST_COMMIT = "新建办理工作方案（jianyian init）"


def template_text(name: str) -> str:
    """A packaged project template's text."""
    path = builtin_template_dir() / PROJECT_TEMPLATES / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise JianyianError(f"找不到内置模板 {path}，jianyian 可能未完整安装") from None


def minimal_plan(year: int) -> str:
    """The commented minimal plan (it validates; every field says what to fill in)."""
    return template_text("targets.yaml").format(year=year)


def project_files(plan_text: str) -> dict[str, bytes]:
    """Relative path → content of every file a new project starts with."""
    files = {PLAN_PATH: plan_text}
    files.update({dest: template_text(src) for src, dest in COPIED.items()})
    files[f"{TEMPLATES_DIR}/.gitkeep"] = ""
    return {path: text.encode("utf-8") for path, text in sorted(files.items())}


def check_empty(folder: Path) -> None:
    """``folder`` is absent or an empty directory, else a Chinese usage error."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"{folder} 已存在且不是目录，请换一个新目录名")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder} 不是空目录，jianyian init 只在新目录或空目录中创建方案")


def _git(folder: Path, *args: str) -> None:
    answer = run_git(folder, *args)
    if answer.state != "ok":
        command = next(a for a in args if not a.startswith("-") and "=" not in a)
        raise JianyianError(f"git {command} 失败：{answer.reason}；未创建方案，已删除写入的文件")


def _existing_parent(folder: Path) -> Path:
    here = folder.absolute()
    while not here.is_dir() and here != here.parent:
        here = here.parent
    return here


def init_project(folder: Path, plan_text: str) -> list[str]:
    """Create the project in ``folder`` (absent or empty), ``git init`` it and commit.

    Returns the created files' relative paths. All files are written or none.
    """
    check_empty(folder)
    # git first: without it no file is written (issue 30: a half-made project was left).
    probe = run_git(_existing_parent(folder), "--version")
    if probe.state != "ok":
        raise JianyianError(f"jianyian init 需要 git：{probe.reason}；未创建任何文件")
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    files = project_files(plan_text)
    try:
        write_files_atomic({folder / p: data for p, data in files.items()}, force=False)
        _git(folder, "init", "-q")
        identity: list[str] = []
        if run_git(folder, "config", "user.name").state != "ok" or (
            run_git(folder, "config", "user.email").state != "ok"
        ):
            name, email = FALLBACK_AUTHOR
            identity = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
        _git(folder, "add", "--", *files)
        _git(folder, *identity, "commit", "-q", "--no-verify", "-m", FIRST_COMMIT)
    except BaseException:
        _undo(folder, created)
        raise
    return list(files)


def _undo(folder: Path, created: bool) -> None:
    """Leave ``folder`` as it was: absent, or the empty directory it was (all or nothing)."""
    import shutil

    if created:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in list(folder.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
