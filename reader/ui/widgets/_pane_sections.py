"""The reading pane's moves between sections, as a mixin of `ReadingPane`.

Kept apart so that each module holds one job: this one is going to a section (`]`, `[`, a
jump from the tree or the palette); `reading_pane.py` lays out, draws and scrolls, and
`_pane_find.py` finds markers and matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.layout import Layout

if TYPE_CHECKING:
    from reader.ui.widgets.reading_pane import ReadingPane

    _Base = ReadingPane
else:
    _Base = object


class SectionsMixin(_Base):
    """Section jumps for ReadingPane: the heading put at the top, the end of the text respected."""

    text_layout: Layout | None
    _pending_section: str | None
    _pinned: tuple[str, int] | None

    def go_to_section(self, number: str, remember: bool = True) -> None:
        """Put the heading of section `number` at the top of the pane ("" = the top); with
        `remember`, a jump the history records (not so when the history itself goes back)."""
        layout = self.text_layout
        if layout is None:
            return
        line = layout.section_line(number)
        if line is None:
            if not layout.complete:
                self._pending_section = number  # not laid out yet: go there when it is
            return
        before, pinned = self.scroll_line, self._pinned
        self._pinned = None
        self._scroll_to_line(line)
        if self.scroll_line != line:
            # The end of the article stops the scroll: the section is still the one read.
            self._pinned = (number, self.scroll_line)
        self._update_position()
        if remember and (before != self.scroll_line or pinned != self._pinned):
            place = self.place_at(before)
            if place is not None:
                self._tell(self.Jumped(place))

    def _section_base(self) -> int:
        layout = self.text_layout
        assert layout is not None
        if self._pinned is not None:
            return layout.section_line(self._pinned[0]) or 0
        return self.scroll_line

    def next_section(self) -> None:
        """Go to the next heading (any level) after the reading position."""
        layout = self.text_layout
        if layout is None:
            return
        base = self._section_base()
        for number in layout.section_numbers:
            line = layout.section_line(number) or 0
            if line > base:
                self.go_to_section(number)
                return

    def previous_section(self) -> None:
        """Go to the heading before the reading position (the current section's, mid-section)."""
        layout = self.text_layout
        if layout is None:
            return
        base = self._section_base()
        previous = None
        for number in layout.section_numbers:
            if (layout.section_line(number) or 0) < base:
                previous = number
        if previous is not None:
            self.go_to_section(previous)

    def action_section(self, direction: int) -> None:
        self.next_section() if direction > 0 else self.previous_section()
