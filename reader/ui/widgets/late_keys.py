"""Keys typed in one go ("g/x", "/work", a paste) acted on in the order typed.

Textual hands each key to the widget focused when the app reads it, into that widget's queue;
the widget passes it up to the app, which only then looks for a binding, along the focus chain
of that moment.  Keys typed together are all handed out before the first is acted on, so when
one of them moves the focus ("/" opens the search field, enter a popup), the bindings of the
keys around it were looked up along the wrong chain: "g" in "g/x" was looked up from the search
field and lost (when "/" was a priority binding, acted on at once), and "work" after "/" would
reach the pane, not the field (without it).

A widget with this mixin looks up the binding of a key the moment the key reaches it, while it
still has the focus (the chain is the one the key was typed into); a key that reaches it after
the focus has left it goes back to the app, which hands it to the widget focused now, in the
order typed.  (The search field does the same the other way round: see `SearchInput`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from reader.ui.key_gate import PassedKey
from reader.ui.textual_private import check_bindings

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a plain mixin: a Widget base here would reset can_focus for a Tree


class PassesLateKeys(_Base):
    """Mixin for a focusable widget: bindings looked up on arrival; late keys passed on."""

    async def on_key(self, event: events.Key) -> None:
        if self.app.focused is not self:
            event.stop()
            event.prevent_default()  # none of this widget's bindings runs for it
            self.app.post_message(PassedKey(event.key, event.character))
            return
        # Textual's own lookup (an App method), made now rather than once the key has bubbled up
        # to the app, by when a key typed after it may have moved the focus.
        if await check_bindings(self.app, event.key):
            event.stop()
            event.prevent_default()
