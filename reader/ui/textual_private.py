"""Textual's private names that wikireader relies on, all in this one module.

Textual does not promise to keep a name that starts with "_": an upgrade may rename or drop
it without a word.  So nothing else in wikireader reads one: it calls the small functions here,
each with the reason no public API does the job, and `tests/test_textual_private.py` checks
that every name still exists in the installed Textual (and textual-serve): an upgrade that
breaks one fails there, in one place, rather than in a widget at run time.

Private *methods overridden* by our subclasses (a tree that draws its own lines) cannot be
wrapped: `OVERRIDDEN` lists them, and the test checks that each base class still has them and
that no other subclass of ours overrides a private name of Textual's unlisted.

Where a public API does the job it is used instead, and nothing here stands for it:
`TreeNode.id`, `.label`, `.line` and `.allow_expand`; `App.return_code` (tests); the
`on_click`/`on_resize` handlers (a class's `_on_click` and `on_click` are one handler to
Textual's dispatch, `MessagePump._get_dispatch_methods`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual._compositor import Compositor
    from textual.app import App
    from textual.binding import BindingsMap, Keymap
    from textual.dom import DOMNode
    from textual.filter import LineFilter
    from textual.geometry import Region
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.scrollbar import ScrollBar
    from textual.widget import Widget
    from textual.widgets import Tree
    from textual.widgets._tree import _TreeLine as TreeLine
    from textual.widgets.tree import TreeNode

    BindingChain = list[tuple[DOMNode, BindingsMap]]

# The id of the blank screen Textual puts under everything (`App.get_default_screen`): the
# key gate waits past it for the picker pushed on top.
DEFAULT_SCREEN_ID = "_default"

# (module, class, method): private methods of Textual classes that our subclasses override.
OVERRIDDEN: tuple[tuple[str, str, str], ...] = (
    # SectionTree draws its lines itself, cached on what each shows (reader.ui.widgets.section_tree).
    ("textual.widgets", "Tree", "_render_line"),
    # ... repaints one line, not the subtree, when the tree has neither focus nor mouse.
    ("textual.widgets", "Tree", "_refresh_node"),
    # ... drops its own caches with Tree's.
    ("textual.widgets", "Tree", "_clear_line_cache"),
    # SearchInput keys: a key typed before the bar opened is passed on, enter/escape close it.
    ("textual.widgets", "Input", "_on_key"),
    # The web server adds its guard (Host check, the paths the page needs) to textual-serve's app.
    ("textual_serve.server", "Server", "_make_app"),
)


# ---------------------------------------------------------------------------- bindings


def binding_chain(screen: Screen[Any]) -> BindingChain:
    """The (node, bindings) chain a key is looked up in, focused widget first.  No public API
    lists every binding with its node (`Screen.active_bindings` keeps one per key)."""
    return screen._binding_chain


def modal_binding_chain(screen: Screen[Any]) -> BindingChain:
    """The chain as Textual searches it for non-priority bindings: up to the last modal screen."""
    return screen._modal_binding_chain


async def check_bindings(app: App[Any], key: str) -> bool:
    """Run `key`'s binding now, as the app would once the key bubbled up to it (the late-keys
    widgets look it up on arrival, before a later key moves the focus); True if one ran."""
    return await app._check_bindings(key)


def bindings_of(node: DOMNode) -> BindingsMap:
    """The bindings `node` has now, the keymap applied: `BINDINGS` are the declared ones, and
    Textual keeps the live map (`DOMNode._bindings`) with no public name."""
    return node._bindings


def keymap(app: App[Any]) -> Keymap:
    """The reader's key map in force (binding id -> keys): Textual sets it (`set_keymap`) but
    offers no way to read it back, and the help screen shows the keys it binds."""
    return app._keymap


# ---------------------------------------------------------------------------- the app


def line_filters(app: App[Any]) -> list[LineFilter]:
    """The filters every painted line goes through (NO_COLOR's `Monochrome` among them):
    chosen in `App.__init__` from the environment, with no public way to swap one."""
    return app._filters


def set_line_filters(app: App[Any], filters: list[LineFilter]) -> None:
    """Replace the app's line filters (see `line_filters`)."""
    app._filters = filters


def start_widget(app: App[Any], parent: Widget, widget: Widget) -> None:
    """Start `widget` as a child of `parent` that is not in the DOM (a scroll bar): what Widget
    does for its own scroll bars."""
    app._start_widget(parent, widget)


def expect_result(screen: Screen[Any], requester: App[Any]) -> None:
    """Give `screen` the (empty) result callback `switch_screen` gives a screen it switches in, so
    that a screen made the app's default screen (`get_default_screen`) can be switched away from
    like any other: Textual's own default screen has none, and `switch_screen` fails on it."""
    screen._push_result_callback(requester, None)


def notifications(app: App[Any]) -> Iterable[Notification]:
    """The notifications the app shows now (tests read what it said)."""
    return app._notifications


def compositor(screen: Screen[Any]) -> Compositor:
    """What puts the screen's widgets together: tests read the screen as the terminal shows it
    (`render_strips`), and the app benchmark times a full repaint (`render_update`)."""
    return screen._compositor


# ---------------------------------------------------------------------------- scroll bars


def vertical_scrollbar(widget: Widget) -> ScrollBar | None:
    """The widget's vertical scroll bar if made yet: Widget's own property makes one of its
    own class, and QuickScrollBars makes a faster one instead, in the same slot."""
    return widget._vertical_scrollbar


def set_vertical_scrollbar(widget: Widget, bar: ScrollBar) -> None:
    """Put `bar` in the widget's vertical scroll bar slot (see `vertical_scrollbar`)."""
    widget._vertical_scrollbar = bar


# ---------------------------------------------------------------------------- trees


def tree_lines(tree: Tree[Any]) -> list[TreeLine[Any]]:
    """The tree's visible lines, each with its path of nodes (built on first use after a
    change): SectionTree draws them itself, and Tree has no public list of them."""
    return tree._tree_lines


def tree_updates(tree: Tree[Any]) -> int:
    """Tree's count of changes to its shape, part of each drawn line's cache key."""
    return tree._updates


def tree_line_cache_clear(tree: Tree[Any]) -> None:
    """Forget Tree's own drawn lines (the test comparing ours with Tree's draws both afresh)."""
    tree._line_cache.clear()


def label_region(tree: Tree[Any], line: int) -> Region | None:
    """Where a line's label is, to scroll it into view now: Tree's `scroll_to_node` waits for
    the next refresh, a frame behind the text the tree follows."""
    return tree._get_label_region(line)


def refresh_tree_line(tree: Tree[Any], line: int) -> None:
    """Repaint one line of the tree (no public API refreshes a line of a Tree)."""
    tree._refresh_line(line)


def node_updates(node: TreeNode[Any]) -> int:
    """The node's change count (label, cursor, hover, folding): a drawn line's cache key."""
    return node._updates


def node_hover(node: TreeNode[Any]) -> bool:
    """The mouse is over the node: it colours the guides below it."""
    return node._hover


def node_selected(node: TreeNode[Any]) -> bool:
    """The node is under the cursor: with the focus, the guides below it take another colour."""
    return node._selected
