"""Footnotes: numbering, reuse, CS1 formatting, short footnotes and their full entries."""

from __future__ import annotations

from pathlib import Path

from reader.model import ITALIC, LINK, CitationEntry, References, plain
from reader.parse import parse_article
from reader.parse.cs1 import format_citation, short_citation

DATA = Path(__file__).resolve().parent / "data" / "parse"


def load(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def fmt(kind: str, **fields: str) -> str:
    return plain(format_citation(kind, tuple((k.replace("__", "-"), v) for k, v in fields.items())))


# ---------------------------------------------------------------------------- real articles


def test_sample_citations_numbered_and_formatted():
    article = parse_article(load("North_Koreans_in_Russia.txt"))
    assert len(article.citations) == 16
    assert [c.number for c in article.citations] == list(range(1, 17))
    first = article.citations[0]
    assert first.kind == "citation"
    assert plain(first.text) == (
        "Lee, Jeanyoung (2006). \u201cMigration, Ethnicity and Citizenship: Ethnic-Korean Returnees in the Russian "
        "Far East\u201d. Asia Culture Forum (PDF). Inha University. Retrieved 2006-11-23. "
        "http://www.asiacultureforum.org/pdf/multi/multi_0202_Jeanyoung%20Lee.pdf")
    assert first.field("accessdate") == "2006-11-23"
    assert first.url == "http://www.asiacultureforum.org/pdf/multi/multi_0202_Jeanyoung%20Lee.pdf"
    # every field is kept, in order
    assert [k for k, _ in first.fields] == ["last", "first", "chapter", "url", "year", "accessdate", "title",
                                           "publisher", "format"]
    book = article.citations[1]
    assert plain(book.text) == ("Lee Kwang-kyu (2000). Overseas Koreans. Seoul: Jimoondang. pp. 7–15. "
                                "ISBN 89-88095-18-9.")
    assert any(ITALIC in s.marks and s.text == "Overseas Koreans" for s in book.text)
    journal = plain(article.citations[5].text)
    assert journal.startswith("Armstrong, Charles K. (May 2005). \u201cFraternal Socialism: The International "
                              "Reconstruction of North Korea, 1953–62\u201d. Cold War History. 5 (2): 161–87. "
                              "doi:10.1080/1462740500061160.")


def test_every_titled_citation_shows_its_title():
    for name in ("North_Koreans_in_Russia.txt", "Komodo_dragon.txt", "Michigan.txt", "True_Blood.txt"):
        article = parse_article(load(name))
        for citation in article.citations:
            title = citation.field("title")
            if title:
                assert title in plain(citation.text), (name, citation.number)


def test_harvnb_short_footnotes_get_full_entry_from_bibliography():
    article = parse_article(load("John_Knox.txt"))
    first = article.citations[0]
    assert first.kind == "harvnb"
    assert plain(first.text) == "MacGregor 1957, pp. 229–231."
    assert plain(first.full) == ("MacGregor, Geddes (1957). The Thundering Scot. Philadelphia: The Westminster Press. "
                                 "OCLC 740182.")
    assert first.uses == 2  # the same template twice keeps one number
    ridley = article.citations[1]
    assert plain(ridley.full).startswith("Ridley, Jasper (1968). John Knox. Oxford: Clarendon Press.")


def test_identical_templates_and_ref_template_share_number():
    article = parse_article(load("True_Blood.txt"))
    strange_love = next(c for c in article.citations if plain(c.text) == "Strange Love, E-1")
    assert strange_love.kind == "note" and strange_love.uses == 11


def test_named_refs_forward_reuse_and_list_defined():
    text = ("A.<ref name=\"a\">{{cite web|title=Alpha|url=http://a}}</ref> B.<ref name=b/> "
            "C.<ref name=a /> D.<ref>{{cite book|title=Delta|last=Doe|first=Jo|year=1999}}</ref>\n"
            "==Notes==\n<references>\n<ref name=b>Beta note.</ref>\n</references>\n")
    article = parse_article(text, "T", fmt="wikitext")
    assert plain(article.lead[0].spans) == "A.[1] B.[2] C.[1] D.[3]"
    assert [(c.number, c.name, c.uses, c.kind) for c in article.citations] == [
        (1, "a", 2, "web"), (2, "b", 1, "note"), (3, None, 1, "book")]
    assert plain(article.citations[1].text) == "Beta note."
    assert plain(article.citations[2].text) == "Doe, Jo (1999). Delta."
    notes = article.sections[0]
    assert notes.title == "Notes" and len(notes.blocks) == 1


def test_missing_named_ref_is_said_not_hidden():
    article = parse_article("Text.<ref name=nowhere/>", "T", fmt="wikitext")
    assert plain(article.lead[0].spans) == "Text.[1]"
    assert "nowhere" in plain(article.citations[0].text)


def test_tag_ref_and_sfn_in_dump_text():
    text = ("[[T]]\n\nClaim one.[tpl]#tag:ref|A note written inline.|group=n[/tpl] Claim two."
            "[tpl]sfn|Smith|2001|p=5[/tpl]"
            " Again.[tpl]sfn|Smith|2001|p=5[/tpl]\n\n==Sources==\n\n[tpl]cite book|last=Smith|first=Ann|year=2001|"
            "title=The Book|publisher=Pub[/tpl]\n")
    article = parse_article(text)
    # group=n: a group of its own, numbered on its own, as MediaWiki marks it (issue 11)
    assert plain(article.lead[0].spans) == "Claim one.[n 1] Claim two.[1] Again.[1]"
    assert plain(article.citations[0].text) == "A note written inline."
    sfn = article.citations[1]
    assert (sfn.kind, sfn.uses, plain(sfn.text)) == ("sfn", 2, "Smith 2001, p. 5.")
    assert plain(sfn.full) == "Smith, Ann (2001). The Book. Pub."
    sources = article.sections[0]
    assert isinstance(sources.blocks[0], CitationEntry)
    assert sources.blocks[0].citation.number == 0
    # no Notes section: a References section is added at the end
    assert article.sections[-1].title == "References"


def test_ref_with_text_and_templates_is_a_note():
    text = "X.<ref>See {{cite web|title=Page|url=http://p|website=Site}}, and more.</ref>"
    article = parse_article(text, "T", fmt="wikitext")
    assert plain(article.citations[0].text) == "See \u201cPage\u201d. Site. http://p, and more."
    assert article.citations[0].kind == "note"


# ---------------------------------------------------------------------------- CS1 formatting


def test_authors_et_al_after_four():
    text = fmt("journal", last1="A", first1="a", last2="B", first2="b", last3="C", first3="c", last4="D",
               first4="d", last5="E", first5="e", title="T", journal="J", volume="3", issue="2", pages="1–9",
               year="2000", doi="10.1/x")
    assert text == "A, a; B, b; C, c; D, d et al. (2000). \u201cT\u201d. J. 3 (2): 1–9. doi:10.1/x."


def test_abbreviated_journal_and_a_volume_that_names_itself_are_not_doubled():
    # Benzodiazepine read "Sleep Med.. 9 Suppl 1"; toronto "Funk & Wagnalls. Vol. Vol. 23."
    assert fmt("journal", title="T", journal="Sleep Med.", volume="9 Suppl 1", pages="S11") == \
        "\u201cT\u201d. Sleep Med. 9 Suppl 1: S11."
    assert fmt("encyclopedia", title="Toronto", encyclopedia="", volume="Vol. 23", year="1983") == \
        "\u201cToronto\u201d. Vol. 23. 1983."


def test_book_with_edition_editors_chapter_and_ids():
    assert fmt("book", last="Kingdon", first="Robert M.", chapter="Calvinism", editor="Burns, J.H.",
               title="History", publisher="CUP", location="Cambridge", year="1995", isbn="0-521") == \
        "Kingdon, Robert M. (1995). \u201cCalvinism\u201d. In Burns, J.H. (ed.) History. Cambridge: CUP. ISBN 0-521."
    assert fmt("book", title="Life", edition="2nd", year="1964", oclc="1296659") == \
        "Life (2nd ed.). 1964. OCLC 1296659."


def test_web_with_archive_access_date_and_urls():
    text = fmt("web", title="Page", url="http://a", website="Site", date="1 May 2010", accessdate="2 May 2010",
               archiveurl="http://archive/a", archivedate="3 May 2010", quote="Words")
    assert text == ("\u201cPage\u201d. Site. 1 May 2010. Archived from the original on 3 May 2010. Retrieved "
                    "2 May 2010. \u201cWords\u201d. http://a (archive: http://archive/a)")
    spans = format_citation("web", (("title", "Page"), ("url", "http://a")))
    assert any(LINK in s.marks and s.target == "http://a" and s.text == "\u201cPage\u201d" for s in spans)


def test_german_templates():
    assert fmt("web", url="http://x", titel="Seite", werk="Werk", datum="2010", abruf="2011-01-01") == \
        "\u201cSeite\u201d. Werk. 2010. Retrieved 2011-01-01. http://x"
    assert fmt("book", Autor="Max Muster", Titel="Buch", Verlag="V", Ort="Berlin", Jahr="1990", ISBN="3-1") == \
        "Max Muster (1990). Buch. Berlin: V. ISBN 3-1."


def test_sfn_naming_two_authors_in_one_finds_the_first_authors_entry():
    # Knights_of_Columbus: "sfn|Egan & Kennedy|1920" and "sfn|Brinkley & Fenster|2006" said the
    # bibliography had no such entry; Brinkley's entry also lost its co-author.
    text = ("[[T]]\n\nOne.[tpl]sfn|Egan & Kennedy|1920|p=117[/tpl] Two.[tpl]sfn|Brinkley and Fenster|2006|p=5[/tpl]"
            "\n\n==Works cited==\n\n[tpl]cite book|last1=Egan|first1=Maurice|last2=Kennedy|first2=John|year=1920|"
            "title=Peace and War[/tpl]\n\n[tpl]cite book|last=Brinkley|first=Douglas|coauthors=Julie M. Fenster|"
            "year=2006|title=Parish Priest[/tpl]\n")
    article = parse_article(text)
    egan, brinkley = article.citations[0], article.citations[1]
    assert plain(egan.full) == "Egan, Maurice; Kennedy, John (1920). Peace and War."
    assert plain(brinkley.full) == "Brinkley, Douglas; Julie M. Fenster (2006). Parish Priest."


def test_refs_in_an_unnamed_reflist_value_and_refs_of_unknown_templates_have_text():
    # earthquakes: refs defined inside "{{Reflist| <ref name=...>}}"; toronto: a ref that is only
    # {{SCref|...}}: both read "(reference named ...: its text is missing)".
    text = ("Quake.<ref name=recent/> Census.<ref name=cd>{{SCref |unit=cd |3520}}</ref>\n\n"
            "== References ==\n{{Reflist|\n<ref name=recent>http://example.org/recent</ref>\n}}\n")
    article = parse_article(text, "T", fmt="wikitext")
    shown = {c.name: plain(c.text) for c in article.citations}
    assert shown == {"recent": "http://example.org/recent", "cd": "SCref: unit=cd, 3520"}


def test_the_list_goes_under_citations_rather_than_a_notes_section_before_it():
    # Michael_Jackson: "Notes" (explanatory), then "References" > "Citations": the 73 citations
    # were listed under Notes, and Citations stayed an empty heading at the end.
    text = ("[[T]]\n\nClaim.[ref]A source.[/ref]\n\n==Notes==\n\nAn aside.\n\n==References==\n\n"
            "===Citations===\n\n===Bibliography===\n\nA book.\n")
    article = parse_article(text)
    holders = [s.title for s in article.walk() if any(isinstance(b, References) for b in s.blocks)]
    assert holders == ["Citations"]


def test_a_stray_double_quote_mark_does_not_break_the_cite_template_after_it():
    # toronto ref 46: mwparserfromhell paired the '' before the template with one inside it, and
    # the reference read "cite web |url= ... |title= ... |accessdate=June 10, 2011".
    text = ("Nickname.<ref>'Sarasota Herald-Tribune''.{{cite web |url= http://x.org/a |title= Toronto Now ''"
            "|accessdate=June 10, 2011}}</ref> More ''text'' here.")
    shown = plain(parse_article(text, "T", fmt="wikitext").citations[0].text)
    assert "cite web" not in shown and "|" not in shown
    assert "“Toronto Now”" in shown and "http://x.org/a" in shown


def test_a_repeated_key_in_bibliography_debris_starts_another_entry():
    # Knights_of_Columbus: the dump lost the templates' openings; a stray "|year= 1965}}" after
    # Singular's parameters made his 2005 book a 1965 one, and "sfn|Singular|2005" found nothing.
    text = ("[[T]]\n\nClaim.[tpl]sfn|Singular|2005|p=38[/tpl]\n\n==Works cited==\n\n"
            " | title = By Their Works\n | year = 2005\n | author = Singular, Stephen\n"
            " | publisher = HarperCollins\n|year= 1965}}\n")
    article = parse_article(text)
    assert plain(article.citations[0].full) == "Singular, Stephen (2005). By Their Works. HarperCollins."
    assert "1965" in " ".join(plain(b.citation.text) for b in article.sections[0].blocks
                              if isinstance(b, CitationEntry))  # kept, as an entry of its own


def test_short_citation_forms():
    assert short_citation((("1", "Reid"), ("2", "1974"), ("p", "15"))) == "Reid 1974, p. 15"
    assert short_citation((("1", "A"), ("2", "B"), ("3", "2001"), ("pp", "3–4"))) == "A & B 2001, pp. 3–4"
    assert short_citation((("1", "A"), ("2", "B"), ("3", "C"), ("4", "D"), ("5", "2001"))) == "A et al. 2001"
    assert short_citation((("1", "Ridley"), ("2", "1968")), parens=True) == "(Ridley 1968)"


def test_repeated_parameter_last_wins_like_mediawiki():
    assert fmt("web", title="First", url="http://u") == "\u201cFirst\u201d. http://u"
    text = plain(format_citation("web", (("title", "Zoo Beginnings"), ("title", "About the Zoo"))))
    assert text == "\u201cAbout the Zoo\u201d."
