"""The section tree: the article's table of contents, beside the reading pane.

The root is the article's title (it stands for the lead); below it every section and
subsection, numbered like Wikipedia's contents ("1", "1.1").  The tree follows the
reading position (`follow`) without taking the focus, shows how many search matches each
section holds (`set_match_counts`), and asks for a jump with a `SectionChosen` message
when the reader picks a node (enter or click).  Picking a node never folds or unfolds
it: `left`/`right` (or a click on the arrow, or `space`) do that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar, cast

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.model import Article, Section
from reader.ui.textual_private import (
    label_region,
    node_hover,
    node_selected,
    node_updates,
    refresh_tree_line,
    tree_lines,
    tree_updates,
)
from reader.ui.widgets._tree_draw import Pieces, TreeLook, draw_line, label_pieces
from reader.ui.widgets.late_keys import PassesLateKeys

ROOT = ""  # the number the root node stands for: the title and the lead


class SectionTree(PassesLateKeys, Tree[str]):
    """The article's sections as a tree; each node's data is its section number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "collapse_or_parent", "Collapse", show=False),
        Binding("right", "expand_or_child", "Expand", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("home,g", "scroll_home", "First", show=False),
        Binding("end,G", "scroll_end", "Last", show=False),
    ]

    class SectionChosen(Message):
        """The reader picked a section in the tree: show it."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # Drawn lines (see `_render_line`); first, as Tree's __init__ already clears caches.
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._labels: dict[int, tuple[Text, Pieces]] = {}  # node id -> its label, rendered (_tree_draw)
        self._look: TreeLook | None = None
        self._look_key: tuple[object, ...] = ()
        self._look_number = 0
        # Taken once a frame by `render_lines` for every line's cache key.
        self._frame_key: tuple[object, ...] = ()
        self._frame_cursor = -1
        self._frame_hover = -1
        self._frame_width = 0
        # A Text, not "": Tree reads a str label as markup, and the first markup parse loads
        # Rich's table of emoji names (~5 ms before the first paint).
        super().__init__(Text(""), data=ROOT, id=id, classes=classes)
        self.auto_expand = False  # enter / click jump; folding has its own keys
        self.guide_depth = 3
        self._by_number: dict[str, TreeNode[str]] = {ROOT: self.root}
        self._counts: dict[str, int] = {}
        self._width_key: object = None
        self._width = 0

    # ------------------------------------------------------------------ building

    def show_article(self, article: Article) -> None:
        """Fill the tree with `article`'s sections, keeping what the reader folded."""
        folded = {number for number, node in self._by_number.items() if number and not node.is_expanded}
        self.clear()
        self.root.set_label(Text(article.title or "(untitled)"))
        self.root.data = ROOT
        self.root.expand()
        self._by_number = {ROOT: self.root}
        self._add_sections(self.root, article.sections, folded)
        self._counts = {}

    def _add_sections(self, parent: TreeNode[str], sections: Iterable[Section], folded: set[str]) -> None:
        for section in sections:
            node = parent.add(
                section_label(section),
                data=section.number,
                expand=section.number not in folded,
                allow_expand=bool(section.children),
            )
            self._by_number[section.number] = node
            self._add_sections(node, section.children, folded)

    def node_for(self, number: str) -> TreeNode[str] | None:
        """The node of section `number` (ROOT for the title), if the article has it."""
        return self._by_number.get(number)

    # ------------------------------------------------------------------ following

    def follow(self, number: str) -> None:
        """Put the cursor on section `number` and scroll it into view, focus untouched.

        When the reader folded the section away, its nearest visible ancestor is marked.
        """
        node = self._by_number.get(number)
        if node is None:
            return
        node = visible_ancestor(node)
        tree_lines(self)  # builds the lines so that node.line is current
        if self.cursor_node is not node:
            self.move_cursor(node, animate=False)
        # Tree's scroll_to_node waits for the next refresh, which costs a frame of its own;
        # scrolled now, the tree moves in the same frame as the text it follows.
        region = label_region(self, node.line)
        if region is not None:
            self.scroll_to_region(region, animate=False, force=True, center=self.center_scroll,
                                  origin_visible=False, x_axis=False, immediate=True)

    @property
    def highlighted(self) -> str | None:
        """The section number under the cursor (ROOT for the title), None when none."""
        node = self.cursor_node
        return None if node is None else node.data

    # ------------------------------------------------------------------ search counts

    def set_match_counts(self, counts: Mapping[str, int]) -> None:
        """Show beside each section how many search matches it holds ({} clears them)."""
        new = {number: count for number, count in counts.items() if count}
        old = self._counts
        if new == old:
            return
        self._counts = new
        # Repaint only the lines whose badge changes (a folded ancestor shows the sum); the
        # labels keep their width, so the tree needs no rebuild on every search keystroke.
        changed = {number for number in old.keys() | new.keys() if old.get(number) != new.get(number)}
        touched: set[TreeNode[str]] = set()
        for number in changed:
            node = self._by_number.get(number)
            while node is not None and node not in touched:
                touched.add(node)
                node = node.parent
        for node in touched:
            node.refresh()

    def match_count(self, node: TreeNode[str]) -> int:
        """Matches shown for `node`: its own, plus its descendants' when it is folded."""
        number = node.data or ROOT
        count = self._counts.get(number, 0)
        if node.is_collapsed or (node.is_root and not node.is_expanded):
            count += sum(self._counts.get(child, 0) for child in descendants(node))
        return count

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        # Tree's drawing of a label, with the search badge and the "…": what `_tree_draw` draws
        # without Rich, and the drawing tests compare it with.
        label = super().render_label(node, base_style, style)
        count = self.match_count(node) if self._counts else 0
        badge = Text()
        if count:
            badge.append(" ")
            badge.append(f" {count} ", style=self.get_component_rich_style("section-tree--count", partial=True))
        # A long title ends in "…" inside the tree's width; the whole of it is the pane's heading.
        room = self._label_room(node) - badge.cell_len
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        label.append_text(badge)
        return label

    def get_label_width(self, node: TreeNode[str]) -> int:
        # Every label fits its room (render_label cuts it), so the room is its width: no need
        # to render all the labels whenever the tree is rebuilt (a focus change rebuilds it).
        return max(self._label_room(node), 1)

    def _label_room(self, node: TreeNode[str], depth: int | None = None) -> int:
        """Cells left for `node`'s label once the guides of its depth (counted if not given)
        are drawn."""
        if depth is None:
            depth = 0
            parent = node.parent
            while parent is not None:
                depth += 1
                parent = parent.parent
        return self._text_width() - depth * self.guide_depth

    def _text_width(self) -> int:
        """The width labels may take (cached: it is asked for every node on a rebuild)."""
        key = (self.size, self.show_vertical_scrollbar)
        if self._width_key != key:
            self._width_key = key
            self._width = self.scrollable_content_region.width or self.size.width
        return self._width

    # ------------------------------------------------------------------ drawing, cached
    # Textual's Tree keys each drawn line on the `_updates` of every node on its path, so moving
    # the cursor onto a section (which bumps that node) redraws all of its subsections, and onto
    # the title redraws the whole tree; and any style change (a focus change is one) rebuilds
    # every line and the screen's layout.  Following the reading position does both on every
    # `]`, `G` or jump.  Here a line is keyed on what it shows: its own node, the cursor, the
    # hover, the styles in force, and its ancestors' hover and (while the tree has the focus)
    # selection, which colour the guides.

    def notify_style_update(self) -> None:
        # Not Tree's: it rebuilds the lines and relayouts the screen.  Only colours can have
        # changed, and the look (part of every line's key) tells a change apart.
        Widget.notify_style_update(self)
        self._look = None  # taken again at the next frame
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line's look and key share, taken once a frame (component styles, reactives
        # and DOM walks add up over 40 lines).  Not the pseudo-classes: the styles they select are
        # in the look, and focus changes a line's key only under the cursor (below), so a jump
        # from the tree (which moves the focus to the text) redraws two lines of it, not all.
        # The look is kept until the styles change (focus, hover, theme: all restyle the tree and
        # call notify_style_update): ten component-style lookups were a fifth of a frame's tree.
        key = (self.has_focus, self.show_guides, self.guide_depth, self.app.ansi_color)
        if self._look is None or key != self._look_key:
            self._look, self._look_key = self._take_look(), key
            self._look_number += 1  # stands for the look in every line's key (cheaper to hash)
        self._frame_key = (self.size.width, self._text_width(), tree_updates(self), self._look_number,
                           bool(self._counts))
        self._frame_cursor = self.cursor_line
        self._frame_hover = self.hover_line
        self._frame_width = self.size.width
        return super().render_lines(crop)

    def _take_look(self) -> TreeLook:
        get = self.get_component_rich_style
        guides = get("tree--guides", partial=True)
        def hidden(name: str) -> bool:
            return self.get_component_styles(name).color.a == 0

        return TreeLook(
            base=self.rich_style, guides=guides,
            guides_hover=guides + get("tree--guides-hover", partial=True),
            guides_selected=guides + get("tree--guides-selected", partial=True),
            hidden=(hidden("tree--guides"), hidden("tree--guides-hover"), hidden("tree--guides-selected")),
            label=get("tree--label", partial=True),
            highlight=get("tree--highlight", partial=True), highlight_line=get("tree--highlight-line"),
            cursor=get("tree--cursor", partial=False), badge=get("section-tree--count", partial=True),
            lines=(self.LINES["default"], self.LINES["bold"], self.LINES["double"]),
            show_guides=self.show_guides, guide_depth=self.guide_depth, focus=self.has_focus,
            icons=(self.ICON_NODE, self.ICON_NODE_EXPANDED),
        )

    def render_line(self, y: int) -> Strip:
        # Tree's, with the widget's style taken once a frame: `rich_style` walks the DOM on
        # every call, and Tree asks for it on every line.
        width = self._frame_width
        scroll_x, scroll_y = self.scroll_offset
        style = self._look.base if self._look is not None else self.rich_style
        return self._render_line(y + scroll_y, scroll_x, scroll_x + width, style)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        lines = tree_lines(self)
        look = self._look
        if not 0 <= y < len(lines) or look is None:
            return super()._render_line(y, x1, x2, base_style)
        line = lines[y]
        path = line.path
        hover_line, cursor_line = self._frame_hover, self._frame_cursor
        hover = tuple(node_hover(node) for node in path) if hover_line >= 0 else None
        # Tree draws the guides below the cursor's node in another style while it has the focus,
        # from the depth of that node on.
        selected = -1
        if look.focus:
            selected = next((depth for depth, node in enumerate(path) if node_selected(node)), -1)
        # Of the path, only the line's own node: an ancestor's `_updates` counts its cursor and
        # hover changes too, so keyed on them, the cursor on a chapter (or on the title) redrew
        # every line below it.  What an ancestor adds to this line is in `hover` and `selected`;
        # folding and unfolding rebuild the lines and clear this cache.
        node = path[-1]
        key = (y, x1, x2, self._frame_key, base_style, node_updates(node),
               cursor_line == y, hover_line == y, hover, selected)
        strip = self._strips.get(key)
        if strip is None:
            count = self.match_count(node) if self._counts else 0
            pad_width = max(self.virtual_size.width, self._frame_width)
            if base_style != look.base:  # only if called other than from render_line
                look = look._replace(base=base_style)
            room = self._label_room(node, len(path) - 1)
            strip = draw_line(look, path, line.last, y, self._label_pieces(node), room, count, hover_line,
                              cursor_line, pad_width).crop(x1, x2)
            self._strips[key] = strip
        return strip

    def _label_pieces(self, node: TreeNode[str]) -> Pieces:
        """`node`'s label, rendered once (again only when set_label gives it a new Text)."""
        # A Text: Tree makes every label one (`process_label`), though `label` is typed str | Text.
        current = cast(Text, node.label)
        label, pieces = self._labels.get(node.id, (None, ()))
        if label is not current:
            pieces = label_pieces(current, self.app.console)
            self._labels[node.id] = (current, pieces)
        return pieces

    def _refresh_node(self, node: TreeNode[str]) -> None:
        # Tree repaints every line under `node`: its cursor or hover colours the guides below it.
        # That holds only while the tree has the focus (selection) or had the mouse at the last
        # frame (hover); else the cursor following the reading changes the node's line alone.
        if not (self.has_focus or self.hover_line >= 0 or self._frame_hover >= 0):
            if node.line >= 0:
                refresh_tree_line(self, node.line)
        elif node.is_root or node.children:
            # As ~40 regions (the title's subtree is every line), drawn by the compositor piece
            # by piece; one is faster.
            self.refresh()
        else:
            super()._refresh_node(node)

    def _clear_line_cache(self) -> None:
        super()._clear_line_cache()
        self._strips.clear()
        self._labels.clear()

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {"section-tree--count"}

    DEFAULT_CSS = """
    SectionTree > .section-tree--count {
        color: $foreground;
        background: $accent-muted;
        text-style: bold;
    }
    """

    # ------------------------------------------------------------------ actions

    def action_select_cursor(self) -> None:
        node = self.cursor_node
        if node is not None:
            self.post_message(self.SectionChosen(node.data or ROOT))

    def action_collapse_or_parent(self) -> None:
        """Fold the node under the cursor; on a folded node or a leaf go to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent, animate=False)

    def action_expand_or_child(self) -> None:
        """Unfold the node under the cursor; on an unfolded one go to its first child."""
        node = self.cursor_node
        if node is None or not node.children:
            return
        if node.is_collapsed:
            node.expand()
        else:
            tree_lines(self)  # builds the lines so that the child has its line for the cursor
            self.move_cursor(node.children[0], animate=False)


def section_label(section: Section) -> Text:
    """ "2.1 Workers": the number dimmed a little, then the title."""
    label = Text()
    if section.number:
        label.append(section.number, style="dim")
        label.append(" ")
    label.append(section.title.strip() or "(untitled section)")
    return label


def visible_ancestor(node: TreeNode[str]) -> TreeNode[str]:
    """`node` itself when every ancestor is unfolded, else the outermost folded ancestor."""
    shown = node
    parent = node.parent
    while parent is not None:
        if not parent.is_expanded:
            shown = parent
        parent = parent.parent
    return shown


def descendants(node: TreeNode[str]) -> Iterable[str]:
    """The section numbers below `node`."""
    for child in node.children:
        yield child.data or ROOT
        yield from descendants(child)
