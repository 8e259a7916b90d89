"""The help screen (`?` or `f1`): every key of the reader, grouped by what it is for; then what
the parser repaired in the article being read (damage in the file, for the curious)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget

from reader.ui.screens.dialog import DialogScreen

# The keys table: the contract of issue 3, plus the few extras the reader has.
KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Reading", [
        ("j k ↓ ↑", "scroll a line"),
        ("space f pgdn / b pgup", "scroll a page down / up"),
        ("d / u", "scroll half a page down / up"),
        ("g home / G end", "top / end of the article"),
        ("] / [", "next / previous section (heading placed at the top)"),
        ("mouse wheel", "scroll"),
    ]),
    ("Section tree", [
        ("tab / shift+tab", "move the focus between the tree and the text"),
        ("t", "show / hide the section tree"),
        ("< / >", "make the section tree narrower / wider"),
        ("↑ ↓ (j k)", "move in the tree"),
        ("enter, click", "go to that section"),
        ("← / →", "collapse / expand (← on a leaf: to its parent)"),
        ("space", "collapse or expand"),
    ]),
    ("Search", [
        ("/", "search: matches are highlighted as you type (smart case; orleans finds Orléans, any dash or quote its kind)"),
        ("enter", "close the field, keep the highlights, go to the first match after here"),
        ("n / N", "next / previous match, wrapping around"),
        ("escape", "clear the search (in the field: and go back to where it began)"),
    ]),
    ("Citations", [
        ("c / C", "select the next / previous citation marker, wrapping around"),
        ("enter, click on [n]", "open the selected citation (scrolled off screen: select one on screen)"),
        ("in the popup: o", "open the citation's URL in the browser"),
        ("in the popup: y", "copy the URL"),
        ("in the popup: ↑ ↓ (j k)", "choose among the places citing the same source"),
        ("in the popup: enter, 1-9", "go to that place (click works too)"),
        ("in the popup: escape q, click outside", "close the popup"),
    ]),
    ("Application", [
        ("ctrl+p", "command palette: go to a section by name, search, tree, themes"),
        ("o", "back to the list of articles (files holding several)"),
        ("r", "on a redirect page: follow it, when its target is in the same file"),
        ("? f1", "this help (at its end: what was repaired in this article)"),
        ("q ctrl+q", "quit"),
    ]),
]


REPAIRS_GROUP = "This article"  # what the parser repaired in it, one row each


class KeysView(Widget):
    """The keys table; on a narrow screen each key goes above what it does."""

    DEFAULT_CSS = "KeysView { height: auto; width: 1fr; }"

    def __init__(self, repairs: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.repairs = tuple(repairs)

    def render(self) -> Table | Text:
        groups = KEYS + ([(REPAIRS_GROUP, [("repaired", note) for note in self.repairs])] if self.repairs else [])
        return keys_table(groups) if self.size.width >= 56 else keys_list(groups)


def keys_list(groups: list[tuple[str, list[tuple[str, str]]]] = KEYS) -> Text:
    """The keys stacked for narrow screens: the key, then what it does, indented."""
    text = Text()
    for index, (group, rows) in enumerate(groups):
        if index:
            text.append("\n")
        text.append(group, style="bold underline")
        text.append("\n")
        for keys, does in rows:
            text.append(keys, style="bold")
            text.append("\n")
            text.append(f"  {does}\n")
    text.rstrip()
    return text


def keys_table(groups: list[tuple[str, list[tuple[str, str]]]] = KEYS) -> Table:
    """The keys as a two-column table, one heading row per group."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(style="bold", no_wrap=False, min_width=6, max_width=26)
    table.add_column(overflow="fold", ratio=1)
    for index, (group, rows) in enumerate(groups):
        if index:
            table.add_row("", "")
        table.add_row(Text(group, style="bold underline"), "")
        for keys, does in rows:
            table.add_row(Text(keys), Text(does))  # Text, not str: "[n]" is not markup
    return table


class HelpScreen(DialogScreen[None]):
    """Every key, scrollable; any of escape, q, ? or f1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close help"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, repairs: Sequence[str] = ()) -> None:
        """`repairs`: what the parser repaired in the article being read (its notices)."""
        super().__init__()
        self.repairs = tuple(repairs)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape to close"
            yield KeysView(self.repairs, id="keys")

    def on_mount(self) -> None:
        self.query_one("#dialog").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        # At once (not after the next refresh): five j in one read scrolled one line.
        self.query_one("#dialog", VerticalScroll).scroll_relative(y=lines, animate=False, immediate=True)
