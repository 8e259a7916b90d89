"""Footnotes: numbering by first use, reuse of named refs and identical sources.

`Registry` collects the article's footnotes while the blocks are built and hands back the
finished, numbered `model.Citation` tuple.  The same source cited twice keeps one number:
a ``<ref name=x>`` and later ``<ref name=x/>``, or two identical citation templates.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from ..model import Citation, Span
from .cs1_fields import Fields, authors

# Template names (lower case, "_" as space) that are citations, and the kind each gives.
CITATION_KINDS = {
    "cite web": "web", "cite news": "news", "cite book": "book", "cite journal": "journal",
    "cite press release": "press release", "cite map": "map", "citation": "citation",
    "cite conference": "conference", "cite encyclopedia": "encyclopedia", "cite magazine": "magazine",
    "cite episode": "episode", "cite av media": "av media", "cite video": "video", "cite thesis": "thesis",
    "cite report": "report", "cite interview": "interview", "cite speech": "speech", "cite paper": "journal",
    "cite mailing list": "mailing list", "cite newsgroup": "newsgroup", "cite court": "court",
    "cite patent": "patent", "cite serial": "episode", "cite sign": "sign", "cite techreport": "report",
    "cite arxiv": "journal", "cite document": "document", "cite podcast": "podcast",
    "cite dictionary": "encyclopedia", "cite tweet": "web", "vcite book": "book", "vcite journal": "journal",
    "vcite web": "web", "vcite news": "news", "internetquelle": "web", "literatur": "book", "cite doi": "journal",
    "cite pmid": "journal", "cite isbn": "book", "cite isbn13": "book", "cite wikisource": "book",
    "cite hansard": "report", "cite album-notes": "av media", "cite music release notes": "av media",
}
SHORT_KINDS = {"sfn": "sfn", "sfnp": "sfn", "harvnb": "harvnb", "harv": "harv", "harvp": "harv",
               "harvtxt": "harvtxt", "sfnm": "sfn", "harvcolnb": "harvnb", "harvcol": "harv"}


@dataclass
class _Entry:
    number: int
    kind: str = "note"
    text: tuple[Span, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    name: str | None = None
    uses: int = 1
    defined: bool = False


@dataclass
class Registry:
    """The footnotes of one article, numbered 1..n by first use."""

    entries: list[_Entry] = field(default_factory=list)
    by_key: dict[str, _Entry] = field(default_factory=dict)
    by_name: dict[str, _Entry] = field(default_factory=dict)

    def cite(self, kind: str, text: tuple[Span, ...], fields: tuple[tuple[str, str], ...] = (),
             name: str | None = None, key: str | None = None) -> int:
        """Record a use of a footnote; returns its number (an earlier one when it is the same)."""
        entry = self.by_name.get(name) if name else None
        if entry is None and key:
            entry = self.by_key.get(key)
        if entry is not None:
            entry.uses += 1
            if not entry.defined and text:
                self._define(entry, kind, text, fields)
            if name and entry.name is None:
                entry.name = name
                self.by_name[name] = entry
            return entry.number
        entry = _Entry(len(self.entries) + 1, name=name)
        self._define(entry, kind, text, fields)
        self.entries.append(entry)
        if name:
            self.by_name[name] = entry
        if key:
            self.by_key[key] = entry
        return entry.number

    def reuse(self, name: str | None, key: str | None) -> int | None:
        """The number of an already defined footnote with this name or identity, counting the use."""
        entry = (self.by_name.get(name) if name else None) or (self.by_key.get(key) if key else None)
        if entry is None or not entry.defined:
            return None
        entry.uses += 1
        if name and entry.name is None:
            entry.name = name
            self.by_name[name] = entry
        return entry.number

    def use_name(self, name: str) -> int:
        """A ``<ref name=x/>``: the number of x (reserved now when x is defined later)."""
        entry = self.by_name.get(name)
        if entry is not None:
            entry.uses += 1
            return entry.number
        entry = _Entry(len(self.entries) + 1, name=name)
        self.entries.append(entry)
        self.by_name[name] = entry
        return entry.number

    def define_later(self, name: str, kind: str, text: tuple[Span, ...],
                     fields: tuple[tuple[str, str], ...]) -> None:
        """A definition found in the reference list (``<references>`` body): fills a reserved number."""
        entry = self.by_name.get(name)
        if entry is not None and not entry.defined:
            self._define(entry, kind, text, fields)

    @staticmethod
    def _define(entry: _Entry, kind: str, text: tuple[Span, ...], fields: tuple[tuple[str, str], ...]) -> None:
        entry.kind, entry.text, entry.fields = kind, text, fields
        entry.defined = bool(text)

    def build(self, bibliography: list[Citation]) -> tuple[Citation, ...]:
        """The finished citations; short footnotes get `full` from the bibliography when present."""
        has_short = any(entry.kind in SHORT for entry in self.entries)
        index = _bibliography_index(bibliography + [self._plain(e) for e in self.entries if e.kind not in SHORT]) \
            if has_short else {}
        result = []
        for entry in self.entries:
            text = entry.text or (Span(f"(reference named \u201c{entry.name}\u201d: its text is missing)"),)
            full: tuple[Span, ...] = ()
            if entry.kind in SHORT:
                full = _find_full(index, entry.fields)
            result.append(Citation(entry.number, entry.kind, text, entry.fields, entry.name, full, entry.uses))
        return tuple(result)

    @staticmethod
    def _plain(entry: _Entry) -> Citation:
        return Citation(entry.number, entry.kind, entry.text, entry.fields, entry.name)


SHORT = {"sfn", "harvnb", "harv", "harvtxt"}


def _bibliography_index(citations: list[Citation]) -> dict[tuple[str, str], Citation]:
    """(first author's last name, year) -> citation, lower case."""
    index: dict[tuple[str, str], Citation] = {}
    for citation in citations:
        fields = Fields(citation.fields)
        names = authors(fields) or authors(fields, "editor")
        if not names:
            continue
        last = names[0].split(",")[0].strip().lower()
        year = _year(fields.get("date") or fields.get("year"))
        index.setdefault((last, year), citation)
        index.setdefault((last, ""), citation)
    return index


def _year(text: str) -> str:
    digits = [token for token in text.replace(",", " ").split() if token[:4].isdigit()]
    return digits[-1][:4] if digits else ""


def _find_full(index: dict[tuple[str, str], Citation], pairs: tuple[tuple[str, str], ...]) -> tuple[Span, ...]:
    positional = [v.strip() for k, v in pairs if k.strip().isdigit() and v.strip()]
    if not positional:
        return ()
    # The first author's surname: "Egan & Kennedy" and "Egan and Kennedy" are written as one.
    last = re.split(r"\s+(?:&|and)\s+|,", positional[0].lower(), maxsplit=1)[0].strip()
    year = _year(positional[-1]) if len(positional) > 1 else ""
    found = index.get((last, year)) or (index.get((last, "")) if not year else None)
    return found.text if found else ()
