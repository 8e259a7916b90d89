"""Checks every corpus article: markup leaks, prose-word coverage, cited titles shown.

Shared by tests/test_parse_corpus.py and usable by hand:
``python tests/corpus_check.py [FILES...]`` prints one line per article with problems.
"""

from __future__ import annotations

import glob
import os
import re
import sys

import mwparserfromhell

from reader.model import Article, CitationEntry, block_text, plain
from reader.parse import parse_article

CORPUS = os.environ.get("WIKIREADER_CORPUS", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
LEAKS = ("[tpl]", "[/tpl]", "[ref]", "[/ref]", "{{", "}}", "[[", "]]", "'''", "<ref", "&lt;", "&gt;", "&amp;")
_PARAM_LINE = re.compile(r"^\s*\|\s*[\w-]+\s*=", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TPL = re.compile(r"\[tpl\](?:(?!\[/?tpl\]).)*\[/tpl\]", re.DOTALL | re.IGNORECASE)


def corpus_files() -> list[str]:
    """Every article file of the corpus (single-article folders and wikitext)."""
    files = sorted(glob.glob(os.path.join(CORPUS, "dump", "*.txt")))
    files += sorted(glob.glob(os.path.join(CORPUS, "wikitext", "*.wiki")))
    return files


def article_text(article: Article) -> str:
    """Everything a reader of the article sees, as plain text."""
    parts = [article.title, " ".join(article.categories), article.redirect or ""]
    for block in article.lead:
        parts.append(block_text(block))
        parts.append(getattr(block, "file", ""))
    for section in article.walk():
        parts.append(section.title)
        for block in section.blocks:
            parts.append(block_text(block))
            parts.append(getattr(block, "file", ""))
            if isinstance(block, CitationEntry):
                parts.append(plain(block.citation.text))
    for citation in article.citations:
        parts.append(plain(citation.text))
    return "\n".join(parts)


def body_text(article: Article) -> str:
    """The text of the blocks and headings only (where markup must not leak)."""
    parts = [article.title]
    for block in article.lead:
        parts.append(block_text(block))
    for section in article.walk():
        parts.append(section.title)
        parts.extend(block_text(block) for block in section.blocks)
    parts.extend(plain(c.text) for c in article.citations)
    return "\n".join(parts)


def prose_words(text: str, wikitext: bool) -> list[str]:
    """The words of the input outside markup, found without our parser."""
    if not wikitext:
        previous = None
        while previous != text:
            previous, text = text, _TPL.sub(" ", text)
        text = re.sub(r"\[/?ref\]", " ", text)
        text = re.sub(r"^CATEGORIES:.*$", " ", text, flags=re.MULTILINE)
        text = re.sub(r"\[\[[^\]]*\]\]", lambda m: m.group(0).split("|")[-1], text)
        text = re.sub(r"<[^>\n]*>", " ", text)
        text = re.sub(r"^(File|Image):", " ", text, flags=re.MULTILINE)
    else:
        # strip_code glues table cells and line breaks together: space them first
        for cell in ("||", "!!", "<br"):
            text = text.replace(cell, " " + cell + " " if cell != "<br" else " " + cell)
        text = re.sub(r"\n([|!])(?![-}+])", r"\n\1 ", text)
        code = mwparserfromhell.parse(text)
        text = code.strip_code(normalize=True, collapse=True)
        text = re.sub(r"\b(Category|Kategorie|thumb|thumbnail|mini|miniatur|left|right|center|upright|px)\b", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = _PARAM_LINE.sub(" ", text)
    text = re.sub(r"^\s*#\s*redirect", " ", text, flags=re.IGNORECASE | re.MULTILINE)
    return [w.lower() for w in _WORD.findall(_CAMEL.sub(" ", text))]


def multi_article_texts() -> list[tuple[str, str]]:
    """(name, text) of every article of the multi-article files, split and repaired as the reader does."""
    from reader.source.decode import decode_bytes, repair_text
    from reader.source.split import split_articles

    result = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "dump-files", "*.txt"))):
        decoded = decode_bytes(open(path, "rb").read(), os.path.basename(path))
        for entry in split_articles(decoded.text, os.path.basename(path)):
            text = repair_text(decoded.text[entry.start:entry.end])
            result.append((f"{os.path.basename(path)}#{entry.title}", text))
    return result


def check(path: str, raw: str | None = None) -> dict:
    """Problems of one article: leaks, word coverage, citations whose title is missing."""
    if raw is None:
        raw = open(path, encoding="utf-8", errors="replace").read()
    wikitext = path.endswith(".wiki")
    article = parse_article(raw, fmt="wikitext" if wikitext else None)
    shown = article_text(article)
    body = body_text(article)
    leaks = [leak for leak in LEAKS if leak in body]
    leaks += ["| key=" for _ in _PARAM_LINE.findall(body)[:1]]
    words = prose_words(raw, wikitext)
    shown = re.sub(r"https?://\S+", " ", shown)
    seen = {w.lower() for w in _WORD.findall(_CAMEL.sub(" ", shown))}
    missing = [w for w in words if w not in seen]
    coverage = 1 - len(missing) / len(words) if words else 1.0
    untitled = []
    for citation in article.citations:
        title = citation.field("title", "titel", "Titel")
        if title and _norm(title) not in _norm(plain(citation.text)):
            untitled.append(citation.number)
    return {"path": path, "leaks": leaks, "coverage": coverage, "missing": missing[:20], "untitled": untitled,
            "article": article}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\[\]{}|'\"“”]", " ", text).split()).lower()


def main(paths: list[str]) -> int:
    """Print the articles with problems; exit status 1 if any."""
    bad = 0
    worst = 1.0
    items = [(path, None) for path in paths or corpus_files()]
    if not paths:
        items += multi_article_texts()
    for path, raw in items:
        result = check(path, raw)
        worst = min(worst, result["coverage"])
        if result["leaks"] or result["coverage"] < 0.99 or result["untitled"]:
            bad += 1
            print(f"{os.path.basename(path)}: leaks={result['leaks']} coverage={result['coverage']:.4f} "
                  f"untitled={result['untitled'][:5]} missing={result['missing'][:12]}")
    print(f"{len(items)} articles, {bad} with problems, lowest coverage {worst:.4f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
