"""The title line at the top of the reader: "≡   Article title — file name", centred.

It draws what Textual's `Header` draws (an icon that opens the command palette, the screen's
title and sub-title) as one widget and one line, instead of four widgets to compose and style
before the first paint.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "≡"
LEFT = 8  # columns kept for the icon, as Header does
RIGHT = 10  # and on the right (where Header keeps its clock's place), so the title is centred alike
DIM = Style(dim=True)


class TitleBar(Widget):
    """The screen's title and sub-title on one line; a click on the icon opens the palette."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        # Screen.title / sub_title fall back to the app's when None.
        for node in (self.screen, self.app):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    @property
    def title_text(self) -> str:
        """The title as shown: "title — sub-title" (or the title alone)."""
        title, sub_title = self._titles()
        return f"{title} — {sub_title}" if sub_title else title

    def _titles(self) -> tuple[str, str]:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return title or "", sub_title or ""

    def render(self) -> Text:
        width = self.size.width
        title, sub_title = self._titles()
        text = Text(title, no_wrap=True, end="")
        if sub_title:
            text.append(" — ", style=DIM)
            text.append(sub_title, style=DIM)
        room = max(width - LEFT - RIGHT, 1)
        if text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        pad = (room - text.cell_len) // 2
        icon = (" " + ICON).ljust(LEFT) if width >= LEFT + 2 else ""
        line = Text(icon[: max(width, 0)], no_wrap=True, end="")
        line.append(" " * pad)
        line.append_text(text)
        line.truncate(width, pad=True)
        return line

    def on_click(self, event: events.Click) -> None:
        if event.x < LEFT and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
