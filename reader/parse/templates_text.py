"""Template handlers that render running text: punctuation, styles, languages and
pronunciation, dates and measures, ships, maintenance tags, and prose templates met in the
corpus; and whole families of English Wikipedia's small text templates (`FAMILIES`): dashes,
separators and spaces (``{{snd}}``, ``{{snds|x}}``, ``{{mdashb}}``, ``{{spaces|3}}``), font and
style wrappers that show their text and let their looks go (``{{font|text=x}}``,
``{{font color|red|x}}``), and ``{{sic}}``.  A template of these families that showed nothing
ran the words around it together ("one{{mdashb}}two" read "onetwo"); one that showed its
settings printed a colour name ("{{font color|red|Red text}}" read "red Red text")."""

from __future__ import annotations

from mwparserfromhell.nodes import Template

from ..model import BOLD, ITALIC, SMALL, SUP, TAG
from . import prose
from .spans import code_str, norm_name
from .templates_base import (ITAL, Args, Handler, _all_positional, _first, _list_items, _nothing, _nth, _tag,
                             _tag_after_text, _text, _wrap)
from .templates_blocks import (_anchor_note, _further_text, _german_hatnote, _redirect_note_de, _references,
                               _wide_image)


def _lang_x(language: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(f"{language}: ")
        a.emit(a.pos(1) or a.named.get("text"), ITAL)
        if a.pos(2):
            a.add(", ")
            a.emit(a.pos(2), ITAL)
        if a.pos(3):
            a.add(", \u201c")
            a.emit(a.pos(3))
            a.add("\u201d")
    return handler


def _ipa_x(language: str) -> Handler:
    def handler(a: Args) -> None:
        label = a.text(2)
        prefix = "" if label == "" and a.pos(2) is not None else f"{language} pronunciation: "
        if label and label.lower() != "pron":
            prefix = label + ": " if label.lower() not in ("lang", "local") else f"{language}: "
        a.add(prefix + "[" + a.text(1) + "]")
    return handler


def _ipac(a: Args) -> None:
    parts = [a.r.text(code).strip() for code in a.positional]
    labels = {"lang": "English pronunciation: ", "pron": "pronounced ", "us": "US: ", "uk": "UK: ",
              "local": "locally ", "ipa": "", "also": "also "}
    prefix = ""
    while parts and parts[0].lower() in labels:
        prefix += labels[parts.pop(0).lower()]
    a.add(prefix + "/" + "".join(parts) + "/")


def _nihongo(a: Args) -> None:
    english, kanji, romaji = a.pos(1), a.text(2), a.text(3)
    extra = [a.text(4), a.text(5)]
    if english is not None and a.r.text(english).strip():
        a.emit(english)
        a.add(" ")
    inside = ", ".join(p for p in (kanji, romaji) if p)
    inside += "".join(", " + e for e in extra if e)
    if inside:
        a.add(f"({inside})")


def _ship(a: Args) -> None:
    prefix, name, tail = a.text(1), a.pos(2), a.text(3)
    if prefix:
        a.add(prefix + " ")
    a.emit(name, ITAL)
    if tail and a.text(4) not in ("2", "3") and a.text(4) != "1":
        a.add(f" ({tail})")


def _ship_prefix(prefix: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(prefix + " ")
        a.emit(a.pos(1), ITAL)
        if a.text(2) and a.text(3) not in ("1", "2"):
            a.add(f" ({a.text(2)})")
    return handler


def _titled_list(a: Args) -> None:
    """``{{Collapsible list|title=Members|a|b}}``: its title, then its items, a line each."""
    title = a.named.get("title")
    if title is not None and a.r.text(title).strip():
        a.emit(title)
        a.add("\n")
    _list_items("\n")(a)


def _rp(a: Args) -> None:
    pages = a.text(1) or a.text("page") or a.text("pages") or a.text("p")
    if pages:
        a.add(":" + pages, frozenset({SUP}))


def _first_two(node: Template) -> Template:
    """``sortname|First|Last|dab=...``: a copy holding only the two name parts."""
    copy = Template(node.name)
    for param in node.params:
        if not param.showkey and len(copy.params) < 2:
            copy.add(code_str(param.name), param.value)
    return copy


def _icon_language(a: Args) -> None:
    """``{{fr icon}}`` -> "(in French)"."""
    code = norm_name(code_str(a.node.name)).split(" ", 1)[0]
    a.add(f"(in {prose.language_name(code)})")


def _zh(a: Args) -> None:
    """German ``{{zh|v=huǒ hú 火狐|b=Feuerfuchs}}`` -> "huǒ hú 火狐 ‚Feuerfuchs‘"."""
    a.emit(a.named.get("v") or a.named.get("t") or a.named.get("s") or a.pos(1))
    meaning = a.text("b")
    if meaning:
        a.add(f" \u201a{meaning}\u2018")


def _datum(a: Args) -> None:
    """German ``{{Datum|25|08|2017}}`` -> "25. August 2017"."""
    day, month, year = a.text(1), a.text(2), a.text(3)
    number = int(month) if month.isdigit() and 1 <= int(month) <= 12 else 0
    a.add(f"{int(day)}. {prose.MONATE[number - 1]} {year}" if number and day.isdigit() else " ".join((day, month, year)))


def _english_de(a: Args) -> None:
    a.add("englisch ")
    a.emit(a.pos(1), ITAL)


def _at_site(site: str, name_index: int = 2) -> Handler:
    """External-link templates (``{{IMDb name|0604517|Britt Morgan}}``) -> "Britt Morgan at IMDb"."""
    def handler(a: Args) -> None:
        name = a.text("name") or a.text("title") or a.text(name_index)
        a.add(f"{name} at {site}" if name else site)
    return handler


def _height(a: Args) -> None:
    meters = a.text("m") or a.text("meter") or a.text("meters")
    if meters:
        a.add(render_height(meters))
        return
    feet, inches = a.text("ft") or a.text("feet"), a.text("in") or a.text("inch") or "0"
    if feet:
        a.add(f"{feet}\u00a0ft {inches}\u00a0in")


def render_height(meters: str) -> str:
    """"1.77" -> "1.77 m (5 ft 10 in)"."""
    try:
        total = float(meters) / 0.0254
    except ValueError:
        return meters + "\u00a0m"
    feet, inches = divmod(round(total), 12)
    return f"{meters}\u00a0m ({feet}\u00a0ft {inches}\u00a0in)"


def _legend(a: Args) -> None:
    a.add("\u25a0 ")
    a.emit(a.pos(2))


def _succession(prefix: str, key: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(prefix)
        a.emit(a.named.get(key) or a.pos(1))
    return handler


def _succession_title(a: Args) -> None:
    a.emit(a.named.get("title") or a.pos(1))
    years = a.text("years")
    if years:
        a.add(f" ({years})")


def _succession_box(a: Args) -> None:
    a.add("Preceded by ")
    a.emit(a.named.get("before"))
    a.add(" \u2014 ")
    a.emit(a.named.get("title"))
    if a.text("years"):
        a.add(f" ({a.text('years')})")
    a.add(" \u2014 Succeeded by ")
    a.emit(a.named.get("after"))


_ONLY_FIRST = _first(overflow=False)  # the other parameters are by design not text

def _numbered(label: str) -> Handler:
    """``{{US patent|5255452}}`` -> "U.S. Patent 5,255,452": a label and a number, grouped."""
    def handler(a: Args) -> None:
        number = a.text(1).strip()
        a.add(label + (f"{int(number):,}" if number.isdigit() else number))
    return handler


def _public_law(a: Args) -> None:
    """``{{USPL|106|26}}`` -> "Pub.L. 106–26" (a United States public law: congress, number)."""
    congress, number = a.text(1).strip(), a.text(2).strip()
    a.add(f"Pub.L. {congress}\u2013{number}" if number else f"Pub.L. {congress}")


TEXT_HANDLERS: dict[str, Handler] = {
    # punctuation and spacing
    "'": _text("'"), "'-": _text("'"), "' \"": _text("'\""), "\" '": _text("\"'"), "'s": _text("'s"),
    "-": _nothing, "clear": _nothing, "clr": _nothing, "clear left": _nothing, "clear right": _nothing,
    "-\"": _text("\""), "!": _text("|"), "=": _text("="), "!!": _text("||"), "pipe": _text("|"),
    "break": _text("\n"), "shy": _nothing, "zwsp": _nothing, "wbr": _nothing, "nbhyph": _text("-"),
    # dashes, separators, spaces, font and style wrappers, sic: see FAMILIES
    # text with style
    "nowrap": _first(), "nobr": _first(), "nowrap begin": _nothing, "nowrap end": _nothing, "j": _first(),
    "small": _first(frozenset({SMALL})), "smaller": _first(frozenset({SMALL})), "big": _first(),
    "larger": _first(), "em": _first(ITAL), "strong": _first(frozenset({BOLD})),
    "var": _first(ITAL), "code": _first(), "tt": _first(), "mono": _first(), "samp": _first(), "kbd": _first(),
    "abbr": _ONLY_FIRST, "abbrlink": _ONLY_FIRST, "uc": _first(),
    "lc": _first(), "center": _first(), "italic": _first(ITAL), "bold": _first(frozenset({BOLD})),
    "sup": _first(frozenset({SUP})), "sub": _first(), "lang": _nth(2), "transl": _nth(3, ITAL),
    "transliteration": _nth(3, ITAL), "as written": _first(), "linktext": _all_positional(""),
    "ill": _ONLY_FIRST, "interlanguage link": _ONLY_FIRST, "interlanguage link multi": _ONLY_FIRST,
    "ill2": _ONLY_FIRST, "visible anchor": _ONLY_FIRST, "vanchor": _ONLY_FIRST, "anchor": _nothing, "anchors": _nothing,
    "sortname": lambda a: _all_positional(" ")(Args(a.r, _first_two(a.node), a.marks, a.out, a.top)),
    "sort": _nth(2), "hs": _nothing, "ntsh": _nothing, "dts": lambda a: prose.dts(a), "version": _nth(2),
    "ruby": _first(), "colorbox": _text("\u25a0"), "color box": _text("\u25a0"),
    "flagicon": _nothing, "flagicon image": _nothing, "flag": _ONLY_FIRST, "flagcountry": _ONLY_FIRST,
    "flagu": _ONLY_FIRST, "flag country": _ONLY_FIRST, "country flag": _ONLY_FIRST, "flagathlete": _ONLY_FIRST,
    # {{PakSen|X}} counts party X's senators (a lookup we cannot do): X is shown
    "baseball primary style": _nothing, "paksen": _first(),
    # pronunciation and languages
    "ipa": _first(), "ipa-all": _wrap("[", "]"), "ipac-en": _ipac, "ipa-en": _ipa_x("English"),
    "ipa-sv": _ipa_x("Swedish"), "ipa-fi": _ipa_x("Finnish"), "ipa-de": _ipa_x("German"),
    "ipa-fr": _ipa_x("French"), "ipa-es": _ipa_x("Spanish"), "ipa-it": _ipa_x("Italian"),
    "ipa-nl": _ipa_x("Dutch"), "ipa-pl": _ipa_x("Polish"), "ipa-ru": _ipa_x("Russian"),
    "ipa-pt": _ipa_x("Portuguese"), "ipa-ar": _ipa_x("Arabic"), "ipa-el": _ipa_x("Greek"),
    "ipa-ga": _ipa_x("Irish"), "ipa-cy": _ipa_x("Welsh"), "ipa-no": _ipa_x("Norwegian"),
    "ipa-da": _ipa_x("Danish"), "ipa-ja": _ipa_x("Japanese"), "ipa-zh": _ipa_x("Chinese"),
    "respell": _all_positional("-"), "pronunciation": _first(), "audio": _nth(2), "nihongo": _nihongo,
    "nihongo2": _first(), "nihongo3": _nihongo,
    # dates, numbers, measures
    "as of": lambda a: prose.as_of(a), "asof": lambda a: prose.as_of(a),
    "convert": lambda a: prose.convert(a), "cvt": lambda a: prose.convert(a),
    "date": lambda a: prose.date(a), "formatdate": lambda a: prose.format_date_de(a),
    "birth date": lambda a: prose.birth_date(a, False), "birth date and age": lambda a: prose.birth_date(a, True),
    "bda": lambda a: prose.birth_date(a, True), "death date": lambda a: prose.birth_date(a, False),
    "death date and age": lambda a: prose.death_date_and_age(a), "start date": lambda a: prose.birth_date(a, False),
    "end date": lambda a: prose.birth_date(a, False), "start date and age": lambda a: prose.birth_date(a, True),
    "film date": lambda a: prose.birth_date(a, False), "age": lambda a: prose.age(a),
    "age in years": lambda a: prose.age(a),
    "coord": lambda a: prose.coord(a), "coor d": lambda a: prose.coord(a),
    "circa": _wrap("c.\u00a0", ""), "c.": _wrap("c.\u00a0", ""), "floruit": _wrap("fl.\u00a0", ""),
    "fl.": _wrap("fl.\u00a0", ""), "reign": _wrap("r.\u00a0", ""), "r.": _wrap("r.\u00a0", ""),
    "nee": _text("née"), "née": _text("née"), "frac": lambda a: prose.frac(a), "sfrac": lambda a: prose.frac(a),
    "fraction": lambda a: prose.frac(a), "us$": _wrap("US$", ""), "usd": _wrap("US$", ""),
    "dollarsign": _wrap("", "$"), "us patent": _numbered("U.S. Patent "), "uspl": _public_law,
    "gbp": _wrap("£", ""), "£": _wrap("£", ""), "€": _wrap("€", ""), "eur": _wrap("€", ""),
    "inrconvert": _wrap("₹", ""), "isbn": _wrap("ISBN ", ""), "issn": _wrap("ISSN ", ""),
    "oclc": _wrap("OCLC ", ""), "doi": _wrap("doi:", ""), "url": lambda a: prose.url(a),
    "official website": lambda a: prose.official_website(a), "official": lambda a: prose.official_website(a),
    "webarchive": lambda a: prose.webarchive(a), "wayback": lambda a: prose.webarchive(a),
    # ships
    "ship": _ship, "sms": _ship_prefix("SMS"), "hms": _ship_prefix("HMS"), "uss": _ship_prefix("USS"),
    "ss": _ship_prefix("SS"), "hmas": _ship_prefix("HMAS"), "hmcs": _ship_prefix("HMCS"),
    "rms": _ship_prefix("RMS"), "ns": _ship_prefix("NS"), "mv": _ship_prefix("MV"),
    "rp": _rp,
    # maintenance tags
    "citation needed": _tag("citation needed"), "cn": _tag("citation needed"), "fact": _tag("citation needed"),
    "dead link": _tag("dead link"), "deadlink": _tag("dead link"), "page needed": _tag("page needed"),
    "pn": _tag("page needed"), "clarify": _tag("clarification needed"),
    "clarification needed": _tag("clarification needed"), "who": _tag("who?"),
    "when": _tag("when?"), "which": _tag("which?"), "where": _tag("where?"), "why": _tag("why?"),
    "by whom": _tag("by whom?"), "according to whom": _tag("according to whom?"), "vague": _tag("vague"),
    "dubious": _tag("dubious – discuss"), "failed verification": _tag("failed verification"),
    "verification needed": _tag("verification needed"), "better source": _tag("better source needed"),
    "better source needed": _tag("better source needed"), "update after": _tag("needs update"),
    "update inline": _tag("needs update"), "or": _tag("original research?"),
    "original research inline": _tag("original research?"), "nonspecific": _tag("non-specific"),
    "year needed": _tag("year needed"), "full citation needed": _tag("full citation needed"),
    "unreliable source?": _tag("unreliable source?"), "self-published inline": _tag("self-published source"),
    "specify": _tag("specify"), "examples": _tag("examples needed"), "clarify span": _tag_after_text("clarification needed"),
    "citation needed span": _tag_after_text("citation needed"), "when?": _tag("when?"), "who?": _tag("who?"),
    "disputed inline": _tag("disputed – discuss"), "peacock term": _tag("peacock term"),
    "weasel inline": _tag("weasel words"), "irrelevant citation": _tag("irrelevant citation"),
    "primary source inline": _tag("non-primary source needed"), "third-party inline": _tag("third-party source needed"),
    "request quotation": _tag("quotation needed"), "definition needed": _tag("definition needed"),
    "citation not found": _tag("citation not found"), "page range too broad": _tag("page range too broad"),
    "not in citation given": _tag("not in citation given"), "ambiguous": _tag("ambiguous"),
    "contradict-inline": _tag("contradictory"), "cbignore": _nothing, "bot": _nothing,
}

# Templates met in the corpus beyond the census's top 40.
TEXT_HANDLERS.update({
    "longitem": _first(), "nastaliq": _first(), "nq": _first(), "increase": _text("\u25b2"),
    "decrease": _text("\u25bc"), "steady": _text("\u25ac"), "height": _height, "legend": _legend,
    "-'": _text("'"), "\\": _text(" / "), "reg": _text("\u00ae"),
    "s-bef": _succession("Preceded by ", "before"), "s-aft": _succession("Succeeded by ", "after"),
    "s-ttl": _succession_title, "succession box": _succession_box, "s-off": _nothing, "s-legal": _nothing,
    "hauptartikel": _german_hatnote("Hauptartikel: "), "siehe auch": _german_hatnote("Siehe auch: "),
    "weiterleitungshinweis": _redirect_note_de, "begriffsklärungshinweis": _nothing,
    "further2": _further_text("Further information: "), "distinguish2": _further_text("Not to be confused with "),
    "anker": _nothing, "normdaten": _nothing, "normdata": _nothing, "lesenswert": _nothing, "exzellent": _nothing,
    "personendaten": _nothing, "naviblock": _nothing, "navigationsleiste": _nothing, "zh": _zh, "datum": _datum,
    "fn": _anchor_note, "fnz": _all_positional(" "), "ens": _english_de,
    "imdb name": _at_site("IMDb"), "imdb title": _at_site("IMDb"), "allmusic": _at_site("AllMusic"),
    "iafd name": _at_site("the Internet Adult Film Database"), "afdb name": _at_site("the Adult Film Database"),
    "iaaf name": _at_site("IAAF"), "facebook": _at_site("Facebook"), "twitter": _at_site("Twitter"),
    "youtube": _at_site("YouTube"), "ted speaker": _at_site("TED", 1), "reptiledatabase": _at_site("The Reptile Database"),
    "wikivoyage": _nothing, "sister project links": _nothing, "commonskategorie-inlyn": _nothing,
    "scottish football updater": _nothing, "spfl-stadiums": _nothing, "bmv": _nothing, "ose": _nothing,
    "scref": _nothing, "geonet3": _nothing, "irancensus2006": _nothing, "stortingetbio": _nothing,
    "representative": _nothing, "medicinenet": _nothing, "bluebook1993": _nothing, "updated": _nothing,
    "cas": _wrap("CAS ", ""), "compact toc": _nothing, "citequote": _nothing, "inconsistent citations": _nothing,
    "medrs": _nothing, "engvarb": _nothing, "expand list": _nothing, "original research": _nothing,
    "unreferenced section": _nothing, "wide image": _wide_image, "br separated entries": _list_items("\n"),
    "collapsible list": lambda a: _titled_list(a), "columns-list": _all_positional(" "), "verwysings": _references,
    "fotnoteliste": _references, "einzelnachweise": _references, "spire": _nothing, "weather box": _nothing,
    "us census population": _nothing, "geographic location": _nothing, "iucn": _nothing,
})

TEXT_PREFIXES: list[tuple[str, Handler]] = [
    ("lang-", lambda a: _lang_x(prose.language_name(norm_name(code_str(a.node.name))[5:]))(a)),
    ("ipa-", lambda a: _ipa_x(prose.language_name(norm_name(code_str(a.node.name))[4:]))(a)),
]


# ---------------------------------------------------------------------------- families

_EN, _EM = "\u2013", "\u2014"
_NBSP = "\u00a0"


def _around(before: str, after: str) -> Handler:
    """``{{snds|text}}`` -> " – text – ": the text between two fixed strings."""
    def handler(a: Args) -> None:
        a.add(before)
        a.emit(a.pos(1) or a.named.get("text"))
        a.add(after)
    return handler


def _spaces(character: str) -> Handler:
    """``{{spaces|3}}``: that many spaces (one without a count)."""
    def handler(a: Args) -> None:
        count = a.text(1)
        a.add(character * (min(int(count), 20) if count.isdigit() else 1))
    return handler


def _styled(extra: frozenset[str] = frozenset()) -> Handler:
    """A style wrapper: its text (``text=`` or the first parameter), the style let go."""
    def handler(a: Args) -> None:
        a.emit(a.named.get("text") or a.named.get("1") or a.pos(1), extra)
    return handler


def _last_of(count: int) -> Handler:
    """A wrapper whose first parameters are settings (``{{font color|red|text}}``,
    ``{{font color|red|yellow|text}}``, ``{{resize|90%|text}}``): its last one, up to `count`."""
    def handler(a: Args) -> None:
        text = a.named.get("text")
        if text is None:
            present = [code for code in a.positional[:count] if a.r.text(code).strip()]
            text = present[-1] if present else None
        a.emit(text)
    return handler


def _sic(a: Args) -> None:
    """``{{sic|Teh}}`` -> "Teh [sic]"; ``{{sic|?|Teh}}`` -> "Teh [sic?]"; ``hide=y`` shows the word only."""
    parts = list(a.positional)
    doubt = bool(parts) and a.r.text(parts[0]).strip() == "?"
    if doubt:
        parts = parts[1:]
    for code in parts:
        a.emit(code)
    if a.text("hide").lower() in ("y", "yes", "true", "1"):
        return
    a.add((" " if parts else "") + ("[sic?]" if doubt else "[sic]"), frozenset({TAG}))


DASHES: dict[str, Handler] = {
    **dict.fromkeys(["ndash", "en dash", "endash", "nbndash"], _text(_EN)),
    **dict.fromkeys(["mdash", "em dash", "emdash", "mdashb", "mdash break", "emdashb"], _text(_EM)),
    **dict.fromkeys(["snd", "spnd", "sndash", "spaced ndash", "spaced en dash", "spaced en-dash", "spaced dash",
                     "dash", "snd break", "sndashb", "spndb", "sndb"], _text(_NBSP + _EN + " ")),
    **dict.fromkeys(["spaced mdash", "spaced em dash", "spmdash", "smdash"], _text(_NBSP + _EM + " ")),
    **dict.fromkeys(["snds", "spaced ndashes", "spnds"], _around(_NBSP + _EN + " ", " " + _EN + _NBSP)),
    **dict.fromkeys(["mdashes", "em dashes"], _around(_EM, _EM)),
    "figure dash": _text("\u2012"), "minus": _text("\u2212"), "\u2212": _text("\u2212"),
    "quotation dash": _text("\u2015"), "horizontal bar": _text("\u2015"), "swung dash": _text("\u2053"),
    "hyphen": _text("-"), "tilde": _text("~"),
}
SEPARATORS: dict[str, Handler] = {
    **dict.fromkeys(["bullet", "bull", "\u2022"], _text(" \u2022 ")),
    **dict.fromkeys(["dot", "\u00b7", "middot dot"], _text(" \u00b7 ")),
    "middot": _text("\u00b7"), "slash": _text(" / "), "spaced slash": _text(" / "), "amp": _text("&"),
    "colon": _text(":"), "semicolon": _text(";"), "comma": _text(","),
    **dict.fromkeys(["spaces", "nbsp"], _spaces(_NBSP)), "sp": _text(" "), "space": _text(" "),
    **dict.fromkeys(["thin space", "thinsp", "thinspace"], _text("\u2009")),
    **dict.fromkeys(["hair space", "hairsp"], _text("\u200a")),
}
FONTS: dict[str, Handler] = {
    **dict.fromkeys(["font", "font size", "fs", "serif", "sans-serif", "monospace", "large", "huge", "bigger",
                     "midsize", "nobold", "noitalic", "underline", "u", "underlines", "strikethrough", "strike", "s",
                     "del", "ins", "overline", "highlight", "mark", "smallcaps", "small caps", "sc", "sc1", "sc2"],
                    _styled()),
    "smalldiv": _styled(frozenset({SMALL})), "b": _styled(frozenset({BOLD})), "i": _styled(frozenset({ITALIC})),
    "smallsup": _styled(frozenset({SUP})),
    **dict.fromkeys(["font color", "font colour", "fontcolor", "fontcolour", "fc", "text color", "text colour",
                     "color", "colour", "colored text", "coloured text", "fgcolor"], _last_of(3)),
    "resize": _last_of(2),
    "sic": _sic,
}
FAMILIES: dict[str, Handler] = {**DASHES, **SEPARATORS, **FONTS}
