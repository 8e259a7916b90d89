"""Search every article of a file for a phrase, streaming one result per article that has it.

The phrase is matched in the raw decoded text, one compiled regex per article range: no
article is parsed, so 20 MB are searched in a fraction of a second.  It matches as the search
in an article does (`reader.source.fold`): smart case, "orleans" finds "Orléans", any dash any
dash, any apostrophe any apostrophe.  Whitespace in the phrase matches any run of whitespace
(a no-break space, a line end).

Each result carries one readable line of context around the first hit: the markup
markers (``[tpl]``, ``[ref]``, ``[[``, ``'''``...) are crudely dropped from it, which is
good enough for a one-line preview and keeps the hit's position exact.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reader.source.fold import loose_pattern
from reader.source.split import Entry

CONTEXT_BEFORE = 40  # characters of context kept before the hit
CONTEXT_AFTER = 160  # and after it (the UI cuts to its width)

# Markers dropped from a context line; a [tpl] opener keeps its template name readable.
_MARKERS = re.compile(r"\[/?(?:tpl|ref)\]|\[\[|\]\]|'{2,}|\s+", re.IGNORECASE)


@dataclass(frozen=True)
class FileHit:
    """One article holding the phrase."""

    entry: Entry
    count: int  # number of hits in the article
    offset: int  # offset in the decoded text of the hit shown (the first one in the body)
    context: str  # one readable line around the first hit
    span: tuple[int, int]  # where the hit lies in `context`


def compile_phrase(phrase: str) -> re.Pattern[str] | None:
    """The regex finding `phrase` (smart case, folded, flexible whitespace); None for a blank phrase."""
    return loose_pattern(phrase)


def search_file(
    text: str,
    entries: Sequence[Entry],
    phrase: str,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[FileHit]:
    """Yield a `FileHit` for each entry (in file order) whose text holds `phrase`.

    Stops early when `cancel` is set.  `progress(done, total)` is called every few
    hundred kilobytes with characters searched so far and the total.
    """
    pattern = compile_phrase(phrase)
    if pattern is None:
        return
    total = entries[-1].end if entries else 0
    reported = 0
    for entry in entries:
        if cancel is not None and cancel.is_set():
            return
        hit = _search_entry(text, entry, pattern)
        if hit is not None:
            yield hit
        if progress is not None and entry.end - reported >= 256 * 1024:
            reported = entry.end
            progress(entry.end, total)
    if progress is not None:
        progress(total, total)


def _search_entry(text: str, entry: Entry, pattern: re.Pattern[str]) -> FileHit | None:
    """The hit for one entry, or None when the phrase is not in it."""
    matches = pattern.finditer(text, entry.start, entry.end)
    first = next(matches, None)
    if first is None:
        return None
    shown, count = first, 1
    # A hit in the "[[Title]]" line says nothing the title does not: preview the body's.
    title_end = text.find("\n", entry.start, entry.end)
    for match in matches:
        count += 1
        if shown.start() < title_end <= match.start() and shown is first:
            shown = match
    context, span = context_line(text, shown.start(), shown.end(), entry.start, entry.end)
    return FileHit(entry, count, shown.start(), context, span)


def context_line(text: str, start: int, end: int, low: int = 0, high: int | None = None) -> tuple[str, tuple[int, int]]:
    """One readable line around text[start:end] (within [low, high)) and the hit's span in it."""
    high = len(text) if high is None else high
    line_start = max(text.rfind("\n", low, start) + 1, low)
    line_end = text.find("\n", end, high)
    line_end = high if line_end < 0 else line_end
    before = clean(text[max(line_start, start - 4 * CONTEXT_BEFORE) : start]).lstrip()
    hit = clean(text[start:end])
    after = clean(text[end : min(line_end, end + 2 * CONTEXT_AFTER)]).rstrip()
    if len(before) > CONTEXT_BEFORE:
        cut = before[-CONTEXT_BEFORE:]
        space = cut.find(" ")  # start on a whole word when one begins near the cut
        before = "…" + (cut[space + 1 :] if 0 <= space < CONTEXT_BEFORE // 2 else cut).lstrip()
    elif start - 4 * CONTEXT_BEFORE > line_start:
        before = "…" + before
    if len(after) > CONTEXT_AFTER:
        cut = after[:CONTEXT_AFTER]
        space = cut.rfind(" ")
        after = (cut[:space] if space > CONTEXT_AFTER // 2 else cut).rstrip() + "…"
    return before + hit + after, (len(before), len(before) + len(hit))


def clean(fragment: str) -> str:
    """Drop markup markers and fold whitespace runs to one space (for previews only)."""
    return _MARKERS.sub(lambda m: " " if m.group().isspace() else "", fragment)
