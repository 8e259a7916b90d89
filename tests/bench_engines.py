"""Benchmark: SQLite FTS5 against tantivy as the collection's full-text engine, on one collection.

    python tests/bench_engines.py DIR [--engines fts5,tantivy]

Run on demand (not a test); it decided the engine (README, "The collection's index").  Both
engines get the same work: the articles of every file
of DIR split and reduced to their words by the project's own code (`reader.source.words`) in
two worker processes, then written with the title in one field and the words in another, a
title match weighted 10 times a body match (BM25 in both).  Printed for each engine: build
time (wall and CPU), index size against the collection's, peak memory of the building
process, and the median time of a few typical queries (two words, three words, a phrase,
a rare word, a title search; the 20 best, no snippets), each run 5 times on a warm index.
FTS5 keeps its own copy of the text: on SQLite 3.40 that is what lets a changed file's rows
be deleted (`contentless_delete` came in 3.43); try `FTS5_OPTIONS=", content=''"` to see
the contentless figures anyway.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.source.split import iter_byte_articles  # noqa: E402
from reader.source.words import plain_words, title_and_body  # noqa: E402

QUERIES = {  # FTS5 syntax, tantivy syntax
    "two words": ("civil rights", "+civil +rights"),
    "three words": ("cheese made greece", "+cheese +made +greece"),
    "phrase": ('"european union"', '"european union"'),
    "rare word": ("zyxquortamine", "zyxquortamine"),
    "title": ("title: feta", "title:feta"),
}


def extract(path: str) -> tuple[str, list[tuple[str, str]]]:
    """The (title, words) of every article of the file at `path` (redirects: no words)."""
    data = Path(path).read_bytes()
    rows = []
    for entry in iter_byte_articles(data, Path(path).stem):
        if entry.redirect is not None:
            rows.append((entry.title, ""))
            continue
        text = data[entry.start : entry.end].decode("utf-8", errors="replace")
        rows.append((entry.title, plain_words(title_and_body(text))))
    return path, rows


def articles(files: list[str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    with multiprocessing.Pool(2) as pool:
        yield from pool.imap(extract, files)


def build_fts5(files: list[str], where: Path) -> None:
    db = sqlite3.connect(where / "index.sqlite")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    options = os.environ.get("FTS5_OPTIONS", "")  # e.g. "content=''" to try a contentless table
    db.execute(f"CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2'{options})")
    if os.environ.get("FTS5_AUTOMERGE"):
        db.execute("INSERT INTO fts(fts, rank) VALUES('automerge', ?)", (int(os.environ["FTS5_AUTOMERGE"]),))
    rowid = 0
    for _path, rows in articles(files):
        with db:
            batch = []
            for title, words in rows:
                rowid += 1
                batch.append((rowid, title, words))
            db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", batch)
    db.execute("INSERT INTO fts(fts) VALUES('optimize')")
    db.commit()
    db.close()


def query_fts5(where: Path) -> dict[str, float]:
    db = sqlite3.connect(where / "index.sqlite")
    sql = "SELECT rowid, bm25(fts, 10.0, 1.0) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT 20"
    return {name: _time(lambda q=q: db.execute(sql, (q,)).fetchall()) for name, (q, _) in QUERIES.items()}


def build_tantivy(files: list[str], where: Path) -> None:
    import tantivy  # type: ignore[import-not-found]

    schema = tantivy.SchemaBuilder()
    schema.add_text_field("title")
    schema.add_text_field("body")  # not stored: snippets are cut from the files (reader.source.ranked)
    schema.add_unsigned_field("id", stored=True, indexed=True)
    index = tantivy.Index(schema.build(), path=str(where))
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    rowid = 0
    for _path, rows in articles(files):
        for title, words in rows:
            rowid += 1
            document = tantivy.Document(title=title, body=words)
            document.add_unsigned("id", rowid)
            writer.add_document(document)
        writer.commit()
    writer.wait_merging_threads()


def query_tantivy(where: Path) -> dict[str, float]:
    import tantivy

    index = tantivy.Index.open(str(where))
    index.reload()
    searcher = index.searcher()
    timings = {}
    for name, (_, text) in QUERIES.items():
        query = index.parse_query(text, ["title", "body"], field_boosts={"title": 10.0})
        timings[name] = _time(lambda query=query: searcher.search(query, 20).hits)
    return timings


def _time(run) -> float:  # type: ignore[no-untyped-def]
    run()
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _size(where: Path) -> int:
    return sum(p.stat().st_size for p in where.rglob("*") if p.is_file())


def measure(engine: str, files: list[str], collection_bytes: int) -> None:
    where = Path(tempfile.mkdtemp(prefix=f"bench-{engine}-", dir=os.environ.get("BENCH_TMP")))
    build, query = (build_fts5, query_fts5) if engine == "fts5" else (build_tantivy, query_tantivy)
    try:
        cpu0 = os.times()
        start = time.perf_counter()
        build(files, where)
        wall = time.perf_counter() - start
        cpu1 = os.times()
        cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
        cpu += (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = _size(where)
        print(f"{engine}: build {wall:.1f} s wall, {cpu:.1f} s CPU ({cpu / wall:.2f} cores); index "
              f"{size / 1e6:,.0f} MB = {size / collection_bytes:.2f}x the collection; builder peak {peak:,.0f} MiB")
        for name, seconds in query(where).items():
            print(f"  query {name:12} {seconds * 1000:7.1f} ms")
    finally:
        shutil.rmtree(where, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--engines", default="fts5,tantivy")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.directory.rglob("*.txt"))
    collection_bytes = sum(os.path.getsize(f) for f in files)
    print(f"{len(files)} files, {collection_bytes / 1e6:,.0f} MB")
    for engine in args.engines.split(","):
        measure(engine, files, collection_bytes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
