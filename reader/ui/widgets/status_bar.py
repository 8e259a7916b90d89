"""The status line under the reading pane: where you are, how far, and the search.

Left: the breadcrumb of the section at the top of the pane ("Migration history > Workers"),
cut from the left on a narrow terminal so the innermost section stays readable.
Right: the query and its match counter during a search ("/korea: 3/17", "no matches"), and the
reading progress.  A long query takes the room there is, leaving the breadcrumb its last cells.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.model import breadcrumb

BREADCRUMB_SHARE = 24  # cells of the breadcrumb a long query leaves it (the innermost section)


class StatusBar(Widget):
    """One line of status; the screen sets its reactive attributes."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        width: 1fr;
        background: $surface-lighten-1;
        color: $foreground;
        padding: 0 1;
    }
    StatusBar:light {
        background: $surface-darken-1;
    }
    StatusBar > .status-bar--search {
        color: $foreground;
        background: $accent-muted;
        text-style: bold;
    }
    StatusBar > .status-bar--nomatch {
        color: $foreground;
        background: $error-muted;
        text-style: bold;
    }
    StatusBar > .status-bar--notice {
        color: $text-warning;
    }
    """

    COMPONENT_CLASSES = {"status-bar--search", "status-bar--nomatch", "status-bar--notice"}

    path: reactive[tuple[str, ...]] = reactive(())
    """Titles of the section at the top of the pane, outermost first (empty: the lead)."""
    progress: reactive[float] = reactive(0.0)
    """How far through the article, 0..100."""
    search: reactive[str] = reactive("")
    """The search query; "" when no search is active (not `query`: that is DOMNode.query, which it hid)."""
    current: reactive[int] = reactive(0)
    """The current match, 1-based (0: none chosen yet)."""
    total: reactive[int] = reactive(0)
    """How many matches the query has."""
    notice: reactive[str] = reactive("")
    """A short remark shown before the counters ("loading…", "redirect to X")."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)

    @property
    def breadcrumb(self) -> str:
        """The section path as the reader sees it ("(Top)" for the title and lead, as Wikipedia's contents)."""
        return breadcrumb(self.path)

    @property
    def counter(self) -> str:
        """The match counter: "3/17", "17 matches", "no matches", or "" with no search."""
        if not self.search:
            return ""
        if self.total == 0:
            return "no matches"
        if self.current <= 0:
            return f"{self.total} match" + ("" if self.total == 1 else "es")
        return f"{self.current}/{self.total}"

    def render(self) -> Text:
        width = max(self.content_region.width, 1)
        right = self._right_side(width)
        room = width - right.cell_len - 1
        left = Text(fit_left(self.breadcrumb, room), no_wrap=True, overflow="ellipsis")
        gap = max(width - left.cell_len - right.cell_len, 1)
        line = Text.assemble(left, " " * gap, right, no_wrap=True, overflow="ellipsis")
        line.truncate(width)
        return line

    def _right_side(self, width: int) -> Text:
        right = Text(no_wrap=True)
        if self.notice:
            right.append(self.notice, style=self.get_component_rich_style("status-bar--notice"))
            right.append("  ")
        counter = self.counter
        progress = f"{self.progress:3.0f}%"
        if counter:
            kind = "status-bar--nomatch" if self.total == 0 else "status-bar--search"
            # The query takes the room there is, once the breadcrumb has its share (a query over
            # 20 characters showed as "/…" with 90 free columns).
            fixed = right.cell_len + cell_len(f"/: {counter}  {progress}") + 1
            breadcrumb = min(cell_len(self.breadcrumb), BREADCRUMB_SHARE)
            right.append(f"/{fit_right(self.search, width - fixed - breadcrumb)}: ")
            right.append(counter, style=self.get_component_rich_style(kind))
            right.append("  ")
        right.append(progress)
        return right


def fit_left(text: str, room: int) -> str:
    """`text` cut from the left with "…" so that it fits in `room` cells."""
    if room <= 0:
        return ""
    if cell_len(text) <= room:
        return text
    if room == 1:
        return "…"
    kept = text
    while kept and cell_len(kept) > room - 1:
        kept = kept[1:]
    return "…" + kept


def fit_right(text: str, room: int) -> str:
    """`text` cut at the end with "…" so that it fits in `room` cells (at least "…")."""
    if cell_len(text) <= room:
        return text
    kept = text
    while kept and cell_len(kept) > max(room, 1) - 1:
        kept = kept[:-1]
    return kept + "…"
