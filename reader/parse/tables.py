"""Wikitext tables (``{| ... |}``) -> `model.Table`.

mwparserfromhell gives a ``table`` tag holding ``tr`` tags holding ``td``/``th`` tags (the
first row may have no ``tr``).  A ``|+`` caption comes as a ``td`` whose text starts with "+".

Text inside a table but outside any cell (``{|`` then a line of text, ``<table>text<tr>``) is
shown before the table, as MediaWiki (and HTML's "foster parenting") shows it: `fostered`.

A cell spanning rows (``rowspan=N``) takes its column in the N-1 rows below as well: an empty
cell stands there in the model, so that the cells after it keep their own columns (without it,
every such row slid left and values read under the wrong headings).
"""

from __future__ import annotations

from msgspec.structs import replace
from mwparserfromhell.nodes import Tag
from mwparserfromhell.wikicode import Wikicode

from ..model import Span, Table, TableCell
from .inline import Renderer
from .spans import code_str, finish

MAX_SPAN = 500  # a larger colspan/rowspan is taken as this (some pages say 1000 to mean "all")

Row = list[tuple[TableCell, int]]  # cells with their rowspans, as written


def build_table(r: Renderer, node: Tag) -> Table | None:
    """The table of a ``table`` tag, or None when it holds no text (see also `fostered`)."""
    rows: list[Row] = []
    caption: tuple[Span, ...] = ()
    current: Row = []
    if node.contents is None:
        return None
    for child in node.contents.nodes:
        if type(child) is not Tag:
            continue
        name = code_str(child.tag).strip().lower()
        if name == "tr":
            if current:
                rows.append(current)
            rows.append(_cells(r, child))
            current = []
        elif name in ("td", "th"):
            if _is_caption(child):
                caption = _caption(r, child)
            else:
                current.append(_cell(r, child, name == "th"))
        elif name == "caption":
            caption = finish(r.spans(child.contents))
    if current:
        rows.append(current)
    placed = [row for row in _place_rowspans([row for row in rows if row]) if row]
    if not placed and not caption:
        return None
    return Table(tuple(placed), caption)


def fostered(r: Renderer, node: Tag) -> tuple[Span, ...]:
    """What a table holds outside its cells (in the table or a row), to be shown before it."""
    spans: list[Span] = []
    for holder in [node] + [child for child in (node.contents.nodes if node.contents is not None else ())
                            if type(child) is Tag and code_str(child.tag).strip().lower() in ("tr", "tbody")]:
        if holder.contents is None:
            continue
        loose = [child for child in holder.contents.nodes if type(child) is not Tag or
                 code_str(child.tag).strip().lower() not in _TABLE_PARTS]
        if loose:
            spans.extend(r.spans(Wikicode(loose)))
            spans.append(Span(" "))
    return finish(spans)


_TABLE_PARTS = {"tr", "td", "th", "caption", "tbody", "thead", "tfoot", "col", "colgroup"}


def _is_caption(cell: Tag) -> bool:
    """``|+ text`` at the start of a line: a caption, parsed as a cell whose text starts with "+"."""
    if (cell.wiki_markup or "") not in ("|", "|+") or cell.contents is None:
        return False
    return (cell.wiki_markup or "") == "|+" or str(cell.contents).lstrip(" ").startswith("+")


def _caption(r: Renderer, cell: Tag) -> tuple[Span, ...]:
    spans = finish(r.spans(cell.contents))
    if spans and (cell.wiki_markup or "") == "|" and spans[0].text.startswith("+"):
        rest = spans[0].text[1:].lstrip()
        spans = ((replace(spans[0], text=rest),) if rest else ()) + spans[1:]
    return spans


def _cells(r: Renderer, row: Tag) -> Row:
    cells: Row = []
    if row.contents is None:
        return cells
    for child in row.contents.nodes:
        if type(child) is Tag and code_str(child.tag).strip().lower() in ("td", "th"):
            cells.append(_cell(r, child, code_str(child.tag).strip().lower() == "th"))
    return cells


def _cell(r: Renderer, cell: Tag, header: bool) -> tuple[TableCell, int]:
    spans = finish(r.spans(cell.contents)) if cell.contents is not None else ()
    return TableCell(spans, header, _span(cell, "colspan")), _span(cell, "rowspan")


def _span(cell: Tag, name: str) -> int:
    """The cell's colspan or rowspan: a whole number from 1 to MAX_SPAN (1 when unreadable)."""
    try:
        if not cell.has(name):
            return 1
        value = str(cell.get(name).value).strip().strip("\"'").strip()
    except (ValueError, AttributeError):
        return 1
    return max(1, min(int(value), MAX_SPAN)) if value.isdigit() else 1


def _place_rowspans(rows: list[Row]) -> list[tuple[TableCell, ...]]:
    """The rows with an empty cell wherever a cell from a row above still spans (see the module)."""
    covered: dict[int, tuple[int, int]] = {}  # column -> (rows still to cover, columns wide)
    placed: list[tuple[TableCell, ...]] = []
    for row in rows:
        cells: list[TableCell] = []
        started: dict[int, tuple[int, int]] = {}  # covers begun in this row: from the next row on
        waiting = list(reversed(row))
        col = 0
        while waiting or any(c >= col for c in covered):
            if col in covered:
                width = covered[col][1]
                cells.append(TableCell((), False, width))
                col += width
            elif not waiting:
                gap = min(c for c in covered if c >= col) - col  # nothing written there: empty
                cells.append(TableCell((), False, gap))
                col += gap
            else:
                cell, rowspan = waiting.pop()
                if rowspan > 1:
                    started[col] = (rowspan - 1, cell.colspan)
                cells.append(cell)
                col += cell.colspan
        covered = {c: (left - 1, width) for c, (left, width) in covered.items() if left > 1}
        covered.update(started)
        placed.append(tuple(cells))
    return placed
