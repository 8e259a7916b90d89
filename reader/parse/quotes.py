"""Bold and italic apostrophes, read as MediaWiki reads them, before mwparserfromhell parses.

MediaWiki turns ``''`` and ``'''`` into italic and bold line by line, after templates are
expanded, with rules of its own for odd counts (``l'''italic''`` is ``l'`` then italic text; four
apostrophes are one apostrophe and bold; an italic left open closes at the line's end).
mwparserfromhell pairs them across templates and references instead: one stray ``''`` in a
citation's ``title=`` paired with another paragraphs later and turned everything between
into text (headings lost, a bibliography shown as raw ``|title=... |date=...``).

So each run of apostrophes is replaced here by the ``<i>``/``<b>`` tags or the literal
apostrophes MediaWiki makes of it, and what is left open is closed where its *piece* ends:
a line, a template's parameter, a link's part, a reference.  A stray ``''`` can no longer
leak out of the template or reference it sits in; italics around a whole template or link
(``''[[Foo]]''``) still work, as a nested piece is opaque to the line around it.  Raw text
(comments, ``<nowiki>``, ``<pre>``, ``<math>``...) is left as it is.
"""

from __future__ import annotations

import re

_RAW = "nowiki|pre|math|syntaxhighlight|source|score|chem|ce|timeline|graph|templatedata|mapframe"
_TOKEN = re.compile(
    r"'{2,}|\{\{|\}\}|\[\[|\]\]|\||\n"
    r"|<ref\b[^<>]*?/\s*>|<ref\b[^<>]*>|</ref\s*>"
    r"|<!--.*?(?:-->|\Z)"
    rf"|<({_RAW})\b[^<>]*?/\s*>|<({_RAW})\b[^<>]*>.*?(?:</\2\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
# What closes each kind of piece; a link ends at its line's end too (links never span lines).
_CLOSERS = {"{{": "}}", "[[": "]]", "ref": "ref"}


class _Piece:
    """One nesting level (the article, a template, a link, a reference) being read."""

    __slots__ = ("kind", "runs", "named")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.runs: list[tuple[int, int]] = []  # (start, length) of the apostrophe runs of its current part
        # A template's name or a link's target comes first: a title, where apostrophes are text.
        self.named = kind in ("{{", "[[")


def apply_quotes(source: str) -> str:
    """`source` with every run of two or more apostrophes made tags or text (see the module)."""
    if "''" not in source:
        return source
    edits: dict[int, tuple[int, str]] = {}  # start -> (length replaced, replacement)
    inserts: dict[int, str] = {}  # position -> closing tags put there
    stack = [_Piece("top")]
    for match in _TOKEN.finditer(source):
        token = match.group()
        first = token[0]
        if first == "'":
            if not stack[-1].named:
                stack[-1].runs.append((match.start(), len(token)))
        elif token == "\n":
            while stack[-1].kind == "[[":  # an unclosed link ends with its line
                _end_part(source, stack.pop(), match.start(), edits, inserts)
            _end_part(source, stack[-1], match.start(), edits, inserts)
        elif token == "|":
            if stack[-1].kind in ("{{", "[["):
                stack[-1].named = False
                _end_part(source, stack[-1], match.start(), edits, inserts)
        elif token in ("{{", "[["):
            stack.append(_Piece(token))
        elif token in ("}}", "]]"):
            _pop_to(source, stack, "{{" if token == "}}" else "[[", match.start(), edits, inserts)
        elif token.startswith("</"):
            _pop_to(source, stack, "ref", match.start(), edits, inserts)
        elif token[:4].lower() == "<ref" and not token.rstrip(">").rstrip().endswith("/"):
            stack.append(_Piece("ref"))
    while stack:
        _end_part(source, stack.pop(), len(source), edits, inserts)
    return _rebuild(source, edits, inserts)


def _pop_to(source: str, stack: list[_Piece], kind: str, at: int, edits: dict[int, tuple[int, str]],
            inserts: dict[int, str]) -> None:
    """A closer: ends the innermost open piece of its kind, and any opened inside it; a closer
    with no such piece open is text."""
    if not any(piece.kind == kind for piece in stack[1:]):
        return
    while stack[-1].kind != kind:
        _end_part(source, stack.pop(), at, edits, inserts)
    _end_part(source, stack.pop(), at, edits, inserts)


def _end_part(source: str, piece: _Piece, at: int, edits: dict[int, tuple[int, str]],
              inserts: dict[int, str]) -> None:
    """The part of `piece` read so far ends at `at`: its runs become tags, and what is open closes."""
    if not piece.runs:
        return
    runs, piece.runs = piece.runs, []
    replacements, closing = do_quotes([(source[max(0, start - 2):start], length) for start, length in runs])
    for (start, length), replacement in zip(runs, replacements):
        edits[start] = (length, replacement)
    if closing:
        inserts[at] = inserts.get(at, "") + closing


def do_quotes(runs: list[tuple[str, int]]) -> tuple[list[str], str]:
    """MediaWiki's reading of one line's apostrophe runs, each given with the two characters
    before it: what each run becomes, and the tags that close the line."""
    lengths = []
    prefixes = []  # literal apostrophes put before a run (of four, or of more than five)
    for _before, length in runs:
        extra = 1 if length == 4 else (length - 5 if length > 5 else 0)
        prefixes.append("'" * extra)
        lengths.append(length - extra)
    italics = sum(1 for length in lengths if length in (2, 5))  # five is both
    bolds = sum(1 for length in lengths if length in (3, 5))
    if italics % 2 and bolds % 2:
        _bold_to_italic(runs, lengths, prefixes)
    out = [""] * len(runs)  # the tags each run becomes
    state = ""
    both_at = -1  # the run of five that opened both, its order decided by the next run
    for index, length in enumerate(lengths):
        if length == 2:
            table = {"i": ("</i>", ""), "bi": ("</i>", "b"), "ib": ("</b></i><b>", "b"), "both": ("</i>", "b")}
            if state == "both":
                out[both_at] = "<b><i>"
            tag, state = table.get(state, ("<i>", state + "i"))
        elif length == 3:
            table = {"b": ("</b>", ""), "bi": ("</i></b><i>", "i"), "ib": ("</b>", "i"), "both": ("</b>", "i")}
            if state == "both":
                out[both_at] = "<i><b>"
            tag, state = table.get(state, ("<b>", state + "b"))
        else:
            table = {"b": ("</b><i>", "i"), "i": ("</i><b>", "b"), "bi": ("</i></b>", ""), "ib": ("</b></i>", ""),
                     "both": ("</b></i>", "")}
            if state == "both":
                out[both_at] = "<i><b>"
            if state in table:
                tag, state = table[state]
            else:
                tag, state, both_at = "", "both", index
        out[index] = tag
    closing = ""
    if state == "both":
        out[both_at] = "<b><i>"
        closing = "</i></b>"
    else:
        if state in ("b", "ib"):
            closing += "</b>"
        if state in ("i", "bi", "ib"):
            closing += "</i>"
        if state == "bi":
            closing += "</b>"
    return [prefix + tag for prefix, tag in zip(prefixes, out)], closing


def _bold_to_italic(runs: list[tuple[str, int]], lengths: list[int], prefixes: list[str]) -> None:
    """Odd counts of both: one bold is an apostrophe and an italic -- after a one-letter word
    (``l'''``) if there is one, else after a longer word, else after a space."""
    single = multi = space = -1
    for index, length in enumerate(lengths):
        if length != 3:
            continue
        before = runs[index][0] + prefixes[index]
        last = before[-1:] or " "
        second = before[-2:-1] or " "
        if last == " ":
            space = index if space < 0 else space
        elif second == " ":
            single = index
            break
        elif multi < 0:
            multi = index
    chosen = next((i for i in (single, multi, space) if i >= 0), -1)
    if chosen >= 0:
        lengths[chosen] = 2
        prefixes[chosen] += "'"


def _rebuild(source: str, edits: dict[int, tuple[int, str]], inserts: dict[int, str]) -> str:
    out: list[str] = []
    pos = 0
    for at in sorted(set(edits) | set(inserts)):
        if at < pos:
            continue
        out.append(source[pos:at])
        out.append(inserts.get(at, ""))
        pos = at
        if at in edits:
            length, replacement = edits[at]
            out.append(replacement)
            pos = at + length
    out.append(source[pos:])
    return "".join(out)
