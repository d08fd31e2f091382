"""``jianyian form`` and ``jianyian import``: Excel fill-in forms out, reports in.

Thin like every command. A form is written with :mod:`jianyian.write.fileio`
(no overwrite without ``--force``; ``--all`` checks every target before writing
any). Each imported form is read, turned into a report, checked with every
``validate`` rule and written on its own: a bad form writes nothing and does not
stop the others.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from .app import (
    JianyianCommand,
    RootOption,
    app,
    load_with_plan,
    parse_as_of,
    parse_date_option,
    print_diagnostics,
    resolve_root,
    resolve_unit,
    today,
)

if TYPE_CHECKING:
    pass

DeliverableOption = Annotated[
    str | None,
    typer.Option(
        "--deliverable",
        help="报送事项标识：handling-plan（具体办理方案）、half-year-summary（上半年小结）、"
        "annual-summary（年度总结）等，见 jianyian plan。",
        show_default=False,
    ),
]


def _need_openpyxl() -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise UsageError(
            "读写 Excel 表格需要 openpyxl（通常随 jianyian 一起安装）：请运行 pip install openpyxl"
        ) from None


# ---------------------------------------------------------------- form


@app.command("form", cls=JianyianCommand)
def form_command(
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="输出文件（.xlsx）；加 --all 时为已存在的目录，每个单位一个文件。",
            show_default=False,
            metavar="FILE|DIR",
        ),
    ],
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="单位：标识（jxj）、全称（市经信局）或简称（经信局）。",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", help="所报月份 YYYY-MM，如 2025-08。", metavar="YYYY-MM", show_default=False
        ),
    ] = None,
    deliverable: DeliverableOption = None,
    all_units: Annotated[
        bool, typer.Option("--all", help="为应报送该期的每个单位各生成一份，写到 -o 目录。")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="记入表格文档属性的日期（YYYY-MM-DD），默认今天。",
            show_default=False,
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """生成 Excel 填报表，发给联络员填写后用 jianyian import 导入。

    表格只有一张可填写的工作表：本单位报送的每项指标一行（指标名称、计量单位、目标、上次填报值），只有浅黄色的填写单元格未锁定；数值单元格只接受不小于 0 的数字；牵头的无量化指标任务用下拉框选择进展状态（未启动／推进中／已完成）；下面是信息标题、信息正文、存在问题、下步工作（每行一条）。工作表已保护（无密码），按 A4 纸一页打印。

    方案、单位、所报期间和表格版本记在文档属性和隐藏表中，导入时据此识别。同样的数据和 --as-of 生成的文件逐字节相同。

    --all：为应报送该期的每个单位各写一份到 -o 目录（目录须已存在），文件名为 <单位简称>-<YYYY-MM>.xlsx；任一文件已存在且未加 --force 时一份也不写。

    示例：

      jianyian form --unit 经信局 --month 2025-08 -o 经信局-2025-08.xlsx

      jianyian form --month 2025-08 --all -o 表格/

      jianyian form --unit 经信局 --deliverable half-year-summary -o 经信局-上半年小结.xlsx
    """
    if all_units == (unit is not None):
        raise UsageError("请指定 --unit 单位（一份）或 --all（每个应报单位一份），二选一")
    if all_units:
        if not output.is_dir():
            raise UsageError(f"--all 时 -o 应为已存在的目录：{output} 不是目录")
    elif output.suffix.lower() != ".xlsx":
        raise UsageError(f"填报表是 .xlsx 文件：-o {output} 应以 .xlsx 结尾")
    _need_openpyxl()
    from ..render.form_xlsx import render_form_xlsx
    from ..views.form import build_form, form_file_name, form_owners
    from ..write.fileio import write_files_atomic

    day = parse_as_of(as_of)
    project = load_with_plan(resolve_root(root))
    plan = project.checked_plan
    if (month is None) == (deliverable is None):
        raise UsageError("请指定 --month YYYY-MM（月报）或 --deliverable 报送事项标识（二选一）")
    if all_units:
        unit_ids = form_owners(plan, month=month, deliverable=deliverable)
        if not unit_ids:
            raise UsageError("计划中没有应报送该期的单位")
    else:
        assert unit is not None
        unit_ids = [resolve_unit(plan, unit).id]
    views = [
        build_form(plan, project.reports, u, month=month, deliverable=deliverable) for u in unit_ids
    ]
    targets = [output / form_file_name(v) for v in views] if all_units else [output]
    if len(set(targets)) != len(targets):
        raise UsageError("有单位简称相同，文件名会重复；请逐个单位用 --unit 生成")
    # One set: every form is written, or none (and an existing one needs --force).
    write_files_atomic(
        {
            target: render_form_xlsx(view, as_of=day)
            for view, target in zip(views, targets, strict=True)
        },
        force=force,
    )
    if not all_units:
        view, target = views[0], targets[0]
        typer.echo(
            f"已写入 {target}（{view.unit_name}{view.period_label}，"
            f"指标 {len(view.indicators)} 项，任务 {len(view.tasks)} 项）"
        )
    if all_units:
        typer.echo(f"已写入 {len(targets)} 份填报表到 {output}（每个应报单位一份）")
    if project.errors:
        typer.echo(
            f"注意：数据有 {project.errors} 个错误，有错误的报送文件未计入上次填报值。"
            "运行 jianyian validate 查看详情。",
            err=True,
        )


# ---------------------------------------------------------------- import


@app.command("import", cls=JianyianCommand)
def import_command(
    names: Annotated[
        list[str],
        typer.Argument(
            help="填好的填报表（.xlsx，也可以是 .xls、.et、.ods），可以一次导入多份。",
            metavar="表格文件",
            show_default=False,
        ),
    ],
    submitted: Annotated[
        str | None,
        typer.Option(
            "--submitted",
            help="报送日期 YYYY-MM-DD（收到表格的日期），写入 submitted:；"
            "不写时按 git 首次提交该文件的日期计。",
            metavar="YYYY-MM-DD",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="报送文件已存在时覆盖（逐项列出改动的数值）。"),
    ] = False,
    root: RootOption = None,
) -> None:
    """把填好的 Excel 填报表导入为报送文件 data/reports/<单位>/<期间>.yaml。

    每份表格先逐个单元格读取：全角数字（１２）、千分位（1,234）、以文本保存的数字和多余空格照常读取；数字后带本指标的计量单位（12个）时照常读取并给出警告；其他内容（大约十个、12-15）报错并指出单元格，如 经信局-2025-08.xlsx!F7。再按 jianyian validate 的全部规则检查，没有错误才写入。

    有错误的表格不写入任何内容，其他表格照常导入；有任何一份未导入时退出码为 1。其他方案的表格、版本不符或版式被改动的表格拒绝导入。已有报送文件不覆盖，除非加 --force（逐项显示旧值 → 新值）。

    示例：

      jianyian import 经信局-2025-08.xlsx --submitted 2025-09-03

      jianyian import 表格/*.xlsx

      jianyian import 经信局-2025-08.xlsx --force
    """
    from ..load.form_xlsx import read_form
    from ..write.fileio import OverwriteRefused
    from ..write.importer import prepare_import, write_import

    day = parse_date_option("--submitted", submitted) if submitted is not None else None
    if day is not None and day > today():
        raise UsageError(f"--submitted {submitted} 晚于今天")
    _need_openpyxl()
    files = [Path(n) for n in names]
    project_root = resolve_root(root)
    project = load_with_plan(project_root)
    failed = 0
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        form, diags = read_form(path, project.checked_plan, name=str(path))
        if form is not None and (form.unit_id, form.period) in seen:
            from ..diagnostics import error

            first = seen[(form.unit_id, form.period)]
            diags = [
                *diags,
                error("JY070", f"与 {first} 是同一单位同一期的填报表，只导入了前一份", str(path)),
            ]
            form = None
        if form is None:
            print_diagnostics(diags)
            typer.echo(f"未导入 {path}：有错误（见上），未写入任何内容。", err=True)
            failed += 1
            continue
        seen[(form.unit_id, form.period)] = str(path)
        result = prepare_import(project, form, submitted=day)
        print_diagnostics([*diags, *result.diagnostics])
        if result.text is None:
            typer.echo(f"未导入 {path}：导入后的报送文件有错误（见上），未写入。", err=True)
            failed += 1
            continue
        if result.unchanged:
            typer.echo(f"{path}：{result.path} 已是同样内容，未改动。")
            continue
        if result.old_text is not None:
            for change in result.changes:
                typer.echo(f"  {change.what}：{change.old} → {change.new}")
            if not result.changes:
                typer.echo("  （数值和文字相同，只有格式或注释不同）")
            if not force:
                typer.echo(
                    f"未导入 {path}：{result.path} 已存在（改动见上），加 --force 覆盖。", err=True
                )
                failed += 1
                continue
        try:
            write_import(project_root, result, force=force)
        except OverwriteRefused:
            typer.echo(f"未导入 {path}：{result.path} 已存在，加 --force 覆盖。", err=True)
            failed += 1
            continue
        verb = "已更新" if result.old_text is not None else "已写入"
        typer.echo(f"{verb} {result.path}（来自 {path}）")
        # The next form is checked against the project as it now is.
        project = load_with_plan(project_root)
    if len(files) > 1:
        typer.echo(f"共 {len(files)} 份：导入 {len(files) - failed} 份，未导入 {failed} 份。")
    if failed:
        raise typer.Exit(1)
