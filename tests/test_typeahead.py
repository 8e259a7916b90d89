"""Keys typed the moment the reader starts act as if typed a second later (issue 12).

Each case types its keys in one go from the app's own start (`App.on_mount`: before the first
screen is composed, let alone painted or laid out) and compares what the person then sees
with the same keys typed in one go once everything has settled.  Also: the terminal's line
mode (`reader.typeahead`), keys arriving together on the help screen.
"""

from __future__ import annotations

import os
import shutil
import sys
import termios
from pathlib import Path
from typing import Any

import pytest
from textual import events

from reader.source.library import Library
from reader.source.state import StateStore
from reader.typeahead import hold_keys
from reader.ui.app import ReaderApp
from reader.ui.screens.citation import CitationScreen
from reader.ui.screens.file_search import FileSearchScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reader import ReaderScreen

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"
NAMES = {"/": "slash", "\r": "enter", "\t": "tab", "↓": "down", "\n": "ctrl+j", "]": "right_square_bracket",
         "?": "question_mark", " ": "space"}


def long_article() -> str:
    """A long article (60 copies of the sample's sections): laid out in two steps."""
    body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    return "[[Long]]\n\n" + "".join(body.replace("==Migration history==", f"==Part {i}==") for i in range(60))


def key_events(keys: str) -> list[events.Key]:
    return [events.Key(NAMES.get(key, key), "\r" if key == "\n" else key) for key in keys]


class EarlyApp(ReaderApp):
    """The app with keys typed at its very start."""

    CSS_PATH = str(ROOT / "reader" / "ui" / "reader.tcss")  # relative paths are the class module's

    def __init__(self, library: Library, keys: str, article: int | None = None, **options: Any) -> None:
        super().__init__(library, article, cursor_blink=False, **options)
        self.early_keys = keys

    def on_mount(self) -> None:  # runs before ReaderApp.on_mount (Textual calls both)
        for event in key_events(self.early_keys):
            self.post_message(event)


def seen(app: ReaderApp) -> tuple[object, ...]:
    """What the person sees that the keys could change."""
    screen = app.screen
    if isinstance(screen, CitationScreen):
        return ("popup", screen.citation.number)
    if isinstance(screen, ReaderScreen):
        pane, status = screen.pane, screen.status
        focused = app.focused.id if app.focused is not None else None
        return ("reader", screen.title, pane.scroll_line, status.search, status.current, status.total,
                pane.selected_citation, focused, screen.search_bar.value)
    return (type(screen).__name__,)


async def settle(app: ReaderApp, pilot: object, rounds: int = 400) -> None:
    """Until no key waits at the gate and the article on screen is laid out whole."""
    for _ in range(rounds):
        await pilot.pause(0.01)  # type: ignore[attr-defined]
        screen = app.screen
        if app.key_gate.waiting:
            continue
        if isinstance(screen, ReaderScreen):
            layout = screen.pane.text_layout
            if layout is None or not (layout.complete and layout.article.complete):
                continue
        await app.workers.wait_for_complete()
        break
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def typed_early(library: Library, keys: str, article: int | None = None, **options: Any) -> tuple[object, ...]:
    app = EarlyApp(library, keys, article, **options)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        return seen(app)


async def typed_late(library: Library, keys: str, article: int | None = None, **options: Any) -> tuple[object, ...]:
    app = ReaderApp(library, article, cursor_blink=False, **options)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for event in key_events(keys):
            app.post_message(event)
        await settle(app, pilot)
        return seen(app)


@pytest.mark.parametrize("keys", [
    "/korea\rnnn",  # the first search of a session, enter, then n at once: 4/n, not 1/n
    "c\r",  # a marker selected, and its popup open
    "\t↓↓\r",  # the tree: down twice, enter jumps to that section
    "]]j",
    "/work",  # all of it in the field
    "G",
])
async def test_keys_typed_at_start_act_as_typed_a_second_later(keys: str) -> None:
    library = Library.open(str(SAMPLE))
    late = await typed_late(library, keys)
    assert await typed_early(Library.open(str(SAMPLE)), keys) == late
    assert late[0] in ("reader", "popup")
    if keys.startswith("/korea"):
        assert late[3:5] == ("korea", 4)  # the first match from the top, then three n (it was 1/n)
    if keys == "c\r":
        assert late == ("popup", 1)


@pytest.mark.parametrize("keys", ["G", "/part 59\r", "/part 5\rnnN", "Gk",
                                  # Moves past the part laid out first stopped at its end (ten ]
                                  # typed at once: 24% into Bismarck instead of 39%).
                                  "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", " " * 40,
                                  # The tree showed the first part's outline: enter chose another section.
                                  "\t↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓↓\r"])
async def test_whole_article_keys_wait_for_the_rest_of_a_long_article(keys: str) -> None:
    # G went to the end of the part laid out so far, and stayed there; the search counted
    # the matches of that part only.
    late = await typed_late(Library.from_text(long_article(), "long.txt"), keys)
    early = await typed_early(Library.from_text(long_article(), "long.txt"), keys)
    assert early == late
    if keys == "G":
        assert late[4:6] == (0, 0) and late[2] > 5000  # the end of the whole article


@pytest.mark.parametrize("keys", [" " * 10, "d" * 10])
async def test_moves_typed_at_start_do_not_run_into_the_references_of_the_first_part(keys: str) -> None:
    # The first part of a long article ends with the references the parser adds after it, which
    # the whole article numbers as another section: ten spaces typed at once ran into them, and
    # the whole then showed another place (Benzodiazepine: 33% instead of 30%).
    path = str(ROOT / "tests" / "data" / "dump" / "wiki-example.txt")
    library = Library.open(path)
    index = next(entry.index for entry in library.entries if entry.title == "Benzodiazepine")
    late = await typed_late(library, keys, index)
    assert await typed_early(Library.open(path), keys, index) == late


@pytest.mark.parametrize("keys", ["g", "]", "G"])
async def test_keys_typed_at_start_act_from_the_place_the_article_resumes_at(tmp_path: Path, keys: str) -> None:
    # g typed at once was undone by the resume that came after it ("Resumed at ...; g for the
    # top" said the message, of the very key just lost), and ] moved from the top.
    # A long article: the place is shown once the whole is laid out, after the keys were let through.
    article, saved = tmp_path / "long.txt", tmp_path / "saved"
    article.write_text(long_article(), encoding="utf-8")
    reader = ReaderApp(Library.open(str(article)), cursor_blink=False, state=StateStore(saved))
    async with reader.run_test(size=(100, 30)) as pilot:
        await settle(reader, pilot)
        for event in key_events("]]]j"):
            reader.post_message(event)
        await settle(reader, pilot)
        assert reader.screen.pane.scroll_line > 0
        await pilot.press("q")
    results = []
    for typed in (typed_late, typed_early):
        state = tmp_path / typed.__name__
        shutil.copytree(saved, state)  # each run saves its own place on quitting
        results.append(await typed(Library.open(str(article)), keys, state=StateStore(state)))
    late, early = results
    assert early == late
    if keys == "g":
        assert late[2] == 0


async def test_an_enter_typed_while_the_terminal_was_in_line_mode_is_enter() -> None:
    # Typed before the terminal leaves line mode, enter arrives as a line feed: ctrl+j.
    library = Library.open(str(SAMPLE))
    assert await typed_early(library, "c\n") == ("popup", 1)


async def test_keys_typed_at_once_in_the_picker_filter_then_open() -> None:
    # "edinb" enter kept the filter but dropped the enter; G then acts on the article opened.
    text = "".join(f"[[{title}]]\n\nText of {title}.\n\n==One==\n\nMore.\n\n" for title in
                   ("Alpha", "Bundesmarine", "Gamma"))
    early = await typed_early(Library.from_text(text, "three.txt"), "bund\rG")
    assert early[:2] == ("reader", "Bundesmarine")
    assert early == await typed_late(Library.from_text(text, "three.txt"), "bund\rG")


async def test_slash_in_the_picker_searches_every_article_and_is_a_character_inside_a_filter() -> None:
    text = "".join(f"[[{title}]]\n\nText.\n\n" for title in ("AC/DC", "Alpha", "Beta"))
    app = ReaderApp(Library.from_text(text, "three.txt"), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("slash")
        assert isinstance(app.screen, FileSearchScreen)  # not "no title matches '/'"
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("a", "c", "slash", "d")
        assert app.screen.filter_input.value == "ac/d"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.title == "AC/DC"


async def test_keys_arriving_together_in_the_help_screen_all_act() -> None:
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(app, pilot)
        for event in key_events("?jjjjj"):
            app.post_message(event)
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#dialog").scroll_y == 5


def test_the_terminal_stops_cooking_keys_and_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    master, slave = os.openpty()
    try:
        with os.fdopen(os.dup(slave), "r") as terminal:
            monkeypatch.setattr(sys, "stdin", terminal)
            before = termios.tcgetattr(slave)
            assert before[0] & termios.ICRNL and before[3] & termios.ICANON
            held = hold_keys()
            assert held is not None
            mode = termios.tcgetattr(slave)
            assert not mode[0] & termios.ICRNL  # enter stays a carriage return
            assert not mode[3] & (termios.ICANON | termios.ECHO)  # no line buffering, no echo
            assert mode[3] & termios.ISIG  # ctrl+c still interrupts
            os.write(master, b"/x\r")
            assert os.read(slave, 16) == b"/x\r"  # at once, unchanged
            held.restore()
            assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)
