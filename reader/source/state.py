"""What the reader remembers between runs: where each article was left, and its marks.

One small JSON file in the user state directory (platformdirs' `user_state_dir`, which follows
XDG_STATE_HOME): `state.json`, keyed by article (`article_key`: the file's real path and the
article's title, so that an article of a multi-article file or of a collection is told apart
from its neighbours).  Each article holds its last reading place, the digest of its text when it
was read (a changed article resumes at the same section, not at a stale offset), and its marks.

The file is written atomically (a temporary file in the same folder, then `os.replace`), after
reading it again and changing only this article's record: two readers open at once keep each
other's places, and a crash never leaves half a file.  A damaged file is ignored (one note,
never a traceback) and replaced on the next write.  It stays small: only the most recently read
`MAX_ARTICLES` articles are kept (about 300 bytes each).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import msgspec
from msgspec import Struct, field

from reader import APP_NAME

STATE_FILE = "state.json"
VERSION = 1
MAX_ARTICLES = 2000  # ~600 KB at most; the least recently read go first
MARK_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LETTERS = frozenset(MARK_LETTERS)


def state_folder() -> Path:
    """The user state directory of wikireader (XDG_STATE_HOME on Linux)."""
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP_NAME, appauthor=False))


def article_key(file: str, title: str) -> str:
    """The identity of an article across runs: its file's real path and its title."""
    return f"{os.path.realpath(file)}\n{title}"


def text_digest(text: str) -> str:
    """A short digest of an article's text (a changed article is told from an unchanged one)."""
    import hashlib  # ~2.4 ms, needed once the first frame is drawn (the digest is made then)

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class Place(Struct, frozen=True):
    """A reading place: the anchor (block, offset) of the top line, and its section.

    `section` is the section's number ("4.2") and `path` its titles, outermost first: a changed
    article finds the section again by its titles."""

    anchor: tuple[int, int]
    section: str = ""
    path: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: object) -> Place | None:
        """The place stored as `data`, or None when it is not one (a damaged record)."""
        if not isinstance(data, dict):
            return None
        anchor, section, path = data.get("anchor"), data.get("section", ""), data.get("path", [])
        if not (isinstance(anchor, list) and len(anchor) == 2 and all(type(n) is int for n in anchor)):
            return None
        if not isinstance(section, str) or not isinstance(path, list) or not all(isinstance(p, str) for p in path):
            return None
        return cls((anchor[0], anchor[1]), section, tuple(path))


class ArticleState(Struct):
    """What is remembered of one article."""

    file: str
    title: str
    digest: str = ""
    place: Place | None = None
    marks: dict[str, Place] = field(default_factory=dict)
    seen: float = 0.0  # when it was last read (time.time())

    @classmethod
    def from_json(cls, data: object) -> ArticleState | None:
        if not isinstance(data, dict):
            return None
        file, title, digest, seen = data.get("file"), data.get("title"), data.get("digest", ""), data.get("seen", 0)
        if not isinstance(file, str) or not isinstance(title, str) or not isinstance(digest, str):
            return None
        marks_data = data.get("marks") or {}
        marks = {}
        if isinstance(marks_data, dict):
            for letter, value in marks_data.items():
                place = Place.from_json(value)
                if place is not None and letter in _LETTERS:
                    marks[letter] = place
        seen = float(seen) if isinstance(seen, (int, float)) else 0.0
        return cls(file, title, digest, Place.from_json(data.get("place")), marks, seen)


class _StateFile(Struct):
    """The state file as written: its version and a record an article."""

    version: int
    articles: dict[str, ArticleState]


def read_state(text: str) -> dict[str, ArticleState]:
    """The records of a state file's text; ValueError when it is not one.

    A file whose records all have their expected shape is decoded straight into records, in C:
    2,000 records (the most kept, 600 KB) in ~10 ms, where reading them field by field took
    30-55 ms at every start, before the first paint.  A file with a damaged record is read record
    by record, the damaged ones left out (`ArticleState.from_json`)."""
    try:
        state = msgspec.json.decode(text, type=_StateFile)
    except msgspec.ValidationError:  # some record (or the whole) is not of the expected shape
        return _read_record_by_record(msgspec.json.decode(text))
    if state.version != VERSION:
        raise ValueError("not a wikireader state file")
    for record in state.articles.values():
        if not _LETTERS.issuperset(record.marks):
            record.marks = {letter: place for letter, place in record.marks.items() if letter in _LETTERS}
    return state.articles


def _read_record_by_record(data: object) -> dict[str, ArticleState]:
    records = data.get("articles") if isinstance(data, dict) and data.get("version") == VERSION else None
    if not isinstance(records, dict):
        raise ValueError("not a wikireader state file")
    articles = {}
    for key, value in records.items():
        state = ArticleState.from_json(value)
        if state is not None:
            articles[key] = state
    return articles


class StateStore:
    """The state file: read once, then each article's record written back as it changes."""

    def __init__(self, folder: Path | None = None, *, persist: bool = True) -> None:
        """The store in `folder` (the user state directory by default); with `persist` False,
        nothing is read or written (a reader that remembers within its run only)."""
        self.folder = folder if folder is not None else state_folder()
        self.path = self.folder / STATE_FILE
        self.persist = persist
        self.note: str | None = None  # what was wrong with the file, said once by the app
        # The file as last read or written, by (inode, mtime, size): a save every few seconds
        # while reading re-parsed up to 2,000 records only to learn that no other reader wrote.
        self._known: tuple[tuple[int, int, int], dict[str, ArticleState]] | None = None
        self.articles: dict[str, ArticleState] = self._read(say=True) if persist else {}

    @classmethod
    def in_memory(cls) -> StateStore:
        """A store that forgets when the reader closes."""
        return cls(Path("."), persist=False)

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _read(self, say: bool = False) -> dict[str, ArticleState]:
        """Every article's record in the file ({} when there is none, or it is damaged)."""
        signature = self._signature()
        if self._known is not None and signature == self._known[0]:
            return dict(self._known[1])
        articles = self._parse(say)
        if signature is not None:
            self._known = (signature, dict(articles))
        return articles

    def _parse(self, say: bool) -> dict[str, ArticleState]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            if say:
                self.note = (f"the reading state {self.path} could not be read ({error.__class__.__name__}); "
                             "starting afresh")
            return {}
        try:
            return read_state(raw)
        except ValueError:  # msgspec.DecodeError is a ValueError
            if say:
                self.note = f"the reading state {self.path} is damaged; it is ignored and will be replaced"
            return {}

    def get(self, key: str) -> ArticleState | None:
        return self.articles.get(key)

    def all(self) -> list[tuple[str, ArticleState]]:
        """Every remembered article, the most recently read first."""
        return sorted(self.articles.items(), key=lambda item: -item[1].seen)

    def update(self, key: str, state: ArticleState) -> None:
        """Record `state` for article `key` and write the file (keeping what another reader wrote
        meanwhile for other articles).  A state folder that cannot be written is said once."""
        state.seen = time.time()  # unrounded: two saves in one millisecond still tell which was last
        self.articles[key] = state
        if not self.persist:
            return
        merged = self._read()
        merged[key] = state
        if len(merged) > MAX_ARTICLES:
            merged = dict(sorted(merged.items(), key=lambda item: -item[1].seen)[:MAX_ARTICLES])
        for other, record in merged.items():
            if other != key:
                self.articles[other] = record
        try:
            written = self._write({"version": VERSION, "articles": merged})  # records encode as they are
            self._known = (written, dict(merged))
        except OSError as error:
            if self.note is None:
                self.note = f"the reading state cannot be saved in {self.folder}: {error.strerror or error}"

    def _write(self, data: dict[str, object]) -> tuple[int, int, int]:
        """Write the file whole, atomically; its signature (taken before it is in place, so that
        a write by another reader just after ours is not mistaken for ours)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".state-", suffix=".json", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(msgspec.json.encode(data))  # compact UTF-8, as json.dump wrote it
                out.flush()
                os.fsync(out.fileno())
                stat = os.fstat(out.fileno())
            os.replace(temporary, self.path)
            return stat.st_ino, stat.st_mtime_ns, stat.st_size
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
