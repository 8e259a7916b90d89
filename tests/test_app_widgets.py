"""The reader's parts around the reading pane, each on its own: section tree, status line,
search field, citation popup, help screen.  Built on a small hand-made article so that every
expectation below is known exactly."""

from __future__ import annotations

import webbrowser

import pytest
from textual.app import App, ComposeResult

from reader.model import (
    ITALIC,
    Article,
    Citation,
    Paragraph,
    References,
    Section,
    Span,
    Table,
    TableCell,
)
from reader.ui.screens.citation import CitationScreen, JumpTo, UseLine
from reader.ui.screens.citation_text import citation_fields, citation_url, find_occurrences
from reader.ui.screens.help import KEYS, HelpScreen, bound_keys, fill
from reader.ui.textual_private import tree_lines
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.section_tree import SectionTree
from reader.ui.widgets.status_bar import StatusBar, fit_left


def para(*parts: str | int) -> Paragraph:
    """A paragraph from text pieces and footnote numbers."""
    return Paragraph(tuple(Span(f"[{p}]", cite=p) if isinstance(p, int) else Span(p) for p in parts))


WEB = Citation(
    1, "web", (Span("Lee, Jeanyoung (2006). "), Span("Asia Culture Forum", frozenset({ITALIC}))),
    fields=(("last", "Lee"), ("first", "Jeanyoung"), ("title", "Asia Culture Forum"),
            ("url", "http://example.org/forum.pdf"), ("year", "2006"), ("accessdate", "2006-11-23"),
            ("publisher", "Inha University"), ("format", "PDF"), ("doi", "10.1/xyz"), ("isbn", "89-88095-18-9"),
            ("volume", "5"), ("issue", "2"), ("pages", "161–87"), ("archive-url", "http://archive.org/x"),
            ("work", "Cold War History"), ("oddity", "kept")),
    uses=2,
)
SFN = Citation(
    2, "sfn", (Span("Smith 2001, p. 5"),), fields=(("1", "Smith"), ("2", "2001"), ("p", "5")),
    full=(Span("Smith, John (2001). "), Span("A Book", frozenset({ITALIC}), target="https://books.example/a"),),
)
NOTE = Citation(3, "note", (Span("Interview, no address given."),))

ARTICLE = Article(
    "Test article",
    lead=(para("The lead cites the forum.", 1),),
    sections=(
        Section(2, "Migration history", "1", (para("History text.", 2),), children=(
            Section(3, "Students", "1.1", (para("Students came.", 3),)),
            Section(3, "Workers", "1.2", (para("Workers came and were counted.", 1),), children=(
                Section(4, "Loggers", "1.2.1", (para("Loggers."),)),
            )),
        )),
        Section(2, "References", "2", (References(),)),
    ),
    citations=(WEB, SFN, NOTE),
)


class TreeApp(App[None]):
    """The section tree alone, filled with ARTICLE."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield SectionTree(id="tree")

    def on_mount(self) -> None:
        self.query_one(SectionTree).show_article(ARTICLE)

    def on_section_tree_section_chosen(self, event: SectionTree.SectionChosen) -> None:
        self.chosen.append(event.number)


def labels(tree: SectionTree) -> list[str]:
    """The visible lines of the tree, as plain text."""
    return [line.node.label.plain for line in tree_lines(tree)]


# ---------------------------------------------------------------------------- the tree


async def test_tree_numbers_sections_like_wikipedia_contents() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        await pilot.pause()
        assert labels(tree) == [
            "Test article", "1 Migration history", "1.1 Students", "1.2 Workers", "1.2.1 Loggers", "2 References",
        ]


async def test_tree_follows_without_taking_focus_and_respects_folding() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        app.set_focus(None)
        tree.follow("1.2.1")
        await pilot.pause()
        assert tree.highlighted == "1.2.1"
        assert app.focused is None
        tree.node_for("1.2").collapse()
        tree.follow("1.2.1")
        await pilot.pause()
        assert tree.highlighted == "1.2"  # the folded section stands for its subsections
        tree.follow("2")
        await pilot.pause()
        assert tree.highlighted == "2"
        tree.follow("9.9")  # unknown: nothing moves
        await pilot.pause()
        assert tree.highlighted == "2"


async def test_tree_enter_and_click_choose_without_folding() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.focus()
        tree.follow("1")
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == ["1"]
        assert tree.node_for("1").is_expanded  # enter jumps, it does not fold
        await pilot.press("down", "down", "enter")
        assert app.chosen == ["1", "1.2"]
        line = tree.node_for("2").line
        await pilot.click(SectionTree, offset=(8, line))
        await pilot.pause()
        assert app.chosen[-1] == "2"


async def test_tree_left_right_collapse_expand() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.focus()
        tree.follow("1.2")
        await pilot.press("left")
        assert tree.node_for("1.2").is_collapsed
        assert "1.2.1 Loggers" not in labels(tree)
        await pilot.press("left")  # folded already: to the parent
        assert tree.highlighted == "1"
        await pilot.press("left")
        assert tree.node_for("1").is_collapsed
        assert labels(tree) == ["Test article", "1 Migration history", "2 References"]
        await pilot.press("right")
        assert tree.node_for("1").is_expanded
        await pilot.press("right")  # open already: to the first child
        assert tree.highlighted == "1.1"


async def test_tree_shows_match_counts_and_folded_totals() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.set_match_counts({"": 1, "1.2": 3, "1.2.1": 2})
        await pilot.pause()
        rendered = {number: tree.render_label(tree.node_for(number), tree.rich_style, tree.rich_style).plain
                    for number in ("", "1", "1.2", "2")}
        assert rendered[""].endswith(" 1 ")
        assert rendered["1.2"].endswith(" 3 ")
        assert rendered["2"] == "2 References"
        tree.node_for("1").collapse()
        await pilot.pause()
        assert tree.render_label(tree.node_for("1"), tree.rich_style, tree.rich_style).plain.endswith(" 5 ")
        tree.set_match_counts({})
        assert tree.render_label(tree.node_for("1.2"), tree.rich_style, tree.rich_style).plain.endswith("Workers")


async def test_tree_refill_keeps_what_the_reader_folded() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.node_for("1.2").collapse()
        tree.show_article(ARTICLE)  # the full parse replacing the quick one
        await pilot.pause()
        assert tree.node_for("1.2").is_collapsed
        assert tree.node_for("1").is_expanded


async def test_tree_of_an_article_without_sections() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.show_article(Article(""))
        tree.follow("")
        await pilot.pause()
        assert labels(tree) == ["(untitled)"]
        assert tree.highlighted == ""


# ---------------------------------------------------------------------------- the status line


class StatusApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusBar()


async def test_status_shows_breadcrumb_progress_and_counter() -> None:
    app = StatusApp()
    async with app.run_test(size=(80, 5)) as pilot:
        status = app.query_one(StatusBar)
        status.path = ("Migration history", "Workers")
        status.progress = 42.4
        await pilot.pause()
        line = status.render().plain
        assert line.startswith("Migration history > Workers")
        assert line.rstrip().endswith("42%")
        status.search, status.total, status.current = "work", 17, 3
        await pilot.pause()
        assert "/work: 3/17" in status.render().plain
        status.current = 0
        assert "17 matches" in status.render().plain
        status.total = 0
        assert "no matches" in status.render().plain
        status.search = ""
        assert "match" not in status.render().plain


async def test_status_on_a_narrow_terminal_keeps_the_innermost_section() -> None:
    app = StatusApp()
    async with app.run_test(size=(40, 5)) as pilot:
        status = app.query_one(StatusBar)
        status.path = ("Migration history", "Workers", "Loggers in the far east")
        status.progress = 100
        await pilot.pause()
        line = status.render().plain
        assert line.startswith("…")
        assert "Loggers in the far east" in line
        assert line.rstrip().endswith("100%")
        assert len(line) <= 38


def test_fit_left_cuts_from_the_left_by_cells() -> None:
    assert fit_left("abc", 5) == "abc"
    assert fit_left("abcdef", 4) == "…def"
    assert fit_left("日本語の記事", 7) == "…の記事"
    assert fit_left("abc", 0) == ""


# ---------------------------------------------------------------------------- the search field


class SearchApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield SearchBar(cursor_blink=False)

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self.events.append(("changed", event.query))

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.events.append(("submitted", event.query))

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self.events.append(("cancelled", ""))


async def test_search_field_reports_typing_enter_and_escape() -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        bar = app.query_one(SearchBar)
        assert not bar.display or not bar.is_open
        bar.open()
        await pilot.pause()
        assert bar.is_open and bar.display
        await pilot.press("w", "o", "enter")
        assert app.events == [("changed", "w"), ("changed", "wo"), ("submitted", "wo")]
        bar.open("wo")  # opening again: the old query, selected, so typing replaces it
        await pilot.press("x", "escape")
        assert app.events[-2:] == [("changed", "x"), ("cancelled", "")]


# ---------------------------------------------------------------------------- the citation popup


def test_fields_get_readable_labels_and_nothing_is_dropped() -> None:
    rows = citation_fields(WEB)
    labels_ = [label for label, _ in rows]
    assert rows[0] == ("Author", "Lee, Jeanyoung")
    for label in ("Title", "Work", "Publisher", "Year", "Volume", "Issue", "Pages", "ISBN", "DOI",
                  "Accessed", "URL", "Archive URL", "Format", "Oddity"):
        assert label in labels_
    assert labels_.index("Title") < labels_.index("Publisher") < labels_.index("URL")
    values = {value for _, value in rows}
    for key, value in WEB.fields:
        if key not in ("last", "first"):
            assert value in values
    assert citation_fields(SFN) == [("Page", "5"), ("Author", "Smith"), ("Year", "2001")]
    other = Citation(5, "book", (), fields=(("1", "positional"),))
    assert citation_fields(other) == [("Parameter 1", "positional")]


def test_several_authors_are_gathered() -> None:
    citation = Citation(4, "book", (), fields=(("last1", "Ab"), ("first1", "Cd"), ("last2", "Ef"),
                                                ("author3", "Gh Ij")))
    assert citation_fields(citation)[0] == ("Authors", "Ab, Cd; Ef; Gh Ij")


def test_url_falls_back_to_links_in_the_full_source() -> None:
    assert citation_url(WEB) == "http://example.org/forum.pdf"
    assert citation_url(SFN) == "https://books.example/a"
    assert citation_url(NOTE) == ""
    # Protocol-relative ("//bugzilla..." in Mozilla-Firefox): what o and y use must open.
    relative = Citation(3, "web", (), fields=(("url", "//bugzilla.mozilla.org/show_bug.cgi?id=315452"),))
    assert citation_url(relative) == "https://bugzilla.mozilla.org/show_bug.cgi?id=315452"


def test_occurrences_in_reading_order_with_their_sections() -> None:
    found = find_occurrences(ARTICLE, 1)
    assert [(o.index, o.section, o.where) for o in found] == [
        (0, "", ""), (1, "1.2", "Migration history > Workers"),
    ]
    assert found[1].context == "Workers came and were counted."
    assert find_occurrences(ARTICLE, 9) == []


def test_a_marker_alone_in_a_table_cell_takes_its_rows_cells_for_context() -> None:
    # earthquakes.wiki: "Cited 24 times" listed "List" 24 times, every marker alone in its cell.
    def row(date: str, place: str) -> tuple[TableCell, ...]:
        return (TableCell((Span(date),)), TableCell((Span(place),)), TableCell(()), TableCell((Span("[1]", cite=1),)))

    table = Table(rows=(row("1663-02-05", "Charlevoix"), row("1732-09-16", "Montreal")))
    article = Article("T", sections=(Section(2, "List", "1", (table,)),))
    assert [o.context for o in find_occurrences(article, 1)] == ["1663-02-05 · Charlevoix", "1732-09-16 · Montreal"]


class PopupApp(App[None]):
    def __init__(self, citation: Citation) -> None:
        super().__init__()
        self.citation = citation
        self.answers: list[JumpTo | None] = []

    def on_mount(self) -> None:
        occurrences = find_occurrences(ARTICLE, self.citation.number)
        self.push_screen(CitationScreen(self.citation, occurrences), self.answers.append)


async def test_popup_shows_the_citation_its_fields_and_uses() -> None:
    app = PopupApp(WEB)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CitationScreen)
        assert screen.query_one("#dialog").border_title == "[1] web page"
        assert "Lee, Jeanyoung (2006). Asia Culture Forum" in screen.query_one("#text").render().plain
        uses = list(screen.query(UseLine))
        assert len(uses) == 2
        assert "Migration history > Workers" in uses[1].render().plain
        assert app.focused is uses[0]


async def test_popup_y_copies_and_o_opens_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = PopupApp(WEB)
    async with app.run_test() as pilot:
        await pilot.press("y")
        assert app.clipboard == "http://example.org/forum.pdf"
        await pilot.press("o")
        assert opened == ["http://example.org/forum.pdf"]
        assert isinstance(app.screen, CitationScreen)  # still open


async def test_popup_without_url_says_so() -> None:
    app = PopupApp(NOTE)
    async with app.run_test() as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert "no URL" in str(app.screen.query_one("#dialog").border_subtitle)  # on its frame, not a toast
        assert not list(app.screen.query("Toast"))


async def test_popup_says_when_no_browser_could_be_started(monkeypatch: pytest.MonkeyPatch) -> None:
    # webbrowser.open answers False when it finds no browser: "Opening ..." was said all the same.
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    app = PopupApp(WEB)
    async with app.run_test() as pilot:
        await pilot.press("o")
        said = str(app.screen.query_one("#dialog").border_subtitle)
        assert "No browser could be started" in said and "y copies" in said


async def test_a_click_outside_the_popup_closes_it() -> None:
    app = PopupApp(WEB)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click(offset=(1, 1))  # the dimmed backdrop
        await pilot.pause()
        assert not isinstance(app.screen, CitationScreen)
        assert app.answers == [None]


async def test_popup_short_footnote_shows_the_full_source() -> None:
    app = PopupApp(SFN)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.query_one("#full").render().plain == "Full source: Smith, John (2001). A Book"


@pytest.mark.parametrize("keys, expected", [(("escape",), None), (("q",), None), (("down", "enter"), 1), (("2",), 1),
                                            (("1",), 0), (("enter",), 0)])
async def test_popup_closes_or_jumps(keys: tuple[str, ...], expected: int | None) -> None:
    app = PopupApp(WEB)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert not isinstance(app.screen, CitationScreen)
        answer = app.answers[-1]
        if expected is None:
            assert answer is None
        else:
            assert answer is not None and answer.occurrence.index == expected


async def test_popup_click_on_a_use_jumps_there() -> None:
    app = PopupApp(WEB)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        second = list(app.screen.query(UseLine))[1]
        await pilot.click(second)
        await pilot.pause()
        assert app.answers[-1].occurrence.section == "1.2"


async def test_popup_on_a_tiny_terminal_reaches_every_use() -> None:
    app = PopupApp(WEB)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        second = list(app.screen.query(UseLine))[1]
        assert app.focused is second
        dialog = app.screen.query_one("#dialog")
        assert dialog.region.contains_region(second.region)


# ---------------------------------------------------------------------------- help


def help_keys() -> dict[str, str]:
    """What the reader gives its help screen: every binding's keys, by id."""
    from reader.ui.app import ReaderApp

    return bound_keys(ReaderApp.help_bindings(), {})


class HelpApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(HelpScreen(help_keys()))


@pytest.mark.parametrize("size", [(100, 40), (40, 10)])
async def test_help_lists_every_key_and_scrolls_to_the_end(size: tuple[int, int]) -> None:
    app = HelpApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#keys")
        shown = view.render()
        text = shown.plain if hasattr(shown, "plain") else " ".join(
            str(cell) for column in shown.columns for cell in column.cells)
        keys = help_keys()
        for _, rows in KEYS:
            for template, _ in rows:
                assert "{" not in fill(template, keys), template  # every id names a binding
                assert " ".join(fill(template, keys).split()) in " ".join(text.split())
        await pilot.press("end")
        await pilot.pause()
        dialog = app.screen.query_one("#dialog")
        assert dialog.scroll_y == dialog.max_scroll_y


@pytest.mark.parametrize("key", ["escape", "q", "question_mark", "f1"])
async def test_help_closes(key: str) -> None:
    app = HelpApp()
    async with app.run_test() as pilot:
        await pilot.press(key)
        assert not isinstance(app.screen, HelpScreen)


async def test_popup_short_footnote_without_a_bibliography_entry_says_so() -> None:
    lone = Citation(2, "sfn", (Span("Nobody 1999, p. 1"),), fields=(("1", "Nobody"), ("2", "1999")))
    app = PopupApp(lone)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "no entry" in app.screen.query_one("#full").render().plain
