"""Template handlers that give blocks: quotes, hatnotes, infoboxes, wide images, and the dump's
orphan-parameter bibliography entries.  Each is a row of the table in `templates`; inside running
text (a table cell, a parameter) a block handler appends its spans instead."""

from __future__ import annotations

import re

from mwparserfromhell.wikicode import Wikicode

from ..model import LINK, Block, Hatnote, ImageCaption, Quote, Span, Table, TableCell, plain
from .definitions import ACRONYMS, INFOBOX_SKIP_PREFIXES, INFOBOX_SKIP_SUFFIXES, UNIT_WORDS
from .footnotes import cite_template
from .templates_base import Args, Handler, block_or_inline


def quote(a: Args) -> Block | None:
    """``{{quote|text|who}}`` and its kin: a `Quote` block with its attribution."""
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


def hatnote(prefix: str, single: str | None = None) -> Handler:
    """``{{main|A|B}}`` -> "Main articles: A and B" (`single` as the lead for one target), linked."""
    def handler(a: Args) -> Block | None:
        targets = [a.text(i) for i in range(1, len(a.positional) + 1) if a.text(i)]
        labels = [a.text(f"l{i}") or t for i, t in enumerate(targets, 1)]
        lead = single if (single and len(labels) == 1) else prefix
        spans: list[Span] = [Span(lead)]
        for i, (target, label) in enumerate(zip(targets, labels, strict=True)):
            if i:
                spans.append(Span(" and " if i == len(targets) - 1 else ", "))
            spans.append(Span(label, frozenset({LINK}), target))
        if not targets:
            return None
        return block_or_inline(a, Hatnote(tuple(spans)))
    return handler


def hatnote_text(a: Args) -> Block | None:
    """``for``, ``about``, ``redirect``, ``distinguish``, ``other uses``: a sentence of the params."""
    name = a.name
    parts = [a.text(i) for i in range(1, len(a.positional) + 1)]
    if name == "for":
        see = ", ".join(p for p in parts[1:] if p) or parts[0] + " (disambiguation)"
        text = f"For {parts[0] or 'other uses'}, see {see}."
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
    return block_or_inline(a, Hatnote((Span(text.strip()),)))


_PAIRED = re.compile(r"^(.*?)(type|title)(\d*)$")
_BLANK = re.compile(r"^(blank\d*) name( sec\d+)?$")  # blank_name / blank_info: a label and its value
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|svg|gif|tiff?|webp)$", re.IGNORECASE)


def infobox(a: Args) -> Block | None:
    """``{{Infobox person|...}}``: an infobox titled by its ``name=``, ``title=`` or template name."""
    return _infobox(a, a.name)


def untitled_infobox(a: Args) -> Block | None:
    """An infobox whose template name is no title (Afrikaans ``Inligtingskas``, Danish ``Infoboks``)."""
    return _infobox(a, "infobox")


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
        if key in used or key.startswith(INFOBOX_SKIP_PREFIXES) or key.endswith(INFOBOX_SKIP_SUFFIXES):
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
    if len(words) > 2 and " ".join(words[-2:]) in UNIT_WORDS:  # "area total sq mi"
        unit = f" ({UNIT_WORDS[' '.join(words[-2:])]})"
        del words[-2:]
    elif len(words) > 1 and words[-1] in UNIT_WORDS:
        unit = f" ({UNIT_WORDS[words.pop()]})"
    elif words:
        words[-1] = words[-1].rstrip("0123456789") or words[-1]
    words = [w.upper() if w in ACRONYMS else w for w in words]
    text = " ".join(words) + unit
    return text[:1].upper() + text[1:] if text else key


def bib(a: Args) -> None:
    """Debris: orphan citation parameters (see `dumpformat`); the block builder handles it."""
    cite_template(a.r, a.node, guess_kind(a.named), a.marks, a.out)


def guess_kind(named: dict[str, Wikicode]) -> str:
    """The kind of a bibliography entry from its parameter names."""
    if "journal" in named:
        return "journal"
    if "series" in named and "airdate" in named:
        return "episode"
    if "newspaper" in named or "work" in named:
        return "news"
    if "url" in named and "publisher" not in named:
        return "web"
    return "book"


def german_hatnote(prefix: str) -> Handler:
    """``{{Hauptartikel|A|B}}`` -> "Hauptartikel: A, B", linked."""
    def handler(a: Args) -> Block | None:
        spans: list[Span] = [Span(prefix)]
        for i, code in enumerate(a.positional):
            target = a.r.text(code).strip()
            if target:
                spans.append(Span((", " if i else "") + target, frozenset({LINK}), target))
        return block_or_inline(a, Hatnote(tuple(spans))) if len(spans) > 1 else None
    return handler


def redirect_note_de(a: Args) -> Block | None:
    """``{{Weiterleitungshinweis|X}}`` -> "„X“ leitet hierher weiter."."""
    name = a.text(1)
    return block_or_inline(a, Hatnote((Span(f"\u201e{name}\u201c leitet hierher weiter."),))) if name else None


def further_text(prefix: str) -> Handler:
    """``{{further2|text}}``: `prefix`, then the text as written (not a list of titles)."""
    def handler(a: Args) -> Block | None:
        spans = a.spans(a.pos(1))
        return block_or_inline(a, Hatnote((Span(prefix),) + spans)) if spans else None
    return handler


def wide_image(a: Args) -> Block | None:
    """``{{wide image|file|width|caption}}``: the image's caption."""
    block = ImageCaption(a.text(1), a.spans(a.pos(3)))
    if a.top:
        return block
    a.out.extend(block.spans)
    return None
