"""The search field that `/` opens under the reading pane.

It only reports what the reader does; the screen passes it on to the reading pane:
`Changed` on every keystroke (search as you type), `Submitted` on enter (close the field,
keep the highlights, go to the first match), `Cancelled` on escape (clear the search).

Enter and escape close the field and give the focus back at once, so that a key typed
right after them, `n` say, goes where the reader is going.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label

from reader.ui.key_gate import PassedKey


class SearchInput(Input):
    """The text field itself.

    Enter and escape are handled here, in the order the keys were typed (a binding would
    run only once the key has bubbled up to the app, after the keys typed behind it).  A key
    that reaches the field after it closed goes back to the app, to whoever has the focus now.
    """

    DEFAULT_CSS = """
    SearchInput, SearchInput:focus {
        border: none;
        height: 1;
        padding: 0;
        width: 1fr;
        background: $boost;
    }
    """

    async def _on_key(self, event: events.Key) -> None:
        bar = self.parent
        if isinstance(bar, SearchBar):
            if not bar.is_open:
                event.stop()
                event.prevent_default()
                self.app.post_message(PassedKey(event.key, event.character))
                return
            if event.key in ("enter", "escape"):
                event.stop()
                event.prevent_default()
                bar.action_finish(event.key == "enter")
                return
        await super()._on_key(event)


class SearchBar(Horizontal):
    """A one-line "Search / query" field, hidden until opened."""

    # Shown in the footer; SearchInput acts on these keys itself (see there).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "finish(True)", "Keep"),
        Binding("escape", "finish(False)", "Clear search"),
    ]

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
        self._return_to: Widget | None = None

    # Nothing is composed until the field first opens: an Input (its CSS, its widgets) is a
    # noticeable part of the reader's start-up, and most readings never search.

    def _field(self) -> SearchInput:
        """The input field, built the first time it is needed."""
        fields = self.query(SearchInput)
        if fields:
            return fields.first()
        field = SearchInput(placeholder="type to search, enter to keep, escape to clear", select_on_focus=True)
        field.cursor_blink = self._cursor_blink
        self.mount(Label("Search /"), field)
        return field

    @property
    def is_open(self) -> bool:
        """True while the field is shown."""
        return self.has_class("-open")

    @property
    def value(self) -> str:
        """The query in the field."""
        fields = self.query(SearchInput)
        return fields.first().value if fields else ""

    def open(self, query: str = "", return_to: Widget | None = None) -> None:
        """Show the field with `query` in it (all selected, so typing replaces it), focused.

        The focus goes back to `return_to` when the field closes.
        """
        field = self._field()
        with field.prevent(Input.Changed):
            field.value = query
        self._return_to = return_to
        self.add_class("-open")
        # Focus now, not after the next refresh: keys typed right after "/" belong to the field.
        self.screen.set_focus(field)
        field.select_all()

    def close(self) -> None:
        """Hide the field and give the focus back."""
        self.remove_class("-open")
        target = self._return_to
        self._return_to = None
        if target is not None and target.is_attached and target.display:
            self.screen.set_focus(target)
        else:
            self.screen.set_focus(None)
            self.screen.focus_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.is_open if action == "finish" else True

    def action_finish(self, keep: bool) -> None:
        """Enter (keep) or escape: close the field now, then tell the screen."""
        query = self.value
        self.close()
        self.post_message(self.Submitted(query) if keep else self.Cancelled())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # Typed before enter even when handled after it: a key typed after enter never
        # reaches the field (SearchInput passes it on), and `open` sets the value silently.
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()  # enter is handled by our own binding
