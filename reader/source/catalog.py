"""The collection's catalog: every file and every article's title and place, in SQLite.

The full-text index (`reader.source.fulltext`) answers "which articles hold these words"; the
catalog answers everything else the reader asks of 280,000 articles without holding them in
memory: the titles in collection order (a picker row is one look-up by primary key), an
article's file and byte range, a title's article (a B-tree on the normalised title), redirects,
and which files are indexed as they are now on disk (path, size, modification time).

A file's articles are replaced in one transaction, and its row says `done` only then, so a
build killed at any point leaves whole files or files marked to be indexed again.  SQLite's
write-ahead log lets a reader read while another process builds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SCHEMA_VERSION = "3"
BUSY_MS = 30_000  # how long a write waits for another process's transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,      -- relative to the collection's folder
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    wide INTEGER NOT NULL DEFAULT 0, -- UTF-16/32: offsets are characters of the decoded text
    format TEXT NOT NULL DEFAULT 'dump', -- "dump" or "wikitext" (`reader.source.fileformat`)
    articles INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0, -- 1 once its articles are in the catalog and the index
    skipped TEXT                     -- why it holds no articles: not text, unreadable
);
CREATE TABLE IF NOT EXISTS articles (
    file INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    title TEXT NOT NULL,
    norm TEXT NOT NULL,             -- the title as MediaWiki compares titles (`normalise_title`)
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    redirect TEXT,
    PRIMARY KEY (file, pos)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_norm ON articles (norm);
"""


@dataclass(frozen=True)
class FileRow:
    """One file of the collection as the catalog has it."""

    id: int
    path: str
    size: int
    mtime_ns: int
    wide: bool
    format: str
    articles: int
    done: bool
    skipped: str | None


@dataclass(frozen=True)
class ArticleRow:
    """One article as the catalog has it: file number, position in the file, title, range."""

    file: int
    pos: int
    title: str
    start: int
    stop: int
    redirect: str | None


class CatalogDamaged(Exception):
    """The catalog file is not a database we wrote, or is corrupt: it must be built again."""


class Catalog:
    """The SQLite catalog at `path` (created when missing, unless `read_only`)."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if read_only:
                uri = f"file:{quote(self.path)}?mode=ro"  # a path may hold "?" or "#"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
                # The reader's: a scan of 280,000 titles filled the default 2 MB page cache, memory
                # that grew with the collection; the B-tree look-ups need few pages.
                self.db.execute("PRAGMA cache_size=-512")
            else:
                self.db = sqlite3.connect(self.path, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if not read_only:
                self.db.executescript(_SCHEMA)
            self._check_version(write=not read_only)
            self.db.execute("SELECT count(*) FROM files").fetchone()
        except sqlite3.DatabaseError as error:
            raise CatalogDamaged(str(error)) from None

    def _check_version(self, write: bool) -> None:
        """Raise `CatalogDamaged` for a catalog of another schema (a reader opening it read-only
        would fail on its first query instead); a new one gets this version's."""
        row = self.db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        if row is None and not write:
            raise CatalogDamaged("it holds no version")
        if row is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise CatalogDamaged(f"it was made by another version of wikireader (schema {row[0]})")

    def close(self) -> None:
        self.db.close()

    def check(self) -> None:
        """Raise `CatalogDamaged` when SQLite finds the file corrupt."""
        try:
            result = self.db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise CatalogDamaged(str(error)) from None
        if result is None or result[0] != "ok":
            raise CatalogDamaged(str(result[0] if result else "quick_check gave nothing"))

    # ------------------------------------------------------------------ files

    def files(self) -> list[FileRow]:
        rows = self.db.execute(
            "SELECT id, path, size, mtime_ns, wide, format, articles, done, skipped FROM files ORDER BY path"
        )
        return [FileRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], bool(r[7]), r[8]) for r in rows]

    def file_id(self, path: str) -> int:
        """The number of the file at relative `path` (a new one when it is not yet known)."""
        row = self.db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        if row is not None:
            return int(row[0])
        with self.db:
            cursor = self.db.execute("INSERT INTO files (path, size, mtime_ns) VALUES (?, -1, -1)", (path,))
        return int(cursor.lastrowid or 0)

    def replace_file(self, file_id: int, size: int, mtime_ns: int, wide: bool, fmt: str,
                     articles: Iterable[tuple[int, str, str, int, int, str | None]],
                     skipped: str | None = None) -> None:
        """Put (position, title, normalised title, start, stop, redirect) of every article of a
        file in place of what the catalog had for it, and mark it done, in one transaction (a
        file `skipped` for that reason has none, and is not read again until it changes)."""
        with self.db:
            self.db.execute("DELETE FROM articles WHERE file = ?", (file_id,))
            cursor = self.db.executemany(
                "INSERT INTO articles (file, pos, title, norm, start, stop, redirect) VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((file_id, *row) for row in articles),
            )
            self.db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, wide = ?, format = ?, articles = ?, done = 1, skipped = ? "
                "WHERE id = ?",
                (size, mtime_ns, int(wide), fmt, cursor.rowcount, skipped, file_id),
            )

    def mark_stale(self, file_id: int) -> None:
        with self.db:
            self.db.execute("UPDATE files SET done = 0 WHERE id = ?", (file_id,))

    def drop_file(self, file_id: int) -> None:
        with self.db:
            self.db.execute("DELETE FROM articles WHERE file = ?", (file_id,))
            self.db.execute("DELETE FROM files WHERE id = ?", (file_id,))

    # ------------------------------------------------------------------ articles

    def article(self, file_id: int, pos: int) -> ArticleRow | None:
        row = self.db.execute(
            "SELECT file, pos, title, start, stop, redirect FROM articles WHERE file = ? AND pos = ?", (file_id, pos)
        ).fetchone()
        return ArticleRow(*row) if row is not None else None

    def articles(self, file_id: int, first: int, count: int) -> list[ArticleRow]:
        """Articles `first` to `first + count` of a file (one range scan of the primary key)."""
        rows = self.db.execute(
            "SELECT file, pos, title, start, stop, redirect FROM articles WHERE file = ? AND pos >= ? AND pos < ? "
            "ORDER BY pos",
            (file_id, first, first + count),
        )
        return [ArticleRow(*row) for row in rows]

    def by_title(self, norm: str) -> list[ArticleRow]:
        """Every article whose normalised title is `norm`, in collection order."""
        rows = self.db.execute(
            "SELECT a.file, a.pos, a.title, a.start, a.stop, a.redirect FROM articles a JOIN files f ON f.id = a.file "
            "WHERE a.norm = ? ORDER BY f.path, a.pos",
            (norm,),
        )
        return [ArticleRow(*row) for row in rows]

    def with_prefix(self, prefix: str, limit: int) -> list[tuple[int, int, str, str]]:
        """(file, position, title, normalised title) of the articles whose normalised title
        starts with `prefix`."""
        rows = self.db.execute(
            "SELECT file, pos, title, norm FROM articles WHERE norm >= ? AND norm < ? ORDER BY norm LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def like(self, pattern: str, limit: int) -> list[tuple[int, int, str, str]]:
        """(file, position, title, normalised title) of the articles whose normalised title is
        LIKE `pattern` (one scan in C: "%r%i%c%" goes through 280,000 titles in 100-300 ms here)."""
        rows = self.db.execute(
            "SELECT file, pos, title, norm FROM articles WHERE norm LIKE ? ESCAPE '\\' LIMIT ?", (pattern, limit)
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def norms(self) -> Iterator[str]:
        """Every distinct normalised title (for close matches to a title not found)."""
        for (norm,) in self.db.execute("SELECT DISTINCT norm FROM articles"):
            yield norm
