"""Repairs of damaged source text, made before mwparserfromhell sees it.

Each is mechanical and narrow, and says what it did through a notice when it matters:

* wikitext still XML-escaped (``&lt;ref&gt;``) is unescaped;
* a bare URL glued to a template (``http://x{{dead link}}``) is separated from it, as
  MediaWiki expands templates before it finds URLs;
* an article that lost its line breaks (one line of thousands of characters with
  ``==Heading==`` and ``{| ... |- ... |}`` inside) gets its heading and table lines back;
* table lines MediaWiki reads and mwparserfromhell does not (`mend_tables`).
"""

from __future__ import annotations

import html
import re

_URL_THEN_TEMPLATE = re.compile(r"(://[^\s\[\]<>{}|]+)(?=\{\{)")
_TABLE = re.compile(r"\{\|.*?\|\}", re.DOTALL)
_INLINE_HEADING = re.compile(r"(?<=\S) +(={2,6}[^=\n]{1,200}?={2,6})(?= )")
LONG_LINE = 2000


def looks_escaped(body: str) -> bool:
    """Whether wikitext is still XML-escaped (more &lt; &gt; &quot; than real angle brackets)."""
    escaped = body.count("&lt;") + body.count("&gt;") + body.count("&quot;")
    return escaped > 2 and escaped > body.count("<") + body.count(">")


def unescape(body: str) -> str:
    """XML-escaped wikitext made plain."""
    return html.unescape(body)


def separate_urls(source: str) -> str:
    """``http://x{{t}}`` -> ``http://x {{t}}`` (mwparserfromhell would take "{{t" into the URL)."""
    return _URL_THEN_TEMPLATE.sub(r"\1 ", source) if "://" in source else source


# A table's first line, indented (":{|", "::{|", a common way to indent a table) or written
# with the {{(!}} / {{{!}} templates; "{||}" opens and closes an empty table.
_TABLE_OPEN = re.compile(r"^[:*#;]*[ \t]*(?:\{\||\{\{\(!\}\}|\{\{\{!\}\})")
_TEMPLATE_CELLS = (("{{!-}}", "|-"), ("{{!)}}", "|}"), ("{{!}}}", "|}"), ("{{!!}}", "||"), ("{{!}}", "|"))


# A citation that lost its "<ref>{{" (".. in the 1980scite web |url=...}}</ref>"): the rest
# of it, up to the closers it kept.
_REF_OPENER = re.compile(r"<ref(?:\s[^<>]*)?(?<!/)>", re.IGNORECASE)
_HEADLESS_START = re.compile(r"(?<![{ ])(?<!\{ )cite (?:web|news|book|journal|magazine|press release|encyclopedia|"
                             r"report)[ \t]*\|", re.IGNORECASE)
_HEADLESS_CITATION = re.compile(
    r"(?<!\{\{)(cite (?:web|news|book|journal|magazine|press release|encyclopedia|report)[ \t]*\|"
    r"[^\n{}]*(?:\{\{[^\n{}]*\}\}[^\n{}]*)*\}\})([ \t]*</ref>)", re.IGNORECASE)


_SWITCHES = re.compile(
    r"__(?:NOTOC|TOC|FORCETOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|HIDDENCAT|NOINDEX|INDEX|"
    r"STATICREDIRECT|DISAMBIG|NOTITLECONVERT|NOTC|NOCONTENTCONVERT|NOCC|EXPECTUNUSEDCATEGORY|ARCHIVEDTALK|"
    r"NOGLOBAL|EXPECTED_UNCONNECTED_PAGE)__")


def drop_switches(source: str) -> str:
    """Behaviour switches (``__NOTOC__``, ``__TOC__``...) say how to build the page; they show nothing."""
    return _SWITCHES.sub("", source) if "__" in source else source


def mend_citations(source: str) -> str:
    """``...1980scite web |url=x |title=y}}</ref>`` -> ``...1980s<ref>{{cite web ...}}</ref>``."""
    closers = source.count("</ref>")
    if not closers or closers <= len(_REF_OPENER.findall(source)) or _HEADLESS_START.search(source) is None:
        return source  # every </ref> has its <ref>: no citation lost its head
    return _HEADLESS_CITATION.sub(lambda m: "<ref>{{" + m.group(1) + m.group(2), source)


def mend_tables(source: str) -> str:
    """Table lines as MediaWiki reads them, so that mwparserfromhell finds the table:

    * ``:{|`` (a table indented by a definition list) starts a table, shown unindented;
    * ``{{(!}}``, ``{{{!}}`` open a table, and in its lines ``{{!}}``, ``{{!!}}``, ``{{!-}}``
      and ``{{!)}}`` are its ``|``, ``||``, ``|-`` and ``|}``;
    * ``{||}`` alone on its line is an empty table, which shows nothing;
    * a ``|}`` with no table open (left by a template that opened one, or by the dump
      conversion) closes nothing and is dropped.
    """
    if "{|" not in source and "|}" not in source and "{{(!}}" not in source and "{{{!}}" not in source:
        return source
    lines = source.split("\n")
    depth = 0
    templated = 0  # depth of the innermost table opened with {{(!}}, or 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        opener = _TABLE_OPEN.match(stripped)
        if opener is not None:
            if stripped.replace(" ", "") in ("{||}", ":{||}"):
                lines[index] = ""
                continue
            body = stripped.lstrip(":*#; \t")
            if not body.startswith("{|"):
                body = "{|" + body[len("{{(!}}"):]
                templated = depth + 1
            lines[index] = body
            depth += 1
        elif templated and stripped.startswith("{{!"):
            for written, meant in _TEMPLATE_CELLS:
                stripped = stripped.replace(written, meant)
            lines[index] = stripped
        if lines[index].lstrip().startswith("|}"):
            if depth == 0:
                lines[index] = lines[index].lstrip()[2:]
                continue
            if depth == templated:
                templated = 0
            depth -= 1
    return "\n".join(lines)


def restore_headings(body: str) -> tuple[str, bool]:
    """Put ``==Heading==`` runs and table rows found inside very long lines back on lines of their own."""
    if "==" not in body and "{|" not in body:
        return body, False
    changed = False
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if len(line) > LONG_LINE and ("==" in line or "{|" in line):
            fixed = _TABLE.sub(_table_lines, line) if "{|" in line else line
            fixed = _INLINE_HEADING.sub(r"\n\n\1\n\n", fixed)
            if fixed != line:
                lines[index] = fixed.replace("\n\n ", "\n\n")
                changed = True
    return ("\n".join(lines), True) if changed else (body, False)


def _table_lines(match: re.Match[str]) -> str:
    """A table flattened onto one line, its rows and end back on lines of their own."""
    table = match.group(0).replace(" |- ", "\n|-\n").replace(" |-\n", "\n|-\n")
    table = table[:-2].rstrip() + "\n|}"
    return "\n" + table + "\n"
