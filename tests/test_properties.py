"""Property tests: any text parses without raising, and the words outside markup survive."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.model import block_text, plain
from reader.parse import parse_article

MARKUP = ["[tpl]", "[/tpl]", "[ref]", "[/ref]", "{{", "}}", "[[", "]]", "|", "=", "==", "\n", "\n\n", "'''", "''",
          "<ref>", "</ref>", "<ref name=x/>", "*", "#", ":", ";", "{|", "|}", "|-", "<!--", "-->", "&amp;", "&lt;",
          "<br>", "[http://x.org ", "]", "#REDIRECT ", "CATEGORIES: ", "thumb|", "[[File:", " | key=value", "\x00",
          "\r\n", "cite web|title=", "convert|3|km", "sfn|A|2000", "<nowiki>", "<pre>", "<div>", "</div>"]
WORDS = ["alpha", "beta", "gamma", "delta", "日本語", "עברית", "emoji👍", "Zoë", "e\u0301t\u00e9"]

text_pieces = st.lists(st.one_of(st.sampled_from(MARKUP), st.sampled_from(WORDS), st.text(max_size=12)),
                       max_size=40).map("".join)


def shown_text(article) -> str:
    parts = [article.title, " ".join(article.categories), article.redirect or ""]
    blocks = list(article.lead) + [b for s in article.walk() for b in s.blocks]
    parts += [block_text(b) for b in blocks] + [getattr(b, "file", "") for b in blocks]
    parts += [s.title for s in article.walk()] + [plain(c.text) for c in article.citations]
    parts += [plain(b.citation.text) for b in blocks if hasattr(b, "citation")]
    return "\n".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_pieces, st.sampled_from([None, "dump", "wikitext"]), st.one_of(st.none(), st.integers(0, 200)))
def test_any_text_parses(text, fmt, limit):
    article = parse_article(text, fmt=fmt, limit=limit)
    assert isinstance(article.title, str)
    # the plain-text fallback is for the pathological; ordinary damage is parsed
    assert not any("could not be parsed" in notice for notice in article.notices), article.notices
    shown_text(article)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(WORDS + ["plain", "words", "here"]),
                          st.sampled_from([" ", "\n", "\n\n", " [tpl]nowrap|inner[/tpl] ", " [ref]note words[/ref] ",
                                           " '''bold''' ", " [[Link|label]] ", " [tpl]citation needed[/tpl] ",
                                           "[/ref]", "[ref]", " [[unclosed ", " }} ", "\n | orphan = param\n }}\n"])),
                min_size=1, max_size=30),
       st.sampled_from(["dump", "wikitext"]))
def test_words_outside_markup_survive(pieces, fmt):
    text = "".join(word + glue for word, glue in pieces)
    article = parse_article(text, "Words", fmt=fmt)
    shown = shown_text(article)
    for word, _ in pieces:
        core = re.sub(r"\W", "", word)
        assert core in re.sub(r"\W", "", shown), (word, text, shown)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_plain_unicode_text_is_kept(text):
    article = parse_article(text, "Plain", fmt="dump")
    shown = shown_text(article)
    for word in re.findall(r"[^\W\d_]{3,}", text.replace("\x00", "")):
        if "[" not in text and "{" not in text and "<" not in text and "&" not in text and "'" not in text:
            assert word in shown or word.lower().startswith(("file", "image", "redirect", "categories", "thumb")), word


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["[tpl]nowrap|", "[tpl]x|", "[ref]", "[[", "''", "<span>", "{{lang|fr|"]), max_size=80),
       st.sampled_from(WORDS), st.booleans())
def test_words_survive_any_nesting(openers, word, close):
    closers = {"[tpl]nowrap|": "[/tpl]", "[tpl]x|": "[/tpl]", "[ref]": "[/ref]", "[[": "]]", "''": "''",
               "<span>": "</span>", "{{lang|fr|": "}}"}
    closing = "".join(closers[o] for o in reversed(openers)) if close else ""
    text = "Start " + "".join(openers) + word + closing + " end"
    for fmt in ("dump", "wikitext"):
        shown = shown_text(parse_article(text, "Nest", fmt=fmt))
        assert re.sub(r"\W", "", word) in re.sub(r"\W", "", shown), (fmt, text)
        assert "Start" in shown and "end" in shown


# A file of articles as the dump writes them: title lines, blank lines, text with any characters.
TITLE_PIECES = ["[[", "]]", "[[File:x.jpg]]", "[[Category:C]]", "\n", "\n\n", "\r\n", "#REDIRECT ", "x"]
dump_text = st.lists(
    st.one_of(
        st.builds(lambda title: f"[[{title}]]\n\n", st.sampled_from(WORDS + ["Rosa Parks", "A b", "Zoë"])),
        st.sampled_from(TITLE_PIECES + WORDS),
        st.text(max_size=10),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(dump_text)
def test_the_byte_splitter_finds_the_articles_the_text_splitter_finds(text):
    """The collection splits a file's bytes (`iter_byte_articles`); the reader of one file splits
    its decoded text (`iter_articles`): the same articles, each byte range decoding to its text."""
    from reader.source.split import iter_articles, iter_byte_articles

    text = text.replace("\r", "")  # a decoded text has no CR; the bytes may (tested elsewhere)
    data = text.encode("utf-8")  # hypothesis's text holds no lone surrogates
    by_text = list(iter_articles(text, "Fallback"))
    by_bytes = list(iter_byte_articles(data, "Fallback"))
    assert [(e.title, e.redirect) for e in by_bytes] == [(e.title, e.redirect) for e in by_text]
    for byte_entry, text_entry in zip(by_bytes, by_text, strict=True):
        assert data[byte_entry.start : byte_entry.end].decode("utf-8") == text[text_entry.start : text_entry.end]
