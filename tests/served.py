"""Test helpers for `wikireader --serve`: a server in a subprocess, and a browser tab on it.

`Served.start(...)` runs `python -m reader --serve --port 0 ...` (loopback, a free port) in a
session of its own, so that `stop()` can press ctrl+c the way a terminal does: SIGINT to the
server and every reader process it started.

`ReaderTab` is a Chromium tab (playwright) on the served page.  The page draws the reader with
xterm.js on a canvas, which has no text to query; so the test serves textual-serve's script with
one statement added that keeps the page's terminal object in `window.__reader`, and reads what
the terminal shows from xterm.js's own buffer.  Requests for anything but the server are
answered by the test (no network), and remembered.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Route

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Where the browser tests leave their screenshots for a person to look at (ignored by git).
SCREENSHOTS = ROOT / "tests" / "screenshots"
# In textual-serve 1.1.3's static/js/textual.js: the page's terminal object `t` is made here.
TERMINAL_MADE = "const t=new w(e,{ping:r});"
WAIT = 20.0  # seconds; the machine is shared, and a reader process starts per tab


@dataclass
class Served:
    """A `wikireader --serve` process and the address it printed."""

    process: subprocess.Popen[str]
    address: str
    first_line: str

    @classmethod
    def start(cls, *args: str) -> Served:
        """Start serving (`args`: the file, the article, options) and wait for its address.

        Each server keeps its reading places in a folder of its own: one test's `G` saved the
        sample's place at its end, and the next test's reader (same worker, same state folder
        from conftest) opened there when the save came in time (flaky under `-n 2`)."""
        state = tempfile.mkdtemp(prefix="served-", dir=os.environ.get("XDG_STATE_HOME"))
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "--serve", "--port", "0", *args],
            cwd=ROOT,
            env={**os.environ, "XDG_STATE_HOME": state},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], WAIT)
        line = process.stdout.readline() if ready else ""
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found is None:
            process.kill()
            _, err = process.communicate(timeout=10)
            raise AssertionError(f"no address printed: {line!r}; stderr: {err!r}")
        return cls(process, found.group(), line)

    @property
    def port(self) -> int:
        return int(self.address.rsplit(":", 1)[1])

    def stop(self) -> tuple[int, str, str]:
        """ctrl+c as a terminal sends it (to the whole process group); (status, stdout, stderr)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        out, err = self.process.communicate(timeout=WAIT)
        return self.process.returncode, out, err

    def group_is_gone(self) -> bool:
        """True when no process of the server's group (its reader processes) is left."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return True
        return False


@dataclass
class ReaderTab:
    """A browser tab on the served reader, and the outside addresses it asked for."""

    context: BrowserContext
    page: Page
    outside: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, context: BrowserContext, address: str) -> ReaderTab:
        tab = cls(context, context.new_page())
        context.route(lambda url: not url.startswith(address + "/"), tab._answer_outside)
        context.route(f"{address}/static/js/textual.js", _keep_terminal)
        tab.page.goto(address + "/")
        tab.wait_for(lambda text: text.strip() != "")
        tab.page.locator(".xterm-helper-textarea").focus()  # where xterm.js takes the keys
        return tab

    def _answer_outside(self, route: Route) -> None:
        """No network: an outside address (a font, a citation's URL) gets a stub page."""
        self.outside.append(route.request.url)
        route.fulfill(status=200, content_type="text/plain", body="outside the test")

    def lines(self) -> list[str]:
        """The terminal's lines, as xterm.js shows them."""
        lines: list[str] = self.page.evaluate(
            """() => { const term = window.__reader.terminal, lines = [];
                for (let row = 0; row < term.rows; row++)
                    lines.push(term.buffer.active.getLine(row).translateToString(true, 0, term.cols));
                return lines; }"""
        )
        return lines

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait_for(self, check: str | Callable[[str], bool], timeout: float = WAIT) -> str:
        """Wait until the screen holds `check` (a string, or a test of the text); the text."""
        test = check if callable(check) else (lambda text: check in text)
        deadline = time.monotonic() + timeout
        while True:
            text = self.text() if self.page.evaluate("() => window.__reader !== undefined") else ""
            if test(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"not on screen after {timeout} s: {check!r}\n{text}")
            time.sleep(0.05)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def click_text(self, needle: str) -> None:
        """Click (a real mouse click, at its pixels) the middle of the first `needle` on screen."""
        lines = self.lines()
        row = next(number for number, line in enumerate(lines) if needle in line)
        column = lines[row].index(needle) + len(needle) // 2
        cols, rows = self.page.evaluate("() => [window.__reader.terminal.cols, window.__reader.terminal.rows]")
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        width, height = box["width"] / cols, box["height"] / rows
        self.page.mouse.click(box["x"] + (column + 0.5) * width, box["y"] + (row + 0.5) * height)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


def _keep_terminal(route: Route) -> None:
    """Serve textual-serve's script with its terminal object kept in `window.__reader`."""
    response = route.fetch()
    script = response.text()
    assert TERMINAL_MADE in script, "textual-serve's textual.js changed: update TERMINAL_MADE"
    route.fulfill(response=response, body=script.replace(TERMINAL_MADE, TERMINAL_MADE + "window.__reader=t;"))
