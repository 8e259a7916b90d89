"""Wikitext tables (``{| ... |}``) -> `model.Table`.

mwparserfromhell gives a ``table`` tag holding ``tr`` tags holding ``td``/``th`` tags (the
first row may have no ``tr``).  A ``|+`` caption comes as a cell with that markup.
"""

from __future__ import annotations

from mwparserfromhell.nodes import Tag

from ..model import Span, Table, TableCell
from .inline import Renderer
from .spans import code_str, finish


def build_table(r: Renderer, node: Tag) -> Table | None:
    """The table of a ``table`` tag, or None when it holds no text."""
    rows: list[tuple[TableCell, ...]] = []
    caption: tuple[Span, ...] = ()
    current: list[TableCell] = []
    if node.contents is None:
        return None
    for child in node.contents.nodes:
        if type(child) is not Tag:
            continue
        name = code_str(child.tag).strip().lower()
        if name == "tr":
            if current:
                rows.append(tuple(current))
            current = _cells(r, child)
            if current:
                rows.append(tuple(current))
            current = []
        elif name in ("td", "th"):
            if (child.wiki_markup or "").startswith("|+"):
                caption = finish(r.spans(child.contents))
            else:
                current.append(_cell(r, child, name == "th"))
        elif name == "caption":
            caption = finish(r.spans(child.contents))
    if current:
        rows.append(tuple(current))
    rows = [row for row in rows if row]
    if not rows and not caption:
        return None
    return Table(tuple(rows), caption)


def _cells(r: Renderer, row: Tag) -> list[TableCell]:
    cells = []
    if row.contents is None:
        return cells
    for child in row.contents.nodes:
        if type(child) is Tag and code_str(child.tag).strip().lower() in ("td", "th"):
            cells.append(_cell(r, child, code_str(child.tag).strip().lower() == "th"))
    return cells


def _cell(r: Renderer, cell: Tag, header: bool) -> TableCell:
    colspan = 1
    try:
        if cell.has("colspan"):
            value = str(cell.get("colspan").value).strip().strip('"\'')
            colspan = max(1, min(int(value), 50)) if value.isdigit() else 1
    except (ValueError, AttributeError):
        colspan = 1
    spans = finish(r.spans(cell.contents)) if cell.contents is not None else ()
    return TableCell(spans, header, colspan)
