"""parse_article on real articles: structure, blocks, debris, formats, limits, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import (
    BOLD,
    ITALIC,
    LINK,
    CitationEntry,
    Hatnote,
    ImageCaption,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
    Redirect,
    References,
    Table,
    block_text,
    plain,
)
from reader.parse import detect_format, parse_article

DATA = Path(__file__).resolve().parent / "data" / "parse"


def load(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def all_blocks(article):
    yield from article.lead
    for section in article.walk():
        yield from section.blocks


def text_of(article) -> str:
    return "\n".join(block_text(block) for block in all_blocks(article))


# ---------------------------------------------------------------------------- the sample


def test_sample_title_categories_and_sections():
    article = parse_article(load("North_Koreans_in_Russia.txt"))
    assert article.title == "North Koreans in Russia"
    assert article.source_format == "dump"
    assert article.categories == ("Asian Russian", "Ethnic groups in Russia", "Overseas Korean groups",
                                  "North Korean diaspora", "North Korean expatriates in Russia")
    numbered = [(s.number, s.title, s.level) for s in article.walk()]
    assert numbered == [("1", "Migration history", 2), ("1.1", "Students", 3), ("1.2", "Workers", 3),
                        ("2", "Refugees", 2), ("3", "References", 2), ("4", "Further reading", 2)]
    # an empty section keeps its heading; the References section receives the list
    assert article.sections[0].blocks == ()
    assert article.sections[2].blocks == (References(),)


def test_sample_lead_paragraphs_and_markers():
    article = parse_article(load("North_Koreans_in_Russia.txt"))
    first = article.lead[0]
    assert isinstance(first, Paragraph)
    assert plain(first.spans).startswith("North Koreans in Russia consist mainly of three groups")
    assert plain(first.spans).endswith("roughly 10,000.[1]")
    marker = first.spans[-1]
    assert marker.is_marker and marker.cite == 1 and marker.text == "[1]"
    second = plain(article.lead[1].spans)
    assert "Koryo-saram.[2] 65% of the Sakhalin Koreans" in second
    assert second.endswith("[4][5]")
    assert "[tpl]" not in text_of(article) and "|" not in text_of(article)


# ---------------------------------------------------------------------------- debris and damage


def test_john_knox_orphan_parameters_become_bibliography_entries():
    article = parse_article(load("John_Knox.txt"))
    sections = {s.title: s for s in article.walk()}
    primary = sections["Primary sources"].blocks
    assert all(isinstance(block, CitationEntry) for block in primary) and len(primary) == 2
    works = primary[0]
    assert plain(works.citation.text) == ("Laing, David, ed. (1895). The Works of John Knox. "
                                         "Edinburgh: James Thin, 55 South Bridge.")
    assert plain(works.trailing) == "OCLC 5437053."
    assert works.trailing[0].target.startswith("http://worldcat.org/oclc/5437053")
    assert ("editor-last", "Laing") in works.citation.fields
    melville = plain(primary[1].citation.text)
    assert melville == "Melville, James (1829). Diary of James Melville. Edinburgh: Bannatyne Club."
    secondary = sections["Secondary sources"].blocks
    assert len(secondary) == 13
    assert plain(secondary[0].citation.text).startswith("Farrow, Kenneth D. (2004). John Knox: Reformation Rhetoric")
    assert len([b for b in all_blocks(article) if isinstance(b, CitationEntry)]) == 20
    assert "| title" not in text_of(article) and "}}" not in text_of(article)


def test_john_knox_gallery_lines_and_reference_list_place():
    article = parse_article(load("John_Knox.txt"))
    sections = {s.title: s for s in article.walk()}
    gallery = sections["Gallery"].blocks
    assert [type(b) for b in gallery] == [ImageCaption] * 4
    assert gallery[0].file == "John Knox statue, St Giles Edinburgh.jpg"
    assert plain(gallery[0].spans) == "John Knox statue in the High Kirk of St. Giles, Edinburgh."
    # the first of Notes/References receives the numbered list, only once
    assert sections["Notes"].blocks == (References(),)
    assert References() not in sections["References"].blocks


def test_true_blood_episode_debris_in_notes():
    article = parse_article(load("True_Blood.txt"))
    notes = next(s for s in article.walk() if s.title == "Notes")
    entries = [b for b in notes.blocks if isinstance(b, CitationEntry)]
    assert len(entries) == 21
    assert plain(entries[0].citation.text) == "True Blood. Season 1. Episode 1. HBO. September 7, 2008."
    assert plain(entries[-1].citation.text) == "True Blood. Season 2. Episode 24. HBO. September 6, 2009."
    assert entries[0].citation.kind == "episode"


def test_komodo_caption_fragment_split_from_prose():
    article = parse_article(load("Komodo_dragon.txt"))
    diet = next(s for s in article.walk() if s.title == "Diet")
    kinds = [type(b).__name__ for b in diet.blocks]
    index = kinds.index("ImageCaption")
    caption = diet.blocks[index]
    assert plain(caption.spans).startswith("Komodo excrement has a dark portion")
    assert plain(caption.spans).endswith("end product of their digestion process.")
    assert "thumb" not in plain(caption.spans)
    assert plain(diet.blocks[index + 1].spans).startswith("Mader, Douglas R. (1996) Reptile Medicine")


def test_a_caption_fragment_spaced_from_its_prose_or_in_mid_line_is_split_off():
    # Michael_Jackson: a 14-line paragraph was shown in italics as the caption of an image, as
    # only "deathOn" (no space) was seen as the seam; True_Blood left "TruBlood.thumb|right|..." raw.
    prose = ("On June 25, 2010, the first anniversary of Jackson's death, fans traveled to Los Angeles. "
             "They visited his star.")
    text = ("[[T]]\n\nthumb|alt=Fans|Tribute of fans from all over the world in the Forest Lawn Memorial Park "
            "on the first anniversary of his death " + prose + "\n\nThey were sold out of TruBlood.thumb|right|"
            "Promotional poster for second season\nHBO produced two documentaries.\n")
    blocks = parse_article(text).lead
    shown = [(type(b).__name__, plain(b.spans)) for b in blocks]
    assert shown == [
        ("ImageCaption", "Tribute of fans from all over the world in the Forest Lawn Memorial Park on the first "
                         "anniversary of his death"),
        ("Paragraph", prose), ("Paragraph", "They were sold out of TruBlood."),
        ("ImageCaption", "Promotional poster for second season"), ("Paragraph", "HBO produced two documentaries.")]


def test_komodo_unclosed_ref_keeps_all_words():
    article = parse_article(load("Komodo_dragon.txt"))
    saliva = next(s for s in article.walk() if s.title == "Saliva")
    text = " ".join(block_text(b) for b in saliva.blocks)
    assert "lip-licking and rubbing their head in the leaves to clean their mouth" in text


def test_stray_ref_closers_and_glued_tail_in_3m():
    article = parse_article(load("3M.txt"))
    text = text_of(article)
    assert "[/ref]" not in text and "</ref>" not in text
    entries = [b for b in all_blocks(article) if isinstance(b, CitationEntry)]
    assert [plain(e.citation.text) for e in entries] == ["Wired. April 27, 2012. By Roberto Baldwin."]


def test_unclosed_file_link_and_glued_captions_in_michigan():
    article = parse_article(load("Michigan.txt"))
    captions = [plain(b.spans) for b in all_blocks(article) if isinstance(b, ImageCaption)]
    assert "Approximate area of Michigan highlighted in Guillaume de L'Isle's 1718 map" in captions
    assert "Little Sable Point Light south of Pentwater, Michigan" in captions
    paragraphs = [plain(b.spans) for b in all_blocks(article) if isinstance(b, Paragraph)]
    assert any(p.startswith("In 1701, French explorer and army officer Antoine de la Mothe Cadillac")
               for p in paragraphs)


def test_redirect_page():
    article = parse_article(load("Bundesmarine.txt"))
    assert article.title == "Bundesmarine"
    assert article.redirect == "German Navy"
    assert article.lead == (Redirect("German Navy"),)


def test_redirect_with_template_and_wikitext_redirect():
    article = parse_article("[[Bell Curve]]\n\n#REDIRECT bell curve [tpl]R from other capitalisation[/tpl]\n")
    assert article.redirect == "bell curve"
    article = parse_article("#REDIRECT [[Normal distribution#History|x]]", "Bell", fmt="wikitext")
    assert article.redirect == "Normal distribution#History"


# ---------------------------------------------------------------------------- wikitext


def test_wikitext_named_refs_reuse_numbers():
    article = parse_article(load("royal_cinema.wiki"), "Royal Cinema", fmt="wikitext")
    assert article.source_format == "wikitext"
    assert article.categories == ("National Historic Sites in Ontario", "Cinemas and movie theatres in Toronto",
                                  "Streamline Moderne architecture in Canada", "Theatres completed in 1939")
    infobox = article.lead[0]
    assert isinstance(infobox, Table)
    rows = {plain(r[0].spans): plain(r[1].spans) for r in infobox.rows}
    assert rows["Address"] == "608 College Street"
    assert rows["Capacity"] == "390[1]"  # a forward <ref name=.../> reserves number 1
    lead = [plain(b.spans) for b in article.lead[1:]]
    assert lead[0] == ("The Royal Cinema is an Art Moderne event venue and cinema in Toronto, Canada. "
                       "It was built in 1939 and owned by Miss Ray Levinsky.[1]")
    assert lead[2] == ("In the 1950's the theatre was purchased by Rocco Mastrangelo.[2] "
                       "In the 1990s, the theatre was renamed 'the Golden Princess'.[2]")
    assert [(c.number, c.name, c.uses) for c in article.citations] == [
        (1, "theroyal", 3), (2, "taylor", 3), (3, None, 1), (4, None, 1)]
    assert plain(article.citations[0].text) == "\u201cAbout - theroyal.to\u201d. http://www.theroyal.to/about/"
    see_also = article.sections[0]
    assert see_also.title == "See Also" and see_also.blocks == (ListItem(see_also.blocks[0].spans, "bullet", 1, 0),)
    assert article.sections[1].blocks == (References("", (1, 2, 3, 4)),)  # the list of all four


def test_wikitext_bold_links_and_styles():
    article = parse_article(load("royal_cinema.wiki"), "Royal Cinema", fmt="wikitext")
    spans = article.lead[1].spans
    bold = [s for s in spans if BOLD in s.marks]
    assert [s.text for s in bold] == ["Royal Cinema"]
    links = {s.text: s.target for s in spans if LINK in s.marks}
    assert links["cinema"] == "movie theater" and links["Art Moderne"] == "Art Moderne"


def test_wikitext_table_rows_and_headers():
    article = parse_article(load("earthquakes.wiki"), "Earthquakes", fmt="wikitext")
    table = next(b for b in all_blocks(article) if isinstance(b, Table))
    header = [plain(c.spans) for c in table.rows[0]]
    assert header[:4] == ["Date", "Time‡", "Place", "Lat"]
    assert all(c.header for c in table.rows[0])
    assert [plain(c.spans) for c in table.rows[1]][:3] == ["1663-02-05", "17:30 (local time)",
                                                          "Charlevoix–Kamouraska Region, QC"]
    assert [(c.name, c.uses) for c in article.citations[:2]] == [("NRC", 24), ("NRC_search", 8)]


def test_a_cell_spanning_rows_keeps_the_cells_below_in_their_columns():
    text = ("{| class=wikitable\n|+ Results of the year\n! Year !! Event !! Place\n|-\n"
            "| rowspan=\"2\" | 2003 || Universiade || 7th\n|-\n| Relay || 2nd\n|-\n"
            "| 2005 || rowspan=2 | Worlds || 12th\n|-\n| 2006 || 18th\n|}\n")
    article = parse_article(text, "T", fmt="wikitext")
    table = next(b for b in all_blocks(article) if isinstance(b, Table))
    assert plain(table.caption) == "Results of the year"  # "|+": a caption, without its "+"
    assert [[plain(c.spans) for c in row] for row in table.rows] == [
        ["Year", "Event", "Place"], ["2003", "Universiade", "7th"], ["", "Relay", "2nd"],
        ["2005", "Worlds", "12th"], ["2006", "", "18th"]]


def test_a_list_wrapped_in_small_stays_a_list():
    # earthquakes: "<small>\n* M<sub>w</sub> Moment magnitude scale\n* ...</small>" ran together.
    text = "Abbreviations used:\n<small>\n* M<sub>w</sub> [[Moment magnitude scale]]\n* M<sub>L</sub> Richter</small>\n"
    blocks = list(all_blocks(parse_article(text, "T", fmt="wikitext")))
    items = [plain(b.spans) for b in blocks if isinstance(b, ListItem)]
    assert items == ["Mw Moment magnitude scale", "ML Richter"]


def test_wikitext_lists_quotes_pre_hatnotes_and_links():
    text = (";Term\n:Definition here\n* one [[Link|label]]s\n** two\n# first\n# second\n"
            " preformatted line\n\n<blockquote>Quoted words</blockquote>\n{{Main|Other article}}\n"
            "Para with ''italic'' and <br/> break and &ndash; entity<!-- hidden -->.\n")
    article = parse_article(text, "T", fmt="wikitext")
    blocks = list(all_blocks(article))
    items = [(b.kind, b.depth, b.ordinal, plain(b.spans)) for b in blocks if isinstance(b, ListItem)]
    assert items == [("term", 1, 0, "Term"), ("definition", 1, 0, "Definition here"), ("bullet", 1, 0, "one labels"),
                     ("bullet", 2, 0, "two"), ("number", 1, 1, "first"), ("number", 1, 2, "second")]
    assert Preformatted("preformatted line") in blocks
    assert any(isinstance(b, Quote) and plain(b.spans) == "Quoted words" for b in blocks)
    hatnote = next(b for b in blocks if isinstance(b, Hatnote))
    assert plain(hatnote.spans) == "Main article: Other article"
    paragraph = next(b for b in blocks if isinstance(b, Paragraph))
    assert plain(paragraph.spans) == "Para with italic and \n break and \u2013 entity."
    assert any(ITALIC in s.marks and s.text == "italic" for s in paragraph.spans)


def test_escaped_wikitext_is_unescaped():
    text = "Hello.&lt;ref&gt;{{cite web|title=T|url=http://x}}&lt;/ref&gt; More &lt;b&gt;text&lt;/b&gt;.\n"
    article = parse_article(text, "Esc", fmt="wikitext")
    assert plain(article.lead[0].spans) == "Hello.[1] More text."
    assert plain(article.citations[0].text) == "\u201cT\u201d. http://x"
    assert article.notices


def test_detect_format():
    assert detect_format(load("North_Koreans_in_Russia.txt")) == "dump"
    assert detect_format(load("royal_cinema.wiki")) == "wikitext"
    assert detect_format("anything", "x.wiki") == "wikitext"
    assert detect_format("Plain words only.") == "dump"
    assert detect_format("'''Bold''' start {{Infobox}}") == "wikitext"


# ---------------------------------------------------------------------------- categories


def test_categories_with_commas_split_wisely():
    text = ("[[X]]\n\nCATEGORIES: People from Gary, Indiana, 1964 births, United States presidential candidates, "
            "1964, Public high schools in Michigan, Kalamazoo, Michigan, Rotary International, Evanston, "
            "Illinois\n\nBody.")
    article = parse_article(text)
    assert article.categories == ("People from Gary, Indiana", "1964 births",
                                  "United States presidential candidates, 1964", "Public high schools in Michigan",
                                  "Kalamazoo, Michigan", "Rotary International", "Evanston, Illinois")
    assert plain(article.lead[0].spans) == "Body."


# ---------------------------------------------------------------------------- limit and bad input


def test_limit_cuts_at_a_heading_and_marks_incomplete():
    text = load("Komodo_dragon.txt")
    quick = parse_article(text, limit=5000)
    full = parse_article(text)
    assert not quick.complete and full.complete
    assert 0 < len(list(quick.walk())) < len(list(full.walk()))
    assert quick.title == full.title and quick.categories == full.categories
    assert [s.title for s in quick.walk()] == [s.title for s in full.walk()][: len(list(quick.walk()))][:-1] + \
        [list(quick.walk())[-1].title]


@pytest.mark.parametrize("text", [
    "", "\n\n", "==Only==\n===Headings===\n", "[tpl]" * 200 + "deep" + "[/tpl]" * 200,
    "{{" * 200 + "deep" + "}}" * 200, "a\x00b NUL", "[ref]never closed", "[/ref][/tpl]}}]]", "<ref name=x/>",
    "{|\n|}", "[[File:", "'''''", "&#99999999999;", "[[]]", "{{#if:}}", "<ref>" * 50,
])
def test_odd_inputs_never_raise(text):
    article = parse_article(text, "Odd")
    assert article.title == "Odd"


@pytest.mark.parametrize("opener, closer", [("[tpl]", "[/tpl]"), ("[tpl]nowrap|", "[/tpl]"), ("[tpl]a|b|", "[/tpl]"),
                                             ("[ref]", "[/ref]"), ("[[", "]]")])
def test_deep_nesting_and_nul_keep_words(opener, closer):
    article = parse_article("Before " + opener * 200 + "deep words inside" + closer * 200 + " tail\x00word", "Deep")
    shown = text_of(article) + " ".join(plain(c.text) for c in article.citations)
    assert "Before" in shown and "deep words inside" in shown and "tailword" in shown


def test_long_single_line_and_scripts():
    line = ("Wörter 日本語の文 עברית عربي 👍 e\u0301 " * 40000)
    article = parse_article(line, "Big")
    shown = text_of(article)
    assert len(shown) >= len(line.strip()) - 10
    assert "日本語の文" in shown and "عربي" in shown and "👍" in shown and "e\u0301" in shown


def test_crlf_line_ends():
    article = parse_article("[[T]]\r\n\r\nFirst line.\r\n\r\n==H==\r\n\r\nSecond.\r\n")
    assert plain(article.lead[0].spans) == "First line."
    assert [s.title for s in article.walk()] == ["H"]


def test_flattened_article_gets_its_headings_back():
    words = "Some words of the lead paragraph. " * 80
    text = f"{words}==History== ===Beginnings=== The club began. ==Stadium== It plays at home."
    article = parse_article(text, "Flat", fmt="wikitext")
    assert [(s.number, s.title) for s in article.walk()] == [("1", "History"), ("1.1", "Beginnings"), ("2", "Stadium")]
    assert plain(article.sections[0].children[0].blocks[0].spans) == "The club began."
    assert article.notices


def test_url_glued_to_template_in_a_ref():
    article = parse_article("Khan.<ref>http://pakistanherald.com/p?id=756{{dead link|date=October 2016}}</ref>",
                            "T", fmt="wikitext")
    assert plain(article.citations[0].text) == "http://pakistanherald.com/p?id=756 [dead link]"


def test_text_after_a_hatnote_is_a_paragraph_and_pre_lines_keep_links():
    text = ("==Fife==\n{{main article|Fife derby}} There are teams with [[East Fife F.C.|East Fife]] around.\n\n"
            " pre [[link]] text\n more pre\nafter\n")
    blocks = parse_article(text, "T", fmt="wikitext").sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Hatnote", "Paragraph", "Preformatted", "Paragraph"]
    assert plain(blocks[1].spans) == "There are teams with East Fife around."
    assert blocks[2] == Preformatted("pre link text\nmore pre")


def test_nested_templates_with_parameters_render_once():
    # each level used to look at its parameter's text and then render it: 2**depth work
    text = "{{a|" * 30 + "deepword" + "}}" * 30
    article = parse_article(text, "Deep", fmt="wikitext")
    assert "deepword" in plain(article.lead[0].spans)
    # looking at a parameter's text registers no footnote: one use, one number
    article = parse_article("X{{unknown thing|y<ref>Note.</ref>}} and {{nowrap|z<ref>Other.</ref>}}", "T",
                            fmt="wikitext")
    assert plain(article.lead[0].spans) == "Xy[1] and z[2]"
    assert [(c.number, c.uses) for c in article.citations] == [(1, 1), (2, 1)]


def test_damage_repaired_is_reported_in_notices():
    assert parse_article(load("John_Knox.txt")).notices == ()  # its debris is the format's usual
    notices = parse_article("A.[ref]never closed\n\nB.[/ref] C.[tpl]nowrap|x\n", "T").notices
    assert notices == ("1 stray [/ref] closer(s) dropped", "1 unclosed [ref] footnote(s) ended at their line's end",
                       "1 unclosed [tpl] template(s) ended at their line's end")
    assert parse_article(load("North_Koreans_in_Russia.txt")).notices == ()


def test_prose_after_an_orphan_parameter_run_is_its_own_paragraph():
    text = ("[[T]]\n\nClaim.[ref]\n| last1 = Finkle | first1 = W. D.\n| title = Risk\n| year = 2005\n"
            "}}[/ref] When benzodiazepines are used, patients should be told.\n")
    blocks = parse_article(text).lead
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "CitationEntry", "Paragraph"]
    assert plain(blocks[1].citation.text) == "Finkle, W. D. (2005). Risk."
    assert plain(blocks[2].spans) == "When benzodiazepines are used, patients should be told."


def test_a_category_link_first_is_no_title_in_any_language():
    article = parse_article("[[Kategorie:Panzerabwehrrakete]]\n\nDie Bazooka ist eine Waffe.\n", "Bazooka")
    assert article.title == "Bazooka"
    assert "Panzerabwehrrakete" in article.categories
