"""Layout: wrapping by cells, hanging indents, headings, markers, search across wraps, smart case."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from test_layout_fixtures import LEAD, LONG_URL, demo_article, long_article, paragraph

from reader import model as m
from reader.layout import Styles, is_case_sensitive, layout_article
from reader.layout import wrap as wrap_module
from reader.layout.wrap import wrap
from reader.parse import parse_article

WIDTHS = (10, 23, 40, 61, 100)


def plain_lines(layout) -> list[str]:
    return [line.plain for line in layout.lines]


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_line_fits_the_width(width: int) -> None:
    layout = layout_article(demo_article(), width)
    for line in layout.lines:
        assert line.cell_len <= width, line.plain


def test_paragraph_wraps_greedily_and_keeps_every_word() -> None:
    layout = layout_article(m.Article("T", lead=(paragraph(LEAD),)), 40)
    lines = plain_lines(layout)
    body = lines[lines.index("") + 1:]
    assert words(" ".join(body)) == words(LEAD)
    # Greedy: the next line's first word would not have fitted on this line.
    for this, following in zip(body, body[1:], strict=False):
        assert len(this) + 1 + len(following.split()[0]) > 40


def test_long_words_are_cut_not_lost() -> None:
    layout = layout_article(m.Article("T", lead=(paragraph("see " + LONG_URL),)), 30)
    lines = plain_lines(layout)
    assert all(len(line) <= 30 for line in lines)
    assert "".join(lines[lines.index("see") + 1:]) == LONG_URL


def test_title_categories_and_numbered_headings() -> None:
    layout = layout_article(demo_article(), 60)
    lines = plain_lines(layout)
    assert lines[0] == "North Koreans in Russia"
    assert lines[1] == "═" * len(lines[0])
    assert lines[2].startswith("Categories: Asian Russian · ")  # one line at the top...
    assert lines[2].endswith("more at the end") and lines[3] == ""
    assert lines[-2].startswith("Categories: Asian Russian · Ethnic groups in Russia")  # ...all at the end
    assert lines[layout.section_line("1")] == "1 Migration history"
    assert lines[layout.section_line("1.1")] == "1.1 Students"
    assert lines[layout.section_line("2")] == "2 References"


@pytest.mark.parametrize("width", [40, 78, 120])
def test_categories_take_one_line_at_the_top_and_all_of_them_are_at_the_end(width: int) -> None:
    # 21 rows of categories came before the first sentence at 120x40 (seven screens at 40).
    names = tuple(f"Category number {n} of a long list" for n in range(60))
    article = parse_article("[[Many]]\n\nCATEGORIES: " + ", ".join(names) + "\n\nThe first sentence.\n", "Many")
    lines = plain_lines(layout_article(article, width))
    assert lines[2].startswith("Categories: ") and lines[3] == "" and lines[4] == "The first sentence."
    assert len(lines[2]) <= width
    tail = " ".join(line.strip() for line in lines[5:]).strip()
    assert tail.startswith("Categories: ") and all(name in tail for name in names)
    short = parse_article("[[Few]]\n\nCATEGORIES: One, Two\n\nText.\n", "Few")
    assert plain_lines(layout_article(short, width))[2:5] == ["Categories: One · Two", "", "Text."]
    assert "Categories" not in " ".join(plain_lines(layout_article(short, width))[3:])


def test_section_at_every_line() -> None:
    layout = layout_article(demo_article(), 60)
    for number in ("1", "1.1", "1.2", "2"):
        line = layout.section_line(number)
        assert layout.section_at(line) == number
        assert layout.section_at(line - 1) != number
    assert layout.section_at(0) == ""
    assert layout.section_at(layout.height - 1) == "2"
    assert layout.section_path("1.2") == ("Migration history", "Workers")


def test_list_items_have_bullets_and_hanging_indents() -> None:
    lines = plain_lines(layout_article(demo_article(), 40))
    first = next(i for i, line in enumerate(lines) if line.startswith("• first item"))
    assert lines[first + 1].startswith("  ") and not lines[first + 1].startswith("   ")
    assert "  ◦ nested item" in lines
    assert "1. numbered item" in lines
    # A list is tight: no blank line between its items.
    assert lines[lines.index("  ◦ nested item") - 1] != ""


def test_quote_preformatted_table_caption_hatnote() -> None:
    lines = plain_lines(layout_article(demo_article(), 60))
    quote = [line for line in lines if line.startswith("  │ ")]
    assert quote[0].startswith("  │ A quotation") and quote[-1] == "  │ — Someone"
    assert "    code line 1" in lines
    assert "          indented" in lines  # the tab expanded
    assert "Population" in lines
    assert "Year │ Number" in lines
    assert "2006 │ 10,000 people[1]" in lines
    assert "[Image: Map.png] A map of Russia" in lines
    assert "  Main article: Koryo-saram" in lines


def test_table_too_wide_becomes_one_row_per_paragraph() -> None:
    cells = tuple(m.TableCell((m.Span(f"cell{i}"),)) for i in range(8))
    table = m.Table(rows=(cells, cells))
    lines = plain_lines(layout_article(m.Article("T", lead=(table,)), 30))
    rows = [line for line in lines if line.startswith("▸ ")]
    assert rows and rows[0].startswith("▸ cell0 · cell1")
    assert all(len(line) <= 30 for line in lines)


def test_table_columns_shrink_and_wrap_to_fit() -> None:
    long = "word " * 30
    table = m.Table(rows=((m.TableCell((m.Span("Name"),)), m.TableCell((m.Span(long),))),))
    lines = plain_lines(layout_article(m.Article("T", lead=(table,)), 40))
    rows = [line for line in lines if "│" in line]
    assert len(rows) > 2
    assert all(line.index("│") == rows[0].index("│") for line in rows)
    assert all(len(line) <= 40 for line in lines)


def test_table_columns_keep_their_words_whole_when_they_can() -> None:
    # Water-filling alone shrank both columns to 16 and cut words ("Installationspr" / "ogramm").
    row = (m.TableCell((m.Span("short words here " * 5),)),
           m.TableCell((m.Span("Installationsprogramm Benutzeroberfläche " * 3),)))
    lines = plain_lines(layout_article(m.Article("T", lead=(m.Table(rows=(row,)),)), 36))
    cells = " ".join(line.split("│")[-1] for line in lines if "│" in line).split()
    assert sorted(set(cells)) == ["Benutzeroberfläche", "Installationsprogramm"]
    assert all(len(line) <= 36 for line in lines)


def test_a_table_too_wide_labels_each_value_with_its_header() -> None:
    header = tuple(m.TableCell((m.Span(f"Head{i}"),), header=True) for i in range(8))
    row = tuple(m.TableCell((m.Span(f"v{i}" if i != 3 else ""),)) for i in range(8))
    lines = plain_lines(layout_article(m.Article("T", lead=(m.Table(rows=(header, row)),)), 40))
    text = " ".join(line.strip() for line in lines if line.strip())
    assert "▸ Head0 v0 · Head1 v1 · Head2 v2 · Head4 v4" in text  # the empty cell left out
    assert "Head3" not in text and "▸ Head0 · " not in text  # the header row is not a row of its own


def test_references_list_numbered_with_hanging_indent() -> None:
    layout = layout_article(demo_article(), 30)
    lines = plain_lines(layout)
    start = lines.index("1. Lee, Jeanyoung (2006). Asia")
    assert lines[start + 1].startswith("   Culture")
    assert any(line.startswith("3. Ishikida") for line in lines)


def test_citations_without_references_block_still_listed() -> None:
    article = m.Article("T", lead=(paragraph("x", ("[1]", 1)),),
                        citations=(m.Citation(1, "note", (m.Span("A note"),)),))
    lines = plain_lines(layout_article(article, 40))
    assert "Notes" in lines and "1. A note" in lines


def test_markers_positions_in_reading_order() -> None:
    layout = layout_article(demo_article(), 50)
    assert [marker.number for marker in layout.markers] == [1, 2, 1, 3]
    for marker in layout.markers:
        line = layout.lines[marker.line]
        assert line.plain[marker.start:marker.end] == f"[{marker.number}]"
        assert marker.end_cell - marker.start_cell == len(f"[{marker.number}]")
        assert layout.marker_at(marker.line, marker.start_cell) == marker
        styles = [span.style for span in line.spans if span.start <= marker.start < span.end]
        assert Styles()["marker"] in styles
    assert layout.marker_at(layout.markers[0].line, 0) is None


def test_search_crosses_a_wrap_and_highlights_both_lines() -> None:
    layout = layout_article(m.Article("T", lead=(paragraph(LEAD),)), 30)
    lines = plain_lines(layout)
    # Find two words split by a wrap.
    y = lines.index("") + 2  # the paragraph's second line, which continues onto the third
    query = lines[y].split()[-1] + " " + lines[y + 1].split()[0]
    result = layout.search(query)
    assert result.total == 1
    first, second = layout.highlights_on(result, y), layout.highlights_on(result, y + 1)
    assert first and second
    start, end, _ = first[0]
    assert lines[y][start:end] == query.split()[0]
    start, end, _ = second[0]
    assert lines[y + 1][start:end] == query.split()[1]
    assert layout.match_line(result, 0) == y


def test_smart_case() -> None:
    article = m.Article("T", lead=(paragraph("Russia russia RUSSIA"),))
    layout = layout_article(article, 60)
    assert layout.search("russia").total == 3 + 1 - 1  # the title "T" has none
    assert layout.search("Russia").total == 1
    assert layout.search("RUSSIA").total == 1
    assert is_case_sensitive("aB") and not is_case_sensitive("ab1")
    assert layout.search("").total == 0
    assert layout.search("(").total == 0  # regex characters are literal


def test_search_counts_per_section() -> None:
    layout = layout_article(long_article(5, 3), 80)
    result = layout.search("section 4 paragraph")
    assert result.total == 3 and result.per_section == {"4": 3}
    result = layout.search("korea")
    assert result.per_section == {str(s): 3 for s in range(1, 6)}
    line = layout.section_line("3") or 0
    assert layout.match_line(result, layout.match_index_from(result, line)) > line


@pytest.mark.parametrize("width", (10, 11, 17, 40))
def test_cjk_and_emoji_measured_in_cells(width: int) -> None:
    text = "北朝鮮の人々はロシアに住んでいます。これは長い日本語の文です。 mixed 😀😀 emoji 👩‍👩‍👧 family"
    layout = layout_article(m.Article("標題", lead=(paragraph(text),)), width)
    body = [line.plain for line in layout.lines][3:]
    assert all(cell_len(line) <= width for line in body)
    assert "".join("".join(body).split()) == "".join(text.split())
    # Wide text fills lines: no line is left half empty by a break inside CJK text.
    assert cell_len(body[0]) >= width - 1


def test_anchor_survives_a_change_of_width() -> None:
    article = long_article(10, 4)
    wide, narrow = layout_article(article, 100), layout_article(article, 30)
    for line in (0, 5, 57, 120, wide.height - 1):
        anchor = wide.anchor(line)
        target = narrow.line_of_anchor(anchor)
        if wide.lines[line].plain:
            # The narrow line holds the text the wide line started with.
            first_word = wide.lines[line].plain.split()[0]
            assert first_word in narrow.lines[target].plain
        assert narrow.section_at(target) == wide.section_at(line)


def test_max_lines_gives_a_partial_layout() -> None:
    article = long_article(40, 6)
    part = layout_article(article, 80, max_lines=50)
    whole = layout_article(article, 80)
    assert not part.complete and whole.complete
    assert 50 <= part.height < whole.height
    assert [line.plain for line in part.lines][:50] == [line.plain for line in whole.lines][:50]


def test_empty_article_and_redirect() -> None:
    assert plain_lines(layout_article(m.Article(""), 20))[0] == "(untitled)"
    lines = plain_lines(layout_article(m.Article("Old", redirect="New place"), 40))
    assert "↪ Redirect to New place" in lines


def test_control_characters_do_not_reach_the_terminal() -> None:
    layout = layout_article(m.Article("T", lead=(paragraph("a\x1b[31mb\tc\rd"),)), 40)
    assert all("\x1b" not in line and "\r" not in line and "\t" not in line for line in plain_lines(layout))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab  c\n漢字😀é-\u0301\xa0"), max_size=120), st.integers(2, 30),
       st.integers(2, 30))
def test_wrap_property(text: str, first: int, rest: int) -> None:
    lines = wrap(text, first, rest)
    assert lines
    for n, (start, end) in enumerate(lines):
        assert cell_len(text[start:end]) <= (first if n == 0 else rest) or end - start == 1
    # Every non-space character is on exactly one line, in order.
    kept = "".join(text[start:end] for start, end in lines)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text)


def _line_by_regex(text: str, pos: int, end: int, width: int) -> int | None:
    """How lines were found before (a regex compiled for each width): the reference."""
    word, space = f"[^{wrap_module._SPACE}\n]", f"[{wrap_module._SPACE}]"
    pattern = re.compile(f"{word}(?:.{{0,{width - 2}}}{word})?(?={space}|$)|{word}{{{width}}}")
    match = pattern.match(text, pos, end)
    return match.end() if match else None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c\t\xa0\u2003\u3000-.é"), min_size=1, max_size=90), st.integers(2, 40))
def test_a_line_ends_where_the_per_width_regex_ended_it(text: str, width: int) -> None:
    # Reading the window backwards (one pattern for every width) breaks each line where the
    # regex compiled for its width did: the longest run that fits and ends on a word before a
    # space or the end, else a hard cut.
    pos = wrap_module._past_spaces(text, 0, len(text))
    if pos == len(text):
        return
    window = text[pos:pos + width + 1]
    found = wrap_module._single_cell_line(text, pos, len(text), width, window)
    assert found == _line_by_regex(text, pos, len(text), width)


def test_search_when_lower_case_changes_lengths() -> None:
    # "İ".lower() is two characters: the search must not shift its offsets.
    article = m.Article("T", lead=(paragraph("İstanbul and istanbul and ISTANBUL"),))
    layout = layout_article(article, 60)
    result = layout.search("stanbul")
    assert result.total == 3
    y = layout.match_line(result, 2)
    spans = layout.highlights_on(result, y)
    line = layout.lines[y].plain
    assert [line[a:b] for a, b, _ in spans] == ["stanbul", "stanbul", "STANBUL"]


def test_no_break_at_a_no_break_space() -> None:
    lines = [text for text in (line.plain for line in layout_article(
        m.Article("T", lead=(paragraph("aaaa bbbb 10\xa0000 cccc"),)), 14).lines)]
    assert "10\xa0000 cccc" in lines or any(line.endswith("10\xa0000") for line in lines)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab cd漢é"), min_size=1, max_size=60), min_size=1, max_size=4),
       st.integers(10, 40), st.data())
def test_search_highlights_spell_the_match(paragraphs: list[str], width: int, data) -> None:
    article = m.Article("T", lead=tuple(paragraph(text) for text in paragraphs))
    layout = layout_article(article, width)
    source = data.draw(st.sampled_from(paragraphs))
    start = data.draw(st.integers(0, len(source) - 1))
    query = source[start:start + data.draw(st.integers(1, 6))].lower()
    if not query.strip():
        return
    result = layout.search(query)
    assert result.total >= 1
    pieces: dict[int, str] = {}
    for y in range(layout.height):
        line = layout.lines[y].plain
        for a, b, index in layout.highlights_on(result, y):
            pieces[index] = pieces.get(index, "") + line[a:b]
    assert len(pieces) == result.total
    for text in pieces.values():
        # Lines drop the spaces at a wrap; everything else of the match is highlighted.
        assert text.replace(" ", "") == query.replace(" ", "")


def test_redirect_shown_once() -> None:
    article = m.Article("Old", redirect="New", lead=(m.Redirect("New"),))
    lines = [line.plain for line in layout_article(article, 40).lines]
    assert lines.count("↪ Redirect to New") == 1
    assert lines[-1] == "↪ Redirect to New"


def test_an_image_whose_file_name_was_lost_is_labelled_without_an_empty_name() -> None:
    # Dump debris such as "thumb|Approximate area of Michigan..." keeps a caption, no file.
    article = m.Article("T", lead=(m.ImageCaption("", (m.Span("A map"),)),))
    assert "[Image] A map" in plain_lines(layout_article(article, 60))
