"""Reading as a habit, driven as a person drives it: where you left off (across runs, with a
temporary state folder), back and forward, marks, copying, and the reader's own settings."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from test_app import parts, settle
from textual import events
from textual.command import CommandPalette
from textual.geometry import Offset

from reader import config
from reader.model import block_text
from reader.source.library import Library
from reader.source.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.citation import CitationScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reader import ReaderScreen
from reader.ui.textual_private import notifications

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"


@asynccontextmanager
async def reading(path: Path, state: Path, size: tuple[int, int] = (100, 30), **options: object
                  ) -> AsyncIterator[tuple[ReaderApp, object]]:
    """The app on `path` with its state kept in `state`, the article on screen and laid out."""
    app = ReaderApp(Library.open(str(path)), cursor_blink=False, state=StateStore(state), **options)  # type: ignore[arg-type]
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(app, pilot)
        await place_settled(app, pilot)
        yield app, pilot


async def place_settled(app: ReaderApp, pilot: object) -> None:
    """Wait until a place to resume at (if any) has been shown."""
    for _ in range(100):
        if not app._place_for:
            break
        await pilot.pause(0.02)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def copy_of(tmp_path: Path, name: str = "North_Koreans_in_Russia.txt") -> Path:
    target = tmp_path / name
    shutil.copy(SAMPLE, target)
    return target


def notices(app: ReaderApp) -> list[str]:
    """Everything the app said: on a screen's own line (reader.ui.say) or as a toast."""
    return list(app.said) + [str(n.message) for n in notifications(app)]


# ---------------------------------------------------------------------------- where you left off


async def test_reopening_comes_back_to_the_same_place(tmp_path: Path) -> None:
    article, state = copy_of(tmp_path), tmp_path / "state"
    async with reading(article, state) as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "j", "j")
        await pilot.pause()
        line, section = pane.scroll_line, pane.current_section
        assert section == "1.2" and line > 0
        await pilot.press("q")
    async with reading(article, state) as (app, pilot):
        _, pane, _, _ = parts(app)
        assert (pane.scroll_line, pane.current_section) == (line, section)
        assert any(m.startswith("Resumed at 1.2 Workers") and "g for the top" in m for m in notices(app))
        await pilot.press("g")
        assert pane.scroll_line == 0


async def test_an_article_left_at_its_top_opens_there_without_a_word(tmp_path: Path) -> None:
    # The top line's anchor is the title's, not (0, 0): reopening said "Resumed at the
    # introduction; g for the top" on every article quit where it opened.
    article, state = copy_of(tmp_path), tmp_path / "state"
    async with reading(article, state) as (app, pilot):
        await pilot.press("q")
    async with reading(article, state) as (app, pilot):
        await place_settled(app, pilot)
        assert parts(app)[1].scroll_line == 0
        assert not any("Resumed" in m for m in notices(app))


async def test_no_resume_starts_at_the_top(tmp_path: Path) -> None:
    article, state = copy_of(tmp_path), tmp_path / "state"
    async with reading(article, state) as (app, pilot):
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.press("q")
    async with reading(article, state, resume=False) as (app, pilot):
        assert parts(app)[1].scroll_line == 0


async def test_a_changed_article_resumes_at_the_same_section(tmp_path: Path) -> None:
    article, state = copy_of(tmp_path), tmp_path / "state"
    async with reading(article, state) as (app, pilot):
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "j", "j", "j")
        await pilot.press("q")
    text = article.read_text(encoding="utf-8")
    # A new section before the one read: its number changes (1.2 -> 2.2), its titles do not.
    added = "==Added first==\n\nNew words.\n\n==Migration history=="
    article.write_text(text.replace("==Migration history==", added, 1), encoding="utf-8")
    async with reading(article, state) as (app, pilot):
        _, pane, _, _ = parts(app)
        assert pane.current_section == "2.2"
        assert pane.text_layout.section_line("2.2") == pane.scroll_line  # the heading, not a stale offset
        assert any("changed since" in m for m in notices(app))


async def test_a_damaged_state_file_is_one_note(tmp_path: Path) -> None:
    article, state = copy_of(tmp_path), tmp_path / "state"
    state.mkdir()
    (state / "state.json").write_text("{not json", encoding="utf-8")
    async with reading(article, state) as (app, pilot):
        assert parts(app)[1].scroll_line == 0
        assert any("damaged" in m for m in notices(app))
        await pilot.press("right_square_bracket")
        await pilot.press("q")
    assert '"version":1' in (state / "state.json").read_text(encoding="utf-8")  # replaced by a good one


async def test_the_picker_opens_an_article_where_it_was_left(tmp_path: Path) -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(sample + "\n[[Second]]\n\nA short second article.\n", encoding="utf-8")
    state = tmp_path / "state"
    async with reading(two, state, article=0) as (app, pilot):
        await pilot.press("right_square_bracket", "right_square_bracket")
        section = parts(app)[1].current_section
        await pilot.press("q")
    app = ReaderApp(Library.open(str(two)), cursor_blink=False, state=StateStore(state))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter")  # the picker's first article
        await settle(app, pilot)
        await place_settled(app, pilot)
        assert parts(app)[1].current_section == section


# ---------------------------------------------------------------------------- back and forward


async def test_backspace_undoes_a_search_and_two_section_jumps(tmp_path: Path) -> None:
    async with reading(copy_of(tmp_path), tmp_path / "state") as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("j", "j")
        start = pane.scroll_line
        await pilot.press("slash", *"Vladivostok", "enter")
        await pilot.pause()
        after_search = pane.scroll_line
        assert after_search != start
        await pilot.press("right_square_bracket")
        first = pane.scroll_line
        await pilot.press("right_square_bracket")
        assert pane.scroll_line != first
        await pilot.press("backspace")
        assert pane.scroll_line == first
        await pilot.press("backspace")
        assert pane.scroll_line == after_search
        await pilot.press("backspace")
        assert pane.scroll_line == start
        await pilot.press("alt+right")
        assert pane.scroll_line == after_search
        await pilot.press("alt+left")
        assert pane.scroll_line == start


async def test_a_search_typed_in_one_go_is_a_step_back(tmp_path: Path) -> None:
    """"/word⏎" typed faster than the app reads keys: enter reaches the screen before the field's
    last changes; the search's jump is still recorded."""
    async with reading(copy_of(tmp_path), tmp_path / "state") as (app, pilot):
        _, pane, _, _ = parts(app)
        for key, character in [("slash", "/"), *[(c, c) for c in "Vladivostok"], ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.5)
        assert pane.scroll_line > 0
        await pilot.press("backspace")
        assert pane.scroll_line == 0


async def test_back_after_a_tree_jump_and_across_articles(tmp_path: Path) -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(sample + "\n[[Second]]\n\nA short second article.\n", encoding="utf-8")
    async with reading(two, tmp_path / "state", article=0) as (app, pilot):
        screen, pane, tree, _ = parts(app)
        tree.focus()
        await pilot.press("down", "down", "down", "enter")  # 1.2 Workers, from the tree
        await pilot.pause()
        assert pane.current_section == "1.2"
        jumped = pane.scroll_line
        app.open_article(1)
        await settle(app, pilot)
        assert app.screen.title == "Second"
        await pilot.press("backspace")
        await settle(app, pilot)
        await place_settled(app, pilot)
        screen, pane, _, _ = parts(app)
        assert screen.title == "North Koreans in Russia" and pane.scroll_line == jumped
        await pilot.press("backspace")
        assert pane.scroll_line == 0
        await pilot.press("alt+right", "alt+right")
        await settle(app, pilot)
        assert app.screen.title == "Second"


async def test_the_palette_lists_the_history(tmp_path: Path) -> None:
    async with reading(copy_of(tmp_path), tmp_path / "state") as (app, pilot):
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        app.show_history()
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")  # the list starts with the latest place, highlighted
        await pilot.pause(0.2)
        assert parts(app)[1].current_section == "1.1"


# ---------------------------------------------------------------------------- marks


async def test_a_mark_set_yesterday_still_works(tmp_path: Path) -> None:
    article, state = copy_of(tmp_path), tmp_path / "state"
    async with reading(article, state) as (app, pilot):
        await pilot.press("right_square_bracket", "right_square_bracket", "j")
        marked = parts(app)[1].scroll_line
        await pilot.press("m", "w")
        await pilot.pause()
        assert any("Mark w set" in m for m in notices(app))
        await pilot.press("q")
    async with reading(article, state, resume=False) as (app, pilot):
        _, pane, _, _ = parts(app)
        assert pane.scroll_line == 0
        await pilot.press("apostrophe", "w")
        await pilot.pause()
        assert pane.scroll_line == marked
        await pilot.press("backspace")  # a jump to a mark is one more step back
        assert pane.scroll_line == 0
        await pilot.press("apostrophe", "z")
        await pilot.pause()
        assert any("No mark z" in m for m in notices(app))
        app.show_marks()
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert pane.scroll_line == marked


# ---------------------------------------------------------------------------- copying


async def test_a_double_clicked_word_a_dragged_passage_and_a_section_reach_the_clipboard(tmp_path: Path) -> None:
    async with reading(copy_of(tmp_path), tmp_path / "state", size=(160, 30)) as (app, pilot):
        screen, pane, _, _ = parts(app)
        first = pane.text_layout.lines[0].plain
        margin = pane._margin()
        await pilot.click(pane, offset=Offset(margin + 1, 0), times=2)
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == first.split()[0]
        assert any("Copied “North”" in m for m in notices(app))
        # A drag over two lines: from the lead's first line to the third word of the next line with text.
        line = next(i for i in range(4, 14) if pane.text_layout.lines[i].plain[:12].strip())
        await pilot.mouse_down(pane, offset=Offset(margin, 2))
        await pilot.hover(pane, offset=Offset(margin + 10, line))
        await pilot.mouse_up(pane, offset=Offset(margin + 10, line))
        await pilot.pause()
        await pilot.press("ctrl+c")
        copied = app.clipboard
        assert copied.startswith(pane.text_layout.lines[2].plain.strip()[:20])
        last = copied.split("\n")[-1]
        assert len(copied.split("\n")) == line - 1 and pane.text_layout.lines[line].plain.startswith(last)
        assert 10 <= len(last) <= 11  # up to the column the mouse was let go on
        # A drag from the left margin (the text is centred in a wide pane) starts at the line's start.
        await pilot.mouse_down(pane, offset=Offset(max(margin - 3, 0), 2))
        await pilot.hover(pane, offset=Offset(margin + 4, 2))
        await pilot.mouse_up(pane, offset=Offset(margin + 4, 2))
        await pilot.press("y")
        assert app.clipboard == pane.text_layout.lines[2].plain[:5]
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "Y")
        section = app.clipboard
        assert section.startswith("1.2 Workers\n\n")
        assert "Refugees" not in section  # the next section is not part of it



async def test_Y_copies_the_section_the_breadcrumb_names_with_its_subsections(tmp_path: Path) -> None:
    # A real article (Michigan, 2014 dump): its third section has four subsections and an image
    # caption.  What is copied is checked against the model: every subsection's heading and the
    # words of every block, and none of the section after it.
    source = ROOT / "tests" / "data" / "parse" / "Michigan.txt"
    target = tmp_path / source.name
    shutil.copy(source, target)
    async with reading(target, tmp_path / "state", size=(120, 40)) as (app, pilot):
        screen, pane, _, status = parts(app)
        article = screen.article
        assert article is not None
        entry = next(e for e in article.outline() if e.title == "Geography")
        section = article.section(entry.number)
        assert section is not None and section.children
        screen.go_to_section(entry.number)
        await pilot.pause()
        await pilot.press("j", "Y")  # a line further down: still in Geography, as the breadcrumb says
        assert status.breadcrumb == entry.breadcrumb
        copied = " ".join(app.clipboard.split())
        assert copied.startswith(f"{entry.number} Geography ")
        for part in section.walk():
            assert f"{part.number} {part.title}" in copied
            for block in part.blocks:
                words = " ".join(block_text(block).split())[:40]
                assert words in copied, words
        after = next(e for e in article.outline() if e.number == str(int(entry.number) + 1))
        following = article.section(after.number)
        assert following is not None
        first = next(block_text(b) for part in following.walk() for b in part.blocks if block_text(b).strip())
        assert " ".join(first.split())[:40] not in copied
        assert any(f"Copied the section “{section.title}”" in m for m in notices(app))


async def test_the_popup_copies_a_citation_as_bibtex_and_as_text(tmp_path: Path) -> None:
    async with reading(copy_of(tmp_path), tmp_path / "state") as (app, pilot):
        await pilot.press("c", "enter")
        await pilot.pause()
        popup = app.screen
        assert isinstance(popup, CitationScreen)
        await pilot.press("b")
        assert app.clipboard.startswith("@") and "title = {" in app.clipboard
        await pilot.press("t")
        assert app.clipboard and not app.clipboard.startswith("@")
        assert app.clipboard.split()[0] in " ".join(str(popup.query_one("#text").render()).split())
        assert any(m.startswith("Copied") for m in notices(app))


# ---------------------------------------------------------------------------- settings


async def test_a_remapped_key_works_and_the_help_shows_it(tmp_path: Path) -> None:
    settings_file = tmp_path / "config.toml"
    settings_file.write_text('[keys]\nback = "x"\ncopy_section = "ctrl+y"\n', encoding="utf-8")
    settings = config.load(settings_file)
    async with reading(copy_of(tmp_path), tmp_path / "state", settings=settings) as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        second = pane.scroll_line
        await pilot.press("right_square_bracket")
        await pilot.press("backspace")  # no longer bound to back
        await pilot.press("x")
        assert pane.scroll_line == second
        await pilot.press("ctrl+y")
        assert app.clipboard.startswith("1.1 Students")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.keys["back"] == "x" and app.screen.keys["copy_section"] == "ctrl+y"
        shown = app.screen.query_one("#keys").render()
        cells = [str(cell) for column in shown.columns for cell in column.cells]
        assert "x" in cells and "ctrl+y" in cells


async def test_a_bad_value_and_an_unknown_action_are_one_line_notes(tmp_path: Path) -> None:
    settings_file = tmp_path / "config.toml"
    settings_file.write_text('theme = "nord"\ntext_width = "wide"\nshow_tree = false\n\n[keys]\nfly = "f"\n',
                             encoding="utf-8")
    settings = config.load(settings_file)
    async with reading(copy_of(tmp_path), tmp_path / "state", size=(140, 30), settings=settings) as (app, pilot):
        await pilot.pause(0.7)
        said = notices(app)
        assert any(f"{settings_file}:2: text_width must be" in m for m in said)
        assert any(f"{settings_file}:6: no action is called “fly”" in m for m in said)
        assert all("\n" not in m for m in said)
        assert app.theme == "nord"
        screen, pane, tree, _ = parts(app)
        assert not tree.display
        assert pane.text_layout.width == config.Settings().text_width  # the default is used


async def test_changing_the_theme_or_a_width_offers_to_save_it(tmp_path: Path) -> None:
    settings_file = tmp_path / "conf" / "config.toml"
    async with reading(copy_of(tmp_path), tmp_path / "state", size=(140, 30),
                       settings=config.Settings(path=settings_file)) as (app, pilot):
        _, pane, _, _ = parts(app)
        await pilot.press("minus", "minus")
        assert pane.text_layout.width == 92
        app.theme = "gruvbox"
        await pilot.pause()
        assert any("ctrl+s saves it" in m for m in notices(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = config.load(settings_file)
    assert (saved.text_width, saved.theme, saved.notes) == (92, "gruvbox", [])
    assert "# wikireader settings" in settings_file.read_text(encoding="utf-8")  # the comments are kept


async def test_no_settings_file_means_the_defaults(tmp_path: Path) -> None:
    settings = config.load(tmp_path / "missing.toml")
    assert settings.notes == [] and settings.text_width == 100 and settings.resume
    async with reading(copy_of(tmp_path), tmp_path / "state", settings=settings) as (app, pilot):
        assert isinstance(app.screen, ReaderScreen) and not [m for m in notices(app) if "config" in m]


async def test_the_tree_width_of_the_settings_never_squeezes_the_text(tmp_path: Path) -> None:
    for size, wanted in (((110, 30), 40), ((50, 20), 30)):
        settings = config.Settings(tree_width=40)
        async with reading(copy_of(tmp_path), tmp_path / "state", size=size, settings=settings) as (app, pilot):
            _, pane, tree, _ = parts(app)
            if not tree.display:  # hidden below 60 columns until t shows it
                await pilot.press("t")
                await pilot.pause()
            assert tree.outer_size.width == wanted
            assert pane.size.width >= 20
