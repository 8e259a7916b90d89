"""A folder of dump files as one collection: its index (built, kept fresh) and its articles.

`wikireader DIR` reads every ``.txt`` and ``.wiki`` file below DIR as one collection (the 2014
corpus: 80 files, 280,000 articles, 1 GB).  Two things are kept for it in the user's cache
directory (`index_home`), keyed on the folder's real path: the catalog of files and titles
(`reader.source.catalog`, SQLite) and the full-text index (`reader.source.fulltext`, tantivy).
Nothing is ever written into the collection's folder.

`build` makes the index or brings it up to date: files that are new, or whose size or
modification time changed, are indexed again; files that are gone are dropped.  Two worker
processes split files into articles and reduce them to words while this process writes; a file
is written whole or not at all (a killed build is picked up where it stopped), and a lock
(`fcntl.flock`, released by the system even on `kill -9`) keeps a second builder waiting.

`Collection` is the reader's view of it, shaped like `reader.source.library.Library` so the
picker and the app use either: `entries` is a sequence that fetches titles from the catalog as
they are drawn, never a list of 280,000 objects, and an article is read from its file by its
byte range and decoded on its own.  While the index is being built (by a `wikireader --index`
child the reader starts), `index_more` follows its progress.
"""

from __future__ import annotations

import bisect
import difflib
import fcntl
import hashlib
import os
import subprocess
import sys
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, overload

from reader.errors import ArticleNotFound, InputError
from reader.source.catalog import ArticleRow, Catalog, CatalogDamaged, FileRow

if TYPE_CHECKING:
    from reader.source.fulltext import Writer
from reader.source.decode import Decoded, decode_bytes
from reader.source.library import normalise_title, title_from_path
from reader.source.split import Entry, iter_articles, iter_byte_articles
from reader.source.words import plain_words, title_and_body

SUFFIXES = (".txt", ".wiki")
SAMPLE = 8192  # bytes read to tell a text file from a binary one
ENTRY_CACHE = 4096  # entries kept for the picker's rows
INDEX_ENV = "WIKIREADER_INDEX_DIR"
AHEAD = 3  # files read by the workers ahead of the one being written
COMMIT_SECONDS = 2.0  # how often a build makes what it wrote visible (see `_commit`)


# ---------------------------------------------------------------------------- where things are


def index_home() -> Path:
    """Where indexes live: $WIKIREADER_INDEX_DIR, else the user cache directory (platformdirs:
    $XDG_CACHE_HOME/wikireader on Linux)."""
    chosen = os.environ.get(INDEX_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("wikireader", appauthor=False)) / "collections"


def index_folder(folder: Path, home: Path | None = None) -> Path:
    """The index folder of the collection at `folder`: one per real path."""
    real = os.path.realpath(folder)
    digest = hashlib.sha1(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return (home or index_home()) / f"{Path(real).name or 'root'}-{digest}"


def writable_index_folder(where: Path) -> tuple[Path, str | None]:
    """`where`, or a temporary folder for this run when `where` cannot be written (and why)."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        probe = where / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
        return where, None
    except OSError as error:
        import tempfile

        reason = error.strerror or str(error)
        temporary = Path(tempfile.mkdtemp(prefix="wikireader-index-"))
        return temporary, (f"cannot write the index in {where} ({reason.lower()}); indexing into {temporary} "
                           "for this run only (slower: it is built again each time)")


def relative(folder: Path, path: Path) -> str:
    """How the catalog names `path`: relative to the collection's folder (for a collection of
    one file, `folder` is that file, and the name is its own)."""
    base = folder.parent if folder.is_file() else folder
    return path.relative_to(base).as_posix()


def find_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The text files below `folder` (sorted by relative path), and notes on what was skipped;
    `folder` may be one file of many articles, a collection of its own."""
    if folder.is_file():
        return [folder], []
    found: list[Path] = []
    skipped: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda error: skipped.append(f"{error.filename}: unreadable")):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    found.sort(key=lambda path: relative(folder, path))
    return found, skipped


# ---------------------------------------------------------------------------- reading one file


@dataclass
class FileArticles:
    """What a worker made of one file: its articles, their words, or why it was skipped."""

    path: str
    size: int = 0
    mtime_ns: int = 0
    wide: bool = False
    rows: list[tuple[int, str, str, int, int, str | None]] = field(default_factory=list)
    words: list[tuple[int, str, str]] = field(default_factory=list)
    skipped: str | None = None


def read_file_articles(path: str) -> FileArticles:
    """Split the file at `path` into articles and reduce each to its words (in a worker)."""
    result = FileArticles(path)
    try:
        info = os.stat(path)
        result.size, result.mtime_ns = info.st_size, info.st_mtime_ns
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        result.skipped = f"{path}: {(error.strerror or str(error)).lower()}"
        return result
    try:
        head = decode_bytes(data[:SAMPLE], path, repair=False)
    except InputError as error:
        result.skipped = str(error)
        return result
    fallback = title_from_path(path)
    if head.encoding.startswith("utf-16") or head.encoding.startswith("utf-32"):
        result.wide = True
        text = decode_bytes(data, path).text
        entries: Iterator[Entry] = iter_articles(text, fallback)
        body_of: Callable[[Entry], str] = lambda entry: text[entry.start : entry.end]
    else:
        entries = iter_byte_articles(data, fallback)
        body_of = lambda entry: _decode_article(data[entry.start : entry.end], path).text
    for entry in entries:
        result.rows.append(
            (entry.index, entry.title, normalise_title(entry.title), entry.start, entry.end, entry.redirect)
        )
        words = "" if entry.redirect is not None else plain_words(title_and_body(body_of(entry)))
        result.words.append((entry.index, entry.title, words))
    return result


def _decode_article(data: bytes, name: str) -> Decoded:
    """One article's bytes as text: decoded, line ends normalised, mojibake repaired."""
    return decode_bytes(data, name)


# ---------------------------------------------------------------------------- building


@dataclass
class BuildReport:
    """What a build did."""

    files: int = 0  # files in the collection
    indexed: int = 0  # files (re-)indexed by this build
    dropped: int = 0  # files gone from the folder, dropped from the index
    articles: int = 0  # articles in the collection
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: str | None = None  # why the index was thrown away and built again


Progress = Callable[[int, int, int], None]  # files done, files to do, articles so far


class Lock:
    """The build lock of an index folder: `fcntl.flock`, released by the system when the holder dies."""

    def __init__(self, folder: Path) -> None:
        self._file = open(folder / "build.lock", "a+b")  # noqa: SIM115  (held for the object's life)

    def acquire(self, wait: bool) -> bool:
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()


def open_catalog(where: Path, report: BuildReport | None = None) -> Catalog:
    """The catalog in `where`, thrown away and made anew when damaged (said in `report`)."""
    path = where / "catalog.sqlite"
    try:
        catalog = Catalog(path)
        catalog.check()
        return catalog
    except CatalogDamaged as error:
        if report is not None:
            report.rebuilt = f"the index cannot be used ({_short(error)}); building it again"
        _remove_index(where)
        return Catalog(path)


def _short(error: Exception) -> str:
    """The gist of an engine's error: its first clause, not a page of detail."""
    text = " ".join(str(error).split())
    return text if len(text) <= 90 else text[:89].rstrip() + "…"


def _remove_index(where: Path) -> None:
    for name in ("catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm"):
        (where / name).unlink(missing_ok=True)
    fulltext = where / "fulltext"
    if fulltext.is_dir():
        for item in fulltext.iterdir():
            if item.is_file():
                item.unlink(missing_ok=True)


def build(folder: Path, where: Path | None = None, progress: Progress | None = None,
          *, wait: bool = True) -> BuildReport:
    """Make or update the index of the collection at `folder` (in `where`); see the module.

    Raises `InputError` when the folder cannot be read or the index folder cannot be written.
    With `wait` false, returns at once (an empty report) when another process is building.
    """
    from reader.source.fulltext import FullText, IndexDamaged

    started = time.perf_counter()
    if not os.path.exists(folder):
        raise InputError(f"{folder}: no such file or folder")
    if not find_files(folder)[0]:
        raise InputError(f"{folder} holds no .txt or .wiki files")
    where = where or index_folder(folder)
    report = BuildReport()
    try:
        where.mkdir(parents=True, exist_ok=True)
        lock = Lock(where)
    except OSError as error:
        raise InputError(f"cannot write the index in {where}: {error.strerror or error}") from None
    if not lock.acquire(wait):
        return report
    try:
        catalog = open_catalog(where, report)
        try:
            fulltext = FullText(where / "fulltext")
        except IndexDamaged as error:
            report.rebuilt = f"the index cannot be used ({_short(error)}); building it again"
            catalog.close()
            _remove_index(where)
            catalog = open_catalog(where)
            fulltext = FullText(where / "fulltext")
        _update(folder, catalog, fulltext, report, progress)
        catalog.close()
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started
    return report


def _update(folder: Path, catalog: Catalog, fulltext: object, report: BuildReport, progress: Progress | None) -> None:
    from reader.source.fulltext import FullText

    assert isinstance(fulltext, FullText)
    paths, report.skipped = find_files(folder)
    known = {row.path: row for row in catalog.files()}
    present = {relative(folder, path): path for path in paths}
    gone = [row for relative, row in known.items() if relative not in present]
    todo = [path for relative, path in present.items() if not _fresh(known.get(relative), path)]
    report.files, report.dropped = len(paths), len(gone)
    writer = fulltext.writer() if todo or gone else None
    for row in gone:
        assert writer is not None
        writer.delete_file(row.id)
        catalog.mark_stale(row.id)
    if writer is not None and gone:
        writer.commit()
        for row in gone:
            catalog.drop_file(row.id)
    done = 0
    if progress is not None:
        progress(0, len(todo), 0)
    waiting: list[FileArticles] = []  # in the index, not yet committed nor in the catalog
    last_commit = time.perf_counter()
    for result in _read_all([str(path) for path in todo]):
        file_id = catalog.file_id(relative(folder, Path(result.path)))
        assert writer is not None
        catalog.mark_stale(file_id)
        writer.delete_file(file_id)
        if result.skipped is None:
            writer.add(file_id, result.words)
            report.indexed += 1
        result.words = []  # written: let it go
        waiting.append(result)
        done += 1
        if time.perf_counter() - last_commit >= COMMIT_SECONDS or done == len(todo):
            _commit(folder, catalog, writer, waiting)
            last_commit = time.perf_counter()
        if progress is not None:
            progress(done, len(todo), len(result.rows))
    if writer is not None:
        writer.close()
    files = catalog.files()
    report.articles = sum(row.articles for row in files if row.done)
    report.skipped = sorted(set(report.skipped) | {row.skipped for row in files if row.skipped})


def _commit(folder: Path, catalog: Catalog, writer: Writer, waiting: list[FileArticles]) -> None:
    """Commit the index, then put the files written since in the catalog, marked done.

    The index first: a file the catalog calls done is always in it; one killed in between is
    not done, and the next build deletes it from the index (by its file number) and writes it
    again.  A tantivy commit costs ~0.2 s here (it syncs to disk): once per `COMMIT_SECONDS`,
    not once per file (103 one-article files took 23 s, nearly all of it commits).
    """
    writer.commit()
    for result in waiting:
        file_id = catalog.file_id(relative(folder, Path(result.path)))
        catalog.replace_file(file_id, result.size, result.mtime_ns, result.wide, result.rows, result.skipped)
    waiting.clear()


def stale(folder: Path, where: Path, paths: list[Path] | None = None) -> bool:
    """True when the index in `where` is missing, unusable, or not the folder as it is now
    (a look at the catalog only: the full-text engine is not even imported)."""
    try:
        catalog = Catalog(where / "catalog.sqlite", read_only=True)
    except CatalogDamaged:
        return True
    try:
        return _differs(catalog.files(), folder, paths if paths is not None else find_files(folder)[0])
    except Exception:  # an old or foreign catalog: build() says what is wrong with it
        return True
    finally:
        catalog.close()


def _differs(files: list[FileRow], folder: Path, paths: list[Path]) -> bool:
    """True when the catalog's files are not the folder's files as they are now."""
    known = {row.path: row for row in files}
    present = {relative(folder, path) for path in paths}
    if set(known) - present:
        return True
    return any(not _fresh(known.get(relative(folder, path)), path) for path in paths)


def _fresh(row: FileRow | None, path: Path) -> bool:
    """True when the catalog has the file at `path` as it is on disk now."""
    if row is None or not row.done:
        return False
    try:
        info = path.stat()
    except OSError:
        return False
    return row.size == info.st_size and row.mtime_ns == info.st_mtime_ns


def _read_all(paths: list[str]) -> Iterator[FileArticles]:
    """`read_file_articles` of each path, in order, in two worker processes.

    At most `AHEAD` files are read ahead of the writer: `Executor.map` would submit them all,
    and the words of files read faster than they are written would pile up in memory (750 MB
    on the 80-file collection).  Workers are spawned, not forked: the reader app builds from a
    thread.
    """
    if len(paths) <= 1 or (os.cpu_count() or 1) < 2:
        yield from map(read_file_articles, paths)
        return
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        pending: deque[Future[FileArticles]] = deque()
        for path in paths:
            pending.append(pool.submit(read_file_articles, path))
            if len(pending) > AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# ---------------------------------------------------------------------------- the reader's view


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
        """Entry `index`, with the rows after it (the picker draws a screenful at a time)."""
        number = bisect.bisect_right(self._firsts, index) - 1
        row = self.files[number]
        first = index - self._firsts[number]
        for article in self._catalog.articles(row.id, first, 64):
            key = self._firsts[number] + article.pos
            self._cache[key] = self._entry(key, row, article)
        while len(self._cache) > ENTRY_CACHE:
            self._cache.popitem(last=False)
        entry = self._cache.get(index)
        if entry is None:
            raise IndexError(index)  # the catalog changed under us
        return entry

    def _entry(self, index: int, row: FileRow, article: ArticleRow) -> Entry:
        return Entry(index, article.title, article.start, article.stop, article.redirect, file=row.path)

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

    is_collection = True

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
        self._states: dict[str, tuple[int, int]] = {}
        files = self._catalog.files()
        self.entries = CollectionEntries(self._catalog, files)
        self._note(BuildReport(skipped=[row.skipped for row in files if row.skipped]))
        self._fulltext: object | None = None
        self._taken_last = True  # the catalog was read after the child build ended

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, folder: Path, where: Path | None = None, *, build_now: bool = False) -> Collection:
        """The collection at `folder`, its index made when missing.

        With `build_now`, the index is brought up to date before this returns (for printing and
        searching); otherwise a `wikireader --index` child does it while the reader shows what
        is already indexed (`index_more` follows it).  Raises `InputError`.
        """
        where = where or index_folder(folder)
        paths, _skipped = find_files(folder)
        if not paths:
            raise InputError(f"{folder} holds no .txt or .wiki files")
        if build_now:
            report = build(folder, where) if stale(folder, where, paths) else None
            collection = cls(folder, where)
            if report is not None:
                collection._note(report)  # with why it was rebuilt, if it was
            return collection
        notice = None
        try:
            if not (where / "catalog.sqlite").exists():
                Catalog(_make_folder(where) / "catalog.sqlite").close()
            collection = cls(folder, where)
        except CatalogDamaged as error:  # the child builds it again; the reader starts empty
            notice = f"the index cannot be used ({_short(error)}); building it again"
            _remove_index(where)
            Catalog(where / "catalog.sqlite").close()
            collection = cls(folder, where)
        collection._file_count = len(paths)
        if notice is not None:
            collection._note(BuildReport(rebuilt=notice))
        if collection._stale(paths):
            collection._start_builder()
            collection._taken_last = False
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
        return _differs(self._catalog.files(), self.folder, paths)

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
        return _decode_article(data, row.path).text

    def article_source(self, entry: Entry) -> str:
        return self.article_text(entry)

    def find(self, title: str) -> list[Entry]:
        """Every article called `title` (case and "_" aside), in collection order."""
        found = []
        for row in self._catalog.by_title(normalise_title(title)):
            index = self.entries.index_of(row.file, row.pos)
            if index is not None:
                found.append(self.entries[index])
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
            for _file, _pos, title in self._catalog.with_prefix(wanted[:size], 2000):
                seen.add(normalise_title(title))
        for word in wanted.split()[:3]:
            pattern = "%" + _like_escape(word) + "%"
            for _file, _pos, title in self._catalog.like(pattern, 2000):
                seen.add(normalise_title(title))
        yield from seen

    def redirect_target(self, entry: Entry) -> Entry | None:
        """The article `entry` redirects to, in any file of the collection."""
        if entry.redirect is None:
            return None
        target = entry.redirect.split("#", 1)[0]
        candidates = [found for found in self.find(target) if found.index != entry.index]
        exact = [found for found in candidates if found.title == target.strip()]
        return (exact or candidates or [None])[0]

    def title_candidates(self, query: str, limit: int = 5000) -> list[int]:
        """Entries whose title may match `query` as the picker matches (exact, prefix, then the
        letters in order anywhere), at most `limit`, for the picker to rank."""
        wanted = normalise_title(query)
        if not wanted:
            return []
        seen: dict[int, None] = {}
        for file_id, pos, _title in self._catalog.with_prefix(wanted, 500):
            index = self.entries.index_of(file_id, pos)
            if index is not None:
                seen[index] = None
        pattern = "%" + "%".join(_like_escape(char) for char in wanted if not char.isspace()) + "%"
        for file_id, pos, _title in self._catalog.like(pattern, limit):
            index = self.entries.index_of(file_id, pos)
            if index is not None:
                seen[index] = None
        return list(seen)

    # ------------------------------------------------------------------ full text

    def fulltext(self) -> object:
        """The full-text index (opened when first searched)."""
        if self._fulltext is None:
            from reader.source.fulltext import FullText

            self._fulltext = FullText(self.where / "fulltext")
        return self._fulltext

    # ------------------------------------------------------------------ freshness

    def changed_on_disk(self) -> bool:
        """True when a file was added, changed or removed since the catalog was read."""
        paths, _ = find_files(self.folder)
        states = {}
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                continue
            states[relative(self.folder, path)] = (info.st_size, info.st_mtime_ns)
        indexed = {row.path: (row.size, row.mtime_ns) for row in self.entries.files}
        return self.complete and states != indexed and states != self._states and self._remember(states)

    def _remember(self, states: dict[str, tuple[int, int]]) -> bool:
        self._states = states
        return True

    def reload(self, *, lazy: bool = False) -> None:
        """Index what changed (in a child) and take up the catalog again."""
        self._file_count = len(find_files(self.folder)[0])
        self._start_builder()
        self._taken_last = False
        if not lazy:
            self.index_all()


def start_builder(folder: Path, where: Path, nice: int = 0) -> subprocess.Popen[bytes]:
    """Build the index in a child (`wikireader --index`): both cores, none of the reader's
    memory; its output goes to `build.log` in the index folder."""
    command = [sys.executable, "-m", "reader", "--index", "--quiet", "--index-dir", str(where), str(folder)]
    _make_folder(where)
    log = open(where / "build.log", "wb")  # noqa: SIM115  (the child's; closed below)
    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                                preexec_fn=(lambda: os.nice(nice)) if nice else None)
    finally:
        log.close()


def stop_builder(builder: subprocess.Popen[bytes]) -> None:
    """Stop a child build and its workers (it leads its own process group); the next build
    picks up where it stopped."""
    if builder.poll() is not None:
        return
    import signal

    try:
        os.killpg(builder.pid, signal.SIGTERM)
        builder.wait(2)
    except subprocess.TimeoutExpired:
        os.killpg(builder.pid, signal.SIGKILL)
        builder.wait()
    except ProcessLookupError:
        pass


def _make_folder(where: Path) -> Path:
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot write the index in {where}: {error.strerror or error}") from None
    return where


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
