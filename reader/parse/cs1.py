"""Citations formatted for a reader, after Wikipedia's CS1 citation style.

`format_citation(kind, fields)` turns the parameters of a citation template (cite web,
cite book, citation, Internetquelle, ...) into inline spans such as::

    Armstrong, Charles K. (May 2005). "Fraternal Socialism". Cold War History. 5 (2):
    161–87. doi:10.1080/1462740500061160. Retrieved 2007-06-01. http://...

`short_citation(fields)` formats the short-footnote family (sfn, harvnb): "Author Year, p. N".
"""

from __future__ import annotations

from functools import lru_cache

from ..model import ITALIC, LINK, Span

# German templates (Internetquelle, Literatur) use German parameter names.
GERMAN_KEYS = {
    "autor": "author", "titel": "title", "titelerg": "title-note", "hrsg": "publisher",
    "herausgeber": "editor", "werk": "work", "sammelwerk": "work", "datum": "date", "jahr": "year",
    "abruf": "access-date", "sprache": "language", "archiv-url": "archive-url",
    "archiv-datum": "archive-date", "zitat": "quote", "verlag": "publisher", "ort": "location",
    "seiten": "pages", "seite": "page", "band": "volume", "nummer": "issue", "auflage": "edition",
    "online": "url", "kapitel": "chapter", "reihe": "series", "format": "format", "kommentar": "note",
    "offline": "dead-url", "originaltitel": "trans-title", "monat": "month", "tag": "day",
}

# Spellings of one parameter, first wins.
_ALIASES = {
    "access-date": ("access-date", "accessdate", "access_date", "accessed"),
    "archive-url": ("archive-url", "archiveurl", "archive_url"),
    "archive-date": ("archive-date", "archivedate", "archive_date"),
    "work": ("work", "website", "newspaper", "journal", "periodical", "magazine", "encyclopedia",
             "encyclopaedia", "dictionary", "series-title", "booktitle", "book-title", "conference"),
    "title": ("title", "trans-title", "trans_title", "script-title"),
    "chapter": ("chapter", "contribution", "section", "entry", "article"),
    "chapter-url": ("chapter-url", "chapterurl", "contribution-url", "section-url"),
    "location": ("location", "place", "publication-place", "publication_place"),
    "pages": ("pages", "pp"),
    "page": ("page", "p", "at"),
    "date": ("date", "publication-date", "publication_date", "airdate", "air-date"),
    "issue": ("issue", "number", "no"),
}

_WHOLE_WORKS = ("book", "map", "thesis", "video", "episode", "av media", "report", "document")
_PARTS = ("web", "news", "journal", "magazine", "press release", "conference", "encyclopedia", "mailing list",
          "newsgroup", "interview", "speech", "podcast", "sign")
_WORK_IS_PERIODICAL = ("journal", "periodical", "magazine", "newspaper")


_RANK: dict[str, tuple[str, int]] = {}
for _canon, _spellings in _ALIASES.items():
    for _rank, _alias in enumerate(_spellings):
        _RANK.setdefault(_alias.replace("_", "-"), (_canon, _rank))

_AUTHOR_PREFIXES = ("last", "first", "author", "surname", "given", "nachname", "vorname", "vauthors")


class Fields:
    """Normalised read access to a citation's parameters (lower-case keys, aliases)."""

    __slots__ = ("values", "canon", "_names", "roles")

    def __init__(self, pairs: tuple[tuple[str, str], ...]) -> None:
        values: dict[str, str] = {}
        for key, value in pairs:
            value = value.strip() if value else ""
            if value:  # a repeated parameter: the last one counts, as in MediaWiki
                key = key.strip().lower().replace("_", "-")
                values[GERMAN_KEYS.get(key, key)] = value
        canon: dict[str, str] = {}
        ranks: dict[str, int] = {}
        roles: set[str] = set()  # "author" / "editor" when some parameter names one
        for key, value in values.items():
            if key.startswith(_AUTHOR_PREFIXES):
                roles.add("author")
            elif key.startswith("editor"):
                roles.add("editor")
            hit = _RANK.get(key)
            if hit is not None and hit[1] < ranks.get(hit[0], 99):
                canon[hit[0]] = value
                ranks[hit[0]] = hit[1]
        self.values = values
        self.canon = canon
        self._names: dict[tuple[str, int], list[str]] = {}
        self.roles = roles

    def get(self, name: str) -> str:
        """The value of `name` under any of its spellings ("" if none)."""
        return self.canon.get(name) or self.values.get(name, "")

    def has(self, key: str) -> bool:
        return bool(self.values.get(key))


def authors(fields: Fields, role: str = "author", limit: int = 4) -> list[str]:
    """Names of the authors (or editors), "Last, First", in order."""
    cached = fields._names.get((role, limit))
    if cached is not None:
        return cached
    names: list[str] = []
    if role in fields.roles or (role not in ("author", "editor") and any(k.startswith(role) for k in fields.values)):
        names = _names(fields.values, role)
    if len(names) > limit:
        names = names[:limit] + ["et al."]
    fields._names[(role, limit)] = names
    return names


def _names(values: dict[str, str], role: str) -> list[str]:
    names: list[str] = []
    for i in range(1, 100):
        last = _first(values, _name_keys(role, "last", i))
        first = _first(values, _name_keys(role, "first", i))
        whole = _first(values, _name_keys(role, "", i))
        if last:
            names.append(f"{last}, {first}" if first else last)
        elif whole:
            names.append(whole)
        elif i > 1:
            break
    if not names:
        group = values.get(role + "s") or (values.get("vauthors") if role == "author" else "")
        if group:
            names.append(group)
    return names


@lru_cache(maxsize=1024)
def _name_keys(role: str, part: str, i: int) -> tuple[str, ...]:
    if not part:
        return (role, f"{role}1") if i == 1 else (f"{role}{i}",)
    if role == "author":
        if i == 1:
            extra = ("surname", "surname1", "nachname") if part == "last" else ("given", "given1", "vorname")
            return (part, f"{part}1", f"author-{part}", f"author1-{part}", f"author-{part}1") + extra
        return (f"{part}{i}", f"author{i}-{part}", f"author-{part}{i}")
    if i == 1:
        return (f"{role}-{part}", f"{role}{part}", f"{role}1-{part}", f"{role}-{part}1")
    return (f"{role}{i}-{part}", f"{role}-{part}{i}")


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = values.get(key)
        if value:
            return value
    return ""


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
        self.parts: list[list] = []  # [text, marks, target] runs
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
            if type(part) is str:
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
        out.sentence("Vol. " + fields.get("volume"))
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
        parts.append(". " + volume if periodical else " " + volume)
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


def _looks_like_year(value: str) -> bool:
    core = value.rstrip("abcdefghijklmnopqrstuvwxyz")
    return core.isdigit() or value.lower() in ("n.d.", "nd") or (core[:4].isdigit() and len(core) <= 9)
