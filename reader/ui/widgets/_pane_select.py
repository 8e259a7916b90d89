"""The reading pane's text selection, worked out from its lines (no widget here).

Textual keeps a selection as two offsets, (character, line) each, into what the widget shows;
the pane's offsets are layout lines, so a selection stays on its text as the pane scrolls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.text import Text
from textual.selection import Selection

WORD = re.compile(r"\w+(?:['’.-]\w+)*")  # "don't", "U.S", "north-east": one word each


def selected_text(lines: Sequence[Text], selection: Selection) -> str:
    """The text of `lines` under `selection`, one line break between lines (trailing blanks,
    which only pad a line, dropped)."""
    if not len(lines):
        return ""
    first = selection.start.y if selection.start is not None else 0
    last = selection.end.y if selection.end is not None else len(lines) - 1
    first, last = max(first, 0), min(last, len(lines) - 1)
    if first > last:
        return ""
    picked = []
    for y in range(first, last + 1):
        span = selection.get_span(y)
        if span is None:
            continue
        plain = lines[y].plain
        start, end = max(span[0], 0), span[1]  # a drag from the margin: from the line's start
        picked.append(plain[start: len(plain) if end == -1 else max(end, 0)].rstrip())
    return "\n".join(picked).strip("\n")


def word_at(text: str, column: int) -> tuple[int, int] | None:
    """(start, end) of the word at character `column` of `text` (None: not on a word)."""
    for match in WORD.finditer(text):
        if match.start() <= column < match.end():
            return match.start(), match.end()
    return None
