"""Ranked search over a collection: the best articles for a query, each with its section and a snippet.

The full-text index ranks (BM25, `reader.source.fulltext`); this module turns its keys into
what a person reads in a result: title, file, score, the section the words were found in,
and a snippet with the query's words marked.  The snippet and section come from the article
as read from its file now, one article at a time, so the index holds no text; the reader's
result list asks for them result by result (`describe`), best first, as they stream in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.source.split import Entry
from reader.source.words import plain_words, title_and_body

if TYPE_CHECKING:
    from reader.source.collection import Collection
    from reader.source.fulltext import Found, FullText

_HEADING = re.compile(r"^(={2,6})[ \t]*(.+?)[ \t]*\1[ \t]*$", re.MULTILINE)
_PHRASE = re.compile(r'"([^"]+)"')
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class RankedHit:
    """One article found, as a person reads it in the results."""

    rank: int  # 1 for the best
    entry: Entry
    score: float
    section: str  # the heading of the section where the words were found ("" for the lead)
    snippet: str  # a fragment of the text around them, white space folded
    spans: tuple[tuple[int, int], ...]  # where the query's words are in `snippet`
    phrase: str  # what to search for in the article when it is opened (n / N then work)


def find(collection: Collection, query: str, limit: int, offset: int = 0) -> tuple[list[tuple[int, Entry, float]], int]:
    """(rank, entry, score) of the best `limit` articles for `query`, and how many match in all."""
    fulltext = _fulltext(collection)
    found, total = fulltext.search(query, limit, offset)
    results: list[tuple[int, Entry, float]] = []
    for item in found:
        entry = _entry(collection, item)
        if entry is not None:
            results.append((offset + len(results) + 1, entry, item.score))
    return results, total


def describe(collection: Collection, query: str, rank: int, entry: Entry, score: float) -> RankedHit:
    """The section and snippet of one result (reads its article from the file)."""
    fulltext = _fulltext(collection)
    try:
        text = title_and_body(collection.article_text(entry))
    except ReaderError as error:
        return RankedHit(rank, entry, score, "", f"({error})", (), _phrase(query, "", ()))
    section, snippet, spans = _best_section(fulltext, query, text)
    return RankedHit(rank, entry, score, section, snippet, spans, _phrase(query, snippet, spans))


def pending(query: str, rank: int, entry: Entry, score: float) -> RankedHit:
    """A result before `describe` has read its article: no section or snippet yet."""
    return RankedHit(rank, entry, score, "", "", (), _phrase(query, "", ()))


def search(collection: Collection, query: str, limit: int = 20, offset: int = 0) -> tuple[list[RankedHit], int]:
    """`find` then `describe` each result (for the command line)."""
    results, total = find(collection, query, limit, offset)
    return [describe(collection, query, *result) for result in results], total


def _fulltext(collection: Collection) -> FullText:
    from reader.source.fulltext import FullText

    fulltext = collection.fulltext()
    assert isinstance(fulltext, FullText)
    return fulltext


def _entry(collection: Collection, item: Found) -> Entry | None:
    from reader.source.fulltext import split_key

    return collection.entries.at(*split_key(item.key))


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, text) of the lead and each section of an article's raw text."""
    sections = []
    heading, start = "", 0
    for match in _HEADING.finditer(text):
        sections.append((heading, text[start : match.start()]))
        heading, start = match.group(2).strip(), match.end()
    sections.append((heading, text[start:]))
    return sections


def _best_section(fulltext: FullText, query: str, text: str) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    """The first section whose words match the query: its heading, snippet and the marks in it."""
    lead = None
    for heading, body in _sections(text):
        words = plain_words(body)
        fragment, spans = fulltext.snippet(query, words)
        if spans:
            return (heading, *_folded(fragment, spans))
        if lead is None and words.strip():
            lead = (heading, words)
    if lead is None:
        return "", "", ()
    heading, words = lead  # a title match: the beginning of the article
    fragment = _SPACES.sub(" ", words[:400]).strip()
    return heading, fragment[:200], ()


def _folded(fragment: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The fragment with each run of white space one space and no space at its ends, the marks
    moved to match."""
    out: list[str] = []
    mapping = []  # position in `fragment` -> position in the folded text
    for char in fragment:
        mapping.append(len(out))
        if not char.isspace():
            out.append(char)
        elif out and out[-1] != " ":
            out.append(" ")
    mapping.append(len(out))
    folded = "".join(out).rstrip()
    return folded, tuple((mapping[start], min(mapping[end], len(folded))) for start, end in spans)


def _phrase(query: str, snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """What the reader searches for in the opened article: a quoted phrase of the query, else the
    longest run of its words found together in the snippet, written as the query writes them
    ("bus boycott" finds "Bus Boycott" and "bus boycott" alike, "orleans" finds "Orléans": the
    reader's search folds case, accents, dashes and quotes for a query without them).

    The index's words are runs of letters and digits, so "morgoth's" is two ("morgoth", "s") and
    "1888-1918" two more: a query word is found again in the snippet as the words standing
    joined by a quote or a dash, and searched for whole (it was searched for as "s" and "1888")."""
    quoted = _PHRASE.search(query)
    if quoted is not None and quoted.group(1).strip():
        return " ".join(quoted.group(1).split())
    words = [word.split(":", 1)[-1] for word in query.split() if not word.startswith("-") and word != "OR"]
    runs = [snippet[start:end] for start, end in _runs(snippet, spans)]
    as_queried = [spelled for run in runs if (spelled := _as_queried(run, words))]
    if as_queried:
        return max(as_queried, key=len)
    # Only pieces of the query's words are in the snippet (the "s" of "morgoth's", in "Tolkien's"):
    # the query's first word, whole.
    return words[0] if words else ""


_WORD = re.compile(r"\w+")


def _runs(snippet: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The snippet's marked words grouped as they stand together: apart only by spaces ("civil
    rights"), or within one written word, joined by a quote or a dash ("Morgoth’s", "1888–1918")."""
    runs: list[tuple[int, int]] = []
    for start, end in spans:
        gap = snippet[runs[-1][1]:start] if runs else None
        if gap is not None and (not gap.strip() or (len(gap) <= 2 and not any(c.isspace() for c in gap))):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _as_queried(run: str, words: list[str]) -> str:
    """`run` as the query spells it, when it is some of the query's words in a row ("" if not)."""
    found = [_fold(word) for word in _WORD.findall(run)]
    for first in range(len(words)):
        for last in range(first + 1, len(words) + 1):
            written = " ".join(words[first:last])
            if [_fold(word) for word in _WORD.findall(written)] == found:
                return written
    return ""


def _fold(word: str) -> str:
    """A word as the index compares words: lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
