"""The wikireader Textual app: holds the opened file and shows one article at a time.

`run_app(library, article)` is what the command line calls.  The app keeps the `Library`
(the opened file) and opens a `ReaderScreen` per article with `open_article(index)`.  With a
file of several articles and none chosen, it shows the article picker (`show_picker`); the
reader's `o` key asks for the picker again with a `ReaderScreen.PickerRequested` message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.color import Color
from textual.filter import Monochrome
from textual.screen import Screen

from reader.ui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from reader.source.library import Library


class SafeMonochrome(Monochrome):
    """Textual's NO_COLOR filter, tolerant of segments without a style.

    Textual's own `Monochrome` fails on `Segment(text, None)`, which rich renders for any
    unstyled text; with NO_COLOR set that would crash the app on its first frame.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        null = Style.null()
        return super().apply([seg if seg.style is not None else Segment(seg.text, null) for seg in segments], background)


class ReaderApp(App[None]):
    """Reads the articles of one file."""

    CSS_PATH = "reader.tcss"
    TITLE = "wikireader"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, library: Library, article: int | None = None, *, cursor_blink: bool = True) -> None:
        super().__init__()
        # NO_COLOR (Textual reads it): swap in the filter that does not crash on unstyled text.
        self._filters = [SafeMonochrome() if type(f) is Monochrome else f for f in self._filters]
        self.library = library
        self.start_article = article
        self.blink = cursor_blink  # off in tests and snapshots
        self.sub_title = library.name
        self.positions: dict[int, float] = {}  # article index -> scroll offset, kept while the app runs

    @property
    def has_many(self) -> bool:
        """True when the file holds more than one article (so there is a list to go back to)."""
        return len(self.library.entries) > 1

    def on_mount(self) -> None:
        if self.start_article is not None:
            self.open_article(self.start_article)
        elif self.has_many:
            self.show_picker()
        else:
            self.open_article(0)

    # ------------------------------------------------------------------ articles

    def open_article(self, index: int) -> None:
        """Show article `index` of the file, replacing the article shown before (if any)."""
        screen = self.reader_screen(index)
        if isinstance(self.screen, ReaderScreen):
            self._remember(self.screen)
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def reader_screen(self, index: int) -> ReaderScreen:
        """A reader for article `index` (an empty article when the file holds none)."""
        entries = self.library.entries
        if not entries:
            return ReaderScreen("", self.library.name, source_name=self.library.name, cursor_blink=self.blink)
        entry = entries[index]
        return ReaderScreen(
            self.library.article_text(entry),
            entry.title,
            source_name=self.library.name,
            index=index,
            can_pick=self.has_many,
            cursor_blink=self.blink,
        )

    def show_picker(self) -> None:
        """Show the list of the file's articles.

        The article picker (reader/ui/screens/picker.py) takes over here; until it is
        wired in, the first article is shown so that nothing of the file is unreachable.
        """
        self.open_article(0)

    @on(ReaderScreen.PickerRequested)
    def _picker_requested(self, event: ReaderScreen.PickerRequested) -> None:
        if isinstance(self.screen, ReaderScreen):
            self._remember(self.screen)
        self.show_picker()

    def _remember(self, screen: ReaderScreen) -> None:
        if screen.index is not None:
            self.positions[screen.index] = screen.pane.scroll_y

    # ------------------------------------------------------------------ palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield from screen.system_commands()


def run_app(library: Library, article: int | None = None) -> None:
    """Open the reader on `library`: article `article`, or the picker for a file of many."""
    ReaderApp(library, article).run()
