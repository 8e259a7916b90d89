"""Model blocks to chunks of text in a `LineStore`: the article's look on a terminal.

Title, categories, numbered headings, paragraphs, lists with hanging indents, quotes,
preformatted text, tables, image captions, hatnotes, bibliography entries and the numbered
References list.  Every block gets a stable ordinal (`block`) so that a reading position
survives a change of width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len

from reader import model
from reader.layout.lines import LineStore, Pieces
from reader.layout.styles import Styles
from reader.layout.table import add_table
from reader.layout.wrap import is_single_cell

BULLETS = ("•", "◦", "▪", "‣")
# Blocks laid out without a blank line between neighbours of the same kind.
_TIGHT = (model.ListItem, model.CitationEntry)


class Enough(Exception):
    """Raised when a layout limited to `max_lines` has them."""


class Builder:
    """Lays out an article block by block into a LineStore (stopping at `max_lines`, if given).

    Tables are laid out by `reader.layout.table`, which sees a builder as a `TableWriter`."""

    def __init__(self, width: int, styles: Styles, max_lines: int | None = None, from_block: int = 0) -> None:
        self.store = LineStore(width)
        self.max_lines = max_lines
        self.from_block = from_block  # count `max_lines` from this block on (a reading position)
        self._counted_from: int | None = 0 if from_block <= 0 else None
        self.styles = styles
        self.block = 0
        self.section = ""
        self.heading_lines: dict[str, int] = {"": 0}
        self.section_order: list[tuple[int, str]] = [(0, "")]  # (first chunk, number)
        self.listed: set[int] = set()  # footnotes a reference list has shown
        self.redirects_shown: set[str] = set()
        self._previous: type | None = None

    # ------------------------------------------------------------------ helpers

    def check_enough(self) -> None:
        """Raise Enough once `max_lines` lines follow block `from_block` (when limited)."""
        if self.max_lines is None:
            return
        if self._counted_from is None:
            if self.block < self.from_block:
                return
            self._counted_from = len(self.store)
        if len(self.store) - self._counted_from >= self.max_lines:
            raise Enough

    def pieces(self, spans: Iterable[model.Span]) -> Pieces:
        """Model spans to (text, style, cite) pieces."""
        for_span = self.styles.for_span
        return [(span.text, for_span(span), span.cite) for span in spans]

    def text(self, pieces: Pieces, *, base: str | None = None, first: str = "", rest: str | None = None,
             prefix_style: str = "bullet", offset: int = 0) -> None:
        """Add a wrapped chunk with a first-line prefix and a hanging indent."""
        style = self.styles[prefix_style] if prefix_style else None
        first_index = self.store.prefix(first, style)
        rest_index = self.store.prefix(" " * cell_len(first) if rest is None else rest, style)
        self.store.add_text(
            pieces, base=self.styles[base] if base else None, first=first_index, rest=rest_index,
            block=self.block, block_offset=offset, section=self.section,
        )

    def start_block(self, kind: type) -> None:
        """A blank line before the block unless it continues a tight list."""
        self.check_enough()
        if not (kind is self._previous and kind in _TIGHT):
            self.store.blank()
        self._previous = kind
        self.block += 1

    # ------------------------------------------------------------------ article parts

    def article(self, article: model.Article) -> None:
        """Lay out the whole article."""
        self.title(article)
        if article.redirect:
            self.redirect(article.redirect)
        for block in article.lead:
            self.add_block(block, article)
        for section in article.walk():
            self.heading(section)
            for block in section.blocks:
                self.add_block(block, article)
        if any(citation.number not in self.listed for citation in article.citations):
            # Footnotes no list in the text shows: they still belong at the end.
            self.start_block(model.Hatnote)
            self.text([("Notes", self.styles.heading(2), None)])
            self.references(article, model.References())
        self.categories(article)

    def title(self, article: model.Article) -> None:
        self.block += 1
        title = article.title or "(untitled)"
        self.text([(title, self.styles["title"], None)])
        rule = "═" * min(self.store.width, max(cell_len(title), 1))
        self.text([(rule, self.styles["title_rule"], None)])
        if article.categories:
            self.block += 1
            self.text([(categories_line(article.categories, self.store.width), None, None)], base="category")
        self._previous = None

    def categories(self, article: model.Article) -> None:
        """The full list of categories at the end, as Wikipedia has it, when the line at the top
        could not hold them all (21 rows of categories came before the first sentence)."""
        names = article.categories
        if not names or cell_len(categories_line(names, self.store.width)) >= cell_len(_all_categories(names)):
            return
        self.start_block(model.Hatnote)
        self.text([(CATEGORIES_LABEL + " · ".join(names), None, None)], base="category", first="",
                  rest=" " * len(CATEGORIES_LABEL))

    def redirect(self, target: str) -> None:
        if target in self.redirects_shown:  # the article's redirect and its #REDIRECT line: once
            return
        self.redirects_shown.add(target)
        self.start_block(model.Redirect)
        self.text([("↪ Redirect to ", None, None), (target, self.styles["link"], None)], base="redirect")

    def heading(self, section: model.Section) -> None:
        self.check_enough()
        self.store.blank()
        self.block += 1
        self.section = section.number
        self.heading_lines[section.number] = len(self.store)
        self.section_order.append((len(self.store.chunks), section.number))
        style = self.styles.heading(section.level)
        number = f"{section.number} " if section.number else ""
        self.text([(number, self.styles["heading_number"], None), (section.title, style, None)], base=None,
                  first="", rest=" " * cell_len(number))
        self._previous = None

    def add_block(self, block: model.Block, article: model.Article) -> None:
        """Lay out one block of body text."""
        if isinstance(block, model.Redirect):
            self.redirect(block.target)
            return
        self.start_block(type(block))
        pieces = self.pieces
        if isinstance(block, model.Paragraph):
            self.text(pieces(block.spans))
        elif isinstance(block, model.ListItem):
            self.list_item(block)
        elif isinstance(block, model.Quote):
            self.quote(block)
        elif isinstance(block, model.Preformatted):
            self.preformatted(block.text)
        elif isinstance(block, model.Table):
            add_table(self, block)
        elif isinstance(block, model.ImageCaption):
            # Dump debris ("thumb|caption") has lost the file's name: no empty "[Image: ]".
            label = f"[Image: {block.file}]" if block.file.strip() else "[Image]"
            caption = pieces(block.spans)
            head = [(label, self.styles["caption_label"], None)]
            self.text(head + ([(" ", None, None)] + caption if caption else []), base="caption", rest="  ")
        elif isinstance(block, model.Hatnote):
            self.text(pieces(block.spans), base="hatnote", first="  ", prefix_style="")
        elif isinstance(block, model.CitationEntry):
            self.text(pieces(block.spans), first="• ")
        elif isinstance(block, model.References):
            self.references(article, block)

    def list_item(self, item: model.ListItem) -> None:
        indent = "  " * (max(item.depth, 1) - 1)
        spans = self.pieces(item.spans)
        if item.kind == "number":
            self.text(spans, first=f"{indent}{item.ordinal or 1}. ")
        elif item.kind == "term":
            self.text(spans, base="term", first=indent)
        elif item.kind == "definition":
            self.text(spans, first=indent + "    ")
        else:
            bullet = BULLETS[(max(item.depth, 1) - 1) % len(BULLETS)]
            self.text(spans, first=f"{indent}{bullet} ")

    def quote(self, quote: model.Quote) -> None:
        self.text(self.pieces(quote.spans), base="quote", first="  │ ", prefix_style="quote_bar")
        if quote.attribution:
            self.text([("— ", None, None)] + self.pieces(quote.attribution), first="  │ ", rest="  │   ",
                      prefix_style="quote_bar")

    def preformatted(self, text: str) -> None:
        """Lines kept as written; only a line wider than the pane is cut (never lost)."""
        text = text.expandtabs(8)
        store = self.store
        prefix = store.prefix("  ")
        room = store.width - store.prefixes[prefix].cells
        breaks: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            line = line.rstrip()
            breaks.extend(_chop(line, pos, room))
            pos += len(line) + 1
        # rstrip shortened lines: rebuild the text the breaks point into.
        plain = "\n".join(line.rstrip() for line in text.split("\n"))
        store.add_text([(plain, self.styles["pre"], None)], first=prefix, block=self.block, section=self.section,
                       breaks=breaks)

    def references(self, article: model.Article, block: model.References) -> None:
        """A numbered list of footnotes: those `block` names, else every one not listed yet."""
        wanted = None if block.numbers is None else set(block.numbers)
        citations = [citation for citation in article.citations if citation.number not in self.listed
                     and (wanted is None or citation.number in wanted)]
        if not citations:
            return
        self.listed.update(citation.number for citation in citations)
        # A list counts on its own (its group's name is the markers' only: "[note 1]" is "1.").
        marks = [citation.mark.rsplit(" ", 1)[-1] for citation in citations]
        width = max(len(mark) for mark in marks) + 2
        for citation, mark in zip(citations, marks, strict=True):
            self.check_enough()
            self.block += 1
            number = f"{mark}.".rjust(width - 1) + " "
            body = self.pieces(citation.text) or [(citation.field("title") or "(empty citation)", None, None)]
            self.text(body, first=number, prefix_style="reference_number")
        self._previous = model.CitationEntry


def _chop(line: str, pos: int, room: int) -> Sequence[tuple[int, int]]:
    """Offsets of `line` (at `pos`) cut into pieces of at most `room` cells."""
    if not line:
        return [(pos, pos)]
    if is_single_cell(line):
        return [(pos + i, pos + min(i + room, len(line))) for i in range(0, len(line), max(room, 1))]
    pieces: list[tuple[int, int]] = []
    start, used = 0, 0
    for i, char in enumerate(line):
        size = cell_len(char)
        if used + size > room and used:
            pieces.append((pos + start, pos + i))
            start, used = i, 0
        used += size
    pieces.append((pos + start, pos + len(line)))
    return pieces


CATEGORIES_LABEL = "Categories: "


def _all_categories(names: tuple[str, ...]) -> str:
    return CATEGORIES_LABEL + " · ".join(names)


def categories_line(names: tuple[str, ...], width: int) -> str:
    """The categories in one line of `width` cells: all of them when they fit, else as many as
    fit and how many more the end of the article lists."""
    whole = _all_categories(names)
    if cell_len(whole) <= width:
        return whole
    shown: list[str] = []
    for name in names:
        more = len(names) - len(shown) - 1
        candidate = CATEGORIES_LABEL + " · ".join([*shown, name]) + (f" · {more} more at the end" if more else "")
        if cell_len(candidate) > width:
            break
        shown.append(name)
    more = len(names) - len(shown)
    line = CATEGORIES_LABEL + " · ".join([*shown, f"{more} more at the end"] if shown else [f"{more}, at the end"])
    return line if cell_len(line) <= width else f"{len(names)} categories at the end"

