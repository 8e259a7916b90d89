"""Footnotes: numbering by first use, reuse of named refs and identical sources.

`Registry` collects the article's footnotes while the blocks are built and hands back the
finished, numbered `model.Citation` tuple.  The same source cited twice keeps one number:
a ``<ref name=x>`` and later ``<ref name=x/>``, or two identical citation templates.

As in MediaWiki, a footnote belongs to a group (``<ref group=note>``: marker "[note 1]";
``{{efn}}``'s "lower-alpha": "[a]"), each group is numbered on its own, and a reference list
(`close_list`) lists its group's footnotes cited since the list before; numbering then starts
again from 1.  Each footnote keeps one article-wide `number` (what a marker points to) and a
`label` when what its marker shows differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Citation, Span
from .cs1 import is_sfnm, sources_of_sfnm
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
    group: str = ""
    shown: int = 0  # its number within its group and list
    shorts: tuple[tuple[tuple[str, str], ...], ...] = ()  # short citations in a note ({{harvnb}}s)


_ALPHA = "abcdefghijklmnopqrstuvwxyz"
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"


def group_label(group: str, shown: int) -> str:
    """A marker's text: "3", "note 3", or the group's counting style ("c", "C", "iii", "γ")."""
    if group in ("lower-alpha", "upper-alpha", "lower-greek") and shown > 0:
        letters = _GREEK if group == "lower-greek" else _ALPHA
        text = ""
        while shown:
            shown, rest = divmod(shown - 1, len(letters))
            text = letters[rest] + text
        return text.upper() if group == "upper-alpha" else text
    if group in ("lower-roman", "upper-roman") and shown > 0:
        roman = _roman(shown)
        return roman if group == "upper-roman" else roman.lower()
    return f"{group} {shown}" if group else str(shown)


def _roman(number: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in values:
        while number >= value:
            text += letters
            number -= value
    return text


@dataclass
class Registry:
    """The footnotes of one article, numbered 1..n by first use."""

    entries: list[_Entry] = field(default_factory=list)
    by_key: dict[str, _Entry] = field(default_factory=dict)
    by_name: dict[str, _Entry] = field(default_factory=dict)  # names of another group than "" start "group\x1f"
    counters: dict[str, int] = field(default_factory=dict)  # footnotes of each group since its last list
    unlisted: dict[str, list[int]] = field(default_factory=dict)

    def _new(self, name: str | None, group: str) -> _Entry:
        shown = self.counters.get(group, 0) + 1
        self.counters[group] = shown
        entry = _Entry(len(self.entries) + 1, name=name, group=group, shown=shown)
        self.entries.append(entry)
        self.unlisted.setdefault(group, []).append(entry.number)
        return entry

    def has_name(self, name: str, group: str = "") -> bool:
        """Whether a footnote called `name` was met (defined or only reserved)."""
        return _named(name, group) in self.by_name

    def marker(self, number: int) -> Span:
        """The marker of footnote `number`: "[3]", "[note 1]", "[a]"."""
        entry = self.entries[number - 1] if 0 < number <= len(self.entries) else None
        label = group_label(entry.group, entry.shown) if entry is not None else str(number)
        return Span(f"[{label}]", frozenset(), None, number)

    def close_list(self, group: str = "") -> tuple[int, ...]:
        """A reference list of `group`: the footnotes it lists; the group's numbering starts again."""
        self.counters[group] = 0
        return tuple(self.unlisted.pop(group, []))

    def follow(self, name: str, text: tuple[Span, ...], group: str = "") -> bool:
        """``<ref follow=name>``: `text` continues the footnote called `name`; False if there is none."""
        key = _named(name, group)
        entry = self.by_name.get(key) if key is not None else None
        if entry is None or not entry.defined:
            return False
        entry.text = entry.text + (Span(" "),) + text
        return True

    def cite(self, kind: str, text: tuple[Span, ...], fields: tuple[tuple[str, str], ...] = (),
             name: str | None = None, key: str | None = None, group: str = "",
             shorts: tuple[tuple[tuple[str, str], ...], ...] = ()) -> int:
        """Record a use of a footnote; returns its number (an earlier one when it is the same)."""
        name = _named(name, group)
        if group and key:
            key = group + "\x1f" + key
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
        entry = self._new(name, group)
        self._define(entry, kind, text, fields)
        entry.shorts = shorts
        if name:
            self.by_name[name] = entry
        if key:
            self.by_key[key] = entry
        return entry.number

    def reuse(self, name: str | None, key: str | None, group: str = "") -> int | None:
        """The number of an already defined footnote with this name or identity, counting the use."""
        name = _named(name, group)
        if group and key:
            key = group + "\x1f" + key
        entry = (self.by_name.get(name) if name else None) or (self.by_key.get(key) if key else None)
        if entry is None or not entry.defined:
            return None
        entry.uses += 1
        if name and entry.name is None:
            entry.name = name
            self.by_name[name] = entry
        return entry.number

    def use_name(self, name: str, group: str = "") -> int:
        """A ``<ref name=x/>``: the number of x (reserved now when x is defined later)."""
        name = _named(name, group) or name
        entry = self.by_name.get(name)
        if entry is not None:
            entry.uses += 1
            return entry.number
        entry = self._new(name, group)
        self.by_name[name] = entry
        return entry.number

    def define_later(self, name: str, kind: str, text: tuple[Span, ...],
                     fields: tuple[tuple[str, str], ...], group: str = "") -> None:
        """A definition found in the reference list (``<references>`` body): fills a reserved number."""
        entry = self.by_name.get(_named(name, group) or name)
        if entry is not None and not entry.defined:
            self._define(entry, kind, text, fields)

    @staticmethod
    def _define(entry: _Entry, kind: str, text: tuple[Span, ...], fields: tuple[tuple[str, str], ...]) -> None:
        entry.kind, entry.text, entry.fields = kind, text, fields
        entry.defined = bool(text)

    def build(self, bibliography: list[Citation]) -> tuple[Citation, ...]:
        """The finished citations; short footnotes get `full` from the bibliography when present."""
        has_short = any(entry.kind in SHORT or entry.shorts for entry in self.entries)
        sources = bibliography + [self._plain(e) for e in self.entries if e.kind not in SHORT] if has_short else []
        index, anchors = _bibliography_index(sources)
        result = []
        for entry in self.entries:
            shown_name = entry.name.split("\x1f", 1)[-1] if entry.name else None
            text = entry.text or (Span(f"(reference named \u201c{shown_name}\u201d: its text is missing)"),)
            full: tuple[Span, ...] = ()
            if entry.kind in SHORT:
                full = _find_all(index, anchors, entry.fields)
            elif entry.shorts:  # a note citing sources in short ("See {{harvnb|Smith|2001}}; ...")
                found = [_find_all(index, anchors, short) for short in entry.shorts]
                full = tuple(span for i, text in enumerate(t for t in found if t)
                             for span in ((Span("\n"),) if i else ()) + text)
            label = group_label(entry.group, entry.shown)
            result.append(Citation(entry.number, entry.kind, text, entry.fields, shown_name, full, entry.uses,
                                   "" if label == str(entry.number) else label))
        return tuple(result)

    @staticmethod
    def _plain(entry: _Entry) -> Citation:
        return Citation(entry.number, entry.kind, entry.text, entry.fields, entry.name)


SHORT = {"sfn", "harvnb", "harv", "harvtxt"}


def _named(name: str | None, group: str) -> str | None:
    """The key of a footnote's name: names are per group, as in MediaWiki."""
    return (group + "\x1f" + name if group else name) if name else None


def _bibliography_index(citations: list[Citation]) -> tuple[dict[tuple[str, str], Citation], dict[str, Citation]]:
    """Two ways to the bibliography's entries, made in one pass: (first author's last name, year),
    lower case; and the anchor a short footnote names (see `_anchor_keys`)."""
    index: dict[tuple[str, str], Citation] = {}
    anchors: dict[str, Citation] = {}
    for citation in citations:
        fields = Fields(citation.fields)
        names = authors(fields) or authors(fields, "editor")
        year = _year(fields.get("date") or fields.get("year"))
        for key in _anchor_keys(fields, names, year):
            anchors.setdefault(key, citation)
        if not names:
            continue
        last = names[0].split(",")[0].strip().lower()
        index.setdefault((last, year), citation)
        index.setdefault((last, ""), citation)
    return index, anchors


def anchor_key(text: str) -> str:
    """An anchor as compared: letters and digits only, lower case ("NPS, Nixon Birthplace",
    {{sfnRef|NPS|Nixon Birthplace}} and {{sfn|NPS|Nixon Birthplace}} all give "npsnixonbirthplace")."""
    return "".join(char for char in text.lower() if char.isalnum())


def _anchor_keys(fields: Fields, names: list[str], year: str) -> list[str]:
    """An entry's anchors: its ``ref=`` (or ``harvid=``), and, as CS1 makes it, its authors' last
    names and year."""
    keys = []
    ref = fields.get("ref") or fields.get("harvid")
    if ref and ref.strip().lower() not in ("harv", "none"):
        keys.append(anchor_key(ref))
    if names:
        keys.append(anchor_key("".join(name.split(",")[0] for name in names[:4]) + year))
    return keys


def _find_all(index: dict[tuple[str, str], Citation], anchors: dict[str, Citation],
              pairs: tuple[tuple[str, str], ...]) -> tuple[Span, ...]:
    """The bibliography entries a short footnote points to (an sfnm's several, a line each)."""
    several = sources_of_sfnm(pairs) if is_sfnm(pairs) else [pairs]
    found: list[Span] = []
    for source in several:
        text = _find_full(index, anchors, source)
        if text:
            found.extend(((Span("\n"),) if found else ()) + text)
    return tuple(found)


def _year(text: str) -> str:
    digits = [token for token in text.replace(",", " ").split() if token[:4].isdigit()]
    return digits[-1][:4] if digits else ""


def _find_full(index: dict[tuple[str, str], Citation], anchors: dict[str, Citation],
               pairs: tuple[tuple[str, str], ...]) -> tuple[Span, ...]:
    positional = [v.strip() for k, v in pairs if k.strip().isdigit() and v.strip()]
    if not positional:
        return ()
    anchored = anchors.get(anchor_key("".join(positional)))
    if anchored is not None:
        return anchored.text
    # The first author's surname: "Egan & Kennedy" and "Egan and Kennedy" are written as one.
    last = re.split(r"\s+(?:&|and)\s+|,", positional[0].lower(), maxsplit=1)[0].strip()
    year = _year(positional[-1]) if len(positional) > 1 else ""
    found = index.get((last, year)) or (index.get((last, "")) if not year else None)
    return found.text if found else ()
