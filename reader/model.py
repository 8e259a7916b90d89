"""The document model: what an article *is*, independent of how it was written or shown.

Everything here is a frozen dataclass built by `reader.parse` and read by `reader.layout`
and the UI.  Nothing here knows about wikitext, rich or Textual.

Shape of an article::

    Article
      title, categories, redirect
      lead: tuple[Block]                 text before the first heading
      sections: tuple[Section]           top-level sections, each with .children
      citations: tuple[Citation]         numbered 1..n by first use

Inline content is a tuple of `Span`s: plain text plus a set of marks (bold, italic,
link, ...).  A citation marker is a `Span` whose `cite` is the citation's number and
whose text is ``[n]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Union

# Marks an inline span can carry.  Plain strings keep the model printable and hashable.
BOLD = "bold"
ITALIC = "italic"
LINK = "link"  # an internal or external link; Span.target holds where it points
CODE = "code"
TAG = "tag"  # a maintenance tag such as "[citation needed]"
SUP = "sup"
SUB = "sub"
SMALL = "small"


@dataclass(frozen=True, slots=True)
class Span:
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


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    spans: Inline


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a bulleted, numbered or definition list.

    `kind` is "bullet", "number", "term" (``;``) or "definition" (``:``); `depth` starts at 1.
    `ordinal` is the item's number within its numbered list (1-based) or 0.
    """

    spans: Inline
    kind: str = "bullet"
    depth: int = 1
    ordinal: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation, with its attribution when the source gave one."""

    spans: Inline
    attribution: Inline = ()


@dataclass(frozen=True, slots=True)
class Preformatted:
    """Text shown as-is in a fixed-width block (lines that start with a space, <pre>)."""

    text: str


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell of a table."""

    spans: Inline
    header: bool = False
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table: rows of cells, with an optional caption."""

    rows: tuple[tuple[TableCell, ...], ...]
    caption: Inline = ()


@dataclass(frozen=True, slots=True)
class ImageCaption:
    """What is left of an image: its file name and caption."""

    file: str
    spans: Inline


@dataclass(frozen=True, slots=True)
class Hatnote:
    """An italic note at the top of a section ("Main article: X", "See also: Y")."""

    spans: Inline


@dataclass(frozen=True, slots=True)
class CitationEntry:
    """A bibliography entry written in the body of the article (not as a footnote).

    Dump files hold many: citation templates whose ``{{`` was lost, left as lines of
    ``| key = value`` ending in ``}}``; and citation templates in a "Sources" list.
    """

    citation: "Citation"
    trailing: Inline = ()  # text after the template on the same line (", OCLC 5437053.")

    @property
    def spans(self) -> Inline:
        """The entry as running text: the citation, then what followed it on its line."""
        if not self.trailing:
            return self.citation.text
        joined = plain(self.citation.text)[-1:] + self.trailing[0].text[:1]
        gap: Inline = () if not joined.strip() or any(c.isspace() for c in joined) else (Span(" "),)
        return self.citation.text + gap + self.trailing


@dataclass(frozen=True, slots=True)
class References:
    """Where a numbered list of footnotes goes (a References/Notes section, <references/>).

    `numbers` are the footnotes it lists (those of its `group` cited since the list before it,
    as MediaWiki lists them); None lists every footnote no other list shows."""

    group: str = ""
    numbers: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Redirect:
    """A ``#REDIRECT Target`` page."""

    target: str


Block = Union[
    Paragraph, ListItem, Quote, Preformatted, Table, ImageCaption, Hatnote, CitationEntry, References, Redirect
]


# ---------------------------------------------------------------------------- citations


@dataclass(frozen=True, slots=True)
class Citation:
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


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, the blocks under it, and its subsections.

    `number` is its place in the table of contents ("2.1").
    """

    level: int
    title: str
    number: str
    blocks: tuple[Block, ...] = ()
    children: tuple["Section", ...] = ()

    def walk(self) -> Iterator["Section"]:
        """This section and all its descendants, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Article:
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

    def citation(self, number: int) -> Citation | None:
        """The footnote with this number, if any."""
        if 1 <= number <= len(self.citations):
            return self.citations[number - 1]
        return None


__all__ = [
    "Article", "Block", "BOLD", "CODE", "Citation", "CitationEntry", "Hatnote", "ITALIC", "ImageCaption",
    "Inline", "LINK", "ListItem", "Paragraph", "Preformatted", "Quote", "Redirect", "References", "SMALL",
    "SUB", "SUP", "Section", "Span", "TAG", "Table", "TableCell", "plain",
]
