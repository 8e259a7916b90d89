"""Scrolling lists for the picker that draw only the rows on screen (Textual's line API).

A file can hold tens of thousands of articles: one widget per title would take seconds to
mount, and even an `OptionList` builds every option's content.  `RowList` keeps just a
sequence of row keys and renders the lines that are visible, like Textual's `Log` and
`Tree`.  Subclasses say how a row is drawn (`row_text`) and how many lines a row takes.

`TitleList` is the picker's list of articles: number, title (matched letters marked),
"→ redirect to X", size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.source.split import Entry


def human_size(size: int) -> str:
    """A size in characters as a short figure: "96 B", "7.8 KB", "1.2 MB"."""
    if size < 1000:
        return f"{size} B"
    if size < 999_500:
        return f"{size / 1000:.1f} KB" if size < 9_950 else f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


class _RowMessage(Message):
    """A message about row `row` (its key: `key`) of a `RowList`."""

    def __init__(self, row_list: RowList, row: int, key: object) -> None:
        super().__init__()
        self.row_list = row_list
        self.row = row
        self.key = key

    @property
    def control(self) -> RowList:
        return self.row_list


class RowList(ScrollView, can_focus=True):
    """A list of rows with a cursor, drawn line by line; rows are keys the subclass interprets."""

    LINES_PER_ROW: ClassVar[int] = 1
    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--dim", "row-list--match"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        overflow-x: hidden;
        overflow-y: auto;
        & > .row-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .row-list--dim { color: $text-muted; }
        & > .row-list--match { color: $text-accent; text-style: bold underline; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(_RowMessage):
        """The cursor moved to row `row` (its key: `key`)."""

    class Chosen(_RowMessage):
        """Row `row` (its key: `key`) was chosen: enter or a click."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[object] = ()
        self._style_cache: dict[str, Style] = {}
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._version = 0  # bumped when rows may draw differently (matched letters, entries)
        self._paint: tuple[int, Style, bool] | None = None

    # ------------------------------------------------------------------ content

    @property
    def rows(self) -> Sequence[object]:
        """The keys of the rows shown, in order."""
        return self._rows

    def set_rows(self, rows: Sequence[object], cursor: int = 0) -> None:
        """Show `rows` (any sequence, a `range` is fine), the cursor on row `cursor`."""
        self._rows = rows
        self._version += 1
        self.virtual_size = Size(self.size.width, len(rows) * self.LINES_PER_ROW)
        self.set_reactive(RowList.cursor, self._clamp(cursor))
        # Scroll now rather than after the refresh: one paint per new list, not two.
        self._scroll_to_cursor()
        self.refresh()
        self._post_highlighted()

    def grow_rows(self, rows: Sequence[object]) -> None:
        """Replace the rows with a longer sequence that starts with the same rows (cursor kept)."""
        self._rows = rows  # the rows already shown draw the same: their cached lines stay
        self.virtual_size = Size(self.size.width, len(rows) * self.LINES_PER_ROW)
        self.refresh()

    @property
    def cursor_key(self) -> object | None:
        """The key of the row under the cursor, None when the list is empty."""
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def _clamp(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, cursor: int) -> int:
        return self._clamp(cursor)

    def watch_cursor(self, previous: int, cursor: int) -> None:
        self.refresh()
        self._scroll_to_cursor()
        if previous != cursor:
            self._post_highlighted()

    def _post_highlighted(self) -> None:
        if self._rows:
            self.post_message(self.Highlighted(self, self.cursor, self.cursor_key))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        if not self._rows:
            return
        region = Region(0, self.cursor * self.LINES_PER_ROW, max(1, self.size.width), self.LINES_PER_ROW)
        self.scroll_to_region(region, animate=False, force=True, immediate=True, x_axis=False, center=center)

    def move_to(self, row: int) -> None:
        """Put the cursor on `row` and that row in the middle of the list (a jump, not a step)."""
        self.set_reactive(RowList.cursor, self._clamp(row))
        self.refresh()
        self._scroll_to_cursor(center=True)
        self.call_after_refresh(self._scroll_to_cursor, True)  # again once the list has its size
        self._post_highlighted()

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.LINES_PER_ROW - 1)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page

    def action_page_down(self) -> None:
        self.cursor += self._page

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_choose(self) -> None:
        """Post `Chosen` for the row under the cursor."""
        if self._rows:
            self.post_message(self.Chosen(self, self.cursor, self.cursor_key))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + self.scroll_offset.y) // self.LINES_PER_ROW
        if 0 <= row < len(self._rows):
            self.cursor = row
            self.action_choose()

    # ------------------------------------------------------------------ drawing

    def row_text(self, key: object, line: int, width: int, selected: bool) -> Text:
        """Line `line` of the row with key `key`, at most `width` cells (subclasses draw)."""
        return Text(str(key))

    def style(self, name: str) -> Style:
        """The rich style of one of this list's component classes (looked up once per style change)."""
        style = self._style_cache.get(name)
        if style is None:
            style = self._style_cache[name] = self.get_component_rich_style(name, partial=True)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._line_cache.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Computed once per paint rather than once per line.
        self._paint = (self.scrollable_content_region.width or self.size.width, self.rich_style, self.has_focus)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, base, focused = self._paint or (self.size.width, self.rich_style, self.has_focus)
        line = y + self.scroll_offset.y
        row, part = divmod(line, self.LINES_PER_ROW)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        selected = row == self.cursor
        key = self._rows[row]
        cache_key = (self._version, self.draw_token(), key, part, selected, width, focused)
        strip = self._line_cache.get(cache_key)
        if strip is None:
            strip = self._line_cache[cache_key] = self.row_strip(key, part, width, selected, base)
        return strip

    def draw_token(self) -> object:
        """Anything else a row's drawing depends on (part of the line cache's key)."""
        return None

    def row_strip(self, key: object, part: int, width: int, selected: bool, base: Style) -> Strip:
        """One line of a row as a strip exactly `width` cells wide (via `row_text`)."""
        text = self.row_text(key, part, width, selected)
        if selected:
            text.stylize(self.get_component_rich_style("row-list--cursor"))
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console))
        return Strip(segments, cell_len(text.plain)).crop_extend(0, width, base).apply_style(base)

    def changed(self) -> None:
        """What rows show has changed (not only which rows): draw them afresh."""
        self._version += 1
        self._line_cache.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows) * self.LINES_PER_ROW)
        self.call_after_refresh(self._scroll_to_cursor)


class TitleList(RowList):
    """The picker's article list: each row key is an entry index into `entries`."""

    def __init__(self, entries: Sequence[Entry], *, show_files: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries = entries  # the library's growing list, read only
        self.show_files = show_files  # a collection of several files: each title's file too
        self.offsets: dict[int, tuple[int, ...]] = {}  # entry index -> matched letters

    def draw_token(self) -> object:
        return len(str(len(self.entries)))  # the width of the number column

    def row_strip(self, key: object, part: int, width: int, selected: bool, base: Style) -> Strip:
        """Number, title (matched letters marked), "→ redirect to X", size at the right edge.

        Built from segments directly: rich's Text would cost several times more per line,
        and a new filter redraws every visible line.
        """
        index = key if isinstance(key, int) else 0
        entry = self.entries[index]
        plain = base + self.get_component_rich_style("row-list--cursor") if selected else base
        dim = base + self.style("row-list--dim") + (plain if selected else Style())
        match = plain + self.style("row-list--match")
        number = f"{index + 1:>{len(str(len(self.entries)))}} "
        size = " " + human_size(entry.size).rjust(7) + " "
        if entry.file is not None and width > 60 and self.show_files:  # which file of a collection
            size = " " + _left_cut(entry.file, FILE_COLUMN).rjust(FILE_COLUMN) + size
        room = max(width - len(number) - len(size), 1)
        parts = _marked(entry.title, self.offsets.get(index, ()), plain, match)
        if entry.redirect is not None:
            parts.append((f"  → redirect to {entry.redirect}", dim))
        segments = [Segment(number, dim), *_fit(parts, room, plain), Segment(size, dim)]
        return Strip(segments, width).crop_extend(0, width, base)


FILE_COLUMN = 18  # cells for the file name in a collection's list ("…les.xml-0007.txt")


def _left_cut(text: str, room: int) -> str:
    """`text` in at most `room` cells, its end kept (a file name's number is at its end)."""
    return text if cell_len(text) <= room else "…" + text[-(room - 1) :]


def _marked(title: str, offsets: tuple[int, ...], plain: Style, match: Style) -> list[tuple[str, Style]]:
    """The title in runs of plain and matched letters."""
    marked = {offset for offset in offsets if offset < len(title) and not title[offset].isspace()}
    if not marked:
        return [(title, plain)]
    runs: list[tuple[str, Style]] = []
    start = 0
    for position in range(1, len(title) + 1):
        if position == len(title) or (position in marked) != (start in marked):
            runs.append((title[start:position], match if start in marked else plain))
            start = position
    return runs


def _fit(parts: list[tuple[str, Style]], room: int, fill: Style) -> list[Segment]:
    """Segments filling exactly `room` cells: padded with `fill`, or cut with an ellipsis."""
    segments: list[Segment] = []
    used = 0
    for text, style in parts:
        length = cell_len(text)
        if used + length > room:
            cut = set_cell_size(text, max(room - used - 1, 0))
            segments.append(Segment(cut + "…", style))
            return segments
        segments.append(Segment(text, style))
        used += length
    segments.append(Segment(" " * (room - used), fill))
    return segments
