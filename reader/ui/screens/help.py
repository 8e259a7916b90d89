"""The help screen (`?` or `f1`): every key of the reader, grouped by what it is for; then what
the parser repaired in the article being read (damage in the file, for the curious)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import Screen
from textual.widget import Widget

from reader.ui.screens.dialog import DialogScreen
from reader.ui.textual_private import binding_chain

# The keys table, grouped.  "{id}" stands for the keys of the binding with that id (`bound_keys`):
# a key is bound once, in its widget, and a key remapped in the settings shows here as remapped.
KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Reading", [
        ("{line_down} / {line_up}", "scroll a line down / up"),
        ("{page_down} / {page_up}", "scroll a page down / up"),
        ("{half_page_down} / {half_page_up}", "scroll half a page down / up"),
        ("{top} / {bottom}", "top / end of the article"),
        ("{next_section} / {previous_section}", "next / previous section (heading placed at the top)"),
        ("{narrower_text} / {wider_text}", "narrower / wider text column"),
        ("mouse wheel", "scroll"),
    ]),
    ("Back, forward and marks", [
        ("{back}", "back to where you were before the last jump (a search, n N, ] [, g G, the tree, "
                   "a citation's other place, the palette, another article, a redirect)"),
        ("{forward}", "forward again"),
        ("{set_mark} + letter", "mark the place you read (kept across runs)"),
        ("{go_to_mark} + letter", "go to that mark"),
        ("ctrl+p History", "the places visited: go back to any of them"),
        ("ctrl+p Marks", "every mark in every article: open one"),
    ]),
    ("Copying", [
        ("drag, double-click", "select text with the mouse (double-click: a word)"),
        ("{copy} ctrl+c", "copy the selected text"),
        ("{copy_section}", "copy the section you are reading, as plain text"),
        ("in the popup: {copy_url}", "copy the citation's URL"),
        ("in the popup: {copy_bibtex}", "copy the citation as a BibTeX entry"),
        ("in the popup: {copy_text}", "copy the citation as formatted text"),
    ]),
    ("Section tree", [
        ("tab / shift+tab", "move the focus between the tree and the text"),
        ("{toggle_tree}", "show / hide the section tree"),
        ("{narrower_tree} / {wider_tree}", "make the section tree narrower / wider"),
        ("↑ ↓ (j k)", "move in the tree"),
        ("enter, click", "go to that section"),
        ("← / →", "collapse / expand (← on a leaf: to its parent)"),
        ("space", "collapse or expand"),
    ]),
    ("Search", [
        ("{search}", "search: matches are highlighted as you type (smart case; orleans finds Orléans, "
                     "any dash or quote its kind)"),
        ("enter", "close the field, keep the highlights, go to the first match after here"),
        ("{next_match} / {previous_match}", "next / previous match, wrapping around"),
        ("{clear_search}", "clear the search (in the field: and go back to where it began)"),
    ]),
    ("Citations", [
        ("{next_citation} / {previous_citation}", "select the next / previous citation marker, wrapping around"),
        ("{open_citation}, click on [n]", "open the selected citation (scrolled off screen: select one on screen)"),
        ("in the popup: {open_url}", "open the citation's URL in the browser"),
        ("in the popup: ↑ ↓ (j k)", "choose among the places citing the same source"),
        ("in the popup: enter, 1-9", "go to that place (click works too)"),
        ("in the popup: {close_popup}, click outside", "close the popup"),
    ]),
    ("Application", [
        ("ctrl+p", "command palette: go to a section by name, search, tree, themes, history, marks"),
        ("{articles}", "back to the list of articles (files holding several)"),
        ("{follow_redirect}", "on a redirect page: follow it, when its target is in the same file"),
        ("{save_settings}", "save the theme and widths changed in the reader as your settings"),
        ("{help}", "this help (at its end: what was repaired in this article)"),
        ("{quit} {quit_app}", "quit"),
    ]),
]

# Key names easier to read than Textual's symbols ("⌫", "⏎").
KEY_WORDS = {"backspace": "backspace", "enter": "enter", "escape": "escape", "tab": "tab"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def key_display(keys: str) -> str:
    """Comma-separated binding keys as the help shows them: "g,home" -> "g home"."""
    return " ".join(KEY_WORDS.get(key, format_key(key)) for key in keys.split(",") if key)


def key_of(screen: Screen[Any], binding_id: str) -> str:
    """The key bound to `binding_id` on `screen`, as a message names it ("g"), after the reader's
    own key map (a remapped key is named remapped); the id itself if nothing binds it."""
    for _node, bindings in binding_chain(screen):
        keys = [key for key, found in bindings.key_to_bindings.items()
                if any(binding.id == binding_id for binding in found)]
        if keys:  # "g" rather than "home": the shortest is the one to type
            return key_display(min(keys, key=len))
    return binding_id


def keys_in_effect(maps: Iterable[BindingsMap], keymap: Mapping[str, str],
                   declared: Iterable[BindingType]) -> dict[str, str]:
    """Binding id -> its keys as shown, as Textual binds them: each map (a node's live bindings)
    with the keymap applied, as `Screen._binding_chain` applies it before it looks a key up (a key
    the keymap gave to another binding is gone from its own).  A binding's keys are shown in the
    order `declared` gives them ("j ↓", not the order a node's map holds them in: "↓" is first
    there, bound already by ScrollView); keys from the keymap in the keymap's order."""
    order = {(binding.id, binding.key): index for index, binding in enumerate(Binding.make_bindings(declared))}
    keys: dict[str, list[str]] = {}
    for bindings in maps:
        mapped = bindings.copy()
        mapped.apply_keymap(dict(keymap))
        for key, binding in mapped:
            if binding.id and key not in keys.setdefault(binding.id, []):
                keys[binding.id].append(key)
    return {name: key_display(",".join(sorted(found, key=lambda key: order.get((name, key), len(order)))))
            for name, found in keys.items()}


def bound_keys(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> dict[str, str]:
    """Binding id -> its keys as shown, for bindings not bound yet (a class's BINDINGS)."""
    listed = list(bindings)
    return keys_in_effect([BindingsMap(listed)], keymap, listed)


def unlisted(bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """Rows for the bindings with an id that no line of KEYS names: their keys and description.
    A key bound without a help line still shows (tests/test_readme_keys.py fails on it)."""
    named = {name for _, rows in KEYS for template, _ in rows for name in PLACEHOLDER.findall(template)}
    found: dict[str, str] = {}
    for binding in bindings:
        if binding.id and binding.id not in named:
            found.setdefault(binding.id, binding.description)
    return [(f"{{{name}}}", description) for name, description in found.items()]


def fill(template: str, keys: Mapping[str, str]) -> str:
    """A row's keys with every "{id}" replaced by that binding's keys."""
    return PLACEHOLDER.sub(lambda match: keys.get(match.group(1), match.group(1)), template)


REPAIRS_GROUP = "This article"  # what the parser repaired in it, one row each
UNLISTED_GROUP = "Other keys"  # bindings without a line in KEYS


class KeysView(Widget):
    """The keys table; on a narrow screen each key goes above what it does."""

    DEFAULT_CSS = "KeysView { height: auto; width: 1fr; }"

    def __init__(self, keys: Mapping[str, str], repairs: Sequence[str] = (),
                 others: Sequence[tuple[str, str]] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys = keys
        self.repairs = tuple(repairs)
        self.others = list(others)

    def render(self) -> Table | Text:
        groups = KEYS + ([(UNLISTED_GROUP, self.others)] if self.others else [])
        groups += [(REPAIRS_GROUP, [("repaired", note) for note in self.repairs])] if self.repairs else []
        return keys_table(self.keys, groups) if self.size.width >= 56 else keys_list(self.keys, groups)


def keys_list(keys: Mapping[str, str], groups: list[tuple[str, list[tuple[str, str]]]] = KEYS) -> Text:
    """The keys stacked for narrow screens: the key, then what it does, indented."""
    text = Text()
    for index, (group, rows) in enumerate(groups):
        if index:
            text.append("\n")
        text.append(group, style="bold underline")
        text.append("\n")
        for template, does in rows:
            text.append(fill(template, keys), style="bold")
            text.append("\n")
            text.append(f"  {does}\n")
    text.rstrip()
    return text


def keys_table(keys: Mapping[str, str], groups: list[tuple[str, list[tuple[str, str]]]] = KEYS) -> Table:
    """The keys as a two-column table, one heading row per group."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(style="bold", no_wrap=False, min_width=6, max_width=26)
    table.add_column(overflow="fold", ratio=1)
    for index, (group, rows) in enumerate(groups):
        if index:
            table.add_row("", "")
        table.add_row(Text(group, style="bold underline"), "")
        for template, does in rows:
            table.add_row(Text(fill(template, keys)), Text(does))  # Text, not str: "[n]" is not markup
    return table


class HelpScreen(DialogScreen[None]):
    """Every key, scrollable; any of escape, q, ? or f1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close help"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, keys: Mapping[str, str], repairs: Sequence[str] = (),
                 others: Sequence[tuple[str, str]] = ()) -> None:
        """`keys`: binding id -> keys as shown (`keys_in_effect`); `repairs`: what the parser
        repaired in the article being read (its notices); `others`: rows for bindings without a
        line in KEYS (`unlisted`)."""
        super().__init__()
        self.keys = keys
        self.repairs = tuple(repairs)
        self.others = tuple(others)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape to close"
            yield KeysView(self.keys, self.repairs, self.others, id="keys")

    def on_mount(self) -> None:
        self.query_one("#dialog").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        # At once (not after the next refresh): five j in one read scrolled one line.
        self.query_one("#dialog", VerticalScroll).scroll_relative(y=lines, animate=False, immediate=True)
