"""Ranking titles against what the user typed in the picker's filter.

Matching is fuzzy the way Textual's command palette matches (the letters of the query in
order, any case) and scored with the palette's own heuristic (`textual.fuzzy.FuzzySearch`,
restated in `palette_score` so that each title's word starts are found once, not per key),
with two differences in order: titles that *start* with the query come first (an exact
title before the others), in file order; then titles whose word initials spell it ("bmi" finds
"Body mass index" before "Blue Steel (missile)"), then the rest by score.

The palette's search tries every alignment of the query in a candidate, which grows
combinatorially on long titles full of repeated letters; with thousands of titles we score
two cheap alignments instead (leftmost letters, and word starts where possible) after one
compiled regex has ruled a title in or out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_WORD_START = re.compile(r"\w+")
_starts_cache: dict[str, frozenset[int]] = {}  # lower-cased title -> where its words start


@dataclass(frozen=True, slots=True)
class Ranked:
    """One title that matched: its position in the list given, and the letters that matched."""

    index: int
    offsets: tuple[int, ...]


def subsequence_pattern(query: str) -> re.Pattern[str]:
    """A regex that finds the query's letters in order, any case, anything between them.

    Each letter is reached by "anything but that letter, then it" -- there is only one way
    to match that, so the regex never backtracks combinatorially (".*?" between letters
    does, on long titles full of one letter).
    """
    parts = (f"[^{re.escape(char)}]*{re.escape(char)}" for char in query)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def rank_titles(
    titles: Sequence[str], query: str, cancelled: Callable[[], bool] = lambda: False
) -> list[Ranked] | None:
    """The titles matching `query`, best first; None when the query is blank (show all).

    Order: the title equal to the query, then titles starting with it (file order), then
    titles whose matched letters all start words (an acronym), then the other matches by the
    palette's score (ties in file order).  Returns what was found so far when `cancelled()`
    turns true.
    """
    query = query.strip().lower()
    if not query:
        return None
    pattern = subsequence_pattern(query)
    exact: list[Ranked] = []
    prefixed: list[Ranked] = []
    scored: list[tuple[bool, float, int, tuple[int, ...]]] = []  # (not an acronym, -score, index, offsets)
    prefix_offsets = tuple(range(len(query)))
    for index, title in enumerate(titles):
        if index % 256 == 0 and cancelled():  # ~10 ms of ranking
            break
        if pattern.match(title) is None:
            continue
        lower = title.lower()
        if lower.startswith(query):
            (exact if len(lower) == len(query) else prefixed).append(Ranked(index, prefix_offsets))
            continue
        score, offsets = best_alignment(lower, query)
        if offsets:
            acronym = len(query) > 1 and word_starts(lower).issuperset(offsets)
            scored.append((not acronym, -score, index, offsets))
    scored.sort()
    return exact + prefixed + [Ranked(index, offsets) for _, _, index, offsets in scored]


def best_alignment(lower: str, query: str) -> tuple[float, tuple[int, ...]]:
    """(score, offsets) of the better of a few alignments of `query` in the lower-cased title."""
    at = lower.find(query)
    if at >= 0:  # a substring: the palette boosts it by half
        offsets = tuple(range(at, at + len(query)))
        return palette_score(offsets, word_starts(lower)) * 1.5, offsets
    best: tuple[float, tuple[int, ...]] = (0.0, ())
    starts = word_starts(lower)
    for offsets in (_leftmost(lower, query), _word_starts(lower, query, starts)):
        if offsets:
            score = palette_score(offsets, starts)
            if score > best[0]:
                best = (score, offsets)
    return best


def _leftmost(lower: str, query: str) -> tuple[int, ...]:
    """Each letter of the query at its first place after the previous one."""
    offsets = []
    position = 0
    for char in query:
        position = lower.find(char, position)
        if position < 0:
            return ()
        offsets.append(position)
        position += 1
    return tuple(offsets)


def word_starts(lower: str) -> frozenset[int]:
    """Offsets where the title's words start (cached: the same titles are scored per keystroke)."""
    starts = _starts_cache.get(lower)
    if starts is None:
        if len(_starts_cache) > 200_000:
            _starts_cache.clear()
        starts = _starts_cache[lower] = frozenset(match.start() for match in _WORD_START.finditer(lower))
    return starts


def palette_score(offsets: tuple[int, ...], starts: frozenset[int]) -> float:
    """Textual's command-palette score (`textual.fuzzy.FuzzySearch.score`), word starts given.

    More matched letters, more of them at word starts, and fewer separate groups score higher.
    """
    count = len(offsets)
    score: float = count + len(starts.intersection(offsets))
    groups = 1 + sum(1 for before, after in zip(offsets, offsets[1:], strict=False) if after != before + 1)
    normalized_groups = (count - (groups - 1)) / count
    return score * (1 + normalized_groups * normalized_groups)


def _word_starts(lower: str, query: str, starts: frozenset[int]) -> tuple[int, ...]:
    """Like `_leftmost`, but a letter that starts a later word is taken there when it can be."""
    ordered = sorted(starts)
    offsets: list[int] = []
    position = 0
    for number, char in enumerate(query):
        # The word start must leave room for the rest of the query to follow.
        later = [s for s in ordered if s >= position and lower[s] == char]
        chosen = -1
        for start in later:
            if _leftmost(lower[start + 1 :], query[number + 1 :]) or number + 1 == len(query):
                chosen = start
                break
        if chosen < 0:
            chosen = lower.find(char, position)
            if chosen < 0:
                return ()
        offsets.append(chosen)
        position = chosen + 1
    return tuple(offsets)
