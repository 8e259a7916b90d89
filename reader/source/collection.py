"""A folder of dump files as one collection, as the reader sees it: titles, articles, search.

`wikireader DIR` reads every ``.txt`` and ``.wiki`` file below DIR as one collection (the 2014
corpus: 80 files, 280,000 articles, 1 GB; `reader.source.corpus`).  Its index, built and kept
fresh by `reader.source.indexer`, is a catalog of files and titles (`reader.source.catalog`,
SQLite) and a full-text index (`reader.source.fulltext`, tantivy).

`Collection` has the face of `reader.source.library.Library` (`reader.source.shelf.Shelf`)
so the picker and the app use either: `entries` is a sequence that fetches titles from the
catalog as they are drawn, never a list of 280,000 objects, and an article is read from its
file by its byte range and decoded on its own.  While the index is being built (by a
`wikireader --index` child the reader starts), `index_more` follows its progress.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from reader.errors import ArticleNotFound, InputError
from reader.source.catalog import ArticleRow, Catalog, CatalogDamaged, FileRow
from reader.source.corpus import decode_article, find_files, index_folder, make_folder
from reader.source.decode import decode_bytes
from reader.source.indexer import (
    BuildReport,
    build,
    differs,
    remove_index,
    short_error,
    start_builder,
    stop_builder,
)
from reader.source.library import normalise_title, title_from_path
from reader.source.split import Entry

ENTRY_CACHE = 4096  # entries kept for the picker's rows
# Titles matching a query kept to narrow as it grows (20,000: +8 MB on 280,000 titles).  Each row
# of the scan takes the GIL back from the picker drawing meanwhile: 8,000 rows took 50-430 ms
# in the app on a busy machine, against 17 ms alone.
KEEP_CANDIDATES = 3_000
STARTS_LIMIT = 300  # titles starting with the query shown first (`title_starts`)


class CollectionEntries(Sequence[Entry]):
    """The collection's articles in order (files by path, then position), fetched when asked."""

    def __init__(self, catalog: Catalog, files: list[FileRow]) -> None:
        self._catalog = catalog
        self.files = [row for row in files if row.done and row.articles]
        self._firsts: list[int] = []
        total = 0
        for row in self.files:
            self._firsts.append(total)
            total += row.articles
        self._total = total
        self._file_number = {row.id: number for number, row in enumerate(self.files)}
        self._cache: OrderedDict[int, Entry] = OrderedDict()

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        entry = self._cache.get(index)
        if entry is None:
            entry = self._fetch(index)
        return entry

    def _fetch(self, index: int) -> Entry:
        """Entry `index`, with the rows after it when the rows are read in order (the picker
        draws a screenful at a time); alone when they are not (a filtered list's rows lie all
        over the collection: a screenful of them in 64-row windows took ~30 ms)."""
        number = bisect.bisect_right(self._firsts, index) - 1
        row = self.files[number]
        first = index - self._firsts[number]
        in_order = not self._cache or index - 1 in self._cache
        for article in self._catalog.articles(row.id, first, 64 if in_order else 1):
            key = self._firsts[number] + article.pos
            self._cache[key] = self._entry(key, row, article)
        while len(self._cache) > ENTRY_CACHE:
            self._cache.popitem(last=False)
        entry = self._cache.get(index)
        if entry is None:  # the file was indexed again since this list was made: a stand-in
            entry = Entry(index, "(changed on disk: being read again)", 0, 0, None, file=row.path)
        return entry

    def _entry(self, index: int, row: FileRow, article: ArticleRow) -> Entry:
        return Entry(index, article.title, article.start, article.stop, article.redirect, file=row.path)

    def at(self, file_id: int, pos: int, article: ArticleRow | None = None) -> Entry | None:
        """Article `pos` of file `file_id` (its catalog row `article`, when the caller has it);
        None when it is not listed.  One row is read, not the 64 after it: a search's results
        lie all over the collection, and 100 of them in 64-row windows took 57 ms, one row
        each 2 ms."""
        index = self.index_of(file_id, pos)
        if index is None:
            return None
        entry = self._cache.get(index)
        if entry is not None:
            return entry
        article = article or self._catalog.article(file_id, pos)
        if article is None:
            return self[index]  # changed since this list was made: its stand-in
        entry = self._cache[index] = self._entry(index, self.files[self._file_number[file_id]], article)
        if len(self._cache) > ENTRY_CACHE:
            self._cache.popitem(last=False)
        return entry

    def index_of(self, file_id: int, pos: int) -> int | None:
        """The place in the collection of article `pos` of file `file_id` (None: not listed)."""
        number = self._file_number.get(file_id)
        if number is None or pos >= self.files[number].articles:
            return None
        return self._firsts[number] + pos

    def place(self, index: int) -> tuple[FileRow, int]:
        """The file and the position in it of entry `index`."""
        number = bisect.bisect_right(self._firsts, index) - 1
        return self.files[number], index - self._firsts[number]


@dataclass(frozen=True)
class CollectionNotice:
    """Stands for `Library.decoded` where the app reads its one-line `notice`."""

    notice: str | None


class Collection:
    """The reader's view of a collection (see the module); the same face as a `Library`."""

    def __init__(self, folder: Path, where: Path | None = None) -> None:
        self.folder = folder  # a folder, or one file of many articles (a collection of its own)
        self.path = str(folder)
        self.single = folder.is_file()
        self._base = folder.parent if self.single else folder
        self.name = Path(os.path.realpath(folder)).name + ("" if self.single else "/")
        self.fallback_title = title_from_path(str(folder))
        self.on_disk = True
        self.where = where or index_folder(folder)
        self.generation = 0
        self.notes: list[str] = []
        self.decoded = CollectionNotice(None)
        self._builder: subprocess.Popen[bytes] | None = None
        self._catalog = Catalog(self.where / "catalog.sqlite", read_only=True)
        self._file_count = 0
        files = self._catalog.files()
        self.entries = CollectionEntries(self._catalog, files)
        self._note(BuildReport(skipped=[row.skipped for row in files if row.skipped]))
        self._fulltext: object | None = None
        self._fulltext_lock = threading.Lock()
        self._taken_last = True  # the catalog was read after the child build ended
        # The last title query: (query, its candidates, all of them?, for which entries).
        self._last_candidates: tuple[str, list[tuple[int, str, str]], bool, CollectionEntries] | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, folder: Path, where: Path | None = None, *, build_now: bool = False,
             builder: Callable[[Path, Path], BuildReport] = build) -> Collection:
        """The collection at `folder`, its index made when missing.

        With `build_now`, the index is brought up to date (by `builder`) before this returns
        (for printing, searching, opening one article); otherwise a `wikireader --index` child
        does it while the reader shows what is already indexed (`index_more` follows it).
        Raises `InputError`.
        """
        where = where or index_folder(folder)
        paths, _skipped = find_files(folder)
        if not paths:
            raise InputError(f"{folder} holds no .txt or .wiki files")
        if build_now:
            collection = cls._fresh(folder, where, paths)
            if collection is not None:
                return collection
            report = builder(folder, where)
            collection = cls(folder, where)
            collection._note(report)  # with why it was rebuilt, if it was
            return collection
        notice = None
        try:
            if not (where / "catalog.sqlite").exists():
                Catalog(make_folder(where) / "catalog.sqlite").close()
            collection = cls(folder, where)
        except CatalogDamaged as error:  # the child builds it again; the reader starts empty
            notice = f"the index cannot be used ({short_error(error)}); building it again"
            remove_index(where)
            Catalog(where / "catalog.sqlite").close()
            collection = cls(folder, where)
        collection._file_count = len(paths)
        if notice is not None:
            collection._note(BuildReport(rebuilt=notice))
        if collection._stale(paths):
            collection._start_builder()
            collection._taken_last = False
        return collection

    @classmethod
    def _fresh(cls, folder: Path, where: Path, paths: list[Path]) -> Collection | None:
        """The collection when its index is the folder as it is now; None when it must be built.
        The folder is looked at once (opening by title looked twice, ~5 ms)."""
        if not (where / "catalog.sqlite").exists():
            return None
        try:
            collection = cls(folder, where)
        except CatalogDamaged:
            return None  # the build says why, and builds it again
        if collection._stale(paths):
            collection.close()
            return None
        return collection

    def _note(self, report: BuildReport) -> None:
        notes = []
        if report.rebuilt:
            notes.append(report.rebuilt)
        if report.skipped:
            notes.append(f"skipped {len(report.skipped)} file(s) that are not readable text: "
                         + "; ".join(report.skipped[:3]) + ("; ..." if len(report.skipped) > 3 else ""))
        self.notes = notes
        self.decoded = CollectionNotice("note: " + "; ".join(notes) if notes else None)

    def _stale(self, paths: list[Path]) -> bool:
        return differs(self._catalog.files(), self.folder, paths)

    def _start_builder(self) -> None:
        self._builder = start_builder(self.folder, self.where)

    def close(self) -> None:
        """Stop a build this reader started (the next run picks it up) and close the catalog."""
        if self._builder is not None:
            stop_builder(self._builder)
        self._catalog.close()

    # ------------------------------------------------------------------ indexing, as a Library

    @property
    def complete(self) -> bool:
        """True when no child is building and its last files have been taken up."""
        return (self._builder is None or self._builder.poll() is not None) and self._taken_last

    @property
    def progress(self) -> float:
        if self.complete or not self._file_count:
            return 1.0
        return min(len(self.entries.files) / self._file_count, 1.0)

    @property
    def is_multi(self) -> bool:
        return True

    @property
    def building_note(self) -> str | None:
        """Why a finished child build failed (its last line), if it did."""
        if self._builder is None or self._builder.poll() in (None, 0):
            return None
        try:
            lines = (self.where / "build.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            lines = []
        return lines[-1] if lines else f"indexing stopped (status {self._builder.returncode})"

    def index_more(self, budget_chars: int = 0) -> int:
        """Wait a little for the child build, then take up what it has finished; the number added."""
        building = self._builder is not None and self._builder.poll() is None
        if building:
            time.sleep(0.25)
        before = len(self.entries)
        self._taken_last = not building
        files = self._catalog.files()
        if [row.id for row in files if row.done] != [row.id for row in self.entries.files] or \
                [row.articles for row in files if row.done] != [row.articles for row in self.entries.files]:
            self.entries = CollectionEntries(self._catalog, files)
            if len(self.entries) < before:
                self.generation += 1  # files went away or changed: the old places mean other articles
        return len(self.entries) - before

    def index_all(self) -> None:
        while not self.complete:
            self.index_more()
        self.index_more()

    # ------------------------------------------------------------------ articles

    def file_path(self, entry: Entry) -> Path:
        return self._base / (entry.file or "")

    def file_of(self, entry: Entry) -> str:
        """The real path of the file holding `entry`."""
        return os.path.realpath(self.file_path(entry))

    def as_collection(self) -> Collection:
        return self

    def as_file(self) -> None:
        """Not one file held in memory (`reader.source.shelf`)."""
        return None

    def format_of(self, entry: Entry) -> str:
        """The format of `entry`: its file's, as the index decided it (`fileformat`)."""
        return self.entries.place(entry.index)[0].format

    def article_text(self, entry: Entry) -> str:
        """The text of one article, read from its file and decoded; `InputError` when the file
        changed since it was indexed (the reader then re-reads the catalog)."""
        row, _pos = self.entries.place(entry.index)
        path = self._base / row.path
        try:
            info = path.stat()
            if info.st_size != row.size or info.st_mtime_ns != row.mtime_ns:
                raise InputError(f"{row.path} changed on disk since it was indexed; it is being indexed again")
            if row.wide:
                return decode_bytes(path.read_bytes(), str(path)).text[entry.start : entry.end]
            with open(path, "rb") as stream:
                stream.seek(entry.start)
                data = stream.read(entry.end - entry.start)
        except OSError as error:
            raise InputError(f"cannot read {row.path}: {error.strerror or error}") from None
        return decode_article(data, row.path).text

    def article_source(self, entry: Entry) -> str:
        return self.article_text(entry)

    def find(self, title: str) -> list[Entry]:
        """Every article called `title` (case and "_" aside), in collection order."""
        found = []
        for row in self._catalog.by_title(normalise_title(title)):
            entry = self.entries.at(row.file, row.pos, row)
            if entry is not None:
                found.append(entry)
        return found

    def lookup(self, title: str) -> Entry:
        found = self.find(title)
        if found:
            return found[0]
        raise ArticleNotFound(self._not_found_message(title))

    def _not_found_message(self, title: str) -> str:
        wanted = normalise_title(title)
        close = difflib.get_close_matches(wanted, list(self._close_candidates(wanted)), n=5, cutoff=0.6)
        offered = [entry.title for norm in close for entry in self.find(norm)[:1]]
        message = f"no article called {title!r} in {self.name}"
        if offered:
            message += "; close matches: " + ", ".join(repr(name) for name in offered)
        return message

    def _close_candidates(self, wanted: str) -> Iterator[str]:
        """Titles near `wanted` without comparing all 280,000: same first letters, or its words."""
        seen: set[str] = set()
        for size in (3, 1):
            for _file, _pos, _title, norm in self._catalog.with_prefix(wanted[:size], 2000):
                seen.add(norm)
        for word in wanted.split()[:3]:
            pattern = "%" + _like_escape(word) + "%"
            for _file, _pos, _title, norm in self._catalog.like(pattern, 2000):
                seen.add(norm)
        yield from seen

    def redirect_target(self, entry: Entry) -> Entry | None:
        """The article `entry` redirects to, in any file of the collection."""
        if entry.redirect is None:
            return None
        target = entry.redirect.split("#", 1)[0]
        # Not the page itself, nor its copies in other files (a collection of dumps holds the
        # same redirect twice: "Balfour declaration" -> "Balfour Declaration" found its twin).
        same = normalise_title(entry.title)
        candidates = [found for found in self.find(target)
                      if found.index != entry.index and not (found.redirect and normalise_title(found.title) == same)]
        exact = [found for found in candidates if found.title == target.strip()]
        return (exact or candidates)[0] if candidates else None

    def title_starts(self, query: str, limit: int = STARTS_LIMIT) -> list[tuple[int, str]]:
        """(entry, title) of the articles whose title is `query` or starts with it (case and "_"
        aside), at most `limit` of them (the first by title), in collection order: one range of
        the catalog's title index, a millisecond whatever the query (the picker shows these
        first, before `title_candidates` has scanned every title)."""
        wanted = normalise_title(query)
        if not wanted:
            return []
        found = {}
        for file_id, pos, title, _norm in self._catalog.with_prefix(wanted, limit):
            index = self.entries.index_of(file_id, pos)
            if index is not None:
                found[index] = title
        return sorted(found.items())

    def title_candidates(self, query: str, limit: int = 1000) -> list[tuple[int, str]]:
        """(entry, title) of the articles whose title may match `query` as the picker matches
        (exact, prefix, then the letters in order anywhere), at most about `limit` besides the
        `title_starts` (all of them are here), in collection order, for the picker to rank (in
        Python, ~0.04 ms a title: a one-letter query ranks some hundreds of its 280,000 matches)."""
        wanted = normalise_title(query)
        letters = [char for char in wanted if not char.isspace()]
        if not letters:
            return []
        matches, complete = self._letters_in_order(wanted, letters)
        found = dict(self.title_starts(query))
        if complete and len(matches) <= limit:
            found.update((index, title) for index, title, _norm in matches)
            return sorted(found.items())
        found.update((index, title) for index, title, _norm in matches[:limit])
        words = [(index, title) for index, title, norm in matches if f" {wanted}" in norm]
        found.update(words[: limit // 8])
        return sorted(found.items())

    def _letters_in_order(self, wanted: str, letters: list[str]) -> tuple[list[tuple[int, str, str]], bool]:
        """(entry, title, normalised title) of the titles holding `letters` in order (up to
        `KEEP_CANDIDATES`), and whether that is all of them.

        One LIKE with a wildcard between letters scans 280,000 titles in C (100-300 ms here);
        typing on, the titles that matched the shorter query, all of them, are narrowed in
        Python instead (a few ms)."""
        last = self._last_candidates
        if last is not None and last[2] and wanted.startswith(last[0]) and last[3] is self.entries:
            in_order = re.compile(".*?".join(re.escape(char) for char in letters))
            matches = [match for match in last[1] if in_order.search(match[2])]
            complete = True
        else:
            pattern = "%" + "%".join(_like_escape(char) for char in letters) + "%"
            rows = self._catalog.like(pattern, KEEP_CANDIDATES)
            found = {}
            for file_id, pos, title, norm in rows:
                index = self.entries.index_of(file_id, pos)
                if index is not None:
                    found[index] = (index, title, norm)
            matches, complete = [found[index] for index in sorted(found)], len(rows) < KEEP_CANDIDATES
        self._last_candidates = (wanted, matches, complete, self.entries)
        return matches, complete

    # ------------------------------------------------------------------ full text

    def fulltext(self) -> object:
        """The full-text index (opened when first asked for, from any thread)."""
        with self._fulltext_lock:
            if self._fulltext is None:
                from reader.source.fulltext import FullText

                self._fulltext = FullText(self.where / "fulltext")
            return self._fulltext

    # ------------------------------------------------------------------ freshness

    def changed_on_disk(self) -> bool:
        """True when a file was added, changed or removed since it was indexed (the picker asks
        every two seconds; while a build runs, the build is the answer already)."""
        return self.complete and self._stale(find_files(self.folder)[0])

    def reload(self, *, lazy: bool = False) -> None:
        """Index what changed (in a child) and take up the catalog again."""
        self._file_count = len(find_files(self.folder)[0])
        self._start_builder()
        self._taken_last = False
        if not lazy:
            self.index_all()


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
