"""Templates rendered the way Wikipedia shows them.

`render_template` is called for every template node.  Citation templates become footnotes
(see `inline.Renderer.cite_template`); prose templates (``asof``, ``convert``, ``nowrap``,
``lang-xx``, ``nihongo``, ``IPA``, ``'`` ...) render their text; maintenance templates
(``citation needed``, ``dead link``, ``who``, ``clarify`` ...) become a small TAG span such
as "[citation needed]"; block templates (quotes, hatnotes, reflist, infoboxes) give a block.

The generic rule for a template we do not know (documented in `generic`):

* a name ending in "stub", "navbox", "sidebar", "footer", or starting "infobox"/"taxobox" is
  page furniture: an infobox becomes a two-column table, the others show nothing;
* a name starting "cite " is a citation of its own kind;
* otherwise the template shows the text of its positional parameters, joined by spaces
  (named parameters are settings); with none it shows nothing.
A raw template is never printed.
"""

from __future__ import annotations

from typing import Callable

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from ..model import (BOLD, ITALIC, LINK, SMALL, SUP, TAG, Block, Hatnote, ListItem, Quote, References, Span,
                     Table, TableCell)
from . import prose
from .citations import CITATION_KINDS, SHORT_KINDS
from .dumpformat import BIB
from .inline import NO_MARKS, Renderer, code_str, finish, marker, norm_name

Handler = Callable[["Args"], "Block | None"]


class Args:
    """One template call: its renderer, marks, output list and parameters split once."""

    __slots__ = ("r", "node", "marks", "out", "positional", "named", "top")

    def __init__(self, r: Renderer, node: Template, marks: frozenset[str], out: list[Span], top: bool) -> None:
        self.r, self.node, self.marks, self.out, self.top = r, node, marks, out, top
        self.positional: list[Wikicode] = []
        self.named: dict[str, Wikicode] = {}
        for param in node.params:
            if param.showkey:
                self.named[code_str(param.name).strip().lower()] = param.value
            else:
                self.positional.append(param.value)

    def pos(self, index: int) -> Wikicode | None:
        """The positional parameter `index` (1-based), or None."""
        return self.positional[index - 1] if 0 < index <= len(self.positional) else None

    def text(self, index: int | str) -> str:
        """Plain text of a positional (int) or named (str) parameter, stripped."""
        code = self.pos(index) if isinstance(index, int) else self.named.get(index)
        return self.r.text(code).strip() if code is not None else ""

    def emit(self, code: Wikicode | None, extra: frozenset[str] = NO_MARKS) -> None:
        """Render a parameter's wikicode into the output."""
        if code is not None:
            self.r.render(code.nodes, self.marks | extra, self.out)

    def add(self, text: str, extra: frozenset[str] = NO_MARKS, target: str | None = None) -> None:
        if text:
            self.out.append(Span(text, self.marks | extra, target))

    def spans(self, code: Wikicode | None, extra: frozenset[str] = NO_MARKS) -> tuple[Span, ...]:
        return finish(self.r.spans(code, self.marks | extra)) if code is not None else ()


ITAL = frozenset({ITALIC})


def render_template(r: Renderer, node: Template, marks: frozenset[str], out: list[Span],
                    top: bool) -> Block | None:
    """Render one template: spans go to `out`; a block template returns its block."""
    raw_name = code_str(node.name)
    if raw_name.lstrip().startswith("#"):
        return _parser_function(r, raw_name, node, marks, out)
    name = norm_name(raw_name)
    if name.startswith(("template:", "vorlage:")):
        name = name.split(":", 1)[1].strip()
    kind = CITATION_KINDS.get(name) or SHORT_KINDS.get(name)
    if kind:
        r.cite_template(node, kind, marks, out)
        return None
    args = Args(r, node, marks, out, top)
    handler = HANDLERS.get(name)
    if handler is None and name.endswith(" icon") and len(name) <= 9:
        handler = _icon_language
    if handler is None:
        for prefix, prefixed in PREFIX_HANDLERS:
            if name.startswith(prefix):
                handler = prefixed
                break
    if handler is None:
        return generic(args, name)
    return handler(args)


def generic(a: Args, name: str) -> Block | None:
    """The documented rule for templates we do not know (see the module docstring)."""
    if name.startswith(("infobox", "taxobox", "automatic taxobox", "speciesbox")):
        return _infobox(a, name)
    if name.endswith(("stub", "navbox", "sidebar", "footer", "navigation")) or name.startswith("navbox"):
        return None
    if name.startswith("cite "):
        a.r.cite_template(a.node, name[5:], a.marks, a.out)
        return None
    first = True
    for code in a.positional:
        if not a.r.text(code).strip():
            continue
        if not first:
            a.add(" ")
        a.emit(code)
        first = False
    return None


# ---------------------------------------------------------------------------- small handlers


def _text(text: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(text)
    return handler


def _nothing(a: Args) -> None:
    return None


def _tag(label: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(f"[{label}]", frozenset({TAG}))
    return handler


def _tag_after_text(label: str) -> Handler:
    """``{{citation needed span|text}}``: the text, then the tag."""
    def handler(a: Args) -> None:
        a.emit(a.pos(1) or a.named.get("text"))
        a.add(f"[{label}]", frozenset({TAG}))
    return handler


def _first(extra: frozenset[str] = NO_MARKS) -> Handler:
    def handler(a: Args) -> None:
        a.emit(a.pos(1) or a.named.get("text"), extra)
    return handler


def _nth(index: int, extra: frozenset[str] = NO_MARKS) -> Handler:
    def handler(a: Args) -> None:
        a.emit(a.pos(index) or a.pos(len(a.positional)), extra)
    return handler


def _all_positional(separator: str) -> Handler:
    def handler(a: Args) -> None:
        first = True
        for code in a.positional:
            if not a.r.text(code):
                continue
            if not first:
                a.add(separator)
            a.emit(code)
            first = False
    return handler


def _wrap(before: str, after: str, index: int = 1) -> Handler:
    def handler(a: Args) -> None:
        a.add(before)
        a.emit(a.pos(index))
        a.add(after)
    return handler


def _quote(a: Args) -> Block | None:
    text = a.pos(1) or a.named.get("text") or a.named.get("quote")
    keys: tuple[int | str, ...] = ("sign", "author", 2, "source", 3, "title", 4)
    who = [a.text(key) for key in keys if a.text(key)]
    attribution = ", ".join(dict.fromkeys(who))
    spans = a.spans(text)
    if not a.top:
        a.add("\u201c")
        a.out.extend(spans)
        a.add("\u201d" + (f" \u2014 {attribution}" if attribution else ""))
        return None
    return Quote(spans, (Span(attribution),) if attribution else ())


def _hatnote(prefix: str, single: str | None = None) -> Handler:
    def handler(a: Args) -> Block | None:
        targets = [a.text(i) for i in range(1, len(a.positional) + 1) if a.text(i)]
        labels = [a.text(f"l{i}") or t for i, t in enumerate(targets, 1)]
        lead = single if (single and len(labels) == 1) else prefix
        spans: list[Span] = [Span(lead)]
        for i, (target, label) in enumerate(zip(targets, labels)):
            if i:
                spans.append(Span(" and " if i == len(targets) - 1 else ", "))
            spans.append(Span(label, frozenset({LINK}), target))
        if not targets:
            return None
        return _block_or_inline(a, Hatnote(tuple(spans)))
    return handler


def _hatnote_text(a: Args) -> Block | None:
    """``for``, ``about``, ``redirect``, ``distinguish``, ``other uses``: a sentence of the params."""
    name = norm_name(code_str(a.node.name))
    parts = [a.text(i) for i in range(1, len(a.positional) + 1)]
    if name == "for":
        text = f"For {parts[0] or 'other uses'}, see {', '.join(p for p in parts[1:] if p) or parts[0] + ' (disambiguation)'}."
    elif name == "about":
        subject = parts[0] if parts else ""
        rest = [p for p in parts[1:] if p]
        text = f"This article is about {subject}." if subject else ""
        for i in range(0, len(rest), 2):
            use, see = rest[i], rest[i + 1] if i + 1 < len(rest) else ""
            text += f" For {use}, see {see or use + ' (disambiguation)'}."
    elif name == "distinguish":
        text = "Not to be confused with " + " or ".join(p for p in parts if p) + "."
    elif name == "redirect":
        text = f"\u201c{parts[0] if parts else ''}\u201d redirects here." + (
            f" For {parts[1]}, see {parts[2] if len(parts) > 2 else parts[1]}." if len(parts) > 1 else "")
    else:
        text = "For other uses, see " + (parts[0] if parts else "the disambiguation page") + "."
    return _block_or_inline(a, Hatnote((Span(text.strip()),)))


def _block_or_inline(a: Args, block: Block) -> Block | None:
    if a.top:
        return block
    a.out.extend(getattr(block, "spans", ()))
    return None


def _references(a: Args) -> Block | None:
    refs = a.named.get("refs")
    if refs is not None:  # list-defined references: define the names, show nothing here
        a.r.define_list(refs)
    return References() if a.top else None


def _list_items(separator: str) -> Handler:
    def handler(a: Args) -> None:
        first = True
        for code in a.positional:
            if not a.r.text(code):
                continue
            if not first:
                a.add(separator)
            a.emit(code)
            first = False
    return handler


def _infobox(a: Args, name: str) -> Block | None:
    rows: list[tuple[TableCell, ...]] = []
    for key, code in a.named.items():
        value = a.spans(code)
        if not value or key.startswith(("image", "logo", "map", "alt", "caption", "coordinates", "pushpin")):
            continue
        rows.append((TableCell((Span(key.replace("_", " ").capitalize()),), header=True), TableCell(value)))
    title = a.text("name") or a.text("title") or name[len("infobox"):].strip().capitalize()
    if not rows:
        return None
    table = Table(tuple(rows), (Span(title),) if title else ())
    if a.top:
        return table
    return None


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


def _rp(a: Args) -> None:
    pages = a.text(1) or a.text("page") or a.text("pages") or a.text("p")
    if pages:
        a.add(":" + pages, frozenset({SUP}))


def _anchor_note(a: Args) -> None:
    """``{{note|a}}``, ``{{ref label|id|label}}``: a small label like "[a]"."""
    label = a.text(2) or a.text(1)
    if label:
        a.add(f"[{label}]", frozenset({SUP}))


def _footnote_params(kind: str = "note") -> Handler:
    """``{{ref|...}}``, ``{{ME-ref|...}}``, ``{{efn|...}}``: a footnote written as a template."""
    def handler(a: Args) -> None:
        name = a.text("name") or None
        if a.pos(1) is None and name:
            a.out.append(marker(a.r.ctx.registry.use_name(name)))
            return
        text = finish([span for i, code in enumerate(a.positional)
                       for span in ([Span(", ")] if i else []) + a.r.spans(code)])
        if not text:
            return
        key = " ".join(str(a.node).split()).lower()
        a.out.append(marker(a.r.ctx.registry.cite(kind, text, (), name, key)))
    return handler


def _named_ref(a: Args) -> None:
    """``{{r|name|name2}}``: reuse of named references."""
    for code in a.positional:
        name = a.r.text(code).strip()
        if name:
            a.out.append(marker(a.r.ctx.registry.use_name(name)))


def _bib(a: Args) -> None:
    """Debris: orphan citation parameters (see `dumpformat`); the block builder handles it."""
    a.r.cite_template(a.node, _guess_kind(a.named), a.marks, a.out)


def _guess_kind(named: dict[str, Wikicode]) -> str:
    if "journal" in named:
        return "journal"
    if "series" in named and "airdate" in named:
        return "episode"
    if "newspaper" in named or "work" in named:
        return "news"
    if "url" in named and "publisher" not in named:
        return "web"
    return "book"


def guess_kind(named: dict[str, Wikicode]) -> str:
    """The kind of a bibliography entry from its parameter names."""
    return _guess_kind(named)


def _tag_template(a: Args) -> None:
    a.emit(a.pos(1))


def _parser_function(r: Renderer, raw_name: str, node: Template, marks: frozenset[str],
                     out: list[Span]) -> None:
    head, _, rest = raw_name.strip().partition(":")
    head = head.lower()
    params = [p.value for p in node.params if not p.showkey]
    if head == "#tag" and rest.strip().lower() == "ref":
        a = Args(r, node, marks, out, False)
        _footnote_params()(a)
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
    elif head in ("#invoke",):
        return None
    elif rest.strip():
        out.append(Span(rest.strip(), marks))
    return None


# ---------------------------------------------------------------------------- the table

HANDLERS: dict[str, Handler] = {
    BIB: _bib,
    # punctuation and spacing
    "'": _text("'"), "'-": _text("'"), "' \"": _text("'\""), "\" '": _text("\"'"), "'s": _text("'s"),
    "-": _nothing, "clear": _nothing, "clr": _nothing, "clear left": _nothing, "clear right": _nothing,
    "-\"": _text("\""), "!": _text("|"), "=": _text("="), "!!": _text("||"), "pipe": _text("|"),
    "·": _text(" · "), "dot": _text(" · "), "middot": _text("·"), "•": _text(" • "), "bull": _text(" • "),
    "ndash": _text("–"), "mdash": _text("—"), "snd": _text(" – "), "spaced ndash": _text(" – "),
    "spnd": _text(" – "), "spaced en dash": _text(" – "), "nbsp": _text("\u00a0"), "break": _text("\n"),
    "em dash": _text("—"), "en dash": _text("–"), "shy": _nothing, "zwsp": _nothing, "wbr": _nothing,
    "hair space": _text("\u200a"), "thinsp": _text("\u2009"), "nbhyph": _text("-"),
    # text with style
    "nowrap": _first(), "nobr": _first(), "nowrap begin": _nothing, "nowrap end": _nothing, "j": _first(),
    "small": _first(frozenset({SMALL})), "smaller": _first(frozenset({SMALL})), "big": _first(),
    "larger": _first(), "resize": _nth(2), "em": _first(ITAL), "strong": _first(frozenset({BOLD})),
    "var": _first(ITAL), "code": _first(), "tt": _first(), "mono": _first(), "samp": _first(), "kbd": _first(),
    "abbr": _first(), "abbrlink": _first(), "smallcaps": _first(), "sc": _first(), "uc": _first(),
    "lc": _first(), "center": _first(), "italic": _first(ITAL), "bold": _first(frozenset({BOLD})),
    "sup": _first(frozenset({SUP})), "sub": _first(), "lang": _nth(2), "transl": _nth(3, ITAL),
    "transliteration": _nth(3, ITAL), "as written": _first(), "linktext": _all_positional(""),
    "ill": _first(), "interlanguage link": _first(), "interlanguage link multi": _first(), "ill2": _first(),
    "visible anchor": _first(), "vanchor": _first(), "anchor": _nothing, "anchors": _nothing,
    "sortname": lambda a: _all_positional(" ")(Args(a.r, _first_two(a.node), a.marks, a.out, a.top)),
    "sort": _nth(2), "hs": _nothing, "ntsh": _nothing, "dts": lambda a: prose.dts(a), "version": _nth(2),
    "ruby": _first(), "colorbox": _text("\u25a0"), "color box": _text("\u25a0"), "color": _nth(2),
    "flagicon": _nothing, "flagicon image": _nothing, "flag": _first(), "flagcountry": _first(),
    "flagu": _first(), "flag country": _first(), "country flag": _first(), "flagathlete": _first(),
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
    "coord": lambda a: prose.coord(a), "coor d": lambda a: prose.coord(a),
    "circa": _wrap("c.\u00a0", ""), "c.": _wrap("c.\u00a0", ""), "floruit": _wrap("fl.\u00a0", ""),
    "fl.": _wrap("fl.\u00a0", ""), "reign": _wrap("r.\u00a0", ""), "r.": _wrap("r.\u00a0", ""),
    "nee": _text("née"), "née": _text("née"), "frac": lambda a: prose.frac(a), "sfrac": lambda a: prose.frac(a),
    "fraction": lambda a: prose.frac(a), "us$": _wrap("US$", ""), "usd": _wrap("US$", ""),
    "gbp": _wrap("£", ""), "£": _wrap("£", ""), "€": _wrap("€", ""), "eur": _wrap("€", ""),
    "inrconvert": _wrap("₹", ""), "isbn": _wrap("ISBN ", ""), "issn": _wrap("ISSN ", ""),
    "oclc": _wrap("OCLC ", ""), "doi": _wrap("doi:", ""), "url": lambda a: prose.url(a),
    "official website": lambda a: prose.official_website(a), "official": lambda a: prose.official_website(a),
    "webarchive": lambda a: prose.webarchive(a), "wayback": lambda a: prose.webarchive(a),
    # ships
    "ship": _ship, "sms": _ship_prefix("SMS"), "hms": _ship_prefix("HMS"), "uss": _ship_prefix("USS"),
    "ss": _ship_prefix("SS"), "hmas": _ship_prefix("HMAS"), "hmcs": _ship_prefix("HMCS"),
    "rms": _ship_prefix("RMS"), "ns": _ship_prefix("NS"), "mv": _ship_prefix("MV"),
    # footnote-like
    "rp": _rp, "ref": _footnote_params(), "me-ref": _footnote_params(), "efn": _footnote_params(),
    "efn-ua": _footnote_params(), "efn-lr": _footnote_params(), "efn-la": _footnote_params(),
    "refn": _footnote_params(), "r": _named_ref, "note": _anchor_note, "ref label": _anchor_note,
    "note label": _anchor_note, "cref": _anchor_note, "cnote": _anchor_note,
    "reflist": _references, "references": _references, "refs": _references, "notelist": _references,
    "notes": _references, "reflist-talk": _nothing, "refbegin": _nothing, "refend": _nothing,
    "notelist-ua": _references, "notelist-lr": _references, "fnb": _anchor_note,
    # maintenance tags
    "citation needed": _tag("citation needed"), "cn": _tag("citation needed"), "fact": _tag("citation needed"),
    "dead link": _tag("dead link"), "deadlink": _tag("dead link"), "page needed": _tag("page needed"),
    "pn": _tag("page needed"), "clarify": _tag("clarification needed"), "who": _tag("who?"),
    "when": _tag("when?"), "which": _tag("which?"), "where": _tag("where?"), "why": _tag("why?"),
    "by whom": _tag("by whom?"), "according to whom": _tag("according to whom?"), "vague": _tag("vague"),
    "dubious": _tag("dubious – discuss"), "failed verification": _tag("failed verification"),
    "verification needed": _tag("verification needed"), "better source": _tag("better source needed"),
    "better source needed": _tag("better source needed"), "sic": _tag("sic"), "update after": _tag("needs update"),
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
    # block templates
    "quote": _quote, "bquote": _quote, "blockquote": _quote, "cquote": _quote, "quotation": _quote,
    "quote box": _quote, "rquote": _quote, "centered pull quote": _quote, "poemquote": _quote,
    "main": _hatnote("Main articles: ", "Main article: "), "main article": _hatnote("Main articles: ", "Main article: "),
    "see also": _hatnote("See also: "), "seealso": _hatnote("See also: "), "further": _hatnote("Further information: "),
    "further information": _hatnote("Further information: "), "details": _hatnote("For more details on this topic, see "),
    "for": _hatnote_text, "about": _hatnote_text, "distinguish": _hatnote_text, "redirect": _hatnote_text,
    "other uses": _hatnote_text, "otheruses": _hatnote_text,
    "ubl": _list_items("\n"), "ublist": _list_items("\n"), "unbulleted list": _list_items("\n"),
    "plainlist": _list_items("\n"), "plain list": _list_items("\n"), "bulleted list": _list_items("\n"),
    "bulleted": _list_items("\n"), "ordered list": _list_items("\n"), "hlist": _list_items(" · "),
    "flatlist": _list_items(" · "), "fs player": lambda a: prose.fs_player(a),
    # page furniture: nothing to read
    "portal": _nothing, "authority control": _nothing, "use mdy dates": _nothing, "use dmy dates": _nothing,
    "use british english": _nothing, "use american english": _nothing, "use indian english": _nothing,
    "commons": _nothing, "commonscat": _nothing, "commons category": _nothing, "commons cat": _nothing,
    "wikiquote": _nothing, "wiktionary": _nothing, "wikisource": _nothing, "div col": _nothing,
    "div col end": _nothing, "col-begin": _nothing, "col-end": _nothing, "col-break": _nothing, "col-2": _nothing,
    "defaultsort": _nothing, "toc": _nothing, "toc limit": _nothing, "tocright": _nothing, "short description": _nothing,
    "italic title": _nothing, "good article": _nothing, "featured article": _nothing, "pp-semi": _nothing,
    "pp-move-indef": _nothing, "pp-protected": _nothing, "r from other capitalisation": _nothing,
    "r from other capitalization": _nothing, "redirect category shell": _nothing, "coord missing": _nothing,
    "infobox finnish municipality/population count": _nothing, "lifetime": _nothing, "persondata": _nothing,
    "fs start": _nothing, "fs mid": _nothing, "fs end": _nothing, "reflist-end": _nothing,
    "multiple issues": _nothing, "refimprove": _nothing, "unreferenced": _nothing, "cleanup": _nothing,
    "orphan": _nothing, "more citations needed": _nothing, "pov": _nothing, "expand section": _nothing,
    "spoken wikipedia": _nothing, "wikisource author": _nothing, "s-start": _nothing, "s-end": _nothing,
    "clade": _nothing, "cleanup-reorganize": _nothing, "stub": _nothing, "navboxes": _nothing,
}

PREFIX_HANDLERS: list[tuple[str, Handler]] = [
    ("lang-", lambda a: _lang_x(prose.language_name(norm_name(code_str(a.node.name))[5:]))(a)),
    ("ipa-", lambda a: _ipa_x(prose.language_name(norm_name(code_str(a.node.name))[4:]))(a)),
    ("r from", _nothing), ("r to", _nothing), ("use ", _nothing), ("pp-", _nothing),
]


def _first_two(node: Template) -> Template:
    """``sortname|First|Last|dab=...``: a copy holding only the two name parts."""
    copy = Template(node.name)
    for param in node.params:
        if not param.showkey and len(copy.params) < 2:
            copy.add(code_str(param.name), param.value)
    return copy


# ---------------------------------------------------------------------------- more templates met in the corpus


def _icon_language(a: Args) -> None:
    """``{{fr icon}}`` -> "(in French)"."""
    code = norm_name(code_str(a.node.name)).split(" ", 1)[0]
    a.add(f"(in {prose.language_name(code)})")


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


def _german_hatnote(prefix: str) -> Handler:
    def handler(a: Args) -> Block | None:
        spans: list[Span] = [Span(prefix)]
        for i, code in enumerate(a.positional):
            target = a.r.text(code).strip()
            if target:
                spans.append(Span((", " if i else "") + target, frozenset({LINK}), target))
        return _block_or_inline(a, Hatnote(tuple(spans))) if len(spans) > 1 else None
    return handler


def _redirect_note_de(a: Args) -> Block | None:
    name = a.text(1)
    return _block_or_inline(a, Hatnote((Span(f"\u201e{name}\u201c leitet hierher weiter."),))) if name else None


def _further_text(prefix: str) -> Handler:
    def handler(a: Args) -> Block | None:
        spans = a.spans(a.pos(1))
        return _block_or_inline(a, Hatnote((Span(prefix),) + spans)) if spans else None
    return handler


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


def _wide_image(a: Args) -> Block | None:
    from ..model import ImageCaption

    block = ImageCaption(a.text(1), a.spans(a.pos(3)))
    if a.top:
        return block
    a.out.extend(block.spans)
    return None


def _legend(a: Args) -> None:
    a.add("\u25a0 ")
    a.emit(a.pos(2))


HANDLERS.update({
    "longitem": _first(), "nastaliq": _first(), "nq": _first(), "increase": _text("\u25b2"),
    "decrease": _text("\u25bc"), "steady": _text("\u25ac"), "height": _height, "legend": _legend,
    "emdash": _text("\u2014"), "-'": _text("'"), "\\": _text(" / "), "reg": _text("\u00ae"),
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
    "collapsible list": _list_items("\n"), "columns-list": _all_positional(" "), "verwysings": _references,
    "fotnoteliste": _references, "einzelnachweise": _references, "spire": _nothing, "weather box": _nothing,
    "us census population": _nothing, "geographic location": _nothing, "iucn": _nothing,
})
PREFIX_HANDLERS.extend([
    ("inligtingskas", lambda a: _infobox(a, "infobox")), ("infoboks", lambda a: _infobox(a, "infobox")),
    ("defaultsort", _nothing), ("sortierung", _nothing), ("displaytitle", _nothing),
])
