"""Line breaking by terminal cell width, returning offsets into the text (never copies of it).

`wrap(text, first, rest)` gives the (start, end) of each line: the first line may hold `first`
cells, the others `rest` (a hanging indent).  Spaces at a break belong to no line, so the
offsets map every line back into the text and a search match can cross a wrap.
"\\n" in the text is a forced break.  Words longer than a line are cut; text with wide
characters (CJK) may break between any two of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size, split_graphemes

# Characters known to be one cell wide (as rich counts them); grows as text is met, so that
# the common case (Latin with dashes and curly quotes) takes the fast path.
_SINGLE_CELL = set(chr(c) for lo, hi in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF)) for c in range(lo, hi + 1))
_OTHER_CELL: set[str] = set()


def is_single_cell(text: str) -> bool:
    """True when every character of `text` is exactly one cell wide."""
    if _SINGLE_CELL.issuperset(text):
        return True
    for char in set(text).difference(_SINGLE_CELL):
        if char in _OTHER_CELL:
            return False
        if char.isprintable() and get_character_cell_size(char) == 1:
            _SINGLE_CELL.add(char)
        else:
            _OTHER_CELL.add(char)
            return False
    return True


_WORD = re.compile(r"\S+")

# C0 controls other than "\n", and the other line/page breaks, become spaces (one for one,
# so offsets are kept) so that they neither move the cursor nor escape into the terminal.
CONTROLS = {c: " " for c in (*range(0, 10), *range(11, 32), 0x7F, 0x85, 0x2028, 0x2029)}


def clean(text: str) -> str:
    """`text` with control characters turned into spaces, same length."""
    return text.translate(CONTROLS) if not text.isprintable() else text


@lru_cache(maxsize=512)
def _line_pattern(width: int) -> re.Pattern[str]:
    # Greedy: as much as fits ending on a non-space before a space or the end;
    # else a hard cut of a word longer than the line.
    return re.compile(r"\S(?:[^\n]{0,%d}\S)?(?=\s|$)|\S{%d}" % (width - 2, width))


def wrap(text: str, first: int, rest: int | None = None, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Break `text[start:end]` into lines of at most `first` (then `rest`) cells.

    Returns (start, end) offsets into `text`; an empty or all-blank text gives one empty line.
    """
    rest = first if rest is None else rest
    end = len(text) if end is None else end
    lines: list[tuple[int, int]] = []
    pos = start
    while True:
        stop = text.find("\n", pos, end)
        seg_end = end if stop < 0 else stop
        width = first if not lines else rest
        _wrap_segment(text, pos, seg_end, width, rest, lines)
        if stop < 0:
            return lines
        pos = stop + 1


def _wrap_segment(text: str, start: int, end: int, first: int, rest: int, out: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    if not segment.strip():
        out.append((start, start))
        return
    if min(first, rest) >= 2 and is_single_cell(segment):
        _wrap_fast(text, start, end, first, rest, out)
    else:
        _wrap_wide(text, start, end, max(first, 1), max(rest, 1), out)


def _wrap_fast(text: str, start: int, end: int, first: int, rest: int, out: list[tuple[int, int]]) -> None:
    """Single-cell text: the regex engine finds every line (fast enough for megabytes)."""
    pattern = _line_pattern(first)
    match = pattern.search(text, start, end)
    if match is None:  # pragma: no cover - a non-blank segment always matches
        out.append((start, start))
        return
    out.append(match.span())
    pattern = _line_pattern(rest)
    out.extend(m.span() for m in pattern.finditer(text, match.end(), end))


def _wrap_wide(text: str, start: int, end: int, first: int, rest: int, out: list[tuple[int, int]]) -> None:
    """Text with wide or zero-width characters: word by word, measuring cells."""
    line_start = -1
    line_end = start
    cells = 0
    avail = first
    for match in _WORD.finditer(text, start, end):
        s, e = match.span()
        word = match.group()
        width = cell_len(word)
        if line_start >= 0:
            gap = cell_len(text[line_end:s])
            if cells + gap + width <= avail:
                line_end, cells = e, cells + gap + width
                continue
            if width != len(word) and avail - cells - gap >= 2:
                # Wide characters may break anywhere: fill the rest of this line first.
                s, cells = _fill(text, s, e, avail - cells - gap, line_start, out)
                line_start = -1
                avail = rest
                if s >= e:
                    continue
                word = text[s:e]
                width = cell_len(word)
            else:
                out.append((line_start, line_end))
                line_start = -1
                avail = rest
        if width <= avail:
            line_start, line_end, cells = s, e, width
            continue
        # A word longer than the line: cut it by graphemes.
        pieces = _cut(word, avail, rest)
        for piece_start, piece_end, _ in pieces[:-1]:
            out.append((s + piece_start, s + piece_end))
        piece_start, piece_end, cells = pieces[-1]
        line_start, line_end = s + piece_start, s + piece_end
        avail = rest
    if line_start >= 0:
        out.append((line_start, line_end))
    elif not out or out[-1][1] < start:
        out.append((start, start))


def _fill(text: str, s: int, e: int, room: int, line_start: int, out: list[tuple[int, int]]) -> tuple[int, int]:
    """Put as much of text[s:e] as fits in `room` cells at the end of the current line."""
    graphemes, _ = split_graphemes(text[s:e])
    used = 0
    cut = s
    for g_start, g_end, size in graphemes:
        if used + size > room:
            break
        used += size
        cut = s + g_end
    out.append((line_start, cut))
    return cut, 0


def _cut(word: str, first: int, rest: int) -> list[tuple[int, int, int]]:
    """Cut a word into pieces of at most `first` then `rest` cells: (start, end, cells)."""
    graphemes, _ = split_graphemes(word)
    pieces: list[tuple[int, int, int]] = []
    piece_start, used, room = 0, 0, first
    for g_start, g_end, size in graphemes:
        if used + size > room and used:
            pieces.append((piece_start, g_start, used))
            piece_start, used, room = g_start, 0, rest
        used += size
    pieces.append((piece_start, len(word), used))
    return pieces
