"""The reading pane in a tiny app: keys, sections, citation markers, search, mouse, resize."""

from __future__ import annotations

from bisect import bisect_left
from typing import ClassVar

from test_layout_fixtures import demo_article, long_article, paragraph
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from reader import model as m
from reader.layout import Styles, layout_article
from reader.ui.screens.reader import PANE_ACTIONS, ReaderScreen
from reader.ui.widgets.pane_finder import Finder, Step, step
from reader.ui.widgets.reading_pane import MAX_TEXT_WIDTH, ReadingPane


class PaneApp(App[None]):
    """Just the pane, recording what it posts; with the keys the reader screen binds for it
    (sections, citations, matches: they act from the tree too), handed on as the screen does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        binding for binding in ReaderScreen.BINDINGS
        if isinstance(binding, Binding) and binding.action.partition("(")[0] in PANE_ACTIONS
    ]

    def __init__(self, article: m.Article) -> None:
        super().__init__()
        self.article = article
        self.messages: list[object] = []

    def compose(self) -> ComposeResult:
        yield ReadingPane()

    def on_mount(self) -> None:
        pane = self.query_one(ReadingPane)
        pane.show_article(self.article)
        pane.focus()

    def on_reading_pane_section_changed(self, message: ReadingPane.SectionChanged) -> None:
        self.messages.append(message)

    def on_reading_pane_citation_opened(self, message: ReadingPane.CitationOpened) -> None:
        self.messages.append(message)

    def on_reading_pane_search_changed(self, message: ReadingPane.SearchChanged) -> None:
        self.messages.append(message)

    def action_section(self, direction: int) -> None:
        pane = self.query_one(ReadingPane)
        if direction > 0:
            pane.next_section()
        else:
            pane.previous_section()

    def action_citation(self, direction: int) -> None:
        self.query_one(ReadingPane).select_citation(direction > 0)

    def action_match(self, direction: int) -> None:
        self.query_one(ReadingPane).next_match(direction > 0)

    def last(self, kind: type) -> object:
        return next(message for message in reversed(self.messages) if isinstance(message, kind))


def shown(pane: ReadingPane) -> list[str]:
    """The pane's lines as a person sees them (margins stripped)."""
    return [pane.render_line(y).text.strip() for y in range(pane.scrollable_content_region.height)]


async def test_line_page_half_page_top_end_keys() -> None:
    app = PaneApp(long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        height = pane.scrollable_content_region.height
        assert shown(pane)[0] == "Long"
        for key, expected in (("j", 1), ("down", 2), ("k", 1), ("up", 0), ("space", height - 1),
                              ("f", 2 * (height - 1)), ("pagedown", 3 * (height - 1)), ("b", 2 * (height - 1)),
                              ("pageup", height - 1), ("d", height - 1 + height // 2), ("u", height - 1),
                              ("g", 0)):
            await pilot.press(key)
            assert pane.scroll_line == expected, key
        await pilot.press("G")
        layout = pane.text_layout
        assert pane.scroll_line == layout.height - height
        assert shown(pane)[-1] == layout.lines[layout.height - 1].plain.strip()
        assert pane.progress == 100.0
        await pilot.press("home")
        assert pane.scroll_line == 0 and pane.progress == 0.0
        await pilot.press("end")
        assert pane.scroll_line == layout.height - height


async def test_section_keys_put_the_heading_at_the_top() -> None:
    app = PaneApp(long_article(6, 5))
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert shown(pane)[0] == "1 Part 1"
        assert pane.current_section == "1"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert shown(pane)[0] == "3 Part 3"
        message = app.last(ReadingPane.SectionChanged)
        assert message.number == "3" and message.path == ("Part 3",)
        await pilot.press("j", "j", "left_square_bracket")  # mid-section: back to its own heading
        assert shown(pane)[0] == "3 Part 3"
        await pilot.press("left_square_bracket")
        assert shown(pane)[0] == "2 Part 2"
        # The last section cannot reach the top: it is still the current one, and ] stays put.
        pane.go_to_section("6")
        await pilot.pause()
        assert pane.current_section == "6"
        assert "6 Part 6" in shown(pane)
        await pilot.press("right_square_bracket")
        assert pane.current_section == "6"
        await pilot.press("left_square_bracket")
        assert shown(pane)[0] == "5 Part 5"
        pane.go_to_section("")
        assert pane.scroll_line == 0 and pane.current_section == ""


async def test_citation_keys_select_and_enter_opens() -> None:
    app = PaneApp(long_article(6, 5))
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        await pilot.press("enter")  # nothing selected: nothing opens, the first marker on screen is selected
        assert not any(isinstance(x, ReadingPane.CitationOpened) for x in app.messages)
        assert pane.selected_citation == 1
        await pilot.press("c", "c")
        assert pane.selected_citation == 3
        await pilot.press("C")
        assert pane.selected_citation == 2
        await pilot.press("enter")
        assert app.last(ReadingPane.CitationOpened).number == 2
        # The selected marker is drawn with the selection style.
        marker = pane.text_layout.markers[1]
        strip = pane.render_line(marker.line - pane.scroll_line)
        selected = pane._get_styles()["marker_selected"]
        styled = "".join(seg.text for seg in strip if seg.style and selected.bgcolor == seg.style.bgcolor)
        assert "[2]" in styled
        # Far away, c selects from the reading position and keeps the marker in view.
        for _ in range(12):
            await pilot.press("c")
        line = pane.text_layout.markers[13].line
        assert pane.selected_citation == 14
        assert pane.scroll_line <= line < pane.scroll_line + pane.scrollable_content_region.height
        await pilot.press("G", "C")
        assert pane.selected_citation == 30


async def test_click_on_a_marker_opens_it() -> None:
    app = PaneApp(demo_article())
    async with app.run_test(size=(70, 30)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        marker = pane.text_layout.markers[0]
        x = pane._margin() + marker.start_cell + 1
        await pilot.click(ReadingPane, offset=(x, marker.line - pane.scroll_line))
        assert app.last(ReadingPane.CitationOpened).number == marker.number
        count = len(app.messages)
        await pilot.click(ReadingPane, offset=(pane._margin() + 1, 0))  # the title: no marker
        assert not any(isinstance(x, ReadingPane.CitationOpened) for x in app.messages[count:])


async def test_search_counts_highlights_and_steps() -> None:
    app = PaneApp(long_article(6, 5))
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        pane.search("paragraph 3")
        await pilot.pause()
        message = app.last(ReadingPane.SearchChanged)
        assert (message.current, message.total) == (1, 6)
        assert message.per_section == {str(s): 1 for s in range(1, 7)}
        assert any("Section 1 paragraph 3" in line for line in shown(pane))
        await pilot.press("n")
        assert app.last(ReadingPane.SearchChanged).current == 2
        assert any("Section 2 paragraph 3" in line for line in shown(pane))
        await pilot.press("N", "N")
        assert app.last(ReadingPane.SearchChanged).current == 6  # wrapped around
        assert any("Section 6 paragraph 3" in line for line in shown(pane))
        # Smart case: a capital makes it exact.
        pane.search("Paragraph 3")
        await pilot.pause()
        assert app.last(ReadingPane.SearchChanged).total == 0
        pane.search("Section 2 p")
        await pilot.pause()
        assert app.last(ReadingPane.SearchChanged).total == 5


async def test_search_with_no_match_moves_nothing_and_clear_removes_it() -> None:
    app = PaneApp(long_article(6, 5))
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        await pilot.press("space", "space")
        top = pane.scroll_line
        pane.search("zzzz")
        await pilot.pause()
        message = app.last(ReadingPane.SearchChanged)
        assert (message.current, message.total) == (0, 0)
        assert pane.scroll_line == top
        await pilot.press("n")
        assert pane.scroll_line == top
        pane.search("korea")
        await pilot.pause()
        assert app.last(ReadingPane.SearchChanged).total == 30
        pane.clear_search()
        await pilot.pause()
        assert app.last(ReadingPane.SearchChanged).total == 0
        match = pane._get_styles()["match"]
        assert all(seg.style is None or seg.style.bgcolor != match.bgcolor
                   for y in range(10) for seg in pane.render_line(y))


async def test_match_across_a_wrap_is_highlighted_on_both_lines() -> None:
    app = PaneApp(m.Article("T", lead=(paragraph(" ".join(f"w{i}" for i in range(60))),)))
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        lines = [line.plain for line in pane.text_layout.lines]
        y = lines.index("") + 1
        pane.search(lines[y].split()[-1] + " " + lines[y + 1].split()[0])
        await pilot.pause()
        current = pane._get_styles()["match_current"]
        lit = [y for y in range(6) if any(seg.style and seg.style.bgcolor == current.bgcolor
                                          for seg in pane.render_line(y))]
        assert lit == [y, y + 1]


async def test_text_is_centred_and_capped_on_wide_terminals() -> None:
    app = PaneApp(long_article(2, 2))
    async with app.run_test(size=(160, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        assert pane.text_layout.width == MAX_TEXT_WIDTH
        margin = pane._margin()
        assert margin == (pane.scrollable_content_region.width - MAX_TEXT_WIDTH) // 2
        assert pane.render_line(0).text[margin:].startswith("Long")


async def test_resize_keeps_the_reading_position() -> None:
    app = PaneApp(long_article(10, 5))
    async with app.run_test(size=(100, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        pane.go_to_section("5")
        await pilot.pause()
        await pilot.press("j", "j", "j")
        first_words = shown(pane)[0].split()[:2]
        await pilot.resize_terminal(45, 15)
        await pilot.pause(0.3)
        assert pane.text_layout.width < 45
        assert all(len(line) <= 45 for line in shown(pane))
        top = shown(pane)[0]
        assert top.split()[0] in first_words or first_words[0] in " ".join(shown(pane)[:3])
        assert pane.current_section == "5"
        await pilot.resize_terminal(40, 10)
        await pilot.pause(0.3)
        assert pane.current_section == "5"


async def test_keep_position_when_the_complete_article_replaces_the_quick_one() -> None:
    whole = long_article(20, 5)
    part = m.Article(whole.title, lead=whole.lead, sections=whole.sections[:3], citations=whole.citations,
                     complete=False)
    app = PaneApp(part)
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        pane.go_to_section("2")
        await pilot.press("j")
        before = shown(pane)[0]
        pane.show_article(whole, keep_position=True)
        await pilot.pause(0.3)
        assert shown(pane)[0] == before
        assert pane.text_layout.article is whole
        pane.show_article(part)
        await pilot.pause()
        assert pane.scroll_line == 0


async def test_huge_article_paints_first_then_completes() -> None:
    article = long_article(300, 8)  # about 2,400 paragraphs
    app = PaneApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        assert shown(pane)[0] == "Long"
        pane.go_to_section("250")  # maybe before the whole is laid out: it goes there when it is
        for _ in range(50):
            await pilot.pause(0.05)
            if pane.text_layout.complete and pane.current_section == "250":
                break
        assert pane.text_layout.complete
        assert shown(pane)[0] == "250 Part 250"


async def test_tiny_terminal_and_empty_article() -> None:
    app = PaneApp(m.Article(""))
    async with app.run_test(size=(12, 5)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        for key in ("j", "G", "right_square_bracket", "c", "enter", "n"):
            await pilot.press(key)
        assert shown(pane)[0] == "(untitled)"


async def test_theme_change_restyles_and_focus_change_does_not_relayout() -> None:
    app = PaneApp(long_article(6, 5))
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        app.theme = "textual-dark"
        await pilot.pause()
        pane.go_to_section("3")
        await pilot.pause()
        layout = pane.text_layout
        pane.blur()
        await pilot.pause()
        pane.focus()
        await pilot.pause()
        assert pane.text_layout is layout  # focus changes only redraw
        dark = pane._get_styles()["marker"]
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert pane._get_styles()["marker"].color != dark.color
        assert pane.text_layout is not layout
        assert shown(pane)[0] == "3 Part 3"
        marker = pane.text_layout.markers[0]
        strip = pane.render_line(marker.line - pane.scroll_line)
        assert any(seg.style and seg.style.color == pane._get_styles()["marker"].color for seg in strip)


async def test_resize_deep_in_a_huge_article_shows_the_same_place_at_once() -> None:
    app = PaneApp(long_article(300, 8))
    async with app.run_test(size=(100, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        for _ in range(60):
            await pilot.pause(0.05)
            if pane.text_layout.complete:
                break
        pane.go_to_section("200")
        await pilot.pause()
        assert shown(pane)[0] == "200 Part 200"
        await pilot.resize_terminal(60, 20)
        await pilot.pause(0.3)  # the debounce; the whole layout may still be on its way
        assert shown(pane)[0] == "200 Part 200"
        for _ in range(60):
            await pilot.pause(0.05)
            if pane.text_layout.complete and pane.text_layout.width < 60:
                break
        assert pane.text_layout.complete
        assert shown(pane)[0] == "200 Part 200"


async def test_search_starts_from_where_the_reader_is() -> None:
    app = PaneApp(long_article(6, 5))
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        top = pane.scroll_line
        pane.search("section 4")
        await pilot.pause()
        assert any("Section 4 paragraph 0" in line for line in shown(pane))
        pane.search("section 4zz")  # no match: back where the search began
        await pilot.pause()
        assert pane.scroll_line == top
        pane.search("section 4")
        pane.go_to_section("5")  # the reader moves on; a new query starts from there
        await pilot.pause()
        pane.search("paragraph 1")
        await pilot.pause()
        message = app.last(ReadingPane.SearchChanged)
        assert (message.current, message.total) == (5, 6)  # the first match in section 5
        assert any("Section 5 paragraph 1" in line for line in shown(pane))


async def test_a_width_seen_before_is_not_wrapped_again() -> None:
    app = PaneApp(long_article(20, 4))
    async with app.run_test(size=(90, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        wide = pane.text_layout
        pane.go_to_section("7")
        await pilot.resize_terminal(50, 20)
        await pilot.pause(0.3)
        narrow = pane.text_layout
        assert narrow is not wide and narrow.width < wide.width
        await pilot.resize_terminal(90, 20)
        await pilot.pause(0.3)
        assert pane.text_layout is wide
        assert shown(pane)[0] == "7 Part 7"
        await pilot.resize_terminal(50, 20)
        await pilot.pause(0.3)
        assert pane.text_layout is narrow


# ---------------------------------------------------------------------------- the finder, without a widget


LINES = [3, 10, 10, 25, 40]  # the lines of five items, in reading order


def step_from(current: int | None, top: int, forward: bool, height: int = 10) -> tuple[int, bool] | None:
    found = step(current, len(LINES), LINES.__getitem__, lambda line: bisect_left(LINES, line), top, height, forward)
    return None if found is None else (found.index, found.wrapped)


def test_step_goes_on_from_the_current_item_while_it_is_on_screen() -> None:
    assert step_from(1, 5, True) == (2, False)  # item 1 (line 10) is in [5, 15): the next one
    assert step_from(1, 5, False) == (0, False)
    assert step_from(4, 35, True) == (0, True)  # past the last: round to the first
    assert step_from(0, 0, False) == (4, True)


def test_step_starts_from_the_view_when_the_current_item_is_off_screen() -> None:
    assert step_from(None, 11, True) == (3, False)  # the first at or below the top
    assert step_from(0, 11, True) == (3, False)  # item 0 (line 3) is off screen
    assert step_from(None, 11, False) == (2, False)  # the last above the bottom (21)
    assert step_from(None, 41, True) == (0, True)  # none below: round to the first
    assert step_from(None, 0, False, height=3) == (4, True)  # none above the bottom: the last
    assert step(None, 0, LINES.__getitem__, lambda line: 0, 0, 10, True) is None


def test_the_finder_keeps_the_search_origin_until_a_step_or_the_end() -> None:
    layout = layout_article(long_article(), 60, Styles())
    finder = Finder()
    line = finder.search(layout, "paragraph 3", top=100)
    assert finder.origin == 100 and finder.result is not None and finder.result.total == 40
    assert line is not None and line >= 100 and line == finder.current_line(layout)
    assert finder.search(layout, "paragraph 3:", top=line) is not None and finder.origin == 100  # still typing
    before = finder.current
    found = finder.step_match(layout, line, 20, forward=True)
    assert found is not None and finder.current == before + 1 and finder.origin is None
    assert finder.counts() == ("paragraph 3:", before + 2, 40, finder.result.per_section)
    assert finder.search(layout, "no such words", top=0) is None and finder.current == -1
    assert finder.clear() == 0 and finder.result is None and finder.counts() is None


def test_the_finder_selects_markers_and_waits_for_more_of_a_growing_layout() -> None:
    article = long_article()
    whole = layout_article(article, 60, Styles())
    finder = Finder()
    last = len(whole.markers) - 1
    assert finder.step_marker(whole, whole.height - 5, 5, forward=True) == Step(0, True)  # round to the first
    assert finder.selected == 0 and finder.selected_number(whole) == whole.markers[0].number
    assert finder.select_use(whole, whole.markers[last].number, 0) == whole.markers[last].line
    part = layout_article(article, 60, Styles(), max_lines=40)
    assert not part.complete
    finder = Finder()
    assert finder.step_marker(part, part.height, 5, forward=True) is None and finder.selected is None
    finder.selected = last
    finder.relaid(part)  # fewer markers: the selection is gone
    assert finder.selected is None
