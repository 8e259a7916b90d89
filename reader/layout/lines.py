"""The store of laid-out lines: chunks of text, and per line only offsets into them.

A *chunk* is the text of one block (a paragraph, a list item, a heading, one table line...)
with its style runs.  A line is (chunk, start, end, prefix): the rich `Text` of a line is
built only when someone asks for it, so a megabyte article costs its text and a few ints
per line, and the pane renders only what is on screen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import overload

from msgspec import Struct, field
from rich.cells import cell_len
from rich.style import Style
from rich.text import Span as RichSpan
from rich.text import Text

from reader.layout.wrap import clean, wrap

# What a chunk is made of: (text, style, citation number or None) pieces.
Piece = tuple[str, Style | None, int | None]
Pieces = list[Piece]


class Chunk(Struct):
    """The text of one block (or one static line) and where its lines are."""

    plain: str
    run_starts: list[int]  # offset where each style run starts (runs cover the text in order)
    run_styles: list[Style | None]
    base: Style | None
    block: int  # ordinal of the model block it comes from (stable across widths)
    block_offset: int  # offset of this chunk within its block's text
    section: str  # number of the section it belongs to ("" = lead)
    first_line: int = 0
    line_count: int = 0
    static: Text | None = None  # a prebuilt single line (table rows)


class Marker(Struct, frozen=True):
    """A citation marker on screen: its line, cell columns [start_cell, end_cell), number,
    and its character offsets in that line's `Text`."""

    line: int
    start_cell: int
    end_cell: int
    number: int
    start: int
    end: int


class Prefix(Struct):
    """Text put before a line (indent, bullet, quote bar) and its width in cells."""

    text: str
    style: Style | None
    cells: int


class LineStore(Struct):
    """Chunks and the lines cut from them; `line(i)` builds a line's rich Text."""

    width: int
    chunks: list[Chunk] = field(default_factory=list)
    line_chunk: list[int] = field(default_factory=list)  # -1 = blank line
    line_start: list[int] = field(default_factory=list)
    line_end: list[int] = field(default_factory=list)
    line_prefix: list[int] = field(default_factory=list)
    prefixes: list[Prefix] = field(default_factory=lambda: [Prefix("", None, 0)])
    markers: list[Marker] = field(default_factory=list)
    _prefix_index: dict[tuple[str, Style | None], int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.line_chunk)

    # ------------------------------------------------------------------ building

    def prefix(self, text: str, style: Style | None = None) -> int:
        """Index of a (shared) prefix, cropped so that at least 8 cells remain for text."""
        key = (text, style)
        index = self._prefix_index.get(key)
        if index is None:
            room = max(0, self.width - min(self.width, 8))
            cropped = text
            while cell_len(cropped) > room and cropped:
                cropped = cropped[1:] if cropped.startswith(" ") else cropped[:-1]
            index = self._prefix_index[key] = len(self.prefixes)
            self.prefixes.append(Prefix(cropped, style, cell_len(cropped)))
        return index

    def blank(self) -> None:
        """Add an empty line (never two in a row, never at the top)."""
        if self.line_chunk and self.line_chunk[-1] != -1:
            self._add_line(-1, 0, 0, 0)

    def _add_line(self, chunk: int, start: int, end: int, prefix: int) -> None:
        self.line_chunk.append(chunk)
        self.line_start.append(start)
        self.line_end.append(end)
        self.line_prefix.append(prefix)

    def add_text(
        self,
        pieces: Sequence[Piece],
        *,
        base: Style | None = None,
        first: int = 0,
        rest: int | None = None,
        block: int = 0,
        block_offset: int = 0,
        section: str = "",
        breaks: list[tuple[int, int]] | None = None,
    ) -> Chunk:
        """Wrap styled pieces (text, style, citation number or None) as one chunk.

        `first` and `rest` are prefix indexes for the first and following lines.
        `breaks` gives the line offsets instead of wrapping (preformatted text).
        """
        rest = first if rest is None else rest
        texts = [piece[0] for piece in pieces]
        plain = clean("".join(texts))
        starts = list(accumulate(map(len, texts), initial=0))
        starts.pop()
        styles = [piece[1] for piece in pieces]
        cites = [(starts[i], starts[i] + len(texts[i]), piece[2]) for i, piece in enumerate(pieces)
                 if piece[2] is not None and texts[i]]
        chunk = Chunk(plain, starts, styles, base, block, self._offset_in_block(block, block_offset), section)
        if breaks is None:
            breaks = wrap(
                plain,
                self.width - self.prefixes[first].cells,
                self.width - self.prefixes[rest].cells,
            )
        index = len(self.chunks)
        self.chunks.append(chunk)
        chunk.first_line = len(self.line_chunk)
        count = chunk.line_count = len(breaks)
        self.line_chunk.extend([index] * count)
        self.line_start.extend([start for start, _ in breaks])
        self.line_end.extend([end for _, end in breaks])
        self.line_prefix.append(first)
        self.line_prefix.extend([rest] * (count - 1))
        for start, end, cite in cites:
            self._add_marker(chunk, start, end, cite)
        return chunk

    def add_static(self, line: Text, *, block: int, block_offset: int, section: str) -> Chunk:
        """Add one prebuilt line (it must fit the width)."""
        chunk = Chunk(line.plain, [], [], None, block, self._offset_in_block(block, block_offset), section,
                      static=line)
        chunk.first_line = len(self.line_chunk)
        chunk.line_count = 1
        self.chunks.append(chunk)
        self._add_line(len(self.chunks) - 1, 0, len(line.plain), 0)
        return chunk

    def _offset_in_block(self, block: int, offset: int) -> int:
        """A block of several chunks (title and rule, table lines): each starts past the last."""
        if self.chunks and self.chunks[-1].block == block:
            previous = self.chunks[-1]
            return max(offset, previous.block_offset + len(previous.plain) + 1)
        return offset

    def add_marker_at(self, line: int, start: int, end: int, number: int) -> None:
        """Record a marker at character offsets of a static line (table cells)."""
        plain = self.chunks[self.line_chunk[line]].plain
        start_cell = cell_len(plain[:start])
        self.markers.append(Marker(line, start_cell, start_cell + cell_len(plain[start:end]), number, start, end))

    def _add_marker(self, chunk: Chunk, start: int, end: int, number: int) -> None:
        line = self.line_of_offset(chunk, start)
        line_start, line_end = self.line_start[line], self.line_end[line]
        end = min(end, line_end)
        if end <= start:
            return
        prefix = self.prefixes[self.line_prefix[line]]
        start_cell = prefix.cells + cell_len(chunk.plain[line_start:start])
        end_cell = start_cell + cell_len(chunk.plain[start:end])
        at = len(prefix.text) + start - line_start
        self.markers.append(Marker(line, start_cell, end_cell, number, at, at + end - start))

    # ------------------------------------------------------------------ reading

    def line_of_offset(self, chunk: Chunk, offset: int) -> int:
        """The line of `chunk` that holds text offset `offset` (the last line if past it)."""
        first = chunk.first_line
        line = bisect_right(self.line_start, offset, first, first + chunk.line_count) - 1
        return max(line, first)

    def line(self, index: int) -> Text:
        """The styled text of line `index` (built on demand; never wider than `width`)."""
        chunk_index = self.line_chunk[index]
        if chunk_index < 0:
            return Text("", end="")
        chunk = self.chunks[chunk_index]
        if chunk.static is not None:
            return chunk.static.copy()
        start, end = self.line_start[index], self.line_end[index]
        prefix = self.prefixes[self.line_prefix[index]]
        shift = len(prefix.text)
        spans: list[RichSpan] = []
        if prefix.style and shift:
            spans.append(RichSpan(0, shift, prefix.style))
        runs, run_styles = chunk.run_starts, chunk.run_styles
        k = max(bisect_right(runs, start) - 1, 0)
        count = len(runs)
        while k < count and runs[k] < end:
            style = run_styles[k]
            if style:
                run_end = runs[k + 1] if k + 1 < count else len(chunk.plain)
                a, b = max(runs[k], start), min(run_end, end)
                if b > a:
                    spans.append(RichSpan(a - start + shift, b - start + shift, style))
            k += 1
        return Text(prefix.text + chunk.plain[start:end], style=chunk.base or "", spans=spans, end="")

    def plain_line(self, index: int) -> str:
        """The text of line `index` without styles."""
        chunk_index = self.line_chunk[index]
        if chunk_index < 0:
            return ""
        chunk = self.chunks[chunk_index]
        if chunk.static is not None:
            return chunk.plain
        prefix = self.prefixes[self.line_prefix[index]]
        return prefix.text + chunk.plain[self.line_start[index] : self.line_end[index]]


class Lines(Sequence[Text]):
    """The lines of a layout as a sequence of rich Text, each built when read."""

    def __init__(self, store: LineStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return len(self._store)

    @overload
    def __getitem__(self, index: int) -> Text: ...
    @overload
    def __getitem__(self, index: slice) -> list[Text]: ...
    def __getitem__(self, index: int | slice) -> Text | list[Text]:
        if isinstance(index, slice):
            return [self._store.line(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._store.line(index)

    def __iter__(self) -> Iterator[Text]:
        for index in range(len(self)):
            yield self._store.line(index)
