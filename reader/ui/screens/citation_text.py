"""What the citation popup says, worked out from the model (no Textual here).

- `citation_fields`: every field of a citation under a readable label, authors gathered.
- `citation_url`: the address `o` opens and `y` copies.
- `find_occurrences`: every place in the article that cites a footnote, in reading order.
- `inline_text`: model spans as rich `Text` (bold, italic, links...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text

from reader.model import BOLD, CODE, ITALIC, LINK, SMALL, TAG, Article, Citation, Inline, OutlineEntry, block_runs

# ---------------------------------------------------------------------------- spans

MARK_STYLES = {BOLD: "bold", ITALIC: "italic", CODE: "reverse", TAG: "italic dim", SMALL: "dim", LINK: "underline"}


def inline_text(spans: Inline) -> Text:
    """Inline content as rich Text, its marks as styles (markers and sub/sup kept as text)."""
    text = Text()
    for span in spans:
        styles = [MARK_STYLES[mark] for mark in sorted(span.marks) if mark in MARK_STYLES]
        if span.is_marker:
            styles.append("bold")
        text.append(span.text, style=" ".join(styles))
    return text


# ---------------------------------------------------------------------------- fields

# Readable labels, in the order a reader wants them.  Anything else keeps its own name.
LABELS: list[tuple[tuple[str, ...], str]] = [
    (("title",), "Title"),
    (("trans-title", "trans_title"), "Title (translated)"),
    (("chapter", "contribution", "section"), "Chapter"),
    (("script-title",), "Original title"),
    (("editor", "editors"), "Editor"),
    (("work",), "Work"),
    (("website",), "Website"),
    (("newspaper",), "Newspaper"),
    (("journal",), "Journal"),
    (("magazine",), "Magazine"),
    (("periodical",), "Periodical"),
    (("encyclopedia", "encyclopaedia"), "Encyclopedia"),
    (("series",), "Series"),
    (("edition",), "Edition"),
    (("publisher",), "Publisher"),
    (("agency",), "Agency"),
    (("location", "place", "publication-place"), "Place"),
    (("date",), "Date"),
    (("year",), "Year"),
    (("month",), "Month"),
    (("orig-year", "origyear", "orig-date"), "First published"),
    (("volume",), "Volume"),
    (("issue", "number"), "Issue"),
    (("pages",), "Pages"),
    (("page",), "Page"),
    (("p",), "Page"),
    (("pp",), "Pages"),
    (("at", "loc"), "At"),
    (("language",), "Language"),
    (("format",), "Format"),
    (("type",), "Type"),
    (("isbn", "isbn13"), "ISBN"),
    (("issn",), "ISSN"),
    (("doi",), "DOI"),
    (("oclc",), "OCLC"),
    (("pmid",), "PMID"),
    (("pmc",), "PMC"),
    (("bibcode",), "Bibcode"),
    (("jstor",), "JSTOR"),
    (("arxiv",), "arXiv"),
    (("id",), "Identifier"),
    (("quote",), "Quote"),
    (("via",), "Via"),
    (("access-date", "accessdate"), "Accessed"),
    (("url",), "URL"),
    (("chapter-url", "chapterurl"), "Chapter URL"),
    (("archive-url", "archiveurl"), "Archive URL"),
    (("archive-date", "archivedate"), "Archived"),
    (("url-status", "dead-url", "deadurl"), "URL status"),
]

LABEL_OF = {name: label for names, label in LABELS for name in names}
ORDER = {name: rank for rank, (names, _) in enumerate(LABELS) for name in names}

AUTHOR_KEY = re.compile(r"^(last|first|author|authors|surname|given|author-last|author-first)(\d*)$")


def citation_fields(citation: Citation) -> list[tuple[str, str]]:
    """(label, value) for every non-empty field: "Authors" first, then the usual order.

    Fields we have no label for keep their own name; positional ones ("1") become
    "Parameter 1".  Nothing the source gave is dropped.
    """
    fields = [(key.strip().lower(), value.strip()) for key, value in citation.fields if value.strip()]
    authors, rest = gather_authors(fields)
    rows = [("Authors" if len(authors) > 1 else "Author", "; ".join(authors))] if authors else []
    rest.sort(key=lambda item: ORDER.get(item[0], len(ORDER)))  # stable: unknown keys keep their order
    short = citation.kind == "sfn"
    rows += [(positional_label(value) if short and key.isdigit() else field_label(key), value) for key, value in rest]
    return rows


YEAR = re.compile(r"^(c\. ?)?\d{3,4}[a-z]?$|^n\.d\.$")


def positional_label(value: str) -> str:
    """A short footnote's unnamed parameters are its authors' surnames, then the year."""
    return "Year" if YEAR.match(value.strip()) else "Author"


def gather_authors(fields: list[tuple[str, str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Split off the author fields ("last1"/"first1", "author"...) as "Last, First" names."""
    names: dict[str, dict[str, str]] = {}
    order: list[str] = []
    rest = []
    for key, value in fields:
        match = AUTHOR_KEY.match(key)
        if not match:
            rest.append((key, value))
            continue
        part, index = match.groups()
        index = index or "1"
        if index not in names:
            names[index] = {}
            order.append(index)
        kind = "first" if part in ("first", "given", "author-first") else "last"
        names[index].setdefault(kind, value)
    authors = []
    for index in order:
        last, first = names[index].get("last", ""), names[index].get("first", "")
        authors.append(f"{last}, {first}" if last and first else last or first)
    return authors, rest


def field_label(key: str) -> str:
    """A readable label for a citation parameter name."""
    if key in LABEL_OF:
        return LABEL_OF[key]
    if key.isdigit():
        return f"Parameter {key}"
    return key.replace("-", " ").replace("_", " ").capitalize()


WEB_SCHEMES = ("http://", "https://", "ftp://")


def citation_url(citation: Citation) -> str:
    """The citation's URL; else the first web link in its text (or in its full source).
    A protocol-relative URL ("//bugzilla.mozilla.org/...") gets https, as a browser would."""
    if citation.url:
        return _openable(citation.url)
    for spans in (citation.text, citation.full):
        for span in spans:
            if span.target and span.target.startswith((*WEB_SCHEMES, "//")):
                return _openable(span.target)
    return ""


def _openable(url: str) -> str:
    return "https:" + url if url.startswith("//") else url


def is_web_address(url: str) -> bool:
    """True for an address a browser may open for the reader: `o` opens no other (a dump's
    `url=javascript:...` would run in the served page's own origin, see reader.serve)."""
    return url.strip().lower().startswith(WEB_SCHEMES)


# ---------------------------------------------------------------------------- where it is cited


@dataclass(frozen=True)
class Occurrence:
    """One marker of a footnote in the article.

    `index` counts the markers of this footnote in reading order from 0; `section` is the
    number of the section holding it ("" for the lead); `where` its breadcrumb; `context`
    the words just before the marker.
    """

    number: int
    index: int
    section: str
    where: str
    context: str


def find_occurrences(article: Article, number: int, context: int = 50) -> list[Occurrence]:
    """Every marker `[number]` in the article, in reading order."""
    found: list[Occurrence] = []
    for entry, spans in inline_runs(article):
        before = ""
        for span in spans:
            if span.cite == number:
                found.append(Occurrence(number, len(found), entry.number, entry.breadcrumb,
                                        clip(before.rstrip(" ·"), context)))
            elif not span.is_marker:
                before += span.text
    return found


def clip(text: str, room: int) -> str:
    """The last `room` characters of `text`, starting at a word, on one line."""
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    cut = text[-room:]
    space = cut.find(" ")
    return cut[space + 1:] if 0 <= space < room // 2 else cut


# Where the lead's runs are: no number, no path.
LEAD = OutlineEntry("", 1, "", ())


def inline_runs(article: Article) -> Iterator[tuple[OutlineEntry, Inline]]:
    """(section's outline entry, spans) for every run of inline text (`model.block_runs`), in
    reading order; the lead's under `LEAD`."""
    for block in article.lead:
        for spans in block_runs(block):
            yield LEAD, spans
    for section, entry in zip(article.walk(), article.outline(), strict=True):
        for block in section.blocks:
            for spans in block_runs(block):
                yield entry, spans


__all__ = ["Occurrence", "citation_fields", "citation_url", "find_occurrences", "inline_text"]
