"""The reading pane's scroll bar: Textual's, drawn as lines.

Textual's `ScrollBar` renders a Rich renderable, which goes through the console and Textual's
visual pipeline to become 37 one-cell lines: ~3.5 ms on every frame in which the pane moves,
a fifth of a jump's frame.  This one asks Textual's own bar renderer (`ScrollBarRender.render_bar`,
same glyphs, colours and mouse metadata) for the segments, one per row, and draws them straight
as strips, computed once per position.  Clicks, dragging and hover are ScrollBar's, unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

from reader.ui.textual_private import set_vertical_scrollbar, start_widget, vertical_scrollbar

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a mixin: the widget it is mixed into supplies the rest


class QuickScrollBar(ScrollBar):
    """A vertical `ScrollBar` that draws its rows as strips (see the module docstring)."""

    def __init__(self, *, name: str | None = None, thickness: int = 1) -> None:
        super().__init__(vertical=True, name=name, thickness=thickness)
        self._rows: list[Strip] = []
        self._rows_key: tuple[object, ...] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._draw()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        rows = self._rows
        return rows[y] if 0 <= y < len(rows) else Strip.blank(self.size.width)

    def _draw(self) -> None:
        """The bar's rows for its current position, size and colours (kept while they hold)."""
        width, height = self.size
        bar = self.render()  # ScrollBar's: the renderer, given the colours of the moment
        if not isinstance(bar, ScrollBarRender):
            self._rows, self._rows_key = [], None
            return
        base = self.visual_style.rich_style  # under every cell, as Textual's visuals draw it
        key = (width, height, bar.virtual_size, bar.window_size, bar.position, bar.style, base)
        if key == self._rows_key:
            return
        style = bar.style if not isinstance(bar.style, str) else None
        segments = bar.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=(style.bgcolor if style else None) or Color.parse("#555555"),
            bar_color=(style.color if style else None) or Color.parse("bright_magenta"),
        ).segments
        self._rows = [Strip([Segment(segment.text, base + segment.style)], width) for segment in segments]
        self._rows_key = key


class QuickScrollBars(_Base):
    """Mix into a scrolling widget (before it): its vertical scroll bar is a `QuickScrollBar`."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        # Widget's, with the other class of bar.
        bar = vertical_scrollbar(self)
        if bar is None:
            bar = QuickScrollBar(name="vertical", thickness=self.scrollbar_size_vertical)
            set_vertical_scrollbar(self, bar)
            bar.display = False
            start_widget(self.app, self, bar)
        return bar
