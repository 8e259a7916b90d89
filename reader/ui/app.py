"""The wikireader Textual app: holds the opened file and shows one article at a time.

`run_app(library, article)` is what the command line calls.  The app keeps the `Shelf` (the
opened file, or a collection: `reader.source.shelf`) and opens a `ReaderScreen` per article
with `open_article(index)`.  With a file of several articles and none chosen, it shows the
article picker (`show_picker`); the reader's `o` key asks for the picker again with a
`ReaderScreen.PickerRequested` message.
"""

from __future__ import annotations

import importlib
import os
import sys
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.css.query import NoMatches
from textual.filter import Monochrome
from textual.screen import Screen

from reader import APP_NAME
from reader.config import Settings
from reader.errors import ReaderError
from reader.model import breadcrumb
from reader.source.state import ArticleState, Place, StateStore, article_key
from reader.ui import heap
from reader.ui.history import History, Spot
from reader.ui.key_gate import KeyGate
from reader.ui.say import SECONDS, Says, one_line
from reader.ui.textual_private import expect_result, line_filters, set_line_filters

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from reader.parse_ahead import ParseAhead
    from reader.source.shelf import Shelf
    from reader.source.split import Entry
    from reader.ui.screens.picker import PickerScreen
    from reader.ui.screens.reader import ReaderScreen
    from reader.ui.widgets.reading_pane import ReadingPane

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
        segments = [seg if seg.style is not None else Segment(seg.text, null) for seg in segments]
        return super().apply(segments, background)


@dataclass(frozen=True)
class Identity:
    """Which article a reader shows, for the reading state: its key, file and title, and the digest
    of its text, made when first asked (hashing a 1 MB article took ~8 ms before the first paint)."""

    key: str
    file: str
    title: str
    text: str = field(repr=False)

    @cached_property
    def digest(self) -> str:
        from reader.source.state import text_digest

        return text_digest(self.text)


class ReaderApp(App[None]):
    """Reads the articles of one file."""

    CSS_PATH = "reader.tcss"
    TITLE = APP_NAME
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_app"),
        Binding("r", "follow_redirect", "Follow redirect", id="follow_redirect"),
        Binding("ctrl+s", "save_settings", "Save settings", show=False, id="save_settings"),
    ]
    SAVE_EVERY = 3.0  # seconds between saves of the reading place (what a crash can lose)
    COMMANDS = App.COMMANDS | {article_commands}

    def __init__(self, library: Shelf, article: int | None = None, *, cursor_blink: bool = True,
                 ahead: ParseAhead | None = None, state: StateStore | None = None, resume: bool = True,
                 settings: Settings | None = None) -> None:
        """`ahead`, when given, is a child process parsing article `article` (or the file's only
        one): its first reader takes the article from there (`reader.parse_ahead`).  `state` keeps
        reading places and marks across runs (by default, within this run only); with `resume`,
        an article opens where it was last read.  `settings` are the reader's own (theme, widths,
        keys: `reader.config`); by default, the defaults."""
        super().__init__()
        self.said: deque[str] = deque(maxlen=100)  # what `notify` said, newest last
        self.settings = settings if settings is not None else Settings()
        self.set_keymap(self.settings.keys)
        self._unsaved: dict[str, Any] = {}  # settings changed in the reader, not yet saved
        self._offered: set[str] = set()  # settings whose saving was offered
        self.state = state if state is not None else StateStore.in_memory()
        self.resume = resume
        self.history = History()
        # Each reader's article, for the reading state; none for stdin.
        self._identity: weakref.WeakKeyDictionary[ReaderScreen, Identity] = weakref.WeakKeyDictionary()
        # A place to show once the reader's article is all laid out: (place, digest it was
        # taken on or None for "the same text", what to say).
        self._place_for: dict[ReaderScreen, tuple[Place, str | None, str]] = {}
        self._saved: dict[str, tuple[Place, str]] = {}  # key -> what was last written for it
        self._left: Spot | None = None  # where the reader was when it went to the picker
        self._ahead = ahead
        # NO_COLOR (Textual reads it): swap in the filter that does not crash on unstyled text.
        set_line_filters(self, [SafeMonochrome() if type(f) is Monochrome else f for f in line_filters(self)])
        self.library = library
        self.start_article = article
        self.blink = cursor_blink  # off in tests and snapshots
        self.sub_title = library.name
        self.positions: dict[int, float] = {}  # article index -> scroll offset, kept while the app runs
        self._positions_generation = library.generation
        # What to do once a reader's article is on screen: (scroll offset, phrase to search for).
        self._pending: dict[ReaderScreen, tuple[float | None, str | None]] = {}
        self._back_to: int | None = None  # the article the picker was opened from
        self._home = False  # True when the default screen is the reader of the article opened on
        self.key_gate = KeyGate(self)  # keys act one at a time, on the screen they were meant for

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.key_gate.offer(event):
            return  # queued: the gate passes it on when its screen is ready (reader.ui.key_gate)
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.key_gate.close()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Said by the screen on top where it covers nothing (reader.ui.say), when it can; kept
        in `said` (the last hundred), as a message passes in a few seconds."""
        self.said.append(one_line(message, title))
        screen = self.screen if self.is_running else None
        if isinstance(screen, Says):
            screen.say(one_line(message, title), severity != "information", timeout or SECONDS)
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def has_many(self) -> bool:
        """True when the file holds more than one article, or is a collection (so there is a
        list to go back to)."""
        return self.library.is_multi

    def get_default_screen(self) -> Screen[Any]:
        """The reader of the article the app opens on (a file's only one, or the one asked for
        by title) is its first screen: no blank default screen to build, style and switch away
        from before the first paint."""
        start = self.start_article if self.start_article is not None else None if self.has_many else 0
        if start is None or self._home:
            return super().get_default_screen()
        try:
            home = self._prepare_reader(start)
        except ReaderError:  # on_mount tries again, where it can say why it cannot
            return super().get_default_screen()
        # So that opening another article can switch away from this one as from any reader.
        expect_result(home, self)
        self._home = True
        return home

    def on_mount(self) -> None:
        # The screens resume collection after their first frame; this is in case none comes.
        self.set_timer(3.0, heap.resume_collection)
        self.set_interval(self.SAVE_EVERY, self._save_current)
        if self.state.note:
            self.notify(self.state.note, severity="warning", timeout=8, markup=False)
        self._apply_theme()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.settings.notes or self.settings.keys:
            # Once the reader's code is loaded (it knows the actions): not before the first paint.
            self.set_timer(0.5, self._settings_notes)
        if self._home:
            return  # the reader of the article opened on is the default screen
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

    # ------------------------------------------------------------------ settings

    def _apply_theme(self) -> None:
        settings = self.settings
        if settings.theme in self.available_themes:
            if settings.theme != self.theme:
                self.theme = settings.theme
        else:
            from reader.config import line_of

            line = line_of(settings.path.read_text(encoding="utf-8").splitlines(), None, "theme") \
                if settings.path is not None and settings.path.exists() else 0
            settings.notes.append(f"{settings.path}:{line}: no theme is called “{settings.theme}” "
                                  f"(ctrl+p, Change theme, lists them); the default is used")

    def _settings_notes(self) -> None:
        """Say what was wrong with the settings file, once (after the keys are known)."""
        settings = self.settings
        known = {binding.id for binding in self.help_bindings()}
        for action, line in settings.key_lines.items():
            if action not in known:
                settings.notes.append(f"{settings.path}:{line}: no action is called “{action}” "
                                      "(the help screen's names: see the README); its keys are ignored")
        for note in settings.notes:
            self.notify(note, severity="warning", timeout=10, markup=False)
        settings.notes.clear()

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """Every binding the help screen lists (the reader's, its pane's, the popup's, the app's):
        the keys the settings can remap, by id."""
        return [*reader_class().all_bindings(), *(b for b in cls.BINDINGS if isinstance(b, Binding))]

    def _theme_changed(self, theme: object) -> None:
        name = getattr(theme, "name", "")
        if name and name != self.settings.theme:
            self._offer_to_save("theme", name)

    def on_reader_screen_setting_changed(self, event: ReaderScreen.SettingChanged) -> None:
        self._offer_to_save(event.name, event.value)

    def _offer_to_save(self, name: str, value: object) -> None:
        """A setting changed in the reader: it lasts for this run; ctrl+s keeps it."""
        if getattr(self.settings, name, None) == value:
            self._unsaved.pop(name, None)
            return
        self._unsaved[name] = value
        if name in self._offered:
            return  # said once: each press of < or > need not say it again
        self._offered.add(name)
        shown = "shown" if value is True else "hidden" if value is False else value
        self.notify(f"{name.replace('_', ' ').capitalize()}: {shown}. {self.key_of('save_settings')} saves it "
                    "in your settings.", timeout=4, markup=False)

    def action_save_settings(self) -> None:
        """`ctrl+s`: keep the theme and widths chosen in the reader (the settings file)."""
        from reader import config

        if not self._unsaved:
            self.notify("No setting changed since the reader opened (theme: ctrl+p; widths: < > - +).", timeout=3)
            return
        try:
            path = config.save(self._unsaved, self.settings.path)
        except OSError as error:
            self.notify(f"The settings could not be saved: {error}", severity="error", timeout=6, markup=False)
            return
        for name, value in self._unsaved.items():
            setattr(self.settings, name, value)
        saved = ", ".join(self._unsaved)
        self._unsaved.clear()
        self._offered.clear()
        self.notify(f"Saved {saved} in {path}", timeout=4, markup=False)

    # ------------------------------------------------------------------ articles

    def open_article(self, index: int, phrase: str | None = None, *, place: Place | None = None,
                     digest: str | None = None, remember: bool = True) -> None:
        """Show article `index` of the file, replacing the article shown before (if any).

        The reading position it had earlier in this run comes back (or, the first time, the one
        it had when last read); with `phrase`, an in-article search for it starts (so `n`/`N`
        work at once); with `place`, that place is shown (taken on a text of `digest`, if it is
        not this run's).  With `remember`, the history records where the reader was.
        """
        heap.release_long_lived()  # the last article's cycles may be collected once it is gone
        try:
            screen = self._prepare_reader(index, phrase, place, digest)
        except ReaderError as error:  # a collection's file changed or went away since it was indexed
            self.notify(str(error), severity="error", timeout=6, markup=False)
            return
        if remember:
            self._record_leaving()
        if is_reader(self.screen):
            self._remember(self.screen)
        if is_reader(self.screen) or is_picker(self.screen):
            # One screen at a time: a reader kept suspended under the picker would be
            # resumed only to be thrown away.  The picker is installed, so it is kept.
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _prepare_reader(self, index: int, phrase: str | None = None, place: Place | None = None,
                        digest: str | None = None) -> ReaderScreen:
        """A reader for article `index`, with what to do once its article is shown (see
        `open_article`); raises `ReaderError` when the article cannot be read."""
        screen = self.reader_screen(index)
        if self._positions_generation != self.library.generation:
            # The file was re-read (it changed on disk): old positions belong to other articles.
            self.positions.clear()
            self._positions_generation = self.library.generation
        self._pending[screen] = (None if place else self.positions.get(index), phrase)
        if self._pending[screen][0]:
            screen.awaiting_place = True  # the place it had earlier in this run: keys wait for it
        if place is not None:
            self._place_for[screen] = (place, digest, "")
            screen.awaiting_place = True
        elif index not in self.positions:
            self._plan_resume(screen)
        return screen

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
        collection = self.library.as_collection()
        if collection is not None and len(collection.entries.files) > 1:  # an article of a collection: its file too
            source_name += entry.file or ""
        source = self.library.article_source(entry)
        screen = reader_class()(
            source,
            entry.title,
            fmt=self.library.format_of(entry),
            source_name=source_name,
            index=index,
            can_pick=self.has_many,
            cursor_blink=self.blink,
            ahead=ahead,
            settings=self._screen_settings(),
        )
        file = self._file_of(entry)
        if file is not None:
            raw = source if isinstance(source, str) else source.raw
            self._identity[screen] = Identity(article_key(file, entry.title), file, entry.title, raw)
        return screen

    def _screen_settings(self) -> Settings:
        """The settings a new reader starts with: the file's, and what changed in this run."""
        from dataclasses import replace

        return replace(self.settings, **{k: v for k, v in self._unsaved.items() if k != "theme"})

    def _file_of(self, entry: Entry) -> str | None:
        """The real path of the file holding `entry` (None for standard input)."""
        return self.library.file_of(entry)

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
            self._left = self._spot_of(self.screen)
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
            if event.article.complete:  # once: a long article's first part is shown before it
                del self._pending[screen]
                if position:
                    self._restore_position(screen, position)
                if phrase:
                    screen.call_after_refresh(screen.start_search, phrase)
            if event.article.redirect and self._redirect_entry(screen) is not None:
                self.notify(f"Redirect to “{event.article.redirect}”: press r to follow it.", timeout=6, markup=False)
                self.refresh_bindings()
        for screen in list(self._place_for):
            if screen.article is event.article and event.article.complete:
                place, digest, say = self._place_for.pop(screen)
                self._show_place(screen, place, digest, say)

    def _restore_position(self, screen: ReaderScreen, position: float, tries: int = 40) -> None:
        """Scroll the pane to `position` once its layout is complete (it may be built in a thread)."""
        pane = screen.pane
        layout = pane.text_layout
        if (layout is None or not layout.complete) and tries > 0:
            self.set_timer(0.05, lambda: self._restore_position(screen, position, tries - 1))
            return
        screen.awaiting_place = False  # the keys typed meanwhile act from here
        pane.scroll_to(y=position, animate=False, immediate=True)
        place = pane.place
        if place is not None:  # as a resume across runs says it (the README's note)
            self.notify(f"Resumed at {_where(place)}; {self.key_of('top')} for the top.", timeout=5, markup=False)

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
        self._save_place(screen)

    # ------------------------------------------------------------------ where the reader left off

    def _plan_resume(self, screen: ReaderScreen) -> None:
        """Open `screen` where its article was last read (when there is such a place)."""
        identity = self._identity.get(screen)
        record = self.state.get(identity.key) if identity is not None and self.resume else None
        if record is not None and record.place is not None and record.place.anchor != (0, 0):
            self._place_for[screen] = (record.place, record.digest, "resumed")
            screen.awaiting_place = True

    def _show_place(self, screen: ReaderScreen, place: Place, digest: str | None, say: str,
                    tries: int = 60) -> None:
        """Show `place` in `screen` once its article is laid out: the very line when the text is
        the one it was taken on, else the same section, else the top (and say which)."""
        if not screen.is_attached:
            return
        identity = self._identity.get(screen)
        exact = digest is None or identity is None or identity.digest == digest
        pane = screen.pane
        layout = pane.text_layout
        if (layout is None or not layout.complete) and tries > 0:
            self.set_timer(0.05, lambda: self._show_place(screen, place, digest, say, tries - 1))
            return
        screen.awaiting_place = False  # the keys typed meanwhile act from the place shown
        if layout is None or not layout.complete:
            return
        if exact and layout.line_of_anchor(place.anchor) == pane.scroll_line:
            return  # left at the top (its first line's anchor is no (0, 0)): nothing to resume or say
        if pane.go_to_place(place, exact):
            if say:
                changed = "" if exact else " (the article changed since)"
                self.notify(f"{say.capitalize()} at {_where(place)}{changed}; {self.key_of('top')} for the top.",
                            timeout=5, markup=False)
        elif say or not exact:
            self.notify(f"“{screen.title}” changed since it was last read, and its section "
                        f"“{breadcrumb(place.path)}” is gone: at the top.", severity="warning", timeout=6, markup=False)

    def _save_place(self, screen: ReaderScreen) -> None:
        """Write where `screen` is read now (when it changed, and its article is settled)."""
        identity = self._identity.get(screen)
        if identity is None or screen in self._place_for or screen.article is None or not screen.is_attached:
            return
        try:
            place = screen.pane.place
        except NoMatches:  # a reader pushed but not composed yet (the timer can come between)
            return
        key, digest = identity.key, identity.digest
        if place is None or self._saved.get(key) == (place, digest):
            return
        record = self.state.get(key) or ArticleState(identity.file, identity.title)
        record.place, record.digest = place, digest
        self.state.update(key, record)
        self._saved[key] = (place, digest)

    def _save_current(self) -> None:
        """The timer's save (every SAVE_EVERY s): the reader on top, or the one under a popup."""
        stack = self.screen_stack
        if not stack:
            return  # shutting down: the screens are gone (action_quit saved them)
        if is_reader(stack[-1]):
            self._save_place(stack[-1])
        elif is_reader(stack[0]):
            self._save_place(stack[0])

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if is_reader(screen):
                self._save_place(screen)
        await super().action_quit()

    def key_of(self, binding_id: str) -> str:
        """The key bound to `binding_id` as shown ("g"), after the reader's own key map."""
        from reader.ui.screens.help import key_of  # not on the way to the first paint

        return key_of(self.screen, binding_id)

    # ------------------------------------------------------------------ back and forward

    def _spot_of(self, screen: object) -> Spot | None:
        if not is_reader(screen) or screen.index is None or not screen.is_attached:
            return None
        place = screen.pane.place
        if place is None:
            return None
        return Spot(screen.index, screen.title or "", place, self.library.generation)

    def _record_leaving(self) -> None:
        """Another article opens: the place left is a step back."""
        spot = self._spot_of(self.screen)
        if spot is None and is_picker(self.screen):
            spot = self._left
        if spot is not None:
            self.history.record(spot)

    def on_reading_pane_jumped(self, event: ReadingPane.Jumped) -> None:
        """A jump in the article read: where the reader was is a step back."""
        screen = self.screen
        if is_reader(screen) and screen.index is not None:
            self.history.record(Spot(screen.index, screen.title or "", event.place, self.library.generation))

    def action_go_back(self) -> None:
        """`backspace`, `alt+left`: back to where the reader was before the last jump (not
        `action_back`: that is Textual's own, which pops a screen)."""
        self._step(self.history.back, "Nothing to go back to.")

    def action_go_forward(self) -> None:
        """`alt+right`: forward again, after going back."""
        self._step(self.history.forward, "Nothing to go forward to.")

    def _step(self, step: Callable[[Spot | None], Spot | None], nothing: str) -> None:
        """Go one step back or forward in the history (`step`), or say there is `nothing`."""
        self.history.forget(self.library.generation)
        target = step(self._spot_of(self.screen))
        if target is None:
            self.notify(nothing, timeout=2)
            return
        self._visit(target)

    def _visit(self, spot: Spot) -> None:
        """Show `spot`: in the article on screen, or opening its article."""
        screen = self.screen
        if is_reader(screen) and screen.index == spot.index:
            self._show_place(screen, spot.place, None, "")
        elif 0 <= spot.index < len(self.library.entries):
            self.open_article(spot.index, place=spot.place, remember=False)

    def show_history(self) -> None:
        """The palette's list of the places behind and ahead; choosing one goes there."""
        from textual.command import SimpleCommand

        commands = []
        for direction, spot in reversed(self.history.listing()):
            where = breadcrumb(spot.place.path)
            commands.append(SimpleCommand(f"{spot.title} § {where}", lambda spot=spot: self._jump_to(spot),
                                          f"{direction} · {spot.place.section or 'top'}"))
        if not commands:
            self.notify("No places yet: jumps (search, sections, citations, articles) are kept here.", timeout=3)
            return
        self.search_commands(commands, placeholder="Go back to…")

    def _jump_to(self, spot: Spot) -> None:
        current = self._spot_of(self.screen)
        if current is not None:
            self.history.record(current)
        self._visit(spot)

    # ------------------------------------------------------------------ marks

    def on_reader_screen_mark_chosen(self, event: ReaderScreen.MarkChosen) -> None:
        """`m` / `'` and a letter: set the mark here, or go to it."""
        screen = self.screen
        identity = self._identity.get(screen) if is_reader(screen) else None
        if identity is None or not is_reader(screen):
            self.notify("Marks are kept for articles read from a file, not standard input.", timeout=3)
            return
        key = identity.key
        record = self.state.get(key) or ArticleState(identity.file, identity.title)
        if event.place is not None:
            record.marks[event.letter] = event.place
            if not record.digest:
                record.digest = identity.digest
            self.state.update(key, record)
            where = breadcrumb(event.place.path)
            self.notify(f"Mark {event.letter} set at {where}.", timeout=3, markup=False)
            return
        place = record.marks.get(event.letter)
        if place is None:
            self.notify(f"No mark {event.letter} in this article ({self.key_of('set_mark')} then "
                        f"{event.letter} sets it).", severity="warning", timeout=3, markup=False)
            return
        spot = self._spot_of(screen)
        if spot is not None:
            self.history.record(spot)
        self._show_place(screen, place, record.digest, "")

    def show_marks(self) -> None:
        """The palette's list of every mark in every article; choosing one opens it there."""
        from textual.command import SimpleCommand

        commands = []
        for _key, record in self.state.all():
            for letter, place in sorted(record.marks.items()):
                where = breadcrumb(place.path)
                commands.append(SimpleCommand(f"{letter}  {record.title} § {where}",
                                              lambda record=record, place=place: self._open_mark(record, place),
                                              os.path.basename(record.file)))
        if not commands:
            self.notify(f"No marks yet: {self.key_of('set_mark')} and a letter marks the place you read.", timeout=3)
            return
        self.search_commands(commands, placeholder="Go to mark…")

    def _open_mark(self, record: ArticleState, place: Place) -> None:
        index = self._index_of(record.file, record.title)
        if index is None:
            self.notify(f"“{record.title}” is in {record.file}, not in what this reader opened: "
                        f"wikireader {record.file}", severity="warning", timeout=6, markup=False)
            return
        screen = self.screen
        if is_reader(screen) and screen.index == index:
            self._jump_to(Spot(index, record.title, place, self.library.generation))
            return
        self.open_article(index, place=place, digest=record.digest)

    def _index_of(self, file: str, title: str) -> int | None:
        """The index of article `title` of `file` in the library, if it holds it."""
        for entry in self.library.find(title):
            if self._file_of(entry) == file:
                return entry.index
        return None

    # ------------------------------------------------------------------ palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if is_reader(screen):
            yield from screen.system_commands()
            yield SystemCommand("History", "The places visited: go back to one (backspace goes back one)",
                                self.show_history)
        yield SystemCommand("Marks", "Every mark in every article: open one ('a goes to mark a)", self.show_marks)


def _where(place: Place) -> str:
    """A place as a note names it: its section's number and title, or "the introduction"."""
    return " ".join((place.section, place.path[-1])) if place.path else "the introduction"


def run_app(library: Shelf, article: int | None = None, ahead: ParseAhead | None = None, *,
            resume: bool | None = None) -> None:
    """Open the reader on `library`: article `article`, or the picker for a file of many;
    `ahead` is a child process parsing the article it opens on (see `ReaderApp`).  The reader's
    settings and reading state are the user's own (`reader.config`, `reader.source.state`);
    `resume` False opens at the top whatever the settings say."""
    from reader import config

    settings = config.load()
    try:
        app = ReaderApp(library, article, ahead=ahead, state=StateStore(), settings=settings,
                        resume=settings.resume if resume is None else resume)
        app.run()
    finally:
        if ahead is not None:
            ahead.close()
