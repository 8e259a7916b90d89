"""The searchable words of an article: its text with the markup taken out, for the full-text index.

The collection's index (`reader.source.index`) holds the words of ~280,000 articles, 1 GB of
dump text.  Parsing each with mwparserfromhell, as the reader does, would take minutes; the
index needs the words a person reads and nothing that a person does not (``[tpl]``, ``url=``,
``'''``), so a few regular expressions do it, ~40 MB/s on one core here.  The same function
makes the text that search snippets are cut from, so a snippet shows what was matched.

Kept: prose, headings, list items, table cells, the values of template parameters (a
citation's title and publisher, a converted "5 km").  Dropped: template names and parameter
names, URLs, tag and link markup, file and category links, the CATEGORIES line.
"""

from __future__ import annotations

import re

from reader.source.namespaces import CATEGORY_NAMESPACES, FILE_NAMESPACES

_NAMESPACES = "|".join(re.escape(name) for name in FILE_NAMESPACES + CATEGORY_NAMESPACES)

# Passes in order, each one regular expression with a literal start, so that the engine skips
# ahead between hits: one alternation of them all ran at 2 MB/s, these together at ~30 MB/s.
_PASSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[\[\s*(?:" + _NAMESPACES + r")\s*:[^\]\n]*\]\]", re.IGNORECASE), " "),  # file, category
    (re.compile(r"\[tpl\][^|\[\]\n]*", re.IGNORECASE), " "),  # a template's opener and name
    (re.compile(r"\{\{[^|{}\n]*"), " "),  # the same in wikitext
    (re.compile(r"\|[^=|\[\]{}\n]{0,40}="), " "),  # a named parameter's name
    (re.compile(r"https?://[^\s|\]\[<>\"]+"), " "),  # a URL
    (re.compile(r"\[/?(?:tpl|ref)\]", re.IGNORECASE), " "),
    (re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>"), " "),  # an HTML tag
    (re.compile(r"\[\[[^\]|\n]*\|"), " "),  # "[[Target|": the label follows
    (re.compile(r"==+"), " "),  # heading marks
    (re.compile(r"''+"), ""),  # bold and italics
)
_MARKERS = re.compile(r"[\[\]{}|]+")  # what is left of links and templates (str.translate: 7 MB/s)


def plain_words(text: str) -> str:
    """The article's readable words, markup removed (white space as it comes: see `snippet`)."""
    for pattern, replacement in _PASSES:
        text = pattern.sub(replacement, text)
    return _MARKERS.sub(" ", text)


def title_and_body(article: str) -> str:
    """The article's text without its ``[[Title]]`` line and its CATEGORIES line (the index holds
    the title apart; category names in every snippet would hide the words found)."""
    if article.startswith("[["):
        newline = article.find("\n")
        article = article[newline + 1 :] if newline >= 0 else ""
    body = article.lstrip()
    if body.startswith("CATEGORIES:"):
        newline = body.find("\n")
        return body[newline + 1 :] if newline >= 0 else ""
    return article
