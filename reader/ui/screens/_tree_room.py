"""How much room the reader screen gives its section tree, as a mixin of `ReaderScreen`.

Kept apart so that each module holds one job: this one is the tree's room (shown or hidden for
the terminal's width, `t`, `<` / `>`, never squeezing the text out); `reader.py` wires the
screen's parts together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ui.screens.reader import ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object

NARROW = 60  # below this many columns the tree is hidden (until the reader shows it: `t`)
TREE_MIN_WIDTH = 12  # the narrowest the reader can make the tree
MIN_PANE_WIDTH = 20  # the tree never grows over the last columns of the text


class TreeRoomMixin(_Base):
    """`t`, `<` / `>` and the terminal's width deciding the section tree's room."""

    _tree_chosen = False  # the reader showed or hid the tree: the width no longer decides

    def action_toggle_tree(self) -> None:
        self._tree_chosen = True
        tree = self.tree
        tree.display = not tree.display
        if not tree.display and (self.focused is tree or self.focused is None):
            self.pane.focus()
        self.post_message(self.SettingChanged("show_tree", bool(tree.display)))

    def action_tree_width(self, change: int) -> None:
        """Make the section tree `change` columns wider (narrower when negative).

        Only showing a hidden tree is a choice to keep it (as `t`): after `<` at 80 columns, a
        terminal narrowed to 40 kept the tree and 20 columns of broken words."""
        tree = self.tree
        if not tree.display:
            self._tree_chosen = True
            tree.display = True
        room = self._tree_room()
        width = min(max(tree.outer_size.width + change, TREE_MIN_WIDTH), room)
        # Inline styles beat the stylesheet's limits, which were for the default width.
        tree.styles.min_width = TREE_MIN_WIDTH
        tree.styles.max_width = room
        tree.styles.width = width
        self.post_message(self.SettingChanged("tree_width", width))

    def on_resize(self) -> None:
        """The tree shown or hidden for the new width (unless the reader chose); a tree the reader
        widened must not squeeze the text out of a smaller terminal."""
        self._fit_tree(self.size.width)
        tree = self.tree
        if tree.styles.inline.has_rule("width"):
            tree.styles.max_width = self._tree_room()

    def _tree_room(self) -> int:
        """The widest the tree may be: all but the text's last columns."""
        return max(self.size.width - MIN_PANE_WIDTH, TREE_MIN_WIDTH)

    def _fit_tree(self, width: int) -> None:
        """Below NARROW columns the text needs them all: hide the tree; show it again when the
        terminal grows, as long as the reader has not shown or hidden it with `t` themselves."""
        if self._tree_chosen:
            return
        tree = self.tree
        tree.display = width >= NARROW
        if not tree.display and self.focused is tree:
            self.pane.focus()
