"""The reading pane's citation markers and search, as a mixin of `ReadingPane`.

Kept apart so that each module holds one job: this one is finding things in the text (the
selected marker, the matches of a search); `reading_pane.py` lays out, draws and scrolls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from reader.layout import Layout, SearchResult

if TYPE_CHECKING:
    from reader.ui.widgets.reading_pane import ReadingPane

    _Base = ReadingPane
else:
    _Base = object


class FindMixin(_Base):
    """Markers (c / C / enter / click) and search (search, n / N, clear) for ReadingPane."""

    text_layout: Layout | None
    _selected: int | None
    _result: SearchResult | None
    _current_match: int
    _search_origin: int | None
    _search_scrolling: bool

    # ------------------------------------------------------------------ citations

    @property
    def selected_citation(self) -> int | None:
        """The number of the selected citation marker, if any."""
        if self.text_layout is None or self._selected is None:
            return None
        return self.text_layout.markers[self._selected].number

    def select_citation(self, forward: bool = True) -> None:
        """Select the next (previous) marker from the reading position, and keep it in view."""
        layout = self.text_layout
        if layout is None:
            return
        if not layout.markers:
            if layout.complete:
                self.notify("This article has no citation markers.", timeout=3)
            return
        top, height = self.scroll_line, self._viewport_height()
        visible = self._selected is not None and top <= layout.markers[self._selected].line < top + height
        if visible:
            assert self._selected is not None
            index = self._selected + (1 if forward else -1)
        elif forward:
            index = layout.marker_index_from(top)
        else:
            index = layout.marker_index_from(top + height) - 1
        if not 0 <= index < len(layout.markers):
            if not layout.complete:
                return  # the rest of the article is still being laid out: more markers may come
            # Past the last (first) marker: round to the other end, as n / N do, and say so.
            index = 0 if forward else len(layout.markers) - 1
            self.notify("Wrapped to the first citation." if forward else "Wrapped to the last citation.", timeout=2)
        self._selected = index
        self._reveal(layout.markers[index].line)
        self._redraw()

    def go_to_citation(self, number: int, index: int = 0) -> None:
        """Select the `index`-th marker (0-based, reading order) of citation `number` and show it."""
        layout = self.text_layout
        if layout is None:
            return
        found = [i for i, marker in enumerate(layout.markers) if marker.number == number]
        if not found:
            return
        before = self.scroll_line
        self._selected = found[min(max(index, 0), len(found) - 1)]
        self._reveal(layout.markers[self._selected].line)
        self._redraw()
        self._moved_from(before)

    def open_selected_citation(self) -> None:
        """Post CitationOpened for the selected marker; when it is off screen (or none is
        selected), select the first marker on screen instead, as `c` does."""
        layout, number = self.text_layout, self.selected_citation
        if layout is None:
            return
        if number is None or not self._on_screen(layout.markers[self._selected or 0].line):
            self.select_citation(True)
            return
        self._tell(self.CitationOpened(number))

    def _on_screen(self, line: int) -> bool:
        return self.scroll_line <= line < self.scroll_line + self._viewport_height()

    def action_citation(self, direction: int) -> None:
        self.select_citation(direction > 0)

    def action_open_citation(self) -> None:
        self.open_selected_citation()

    def on_click(self, event: events.Click) -> None:
        layout = self.text_layout
        offset = event.get_content_offset(self)
        if layout is None or offset is None:
            return
        line = self.scroll_line + offset.y
        if event.chain == 2:
            # A double click selects the word: after Textual's own handler, which selects it all.
            self.call_later(self.select_word, line, offset.x - self._margin())
            return
        marker = layout.marker_at(line, offset.x - self._margin())
        if marker is not None:
            event.stop()
            self._selected = layout.markers.index(marker)
            self._redraw()
            self._tell(self.CitationOpened(marker.number))

    # ------------------------------------------------------------------ search

    def search(self, query: str) -> None:
        """Highlight every match of `query` (smart case) and show the first from where the
        search began; a query with no match moves nothing."""
        layout = self.text_layout
        if not query:
            self.clear_search()
            return
        if layout is None:
            return
        if self._search_origin is None:
            self._search_origin = self.scroll_line
        self._result = layout.search(query)
        origin = self._search_origin
        self._search_scrolling = True
        try:
            if self._result.total:
                self._current_match = layout.match_index_from(self._result, origin)
                self._reveal(layout.match_line(self._result, self._current_match))
            else:
                # No match: the text is where it was when the search began (a shorter prefix
                # that matched may have moved it).
                self._current_match = -1
                self._scroll_to_line(origin)
        finally:
            self._search_scrolling = False
        self._redraw()
        self._post_search()

    def next_match(self, forward: bool = True) -> None:
        """Step to the next (previous) match, wrapping around."""
        layout, result = self.text_layout, self._result
        if layout is None:
            return
        if result is None or not result.total:
            # Say why nothing moved (as less says "No previous regular expression").
            self.notify(f"No match for “{result.query}”." if result is not None else
                        "No search yet: / searches the article.", severity="warning", markup=False)
            return
        top, height = self.scroll_line, self._viewport_height()
        current = self._current_match
        if current >= 0 and top <= layout.match_line(result, current) < top + height:
            step = current + (1 if forward else -1)
        elif forward:
            step = layout.match_index_from(result, top)
            step = step if step > 0 or layout.match_line(result, 0) >= top else result.total
        else:
            after = layout.match_index_from(result, top + height)  # 0 also when none is after it
            step = (after if after > 0 or layout.match_line(result, 0) >= top + height else result.total) - 1
        if not 0 <= step < result.total and result.total > 1:
            self.notify("Search wrapped to the top." if forward else "Search wrapped to the bottom.", timeout=2)
        current = step % result.total
        self._current_match = current
        self._reveal(layout.match_line(result, current))
        self._search_origin = None
        self._redraw()
        self._post_search()
        self._moved_from(top)

    def keep_search_position(self) -> None:
        """The reader kept where the search took them (enter): the next search starts from here,
        and the place it began is a step back in the history."""
        if self._search_origin is not None:
            self._moved_from(self._search_origin)
        self._search_origin = None

    def cancel_search(self) -> None:
        """Clear the search and go back to where it began (escape in the field, as in less or a
        browser): the matches shown while typing moved the text, the reader did not."""
        origin = self._search_origin
        self.clear_search()
        if origin is not None and origin != self.scroll_line:
            self._scroll_to_line(origin)

    def clear_search(self) -> None:
        """Remove the search and its highlights."""
        self._result = None
        self._current_match = -1
        self._search_origin = None
        self._redraw()
        self._tell(self.SearchChanged("", 0, 0, {}))

    def action_match(self, direction: int) -> None:
        self.next_match(direction > 0)

    def _post_search(self) -> None:
        result = self._result
        if result is None:
            return
        self._tell(self.SearchChanged(result.query, self._current_match + 1, result.total,
                                      dict(result.per_section)))
