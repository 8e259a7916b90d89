"""Top-level wikicode -> a flat stream of headings and blocks.

`BlockBuilder.run` walks the article's top-level nodes once.  Text is split at newlines;
a paragraph ends at a blank line (wikitext) or at every line end (the dump format, which
lost its blank lines); list markers (``*``, ``#``, ``:``, ``;``) start list items; tables,
block quotes, hatnotes, images and bibliography entries become their own blocks.  Inline
content is rendered by `inline.Renderer`.  The result, ``items``, mixes `HeadingMark`s and
blocks in reading order; `sections.build_sections` turns it into the section tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mwparserfromhell.nodes import Comment, Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from ..model import (
    Block,
    Citation,
    CitationEntry,
    ImageCaption,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
    References,
    Span,
)
from ..source.namespaces import CATEGORY_PREFIXES, FILE_PREFIXES
from .citations import CITATION_KINDS
from .dumpformat import BIB
from .footnotes import citation_text, define_list
from .inline import Renderer
from .spans import NO_MARKS, braceless, code_str, finish, norm_name, unescape_entities
from .tables import build_table, fostered
from .templates import render_template
from .templates_blocks import guess_kind

_LIST_KINDS = {"*": "bullet", "#": "number", ";": "term", ":": "definition"}
_CONTAINER_TAGS = {"div", "center", "section", "article", "font"}
# HTML blocks: what is before, in and after each is a block of its own (<div>a</div>b is two lines).
_BLOCK_TAGS = {"div", "center", "section", "article", "p", "aside", "figure", "footer", "header", "nav", "main"}
_HTML_LISTS = {"ul": "bullet", "ol": "number", "dl": "term"}
_HTML_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Inline tags that pages wrap around a whole list ("<small>\n* a\n* b</small>", earthquakes):
# the list is kept a list (its items ran together into one paragraph), the size is let go.
_INLINE_AROUND_BLOCKS = {"small", "big", "span"}


def _holds_list(contents: Wikicode) -> bool:
    """True when `contents` holds list items of its own (not inside a nested tag)."""
    return any(type(node) is Tag and node.wiki_markup in _LIST_KINDS for node in contents.nodes)


@dataclass(frozen=True)
class HeadingMark:
    """A heading met in the text: its level and title."""

    level: int
    title: str


class BlockBuilder:
    """Builds blocks from the top-level nodes of one article."""

    def __init__(self, renderer: Renderer, dump: bool) -> None:
        self.r = renderer
        self.dump = dump
        self.items: list[HeadingMark | Block] = []
        self.spans: list[Span] = []
        self.list_markers = ""  # markers of the list item being built ("" for a paragraph)
        self.line_has_text = False  # the current physical line holds something
        self.at_line_start = True
        self.entry: Citation | None = None  # a bibliography entry whose trailing text is being read
        self.pre_lines: list[str] = []
        self.ordinals: dict[int, int] = {}
        self.pending: list[Block] = []  # blocks met inside a paragraph, placed after it
        self._pre_line = False  # the current line is a preformatted (space-led) line
        self._dispatch: dict[type[Node], Callable[[Any], None]] = {
            Text: self._text, Heading: self._heading, Tag: self._tag, Template: self._template,
            Wikilink: self._wikilink, Comment: _skip}

    # ------------------------------------------------------------------ walking

    def run(self, nodes: list[Node]) -> list[HeadingMark | Block]:
        """Walk `nodes` and return the headings and blocks in order."""
        self.walk(nodes)
        self.end_line()
        self.flush()
        return self.items

    def walk(self, nodes: list[Node]) -> None:
        dispatch = self._dispatch
        for node in nodes:
            handler = dispatch.get(type(node))
            if handler is None:
                self._inline(node)
            else:
                handler(node)

    def _inline(self, node: Node) -> None:
        self.r.render([node], NO_MARKS, self.spans)
        self.at_line_start = False
        self.line_has_text = True

    def _text(self, node: Text) -> None:
        value = node.value
        if "\n" not in value:
            self._line_text(value)
            return
        parts = value.split("\n")
        self._line_text(parts[0])
        for part in parts[1:]:
            self.newline()
            self._line_text(part)

    def _line_text(self, text: str) -> None:
        if not text:
            return
        if self.at_line_start:
            if not self.dump and text[0] == " " and text.strip() and not self.list_markers and self.entry is None:
                # a line led by a space is preformatted (wikitext): it ends the paragraph
                if not self.pre_lines:
                    self.end_line()
                    self.flush()
                self._pre_line = True
                text = text[1:]
            elif self.pre_lines:
                self._flush_pre()
        if text.strip():
            self.at_line_start = False
            self.line_has_text = True
        if "{{" in text or "}}" in text or "[[" in text or "]]" in text or "''" in text:
            text = braceless(text)
        if "&" in text and ";" in text:
            text = unescape_entities(text)
        self.spans.append(Span(text))

    def newline(self) -> None:
        """A line end: ends list items, dump paragraphs, and wikitext paragraphs at blank lines."""
        if self._pre_line:
            # the preformatted line's content (text, links, templates) joins the block's lines
            self.pre_lines.append("".join(span.text for span in self.spans).rstrip())
            self.spans = []
            self._pre_line = False
            self.at_line_start = True
            self.line_has_text = False
            self._place_pending()
            return
        if self.pre_lines and not self.line_has_text:
            self._flush_pre()
        if self.list_markers or self.entry is not None or self.dump or not self.line_has_text:
            self.end_line()
            self.flush()
        else:
            self.spans.append(Span(" "))
        self.line_has_text = False
        self.at_line_start = True

    def end_line(self) -> None:
        """Close the list item or bibliography entry being built, if any."""
        if self.entry is not None:
            trailing = finish(self.spans)
            if "".join(span.text for span in trailing).strip() in (".", ",", ";"):
                trailing = ()  # the citation's text already ends its sentence
            elif trailing and trailing[0].cite is None and trailing[0].text.lstrip()[:1] in (",", ";", ":"):
                # "}}, OCLC 5437053." follows a citation that already ends with a full stop
                head = trailing[0].text.lstrip()[1:].lstrip()
                first = Span(head, trailing[0].marks, trailing[0].target)
                trailing = ((first,) if head else ()) + trailing[1:]
            self.items.append(CitationEntry(self.entry, trailing))
            self.entry = None
            self.spans = []
            self.list_markers = ""
        elif self.list_markers:
            spans = finish(self.spans)
            if spans:
                markers = self.list_markers
                kind = _LIST_KINDS.get(markers[-1], "bullet")
                depth = len(markers)
                ordinal = 0
                if kind == "number":
                    ordinal = self.ordinals.get(depth, 0) + 1
                    self.ordinals[depth] = ordinal
                self.items.append(ListItem(spans, kind, depth, ordinal))
            self.spans = []
            self.list_markers = ""
        self._place_pending()

    def flush(self) -> None:
        """Close the paragraph being built, if any."""
        if self._pre_line:
            self.newline()
        if self.pre_lines:
            self._flush_pre()
        if self.spans:
            spans = finish(self.spans)
            self.spans = []
            if spans:
                self.items.append(Paragraph(spans))
                if not self.list_markers:
                    self.ordinals.clear()
        self._place_pending()

    def _flush_pre(self) -> None:
        text = "\n".join(self.pre_lines).rstrip()
        self.pre_lines = []
        if text.strip():
            self.items.append(Preformatted(text))

    def emit(self, block: Block) -> None:
        """A block met in the text: after the paragraph being built, or now."""
        if self.spans and any(s.text.strip() for s in self.spans):
            if self.list_markers or self.dump or isinstance(block, (Quote, ListItem)):
                self.end_line()
                self.flush()
                self.items.append(block)
            else:
                self.pending.append(block)
            return
        self.spans = []
        self.items.append(block)

    def _place_pending(self) -> None:
        if self.pending and not self.spans:
            self.items.extend(self.pending)
            self.pending = []

    # ------------------------------------------------------------------ nodes

    def _heading(self, node: Heading) -> None:
        self.end_line()
        self.flush()
        title = "".join(span.text for span in finish(self.r.spans(node.title))).strip()
        self.items.append(HeadingMark(node.level, title))
        self.at_line_start = True

    def _tag(self, node: Tag) -> None:
        name = code_str(node.tag).strip().lower()
        markup = node.wiki_markup
        if markup in _LIST_KINDS and name in ("li", "dt", "dd"):
            self._list_marker(markup)
            return
        if name == "table":
            self.end_line()
            self.flush()
            before = fostered(self.r, node)
            if before:
                self.items.append(Paragraph(before))
            table = build_table(self.r, node)
            if table is not None:
                self.items.append(table)
            return
        if name == "blockquote" and node.contents is not None:
            self.emit(Quote(finish(self.r.spans(node.contents))))
            return
        if name in ("pre", "poem") and node.contents is not None:
            text = ("".join(s.text for s in self.r.spans(node.contents)) if name == "poem"
                    else unescape_entities(str(node.contents)))
            self.end_line()
            self.flush()
            if text.strip():
                self.items.append(Preformatted(text.strip("\n")))
            return
        if name == "references":
            group = _attr(node, "group")
            if node.contents is not None:
                define_list(self.r, node.contents, group)
            self.emit(References(group, self.r.ctx.registry.close_list(group)))
            return
        if name == "gallery" and node.contents is not None:
            self._gallery(str(node.contents))
            return
        if node.contents is not None and not node.wiki_markup:
            if name in _HTML_LISTS:
                self.end_line()
                self.flush()
                self._html_list(node, _HTML_LISTS[name], 1)
                return
            if name in _HTML_HEADINGS:
                self.end_line()
                self.flush()
                title = "".join(span.text for span in finish(self.r.spans(node.contents))).strip()
                if title:
                    self.items.append(HeadingMark(_HTML_HEADINGS[name], title))
                return
            if name in _BLOCK_TAGS:
                self.end_line()
                self.flush()
                self.walk(node.contents.nodes)
                self.end_line()
                self.flush()
                self.at_line_start = False  # " y" after "</div>" is no preformatted line
                self.line_has_text = False
                return
        if node.contents is not None and "\n" in str(node.contents) and (
                name in _CONTAINER_TAGS or name in _INLINE_AROUND_BLOCKS and _holds_list(node.contents)):
            self.end_line()
            self.flush()
            self.walk(node.contents.nodes)
            return
        if name == "hr":
            self.end_line()
            self.flush()
            return
        self._inline(node)

    def _html_list(self, node: Tag, kind: str, depth: int) -> None:
        """``<ul>``/``<ol>``/``<dl>``: one list item per ``<li>`` (``<dt>``, ``<dd>``), nested lists
        one level deeper; text between the items is kept, as an item of its own."""
        ordinal = 0
        loose: list[Node] = []
        for child in node.contents.nodes if node.contents is not None else ():
            if type(child) is not Tag or child.contents is None:
                loose.append(child)
                continue
            child_name = code_str(child.tag).strip().lower()
            if child_name in ("li", "dt", "dd"):
                self._html_item(loose, kind, depth, 0)
                loose = []
                item_kind = {"dt": "term", "dd": "definition"}.get(child_name, kind)
                ordinal += item_kind == "number"
                self._html_item(list(child.contents.nodes), item_kind, depth, ordinal)
            elif child_name in _HTML_LISTS:
                self._html_item(loose, kind, depth, 0)
                loose = []
                self._html_list(child, _HTML_LISTS[child_name], depth + 1)
            else:
                loose.append(child)
        self._html_item(loose, kind, depth, 0)

    def _html_item(self, nodes: list[Node], kind: str, depth: int, ordinal: int) -> None:
        inline = [n for n in nodes if not (type(n) is Tag and code_str(n.tag).strip().lower() in _HTML_LISTS)]
        spans = finish(self.r.spans(Wikicode(inline))) if inline else ()
        if spans:
            self.items.append(ListItem(spans, kind, depth, ordinal))
        for nested in nodes:
            if type(nested) is Tag and code_str(nested.tag).strip().lower() in _HTML_LISTS:
                self._html_list(nested, _HTML_LISTS[code_str(nested.tag).strip().lower()], depth + 1)

    def _list_marker(self, markup: str) -> None:
        if self.at_line_start or (self.list_markers and not self.line_has_text):
            if self.at_line_start:
                self.end_line()
                if not self.list_markers:
                    self.flush()
            self.list_markers += markup
            self.at_line_start = False
            return
        if markup == ":" and self.list_markers.endswith(";"):
            # "; term : definition" on one line
            depth_markers = self.list_markers[:-1] + ":"
            self.end_line()
            self.list_markers = depth_markers
            return
        self.spans.append(Span(markup))

    def _gallery(self, text: str) -> None:
        import mwparserfromhell

        self.end_line()
        self.flush()
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            file, _, caption = line.partition("|")
            spans = finish(self.r.spans(mwparserfromhell.parse(caption))) if caption else ()
            self.items.append(ImageCaption(file.split(":", 1)[-1].strip(), spans))

    def _template(self, node: Template) -> None:
        name = norm_name(code_str(node.name))
        line_start = not any(s.text.strip() for s in self.spans) and self.entry is None
        if line_start and (name in CITATION_KINDS or name == BIB) and not self.r.in_ref:
            self._entry(node, name)
            return
        block = render_template(self.r, node, NO_MARKS, self.spans, top=True)
        self.at_line_start = False
        if block is not None:
            self.emit(block)
        else:
            self.line_has_text = True

    def _entry(self, node: Template, name: str) -> None:
        """A citation template at the start of a line: a bibliography entry."""
        kind = CITATION_KINDS.get(name) or guess_kind({code_str(p.name).strip().lower(): p.value for p in node.params})
        fields = self.r.fields(node)
        citation = Citation(0, kind, citation_text(kind, fields), fields)
        self.end_line()
        self.flush()
        self.r.ctx.bibliography.append(citation)
        self.entry = citation
        self.spans = []
        self.at_line_start = False
        self.line_has_text = True

    def _wikilink(self, node: Wikilink) -> None:
        title = code_str(node.title).strip()
        low = title.lower()
        if low.startswith(FILE_PREFIXES):
            file = title.split(":", 1)[1].strip()
            self.emit(ImageCaption(file, finish(self.r.image_caption(node))))
            return
        if low.startswith(CATEGORY_PREFIXES):
            self.r.render([node], NO_MARKS, self.spans)
            return
        self._inline(node)


def _skip(node: object) -> None:
    return None


def _attr(node: Tag, name: str) -> str:
    """An attribute's value, unquoted ("" when absent)."""
    try:
        return str(node.get(name).value).strip().strip("\"'").strip() if node.has(name) else ""
    except (ValueError, AttributeError):
        return ""

