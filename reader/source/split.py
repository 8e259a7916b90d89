"""Split a dump file into its articles: line framing only, no wikitext parsing.

A line ``[[Title]]`` followed by a blank line (or by the end of the file) starts an
article.  Lines such as ``[[File:...]]`` or ``[[Image:...]]`` never do.  Text before the
first title line belongs to the first article, so nothing of the file is ever dropped:
the entries tile the whole text, each running up to the next one's title line.

One compiled regex scans the decoded text; 20 MB index in a few tens of milliseconds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from msgspec import Struct

from reader.source.namespaces import CATEGORY_NAMESPACES, FILE_NAMESPACES

# A title line: "[[...]]" alone on its line, then a blank line or the end of the text.
# MediaWiki titles cannot hold [ ] { } < > | so a piped link or a template is never a
# title.  Namespaces that appear as lone lines inside articles (files, categories: see
# `namespaces`) are excluded.  The blank line is a lookahead so that it stays free to precede
# the next title line.
_NOT_ARTICLES = "|".join(re.escape(name) for name in FILE_NAMESPACES + CATEGORY_NAMESPACES)
_TITLE = (
    rf"\[\[(?!\s*(?:{_NOT_ARTICLES})\s*:)"
    r"([^\[\]{}<>|\n]+)\]\](?=[ \t]*(?:\n[ \t]*(?:\n|\Z)|\Z))"
)
# Searching for "\n[[" lets the regex engine skip ahead by its literal prefix: ten times
# faster than a MULTILINE "^" pattern.  The first line of the text is tried on its own.
_TITLE_AFTER_NEWLINE = re.compile("\n" + _TITLE, re.IGNORECASE)
_TITLE_AT_START = re.compile(_TITLE, re.IGNORECASE)

# "#REDIRECT Target", "#redirect: [[Target]]" as the first non-blank line of the body.
_REDIRECT = re.compile(r"[ \t\n]*#[ \t]*redirect\b[ \t]*:?[ \t]*([^\n]*)", re.IGNORECASE)
_TRAILING_TEMPLATE = re.compile(r"\s*\[tpl\].*?(?:\[/tpl\]|$)\s*$", re.IGNORECASE)

# The same over the bytes of a file in an ASCII-compatible encoding (UTF-8, cp1252), for the
# collection's index, which keeps byte offsets and decodes one article at a time.  A CR before
# the line end is allowed there: those bytes are not normalised yet.
# Compiled when first used (by the indexer only): the reader of one file need not pay for them.
_BYTE_TITLE = _TITLE.replace(r"[ \t]*", r"[ \t\r]*").encode("utf-8")


@functools.cache
def _byte_patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The title line at the start of the bytes, and after a line end."""
    return re.compile(_BYTE_TITLE, re.IGNORECASE), re.compile(b"\n" + _BYTE_TITLE, re.IGNORECASE)


class Entry(Struct, frozen=True):
    """One article of a file: where it lies in the decoded text, and what it is called."""

    index: int  # position in the file, 0-based (tells apart repeated titles)
    title: str
    start: int  # offset of the article's first char (its [[Title]] line)
    end: int  # offset one past its last char
    redirect: str | None = None  # target of a "#REDIRECT X" page
    file: str | None = None  # in a collection: the file it is in, relative to the folder

    @property
    def size(self) -> int:
        """Length of the article's text in characters."""
        return self.end - self.start


def redirect_target(text: str, pos: int = 0) -> str | None:
    """The target of ``#REDIRECT X`` when it is the first non-blank line from `pos`, else None."""
    match = _REDIRECT.match(text, pos)
    if match is None:
        return None
    target = _TRAILING_TEMPLATE.sub("", match.group(1)).strip()
    if target.startswith("[[") and "]]" in target:
        target = target[2 : target.index("]]")].split("|", 1)[0]
    target = target.strip()
    return target or None


def _title_lines(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(offset of the title line, title, offset just after its closing brackets), from `start`.

    `start` is 0 or the offset of a title line (just after a line end).
    """
    first = _TITLE_AT_START.match(text, start)
    if first is not None and first.group(1).strip():
        yield start, first.group(1).strip(), first.end()
    for match in _TITLE_AFTER_NEWLINE.finditer(text, start):
        if match.group(1).strip():  # "[[ ]]" names nothing
            yield match.start() + 1, match.group(1).strip(), match.end()


def _byte_title_lines(data: bytes) -> Iterator[tuple[int, str, int]]:
    """`_title_lines` over the bytes of a file in UTF-8 (or cp1252: see `decode_title`)."""
    at_start, after_newline = _byte_patterns()
    first = at_start.match(data)
    if first is not None and first.group(1).strip():
        yield 0, decode_title(first.group(1)), first.end()
    for match in after_newline.finditer(data):
        if match.group(1).strip():
            yield match.start() + 1, decode_title(match.group(1)), match.end()


def decode_title(raw: bytes) -> str:
    """A title's bytes as text: UTF-8, else cp1252 (as `reader.source.decode` reads such files)."""
    try:
        return raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace").strip()


def iter_byte_articles(data: bytes, fallback_title: str, fmt: str = "dump") -> Iterator[Entry]:
    """`iter_articles` over a file's bytes: the entries' offsets are byte offsets into `data`.

    For files in an ASCII-compatible encoding only (UTF-8, cp1252): a title line is found by
    its ASCII brackets and line ends; each article is decoded on its own when it is read.
    Standard wikitext (`fmt` "wikitext") is one article, as in `iter_articles`.
    """
    if fmt == "wikitext":
        yield Entry(0, fallback_title, 0, len(data), _byte_redirect(data, 0))
        return
    index = 0
    previous: tuple[int, str, int] | None = None
    for line in _byte_title_lines(data):
        if previous is not None:
            yield _byte_entry(data, index, previous, line[0])
            index += 1
        previous = line
    if previous is None:
        yield Entry(0, fallback_title, 0, len(data), _byte_redirect(data, 0))
    else:
        yield _byte_entry(data, index, previous, len(data))


def _byte_entry(data: bytes, index: int, line: tuple[int, str, int], end: int) -> Entry:
    start, title, body = line
    return Entry(index, title, 0 if index == 0 else start, end, _byte_redirect(data, body))


def _byte_redirect(data: bytes, pos: int) -> str | None:
    """`redirect_target` at byte `pos`: only the few hundred bytes after it are decoded."""
    head = data[pos : pos + 600]
    if b"#" not in head:
        return None  # most articles: no decoding at all
    return redirect_target(head.decode("utf-8", errors="replace").replace("\r", ""))


def iter_articles(text: str, fallback_title: str, *, start: int = 0, first_index: int = 0,
                  fmt: str = "dump") -> Iterator[Entry]:
    """Yield the file's articles in order as they are found (lazy: first ones come at once).

    A text with no title line is one article called `fallback_title`, and so is standard
    wikitext (`fmt` "wikitext"), where a ``[[...]]`` line is a link.  To resume an indexing
    that stopped, pass the `start` offset and `index` of the next article.
    """
    if fmt == "wikitext":
        if start < len(text) or first_index == 0:
            yield Entry(first_index, fallback_title, 0 if first_index == 0 else start, len(text),
                        redirect_target(text, start))
        return
    index = first_index
    previous: tuple[int, str, int] | None = None
    for line in _title_lines(text, start):
        if previous is not None:
            yield _entry(text, index, previous, line[0])
            index += 1
        previous = line
    if previous is None:
        if start < len(text) or index == 0:
            yield Entry(index, fallback_title, start, len(text), redirect_target(text, start))
    else:
        yield _entry(text, index, previous, len(text))


def _entry(text: str, index: int, line: tuple[int, str, int], end: int) -> Entry:
    start, title, body = line
    # The first article also owns any text before its title line.
    start = 0 if index == 0 else start
    # The next article starts with "[[", so the blank-skipping redirect match stays in this one.
    return Entry(index, title, start, end, redirect_target(text, body))


def split_articles(text: str, fallback_title: str) -> list[Entry]:
    """All the file's articles, in file order."""
    return list(iter_articles(text, fallback_title))
