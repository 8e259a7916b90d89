"""What the reader looks for in the pane's text: the selected citation marker and a search's matches.

A plain object (no widget): it holds what was found (the query's matches, the current one, the
selected marker, the line where the search began) and answers which one comes next; the pane
(`reading_pane.py`) owns one, scrolls to what it answers, draws the highlights and says things.
Markers (`c` / `C`) and matches (`n` / `N`) step the same way, by `step`: from the current one
while it is on screen, else from the reading position, round past the ends.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from reader.layout import Layout, SearchResult


class Step(Struct, frozen=True):
    """Where a step landed: an item's index, and whether it went round past an end."""

    index: int
    wrapped: bool


def step(current: int | None, count: int, line_of: Callable[[int], int], first_from: Callable[[int], int],
         top: int, height: int, forward: bool) -> Step | None:
    """The next (previous) of `count` items in reading order, seen from the view [top, top + height):
    the one after (before) `current` while it is on screen; else the first one on or below the top
    (the last one above the bottom).  `line_of(i)` is item i's line, `first_from(line)` the index of
    the first item on or after `line` (`count` if none).  None when there are no items."""
    if count <= 0:
        return None
    if current is not None and 0 <= current < count and top <= line_of(current) < top + height:
        index = current + (1 if forward else -1)
    elif forward:
        index = first_from(top)
    else:
        index = first_from(top + height) - 1
    return Step(index % count, not 0 <= index < count)


def first_match_from(layout: Layout, result: SearchResult, line: int) -> int:
    """Index of the first match on or after `line` (`result.total` if none: the layout's own lookup
    wraps to 0, which is also the answer when the first match is below `line`)."""
    index = layout.match_index_from(result, line)
    return index if index > 0 or layout.match_line(result, 0) >= line else result.total


def first_marker_from(layout: Layout, line: int) -> int:
    """Index of the first marker on or after `line` (`len(markers)` if none)."""
    return layout.marker_index_from(line)


class Finder:
    """The pane's selected marker and search (query, matches, current match, where it began)."""

    def __init__(self) -> None:
        self.result: SearchResult | None = None  # the search shown, None without one
        self.current = -1  # index of the current match, -1 when none is
        self.selected: int | None = None  # index into the layout's markers
        self.origin: int | None = None  # the top line when the search began (escape goes back there)

    # ------------------------------------------------------------------ markers

    def selected_number(self, layout: Layout) -> int | None:
        """The citation number of the selected marker, if any."""
        return None if self.selected is None else layout.markers[self.selected].number

    def step_marker(self, layout: Layout, top: int, height: int, forward: bool) -> Step | None:
        """Select the next (previous) marker from the view; None (nothing selected) when there is
        none, or the step went past the end of a layout still growing (more markers may come)."""
        markers = layout.markers
        found = step(self.selected, len(markers), lambda index: markers[index].line,
                     lambda line: first_marker_from(layout, line), top, height, forward)
        if found is None or (found.wrapped and not layout.complete):
            return None
        self.selected = found.index
        return found

    def select_use(self, layout: Layout, number: int, index: int) -> int | None:
        """Select the `index`-th marker (0-based, clamped) of citation `number`: its line, or None
        when the citation has no marker."""
        found = [i for i, marker in enumerate(layout.markers) if marker.number == number]
        if not found:
            return None
        self.selected = found[min(max(index, 0), len(found) - 1)]
        return layout.markers[self.selected].line

    # ------------------------------------------------------------------ search

    def search(self, layout: Layout, query: str, top: int) -> int | None:
        """Find every match of `query`; the current one is the first from where the search began
        (`top`, when none was going on).  The line to show: the current match's, or None when there
        is no match (the text then goes back to `origin`)."""
        if self.origin is None:
            self.origin = top
        result = self.result = layout.search(query)
        if not result.total:
            self.current = -1
            return None
        self.current = layout.match_index_from(result, self.origin)
        return layout.match_line(result, self.current)

    def step_match(self, layout: Layout, top: int, height: int, forward: bool) -> Step | None:
        """Make the next (previous) match current, from the view; None without matches.  A step
        ends the search's start: a new search starts from where the reader now is."""
        result = self.result
        if result is None:
            return None
        found = step(self.current if self.current >= 0 else None, result.total,
                     lambda index: layout.match_line(result, index),
                     lambda line: first_match_from(layout, result, line), top, height, forward)
        if found is not None:
            self.current = found.index
            self.origin = None
        return found

    def current_line(self, layout: Layout) -> int:
        """The line of the current match (there must be one)."""
        assert self.result is not None and self.current >= 0
        return layout.match_line(self.result, self.current)

    def end_search(self) -> int | None:
        """Forget where the search began (the reader stays, or moved on their own): that line."""
        origin, self.origin = self.origin, None
        return origin

    def clear(self) -> int | None:
        """Drop the search; where it began."""
        self.result = None
        self.current = -1
        return self.end_search()

    def counts(self) -> tuple[str, int, int, dict[str, int]] | None:
        """(query, current match 1-based or 0, total, matches per section); None without a search."""
        result = self.result
        if result is None:
            return None
        return result.query, self.current + 1, result.total, dict(result.per_section)

    # ------------------------------------------------------------------ a new layout

    def relaid(self, layout: Layout) -> None:
        """The same article at a new layout (a width, the rest of it): the search found again in it,
        the current match and the selected marker kept where they still exist."""
        if self.result is not None:
            self.result = layout.search(self.result.query)
            self.current = min(self.current, self.result.total - 1)
        if self.selected is not None and self.selected >= len(layout.markers):
            self.selected = None
