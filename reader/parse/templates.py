"""The one table of templates: which handler renders a template, looked up by exact name, then by
the first matching prefix, then by the first matching suffix; and `render_template`, called for
every template node.

Adding a template is one row here (`EXACT`, `PREFIXES` or `SUFFIXES`) and one row in the test
table `RENDERINGS` of ``tests/test_templates.py``.  A row's handler takes an `Args` (see
`templates_base`, which also makes the simplest handlers: fixed text, a tag, the first
parameter...) and returns a block or None.  Handlers live by job: `templates_text` (running
text), `templates_blocks` (quotes, hatnotes, infoboxes), `prose` (dates, measures, coordinates,
links), `footnotes` (footnotes and their lists).  Names are compared in lower case with "_" read
as a space (`spans.norm_name`).

Citation templates (``cite web``, ``sfn``... see `citations.CITATION_KINDS`) become footnotes
(`footnotes.cite_template`); prose templates render their text; maintenance templates
(``citation needed``, ``dead link``, ``who``...) become a small TAG span such as
"[citation needed]"; block templates (quotes, hatnotes, reflist, infoboxes) give a block.

The rule for a template in no row (`generic`): it shows the text of its positional parameters,
joined by spaces (named parameters are settings); with none it shows nothing.  Rows of prefixes
and suffixes give page furniture its part of that rule: an infobox (a name starting "infobox",
"taxobox"...) becomes a two-column table; a name ending "stub", "navbox", "sidebar", "footer" or
"navigation" shows nothing; a name starting "cite " is a citation of its own kind.  A raw
template is never printed.
"""

from __future__ import annotations

from mwparserfromhell.nodes import Template

from ..model import BOLD, ITALIC, SMALL, SUP, Block, Span
from . import footnotes as notes
from . import prose
from . import templates_blocks as blocks
from . import templates_text as text
from .citations import CITATION_KINDS, SHORT_KINDS
from .context import InlineRenderer
from .dumpformat import BIB
from .spans import braceless, code_str, norm_name
from .templates_base import (
    ITAL,
    Args,
    Handler,
    first,
    joined,
    literal,
    nothing,
    nth,
    render_each,
    tag,
    tag_after_text,
    wrap,
)

__all__ = ["EXACT", "PREFIXES", "SUFFIXES", "find_handler", "generic", "render_template"]

DEEP = 24  # template nesting past which a template is shown as its text

EN_DASH, EM_DASH, NBSP = "\u2013", "\u2014", "\u00a0"
ONLY_FIRST = first(spill=False)  # the other parameters are by design not text


def generic(a: Args) -> None:
    """The rule for a template in no row (see the module docstring): its positional parameters."""
    render_each(a, " ")


def cite_own_kind(a: Args) -> None:
    """``{{cite xyz|...}}`` not in `citations.CITATION_KINDS`: a citation of kind "xyz"."""
    notes.cite_template(a.r, a.node, a.name.removeprefix("cite "), a.marks, a.out)


EXACT: dict[str, Handler] = {
    # ------------------------------------------------ footnotes, blocks and page furniture
    # bib
    BIB: blocks.bib,
    # footnote-like
    "ref": notes.footnote_params(group=""), "me-ref": notes.footnote_params(group=""),
    "efn": notes.footnote_params(group="lower-alpha"), "efn-la": notes.footnote_params(group="lower-alpha"),
    "efn-ua": notes.footnote_params(group="upper-alpha"), "efn-lr": notes.footnote_params(group="lower-roman"),
    "efn-ur": notes.footnote_params(group="upper-roman"), "efn-lg": notes.footnote_params(group="lower-greek"),
    "refn": notes.footnote_params(), "r": notes.named_ref, "note": notes.anchor_note, "ref label": notes.anchor_note,
    "note label": notes.anchor_note, "cref": notes.anchor_note, "cnote": notes.anchor_note,
    "reflist": notes.references, "references": notes.references, "refs": notes.references, "notelist": notes.references,
    "notes": notes.references, "reflist-talk": nothing, "refbegin": nothing, "refend": nothing,
    "notelist-ua": notes.references, "notelist-lr": notes.references, "fnb": notes.anchor_note,
    # block templates
    "quote": blocks.quote, "bquote": blocks.quote, "blockquote": blocks.quote, "cquote": blocks.quote,
    "quotation": blocks.quote,
    "quote box": blocks.quote, "rquote": blocks.quote, "centered pull quote": blocks.quote, "poemquote": blocks.quote,
    "main": blocks.hatnote("Main articles: ", "Main article: "), "main article": blocks.hatnote("Main articles: ",
    "Main article: "),
    "see also": blocks.hatnote("See also: "), "seealso": blocks.hatnote("See also: "),
    "further": blocks.hatnote("Further information: "),
    "further information": blocks.hatnote("Further information: "),
    "details": blocks.hatnote("For more details on this topic, see "),
    "for": blocks.hatnote_text, "about": blocks.hatnote_text, "distinguish": blocks.hatnote_text,
    "redirect": blocks.hatnote_text,
    "other uses": blocks.hatnote_text, "otheruses": blocks.hatnote_text,
    "ubl": joined("\n"), "ublist": joined("\n"), "unbulleted list": joined("\n"),
    "plainlist": joined("\n"), "plain list": joined("\n"), "bulleted list": joined("\n"),
    "bulleted": joined("\n"), "ordered list": joined("\n"), "hlist": joined(" · "),
    "flatlist": joined(" · "), "fs player": prose.fs_player,
    # page furniture: nothing to read
    "portal": nothing, "authority control": nothing, "use mdy dates": nothing, "use dmy dates": nothing,
    "use british english": nothing, "use american english": nothing, "use indian english": nothing,
    "commons": nothing, "commonscat": nothing, "commons category": nothing, "commons cat": nothing,
    "wikiquote": nothing, "wiktionary": nothing, "wikisource": nothing, "div col": nothing,
    "div col end": nothing, "col-begin": nothing, "col-end": nothing, "col-break": nothing, "col-2": nothing,
    "defaultsort": nothing, "toc": nothing, "toc limit": nothing, "tocright": nothing, "short description": nothing,
    "italic title": nothing, "good article": nothing, "featured article": nothing, "pp-semi": nothing,
    "pp-move-indef": nothing, "pp-protected": nothing, "r from other capitalisation": nothing,
    "r from other capitalization": nothing, "redirect category shell": nothing, "coord missing": nothing,
    "infobox finnish municipality/population count": nothing, "lifetime": nothing, "persondata": nothing,
    "fs start": nothing, "fs mid": nothing, "fs end": nothing, "reflist-end": nothing,
    "multiple issues": nothing, "refimprove": nothing, "unreferenced": nothing, "cleanup": nothing,
    "orphan": nothing, "more citations needed": nothing, "pov": nothing, "expand section": nothing,
    "spoken wikipedia": nothing, "wikisource author": nothing, "s-start": nothing, "s-end": nothing,
    "clade": nothing, "cleanup-reorganize": nothing, "stub": nothing, "navboxes": nothing,
    # ------------------------------------------------ running text
    # punctuation and spacing
    "'": literal("'"), "'-": literal("'"), "' \"": literal("'\""), "\" '": literal("\"'"), "'s": literal("'s"),
    "-": nothing, "clear": nothing, "clr": nothing, "clear left": nothing, "clear right": nothing,
    "-\"": literal("\""), "!": literal("|"), "=": literal("="), "!!": literal("||"), "pipe": literal("|"),
    "break": literal("\n"), "shy": nothing, "zwsp": nothing, "wbr": nothing, "nbhyph": literal("-"),
    # dashes, separators, spaces, font and style wrappers, sic: at the end of the table
    # text with style
    "nowrap": first(), "nobr": first(), "nowrap begin": nothing, "nowrap end": nothing, "j": first(),
    "small": first(frozenset({SMALL})), "smaller": first(frozenset({SMALL})), "big": first(),
    "larger": first(), "em": first(ITAL), "strong": first(frozenset({BOLD})),
    "var": first(ITAL), "code": first(), "tt": first(), "mono": first(), "samp": first(), "kbd": first(),
    "abbr": ONLY_FIRST, "abbrlink": ONLY_FIRST, "uc": first(),
    "lc": first(), "center": first(), "italic": first(ITAL), "bold": first(frozenset({BOLD})),
    "sup": first(frozenset({SUP})), "sub": first(), "lang": nth(2), "transl": nth(3, ITAL),
    "transliteration": nth(3, ITAL), "as written": first(), "linktext": joined(""),
    "ill": ONLY_FIRST, "interlanguage link": ONLY_FIRST, "interlanguage link multi": ONLY_FIRST,
    "ill2": ONLY_FIRST, "visible anchor": ONLY_FIRST, "vanchor": ONLY_FIRST, "anchor": nothing, "anchors": nothing,
    "sortname": text.sortname,
    "sort": nth(2), "hs": nothing, "ntsh": nothing, "dts": prose.dts, "version": nth(2),
    "ruby": first(), "colorbox": literal("\u25a0"), "color box": literal("\u25a0"),
    "flagicon": nothing, "flagicon image": nothing, "flag": ONLY_FIRST, "flagcountry": ONLY_FIRST,
    "flagu": ONLY_FIRST, "flag country": ONLY_FIRST, "country flag": ONLY_FIRST, "flagathlete": ONLY_FIRST,
    # {{PakSen|X}} counts party X's senators (a lookup we cannot do): X is shown
    "baseball primary style": nothing, "paksen": first(),
    # pronunciation and languages
    "ipa": first(), "ipa-all": wrap("[", "]"), "ipac-en": text.ipac, "ipa-en": text.ipa_in("English"),
    "ipa-sv": text.ipa_in("Swedish"), "ipa-fi": text.ipa_in("Finnish"), "ipa-de": text.ipa_in("German"),
    "ipa-fr": text.ipa_in("French"), "ipa-es": text.ipa_in("Spanish"), "ipa-it": text.ipa_in("Italian"),
    "ipa-nl": text.ipa_in("Dutch"), "ipa-pl": text.ipa_in("Polish"), "ipa-ru": text.ipa_in("Russian"),
    "ipa-pt": text.ipa_in("Portuguese"), "ipa-ar": text.ipa_in("Arabic"), "ipa-el": text.ipa_in("Greek"),
    "ipa-ga": text.ipa_in("Irish"), "ipa-cy": text.ipa_in("Welsh"), "ipa-no": text.ipa_in("Norwegian"),
    "ipa-da": text.ipa_in("Danish"), "ipa-ja": text.ipa_in("Japanese"), "ipa-zh": text.ipa_in("Chinese"),
    "respell": joined("-"), "pronunciation": first(), "audio": nth(2), "nihongo": text.nihongo,
    "nihongo2": first(), "nihongo3": text.nihongo,
    # dates, numbers, measures
    "as of": prose.as_of, "asof": prose.as_of,
    "convert": prose.convert, "cvt": prose.convert,
    "date": prose.date, "formatdate": prose.format_date_de,
    "birth date": prose.birth_date, "birth date and age": prose.birth_date_and_age,
    "bda": prose.birth_date_and_age, "death date": prose.birth_date,
    "death date and age": prose.death_date_and_age, "start date": prose.birth_date,
    "end date": prose.birth_date, "start date and age": prose.birth_date_and_age,
    "film date": prose.birth_date, "age": prose.age,
    "age in years": prose.age,
    "coord": prose.coord, "coor d": prose.coord,
    "circa": wrap("c.\u00a0", ""), "c.": wrap("c.\u00a0", ""), "floruit": wrap("fl.\u00a0", ""),
    "fl.": wrap("fl.\u00a0", ""), "reign": wrap("r.\u00a0", ""), "r.": wrap("r.\u00a0", ""),
    "nee": literal("née"), "née": literal("née"), "frac": prose.frac, "sfrac": prose.frac,
    "fraction": prose.frac, "us$": wrap("US$", ""), "usd": wrap("US$", ""),
    "dollarsign": wrap("", "$"), "us patent": text.numbered("U.S. Patent "), "uspl": text.public_law,
    "gbp": wrap("£", ""), "£": wrap("£", ""), "€": wrap("€", ""), "eur": wrap("€", ""),
    "inrconvert": wrap("₹", ""), "isbn": wrap("ISBN ", ""), "issn": wrap("ISSN ", ""),
    "oclc": wrap("OCLC ", ""), "doi": wrap("doi:", ""), "url": prose.url,
    "official website": prose.official_website, "official": prose.official_website,
    "webarchive": prose.webarchive, "wayback": prose.webarchive,
    # ships
    "ship": text.ship, "sms": text.ship_prefix("SMS"), "hms": text.ship_prefix("HMS"), "uss": text.ship_prefix("USS"),
    "ss": text.ship_prefix("SS"), "hmas": text.ship_prefix("HMAS"), "hmcs": text.ship_prefix("HMCS"),
    "rms": text.ship_prefix("RMS"), "ns": text.ship_prefix("NS"), "mv": text.ship_prefix("MV"),
    "rp": text.rp,
    # maintenance tags
    "citation needed": tag("citation needed"), "cn": tag("citation needed"), "fact": tag("citation needed"),
    "dead link": tag("dead link"), "deadlink": tag("dead link"), "page needed": tag("page needed"),
    "pn": tag("page needed"), "clarify": tag("clarification needed"),
    "clarification needed": tag("clarification needed"), "who": tag("who?"),
    "when": tag("when?"), "which": tag("which?"), "where": tag("where?"), "why": tag("why?"),
    "by whom": tag("by whom?"), "according to whom": tag("according to whom?"), "vague": tag("vague"),
    "dubious": tag("dubious – discuss"), "failed verification": tag("failed verification"),
    "verification needed": tag("verification needed"), "better source": tag("better source needed"),
    "better source needed": tag("better source needed"), "update after": tag("needs update"),
    "update inline": tag("needs update"), "or": tag("original research?"),
    "original research inline": tag("original research?"), "nonspecific": tag("non-specific"),
    "year needed": tag("year needed"), "full citation needed": tag("full citation needed"),
    "self-published inline": tag("self-published source"),
    # Template:Unreliable source? and the names its documentation lists for it (Michigan: {{verify credibility}})
    **dict.fromkeys(["unreliable source?", "unreliable source", "verify credibility", "verify credibility?",
                     "vc", "rs", "rs?", "reliable source"], tag("unreliable source?")),
    "specify": tag("specify"), "examples": tag("examples needed"),
    "clarify span": tag_after_text("clarification needed"),
    "citation needed span": tag_after_text("citation needed"), "when?": tag("when?"), "who?": tag("who?"),
    "disputed inline": tag("disputed – discuss"), "peacock term": tag("peacock term"),
    "weasel inline": tag("weasel words"), "irrelevant citation": tag("irrelevant citation"),
    "primary source inline": tag("non-primary source needed"), "third-party inline": tag("third-party source needed"),
    "request quotation": tag("quotation needed"), "definition needed": tag("definition needed"),
    "citation not found": tag("citation not found"), "page range too broad": tag("page range too broad"),
    "not in citation given": tag("not in citation given"), "ambiguous": tag("ambiguous"),
    "contradict-inline": tag("contradictory"), "cbignore": nothing, "bot": nothing,
    # ------------------------------------------------ met in the corpus beyond the census's top 40
    "longitem": first(), "nastaliq": first(), "nq": first(), "increase": literal("\u25b2"),
    "decrease": literal("\u25bc"), "steady": literal("\u25ac"), "height": text.height, "legend": text.legend,
    "-'": literal("'"), "\\": literal(" / "), "reg": literal("\u00ae"),
    "s-bef": text.succession("Preceded by ", "before"), "s-aft": text.succession("Succeeded by ", "after"),
    "s-ttl": text.succession_title, "succession box": text.succession_box, "s-off": nothing, "s-legal": nothing,
    "hauptartikel": blocks.german_hatnote("Hauptartikel: "), "siehe auch": blocks.german_hatnote("Siehe auch: "),
    "weiterleitungshinweis": blocks.redirect_note_de, "begriffsklärungshinweis": nothing,
    "further2": blocks.further_text("Further information: "),
    "distinguish2": blocks.further_text("Not to be confused with "),
    "anker": nothing, "normdaten": nothing, "normdata": nothing, "lesenswert": nothing, "exzellent": nothing,
    "personendaten": nothing, "naviblock": nothing, "navigationsleiste": nothing, "zh": text.zh, "datum": text.datum,
    "fn": notes.anchor_note, "fnz": joined(" "), "ens": text.english_de,
    "imdb name": text.at_site("IMDb"), "imdb title": text.at_site("IMDb"), "allmusic": text.at_site("AllMusic"),
    "iafd name": text.at_site("the Internet Adult Film Database"), "afdb name": text.at_site("the Adult Film Database"),
    "iaaf name": text.at_site("IAAF"), "facebook": text.at_site("Facebook"), "twitter": text.at_site("Twitter"),
    "youtube": text.at_site("YouTube"), "ted speaker": text.at_site("TED", 1),
    "reptiledatabase": text.at_site("The Reptile Database"),
    "wikivoyage": nothing, "sister project links": nothing, "commonskategorie-inlyn": nothing,
    "scottish football updater": nothing, "spfl-stadiums": nothing, "bmv": nothing, "ose": nothing,
    "scref": nothing, "geonet3": nothing, "irancensus2006": nothing, "stortingetbio": nothing,
    "representative": nothing, "medicinenet": nothing, "bluebook1993": nothing, "updated": nothing,
    "cas": wrap("CAS ", ""), "compact toc": nothing, "citequote": nothing, "inconsistent citations": nothing,
    "medrs": nothing, "engvarb": nothing, "expand list": nothing, "original research": nothing,
    "unreferenced section": nothing, "wide image": blocks.wide_image, "br separated entries": joined("\n"),
    "collapsible list": text.titled_list, "columns-list": joined(" "), "verwysings": notes.references,
    "fotnoteliste": notes.references, "einzelnachweise": notes.references, "spire": nothing, "weather box": nothing,
    "us census population": nothing, "geographic location": nothing, "iucn": nothing,
    # ------------------------------------------------ dashes
    **dict.fromkeys(["ndash", "en dash", "endash", "nbndash"], literal(EN_DASH)),
    **dict.fromkeys(["mdash", "em dash", "emdash", "mdashb", "mdash break", "emdashb"], literal(EM_DASH)),
    **dict.fromkeys(["snd", "spnd", "sndash", "spaced ndash", "spaced en dash", "spaced en-dash", "spaced dash",
                     "dash", "snd break", "sndashb", "spndb", "sndb"], literal(NBSP + EN_DASH + " ")),
    **dict.fromkeys(["spaced mdash", "spaced em dash", "spmdash", "smdash"], literal(NBSP + EM_DASH + " ")),
    **dict.fromkeys(["snds", "spaced ndashes", "spnds"], text.around(NBSP + EN_DASH + " ", " " + EN_DASH + NBSP)),
    **dict.fromkeys(["mdashes", "em dashes"], text.around(EM_DASH, EM_DASH)),
    "figure dash": literal("\u2012"), "minus": literal("\u2212"), "\u2212": literal("\u2212"),
    "quotation dash": literal("\u2015"), "horizontal bar": literal("\u2015"), "swung dash": literal("\u2053"),
    "hyphen": literal("-"), "tilde": literal("~"),
    # ------------------------------------------------ separators and spaces
    **dict.fromkeys(["bullet", "bull", "\u2022"], literal(" \u2022 ")),
    **dict.fromkeys(["dot", "\u00b7", "middot dot"], literal(" \u00b7 ")),
    "middot": literal("\u00b7"), "slash": literal(" / "), "spaced slash": literal(" / "), "amp": literal("&"),
    "colon": literal(":"), "semicolon": literal(";"), "comma": literal(","),
    **dict.fromkeys(["spaces", "nbsp"], text.spaces(NBSP)), "sp": literal(" "), "space": literal(" "),
    **dict.fromkeys(["thin space", "thinsp", "thinspace"], literal("\u2009")),
    **dict.fromkeys(["hair space", "hairsp"], literal("\u200a")),
    # ------------------------------------------------ font and style wrappers (their text, their looks let go), sic
    **dict.fromkeys(["font", "font size", "fs", "serif", "sans-serif", "monospace", "large", "huge", "bigger",
                     "midsize", "nobold", "noitalic", "underline", "u", "underlines", "strikethrough", "strike", "s",
                     "del", "ins", "overline", "highlight", "mark", "smallcaps", "small caps", "sc", "sc1", "sc2"],
                    text.styled()),
    "smalldiv": text.styled(frozenset({SMALL})), "b": text.styled(frozenset({BOLD})),
    "i": text.styled(frozenset({ITALIC})),
    "smallsup": text.styled(frozenset({SUP})),
    **dict.fromkeys(["font color", "font colour", "fontcolor", "fontcolour", "fc", "text color", "text colour",
                     "color", "colour", "colored text", "coloured text", "fgcolor"], text.last_of(3)),
    "resize": text.last_of(2),
    "sic": text.sic,
}

PREFIXES: tuple[tuple[str, Handler], ...] = (
    ("lang-", text.lang_prefixed), ("ipa-", text.ipa_prefixed),
    ("r from", nothing), ("r to", nothing), ("use ", nothing), ("pp-", nothing),
    ("inligtingskas", blocks.untitled_infobox), ("infoboks", blocks.untitled_infobox),
    ("defaultsort", nothing), ("sortierung", nothing), ("displaytitle", nothing),
    ("infobox", blocks.infobox), ("taxobox", blocks.infobox), ("automatic taxobox", blocks.infobox),
    ("speciesbox", blocks.infobox), ("navbox", nothing), ("cite ", cite_own_kind),
)

SUFFIXES: tuple[tuple[str, Handler], ...] = (
    (" icon", text.icon_language),
    ("stub", nothing), ("navbox", nothing), ("sidebar", nothing), ("footer", nothing), ("navigation", nothing),
)


def find_handler(name: str) -> Handler:
    """The handler of the template `name` (as `spans.norm_name` gives it): see the module docstring."""
    handler = EXACT.get(name)
    if handler is not None:
        return handler
    for prefix, handler in PREFIXES:
        if name.startswith(prefix):
            return handler
    for suffix, handler in SUFFIXES:
        if name.endswith(suffix):
            return handler
    return generic


def render_template(r: InlineRenderer, node: Template, marks: frozenset[str], out: list[Span],
                    top: bool) -> Block | None:
    """Render one template: spans go to `out`; a block template returns its block."""
    if r.depth > DEEP:
        # mwparserfromhell gives up nesting about 40 deep, leaving the rest of the text in odd
        # parameters: so deep down (never in a real article) a template shows all it holds.
        out.append(Span(braceless(str(node)).replace("|", " "), marks))
        return None
    raw_name = code_str(node.name)
    if raw_name.lstrip().startswith("#"):
        _parser_function(r, raw_name, node, marks, out)
        return None
    name = norm_name(raw_name)
    if name.startswith(("template:", "vorlage:")):
        name = name.split(":", 1)[1].strip()
    kind = CITATION_KINDS.get(name) or SHORT_KINDS.get(name)
    if kind:
        notes.cite_template(r, node, kind, marks, out)
        return None
    return find_handler(name)(Args(r, node, marks, out, top, name))


def _parser_function(r: InlineRenderer, raw_name: str, node: Template, marks: frozenset[str],
                     out: list[Span]) -> None:
    """``{{#if:...}}``, ``{{#tag:ref|...}}``, ``{{#time:...}}``...: the branch or text a reader sees."""
    head, _, rest = raw_name.strip().partition(":")
    head = head.lower()
    params = [p.value for p in node.params if not p.showkey]
    if head == "#tag" and rest.strip().lower() == "ref":
        _TAG_REF(Args(r, node, marks, out, False, head))
    elif head == "#tag":
        if params:
            r.render(params[0].nodes, marks, out)
    elif head in ("#if", "#ifexist", "#ifexpr"):
        branch = params[0] if rest.strip() and params else (params[1] if len(params) > 1 else None)
        if branch is not None:
            r.render(branch.nodes, marks, out)
    elif head in ("#ifeq",):
        if len(params) > 1:
            r.render(params[-1].nodes, marks, out)
    elif head in ("#time", "#timel"):
        # {{#time: format | date}}: the date, as written (never the format string "j F Y").
        if params:
            r.render(params[0].nodes, marks, out)
    elif head != "#invoke" and rest.strip():
        out.append(Span(rest.strip(), marks))


_TAG_REF = notes.footnote_params()  # {{#tag:ref|text|name=...}}: a footnote like <ref>
