"""An article parsed in two stages, as the reader shows it: its first screens, then the whole.

A long article is first parsed only up to about `QUICK_LIMIT` characters, so that its first page
shows at once; the whole follows (in a thread, or in a child process: `reader.parse_ahead`) and
replaces it in place.  An article whose mojibake repair is still to be done (`PendingText`) has
only its head repaired for the first stage, and that head is parsed as the whole will be (in the
format the whole article is in), never as if it were all.
"""

from __future__ import annotations

from reader.model import Article
from reader.parse import detect_format, parse_article
from reader.source.library import PendingText

QUICK_LIMIT = 20_000  # characters parsed before the first paint of a long article (a few screens)
HEAD_CHARS = 4 * QUICK_LIMIT  # of an article still to be repaired, how much is repaired at once


def parse_first(text: str | PendingText, title: str | None, fmt: str | None = None) -> Article:
    """The article's first screens (all of it when short: then `complete` is True).

    `fmt` is the file's format (`Library.format`); None: found from the article's text."""
    if isinstance(text, PendingText):
        head, whole = text.head(HEAD_CHARS)
        limit = QUICK_LIMIT if whole else min(QUICK_LIMIT, len(head) // 2)
        return parse_article(head, title, fmt=fmt or detect_format(text.raw), limit=limit)
    return parse_article(text, title, fmt=fmt, limit=QUICK_LIMIT)


def parse_whole(text: str | PendingText, title: str | None, fmt: str | None = None) -> Article:
    """The whole article."""
    return parse_article(text.full() if isinstance(text, PendingText) else text, title, fmt=fmt)
