"""The one-key prompt after `m` (set a mark) and `'` (go to a mark): the next letter typed.

A modal screen of one line at the bottom, the reader still in view above it: whatever key comes
next is the answer (a letter), escape or any other key gives up.  As its own screen it takes
that key even when it was typed in one go with `m` (see `reader.ui.widgets.late_keys`).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.source.state import MARK_LETTERS


class LetterPrompt(ModalScreen["str | None"]):
    """Asks for one letter; dismissed with it, or with None."""

    DEFAULT_CSS = """
    LetterPrompt {
        align: left bottom;
        background: $background 0%;
    }
    LetterPrompt > #prompt {
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $accent-muted;
        color: $foreground;
        text-style: bold;
    }
    """

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield Static(self.prompt, id="prompt", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        character = event.character or ""
        self.dismiss(character if len(character) == 1 and character in MARK_LETTERS else None)
