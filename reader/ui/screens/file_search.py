"""Search the text of every article of the file for a phrase; pick one to read.

Keys: type the phrase, `enter` searches (enter again, or in the list, opens the article
under the cursor); `up`/`down`/`pgup`/`pgdn` move; `escape` stops a running search, and
closes the screen when none runs.  Results stream in as they are found, with progress.

The screen dismisses with `(entry index, phrase)` so the reader can open the article and
search it for the same phrase at once (`n`/`N` work), or with None.  Its `SearchState` is
kept by the caller so that coming back shows the last phrase and its results.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, get_current_worker

from reader.source.search import FileHit, search_file
from reader.ui.widgets.picker_hits import HitList
from reader.ui.widgets.picker_list import RowList

if TYPE_CHECKING:
    from reader.source.library import Library

POLL_SECONDS = 0.1  # how often the screen takes up the results found so far


class _Found:
    """What a running search has found: written by its thread, read by the screen."""

    def __init__(self) -> None:
        self.hits: list[FileHit] = []
        self.searched = 0
        self.done = False
        self.seconds = 0.0


@dataclass
class SearchState:
    """The last search: its phrase, the results so far, whether it ran to the end."""

    phrase: str = ""
    hits: list[FileHit] = field(default_factory=list)
    searched: int = 0  # characters searched so far
    total: int = 0
    complete: bool = False
    cancelled: bool = False
    seconds: float = 0.0
    cursor: int = 0
    generation: int = -1  # the library's generation the results belong to


class FileSearchScreen(Screen[tuple[int, str] | None]):
    """A phrase field, progress, and the list of articles holding the phrase."""

    AUTO_FOCUS = "#search-phrase"

    DEFAULT_CSS = """
    FileSearchScreen { layout: vertical; }
    FileSearchScreen #search-heading { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    FileSearchScreen #search-list { height: 1fr; }
    FileSearchScreen #search-list > .row-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    FileSearchScreen #search-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop_or_close", "Stop / close"),
        Binding("down", "move('cursor_down')", "Down", show=False),
        Binding("up", "move('cursor_up')", "Up", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
    ]

    def __init__(self, library: Library, state: SearchState | None = None, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.library = library
        self.state = state if state is not None else SearchState()
        self._cancel = threading.Event()
        self._worker: Worker[None] | None = None
        self._poll: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="search-heading", markup=False)  # file names and phrases are text
        field = Input(self.state.phrase, placeholder="Phrase to find in every article, then enter", id="search-phrase")
        field.cursor_blink = self.cursor_blink
        yield field
        yield HitList(id="search-list")
        yield Static(id="search-status", markup=False)
        yield Footer()

    @property
    def hit_list(self) -> HitList:
        return self.query_one(HitList)

    @property
    def running(self) -> bool:
        """True while a search is going on."""
        return self._worker is not None and self._worker.is_running and not self.state.complete

    def on_mount(self) -> None:
        count = len(self.library.entries)
        self.query_one("#search-heading", Static).update(
            f"Search the text of {'all ' if self.library.complete else ''}{count:,} articles of {self.library.name}"
        )
        if self.state.generation != self.library.generation:
            self.state.hits = []  # the file was re-read since: old results point nowhere
            self.state.complete = False
        self.hit_list.set_rows(list(self.state.hits), self.state.cursor)
        self._show_status()

    # ------------------------------------------------------------------ searching

    @on(Input.Submitted, "#search-phrase")
    def _submitted(self, event: Input.Submitted) -> None:
        phrase = event.value.strip()
        state = self.state
        if phrase and phrase == state.phrase and state.hits and state.complete:
            self.hit_list.action_choose()  # enter again: open the highlighted result
        elif phrase:
            self.start(phrase)

    def start(self, phrase: str) -> None:
        """Search every article for `phrase` (stopping a search already running)."""
        self._cancel.set()
        cancel = self._cancel = threading.Event()
        state = self.state
        state.phrase, state.hits, state.complete, state.cancelled = phrase, [], False, False
        state.searched, state.total, state.cursor = 0, len(self.library.text), 0
        state.generation = self.library.generation
        self.hit_list.set_rows([])
        self._show_status()
        found = _Found()
        self._worker = self._search(phrase, cancel, found)
        if self._poll is not None:
            self._poll.stop()
        self._poll = self.set_interval(POLL_SECONDS, lambda: self._take(cancel, found))

    @work(thread=True, exclusive=True, group="file-search")
    def _search(self, phrase: str, cancel: threading.Event, found: _Found) -> None:
        """Run the search in a thread; the screen picks the results up as they come."""
        worker = get_current_worker()
        library = self.library
        library.index_all()
        started = time.perf_counter()

        def note_progress(done: int, total: int) -> None:
            found.searched = done
            if worker.is_cancelled:
                cancel.set()

        entries = list(library.entries)
        for hit in search_file(library.text, entries, phrase, cancel=cancel, progress=note_progress):
            found.hits.append(hit)  # list.append is atomic: the screen reads while we write
        if not cancel.is_set():
            found.seconds = time.perf_counter() - started
            found.done = True
            self.app.call_from_thread(self._take, cancel, found)

    def _take(self, cancel: threading.Event, found: _Found) -> None:
        """Show what the search found since last time (called by a timer, and at the end)."""
        if cancel is not self._cancel or cancel.is_set():
            return  # a search that was stopped or replaced
        state = self.state
        done = found.done
        new = found.hits[len(state.hits) :]
        state.hits.extend(new)
        state.searched = found.searched
        if done:
            state.complete, state.seconds = True, found.seconds
            if self._poll is not None:
                self._poll.stop()
                self._poll = None
        if new:
            if self.hit_list.rows:
                self.hit_list.grow_rows(list(state.hits))
            else:
                self.hit_list.set_rows(list(state.hits))
        self._show_status()

    def _show_status(self) -> None:
        state = self.state
        articles = len(state.hits)
        hits = sum(hit.count for hit in state.hits)
        found = f"{articles:,} article{'s' if articles != 1 else ''}, {hits:,} hit{'s' if hits != 1 else ''}"
        if not state.phrase:
            status = "type a phrase and press enter · lower case matches any case, a capital exact case"
        elif state.cancelled:
            status = f"stopped: “{state.phrase}” in {found} so far · enter searches again"
        elif not state.complete:
            share = state.searched / state.total if state.total else 0
            status = f"searching for “{state.phrase}”… {share:.0%} · {found} · escape stops"
        elif not articles:
            status = f"no article contains “{state.phrase}”"
        else:
            status = f"“{state.phrase}” in {found} · enter opens the article"
        self.query_one("#search-status", Static).update(status, layout=False)  # one fixed line

    # ------------------------------------------------------------------ actions

    def action_move(self, action: str) -> None:
        getattr(self.hit_list, f"action_{action}")()

    @on(RowList.Highlighted, "#search-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self.state.cursor = event.row

    @on(RowList.Chosen, "#search-list")
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        if isinstance(event.key, FileHit):
            self._cancel.set()
            self.dismiss((event.key.entry.index, self.state.phrase))

    def action_stop_or_close(self) -> None:
        """Escape: stop a running search; with none running, close the screen."""
        if self.running:
            self._cancel.set()
            if self._poll is not None:
                self._poll.stop()
                self._poll = None
            if self._worker is not None:
                self._worker.cancel()
            self.state.cancelled = True
            self._show_status()
        else:
            self._cancel.set()
            self.dismiss(None)
