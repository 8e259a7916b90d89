"""Drawing one line of the section tree, straight to segments.

Textual's `Tree._render_line` builds a Rich `Text` per line (guides, icon, label, badge), asks
the DOM for six component styles and renders the text through the console: 0.3-0.7 ms a line,
so a jump that scrolls the tree to lines it never drew (`G` from the top: 37 of them) spent
~25 ms on the tree alone.  This draws the same segments, with the same styles and the same mouse
metadata (`line`, `node`, `toggle`, which Tree's click handler reads), from styles taken once a
frame (`TreeLook`) and labels rendered once a node (`label_pieces`): ~80 µs a line, 4x faster.  A test
compares every line of real articles, in every state, with Tree's own drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets.tree import TreeNode

from reader.ui.textual_private import node_hover, node_selected

TOGGLE_STYLE = Style.from_meta({"toggle": True})  # as Textual's tree marks the fold arrow
NULL = Style()

Pieces = tuple[tuple[str, Style | None], ...]


class Guides(NamedTuple):
    """The four guide strings of one style: space, vertical, terminator, cross."""

    space: str
    vertical: str
    terminator: str
    cross: str


class TreeLook(NamedTuple):
    """Everything a line's look depends on beyond its own node, taken once a frame."""

    base: Style  # the widget's style
    guides: Style  # tree--guides
    guides_hover: Style  # tree--guides + tree--guides-hover
    guides_selected: Style  # tree--guides + tree--guides-selected
    hidden: tuple[bool, bool, bool]  # guides, hover guides, selected guides transparent
    label: Style
    highlight: Style  # the label under the mouse
    highlight_line: Style  # the whole line under the mouse
    cursor: Style
    badge: Style  # the search-match count beside a label
    lines: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # Tree.LINES: default, bold, double
    show_guides: bool
    guide_depth: int
    focus: bool
    icons: tuple[str, str]  # folded, unfolded


def guides_for(look: TreeLook, style: Style, hidden: bool) -> Guides:
    """The guide strings drawn in `style` (Tree's `get_guides`)."""
    if not look.show_guides or hidden:
        return Guides("  ", "  ", "  ", "  ")
    lines = look.lines[1] if style.bold else look.lines[2] if style.underline2 else look.lines[0]
    depth = max(0, look.guide_depth - 2)
    return Guides(*(f"{chars[0]}{chars[1] * depth} " for chars in lines))


def guide_pieces(look: TreeLook, path: Sequence[TreeNode[str]], last: bool) -> list[tuple[str, Style]]:
    """The guides before a node's label as (text, style) pieces, styled as Tree styles them
    (hover and selection colour the guides from the depth of the hovered or selected ancestor
    on); neighbours of one style are joined."""
    pieces: list[tuple[str, Style]] = []
    hover = node_hover(path[0])
    selected = node_selected(path[0]) and look.focus
    style, hidden = look.guides, True
    for node in path[1:]:
        hidden = look.hidden[0]
        if hover:
            style, hidden = look.guides_hover, look.hidden[1]
        if selected:
            style, hidden = look.guides_selected, look.hidden[2]
        if node is not path[-1]:
            guides = guides_for(look, style, hidden)
            add(pieces, guides.space if node.is_last else guides.vertical, style)
        hover = hover or node_hover(node)
        selected = (selected or node_selected(node)) and look.focus
    if len(path) > 1:
        guides = guides_for(look, style, hidden)
        add(pieces, guides.terminator if last else guides.cross, style)
    return pieces


def add(pieces: list[tuple[str, Style]], text: str, style: Style) -> None:
    """Append a piece, joined to the last one when they share a style."""
    if pieces and pieces[-1][1] is style:
        pieces[-1] = (pieces[-1][0] + text, style)
    else:
        pieces.append((text, style))


def fit(pieces: list[tuple[str, Style]], room: int) -> list[tuple[str, Style]]:
    """`pieces` cut to `room` cells, ending in "…" when cut, as Rich's `Text.truncate(room,
    overflow="ellipsis")` cuts a text: the "…" takes the style of the cell it replaces."""
    if room <= 1 or sum(cell_len(text) for text, _ in pieces) <= room:
        return pieces
    out: list[tuple[str, Style]] = []
    left = room - 1  # cells before the "…"
    for text, style in pieces:
        width = cell_len(text)
        if width <= left and left:
            out.append((text, style))
            left -= width
            continue
        out.append(((set_cell_size(text, left) if left else "") + "…", style))
        break
    return out


def label_pieces(label: Text, console: Console) -> Pieces:
    """A node's label as (text, style) pieces, rendered once (labels do not change)."""
    return tuple((segment.text, segment.style) for segment in label.render(console) if segment.text)


def draw_line(
    look: TreeLook,
    path: Sequence[TreeNode[str]],
    last: bool,
    y: int,
    label: Pieces,
    room: int,
    count: int,
    hover_line: int,
    cursor_line: int,
    pad_width: int,
) -> Strip:
    """Line `y` of the tree (the node at the end of `path`), `pad_width` cells wide, uncropped.

    `label` is the node's label as (text, style) pieces, `room` the cells it may take (it
    ends in "…" beyond), `count` the search matches to show beside it (0: no badge).
    """
    node = path[-1]
    is_hover = hover_line >= 0 and any(node_hover(n) for n in path)
    line_style = look.highlight_line if is_hover else look.base
    # Mouse metadata goes on last, once a piece: Rich merges metadata by pickling it, on every
    # addition of two styles that carry some, and uncached (each line's differs).
    line_meta = Style.from_meta({"line": y})
    label_meta = Style.from_meta({"line": y, "node": node.id})
    segments = [Segment(text, line_style + style + line_meta) for text, style in guide_pieces(look, path, last)]

    label_style = look.label
    if hover_line == y:
        label_style += look.highlight
    if cursor_line == y:
        label_style += look.cursor
    pieces: list[tuple[str, Style]] = []
    if node.allow_expand:
        icon = look.icons[1] if node.is_expanded else look.icons[0]
        pieces.append((icon, TOGGLE_STYLE))
    for text, style in label:
        pieces.append((text, (style + label_style) if style is not None else label_style))
    pieces = fit(pieces, room - (count_width(count) if count else 0))
    if count:
        pieces.append((" ", NULL))
        pieces.append((f" {count} ", look.badge))
    segments.extend(Segment(text, line_style + style + label_meta) for text, style in pieces)

    used = sum(cell_len(segment.text) for segment in segments)
    if pad_width > used:
        segments.append(Segment(" " * (pad_width - used), line_style + line_meta))
    return Strip(segments).simplify()


def count_width(count: int) -> int:
    """Cells the badge of `count` matches takes (a space, then " N ")."""
    return len(str(count)) + 3
