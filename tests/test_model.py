"""The model's answers: the outline, a section by number, its path, a block's runs and text."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from reader import model as m
from reader.parse import parse_article

SAMPLE = Path(__file__).resolve().parent.parent / "sample" / "North_Koreans_in_Russia.txt"


def para(text: str) -> m.Paragraph:
    return m.Paragraph((m.Span(text),))


def small_article() -> m.Article:
    workers = m.Section(3, "Workers", "1.1", (para("They work."),))
    history = m.Section(2, "History", "1", (para("Long ago."),), (workers,))
    return m.Article("Koreans", lead=(para("Lead."),), sections=(history, m.Section(2, "See also", "2")))


def test_the_outline_lists_every_section_with_its_path() -> None:
    assert small_article().outline() == (
        m.OutlineEntry("1", 2, "History", ("History",)),
        m.OutlineEntry("1.1", 3, "Workers", ("History", "Workers")),
        m.OutlineEntry("2", 2, "See also", ("See also",)),
    )
    assert small_article().outline()[1].breadcrumb == "History > Workers"


def test_a_section_by_number_and_its_path() -> None:
    article = small_article()
    workers = article.section("1.1")
    assert workers is not None and workers.title == "Workers"
    assert article.section("") is None and article.section("9") is None
    assert article.section_path("1.1") == ("History", "Workers")
    assert article.section_path("") == () and article.section_path("9") == ()


def test_the_outline_is_made_once_and_left_out_of_equality_and_copies() -> None:
    article = small_article()
    assert article.outline() is article.outline()
    assert article == small_article() and hash(article) == hash(small_article())
    changed = replace(article, sections=article.sections[:1])
    assert [entry.number for entry in changed.outline()] == ["1", "1.1"]  # not the cached three
    again = pickle.loads(pickle.dumps(article))
    assert again == article and again.outline() == article.outline()


def test_the_sample_outline_follows_walk() -> None:
    article = parse_article(SAMPLE.read_text(encoding="utf-8"))
    outline = article.outline()
    assert [entry.number for entry in outline] == [section.number for section in article.walk()]
    assert all(article.section(entry.number) is section for entry, section in zip(outline, article.walk(),
                                                                                 strict=True))
    assert ("Migration history", "Workers") in [entry.path for entry in outline]


# A tree of sections: each node is its children; numbers and levels follow from the shape.
trees = st.recursive(st.just(()), lambda children: st.lists(children, max_size=4).map(tuple), max_leaves=25)


def build(shape: tuple[object, ...], prefix: str = "", level: int = 2) -> tuple[m.Section, ...]:
    sections = []
    for index, children in enumerate(shape, 1):
        number = f"{prefix}{index}"
        assert isinstance(children, tuple)
        sections.append(m.Section(level, f"Title {number}", number, (), build(children, number + ".", level + 1)))
    return tuple(sections)


@given(trees)
def test_outline_paths_agree_with_levels(shape: tuple[object, ...]) -> None:
    article = m.Article("T", sections=build(shape))
    outline = article.outline()
    assert len(outline) == sum(1 for _ in article.walk())
    stack: list[m.OutlineEntry] = []
    for entry in outline:
        # The entries above it that are shallower are its ancestors: its path is theirs plus itself.
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        assert entry.path == (*(parent.title for parent in stack), entry.title)
        assert len(entry.path) == entry.level - 1
        assert article.section_path(entry.number) == entry.path
        section = article.section(entry.number)
        assert section is not None and (section.level, section.title) == (entry.level, entry.title)
        stack.append(entry)


def test_block_runs_in_reading_order() -> None:
    quote = m.Quote((m.Span("Words"),), (m.Span("Someone"),))
    assert [m.plain(run) for run in m.block_runs(quote)] == ["Words", "Someone"]
    cells = (m.TableCell((m.Span("a"),)), m.TableCell(()), m.TableCell((m.Span("[1]", cite=1),)))
    table = m.Table(((cells),), caption=(m.Span("Caption"),))
    assert [m.plain(run) for run in m.block_runs(table)] == ["Caption", "a · [1]"]
    citation = m.Citation(0, "book", (m.Span("Smith, A Book"),))
    entry = m.CitationEntry(citation, (m.Span(", OCLC 5."),))
    assert [m.plain(run) for run in m.block_runs(entry)] == ["Smith, A Book", ", OCLC 5."]
    assert m.block_runs(m.References()) == () and m.block_runs(m.Preformatted("x")) == ()


def test_block_text() -> None:
    assert m.block_text(para("Plain words.")) == "Plain words."
    assert m.block_text(m.Quote((m.Span("Words"),), (m.Span("Someone"),))) == "Words\nSomeone"
    assert m.block_text(m.Quote((m.Span("Words"),))) == "Words"
    assert m.block_text(m.Preformatted("  as\n  written")) == "  as\n  written"
    assert m.block_text(m.Redirect("Elsewhere")) == "Elsewhere"
    assert m.block_text(m.ImageCaption("File.jpg", (m.Span("A caption"),))) == "A caption"
    assert m.block_text(m.References()) == ""


def test_a_breadcrumb_is_written_one_way() -> None:
    """The status line, the history and the marks all write a place with `breadcrumb`."""
    assert m.breadcrumb(()) == m.TOP == "(Top)"
    assert m.breadcrumb(("Migration history", "Workers")) == "Migration history > Workers"
