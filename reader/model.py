"""The document model: what an article *is*, independent of how it was written or shown.

Everything here is a frozen record built by `reader.parse` and read by `reader.layout`
and the UI.  Nothing here knows about wikitext, rich or Textual.

The records are msgspec Structs rather than dataclasses: a frozen dataclass compiles six
generated methods when its class is made (Python 3.11: ~1.4 ms a class, 21 ms for these 17, on
the path to the reader's first paint), where a Struct's class is made in C (7 ms with msgspec's
import).  They are also quicker to pickle, which is how the parse-ahead child hands the article
over: the 1 MB article unpickles in 17 ms instead of 76 (on the UI thread).  They compare, hash
and print as the dataclasses did.  `gc=False`: no record can be part of a reference cycle
(each is frozen and holds only records made before it), so the cycle collector never walks
the hundred thousand spans of a long article.

Shape of an article::

    Article
      title, categories, redirect
      lead: tuple[Block]                 text before the first heading
      sections: tuple[Section]           top-level sections, each with .children
      citations: tuple[Citation]         numbered 1..n by first use

The model also answers what several readers of it would otherwise work out by hand:
`Article.outline()` (each section's number, level, title and breadcrumb path, made once),
`Article.section(number)`, `Article.section_path(number)`, and `block_runs` / `block_text`
(the inline runs and the plain text of a block).

Inline content is a tuple of `Span`s: plain text plus a set of marks (bold, italic,
link, ...).  A citation marker is a `Span` whose `cite` is the citation's number and
whose text is ``[n]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from msgspec import Struct

# Marks an inline span can carry.  Plain strings keep the model printable and hashable.
BOLD = "bold"
ITALIC = "italic"
LINK = "link"  # an internal or external link; Span.target holds where it points
CODE = "code"
TAG = "tag"  # a maintenance tag such as "[citation needed]"
SUP = "sup"
SUB = "sub"
SMALL = "small"


class Span(Struct, frozen=True, gc=False):
    """A run of inline text with uniform marks."""

    text: str
    marks: frozenset[str] = frozenset()
    target: str | None = None  # link target (article title or URL) when LINK is in marks
    cite: int | None = None  # citation number when this span is a footnote marker

    @property
    def is_marker(self) -> bool:
        """True for a footnote marker like ``[3]``."""
        return self.cite is not None


Inline = tuple[Span, ...]


def plain(spans: Inline) -> str:
    """The text of some inline content without its marks."""
    return "".join(span.text for span in spans)


# ---------------------------------------------------------------------------- blocks


class Paragraph(Struct, frozen=True, gc=False):
    """A paragraph of running text."""

    spans: Inline


class ListItem(Struct, frozen=True, gc=False):
    """One item of a bulleted, numbered or definition list.

    `kind` is "bullet", "number", "term" (``;``) or "definition" (``:``); `depth` starts at 1.
    `ordinal` is the item's number within its numbered list (1-based) or 0.
    """

    spans: Inline
    kind: str = "bullet"
    depth: int = 1
    ordinal: int = 0


class Quote(Struct, frozen=True, gc=False):
    """A block quotation, with its attribution when the source gave one."""

    spans: Inline
    attribution: Inline = ()


class Preformatted(Struct, frozen=True, gc=False):
    """Text shown as-is in a fixed-width block (lines that start with a space, <pre>)."""

    text: str


class TableCell(Struct, frozen=True, gc=False):
    """One cell of a table."""

    spans: Inline
    header: bool = False
    colspan: int = 1


class Table(Struct, frozen=True, gc=False):
    """A table: rows of cells, with an optional caption."""

    rows: tuple[tuple[TableCell, ...], ...]
    caption: Inline = ()


class ImageCaption(Struct, frozen=True, gc=False):
    """What is left of an image: its file name and caption."""

    file: str
    spans: Inline


class Hatnote(Struct, frozen=True, gc=False):
    """An italic note at the top of a section ("Main article: X", "See also: Y")."""

    spans: Inline


class CitationEntry(Struct, frozen=True, gc=False):
    """A bibliography entry written in the body of the article (not as a footnote).

    Dump files hold many: citation templates whose ``{{`` was lost, left as lines of
    ``| key = value`` ending in ``}}``; and citation templates in a "Sources" list.
    """

    citation: Citation
    trailing: Inline = ()  # text after the template on the same line (", OCLC 5437053.")

    @property
    def spans(self) -> Inline:
        """The entry as running text: the citation, then what followed it on its line."""
        if not self.trailing:
            return self.citation.text
        joined = plain(self.citation.text)[-1:] + self.trailing[0].text[:1]
        gap: Inline = () if not joined.strip() or any(c.isspace() for c in joined) else (Span(" "),)
        return self.citation.text + gap + self.trailing


class References(Struct, frozen=True, gc=False):
    """Where a numbered list of footnotes goes (a References/Notes section, <references/>).

    `numbers` are the footnotes it lists (those of its `group` cited since the list before it,
    as MediaWiki lists them); None lists every footnote no other list shows."""

    group: str = ""
    numbers: tuple[int, ...] | None = None


class Redirect(Struct, frozen=True, gc=False):
    """A ``#REDIRECT Target`` page."""

    target: str


Block = (
    Paragraph | ListItem | Quote | Preformatted | Table | ImageCaption | Hatnote | CitationEntry | References | Redirect
)

# Between a table row's cells when the row is read as one run of text (as the layout shows a
# row too wide for the pane: "▸ a · b · c").
CELL_GAP: Inline = (Span(" · "),)


def block_runs(block: Block) -> tuple[Inline, ...]:
    """The runs of inline text a block holds, in reading order.

    A quote's words, then its attribution; a table's caption, then one run a row (its
    non-empty cells joined by `CELL_GAP`); a bibliography entry's citation, then what followed
    it on its line.  Preformatted text, reference lists and redirects hold no inline text.
    """
    if isinstance(block, (Paragraph, ListItem, Hatnote, ImageCaption)):
        return (block.spans,)
    if isinstance(block, Quote):
        return (block.spans, block.attribution)
    if isinstance(block, Table):
        return (block.caption, *(_row_run(row) for row in block.rows))
    if isinstance(block, CitationEntry):
        return (block.citation.text, block.trailing)
    return ()


def _row_run(row: tuple[TableCell, ...]) -> Inline:
    """One row's cells as one run: a marker alone in its cell (earthquakes: 24 uses of one
    source, each "List" and nothing more) is told apart by the cells before it."""
    run: Inline = ()
    for cell in row:
        if any(span.text.strip() for span in cell.spans):
            run += (CELL_GAP if run else ()) + cell.spans
    return run


def block_text(block: Block) -> str:
    """The plain text of a block: its runs a line each (empty ones left out); a preformatted
    block's text as written; a redirect's target.  An image's file name is a name, not text."""
    if isinstance(block, Preformatted):
        return block.text
    if isinstance(block, Redirect):
        return block.target
    return "\n".join(text for text in map(plain, block_runs(block)) if text)


# ---------------------------------------------------------------------------- citations


class Citation(Struct, frozen=True, gc=False):
    """A source the article cites.

    `number` is the footnote number (1..n, by first use); 0 for a bibliography entry that is
    not a footnote.  `kind` is the template's family: "web", "news", "book", "journal",
    "citation", "sfn" (short footnote), "note" (free text) and so on.  `fields` keeps every
    parameter the source gave, in order, as plain text, so that a popup can show them all.
    `text` is the citation formatted for reading.  `full` is, for a short footnote, the
    bibliography entry it points to when the article has it.
    """

    number: int
    kind: str
    text: Inline
    fields: tuple[tuple[str, str], ...] = ()
    name: str | None = None  # the <ref name=...> it was given, if any
    full: Inline = ()
    uses: int = 1
    label: str = ""  # its marker's text when that is not `number` ("note 1", "a", "2" in a second list)

    @property
    def mark(self) -> str:
        """What its marker shows between brackets: "3", "note 1", "a"."""
        return self.label or str(self.number)

    def field(self, *names: str) -> str:
        """The first non-empty value among `names` ("" if none)."""
        values = dict(self.fields)
        for name in names:
            value = values.get(name, "").strip()
            if value:
                return value
        return ""

    @property
    def url(self) -> str:
        """The citation's URL (or archive URL), "" if none."""
        return self.field("url", "archive-url", "archiveurl", "chapter-url", "chapterurl")


# ---------------------------------------------------------------------------- sections and article


class Section(Struct, frozen=True, gc=False):
    """A heading, the blocks under it, and its subsections.

    `number` is its place in the table of contents ("2.1").
    """

    level: int
    title: str
    number: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


BREADCRUMB = " > "  # between the titles of a section's path, wherever a breadcrumb is written
TOP = "(Top)"  # the title and the lead, where a breadcrumb has no section (as Wikipedia's contents)


def breadcrumb(path: tuple[str, ...]) -> str:
    """A section path as one line ("Migration history > Workers"); `TOP` for the lead."""
    return BREADCRUMB.join(path) or TOP


class OutlineEntry(Struct, frozen=True, gc=False):
    """One section as a line of the table of contents.

    `path` holds the titles from the top-level section down to this one (a breadcrumb).
    """

    number: str
    level: int
    title: str
    path: tuple[str, ...]

    @property
    def breadcrumb(self) -> str:
        """The path as one line: "Migration history > Workers"."""
        return BREADCRUMB.join(self.path)


class _Contents(Struct, frozen=True):
    """An article's outline and its sections by number, worked out once (see `Article`)."""

    outline: tuple[OutlineEntry, ...]
    by_number: dict[str, tuple[Section, OutlineEntry]]

    @classmethod
    def of(cls, sections: tuple[Section, ...]) -> _Contents:
        outline: list[OutlineEntry] = []
        by_number: dict[str, tuple[Section, OutlineEntry]] = {}

        def visit(section: Section, parents: tuple[str, ...]) -> None:
            entry = OutlineEntry(section.number, section.level, section.title, (*parents, section.title))
            outline.append(entry)
            by_number.setdefault(section.number, (section, entry))
            for child in section.children:
                visit(child, entry.path)

        for section in sections:
            visit(section, ())
        return cls(tuple(outline), by_number)


class Article(Struct, frozen=True, dict=True):
    """One article, parsed.

    `complete` is False for a quick first look at the start of a long article (see
    `reader.parse.parse_article(limit=...)`); the full parse replaces it.
    `notices` are human-readable remarks about damage found and repaired while parsing.
    """

    title: str
    categories: tuple[str, ...] = ()
    lead: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    redirect: str | None = None
    notices: tuple[str, ...] = ()
    complete: bool = True
    source_format: str = "dump"  # "dump" or "wikitext"

    def walk(self) -> Iterator[Section]:
        """Every section in reading order."""
        for section in self.sections:
            yield from section.walk()

    def outline(self) -> tuple[OutlineEntry, ...]:
        """Every section as a table-of-contents entry, in reading order (as `walk`)."""
        return self._contents.outline

    def section(self, number: str) -> Section | None:
        """The section numbered `number` ("2.1"); None for the lead ("") or a number it lacks."""
        found = self._contents.by_number.get(number)
        return found[0] if found else None

    def section_path(self, number: str) -> tuple[str, ...]:
        """Titles from the top-level section down to section `number` (() for the lead)."""
        found = self._contents.by_number.get(number)
        return found[1].path if found else ()

    @cached_property
    def _contents(self) -> _Contents:
        # The outline, made on first use: the palette, the popup and every layout ask for it (a
        # layout at each width).  Kept in the article's __dict__ (its one non-field attribute):
        # not compared, not pickled, and `replace` leaves it behind.
        return _Contents.of(self.sections)

    def citation(self, number: int) -> Citation | None:
        """The footnote with this number, if any."""
        if 1 <= number <= len(self.citations):
            return self.citations[number - 1]
        return None


__all__ = [
    "Article", "BREADCRUMB", "Block", "BOLD", "CELL_GAP", "CODE", "Citation", "CitationEntry", "Hatnote", "ITALIC",
    "ImageCaption", "Inline", "LINK", "ListItem", "OutlineEntry", "Paragraph", "Preformatted", "Quote", "Redirect",
    "References", "SMALL", "SUB", "SUP", "Section", "Span", "TAG", "Table", "TableCell", "block_runs", "block_text",
    "TOP", "breadcrumb",
    "plain",
]
