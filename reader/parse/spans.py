"""Small helpers on wikicode and spans that the parse modules share (no rendering here).

`code_str`/`norm_name` read names; `braceless` drops markup debris; `finish` merges and trims
rendered spans; `fields_key` makes citation identities.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mwparserfromhell.nodes import Text
from mwparserfromhell.wikicode import Wikicode

from ..model import Span

NO_MARKS: frozenset[str] = frozenset()


def code_str(code: Wikicode) -> str:
    """The source text of some wikicode; quick for the usual single text node (names, titles)."""
    nodes = code.nodes
    if len(nodes) == 1:
        (node,) = nodes  # unpacking iterates: SmartList indexing is slow
        if type(node) is Text:
            return node.value
    return str(code)


def norm_name(name: str) -> str:
    """A template name as compared: lower case, "_" read as space, spaces collapsed."""
    return " ".join(name.replace("_", " ").split()).lower()


def fields_key(kind: str, fields: tuple[tuple[str, str], ...]) -> str:
    """Identity of a citation: its kind and parameters (two identical templates share a number)."""
    return kind + "\x1f" + "\x1f".join(f"{name}={value}" for name, value in fields)


_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,7});")  # a character reference


def unescape_entities(text: str) -> str:
    """Character references as their characters, as MediaWiki shows them: HTML5's named ones
    ("&verbar;": mwparserfromhell knows HTML 4's only), and those left in text it does not parse
    (a URL's "&amp;", a ``<nowiki>``'s "&lt;"); one to no valid character stays as written."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_reference, text)


def _reference(match: re.Match[str]) -> str:
    reference = match.group()
    if reference[1] != "#":
        return html.unescape(reference)
    digits = reference[2:-1]
    code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
    return reference_char(code) or reference


def reference_char(code: int) -> str | None:
    """The character a numeric reference stands for, or None when MediaWiki shows it as written
    (see `valid_codepoint`); 128-159 are windows-1252's characters, as browsers read them."""
    if not valid_codepoint(code):
        return None
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", errors="ignore") or None
    return chr(code)


def valid_codepoint(code: int) -> bool:
    """Whether MediaWiki turns a numeric character reference to `code` into its character
    (Sanitizer::validateCodepoint: no surrogates, no C0 controls but tab and line ends, no
    U+FFFE/U+FFFF); it shows any other reference as the literal text it is."""
    return (code in (0x09, 0x0A, 0x0D) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (a str can hold them; no output can encode them) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


_QUOTES = re.compile(r"'{2,}")


def braceless(text: str) -> str:
    """Leftover braces, brackets and quote runs of damaged markup are debris, not prose.

    Three quotes left over (unbalanced bold) read as an apostrophe, as MediaWiki shows them.
    """
    if "{{" in text or "}}" in text:
        text = text.replace("{{", "").replace("}}", "")
    if "[[" in text or "]]" in text:
        text = text.replace("[[", "").replace("]]", "")
    if "''" in text:
        text = _QUOTES.sub(lambda m: "'" if len(m.group(0)) == 3 else "", text)
    return text


_SPACES = re.compile(r"[ \t\u00ad]*[ \t][ \t\u00ad]*")


def finish(spans: list[Span]) -> tuple[Span, ...]:
    """Merge neighbouring spans that look alike, collapse runs of spaces, trim the ends."""
    runs: list[list[Any]] = []  # [texts, marks, target, cite, first span]; texts joined once (no quadratic +)
    for span in spans:
        if not span.text:
            continue
        if runs:
            last = runs[-1]
            if span.cite is None and last[3] is None and last[1] == span.marks and last[2] == span.target:
                last[0].append(span.text)
                continue
        runs.append([[span.text], span.marks, span.target, span.cite, span])
    result: list[Span] = []
    previous_space = True
    for texts, marks, target, cite, first in runs:
        merged: Span = first if len(texts) == 1 else Span("".join(texts), marks, target, cite)
        text = merged.text
        if "  " in text or "\t" in text:
            text = _SPACES.sub(" ", text)
        if previous_space and text.startswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        previous_space = text.endswith((" ", "\n"))
        result.append(Span(text, merged.marks, merged.target, merged.cite) if text is not merged.text else merged)
    while result and not result[-1].text.strip() and result[-1].cite is None:
        result.pop()
    if result and result[-1].cite is None and result[-1].text != result[-1].text.rstrip():
        end = result[-1]
        result[-1] = Span(end.text.rstrip(), end.marks, end.target)
    return tuple(result)


def block_spans(block: object) -> list[Span]:
    """The inline text of a block that had to be shown inside running text."""
    spans = getattr(block, "spans", None)
    if spans is not None:
        return list(spans)
    citation = getattr(block, "citation", None)
    if citation is not None:
        return list(citation.text) + list(getattr(block, "trailing", ()))
    rows = getattr(block, "rows", None)
    if rows is not None:
        out: list[Span] = []
        for row in rows:
            for cell in row:
                out.append(Span(" "))
                out.extend(cell.spans)
        return out
    return []
