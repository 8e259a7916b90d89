"""The command palette's commands for a file of many articles: "Open article: <title>" for every
title (ranked as the picker ranks them) and "Search all articles".

Kept apart from the picker screen as `reader_commands.py` is from the reader screen: the
app loads it when the palette first opens.
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from reader.ui.screens.picker import PICKER_NAME, PickerScreen, search_screen
from reader.ui.widgets.picker_match import rank_titles

if TYPE_CHECKING:
    from reader.source.shelf import Shelf

OPEN_PREFIX = "Open article: "
PALETTE_LIMIT = 100  # "Open article" hits offered at most by the command palette


class ArticleProvider(Provider):
    """Command palette: "Open article: <title>" for every title, and "Search all articles"."""

    @property
    def library(self) -> Shelf | None:
        library: Shelf | None = getattr(self.app, "library", None)  # the app's (any app may run a palette)
        return library

    def _open(self, index: int) -> None:
        self.app.post_message(PickerScreen.ArticleChosen(index))

    def _search_all(self) -> None:
        library = self.library
        if library is None:
            return
        picker = _installed_picker(self.app)

        def done(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.app.post_message(PickerScreen.ArticleChosen(*result))

        self.app.push_screen(search_screen(library, picker), done)

    async def discover(self) -> Hits:
        library = self.library
        if library is None or len(library.entries) < 2:
            return
        yield DiscoveryHit("Search all articles", self._search_all, help="Find a phrase in the text of every article")
        for entry in library.entries[:PALETTE_LIMIT]:
            text = f"Open article: {entry.title}"
            yield DiscoveryHit(Content(text), partial(self._open, entry.index), text=text, help=_help(entry))

    async def search(self, query: str) -> Hits:
        library = self.library
        if library is None or len(library.entries) < 2:
            return
        matcher = self.matcher(query)
        for command in ("Search all articles",):
            score = matcher.match(command)
            if score > 0:
                yield Hit(score, matcher.highlight(command), self._search_all, help="Find a phrase in every article")
        words = query.strip()
        # "open article: rosa" and plain "rosa" both look for titles.
        for prefix in ("open article:", "open article", "open"):
            if words.lower().startswith(prefix) and len(words) > len(prefix):
                words = words[len(prefix) :].strip()
                break
        started = time.perf_counter()
        entries = library.entries
        collection = library.as_collection()
        if collection is not None:  # 280,000 titles: the catalog's candidates only
            candidates = collection.title_candidates(words, 2000)
        else:
            candidates = [(index, entry.title) for index, entry in enumerate(entries)]
        keys = [key for key, _ in candidates]
        ranked = rank_titles([title for _, title in candidates], words) or []
        for place, item in enumerate(ranked[:PALETTE_LIMIT]):
            entry = entries[keys[item.index]]
            text = f"{OPEN_PREFIX}{entry.title}"
            score = max(0.05, 1.0 - place / (PALETTE_LIMIT * 1.2))  # keep our ranking's order
            display = _highlight(matcher, text, [len(OPEN_PREFIX) + offset for offset in item.offsets])
            yield Hit(score, display, partial(self._open, entry.index), text=text, help=_help(entry))
        self.app.log.debug(f"palette ranked {len(entries)} titles in {time.perf_counter() - started:.3f}s")


def _help(entry: object) -> str | None:
    """The help line under a hit, as markup (the palette reads it so): the title escaped."""
    redirect = getattr(entry, "redirect", None)
    return escape(f"redirect to {redirect}") if redirect else None


def _highlight(matcher: Matcher, text: str, offsets: list[int]) -> Content:
    """`text` with the letters at `offsets` highlighted, never read as markup (a title may hold "[/]").

    The offsets come from our own ranking: the palette's matcher tries every alignment of
    the query, which never ends on a long title full of one letter.
    """
    content = Content(text)
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _installed_picker(app: object) -> PickerScreen | None:
    """The picker screen the app keeps, if it keeps one."""
    for screen in getattr(app, "screen_stack", []):
        if isinstance(screen, PickerScreen):
            return screen
    if isinstance(app, App) and app.is_screen_installed(PICKER_NAME):
        screen = app.get_screen(PICKER_NAME)
        return screen if isinstance(screen, PickerScreen) else None
    return None
