"""Tables: aligned columns with cells wrapped to fit; one row per paragraph when too wide.

Column widths start from each column's natural width; when the table is wider than the pane the
widest columns give way first (water-filling), none below its longest word (up to `WORD_CAP`),
so that words and markers stay whole.  When even that cannot fit, each row becomes a paragraph,
its values labelled with their column's header.

A table joins the layout through a `TableWriter`: the few parts of `reader.layout.builder.Builder`
it uses, named here so that this module needs nothing of the builder's (which imports this one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from rich.cells import cell_len
from rich.text import Text

from reader import model
from reader.layout.lines import LineStore, Pieces
from reader.layout.styles import Styles
from reader.layout.wrap import clean

SEPARATOR = " │ "
MIN_COLUMN = 6
WORD_CAP = 24  # a longer word (a URL, say) may be cut to keep a table a table


class TableWriter(Protocol):
    """Where a table is laid out: the store its lines go into, the block and section they
    belong to, and the builder's way of turning spans into pieces and pieces into text."""

    @property
    def styles(self) -> Styles: ...

    @property
    def store(self) -> LineStore: ...

    @property
    def block(self) -> int: ...

    @property
    def section(self) -> str: ...

    def pieces(self, spans: Iterable[model.Span]) -> Pieces: ...

    def text(self, pieces: Pieces, *, base: str | None = None, first: str = "", rest: str | None = None,
             prefix_style: str = "bullet", offset: int = 0) -> None: ...


def add_table(builder: TableWriter, table: model.Table) -> None:
    """Lay out a table as aligned rows, or as one paragraph per row when it cannot fit."""
    styles = builder.styles
    if table.caption:
        builder.text(builder.pieces(table.caption), base="caption")
    rows = [row for row in table.rows if row]
    if not rows:
        return
    columns = max(sum(max(cell.colspan, 1) for cell in row) for row in rows)
    widths = _column_widths(rows, columns, builder.store.width)
    if widths is None:
        _rows_as_paragraphs(builder, rows)
        return
    rule = "─┼─".join("─" * w for w in widths)
    start = len(builder.store.chunks)
    for row_index, row in enumerate(rows):
        _add_row(builder, row, widths, start)
        if row_index == 0 and all(cell.header for cell in row) and len(rows) > 1:
            builder.store.add_static(Text(rule, style=styles["table_rule"], end=""), block=builder.block,
                                     block_offset=len(builder.store.chunks) - start, section=builder.section)


def _natural(cell: model.TableCell) -> tuple[int, int]:
    """A cell's width on one line, and its longest word."""
    text = clean(model.plain(cell.spans)).replace("\n", " ")
    words = text.split()
    return cell_len(text.strip()), max((cell_len(w) for w in words), default=0)


def _column_widths(rows: list[tuple[model.TableCell, ...]], columns: int, width: int) -> list[int] | None:
    """Each column's width, or None when the table cannot fit without cutting its words."""
    natural = [1] * columns
    longest = [1] * columns
    for row in rows:
        col = 0
        for cell in row:
            if cell.colspan <= 1 and col < columns:
                size, word = _natural(cell)
                natural[col] = max(natural[col], size)
                longest[col] = max(longest[col], word)
            col += max(cell.colspan, 1)
    room = width - len(SEPARATOR) * (columns - 1)
    if sum(natural) <= room:
        return natural
    floor = [min(natural[i], max(MIN_COLUMN, min(longest[i], WORD_CAP))) for i in range(columns)]
    if sum(floor) > room:
        return None
    # Water-filling: the largest cap such that the capped widths (never below the floor) fit.
    low, high = 0, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for f, n in zip(floor, natural, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for f, n in zip(floor, natural, strict=True)]
    spare = room - sum(widths)
    for i in sorted(range(columns), key=lambda i: natural[i] - widths[i], reverse=True):
        give = min(spare, natural[i] - widths[i])
        widths[i] += give
        spare -= give
    return widths


def _add_row(builder: TableWriter, row: tuple[model.TableCell, ...], widths: list[int], start: int) -> None:
    """One table row: each cell wrapped in its column, lines assembled side by side."""
    store = builder.store
    cells: list[tuple[LineStore, int, int]] = []  # (cell layout, x, width)
    col, x = 0, 0
    for cell in row:
        span = max(cell.colspan, 1)
        cell_width = sum(widths[col : col + span]) + len(SEPARATOR) * (min(span, len(widths) - col) - 1)
        if col >= len(widths) or cell_width <= 0:
            break
        cell_store = LineStore(cell_width)
        base = builder.styles["table_header"] if cell.header else None
        cell_store.add_text(builder.pieces(cell.spans), base=base, first=0, rest=0)
        cells.append((cell_store, x, cell_width))
        col += span
        x += cell_width + len(SEPARATOR)
    height = max(len(c[0]) for c in cells)
    sep_style = builder.styles["table_rule"]
    for line_no in range(height):
        line = Text(end="")
        marks: list[tuple[int, int, int]] = []
        for index, (cell_store, _x, cell_width) in enumerate(cells):
            if index:
                line.append(SEPARATOR, sep_style)
            at = len(line.plain)
            if line_no < len(cell_store):
                piece = cell_store.line(line_no)
                marks += [(at + m.start, at + m.end, m.number) for m in cell_store.markers if m.line == line_no]
                line.append_text(piece)
                line.append(" " * (cell_width - cell_len(piece.plain)))
            else:
                line.append(" " * cell_width)
        line.rstrip()
        # Each line of the table is a chunk; its ordinal in the table keeps reading positions apart.
        chunk = store.add_static(line, block=builder.block, block_offset=len(store.chunks) - start,
                                 section=builder.section)
        for start, end, number in marks:
            store.add_marker_at(chunk.first_line, start, end, number)


def _rows_as_paragraphs(builder: TableWriter, rows: list[tuple[model.TableCell, ...]]) -> None:
    """Too many columns for the pane: each row becomes a wrapped line of its values joined by
    ' · ', each after its column's header (when the first row is one) so that they can be told
    apart; empty cells are left out."""
    sep = (" · ", builder.styles["table_rule"], None)
    header = builder.styles["table_header"]
    labels = _labels(rows[0]) if len(rows) > 1 and all(cell.header for cell in rows[0]) else {}
    for index, row in enumerate(rows):
        if labels and index == 0:
            continue
        pieces: Pieces = []
        col = 0
        for cell in row:
            label, col = labels.get(col, ""), col + max(cell.colspan, 1)
            if not model.plain(cell.spans).strip():
                continue
            if pieces:
                pieces.append(sep)
            cell_pieces = builder.pieces(cell.spans)
            if cell.header:
                cell_pieces = [(t, header + s if s else header, c) for t, s, c in cell_pieces]
            elif label:
                pieces.append((label + " ", header, None))
            pieces += cell_pieces
        if pieces:
            builder.text(pieces, first="▸ ", offset=index)


def _labels(row: tuple[model.TableCell, ...]) -> dict[int, str]:
    """Column -> the header row's text for it (a header spanning columns labels its first)."""
    labels: dict[int, str] = {}
    col = 0
    for cell in row:
        text = " ".join(clean(model.plain(cell.spans)).split())
        if text:
            labels[col] = text
        col += max(cell.colspan, 1)
    return labels
