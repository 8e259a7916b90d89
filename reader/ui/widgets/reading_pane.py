"""The reading pane: an article laid out once per width, drawn a line at a time.

Textual's line API (`render_line`) asks only for the lines on screen; each is built from the
`Layout` (offsets into the article's text) and cached as a Strip until something it shows
changes (a search, the selected marker, the width, the theme).  Keys: see `BINDINGS`.

What the reader looks for (the selected citation marker, a search's matches) is held by a
`Finder` (`pane_finder.py`) and which heading `]` / `[` go to is worked out in `pane_sections.py`;
the pane scrolls to what they answer, draws it and posts what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.timer import Timer

from reader.layout import Layout, Styles, layout_article
from reader.model import Article
from reader.source.state import Place
from reader.ui.widgets._pane_select import selected_text, word_at
from reader.ui.widgets._pane_styles import COMPONENT_CLASSES, COMPONENT_CSS, styles_from_components
from reader.ui.widgets.late_keys import PassesLateKeys
from reader.ui.widgets.pane_finder import Finder
from reader.ui.widgets.pane_sections import section_after, section_base, section_before
from reader.ui.widgets.scroll_bar import QuickScrollBars

MAX_TEXT_WIDTH = 100  # a comfortable measure; wider panes centre the text
FIRST_SCREEN_LINES = 400  # a huge article first shows this many lines, then the rest


class ReadingPane(PassesLateKeys, QuickScrollBars, ScrollView, can_focus=True):
    """The article's text: scrolling, sections, citation markers and search."""

    DEFAULT_CSS = """
    ReadingPane {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        overflow-y: auto;
    }
    """ + COMPONENT_CSS

    COMPONENT_CLASSES = COMPONENT_CLASSES

    # The keys that act on the text only while it has the focus; those that also act from the tree
    # (sections, citations, matches) are the reader screen's (reader/ui/screens/reader.py).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line(1)", "Down", show=False, id="line_down"),
        Binding("k,up", "line(-1)", "Up", show=False, id="line_up"),
        Binding("space,f,pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("d", "half_page(1)", "Half page down", show=False, id="half_page_down"),
        Binding("u", "half_page(-1)", "Half page up", show=False, id="half_page_up"),
        Binding("g,home", "top", "Top", show=False, id="top"),
        Binding("G,end", "bottom", "End", show=False, id="bottom"),
        Binding("enter", "open_citation", "Open cite", show=False, id="open_citation"),
    ]

    progress: reactive[float] = reactive(0.0, init=False)
    current_section: reactive[str] = reactive("", init=False)

    @dataclass
    class SectionChanged(Message):
        """The section at the top of the pane changed."""

        number: str
        path: tuple[str, ...] = ()

    @dataclass
    class Jumped(Message):
        """The pane jumped (a section, a match, the top...): `place` is where the reader was."""

        place: Place

    class LayoutComplete(Message):
        """The whole article is laid out at the current width (what the pane holds is final)."""

    @dataclass
    class CitationOpened(Message):
        """The reader asked to see citation `number` (enter on a selected marker, or a click)."""

        number: int

    @dataclass
    class SearchChanged(Message):
        """The search, its current match (1-based, 0 = none) and the counts changed."""

        query: str
        current: int
        total: int
        per_section: dict[str, int] = field(default_factory=dict)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self.text_layout: Layout | None = None
        self._other_width: Layout | None = None  # the complete layout at the width before this one
        self._styles: Styles | None = None
        self._strips: LRUCache[int, tuple[Style, Strip]] = LRUCache(512)  # line -> (base style, strip)
        self._resize_timer: Timer | None = None
        self._generation = 0  # bumps on every new article/width; stale background layouts are dropped
        self._pending_section: str | None = None  # a jump asked for before the whole article was laid out
        self._pinned: tuple[str, int] | None = None  # (section, scroll y) after a jump the end clamped
        self.finder = Finder()  # the selected marker and the search
        self._installed_line = 0
        self._restyle_pending = False
        self._search_scrolling = False  # True while a search moves the view (keeps its origin)
        self._frame_style: Style | None = None  # set by render_lines for the lines of one frame
        self._frame_margin = 0
        self._frame_width = 0
        self._after_paint: list[Callable[[], object]] = []  # see after_paint
        self.max_text_width = MAX_TEXT_WIDTH

    # ------------------------------------------------------------------ article and layout

    def show_article(self, article: Article, keep_position: bool = False) -> None:
        """Show `article`; with `keep_position`, stay at the same place (a complete article
        replacing its quick first part)."""
        anchor = self.text_layout.anchor(self.scroll_line) if keep_position and self.text_layout else None
        if not keep_position:
            self._other_width = None
            self.finder.selected = None
            self._pinned = None
            self._pending_section = None
        self.article = article
        self._relayout(anchor, reset=not keep_position)

    @property
    def text_width(self) -> int:
        """Width of the text column: the pane's width, capped at `max_text_width`."""
        return max(min(self.scrollable_content_region.width, self.max_text_width), 10)

    def set_max_text_width(self, width: int) -> None:
        """Let the text grow to `width` columns (the settings, `-` / `+`), staying at the same place."""
        self.max_text_width = max(width, 10)
        if self.text_layout is not None and self.text_layout.width != self.text_width:
            self._relayout(self.text_layout.anchor(self.scroll_line))

    @property
    def scroll_line(self) -> int:
        """The layout line at the top of the pane."""
        return round(self.scroll_y)

    def _relayout(self, anchor: tuple[int, int] | None, reset: bool = False) -> None:
        """Lay out the article at the current width: a first screen now, the rest in a thread."""
        self._generation += 1
        if self.article is None or not self.is_mounted or self.scrollable_content_region.width <= 0:
            return
        width = self.text_width
        styles = self._get_styles()
        current, cached = self.text_layout, self._other_width
        if current is not None and current.complete and current.article is self.article \
                and current.width != width and current.styles == styles:
            self._other_width = current  # toggling the tree goes back to it at once
        if cached is not None and cached.width == width and cached.article is self.article \
                and cached.styles == styles:
            self._install(cached, anchor, reset)  # wrapped once per width
            return
        limit = max(FIRST_SCREEN_LINES, self.size.height * 3)
        # The first screen at the reading position now (all of a short article), the whole soon.
        start = anchor[0] if anchor is not None else 0
        layout = layout_article(self.article, width, styles, max_lines=limit, from_block=max(start - 1, 0))
        if not layout.complete and anchor is not None and self.text_layout is not None \
                and self.text_layout.width == width:
            # Same width (a complete article replacing its first part, a theme): the old layout
            # stays on screen until the new one is ready.
            layout = self.text_layout
        self._install(layout, anchor, reset)
        if not layout.complete or layout.article is not self.article:
            # After the first screen is painted: a thread holding the GIL would delay it.
            self.call_after_refresh(self._start_layout_worker, self.article, width, styles, self._generation, anchor)

    def _start_layout_worker(self, article: Article, width: int, styles: Styles, generation: int,
                             anchor: tuple[int, int] | None) -> None:
        if generation == self._generation:
            self.run_worker(lambda: self._layout_in_thread(article, width, styles, generation, anchor),
                            thread=True, exclusive=True, group="layout")

    def _layout_in_thread(self, article: Article, width: int, styles: Styles, generation: int,
                          anchor: tuple[int, int] | None) -> None:
        layout = layout_article(article, width, styles)
        layout.prepare_search()
        if generation == self._generation:
            self.app.call_from_thread(self._finish_layout, layout, generation, anchor)

    def _finish_layout(self, layout: Layout, generation: int, anchor: tuple[int, int] | None) -> None:
        if generation != self._generation:
            return
        old = self.text_layout
        if anchor is None or self.scroll_line != self._installed_line:
            # The reader moved meanwhile (or never had a place): keep where they are now.
            anchor = old.anchor(self.scroll_line) if old is not None else None
        self._install(layout, anchor, False)
        if self._pending_section is not None:
            number, self._pending_section = self._pending_section, None
            self.go_to_section(number, remember=False)

    def _install(self, layout: Layout, anchor: tuple[int, int] | None, reset: bool) -> None:
        """Make `layout` the one shown, at `anchor` (or the top when `reset`)."""
        self.text_layout = layout
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, layout.height)
        finder = self.finder
        finder.relaid(layout)
        if reset:
            if finder.result is not None:  # a new article: the old search's counts are void
                self._tell(self.SearchChanged("", 0, 0, {}))
            finder.clear()
            self._scroll_to_line(0)
        elif anchor is not None:
            self._scroll_to_line(layout.line_of_anchor(anchor))
        self._installed_line = self.scroll_line
        self._update_position()
        if reset:
            self._tell(self.SectionChanged(self.current_section, layout.section_path(self.current_section)))
        if layout.complete and layout.article.complete:
            self._tell(self.LayoutComplete())
        self.refresh()
        self._post_search()

    def _get_styles(self) -> Styles:
        if self._styles is None:
            try:
                self._styles = styles_from_components(self.get_component_rich_style, self.rich_style)
            except KeyError:
                # CSS not applied yet (a pane shown the moment it is mounted): plain defaults
                # for now, the theme's once the styles arrive.
                if not self._restyle_pending:
                    self._restyle_pending = True
                    self.call_after_refresh(self._restyle)
                return Styles()
        return self._styles

    def notify_style_update(self) -> None:
        """CSS was applied again (focus, theme): if the styles really changed, lay out again
        (they are baked into the layout); a mere change of focus redraws nothing.

        Drawn lines are kept: each remembers the base style it was drawn on (`render_line`
        checks it), so a new background redraws them and a focus change does not."""
        super().notify_style_update()
        if self._styles is not None and not self._restyle_pending:
            # After the refresh: the component classes get their new styles after this call.
            self._restyle_pending = True
            self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        self._restyle_pending = False
        old, self._styles = self._styles or Styles(), None
        if self._get_styles() == old:
            return
        self._strips.clear()
        if self.text_layout is not None:
            self._relayout(self.text_layout.anchor(self.scroll_line))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.text_layout is None:
            self._relayout(None, reset=True)
            return
        if self.text_layout.width == self.text_width:
            self.virtual_size = Size(self.scrollable_content_region.width, self.text_layout.height)
            self._strips.clear()
            return
        # Debounced: a window being dragged re-lays out once it rests.
        if self._resize_timer is not None:
            self._resize_timer.stop()
        delay = 0.02 if self.text_layout.height < 2000 else 0.15
        self._resize_timer = self.set_timer(delay, self._resized)

    def _resized(self) -> None:
        self._resize_timer = None
        if self.text_layout is not None and self.text_layout.width != self.text_width:
            self._relayout(self.text_layout.anchor(self.scroll_line))

    # ------------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.text_layout is None and self.article is not None:
            # The first frame is drawn right after the layout that gives the pane its size, and
            # the Resize event that would lay the text out comes after that frame: laid out now,
            # the text is in the first frame instead of the next (~50 ms later at start-up).
            self._relayout(None, reset=True)
        # What every line needs, computed once per frame rather than once per line.
        self._frame_style = self.rich_style
        self._frame_margin = self._margin()
        self._frame_width = self.size.width
        waiting, self._after_paint = self._after_paint, []
        for callback in waiting:
            self.call_later(callback)  # a message: it runs once this frame is out
        return super().render_lines(crop)

    def _tell(self, message: Message) -> None:
        """Post one of the pane's messages, sent by the pane.  Textual takes the sender from the
        message pump at work when a message is made, and stops bubbling at the sender: a message
        made while the screen draws (the first layout runs in `render_lines`) would count the
        screen as its sender and never reach the app."""
        self.post_message(message.set_sender(self))

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the pane has been drawn again (Textual's `call_after_refresh`
        may run before the frame, when the screen goes idle before the pane asks to be drawn)."""
        self._after_paint.append(callback)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        line = self.scroll_line + y
        style = self._frame_style if self._frame_style is not None else self.rich_style
        width = self._frame_width or self.size.width
        layout = self.text_layout
        if layout is None or not 0 <= line < layout.height:
            return Strip.blank(width, style)
        cached = self._strips.get(line)
        if cached is not None and cached[0] == style:
            strip = cached[1]
        else:
            strip = self._render_text_line(layout, line, style)
            self._strips[line] = (style, strip)
        return strip.crop_extend(0, width, style)

    def _render_text_line(self, layout: Layout, line: int, style: Style) -> Strip:
        text = layout.lines[line]
        styles = self._get_styles()
        finder = self.finder
        if finder.result is not None:
            for start, end, index in layout.highlights_on(finder.result, line):
                role = "match_current" if index == finder.current else "match"
                text.stylize(styles[role], start, end)
        if finder.selected is not None:
            marker = layout.markers[finder.selected]
            if marker.line == line:
                text.stylize(styles["marker_selected"], marker.start, marker.end)
        selection = self.text_selection
        span = selection.get_span(line) if selection is not None else None
        if span is not None:
            text.stylize(self.screen.get_component_rich_style("screen--selection"), max(span[0], 0),
                         len(text) if span[1] == -1 else max(span[1], 0))
        text.stylize_before(style)
        margin = self._frame_margin if self._frame_style is not None else self._margin()
        # Offsets (column, layout line) let Textual map a mouse drag to the text (its selection);
        # the margin's are before the text (negative), so a drag from it starts at the line's start.
        offset = Style.from_meta({"offset": (-margin, line)})
        segments = [Segment(" " * margin, style + offset)] if margin else []
        segments += Strip(text.render(self.app.console)).simplify().apply_offsets(0, line)
        return Strip(segments)

    def _margin(self) -> int:
        """Columns left of the text, centring it in a wide pane."""
        if self.text_layout is None:
            return 0
        return max((self.scrollable_content_region.width - self.text_layout.width) // 2, 0)

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    # ------------------------------------------------------------------ position

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._search_scrolling and round(old_value) != round(new_value):
            self.finder.end_search()  # the reader moved: a new search starts from here
        self._update_position()

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=max(line, 0), animate=False, immediate=True)

    def _update_position(self) -> None:
        layout = self.text_layout
        if layout is None:
            return
        top = self.scroll_line
        max_y = self.max_scroll_y
        self.progress = 100.0 if max_y <= 0 else round(min(top / max_y, 1.0) * 100, 1)
        if self._pinned is not None and self._pinned[1] != top:
            self._pinned = None
        self.current_section = self._pinned[0] if self._pinned else layout.section_at(top)

    @property
    def current_path(self) -> tuple[str, ...]:
        """The titles from the top section down to the current one (the breadcrumb)."""
        layout = self.text_layout
        return tuple(layout.section_path(self.current_section)) if layout else ()

    def watch_current_section(self, number: str) -> None:
        self._tell(self.SectionChanged(number, self.current_path))

    def _viewport_height(self) -> int:
        return max(self.scrollable_content_region.height, 1)

    def _reveal(self, line: int) -> None:
        """Put `line` (a match, a marker) on screen: where it is, if it is; else a third of the
        way down, with what leads to it above and room to read on below (scrolled the least, a
        match came in on the last line, easy to miss)."""
        top, height = self.scroll_line, self._viewport_height()
        if not top <= line < top + height:
            self._scroll_to_line(line - height // 3)

    # ------------------------------------------------------------------ actions: scrolling

    def action_line(self, lines: int) -> None:
        self._scroll_to_line(self.scroll_line + lines)

    def action_page(self, pages: int) -> None:
        self._scroll_to_line(self.scroll_line + pages * max(self._viewport_height() - 1, 1))

    def action_half_page(self, direction: int) -> None:
        self._scroll_to_line(self.scroll_line + direction * max(self._viewport_height() // 2, 1))

    def action_open_citation(self) -> None:
        self.open_selected_citation()

    def action_top(self) -> None:
        before = self.scroll_line
        self._scroll_to_line(0)
        self._moved_from(before)

    def action_bottom(self) -> None:
        before = self.scroll_line
        self._scroll_to_line(round(self.max_scroll_y) if self.text_layout else 0)
        self._moved_from(before)

    # ------------------------------------------------------------------ sections (`]`, `[`, the tree)

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

    def lands_in_part(self, action: str) -> bool:
        """True when the move `action` ("section", "page", "half_page", "line") lands now where it
        will once the whole article is laid out: a screen clear of the end of the part laid out so
        far (at start-up, ten `]` typed at once stopped at that end, 24% into the article instead
        of 39%).  Either way round: backwards is as safe, but the key gate knows no direction.
        Only meaningful while the layout is partial."""
        layout = self.text_layout
        if layout is None:
            return False
        height = self.size.height
        target: int | None = self.scroll_line + height  # a page at most
        if action == "section":
            number = self._found(layout, section_after)
            target = layout.section_line(number) if number is not None else None
        # The first part's last section is cut short, or is the list of references the parser
        # adds after the part (it numbers it as the whole article numbers another section: ten
        # spaces typed at once ran into it, and the whole article then showed another place).
        last = layout.section_line(layout.section_numbers[-1]) or layout.height
        return target is not None and target + height < last

    def next_section(self) -> None:
        """Go to the next heading (any level) after the reading position."""
        self._go_to_found(section_after)

    def previous_section(self) -> None:
        """Go to the heading before the reading position (the current section's, mid-section)."""
        self._go_to_found(section_before)

    def _go_to_found(self, find: Callable[[Layout, int], str | None]) -> None:
        layout = self.text_layout
        number = self._found(layout, find) if layout is not None else None
        if number is not None:
            self.go_to_section(number)

    def _found(self, layout: Layout, find: Callable[[Layout, int], str | None]) -> str | None:
        """The section `find` finds from the reading position (`pane_sections`)."""
        pinned = self._pinned[0] if self._pinned is not None else None
        return find(layout, section_base(layout, pinned, self.scroll_line))

    # ------------------------------------------------------------------ citation markers

    @property
    def selected_citation(self) -> int | None:
        """The number of the selected citation marker, if any."""
        return None if self.text_layout is None else self.finder.selected_number(self.text_layout)

    def select_citation(self, forward: bool = True) -> None:
        """Select the next (previous) marker from the reading position, and keep it in view."""
        layout = self.text_layout
        if layout is None:
            return
        if not layout.markers:
            if layout.complete:
                self.notify("This article has no citation markers.", timeout=3)
            return
        found = self.finder.step_marker(layout, self.scroll_line, self._viewport_height(), forward)
        if found is None:
            return  # past the end of the part laid out so far: more markers may come
        if found.wrapped:  # round to the other end, as n / N do, and say so
            self.notify("Wrapped to the first citation." if forward else "Wrapped to the last citation.", timeout=2)
        self._reveal(layout.markers[found.index].line)
        self._redraw()

    def go_to_citation(self, number: int, index: int = 0) -> None:
        """Select the `index`-th marker (0-based, reading order) of citation `number` and show it."""
        layout = self.text_layout
        line = self.finder.select_use(layout, number, index) if layout is not None else None
        if line is None:
            return
        before = self.scroll_line
        self._reveal(line)
        self._redraw()
        self._moved_from(before)

    def open_selected_citation(self) -> None:
        """Post CitationOpened for the selected marker; when it is off screen (or none is
        selected), select the first marker on screen instead, as `c` does."""
        layout, number = self.text_layout, self.selected_citation
        if layout is None:
            return
        if number is None or not self._on_screen(layout.markers[self.finder.selected or 0].line):
            self.select_citation(True)
            return
        self._tell(self.CitationOpened(number))

    def _on_screen(self, line: int) -> bool:
        return self.scroll_line <= line < self.scroll_line + self._viewport_height()

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
            self.finder.selected = layout.markers.index(marker)
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
        line = self.finder.search(layout, query, self.scroll_line)
        self._search_scrolling = True
        try:
            if line is not None:
                self._reveal(line)
            elif self.finder.origin is not None:
                # No match: the text is where it was when the search began (a shorter prefix that
                # matched may have moved it).
                self._scroll_to_line(self.finder.origin)
        finally:
            self._search_scrolling = False
        self._redraw()
        self._post_search()

    def next_match(self, forward: bool = True) -> None:
        """Step to the next (previous) match, wrapping around."""
        layout, result = self.text_layout, self.finder.result
        if layout is None:
            return
        if result is None or not result.total:
            # Say why nothing moved (as less says "No previous regular expression").
            self.notify(f"No match for “{result.query}”." if result is not None else
                        "No search yet: / searches the article.", severity="warning", markup=False)
            return
        top = self.scroll_line
        found = self.finder.step_match(layout, top, self._viewport_height(), forward)
        if result.total == 1:  # n stayed where it was: say why, as for no match at all
            self.notify(f"The only match for “{result.query}”.", timeout=2, markup=False)
        elif found is not None and found.wrapped:
            self.notify("Search wrapped to the top." if forward else "Search wrapped to the bottom.", timeout=2)
        self._reveal(self.finder.current_line(layout))
        self._redraw()
        self._post_search()
        self._moved_from(top)

    def keep_search_position(self) -> None:
        """The reader kept where the search took them (enter): the next search starts from here,
        and the place it began is a step back in the history."""
        origin = self.finder.end_search()
        if origin is not None:
            self._moved_from(origin)

    def cancel_search(self) -> None:
        """Clear the search and go back to where it began (escape in the field, as in less or a
        browser): the matches shown while typing moved the text, the reader did not."""
        origin = self.clear_search()
        if origin is not None and origin != self.scroll_line:
            self._scroll_to_line(origin)

    def clear_search(self) -> int | None:
        """Remove the search and its highlights; the line where it began, if it was going on."""
        origin = self.finder.clear()
        self._redraw()
        self._tell(self.SearchChanged("", 0, 0, {}))
        return origin

    def _post_search(self) -> None:
        counts = self.finder.counts()
        if counts is not None:
            self._tell(self.SearchChanged(*counts))

    # ------------------------------------------------------------------ places (history, marks, resume)

    def place_at(self, line: int) -> Place | None:
        """The reading place of layout line `line` (None before the article is laid out)."""
        layout = self.text_layout
        if layout is None:
            return None
        section = self._pinned[0] if self._pinned and line == self.scroll_line else layout.section_at(line)
        return Place(tuple(layout.anchor(line)), section, tuple(layout.section_path(section)))  # type: ignore[arg-type]

    @property
    def place(self) -> Place | None:
        """Where the reader is: the place of the top line."""
        return self.place_at(self.scroll_line)

    def go_to_place(self, place: Place, exact: bool = True) -> bool:
        """Show `place` at the top: its very line when `exact` (the same text), else its section,
        found by its titles (a changed article).  False when the article is not all laid out
        yet, or (not exact) the section is gone."""
        layout = self.text_layout
        if layout is None or not layout.complete:
            return False
        if exact:
            self._pinned = None
            self._scroll_to_line(layout.line_of_anchor(place.anchor))
            self._update_position()
            return True
        for number in layout.section_numbers:
            if tuple(layout.section_path(number)) == place.path:
                self.go_to_section(number, remember=False)
                return True
        return False

    def _moved_from(self, line: int) -> None:
        """A jump: say where the reader was, if it moved them."""
        if self.scroll_line != line:
            place = self.place_at(line)
            if place is not None:
                self._tell(self.Jumped(place))

    # ------------------------------------------------------------------ selection and copying

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text (Textual's `Screen.get_selected_text` asks every widget)."""
        layout = self.text_layout
        if layout is None:
            return None
        return selected_text(layout.lines, selection), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._redraw()

    def select_word(self, line: int, column: int) -> None:
        """Select the word at `column` (characters) of layout line `line` (a double click)."""
        layout = self.text_layout
        if layout is None or not 0 <= line < layout.height:
            return
        span = word_at(layout.lines[line].plain, column)
        if span is not None:
            self.screen.selections = {self: Selection.from_offsets(Offset(span[0], line), Offset(span[1], line))}

    def section_text(self) -> tuple[str, str]:
        """The title and plain text of the section at the top (with its subsections)."""
        layout = self.text_layout
        if layout is None:
            return "", ""
        number = self.current_section
        path = layout.section_path(number)
        title = path[-1] if path else (self.article.title if self.article else "")
        return title, layout.section_text(number)
