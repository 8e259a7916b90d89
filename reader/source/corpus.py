"""The files of a collection, and where its index lives.

A collection is every ``.txt`` and ``.wiki`` file below a folder (in subfolders too, sorted by
their path relative to it), or one file of many articles, a collection of its own.  Its index is
kept in the user's cache directory (`index_home`), one folder per collection keyed on its real
path, so that nothing is ever written into the collection's folder.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from reader import APP_NAME
from reader.errors import InputError
from reader.source.decode import Decoded, decode_bytes

SUFFIXES = (".txt", ".wiki")
INDEX_ENV = "WIKIREADER_INDEX_DIR"


def index_home() -> Path:
    """Where indexes live: $WIKIREADER_INDEX_DIR, else the user cache directory (platformdirs:
    $XDG_CACHE_HOME/wikireader on Linux)."""
    chosen = os.environ.get(INDEX_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "collections"


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


def make_folder(where: Path) -> Path:
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot write the index in {where}: {error.strerror or error}") from None
    return where


def decode_article(data: bytes, name: str) -> Decoded:
    """One article's bytes as text: decoded, line ends normalised, mojibake repaired."""
    return decode_bytes(data, name)
