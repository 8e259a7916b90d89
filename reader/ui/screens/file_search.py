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
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, get_current_worker

from reader.source.search import FileHit, search_file
from reader.ui.widgets.picker_hits import HitList
from reader.ui.widgets.picker_list import RowList

if TYPE_CHECKING:
    from reader.source.library import Library

BATCH_SECONDS = 0.05  # results reach the screen in batches at most this often


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

    BINDINGS = [
        Binding("escape", "stop_or_close", "Stop / close"),
        Binding("down", "move('cursor_down')", "Down", show=False),
        Binding("up", "move('cursor_up')", "Up", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
    ]

    def __init__(self, library: Library, state: SearchState | None = None) -> None:
        super().__init__()
        self.library = library
        self.state = state if state is not None else SearchState()
        self._cancel = threading.Event()
        self._worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="search-heading")
        yield Input(self.state.phrase, placeholder="Phrase to find in every article, then enter", id="search-phrase")
        yield HitList(id="search-list")
        yield Static(id="search-status")
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
        if phrase and phrase == self.state.phrase and self.state.hits and not self.running:
            self.hit_list.action_choose()  # enter again: open the highlighted result
        elif phrase:
            self.start(phrase)

    def start(self, phrase: str) -> None:
        """Search every article for `phrase` (stopping a search already running)."""
        self._cancel.set()
        self._cancel = threading.Event()
        state = self.state
        state.phrase, state.hits, state.complete, state.cancelled = phrase, [], False, False
        state.searched, state.total, state.cursor = 0, len(self.library.text), 0
        state.generation = self.library.generation
        self.hit_list.set_rows([])
        self._show_status()
        self._worker = self._search(phrase, self._cancel)

    @work(thread=True, exclusive=True, group="file-search")
    def _search(self, phrase: str, cancel: threading.Event) -> None:
        """Run the search in a thread, handing results to the screen in small batches."""
        worker = get_current_worker()
        library = self.library
        library.index_all()
        started = last = time.perf_counter()
        batch: list[FileHit] = []
        progress = [0]

        def note_progress(done: int, total: int) -> None:
            progress[0] = done
            if worker.is_cancelled:
                cancel.set()

        for hit in search_file(library.text, list(library.entries), phrase, cancel=cancel, progress=note_progress):
            batch.append(hit)
            if time.perf_counter() - last >= BATCH_SECONDS:
                self.app.call_from_thread(self._add_hits, cancel, batch, progress[0], False, 0.0)
                batch, last = [], time.perf_counter()
        if not cancel.is_set():
            done = time.perf_counter() - started
            self.app.call_from_thread(self._add_hits, cancel, batch, progress[0], True, done)

    def _add_hits(self, cancel: threading.Event, hits: list[FileHit], searched: int, complete: bool, seconds: float) -> None:
        if cancel is not self._cancel or cancel.is_set():
            return  # a stale batch from a search that was stopped
        state = self.state
        state.hits.extend(hits)
        state.searched = searched
        state.complete = complete
        state.seconds = seconds
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
            status = f"“{state.phrase}” in {found} ({state.seconds:.2f} s) · enter opens the article"
        self.query_one("#search-status", Static).update(status)

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
            if self._worker is not None:
                self._worker.cancel()
            self.state.cancelled = True
            self._show_status()
        else:
            self._cancel.set()
            self.dismiss(None)
