"""Which of the two input formats a file is in: decided once per file, from its name and text.

The dump format's ``[[Title]]`` lines start articles; in standard wikitext such a line is a
link like any other (``[[Main Page]]`` at the top of a page), so a file found to be wikitext is
one article, never split, and keeps its first line.
"""

from __future__ import annotations

WIKITEXT_EXTENSIONS = (".wiki", ".wikitext", ".mediawiki", ".mw")
# Characters of the text looked at: the reader, the lazy open and the collection's indexer decide
# from the same start of a file (a 20 MB wikitext file was scanned whole, three times over).
FORMAT_SAMPLE = 1 << 20
_DUMP_TOKENS = ("[tpl]", "[ref]", "[/tpl]")
_WIKITEXT_SIGNS = ("{{", "<ref", "&lt;ref", "'''", "[[Category:")


def detect_format(text: str, filename: str | None = None) -> str:
    """"dump" or "wikitext": by file extension, else by the markup the first `FORMAT_SAMPLE`
    characters of the text hold."""
    if filename and filename.lower().endswith(WIKITEXT_EXTENSIONS):
        return "wikitext"
    text = text[:FORMAT_SAMPLE]
    if any(token in text for token in _DUMP_TOKENS):
        return "dump"
    if "CATEGORIES:" in text[:5000]:
        return "dump"
    if any(sign in text for sign in _WIKITEXT_SIGNS):
        return "wikitext"
    return "dump"
