"""Wikitext (the dump format or standard MediaWiki markup) -> `reader.model.Article`.

mwparserfromhell does the parsing.  The modules, by job:

* `dumpformat` - ``[tpl]``/``[ref]`` dump text -> wikitext; line-level debris;
* `blocks`     - top-level nodes -> paragraphs, lists, quotes, tables, images, entries;
* `inline`     - inline nodes -> spans (bold, italic, links, footnote markers);
* `context`    - what one parse shares, and the renderer as footnotes and templates see it;
* `footnotes`  - refs, citations and footnote templates -> numbered footnotes (functions);
* `spans`      - small shared helpers on wikicode and spans;
* `templates`  - the one table of templates (exact names, prefixes, suffixes) and its lookup;
* `templates_base`, `templates_text`, `templates_blocks`, `prose`, `convert` - the handlers;
* `definitions` - data tables: languages, months, units, footnote-list groups, infobox fields;
* `citations`, `cs1`, `cs1_fields` - footnote numbering, citation formatting, parameters read;
* `tables`     - wikitext tables;
* `sections`   - the section tree, the reference list's place, the CATEGORIES line;
* `repair`     - narrow repairs of damaged text before parsing (escaped, glued, flattened).

`parse_article` never raises on any str: if something pathological defeats the parser,
the article is shown as its plain lines, with a notice.
"""

from __future__ import annotations

import re
from collections import Counter

import mwparserfromhell

from ..model import Article, Paragraph, Redirect, Span
from ..source.fileformat import detect_format
from ..source.namespaces import NOT_ARTICLE_PREFIXES
from .balance import balance_markup
from .blocks import BlockBuilder
from .context import Context
from .dumpformat import describe, to_wikitext
from .inline import Renderer
from .repair import drop_switches, looks_escaped, mend_citations, mend_tables, restore_headings, separate_urls, unescape
from .sections import build_sections, split_categories
from .spans import without_surrogates

__all__ = ["detect_format", "parse_article"]

_TITLE_LINE = re.compile(r"^\s*\[\[([^\[\]\n|]+)\]\]\s*$")
_REDIRECT = re.compile(r"^\s*#\s*redirect\s*:?\s*(.*)$", re.IGNORECASE)
_HEADING_LINE = re.compile(r"^=+[^=\n].*=+\s*$", re.MULTILINE)


def parse_article(text: str, title: str | None = None, *, fmt: str | None = None,
                  limit: int | None = None) -> Article:
    """Parse one article (see `reader.parse` and INTERFACES.md).  Never raises."""
    try:
        return _parse(text, title, fmt, limit)
    except Exception as error:  # noqa: BLE001 - the reader must show something, whatever happens
        return _fallback(text, title, f"the article could not be parsed ({type(error).__name__}); shown as plain text")


def _parse(text: str, title: str | None, fmt: str | None, limit: int | None) -> Article:
    if not isinstance(text, str):
        text = str(text)
    fmt = fmt if fmt in ("dump", "wikitext") else detect_format(text)
    found_title, categories, body = _split_head(text, fmt)
    title = title or found_title or "Untitled"
    notices: list[str] = []
    if fmt == "wikitext" and looks_escaped(body):
        body = unescape(body)
        notices.append("the wikitext was XML-escaped; unescaped")
    if fmt == "wikitext":
        body, restored = restore_headings(body)
        if restored:
            notices.append("the article had lost its line breaks; its headings were put back on lines of their own")
    complete = True
    if limit is not None and limit >= 0 and len(body) > limit:
        body = _cut(body, limit)
        complete = False
    redirect, body = _split_redirect(body, fmt)
    ctx = Context(fmt=fmt, notices=notices)
    repairs: Counter[str] = Counter()
    source = to_wikitext(body, repairs) if fmt == "dump" else body
    notices.extend(describe(repairs))
    source = balance_markup(mend_tables(mend_citations(drop_switches(separate_urls(source)))))
    code = mwparserfromhell.parse(source, skip_style_tags=True)
    renderer = Renderer(ctx)
    items = BlockBuilder(renderer, dump=fmt == "dump").run(code.nodes)
    if redirect:
        items.insert(0, Redirect(redirect))
    citations = ctx.registry.build(ctx.bibliography)
    lead, sections = build_sections(items, bool(citations))
    categories = categories + tuple(c for c in dict.fromkeys(ctx.categories) if c not in categories)
    return Article(title=title, categories=categories, lead=lead, sections=sections, citations=citations,
                   redirect=redirect, notices=tuple(ctx.notices), complete=complete,
                   source_format=fmt)


def _split_head(text: str, fmt: str) -> tuple[str | None, tuple[str, ...], str]:
    """The title line's title, the CATEGORIES line's categories and the body, line ends made "\n".

    Only the dump format has title and CATEGORIES lines: in wikitext, a first line
    ``[[Main Page]]`` is a link, and part of the text."""
    text = without_surrogates(text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n"))
    if fmt != "dump":
        return None, (), text
    found_title, body = _split_title(text)
    categories, body = _split_categories_line(body)
    return found_title, categories, body


def _split_title(text: str) -> tuple[str | None, str]:
    """The ``[[Title]]`` first line, if there is one, and the rest."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    match = _TITLE_LINE.match(first)
    if match and not match.group(1).lower().lstrip().startswith(NOT_ARTICLE_PREFIXES):
        return match.group(1).strip(), rest
    return None, text


def _split_categories_line(body: str) -> tuple[tuple[str, ...], str]:
    """The ``CATEGORIES:`` line among the first lines, and the body without it."""
    head = body[:200].lstrip("\n")
    if not head.startswith("CATEGORIES:"):
        return (), body
    start = body.index("CATEGORIES:")
    end = body.find("\n", start)
    end = len(body) if end < 0 else end
    line = body[start + len("CATEGORIES:"):end]
    return split_categories(line.strip()), body[:start] + body[end + 1:]


def _split_redirect(body: str, fmt: str) -> tuple[str | None, str]:
    stripped = body.lstrip()
    if not stripped[:12].lower().lstrip("# ").startswith("redirect"):
        return None, body
    first, _, rest = stripped.partition("\n")
    match = _REDIRECT.match(first)
    if not match:
        return None, body
    target_code = mwparserfromhell.parse(to_wikitext(match.group(1)) if fmt == "dump" else match.group(1))
    links = target_code.filter_wikilinks(recursive=False)
    if links:
        target = str(links[0].title).strip()
    else:
        target = "".join(str(n) for n in target_code.nodes if isinstance(n, mwparserfromhell.nodes.Text)).strip()
    if not target:
        return None, body
    return target, rest


def _cut(body: str, limit: int) -> str:
    """About the first `limit` characters, cut at a heading line (or at least a line end)."""
    best = -1
    for match in _HEADING_LINE.finditer(body, 0, min(len(body), limit * 2)):
        if match.start() <= limit or best < limit // 2:
            best = match.start()
        if match.start() > limit:
            break
    if best <= 0:
        best = body.rfind("\n\n", 0, limit)
    if best <= 0:
        best = body.rfind("\n", 0, limit)
    if best <= 0:
        best = limit
    return body[:best]


def _fallback(text: object, title: str | None, notice: str) -> Article:
    """The article as plain lines: what is shown when parsing failed."""
    try:
        value = text if isinstance(text, str) else repr(text)
        value = value.replace("\x00", "")
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        found, _ = _split_title(value)
        blocks = tuple(Paragraph((Span(line),)) for line in lines)
        return Article(title=title or found or "Untitled", lead=blocks, notices=(notice,), source_format="dump")
    except Exception:  # noqa: BLE001
        return Article(title=title or "Untitled", notices=(notice,))
