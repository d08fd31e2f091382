"""``export``: the ledger (台账) as CSV or an Excel workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import UsageError
from .result import JobResult
from .steps import (
    check_output_folder,
    load_progress,
    need_openpyxl,
    note_data_errors,
    pick_format,
    refuse_existing,
)

EXPORT_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx"}
EXPORT_FORMATS = ("csv", "xlsx")
DELIVERABLES_SUFFIX = "-deliverables"
ACTIONS_SUFFIX = "-actions"


def deliverables_path(path: Path, suffix: str = DELIVERABLES_SUFFIX) -> Path:
    """Where the CSV deliverables table goes next to ``path``: ledger.csv → ledger-deliverables.csv
    (with ``ACTIONS_SUFFIX``: the actions' table, ledger-actions.csv)."""
    return path.with_name(f"{path.stem}{suffix}{path.suffix or '.csv'}")


def export_ledger(
    root: Path,
    *,
    as_of: date,
    today: date,
    output: Path | None = None,
    fmt: str | None = None,
    force: bool = False,
    out: JobResult | None = None,
) -> JobResult:
    """The ledger and the deliverables table at ``as_of``: CSV (stdout or two files) or xlsx."""
    from ..render.tables import render_csv, render_ledger_xlsx
    from ..views.ledger import ACTION_COLUMNS, DELIVERABLE_COLUMNS, LEDGER_COLUMNS, build_ledger
    from ..write.fileio import write_bytes_atomic, write_files_atomic

    out = out or JobResult()
    # `-o 台账.docx` would otherwise be CSV under a name Word refuses to open.
    refusal = "不能导出为 {output}：台账只能导出为 .csv 或 .xlsx（如 -o 台账.xlsx）"
    chosen = pick_format(fmt, output, EXPORT_SUFFIXES, default="csv", refusal=refusal)
    check_output_folder(output)
    to_stdout = output is None or str(output) == "-"
    if chosen == "xlsx":
        if to_stdout:
            raise UsageError("xlsx 是二进制文件，不能写到终端：请用 -o 指定文件，如 -o 台账.xlsx")
        need_openpyxl("（或 pip install 'jianyian[xlsx]'），或改用 --format csv")
    if output is not None and not to_stdout:
        # Every target checked first, so a refusal writes nothing.
        refuse_existing(
            [output]
            if chosen == "xlsx"
            else [output, deliverables_path(output), deliverables_path(output, ACTIONS_SUFFIX)],
            force,
        )
    project, progress = load_progress(root, as_of, today, out)
    ledger = out.value = build_ledger(
        project.checked_plan,
        project.reports,
        progress,
        project.unreadable_periods(),
        project.submitted,
        project.confirmations,
    )
    note_data_errors(project, out, "（台账“说明”和报送情况“状态”中已标出）")
    if output is None or to_stdout:
        out.say(render_csv(LEDGER_COLUMNS, ledger.rows), nl=False)
        return out
    if chosen == "xlsx":
        write_bytes_atomic(output, render_ledger_xlsx(ledger), force=force)
        out.wrote(output)
        out.say(
            f"已写入 {output}（台账 {len(ledger.rows)} 行，报送情况 {len(ledger.deliverables)} 行，"
            f"事项台账 {len(ledger.actions)} 行）"
        )
        return out
    second = deliverables_path(output)
    third = deliverables_path(output, ACTIONS_SUFFIX)
    files = {
        output: render_csv(LEDGER_COLUMNS, ledger.rows),
        second: render_csv(DELIVERABLE_COLUMNS, ledger.deliverables),
        third: render_csv(ACTION_COLUMNS, ledger.actions),
    }
    write_files_atomic(files, force=force)  # all or none
    out.written += [output, second, third]
    out.say(f"已写入 {output}（台账 {len(ledger.rows)} 行）")
    out.say(f"已写入 {second}（报送情况 {len(ledger.deliverables)} 行）")
    out.say(f"已写入 {third}（事项台账 {len(ledger.actions)} 行）")
    return out
