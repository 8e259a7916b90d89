"""One opened file as a library of articles: its text, its index of titles, its freshness.

Indexing (`reader.source.split`) is line framing only and fast (20 MB in a few tens of
milliseconds), but a picker wants its first titles at once, so a `Library` can be opened
with only a first chunk indexed and grow its `entries` from a worker thread with
`index_more()`.  Entries are appended, never changed, so another thread may read
`entries` while indexing goes on.

Articles are cut out of the decoded text when asked for (`article_text`): nothing is
parsed here and nothing is held but the text itself and the index.

Mojibake: a file of several articles is repaired as a whole when read (titles, the picker and
the file-wide search all need the repaired text).  A file of one article is kept as read and its
article repaired when asked for; `article_source` then hands the reader a `PendingText`, of which
it has the first part repaired at once, so that the first screen does not wait for ftfy (~80 ms
to import) when the words the cheap check flagged lie further on -- as they mostly do.
"""

from __future__ import annotations

import difflib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from reader.errors import ArticleNotFound, InputError, ReaderError
from reader.source.decode import Decoded, decode_bytes, finish_repair, read_source, repair_text
from reader.source.fileformat import detect_format
from reader.source.mojibake import MOJIBAKE_HINT
from reader.source.split import Entry, iter_articles

FIRST_CHUNK = 256 * 1024  # characters indexed by a lazy open before it returns
HEAD_BYTES = 512 * 1024  # a lazy open of a big UTF-8 file decodes this much before it returns
CHUNK = 2 * 1024 * 1024  # characters indexed by one `index_more()` call by default


class FileState(Struct, frozen=True):
    """What tells us the file on disk changed: identity, size and modification time."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str) -> FileState | None:
        """The state of the file at `path`, None for standard input or a vanished file."""
        if path == "-":
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class PendingText(Struct, frozen=True):
    """An article whose mojibake repair is not done yet: any first part of it can be had repaired
    at once (`head`), the whole later (`full`, where ftfy runs when flagged words lie further on)."""

    raw: str  # the whole article as read

    def head(self, limit: int) -> tuple[str, bool]:
        """The whole lines within the first `limit` characters, repaired; True when that is all."""
        if len(self.raw) <= limit:
            return repair_text(self.raw), True
        cut = self.raw.rfind("\n", 0, limit) + 1
        return repair_text(self.raw[: cut or limit]), False

    def full(self) -> str:
        """The whole article, repaired."""
        return repair_text(self.raw)


def _holds_several(text: str, fallback_title: str, fmt: str) -> bool:
    """True when `text` holds more than one article (only the first two are looked for)."""
    articles = iter_articles(text, fallback_title, fmt=fmt)
    return next(articles, None) is not None and next(articles, None) is not None


def normalise_title(title: str) -> str:
    """A title as MediaWiki compares them: "_" is a space, runs of spaces are one, case aside."""
    return " ".join(title.replace("_", " ").split()).casefold()


def title_from_path(path: str) -> str:
    """The title of a file's only article when it has no title line: its name, "_" as spaces,
    the first letter a capital as in every Wikipedia title ("toronto.wiki" -> "Toronto")."""
    if path == "-":
        return "Standard input"
    title = Path(path).stem.replace("_", " ").strip() or Path(path).name or "Untitled"
    return title[:1].upper() + title[1:]


class Library:
    """One opened file: `entries` lists its articles in file order (growing while indexing)."""

    def __init__(self, path: str, decoded: Decoded, *, lazy: bool = False, whole: int | None = None) -> None:
        self.path = path
        self.name = "standard input" if path == "-" else Path(path).name
        self.fallback_title = title_from_path(path)
        self.state = FileState.of(path)
        self.on_disk = path != "-"  # standard input has nothing on disk to watch
        self._lock = threading.Lock()
        self._whole = whole  # the file's size in bytes while only its head is read (see `_open_head`)
        self._load(decoded)
        if lazy:
            self.index_more(FIRST_CHUNK)
        else:
            self.index_all()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str, *, lazy: bool = False) -> Library:
        """Read, decode and index the file at `path` ("-" = standard input).

        With `lazy`, only about the first `FIRST_CHUNK` characters are indexed (and of a big
        UTF-8 file only the first `HEAD_BYTES` decoded); call `index_more()` (from a worker
        thread, say) until `complete`.  Raises `InputError`.
        """
        if lazy and path != "-":
            library = cls._open_head(path)
            if library is not None:
                return library
        # Opened whole (to print it, say), nothing waits: repaired now, and the notice says so.
        return cls(path, read_source(path, repair=not lazy), lazy=lazy)

    @classmethod
    def _open_head(cls, path: str) -> Library | None:
        """A big UTF-8 file with only its head decoded and indexed; None when that does not fit.

        Decoding (with the mojibake check) takes a good part of a second on 20 MB; a picker
        can show the first titles long before.  `index_more()` decodes the whole file and
        keeps the head's entries when the whole text starts the same way.
        """
        try:
            with open(path, "rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                data = stream.read(HEAD_BYTES)
        except OSError:
            return None  # read_source will say why, in one line
        cut = data.rfind(b"\n") + 1
        if size <= 2 * HEAD_BYTES or cut <= 0:
            return None
        head = decode_bytes(data[:cut], path, repair=False)  # refuses binary files as read_source would
        if head.encoding != "utf-8":
            return None  # a legacy encoding is decided on the whole file
        library = cls(path, head, lazy=True, whole=size)
        if len(library.entries) < 2:
            library.index_more(FIRST_CHUNK)  # one huge first article: it needs the whole text now
        return library

    @classmethod
    def from_text(cls, text: str, name: str = "-", *, lazy: bool = False) -> Library:
        """A library over text already in memory (tests, standard input already read)."""
        library = cls.__new__(cls)
        library.path = name
        library.name = name
        library.fallback_title = title_from_path(name)
        library.state = None
        library.on_disk = False
        library._lock = threading.Lock()
        library._whole = None
        repaired = repair_text(text)
        notice = f"note: repaired mis-encoded text (mojibake) in {name}" if repaired != text else None
        library._load(Decoded(text=repaired, encoding="utf-8", notice=notice))
        if lazy:
            library.index_more(FIRST_CHUNK)
        else:
            library.index_all()
        return library

    def _settle_repair(self, decoded: Decoded) -> Decoded:
        """`decoded` repaired now if it holds several articles; else as it is (see the module)."""
        if decoded.unrepaired and _holds_several(decoded.text, self.fallback_title, self.format):
            return finish_repair(decoded, self.path)
        return decoded

    def _load(self, decoded: Decoded) -> None:
        """Take a freshly decoded text and start indexing it from the beginning."""
        # The format is the file's, decided once (see `fileformat`): wikitext is never split.
        self.format = detect_format(decoded.text, None if self.path == "-" else self.path)
        decoded = self._settle_repair(decoded)
        self.decoded = decoded
        self.text = decoded.text
        self.entries: list[Entry] = []
        self._by_title: dict[str, list[int]] = {}
        self._articles: Iterator[Entry] | None = iter_articles(self.text, self.fallback_title, fmt=self.format)
        self.generation = getattr(self, "generation", -1) + 1

    # ------------------------------------------------------------------ indexing

    @property
    def complete(self) -> bool:
        """True once every article of the file is in `entries`."""
        return self._articles is None and self._whole is None

    @property
    def indexed_chars(self) -> int:
        """How far into the text indexing has got."""
        if self.complete:
            return len(self.text)
        return self.entries[-1].end if self.entries else 0

    @property
    def progress(self) -> float:
        """Indexing progress, 0.0 to 1.0."""
        total = self._whole if self._whole is not None else len(self.text)
        return 1.0 if self.complete or not total else min(self.indexed_chars / total, 1.0)

    @property
    def is_multi(self) -> bool:
        """True when the file holds more than one article (known once a second one is indexed)."""
        return len(self.entries) > 1

    def index_more(self, budget_chars: int = CHUNK) -> int:
        """Index about `budget_chars` more characters of text; return how many entries were added."""
        with self._lock:
            goal = self.indexed_chars + budget_chars
            added = 0
            while self._articles is not None:
                entry = next(self._articles, None)
                if entry is not None and (self._whole is None or entry.end < len(self.text)):
                    self._add(entry)
                    added += 1
                    if entry.end >= goal:
                        break
                elif self._whole is not None:
                    self._decode_whole()  # the head's last article is cut off: read on in the whole
                else:
                    self._articles = None
            return added

    def _decode_whole(self) -> None:
        """Read and decode the whole file after its head; keep the head's entries when they hold."""
        self._whole = None
        done = self.entries[-1].end if self.entries else 0
        try:
            whole = self._settle_repair(read_source(self.path, repair=False))
        except ReaderError as error:
            # The file went away since its head was read: keep all of the head, say so.
            self.decoded = Decoded(self.text, self.decoded.encoding, f"note: {error}; showing what was read of it",
                                   self.decoded.unrepaired)
            self._articles = iter_articles(self.text, self.fallback_title, start=done, first_index=len(self.entries),
                                           fmt=self.format)
            return
        if whole.text[:done] != self.text[:done]:
            self._load(whole)  # decoded differently as a whole: index again (a new generation)
            return
        self.decoded, self.text = whole, whole.text
        self._articles = iter_articles(self.text, self.fallback_title, start=done, first_index=len(self.entries),
                                       fmt=self.format)

    def index_all(self) -> None:
        """Index the whole file."""
        while not self.complete:
            self.index_more(len(self.text) + 1)

    def _add(self, entry: Entry) -> None:
        if self.decoded.unrepaired and MOJIBAKE_HINT.search(entry.title):
            entry = replace(entry, title=repair_text(entry.title))
        self._by_title.setdefault(normalise_title(entry.title), []).append(entry.index)
        self.entries.append(entry)

    # ------------------------------------------------------------------ articles

    def format_of(self, entry: Entry) -> str:
        """The format `entry` is in: the file's ("dump" or "wikitext", see `fileformat`)."""
        return self.format

    def article_text(self, entry: Entry) -> str:
        """The text of one article, mojibake repaired."""
        text = self.text[entry.start : entry.end]
        return repair_text(text) if self.decoded.unrepaired else text

    def article_source(self, entry: Entry) -> str | PendingText:
        """What a reader needs to show `entry`: its text, or a `PendingText` while its repair is
        still to be done (see the module)."""
        text = self.text[entry.start : entry.end]
        return PendingText(text) if self.decoded.unrepaired else text

    def find(self, title: str) -> list[Entry]:
        """Every indexed article called `title` (case and "_" aside), in file order."""
        return [self.entries[i] for i in self._by_title.get(normalise_title(title), [])]

    def lookup(self, title: str) -> Entry:
        """The first article called `title`; `ArticleNotFound` naming close matches if none."""
        self.index_all()
        found = self.find(title)
        if found:
            return found[0]
        raise ArticleNotFound(self._not_found_message(title))

    def _not_found_message(self, title: str) -> str:
        # Titles that differ only in case ("Bell Curve", "Bell curve") are all offered.
        spellings: dict[str, list[str]] = {}
        for entry in self.entries:
            names = spellings.setdefault(normalise_title(entry.title), [])
            if entry.title not in names:
                names.append(entry.title)
        close = difflib.get_close_matches(normalise_title(title), list(spellings), n=5, cutoff=0.6)
        offered = [name for key in close for name in spellings[key]][:5]
        message = f"no article called {title!r} in {self.name}"
        if offered:
            message += "; close matches: " + ", ".join(repr(name) for name in offered)
        return message

    def file_of(self, entry: Entry) -> str | None:
        """The real path of the file (every article is in it); None for standard input."""
        return None if self.path == "-" else os.path.realpath(self.path)

    def as_collection(self) -> None:
        """Not a collection (`reader.source.shelf`)."""
        return None

    def as_file(self) -> Library:
        return self

    def redirect_target(self, entry: Entry) -> Entry | None:
        """The article `entry` redirects to, when it is in this file (never `entry` itself)."""
        if entry.redirect is None:
            return None
        target = entry.redirect.split("#", 1)[0]  # "Page#Section": the page
        candidates = [found for found in self.find(target) if found.index != entry.index]
        exact = [found for found in candidates if found.title == target.strip()]
        return (exact or candidates)[0] if candidates else None

    # ------------------------------------------------------------------ freshness

    def changed_on_disk(self) -> bool:
        """True when the file was modified, grew, shrank, was replaced or vanished since read."""
        if not self.on_disk:
            return False
        return FileState.of(self.path) != self.state

    def reload(self, *, lazy: bool = False) -> None:
        """Read the file again and restart the index; raises `InputError` (old text kept then,
        and the file no longer watched until it is back: `changed_on_disk` is False meanwhile,
        so a picker asking every few seconds says it once).

        `entries` is replaced by a new list, so a reader holding the old list keeps a
        consistent (old) view; `generation` counts reloads.
        """
        state = FileState.of(self.path) if self.on_disk else None
        try:
            if state is None:
                raise InputError(f"{self.path} is no longer there")
            decoded = read_source(self.path, repair=False)
        except ReaderError:
            self.state = None
            raise
        with self._lock:
            self.state = state
            self._load(decoded)
        if lazy:
            self.index_more(FIRST_CHUNK)
        else:
            self.index_all()
