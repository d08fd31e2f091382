"""The office's files (issue 14): ``-o`` never creates folders, ``export`` refuses an
extension it cannot write, and files beside the data do not make the briefing say
"含未提交的修改"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jianyian.load.gitlog import head_state

from ..conftest import git_commit, git_init, monthly, run


@pytest.mark.parametrize("name", ["a.docx", "台账.txt", "ledger.CSV.bak"])
def test_export_refuses_an_unknown_extension(
    make_project: Callable[..., Path], tmp_path: Path, name: str
) -> None:
    root = make_project()
    out = tmp_path / name
    r = run("export", "--root", str(root), "-o", str(out), "--as-of", "2025-08-10")
    assert r.exit_code == 2, r.output
    assert f"不能导出为 {out}：台账只能导出为 .csv 或 .xlsx（如 -o 台账.xlsx）" in r.output
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "proj"]


def test_export_extension_in_any_case_still_works(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project()
    r = run(
        "export", "--root", str(root), "-o", str(tmp_path / "台账.CSV"), "--as-of", "2025-08-10"
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "台账.CSV").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--as-of", "2025-08-10", "-o", "{out}/台账.csv"],
        ["brief", "--month", "2025-07", "--as-of", "2025-08-10", "-o", "{out}/简报.md"],
        ["schema", "-o", "{out}/schemas"],
        ["codeowners", "-o", "{out}/CODEOWNERS"],
    ],
    ids=lambda c: c[0],
)
def test_output_into_a_missing_folder_is_refused(
    make_project: Callable[..., Path], tmp_path: Path, command: list[str]
) -> None:
    root = make_project()
    missing = tmp_path / "没有的目录"
    args = [a.replace("{out}", str(missing)) for a in command]
    r = run(*args, "--root", str(root))
    assert r.exit_code == 2, r.output
    target = args[args.index("-o") + 1]
    assert f"-o {target}：目录 {missing} 不存在，请先创建它，或写到已有的目录中" in r.output
    assert "Traceback" not in r.output
    assert not missing.exists()  # nothing created silently
    missing.mkdir()
    r = run(*args, "--root", str(root))
    assert r.exit_code == 0, r.output
    assert Path(target).exists()


def test_output_into_a_file_as_folder_is_refused(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project()
    (tmp_path / "x").write_text("", encoding="utf-8")
    r = run("export", "--root", str(root), "-o", str(tmp_path / "x" / "台账.csv"))
    assert r.exit_code == 2 and f"{tmp_path / 'x'} 不是目录" in r.output


def test_only_data_and_templates_make_the_tree_dirty(make_project: Callable[..., Path]) -> None:
    root = make_project({"jxj/2025-07.yaml": monthly("jxj", "2025-07", "ai-models: 4", "")})
    git_init(root)
    git_commit(root, ["data"], "数据", date="2025-08-03T10:00:00+08:00")
    head, dirty = head_state(root)
    assert head and not dirty

    # What export and other tools leave beside the data changes no number.
    r = run("export", "--root", str(root), "-o", str(root / "台账.csv"), "--as-of", "2025-08-10")
    assert r.exit_code == 0, r.output
    (root / "notes.txt").write_text("会议记录", encoding="utf-8")
    assert head_state(root) == (head, False)
    brief = run("brief", "--root", str(root), "--month", "2025-07", "--as-of", "2025-08-10")
    assert brief.exit_code == 0, brief.output
    assert "含未提交的修改" not in brief.stdout

    (root / "templates").mkdir()
    (root / "templates" / "brief.md.j2").write_text("{{ title }}\n", encoding="utf-8")
    assert head_state(root) == (head, True)
    (root / "templates" / "brief.md.j2").unlink()
    assert head_state(root) == (head, False)
    report = root / "data/reports/jxj/2025-07.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# 改\n", encoding="utf-8")
    assert head_state(root) == (head, True)
    brief = run("brief", "--root", str(root), "--month", "2025-07", "--as-of", "2025-08-10")
    assert "含未提交的修改" in brief.stdout
