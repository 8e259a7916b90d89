"""The key hints at the bottom of the reader: one line, drawn from the screen's active bindings.

Textual's `Footer` is a widget per key, rebuilt (composed, styled, laid out) whenever the focus
moves; on a tree jump that alone cost more than the jump.  This bar is one widget drawing one
line.  It reads the bindings again only when Textual says they changed (a focus move, a screen
change, `refresh_bindings`), and repaints only when the hints really differ.

On a narrow terminal the least important hints go first: the hints are ordered by `RANK` (the
way out and the help screen first), and whatever does not fit in the width is left off, so
"? Help" and "q Quit" show even at 40 columns.  A click on a hint presses its key.

The bar is also where the reader says things ("Search wrapped to the top", "No match"): a
`message` takes the hints' place until the screen clears it.  Textual's notifications were
drawn over the text and the status line, hiding the search counter just when it mattered.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol, runtime_checkable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

# Hints by importance, by their binding's action (unlisted actions come after, in binding order).
RANK = (
    "finish",  # the search field's enter / escape, while it is open
    "help",
    "app.quit",
    "quit",
    "search",
    "follow_redirect",
    "section",
    "citation",
    "toggle_tree",
    "picker",
)
PALETTE_ACTION = "app.command_palette"
GAP = 1  # columns between two hints
DIM = Style(dim=True)  # a hint whose action is disabled just now


@runtime_checkable
class HintChooser(Protocol):
    """A screen that shows some of its bindings' hints only at times (the reader: the keys acting
    on the text while the text has the focus, though they act from the tree too)."""

    def shows_hint(self, binding: Binding) -> bool:
        """True when the hint of `binding` (shown, active) is wanted now."""


class Hint(NamedTuple):
    """One key hint as shown: "] Next section"."""

    key: str  # the key to simulate on a click
    display: str  # the key as shown ("]", "^p")
    description: str
    enabled: bool
    rank: int


class KeyBar(Widget):
    """One line of key hints for the screen's active bindings, most important first."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--palette {
        color: $foreground 20%;
    }
    KeyBar > .key-bar--message {
        color: $text;
        text-style: bold;
    }
    KeyBar > .key-bar--warning {
        color: $text-warning;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette", "key-bar--message",
                         "key-bar--warning"}

    message: reactive[str] = reactive("")
    """Said in place of the hints ("" shows the hints)."""
    warning: reactive[bool] = reactive(False)
    """The message is a warning (nothing was done), drawn in the warning colour."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hints: tuple[Hint, ...] = ()
        self.palette: Hint | None = None
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of the hints drawn

    @property
    def keys(self) -> list[str]:
        """The binding keys of the hints (whether or not the width shows them all)."""
        hints = [*self.hints, self.palette] if self.palette else list(self.hints)
        return [hint.key for hint in hints]

    @property
    def shown(self) -> list[str]:
        """The hints drawn at the current width, as text ("? Help")."""
        return [f"{hint.display} {hint.description}" for hint in self._fit(self.content_region.width)[0]]

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # The hints come in the frame after the first (as Footer's do): the text first.
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        hints, palette = collect_hints(screen)
        if (hints, palette) != (self.hints, self.palette):
            self.hints, self.palette = hints, palette
            self.refresh()

    def _fit(self, width: int) -> tuple[list[Hint], Hint | None]:
        """The hints that fit in `width`, in rank order, and the palette hint if it fits too."""
        kept: list[Hint] = []
        used = 0
        for hint in self.hints:
            size = hint_width(hint) + (GAP if kept else 0)
            if used + size > width:
                break
            kept.append(hint)
            used += size
        palette = self.palette
        if palette is not None and used + GAP + hint_width(palette) + 2 > width:
            palette = None
        return kept, palette

    def render(self) -> Text:
        width = self.content_region.width
        if self.message:
            return self._render_message(width)
        kept, palette = self._fit(width)
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for hint in kept:
            if line:
                line.append(" " * GAP)
            start = line.cell_len
            dim = Style() if hint.enabled else DIM
            line.append(hint.display, style=key_style + dim)
            line.append(" " + hint.description, style=text_style + dim)
            self._spans.append((start, line.cell_len, hint.key))
        if palette is not None:
            room = width - line.cell_len - hint_width(palette) - 2  # "▏" before it, a blank after
            line.append(" " * room)
            line.append("▏", style=self.get_component_rich_style("key-bar--palette"))
            start = line.cell_len
            line.append(palette.display, style=key_style)
            line.append(" " + palette.description, style=text_style)
            self._spans.append((start, line.cell_len, palette.key))
        return line

    def _render_message(self, width: int) -> Text:
        self._spans = []
        style = self.get_component_rich_style("key-bar--warning" if self.warning else "key-bar--message")
        line = Text(" " + self.message, style=style, no_wrap=True, overflow="ellipsis", end="")
        line.truncate(width, overflow="ellipsis")
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return


def hint_width(hint: Hint) -> int:
    """Cells a hint takes: "] Next section"."""
    return Text(f"{hint.display} {hint.description}").cell_len


def collect_hints(screen: Screen[object]) -> tuple[tuple[Hint, ...], Hint | None]:
    """The shown bindings of `screen` (one per action, as Textual's Footer), by rank; and the
    command palette's hint apart (it is drawn at the right end)."""
    app = screen.app
    by_action: dict[str, Hint] = {}
    palette: Hint | None = None
    chooser = screen if isinstance(screen, HintChooser) else None
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = Hint(binding.key, app.get_key_display(binding), binding.description, active.enabled, 0)
            continue
        if not binding.show or binding.action in by_action or (chooser is not None and not chooser.shows_hint(binding)):
            continue
        by_action[binding.action] = Hint(
            binding.key, app.get_key_display(binding), binding.description, active.enabled, rank_of(binding.action)
        )
    ordered = sorted(by_action.values(), key=lambda hint: hint.rank)  # stable: binding order within a rank
    return tuple(ordered), palette


def rank_of(action: str) -> int:
    """Where a hint for `action` goes: its place in RANK (ignoring parameters), else after them."""
    name = action.split("(", 1)[0]
    return RANK.index(name) if name in RANK else len(RANK)
