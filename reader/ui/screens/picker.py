"""The article picker: every title of a multi-article file, filtered as you type.

Keys (also in the footer):
  type            filter the titles (fuzzy, as the command palette matches; prefix hits first)
  up/down, pgup/pgdn, home/end (in the list)   move;  enter or a click   open the article
  tab             between the filter and the list
  ctrl+f, or /    (in the list) search the text of every article (`FileSearchScreen`)
  escape          clear the filter; with an empty filter, back to the article being read

The screen shows the first titles at once and indexes the rest of the file in a thread,
the count and progress following.  It never holds a widget per title (`TitleList` draws
only the visible rows).  What it produces is a message to the app:
`PickerScreen.ArticleChosen(index, phrase)` -- `phrase` set when the article was chosen
from a file-wide search, so the reader can start an in-article search for it.

The app should keep one picker per file (`App.install_screen`) so the filter, the cursor
and the last file-wide search survive a visit to an article.  `picker_commands.ArticleProvider`
adds "Open article: ..." for every title, and "Search all articles", to the command palette.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.ui import heap
from reader.ui.screens.file_search import FileSearchScreen, SearchState
from reader.ui.widgets.picker_list import RowList, TitleList
from reader.ui.widgets.picker_match import Ranked, rank_titles

if TYPE_CHECKING:
    from reader.source.collection import Collection
    from reader.source.shelf import Shelf
    from reader.ui.screens.collection_search import RankedState

PICKER_NAME = "picker"  # the name the app installs its picker under (App.install_screen)
SYNC_FILTER_LIMIT = 5_000  # titles filtered on the spot; more are filtered in a thread
INDEX_CHUNK = 1_000_000  # characters indexed per step of the background indexing
WATCH_SECONDS = 2.0  # how often the file on disk is checked for changes
PAINT_WAIT = 0.5  # seconds a collection's filter waits for its first titles to be drawn, at most
# A collection of fewer titles is filtered in one step: its scan takes a few ms, and a second
# frame per key cost more than it saved (1 file, 3,500 titles: worst key 165 ms in one step,
# 321 ms in two, on a busy machine).
ONE_STEP_TITLES = 20_000


def search_screen(library: Shelf, picker: PickerScreen | None,
                  cursor_blink: bool = True) -> Screen[tuple[int, str] | None]:
    """The screen that searches every article: ranked over a collection's index, else a scan of
    the file.  The picker keeps the last search's state (a new one without a picker)."""
    collection = library.as_collection()
    if collection is not None:
        from reader.ui.screens.collection_search import CollectionSearchScreen, RankedState

        if picker is not None and picker.ranked_state is None:
            picker.ranked_state = RankedState()
        state = picker.ranked_state if picker is not None else None
        return CollectionSearchScreen(collection, state, cursor_blink=cursor_blink)
    file = library.as_file()
    if file is None:
        raise TypeError(f"{library.name}: neither a file nor a collection")  # a third kind of Shelf
    return FileSearchScreen(file, picker.search_state if picker is not None else None, cursor_blink=cursor_blink)


class PickerScreen(Screen[None]):
    """Lists the articles of `library`; posts `ArticleChosen` when one is picked."""

    AUTO_FOCUS = "#picker-filter"

    DEFAULT_CSS = """
    PickerScreen { layout: vertical; }
    PickerScreen #picker-heading { height: 1; padding: 0 1; background: $panel; color: $text; text-style: bold; }
    PickerScreen #picker-filter { margin: 0 0; }
    PickerScreen #picker-list { height: 1fr; }
    /* The filter drives the list's cursor, so show it fully even when the list is not focused. */
    PickerScreen #picker-list > .row-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    PickerScreen #picker-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "search_all", "Search all articles"),
        # A priority binding: the filter would take "/" as a character.  Typed into a filter that
        # holds something ("AC/DC") it is one (see check_action).
        Binding("slash", "slash_search", "Search all", show=False, priority=True),
        Binding("escape", "back", "Clear / back"),
        Binding("down", "move('cursor_down')", "Down", show=False),
        Binding("up", "move('cursor_up')", "Up", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    class ArticleChosen(Message):
        """The user picked article `index` of the file (from a file-wide search for `phrase`)."""

        def __init__(self, index: int, phrase: str | None = None) -> None:
            super().__init__()
            self.index = index
            self.phrase = phrase

    class BackRequested(Message):
        """Escape with an empty filter: the user wants the article they were reading."""

    def __init__(
        self, library: Shelf, *, cursor_blink: bool = True, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.library = library
        self.cursor_blink = cursor_blink  # off in tests and snapshots
        self.search_state = SearchState()
        self.ranked_state: RankedState | None = None  # a collection's last ranked search
        self._query = ""
        self._indexed_count = -1
        self._watch_timer: Timer | None = None
        self._shown_generation = library.generation
        self._notice = library.decoded.notice  # the command line printed this one already
        self._select_when_mounted: int | None = None
        self._list_ready = False
        self._shown_query = ""  # the filter whose titles the list shows (the query's may be on their way)
        self._filter_complete = True  # False while a collection's titles beyond the first are on their way
        self._said: Timer | None = None  # puts the status line back after a message

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        yield Static(id="picker-heading", markup=False)  # file names and queries are text
        field = Input(placeholder="Type to filter the titles", id="picker-filter")
        field.cursor_blink = self.cursor_blink
        yield field
        yield TitleList(self.library.entries, show_files=self._many_files(), id="picker-list")
        yield Static(id="picker-status", markup=False)

    def _many_files(self) -> bool:
        """True for a collection of several files: the list shows each title's file."""
        collection = self.library.as_collection()
        return collection is not None and len(collection.entries.files) > 1

    @property
    def title_list(self) -> TitleList:
        return self.query_one(TitleList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#picker-filter", Input)

    def on_mount(self) -> None:
        self.call_after_refresh(heap.resume_collection)
        # The footer (key hints) takes a tenth of a second to build: after the first titles.
        self.call_after_refresh(self._add_footer)
        self.title_list.set_rows(range(len(self.library.entries)))
        self._list_ready = True
        if self._select_when_mounted is not None:
            self.select_entry(self._select_when_mounted)
        self._indexed_count = len(self.library.entries)
        self._show_heading()
        self._show_status()
        if not self.library.complete:
            # After the first paint: decoding the rest of a big file must not delay it.
            self.call_after_refresh(self._index_in_background)
        self._watch_timer = self.set_interval(WATCH_SECONDS, self._check_file)

    async def _add_footer(self) -> None:
        await self.mount(Footer())
        self.refresh_bindings()  # a footer mounted late learns the keys from this signal

    def on_screen_resume(self) -> None:
        self._check_file()
        if not self._filter_complete:  # an article was opened before the whole list came
            self._refilter(keep_cursor=True)

    # ------------------------------------------------------------------ indexing

    @work(thread=True, exclusive=True, group="picker-index")
    def _index_in_background(self) -> None:
        """Index the rest of the file in steps, telling the screen after each one."""
        worker = get_current_worker()
        library = self.library
        while not library.complete and not worker.is_cancelled:
            library.index_more(INDEX_CHUNK)
            self.app.call_from_thread(self._indexed)

    def _indexed(self) -> None:
        """More titles are known: grow the list (or refilter), update the count."""
        if self.library.generation != self._shown_generation:
            self._reloaded(changed_on_disk=False)  # indexing started over (see Library)
            return
        entries = self.library.entries  # once: a collection's indexing thread may replace it
        if self.title_list.entries is not entries:
            # A collection's entries are a new object whenever its catalog changed.
            self.title_list.entries = entries
            self.title_list.show_files = self._many_files()
            self.title_list.changed()
        if self.library.complete and self.library.decoded.notice != self._notice:
            self._notice = self.library.decoded.notice
            self.notify(self._notice or "", timeout=6, markup=False)  # found once the whole file was read
        count = len(entries)
        if count != self._indexed_count:
            self._indexed_count = count
            if self._query:
                self._refilter(keep_cursor=True)
            else:
                self.title_list.grow_rows(range(count))
        self._show_heading()
        self._show_status()

    def _show_heading(self) -> None:
        library = self.library
        count = len(library.entries)
        noun = "article" if count == 1 else "articles"
        heading = f"{library.name} · {count:,} {noun}"
        if not library.complete:
            heading += f" so far · indexing {library.progress:.0%}"
        self.query_one("#picker-heading", Static).update(heading, layout=False)  # one fixed line

    # ------------------------------------------------------------------ file changes

    def _check_file(self) -> None:
        """Re-read the file if it changed on disk (grew, was replaced); keep going if it vanished."""
        library = self.library
        if not library.changed_on_disk():
            if library.generation != self._shown_generation:
                self._reloaded()
            return
        self._reload_file()

    @work(thread=True, exclusive=True, group="picker-reload")
    def _reload_file(self) -> None:
        try:
            self.library.reload(lazy=True)
        except ReaderError as error:
            message = f"{error}; showing the text as it was"
            self.app.call_from_thread(partial(self.notify, message, severity="warning", markup=False))
            return  # the library watches the file no more until it is back: said once
        self.app.call_from_thread(self._reloaded)

    def _reloaded(self, changed_on_disk: bool = True) -> None:
        self._shown_generation = self.library.generation
        self.title_list.entries = self.library.entries
        self.title_list.show_files = self._many_files()
        self.title_list.changed()
        self._indexed_count = -1
        if changed_on_disk:
            self.notify(f"{self.library.name} changed on disk: list re-read", timeout=4, markup=False)
        self._indexed()
        if not self._query:
            self.title_list.set_rows(range(len(self.library.entries)))
        if not self.library.complete:
            self._index_in_background()

    # ------------------------------------------------------------------ filtering

    @on(Input.Changed, "#picker-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._query = event.value
        self._refilter()

    def _refilter(self, keep_cursor: bool = False) -> None:
        """Show the titles matching the filter (all of them when it is blank)."""
        keep = self.title_list.cursor_key if keep_cursor else None
        collection = self.library.as_collection()
        if collection is not None:
            self._filter_collection(collection, self._query, keep)
            return
        titles = [entry.title for entry in self.library.entries]
        if len(titles) <= SYNC_FILTER_LIMIT:
            self._show_ranked(self._query, rank_titles(titles, self._query), keep)
        else:
            self._filter_in_thread(titles, self._query, keep)

    @work(thread=True, exclusive=True, group="picker-filter")
    def _filter_in_thread(self, titles: list[str], query: str, keep: object | None) -> None:
        worker = get_current_worker()
        ranked = rank_titles(titles, query, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_ranked, query, ranked, keep)

    @work(thread=True, exclusive=True, group="picker-filter")
    def _filter_collection(self, collection: Collection, query: str, keep: object | None) -> None:
        """A collection's titles stay in its catalog, which finds the candidates for the Python
        ranking.  In two steps: the titles that are the query or start with it (one range of the
        title index, ~1 ms) are shown at once; once they are on screen, the rest (the letters in
        order anywhere: one scan of 280,000 titles, 50-100 ms, then ~1,000 ranked, 30-60 ms)
        below them.  Scanning and ranking hold the GIL most of the time: begun at once, they
        held back the frame of the first step (150-250 ms from the key to it on a busy machine)."""
        worker = get_current_worker()
        if not query.strip():
            self.app.call_from_thread(self._show_ranked, query, None, keep)
            return
        if len(collection.entries) <= ONE_STEP_TITLES:
            ranked = _ranked_candidates(collection.title_candidates(query), query, lambda: worker.is_cancelled)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_ranked, query, ranked, keep)
            return
        starts = collection.title_starts(query)
        first = _ranked_candidates(starts, query, lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        if first:  # else "no title matches" would show until the rest came
            painted = threading.Event()
            self.app.call_from_thread(self._show_ranked, query, first, keep, painted)
            painted.wait(PAINT_WAIT)
        shown = {index for index, _title in starts}
        rest = [candidate for candidate in collection.title_candidates(query) if candidate[0] not in shown]
        ranked = first + _ranked_candidates(rest, query, lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_more, query, ranked, keep)

    def _show_ranked(self, query: str, ranked: list[Ranked] | None, keep: object | None,
                     painted: threading.Event | None = None) -> None:
        """Show the titles `ranked` for `query` (all for None); `painted`: only the first of
        them, and the event to set once they are on screen."""
        if query != self._query:
            if painted is not None:
                painted.set()
            return  # a later keystroke's filter is on its way
        self._shown_query = query
        self._filter_complete = painted is None
        title_list = self.title_list
        if ranked is None:
            title_list.offsets = {}
            rows: list[int] | range = range(len(self.library.entries))
        else:
            title_list.offsets = {item.index: item.offsets for item in ranked}
            rows = [item.index for item in ranked]
        cursor = rows.index(keep) if keep in rows else 0  # type: ignore[arg-type]
        title_list.set_rows(rows, cursor)
        self._show_status()
        if painted is not None:
            self.call_after_refresh(painted.set)

    def _show_more(self, query: str, ranked: list[Ranked], keep: object | None = None) -> None:
        """The whole filtered list, whose first rows are those shown already (cursor kept):
        the list grows, and the rows on screen keep their drawn lines.  (None shown yet: the
        list, the cursor on `keep` as `_show_ranked` puts it.)"""
        if query != self._query:
            return
        title_list = self.title_list
        shown = len(title_list.rows)
        rows = [item.index for item in ranked]
        if self._shown_query != query or self._filter_complete or rows[:shown] != list(title_list.rows):
            self._show_ranked(query, ranked, keep)
            return
        title_list.offsets.update((item.index, item.offsets) for item in ranked[shown:])
        title_list.grow_rows(rows)
        self._filter_complete = True
        self._show_status()

    def _show_status(self) -> None:
        shown = len(self.title_list.rows)
        total = len(self.library.entries)
        query = self._query.strip()
        if not query:
            status = "enter open · ctrl+f search the text of all articles · ctrl+p commands"
        elif shown:
            status = f"{shown:,} of {total:,} titles match “{query}”"
            if not self._filter_complete:
                status += " · more on the way…"
        else:
            status = f"no title matches “{query}” · ctrl+f searches the articles' text"
        self.query_one("#picker-status", Static).update(status, layout=False)  # one fixed line

    def say(self, message: str, warning: bool = False, seconds: float = 3.0) -> None:
        """Say `message` in the status line under the list for `seconds` (reader.ui.say: a
        notification covered the bottom right of the list)."""
        self.query_one("#picker-status", Static).update(("! " if warning else "") + message, layout=False)
        if self._said is not None:
            self._said.stop()
        self._said = self.set_timer(seconds, self._show_status)

    # ------------------------------------------------------------------ actions

    def takes_key(self, action: str | None) -> bool:
        """Keys wait for the first titles; enter or a move waits for the titles that match the
        filter as typed ("edinb" enter opened the article under the cursor before it)."""
        return self._list_ready and (action is None or self._shown_query == self._query)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "slash_search":
            return self.focused is not self.filter_input or not self.filter_input.value
        return True

    def action_slash_search(self) -> None:
        """`/`: search the text of every article (from the list, or an empty filter)."""
        self.action_search_all()

    def action_move(self, action: str) -> None:
        """Move the list's cursor while the filter has the focus."""
        getattr(self.title_list, f"action_{action}")()

    @on(Input.Submitted, "#picker-filter")
    def _filter_submitted(self) -> None:
        self.title_list.action_choose()

    @on(RowList.Chosen, "#picker-list")
    def _title_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        if isinstance(event.key, int):
            self.choose(event.key)

    def choose(self, index: int, phrase: str | None = None) -> None:
        """Tell the app to open article `index` (a collection's filter still at work stops: its
        scan and ranking held the GIL while the article was opened, 0.5 s against 0.2 s)."""
        self.workers.cancel_group(self, "picker-filter")
        self.post_message(self.ArticleChosen(index, phrase))

    def action_back(self) -> None:
        """Escape: clear the filter, or (filter already empty) go back to the reader."""
        if self.filter_input.value:
            self.filter_input.value = ""
            self.filter_input.focus()
        else:
            self.post_message(self.BackRequested())

    def action_search_all(self) -> None:
        """Open the file-wide search (ranked, for a collection); a result opens its article with
        the phrase searched."""
        self.app.push_screen(search_screen(self.library, self, self.cursor_blink), self._search_done)

    def _search_done(self, result: tuple[int, str] | None) -> None:
        if result is not None:
            index, phrase = result
            self.choose(index, phrase)

    def select_entry(self, index: int) -> None:
        """Put the cursor on article `index` (in the middle of the list) when it is shown."""
        if not self._list_ready:
            self._select_when_mounted = index  # installed but never shown yet
            return
        rows = self.title_list.rows
        if isinstance(rows, range):
            if index in rows:
                self.title_list.move_to(index)
        elif index in rows:
            self.title_list.move_to(list(rows).index(index))


def _ranked_candidates(candidates: list[tuple[int, str]], query: str, cancelled: Callable[[], bool]) -> list[Ranked]:
    """(entry, title) candidates ranked for `query`, as entries' `Ranked`."""
    ranked = rank_titles([title for _, title in candidates], query, cancelled=cancelled) or []
    return [Ranked(candidates[item.index][0], item.offsets) for item in ranked]
