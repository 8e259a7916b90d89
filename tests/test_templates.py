"""Templates rendered as Wikipedia shows them; every census top-40 template handled deliberately."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.model import BOLD, ITALIC, SUP, TAG, Hatnote, ListItem, Paragraph, Quote, Table, plain
from reader.parse import parse_article
from reader.parse.citations import CITATION_KINDS, SHORT_KINDS
from reader.parse.convert import render_convert
from reader.parse.spans import norm_name
from reader.parse.templates import EXACT, PREFIXES, SUFFIXES, find_handler, generic

CENSUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "CENSUS.md"
# The census's two top-40 lists, as of this writing (kept here so that a clean clone tests them too).
TOP_DUMP = ["cite web", "cite news", "cite book", "cite journal", "Harvnb", "convert", "sfn", "ref", "dead link",
            "Citation needed", "Citation", "'", "Nowrap", "date", "As of", "quote", "rp", "IPAc-en", "Page needed",
            "Clarify", "lang", "bquote", "Ship", "Cite doi", "Note", "cite press release", "'-",
            "R from other capitalisation", "ME-ref", "IPA-sv", "SMS", "as written", "coord", "cite map", "lang-el",
            "IPA-fi", "lang-sv", "Infobox Finnish municipality/population count", "-", "ref label"]
TOP_WIKITEXT = ["cite web", "Internetquelle", "cite news", "Version", "cite book", "FormatDate", "Fs player",
                "reflist", "convert", "dts", "dead link", "Main", "flagicon", "PakSen", "colorbox",
                "Citation needed", "ISBN", "Literatur", "Portal", "ubl", "coord", "sortname", "See also", "URL",
                "webarchive", "Authority control", "Use mdy dates", "Commonscat", "birth date and age",
                "Main article", "official website", "flag", "Baseball primary style", "ublist", "hlist",
                "Use dmy dates", "for", "commons category", "Div col", "Div col end"]


def handled(name: str) -> bool:
    key = norm_name(name)
    return key in CITATION_KINDS or key in SHORT_KINDS or find_handler(key) is not generic


@pytest.mark.parametrize("name", TOP_DUMP + TOP_WIKITEXT)
def test_top_templates_have_a_deliberate_handler(name):
    assert handled(name), name


def test_table_rows_are_written_as_names_are_looked_up():
    # a row written "Birth date" or "birth_date" would never be found: names are looked up normalised
    keys = list(EXACT) + [prefix for prefix, _ in PREFIXES] + [suffix.strip() for suffix, _ in SUFFIXES]
    assert [key for key in keys if norm_name(key) != key.strip()] == []


def test_census_lists_still_match():
    if not CENSUS.is_file():
        pytest.skip("no shared corpus beside this checkout")
    names = re.findall(r"^\| \d+ \| `(.+?)` \| \d+ \|$", CENSUS.read_text(encoding="utf-8"), re.MULTILINE)
    assert names and all(handled(name) for name in names)


def lead_text(text: str, fmt: str | None = None) -> str:
    article = parse_article(text, "T", fmt=fmt)
    return " / ".join(plain(b.spans) for b in article.lead if hasattr(b, "spans"))


# One row per template: the call (dump format with [tpl], standard wikitext with {{) and the start
# of the lead's text it gives.  Adding a template to `templates.EXACT` (or its prefixes or
# suffixes) adds one row here.
RENDERINGS = [
    ("[tpl]As of|2006[/tpl], x", "As of 2006, x"),
    ("[tpl]As of|2010|5|lc=y[/tpl]", "as of May 2010"),
    ("[tpl]IPAc-en|ˈ|p|æ|k|w|ɪ|n[/tpl]", "/ˈpækwɪn/"),
    ("[tpl]IPA-sv|ˈhəlsɪŋfɔʂ|pron|sv-Helsingfors.ogg[/tpl]", "Swedish pronunciation: [ˈhəlsɪŋfɔʂ]"),
    ("[tpl]IPA-sv|hɛlsiŋˈfɔrs|[/tpl]", "[hɛlsiŋˈfɔrs]"),
    ("[tpl]IPA-fi|ˈhelsiŋki|pron[/tpl]", "Finnish pronunciation: [ˈhelsiŋki]"),
    ("[tpl]lang|sv|Helsingfors[/tpl] is", "Helsingfors is"),
    ("([tpl]lang-el|Ένωσις[/tpl], meaning", "(Greek: Ένωσις, meaning"),
    ("[tpl]lang-sv|Helsingfors[/tpl]", "Swedish: Helsingfors"),
    ("[tpl]SMS|Emden[/tpl] sank", "SMS Emden sank"),
    ("[tpl]Ship|SM|U-27|Germany|2[/tpl], which", "SM U-27, which"),
    ("[tpl]coord|31|43|11.6|N|110|04|13.6|W|type:landmark|display=inline |name=B[/tpl]", "31°43′11.6″N 110°04′13.6″W"),
    ("[tpl]coord|31.720000|-110.070278|display=inline[/tpl]", "31.72°N 110.07°W"),
    ("[tpl]date|2011-11-13[/tpl]", "13 November 2011"),
    ("[tpl]nihongo|Tokyo Tower|東京タワー|Tōkyō tawā[/tpl]", "Tokyo Tower (東京タワー, Tōkyō tawā)"),
    ("Baralong[tpl]'[/tpl]s crew", "Baralong's crew"),
    ("Obama[tpl]'-[/tpl]s", "Obama's"),
    ("[tpl]Nowrap|5 km[/tpl] long", "5 km long"),
    ("[tpl]as written|BMI正常指標[/tpl]", "BMI正常指標"),
    ("a[tpl]-[/tpl]b", "ab"),
    ("x [tpl]R from other capitalisation[/tpl]", "x"),
    ("[tpl]Infobox Finnish municipality/population count[/tpl] people", "people"),
    ("[tpl]convert|2800|acre|km2|adj=on[/tpl] ranch", "2,800-acre (11\u00a0km²) ranch"),
    ("[tpl]convert|228|km[/tpl]", "228 kilometres (142\u00a0mi)"),
    ("[tpl]Note|a|a[/tpl]Also available.", "[a]Also available."),
    ("x[tpl]ref label|Note 1|Note 1[/tpl] y", "x[Note 1] y"),
    ("{{Version |o |0.6}}", "0.6"),
    ("{{FormatDate|2002-09-23|nbsp}}", "23.\u00a0September 2002"),
    ("{{dts|2006|5|3}}", "May 3, 2006"),
    ("{{colorbox|red|border=darkgray}} PML-N ({{PakSen|PMLN}})", "■ PML-N (PMLN)"),
    ("{{ISBN|978-3-16}}", "ISBN 978-3-16"),
    ("{{ubl|Latin America|Spain}}", "Latin America\nSpain"),
    ("{{hlist|[[Semiotics]]|Literary criticism}}", "Semiotics · Literary criticism"),
    ("{{sortname|The|Grand Budapest Hotel|dab=film}}", "The Grand Budapest Hotel"),
    ("{{URL|www.alsea.com.mx}}", "www.alsea.com.mx"),
    ("{{URL|Elizabethgilbert.com|ElizabethGilbert.com}}", "ElizabethGilbert.com"),
    ("Site.{{webarchive|url=https://web.archive.org/x|date=2016-01-28}}",
     "Site. Archived 2016-01-28 at the Wayback Machine"),
    ("{{official website|http://x.org}}", "Official website"),
    ("{{flag|Canada}} and {{flagicon|Iran}}Iran", "Canada and Iran"),
    ("{{birth date|1968|7|21}}", "July 21, 1968"),
    ("{{birth date and age|df=y|1968|7|21}}", "21 July 1968 (age\u00a0"),
    ("{{Baseball primary style|Toronto Blue Jays}}Team", "Team"),
    ("{{Portal|Film}}{{Authority control}}{{Use mdy dates|date=May 2012}}{{Commonscat|X}}{{commons category|Y}}"
     "{{Use dmy dates}}{{Div col}}{{Div col end}}Only this.", "Only this."),
    # Args.drop: the "?" of {{sic}} read, the rest is the text; hide=y shows the word alone.
    ("{{sic|?|Teh}} cat", "Teh [sic?] cat"),
    ("{{sic|Teh|hide=y}} cat", "Teh cat"),
    # prefixes and suffixes: the language from the name; a long "... icon" is no language code.
    ("{{Lang-fr|bonjour}}", "French: bonjour"),
    ("{{IPA-xx|abc}}", "xx pronunciation: [abc]"),
    ("{{fr icon}} x", "(in French) x"),
    ("{{Something long icon|a|b}} x", "a b x"),
    ("{{Foo navbox|a}}end", "end"),
    ("{{Use British English|date=x}}ok", "ok"),
    ("{{Cite foo|title=Tt}}", "[1]"),
    ("{{snds|x}}", "\u00a0\u2013 x \u2013"),
    ("{{font color|red|Red text}}", "Red text"),
    ("{{Collapsible list|title=T|a|b}}", "T\na\nb"),
    # A handler sees the name as looked up, without "Template:" (these read "(in template:fr)",
    # "ate:lang-fr: x" and "For other uses, see the band." when handlers read the raw name).
    ("{{Template:fr icon}}", "(in French)"),
    ("{{Template:lang-fr|x}}", "French: x"),
    ("{{Template:For|the band|Antique (band)}}", "For the band, see Antique (band)."),
    # {{Verify credibility}} and its aliases are Template:Unreliable source?: "[unreliable source?]"
    # (Michigan: "Polar-Equator Trail[25][unreliable source?]"; it showed nothing).
    ("Trail[tpl]verify credibility|date= February 2013[/tpl]—along", "Trail[unreliable source?]—along"),
]


@pytest.mark.parametrize("source, shown", RENDERINGS)
def test_template_renderings(source, shown):
    fmt = "wikitext" if "{{" in source else None
    assert lead_text(source, fmt).startswith(shown)


@pytest.mark.parametrize("name, tag", [
    ("Citation needed|date=May 2010", "[citation needed]"), ("dead link", "[dead link]"),
    ("Page needed", "[page needed]"), ("Clarify", "[clarification needed]"), ("who", "[who?]"),
])
def test_maintenance_tags(name, tag):
    article = parse_article(f"Claim[tpl]{name}[/tpl] more.", "T")
    spans = article.lead[0].spans
    assert plain(spans) == f"Claim{tag} more."
    assert any(TAG in s.marks and s.text == tag for s in spans)


def test_quote_templates_are_blocks_with_attribution():
    article = parse_article("He said [tpl]quote|Words of wisdom.|Someone[/tpl] then.", "T")
    kinds = [type(b) for b in article.lead]
    assert kinds == [Paragraph, Quote, Paragraph]
    quote = article.lead[1]
    assert plain(quote.spans) == "Words of wisdom." and plain(quote.attribution) == "Someone"
    article = parse_article("[tpl]bquote|Prussia must concentrate its power.[/tpl]", "T")
    assert isinstance(article.lead[0], Quote)


def test_hatnotes():
    article = parse_article("==H==\n{{Main|Alpha|Beta|Gamma}}\n{{See also|Delta}}\n"
                            "{{for|the band|Antique (band)}}\nText.", "T", fmt="wikitext")
    blocks = article.sections[0].blocks
    assert [plain(b.spans) for b in blocks if isinstance(b, Hatnote)] == [
        "Main articles: Alpha, Beta and Gamma", "See also: Delta", "For the band, see Antique (band)."]


def test_fs_player_lines_and_infobox_table():
    article = parse_article("{{Fs player|no=1 |nat=Scotland|name=[[Kevin Cuthbert]]|pos=GK}} "
                            "{{Fs player|no=2 |nat=Scotland|name=[[Jason Thomson]]|pos=DF}}", "T", fmt="wikitext")
    assert [plain(b.spans) for b in article.lead if isinstance(b, ListItem)] == [
        "1. Kevin Cuthbert (GK, Scotland)", "2. Jason Thomson (DF, Scotland)"]
    article = parse_article("{{Infobox person\n| name = Ann\n| birth_place = Paris\n| image = x.jpg\n}}\nAnn was.",
                            "T", fmt="wikitext")
    table = article.lead[0]
    assert isinstance(table, Table) and plain(table.caption) == "Ann"
    assert [(plain(r[0].spans), plain(r[1].spans)) for r in table.rows] == [("Name", "Ann"), ("Birth place", "Paris")]


def test_infobox_lists_paired_blanks_footnotes_and_labels():
    # toronto's infobox lost its MPs ({{Collapsible list|1=...}}) and NTS/GNBC rows (blank_name /
    # blank_info), showed raw names ("Area total km2", "Utc offset dst"), image files and sizes
    # (Senate_of_Pakistan: "Coa pic | Coat_of_arms.svg", "Coa res | 108px"), and rows of a lone
    # marker ("Area footnotes | [1]").
    text = ("{{Infobox settlement\n| name = Toronto\n| leader_title3 = MPs\n"
            "| leader_name3 = {{Collapsible list|title=List of MPs|1=[[Mark Adler]]|2=[[Carolyn Bennett]]}}\n"
            "| area_total_km2 = 630\n| area_total_sq_mi = 243\n| elevation_m = 76\n"
            "| area_footnotes = <ref>Census.</ref>\n"
            "| utc_offset_DST = -4\n| coa_pic = Coat_of_arms.svg\n| coa_res = 108px\n"
            "| static_image_name = City.jpg\n| office1 = Senator\n"
            "| blank_name = [[National Topographic System|NTS]] Map\n| blank_info = 030M11\n}}\nToronto is.")
    table = parse_article(text, "T", fmt="wikitext").lead[0]
    assert isinstance(table, Table)
    rows = [(plain(r[0].spans), plain(r[1].spans)) for r in table.rows]
    # the collapsible list shows its title first, as Wikipedia shows it (issue 11)
    assert rows == [("Name", "Toronto"), ("MPs", "List of MPs\nMark Adler\nCarolyn Bennett"),
                    ("Area total (km²)", "630[1]"), ("Area total (sq mi)", "243"),
                    ("Elevation (m)", "76"), ("UTC offset DST", "-4"), ("Office", "Senator"), ("NTS Map", "030M11")]


def test_styles_from_templates_and_rp():
    article = parse_article("x.[tpl]cite web|title=T|url=u[/tpl][tpl]rp|189|date=November 2012[/tpl]", "T")
    spans = article.lead[0].spans
    assert plain(spans) == "x.[1]:189"
    assert SUP in spans[-1].marks
    article = parse_article("{{lang-de|Keilwelle}}", "T", fmt="wikitext")
    assert any(ITALIC in s.marks and s.text == "Keilwelle" for s in article.lead[0].spans)
    article = parse_article("'''{{nowrap|Bold words}}'''", "T", fmt="wikitext")
    assert all(BOLD in s.marks for s in article.lead[0].spans)


def test_unknown_templates_follow_the_generic_rule():
    # positional parameters shown, named settings dropped, nothing raw
    assert lead_text("{{some unknown|shown words|setting=hidden}} end", "wikitext") == "shown words end"
    assert lead_text("{{no params here}}end", "wikitext") == "end"
    assert lead_text("{{Something navbox|a|b}}end", "wikitext") == "end"


def test_money_patents_laws_and_time_read_as_written():
    # From the dump corpus: "US14 million", "granted 5255452", "106 26", "a population of (j F Y)".
    assert lead_text("worth {{dollarsign|US}}14 million", "wikitext") == "worth US$14 million"
    assert lead_text("granted {{US patent|src=uspto|5255452}} for", "wikitext") == "granted U.S. Patent 5,255,452 for"
    assert lead_text("law {{USPL|106|26}}.", "wikitext") == "law Pub.L. 106–26."
    assert lead_text("on {{#time: j F Y | 2012-12-31}}.", "wikitext") == "on 2012-12-31."
    assert "j F Y" not in lead_text("as of ({{#time: j F Y | {{Some count|date}} }}).", "wikitext")
    assert lead_text("Prizes &verbar; Medal", "wikitext") == "Prizes | Medal"  # an HTML5 entity
    assert lead_text("R&D; a=1&b=2", "wikitext") == "R&D; a=1&b=2"  # not entities: as written
    assert lead_text("odd{{clarification needed|date=March 2014}}.", "wikitext") == "odd[clarification needed]."


def test_tag_ref_and_if_parser_functions():
    article = parse_article("A{{#tag:ref|Inline note.|name=n}} B{{#if: yes | shown | hidden}}", "T", fmt="wikitext")
    assert plain(article.lead[0].spans) == "A[1] B shown"
    assert plain(article.citations[0].text) == "Inline note."


@pytest.mark.parametrize("values, options, shown", [
    (["228", "km"], {}, "228 kilometres (142\u00a0mi)"),
    (["745", "km2", "0"], {"abbr": "out"}, "745 square kilometres (288\u00a0sq mi)"),
    (["2", "to", "3", "km"], {}, "2 to 3 kilometres (1.2 to 1.9\u00a0mi)"),
    (["70", "kg"], {"abbr": "on"}, "70\u00a0kg (150\u00a0lb)"),
    (["20", "C"], {}, "20\u00a0°C (68\u00a0°F)"),
    (["1", "mi"], {}, "1 mile (1.6\u00a0km)"),
    (["300", "m", "ft"], {"disp": "flip"}, "980\u00a0ft (300 metres)"),
    (["5", "km"], {"disp": "or"}, "5 kilometres or 3.1\u00a0mi"),
    (["12", "furlongs"], {}, "12 furlongs"),
    # A measure in two units (Body_mass_index: it read "5 ft (1.5240000000 m)", a wrong height).
    (["5", "ft", "10", "in", "cm"], {"abbr": "on"}, "5\u00a0ft 10\u00a0in (178\u00a0cm)"),
    (["6", "ft", "2", "in"], {}, "6\u00a0ft 2\u00a0in (1.88\u00a0m)"),
    (["178", "cm", "ftin"], {}, "178 centimetres (5\u00a0ft 10\u00a0in)"),
    # Units spelled with "²", densities, forces (they showed their raw arguments: "0.15 km² 2").
    (["0.15", "km²", "2"], {"abbr": "out"}, "0.15 square kilometres (0.06\u00a0sq mi)"),
    (["16494", "PD/km2"], {}, "16,494/km² (42,719/sq mi)"),
    (["24000", "lbf", "kN"], {"abbr": "on"}, "24,000\u00a0lbf (110\u00a0kN)"),
    # An unknown unit: the measure as written, never the target or the precision as text.
    (["12", "furlongs", "km", "2"], {}, "12 furlongs"),
    (["3", "to", "4", "cubits", "m"], {}, "3 to 4 cubits"),
])
def test_convert(values, options, shown):
    assert render_convert(values, options) == shown
