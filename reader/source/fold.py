"""Search folding, as a browser's find does it: "orleans" finds "Orléans".

- A letter without an accent matches any accented form of it ("e": é è ê ë ě ...); a letter
  with one matches exactly that accent ("é" finds "Orléans", not "Orleans").  Letters that
  Unicode does not decompose but readers type without their stroke fold too (ø ł đ ħ ı).
- Any dash matches any dash (hyphen, en and em dash, minus...): "1845-1926" finds "1845–1926".
- Any apostrophe or single quote matches any of its kind ("grace's" finds "grace’s"); any
  double quote any double quote.
- Case: smart case, as before (`is_case_sensitive`), applied after the folding.

Matches are found in a folded copy of the text that has the same length as the text, one
character for one (`fold_text`), so a match's offsets are the real text's: the highlights
cover the real characters.  Text written with combining accents ("e" + U+0301) keeps its marks
in the copy; a query then lets any marks follow each of its letters (`query_pattern`), and a
match ends after the marks of its last letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4\uff07"
DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
# Letters with a stroke or without a dot: no decomposition, typed without it all the same.
STROKES = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i",
           "ŧ": "t", "Ŧ": "T", "ƀ": "b", "ɨ": "i"}
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
HAS_MARKS = re.compile(f"[{MARKS}]")
SPECIAL = re.compile(r"[^\x00-\x5f\x61-\x7f]")  # what folding may change: beyond ASCII, and "`"


def is_case_sensitive(query: str) -> bool:
    """Smart case: a query with a capital letter matches exactly; all lower case matches any case."""
    return any(char.isupper() for char in query)


@lru_cache(maxsize=4096)
def fold_char(char: str, lower: bool = False) -> str:
    """The one character `char` is searched as (lower-cased first when `lower`)."""
    if lower:
        lowered = char.lower()
        char = lowered if len(lowered) == 1 else char
    if char in DASHES:
        return "-"
    if char in SINGLE_QUOTES:
        return "'"
    if char in DOUBLE_QUOTES:
        return '"'
    if char in STROKES:
        return STROKES[char]
    if char.isascii():
        return char
    return strip_accent(char)


def strip_accent(char: str) -> str:
    """`char` without its accents when it decomposes into one base letter and marks."""
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and all(unicodedata.combining(mark) for mark in decomposed[1:]):
        return decomposed[0]
    return char


def has_accent(char: str) -> bool:
    """True for a letter that carries an accent (or stroke) that folding takes away."""
    return strip_accent(char) != char or char in STROKES


def fold_text(text: str, lower: bool) -> str:
    """`text` folded (and lower-cased when `lower`), one character for one.

    Only the characters outside plain ASCII (and the backquote) are looked at one by one:
    a table for `str.translate` made the first search of a 1 MB article take 330 ms."""
    base = text.lower() if lower else text
    if len(base) != len(text):  # a letter whose lower case is two ("İ"): kept as it is
        base = "".join(fold_char(char, lower) if len(char.lower()) == 1 else char for char in text)
    return SPECIAL.sub(_fold_match, base)


def _fold_match(match: re.Match[str]) -> str:
    return fold_char(match.group())


def fold_query(query: str, lower: bool) -> str:
    """The query as searched in the folded text (same length as the query in NFC)."""
    return "".join(fold_char(char, lower) for char in unicodedata.normalize("NFC", query))


def query_pattern(folded: str, marks: bool) -> re.Pattern[str]:
    """The folded query as a pattern; with `marks` (the text has combining accents), any marks
    may follow each letter."""
    if not marks:
        return re.compile(re.escape(folded))
    return re.compile("".join(re.escape(char) + f"[{MARKS}]*" for char in folded))


def accents_agree(found: str, query: str, lower: bool) -> bool:
    """True when each accented letter of the query stands, with that accent, in `found` (the
    real text of a match): "é" finds "é" and not "e".  Letters are compared with their
    combining marks ("d" + U+0301 has no single character)."""
    check = accent_check(query, lower)
    return check is None or check(found)


def accent_check(query: str, lower: bool) -> Callable[[str], bool] | None:
    """`accents_agree` for one query, its letters worked out once (a search checks every match);
    None when the query asks for no accent."""
    wanted = letters(query, lower)
    kept = [i for i, letter in enumerate(wanted) if len(letter) > 1 or has_accent(letter)]
    if not kept:
        return None

    def agrees(found: str) -> bool:
        got = letters(found, lower)
        return len(got) == len(wanted) and all(got[i] == wanted[i] for i in kept)

    return agrees


def letters(text: str, lower: bool) -> list[str]:
    """`text` (composed, lower-cased when `lower`) as letters, each with its combining marks."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for char in text.lower() if lower and len(text.lower()) == len(text) else text:
        if out and unicodedata.combining(char):
            out[-1] += char
        else:
            out.append(char)
    return out


# ---------------------------------------------------------------------------- without a folded copy

# The characters whose folded forms are looked for: Latin-1 to the end of Latin Extended
# Additional and Greek, plus the dashes and quotes wherever they stand.
_FOLDED_RANGE = range(0x80, 0x2000)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Each folded character and every character that folds to it (case kept): "e" -> "eèéêë…"."""
    table: dict[str, list[str]] = {}
    for char in [*map(chr, _FOLDED_RANGE), *DASHES, *SINGLE_QUOTES, *DOUBLE_QUOTES]:
        folded = fold_char(char)
        if folded != char and len(folded) == 1:
            table.setdefault(folded, [folded]).append(char)
    return {base: "".join(dict.fromkeys(chars)) for base, chars in table.items()}


def loose_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern that finds `query` in unfolded text as `fold` finds it in folded text (smart case;
    an unaccented letter matches its accented forms, an accented one only itself; any dash, quote
    or apostrophe its kind), each run of blanks in the query matching any run of whitespace.
    None for a blank query.  For long texts searched once (a 20 MB file): folding the text first
    took 0.7 s on 14 MB where this pattern searches it in ~0.45 s against ~0.3 s for the bare
    phrase (measured here; combining accents written as separate marks are not looked through)."""
    words = unicodedata.normalize("NFC", query).split()
    if not words:
        return None
    variants = _variants()

    def one(char: str) -> str:
        forms = variants.get(fold_char(char)) if not has_accent(char) else None
        return f"[{re.escape(forms)}]" if forms else re.escape(char)

    flags = 0 if is_case_sensitive(query) else re.IGNORECASE
    return re.compile(r"\s+".join("".join(one(char) for char in word) for word in words), flags)
