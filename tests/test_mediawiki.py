"""Wikitext in, text out: what wikireader shows agrees with what MediaWiki renders.

Each case was written from MediaWiki's documented behaviour (Help:Formatting, Help:Tables,
Help:Lists, Help:Links, Help:Cite) and checked against what a MediaWiki page shows; the text
compared is what `--print` prints (the layout the reading pane shares), spaces collapsed.
Where wikireader deliberately differs, the case says so (and the README's "Design decisions").
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.layout import layout_article
from reader.parse import parse_article


def shown(source: str, fmt: str = "wikitext") -> str:
    """What --print shows of an article's text (title lines left out), spaces collapsed."""
    article = parse_article(source, "T", fmt=fmt)
    lines = [line.plain for line in layout_article(article, 200).lines][3:]
    return re.sub(r"[ \t\n]+", " ", " ".join(lines)).strip()


def check(cases: list[tuple[str, str]]) -> list:
    return [pytest.param(source, expected, id=source[:40]) for source, expected in cases]


# ---------------------------------------------------------------------------- character references

ENTITIES = [
    ("a &#xD83D; b", "a &#xD83D; b"),  # a lone surrogate: MediaWiki shows the reference as written
    ("&#55357;", "&#55357;"),
    ("a &#xD800; b", "a &#xD800; b"),
    ("x&#xDFFF;y", "x&#xDFFF;y"),
    ("&#1;", "&#1;"),
    ("&#xFFFE;", "&#xFFFE;"),
    ("&#x1F600; &#233; &#xE9;", "\U0001F600 é é"),
    ("&#150; &#128;", "– €"),  # windows-1252's characters, as browsers read them
    ("&amp; &lt; &gt; &quot;", "& < > \""),
    ("a&nbsp;b", "a\u00a0b"),
    ("&hellip;&verbar;", "…|"),
    ("<nowiki>&lt;b&gt; &amp; ''x''</nowiki>", "<b> & ''x''"),  # nowiki keeps markup, not references
    ("<pre>&lt;b&gt; &#x41;</pre>", "<b> A"),
    ("<syntaxhighlight lang=html>&lt;b&gt;</syntaxhighlight>", "&lt;b&gt;"),  # code: as written
    ("see http://x.org/?a=1&amp;b=2 now", "see http://x.org/?a=1&b=2 now"),
    ("[http://x.org/?a=1&amp;b=2 the label]", "the label"),
    ("[[Foo&nbsp;bar]] and [[Foo|a&#160;b]]", "Foo\u00a0bar and a\u00a0b"),
    ("[[Foo|a&nbsp;&amp;&nbsp;b]]", "a\u00a0&\u00a0b"),
]


@pytest.mark.parametrize("source, expected", check(ENTITIES))
def test_character_references(source, expected):
    assert shown(source) == expected


def test_references_in_urls_and_infobox_values_are_characters():
    article = parse_article("[http://x.org/?a=1&amp;b=2 label] {{Infobox person|name=N|birth_place=x&nbsp;y}}",
                            "T", fmt="wikitext")
    spans = [span for block in article.lead for span in getattr(block, "spans", ())]
    assert any(span.target == "http://x.org/?a=1&b=2" for span in spans)
    assert "x\u00a0y" in shown("{{Infobox person|name=N|birth_place=x&nbsp;y}}")
    assert "&nbsp;" not in shown("{{Infobox person|name=N|birth_place=x&nbsp;y}}")


@pytest.mark.parametrize("source", ["&#xD83D;", "&#55357;", "a &#xD800; b", "x\ud83dy", "[[a\udfff|b]]"])
def test_a_lone_surrogate_prints(tmp_path, source):
    path = tmp_path / "s.wiki"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    done = subprocess.run([sys.executable, "-m", "reader", "--print", "--width", "60", str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.one_of(st.integers(0xD800, 0xDFFF), st.integers(0, 0x110000)).map(lambda c: f"&#{c};"),
                          st.one_of(st.integers(0xD800, 0xDFFF), st.integers(0, 0x110000)).map(lambda c: f"&#x{c:X};"),
                          st.text(max_size=5)), max_size=12).map(" ".join))
def test_any_character_reference_lays_out_as_printable_text(source):
    article = parse_article(source, "T", fmt="wikitext")
    for line in layout_article(article, 60).lines:
        line.plain.encode("utf-8")


# ---------------------------------------------------------------------------- the format, per file

from reader.source.library import Library  # noqa: E402

WIKITEXT_WITH_LINK_LINES = "[[Main Page]]\n\n'''Bold''' words.\n\n[[Other page]]\n\nMore words.\n"


@pytest.mark.parametrize("name", ["page.wiki", "page.txt", "-"])
def test_standard_wikitext_is_one_article_that_keeps_its_link_lines(name):
    library = Library.from_text(WIKITEXT_WITH_LINK_LINES, name)
    assert library.format == "wikitext"
    assert len(library.entries) == 1
    text = library.article_text(library.entries[0])
    article = parse_article(text, library.entries[0].title, fmt=library.format)
    words = " ".join(" ".join(b.text for b in block.spans) for block in article.lead)
    assert "Main Page" in words and "Other page" in words and "More words." in words


def test_a_wiki_file_is_wikitext_whatever_it_holds():
    library = Library.from_text("[[Main Page]]\n\nplain words\n\n[[Other]]\n\nmore\n", "page.wiki")
    assert library.format == "wikitext" and len(library.entries) == 1


def test_the_dump_format_still_splits_at_title_lines():
    library = Library.from_text("[[One]]\n\nCATEGORIES: A\n\nText [tpl]cn[/tpl].\n\n[[Two]]\n\nMore.\n", "d.txt")
    assert library.format == "dump"
    assert [entry.title for entry in library.entries] == ["One", "Two"]


def test_print_shows_the_first_link_line_of_a_wiki_file(tmp_path):
    path = tmp_path / "main.wiki"
    path.write_text(WIKITEXT_WITH_LINK_LINES, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reader", "--print", "--width", "60", str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Main Page" in done.stdout and "Other page" in done.stdout and "=" * 60 not in done.stdout


# ---------------------------------------------------------------------------- apostrophes

APOSTROPHES = [
    ("l'''italic''plain", "l'italicplain"),  # odd bold and italic counts: a one-letter word keeps one
    ("''foo''''bar''", "foo'bar"),  # four apostrophes: one of them is text
    ("''''four'''", "'four"),
    ("''''''six''''''", "'six'"),
    ("'''''both''''' plain", "both plain"),
    ("''it'' and '''bold''' and ''it'''s''", "it and bold and its"),  # even italic count: the last bold is bold
    ("a '''bold'' then", "a 'bold then"),  # odd counts: the bold after a space is the one taken
    ("it''s open to the end", "its open to the end"),
    ("Rock 'n' roll, the '90s", "Rock 'n' roll, the '90s"),
    ("''[[Foo|bar]]'' baz", "bar baz"),
    ("[[Foo|''bar'']] baz", "bar baz"),
    ("<nowiki>''a'' '''b'''</nowiki>", "''a'' '''b'''"),
    ("<!-- ''x --> ''y''", "y"),
    ("x <code>''a''</code>", "x a"),
    ("{{lang|fr|''Le Monde''}} says", "Le Monde says"),
]


@pytest.mark.parametrize("source, expected", check(APOSTROPHES))
def test_apostrophes(source, expected):
    assert shown(source) == expected


def marks_of(source: str) -> list[tuple[str, set[str]]]:
    article = parse_article(source, "T", fmt="wikitext")
    return [(span.text, set(span.marks)) for block in article.lead for span in getattr(block, "spans", ())]


def test_an_italic_left_open_closes_at_its_line_end():
    spans = marks_of("a ''b\nc ''d'' e")
    assert ("b", {"italic"}) in spans and ("d", {"italic"}) in spans
    assert all("italic" not in marks for text, marks in spans if "c" in text or "e" in text)


def test_a_stray_italic_stays_inside_its_reference_and_template():
    source = ("Text.<ref>{{cite web |title=A ''Stray |url=http://x.org}}</ref> After ''it'' words.\n\n"
              "== Next ==\nMore.<ref>''Open book</ref> tail.\n\n{{reflist}}\n")
    article = parse_article(source, "T", fmt="wikitext")
    assert [section.title for section in article.sections][:1] == ["Next"]
    assert "A Stray" in "".join(span.text for span in article.citations[0].text)
    assert "Open book" in "".join(span.text for span in article.citations[1].text)
    text = shown(source)
    assert "After it words." in text and "tail." in text and "|" not in text and "''" not in text
    tail = [span for block in article.sections[0].blocks for span in getattr(block, "spans", ())]
    assert all("italic" not in span.marks for span in tail if "tail" in span.text)


def test_five_apostrophes_count_as_both_bold_and_italic():
    assert shown("'''''Pop Corn'' Music Awards'''") == "Pop Corn Music Awards"
    assert (" Music Awards", {"bold"}) in marks_of("'''''Pop Corn'' Music Awards'''")


# ---------------------------------------------------------------------------- HTML, balanced or not

def blocks(source: str) -> list[str]:
    """The article's blocks, each as its plain text (what stands on lines of its own)."""
    article = parse_article(source, "T", fmt="wikitext")
    found = list(article.lead) + [block for section in article.walk() for block in section.blocks]
    return [" ".join("".join(span.text for span in getattr(block, "spans", ())).split()) for block in found]


HTML = [
    ("<ul><li>One<li>Two</ul>", "• One • Two"),  # li's end tag is optional
    ("<ul><li>One</li><li>Two</li></ul>after", "• One • Two after"),
    ("<ol><li>a<li>b</ol>", "1. a 2. b"),
    ("<ol><li>a<ul><li>b</li></ul></li><li>c</ol>", "1. a ◦ b 2. c"),
    ("a</s> b</b> c", "a b c"),  # a closing tag with nothing open: dropped
    ("x </div> y", "x y"),
    ("<div title/ >x</div>", "x"),
    ("a <div title/ > b", "a b"),
    ("a <span\nstyle=\"color:red\">text</span> b", "a text b"),  # a tag over two lines
    ("<small>small words\n\nnext paragraph", "small words next paragraph"),  # closed at its paragraph's end
    ("<p>a<p>b", "a b"),
    ("a</br>b", "a b"),
    ("<center>centred</center>", "centred"),
    ("<b>bold <i>both</b> after", "bold both after"),
    ("<table><tr><td>a<td>b</tr></table>", "a │ b"),  # td's end tag is optional
    ("<table>\n<tr><td>a\n<td>b\n</table>", "a │ b"),
]


@pytest.mark.parametrize("source, expected", check(HTML))
def test_html(source, expected):
    assert shown(source) == expected


@pytest.mark.parametrize("source, expected", [
    ("<div>a</div>b", ["a", "b"]),
    ("x <div>a</div> y", ["x", "a", "y"]),
    ("<p>a<p>b", ["a", "b"]),
    ("<ul><li>One</li><li>Two</li></ul>after", ["One", "Two", "after"]),
    ("<dl><dt>Term<dd>Definition</dl>", ["Term", "Definition"]),
])
def test_html_blocks_stand_apart(source, expected):
    assert blocks(source) == expected


def test_an_html_heading_is_a_section():
    article = parse_article("<h2>Head</h2>\ntext", "T", fmt="wikitext")
    assert [section.title for section in article.sections] == ["Head"]


# ---------------------------------------------------------------------------- tables

TABLES = [
    (":{|\n| a || b\n|}", "a │ b"),  # a table indented with ":" is a table
    ("::{| class=wikitable\n! H1 !! H2\n|-\n| a || b\n|}\nafter", "H1 │ H2 ───┼─── a │ b after"),
    ("{{(!}} class=wikitable\n{{!}} a {{!!}} b\n{{!-}}\n{{!}} c {{!!}} d\n{{!)}}\nafter", "a │ b c │ d after"),
    ("{{{!}}\n{{!}} x\n{{!}}}", "x"),
    ("{||}\ntext", "text"),  # an empty table shows nothing
    ("before\n{|\n|}\nafter", "before after"),
    ("text\n|}\nmore", "text more"),  # a table closer with no table open
    ("{|\nstray\n| a\n|}", "stray a"),  # text outside the cells comes before the table
    ("{|\n| a\n|-\nrow stray\n| b\n|}", "row stray a b"),
    ("<table>text<tr><td>c</td></tr></table>", "text c"),
    ("{| class=\"wikitable sortable\"\n! Date !! Event\n|-\n| {{dts|2001|5|3}} || x\n|-\n| {{dts|1999}} || y\n|}",
     "Date │ Event ────────────┼────── May 3, 2001 │ x 1999 │ y"),
    ("{| class=\"wikitable sortable\"\n!Date\n!Event\n|-\n|{{dts||10|17}}\n|x\n|}",
     "Date │ Event ───────────┼────── October 17 │ x"),
]


@pytest.mark.parametrize("source, expected", check(TABLES))
def test_tables(source, expected):
    assert shown(source) == expected


def test_a_sortable_date_column_keeps_its_header_in_the_dump_format():
    source = ("[[T]]\n\nCATEGORIES: X\n\n{| class=\"wikitable sortable\"\n! Date !! Event\n|-\n"
              "| [tpl]dts|2001|5|3[/tpl] || x\n|}\n")
    assert shown(source, fmt="dump").startswith("Date │ Event")
    assert "May 3, 2001 │ x" in shown(source, fmt="dump")


# ---------------------------------------------------------------------------- leftover markup

LEFTOVERS = [
    ("In the 1980scite web |url=http://x.org |title=Old days}}</ref> it grew.", "In the 1980s[1] it grew."),
    ("stray </ref> closer", "stray closer"),
    ("x<!-- a comment --> --> y", "x y"),
    (" in [[Bonanza, Idaho]] -->\nnext", "in Bonanza, Idaho next"),
    ("Text.<ref>[[Foo]] ''bar</ref> more", "Text.[1] more"),
    ("Text.<ref>[[Foo|F]] ''Title'' (1990''</ref> after", "Text.[1] after"),
]


@pytest.mark.parametrize("source, expected", check(LEFTOVERS))
def test_leftover_markup(source, expected):
    assert shown(source).split(" 1 References")[0] == expected


def test_a_headless_citation_is_a_reference():
    article = parse_article("In the 1980scite web |url=http://x.org |title=Old days}}</ref> it grew.", "T",
                            fmt="wikitext")
    assert "Old days" in "".join(span.text for span in article.citations[0].text)


# ---------------------------------------------------------------------------- template families

NB = "\u00a0"
TEMPLATES = [
    ("A {{sic|Teh}} word", "A Teh [sic] word"),
    ("{{sic|?|Teh}}", "Teh [sic?]"),
    ("{{sic|hide=y|Teh}}", "Teh"),
    ("a {{sic}} b", "a [sic] b"),
    ("{{font|text=Hello|size=90%}} x", "Hello x"),
    ("{{font|Hi|color=red}}", "Hi"),
    ("{{font color|red|Red text}}", "Red text"),
    ("{{font color|red|yellow|On yellow}}", "On yellow"),
    ("{{text color|green|t}} {{colour|red|c}} {{color|red|col}} {{fc|blue|f}}", "t c col f"),
    ("{{smallcaps|Xx}} {{large|big}} {{huge|h}} {{underline|u}} {{strikethrough|s}} {{highlight|hl}}",
     "Xx big h u s hl"),
    ("{{resize|90%|re}} {{resize|small}} {{serif|se}} {{nobold|nb}} {{midsize|mi}}", "re small se nb mi"),
    ("a{{snds|text}}b", f"a{NB}– text –{NB}b"),
    ("one{{mdashb}}two", "one—two"),
    ("a{{snd}}b", f"a{NB}– b"),
    ("a{{spaced en dash}}b{{spnd}}c", f"a{NB}– b{NB}– c"),
    ("a{{ndash}}b{{mdash}}c{{en dash}}d{{em dash}}e", "a–b—c–d—e"),
    ("a{{spaced mdash}}b", f"a{NB}— b"),
    ("1{{figure dash}}2 {{minus}}3", "1‒2 −3"),
    ("a{{bull}}b{{dot}}c{{middot}}d{{slash}}e", "a • b · c·d / e"),
    ("a{{spaces|3}}b{{sp}}c", f"a{NB * 3}b c"),
    ("{{Age|1958|8|29|2009|6|25}}", "50"),
    ("{{age|1958|8|29|2009|8|29}}", "51"),
    ("{{age in years|1900|1|1|1950|1|1}}", "50"),
    ("{{Collapsible list|title=Members|Alice|Bob}}", "Members Alice Bob"),
    ("{{Collapsible list|title=Members|1=Alice|2=Bob}}", "Members Alice Bob"),
]


@pytest.mark.parametrize("source, expected", check(TEMPLATES))
def test_template_families(source, expected):
    assert shown(source) == expected


# ---------------------------------------------------------------------------- reference lists

REFERENCES = [
    ("a<ref>one</ref> b<ref>two</ref>\n<references/>\nc<ref>three</ref>\n<references/>",
     "a[1] b[2] 1. one 2. two c[1] 1. three"),  # each list shows its own, numbered from 1
    ("a<ref group=note>n1</ref> b<ref>r1</ref> c<ref group=note>n2</ref>\n<references group=note/>\n"
     "<references/>", "a[note 1] b[1] c[note 2] 1. n1 2. n2 1. r1"),
    ("a{{efn|first}} b{{efn|second}} c<ref>r</ref>\n{{notelist}}\n{{reflist}}",
     "a[a] b[b] c[1] a. first b. second 1. r"),
    ("a{{efn-ua|first}} b{{refn|group=nb|second}}\n{{notelist-ua}}\n{{reflist|group=nb}}",
     "a[A] b[nb 1] A. first 1. second"),
    ("a<ref name=p>Part one.</ref> b<ref follow=p>Part two.</ref>\n{{reflist}}", "a[1] b 1. Part one. Part two."),
    ("a<ref name=x group=g>X</ref> b<ref name=x group=g/>\n{{reflist|group=g}}", "a[g 1] b[g 1] 1. X"),
    ("a<ref name=x>plain</ref> b<ref name=x group=g>grouped</ref>\n{{reflist}}\n{{reflist|group=g}}",
     "a[1] b[g 1] 1. plain 1. grouped"),  # names are per group
    ("a<ref>one</ref>\n<references/>\nb<ref>two</ref>", "a[1] 1. one b[1] Notes 1. two"),  # left over: at the end
]


@pytest.mark.parametrize("source, expected", check(REFERENCES))
def test_reference_lists(source, expected):
    assert shown(source) == expected


def test_a_marker_points_to_its_own_footnote_whatever_it_shows():
    article = parse_article("a<ref>one</ref>\n<references/>\nb<ref>two</ref>\n<references/>", "T", fmt="wikitext")
    markers = [span for block in article.lead for span in getattr(block, "spans", ()) if span.cite]
    assert [(span.text, span.cite) for span in markers] == [("[1]", 1), ("[1]", 2)]
    assert [(citation.number, citation.mark) for citation in article.citations] == [(1, "1"), (2, "1")]


def test_a_quoted_group_in_a_template_is_the_group():
    text = ('a{{#tag:ref|Note.|group="nb"|name=""}} b<ref>R.</ref>\n==Notes==\n<references group="nb"/>\n'
            "==Refs==\n{{reflist}}")
    assert shown(text) == "a[nb 1] b[1] 1 Notes 1. Note. 2 Refs 1. R."


# ---------------------------------------------------------------------------- short footnotes and their sources

from reader.model import plain  # noqa: E402

NIXON = """[[Richard Nixon]]

CATEGORIES: Presidents

Born.[tpl]sfn|Aitken|1993|p=12[/tpl] House.[tpl]sfn|NPS, Nixon Birthplace[/tpl] More.[tpl]sfnm|1a1=Russell|1y=2001|1pp=77–79|2a1=Sobel|2y=1999|2p=129[/tpl]

==Sources==

* [tpl]cite book|last=Aitken|first=Jonathan|title=Nixon: A Life|year=1993|publisher=Regnery[/tpl]
| ref = Aitken
* [tpl]cite web|url=http://nps.gov/x|title=Nixon Birthplace|publisher=National Park Service[/tpl]
| ref = NPS, Nixon Birthplace
* [tpl]cite book|last=Russell|first=Francis|title=The Book|year=2001[/tpl]
* [tpl]cite book|last=Sobel|first=Robert|title=Other|year=1999[/tpl]
"""  # noqa: E501 - a dump line as written


def test_anchor_lines_after_bibliography_entries_are_their_anchors_not_text():
    text = shown(NIXON, fmt="dump")
    assert "ref =" not in text and "| ref" not in text and "• •" not in text
    article = parse_article(NIXON, fmt="dump")
    assert plain(article.citations[1].full) == "“Nixon Birthplace”. National Park Service. http://nps.gov/x"
    assert plain(article.citations[0].full) == "Aitken, Jonathan (1993). Nixon: A Life. Regnery."


def test_sfnm_lists_each_source_with_its_pages_and_finds_each():
    article = parse_article(NIXON, fmt="dump")
    sfnm = article.citations[2]
    assert plain(sfnm.text) == "Russell 2001, pp. 77–79; Sobel 1999, p. 129."
    assert plain(sfnm.full) == "Russell, Francis (2001). The Book.\nSobel, Robert (1999). Other."


def test_an_sfn_finds_its_source_by_the_anchor_sfnref_made():
    source = ("A.{{sfn|NPS|Nixon Birthplace}}\n\n==Sources==\n* {{cite web|url=http://nps.gov/x|title=Nixon Birthplace"
              "|publisher=NPS|ref={{sfnRef|NPS|Nixon Birthplace}}}}\n")
    article = parse_article(source, "T", fmt="wikitext")
    assert "Nixon Birthplace" in plain(article.citations[0].full)


def test_harvnb_notes_in_wikitext_link_to_their_sources():
    source = ("A.<ref>{{harvnb|Smith|2001|p=5}}</ref> B.<ref>See {{harvnb|Smith|2001|p=7}}; also {{harvnb|Jones|1999}}."
              "</ref>\n\n==Sources==\n* {{cite book|last=Smith|first=Ann|year=2001|title=The Book}}\n"
              "* {{cite book|last=Jones|first=Bob|year=1999|title=Other|ref=harv}}\n")
    article = parse_article(source, "T", fmt="wikitext")
    assert plain(article.citations[0].full) == "Smith, Ann (2001). The Book."
    assert plain(article.citations[1].full) == "Smith, Ann (2001). The Book.\nJones, Bob (1999). Other."


def test_an_sfn_with_a_damaged_parameter_name_is_no_sfnm():
    article = parse_article("A.[tpl]Sfn | Crankshaw | 1981 pp = 294–96[/tpl]\n", fmt="dump")
    assert plain(article.citations[0].text) == "Crankshaw."


# ---------------------------------------------------------------------------- ordinary article content

# From Help:Formatting, Help:Lists, Help:Links, Help:Tables, Help:Cite: what an ordinary article holds.
ORDINARY = [
("* one\n* two\n** deeper\n* three", "• one • two ◦ deeper • three"),
("# a\n# b\n#* c\n# d", "1. a 2. b ◦ c 3. d"),
("; Term : Definition", "Term Definition"),
("; Term\n: Def one\n: Def two", "Term Def one Def two"),
(": indented\n:: more", "indented more"),
("[[Main Page]]", "Main Page"),
("[[Main Page|different text]]", "different text"),
("[[Help:Link#Section|section]]", "section"),
("[[#Anchor]]", "Anchor"),
("[[Main Page]]s plural", "Main Pages plural"),
("[[:Category:Help]]", "Category:Help"),
("[[Category:Help]]text", "text"),
("[https://www.example.org Example]", "Example"),
("https://www.example.org", "https://www.example.org"),
("[[wikt:word|word]]", "word"),
("[[Foo (bar)|]]", "Foo"),
("== Heading ==\ntext", "1 Heading text"),
("'''Bold''' and ''italic''", "Bold and italic"),
("<s>struck</s> <u>under</u> <del>del</del> <ins>ins</ins>", "struck under del ins"),
("x<sup>2</sup> H<sub>2</sub>O", "x2 H2O"),
("<small>small</small> <big>big</big>", "small big"),
("a<br>b<br/>c", "a b c"),
("<nowiki>[[not a link]]</nowiki>", "[[not a link]]"),
("<pre>pre ''text''</pre>", "pre ''text''"),
(" space led\n line", "space led line"),
("<blockquote>quoted</blockquote>", "│ quoted"),
("<code>code</code> <kbd>kbd</kbd> <tt>tt</tt>", "code kbd tt"),
("__NOTOC__ text __TOC__", "text"),
("{{DEFAULTSORT:Foo}}text", "text"),
("text<!-- hidden -->more", "textmore"),
("----\ntext", "text"),
("&copy; &euro; &rarr; &mdash;", "© € → —"),
("<span style=\"color:red\">red</span>", "red"),
("<div class=\"x\">div text</div>", "div text"),
("<center>c</center>", "c"),
("a <ref>note</ref> b", "a [1] b 1 References 1. note"),
("{| class=wikitable\n|+ Caption\n! A !! B\n|-\n| 1 || 2\n|}", "Caption A │ B ──┼── 1 │ 2"),
("{|\n| a\n| b\n|-\n| c\n| d\n|}", "a │ b c │ d"),
("{|\n! scope=row | H\n| style=\"x\" | v\n|}", "H │ v"),
("<math>x^2</math>", "x^2"),
("{{lang|fr|bonjour}}", "bonjour"),
("{{convert|1|km|mi}}", "1 kilometre (0.62\u00a0mi)"),
("{{nowrap|a b}}", "a b"),
("{{abbr|UN|United Nations}}", "UN"),
("{{IPA|ˈbæ}}", "ˈbæ"),
("{{citation needed}}", "[citation needed]"),
("{{main|Foo}}", "Main article: Foo"),
("#REDIRECT [[Foo]]", "↪ Redirect to Foo"),  # deliberate: the reader says where it leads
("Text ~~~~ sig", "Text ~~~~ sig"),
("<poem>a\nb</poem>", "a b"),
("<gallery>\nFile:A.jpg|Cap A\n</gallery>", "[Image: A.jpg] Cap A"),  # deliberate: a terminal names the image
("[[File:A.jpg|thumb|A caption]]", "[Image: A.jpg] A caption"),
("''[[Foo]]'' and '''[[Bar|baz]]'''", "Foo and baz"),
("a\n\nb", "a b"),
("<ol><li>x</li></ol>", "1. x"),
("<p>para</p>", "para"),
("<abbr title=\"t\">abbr</abbr> <q>q</q> <cite>c</cite>", "abbr q c"),
("<span\nclass=\"x\">y</span>", "y"),
("{{sfn|Smith|2001|p=5}}", "[1] 1 References 1. Smith 2001, p. 5."),
("[//example.org proto]", "proto"),
("[mailto:a@b.org mail]", "mail"),
("<references/>", ""),
("{{reflist}}", ""),
("a{{-}}b", "ab"),
("[[Image:A.png|left|200px|Cap]]", "[Image: A.png] Cap"),
]


@pytest.mark.parametrize("source, expected", check(ORDINARY))
def test_ordinary_constructs(source, expected):
    assert shown(source) == expected


# ---------------------------------------------------------------------------- any input prints

PIECES = ["''", "'''", "''''", "'''''", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "<table>", "</table>", "<tr>", "<td>",
          "</td>", "<p>", "<div>", "</div>", "</s>", "<span\n>", "{{(!}}", "{{!}}", "{{!-}}", "{{!)}}", ":{|", "{|",
          "|}", "|-", "{||}", "<ref>", "</ref>", "<ref group=a>", "<ref name=n/>", "<ref follow=n>", "<references/>",
          "{{efn|", "{{notelist}}", "{{sfnm|1a1=A|1p=2}}", "-->", "<!--", "&#xD800;", "&#55357;", "&nbsp;", "&amp;",
          "{{", "}}", "[[", "]]", "|", "\n", "\n\n", " ", "word", "{{font color|red|", "{{snds|", "__TOC__",
          "<nowiki>", "</nowiki>", "| ref = X\n", "[http://x.org?a&amp;b]", "\ud83d"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.sampled_from(["wikitext", "dump"]))
def test_any_markup_parses_and_prints(source, fmt):
    article = parse_article(source, "T", fmt=fmt)
    assert not any("could not be parsed" in notice for notice in article.notices), article.notices
    for line in layout_article(article, 40).lines:
        line.plain.encode("utf-8")
