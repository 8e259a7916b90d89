"""Footnotes, as a mixin of the inline `Renderer`: ``<ref>`` tags, reference lists and
citation templates met in running text, numbered through the article's `Registry`.

Kept apart so that each module holds one job: `inline.py` renders nodes to spans, this one
decides which footnote a ref or citation is (a new one, or one cited before) and formats it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Comment, Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from ..model import Span
from . import cs1
from .citations import CITATION_KINDS, SHORT_KINDS
from .spans import code_str, fields_key, finish, norm_name

if TYPE_CHECKING:
    from .inline import Context, Renderer

    _Base = Renderer
else:
    _Base = object


class FootnotesMixin(_Base):
    """Refs and citations for `Renderer`."""

    ctx: Context
    in_ref: int
    quiet: int

    def ref(self, node: Tag, marks: frozenset[str], out: list[Span]) -> None:
        """A ``<ref>``: registers the footnote and appends its marker."""
        if self.quiet:
            return
        name = _attr(node, "name")
        group = _attr(node, "group") or ""
        contents = node.contents
        registry = self.ctx.registry
        if node.self_closing or contents is None or not contents.nodes:
            if name:
                out.append(registry.marker(registry.use_name(name, group)))
            return
        follow = _attr(node, "follow")
        if follow and registry.follow(follow, self._note_spans(contents), group):
            return  # it continues an earlier footnote: no marker of its own (MediaWiki)
        known = registry.reuse(name, None, group) if name else None
        if known is None:
            known = self._footnote_number(contents, name, group)
        if known is not None:
            out.append(registry.marker(known))

    def _footnote_number(self, contents: Wikicode, name: str | None, group: str = "") -> int | None:
        """Register a footnote's contents (reusing an identical one); its number, or None if empty."""
        registry = self.ctx.registry
        template, kind = self._single_citation(contents)
        if template is not None:
            fields = self.fields(template)
            key = fields_key(kind, fields)
            known = registry.reuse(name, key, group)
            if known is not None:
                return known
            return registry.cite(kind, self.citation_text(kind, fields), fields, name, key, group)
        key = " ".join(str(contents).split())
        if not key:
            return registry.use_name(name, group) if name else None
        known = registry.reuse(name, key, group)
        if known is not None:
            return known
        spans = self._note_spans(contents)
        if not spans:
            return registry.use_name(name, group) if name else None
        return registry.cite("note", spans, (), name, key, group, self._shorts(contents))

    def _shorts(self, contents: Wikicode) -> tuple[tuple[tuple[str, str], ...], ...]:
        """The short citations ({{harvnb}}, {{sfn}}...) a note holds: their full sources are found
        for it, as for a footnote that is one short citation."""
        return tuple(self.fields(template) for template in contents.filter_templates()
                     if SHORT_KINDS.get(norm_name(code_str(template.name))))

    def _single_citation(self, contents: Wikicode) -> tuple[Template | None, str]:
        """The citation template that is all of a footnote's contents, with its kind."""
        significant = [n for n in contents.nodes
                       if not (type(n) is Text and not n.value.strip()) and type(n) is not Comment]
        if len(significant) == 1 and type(significant[0]) is Template:
            template = significant[0]
            name = norm_name(code_str(template.name))
            kind = CITATION_KINDS.get(name) or SHORT_KINDS.get(name)
            if kind:
                return template, kind
        return None, ""

    def _note_spans(self, contents: Wikicode) -> tuple[Span, ...]:
        self.in_ref += 1
        try:
            spans = finish(self.spans(contents))
        finally:
            self.in_ref -= 1
        # Only templates we do not know, which show nothing ({{SCref|unit=cd|3520}}, toronto):
        # the calls as written, rather than a reference said to have no text.
        calls = self._calls_as_text(contents)
        return spans or ((Span(calls),) if calls else ())

    def _calls_as_text(self, contents: Wikicode) -> str:
        """The templates of `contents` as "name: value, key=value; ..." (empty values left out)."""
        calls = []
        for template in contents.filter_templates(recursive=False):
            values = [(code_str(p.name).strip() + "=" if p.showkey else "") + self.text(p.value).strip()
                      for p in template.params]
            values = [v for v in values if v and not v.endswith("=")]
            name = code_str(template.name).strip()
            calls.append(f"{name}: {', '.join(values)}" if values else name)
        return "; ".join(calls)

    def footnote(self, contents: Wikicode) -> tuple[str, tuple[Span, ...], tuple[tuple[str, str], ...], str]:
        """(kind, formatted text, fields, identity key) of a footnote's contents."""
        template, kind = self._single_citation(contents)
        if template is not None:
            fields = self.fields(template)
            return kind, self.citation_text(kind, fields), fields, fields_key(kind, fields)
        return "note", self._note_spans(contents), (), " ".join(str(contents).split())

    def define_list(self, contents: Wikicode, group: str = "") -> None:
        """Refs defined in a reference list (``<references>`` body, ``reflist|refs=``)."""
        registry = self.ctx.registry
        for node in contents.nodes:
            if type(node) is not Tag or code_str(node.tag).strip().lower() != "ref" or node.contents is None:
                continue
            name = _attr(node, "name")
            kind, text, fields, key = self.footnote(node.contents)
            if not text:
                continue
            if name and registry.has_name(name, group):
                registry.define_later(name, kind, text, fields, group)
            else:
                registry.cite(kind, text, fields, name, key, group)

    def citation_text(self, kind: str, fields: tuple[tuple[str, str], ...]) -> tuple[Span, ...]:
        """Formatted text of a citation template of `kind`."""
        if kind == "sfn" and cs1.is_sfnm(fields):
            return (Span(cs1.sfnm_citation(fields) + "."),)  # sfnm: several sources
        if kind in ("sfn", "harvnb", "harv", "harvtxt"):
            return (Span(cs1.short_citation(fields, parens=kind == "harv") + "."),)
        return cs1.format_citation(kind, fields)

    def cite_template(self, node: Template, kind: str, marks: frozenset[str], out: list[Span]) -> None:
        """A citation template met in running text: inline text inside a ref, else a footnote."""
        inline = self.in_ref or self.quiet or (kind in ("harvnb", "harv", "harvtxt") and self.ctx.fmt != "dump")
        fields = self.fields(node)
        key = fields_key(kind, fields)
        if not inline:
            known = self.ctx.registry.reuse(None, key)
            if known is not None:
                out.append(self.ctx.registry.marker(known))
                return
        text = self.citation_text(kind, fields)
        if inline:
            if kind in ("harvnb", "harv", "harvtxt"):
                out.append(Span(text[0].text.rstrip("."), marks))
            else:
                out.extend(text)
            return
        out.append(self.ctx.registry.marker(self.ctx.registry.cite(kind, text, fields, None, key)))


def _attr(node: Tag, name: str) -> str | None:
    try:
        if node.has(name):
            value = str(node.get(name).value).strip().strip('"').strip("'").strip()
            return value or None
    except (ValueError, AttributeError):
        return None
    return None

