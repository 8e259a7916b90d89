"""Make a collection like the 2014 corpus for the benchmarks: 80 dump files, ~280,000 articles, ~1 GB.

    python tests/bench_collection.py DIR [--files 80] [--articles 280000] [--seed 1]

The real corpus cannot be shipped, so its shape is rebuilt from the real articles in
``../shared/corpus/dump``: their paragraphs (prose, lists, template debris and all) are
recombined into new articles under new titles, each with a CATEGORIES line and ``==Heading==``
sections, and a sixth of the articles are ``#REDIRECT`` pages to another article of the
collection, as in the dump (whose redirects are mostly in another file).  Article lengths
follow a long tail around the corpus's average (1 GB / 280,000 = ~3.8 KB).

Two things are planted for ranking checks (see `PLANTED`): a word found nowhere else, in one
article, and a phrase whose words are common but which stands together in one article only.
Generation is deterministic for a seed; about 30 s for the whole gigabyte.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dump"

FILE_NAME = "enwiki-20140602-pages-articles.xml-{:04d}.txt"
# (word or phrase, the article that holds it, its file number): checked by the benchmark.
PLANTED_WORD = "zyxquortamine"
PLANTED_PHRASE = "lighthouse keepers union"
TARGET_BYTES = 1_000_000_000
REDIRECT_SHARE = 6  # one article in six is a redirect


def corpus_paragraphs() -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, heading names and category names from the real dump articles."""
    paragraphs: list[str] = []
    headings: list[str] = []
    categories: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n", text):
            block = block.strip()
            if not block or block.startswith("[["):
                continue
            if block.startswith("CATEGORIES:"):
                categories.extend(c.strip() for c in block[11:].split(", ") if c.strip())
            elif block.startswith("=="):
                headings.append(block.strip("= \n").split("\n")[0])
            elif len(block) > 40:
                paragraphs.append(block)
    if not paragraphs:
        raise SystemExit(f"no articles in {CORPUS}")
    return paragraphs, headings or ["History"], categories or ["Articles"]


def make_titles(count: int, words: list[str], rng: random.Random) -> list[str]:
    """`count` distinct titles made of two or three words of the corpus."""
    titles: list[str] = []
    seen: set[str] = set()
    while len(titles) < count:
        parts = rng.sample(words, rng.choice((2, 2, 3)))
        title = " ".join(parts)
        title = title[0].upper() + title[1:]
        if title.casefold() not in seen:
            seen.add(title.casefold())
            titles.append(title)
    return titles


def article_body(rng: random.Random, paragraphs: list[str], headings: list[str], categories: list[str]) -> str:
    """One article's text after its title line: categories, a lead, some sections."""
    target = int(rng.lognormvariate(7.35, 0.9))  # median ~1.6 KB, mean ~2.3 KB, a long tail
    parts = ["CATEGORIES: " + ", ".join(rng.sample(categories, rng.randint(1, 6)))]
    size = 0
    while size < target:
        if parts and size and rng.random() < 0.3:
            parts.append(f"=={rng.choice(headings)}==")
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        size += len(paragraph)
    return "\n\n".join(parts)


def generate(directory: Path, files: int, articles: int, seed: int) -> dict[str, str]:
    """Write the collection into `directory`; return {planted word or phrase: its article's title}."""
    rng = random.Random(seed)
    paragraphs, headings, categories = corpus_paragraphs()
    words = sorted({w for p in paragraphs[:2000] for w in re.findall(r"[A-Za-z]{4,12}", p)})
    titles = make_titles(articles, words, rng)
    per_file = -(-articles // files)
    plant_word_at = articles // 3 // REDIRECT_SHARE * REDIRECT_SHARE + 2  # never a redirect
    plant_phrase_at = 2 * articles // 3 // REDIRECT_SHARE * REDIRECT_SHARE + 3
    planted = {PLANTED_WORD: titles[plant_word_at], PLANTED_PHRASE: titles[plant_phrase_at]}
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(files):
        chunk = range(number * per_file, min((number + 1) * per_file, articles))
        with open(directory / FILE_NAME.format(number + 1), "w", encoding="utf-8") as out:
            for index in chunk:
                out.write(f"[[{titles[index]}]]\n\n")
                if index % REDIRECT_SHARE == 5:
                    out.write(f"#REDIRECT {titles[rng.randrange(articles)]}\n\n")
                    continue
                body = article_body(rng, paragraphs, headings, categories)
                if index == plant_word_at:
                    body += f"\n\nThe compound {PLANTED_WORD} was first described here."
                if index == plant_phrase_at:
                    body += f"\n\nShe founded the {PLANTED_PHRASE.title()} in the harbour town."
                out.write(body + "\n\n")
    return planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--files", type=int, default=80)
    parser.add_argument("--articles", type=int, default=280_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    planted = generate(args.directory, args.files, args.articles, args.seed)
    for phrase, title in planted.items():
        print(f"planted {phrase!r} in {title!r}")
    size = sum(p.stat().st_size for p in args.directory.glob("*.txt"))
    print(f"{args.files} files, {args.articles:,} articles, {size / 1e6:,.0f} MB in {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
