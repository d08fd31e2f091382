"""Checks of an HTML page by tools the project did not write: axe-core, the W3C Nu validator
(vnu.jar) and html-validate.

They come from the npm registry, pinned in ``tests/support/js/package.json`` and its lock,
and ``make js-deps`` (run by ``make test``) installs them into ``tests/support/js/node_modules``
with ``npm ci``. The Nu validator runs on the machine's Java. A missing tool skips the test
loudly, or fails it under ``CI=true`` (:func:`tests.support.office.missing`).

Typical use::

    errors = nu_errors(page)                 # [] when the W3C Nu validator is content
    with Browser() as b:
        b.open(page.as_uri())
        inject_axe(b)
        assert axe_violations(b) == []
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .cdp import Browser
from .office import SUPPORT_DIR, missing

JS_DIR = SUPPORT_DIR / "js"
NODE_MODULES = JS_DIR / "node_modules"

#: What each tool is, inside node_modules.
JS_TOOLS = {
    "axe-core": NODE_MODULES / "axe-core" / "axe.min.js",
    "html-validate": NODE_MODULES / "html-validate" / "bin" / "html-validate.mjs",
    "vnu": NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar",
}

_JS_HINT = (
    "run `make js-deps` (npm ci in tests/support/js; needs Node.js and npm) "
    "or `make test`, which runs it"
)

#: The WCAG 2.1 levels A and AA, as axe-core tags its rules.
WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def _program(name: str, hint: str) -> str:
    found = shutil.which(name)
    if found is None:
        missing(name, hint)
    return found


def require_js(tool: str) -> Path:
    """The installed file of ``tool`` (a key of :data:`JS_TOOLS`); skip/fail without it."""
    path = JS_TOOLS[tool]
    if not path.is_file():
        missing(tool, _JS_HINT)
    return path


def _tool_run(cmd: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", FORCE_COLOR="0")
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, check=False, env=env
    )


def nu_messages(page: Path) -> list[dict[str, Any]]:
    """Every message of the W3C Nu validator (``vnu.jar --format json``) about ``page``."""
    jar = require_js("vnu")
    java = _program("java", "apt-get install default-jre-headless (the Nu validator is Java)")
    result = _tool_run([java, "-jar", str(jar), "--format", "json", "--stdout", str(page)])
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise AssertionError(
            f"vnu.jar gave no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        ) from exc
    return messages


def nu_errors(page: Path) -> list[str]:
    """The Nu validator's errors (and fatal errors) about ``page``, one line each."""
    return [
        f"{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()[:80]}]"
        for m in nu_messages(page)
        if m["type"] in ("error", "non-document-error")
    ]


def html_validate_problems(page: Path) -> list[str]:
    """html-validate's problems (its recommended rules) with ``page``, one line each."""
    cli = require_js("html-validate")
    node = _program("node", "install Node.js 20 or newer with npm, then `make js-deps`")
    with tempfile.TemporaryDirectory(prefix="jianyian-html-validate-") as tmp:
        # A file, not stdout: node may exit before a long report is through a pipe.
        report = Path(tmp) / "report.json"
        result = _tool_run([node, str(cli), "--formatter", f"json={report}", str(page)])
        try:
            files = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AssertionError(
                f"html-validate gave no report (exit {result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            ) from exc
    return [
        f"{m['line']}:{m['column']}: {m['ruleId']}: {m['message']}"
        for f in files
        for m in f["messages"]
    ]


def inject_axe(browser: Browser) -> str:
    """Load axe-core into the open page (its source through Runtime.evaluate); its version."""
    source = require_js("axe-core").read_text(encoding="utf-8")
    browser.evaluate(source)
    return browser.evaluate("axe.version")


def axe_violations(browser: Browser, tags: tuple[str, ...] = WCAG_AA) -> list[dict[str, Any]]:
    """axe-core's violations of the rules tagged ``tags`` in the page as it is shown now.

    Each is ``{"id", "impact", "help", "nodes": [{"target", "summary"}...]}``: enough to
    read in an assertion message. Hidden elements (other tabs) are not checked.
    """
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    script = (
        f"axe.run(document, {json.dumps(options)})"
        """.then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
        })))"""
    )
    return browser.evaluate(script, await_promise=True)


def summarize(violations: list[dict[str, Any]], per_rule: int = 3) -> str:
    """Violations as a few readable lines: rule, element count, the first elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']}")
        for n in v["nodes"][:per_rule]:
            summary = " ".join((n["summary"] or "").split())[:160]
            lines.append(f"    {n['target']}: {summary}")
    return "\n".join(lines)
