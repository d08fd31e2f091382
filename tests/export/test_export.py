"""``jianyian export``: the ledger (台账) as xlsx and CSV, against hand-computed rows.

The project: two districts report innovation-space (combine: sum, target 100 万平方米),
jxj reports ai-models (target 20 个) in June and July. As of 2025-08-10 the ledger
covers May…August; each month's row judges that month's data (every reporter's latest
data up to the month, as received by 10 August) against N/12 of its data month.
Lights: gap = (expected − completion) in points; yellow ≥ 10, red > 30.

innovation-space: 16 districts never report, so every month is 未报送; its value is
June 3 (jiangan) from June, 5 from July (hongshan's July 2 joins jiangan's June 3: data
month June, the earliest, against 6/12).
ai-models: May has no data (未报送: owed since 5 June); June 6 → 30% vs 50%, gap 20.0 →
yellow, a streak of 1; July 20 → done; August stands on July's data → done.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianyian.checks import check_project
from jianyian.cli import app
from jianyian.engine import compute_progress
from jianyian.load import load_project
from jianyian.render.tables import display_width
from jianyian.views.ledger import (
    DELIVERABLE_COLUMNS,
    LEDGER_COLUMNS,
    UNREADABLE_NOTE,
    build_ledger,
)

from ..conftest import DEMO_BUILD, monthly, runner
from ..support import office

AS_OF = "2025-08-10"
SPACE = "新建创新创业特色街区（小镇）、创新园区（楼宇）"
MODELS = "部署垂直行业大模型及应用"

LEDGER_HEADERS = [
    "单位标识",
    "单位",
    "指标标识",
    "指标",
    "月份",
    "本单位当月报送值",
    "计量单位",
    "目标",
    "指标值的构成",
    "指标值（全部报送单位，截至当月）",
    "指标值的数据月份",
    "完成率（指标值÷目标）",
    "序时进度（按数据月份）",
    "差距（百分点，正数为落后）",
    "灯（按指标值）",
    "连续黄灯或红灯（月）",
    "本单位报送日期",
    "说明",
]
DELIVERABLE_HEADERS = [
    "单位标识",
    "单位",
    "报送事项",
    "期间",
    "截止日期",
    "报送日期",
    "状态",
    "迟报／逾期天数",
    "文件",
]

# (unit, indicator, month) → (own value, total, completion, light, submitted, note, 序时进度)
# Re-derived by hand: month m's row is the indicator on the data of months up to m as
# they stood on 10 August (the June reports arrived in July, and count for June).
EXPECTED = {
    ("jiangan", "innovation-space", "2025-05"): (None, None, None, "未报送", None, None, None),
    ("jiangan", "innovation-space", "2025-06"): (
        3,
        3,
        0.03,
        "未报送",
        date(2025, 7, 3),
        "新增街区1个",
        0.5,
    ),
    ("jiangan", "innovation-space", "2025-07"): (None, 5, 0.05, "未报送", None, None, 0.5),
    ("jiangan", "innovation-space", "2025-08"): (None, 5, 0.05, "未报送", None, None, 0.5),
    ("hongshan", "innovation-space", "2025-05"): (None, None, None, "未报送", None, None, None),
    ("hongshan", "innovation-space", "2025-06"): (None, 3, 0.03, "未报送", None, None, 0.5),
    ("hongshan", "innovation-space", "2025-07"): (
        2,
        5,
        0.05,
        "未报送",
        date(2025, 8, 7),
        None,
        0.5,
    ),
    ("hongshan", "innovation-space", "2025-08"): (None, 5, 0.05, "未报送", None, None, 0.5),
    ("jxj", "ai-models", "2025-05"): (None, None, None, "未报送", None, None, None),
    ("jxj", "ai-models", "2025-06"): (6, 6, 0.3, "黄灯", date(2025, 7, 4), None, 0.5),
    ("jxj", "ai-models", "2025-07"): (20, 20, 1, "已完成", date(2025, 8, 3), None, 7 / 12),
    ("jxj", "ai-models", "2025-08"): (None, 20, 1, "已完成", None, None, 7 / 12),
}


@pytest.fixture
def project(make_project):
    return make_project(
        {
            "jiangan/2025-06.yaml": monthly(
                "jiangan",
                "2025-06",
                "innovation-space: {value: 3, note: 新增街区1个}",
                "submitted: 2025-07-03\n",
            ),
            "hongshan/2025-07.yaml": monthly(
                "hongshan", "2025-07", "innovation-space: 2", "submitted: 2025-08-07\n"
            ),
            "jxj/2025-06.yaml": monthly(
                "jxj", "2025-06", "ai-models: 6", "submitted: 2025-07-04\n"
            ),
            "jxj/2025-07.yaml": monthly(
                "jxj", "2025-07", "ai-models: 20", "submitted: 2025-08-03\n"
            ),
        }
    )


def export(root: Path, *args: str):
    return runner.invoke(app, ["export", "--root", str(root), "--as-of", AS_OF, *args])


def expected_row_count(root: Path) -> int:
    plan = check_project(load_project(root)).plan
    assert plan is not None
    return sum(len(units) for units in plan.reporters.values()) * 4  # May…August


# ---------------------------------------------------------------- the rows


def test_ledger_rows_hand_computed(project):
    loaded = check_project(load_project(project))
    assert loaded.plan is not None
    progress = compute_progress(
        loaded.plan, loaded.reports, {}, date.fromisoformat(AS_OF), loaded.unreadable_periods()
    )
    ledger = build_ledger(loaded.plan, loaded.reports, progress, loaded.unreadable_periods())
    assert len(ledger.rows) == expected_row_count(project)
    assert {r.data_month for r in ledger.rows if r.indicator == "ai-models"} == {
        None,
        "2025-06",
        "2025-07",
    }
    june = next(
        r for r in ledger.rows if (r.unit, r.indicator, r.month) == ("jxj", "ai-models", "2025-06")
    )
    assert (june.gap, june.streak, june.light) == (20.0, 1, "yellow")  # 50% − 30%
    got = {(r.unit, r.indicator, r.month): r for r in ledger.rows}
    lights = {
        "未到期": "grey",
        "黄灯": "yellow",
        "红灯": "red",
        "绿灯": "green",
        "已完成": "done",
        "未报送": "missing",
    }
    for key, (value, total, completion, light, submitted, note, expected) in EXPECTED.items():
        row = got[key]
        assert row.value == value, key
        assert row.total == total, key
        assert row.completion == (pytest.approx(completion) if completion is not None else None)
        assert row.expected == (pytest.approx(expected) if expected is not None else None), key
        assert row.light == lights[light], key
        assert row.submitted == submitted, key
        assert row.note == note, key
    # A district that sent nothing still has its rows, with the indicator's combined figures.
    assert got[("wuchang", "innovation-space", "2025-07")].value is None
    assert got[("wuchang", "innovation-space", "2025-07")].total == 5
    assert got[("wuchang", "innovation-space", "2025-08")].total == 5
    # Months after the as-of month are not in the ledger; a total (no reporters) has no rows.
    assert not [r for r in ledger.rows if r.month > "2025-08" or r.indicator == "industries-total"]


def test_last_snapshot_agrees_with_status(project):
    loaded = check_project(load_project(project))
    assert loaded.plan is not None
    as_of = date.fromisoformat(AS_OF)
    progress = compute_progress(loaded.plan, loaded.reports, {}, as_of)
    snapshots = progress.history
    assert list(snapshots) == ["2025-05", "2025-06", "2025-07", "2025-08"]
    for ind in progress.indicators:
        last = snapshots["2025-08"][ind.id]
        assert (last.value, last.completion, last.light) == (ind.value, ind.completion, ind.light)


def test_unreadable_report_is_marked(project):
    (project / "data/reports/jiangan/2025-07.yaml").write_text(
        "unit: jiangan\nmonth: 2025-07\nindicators: {innovation-space: 很多}\n", encoding="utf-8"
    )
    loaded = check_project(load_project(project))
    assert loaded.plan is not None
    progress = compute_progress(
        loaded.plan, loaded.reports, {}, date.fromisoformat(AS_OF), loaded.unreadable_periods()
    )
    ledger = build_ledger(loaded.plan, loaded.reports, progress, loaded.unreadable_periods())
    row = next(
        r
        for r in ledger.rows
        if (r.unit, r.indicator, r.month) == ("jiangan", "innovation-space", "2025-07")
    )
    assert row.value is None and row.note == UNREADABLE_NOTE
    item = next(d for d in ledger.deliverables if (d.unit, d.period) == ("jiangan", "2025-07"))
    assert item.state == "invalid" and item.days is None


# ---------------------------------------------------------------- xlsx


def test_xlsx_read_back(project, tmp_path):
    out = tmp_path / "台账.xlsx"
    r = export(project, "--format", "xlsx", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "已写入" in r.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["台账", "报送情况", "事项台账"]
    ws = wb["台账"]
    assert ws.freeze_panes == "A2"
    for sheet in wb.worksheets:  # prints landscape, one page wide, header on every page
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == LEDGER_HEADERS
    assert len(rows) - 1 == expected_row_count(project)
    cells = {(row[0], row[2], row[4]): (i, row) for i, row in enumerate(rows[1:], start=2)}
    for key, (value, total, completion, light, submitted, note, expected) in EXPECTED.items():
        i, row = cells[key]
        assert row[5] == value and row[9] == total, key
        assert row[11] == (pytest.approx(completion) if completion is not None else None), key
        # 6 decimals kept
        assert row[12] == (pytest.approx(expected, abs=1e-6) if expected is not None else None), key
        assert row[14] == light, key
        assert row[16] == (datetime.combine(submitted, datetime.min.time()) if submitted else None)
        assert row[17] == note, key
    i, row = cells[("jiangan", "innovation-space", "2025-06")]
    assert row[1] == "江岸区人民政府" and row[3] == SPACE and row[6] == "万平方米" and row[7] == 100
    assert row[8] == "18个单位合计"  # what the indicator's value is made of, beside the unit's
    # Numbers are numbers (ints where whole), percentages carry a percent format.
    assert type(row[5]) is int and type(row[7]) is int
    j, row = cells[("jxj", "ai-models", "2025-06")]
    assert row[8] == "本单位单独报送"
    assert isinstance(row[11], float) and row[10] == "2025-06" and row[13] == 20
    assert (row[15], type(row[15])) == (1, int)
    assert ws.cell(j, 12).number_format == "0.0%" and ws.cell(j, 13).number_format == "0.0%"
    assert ws.cell(j, 17).number_format == "yyyy-mm-dd" and ws.cell(j, 17).is_date
    assert ws.cell(i, 5).data_type == "s"  # the month stays text, not a date
    assert ws.cell(j, 15).fill.fgColor.rgb == "00FFEB9C"  # yellow
    assert ws.cell(i, 15).fill.fgColor.rgb == "00E4DFEC"  # 未报送
    assert ws.cell(cells[("jxj", "ai-models", "2025-08")][0], 15).fill.fgColor.rgb == "00BDD7EE"
    assert ws.cell(1, 1).font.b
    # Widths fit the Chinese text: a CJK character counts 2.
    assert ws.column_dimensions["D"].width >= display_width(SPACE) + 2 == 48
    assert ws.column_dimensions["B"].width >= display_width("江岸区人民政府")


def test_xlsx_deliverables_sheet(project, tmp_path):
    out = tmp_path / "台账.xlsx"
    assert export(project, "-o", str(out)).exit_code == 0  # format from the extension
    ws = load_workbook(out)["报送情况"]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == DELIVERABLE_HEADERS
    jiangan = [(i, row) for i, row in enumerate(rows[1:], start=2) if row[0] == "jiangan"]
    d = datetime
    assert [row[2:8] for _, row in jiangan] == [
        # due dates rolled over: 31 May (端午) → 3 June, 5 July (Saturday) → 7 July,
        # 30 November (Sunday) → 1 December
        ("具体办理方案", None, d(2025, 6, 3), None, "逾期未报", 68),
        ("信息", "2025-05", d(2025, 6, 5), None, "逾期未报", 66),
        ("上半年办理工作小结", None, d(2025, 6, 30), None, "逾期未报", 41),
        ("信息", "2025-06", d(2025, 7, 7), d(2025, 7, 3), "按时", 0),
        ("信息", "2025-07", d(2025, 8, 5), None, "逾期未报", 5),
        ("信息", "2025-08", d(2025, 9, 5), None, "未到期", None),
        ("办理工作年度总结", None, d(2025, 12, 1), None, "未到期", None),
    ]
    assert jiangan[3][1][8] == "data/reports/jiangan/2025-06.yaml"
    assert ws.cell(jiangan[0][0], 7).fill.fgColor.rgb == "00FFC7CE"  # overdue
    assert ws.cell(jiangan[3][0], 7).fill.fill_type is None  # on time: no fill
    late = next(
        i for i, row in enumerate(rows[1:], start=2) if row[0] == "hongshan" and row[6] == "迟报"
    )
    assert rows[late - 1][3] == "2025-07" and rows[late - 1][7] == 2
    assert ws.cell(late, 7).fill.fgColor.rgb == "00FFEB9C"
    assert type(rows[late - 1][7]) is int


def test_xlsx_is_deterministic(project, tmp_path, monkeypatch):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert export(project, "-o", str(first)).exit_code == 0
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 3)  # zip entries read the clock
    assert export(project, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert {info.date_time for info in z.infolist()} == {(2025, 8, 10, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2025-08-10T00:00:00Z") == 2  # created and modified
    props = load_workbook(first).properties
    assert props.creator == "jianyian" and props.modified == datetime(2025, 8, 10)
    # Another as-of gives another file.
    third = tmp_path / "c.xlsx"
    r = runner.invoke(
        app, ["export", "--root", str(project), "--as-of", "2025-08-11", "-o", str(third)]
    )
    assert r.exit_code == 0, r.output
    assert third.read_bytes() != first.read_bytes()


def test_xlsx_needs_output_and_openpyxl(project, monkeypatch):
    r = export(project, "--format", "xlsx")
    assert r.exit_code == 2 and "-o" in r.stderr
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl → ImportError
    r = export(project, "--format", "xlsx", "-o", "x.xlsx")
    assert r.exit_code == 2
    assert "jianyian[xlsx]" in r.stderr and "Traceback" not in r.output


# ---------------------------------------------------------------- csv


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_two_files_with_bom(project, tmp_path):
    out = tmp_path / "ledger.csv"
    r = export(project, "--format", "csv", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[3:].split(b"\r\n")[0].decode() == ",".join(LEDGER_HEADERS)
    rows = read_csv(out.read_bytes())
    assert rows[0] == LEDGER_HEADERS
    assert len(rows) - 1 == expected_row_count(project)
    by_key = {(row[0], row[2], row[4]): row for row in rows[1:]}
    assert by_key[("jiangan", "innovation-space", "2025-06")] == [
        "jiangan",
        "江岸区人民政府",
        "innovation-space",
        SPACE,
        "2025-06",
        "3",
        "万平方米",
        "100",
        "18个单位合计",
        "3",
        "2025-06",
        "3%",
        "50%",
        "47",
        "未报送",
        "0",
        "2025-07-03",
        "新增街区1个",
    ]
    assert by_key[("jxj", "ai-models", "2025-08")][5:17] == [
        "",
        "个",
        "20",
        "本单位单独报送",
        "20",
        "2025-07",
        "100%",
        "58.33%",  # 7/12
        "-41.7",
        "已完成",
        "0",
        "",
    ]
    assert by_key[("hongshan", "innovation-space", "2025-07")][10:17] == [
        "2025-06",
        "5%",
        "50%",
        "45",
        "未报送",
        "0",
        "2025-08-07",
    ]
    second = tmp_path / "ledger-deliverables.csv"
    items = read_csv(second.read_bytes())
    assert items[0] == DELIVERABLE_HEADERS
    assert [
        "hongshan",
        "洪山区人民政府",
        "信息",
        "2025-07",
        "2025-08-05",
        "2025-08-07",
        "迟报",
        "2",
        "data/reports/hongshan/2025-07.yaml",
    ] in items
    assert [
        "jiangan",
        "江岸区人民政府",
        "具体办理方案",
        "",
        "2025-06-03",
        "",
        "逾期未报",
        "68",
        "",
    ] in items
    assert len(items) - 1 == len(load_workbook_rows(project, tmp_path, "报送情况"))


def load_workbook_rows(project: Path, tmp_path: Path, sheet: str) -> list[tuple]:
    out = tmp_path / "same.xlsx"
    assert export(project, "-o", str(out), "--force").exit_code == 0
    return list(load_workbook(out)[sheet].iter_rows(values_only=True))[1:]


def test_csv_to_stdout_is_the_ledger_file(project, tmp_path):
    r = export(project)
    assert r.exit_code == 0, r.output
    assert export(project, "-o", str(tmp_path / "l.csv")).exit_code == 0
    assert r.stdout_bytes == (tmp_path / "l.csv").read_bytes()
    assert read_csv(r.stdout_bytes)[0] == LEDGER_HEADERS


def test_csv_same_rows_as_xlsx(project, tmp_path):
    """Both renderings hold the same table; CSV writes percentages as Excel reads them."""
    assert export(project, "-o", str(tmp_path / "l.csv")).exit_code == 0
    csv_rows = read_csv((tmp_path / "l.csv").read_bytes())[1:]
    xlsx_rows = load_workbook_rows(project, tmp_path, "台账")
    assert len(csv_rows) == len(xlsx_rows)
    for c, x in zip(csv_rows, xlsx_rows, strict=True):
        for col, text, value in zip(LEDGER_COLUMNS, c, x, strict=True):
            if value is None:
                assert text == ""
            elif col.kind == "percent":
                assert float(text.rstrip("%")) == pytest.approx(value * 100, abs=0.005)
            elif col.kind == "date":
                assert text == value.date().isoformat()
            else:
                assert text == str(value)
    assert len(DELIVERABLE_COLUMNS) == len(DELIVERABLE_HEADERS)


def test_csv_is_deterministic(project, tmp_path):
    assert export(project, "-o", str(tmp_path / "a.csv")).exit_code == 0
    assert export(project, "-o", str(tmp_path / "b.csv")).exit_code == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a-deliverables.csv").read_bytes() == (
        tmp_path / "b-deliverables.csv"
    ).read_bytes()


# ---------------------------------------------------------------- refusals and usage


def test_refuses_to_overwrite(project, tmp_path):
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"keep")
    r = export(project, "-o", str(out))
    assert r.exit_code == 2 and "--force" in r.stderr
    assert out.read_bytes() == b"keep"
    assert export(project, "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_csv_refusal_writes_neither_file(project, tmp_path):
    (tmp_path / "l-deliverables.csv").write_text("keep", encoding="utf-8")
    r = export(project, "-o", str(tmp_path / "l.csv"))
    assert r.exit_code == 2, r.output
    assert not (tmp_path / "l.csv").exists()
    assert (tmp_path / "l-deliverables.csv").read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "pdf"],
        ["--format", "csv", "-o", "x.xlsx"],
        ["--format", "xlsx", "-o", "x.csv"],
        ["--as-of", "2025-13-01"],
    ],
)
def test_usage_errors_exit_2(project, tmp_path, args):
    r = runner.invoke(app, ["export", "--root", str(project), *args])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert not list(tmp_path.glob("x.*"))


def test_broken_plan_exits_1(make_project, tmp_path):
    root = make_project(targets="version: 1\nplan: {}\n")
    r = export(root, "-o", str(tmp_path / "x.xlsx"))
    assert r.exit_code == 1, r.output
    assert "targets.yaml" in r.stderr and not (tmp_path / "x.xlsx").exists()


def test_help_is_chinese_with_example_and_cli_stays_light():
    r = runner.invoke(app, ["export", "--help"])
    assert r.exit_code == 0
    assert "台账" in r.output and "jianyian export -o 台账.xlsx" in r.output
    assert "jianyian[xlsx]" in r.output
    code = (
        "import sys, jianyian.cli; "
        "assert 'openpyxl' not in sys.modules and 'jianyian.render.tables' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_the_demo_ledger_prints_one_page_wide(tmp_path):
    """LibreOffice prints the demo's ledger on landscape pages, each under its sheet's header
    row (it printed as 42 portrait pages of column slices before)."""
    office.require("soffice")
    demo = tmp_path / "demo"
    subprocess.run([sys.executable, str(DEMO_BUILD), str(demo)], check=True, capture_output=True)
    out = tmp_path / "台账.xlsx"
    r = runner.invoke(app, ["export", "--root", str(demo), "--as-of", "2025-08-10", "-o", str(out)])
    assert r.exit_code == 0, r.output
    pdf = office.convert(out, "pdf", tmp_path)
    pages = office.pdf_text(pdf).split("\f")[:-1]
    # 台账 and 报送情况 (单位标识 …) and the 事项台账 (事项标识 …: 58 actions × 4 months)
    assert 1 < len(pages) <= 16, len(pages)
    assert all(page.lstrip().startswith(("单位标识", "事项标识")) for page in pages)
    assert any(page.lstrip().startswith("事项标识") for page in pages)
