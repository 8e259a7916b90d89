"""What the reader reads articles from: one file (`Library`) or a whole collection (`Collection`).

The app, the picker and the palette hold a `Shelf` and never ask which of the two it is,
except through `as_collection`: a collection has a catalog and a full-text index, so the
picker filters its titles in the catalog and its search is ranked
(`reader.ui.screens.collection_search`), where a file's titles are all in memory and its
search is a scan (`reader.ui.screens.file_search`).  mypy checks that both classes have
this face wherever one is passed as a `Shelf` (the command line passes both).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from reader.source.collection import Collection
    from reader.source.library import Library, PendingText
    from reader.source.split import Entry


class Notice(Protocol):
    """What the app reads of how the text was decoded: the one-line note to say, if any."""

    @property
    def notice(self) -> str | None: ...


class Shelf(Protocol):
    """The articles of one file or of a collection, in order, read one at a time."""

    path: str  # the file or folder given ("-": standard input)
    name: str  # its name as the reader shows it
    generation: int  # counts re-readings: an older generation's indices mean other articles

    @property
    def entries(self) -> Sequence[Entry]:
        """The articles known so far, in order (growing while they are indexed)."""

    @property
    def decoded(self) -> Notice: ...

    @property
    def complete(self) -> bool:
        """True once every article is in `entries`."""

    @property
    def progress(self) -> float:
        """How far indexing has got, 0.0 to 1.0."""

    @property
    def is_multi(self) -> bool:
        """True when there is a list of articles to pick from."""

    def index_more(self, budget_chars: int = ...) -> int:
        """Index some more; the number of articles added."""

    def index_all(self) -> None: ...

    def format_of(self, entry: Entry) -> str:
        """The format `entry` is in ("dump" or "wikitext", `reader.source.fileformat`)."""

    def article_text(self, entry: Entry) -> str: ...

    def article_source(self, entry: Entry) -> str | PendingText:
        """What a reader needs to show `entry` (see `Library.article_source`)."""

    def find(self, title: str) -> list[Entry]:
        """Every article called `title` (case and "_" aside)."""

    def lookup(self, title: str) -> Entry:
        """The first article called `title`; `ArticleNotFound` naming close matches if none."""

    def redirect_target(self, entry: Entry) -> Entry | None: ...

    def file_of(self, entry: Entry) -> str | None:
        """The real path of the file holding `entry` (None for standard input)."""

    def changed_on_disk(self) -> bool: ...

    def reload(self, *, lazy: bool = False) -> None: ...

    def as_collection(self) -> Collection | None:
        """This shelf as a collection (catalog and full-text index), None for one file."""

    def as_file(self) -> Library | None:
        """This shelf as one file held in memory, None for a collection."""
