"""The wikireader Textual app: holds the opened file and shows one article at a time.

`run_app(library, article)` is what the command line calls.  The app keeps the `Library`
(the opened file) and opens a `ReaderScreen` per article with `open_article(index)`.  With a
file of several articles and none chosen, it shows the article picker (`show_picker`); the
reader's `o` key asks for the picker again with a `ReaderScreen.PickerRequested` message.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeGuard

from textual import events
from textual.app import App, SystemCommand
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.color import Color
from textual.filter import Monochrome
from textual.screen import Screen

from reader.errors import ReaderError
from reader.ui import heap
from reader.ui.key_gate import KeyGate
from reader.ui.say import SECONDS, Says, one_line

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from reader.parse_ahead import ParseAhead
    from reader.source.library import Library
    from reader.source.split import Entry
    from reader.ui.screens.picker import PickerScreen
    from reader.ui.screens.reader import ReaderScreen

# The reader screen brings the parser and the layout with it: a few tenths of a second of
# imports that the picker does not need for its first paint.  It is imported when first
# needed, or in the background once the picker is on screen.
READER_MODULE = "reader.ui.screens.reader"
STAGES_MODULE = "reader.parse.stages"  # the parser, as the reader screen runs it
# The picker (and its file-wide search) likewise, for a file of one article, is never needed.
PICKER_MODULE = "reader.ui.screens.picker"
PICKER_COMMANDS_MODULE = "reader.ui.screens.picker_commands"  # its palette commands, likewise
PICKER_NAME = "picker"  # the name the app installs its picker under (picker.PICKER_NAME)


def reader_class() -> type[ReaderScreen]:
    """The `ReaderScreen` class (importing its module the first time)."""
    return importlib.import_module(READER_MODULE).ReaderScreen  # type: ignore[no-any-return]


def preload_reader() -> None:
    """Import what opening an article needs: the reader screen and the parser (which the screen
    itself imports only when it parses, see `reader.parse_ahead`)."""
    reader_class()
    importlib.import_module(STAGES_MODULE)


def is_reader(screen: object) -> TypeGuard[ReaderScreen]:
    """True for a `ReaderScreen`; never imports it (no reader exists before its module does)."""
    module = sys.modules.get(READER_MODULE)
    return module is not None and isinstance(screen, module.ReaderScreen)


def _redirect_of(screen: object) -> str:
    """The title a reader's redirect page points to ("" for any other screen or article)."""
    article = screen.article if is_reader(screen) else None
    return article.redirect if article is not None and article.redirect else ""


def picker_class() -> type[PickerScreen]:
    """The `PickerScreen` class (importing its module the first time)."""
    return importlib.import_module(PICKER_MODULE).PickerScreen  # type: ignore[no-any-return]


def is_picker(screen: object) -> TypeGuard[PickerScreen]:
    """True for a `PickerScreen`; never imports it."""
    module = sys.modules.get(PICKER_MODULE)
    return module is not None and isinstance(screen, module.PickerScreen)


def article_commands() -> type[Provider]:
    """The palette's "Open article" provider (loaded when the palette first opens)."""
    return importlib.import_module(PICKER_COMMANDS_MODULE).ArticleProvider  # type: ignore[no-any-return]


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
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("r", "follow_redirect", "Follow redirect"),
    ]
    COMMANDS = App.COMMANDS | {article_commands}

    def __init__(self, library: Library, article: int | None = None, *, cursor_blink: bool = True,
                 ahead: ParseAhead | None = None) -> None:
        """`ahead`, when given, is a child process parsing article `article` (or the file's only
        one): its first reader takes the article from there (`reader.parse_ahead`)."""
        super().__init__()
        self._ahead = ahead
        # NO_COLOR (Textual reads it): swap in the filter that does not crash on unstyled text.
        self._filters = [SafeMonochrome() if type(f) is Monochrome else f for f in self._filters]
        self.library = library
        self.start_article = article
        self.blink = cursor_blink  # off in tests and snapshots
        self.sub_title = library.name
        self.positions: dict[int, float] = {}  # article index -> scroll offset, kept while the app runs
        self._positions_generation = library.generation
        # What to do once a reader's article is on screen: (scroll offset, phrase to search for).
        self._pending: dict[ReaderScreen, tuple[float | None, str | None]] = {}
        self._back_to: int | None = None  # the article the picker was opened from
        self._home: ReaderScreen | None = None  # the default screen when the file holds one article
        self.key_gate = KeyGate(self)  # keys act one at a time, on the screen they were meant for

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.key_gate.offer(event):
            return  # queued: the gate passes it on when its screen is ready (reader.ui.key_gate)
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.key_gate.close()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Said by the screen on top where it covers nothing (reader.ui.say), when it can."""
        screen = self.screen if self.is_running else None
        if isinstance(screen, Says):
            screen.say(one_line(message, title), severity != "information", timeout or SECONDS)
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def has_many(self) -> bool:
        """True when the file holds more than one article, or is a collection (so there is a
        list to go back to)."""
        return getattr(self.library, "is_collection", False) or len(self.library.entries) > 1

    def get_default_screen(self) -> Screen:
        """A file of one article: its reader is the app's first and only screen (no blank
        default screen to build, style and switch away from before the first paint)."""
        if self.has_many or self._home is not None:
            return super().get_default_screen()
        self._home = self.reader_screen(0)
        return self._home

    def on_mount(self) -> None:
        # The screens resume collection after their first frame; this is in case none comes.
        self.set_timer(3.0, heap.resume_collection)
        if self._home is not None:
            return  # the reader of the only article is the default screen
        if self.start_article is not None:
            self.open_article(self.start_article)
        elif self.has_many:
            self.show_picker()
            # Load the reader's code while the user looks at the list: a second after its first
            # paint, when the picker has indexed the rest of the file (both need the CPU).
            self.set_timer(1.0, lambda: self.run_worker(preload_reader, thread=True, group="preload"))
        else:
            self.open_article(0)

    def watch_app_focus(self, focus: bool) -> None:
        """When the app gets the focus with nothing focused, focus the screen's AUTO_FOCUS widget.

        Textual does that when a screen is composed, but only if the app has the focus then.
        Served in a browser (`wikireader --serve`), Textual's web driver starts the app blurred
        until the first key or click, and the pane (the picker's filter) was left unfocused:
        j, G, space did nothing.  (Textual's own watcher, which runs first, gives the focus back
        to the widget that had it when the app was blurred, if there was one.)"""
        if not focus or not self.screen_stack or self.screen.focused is not None:
            return
        screen = self.screen
        selector = screen.AUTO_FOCUS if screen.AUTO_FOCUS is not None else self.AUTO_FOCUS
        if selector:
            widget = next((widget for widget in screen.query(selector) if widget.focusable), None)
            if widget is not None:
                screen.set_focus(widget)

    # ------------------------------------------------------------------ articles

    def open_article(self, index: int, phrase: str | None = None) -> None:
        """Show article `index` of the file, replacing the article shown before (if any).

        The reading position it had earlier in this run comes back; with `phrase`, an
        in-article search for it starts (so `n`/`N` work at once).
        """
        heap.release_long_lived()  # the last article's cycles may be collected once it is gone
        try:
            screen = self.reader_screen(index)
        except ReaderError as error:  # a collection's file changed or went away since it was indexed
            self.notify(str(error), severity="error", timeout=6, markup=False)
            return
        if self._positions_generation != self.library.generation:
            # The file was re-read (it changed on disk): old positions belong to other articles.
            self.positions.clear()
            self._positions_generation = self.library.generation
        self._pending[screen] = (self.positions.get(index), phrase)
        if is_reader(self.screen):
            self._remember(self.screen)
        if is_reader(self.screen) or is_picker(self.screen):
            # One screen at a time: a reader kept suspended under the picker would be
            # resumed only to be thrown away.  The picker is installed, so it is kept.
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def reader_screen(self, index: int) -> ReaderScreen:
        """A reader for article `index` (an empty article when the file holds none)."""
        entries = self.library.entries
        if not entries:
            return reader_class()("", self.library.name, source_name=self.library.name, cursor_blink=self.blink)
        entry = entries[index]
        # The child parses the article the app starts on, for the first reader of it only.
        ahead, self._ahead = self._ahead, None
        if ahead is not None and index != (self.start_article or 0):
            ahead.close()
            ahead = None
        source_name = self.library.name
        if len(getattr(entries, "files", ())) > 1:  # an article of a collection: its file too
            source_name += entry.file or ""
        return reader_class()(
            self.library.article_source(entry),
            entry.title,
            fmt=self.library.format_of(entry),
            source_name=source_name,
            index=index,
            can_pick=self.has_many,
            cursor_blink=self.blink,
            ahead=ahead,
        )

    def show_picker(self) -> None:
        """Show the list of the file's articles (one picker per run: its filter is kept)."""
        if not self.is_screen_installed(PICKER_NAME):
            self.install_screen(picker_class()(self.library, cursor_blink=self.blink), PICKER_NAME)
        picker = self.get_screen(PICKER_NAME)
        if picker in self.screen_stack:
            return
        if is_reader(self.screen):
            self._back_to = self.screen.index
            if self.screen.index is not None and is_picker(picker):
                picker.select_entry(self.screen.index)
            self._remember(self.screen)
            self.switch_screen(PICKER_NAME)
        else:
            self.push_screen(PICKER_NAME)

    def on_picker_screen_article_chosen(self, event: PickerScreen.ArticleChosen) -> None:
        if 0 <= event.index < len(self.library.entries):
            self.open_article(event.index, event.phrase)

    def on_picker_screen_back_requested(self, event: PickerScreen.BackRequested) -> None:
        """Escape in the picker: back to the article it was opened from (at the same place)."""
        if is_picker(self.screen) and self._back_to is not None:
            self.open_article(self._back_to)

    def on_reading_pane_layout_complete(self) -> None:
        heap.keep_long_lived()

    def on_reader_screen_article_shown(self, event: ReaderScreen.ArticleShown) -> None:
        """Put a re-opened article back where it was read; start a search asked for."""
        for screen in list(self._pending):
            if screen.article is not event.article:
                continue
            position, phrase = self._pending[screen]
            if position:
                self._restore_position(screen, position)
            if event.article.complete:
                del self._pending[screen]
                if phrase:
                    screen.call_after_refresh(screen.start_search, phrase)
            if event.article.redirect and self._redirect_entry(screen) is not None:
                self.notify(f"Redirect to “{event.article.redirect}”: press r to follow it.", timeout=6, markup=False)
                self.refresh_bindings()

    def _restore_position(self, screen: ReaderScreen, position: float, tries: int = 40) -> None:
        """Scroll the pane to `position` once its layout is complete (it may be built in a thread)."""
        pane = screen.pane
        layout = pane.text_layout
        if (layout is None or not layout.complete) and tries > 0:
            self.set_timer(0.05, lambda: self._restore_position(screen, position, tries - 1))
            return
        pane.scroll_to(y=position, animate=False, immediate=True)

    def _redirect_entry(self, screen: object) -> Entry | None:
        """The article in this file that the reader's redirect page points to."""
        if not is_reader(screen) or screen.index is None:
            return None
        entries = self.library.entries
        if not 0 <= screen.index < len(entries):
            return None
        return self.library.redirect_target(entries[screen.index])

    def action_follow_redirect(self) -> None:
        """`r` on a redirect page: open the page it points to."""
        target = self._redirect_entry(self.screen)
        if target is not None:
            self.open_article(target.index)
        elif _redirect_of(self.screen):
            self.notify(f"“{_redirect_of(self.screen)}” is not in this file.", severity="warning", timeout=4,
                        markup=False)

    # Textual calls key_<name> for a key no binding took: here, r and o whose bindings are off
    # on this page.  Doing nothing left the reader guessing (less says "No previous regular
    # expression").
    def key_r(self) -> None:
        if is_reader(self.screen):
            self.screen.say("This page is not a redirect: r follows one.", warning=True)

    def key_o(self) -> None:
        if is_reader(self.screen) and not self.screen.can_pick:
            self.screen.say(f"{self.library.name} holds one article: there is no list to go back to.", warning=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_redirect":
            return bool(_redirect_of(self.screen))  # on any redirect page: r says when it cannot
        return True

    def on_reader_screen_picker_requested(self, event: ReaderScreen.PickerRequested) -> None:
        if is_reader(self.screen):
            self._remember(self.screen)
        self.show_picker()

    def _remember(self, screen: ReaderScreen) -> None:
        if screen.index is not None and self._positions_generation == self.library.generation:
            self.positions[screen.index] = screen.pane.scroll_y

    # ------------------------------------------------------------------ palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if is_reader(screen):
            yield from screen.system_commands()


def run_app(library: Library, article: int | None = None, ahead: ParseAhead | None = None) -> None:
    """Open the reader on `library`: article `article`, or the picker for a file of many;
    `ahead` is a child process parsing the article it opens on (see `ReaderApp`)."""
    try:
        ReaderApp(library, article, ahead=ahead).run()
    finally:
        if ahead is not None:
            ahead.close()
