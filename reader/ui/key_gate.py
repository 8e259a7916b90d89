"""Every key acts, in the order typed, on what the person will see: the app's key gate.

People do not wait for the reader to settle: they type `wikireader file.txt` and then `/harding`
enter or `G` at once, or press `n` six times in one go.  Textual hands each key to the widget
focused when the app reads it, so keys that arrive together were handed out before the first
had acted: keys typed before the first screen was ready went to no widget (an empty search
field, a lost enter), keys behind one that opens the search field or a popup went to the
widget that had the focus before it, and `n` behind the enter that starts a first search acted
before the search existed.  `G` before a long article was fully laid out went to the end of
the part laid out so far.

The gate (one per app, `ReaderApp.on_event` offers it every key read from the terminal) queues
the keys and lets them through one at a time, as `PassedKey`s:
- each once the screen on top is ready for it: a `KeyTaker` (the reader, the picker) says when
  (the reader once its first screen of text is laid out), and may hold a key whose action needs
  what is still on its way (`G` the whole article, enter the titles of a filter being computed);
  Textual's blank first screen (under the picker) never is;
- each after the one before it has been handled, with every message it set off (the search it
  started, the screen it opened): the screen's widgets have emptied their queues.
A key held longer than `MAX_HOLD` goes through anyway.  Keys typed while the terminal was still
in line mode arrive with enter as ctrl+j (see `reader.typeahead`): a ctrl+j that comes before
the first key has gone through is read as enter.
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual import events
from textual.css.query import NoMatches

from reader.ui.textual_private import DEFAULT_SCREEN_ID, binding_chain, modal_binding_chain

if TYPE_CHECKING:
    from textual.app import App

# Seconds a key may wait for its screen: a screen that never gets ready (a parse that failed)
# must not keep the keyboard.  Long: the 1 MB article is whole ~1.7 s after the first paint on
# an idle machine, several seconds on a busy one, and G before then must mean the end.
MAX_HOLD = 15.0
POLL = 0.01  # seconds between looks at a screen that is not ready
SETTLE_ROUNDS = 8  # rounds of "every widget has handled what it had" after a key, at most
SETTLE_TIMEOUT = 1.0  # seconds one round may take (a handler stuck on something else)


class PassedKey(events.Key):
    """A key the gate has let through (or a widget hands back to the app, to reach the widget
    focused now): the app dispatches it as any key, without holding it again."""


PassedKey.handler_name = events.Key.handler_name  # Textual names handlers after the class: "on_key"


@runtime_checkable
class KeyTaker(Protocol):
    """A screen that can tell whether it is ready for a key.  `action` is the name of the action
    the key's binding would run ("bottom", "search"), or None for a key bound to nothing (a
    character typed into a field)."""

    def takes_key(self, action: str | None) -> bool:
        """True when the key can act now; False holds it (and the keys behind it)."""


class KeyGate:
    """The app's queue of keys; see the module docstring."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._keys: deque[events.Key] = deque()
        self._task: asyncio.Task[None] | None = None
        self._started = False  # a key has gone through: the app has started

    @property
    def waiting(self) -> int:
        """How many keys are queued."""
        return len(self._keys)

    def offer(self, event: events.Key) -> bool:
        """Queue a key read from the terminal; False when it is one to dispatch now."""
        if isinstance(event, PassedKey) or event.is_forwarded:
            return False
        if event.key == "ctrl+j" and not self._started:
            event = events.Key("enter", "\r")  # typed before the terminal left line mode
        self._keys.append(event)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._pump())
        return True

    def close(self) -> None:
        """Drop the queue (the app is closing)."""
        self._keys.clear()
        if self._task is not None:
            self._task.cancel()

    async def _pump(self) -> None:
        while self._keys:
            await self._until_ready(self._keys[0])
            event = self._keys.popleft()
            self._started = True
            self._app.post_message(PassedKey(event.key, event.character))
            await self._settle()

    async def _until_ready(self, event: events.Key) -> None:
        deadline = monotonic() + MAX_HOLD
        while not self._ready(event) and monotonic() < deadline:
            await asyncio.sleep(POLL)

    def _ready(self, event: events.Key) -> bool:
        try:
            screen = self._app.screen
        except Exception:  # no screen yet
            return False
        if isinstance(screen, KeyTaker):
            try:
                return screen.is_mounted and screen.takes_key(self._action_for(event.key))
            except NoMatches:  # its widgets are still being mounted
                return False
        # A popup, the palette, a dialog: ready.  Textual's blank default screen, under the
        # picker until it is pushed: wait for the picker.
        return screen.id != DEFAULT_SCREEN_ID

    def _action_for(self, key: str) -> str | None:
        """The name of the action `key` would run now (as `App._check_bindings` looks it up)."""
        screen = self._app.screen
        for priority, chain in ((True, reversed(binding_chain(screen))), (False, modal_binding_chain(screen))):
            for _namespace, bindings in chain:
                for binding in bindings.key_to_bindings.get(key, ()):
                    if binding.priority == priority:
                        return binding.action.rpartition(".")[2].partition("(")[0]
        return None

    async def _settle(self) -> None:
        """Wait until the app and the widgets of the screen on top have handled every message
        the last key set off (as Textual's Pilot waits between the keys it presses)."""
        app = self._app
        for _ in range(SETTLE_ROUNDS):
            try:
                nodes = [app, *app.screen.walk_children(with_self=True)]
            except Exception:
                return
            done = [asyncio.Event() for _ in nodes]
            waiting = [event.wait() for node, event in zip(nodes, done, strict=True) if node.call_later(event.set)]
            if waiting:
                try:
                    await asyncio.wait_for(asyncio.gather(*waiting), SETTLE_TIMEOUT)
                except asyncio.TimeoutError:
                    return
            if all(node.message_queue_size == 0 for node in nodes):
                return
