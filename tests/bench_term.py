"""The benchmarks' pseudo-terminal: the shared `term.Term`, drained as fast as the program writes.

`term.Term` reads the program's output only between updates of its emulated screen (pyte), and
pyte takes ~2.3 µs a byte: ~30 ms for one full frame of the reader at 140x40, where a real
terminal takes well under a millisecond.  Reading that way, the program stalls on a full
pseudo-terminal buffer and every figure grows by pyte's time, the more so the more a frame
holds.  Here a thread reads the output as soon as it is written, stamping each chunk with the
time it arrived; `wait_for` reports when the chunk that put the marker on screen *arrived*
(what a person with a real terminal sees), and `pyte_ms` how long the emulator took meanwhile.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent.parent / "shared" / "tools"
sys.path.insert(0, str(TOOLS))

from term import Term, _matcher  # noqa: E402  (the shared pseudo-terminal harness)

Marker = str | Callable[[str], bool]

# The draining thread stamps a chunk when it gets the GIL back after its read; pyte (pure Python)
# holds the GIL for up to the switch interval (5 ms by default) between chunks.
sys.setswitchinterval(0.0005)


class DrainedTerm(Term):
    """`term.Term` with a thread that drains the pseudo-terminal (see the module docstring)."""

    def __init__(self, cmd: list[str], cols: int = 120, rows: int = 40, env: dict[str, str] | None = None,
                 cwd: str | None = None) -> None:
        self._chunks: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()
        self._arrived = 0.0  # when the last chunk fed to the screen arrived
        self.pyte_seconds = 0.0
        super().__init__(cmd, cols, rows, env=env, cwd=cwd)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            self._chunks.put((time.perf_counter(), data))
            if not data:
                return

    def _pump(self, deadline: float, check: Callable[[str], bool]) -> bool:
        while True:
            if check(self.text()):
                return True
            now = time.perf_counter()
            if now >= deadline or not self.alive:
                return False
            try:
                arrived, data = self._chunks.get(timeout=max(min(0.005, deadline - now), 0.0001))
            except queue.Empty:
                continue
            if not data:
                self.alive = False
                continue
            started = time.perf_counter()
            self.stream.feed(data)
            self.pyte_seconds += time.perf_counter() - started
            self._arrived = arrived

    def wait_for(self, marker: Marker, timeout: float = 10.0, since: float | None = None) -> float | None:
        """Seconds from `since` (now) until the output that shows `marker` arrived; None on timeout."""
        start = since if since is not None else time.perf_counter()
        if not self._pump(start + timeout, _matcher(marker)):
            return None
        return round(max(self._arrived - start, 0.0), 4)
