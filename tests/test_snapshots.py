"""Snapshots of the reader on the sample article: the main screen, a citation popup, the help
screen and a search in progress (`pytest --snapshot-update` to accept a deliberate change, after
looking at the SVGs in tests/__snapshots__/)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.source.library import Library
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen

SAMPLE = Path(__file__).resolve().parent.parent / "sample" / "North_Koreans_in_Russia.txt"
SIZE = (110, 32)


def sample_app() -> ReaderApp:
    # No blinking cursor: a snapshot must not depend on when it was taken.
    return ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)


async def settled(pilot: Pilot) -> None:
    """The article parsed and laid out before any key is pressed."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.pane.text_layout is not None:
            return


def test_main_screen(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=settled, press=["right_square_bracket"] * 3)


def test_citation_popup(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=settled, press=["c", "c", "enter"])


def test_help_screen(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=settled, press=["question_mark"])


def test_search_in_progress(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=settled,
                        press=["right_square_bracket", "slash", *"worker"])


def test_tiny_terminal(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=(40, 10), run_before=settled, press=["right_square_bracket"])


def test_help_screen_with_the_new_keys(snap_compare) -> None:
    """Tall enough to show the keys of issue 14: back and forward, marks, copying."""
    assert snap_compare(sample_app(), terminal_size=(110, 60), run_before=settled, press=["question_mark"])
