"""The collection's full-text index: tantivy, a Lucene-like engine in Rust (BM25, phrases, a query language).

Chosen over SQLite's FTS5 by measurement on a 1.1 GB collection of 80 files (figures in the
README, `tests/bench_engines.py`): tantivy built its index in 70 s on the two cores where FTS5
took 196 s (SQLite writes on one), into an index a fifth the size, answers typical queries ten
to twenty times faster, and deletes a changed file's articles by a term (FTS5 on SQLite 3.40
cannot delete from a table that does not keep a second copy of the text).

What is indexed for each article: its title, its words (`reader.source.words`) and a key,
`article` (`Key`: file number and position in the file), plus the file number alone so a
changed file's articles can all be deleted at once.  Nothing of the text is stored: search
snippets are cut from the article as read from its file (`snippet`), so the index stays a
fraction of the collection's size.  Words are folded to lower case and to ASCII
("Orléans" is found by "orleans").

User queries are tantivy's own language with every word required by default: several words
all match, `"guest workers"` a phrase, `OR`, `-word` excludes, `title:word` searches titles.
A title match weighs `TITLE_BOOST` times a body match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

TOKENIZER = "words"
TITLE_BOOST = 3.0
WRITER_HEAP = 200_000_000  # bytes for the writer's two threads (tantivy's floor: 15 MB a thread)
SNIPPET_CHARS = 180
FILE_SHIFT = 24  # an article's key: file number << 24 | position (a file holds < 16.7 million)


def article_key(file_id: int, position: int) -> int:
    """The index's key for article `position` of file `file_id`."""
    return (file_id << FILE_SHIFT) | position


def split_key(key: int) -> tuple[int, int]:
    """(file number, position in the file) of an article key."""
    return key >> FILE_SHIFT, key & ((1 << FILE_SHIFT) - 1)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", tokenizer_name=TOKENIZER)
    builder.add_text_field("body", tokenizer_name=TOKENIZER)
    builder.add_unsigned_field("article", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("file", indexed=True)
    return builder.build()


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


class IndexDamaged(Exception):
    """The index on disk cannot be opened or read: it must be built again."""


@dataclass(frozen=True)
class Found:
    """One article found by a search: its key and BM25 score."""

    key: int
    score: float


class FullText:
    """The full-text index in one folder: written by `Writer`, searched by `search`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._generators: dict[str, Any] = {}  # query -> its snippet generator (see `snippet`)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(_schema(), path=str(folder), reuse=True)
            self.index.register_tokenizer(TOKENIZER, _analyzer())
        except (ValueError, OSError) as error:
            raise IndexDamaged(str(error)) from None

    def writer(self) -> Writer:
        """The one writer (tantivy locks the folder: a second one raises `ValueError`)."""
        return Writer(self.index.writer(heap_size=WRITER_HEAP, num_threads=2), self.index.schema)

    def parse(self, query: str) -> Any:
        """`query` in tantivy's language, every word required; None for a query with no words."""
        if not query.strip():
            return None
        parsed, _errors = self.index.parse_query_lenient(
            query, ["title", "body"], field_boosts={"title": TITLE_BOOST}, conjunction_by_default=True
        )
        return parsed

    def search(self, query: str, limit: int, offset: int = 0) -> tuple[list[Found], int]:
        """The best `limit` articles for `query` (after the first `offset`), and how many match."""
        parsed = self.parse(query)
        if parsed is None:
            return [], 0
        try:
            self.index.reload()
            searcher = self.index.searcher()
            result = searcher.search(parsed, limit, count=True, offset=offset)
            keys = searcher.fast_field_values("article", [address for _score, address in result.hits])
        except ValueError as error:
            raise IndexDamaged(str(error)) from None
        pairs = zip(result.hits, keys, strict=False)
        found = [Found(int(key), float(score)) for (score, _), key in pairs if key is not None]
        return found, int(getattr(result, "count", None) or 0)  # not in tantivy's stubs

    def snippet(self, query: str, words: str) -> tuple[str, list[tuple[int, int]]]:
        """The best fragment of `words` for `query`, and where the query's words lie in it."""
        generator = self._snippet_generator(query)
        if generator is None:
            return "", []
        snippet = generator.snippet_from_doc(tantivy.Document(body=words))
        fragment = snippet.fragment()
        return fragment, _char_spans(fragment, [(r.start, r.end) for r in snippet.highlighted()])

    def _snippet_generator(self, query: str) -> Any:
        """The snippet generator of `query`, made once for all the sections of all its results
        (parsing the query and weighing its terms anew for each took most of a result's time)."""
        if query not in self._generators:
            parsed = self.parse(query)
            generator = None
            if parsed is not None:
                generator = tantivy.SnippetGenerator.create(self.index.searcher(), parsed, self.index.schema, "body")
                generator.set_max_num_chars(SNIPPET_CHARS)
            if len(self._generators) >= 8:
                self._generators.pop(next(iter(self._generators)))
            self._generators[query] = generator
        return self._generators[query]

    def document_count(self) -> int:
        self.index.reload()
        return int(self.index.searcher().num_docs)


def _char_spans(text: str, byte_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Tantivy's ranges are offsets into the UTF-8 bytes: as offsets into the string."""
    if text.isascii():
        return byte_spans
    starts = []  # the byte offset where each character starts
    offset = 0
    for char in text:
        starts.append(offset)
        offset += len(char.encode("utf-8"))
    starts.append(offset)
    import bisect

    return [(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)) for start, end in byte_spans]


class Writer:
    """Adds and deletes a file's articles; `commit` makes them visible (and durable) at once."""

    def __init__(self, writer: Any, schema: tantivy.Schema) -> None:
        self._writer = writer
        self._schema = schema

    def delete_file(self, file_id: int) -> None:
        # By a term query: `delete_documents_by_term` on an unsigned field deletes nothing
        # (tantivy-py 0.27; tests/test_collection.py catches it).
        self._writer.delete_documents_by_query(tantivy.Query.term_query(self._schema, "file", file_id))

    def add(self, file_id: int, articles: Iterable[tuple[int, str, str]]) -> None:
        """Add (position, title, words) of each article of file `file_id`."""
        for position, title, words in articles:
            document = tantivy.Document(title=title, body=words)
            document.add_unsigned("article", article_key(file_id, position))
            document.add_unsigned("file", file_id)
            self._writer.add_document(document)

    def commit(self) -> None:
        self._writer.commit()

    def close(self) -> None:
        """Let merges finish and release the folder's lock."""
        try:
            self._writer.wait_merging_threads()
        except ValueError:
            pass
