"""How much room the reader screen gives its section tree: a small object the screen owns.

It decides whether the tree shows and how wide it is (`t`, `<` / `>`, the terminal's width, the
settings), never squeezing the text out; the screen (`reader.py`) moves the focus off a tree it
hid and tells the app about a changed setting.
"""

from __future__ import annotations

from textual.widget import Widget

from reader.config import Settings

NARROW = 60  # below this many columns the tree is hidden (until the reader shows it: `t`)
TREE_MIN_WIDTH = 12  # the narrowest the reader can make the tree
MIN_PANE_WIDTH = 20  # the tree never grows over the last columns of the text


def room_for(width: int) -> int:
    """The widest the tree may be in a screen `width` columns wide: all but the text's last columns."""
    return max(width - MIN_PANE_WIDTH, TREE_MIN_WIDTH)


class TreeRoom:
    """The tree's room: shown or hidden, and its width.  Until the reader shows or hides it
    themselves (`chosen`), the terminal's width decides whether it shows."""

    def __init__(self, tree: Widget) -> None:
        self.tree = tree
        self.chosen = False  # the reader showed or hid the tree: the width no longer decides

    def apply(self, settings: Settings, width: int) -> None:
        """The reader's own tree width and choice (`reader.config`), in a terminal `width` wide."""
        tree = self.tree
        if settings.tree_width:
            tree.styles.min_width = TREE_MIN_WIDTH
            tree.styles.width = settings.tree_width
            # Never over the text's last columns (the screen's own size is not known yet).
            tree.styles.max_width = room_for(width)
        if not settings.show_tree:
            self.chosen = True
            tree.display = False

    def toggle(self) -> bool:
        """`t`: hide a shown tree, show a hidden one; True when it shows now."""
        self.chosen = True
        self.tree.display = not self.tree.display
        return bool(self.tree.display)

    def widen(self, change: int, width: int) -> int | None:
        """Make the tree `change` columns wider (narrower when negative) in a screen `width` wide;
        the width it now has, or None for a hidden tree in a screen under NARROW columns: there
        the text comes first, and only `t` shows the tree (`<` showed a 12-column tree at 50).

        Only showing a hidden tree is a choice to keep it (as `t`): after `<` at 80 columns, a
        terminal narrowed to 40 kept the tree and 20 columns of broken words."""
        tree = self.tree
        if not tree.display:
            if width < NARROW:
                return None
            self.chosen = True
            tree.display = True
        room = room_for(width)
        wanted = min(max(tree.outer_size.width + change, TREE_MIN_WIDTH), room)
        # Inline styles beat the stylesheet's limits, which were for the default width.
        tree.styles.min_width = TREE_MIN_WIDTH
        tree.styles.max_width = room
        tree.styles.width = wanted
        return wanted

    def fit(self, width: int) -> None:
        """Below NARROW columns the text needs them all: hide the tree; show it again when the
        terminal grows, as long as the reader has not shown or hidden it with `t` themselves."""
        if not self.chosen:
            self.tree.display = width >= NARROW

    def resized(self, width: int) -> None:
        """The screen is now `width` wide: the tree shown or hidden for it (unless the reader chose);
        a tree the reader widened must not squeeze the text out of a smaller terminal."""
        self.fit(width)
        if self.tree.styles.inline.has_rule("width"):
            self.tree.styles.max_width = room_for(width)
