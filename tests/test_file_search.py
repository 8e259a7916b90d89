"""Searching every article of a file for a phrase."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.source.library import Library
from reader.source.search import clean, compile_phrase, context_line, search_file

DATA = Path(__file__).parent / "data" / "dump"
EXAMPLE = DATA / "wiki-example.txt"


def example() -> Library:
    return Library.open(str(EXAMPLE))


def expected_counts(library: Library, needle: str, *, fold: bool) -> dict[int, int]:
    """Hits per entry counted the slow obvious way."""
    counts = {}
    for entry in library.entries:
        text = library.text[entry.start : entry.end]
        count = text.lower().count(needle.lower()) if fold else text.count(needle)
        if count:
            counts[entry.index] = count
    return counts


def test_lower_case_phrase_matches_any_case_in_every_article() -> None:
    library = example()
    hits = list(search_file(library.text, library.entries, "navy"))
    assert {hit.entry.index: hit.count for hit in hits} == expected_counts(library, "navy", fold=True)
    assert [hit.entry.index for hit in hits] == sorted(hit.entry.index for hit in hits)
    assert {"Bundesmarine", "Baralong incidents", "Blue Steel (missile)"} <= {hit.entry.title for hit in hits}


def test_capital_letter_means_exact_case() -> None:
    library = example()
    exact = {hit.entry.index: hit.count for hit in search_file(library.text, library.entries, "The")}
    assert exact == expected_counts(library, "The", fold=False)
    folded = {hit.entry.index: hit.count for hit in search_file(library.text, library.entries, "the")}
    assert sum(exact.values()) < sum(folded.values())


def test_context_line_shows_the_hit_readably() -> None:
    library = example()
    hits = search_file(library.text, library.entries, "Bicameralism")
    (hit,) = [h for h in hits if h.entry.title == "Bicameral mind"]
    assert hit.context[hit.span[0] : hit.span[1]] == "Bicameralism"
    assert "\n" not in hit.context
    assert library.text[hit.offset : hit.offset + len("Bicameralism")] == "Bicameralism"


def test_context_prefers_a_body_hit_over_the_title_line() -> None:
    library = Library.from_text("[[Rosa Parks]]\n\nCATEGORIES: x\n\nRosa Parks was an activist.\n", "r.txt")
    (hit,) = search_file(library.text, library.entries, "rosa parks")
    assert hit.count == 2
    assert hit.context == "Rosa Parks was an activist."
    assert hit.span == (0, 10)


def test_context_drops_markup_markers() -> None:
    text = "[[T]]\n\nSaid so.[ref][tpl]cite web|title=The ''Big'' Report|url=x[/tpl][/ref] Later.\n"
    library = Library.from_text(text, "t.txt")
    (hit,) = search_file(library.text, library.entries, "report")
    assert "[tpl]" not in hit.context and "[ref]" not in hit.context and "''" not in hit.context
    assert hit.context == "Said so.cite web|title=The Big Report|url=x Later."
    assert hit.context[hit.span[0] : hit.span[1]] == "Report"


def test_long_lines_are_cut_around_the_hit() -> None:
    text = "[[T]]\n\n" + "word " * 500 + "needle " + "more " * 500 + "\n"
    library = Library.from_text(text, "t.txt")
    (hit,) = search_file(library.text, library.entries, "needle")
    assert hit.context.startswith("…") and hit.context.endswith("…")
    assert len(hit.context) < 250
    assert hit.context[hit.span[0] : hit.span[1]] == "needle"


def test_whitespace_in_phrase_matches_any_whitespace() -> None:
    library = Library.from_text("[[T]]\n\nNew\u00a0York and New\nYork and New  York.\n", "t.txt")
    (hit,) = search_file(library.text, library.entries, "new york")
    assert hit.count == 3


def test_phrase_with_regex_characters_is_literal() -> None:
    library = Library.from_text("[[T]]\n\nC++ (1983) and C.\n", "t.txt")
    assert [h.count for h in search_file(library.text, library.entries, "c++ (1983)")] == [1]
    assert list(search_file(library.text, library.entries, "c.+")) == []


def test_blank_phrase_finds_nothing() -> None:
    library = example()
    assert list(search_file(library.text, library.entries, "   ")) == []
    assert compile_phrase("") is None


def test_a_phrase_does_not_match_across_two_articles() -> None:
    library = Library.from_text("[[A]]\n\nends with alpha\n\n[[B]]\n\nbeta\n", "t.txt")
    assert list(search_file(library.text, library.entries, "alpha [[B]]")) == []


def test_cancel_stops_the_search() -> None:
    text = "".join(f"[[A{n}]]\n\nthe needle\n\n" for n in range(1000))
    library = Library.from_text(text, "t.txt")
    cancel = threading.Event()
    found = []
    for hit in search_file(library.text, library.entries, "needle", cancel=cancel):
        found.append(hit)
        if len(found) == 10:
            cancel.set()
    assert len(found) == 10


def test_progress_reaches_the_total() -> None:
    text = "".join(f"[[A{n}]]\n\n{'filler ' * 100}\n\n" for n in range(2000))
    library = Library.from_text(text, "t.txt")
    calls: list[tuple[int, int]] = []
    list(search_file(library.text, library.entries, "zzz", progress=lambda done, total: calls.append((done, total))))
    assert len(calls) > 2
    assert calls[-1] == (len(text), len(text))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_clean_and_context_line_helpers() -> None:
    assert clean("a [[b]] '''c''' [tpl]d[/tpl]\n e") == "a b c d e"
    context, span = context_line("one\ntwo three\nfour", 8, 13)
    assert context == "two three" and context[span[0] : span[1]] == "three"
