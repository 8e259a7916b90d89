"""The reader app driven as a person drives it: every key and mouse action of issue 3's table,
on the project's sample article (and a few real ones), asserting what the screen shows: the
section at the top of the pane, the node the tree highlights, the status line, the popup."""

from __future__ import annotations

import gc
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.worker import WorkerCancelled

from reader.source.library import Library
from reader.ui import heap
from reader.ui.app import ReaderApp
from reader.ui.screens.citation import CitationScreen, UseLine
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reader import ReaderScreen
from reader.ui.textual_private import tree_lines
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar, SearchInput
from reader.ui.widgets.section_tree import SectionTree
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.title_bar import TitleBar

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"
ROYAL = ROOT / "sample" / "royal_cinema.wiki"  # footnotes cited three times each
MILLAY = ROOT / "tests" / "data" / "app" / "Edna_St._Vincent_Millay.txt"  # short footnotes (sfn)


@asynccontextmanager
async def reading(path: Path | None = None, size: tuple[int, int] = (100, 30), *, text: str | None = None,
                  name: str = "article.txt") -> AsyncIterator[tuple[ReaderApp, object]]:
    """The app on `path` (or on `text`), the article on screen and laid out."""
    library = Library.from_text(text, name) if text is not None else Library.open(str(path or SAMPLE))
    app = ReaderApp(library, cursor_blink=False)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(app, pilot)
        yield app, pilot


async def settle(app: ReaderApp, pilot: object) -> None:
    """Wait until the parse and the layout (both may run in threads) are done and shown."""
    for _ in range(200):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.article is not None and screen.article.complete:
            layout = screen.pane.text_layout
            if layout is not None and layout.complete:
                break
        await app.workers.wait_for_complete()
    await pilot.pause()


def parts(app: ReaderApp) -> tuple[ReaderScreen, ReadingPane, SectionTree, StatusBar]:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen, screen.pane, screen.section_tree, screen.status


def top_line(pane: ReadingPane) -> str:
    """The text of the pane's first line on screen."""
    return pane.render_line(0).text.strip()


def heading_at_top(pane: ReadingPane) -> str | None:
    """The section whose heading is the first line of the pane, if one is."""
    layout = pane.text_layout
    assert layout is not None
    for number in layout.section_numbers:
        if number and layout.section_line(number) == pane.scroll_line:
            return number
    return None


def said(app: ReaderApp) -> str:
    """What the screen on top says just now: the reader in its key bar's line, a popup on its
    frame (never a notification over the text or the status line)."""
    screen = app.screen
    assert not list(screen.query("Toast"))
    if isinstance(screen, ReaderScreen):
        return screen.key_bar.message
    return str(screen.query_one("#dialog").border_subtitle)


def assert_reading(app: ReaderApp, number: str, breadcrumb: str) -> None:
    """The pane, the tree and the status line all agree that section `number` is read."""
    _, pane, tree, status = parts(app)
    assert pane.current_section == number
    assert tree.highlighted == number
    assert status.breadcrumb == breadcrumb


# ---------------------------------------------------------------------------- opening


async def test_opens_with_title_tree_text_status_and_footer() -> None:
    async with reading() as (app, pilot):
        screen, pane, tree, status = parts(app)
        assert screen.title == "North Koreans in Russia"
        assert app.screen.query_one(TitleBar).render().plain.strip(" ≡").startswith("North Koreans in Russia")
        assert [line.node.label.plain for line in tree_lines(tree)] == [
            "North Koreans in Russia", "1 Migration history", "1.1 Students", "1.2 Workers", "2 Refugees",
            "3 References", "4 Further reading",
        ]
        assert app.focused is pane
        assert top_line(pane) == "North Koreans in Russia"
        assert_reading(app, "", "(Top)")
        assert status.render().plain.rstrip().endswith("0%")
        footer_keys = set(app.screen.query_one(KeyBar).keys)
        assert {"question_mark", "slash", "t", "q", "right_square_bracket", "c"} <= footer_keys


@pytest.mark.parametrize("width", [80, 40])
async def test_key_hints_keep_help_and_quit_when_narrow(width: int) -> None:
    async with reading(size=(width, 20)) as (app, pilot):
        shown = app.screen.query_one(KeyBar).shown
        assert shown[:2] == ["? Help", "q Quit"]
        if width >= 80:
            assert {"/ Search", "] Next section", "t Tree"} <= set(shown)
        line = app.screen.query_one(KeyBar).render().plain
        assert len(line) <= width and "? Help" in line and "q Quit" in line


async def test_click_on_a_key_hint_presses_it_and_the_title_icon_opens_the_palette() -> None:
    async with reading(size=(100, 30)) as (app, pilot):
        await pilot.click(KeyBar, offset=(2, 0))  # "? Help"
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.click(TitleBar, offset=(1, 0))  # the "≡" icon
        await pilot.pause()
        assert CommandPalette.is_open(app)


async def test_key_hints_follow_the_focus() -> None:
    async with reading(size=(120, 30)) as (app, pilot):
        bar = app.screen.query_one(KeyBar)
        assert "] Next section" in bar.shown  # the pane's keys
        await pilot.press("tab")  # the tree: the pane's own keys are not active there
        assert "] Next section" not in bar.shown and "? Help" in bar.shown
        await pilot.press("tab", "slash")
        assert bar.shown[0] == "esc Clear search"
        await pilot.press("escape")
        assert "] Next section" in bar.shown


# ---------------------------------------------------------------------------- reading keys


async def test_next_and_previous_section_put_the_heading_at_the_top() -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("right_square_bracket")
        assert heading_at_top(pane) == "1"
        assert_reading(app, "1", "Migration history")
        await pilot.press("right_square_bracket")
        assert heading_at_top(pane) == "1.1"
        assert top_line(pane) == "1.1 Students"
        assert_reading(app, "1.1", "Migration history > Students")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert_reading(app, "2", "Refugees")
        await pilot.press("left_square_bracket")
        assert heading_at_top(pane) == "1.2"
        assert_reading(app, "1.2", "Migration history > Workers")


@pytest.mark.parametrize("down, up, lines", [("j", "k", 1), ("down", "up", 1)])
async def test_line_keys(down: str, up: str, lines: int) -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press(down, down, down)
        assert pane.scroll_line == 3 * lines
        await pilot.press(up)
        assert pane.scroll_line == 2 * lines


@pytest.mark.parametrize("down, up", [("space", "b"), ("f", "b"), ("pagedown", "pageup")])
async def test_page_keys(down: str, up: str) -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        height = pane.scrollable_content_region.height
        await pilot.press(down)
        assert height - 2 <= pane.scroll_line <= height
        await pilot.press(up)
        assert pane.scroll_line == 0


async def test_half_page_keys() -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        half = pane.scrollable_content_region.height // 2
        await pilot.press("d")
        assert pane.scroll_line == half
        await pilot.press("d", "u")
        assert pane.scroll_line == half


@pytest.mark.parametrize("end, home", [("G", "g"), ("end", "home")])
async def test_end_and_top_and_the_tree_follows(end: str, home: str) -> None:
    async with reading() as (app, pilot):
        _, pane, tree, status = parts(app)
        await pilot.press(end)
        assert pane.progress == 100
        assert status.render().plain.rstrip().endswith("100%")
        assert pane.current_section in ("3", "4")
        assert tree.highlighted == pane.current_section
        await pilot.press(home)
        assert pane.scroll_line == 0
        assert_reading(app, "", "(Top)")


async def test_the_tree_and_breadcrumb_follow_in_the_same_frame_as_the_text() -> None:
    # Watched, not posted: by the time the pane has scrolled, the tree has too, so one frame
    # shows them together (a message would arrive after that frame was drawn).
    async with reading(size=(100, 12)) as (app, pilot):
        _, pane, tree, status = parts(app)
        pane.go_to_section("4")  # no pause: nothing has been processed since
        assert tree.highlighted == "4"
        node = tree.node_for("4")
        assert node is not None and tree.scroll_offset.y <= node.line < tree.scroll_offset.y + tree.size.height
        assert status.path == pane.current_path != ()


async def test_the_first_frame_already_shows_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual draws the first frame before the pane hears its size; the text must be in it, not
    # in a frame ~50 ms later (the first paint the benchmark measures).
    frames: list[str] = []
    draw = ReadingPane.render_lines

    def recording(pane: ReadingPane, crop: object) -> list:
        strips = draw(pane, crop)  # type: ignore[arg-type]
        frames.append("\n".join(strip.text for strip in strips))
        return strips

    monkeypatch.setattr(ReadingPane, "render_lines", recording)
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        assert "North Koreans in Russia consist mainly" in frames[0]
        assert pane.text_layout is not None and pane.text_layout.complete


async def test_a_laid_out_article_is_kept_out_of_the_collectors_walks() -> None:
    gc.unfreeze()
    async with reading() as (app, pilot):
        assert gc.get_freeze_count() > 0  # the pane said the layout is complete; the app froze
        gc.unfreeze()


async def test_collection_paused_for_the_start_resumes_after_the_first_frame() -> None:
    heap.pause_collection()  # as the command line does before importing the app
    try:
        assert not gc.isenabled()
        async with reading() as (app, pilot):
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_the_tree_follows_line_by_line_without_taking_the_focus() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        seen = []
        for _ in range(60):
            await pilot.press("j")
            if tree.highlighted not in seen:
                seen.append(tree.highlighted)
            assert tree.highlighted == pane.current_section
        assert seen[:3] == ["", "1", "1.1"]
        assert app.focused is pane


async def test_mouse_wheel_scrolls_and_the_tree_follows() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        for _ in range(10):
            pane.post_message(events.MouseScrollDown(pane, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        assert pane.scroll_line > 0
        assert tree.highlighted == pane.current_section


# ---------------------------------------------------------------------------- the tree


async def test_tab_and_shift_tab_move_between_tree_and_text() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        await pilot.press("tab")
        assert app.focused is tree
        await pilot.press("tab")
        assert app.focused is pane
        await pilot.press("shift+tab")
        assert app.focused is tree
        await pilot.press("shift+tab")
        assert app.focused is pane


async def test_tree_up_down_enter_jumps_there() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        await pilot.press("tab", "down", "down", "down", "down")
        assert tree.highlighted == "2"
        assert pane.current_section == ""  # moving in the tree alone does not scroll the text
        await pilot.press("enter")
        assert heading_at_top(pane) == "2"
        assert_reading(app, "2", "Refugees")
        assert app.focused is pane
        await pilot.press("tab", "up", "enter")
        assert_reading(app, "1.2", "Migration history > Workers")


async def test_tree_left_right_collapse_and_expand() -> None:
    async with reading() as (app, pilot):
        _, _, tree, _ = parts(app)
        await pilot.press("tab", "down")
        assert tree.highlighted == "1"
        await pilot.press("left")
        assert tree.node_for("1").is_collapsed
        await pilot.press("right")
        assert tree.node_for("1").is_expanded


async def test_a_folded_section_stands_for_its_subsections() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        tree.node_for("1").collapse()
        pane.go_to_section("1.2")
        await pilot.pause()
        assert pane.current_section == "1.2"
        assert tree.highlighted == "1"


async def test_click_on_a_tree_node_jumps_there() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        line = tree.node_for("1.2").line
        await pilot.click(SectionTree, offset=(8, line - round(tree.scroll_y)))
        await pilot.pause()
        assert heading_at_top(pane) == "1.2"
        assert_reading(app, "1.2", "Migration history > Workers")


async def test_t_hides_and_shows_the_tree() -> None:
    async with reading() as (app, pilot):
        _, pane, tree, _ = parts(app)
        width = pane.size.width
        await pilot.press("tab", "t")
        assert not tree.display
        assert app.focused is pane
        assert pane.size.width > width
        await pilot.press("t")
        assert tree.display
        assert pane.size.width == width


# ---------------------------------------------------------------------------- search


async def test_search_as_you_type_counts_and_highlights() -> None:
    async with reading() as (app, pilot):
        screen, pane, tree, status = parts(app)
        await pilot.press("slash")
        bar = screen.query_one(SearchBar)
        assert bar.is_open
        assert isinstance(app.focused, SearchInput)
        await pilot.press(*"refugee")
        assert status.search == "refugee"
        assert status.total > 3
        assert status.counter == f"1/{status.total}"
        assert "refugee" in status.render().plain
        counts = {number: tree.match_count(tree.node_for(number)) for number in ("", "2")}
        assert counts[""] >= 1 and counts["2"] >= 1
        badge = tree.render_label(tree.node_for("2"), tree.rich_style, tree.rich_style).plain
        assert badge.startswith("2 Refugees") and badge.rstrip().endswith(str(counts["2"]))


async def test_search_enter_keeps_highlights_n_and_N_step_escape_clears() -> None:
    async with reading() as (app, pilot):
        screen, pane, tree, status = parts(app)
        await pilot.press("right_square_bracket", "right_square_bracket")  # reading 1.1 Students
        await pilot.press("slash", *"korea", "enter")
        assert not screen.query_one(SearchBar).is_open
        assert app.focused is pane
        total = status.total
        first = status.current
        assert first > 1  # the first match after the reading position, not the first of all
        assert status.counter == f"{first}/{total}"
        await pilot.press("n")
        assert status.current == first + 1
        await pilot.press("N", "N")
        assert status.current == first - 1
        await pilot.press("escape")
        assert status.search == "" and status.counter == ""
        assert tree.match_count(tree.node_for("2")) == 0


async def test_n_wraps_around() -> None:
    async with reading() as (app, pilot):
        _, _, _, status = parts(app)
        await pilot.press("slash", *"Sakhalin", "enter")
        total = status.total
        assert total >= 2
        for _ in range(total):
            await pilot.press("n")
        assert status.current == 1 or status.current == status.total  # went round
        assert "wrapped to the top" in said(app)
        # The message covers neither the counter nor the breadcrumb (a toast hid "/sakhalin: 1/3").
        assert f"/Sakhalin: {status.current}/{total}" in status.render().plain
        assert status.breadcrumb in status.render().plain
        await pilot.press("home", "N")
        assert status.current == total
        assert "wrapped to the bottom" in said(app)


async def test_c_past_the_last_marker_wraps_to_the_first_and_shows_it() -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("end", "c")  # no marker below the end: round to the first one
        layout = pane.text_layout
        assert layout is not None and pane.selected_citation == layout.markers[0].number
        line = layout.markers[0].line
        assert pane.scroll_line <= line < pane.scroll_line + pane.size.height  # in view
        assert "Wrapped to the first citation" in said(app)
        await pilot.press("C")
        assert pane.selected_citation == layout.markers[-1].number


async def test_c_in_an_article_without_markers_says_so() -> None:
    async with reading(text="[[Plain]]\n\nNo footnotes here at all.\n") as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("c")
        assert pane.selected_citation is None
        assert "no citation markers" in said(app)


async def test_search_with_no_match_says_so_and_nothing_moves() -> None:
    async with reading() as (app, pilot):
        _, pane, _, status = parts(app)
        await pilot.press("d")
        where = pane.scroll_line
        await pilot.press("slash", *"☃☃")
        assert status.counter == "no matches"
        assert "no matches" in status.render().plain
        assert pane.scroll_line == where
        await pilot.press("enter")
        assert pane.scroll_line == where
        await pilot.press("n", "N")
        assert pane.scroll_line == where
        assert "No match" in said(app)


async def test_escape_in_the_search_field_goes_back_to_where_the_search_began() -> None:
    async with reading() as (app, pilot):
        _, pane, _, status = parts(app)
        await pilot.press("slash", *"logging")  # typing shows the first match, further down
        assert status.total > 0 and pane.scroll_line > 0
        layout = pane.text_layout
        assert layout is not None and pane.finder.result is not None
        # A third of the way down, not on the last line where it is easily missed.
        assert layout.match_line(pane.finder.result, 0) - pane.scroll_line == pane.scrollable_content_region.height // 3
        await pilot.press("escape")
        assert pane.scroll_line == 0 and status.search == ""  # back at the top, search gone
        await pilot.press("slash", *"logging", "enter")  # kept: enter means "go there"
        kept = pane.scroll_line
        assert kept > 0
        await pilot.press("slash", "escape")  # a new search cancelled starts and ends here
        assert pane.scroll_line == kept


async def type_at_once(app: ReaderApp, pilot: object, keys: str) -> None:
    """Keys arriving in one read, as a fast typist, a paste or a key macro sends them: all are
    handed out before the first is acted on (Pilot.press waits for each)."""
    for key in keys:
        app.post_message(events.Key({"/": "slash"}.get(key, key), key))
    for _ in range(5):
        await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize("start", ["pane", "tree"])
async def test_keys_typed_in_one_go_act_in_order(start: str) -> None:
    # "g/x" in one go lost its "g" (the search started from where the reader was before it);
    # "/work" must fill the field, not scroll the pane ("k") or move the tree.
    async with reading() as (app, pilot):
        _, pane, tree, status = parts(app)
        await pilot.press("G")
        if start == "pane":
            await type_at_once(app, pilot, "g/zqx")
            assert app.screen.query_one(SearchBar).value == "zqx"
            assert pane.scroll_line == 0  # g went first: no match, so the text stays at the top
            await pilot.press("escape")
        else:
            await pilot.press("tab")
        await type_at_once(app, pilot, "/work")
        assert app.screen.query_one(SearchBar).value == "work"  # all of it in the field
        assert status.search == "work"


async def test_search_whose_prefix_matched_returns_to_where_it_began() -> None:
    async with reading() as (app, pilot):
        _, pane, _, status = parts(app)
        await pilot.press("d")
        where = pane.scroll_line
        await pilot.press("slash", *"xyzzy")
        assert status.counter == "no matches"
        assert pane.scroll_line == where


async def test_escape_in_the_field_clears_and_returns_the_focus() -> None:
    async with reading() as (app, pilot):
        screen, pane, tree, status = parts(app)
        await pilot.press("tab", "slash", *"work", "escape")
        assert status.search == ""
        assert not screen.query_one(SearchBar).is_open
        assert app.focused is tree  # back where the reader was


async def test_search_keys_work_from_the_tree_too() -> None:
    async with reading() as (app, pilot):
        _, _, tree, status = parts(app)
        await pilot.press("slash", *"korea", "enter", "tab")
        assert app.focused is tree
        current = status.current
        await pilot.press("n")
        assert status.current == current + 1


# ---------------------------------------------------------------------------- citations


async def test_c_selects_markers_and_enter_opens_the_popup() -> None:
    async with reading() as (app, pilot):
        screen, pane, _, _ = parts(app)
        await pilot.press("c")
        assert pane.selected_citation == 1
        await pilot.press("c", "c")
        assert pane.selected_citation == 3
        await pilot.press("C")
        assert pane.selected_citation == 2
        await pilot.press("enter")
        await pilot.pause()
        popup = app.screen
        assert isinstance(popup, CitationScreen)
        assert popup.query_one("#dialog").border_title.startswith("[2]")
        text = popup.query_one("#text").render().plain
        assert "Overseas Koreans" in text and "Jimoondang" in text
        fields = popup.query_one("#fields").content
        labels = [str(cell) for cell in fields.columns[0].cells]
        assert "ISBN" in labels and "Publisher" in labels and "Pages" in labels
        await pilot.press("escape")
        assert app.screen is screen


async def test_click_on_a_marker_opens_its_citation() -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        layout = pane.text_layout
        marker = layout.markers[0]
        margin = (pane.scrollable_content_region.width - layout.width) // 2
        await pilot.click(ReadingPane, offset=(margin + marker.start_cell + 1, marker.line - pane.scroll_line))
        await pilot.pause()
        assert isinstance(app.screen, CitationScreen)
        assert app.screen.citation.number == marker.number == 1
        await pilot.press("q")
        assert isinstance(app.screen, ReaderScreen)


async def test_popup_lists_every_use_and_a_key_jumps_there() -> None:
    async with reading(ROYAL, size=(100, 40)) as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("c")
        assert pane.selected_citation == 1
        await pilot.press("enter")
        await pilot.pause()
        uses = list(app.screen.query(UseLine))
        assert len(uses) == 3
        assert "Miss Ray Levinsky" in uses[1].render().plain
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        layout = pane.text_layout
        selected = [i for i, m in enumerate(layout.markers) if m.number == 1]
        assert pane.selected_citation == 1
        assert pane.finder.selected == selected[2]
        line = layout.markers[selected[2]].line
        assert pane.scroll_line <= line < pane.scroll_line + pane.scrollable_content_region.height


async def test_popup_enter_on_a_use_jumps_there() -> None:
    async with reading(ROYAL, size=(100, 40)) as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("c", "c")
        number = pane.selected_citation
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        markers = [i for i, m in enumerate(pane.text_layout.markers) if m.number == number]
        assert pane.finder.selected == markers[1]


async def test_popup_copies_and_opens_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    async with reading() as (app, pilot):
        await pilot.press("c", "enter")
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == "http://www.asiacultureforum.org/pdf/multi/multi_0202_Jeanyoung%20Lee.pdf"
        await pilot.press("o")
        assert opened == [app.clipboard]


async def test_a_reference_that_is_only_a_link_shows_where_it_leads() -> None:
    # julia_kristeva: "<ref>[http://... label]</ref>" showed the label and "(no fields ...)", no URL.
    text = ("Prize.<ref>[http://example.org/prize-2009 The prize goes to the campaign]</ref>\n\n"
            "== References ==\n<references/>\n")
    async with reading(text=text, name="kristeva.wiki") as (app, pilot):
        await pilot.press("c", "enter")
        await pilot.pause()
        popup = app.screen
        assert isinstance(popup, CitationScreen)
        fields = static_text(popup.query_one("#fields"))
        assert "URL" in fields and "http://example.org/prize-2009" in fields
        assert "no fields" not in fields


def static_text(widget: object) -> str:
    """All the text a Static shows (a Text or a Rich table of Texts), as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)  # type: ignore[attr-defined]
    return console.export_text()


async def test_short_footnote_popup_shows_the_full_source() -> None:
    async with reading(MILLAY, size=(120, 40)) as (app, pilot):
        screen, pane, _, _ = parts(app)
        article = screen.article
        sfn = next(c for c in article.citations if c.kind == "sfn" and c.full)
        screen.open_citation(sfn.number)
        await pilot.pause()
        popup = app.screen
        assert isinstance(popup, CitationScreen)
        assert popup.query_one("#dialog").border_title == f"[{sfn.number}] short footnote"
        full = popup.query_one("#full").render().plain
        assert full.startswith("Full source: ")
        assert len(full) > len("Full source: ") + 10


# ---------------------------------------------------------------------------- help, palette, quit


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_screen_lists_the_keys(key: str) -> None:
    async with reading() as (app, pilot):
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("#keys").render()
        keys = [str(cell) for cell in shown.columns[0].cells]
        for expected in ("j ↓ / k ↑", "] / [", "tab / shift+tab", "t", "/", "n / N", "c / C", "ctrl+p", "q ctrl+q",
                         "backspace alt+left", "m + letter", "Y"):
            assert expected in keys
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit(key: str) -> None:
    async with reading() as (app, pilot):
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code is not None  # App.exit was called


async def palette_run(app: ReaderApp, pilot: object, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(app)
    await pilot.press(*query)
    for _ in range(20):  # the palette searches in the background
        await pilot.pause(0.05)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_jumps_to_a_section_by_name() -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        await palette_run(app, pilot, "Go to Workers")
        assert heading_at_top(pane) == "1.2"
        assert_reading(app, "1.2", "Migration history > Workers")


async def test_palette_searches_the_article() -> None:
    async with reading() as (app, pilot):
        _, _, _, status = parts(app)
        await palette_run(app, pilot, "Search the article for Pyongyang")
        assert status.search  # the palette searched for what was typed after its name
        await palette_run(app, pilot, "Search the article")
        assert app.screen.query_one(SearchBar).is_open


async def test_palette_toggles_the_tree() -> None:
    async with reading() as (app, pilot):
        _, _, tree, _ = parts(app)
        await palette_run(app, pilot, "Toggle section tree")
        assert not tree.display


async def test_palette_entries_are_the_screens_bindings_with_their_keys_in_effect() -> None:
    async with reading() as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        entries = {command.title: command.help for command in screen.system_commands()}
        assert entries == {"Search the article": "Open the search field (/)",
                           "Toggle section tree": "Show or hide the section tree (t)",
                           "Help: keys": "List every key (?)"}  # no search to clear, no other article
        app.set_keymap({"toggle_tree": "T"})
        await pilot.press("slash", *"Workers", "enter")
        entries = {command.title: command.help for command in screen.system_commands()}
        assert entries["Toggle section tree"] == "Show or hide the section tree (T)"
        assert entries["Clear search"] == "Remove the search highlights (escape)"


async def test_themes_switch_and_both_kinds_render() -> None:
    async with reading() as (app, pilot):
        _, pane, _, _ = parts(app)
        for theme in ("textual-light", "textual-dark", "solarized-light", "nord"):
            app.theme = theme
            await pilot.pause()
            strip = pane.render_line(0)
            assert strip.text.strip() == "North Koreans in Russia"
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.query_one(StatusBar).rich_style
        app.theme = "textual-dark"
        await pilot.pause()
        assert app.screen.query_one(StatusBar).rich_style != light


async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    async with reading() as (app, pilot):
        assert app.no_color
        await pilot.press("right_square_bracket")
        assert_reading(app, "1", "Migration history")


# ---------------------------------------------------------------------------- sizes and odd articles


async def test_the_tree_follows_the_width_until_the_reader_chooses() -> None:
    async with reading(size=(40, 10)) as (app, pilot):
        _, pane, tree, _ = parts(app)
        assert not tree.display
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert tree.display and tree.region.width > 0  # room again: the tree comes back
        await pilot.press("tab")
        assert app.focused is tree
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        assert not tree.display and app.focused is pane  # the focus does not stay on a hidden tree
        await pilot.press("t")  # the reader wants it, narrow or not
        await pilot.resize_terminal(45, 20)
        await pilot.pause()
        assert tree.display
        await pilot.press("t")
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert not tree.display  # hidden by the reader: it stays hidden


async def test_tiny_terminal_everything_reachable() -> None:
    async with reading(size=(40, 10)) as (app, pilot):
        _, pane, tree, status = parts(app)
        assert not tree.display  # too narrow to share: the text comes first, `t` shows the tree
        await pilot.press("G")
        assert pane.progress == 100
        await pilot.press("t")
        assert tree.display
        await pilot.press("g", "c", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CitationScreen)
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("end")
        dialog = app.screen.query_one("#dialog")
        assert dialog.scroll_y == dialog.max_scroll_y > 0
        await pilot.press("escape", "slash", *"korea", "enter")
        assert status.total > 0


async def test_huge_terminal_and_resizing_at_any_time() -> None:
    async with reading(size=(250, 80)) as (app, pilot):
        _, pane, tree, _ = parts(app)
        assert tree.size.width <= 48
        await pilot.press("right_square_bracket", "right_square_bracket")
        for size in ((40, 10), (120, 40), (60, 15), (250, 80), (41, 11)):
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert pane.current_section == "1.1"
            assert tree.highlighted == "1.1"


async def test_empty_file_opens_without_a_crash() -> None:
    async with reading(text="", name="empty.txt") as (app, pilot):
        _, pane, tree, status = parts(app)
        assert tree.highlighted == ""
        await pilot.press("G", "right_square_bracket", "c", "enter", "n", "slash", "x", "enter", "tab", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert status.counter == "no matches"


async def test_article_without_sections() -> None:
    async with reading(text="[[Lone]]\n\nJust a lead paragraph with no headings at all.\n") as (app, pilot):
        screen, pane, tree, _ = parts(app)
        assert screen.title == "Lone"
        assert [line.node.label.plain for line in tree_lines(tree)] == ["Lone"]
        await pilot.press("right_square_bracket", "left_square_bracket", "tab", "enter")
        assert_reading(app, "", "(Top)")


async def test_redirect_shows_the_notice() -> None:
    async with reading(text="[[Old name]]\n\n#REDIRECT [[New name]]\n") as (app, pilot):
        screen, pane, _, status = parts(app)
        assert screen.article.redirect == "New name"
        assert "New name" in status.render().plain
        lines = [pane.render_line(y).text for y in range(5)]
        assert any("New name" in line for line in lines)


async def test_redirect_notice_shows_brackets_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The notice names the target as text: "[/]" in it is no markup error."""
    text = "[[Old]]\n\n#REDIRECT [[New [/] name]]\n\n[[Other]]\n\nText.\n"
    library = Library.from_text(text, "two.txt")
    monkeypatch.setattr(ReaderApp, "_redirect_entry", lambda self, screen: library.entries[1])
    app = ReaderApp(library, 0, cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        line = app.screen.key_bar.render().plain
        assert "[/]" in line and "press r" in line, line


async def test_wide_characters_in_titles_and_text() -> None:
    text = ("[[東京の歴史 🏯]]\n\n江戸時代の東京は世界最大の都市でした。" * 20 + "\n\n==明治時代 🚂==\n\n" +
            "שלום עולם " * 40 + "\n\n===大正===\n\nテキスト。\n")
    async with reading(text=text, size=(50, 12)) as (app, pilot):
        screen, pane, tree, status = parts(app)
        await pilot.press("t")
        assert [line.node.label.plain for line in tree_lines(tree)] == ["東京の歴史 🏯", "1 明治時代 🚂", "1.1 大正"]
        await pilot.press("right_square_bracket")
        assert_reading(app, "1", "明治時代 🚂")
        await pilot.resize_terminal(40, 10)
        await settle(app, pilot)
        assert pane.current_section == "1"


async def test_long_article_shows_its_start_then_all_of_it() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    body = sample.split("\n", 1)[1]
    text = "[[Long]]\n\n" + "".join(body.replace("==Migration history==", f"==Part {i}==") for i in range(40))
    assert len(text) > 200_000
    async with reading(text=text) as (app, pilot):
        screen, pane, tree, status = parts(app)
        assert screen.article.complete
        assert status.notice == ""
        assert tree.node_for("40") is not None  # the sections after the quick first part arrived
        await pilot.press("G")
        assert pane.progress == 100
        assert tree.highlighted == pane.current_section


async def test_tree_narrower_and_wider() -> None:
    async with reading(size=(120, 30)) as (app, pilot):
        _, pane, tree, _ = parts(app)
        width = tree.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert tree.outer_size.width == width + 8
        for _ in range(40):
            await pilot.press("greater_than_sign")
        assert pane.outer_size.width >= 20  # the text always keeps some room
        for _ in range(40):
            await pilot.press("less_than_sign")
        assert tree.outer_size.width == 12
        await pilot.press("t", "less_than_sign")
        assert tree.display  # resizing a hidden tree shows it


async def test_narrower_or_wider_never_shows_the_tree_on_a_narrow_terminal() -> None:
    # Below 60 columns the text comes first; only `t` is a choice to show the tree (`>` at 50
    # columns showed a 12-column tree).
    async with reading(size=(50, 20)) as (app, pilot):
        screen, pane, tree, _ = parts(app)
        assert not tree.display
        await pilot.press("greater_than_sign", "less_than_sign")
        assert not tree.display and pane.outer_size.width == 50
        assert screen.key_bar.message == "No tree under 60 columns: t shows it."  # whole in 50 columns
        await pilot.press("t", "greater_than_sign")
        assert tree.display and tree.outer_size.width > 12


async def test_a_widened_tree_gives_way_when_the_terminal_shrinks() -> None:
    async with reading(size=(120, 30)) as (app, pilot):
        _, pane, tree, _ = parts(app)
        for _ in range(20):
            await pilot.press("greater_than_sign")
        await pilot.resize_terminal(50, 20)
        await settle(app, pilot)
        assert pane.outer_size.width >= 20
        await pilot.resize_terminal(120, 30)
        await settle(app, pilot)
        assert tree.outer_size.width == 100  # and comes back


async def test_keys_typed_right_after_slash_go_to_the_field() -> None:
    async with reading() as (app, pilot):
        screen, _, _, status = parts(app)
        await pilot.press("slash", "w", "o", "r", "k")  # no pause: a fast typist
        assert screen.query_one(SearchBar).value == "work"
        assert status.search == "work"


def contrast(one: object, two: object) -> float:
    """WCAG contrast ratio of two textual Colors."""
    def luminance(color: object) -> float:
        def channel(value: int) -> float:
            value_ = value / 255
            return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_every_theme_keeps_the_status_and_the_tree_badges_readable() -> None:
    from textual.color import Color

    async with reading() as (app, pilot):
        _, _, tree, status = parts(app)
        await pilot.press("slash", *"korea")
        for theme in sorted(app.available_themes):
            if theme.startswith("ansi"):
                continue  # the terminal's own colours
            app.theme = theme
            await pilot.pause()
            for widget, component in ((status, None), (status, "status-bar--search"), (status, "status-bar--nomatch"),
                                      (tree, "section-tree--count")):
                base = widget.rich_style
                style = widget.get_component_rich_style(component) if component else base
                fg = Color.from_rich_color(style.color or base.color)
                bg = Color.from_rich_color(style.bgcolor or base.bgcolor)
                assert contrast(fg, bg) >= 3, (theme, component)


async def test_resizing_while_a_long_article_loads() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    body = sample.split("\n", 1)[1]
    text = "[[Long]]\n\n" + "".join(body.replace("==Migration history==", f"==Part {i}==") for i in range(40))
    library = Library.from_text(text, "long.txt")
    app = ReaderApp(library, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for size in ((40, 10), (250, 80), (60, 12), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.press("G", "right_square_bracket", "c")
        await settle(app, pilot)
        screen, pane, tree, status = parts(app)
        assert screen.article.complete and status.notice == ""
        assert tree.node_for("40") is not None
        await pilot.press("G")
        assert pane.progress == 100
        assert tree.highlighted == pane.current_section


async def test_leaving_a_long_article_while_it_loads() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    body = sample.split("\n", 1)[1]
    long_one = "[[Long]]\n\n" + "".join(body.replace("==Migration history==", f"==Part {i}==") for i in range(60))
    library = Library.from_text(long_one + "\n[[Short]]\n\nA short one.\n", "two.txt")
    assert [entry.title for entry in library.entries] == ["Long", "Short"]
    app = ReaderApp(library, article=0, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        app.open_article(1)  # its start is on screen, the rest most likely still parsing
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # the left article's parse, cancelled with its screen: as it should be
        await settle(app, pilot)
        screen, pane, tree, _ = parts(app)
        assert screen.title == "Short"
        assert top_line(pane) == "Short"



async def test_palette_shows_titles_with_brackets_as_text() -> None:
    text = ("[[Brackets]]\n\nLead.\n\n==Notes [citation needed]==\n\nOne.\n\n==Odd [/] title==\n\nTwo.\n\n"
            "==[b]Not bold[/b]==\n\nThree.\n")
    async with reading(text=text) as (app, pilot):
        _, pane, _, _ = parts(app)
        await palette_run(app, pilot, "Go to 2 Odd")
        assert pane.current_section == "2"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"citation needed")
        for _ in range(20):
            await pilot.pause(0.05)
        shown = [str(option.prompt) for option in app.screen.query_one("CommandList").options]
        assert any("Notes [citation needed]" in line for line in shown)
        await pilot.press("escape")
        await palette_run(app, pilot, "Go to 3 [b]Not")
        assert pane.current_section == "3"


async def test_a_query_that_looks_like_markup_is_just_text() -> None:
    async with reading() as (app, pilot):
        _, _, _, status = parts(app)
        await pilot.press("slash", *"[/]", "enter")
        await pilot.pause()
        assert status.search == "[/]"
        assert "[/]" in status.render().plain
        assert "[/]" in said(app)  # "No match for “[/]”."
        assert "[/]" in app.screen.key_bar.render().plain


async def test_replacing_an_article_before_its_first_refresh() -> None:
    library = Library.from_text("[[A]]\n\nTiny.\n\n[[B]]\n\nA short one.\n", "two.txt")
    app = ReaderApp(library, article=0, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_article(1)
        await settle(app, pilot)
        assert app.screen.title == "B"


async def test_an_article_repaired_after_its_first_screen_shows_the_repaired_text(tmp_path: Path) -> None:
    # The cheap check flags the last paragraph only: the first screen is parsed from the head,
    # the whole (repaired by ftfy in the parse thread) replaces it.
    path = tmp_path / "late.txt"
    body = "".join(f"==Part {n}==\n" + "A plain line of prose, nothing to repair here.\n" * 40 for n in range(60))
    path.write_text("[[Late repair]]\n\n" + body + "A caf\u00c3\u00a9 at the end.\n", encoding="utf-8")
    async with reading(path) as (app, pilot):
        screen, pane, _, _ = parts(app)
        assert screen.article is not None and screen.article.complete
        layout = pane.text_layout
        assert layout is not None
        assert layout.search("café at the end").total == 1 and layout.search("cafÃ").total == 0
        assert layout.search("Part 59").total == 1


async def test_the_tree_scrolls_with_the_wheel_without_a_scrollbar() -> None:
    async with reading(MILLAY, size=(100, 12)) as (app, pilot):
        _, _, tree, _ = parts(app)
        assert tree.max_scroll_y > 0  # more sections than lines
        assert tree.styles.scrollbar_visibility == "hidden"
        for _ in range(3):
            tree.post_message(events.MouseScrollDown(tree, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        assert tree.scroll_offset.y > 0
