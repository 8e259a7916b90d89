"""Template handlers that give blocks or footnotes: quotes, hatnotes, reference lists,
infoboxes, footnote-like templates, and the dump's orphan-parameter bibliography entries."""

from __future__ import annotations

import re

from mwparserfromhell.wikicode import Wikicode

from ..model import LINK, SUP, Block, Hatnote, ImageCaption, Quote, References, Span, Table, TableCell, plain
from . import prose
from .dumpformat import BIB
from .spans import code_str, finish, norm_name
from .templates_base import Args, Handler, _block_or_inline, _list_items, _nothing


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


_LIST_GROUPS = {"notelist": "lower-alpha", "notelist-ua": "upper-alpha", "notelist-lr": "lower-roman",
                "notelist-ur": "upper-roman", "notelist-lg": "lower-greek", "efn list": "lower-alpha"}


def _group(a: Args) -> str:
    """A ``group=`` parameter's value, unquoted (``group="nb"`` is the group nb, as in MediaWiki)."""
    return a.text("group").strip("\"' ")


def _references(a: Args) -> Block | None:
    """``{{reflist}}``, ``{{notelist}}``...: the list of a group's footnotes (see `citations`)."""
    name = norm_name(code_str(a.node.name))
    group = _group(a) or _LIST_GROUPS.get(name, "")
    refs = a.named.get("refs")
    if refs is not None:  # list-defined references: define the names, show nothing here
        a.r.define_list(refs, group)
    for value in a.positional:
        # Some pages put them in unnamed ({{Reflist|<ref name=...>...</ref>}}, earthquakes):
        # a positional value is otherwise a column count or width, never a ref.
        if any(code_str(tag.tag).strip().lower() == "ref" for tag in value.filter_tags(recursive=False)):
            a.r.define_list(value, group)
    if not a.top or a.r.quiet:
        return None
    return References(group, a.r.ctx.registry.close_list(group))


_INFOBOX_SKIP_PREFIXES = ("image", "logo", "map", "alt", "caption", "coordinates", "pushpin", "flag", "shield",
                          "seal", "dot", "unit pref", "embed", "module", "signature", "bild", "karte", "static image",
                          "coa ", "latd", "latm", "lats", "latns", "longd", "longm", "longs", "longew")
_INFOBOX_SKIP_SUFFIXES = ("size", "width", "alt", "style", "upright", "link", "class", "align", "caption", " res",
                          " pic", "image")
_PAIRED = re.compile(r"^(.*?)(type|title)(\d*)$")
_BLANK = re.compile(r"^(blank\d*) name( sec\d+)?$")  # blank_name / blank_info: a label and its value
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|svg|gif|tiff?|webp)$", re.IGNORECASE)
# A parameter name's last word, when a unit ("area_total_km2"): shown as "Area total (km²)".
_UNIT_WORDS = {"km2": "km²", "sqmi": "sq mi", "sq mi": "sq mi", "sq km": "km²", "sq ft": "sq ft", "m": "m",
               "ft": "ft", "km": "km", "mi": "mi", "m2": "m²", "ha": "ha", "acre": "acres", "acres": "acres"}
_ACRONYMS = {"utc", "dst", "gdp", "hdi", "mp", "mps", "mpp", "mpps", "nts", "gnbc", "iso", "fips", "gnis", "cma", "url"}


def _infobox(a: Args, name: str) -> Block | None:
    """An infobox as a two-column table of its fields (layout settings and images left out).

    Paired fields (``subdivision_type1 = Province`` / ``subdivision_name1 = Ontario``,
    ``blank_name = NTS Map`` / ``blank_info = 030M11``) make one row "Province | Ontario", as
    Wikipedia shows them; an ``area_footnotes`` field's markers follow the first "area" row."""
    named = {key.replace("_", " ").strip(): code for key, code in a.named.items() if not key.isdigit()}
    used: set[str] = set()
    rows: list[tuple[TableCell, ...]] = []
    keys: list[str] = []  # the field each row shows
    notes: list[tuple[str, tuple[Span, ...]]] = []  # ("area", markers) of "area_footnotes"
    for key, code in named.items():
        if key in used or key.startswith(_INFOBOX_SKIP_PREFIXES) or key.endswith(_INFOBOX_SKIP_SUFFIXES):
            continue
        label = _label(key)
        partner = _partner(key, named)
        if partner is not None:
            used.add(partner)
            label, code = a.r.text(code).strip(), named[partner]
            if not label:
                continue
        value = a.spans(code)
        if not value or _IMAGE_FILE.search(plain(value).strip()):
            continue
        if key.endswith(" footnotes"):
            notes.append((key[: -len(" footnotes")], value))
            continue
        rows.append((TableCell((Span(label),), header=True), TableCell(value)))
        keys.append(key)
    for stem, value in notes:
        # "area_footnotes = <ref>": its marker follows the first "area ..." row, wherever written.
        at = next((i for i, key in enumerate(keys) if key.startswith(stem + " ") or key == stem), None)
        if at is None:
            rows.append((TableCell((Span(_label(stem)),), header=True), TableCell(value)))
        else:
            label_cell, value_cell = rows[at]
            rows[at] = (label_cell, TableCell(value_cell.spans + value))
    title = a.text("name") or a.text("title") or name[len("infobox"):].strip().capitalize()
    if not rows or not a.top:
        return None
    return Table(tuple(rows), (Span(title),) if title else ())


def _partner(key: str, named: dict[str, Wikicode]) -> str | None:
    """The field holding the value of a field that is a label (``..._type1``, ``blank_name``)."""
    blank = _BLANK.match(key)
    if blank:
        partner = f"{blank.group(1)} info{blank.group(2) or ''}"
        return partner if partner in named else None
    match = _PAIRED.match(key)
    if not match:
        return None
    stem, number = match.group(1), match.group(3)
    return next((k for k in (stem + "name" + number, stem + "date" + number, stem.rstrip() + number)
                 if k in named and k != key), None)


def _label(key: str) -> str:
    """A parameter name as a label: "area total km2" -> "Area total (km²)", "utc offset dst" ->
    "UTC offset DST", "office1" -> "Office"."""
    words = key.split()
    unit = ""
    if len(words) > 2 and " ".join(words[-2:]) in _UNIT_WORDS:  # "area total sq mi"
        unit = f" ({_UNIT_WORDS[' '.join(words[-2:])]})"
        del words[-2:]
    elif len(words) > 1 and words[-1] in _UNIT_WORDS:
        unit = f" ({_UNIT_WORDS[words.pop()]})"
    elif words:
        words[-1] = words[-1].rstrip("0123456789") or words[-1]
    words = [w.upper() if w in _ACRONYMS else w for w in words]
    text = " ".join(words) + unit
    return text[:1].upper() + text[1:] if text else key


def _anchor_note(a: Args) -> None:
    """``{{note|a}}``, ``{{ref label|id|label}}``: a small label like "[a]"."""
    label = a.text(2) or a.text(1)
    if label:
        a.add(f"[{label}]", frozenset({SUP}))


def _footnote_params(kind: str = "note", group: str | None = None) -> Handler:
    """``{{ref|...}}``, ``{{ME-ref|...}}``, ``{{efn|...}}``: a footnote written as a template, in
    `group` (``{{efn}}``: "lower-alpha", markers [a], [b]...), or the one its ``group=`` names."""
    def handler(a: Args) -> None:
        if a.r.quiet:
            return  # only its text is being looked at: register nothing
        registry = a.r.ctx.registry
        name = a.text("name") or None
        in_group = _group(a) if group is None else group
        if a.pos(1) is None and a.named.get("text") is None and name:
            a.out.append(registry.marker(registry.use_name(name, in_group)))
            return
        key = " ".join(str(a.node).split()).lower()
        known = registry.reuse(name, key, in_group)
        if known is not None:
            a.out.append(registry.marker(known))
            return
        a.r.in_ref += 1  # citation templates inside are its text, not footnotes of their own
        try:
            values = list(a.positional) or [a.named["text"]] if "text" in a.named else list(a.positional)
            text = finish([span for i, code in enumerate(values)
                           for span in ([Span(", ")] if i else []) + a.r.spans(code)])
        finally:
            a.r.in_ref -= 1
        if text:
            a.out.append(registry.marker(registry.cite(kind, text, (), name, key, in_group)))
    return handler


def _named_ref(a: Args) -> None:
    """``{{r|name|name2}}``: reuse of named references."""
    if a.r.quiet:
        return
    for code in a.positional:
        name = a.r.text(code).strip()
        if name:
            a.out.append(a.r.ctx.registry.marker(a.r.ctx.registry.use_name(name, _group(a))))


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


def _wide_image(a: Args) -> Block | None:
    block = ImageCaption(a.text(1), a.spans(a.pos(3)))
    if a.top:
        return block
    a.out.extend(block.spans)
    return None


BLOCK_HANDLERS: dict[str, Handler] = {
    # bib
    BIB: _bib,
    # footnote-like
    "ref": _footnote_params(group=""), "me-ref": _footnote_params(group=""),
    "efn": _footnote_params(group="lower-alpha"), "efn-la": _footnote_params(group="lower-alpha"),
    "efn-ua": _footnote_params(group="upper-alpha"), "efn-lr": _footnote_params(group="lower-roman"),
    "efn-ur": _footnote_params(group="upper-roman"), "efn-lg": _footnote_params(group="lower-greek"),
    "refn": _footnote_params(), "r": _named_ref, "note": _anchor_note, "ref label": _anchor_note,
    "note label": _anchor_note, "cref": _anchor_note, "cnote": _anchor_note,
    "reflist": _references, "references": _references, "refs": _references, "notelist": _references,
    "notes": _references, "reflist-talk": _nothing, "refbegin": _nothing, "refend": _nothing,
    "notelist-ua": _references, "notelist-lr": _references, "fnb": _anchor_note,
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
