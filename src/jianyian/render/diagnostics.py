"""Diagnostics and audit findings for a reader: text, GitHub annotations, JSON, Markdown.

``validate`` and ``audit`` share these formats, so a problem reads the same
wherever it is shown.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, printable
from .json_text import dumps_json

if TYPE_CHECKING:  # the audit's types only; validate never loads the audit or Jinja's module
    from ..checks.audit import AuditResult, Finding


def format_text(d: Diagnostic) -> str:
    """``path:line:col: severity: message [code]``; a diagnostic located otherwise (a form's
    cell is in its path, ``经信局-2025-08.xlsx!F7``) has no line and prints without one."""
    where = f"{d.path}:{d.line}:{d.col}" if d.line else d.path
    return printable(f"{where}: {d.severity}: {d.message} [{d.code}]")


def gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command (annotation)."""
    kind = "error" if d.severity == "error" else "warning"
    props = (
        f"file={gh_escape(d.path, prop=True)},line={d.line},col={d.col},"
        f"title={gh_escape(d.code, prop=True)}"
    )
    return printable(f"::{kind} {props}::{gh_escape(d.message)}")


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"检查了 {files} 个文件，未发现问题。"
    return f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告。"


def to_json(diagnostics: list[Diagnostic], files: int) -> str:
    """The documented ``validate --format json`` shape (version 1)."""
    errors = sum(d.severity == "error" for d in diagnostics)
    doc = {
        "version": 1,
        "files": files,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "col": d.col,
                "severity": d.severity,
                "code": d.code,
                "message": d.message,
            }
            for d in diagnostics
        ],
    }
    return dumps_json(doc)


def md_cell(text: str) -> str:
    """``text`` as one literal Markdown table cell: invisible characters shown as
    escapes, then Markdown and HTML escaped (no link, image, tag or code span from data)."""
    from .markdown import md_text

    return md_text(printable(text))


def md_code(text: str) -> str:
    """``text`` as a Markdown code span inside a table cell, whatever it holds.

    The fence is one backtick longer than the longest run in ``text`` (so a backtick
    in a file name cannot close it); a pipe is escaped (GitHub splits table cells on
    it even in a code span); invisible characters are shown as escapes.
    """
    text = printable(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def to_markdown(diagnostics: list[Diagnostic], files: int) -> str:
    """A Markdown report of every diagnostic (for ``$GITHUB_STEP_SUMMARY``, which has no cap)."""
    lines = ["## jianyian 数据检查", "", summary_line(diagnostics, files), ""]
    if diagnostics:
        lines += ["| 位置 | 级别 | 代码 | 问题 |", "|---|---|---|---|"]
        for d in diagnostics:
            where = md_code(f"{d.path}:{d.line}:{d.col}")
            level = "错误" if d.severity == "error" else "警告"
            lines.append(f"| {where} | {level} | {md_cell(d.code)} | {md_cell(d.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- audit findings


def format_finding_text(f: Finding) -> str:
    return printable(f"{f.path}: {f.severity}: {f.message}")


def audit_summary_line(result: AuditResult) -> str:
    head = f"核对了 {result.commits} 次修改数据的提交"
    if not result.findings:
        return f"{head}，未发现问题。"
    return f"{head}：{result.errors} 处由无权限的人员修改，{result.warnings} 个警告。"


def format_finding_github(f: Finding) -> str:
    props = f"file={gh_escape(f.path, prop=True)},title=jianyian audit"
    return printable(f"::{f.severity} {props}::{gh_escape(f.message)}")


def audit_to_json(result: AuditResult, since: date | None) -> str:
    """The documented ``audit --format json`` shape (version 1)."""
    doc = {
        "version": 1,
        "since": since.isoformat() if since else None,
        "commits": result.commits,
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [
            {
                "severity": f.severity,
                "kind": f.kind,
                "path": f.path,
                "unit": f.unit,
                "commit": f.commit.hash if f.commit else None,
                "date": f.commit.date.isoformat() if f.commit else None,
                "author": (
                    {"name": f.commit.author_name, "email": f.commit.author_email}
                    if f.commit
                    else None
                ),
                "count": f.count if f.commit is None else 1,
                "message": f.message,
            }
            for f in result.findings
        ],
    }
    return dumps_json(doc)
