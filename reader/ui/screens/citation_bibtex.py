"""A citation as a BibTeX entry (`b` in the popup) and as plain formatted text (`t`).

The mapping from a citation template's fields (CS1: cite book, cite journal, cite web...) to
BibTeX's entry types and fields is ours; writing the entry, with LaTeX escaping of what BibTeX
would misread ("&", "%", "{", accented letters), is bibtexparser's (and pylatexenc's).  Fields
biblatex knows and BibTeX ignores (`url`, `urldate`, `doi`) are kept: both read the entry.
A citation written as plain text has no fields: it becomes a `@misc` with the text as its note.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reader.model import Citation, plain
from reader.ui.screens.citation_text import citation_url, gather_authors

# The template's family -> (entry type, the field its container goes in).
TYPES: dict[str, tuple[str, str]] = {
    "book": ("book", ""),
    "journal": ("article", "journal"),
    "news": ("article", "journal"),
    "magazine": ("article", "journal"),
    "encyclopedia": ("incollection", "booktitle"),
    "conference": ("inproceedings", "booktitle"),
    "thesis": ("phdthesis", ""),
    "report": ("techreport", ""),
}

# BibTeX field <- the template's parameters, first non-empty wins.
FIELDS: list[tuple[str, tuple[str, ...]]] = [
    ("title", ("title", "trans-title", "script-title")),
    ("chapter", ("chapter", "contribution", "section")),
    ("editor", ("editor", "editors", "editor-last", "editor1-last")),
    ("edition", ("edition",)),
    ("series", ("series",)),
    ("volume", ("volume",)),
    ("number", ("issue", "number")),
    ("pages", ("pages", "page", "pp", "p", "at")),
    ("publisher", ("publisher", "agency")),
    ("address", ("location", "place", "publication-place")),
    ("isbn", ("isbn", "isbn13")),
    ("issn", ("issn",)),
    ("doi", ("doi",)),
    ("url", ()),  # citation_url: the URL, the archive's, or the first link of the text
    ("urldate", ("access-date", "accessdate")),
    ("language", ("language",)),
]
CONTAINER = ("journal", "newspaper", "magazine", "work", "website", "periodical", "encyclopedia",
             "encyclopaedia", "conference", "book-title")
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def citation_as_text(citation: Citation) -> str:
    """The citation as the article formats it, plain text; a short footnote with its full source."""
    text = " ".join(plain(citation.text).split())
    full = " ".join(plain(citation.full).split())
    return f"{text}\n{full}" if full else text


def citation_as_bibtex(citation: Citation) -> str:
    """The citation as one BibTeX entry (its key made of the first author, year and title)."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    fields = bibtex_fields(citation)
    entry_type = TYPES.get(citation.kind, ("misc", ""))[0] if citation.fields else "misc"
    if entry_type == "book" and "chapter" in fields:
        entry_type = "incollection"
        fields["booktitle"] = fields.pop("title", "")
        fields["title"] = fields.pop("chapter")
    key = entry_key(fields)
    authors = fields.pop("author", "")
    encoded = latex({name: value for name, value in fields.items() if name not in VERBATIM})
    if authors:
        names = latex({str(n): name for n, name in enumerate(authors)})
        encoded = {"author": " and ".join(author_name(names[str(n)]) for n in range(len(authors))), **encoded}
    encoded.update({name: value for name, value in fields.items() if name in VERBATIM})
    order = [name for name in fields if name in encoded]
    if "author" in encoded:
        order.insert(0, "author")
    entry = Entry(entry_type, key, [Field(name, encoded[name]) for name in order if encoded[name]])
    return write_string(Library([entry])).strip() + "\n"


VERBATIM = {"url", "doi"}  # read as they are by biblatex: escaping would break them


def latex(values: dict[str, str]) -> dict[str, str]:
    """Each value with what BibTeX would misread ("&", "%", "{", "é") written the LaTeX way."""
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field

    library = Library([Entry("misc", "x", [Field(name, value) for name, value in values.items()])])
    encoded = LatexEncodingMiddleware(keep_math=False, enclose_urls=False).transform(library)
    return {field.key: str(field.value) for field in encoded.entries[0].fields}


def bibtex_fields(citation: Citation) -> dict[str, Any]:
    """BibTeX field -> value for `citation` (empty ones left out), in a conventional order; the
    authors as a list of names."""
    values = [(key.strip().lower(), value.strip()) for key, value in citation.fields if value.strip()]
    authors, _rest = gather_authors(values)
    result: dict[str, Any] = {}
    if authors:
        result["author"] = authors  # a list until it is written
    container = citation.field(*CONTAINER)
    _entry_type, container_field = TYPES.get(citation.kind, ("misc", ""))
    for name, sources in FIELDS:
        value = citation_url(citation) if name == "url" else citation.field(*sources)
        if value:
            result[name] = value
    if container:
        result[container_field or "howpublished"] = container
    year = YEAR.search(citation.field("year", "date") or "")
    if year:
        result["year"] = year.group(1)
    if citation.field("date") and citation.field("date") != result.get("year"):
        result["date"] = citation.field("date")
    if citation.kind in ("thesis", "report") and "publisher" in result:
        result["school" if citation.kind == "thesis" else "institution"] = result.pop("publisher")
    if not citation.fields or "title" not in result:
        result["note"] = citation_as_text(citation)
    return result


def author_name(name: str) -> str:
    """ "Last, First" as it is; a name of an organisation ("BBC News") braced, so that BibTeX
    does not take "News" for a surname."""
    if "," in name or " " not in name.strip():
        return name
    return "{" + name + "}"


def entry_key(fields: dict[str, Any]) -> str:
    """A readable key: first author's surname, year, first long word of the title ("kim2014korean")."""
    authors = fields.get("author") or [""]
    author = authors[0]
    surname = author.split(",")[0] if "," in author else (author.split() or [""])[-1]
    words = [w for w in re.findall(r"\w+", ascii_only(fields.get("title", fields.get("note", "")))) if len(w) > 3]
    key = ascii_only(surname).lower() + fields.get("year", "") + (words[0].lower() if words else "")
    key = re.sub(r"[^a-z0-9]", "", key)
    return key or "citation"


def ascii_only(text: str) -> str:
    """`text` without accents and other non-ASCII letters (a BibTeX key must be plain)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
