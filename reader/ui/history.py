"""Back and forward over the reader's jumps, as in a browser (a plain object the app owns).

Every jump (a search, `n`/`N`, `]`/`[`, `g`/`G`, the tree, a citation's other place, the
palette, another article, a redirect) records where the reader was just before it.  `back`
returns the place before the current one and keeps the current one for `forward`; a new jump
after going back drops what was ahead, as a browser does.  No Textual here.
"""

from __future__ import annotations

from msgspec import Struct

from reader.source.state import Place

LIMIT = 200  # places kept each way


class Spot(Struct, frozen=True):
    """A place in an article: the article's index in the library, its title (to list), the
    library's generation (a re-read file renumbers its articles) and the place in it."""

    index: int
    title: str
    place: Place
    generation: int = 0

    def same_as(self, other: Spot) -> bool:
        """The same article at the same anchor (a jump that did not move is no step)."""
        return (self.index, self.generation, self.place.anchor) == (other.index, other.generation, other.place.anchor)


class History:
    """The places behind (`back`) and ahead (`forward`) of the reader."""

    def __init__(self) -> None:
        self.behind: list[Spot] = []
        self.ahead: list[Spot] = []

    def record(self, spot: Spot) -> None:
        """The reader jumps away from `spot`."""
        if self.behind and self.behind[-1].same_as(spot):
            self.ahead.clear()
            return
        self.behind.append(spot)
        del self.behind[:-LIMIT]
        self.ahead.clear()

    def back(self, current: Spot | None) -> Spot | None:
        """The place to go back to from `current` (None: nothing behind)."""
        return self._step(self.behind, self.ahead, current)

    def forward(self, current: Spot | None) -> Spot | None:
        """The place to go forward to from `current` (None: nothing ahead)."""
        return self._step(self.ahead, self.behind, current)

    @staticmethod
    def _step(source: list[Spot], other: list[Spot], current: Spot | None) -> Spot | None:
        while source and current is not None and source[-1].same_as(current):
            source.pop()  # a place equal to where the reader is: not a step
        if not source:
            return None
        target = source.pop()
        if current is not None:
            other.append(current)
            del other[:-LIMIT]
        return target

    def forget(self, generation: int) -> None:
        """The file was re-read: places of an older generation point at other articles."""
        self.behind = [spot for spot in self.behind if spot.generation == generation]
        self.ahead = [spot for spot in self.ahead if spot.generation == generation]

    def listing(self) -> list[tuple[str, Spot]]:
        """Every place, oldest first, with "back" or "forward" (for the palette)."""
        return [("back", spot) for spot in self.behind] + [("forward", spot) for spot in reversed(self.ahead)]
