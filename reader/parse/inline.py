"""Inline wikicode -> spans: text, bold/italic, links, entities, footnote markers.

`Renderer` walks mwparserfromhell nodes once, appending `model.Span`s to a list.  It is
shared by the block builder (for the text of paragraphs, list items, cells...) and by
the template and citation code (for parameter values).  Block structure (headings, lists,
tables) is the block builder's job; here a newline inside inline content is a space.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from ..model import BOLD, CODE, ITALIC, LINK, SMALL, SUB, SUP, Span
from ..source.namespaces import CATEGORY_PREFIXES, FILE_PREFIXES
from .context import Context
from .footnotes import ref
from .spans import NO_MARKS, block_spans, braceless, code_str, reference_char, unescape_entities
from .templates import render_template

MAX_DEPTH = 60  # deeper nesting is shown as its text, never recursed into

_TAG_MARKS = {
    "b": BOLD, "strong": BOLD, "i": ITALIC, "em": ITALIC, "cite": ITALIC, "var": ITALIC, "dfn": ITALIC,
    "small": SMALL, "sup": SUP, "sub": SUB, "code": CODE, "tt": CODE, "kbd": CODE, "samp": CODE,
    "source": CODE, "syntaxhighlight": CODE, "math": CODE, "chem": CODE, "ce": CODE,
}
_DECODED_RAW = {"nowiki", "pre"}  # raw, but their character references are read (MediaWiki)
_SKIP_TAGS = {"references", "templatestyles", "hr", "meta", "link", "timeline", "graph", "mapframe", "maplink"}
_RAW_TAGS = {"nowiki", "pre", "math", "source", "syntaxhighlight", "chem", "ce", "score"}  # <code> holds wikitext
_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*$")
_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,8})*:", re.IGNORECASE)
_IMAGE_OPTION = re.compile(
    r"^\s*(thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|upright|baseline|"
    r"middle|sub|super|top|text-top|bottom|text-bottom|\d*x?\d+\s*px|(alt|link|page|class|lang|upright)\s*=.*)\s*$",
    re.IGNORECASE | re.DOTALL,
)



class Renderer:
    """Renders inline wikicode to spans for one article (it is the `context.InlineRenderer` that
    footnotes and templates are given)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.in_ref = 0
        self.depth = 0
        self.quiet = 0  # > 0 while only looking at text: footnotes are not registered
        self._texts: dict[int, tuple[Wikicode, str]] = {}
        # The node handlers by exact type (a dict lookup: isinstance chains cost more on every node).
        self._dispatch: dict[type[Node], Callable[[Any, frozenset[str], list[Span]], None]] = {
            Text: self._text, Tag: self._tag, Wikilink: self._wikilink, ExternalLink: self._external,
            HTMLEntity: self._entity, Comment: _skip, Template: self._template, Heading: self._heading,
            Argument: self._argument,
        }

    # ------------------------------------------------------------------ entry points

    def render(self, nodes: Sequence[Node], marks: frozenset[str], out: list[Span]) -> None:
        """Append the spans of `nodes` to `out`."""
        if self.depth > MAX_DEPTH:
            out.append(Span(braceless("".join(str(n) for n in nodes)), marks))
            return
        self.depth += 1
        try:
            dispatch = self._dispatch
            for node in nodes:
                dispatch[type(node)](node, marks, out)
        finally:
            self.depth -= 1

    def spans(self, code: Wikicode | None, marks: frozenset[str] = NO_MARKS) -> list[Span]:
        """The spans of some wikicode."""
        out: list[Span] = []
        if code is not None:
            self.render(code.nodes, marks, out)
        return out

    def text(self, code: Wikicode | None) -> str:
        """The plain text of some wikicode (what a reader sees, without marks)."""
        if code is None:
            return ""
        nodes = code.nodes
        if len(nodes) == 1:
            (node,) = nodes
            if type(node) is Text:
                value = node.value
                if "\n" in value:
                    value = value.replace("\n", " ")
                if "&" in value and ";" in value:
                    value = unescape_entities(value)
                return braceless(value) if ("{" in value or "[" in value or "]" in value or "''" in value
                                            or "}" in value) else value
        # Memoised (handlers often test a parameter's text, then render it: without this, nested
        # templates would cost 2**depth), and quiet: a footnote inside is registered when the
        # parameter is rendered for real, not when its text is looked at.
        cached = self._texts.get(id(code))
        if cached is not None and cached[0] is code:
            return cached[1]
        self.quiet += 1
        try:
            value = "".join(span.text for span in self.spans(code))
        finally:
            self.quiet -= 1
        self._texts[id(code)] = (code, value)
        return value

    def fields(self, template: Template) -> tuple[tuple[str, str], ...]:
        """Every parameter of a template as (name, plain text value), in order."""
        text = self.text
        return tuple([(code_str(param.name).strip(), text(param.value).strip()) for param in template.params])

    # ------------------------------------------------------------------ nodes

    def _text(self, node: Text, marks: frozenset[str], out: list[Span]) -> None:
        value = node.value
        if "\n" in value:
            value = value.replace("\n", " ")
        if "&" in value and ";" in value:
            value = unescape_entities(value)
        if "{{" in value or "}}" in value or "[[" in value or "]]" in value or "''" in value:
            value = braceless(value)
        if value:
            out.append(Span(value, marks))

    def _entity(self, node: HTMLEntity, marks: frozenset[str], out: list[Span]) -> None:
        # A reference to a surrogate or a control character (`&#xD83D;`) is shown as written, as
        # MediaWiki does: its character could not be printed (it ended --print with an error).
        if node.named:
            try:
                value = node.normalize()
            except ValueError:
                value = str(node)
        else:
            try:
                code = int(node.value, 16 if node.hexadecimal else 10)
            except ValueError:
                code = -1
            value = reference_char(code) or str(node)
        out.append(Span(value, marks))

    def _heading(self, node: Heading, marks: frozenset[str], out: list[Span]) -> None:
        self.render(node.title.nodes, marks | {BOLD}, out)

    def _argument(self, node: Argument, marks: frozenset[str], out: list[Span]) -> None:
        self.render((node.default or node.name).nodes, marks, out)

    def _tag(self, node: Tag, marks: frozenset[str], out: list[Span]) -> None:
        name = code_str(node.tag).strip().lower()
        if name == "ref":
            ref(self, node, marks, out)
            return
        if name == "br":
            out.append(Span("\n", marks))
            return
        if name in _SKIP_TAGS or node.contents is None:
            if node.wiki_markup in ("*", "#"):
                out.append(Span(" \u2022 ", marks))
            elif node.wiki_markup in (":", ";"):
                out.append(Span(" ", marks))
            return
        mark = _TAG_MARKS.get(name)
        if mark:
            marks = marks | {mark}
        if name in _RAW_TAGS:
            raw = str(node.contents)
            out.append(Span(unescape_entities(raw) if name in _DECODED_RAW else raw, marks))
        elif name in ("td", "th"):
            out.append(Span(" ", marks))
            self.render(node.contents.nodes, marks, out)
        else:
            self.render(node.contents.nodes, marks, out)

    def _wikilink(self, node: Wikilink, marks: frozenset[str], out: list[Span]) -> None:
        title = code_str(node.title).strip()
        low = title.lower()
        if low.startswith(FILE_PREFIXES):
            caption = self.image_caption(node)
            if caption:
                out.extend(caption)
            return
        if low.startswith(CATEGORY_PREFIXES):
            self.ctx.categories.append(title.split(":", 1)[1].split("|")[0].strip())
            return
        if node.text is None and _INTERLANGUAGE.match(title) and " " not in title.split(":", 1)[0]:
            return  # an interlanguage link: not part of the article
        target = unescape_entities(title.lstrip(":"))
        if node.text is not None and not node.text.nodes:
            # the pipe trick, [[Foo (bar)|]]: the title without its namespace and parentheses
            shown = _PARENTHESES.sub("", target.split(":", 1)[-1]).split(",", 1)[0].strip()
            out.append(Span(shown, marks | {LINK}, target))
        elif node.text is not None:
            label: list[Span] = []
            self.render(node.text.nodes, marks | {LINK}, label)
            out.extend(Span(s.text, s.marks, target, s.cite) for s in label)
        else:
            shown = target[1:] if target.startswith("#") else target
            out.append(Span(braceless(shown), marks | {LINK}, target))

    def image_caption(self, node: Wikilink) -> list[Span]:
        """The caption of a ``[[File:...]]`` link (the last part that is not an image option)."""
        if node.text is None:
            return []
        segments: list[list[Node]] = [[]]
        for child in node.text.nodes:
            if type(child) is Text and "|" in child.value:
                pieces = child.value.split("|")
                segments[-1].append(Text(pieces[0]))
                segments.extend([Text(piece)] for piece in pieces[1:])
            else:
                segments[-1].append(child)
        for segment in reversed(segments):
            if len(segment) == 1 and type(segment[0]) is Text and _IMAGE_OPTION.match(segment[0].value):
                continue
            if not "".join(str(n) for n in segment if type(n) is Text).strip() and len(segment) <= 1:
                continue
            out: list[Span] = []
            self.render(segment, NO_MARKS, out)
            return out
        return []

    def _external(self, node: ExternalLink, marks: frozenset[str], out: list[Span]) -> None:
        url = unescape_entities(str(node.url).strip())
        if node.title is not None and code_str(node.title).strip():
            label: list[Span] = []
            self.render(node.title.nodes, marks | {LINK}, label)
            out.extend(Span(s.text, s.marks, url, s.cite) for s in label)
        else:
            out.append(Span(url, marks | {LINK}, url))

    def _template(self, node: Template, marks: frozenset[str], out: list[Span]) -> None:
        block = render_template(self, node, marks, out, top=False)
        if block is not None:
            out.extend(block_spans(block))


def _skip(node: object, marks: frozenset[str], out: list[Span]) -> None:
    return None
