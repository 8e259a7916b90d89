"""Widgets that draw themselves where Textual's would go through Rich (for speed) must look
exactly like Textual's: the section tree's lines (reader/ui/widgets/_tree_draw.py) against
`Tree._render_line`, in every state a reader can put the tree in, on real articles; the pane's
scroll bar (reader/ui/widgets/scroll_bar.py) against `ScrollBar`'s own rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widgets import Tree

from reader.parse import parse_article
from reader.ui.textual_private import tree_line_cache_clear, tree_lines
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.scroll_bar import QuickScrollBar
from reader.ui.widgets.section_tree import SectionTree

WIDE = """[[Wide titles]]
CATEGORIES: Tests

Lead.

==日本語の見出しがとても長い節：漢字と仮名が混ざった題名==
Text.

===絵文字 🎉🎉 と英語 mixed with a long English tail that will not fit===
Text.

====Deep: a fourth-level heading whose title runs on and on past any tree====
Text.

==עברית: כותרת ארוכה מאוד בעברית שלא תיכנס לעץ==
Text.

==Short==
Text.
"""


class TreeApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield SectionTree(id="tree")

    def on_mount(self) -> None:
        self.query_one(SectionTree).show_article(parse_article(self.text))


def runs(strip: Strip) -> list[tuple[str, str, dict[str, object]]]:
    """A line as runs of (text, look, metadata); adjacent cells that look alike are merged, so
    two drawings that split their segments differently compare equal."""
    out: list[tuple[str, str, dict[str, object]]] = []
    for segment in strip:
        style = segment.style
        look, meta = (str(style), style.meta) if style is not None else ("", {})
        if out and out[-1][1] == look and out[-1][2] == meta:
            out[-1] = (out[-1][0] + segment.text, look, meta)
        else:
            out.append((segment.text, look, meta))
    return out


def assert_drawn_like_tree(tree: SectionTree) -> int:
    """Compare every line of the tree with Tree's drawing; returns how many were compared."""
    width, height = tree.size
    tree.render_lines(Region(0, 0, width, height))  # takes the frame's look
    lines = len(tree_lines(tree))
    for y in range(lines):
        tree._strips.clear()
        tree_line_cache_clear(tree)
        ours = tree._render_line(y, 0, width, tree.rich_style)
        theirs = Tree._render_line(tree, y, 0, width, tree.rich_style)
        assert runs(ours) == runs(theirs), f"line {y}: {Segment.get_line_length(list(theirs))} cells"
    return lines


def articles(corpus: Path | None) -> list[str]:
    texts = [WIDE, (Path(__file__).resolve().parent.parent / "sample" / "North_Koreans_in_Russia.txt").read_text()]
    if corpus is not None:
        for name in ("Michigan.txt", "Benzodiazepine.txt"):
            path = corpus / "dump" / name
            if path.exists():
                texts.append(path.read_text(encoding="utf-8"))
    return texts


@pytest.fixture
def texts(request: pytest.FixtureRequest) -> list[str]:
    try:
        corpus = request.getfixturevalue("corpus_dir")
    except pytest.skip.Exception:
        corpus = None
    return articles(corpus)


@pytest.mark.parametrize("width", [24, 48])
async def test_tree_lines_are_drawn_as_textual_draws_them(texts: list[str], width: int) -> None:
    for text in texts:
        app = TreeApp(text)
        async with app.run_test(size=(width, 30)) as pilot:
            tree = app.query_one(SectionTree)
            await pilot.pause()
            numbers = [line.node.data for line in tree_lines(tree)]
            chapter = next((n for n in numbers if n and "." not in n and tree.node_for(n).children), numbers[-1])
            leaf = numbers[-1]
            for focused in (False, True):
                if focused:
                    tree.focus()
                else:
                    app.set_focus(None)
                for number in ("", chapter, leaf):
                    tree.follow(number)
                    tree.hover_line = -1
                    await pilot.pause()
                    assert assert_drawn_like_tree(tree) == len(numbers)
                    tree.hover_line = tree.node_for(chapter).line  # the mouse over a chapter
                    await pilot.pause()
                    assert_drawn_like_tree(tree)
            # Search badges (a folded chapter shows its subsections' total) and folding.
            tree.set_match_counts({number: index + 7 for index, number in enumerate(numbers) if number})
            tree.hover_line = -1
            await pilot.pause()
            assert_drawn_like_tree(tree)
            tree.node_for(chapter).collapse()
            await pilot.pause()
            assert_drawn_like_tree(tree)
            # Another theme: the tree keeps its look between frames, so it must see the change.
            before = tree._look
            app.theme = "textual-light"
            await pilot.pause()
            assert_drawn_like_tree(tree)
            assert tree._look != before


class PaneApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield ReadingPane()

    def on_mount(self) -> None:
        self.query_one(ReadingPane).show_article(parse_article(self.text))


async def test_scroll_bar_is_drawn_as_textual_draws_it(sample_article: Path) -> None:
    app = PaneApp(sample_article.read_text(encoding="utf-8"))
    async with app.run_test(size=(90, 24)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        bar = pane.vertical_scrollbar
        assert isinstance(bar, QuickScrollBar) and bar.display
        width, height = bar.size
        compared = 0
        for key in ("", "end", "home", "pagedown", "pagedown", "down", "down", "down"):
            if key:
                await pilot.press(key)
            for hover in (False, True):
                bar.mouse_over = hover
                await pilot.pause()
                region = Region(0, 0, width, height)
                ours = bar.render_lines(region)
                # ScrollBar's own drawing (Rich renders the bar), through the same styles cache.
                bar.render_line = ScrollBar.render_line.__get__(bar)  # type: ignore[method-assign]
                bar.refresh()
                theirs = bar.render_lines(region)
                del bar.render_line
                bar.refresh()
                assert [runs(strip) for strip in ours] == [runs(strip) for strip in theirs]
                compared += 1
        assert compared == 16


def full_redraw(tree: SectionTree) -> list[list[tuple[str, str, dict[str, object]]]]:
    """The tree's rows drawn from scratch, for comparison with its cached drawing."""
    tree._strips.clear()
    tree.refresh()
    region = Region(0, 0, *tree.size)
    return [runs(strip) for strip in tree.render_lines(region)]


async def test_tree_repaints_every_row_that_changes(sample_article: Path) -> None:
    """The tree repaints a node's line alone when its cursor moves while it has neither the
    focus nor the mouse: every row it shows must still be what a full redraw shows."""
    app = TreeApp(sample_article.read_text(encoding="utf-8"))
    async with app.run_test(size=(40, 20)) as pilot:
        tree = app.query_one(SectionTree)
        await pilot.pause()
        numbers = [line.node.data for line in tree_lines(tree)]
        chapters = [n for n in numbers if n and "." not in n]
        steps = ["", chapters[0], numbers[numbers.index(chapters[0]) + 1], chapters[1], "", numbers[-1], ""]
        for focused in (False, True):
            if focused:
                tree.focus()
            else:
                app.set_focus(None)
            for hover in (None, chapters[0], None):
                if hover is not None:
                    await pilot.hover(SectionTree, offset=(6, tree.node_for(hover).line - tree.scroll_offset.y))
                    assert tree.hover_line == tree.node_for(hover).line
                else:
                    tree.hover_line = -1  # the mouse has left
                for number in steps:
                    tree.follow(number)
                    await pilot.pause()
                    region = Region(0, 0, *tree.size)
                    shown = [runs(strip) for strip in tree.render_lines(region)]
                    assert shown == full_redraw(tree), (focused, hover, number)
