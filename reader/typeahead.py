"""Keys typed while the reader starts: the terminal hands them over as typed, not "cooked".

Until Textual puts the terminal in its own mode (a few tenths of a second after the command
starts, once it is imported), the terminal is in the shell's line mode: it echoes what is typed
and turns the enter key's carriage return into a line feed, which Textual then reads as ctrl+j.
`/harding` + enter typed at once left "harding" in the search field and the enter lost; `c` +
enter selected a marker and never opened it.  The command line calls `hold_keys` as soon as it
knows it opens the reader: from then on keys are kept unechoed and unchanged until the app
reads them (ctrl+c still interrupts).  `restore` puts the terminal back as it was found
(Textual restores the mode it found, which is ours).

Keys typed before even this (while Python starts, ~50 ms) arrive cooked: the app reads a
ctrl+j that comes before its first screen is ready as enter (see `reader.ui.key_gate`).
"""

from __future__ import annotations

import os
import sys
from typing import Any

try:
    import termios
except ImportError:  # not a POSIX system: Textual's own driver does what it can
    termios = None  # type: ignore[assignment]


class HeldKeys:
    """The terminal's mode as found, to put back with `restore`."""

    def __init__(self, fd: int, saved: list[Any], owned: bool) -> None:
        self._fd = fd
        self._saved = saved
        self._owned = owned  # the fd was opened here (/dev/tty) and is closed on restore

    def restore(self) -> None:
        """Put the terminal back in the mode it had before `hold_keys`."""
        if termios is None:
            return
        try:
            termios.tcsetattr(self._fd, termios.TCSANOW, self._saved)
        except (termios.error, OSError):
            pass
        if self._owned:
            try:
                os.close(self._fd)
            except OSError:
                pass


def hold_keys() -> HeldKeys | None:
    """Stop the terminal from echoing and cooking keys (None when there is no terminal)."""
    if termios is None:
        return None
    fd, owned = _terminal_fd()
    if fd is None:
        return None
    try:
        saved = termios.tcgetattr(fd)
        mode = termios.tcgetattr(fd)
        mode[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR)  # iflag: enter stays "\r"
        mode[3] &= ~(termios.ICANON | termios.ECHO)  # lflag: no line buffering, no echo; ISIG kept
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSANOW, mode)
    except (termios.error, OSError):
        if owned:
            os.close(fd)
        return None
    return HeldKeys(fd, saved, owned)


def _terminal_fd() -> tuple[int | None, bool]:
    """Standard input's descriptor when it is the terminal, else /dev/tty opened here."""
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            return sys.stdin.fileno(), False
    except (AttributeError, ValueError, OSError):
        pass
    try:
        return os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY), True
    except OSError:
        return None, False
