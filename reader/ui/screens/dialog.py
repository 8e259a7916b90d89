"""The frame shared by the reader's modal dialogs (the citation popup, the help screen)."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import events
from textual.screen import ModalScreen
from textual.timer import Timer

from reader.ui.say import SECONDS

ResultType = TypeVar("ResultType")


class DialogScreen(ModalScreen[ResultType]):
    """A modal screen whose content is a bordered, centred `#dialog` container of at most 100 columns."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen > #dialog {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-color: $text-accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    """

    def on_click(self, event: events.Click) -> None:
        """A click outside the frame closes the dialog (as a popup on the web)."""
        if event.widget is self:
            self.dismiss(None)

    _said: Timer | None = None
    _subtitle: object = None  # the frame's own subtitle, while a message stands in its place

    def say(self, message: str, warning: bool = False, seconds: float = SECONDS) -> None:
        """Say `message` on the lower edge of the frame for `seconds` (reader.ui.say)."""
        dialog = self.query_one("#dialog")
        if self._said is None:
            self._subtitle = dialog.border_subtitle
        else:
            self._said.stop()
        # Text, not a string: a URL's "[" is not markup.  Bold: it is news, the subtitle is not.
        dialog.border_subtitle = Text(f"{'! ' if warning else ''}{message}", style="bold")
        self._said = self.set_timer(seconds, self._hush)

    def _hush(self) -> None:
        self._said = None
        dialog = self.query_one("#dialog")
        dialog.border_subtitle = self._subtitle  # type: ignore[assignment]
