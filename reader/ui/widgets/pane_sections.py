"""Which section `]` and `[` go to: plain functions over a layout (no widget here).

The pane (`reading_pane.py`) puts the heading they answer at the top; these only pick it, from the
line the reader is at (`base`: the top line, or the heading of a section the end of the text kept
from reaching the top).
"""

from __future__ import annotations

from reader.layout import Layout


def section_after(layout: Layout, base: int) -> str | None:
    """The first section (any level) whose heading is below line `base`, if any."""
    for number in layout.section_numbers:
        if (layout.section_line(number) or 0) > base:
            return number
    return None


def section_before(layout: Layout, base: int) -> str | None:
    """The last section whose heading is above line `base` (mid-section: the current one's), if any."""
    previous = None
    for number in layout.section_numbers:
        if (layout.section_line(number) or 0) < base:
            previous = number
    return previous


def section_base(layout: Layout, pinned: str | None, top: int) -> int:
    """The line `]` and `[` count from: the heading of `pinned` (a section shown as read though the
    end of the text stopped it below the top), else the top line."""
    return (layout.section_line(pinned) or 0) if pinned is not None else top
