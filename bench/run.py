"""jianyian performance benchmark (issue 7). Run with `make bench`.

Generates synthetic projects shaped like the real plan (see ``synth.py``) in
``bench-out/`` (cached between runs), commits them to git, and times in fresh
subprocesses, each several times (median; one untimed warm-up run first):

- ``jianyian validate``, ``status --json``, ``brief --month`` (the last two only
  when the installed jianyian has them: detected at run time);
- check-jsonschema on the same report files, against the report schema that
  ``jianyian schema`` exports (or bench/report.schema.json without it);
- start-up: ``jianyian --version``, ``--help`` and ``validate --help`` (a
  subcommand's help, issue 14) against ``python -c pass``;

with the peak memory (max RSS) of each run, then prints the ratios and PASS/FAIL
for each target of the issue.

Options: ``--sizes real,1k,10k,30k`` (default; ``--quick`` drops 30k, as does
JIANYIAN_BENCH_QUICK=1), ``--startup-only`` (no project sizes), ``--repeat N``,
``--json FILE``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

BIN = Path(sys.executable).parent
JIANYIAN = str(BIN / "jianyian")
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")
FALLBACK_SCHEMA = HERE / "report.schema.json"

#: name → (units, months); None is the real plan with every unit every month.
SIZES: dict[str, tuple[int, int] | None] = {
    "real": None,
    "1k": (100, 10),
    "10k": (250, 40),
    "30k": (500, 60),
}
REPEATS = {"startup": 10, "real": 5, "1k": 5, "10k": 5, "30k": 3}

# The issues' targets (7, 14 and 31).
STARTUP_LIMIT = 0.15  # seconds
HELP_LIMIT = 0.10  # seconds, every command's --help (issue 31)
VALIDATE_VS_PEERS_REAL = 1 / 3  # validate at least 3x faster than cjs and yamllint (issue 31)
VALIDATE_VS_BARE_10K = 1.2  # validate within 1.2x of a bare CSafeLoader parse (issue 31)
STATUS_VS_VALIDATE = 1.25  # status and the Markdown brief, every size (issue 31)
DOCUMENT_LIMIT = 1.0  # seconds: the dashboard and the Word briefing on the demo (issue 31)
IMPORT_LIMIT = 0.5  # seconds: import of one form (issue 31)
DOCUMENT_MEMORY_MB = 150.0  # peak for the documents (issue 31)
LINEAR_LIMIT = 35.0  # 30k time / 1k time
MEMORY_LIMIT_MB = 500.0
YAMLLINT = str(BIN / "yamllint")


@dataclass
class Sample:
    """One command measured several times."""

    cmd: list[str]
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024 if self.rss_kb else float("nan")

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.skipped


# ---------------------------------------------------------------- running


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)  # text output, not annotations
    # Measure jianyian as installed, with its byte-code cached (the warm-up run writes
    # it): a shell that sets PYTHONDONTWRITEBYTECODE would otherwise have every run
    # compile the modules that were never cached, about 60 ms of the Markdown brief.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


def run_once(cmd: list[str], cwd: Path, scratch: Path) -> tuple[float, int, int]:
    """Wall time, max RSS (KiB) and exit code of one fresh process, started by bench/spawn.py
    (a small process of its own: see there why the RSS would otherwise be this script's)."""
    spawner = [sys.executable, "-S", str(HERE / "spawn.py")]
    files = [str(scratch / "stdout"), str(scratch / "stderr"), str(cwd)]
    done = subprocess.run([*spawner, *files, *cmd], env=_env(), capture_output=True, check=True)
    elapsed, rss, code = json.loads(done.stdout)
    return elapsed, rss, code


def measure(cmd: list[str], cwd: Path, repeat: int, scratch: Path) -> Sample:
    sample = Sample(cmd)
    run_once(cmd, cwd, scratch)  # warm-up: byte-code and page cache
    for _ in range(repeat):
        elapsed, rss, code = run_once(cmd, cwd, scratch)
        sample.times.append(elapsed)
        sample.rss_kb.append(rss)
        sample.codes.append(code)
    return sample


def measure_rounds(
    cmds: dict[str, list[str]], cwd: Path, repeat: int, scratch: Path
) -> dict[str, Sample]:
    """Each command ``repeat`` times, in rounds: one run of every command per round.

    Interleaving spreads a slow spell of the machine over all commands alike, and
    pairs each command's i-th run with validate's i-th run (see ``paired_ratio``).
    """
    samples = {name: Sample(cmd) for name, cmd in cmds.items()}
    for cmd in cmds.values():
        run_once(cmd, cwd, scratch)  # warm-up: byte-code and page cache
    for _ in range(repeat):
        for name, cmd in cmds.items():
            elapsed, rss, code = run_once(cmd, cwd, scratch)
            samples[name].times.append(elapsed)
            samples[name].rss_kb.append(rss)
            samples[name].codes.append(code)
    return samples


def count_instructions(cmds: dict[str, list[str]], cwd: Path, scratch: Path) -> dict[str, int]:
    """Instructions each command executes (valgrind cachegrind), all run at once.

    Unlike time, the count does not depend on what else the machine is doing, so
    a small difference between two commands shows. It counts the jianyian process
    only: git runs in its own process beside it.
    """
    procs = {}
    for name, cmd in cmds.items():
        out = scratch / f"cachegrind-{name}.out"
        tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}"]
        procs[name] = (
            subprocess.Popen(
                [*tool, *cmd],
                cwd=cwd,
                env=_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
            out,
        )
    counts = {}
    for name, (proc, out) in procs.items():
        proc.wait()
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.startswith("summary:"):
                counts[name] = int(line.split()[1])
    return counts


def paired_ratio(a: Sample, b: Sample) -> float:
    """Median over rounds of a's time ÷ b's time in the same round."""
    return statistics.median(x / y for x, y in zip(a.times, b.times, strict=True))


def command_names() -> list[str]:
    """Every command and subcommand of the installed jianyian, as typed (``duban open``)."""
    code = (
        "from jianyian.cli import app\n"
        "import typer.main\n"
        "def walk(group, prefix):\n"
        "    for name, cmd in sorted(getattr(group, 'commands', {}).items()):\n"
        "        if getattr(cmd, 'hidden', False):\n"
        "            continue\n"
        "        print(prefix + name)\n"
        "        walk(cmd, prefix + name + ' ')\n"
        "walk(typer.main.get_command(app), '')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True
    )
    return proc.stdout.split("\n")[:-1]


def has_command(name: str) -> bool:
    """Whether the installed jianyian has subcommand ``name`` (others are adding them)."""
    proc = subprocess.run(
        [JIANYIAN, name, "--help"], capture_output=True, text=True, env=_env(), check=False
    )
    return proc.returncode == 0


def command_help(name: str) -> str:
    proc = subprocess.run(
        [JIANYIAN, name, "--help"], capture_output=True, text=True, env=_env(), check=False
    )
    return proc.stdout


def exported_schema(scratch: Path, cwd: Path) -> tuple[Path, str]:
    """The report schema ``jianyian schema`` writes, or the benchmark's own."""
    if has_command("schema"):
        out = scratch / "schemas"
        shutil.rmtree(out, ignore_errors=True)
        proc = subprocess.run(
            [JIANYIAN, "schema", "-o", str(out)],
            cwd=cwd,
            capture_output=True,
            env=_env(),
            check=False,
        )
        path = out / "report.schema.json"
        if proc.returncode == 0 and path.is_file():
            try:
                json.loads(path.read_text(encoding="utf-8"))
                return path, "jianyian schema 导出的 report.schema.json"
            except ValueError:
                pass
    rel = FALLBACK_SCHEMA.relative_to(REPO)
    return FALLBACK_SCHEMA, f"{rel}（jianyian schema 尚未实现，用基准测试自带的等价模式）"


# ---------------------------------------------------------------- data


def _targets_digest() -> str:
    return hashlib.sha256((REPO / "data" / "targets.yaml").read_bytes()).hexdigest()[:10]


def project_for(size: str, out: Path) -> tuple[Path, int, list[str]]:
    """The (cached) project tree for ``size``: root, file count, months."""
    shape = SIZES[size]
    if shape is None:
        key = f"real-v{synth.GENERATOR_VERSION}-{_targets_digest()}"
    else:
        key = f"{size}-v{synth.GENERATOR_VERSION}-{shape[0]}x{shape[1]}"
    root = out / key
    done = out / f"{key}.done"
    if not done.is_file():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        start = time.perf_counter()
        print(f"  生成 {size} 数据 → {root.relative_to(REPO)} …", end="", flush=True)
        count = synth.make_real(root, REPO) if shape is None else synth.make_project(root, *shape)
        print(f" {count} 个文件，{time.perf_counter() - start:.1f} s", flush=True)
        done.write_text(str(count), encoding="utf-8")
    reports = sorted((root / "data" / "reports").glob("*/*.yaml"))
    months = sorted({p.stem for p in reports})
    return root, len(reports), months


def demo_project(out: Path) -> Path:
    """The demo (examples/demo/build.py), built once per version of its builder and plan."""
    builder = REPO / "examples" / "demo" / "build.py"
    digest = hashlib.sha256(builder.read_bytes()).hexdigest()[:10]
    root = out / f"demo-{digest}-{_targets_digest()}"
    done = out / f"demo-{digest}-{_targets_digest()}.done"
    if not done.is_file():
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(builder), str(root)], cwd=REPO, check=True, capture_output=True
        )
        done.write_text("1", encoding="utf-8")
    return root


def measure_documents(out: Path, scratch: Path, repeat: int) -> dict[str, Sample]:
    """The documents on the demo as of 2025-08-10: dashboard, Word briefing, one form's import."""
    demo = demo_project(out)
    day = ["--as-of", "2025-08-10"]
    work = scratch / "demo-import"
    shutil.copytree(demo, work, symlinks=True)
    form = scratch / "jxj-2025-07.xlsx"
    subprocess.run(
        [
            JIANYIAN,
            "form",
            "--unit",
            "jxj",
            "--month",
            "2025-07",
            *day,
            "--root",
            str(work),
            "-o",
            str(form),
            "--force",
        ],
        check=True,
        capture_output=True,
        env=_env(),
    )
    fill_form(form, work / "data" / "reports" / "jxj" / "2025-07.yaml")
    cmds = {
        "dashboard": [
            JIANYIAN,
            "dashboard",
            "--root",
            str(demo),
            *day,
            "-o",
            str(scratch / "d.html"),
            "--force",
        ],
        "word": [
            JIANYIAN,
            "brief",
            "--month",
            "2025-07",
            "--root",
            str(demo),
            *day,
            "-o",
            str(scratch / "b.docx"),
            "--force",
        ],
        "import": [
            JIANYIAN,
            "import",
            str(form),
            "--force",
            "--submitted",
            "2025-08-05",
            "--root",
            str(work),
        ],
    }
    return measure_rounds(cmds, REPO, repeat, scratch)


def fill_form(form: Path, report: Path) -> None:
    """Fill the form as the liaison would, with the figures and 信息 of the demo's report."""
    import openpyxl
    import yaml

    from jianyian.models.form import FORM_SHEET, META_SHEET

    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(form)
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "field")
    sheet = wb[FORM_SHEET]
    for field_name, cell, *_ in rows[start + 1 :]:
        if not field_name:
            continue
        kind, _, key = field_name.partition(":")
        value = None
        if kind == "indicator":
            value = data["indicators"].get(key)
            value = value["value"] if isinstance(value, dict) else value
        elif key in ("info.title", "info.body"):
            value = data["info"][key.split(".")[1]]
        if value is not None:
            sheet[cell].value = value
    wb.save(form)


DOCUMENT_LABELS = {
    "dashboard": "dashboard -o .html",
    "word": "brief -o .docx",
    "import": "import 一份填报表",
}


def _next_month(month: str) -> str:
    y, m = map(int, month.split("-"))
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{y:04d}-{m:02d}"


# ---------------------------------------------------------------- table


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def print_table(head: list[str], rows: list[list[str]]) -> None:
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = "  ".join(_pad(h, w, i > 0) for i, (h, w) in enumerate(zip(head, widths, strict=True)))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(
            "  ".join(_pad(c, w, i > 0) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )


def _flag(sample: Sample) -> str:
    bad = [code for code in sample.codes if code != 0]
    return f"(退出码{bad[0]})" if bad else ""


def _s(value: float) -> str:
    return "—" if value != value else f"{value:.3f}"


def _x(value: float) -> str:
    return "—" if value != value else f"{value:.2f}×"


# ---------------------------------------------------------------- main


COMMANDS = ("validate", "status", "brief", "cjs", "yamllint", "bare", "parse")
LABELS = {
    "validate": "validate",
    "status": "status --json",
    "brief": "brief --month",
    "cjs": "check-jsonschema",
    "yamllint": "yamllint -d relaxed",
    "bare": "PyYAML CSafeLoader",
    "parse": "jianyian 只读取解析",
}
#: The start-up row of bench/floor.py: what validate pays before reading a file.
FLOOR = "validate 的下限（floor.py）"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="jianyian 性能基准（issue 7）")
    quick = os.environ.get("JIANYIAN_BENCH_QUICK") == "1"
    ap.add_argument("--sizes", default="real,1k,10k" if quick else "real,1k,10k,30k")
    ap.add_argument("--quick", action="store_true", help="不测 30k（同 JIANYIAN_BENCH_QUICK=1）")
    ap.add_argument("--startup-only", action="store_true", help="只测启动时间（不生成项目）")
    ap.add_argument("--repeat", type=int, default=0, help="每项重复次数（默认按规模 3–10 次）")
    ap.add_argument("--out", type=Path, default=REPO / "bench-out")
    ap.add_argument("--json", type=Path, default=None, help="结果另存为 JSON")
    ap.add_argument(
        "--instructions",
        action="store_true",
        help="另用 valgrind 数 validate、status、brief 执行的指令数（不测 30k；需要 valgrind）",
    )
    args = ap.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        sizes = [s for s in sizes if s != "30k"]
    if args.startup_only:
        sizes = []
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        ap.error(f"未知规模：{', '.join(unknown)}（可选：{', '.join(SIZES)}）")
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=args.out))

    version = subprocess.run(
        [JIANYIAN, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    cjs_version = subprocess.run(
        [CHECK_JSONSCHEMA, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rev = "?"
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    print(f"jianyian 性能基准  {version}（{rev}）· {cjs_version}")
    print(f"机器：{cpu} · {os.cpu_count()} 核 · Python {platform.python_version()}")
    print(f"规模：{', '.join(sizes)}（每项先空跑一次，再取多次运行的中位数；内存为峰值 RSS）")
    load_before = os.getloadavg()
    print(f"开始时系统负载（1/5/15 分钟）：{' / '.join(f'{x:.2f}' for x in load_before)}")
    if load_before[0] > 0.5:
        print("  注意：机器上有其他进程在运行，结果会偏慢且波动较大。")

    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions 需要 valgrind（Debian：apt install valgrind），本次不数指令。")
        args.instructions = False

    available = {name: has_command(name) for name in ("status", "brief")}
    for name, ok in available.items():
        if not ok:
            print(f"  jianyian {name}：未实现，跳过")
    results: dict[str, Any] = {"startup": {}, "sizes": {}, "load_before": load_before}

    # -- start-up ------------------------------------------------------
    n = args.repeat or REPEATS["startup"]
    startup = {
        "python -c pass": measure([sys.executable, "-c", "pass"], REPO, n, scratch),
        "jianyian --version": measure([JIANYIAN, "--version"], REPO, n, scratch),
        "jianyian --help": measure([JIANYIAN, "--help"], REPO, n, scratch),
        FLOOR: measure([sys.executable, str(HERE / "floor.py")], REPO, n, scratch),
    }
    for name in command_names():
        startup[f"jianyian {name} --help"] = measure(
            [JIANYIAN, *name.split(), "--help"], REPO, n, scratch
        )
    results["startup"] = {k: asdict(v) for k, v in startup.items()}

    # -- sizes ----------------------------------------------------------
    samples: dict[str, dict[str, Sample]] = {}
    instructions: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    schema_note = ""
    brief_has_as_of = available["brief"] and "--as-of" in command_help("brief")
    for size in sizes:
        root, files, months = project_for(size, args.out)
        counts[size] = files
        as_of = f"{_next_month(months[-1])}-05"
        schema, schema_note = exported_schema(scratch, root)
        rel_files = [
            p.relative_to(root).as_posix() for p in sorted(root.glob("data/reports/*/*.yaml"))
        ]
        n = args.repeat or REPEATS[size]
        print(f"  测量 {size}（{files} 个报送文件，{n} 次）…", flush=True)
        cmds: dict[str, list[str]] = {"validate": [JIANYIAN, "validate", "--root", str(root)]}
        skipped: dict[str, Sample] = {}
        if available["status"]:
            cmds["status"] = [JIANYIAN, "status", "--json", "--root", str(root), "--as-of", as_of]
        else:
            skipped["status"] = Sample([], skipped="未实现，跳过")
        if available["brief"]:
            cmd = [JIANYIAN, "brief", "--month", months[-1], "--root", str(root)]
            if brief_has_as_of:
                cmd += ["--as-of", as_of]
            cmds["brief"] = cmd
        else:
            skipped["brief"] = Sample([], skipped="未实现，跳过")
        cmds["cjs"] = [CHECK_JSONSCHEMA, "--schemafile", str(schema), *rel_files]
        cmds["yamllint"] = [YAMLLINT, "-d", "relaxed", *rel_files]
        cmds["bare"] = [sys.executable, str(HERE / "bare_parse.py"), *rel_files]
        cmds["parse"] = [sys.executable, str(HERE / "read_parse.py"), str(root)]
        row = {**measure_rounds(cmds, root, n, scratch), **skipped}
        for key, keep in (("cjs", 3), ("yamllint", 3), ("bare", 2)):
            row[key].cmd = [*row[key].cmd[:keep], f"<{files} 个文件>"]
        samples[size] = row
        if args.instructions and size != "30k":
            print(f"  用 valgrind 数 {size} 的指令数…", flush=True)
            wanted = {k: v for k, v in cmds.items() if k in ("validate", "status", "brief")}
            instructions[size] = count_instructions(wanted, root, scratch)
        results["sizes"][size] = {
            "files": files,
            "root": str(root),
            "as_of": as_of,
            **{k: asdict(v) for k, v in row.items()},
        }
    documents: dict[str, Sample] = {}
    if not args.startup_only:
        print("  测量示例项目上的文档（看板、Word 简报、导入一份填报表）…", flush=True)
        documents = measure_documents(args.out, scratch, args.repeat or REPEATS["real"])
        results["documents"] = {k: asdict(v) for k, v in documents.items()}
    shutil.rmtree(scratch, ignore_errors=True)

    # -- report -----------------------------------------------------------
    print()
    print(f"报送文件 JSON Schema：{schema_note}")
    print()
    print("启动时间（中位数）")
    print_table(
        ["命令", "时间 s", "峰值内存 MB"],
        [[k, _s(v.median), f"{v.peak_mb:.0f}"] for k, v in startup.items()],
    )
    if samples:  # nothing to show with --startup-only
        print()
        print("各规模耗时（中位数，秒）与峰值内存（MB）")
        head = ["规模", "文件数"]
        for c in COMMANDS:
            head += [LABELS[c], "MB"]
        head += ["validate/cjs", "validate/yamllint"]
        rows = []
        for size, row in samples.items():
            cells = [size, str(counts[size])]
            for c in COMMANDS:
                s = row[c]
                if s.skipped:
                    cells += ["未实现", "—"]
                else:
                    # The synthetic data are valid: anything but 0 is worth a look.
                    bad = [code for code in s.codes if code != 0]
                    flag = f"(退出码{bad[0]})" if bad else ""
                    cells += [_s(s.median) + flag, f"{s.peak_mb:.0f}"]
            cells.append(_x(row["validate"].median / row["cjs"].median))
            cells.append(_x(row["validate"].median / row["yamllint"].median))
            rows.append(cells)
        print_table(head, rows)
        print()
        print("每个文件的平均耗时（毫秒/文件，含启动）")
        print_table(
            ["规模", *(LABELS[c] for c in COMMANDS)],
            [
                [size]
                + [
                    "—" if row[c].skipped else f"{1000 * row[c].median / counts[size]:.3f}"
                    for c in COMMANDS
                ]
                for size, row in samples.items()
            ],
        )
        print()
        print("status、brief 与 validate 逐轮相比（同一轮中先后运行；比值取各轮的中位数）")
        print("以及 validate 自身的波动（各次运行最慢 ÷ 最快 − 1）")
        rows = []
        for size, row in samples.items():
            v = row["validate"]
            cells = [size]
            for c in ("status", "brief"):
                if row[c].skipped:
                    cells += ["—", "—"]
                else:
                    cells += [_x(paired_ratio(row[c], v)), f"{row[c].median - v.median:+.3f}"]
            cells.append(f"{max(v.times) / min(v.times) - 1:.0%}")
            rows.append(cells)
        print_table(
            ["规模", "status/validate", "差值 s", "brief/validate", "差值 s", "validate 波动"], rows
        )
    if documents:
        print()
        print("示例项目上的文档（截至 2025-08-10；中位数，秒；峰值内存 MB）")
        print_table(
            ["命令", "时间 s", "峰值内存 MB"],
            [
                [DOCUMENT_LABELS[k] + _flag(v), _s(v.median), f"{v.peak_mb:.0f}"]
                for k, v in documents.items()
            ],
        )
    if instructions:
        print()
        print("执行的指令数（valgrind；与机器负载无关；单位：百万条）")
        rows = []
        for size, n in instructions.items():
            v = n["validate"]
            cells = [size, f"{v / 1e6:,.0f}"]
            for c in ("status", "brief"):
                cells += [f"{n[c] / 1e6:,.0f}", _x(n[c] / v)] if c in n else ["—", "—"]
            rows.append(cells)
        print_table(["规模", "validate", "status", "÷validate", "brief", "÷validate"], rows)
        results["instructions"] = instructions
    if "1k" in samples and len([s for s in ("10k", "30k") if s in samples]):
        print()
        print("增长（相对 1k 的耗时倍数；线性为 10× 与 30×）")
        rows = []
        for c in COMMANDS:
            if samples["1k"][c].skipped:
                continue
            cells = [LABELS[c]]
            for big in ("10k", "30k"):
                cells.append(
                    _x(samples[big][c].median / samples["1k"][c].median) if big in samples else "—"
                )
            rows.append(cells)
        print_table(["命令", "10k/1k", "30k/1k"], rows)

    # -- targets ------------------------------------------------------------
    load_after = os.getloadavg()
    results["load_after"] = load_after
    print()
    print(f"结束时系统负载（1/5/15 分钟）：{' / '.join(f'{x:.2f}' for x in load_after)}")
    verdicts = targets(startup, samples, documents)
    results["targets"] = verdicts
    print()
    print("目标（issue 7、14、31，2 核机器）")
    for text, verdict in verdicts:
        print(f"  [{verdict}] {text}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def targets(
    startup: dict[str, Sample],
    samples: dict[str, dict[str, Sample]],
    documents: dict[str, Sample],
) -> list:
    out: list[tuple[str, str]] = []

    def add(text: str, ok: bool | None, why: str = "") -> None:
        verdict = "SKIP" if ok is None else "PASS" if ok else "FAIL"
        out.append((text + (f"（{why}）" if why else ""), verdict))

    floor = startup[FLOOR].median if FLOOR in startup else None
    if "real" in samples:
        v = samples["real"]["validate"].median
        for peer in ("cjs", "yamllint"):
            c = samples["real"][peer].median
            limit = VALIDATE_VS_PEERS_REAL * c
            parse = samples["real"]["parse"].median
            why = ""
            if floor is not None and floor > limit:
                why = (
                    f"下限 {floor:.3f} s 已超过 {limit:.3f} s：只启动 Python、导入 pydantic 和模型、"
                    "建好校验器，不读任何文件（bench/floor.py）"
                )
            elif parse > limit:
                why = (
                    f"下限 {parse:.3f} s 已超过 {limit:.3f} s：只导入并读取、解析全部文件，"
                    "不建校验器、不校验、不检查（bench/read_parse.py）"
                )
            add(
                f"真实规模 validate ≥ 3 × 快于 {LABELS[peer]}：{v:.3f} s vs {c:.3f} s，快 {c / v:.2f} 倍",
                v <= limit,
                why,
            )
    else:
        add("真实规模 validate ≥ 3 × 快于 check-jsonschema 和 yamllint", None, "未测 real")
    if "10k" in samples:
        v, b = samples["10k"]["validate"].median, samples["10k"]["bare"].median
        p = samples["10k"]["parse"].median
        why = ""
        if p > VALIDATE_VS_BARE_10K * b:
            why = (
                f"jianyian 只读取和解析、不校验不检查就要 {p:.2f} s = {p / b:.2f}×"
                "（bench/read_parse.py）"
            )
        add(
            f"10k validate ≤ 1.2 × PyYAML CSafeLoader 空解析：{v:.2f} s vs {b:.2f} s = {v / b:.2f}×",
            v <= VALIDATE_VS_BARE_10K * b,
            why,
        )
    else:
        add("10k validate ≤ 1.2 × PyYAML CSafeLoader 空解析", None, "未测 10k")
    for size, row in samples.items():
        for cmd in ("status", "brief"):
            s = row[cmd]
            if s.skipped:
                add(f"{size} {LABELS[cmd]} ≤ 1.25 × validate", None, s.skipped)
                continue
            r = paired_ratio(s, row["validate"])
            add(
                f"{size} {LABELS[cmd]} ≤ 1.25 × validate：逐轮比值中位数 {r:.2f}×"
                f"（{s.median:.3f} s vs {row['validate'].median:.3f} s）",
                r <= STATUS_VS_VALIDATE,
            )
    for name in ("jianyian --version",):
        t = startup[name].median
        add(f"{name} < {STARTUP_LIMIT} s：{t:.3f} s", t < STARTUP_LIMIT)
    helps = {k: v.median for k, v in startup.items() if k.endswith("--help")}
    slowest = max(helps, key=helps.get)
    add(
        f"每个命令的 --help ≤ {HELP_LIMIT} s（{len(helps)} 个；最慢 {slowest}：{helps[slowest]:.3f} s）",
        helps[slowest] <= HELP_LIMIT,
    )
    for key, limit in (
        ("dashboard", DOCUMENT_LIMIT),
        ("word", DOCUMENT_LIMIT),
        ("import", IMPORT_LIMIT),
    ):
        if key not in documents:
            add(f"{DOCUMENT_LABELS[key]} ≤ {limit} s", None, "未测文档")
            continue
        d = documents[key]
        add(f"{DOCUMENT_LABELS[key]} ≤ {limit} s：{d.median:.3f} s{_flag(d)}", d.median <= limit)
        add(
            f"{DOCUMENT_LABELS[key]} 峰值内存 ≤ {DOCUMENT_MEMORY_MB:.0f} MB：{d.peak_mb:.0f} MB",
            d.peak_mb <= DOCUMENT_MEMORY_MB,
        )
    if "1k" in samples and "30k" in samples:
        for cmd in ("validate", "status", "brief"):
            small, big = samples["1k"][cmd], samples["30k"][cmd]
            if small.skipped:
                add(f"{LABELS[cmd]} 30k ≤ 35 × 1k", None, small.skipped)
            else:
                r = big.median / small.median
                add(f"{LABELS[cmd]} 30k ≤ 35 × 1k（线性）：{r:.1f}×", r <= LINEAR_LIMIT)
        for cmd in ("validate", "status", "brief"):
            s = samples["30k"][cmd]
            if s.skipped:
                add(f"{LABELS[cmd]} 30k 峰值内存 < 500 MB", None, s.skipped)
            else:
                add(
                    f"{LABELS[cmd]} 30k 峰值内存 < 500 MB：{s.peak_mb:.0f} MB",
                    s.peak_mb < MEMORY_LIMIT_MB,
                )
    else:
        add("30k ≤ 35 × 1k；30k 峰值内存 < 500 MB", None, "未测 30k（--sizes 需含 1k 和 30k）")
    return out


if __name__ == "__main__":
    sys.exit(main())
