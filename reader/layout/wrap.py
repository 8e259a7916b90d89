"""Line breaking by terminal cell width, returning offsets into the text (never copies of it).

`wrap(text, first, rest)` gives the (start, end) of each line: the first line may hold `first`
cells, the others `rest` (a hanging indent).  Spaces at a break belong to no line, so the
offsets map every line back into the text and a search match can cross a wrap.
"\\n" in the text is a forced break.  Words longer than a line are cut; text with wide
characters (CJK) may break between any two of them.
"""

from __future__ import annotations

import re

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
_SPACE_CHARS = " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_SPACE = "".join(re.escape(char) for char in _SPACE_CHARS)  # as a regex character class holds them
_WORD = re.compile(f"[^{_SPACE}\n]+")
_SPACES = re.compile(f"[{_SPACE}]*")
# A space after a word, found in a line's window read backwards: where its last break is.
_BREAK_BACKWARDS = re.compile(f"[{_SPACE}][^{_SPACE}\n]")

# Control characters other than "\n", and the other line/page breaks, become spaces (one for
# one, so offsets are kept) so that they neither move the cursor nor escape into the terminal.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """`text` with control characters turned into spaces, same length."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _single_cell_line(text: str, pos: int, end: int, width: int, window: str) -> int:
    """The end of the line of one-cell text starting at `pos` (a word): greedy, as much as fits
    ending on a word before a space or the segment's end, else a hard cut of a word longer than
    the line.  `window` is text[pos:pos + width + 1].

    A regex per width did this (`word(?:.{0,W-2}word)?(?=space|$)|word{W}`), but compiling one
    took ~1.3 ms and a first layout meets several widths (indents): 4 ms of the sample's first
    paint.  Reading the window backwards needs one pattern for every width.
    """
    if end - pos <= width:  # the rest of the segment fits: all of it but its trailing spaces
        return pos + len(text[pos:end].rstrip(_SPACE_CHARS))
    found = _BREAK_BACKWARDS.search(window[::-1])
    # window[::-1][r] is window[width - r]: the space found there follows the line's last word.
    return pos + (width - found.start() if found else width)


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
            line_end = _single_cell_line(text, pos, end, width, window)
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
