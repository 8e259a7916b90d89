"""The command palette's entries for the reader: a jump to every section, and a search.

"Go to 2.1 Workers" for every section (fuzzy matched as the palette does), and for whatever
was typed, "Search the article for …".  The reader screen's other commands (tree, help, …)
come through `ReaderScreen.system_commands`.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.screens.reader import ReaderScreen


class SectionCommands(Provider):
    """Palette entries "Go to 2.1 Workers" for every section, and "Search for …"."""

    def _reader(self) -> ReaderScreen | None:
        screen = self.screen
        return screen if isinstance(screen, ReaderScreen) else None

    async def discover(self) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        for number, title, where in reader.sections():
            help_text = where if where != title else None
            yield DiscoveryHit(go_to_text(number, title), partial(reader.go_to_section, number), help=help_text)

    async def search(self, query: str) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        matcher = self.matcher(query)
        for number, title, where in reader.sections():
            text = go_to_text(number, title)
            score = matcher.match(text)
            if score > 0:
                help_text = where if where != title else None
                yield Hit(score, matcher.highlight(text), partial(reader.go_to_section, number), help=help_text)
        if query.strip():
            yield Hit(
                0.01,
                f"Search the article for “{query.strip()}”",
                partial(reader.start_search, query.strip()),
                help="Highlight every match and go to the first (n / N step through them)",
            )


def go_to_text(number: str, title: str) -> str:
    """The palette's wording for a jump to a section."""
    return f"Go to {number} {title}" if number else f"Go to the top: {title}"
