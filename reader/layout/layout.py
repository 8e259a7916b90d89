"""`layout_article`: an Article as wrapped, styled lines, plus the indexes a reading pane needs.

Everything a keystroke needs is a bisect away: the section at a line, the line of a heading,
the markers on a line, the matches of a search on a line, the line of a reading position.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from msgspec import Struct, field

from reader import model
from reader.layout.builder import Builder, Enough
from reader.layout.lines import Lines, LineStore, Marker
from reader.layout.styles import Styles
from reader.source import fold
from reader.source.fold import is_case_sensitive

Anchor = tuple[int, int]  # (block ordinal, offset within the block's text)


class SearchResult(Struct, frozen=True):
    """All matches of a query: offsets into the layout's searchable text, and counts."""

    query: str
    starts: list[int] = field(default_factory=list)
    length: int = 0  # the longest match (combining accents make some longer than the query)
    per_section: dict[str, int] = field(default_factory=dict)
    ends: list[int] = field(default_factory=list)  # where each match ends (starts[i] + length when empty)

    @property
    def total(self) -> int:
        return len(self.starts)

    def end(self, index: int) -> int:
        """Where match `index` ends in the searchable text."""
        return self.ends[index] if self.ends else self.starts[index] + self.length


class Layout:
    """An article laid out at one width; see the module docstring."""

    def __init__(self, article: model.Article, width: int, styles: Styles, builder: Builder,
                 complete: bool = True) -> None:
        self.article = article
        self.complete = complete  # False: only the first lines were laid out (see `max_lines`)
        self.width = width
        self.styles = styles
        self._store: LineStore = builder.store
        self.lines = Lines(self._store)
        self.heading_lines: dict[str, int] = dict(builder.heading_lines)
        ordered = sorted((line, number) for number, line in self.heading_lines.items())
        self._section_starts = [line for line, _ in ordered]
        self._section_numbers = [number for _, number in ordered]
        self._section_chunks = builder.section_order
        self.markers: list[Marker] = sorted(self._store.markers, key=lambda m: (m.line, m.start_cell))
        self._marker_lines = [m.line for m in self.markers]
        self._anchors = [(c.block, c.block_offset) for c in self._store.chunks]
        self._joined: str | None = None
        self._folded: dict[bool, str] = {}  # lower-cased or not -> the text folded (reader.source.fold)
        self._marks: bool | None = None  # the text holds combining accents
        self._chunk_base: list[int] = []

    # ------------------------------------------------------------------ sections

    @property
    def height(self) -> int:
        return len(self._store)

    def section_at(self, line: int) -> str:
        """Number of the section whose text holds `line` ("" = title and lead)."""
        index = bisect_right(self._section_starts, line) - 1
        return self._section_numbers[max(index, 0)]

    def section_line(self, number: str) -> int | None:
        """The line of a section's heading (0 for "")."""
        return self.heading_lines.get(number)

    @property
    def section_numbers(self) -> list[str]:
        """Section numbers in reading order, starting with "" (the lead)."""
        return list(self._section_numbers)

    def section_path(self, number: str) -> tuple[str, ...]:
        """Titles from the top-level section down to this one (a breadcrumb): the model's answer."""
        return self.article.section_path(number)

    # ------------------------------------------------------------------ markers

    def markers_on(self, line: int) -> list[Marker]:
        """The citation markers on one line, left to right."""
        lo = bisect_left(self._marker_lines, line)
        hi = bisect_right(self._marker_lines, line, lo)
        return self.markers[lo:hi]

    def marker_at(self, line: int, cell: int) -> Marker | None:
        """The marker under a cell of a line, if any."""
        for marker in self.markers_on(line):
            if marker.start_cell <= cell < marker.end_cell:
                return marker
        return None

    def marker_index_from(self, line: int) -> int:
        """Index of the first marker on or after `line` (len(markers) if none)."""
        return bisect_left(self._marker_lines, line)

    # ------------------------------------------------------------------ reading positions

    def _chunk_of_line(self, line: int) -> tuple[int, int]:
        """(chunk index, offset) at a line; a blank line takes the start of the next chunk."""
        store = self._store
        line = min(max(line, 0), len(store) - 1)
        chunk = store.line_chunk[line] if line >= 0 else -1
        if chunk >= 0:
            return chunk, store.line_start[line]
        for later in range(line + 1, len(store)):
            if store.line_chunk[later] >= 0:
                return store.line_chunk[later], store.line_start[later]
        return len(store.chunks), 0

    def anchor(self, line: int) -> Anchor:
        """A reading position that survives re-layout at another width.

        A blank line is (next block, -1): the gap just before that block.
        """
        if not self._store.chunks:
            return (0, 0)
        chunk, offset = self._chunk_of_line(line)
        if chunk >= len(self._anchors):
            return (self._anchors[-1][0] + 1, 0)
        block, block_offset = self._anchors[chunk]
        if 0 <= line < self.height and self._store.line_chunk[line] < 0:
            return (block, -1)
        return (block, block_offset + offset)

    def line_of_anchor(self, anchor: Anchor) -> int:
        """The line that shows a reading position (from `anchor`, maybe at another width)."""
        store = self._store
        if not store.chunks:
            return 0
        if anchor[1] < 0:  # the blank line before a block
            index = bisect_left(self._anchors, (anchor[0], 0))
            if index >= len(store.chunks):
                return self.height - 1
            first = store.chunks[index].first_line
            return first - 1 if first > 0 and store.line_chunk[first - 1] < 0 else first
        index = bisect_right(self._anchors, anchor) - 1
        if index < 0:
            return 0
        chunk = store.chunks[index]
        block, block_offset = self._anchors[index]
        if block != anchor[0]:  # past the end of that block: the start of the next
            return chunk.first_line + chunk.line_count - 1 if index + 1 >= len(store.chunks) else \
                store.chunks[index + 1].first_line
        return store.line_of_offset(chunk, anchor[1] - block_offset)

    # ------------------------------------------------------------------ search

    def _ensure_joined(self) -> str:
        if self._joined is None:
            bases, offset = [], 0
            for chunk in self._store.chunks:
                bases.append(offset)
                offset += len(chunk.plain) + 1
            self._chunk_base = bases
            self._joined = "\n".join(chunk.plain for chunk in self._store.chunks)
        return self._joined

    def search(self, query: str) -> SearchResult:
        """Every match of `query` (smart case, folded as a browser's find: reader.source.fold),
        counted per section; matches may cross wraps."""
        if not query:
            return SearchResult(query)
        text = self._ensure_joined()
        lower = not is_case_sensitive(query)
        folded = self._folded_text(lower)
        pattern = fold.query_pattern(fold.fold_query(query, lower), self._has_marks())
        check = fold.accent_check(query, lower)  # "é" matches only "é"
        starts: list[int] = []
        ends: list[int] = []
        for match in pattern.finditer(folded):
            start, end = match.span()
            if check is not None and not check(text[start:end]):
                continue
            starts.append(start)
            ends.append(end)
        per_section: dict[str, int] = {}
        if starts:
            bounds = [self._chunk_base[c] if c < len(self._chunk_base) else len(text) for c, _ in self._section_chunks]
            bounds.append(len(text) + 1)
            for i, (_chunk, number) in enumerate(self._section_chunks):
                count = bisect_left(starts, bounds[i + 1]) - bisect_left(starts, bounds[i])
                if count:
                    per_section[number] = per_section.get(number, 0) + count
        longest = max((end - start for start, end in zip(starts, ends, strict=True)), default=len(query))
        return SearchResult(query, starts, longest, per_section, ends)

    def prepare_search(self) -> None:
        """Fold the text for a search in advance (a thread laying out a long article does it:
        ~40 ms on 1 MB that the first keystroke of a search would otherwise wait for)."""
        self._folded_text(True)

    def _folded_text(self, lower: bool) -> str:
        """The searchable text folded (and lower-cased), one character for one; made once."""
        folded = self._folded.get(lower)
        if folded is None:
            text = self._ensure_joined()
            folded = self._folded[lower] = fold.fold_text(text, lower)
        return folded

    def _has_marks(self) -> bool:
        if self._marks is None:
            self._marks = fold.HAS_MARKS.search(self._ensure_joined()) is not None
        return self._marks

    def offset_of_line(self, line: int) -> int:
        """Offset in the searchable text where `line` starts."""
        self._ensure_joined()
        chunk, offset = self._chunk_of_line(line)
        if chunk >= len(self._chunk_base):
            return len(self._joined or "")
        return self._chunk_base[chunk] + offset

    def match_index_from(self, result: SearchResult, line: int) -> int:
        """Index of the first match at or after the start of `line` (wrapping to 0)."""
        index = bisect_left(result.starts, self.offset_of_line(line))
        return index if index < result.total else 0

    def match_line(self, result: SearchResult, index: int) -> int:
        """The line where match `index` starts."""
        self._ensure_joined()
        start = result.starts[index]
        chunk_index = bisect_right(self._chunk_base, start) - 1
        chunk = self._store.chunks[chunk_index]
        return self._store.line_of_offset(chunk, start - self._chunk_base[chunk_index])

    def highlights_on(self, result: SearchResult, line: int) -> list[tuple[int, int, int]]:
        """Matches touching `line`: (start, end) character offsets in the line's Text, match index."""
        store = self._store
        chunk_index = store.line_chunk[line]
        if chunk_index < 0 or not result.starts:
            return []
        self._ensure_joined()
        base = self._chunk_base[chunk_index]
        lo = base + store.line_start[line]
        hi = base + store.line_end[line]
        shift = len(store.prefixes[store.line_prefix[line]].text)
        starts, length = result.starts, result.length
        found = []
        k = bisect_right(starts, lo - length)
        while k < len(starts) and starts[k] < hi:
            a, b = max(starts[k], lo), min(result.end(k), hi)
            if b > a:
                found.append((a - lo + shift, b - lo + shift, k))
            k += 1
        return found

    # ------------------------------------------------------------------ copying

    def section_text(self, number: str) -> str:
        """Section `number` as plain text, its heading and subsections with it ("" = the lead,
        alone): blocks apart by a blank line, a block's own lines (list items, rows) by one break."""
        inner = number + "."
        parts: list[str] = []
        last_block = None
        for chunk in self._store.chunks:
            if not (chunk.section == number or (number and chunk.section.startswith(inner))):
                continue
            if parts:
                parts.append("\n" if chunk.block == last_block else "\n\n")
            parts.append(chunk.plain)
            last_block = chunk.block
        return "".join(parts).strip("\n")


def layout_article(article: model.Article, width: int, styles: Styles | None = None, *,
                   max_lines: int | None = None, from_block: int = 0) -> Layout:
    """Lay out `article` in lines of at most `width` cells (at least 10).

    With `max_lines`, stop after about that many lines (`Layout.complete` is then False):
    enough for a first screen of a huge article while the whole is laid out elsewhere.
    `from_block` counts those lines from that block on (the block of a reading position).
    """
    width = max(int(width), 10)
    styles = styles or Styles()
    builder = Builder(width, styles, max_lines, from_block)
    try:
        builder.article(article)
    except Enough:
        return Layout(article, width, styles, builder, complete=False)
    return Layout(article, width, styles, builder)
