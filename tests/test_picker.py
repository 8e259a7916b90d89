"""The article picker and the file-wide search, driven as a user would with Textual's Pilot.

Most tests host `PickerScreen` in a small app that records what the picker asks for, so
the expectations are about the picker alone; the last ones run the real `ReaderApp` on
the real multi-article sample (open, return with the filter kept, redirect, search across
the file landing in an in-article search, reading position kept).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static

from reader.source.library import Library
from reader.ui.screens.file_search import FileSearchScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.picker_commands import ArticleProvider
from reader.ui.textual_private import compositor, notifications
from reader.ui.widgets.picker_list import TitleList, human_size
from reader.ui.widgets.picker_match import rank_titles

DATA = Path(__file__).parent / "data" / "dump"
EXAMPLE = DATA / "wiki-example.txt"
SIZE = (100, 30)


class PickerHost(App[None]):
    """The picker alone; chosen articles are recorded instead of opened."""

    COMMANDS = App.COMMANDS | {ArticleProvider}

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.chosen: list[tuple[int, str | None]] = []
        self.back_requests = 0

    def on_mount(self) -> None:
        self.push_screen(PickerScreen(self.library, cursor_blink=False))

    def on_picker_screen_article_chosen(self, event: PickerScreen.ArticleChosen) -> None:
        self.chosen.append((event.index, event.phrase))

    def on_picker_screen_back_requested(self) -> None:
        self.back_requests += 1


def example_host(lazy: bool = True) -> PickerHost:
    return PickerHost(Library.open(str(EXAMPLE), lazy=lazy))


def shown_titles(app: App[None]) -> list[str]:
    title_list = app.screen.query_one(TitleList)
    return [title_list.entries[i].title for i in title_list.rows]


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join(strip.text for strip in compositor(app.screen).render_strips())


# ---------------------------------------------------------------------------- the list


async def test_lists_every_title_in_file_order_with_count_and_focus_in_filter() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "picker-filter"
        assert shown_titles(app) == [entry.title for entry in app.library.entries]
        assert len(shown_titles(app)) == 20
        assert "20 articles" in text_of(app, "#picker-heading")


async def test_rows_show_number_size_and_redirect() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        assert "Balfour declaration  → redirect to Balfour Declaration" in screen
        bundesmarine = next(line for line in screen.splitlines() if "Bundesmarine" in line)
        assert bundesmarine.split()[0] == "13" and bundesmarine.rstrip().endswith("42 B")
        assert "redirect to German Navy" in bundesmarine


async def test_typing_filters_fuzzily_with_prefix_hits_first() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"bel")
        await pilot.pause()
        titles = shown_titles(app)
        assert titles[:2] == ["Bell Curve", "Bell curve"]  # prefix hits, file order
        assert "Blue Steel (missile)" in titles[2:]  # b..e..l elsewhere still matches
        assert "Barry Goldwater" not in titles  # no "l" after its "e"
        assert "of 20 titles match “bel”" in text_of(app, "#picker-status")
        await pilot.press(*"l curv")
        await pilot.pause()
        assert shown_titles(app) == ["Bell Curve", "Bell curve"]


async def test_fuzzy_letters_find_a_title() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"bry gldwtr")
        await pilot.pause()
        assert shown_titles(app) == ["Barry Goldwater"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [(13, None)]


async def test_no_match_says_so_and_enter_does_nothing() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zzqx")
        await pilot.pause()
        assert shown_titles(app) == []
        assert "no title matches “zzqx”" in text_of(app, "#picker-status")
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == []


async def test_up_down_from_the_filter_and_enter_opens() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "up", "enter")
        await pilot.pause()
        assert app.chosen == [(2, None)]
        await pilot.press("pagedown", "enter")
        await pilot.pause()
        assert app.chosen[-1][0] > 10
        assert isinstance(app.focused, Input)  # the filter keeps the focus throughout


async def test_list_keys_when_the_list_has_focus() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, TitleList)
        await pilot.press("end", "enter")
        await pilot.pause()
        await pilot.press("home", "j", "j", "k", "enter")
        await pilot.pause()
        assert app.chosen == [(19, None), (1, None)]


async def test_click_opens_an_article() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title_list = app.screen.query_one(TitleList)
        await pilot.click(TitleList, offset=(10, 3))
        await pilot.pause()
        assert app.chosen == [(3, None)]
        assert title_list.cursor == 3


async def test_escape_clears_the_filter_then_asks_to_go_back() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"banda", "escape")
        await pilot.pause()
        assert app.screen.query_one("#picker-filter", Input).value == ""
        assert len(shown_titles(app)) == 20 and app.back_requests == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.back_requests == 1


async def test_ten_thousand_titles_without_a_widget_each() -> None:
    text = "".join(f"[[Article {n}]]\n\nBody {n}.\n\n\n" for n in range(10_000))
    app = PickerHost(Library.from_text(text, "many.txt", lazy=True))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(shown_titles(app)) == 10_000
        assert "10,000 articles" in text_of(app, "#picker-heading")
        assert len(list(app.screen.walk_children())) < 30
        await pilot.press(*"article 9999")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown_titles(app)[0] == "Article 9999"
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [(9999, None)]


async def test_background_indexing_grows_the_list() -> None:
    text = "".join(f"[[Article {n}]]\n\n{'Some body text. ' * 20}\n\n\n" for n in range(20_000))
    library = Library.from_text(text, "big.txt", lazy=True)
    first = len(library.entries)
    assert first < 20_000
    app = PickerHost(library)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.complete
        assert len(shown_titles(app)) == 20_000
        assert "indexing" not in text_of(app, "#picker-heading")


async def test_repeated_titles_both_listed() -> None:
    text = "[[Same]]\n\nfirst\n\n[[Other]]\n\nx\n\n[[Same]]\n\nsecond\n"
    app = PickerHost(Library.from_text(text, "dup.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"same")
        await pilot.pause()
        assert shown_titles(app) == ["Same", "Same"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.chosen == [(2, None)]


async def test_file_replaced_while_open_is_reread(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    shutil.copy(EXAMPLE, path)
    app = PickerHost(Library.open(str(path)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        replacement = tmp_path / "new.txt"
        replacement.write_text("[[Alpha]]\n\none\n\n[[Beta]]\n\ntwo\n", encoding="utf-8")
        os.replace(replacement, path)
        app.screen._check_file()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown_titles(app) == ["Alpha", "Beta"]
        assert "2 articles" in text_of(app, "#picker-heading")


async def test_file_vanished_keeps_the_list(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    shutil.copy(EXAMPLE, path)
    app = PickerHost(Library.open(str(path)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path.unlink()
        app.screen._check_file()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(shown_titles(app)) == 20
        assert any("no longer there" in n.message for n in notifications(app))
        assert not app.library.changed_on_disk()  # said once: not every two seconds while it is gone
        shutil.copy(EXAMPLE, path)
        assert app.library.changed_on_disk()  # back: watched again


# ---------------------------------------------------------------------------- file-wide search


async def test_search_across_the_file_lists_articles_with_counts() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FileSearchScreen)
        await pilot.press(*"navy", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.state.hits
        assert [(hit.entry.title, hit.count) for hit in hits] == [
            ("Blue Steel (missile)", 1), ("Bundesmarine", 1), ("Baralong incidents", 3),
        ]
        assert "in 3 articles, 5 hits" in text_of(app, "#search-status")
        screen = screen_text(app)
        assert "Baralong incidents  3 hits" in screen
        assert "Royal Navy Q-ship" in screen
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.chosen == [(14, "navy")]


async def test_search_keeps_its_results_when_reopened() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"goldwater", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        found = len(app.screen.state.hits)
        await pilot.press("escape")  # finished: escape closes
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("tab", "slash")  # "/" in the list opens it too
        await pilot.pause()
        assert isinstance(app.screen, FileSearchScreen)
        assert app.screen.query_one("#search-phrase", Input).value == "goldwater"
        assert len(app.screen.state.hits) == found > 0


async def test_search_smart_case_and_no_result() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"Navy", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        exact = sum(hit.count for hit in app.screen.state.hits)
        await pilot.press(*"qqq", "enter")  # the field now reads "Navyqqq"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "no article contains “Navyqqq”" in text_of(app, "#search-status")
        assert exact == 5


async def test_search_streams_and_escape_stops_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results show while the search runs; escape stops it (and only a second escape closes)."""
    import reader.ui.screens.file_search as file_search

    real_search = file_search.search_file

    def slow_search(text, entries, phrase, *, cancel=None, **options):  # type: ignore[no-untyped-def]
        for number, hit in enumerate(real_search(text, entries, phrase, cancel=cancel, **options)):
            yield hit
            if number == 9 and cancel is not None:
                cancel.wait(10)  # a very slow disk: wait here until the user stops us

    text = "".join(f"[[A{n}]]\n\nsome words and a needle\n\n" for n in range(3000))
    app = PickerHost(Library.from_text(text, "big.txt"))
    monkeypatch.setattr(file_search, "search_file", slow_search)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"needle", "enter")
        screen = app.screen
        assert isinstance(screen, FileSearchScreen)
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.state.hits:
                break
        assert len(screen.state.hits) == 10 and not screen.state.complete  # streamed in, all ten
        assert "searching for “needle”" in text_of(app, "#search-status")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen  # the first escape only stops
        assert screen.state.cancelled and not screen.state.complete
        assert "stopped" in text_of(app, "#search-status")
        monkeypatch.setattr(file_search, "search_file", real_search)
        await pilot.press("enter")  # enter searches again, to the end this time
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.state.hits) == 3000 and screen.state.complete
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


# ---------------------------------------------------------------------------- command palette


async def test_palette_offers_open_article_for_titles() -> None:
    app = example_host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = ArticleProvider(app.screen)
        hits = [hit async for hit in provider.search("goldwater")]
        texts = [hit.text for hit in hits]
        assert "Open article: Barry Goldwater" in texts
        hit = next(h for h in hits if h.text == "Open article: Barry Goldwater")
        hit.command()
        await pilot.pause()
        assert app.chosen == [(13, None)]
        discovered = [hit.text async for hit in provider.discover()]
        assert "Search all articles" in discovered and len(discovered) == 21


# ---------------------------------------------------------------------------- in the reader app


def reader_app() -> App[None]:
    from reader.ui.app import ReaderApp

    return ReaderApp(Library.open(str(EXAMPLE), lazy=True), cursor_blink=False)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_app_opens_the_picker_then_an_article_and_returns_with_filter_kept() -> None:
    from reader.ui.screens.reader import ReaderScreen

    app = reader_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"bry gold", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.title == "Barry Goldwater"
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.query_one("#picker-filter", Input).value == "bry gold"
        assert shown_titles(app) == ["Barry Goldwater"]
        await pilot.press("escape", "escape")  # clear the filter, then back to the article
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.title == "Barry Goldwater"


async def test_app_keeps_the_reading_position_of_each_article() -> None:
    app = reader_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"benzodiazepine", "enter")
        await settle(pilot)
        await pilot.press("space", "space", "space")
        await settle(pilot)
        place = app.screen.pane.scroll_y
        assert place > 0
        await pilot.press("o", "escape", *"banda", "enter")  # another article meanwhile
        await settle(pilot)
        assert app.screen.title == "Banda"
        await pilot.press("o", "escape", *"benzodiazepine", "enter")
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.screen.title == "Benzodiazepine"
        assert app.screen.pane.scroll_y == place
        # With the note a reopened article gives across runs (it said nothing in the same run).
        assert app.screen.key_bar.message.startswith("Resumed at ") and "g for the top" in app.screen.key_bar.message


async def test_app_follows_a_redirect_in_the_same_file() -> None:
    app = reader_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"bell curve", "enter")  # "Bell Curve" redirects to "bell curve"
        await settle(pilot)
        assert app.screen.title == "Bell Curve"
        assert "press r to follow" in app.screen.key_bar.message  # in the key bar's line, not over the text
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.title == "Bell curve"
        await pilot.press("r")  # not a redirect: nothing happens
        await settle(pilot)
        assert app.screen.title == "Bell curve"


async def test_app_redirect_elsewhere_offers_nothing_to_follow() -> None:
    app = reader_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"bundesmarine", "enter")  # -> German Navy, not in this file
        await settle(pilot)
        assert "press r" not in app.screen.key_bar.message
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.title == "Bundesmarine"
        assert "is not in this file" in app.screen.key_bar.message  # r says why not


async def test_app_search_across_the_file_starts_the_in_article_search() -> None:
    from reader.ui.screens.reader import ReaderScreen

    app = reader_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"navy", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.title == "Baralong incidents"
        assert screen.status.search == "navy"
        assert screen.status.total == 3 and screen.status.current >= 1
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.current >= 1


async def test_app_palette_opens_an_article() -> None:
    from reader.ui.screens.reader import ReaderScreen

    app = reader_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"open article: behistun")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.title == "Behistun Inscription"


# ---------------------------------------------------------------------------- helpers


def test_rank_titles_orders_exact_then_prefix_then_score() -> None:
    titles = ["Bell curve disambiguation", "Barbell", "Bell", "The Bell", "Bell curve"]
    ranked = rank_titles(titles, "bell")
    assert ranked is not None
    assert [titles[r.index] for r in ranked][:3] == ["Bell", "Bell curve disambiguation", "Bell curve"]
    assert rank_titles(titles, "  ") is None
    assert rank_titles(titles, "xyz") == []


def test_rank_titles_survives_long_repetitive_titles() -> None:
    titles = ["e" * 200, "eeee eeee " * 20]
    ranked = rank_titles(titles, "eeeeeeeeeeeeeeeez")
    assert ranked == []
    assert len(rank_titles(titles, "eeeeeeee") or []) == 2


def test_human_size() -> None:
    sizes = (42, 999, 7_974, 85_345, 1_234_567)
    assert [human_size(n) for n in sizes] == ["42 B", "999 B", "8.0 KB", "85 KB", "1.2 MB"]


# ---------------------------------------------------------------------------- snapshot


def test_picker_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(PickerHost(Library.open(str(EXAMPLE))), terminal_size=(90, 26), press=[*"bel", "down"])


def test_file_search_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+f", *"navy", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(PickerHost(Library.open(str(EXAMPLE))), terminal_size=(90, 20), run_before=search)


async def test_app_picker_shows_the_article_it_was_opened_from() -> None:
    app = reader_app()
    async with app.run_test(size=(100, 16)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "end", "up", "up", "enter")  # the 18th article, below a 10-row list
        await settle(pilot)
        assert app.screen.title == "Bob Young (businessman)"
        await pilot.press("o")
        await settle(pilot)
        title_list = app.screen.query_one(TitleList)
        assert title_list.cursor_key == 17
        assert "Bob Young (businessman)" in screen_text(app)


async def test_app_opened_on_one_article_then_the_picker() -> None:
    """`wikireader FILE --article X`: the reader first; `o` shows the picker on X."""
    from reader.ui.app import ReaderApp

    app = ReaderApp(Library.open(str(EXAMPLE), lazy=True), 13, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.title == "Barry Goldwater"
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.query_one(TitleList).cursor_key == 13
        await pilot.press("escape")  # empty filter: back to the article
        await settle(pilot)
        assert app.screen.title == "Barry Goldwater"


async def test_app_single_article_file_has_no_picker(tmp_path: Path) -> None:
    from reader.ui.app import ReaderApp
    from reader.ui.screens.reader import ReaderScreen

    path = tmp_path / "Rosa_Parks.txt"
    shutil.copy(DATA.parent.parent.parent / "sample" / "North_Koreans_in_Russia.txt", path)
    app = ReaderApp(Library.open(str(path), lazy=True), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert not app.is_screen_installed("picker")


async def test_damaged_copy_lists_every_article() -> None:
    app = PickerHost(Library.open(str(DATA / "alex-test-mojibake-truncated.txt"), lazy=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_titles(app) == ["BBS", "Balfour declaration", "British Standards", "Building society",
                                     "Blue Steel (missile)"]
        await pilot.press(*"blue", "enter")
        await pilot.pause()
        assert app.chosen == [(4, None)]
        text = app.library.article_text(app.library.entries[4])
        assert text.startswith("[[Blue Steel (missile)]]") and "â€" not in text


async def test_markup_like_text_is_shown_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "[b]odd[i] name.txt"
    path.write_text("[[Alpha]]\n\none [/b] two\n\n[[Other]]\n\nx\n", encoding="utf-8")
    app = PickerHost(Library.open(str(path)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"[/]")
        await pilot.pause()
        assert "no title matches “[/]”" in text_of(app, "#picker-status")  # shown, not parsed
        assert "[b]odd[i] name.txt" in text_of(app, "#picker-heading")
        await pilot.press("ctrl+f", *"[/b]", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "“[/b]” in 1 article, 1 hit" in text_of(app, "#search-status")


async def test_palette_survives_a_query_of_one_repeated_letter() -> None:
    text = "".join(f"[[{'Eeeee ' * 12}{n}]]\n\nbody\n\n" for n in range(300))
    app = PickerHost(Library.from_text(text, "e.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = ArticleProvider(app.screen)
        hits = [hit async for hit in provider.search("e" * 30)]
        assert len(hits) == 100 and all(hit.text.startswith("Open article: Eeeee") for hit in hits)


def test_rank_titles_puts_word_initials_before_scattered_letters() -> None:
    """Typing a title's initials finds it first among the fuzzy matches (wiki-example.txt's
    titles: the palette's score alone put "Blue Steel (missile)" before "Body mass index")."""
    titles = ["Blue Steel (missile)", "Bicameral mind", "Body mass index", "Bundesmarine"]
    ranked = [titles[r.index] for r in rank_titles(titles, "bmi")]
    assert ranked == ["Body mass index", "Blue Steel (missile)", "Bicameral mind", "Bundesmarine"]
