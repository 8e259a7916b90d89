"""The list of a file-wide search's results: two lines per article, drawn only when visible.

Line one: the article's title and how many times the phrase occurs in it.  Line two: one
line of context with the phrase marked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from reader.source.search import FileHit
from reader.ui.widgets.picker_list import RowList


class HitList(RowList):
    """Rows are `FileHit`s."""

    LINES_PER_ROW: ClassVar[int] = 2

    def row_text(self, key: object, line: int, width: int, selected: bool) -> Text:
        if not isinstance(key, FileHit):
            return Text("")
        if line == 0:
            text = Text(f"{key.entry.index + 1:>5} ", style=self.style("row-list--dim"), no_wrap=True)
            text.append(key.entry.title, style="bold")
            hits = "1 hit" if key.count == 1 else f"{key.count:,} hits"
            text.append(f"  {hits}", style=self.style("row-list--dim"))
            return text
        start, end = key.span
        context = Text("      " + key.context, no_wrap=True)
        context.stylize(self.style("row-list--match"), start + 6, end + 6)
        if not selected:
            context.stylize(self.style("row-list--dim"), 0, start + 6)
            context.stylize(self.style("row-list--dim"), end + 6)
        self._keep_hit_visible(context, end + 6, width)
        return context

    @staticmethod
    def _keep_hit_visible(context: Text, hit_end: int, width: int) -> None:
        """Drop context from the left (after the indent) when the hit would be cut off."""
        overflow = hit_end - (width - 2)
        if overflow > 0 and len(context) > 6 + overflow:
            kept = context[:6]
            kept.append("…")
            kept.append_text(context[6 + overflow + 1 :])
            context.plain = ""
            context.spans = []
            context.append_text(kept)
