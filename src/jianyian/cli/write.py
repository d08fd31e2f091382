"""Commands that write files: ``new``, ``set``, ``schema``, ``codeowners``.

Thin like every command: parse options, call the library, print, pick the exit
code. Every write goes through :mod:`jianyian.write.fileio` (temporary file, fsync,
rename; no overwrite without ``--force``). Heavy imports stay inside the commands.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import (
    JianyianCommand,
    RootOption,
    app,
    check_output_path,
    load_with_plan,
    print_diagnostics,
    resolve_root,
    resolve_unit,
)

if TYPE_CHECKING:
    pass

UnitOption = Annotated[
    str,
    typer.Option(
        "--unit", help="单位：标识（jxj）、全称（市经信局）或简称（经信局）。", show_default=False
    ),
]
MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month", help="所报月份 YYYY-MM，如 2025-08。", metavar="YYYY-MM", show_default=False
    ),
]


def _show(root: Path, path: Path) -> str:
    """``path`` relative to the project root when it is inside it (POSIX separators)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _write_generated(root: Path, files: dict[Path, str], force: bool) -> None:
    """Write generated files: unchanged ones are left alone, changed ones need ``force``.

    Every file is checked before any is written, so a refusal writes nothing.
    """
    from ..write.fileio import OverwriteRefused, is_current, write_files_atomic

    todo = {p: t for p, t in files.items() if not is_current(p, t)}
    refused = [p for p in todo if p.exists() and not force]
    if refused:
        names = "、".join(_show(root, p) for p in refused)
        raise OverwriteRefused(names, "内容与重新生成的不同；加 --force 覆盖")
    # All or nothing: a failure half way leaves every file as it was.
    write_files_atomic({p: t.encode("utf-8") for p, t in todo.items()}, force=force)
    for path in files:
        typer.echo(f"{'已写入' if path in todo else '已是最新'} {_show(root, path)}")


# ---------------------------------------------------------------- new


@app.command("new", cls=JianyianCommand)
def new_command(
    unit: UnitOption,
    month: MonthOption = None,
    deliverable: Annotated[
        str | None,
        typer.Option(
            "--deliverable",
            help="报送事项标识：handling-plan（具体办理方案）、half-year-summary（上半年小结）、"
            "annual-summary（年度总结）等，见 jianyian plan。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="文件已存在时用新模板覆盖（原内容会丢失）。")
    ] = False,
    root: RootOption = None,
) -> None:
    """新建报送文件（月报或小结、总结），只含本单位的指标。

    文件带中文注释，指标的起始值取自本单位上一份月报。

    月报写到 data/reports/<单位标识>/<YYYY-MM>.yaml；办理方案、小结、总结用 --deliverable。
    文件已存在时不覆盖（除非加 --force）。新文件可以直接通过 jianyian validate（只有一条警告：信息正文仍是“（待填写）”占位文字）；再用 jianyian set 填写指标，把信息的标题和正文改为实际内容。

    示例：

      jianyian new --unit 经信局 --month 2025-08

      jianyian new --unit jxj --deliverable half-year-summary
    """
    from ..diagnostics import has_errors
    from ..load import REPORT_SCHEMA, SCHEMA_DIR
    from ..write.fileio import OverwriteRefused, write_text_atomic
    from ..write.roundtrip import check_report_text
    from ..write.scaffold import render_scaffold

    project_root = resolve_root(root)
    project = load_with_plan(project_root)
    assert project.plan is not None
    the_unit = resolve_unit(project.plan, unit)
    scaffold = render_scaffold(
        project.plan, project.reports, the_unit.id, month=month, deliverable=deliverable
    )
    target = project_root / scaffold.path
    import os

    from ..errors import UsageError

    if not Path(os.path.realpath(target.parent)).is_relative_to(os.path.realpath(project_root)):
        # A unit folder that is a link out of the project: validate does not read it either.
        raise UsageError(f"{scaffold.path} 所在的目录是指向项目以外的符号链接，拒绝写入")
    if target.exists() and not force:
        raise OverwriteRefused(
            scaffold.path, "请直接编辑它，或用 jianyian set 修改指标；加 --force 用新模板覆盖"
        )
    diags = check_report_text(project, scaffold.path, scaffold.text)
    if has_errors(diags):
        print_diagnostics(diags)
        typer.echo(f"未创建 {scaffold.path}：按当前数据生成的模板无法通过检查（见上）。", err=True)
        raise typer.Exit(1)
    write_text_atomic(target, scaffold.text, force=force)
    typer.echo(f"已创建 {scaffold.path}")
    # The placeholders (JY034) are the point of a new file: say what to do instead.
    print_diagnostics([d for d in diags if d.code != "JY034"])
    typer.echo(
        "下一步：用 jianyian set 填写指标，把 info 的标题和正文改为实际内容，"
        "再运行 jianyian validate 检查。",
    )
    if not (project_root / SCHEMA_DIR / REPORT_SCHEMA).is_file():
        typer.echo(
            f"提示：{SCHEMA_DIR}/{REPORT_SCHEMA} 不存在，运行 jianyian schema 生成后，"
            "编辑器可以边写边检查。",
            err=True,
        )


# ---------------------------------------------------------------- set


@app.command("set", cls=JianyianCommand)
def set_command(
    assignments: Annotated[
        list[str],
        typer.Argument(
            help="要修改的值，写作 指标标识=数值（如 ai-models=9）；无量化指标的任务写作 任务标识=状态（如 t2-3=已完成）。",
            metavar="指标=数值",
            show_default=False,
        ),
    ],
    unit: UnitOption,
    month: Annotated[
        str,
        typer.Option(
            "--month", help="所报月份 YYYY-MM，如 2025-08。", metavar="YYYY-MM", show_default=False
        ),
    ],
    root: RootOption = None,
) -> None:
    """修改月报中的指标值，保留注释、顺序和格式；先检查，通过后才写入。

    数值可以用全角数字（１２），写入文件的是半角数字，提示中显示的也是写入的值；写入后，该指标注释中的“首次填报，请改为实际数值”随之删去。

    写成 {value: 12, note: 说明} 的指标只改数值，说明保留。修改后的文件有错误时
    （未知指标、不是数字、指标不由本单位报送……）不写入任何内容，列出问题，退出码为 1。

    示例：

      jianyian set --unit 经信局 --month 2025-08 ai-models=9 pilot-platforms=12

      jianyian set --unit fgw --month 2025-08 t2-3=已完成
    """
    from ..errors import UsageError
    from ..load import report_path
    from ..write.roundtrip import parse_changes, update_report
    from ..write.scaffold import check_month

    changes = parse_changes(assignments)
    project_root = resolve_root(root)
    project = load_with_plan(project_root)
    assert project.plan is not None
    the_unit = resolve_unit(project.plan, unit)
    check_month(project.plan, month)
    rel = report_path(the_unit.id, month)
    target = project_root / rel
    if not target.is_file():
        raise UsageError(
            f"{rel} 不存在：先运行 jianyian new --unit {the_unit.id} --month {month} 创建"
        )
    # Locked from reading to writing, and read again under the lock (issue 13, item 12).
    result = update_report(project, rel, changes)
    print_diagnostics(result.diagnostics)
    if result.outcome == "refused":
        typer.echo(
            f"未写入：修改后的内容有错误（见上，行号指修改后的内容），{rel} 未改动。", err=True
        )
        raise typer.Exit(1)
    what = "、".join(c.shown for c in changes)  # what the file now holds, not what was typed
    if result.outcome == "unchanged":
        typer.echo(f"{rel} 中的值已是 {what}，未改动。")
        return
    typer.echo(f"已更新 {rel}：{what}")


# ---------------------------------------------------------------- schema


@app.command("schema", cls=JianyianCommand)
def schema_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写到哪个目录（在已有的目录中创建），默认项目目录下的 schemas/。",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="已有文件内容不同时覆盖（更新模型后重新生成）。")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查已有文件是否最新，不写入；过期时退出码为 1。"),
    ] = False,
    root: RootOption = None,
) -> None:
    """生成 JSON Schema：targets.schema.json（方案）、report.schema.json（月报、小结、总结）和 confirmations.schema.json（办公室的销号记录）。

    编辑器（如装了 YAML 插件的 VS Code）用它们在输入时提示字段、显示中文说明并检查格式；jianyian new 生成的文件第一行已指向 schemas/report.schema.json。
    内容没有变化的文件不重写；内容不同时需加 --force 才覆盖。

    示例：

      jianyian schema

      jianyian schema --force

      jianyian schema -o build/schemas --check
    """
    from ..load import SCHEMA_DIR
    from ..render.json_schema import render_schemas
    from ..write.fileio import is_current

    if not check:
        check_output_path(out)
    base = out if out is not None else resolve_root(root) / SCHEMA_DIR
    shown_root = resolve_root(root) if out is None else Path.cwd().resolve()
    files = {base / name: text for name, text in render_schemas().items()}
    if check:
        stale = [p for p, t in files.items() if not is_current(p, t)]
        for p in stale:
            typer.echo(f"已过期或不存在：{_show(shown_root, p)}", err=True)
        if stale:
            typer.echo("运行 jianyian schema --force 重新生成。", err=True)
            raise typer.Exit(1)
        typer.echo("JSON Schema 均为最新。")
        return
    _write_generated(shown_root, files, force)


# ---------------------------------------------------------------- codeowners


@app.command("codeowners", cls=JianyianCommand)
def codeowners_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写到哪个文件（所在目录须已存在），默认项目目录下的 .github/CODEOWNERS。",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    office_owner: Annotated[
        str | None,
        typer.Option(
            "--office-owner",
            help="办公室的 GitHub 团队或账号（如 @org/office），与计划中办公室工作人员的邮箱一起"
            "作为 data/ 的负责人。两者都没有时写入占位的 @office（文件中有注释提醒）。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="已有文件内容不同时覆盖（联络员变动后重新生成）。")
    ] = False,
    root: RootOption = None,
) -> None:
    """生成 CODEOWNERS：各单位报送目录归本单位联络员和办公室。

    联络员和办公室工作人员的邮箱取自 data/targets.yaml。

    data/targets.yaml 和 data/ 下其他内容归领导小组办公室；尚未填写联络员的单位由办公室负责，不会有无人负责的目录。内容没有变化时不重写；内容不同时需加 --force 才覆盖。

    示例：

      jianyian codeowners

      jianyian codeowners --office-owner @wuhan-fgw/office --force
    """
    from ..checks import check_plan_source
    from ..diagnostics import has_errors
    from ..load import load_plan
    from ..render.codeowners import DEFAULT_PATH, render_codeowners

    check_output_path(out)
    project_root = resolve_root(root)
    the_plan, source, read = load_plan(project_root)
    diags = check_plan_source(the_plan, source, read)
    if the_plan is None or has_errors(diags):
        print_diagnostics([d for d in diags if d.severity == "error"])
        typer.echo(
            "计划文件有错误，未生成 CODEOWNERS。运行 jianyian validate 查看全部问题。", err=True
        )
        raise typer.Exit(1)
    target = out if out is not None else project_root / DEFAULT_PATH
    _write_generated(project_root, {target: render_codeowners(the_plan, office_owner)}, force)
