"""Footnotes: ``<ref>`` tags, reference lists, citation templates met in running text, and the
templates that make or list footnotes (``{{efn}}``, ``{{refn}}``, ``{{r}}``, ``{{reflist}}``...),
numbered through the article's `Registry`.

Plain functions over the renderer, typed by `context.InlineRenderer`: `inline` renders nodes to
spans and calls `ref` for a ``<ref>`` tag; this module decides which footnote a ref or citation
is (a new one, or one cited before) and formats it.  The template handlers here are rows of the
table in `templates`.
"""

from __future__ import annotations

from mwparserfromhell.nodes import Comment, Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from ..model import SUP, Block, References, Span
from . import cs1
from .citations import CITATION_KINDS, SHORT_KINDS
from .context import InlineRenderer
from .definitions import LIST_GROUPS
from .spans import code_str, fields_key, finish, norm_name
from .templates_base import Args, Handler


def ref(r: InlineRenderer, node: Tag, marks: frozenset[str], out: list[Span]) -> None:
    """A ``<ref>``: registers the footnote and appends its marker."""
    if r.quiet:
        return
    name = _attr(node, "name")
    group = _attr(node, "group") or ""
    contents = node.contents
    registry = r.ctx.registry
    if node.self_closing or contents is None or not contents.nodes:
        if name:
            out.append(registry.marker(registry.use_name(name, group)))
        return
    follow = _attr(node, "follow")
    if follow and registry.follow(follow, _note_spans(r, contents), group):
        return  # it continues an earlier footnote: no marker of its own (MediaWiki)
    known = registry.reuse(name, None, group) if name else None
    if known is None:
        known = _footnote_number(r, contents, name, group)
    if known is not None:
        out.append(registry.marker(known))


def _footnote_number(r: InlineRenderer, contents: Wikicode, name: str | None, group: str = "") -> int | None:
    """Register a footnote's contents (reusing an identical one); its number, or None if empty."""
    registry = r.ctx.registry
    template, kind = _single_citation(contents)
    if template is not None:
        fields = r.fields(template)
        key = fields_key(kind, fields)
        known = registry.reuse(name, key, group)
        if known is not None:
            return known
        return registry.cite(kind, citation_text(kind, fields), fields, name, key, group)
    key = " ".join(str(contents).split())
    if not key:
        return registry.use_name(name, group) if name else None
    known = registry.reuse(name, key, group)
    if known is not None:
        return known
    spans = _note_spans(r, contents)
    if not spans:
        return registry.use_name(name, group) if name else None
    return registry.cite("note", spans, (), name, key, group, _shorts(r, contents))


def _shorts(r: InlineRenderer, contents: Wikicode) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The short citations ({{harvnb}}, {{sfn}}...) a note holds: their full sources are found
    for it, as for a footnote that is one short citation."""
    return tuple(r.fields(template) for template in contents.filter_templates()
                 if SHORT_KINDS.get(norm_name(code_str(template.name))))


def _single_citation(contents: Wikicode) -> tuple[Template | None, str]:
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


def _note_spans(r: InlineRenderer, contents: Wikicode) -> tuple[Span, ...]:
    r.in_ref += 1
    try:
        spans = finish(r.spans(contents))
    finally:
        r.in_ref -= 1
    # Only templates we do not know, which show nothing ({{SCref|unit=cd|3520}}, toronto):
    # the calls as written, rather than a reference said to have no text.
    calls = _calls_as_text(r, contents)
    return spans or ((Span(calls),) if calls else ())


def _calls_as_text(r: InlineRenderer, contents: Wikicode) -> str:
    """The templates of `contents` as "name: value, key=value; ..." (empty values left out)."""
    calls = []
    for template in contents.filter_templates(recursive=False):
        values = [(code_str(p.name).strip() + "=" if p.showkey else "") + r.text(p.value).strip()
                  for p in template.params]
        values = [v for v in values if v and not v.endswith("=")]
        name = code_str(template.name).strip()
        calls.append(f"{name}: {', '.join(values)}" if values else name)
    return "; ".join(calls)


def footnote(r: InlineRenderer, contents: Wikicode) -> tuple[str, tuple[Span, ...], tuple[tuple[str, str], ...], str]:
    """(kind, formatted text, fields, identity key) of a footnote's contents."""
    template, kind = _single_citation(contents)
    if template is not None:
        fields = r.fields(template)
        return kind, citation_text(kind, fields), fields, fields_key(kind, fields)
    return "note", _note_spans(r, contents), (), " ".join(str(contents).split())


def define_list(r: InlineRenderer, contents: Wikicode, group: str = "") -> None:
    """Refs defined in a reference list (``<references>`` body, ``reflist|refs=``)."""
    registry = r.ctx.registry
    for node in contents.nodes:
        if type(node) is not Tag or code_str(node.tag).strip().lower() != "ref" or node.contents is None:
            continue
        name = _attr(node, "name")
        kind, text, fields, key = footnote(r, node.contents)
        if not text:
            continue
        if name and registry.has_name(name, group):
            registry.define_later(name, kind, text, fields, group)
        else:
            registry.cite(kind, text, fields, name, key, group)


def citation_text(kind: str, fields: tuple[tuple[str, str], ...]) -> tuple[Span, ...]:
    """Formatted text of a citation template of `kind`."""
    if kind == "sfn" and cs1.is_sfnm(fields):
        return (Span(cs1.sfnm_citation(fields) + "."),)  # sfnm: several sources
    if kind in ("sfn", "harvnb", "harv", "harvtxt"):
        return (Span(cs1.short_citation(fields, parens=kind == "harv") + "."),)
    return cs1.format_citation(kind, fields)


def cite_template(r: InlineRenderer, node: Template, kind: str, marks: frozenset[str], out: list[Span]) -> None:
    """A citation template met in running text: inline text inside a ref, else a footnote."""
    inline = r.in_ref or r.quiet or (kind in ("harvnb", "harv", "harvtxt") and r.ctx.fmt != "dump")
    fields = r.fields(node)
    key = fields_key(kind, fields)
    if not inline:
        known = r.ctx.registry.reuse(None, key)
        if known is not None:
            out.append(r.ctx.registry.marker(known))
            return
    text = citation_text(kind, fields)
    if inline:
        if kind in ("harvnb", "harv", "harvtxt"):
            out.append(Span(text[0].text.rstrip("."), marks))
        else:
            out.extend(text)
        return
    out.append(r.ctx.registry.marker(r.ctx.registry.cite(kind, text, fields, None, key)))

def _attr(node: Tag, name: str) -> str | None:
    try:
        if node.has(name):
            value = str(node.get(name).value).strip().strip('"').strip("'").strip()
            return value or None
    except (ValueError, AttributeError):
        return None
    return None



# ---------------------------------------------------------------------------- footnote templates


def group_of(a: Args) -> str:
    """A ``group=`` parameter's value, unquoted (``group="nb"`` is the group nb, as in MediaWiki)."""
    return a.text("group").strip("\"' ")


def references(a: Args) -> Block | None:
    """``{{reflist}}``, ``{{notelist}}``...: the list of a group's footnotes (see `citations`)."""
    group = group_of(a) or LIST_GROUPS.get(a.name, "")
    refs = a.named.get("refs")
    if refs is not None:  # list-defined references: define the names, show nothing here
        define_list(a.r, refs, group)
    for value in a.positional:
        # Some pages put them in unnamed ({{Reflist|<ref name=...>...</ref>}}, earthquakes):
        # a positional value is otherwise a column count or width, never a ref.
        if any(code_str(tag.tag).strip().lower() == "ref" for tag in value.filter_tags(recursive=False)):
            define_list(a.r, value, group)
    if not a.top or a.r.quiet:
        return None
    return References(group, a.r.ctx.registry.close_list(group))


def anchor_note(a: Args) -> None:
    """``{{note|a}}``, ``{{ref label|id|label}}``: a small label like "[a]"."""
    label = a.text(2) or a.text(1)
    if label:
        a.add(f"[{label}]", frozenset({SUP}))


def footnote_params(kind: str = "note", group: str | None = None) -> Handler:
    """``{{ref|...}}``, ``{{ME-ref|...}}``, ``{{efn|...}}``: a footnote written as a template, in
    `group` (``{{efn}}``: "lower-alpha", markers [a], [b]...), or the one its ``group=`` names."""
    def handler(a: Args) -> None:
        if a.r.quiet:
            return  # only its text is being looked at: register nothing
        registry = a.r.ctx.registry
        name = a.text("name") or None
        in_group = group_of(a) if group is None else group
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


def named_ref(a: Args) -> None:
    """``{{r|name|name2}}``: reuse of named references."""
    if a.r.quiet:
        return
    for code in a.positional:
        name = a.r.text(code).strip()
        if name:
            a.out.append(a.r.ctx.registry.marker(a.r.ctx.registry.use_name(name, group_of(a))))
