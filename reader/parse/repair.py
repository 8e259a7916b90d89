"""Repairs of damaged source text, made before mwparserfromhell sees it.

Each is mechanical and narrow, and says what it did through a notice when it matters:

* wikitext still XML-escaped (``&lt;ref&gt;``) is unescaped;
* a bare URL glued to a template (``http://x{{dead link}}``) is separated from it, as
  MediaWiki expands templates before it finds URLs;
* an article that lost its line breaks (one line of thousands of characters with
  ``==Heading==`` and ``{| ... |- ... |}`` inside) gets its heading and table lines back.
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
