"""Building a collection's index and keeping it fresh: the catalog and the full text, file by file.

`build` makes the index or brings it up to date: files that are new, or whose size or
modification time changed, are indexed again; files that are gone are dropped.  Two worker
processes split files into articles and reduce them to words while this process writes; a file
counts as indexed only once it is in the full-text index and then in the catalog, so a build
killed at any point is picked up by the next one, and a lock (`fcntl.flock`, released by the
system even on `kill -9`) keeps a second builder waiting.  The reader builds in a child process
(`start_builder`: `wikireader --index`), so that its own memory stays that of the reader.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import InputError
from reader.source.catalog import Catalog, CatalogDamaged, FileRow
from reader.source.corpus import decode_article, find_files, index_folder, make_folder, relative
from reader.source.decode import decode_bytes
from reader.source.fileformat import FORMAT_SAMPLE, detect_format
from reader.source.library import normalise_title, title_from_path
from reader.source.split import Entry, iter_articles, iter_byte_articles
from reader.source.words import plain_words, title_and_body

if TYPE_CHECKING:
    from concurrent.futures import Future

    from reader.source.fulltext import Writer

SAMPLE = 8192  # bytes read to tell a text file from a binary one
AHEAD = 3  # files read by the workers ahead of the one being written
COMMIT_SECONDS = 2.0  # how often a build makes what it wrote visible (see `_commit`)


# ---------------------------------------------------------------------------- reading one file


@dataclass
class FileArticles:
    """What a worker made of one file: its articles, their words, or why it was skipped."""

    path: str
    size: int = 0
    mtime_ns: int = 0
    wide: bool = False
    format: str = "dump"
    rows: list[tuple[int, str, str, int, int, str | None]] = field(default_factory=list)
    words: list[tuple[int, str, str]] = field(default_factory=list)
    skipped: str | None = None


def _text_body(text: str, entry: Entry) -> str:
    """An article's text, cut from the decoded file."""
    return text[entry.start : entry.end]


def _byte_body(data: bytes, path: str, entry: Entry) -> str:
    """An article's text, decoded from its bytes in the file."""
    return decode_article(data[entry.start : entry.end], path).text


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
        result.format = detect_format(text, path)
        entries: Iterator[Entry] = iter_articles(text, fallback, fmt=result.format)
        body_of: Callable[[Entry], str] = partial(_text_body, text)
    else:
        # The format as the reader decides it for the file (`fileformat`), from its first megabyte.
        # Up to 4 bytes a character: at least the characters detect_format looks at.
        result.format = detect_format(data[: 4 * FORMAT_SAMPLE].decode("utf-8", errors="replace"), path)
        entries = iter_byte_articles(data, fallback, result.format)
        body_of = partial(_byte_body, data, path)
    for entry in entries:
        result.rows.append(
            (entry.index, entry.title, normalise_title(entry.title), entry.start, entry.end, entry.redirect)
        )
        words = "" if entry.redirect is not None else plain_words(title_and_body(body_of(entry)))
        result.words.append((entry.index, entry.title, words))
    return result


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
            report.rebuilt = f"the index cannot be used ({short_error(error)}); building it again"
        remove_index(where)
        return Catalog(path)


def short_error(error: Exception) -> str:
    """The gist of an engine's error: its first clause, not a page of detail."""
    text = " ".join(str(error).split())
    return text if len(text) <= 90 else text[:89].rstrip() + "…"


def remove_index(where: Path) -> None:
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
            report.rebuilt = f"the index cannot be used ({short_error(error)}); building it again"
            catalog.close()
            remove_index(where)
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
    todo = [path for relative, path in present.items() if not is_fresh(known.get(relative), path)]
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
        catalog.replace_file(file_id, result.size, result.mtime_ns, result.wide, result.format, result.rows,
                             result.skipped)
    waiting.clear()


def stale(folder: Path, where: Path, paths: list[Path] | None = None) -> bool:
    """True when the index in `where` is missing, unusable, or not the folder as it is now
    (a look at the catalog only: the full-text engine is not even imported)."""
    try:
        catalog = Catalog(where / "catalog.sqlite", read_only=True)
    except CatalogDamaged:
        return True
    try:
        return differs(catalog.files(), folder, paths if paths is not None else find_files(folder)[0])
    except Exception:  # an old or foreign catalog: build() says what is wrong with it
        return True
    finally:
        catalog.close()


def differs(files: list[FileRow], folder: Path, paths: list[Path]) -> bool:
    """True when the catalog's files are not the folder's files as they are now."""
    known = {row.path: row for row in files}
    present = {relative(folder, path) for path in paths}
    if set(known) - present:
        return True
    return any(not is_fresh(known.get(relative(folder, path)), path) for path in paths)


def is_fresh(row: FileRow | None, path: Path) -> bool:
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
    from concurrent.futures import ProcessPoolExecutor  # ~100 ms of imports a search never needs
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        pending: deque[Future[FileArticles]] = deque()
        for path in paths:
            pending.append(pool.submit(read_file_articles, path))
            if len(pending) > AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# ---------------------------------------------------------------------------- a child that builds


def start_builder(folder: Path, where: Path, nice: int = 0) -> subprocess.Popen[bytes]:
    """Build the index in a child (`wikireader --index`): both cores, none of the reader's
    memory; its output goes to `build.log` in the index folder."""
    command = [sys.executable, "-m", "reader", "--index", "--quiet", "--index-dir", str(where), str(folder)]
    make_folder(where)
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
