"""A citation template's parameters read as CS1 reads them: spellings, aliases, German names,
and the authors or editors in order.  `reader.parse.cs1` formats what `Fields` reads.
"""

from __future__ import annotations

from functools import lru_cache

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
    if role == "author" and names:
        # The deprecated `coauthors` still fills many older articles' bibliographies.
        extra = values.get("coauthors") or values.get("coauthor")
        if extra:
            names.append(extra)
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
