"""Citations formatted for a reader, after Wikipedia's CS1 citation style.

`format_citation(kind, fields)` turns the parameters of a citation template (cite web,
cite book, citation, Internetquelle, ...) into inline spans such as::

    Armstrong, Charles K. (May 2005). "Fraternal Socialism". Cold War History. 5 (2):
    161–87. doi:10.1080/1462740500061160. Retrieved 2007-06-01. http://...

`short_citation(fields)` formats the short-footnote family (sfn, harvnb): "Author Year, p. N".
"""

from __future__ import annotations

import re
from typing import Any

from ..model import ITALIC, LINK, Span
from .cs1_fields import Fields, authors

_WHOLE_WORKS = ("book", "map", "thesis", "video", "episode", "av media", "report", "document")
_PARTS = ("web", "news", "journal", "magazine", "press release", "conference", "encyclopedia", "mailing list",
          "newsgroup", "interview", "speech", "podcast", "sign")
_WORK_IS_PERIODICAL = ("journal", "periodical", "magazine", "newspaper")


def join_names(names: list[str]) -> str:
    """Names separated by semicolons, "et al." attached with a space."""
    if names and names[-1] == "et al.":
        return "; ".join(names[:-1]) + " et al."
    return "; ".join(names)


def _date(fields: Fields) -> str:
    date = fields.get("date")
    if date:
        return date
    year = fields.get("year")
    month = fields.get("month")
    day = fields.get("day")
    if year and month:
        return " ".join(part for part in (day, month, year) if part)
    return year or fields.get("orig-year")


def _pages(fields: Fields, periodical: bool) -> str:
    pages = fields.get("pages")
    page = fields.get("page")
    if periodical:
        return pages or page
    if pages:
        return ("pp. " if any(c in pages for c in "-–,") else "p. ") + pages
    if page:
        return ("p. " + page) if not fields.has("at") or fields.has("page") else page
    return ""


def _ends_sentence(text: str) -> bool:
    """Whether `text` already ends a sentence ("...end." or "\u201cQuoted title?\u201d")."""
    return text.rstrip().rstrip("\u201d\"'").endswith((".", "!", "?"))


_PLAIN: frozenset[str] = frozenset()


class _Out:
    """Accumulates text runs, merging neighbours alike and separating sentences with ". "."""

    __slots__ = ("parts", "closed")

    def __init__(self) -> None:
        self.parts: list[list[Any]] = []  # [text, marks, target] runs
        self.closed = False  # URLs were appended: no full stop after them

    def add(self, text: str, marks: frozenset[str] = _PLAIN, target: str | None = None) -> None:
        if not text:
            return
        parts = self.parts
        if parts:
            last = parts[-1]
            if last[2] == target and last[1] == marks:
                last[0] += text
                return
        parts.append([text, marks, target])

    def sentence(self, *parts: Span | str) -> None:
        first = True
        for part in parts:
            if not part:
                continue
            if first:
                first = False
                if self.parts:
                    self.add(" " if _ends_sentence(self.parts[-1][0]) else ". ")
            if isinstance(part, str):
                self.add(part)
            else:
                self.add(part.text, part.marks, part.target)

    def finish(self) -> tuple[Span, ...]:
        if self.parts and not self.closed and not _ends_sentence(self.parts[-1][0]):
            self.add(".")
        return tuple(Span(text, marks, target) for text, marks, target in self.parts)


ITAL = frozenset({ITALIC})


def format_citation(kind: str, pairs: tuple[tuple[str, str], ...]) -> tuple[Span, ...]:
    """A citation template's parameters formatted like Wikipedia's CS1 style."""
    fields = Fields(pairs)
    out = _Out()
    names = authors(fields)
    editors_first = not names and not fields.get("chapter")
    if editors_first:
        editors = authors(fields, "editor")
        if editors:
            names = [join_names(editors) + (", ed." if len(editors) == 1 else ", eds.")]
    date = _date(fields)
    work = fields.get("work")
    periodical = kind in ("journal", "news", "magazine") or any(fields.has(k) for k in _WORK_IS_PERIODICAL)
    if names:
        head = join_names(names)
        out.sentence(head + (f" ({date})" if date else ""))
    _title_part(out, kind, fields, work)
    edition = fields.get("edition")
    if edition:
        out.add(f" ({edition}{'' if 'ed' in edition.lower() else ' ed.'})")
    if fields.get("format"):
        out.add(f" ({fields.get('format')})")
    if fields.get("language") and fields.get("language").lower() not in ("en", "english"):
        out.add(f" (in {fields.get('language')})")
    series = fields.get("series")
    if kind == "episode":
        out.sentence(Span(series, ITAL) if series else "")
        out.sentence("Season " + fields.get("season") if fields.get("season") else "")
        out.sentence("Episode " + fields.get("issue") if fields.get("issue") else "")
    elif series and series != work:
        out.sentence(series)
    if work:
        _work_part(out, fields, work, periodical)
    elif fields.get("volume"):
        volume = fields.get("volume")
        # Some articles write the label themselves ("volume = Vol. 23"): not "Vol. Vol. 23".
        out.sentence(volume if volume.lower().startswith(("vol", "band", "bd.", "tome")) else "Vol. " + volume)
    place = fields.get("location")
    publisher = (fields.get("publisher") or fields.get("institution") or fields.get("agency")
                 or fields.get("network") or fields.get("station"))
    if place and publisher:
        out.sentence(f"{place}: {publisher}")
    else:
        out.sentence(publisher or place)
    if date and not names:
        out.sentence(date)
    if not (periodical and fields.get("volume")):
        out.sentence(_pages(fields, False))
    _identifiers(out, fields)
    _archive_and_access(out, fields)
    quote = fields.get("quote")
    if quote:
        out.sentence(f"\u201c{quote}\u201d")
    if fields.get("note"):
        out.sentence(fields.get("note"))
    _leftovers(out, pairs)
    _urls(out, fields)
    return out.finish()


def _title_part(out: _Out, kind: str, fields: Fields, work: str) -> None:
    title = fields.get("title")
    chapter = fields.get("chapter")
    url = fields.get("url")
    if chapter:
        out.sentence(Span(f"\u201c{chapter}\u201d", frozenset({LINK}) if fields.get("chapter-url") else frozenset(),
                          fields.get("chapter-url") or None))
        editors = authors(fields, "editor")
        prefix = ("In " + join_names(editors) + (" (ed.)" if len(editors) == 1 else " (eds.)") + " ") if editors else ""
        if title:
            out.sentence(prefix, Span(title, ITAL | ({LINK} if url else set()), url or None))
        return
    if not title:
        return
    # Books and other whole works are italic; a part of something (web page, article) is quoted.
    italic = kind in _WHOLE_WORKS or (kind not in _PARTS and not work)
    marks = (ITAL if italic else frozenset()) | (frozenset({LINK}) if url else frozenset())
    text = title if italic else f"\u201c{title}\u201d"
    out.sentence(Span(text, marks, url or None))
    trans = fields.values.get("trans-title") or fields.values.get("trans_title")
    if trans and trans != title:
        out.add(f" [{trans}]")
    editors = authors(fields, "editor")
    if editors and authors(fields):
        out.sentence(join_names(editors) + (" (ed.)" if len(editors) == 1 else " (eds.)"))


def _work_part(out: _Out, fields: Fields, work: str, periodical: bool) -> None:
    volume = fields.get("volume")
    issue = fields.get("issue")
    pages = _pages(fields, True) if periodical and volume else ""
    parts: list[Span | str] = [Span(work, ITAL)]
    if volume:
        # "Sleep Med. 9", not "Sleep Med.. 9": an abbreviated journal name ends its own sentence.
        parts.append(". " + volume if periodical and not work.rstrip().endswith(".") else " " + volume)
    if issue:
        parts.append(f" ({issue})" if volume else f" no. {issue}")
    if pages:
        parts.append(": " + pages)
    out.sentence(*parts)


def _identifiers(out: _Out, fields: Fields) -> None:
    for key, label in (("isbn", "ISBN "), ("issn", "ISSN "), ("oclc", "OCLC "), ("doi", "doi:"),
                       ("pmid", "PMID "), ("pmc", "PMC "), ("jstor", "JSTOR "), ("arxiv", "arXiv:"),
                       ("bibcode", "Bibcode:"), ("id", "")):
        value = fields.values.get(key) or fields.values.get(key.upper())
        if value:
            out.sentence(label + value)


def _archive_and_access(out: _Out, fields: Fields) -> None:
    if fields.get("archive-url"):
        date = fields.get("archive-date")
        out.sentence("Archived from the original" + (f" on {date}" if date else ""))
    dead = fields.values.get("dead-url") or fields.values.get("deadurl") or fields.values.get("url-status")
    if dead and dead.lower() in ("yes", "dead", "ja", "1"):
        out.sentence("(dead link)")
    access = fields.get("access-date")
    if access:
        out.sentence("Retrieved " + access)


_KNOWN = {
    "url", "title", "trans-title", "script-title", "chapter", "contribution", "section", "entry", "work",
    "website", "newspaper", "journal", "periodical", "magazine", "encyclopedia", "encyclopaedia",
    "dictionary", "publisher", "location", "place", "publication-place", "date", "year", "month", "day",
    "orig-year", "origyear", "volume", "issue", "number", "no", "pages", "page", "pp", "p", "at", "edition",
    "isbn", "issn", "oclc", "doi", "pmid", "pmc", "jstor", "arxiv", "bibcode", "id", "access-date",
    "accessdate", "accessed", "archive-url", "archiveurl", "archive-date", "archivedate", "quote", "format",
    "language", "series", "note", "ref", "dead-url", "deadurl", "url-status", "chapter-url", "chapterurl",
    "institution", "agency", "conference", "booktitle", "book-title", "series-title", "title-note", "type",
}


def _leftovers(out: _Out, pairs: tuple[tuple[str, str], ...]) -> None:
    """Positional values a damaged template left without a name: shown, never lost."""
    for key, value in pairs:
        if key.strip().isdigit() and value.strip():
            value = value.strip()
            out.sentence("doi:" + value if value.startswith("10.") and "/" in value else value)  # {{cite doi|10...}}


def _urls(out: _Out, fields: Fields) -> None:
    url = fields.get("url") or fields.get("chapter-url")
    if url:
        if out.parts and not _ends_sentence(out.parts[-1][0]):
            out.add(".")
        out.add(" ")
        out.add(url, frozenset({LINK}), url)
        out.closed = True
    archive = fields.get("archive-url")
    if archive and archive != url:
        out.add(" (archive: ")
        out.add(archive, frozenset({LINK}), archive)
        out.add(")")
        out.closed = True


def short_citation(pairs: tuple[tuple[str, str], ...], parens: bool = False) -> str:
    """Short footnote text for sfn/harvnb/harv: "Author Year, p. N" (named parts kept)."""
    positional = [v.strip() for k, v in pairs if k.strip().isdigit() and v.strip()]
    named = {k.strip().lower(): v.strip() for k, v in pairs if not k.strip().isdigit() and v.strip()}
    year = ""
    names = positional
    if positional and _looks_like_year(positional[-1]):
        year = positional[-1]
        names = positional[:-1]
    if len(names) > 3:
        names = names[:1] + ["et al."]
        author = " ".join(names)
    elif len(names) == 3:
        author = f"{names[0]}, {names[1]} & {names[2]}"
    else:
        author = " & ".join(names)
    text = " ".join(part for part in (author, year) if part)
    location = ""
    if named.get("p"):
        location = "p. " + named["p"]
    elif named.get("page"):
        location = "p. " + named["page"]
    elif named.get("pp") or named.get("pages"):
        location = "pp. " + (named.get("pp") or named.get("pages", ""))
    elif named.get("loc") or named.get("at"):
        location = named.get("loc") or named.get("at", "")
    if location:
        text = f"{text}, {location}"
    if parens:
        text = f"({text})"
    return text


def sources_of_sfnm(pairs: tuple[tuple[str, str], ...]) -> list[tuple[tuple[str, str], ...]]:
    """``{{sfnm|1a1=Russell|1y=2001|1pp=77–79|2a1=Sobel|2p=129}}``: each source as the parameters
    an sfn of it would have ((("1", "Russell"), ("2", "2001"), ("pp", "77–79")), ...)."""
    sources: dict[int, dict[str, str]] = {}
    for key, value in pairs:
        match = _SFNM_KEY.match(key.strip().lower())
        if match and value.strip():
            sources.setdefault(int(match.group(1)), {})[match.group(2)] = value.strip()
    result = []
    for number in sorted(sources):
        parts = sources[number]
        authors = [parts[f"a{i}"] for i in range(1, 5) if parts.get(f"a{i}")]
        positional = authors + ([parts["y"]] if parts.get("y") else [])
        named = [(name, parts[name]) for name in ("p", "pp", "loc") if parts.get(name)]
        result.append(tuple((str(i), value) for i, value in enumerate(positional, 1)) + tuple(named))
    return result


def is_sfnm(pairs: tuple[tuple[str, str], ...]) -> bool:
    """Whether a short citation's parameters are an sfnm's ("1a1", "2p"...)."""
    return any(_SFNM_KEY.match(key.strip().lower()) for key, _ in pairs)


def sfnm_citation(pairs: tuple[tuple[str, str], ...]) -> str:
    """"Russell 2001, pp. 77–79; Sobel 1999, p. 129": an sfnm's sources, as Wikipedia writes them."""
    return "; ".join(short_citation(source) for source in sources_of_sfnm(pairs))


_SFNM_KEY = re.compile(r"^(\d+)(a[1-4]|y|p|pp|loc)$")


def _looks_like_year(value: str) -> bool:
    core = value.rstrip("abcdefghijklmnopqrstuvwxyz")
    return core.isdigit() or value.lower() in ("n.d.", "nd") or (core[:4].isdigit() and len(core) <= 9)
