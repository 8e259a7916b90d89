"""Inline markup balanced as MediaWiki balances it, before mwparserfromhell parses.

mwparserfromhell needs every ``''``, ``'''`` and HTML tag closed where it should be, and
pairs them as it finds them otherwise: one stray ``''`` in a citation's ``title=`` paired with
another paragraphs later and turned everything between into text (headings lost, a
bibliography shown as raw ``|title=... |date=...``); ``<li>`` without ``</li>``, ``<p>``
without ``</p>``, a stray ``</s>`` or a tag written over two lines were printed as literal tags.
MediaWiki reads apostrophes line by line (`quotes.do_quotes`) and lets HTML's rules and its
tidying close or drop what is unbalanced.

So, in one pass over the source, split into *pieces* (the article, a template, a link, a
reference: a piece nested in another is opaque to it):

* each run of apostrophes becomes the ``<i>``/``<b>`` tags or literal apostrophes MediaWiki
  makes of it, closed where its line, template parameter or link part ends;
* an HTML tag left open is closed where HTML closes it (``<li>`` at the next ``<li>`` or at
  ``</ul>``, ``<td>`` at the next cell or row, ``<p>`` at the next block), an inline one at
  its paragraph's end, and any at its piece's end; a closing tag with nothing open to close
  is dropped; a tag written over several lines is put on one;
* a ``</ref>`` with no reference open, and a ``-->`` with no comment open, are dropped: the
  ends of markup whose start was lost (MediaWiki would print them).

Raw text (comments, ``<nowiki>``, ``<pre>``, ``<math>``...) is left as it is.
"""

from __future__ import annotations

import re

from .quotes import do_quotes

_RAW = "nowiki|pre|math|syntaxhighlight|source|score|chem|ce|timeline|graph|templatedata|mapframe|hiero"
_BLOCK = {"div", "p", "center", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th",
          "caption", "thead", "tbody", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
_INLINE = {"b", "i", "u", "s", "strike", "del", "ins", "big", "small", "sub", "sup", "span", "font", "code", "tt",
           "kbd", "var", "samp", "cite", "q", "abbr", "em", "strong", "dfn", "bdi", "bdo", "mark", "time", "data",
           "ruby", "rt", "rb", "rp"}
_VOID = {"br", "hr", "wbr", "img", "meta", "link", "col", "area", "input", "source", "track", "param", "embed"}
_HTML = "|".join(sorted(_BLOCK | _INLINE | _VOID, key=len, reverse=True))
_MARKUP = (
    r"'{2,}|\{\{|\}\}|\[\[|\]\]"
    r"|<ref\b[^<>]*?/\s*>|<ref\b[^<>]*>|</ref\s*>"
    r"|<!--.*?(?:-->|\Z)|-->"
    rf"|<({_RAW})\b[^<>]*?/\s*>|<({_RAW})\b[^<>]*>.*?(?:</\2\s*>|\Z)"
    rf"|<(/?)({_HTML})(?![\w-])([^<>]*)>"
)
# Line ends and "|" matter only to a piece with apostrophes or tags to close ("|" only inside a
# template or a link): patterns without them skip most of an article's lines and parameters.
# The lookahead lets the search skip plain text fast (the pass took a third less time with it).
_TOKEN = re.compile(r"(?=[-'{}\[\]<|\n])(?:" + _MARKUP + r"|\||\n)", re.IGNORECASE | re.DOTALL)
_TOKEN_LINES = re.compile(r"(?=[-'{}\[\]<\n])(?:" + _MARKUP + r"|\n)", re.IGNORECASE | re.DOTALL)
_TOKEN_QUIET = re.compile(r"(?=[-'{}\[\]<])(?:" + _MARKUP + ")", re.IGNORECASE | re.DOTALL)
# An open tag of the key closes the innermost open tag of the value's names, unless one of
# the scope's names is open inside it (HTML's implied end tags).
_IMPLIED = {
    "li": ({"li"}, {"ul", "ol"}), "dt": ({"dt", "dd"}, {"dl"}), "dd": ({"dt", "dd"}, {"dl"}),
    "td": ({"td", "th"}, {"tr", "table"}), "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table"}), "p": ({"p"}, {"div", "td", "th", "li", "blockquote"}),
}
_PARAGRAPH_END = re.compile(r"\n[ \t]*(?:\n|=|\{\||\|\}|[*#:;])")


class _Piece:
    """One nesting level (the article, a template, a link, a reference) being read."""

    __slots__ = ("kind", "runs", "named", "tags", "start")

    def __init__(self, kind: str, start: int = 0) -> None:
        self.kind = kind
        self.start = start  # where its text starts (after its opener)
        self.runs: list[tuple[int, int]] = []  # (start, length) of the apostrophe runs of its current line
        # A template's name or a link's target comes first: a title, where apostrophes are text.
        self.named = kind in ("{{", "[[")
        self.tags: list[str] = []  # HTML tags open in it, innermost last


class _Balancer:
    """The edits that balance one source text (see the module)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.edits: dict[int, tuple[int, str]] = {}  # start -> (length replaced, replacement)
        self.inserts: dict[int, str] = {}  # position -> tags put there
        self.stack = [_Piece("top")]

    def run(self) -> str:
        source, pos, stack = self.source, 0, self.stack
        while True:
            piece = stack[-1]
            if not (piece.runs or piece.tags):
                pattern = _TOKEN_QUIET  # nothing to close at a line end or a "|"
            elif piece.kind in ("{{", "[["):
                pattern = _TOKEN
            else:
                pattern = _TOKEN_LINES
            match = pattern.search(source, pos)
            if match is None:
                break
            self._token(match)
            pos = match.end()
        while self.stack:
            self._end_piece(self.stack.pop(), len(self.source))
        return self._rebuild()

    def _token(self, match: re.Match[str]) -> None:
        token = match.group()
        at = match.start()
        piece = self.stack[-1]
        first = token[0]
        if first == "'":
            if piece.named and "|" in self.source[piece.start:at]:
                piece.named = False  # past its name (a "|" not looked for while nothing was open)
            if not piece.named:
                piece.runs.append((at, len(token)))
        elif token == "\n":
            while piece.kind == "[[":  # an unclosed link ends with its line
                self._end_piece(self.stack.pop(), at)
                piece = self.stack[-1]
            self._end_line(piece, at)
            if piece.tags and _PARAGRAPH_END.match(self.source, at):
                self._close_inline(piece, at)
        elif token == "|":
            if piece.kind in ("{{", "[["):
                piece.named = False
                self._end_line(piece, at)
                self._close_tags(piece, 0, at)
        elif token in ("{{", "[["):
            self.stack.append(_Piece(token, match.end()))
        elif token in ("}}", "]]"):
            self._pop_to("{{" if token == "}}" else "[[", at)
        elif match.group(4):
            self._html(match, piece)
        elif token == "-->":
            self.edits[at] = (3, "")  # the end of a comment whose start was lost: not text
        elif token.startswith("</"):
            if not self._pop_to("ref", at):
                self.edits[at] = (len(token), "")  # a </ref> with no <ref> open: dropped
        elif token[:4].lower() == "<ref" and not token.rstrip(">").rstrip().endswith("/"):
            self.stack.append(_Piece("ref"))

    # ------------------------------------------------------------------ HTML tags

    def _html(self, match: re.Match[str], piece: _Piece) -> None:
        at, end = match.start(), match.end()
        closing, name, attributes = match.group(3), match.group(4).lower(), match.group(5)
        if "\n" in match.group(0):
            self.edits[at] = (end - at, match.group(0).replace("\n", " "))
        if name in _BLOCK:
            self._end_line(piece, at)  # MediaWiki's tidying closes an italic at a block's edge
        if name in _VOID:
            if closing:  # "</br>" is read as <br> (MediaWiki)
                self.edits[at] = (end - at, "<br>")
            return
        if closing:
            if name in piece.tags:
                index = len(piece.tags) - 1 - piece.tags[::-1].index(name)
                self._close_tags(piece, index + 1, at)
                piece.tags.pop()
            else:
                self.edits[at] = (end - at, "")  # nothing open to close: dropped
            return
        if attributes.endswith("/"):
            return  # <div/>: opens and closes
        self._implied_end(piece, name, at)
        piece.tags.append(name)

    def _implied_end(self, piece: _Piece, name: str, at: int) -> None:
        closes, scope = _IMPLIED.get(name, (set(), set()))
        if name in _BLOCK and name not in ("li", "dt", "dd", "td", "th", "tr"):
            closes, scope = closes | {"p"}, scope | {"div", "td", "th", "li", "blockquote"}
        for index in range(len(piece.tags) - 1, -1, -1):
            open_name = piece.tags[index]
            if open_name in closes:
                self._close_tags(piece, index, at)
                return
            if open_name in scope:
                return

    def _close_tags(self, piece: _Piece, index: int, at: int) -> None:
        """Close the tags of `piece` from `index` on (innermost first), just before `at`."""
        if index >= len(piece.tags):
            return
        closers = "".join(f"</{name}>" for name in reversed(piece.tags[index:]))
        self.inserts[at] = self.inserts.get(at, "") + closers
        del piece.tags[index:]

    def _close_inline(self, piece: _Piece, at: int) -> None:
        """At a paragraph's end: the inline tags open since the last block tag close."""
        index = len(piece.tags)
        while index > 0 and piece.tags[index - 1] in _INLINE:
            index -= 1
        self._close_tags(piece, index, at)

    # ------------------------------------------------------------------ pieces and lines

    def _pop_to(self, kind: str, at: int) -> bool:
        """A closer: ends the innermost open piece of its kind, and any opened inside it; False
        (the closer is text) when no such piece is open."""
        if not any(piece.kind == kind for piece in self.stack[1:]):
            return False
        while self.stack[-1].kind != kind:
            self._end_piece(self.stack.pop(), at)
        self._end_piece(self.stack.pop(), at)
        return True

    def _end_piece(self, piece: _Piece, at: int) -> None:
        self._end_line(piece, at)
        self._close_tags(piece, 0, at)

    def _end_line(self, piece: _Piece, at: int) -> None:
        """The line (or part) of `piece` read so far ends at `at`: its apostrophe runs become tags
        or text, and what they left open closes there."""
        if not piece.runs:
            return
        runs, piece.runs = piece.runs, []
        source = self.source
        replacements, closing = do_quotes([(source[max(0, start - 2):start], length) for start, length in runs])
        for (start, length), replacement in zip(runs, replacements, strict=False):
            self.edits[start] = (length, replacement)
        if closing:
            self.inserts[at] = self.inserts.get(at, "") + closing

    def _rebuild(self) -> str:
        source, edits, inserts = self.source, self.edits, self.inserts
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


def balance_markup(source: str) -> str:
    """`source` with its apostrophes and HTML tags balanced (see the module)."""
    if "''" not in source and "<" not in source and "-->" not in source:
        return source
    return _Balancer(source).run()
