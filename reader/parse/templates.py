"""Templates rendered the way Wikipedia shows them.

`render_template` is called for every template node.  Citation templates become footnotes
(see `footnotes.FootnotesMixin.cite_template`); prose templates (``asof``, ``convert``, ``nowrap``,
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

The handlers live in `templates_text` (running text) and `templates_blocks` (blocks and
footnotes), built from the pieces in `templates_base`.
"""

from __future__ import annotations

from mwparserfromhell.nodes import Template

from ..model import Block, Span
from .citations import CITATION_KINDS, SHORT_KINDS
from .inline import Renderer
from .spans import braceless, code_str, norm_name
from .templates_base import Args, Handler, _nothing, _render_each
from .templates_blocks import BLOCK_HANDLERS, _footnote_params, _infobox, guess_kind
from .templates_text import FAMILIES, TEXT_HANDLERS, TEXT_PREFIXES, _icon_language

DEEP = 24  # template nesting past which a template is shown as its text

__all__ = ["HANDLERS", "PREFIX_HANDLERS", "Args", "generic", "guess_kind", "render_template"]


def render_template(r: Renderer, node: Template, marks: frozenset[str], out: list[Span],
                    top: bool) -> Block | None:
    """Render one template: spans go to `out`; a block template returns its block."""
    if r.depth > DEEP:
        # mwparserfromhell gives up nesting about 40 deep, leaving the rest of the text in odd
        # parameters: so deep down (never in a real article) a template shows all it holds.
        out.append(Span(braceless(str(node)).replace("|", " "), marks))
        return None
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
    _render_each(a, " ")
    return None


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
    elif head in ("#time", "#timel"):
        # {{#time: format | date}}: the date, as written (never the format string "j F Y").
        if params:
            r.render(params[0].nodes, marks, out)
    elif rest.strip():
        out.append(Span(rest.strip(), marks))
    return None


HANDLERS: dict[str, Handler] = {**BLOCK_HANDLERS, **TEXT_HANDLERS, **FAMILIES}
PREFIX_HANDLERS: list[tuple[str, Handler]] = TEXT_PREFIXES + [
    ("r from", _nothing), ("r to", _nothing), ("use ", _nothing), ("pp-", _nothing),
    ("inligtingskas", lambda a: _infobox(a, "infobox")), ("infoboks", lambda a: _infobox(a, "infobox")),
    ("defaultsort", _nothing), ("sortierung", _nothing), ("displaytitle", _nothing),
]
