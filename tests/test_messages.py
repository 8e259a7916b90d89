"""What the reader says never covers what you need (issue 12): messages go in the key bar's line
(a popup: its frame) instead of notifications over the text and the status line, leave with
the screen they belong to, and come where silence left the reader guessing."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from reader.source.library import Library
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen, KeysView
from reader.ui.screens.reader import ReaderScreen

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"
MILLAY = ROOT / "tests" / "data" / "app" / "Edna_St._Vincent_Millay.txt"


async def settle(app: ReaderApp, pilot: object) -> None:
    for _ in range(300):
        await pilot.pause(0.01)  # type: ignore[attr-defined]
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.pane.text_layout is not None \
                and screen.pane.text_layout.complete and not app.key_gate.waiting:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def reader(app: ReaderApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def test_n_without_a_search_says_why_nothing_moved() -> None:
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        screen = reader(app)
        assert "No search yet" in screen.key_bar.message
        assert screen.pane.scroll_line == 0
        assert not list(screen.query("Toast"))
        await pilot.pause(3.3)
        assert screen.key_bar.message == ""  # gone after a while: the key hints are back
        assert "Help" in screen.key_bar.render().plain


async def test_n_on_the_only_match_says_it_is_the_only_one() -> None:
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"kyung hee", "enter", "n")
        screen = reader(app)
        assert screen.status.total == 1 and screen.status.current == 1
        assert "The only match for “kyung hee”" in screen.key_bar.message  # it said nothing


async def test_a_message_leaves_with_its_screen() -> None:
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"xyzzy", "enter")
        screen = reader(app)
        assert "No match" in screen.key_bar.message
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert not list(app.screen.query("Toast"))
        await pilot.press("escape")
        assert screen.key_bar.message == ""


async def test_repairs_are_in_the_help_screen_not_a_notification() -> None:
    text = "[[Damaged]]\n\nA lead.[ref]A note that never closes.\n\nMore text.[/ref] Then a stray closer.[/ref]\n"
    app = ReaderApp(Library.from_text(text, "damaged.txt"), cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        assert screen.article is not None and screen.article.notices
        assert not list(screen.query("Toast")) and screen.key_bar.message == ""
        await pilot.press("question_mark")
        view = app.screen.query_one(KeysView)
        assert view.repairs == screen.article.notices
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(view.render())
        shown = " ".join(console.export_text().split())
        assert "This article" in shown and " ".join(screen.article.notices[0].split()[:6]) in shown


async def test_enter_on_a_marker_scrolled_off_screen_selects_one_on_screen() -> None:
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        pane = screen.pane
        await pilot.press("c", "f", "f", "f")
        layout = pane.text_layout
        assert layout is not None
        first = layout.markers[pane.finder.selected or 0]
        assert not pane.scroll_line <= first.line < pane.scroll_line + pane.size.height  # off screen now
        await pilot.press("enter")
        assert app.screen is screen  # no popup for a marker the reader cannot see
        chosen = layout.markers[pane.finder.selected or 0]
        assert pane.scroll_line <= chosen.line < pane.scroll_line + pane.size.height
        await pilot.press("enter")
        assert app.screen is not screen  # now it opens


async def test_the_status_line_shows_a_long_query_in_the_room_there_is() -> None:
    query = "defectors and refugees. A 2006 study"  # 36 characters, one match in the lead
    for width, whole in ((120, True), (45, False)):
        app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *query, "enter")
            status = reader(app).status
            line = status.render().plain
            assert status.search == query and status.counter in line
            assert line.rstrip().endswith("%")
            if whole:
                assert f"/{query}: 1/1" in line  # it showed "/…: 1/1" with 90 free columns
                assert status.breadcrumb in line
            else:
                assert f"/{query[:10]}" in line and "…: 1/1" in line  # cut, the counter kept
                assert line.startswith(status.breadcrumb)  # the breadcrumb keeps its share


async def test_a_resized_tree_still_gives_way_to_the_text_on_a_narrow_terminal() -> None:
    # After < at 80 columns, a resize to 40 kept the tree and 20 columns of broken words.
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("less_than_sign")
        assert screen.section_tree.display
        await pilot.resize_terminal(40, 20)
        await settle(app, pilot)
        assert not screen.section_tree.display  # below 60 columns the text comes first
        assert screen.pane.outer_size.width == 40
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert screen.section_tree.display  # and the tree comes back, at the width chosen
        await pilot.press("t", "t")  # t is the choice to keep it
        await pilot.resize_terminal(40, 20)
        await settle(app, pilot)
        assert screen.section_tree.display


async def test_r_and_o_say_why_nothing_happened() -> None:
    app = ReaderApp(Library.open(str(SAMPLE)), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("r")
        assert "not a redirect" in screen.key_bar.message
        await pilot.press("o")
        assert "one article" in screen.key_bar.message
        await pilot.press("tab", "r")  # from the tree too
        assert "not a redirect" in screen.key_bar.message
        assert app.screen is screen


async def test_the_picker_says_things_in_its_status_line() -> None:
    text = "".join(f"[[{title}]]\n\nText.\n\n" for title in ("Alpha", "Beta"))
    app = ReaderApp(Library.from_text(text, "two.txt"), cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(50):
            await pilot.pause(0.01)
        picker = app.screen
        picker.notify("two.txt changed on disk: list re-read")
        await pilot.pause()
        assert not list(picker.query("Toast"))  # nothing over the list
        assert "changed on disk" in str(picker.query_one("#picker-status").render())
