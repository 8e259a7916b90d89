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


# Where a line may break: spaces, but not the no-break ones (U+00A0, U+2007, U+202F).
_SPACE = " \t\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000"
_WORD = re.compile(f"[^{_SPACE}\n]+")
_SPACES = re.compile(f"[{_SPACE}]*")

# Control characters other than "\n", and the other line/page breaks, become spaces (one for
# one, so offsets are kept) so that they neither move the cursor nor escape into the terminal.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """`text` with control characters turned into spaces, same length."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


@lru_cache(maxsize=512)
def _line_pattern(width: int) -> re.Pattern[str]:
    # Greedy: as much as fits ending on a non-space before a space or the end;
    # else a hard cut of a word longer than the line.
    word, space = f"[^{_SPACE}\n]", f"[{_SPACE}]"
    return re.compile(f"{word}(?:.{{0,{width - 2}}}{word})?(?={space}|$)|{word}{{{width}}}")


def _past_spaces(text: str, pos: int, end: int) -> int:
    """Where the run of spaces at `pos` ends (`_SPACES` matches the empty string too)."""
    match = _SPACES.match(text, pos, end)
    return match.end() if match else pos


def wrap(text: str, first: int, rest: int | None = None, start: int = 0,
         end: int | None = None) -> list[tuple[int, int]]:
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
        _wrap_segment(text, pos, seg_end, max(first if not lines else rest, 2), max(rest, 2), lines)
        if stop < 0:
            return lines
        pos = stop + 1


def _wrap_segment(text: str, start: int, end: int, first: int, rest: int, out: list[tuple[int, int]]) -> None:
    """One line of text (no "\\n"), line by line: the regex engine finds each line of
    one-cell text; a line holding wide or zero-width characters is measured word by word."""
    count = len(out)
    width = first
    pos = _past_spaces(text, start, end)
    while pos < end:
        window = text[pos : pos + width + 1]
        if is_single_cell(window):
            match = _line_pattern(width).match(text, pos, end)
            line_end = match.end() if match else _wide_line(text, pos, end, width)
        else:
            line_end = _wide_line(text, pos, end, width)
        out.append((pos, line_end))
        pos = _past_spaces(text, line_end, end)
        width = rest
    if len(out) == count:
        out.append((start, start))


def _wide_line(text: str, pos: int, end: int, width: int) -> int:
    """The end of the line starting at `pos` (a word), measuring cells word by word."""
    cells = 0
    line_end = pos
    # Enough characters for `width` cells (a run of CJK may be one "word" a page long).
    for match in _WORD.finditer(text, pos, min(end, pos + 2 * width + 16)):
        s, e = match.span()
        word = match.group()
        size = len(word) if is_single_cell(word) else cell_len(word)
        gap = cell_len(text[line_end:s]) if s > line_end else 0
        if cells + gap + size <= width:
            line_end, cells = e, cells + gap + size
            if cells >= width:
                break
            continue
        room = width - cells - gap
        if line_end == pos or (size != len(word) and room >= 2):
            # A word longer than the line, or wide text (which may break anywhere): fill the line.
            return max(_fit(text, s, e, room), line_end if line_end > pos else pos + 1)
        break
    return line_end


_WIDTHS: dict[str, int] = {}


def _fit(text: str, start: int, end: int, room: int) -> int:
    """The end of the longest run of whole graphemes from `start` that fits in `room` cells."""
    limit = min(end, start + 2 * room + 16)  # enough characters for `room` cells
    run = text[start:limit]
    if "\u200d" in run or "\ufe0f" in run:
        return _fit_graphemes(run, start, limit < end, room)
    widths = _WIDTHS
    used, cut = 0, start
    for char in run:
        size = widths.get(char)
        if size is None:
            size = widths[char] = get_character_cell_size(char)
        if used + size > room:
            break
        used += size
        cut += 1
    # Never start the next line with a combining mark: its base goes with it.
    while start < cut < limit and widths.get(text[cut]) == 0:
        cut -= 1
    return cut


def _fit_graphemes(run: str, start: int, cut_short: bool, room: int) -> int:
    """`_fit` for text with joiners and variation selectors (emoji sequences)."""
    graphemes, _ = split_graphemes(run)
    if cut_short:
        graphemes = graphemes[:-1]  # the last may continue past the run
    used, cut = 0, start
    for _g_start, g_end, size in graphemes:
        if used + size > room:
            break
        used += size
        cut = start + g_end
    return cut
