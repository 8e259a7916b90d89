"""Search folds accents, dashes and quotes as a browser's find does (issue 12), and the
highlights cover the real text: properties over random text, then the cases of the issue."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.layout import Layout, layout_article
from reader.parse import parse_article
from reader.source.fold import (
    accent_check,
    accents_agree,
    fold_char,
    fold_query,
    fold_text,
    is_case_sensitive,
    loose_pattern,
    query_pattern,
)
from reader.source.search import compile_phrase

LETTERS = "aeiouncldAEIOUNCLD"
ACCENTED = "éèêëÉÈüöÖçÇñÑłŁøØđ"
SEPARATORS = " –—-‑‘’“”.,()"
COMBINING = "\u0301\u0308"  # written after a letter: "e" + U+0301 is "é" decomposed


def is_mark(char: str) -> bool:
    return unicodedata.combining(char) != 0


@st.composite
def words(draw: st.DrawFn) -> str:
    """A word of plain and accented letters, some accents written as combining marks."""
    out = []
    for _ in range(draw(st.integers(1, 8))):
        out.append(draw(st.sampled_from(LETTERS + ACCENTED)))
        if out[-1] in LETTERS and draw(st.integers(0, 6)) == 0:
            out.append(draw(st.sampled_from(COMBINING)))
    return "".join(out)


texts = st.lists(st.one_of(words(), st.sampled_from(SEPARATORS)), min_size=1, max_size=60).map(
    lambda parts: "A " + " ".join(parts) + " end.")


def laid_out(text: str, width: int) -> tuple[Layout, str]:
    article = parse_article(f"[[T]]\n\n{text}\n", "T", fmt="dump")
    layout = layout_article(article, width)
    return layout, layout._ensure_joined()


def plain_form(text: str, lower: bool) -> str:
    """What folding reads `text` as, without its combining marks."""
    return "".join(fold_char(c, lower) for c in unicodedata.normalize("NFC", text) if not is_mark(c))


def highlighted(layout: Layout, result: object, index: int) -> str:
    """The characters the pane would highlight for match `index`, all lines together."""
    pieces = []
    for line in range(layout.height):
        for start, end, k in layout.highlights_on(result, line):  # type: ignore[arg-type]
            if k == index:
                pieces.append(layout.lines[line].plain[start:end])
    return "".join(pieces)


def as_typed(draw: st.DrawFn, found: str) -> str:
    """A query a person might type for `found`: accents, dashes and quotes kept or plain, maybe
    all in lower case."""
    typed = []
    for char in unicodedata.normalize("NFC", found):
        typed.append(fold_char(char) if draw(st.booleans()) else char)
    query = "".join(typed)
    return query.lower() if draw(st.booleans()) else query


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), texts, st.integers(12, 40))
def test_matches_and_highlights_cover_the_real_text(data: st.DataObject, text: str, width: int) -> None:
    layout, joined = laid_out(text, width)
    i = data.draw(st.integers(0, len(joined) - 1))
    j = data.draw(st.integers(i + 1, min(len(joined), i + 12)))
    found = joined[i:j]
    if is_mark(joined[i]) or (j < len(joined) and is_mark(joined[j])) or "\n" in found or not found.strip():
        return  # a query starts and ends on whole letters
    query = as_typed(data.draw, found)
    lower = not is_case_sensitive(query)
    result = layout.search(query)
    # Where the query was taken from is found (or lies in an earlier match that overlaps it).
    assert any(start <= i < result.end(k) for k, start in enumerate(result.starts))
    for k, start in enumerate(result.starts):
        end = result.end(k)
        real = joined[start:end]
        # A match is the query, folded, in the real text: it starts and ends on whole letters...
        assert not is_mark(joined[start]) and (end == len(joined) or not is_mark(joined[end]))
        assert plain_form(real, lower) == plain_form(query, lower)
        # ...keeps the accents the query asked for...
        assert accents_agree(real, query, lower)
        # ...and its highlights cover exactly those characters (across wrapped lines).
        assert highlighted(layout, result, k).replace(" ", "") == real.replace(" ", "").replace("\n", "")


@settings(max_examples=100, deadline=None)
@given(texts)
def test_folding_finds_what_an_exact_search_finds(text: str) -> None:
    layout, joined = laid_out(text, 30)
    for word in set(joined.split()):
        if word and not is_mark(word[0]):
            exact = [k for k in range(len(joined)) if joined.startswith(word, k) and
                     (k + len(word) == len(joined) or not is_mark(joined[k + len(word)]))]
            assert set(exact) <= set(layout.search(word).starts), word


ARTICLE = ("Joan of Arc was born in Domrémy and raised the siege of Orléans; orleans (lower) and "
           "ORLÉANS. George Smith Sr. (1845–1926) wrote “Grace’s book”. Łódź. The decomposed Orle\u0301ans.")


@pytest.mark.parametrize(("query", "found"), [
    ("orleans", ["Orléans", "orleans", "ORLÉANS", "Orle\u0301ans"]),  # no accent: any accent
    ("orléans", ["Orléans", "ORLÉANS", "Orle\u0301ans"]),  # an accent: exactly that one
    ("Orleans", ["Orléans", "Orle\u0301ans"]),  # smart case stays
    ("domremy", ["Domrémy"]),
    ("sr. (1845-1926)", ["Sr. (1845–1926)"]),  # any dash for any dash
    ("grace's", ["Grace’s"]),  # any apostrophe for any apostrophe
    ('"grace', ["“Grace"]),
    ("lodz", ["Łódź"]),
    ("orlèans", []),  # another accent is another letter
])
def test_the_issues_cases(query: str, found: list[str]) -> None:
    layout, joined = laid_out(ARTICLE, 60)
    result = layout.search(query)
    assert [joined[start:result.end(k)] for k, start in enumerate(result.starts)] == found


# ---------------------------------------------------------------------------- a file's search: no folded copy

def folded_copy_starts(text: str, query: str) -> list[int]:
    """Where the article's search (a folded copy of the text) finds `query`."""
    lower = not is_case_sensitive(query)
    pattern = query_pattern(fold_query(query, lower), marks=False)
    check = accent_check(query, lower)
    return [m.start() for m in pattern.finditer(fold_text(text, lower))
            if check is None or check(text[m.start():m.end()])]


@settings(max_examples=200, deadline=None)
@given(st.data(), texts)
def test_a_files_search_finds_what_the_articles_search_finds(data: st.DataObject, text: str) -> None:
    """The file-wide search's pattern (over the text as it is) and the article's search (over a folded
    copy) agree on every match, for text without combining marks (which the file's search does not
    look through)."""
    text = "".join(char for char in unicodedata.normalize("NFC", text) if not is_mark(char))
    start = data.draw(st.integers(0, len(text) - 1))
    found = text[start:start + data.draw(st.integers(1, 12))].strip()
    if not found or "  " in found:
        return
    query = as_typed(data.draw, found)
    pattern = loose_pattern(query)
    assert pattern is not None
    assert [m.start() for m in pattern.finditer(text)] == folded_copy_starts(text, query), query


@pytest.mark.parametrize(("query", "found"), [
    ("orleans", ["Orléans", "orleans", "ORLÉANS"]),
    ("orléans", ["Orléans", "ORLÉANS"]),
    ("Orleans", ["Orléans"]),
    ("domremy", ["Domrémy"]),
    ("sr. (1845-1926)", ["Sr. (1845–1926)"]),
    ("grace's", ["Grace’s"]),
    ("lodz", ["Łódź"]),
    ("orlèans", []),
])
def test_a_files_search_folds_as_the_articles_does(query: str, found: list[str]) -> None:
    pattern = compile_phrase(query)
    assert pattern is not None and [m.group() for m in pattern.finditer(ARTICLE)] == found
