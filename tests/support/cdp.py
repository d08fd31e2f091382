"""A headless Chromium driven over the DevTools protocol (CDP), standard library only.

Chromium's ``--remote-debugging-pipe`` speaks CDP over file descriptors 3 (commands in)
and 4 (replies and events out), one JSON message per NUL-terminated chunk: no websocket
library, no port to pick, nothing listening on the network. :class:`Browser` opens one
page, records every network request, console message, log entry and uncaught exception,
and can evaluate JavaScript, click, and take screenshots.

Typical use::

    with Browser() as b:           # skips (fails under CI) without Chromium
        b.offline()                 # the network is off for the page
        b.open(path.as_uri())
        assert b.errors() == []
        b.screenshot(tmp_path / "page.png", 1366, 768)
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from .office import CHROMIUM_FLAGS, DEFAULT_TIMEOUT, ToolError, require


class Browser:
    """One headless Chromium with one page, over ``--remote-debugging-pipe``."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self._buffer = b""
        self._session: str | None = None

    # ------------------------------------------------------------ process

    def __enter__(self) -> Browser:
        chromium = require("chromium")
        self._profile = tempfile.TemporaryDirectory(prefix="jianyian-cdp-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child: the pipes become fds 3 and 4
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        flags = [f for f in CHROMIUM_FLAGS if f != "--headless"]
        self._proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                *flags,
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # pass_fds would close 3 and 4 after ``wire`` ran; the parent's own ends are
            # close-on-exec, the ones ``wire`` made are inheritable.
            close_fds=False,
            preexec_fn=wire,
            start_new_session=True,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        try:
            targets = self.call("Target.getTargets")["targetInfos"]
            page = next(t for t in targets if t["type"] == "page")
            self._session = self.call(
                "Target.attachToTarget", targetId=page["targetId"], flatten=True
            )["sessionId"]
            for domain in ("Page", "Network", "Runtime", "Log"):
                self.call(f"{domain}.enable")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, signal.SIGKILL)
        self._proc.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    # ------------------------------------------------------------ protocol

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ToolError("chromium did not answer over CDP in time")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise ToolError("chromium closed the CDP pipe (crashed?)")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events read meanwhile are recorded."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self._session is not None and not method.startswith("Target."):
            message["sessionId"] = self._session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ToolError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, timeout: float | None = None) -> dict[str, Any]:
        """The first recorded or coming event ``method``."""
        for event in self.events:
            if event["method"] == method:
                return event
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            event = self._read(deadline)
            if "method" in event:
                self.events.append(event)
                if event["method"] == method:
                    return event

    # ------------------------------------------------------------ page

    def offline(self) -> None:
        """Cut the page's network: any request would fail (and is still recorded)."""
        self.call(
            "Network.emulateNetworkConditions",
            offline=True,
            latency=0,
            downloadThroughput=0,
            uploadThroughput=0,
        )

    def open(self, url: str) -> None:
        """Navigate and wait for the load event, then let scripts settle."""
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(r => setTimeout(r, 100))", await_promise=True)

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """The value of ``expression`` in the page; an exception there is a ToolError."""
        result = self.call(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=await_promise,
        )
        if "exceptionDetails" in result:
            raise ToolError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def requests(self) -> list[str]:
        """URLs of every request the page made, in order."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors/warnings and error log entries, as text."""
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                out.append(f"exception: {p['exceptionDetails']}")
            elif e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning"):
                out.append(f"console.{p['type']}: {p['args']}")
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append(f"log: {p['entry']}")
            elif e["method"] == "Network.loadingFailed":
                out.append(f"network: {p}")
        return out

    def viewport(self, width: int, height: int, *, mobile: bool = False) -> None:
        """Make the page's viewport ``width`` × ``height`` CSS pixels (``mobile``: as a phone
        lays out a page with a ``width=device-width`` viewport meta)."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.evaluate(
            "new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))", await_promise=True
        )

    def media(self, media: str = "") -> None:
        """Emulate a CSS media type (``"print"``, ``"screen"``; ``""``: the real one)."""
        self.call("Emulation.setEmulatedMedia", media=media)

    def screenshot(
        self,
        path: str | os.PathLike[str],
        width: int,
        height: int,
        *,
        full: bool = False,
        mobile: bool = False,
    ) -> Path:
        """A PNG of the viewport at ``width`` × ``height`` (``full``: the whole page)."""
        self.viewport(width, height, mobile=mobile)
        params: dict[str, Any] = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": width,
                "height": size["height"],
                "scale": 1,
            }
        data = self.call("Page.captureScreenshot", **params)["data"]
        out = Path(path)
        out.write_bytes(base64.b64decode(data))
        return out

    def pdf(self, path: str | os.PathLike[str]) -> Path:
        """Print the page to PDF on A4 with its print stylesheet."""
        data = self.call(
            "Page.printToPDF", paperWidth=8.27, paperHeight=11.69, preferCSSPageSize=True
        )["data"]
        out = Path(path)
        out.write_bytes(base64.b64decode(data))
        return out
