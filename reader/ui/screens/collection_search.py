"""Search a whole collection, ranked: the best articles for a query, each with its section and a snippet.

Keys: type a query, `enter` searches (enter again, or in the list, opens the result under the
cursor at its first match, with the in-article search set so `n`/`N` work); `up`/`down`/`pgup`/
`pgdn` move; `escape` closes.  The query language is the index's (`reader.source.fulltext`):
several words all match, `"a phrase"`, `OR`, `-word` excludes, `title:word`.

The index ranks in milliseconds, and the ranked titles are shown at once; each result's section
and snippet need its article read from its file (~5 ms), so they come in afterwards, best
first, as a worker describes them (`reader.source.ranked`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from reader.source.ranked import RankedHit, describe, find, pending
from reader.source.split import Entry
from reader.ui.widgets.picker_list import RowList

if TYPE_CHECKING:
    from reader.source.collection import Collection

POLL_SECONDS = 0.05
LIMIT = 100  # results listed for one query
HELP = 'all words must match · "a phrase" · OR · -word excludes · title:word'


@dataclass
class RankedState:
    """The last ranked search: its query and results (kept by the picker between visits)."""

    query: str = ""
    hits: list[RankedHit] = field(default_factory=list)
    total: int = 0
    complete: bool = False  # every result described
    seconds: float = 0.0  # to rank
    described: int = 0  # results with their section and snippet so far
    error: str = ""
    cursor: int = 0
    generation: int = -1


class RankedList(RowList):
    """Rows are `RankedHit`s: rank, title, file and section, then the snippet with the words marked."""

    LINES_PER_ROW: ClassVar[int] = 2

    def row_text(self, key: object, line: int, width: int, selected: bool) -> Text:
        if not isinstance(key, RankedHit):
            return Text("")
        dim = self.style("row-list--dim")
        if line == 0:
            text = Text(f"{key.rank:>4}. ", style=dim, no_wrap=True)
            text.append(key.entry.title, style="bold")
            if key.entry.redirect:
                text.append(f" → {key.entry.redirect}", style=dim)
            place = key.entry.file or ""
            if key.section:
                place += f" § {key.section}"
            text.append(f"  {place}  {key.score:.2f}", style=dim)
            return text
        snippet = Text("      " + (key.snippet or "…"), no_wrap=True)  # "…": not read yet
        for start, end in key.spans:
            snippet.stylize(self.style("row-list--match"), start + 6, end + 6)
        if not selected:
            snippet.stylize(dim)
        return snippet


class CollectionSearchScreen(Screen[tuple[int, str] | None]):
    """A query field, the count, and the ranked results."""

    AUTO_FOCUS = "#ranked-query"

    DEFAULT_CSS = """
    CollectionSearchScreen { layout: vertical; }
    CollectionSearchScreen #ranked-heading { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    CollectionSearchScreen #ranked-list { height: 1fr; }
    CollectionSearchScreen #ranked-list > .row-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    CollectionSearchScreen #ranked-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("down", "move('cursor_down')", "Down", show=False),
        Binding("up", "move('cursor_up')", "Up", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
    ]

    def __init__(self, collection: Collection, state: RankedState | None = None, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.collection = collection
        self.state = state if state is not None else RankedState()
        self.cursor_blink = cursor_blink
        self._cancel = threading.Event()
        self._poll: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="ranked-heading", markup=False)
        field_ = Input(self.state.query, placeholder="Words to find in every article, then enter", id="ranked-query")
        field_.cursor_blink = self.cursor_blink
        yield field_
        yield RankedList(id="ranked-list")
        yield Static(id="ranked-status", markup=False)
        yield Footer()

    @property
    def ranked_list(self) -> RankedList:
        return self.query_one(RankedList)

    def on_mount(self) -> None:
        collection = self.collection
        building = "" if collection.complete else f" (indexing: {collection.progress:.0%})"
        self.query_one("#ranked-heading", Static).update(
            f"Search {len(collection.entries):,} articles of {collection.name}{building}, best first"
        )
        if self.state.generation != collection.generation:
            self.state.hits, self.state.complete = [], False
        self.ranked_list.set_rows(list(self.state.hits), self.state.cursor)
        self._show_status()
        self._open_index()

    @work(thread=True, exclusive=True, group="ranked-open")
    def _open_index(self) -> None:
        """Open the full-text index while the query is typed: importing the engine and opening
        the index took most of the first search's half second."""
        try:
            self.collection.fulltext()
        except Exception:  # said by the search itself, if it comes
            pass

    # ------------------------------------------------------------------ searching

    @on(Input.Submitted, "#ranked-query")
    def _submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        state = self.state
        if query and query == state.query and state.hits and state.total >= 0:
            self.ranked_list.action_choose()
        elif query:
            self.start(query)

    def takes_key(self, action: str | None) -> bool:
        """Keys wait while a search is running (see `reader.ui.key_gate`): an enter typed right
        after the query's own started the same search again instead of opening the best result."""
        return self.state.total >= 0 or not self.state.query

    def start(self, query: str) -> None:
        """Rank every article for `query`; the results come in best first."""
        self._cancel.set()
        cancel = self._cancel = threading.Event()
        state = self.state
        state.query, state.hits, state.total, state.complete, state.error, state.cursor = query, [], -1, False, "", 0
        state.generation = self.collection.generation
        self.ranked_list.set_rows([])
        found: list[RankedHit] = []
        self._rank(query, cancel, found)
        if self._poll is not None:
            self._poll.stop()
        self._poll = self.set_interval(POLL_SECONDS, lambda: self._take(cancel, found))
        self._show_status()

    @work(thread=True, exclusive=True, group="ranked-search")
    def _rank(self, query: str, cancel: threading.Event, found: list[RankedHit]) -> None:
        """Rank, then show the ranked titles (`_show_ranked` has them described afterwards)."""
        started = time.perf_counter()
        state = self.state
        try:
            results, total = find(self.collection, query, LIMIT)
        except Exception as error:  # a damaged index must not end the reader
            state.error = f"search failed: {error}"
            results, total = [], 0
        if not cancel.is_set():
            self.app.call_from_thread(self._show_ranked, cancel, query, results, found, total,
                                      time.perf_counter() - started)

    def _show_ranked(self, cancel: threading.Event, query: str, results: list[tuple[int, Entry, float]],
                     found: list[RankedHit], total: int, seconds: float) -> None:
        """Show the ranked titles; describe them once they are on screen.  Describing is Python
        work that holds the GIL: started at once, it held back the frame that shows the list
        (80-130 ms from the list set to its frame on a busy machine; 50-80 ms after the frame)."""
        if cancel is not self._cancel or cancel.is_set():
            return
        state = self.state
        state.hits, state.total, state.seconds, state.described = (
            [pending(query, *result) for result in results], total, seconds, 0)
        self.ranked_list.set_rows(state.hits)
        self._show_status()
        self.call_after_refresh(self._describe, query, cancel, results, found)

    @work(thread=True, exclusive=True, group="ranked-describe")
    def _describe(self, query: str, cancel: threading.Event, results: list[tuple[int, Entry, float]],
                  found: list[RankedHit]) -> None:
        """Describe the results one by one, best first (into `found`, taken by `_take`); a new
        query stops it between two results."""
        worker = get_current_worker()
        for result in results:
            if cancel.is_set() or worker.is_cancelled:
                return
            found.append(describe(self.collection, query, *result))
        if not cancel.is_set():
            self.app.call_from_thread(self._take, cancel, found, True)

    def _take(self, cancel: threading.Event, found: list[RankedHit], done: bool = False) -> None:
        """Put the results described since last time in place of their pending rows."""
        if cancel is not self._cancel or cancel.is_set():
            return
        state = self.state
        described = len(found)
        if described > state.described and len(state.hits) >= described:
            state.hits[state.described : described] = found[state.described : described]
            state.described = described
            self.ranked_list.changed()
        if done:
            state.complete = True
            if self._poll is not None:
                self._poll.stop()
                self._poll = None
        self._show_status()

    def _show_status(self) -> None:
        state = self.state
        if state.error:
            status = state.error
        elif not state.query:
            status = f"type words and press enter · {HELP}"
        elif state.total < 0:
            status = f"searching for “{state.query}”…"
        elif not state.hits:
            status = f"no article matches “{state.query}” · {HELP}"
        else:
            status = (f"{len(state.hits):,} best of {state.total:,} articles for “{state.query}” "
                      f"({state.seconds * 1000:.0f} ms)")
            status += " · enter opens at the first match" if state.complete else " · reading the snippets…"
        self.query_one("#ranked-status", Static).update(status, layout=False)

    # ------------------------------------------------------------------ actions

    def action_move(self, action: str) -> None:
        getattr(self.ranked_list, f"action_{action}")()

    @on(RowList.Highlighted, "#ranked-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self.state.cursor = event.row

    @on(RowList.Chosen, "#ranked-list")
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        if isinstance(event.key, RankedHit):
            self._cancel.set()
            self.dismiss((event.key.entry.index, event.key.phrase))

    def action_close(self) -> None:
        self._cancel.set()
        self.dismiss(None)
