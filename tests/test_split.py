"""Splitting dump files into articles: the real multi-article samples and the edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.source.split import Entry, iter_articles, redirect_target, split_articles

DATA = Path(__file__).parent / "data" / "dump"
EXAMPLE = DATA / "wiki-example.txt"
DAMAGED = DATA / "alex-test-mojibake-truncated.txt"

EXAMPLE_TITLES = [
    "BBS", "Balfour declaration", "British Standards", "Building society",
    "Blue Steel (missile)", "Branch Davidians", "Burwash Hall", "Benzodiazepine",
    "Bell Curve", "Bell curve", "Body mass index", "Behistun Inscription", "Bundesmarine",
    "Barry Goldwater", "Baralong incidents", "Banda", "Bladder (disambiguation)",
    "Bob Young (businessman)", "Bronze age", "Bicameral mind",
]  # fmt: skip


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def assert_tiles(entries: list[Entry], text: str) -> None:
    """Entries cover the whole text, in order, with no gap and no overlap: nothing lost."""
    assert entries[0].start == 0
    assert entries[-1].end == len(text)
    for before, after in zip(entries, entries[1:], strict=False):
        assert before.end == after.start
    assert [entry.index for entry in entries] == list(range(len(entries)))


def test_real_sample_titles_in_file_order() -> None:
    text = read(EXAMPLE)
    entries = split_articles(text, "wiki-example")
    assert [entry.title for entry in entries] == EXAMPLE_TITLES
    assert_tiles(entries, text)
    for entry in entries:
        assert text[entry.start :].startswith(f"[[{entry.title}]]\n\n")


def test_real_sample_file_link_line_is_not_a_title() -> None:
    text = read(EXAMPLE)
    goldwater = split_articles(text, "x")[13]
    assert goldwater.title == "Barry Goldwater"
    assert "[[File:1964RepublicanPresidentialPrimaries.svg" in text[goldwater.start : goldwater.end]


def test_real_sample_redirects() -> None:
    entries = split_articles(read(EXAMPLE), "x")
    redirects = {entry.title: entry.redirect for entry in entries if entry.redirect}
    assert redirects == {
        "Balfour declaration": "Balfour Declaration",
        "Bell Curve": "bell curve",
        "Bundesmarine": "German Navy",
        "Bronze age": "Bronze Age",
        "Bicameral mind": "Bicameralism (psychology)",
    }


def test_real_sample_sizes() -> None:
    entries = split_articles(read(EXAMPLE), "x")
    by_title = {entry.title: entry for entry in entries}
    assert by_title["Bundesmarine"].size == 42  # "[[Bundesmarine]]\n\n#REDIRECT German Navy\n\n\n"
    assert by_title["Benzodiazepine"].size > 80_000


def test_damaged_copy_keeps_every_character() -> None:
    text = read(DAMAGED)
    entries = split_articles(text, "damaged")
    assert [entry.title for entry in entries] == EXAMPLE_TITLES[:5]
    assert_tiles(entries, text)
    assert not text.endswith("\n")  # truncated: the last article simply ends at the end
    assert entries[1].redirect == "Balfour Declaration"


def test_no_title_line_is_one_article_named_from_the_file() -> None:
    text = "Just some prose.\n\n==Heading==\nMore.\n"
    assert split_articles(text, "notes") == [Entry(0, "notes", 0, len(text), None)]


def test_empty_text_is_one_empty_article() -> None:
    assert split_articles("", "empty") == [Entry(0, "empty", 0, 0, None)]


def test_text_before_first_title_belongs_to_first_article() -> None:
    text = "stray preface\n\n[[A]]\n\nbody a\n\n[[B]]\n\nbody b\n"
    first, second = split_articles(text, "x")
    assert (first.title, first.start) == ("A", 0)
    assert "stray preface" in text[first.start : first.end]
    assert text[second.start :].startswith("[[B]]")
    assert_tiles([first, second], text)


def test_repeated_titles_both_kept_and_told_apart() -> None:
    text = "[[Same]]\n\none\n\n[[Same]]\n\ntwo\n"
    first, second = split_articles(text, "x")
    assert first.title == second.title == "Same"
    assert (first.index, second.index) == (0, 1)
    assert "one" in text[first.start : first.end] and "two" in text[second.start : second.end]


def test_title_with_no_body_is_kept() -> None:
    text = "[[Empty]]\n\n[[Full]]\n\nbody\n\n[[Last]]"
    entries = split_articles(text, "x")
    assert [entry.title for entry in entries] == ["Empty", "Full", "Last"]
    assert text[entries[0].start : entries[0].end] == "[[Empty]]\n\n"
    assert text[entries[2].start :] == "[[Last]]"


def test_adjacent_title_lines_separated_by_one_blank_line() -> None:
    text = "pre\n[[A]]\n\n[[B]]\n\n[[C]]\n\n"
    assert [entry.title for entry in split_articles(text, "x")] == ["A", "B", "C"]


@pytest.mark.parametrize(
    "line",
    [
        "[[File:Map.png|thumb|A map]]",
        "[[Image:Photo.jpg]]",
        "[[file: lower.png]]",
        "[[Category:Things]]",
        "[[Kategorie:Panzerabwehrrakete]]",  # German: ends Bazooka.wiki, a file of one article
        "[[Datei:Bazooka.jpg]]",
        "[[Catégorie:Arme]]",
        "[[link|label]]",
        "[[ ]]",
        "  [[Indented]]",
        "[[A]] trailing words",
        "[[Two]] [[links]]",
    ],
)
def test_lines_that_are_not_titles(line: str) -> None:
    text = f"[[Real]]\n\nbody\n\n{line}\n\nmore body\n"
    assert [entry.title for entry in split_articles(text, "x")] == ["Real"]


def test_title_line_needs_a_blank_line_after_it() -> None:
    text = "[[Real]]\n\nSee:\n[[Other]]\ncontinues here\n"
    assert [entry.title for entry in split_articles(text, "x")] == ["Real"]


def test_blank_line_may_hold_spaces() -> None:
    text = "[[A]]  \n \t\nbody\n\n[[B]]\r\n"
    assert [entry.title for entry in split_articles(text, "x")][0] == "A"


def test_ten_thousand_tiny_articles() -> None:
    text = "".join(f"[[Article {n}]]\n\nBody {n}.\n\n\n" for n in range(10_000))
    entries = split_articles(text, "x")
    assert len(entries) == 10_000
    assert entries[9_999].title == "Article 9999"
    assert_tiles(entries, text)


def test_iter_articles_is_lazy() -> None:
    text = "".join(f"[[T{n}]]\n\nbody\n\n" for n in range(100))
    articles = iter_articles(text, "x")
    assert next(articles).title == "T0"
    assert next(articles).title == "T1"


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("#REDIRECT German Navy\n", "German Navy"),
        ("#redirect Bell curve [tpl]R from other capitalisation[/tpl]\n", "Bell curve"),
        ("\n\n  #REDIRECT [[Rosa Parks|Parks]]\n", "Rosa Parks"),
        ("#REDIRECT: Target\n", "Target"),
        ("#REDIRECT\n", None),
        ("Prose first.\n#REDIRECT Target\n", None),
        ("#REDIRECTION is not a redirect\n", None),
    ],
)
def test_redirect_target(body: str, target: str | None) -> None:
    assert redirect_target(body) == target
    entries = split_articles(f"[[Page]]\n\n{body}\n[[Next]]\n\nbody\n", "x")
    assert entries[0].redirect == target
    assert entries[1].redirect is None


def test_resuming_gives_the_same_entries() -> None:
    text = read(EXAMPLE)
    entries = split_articles(text, "x")
    resumed = list(iter_articles(text, "x", start=entries[7].start, first_index=7))
    assert resumed == entries[7:]
