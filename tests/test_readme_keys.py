"""Every key of the reader is bound once, has a line in the help screen and a row in the README's
key table, with its default keys (a key is bound in the widget or screen it acts on; the help and
the README name it by its binding's id, which is also the name the settings remap it by)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rich.text import Text
from test_app import reading
from textual.app import App
from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.screens.help import KEYS, PLACEHOLDER, HelpScreen, bound_keys, unlisted
from reader.ui.screens.reader import PALETTE, ReaderScreen
from reader.ui.widgets.reading_pane import ReadingPane

README = Path(__file__).resolve().parent.parent / "README.md"
README_NAMES = {"backspace": "backspace", "question_mark": "?", "right_square_bracket": "]",
                "left_square_bracket": "[", "apostrophe": "'", "slash": "/", "less_than_sign": "<",
                "greater_than_sign": ">", "minus": "-", "plus": "+", "equals_sign": "="}


def rows(text: str) -> dict[str, str]:
    """Action -> the cell of keys of the README table row naming it."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        cells = line.split("|")
        if len(cells) >= 4:
            for action in re.findall(r"`(\w+)`", cells[2]):
                found[action] = cells[1]
    return found


def in_help() -> set[str]:
    """The binding ids the help screen's lines name."""
    return {name for _, group in KEYS for template, _ in group for name in PLACEHOLDER.findall(template)}


def keys_by_id(bindings: list[Binding]) -> dict[str, list[str]]:
    """Binding id -> every key bound under it."""
    keys: dict[str, list[str]] = defaultdict(list)
    for binding in bindings:
        if binding.id:
            keys[binding.id] += binding.key.split(",")
    return keys


def missing(bindings: list[Binding], help_ids: set[str], readme: str) -> list[str]:
    """What the help and the README leave out of `bindings`: a binding without an id, an id with
    no help line or no README row, a key not in its row."""
    table = rows(readme)
    faults = [f"{binding.key} → {binding.action} has no id" for binding in bindings if not binding.id]
    for name, keys in sorted(keys_by_id(bindings).items()):
        if name not in help_ids:
            faults.append(f"{name} has no line in the help screen (reader/ui/screens/help.py, KEYS)")
        if name not in table:
            faults.append(f"{name} is not in the README's key table")
        faults += [f"{name}: `{key}` not in its README row" for key in keys
                   if name in table and f"`{README_NAMES.get(key, key)}`" not in table[name]]
    return faults


def reader_bindings() -> list[Binding]:
    """The bindings of the reader screen, its pane and the app: each must have an id."""
    return [b for b in (*ReaderScreen.BINDINGS, *ReadingPane.BINDINGS, *ReaderApp.BINDINGS) if isinstance(b, Binding)]


def test_every_binding_has_a_help_line_and_a_readme_row_with_its_keys() -> None:
    named = [binding for binding in ReaderApp.help_bindings() if binding.id]  # the popup's moves have none
    faults = missing([*reader_bindings(), *named], in_help(), README.read_text(encoding="utf-8"))
    # Each fault on a line of its own: pytest's diff of a list cuts the message to
    # "['copy_sectio...lp.py, KEYS)']", hiding which place was forgotten.
    assert not faults, "\n".join(faults)


def test_every_help_line_names_a_binding() -> None:
    assert in_help() <= {binding.id for binding in ReaderApp.help_bindings()}


def test_the_palettes_entries_name_bindings_of_the_screen() -> None:
    assert {name for name, _, _ in PALETTE} <= {b.id for b in ReaderScreen.BINDINGS if isinstance(b, Binding)}


def test_each_key_of_the_reader_is_bound_once() -> None:
    """The screen binds what acts from anywhere in it, the pane what acts on the text while it has
    the focus: no key in both (the screen used to bind the pane's keys again, to hand them on)."""
    screen = {key for b in ReaderScreen.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
    pane = {key for b in ReadingPane.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
    assert screen & pane == set()
    ids = [b.id for b in reader_bindings() if b.id]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("left_out", ["help", "readme", "key", "id"])
def test_the_check_catches_a_binding_left_out(left_out: str) -> None:
    """A new binding (copy the section's title, say) forgotten in one of the places fails the check."""
    new = Binding("T", "copy_title", "Copy title", id="copy_title" if left_out != "id" else None)
    readme = README.read_text(encoding="utf-8")
    if left_out != "readme":
        readme += "\n| `T`" + (" `ctrl+t`" if left_out != "key" else "") + " | `copy_title` | copy the title |\n"
    if left_out == "key":
        new = Binding("T,ctrl+t", "copy_title", "Copy title", id="copy_title")
    help_ids = in_help() | ({"copy_title"} if left_out != "help" else set())
    assert missing([*reader_bindings(), new], help_ids, readme) != []
    complete = Binding("T,ctrl+t", "copy_title", "Copy title", id="copy_title")
    readme_row = "\n| `T` `ctrl+t` | `copy_title` | copy the title |\n"
    assert missing([*reader_bindings(), complete], in_help() | {"copy_title"}, README.read_text() + readme_row) == []


def help_text(screen: HelpScreen) -> str:
    """The help screen's keys table as plain text, words separated by single spaces."""
    shown = screen.query_one("#keys").render()
    text = shown.plain if isinstance(shown, Text) else " ".join(
        str(cell) for column in shown.columns for cell in column.cells)
    return " ".join(text.split())


async def test_the_readers_help_lists_every_binding_with_the_keys_in_effect() -> None:
    async with reading() as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert screen.others == ()  # every binding has its line
        text = help_text(screen)
        for name in keys_by_id(ReaderApp.help_bindings()):
            assert screen.keys[name] in text, name


class HelpApp(App[None]):
    def on_mount(self) -> None:
        new = Binding("T", "copy_title", "Copy title", id="copy_title")
        keys = bound_keys([*ReaderApp.help_bindings(), new], {})
        self.push_screen(HelpScreen(keys, (), unlisted([*ReaderApp.help_bindings(), new])))


async def test_a_binding_without_a_help_line_still_shows_in_the_help() -> None:
    app = HelpApp()
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.others == (("{copy_title}", "Copy title"),)
        text = help_text(app.screen)  # the table's text, column by column
        assert "Other keys" in text and " T " in text and text.endswith("Copy title")
