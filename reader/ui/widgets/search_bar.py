"""The search field that `/` opens under the reading pane.

It only reports what the reader does; the screen passes it on to the reading pane:
`Changed` on every keystroke (search as you type), `Submitted` on enter (close the field,
keep the highlights, go to the first match), `Cancelled` on escape (clear the search).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchInput(Input):
    """The text field itself; escape cancels the search instead of doing nothing."""

    BINDINGS = [Binding("escape", "cancel", "Clear search", show=True)]

    DEFAULT_CSS = """
    SearchInput, SearchInput:focus {
        border: none;
        height: 1;
        padding: 0;
        width: 1fr;
        background: $boost;
    }
    """

    class Cancelled(Message):
        """Escape in the field."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class SearchBar(Horizontal):
    """A one-line "/ query" field, hidden until opened."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $boost;
        &.-open { display: block; }
        & > Label { width: auto; padding: 0 1; color: $text-accent; text-style: bold; }
    }
    """

    class Changed(Message):
        """The query as typed so far."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter: keep the highlights and go to the first match."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        """Escape: clear the search."""

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        yield Label("Search /")
        field = SearchInput(placeholder="type to search, enter to keep, escape to clear", select_on_focus=True)
        field.cursor_blink = self._cursor_blink
        yield field

    @property
    def is_open(self) -> bool:
        """True while the field is shown."""
        return self.has_class("-open")

    @property
    def value(self) -> str:
        """The query in the field."""
        return self.query_one(SearchInput).value

    def open(self, query: str = "") -> None:
        """Show the field with `query` in it (all selected, so typing replaces it), focused."""
        field = self.query_one(SearchInput)
        with field.prevent(Input.Changed):
            field.value = query
        self.add_class("-open")
        field.focus()
        field.select_all()

    def close(self) -> None:
        """Hide the field (the caller moves the focus back)."""
        self.remove_class("-open")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.is_open:
            self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    @on(SearchInput.Cancelled)
    def _cancelled(self, event: SearchInput.Cancelled) -> None:
        event.stop()
        self.post_message(self.Cancelled())
