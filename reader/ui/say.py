"""Where the reader says things: in a line of the screen that covers nothing being read.

Textual's notifications are drawn over the bottom right of the screen: over the text and the
status line, hiding the search counter ("/silent cal: 3/3") just as `n` wrapped, and the
breadcrumb.  A screen that `Says` shows its messages in a place of its own (the reader: the
key bar's line; a dialog: its frame's lower edge) and drops them when it is left; the app sends
every `notify` to the screen on top when it is one (`ReaderApp.notify`).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

SECONDS = 3.0  # how long a message stays, unless said otherwise


@runtime_checkable
class Says(Protocol):
    """A screen with a place of its own for messages."""

    def say(self, message: str, warning: bool = False, seconds: float = SECONDS) -> None:
        """Show `message` (a warning: nothing was done) for `seconds`."""


def one_line(message: str, title: str = "") -> str:
    """A notification's title and text as one line."""
    text = " · ".join(line.strip() for line in message.splitlines() if line.strip())
    return f"{title}: {text}" if title and text else title or text
