"""The command palette's entries for the reader: a jump to every section, and a search.

"Go to 2.1 Workers" for every section (fuzzy matched as the palette does), and for whatever
was typed, "Search the article for …".  The reader screen's other commands (tree, help, …)
come through `ReaderScreen.system_commands`.
"""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from reader.model import Article
from reader.ui.widgets.section_tree import ROOT


@runtime_checkable
class SectionsReader(Protocol):
    """What the entries need of the screen they are for (the reader screen; not imported here:
    the reader screen imports this module, when the palette first opens)."""

    article: Article | None

    def go_to_section(self, number: str) -> None:
        """Show section `number` at the top."""

    def start_search(self, query: str) -> None:
        """Search for `query` as if typed and entered."""


class SectionCommands(Provider):
    """Palette entries "Go to 2.1 Workers" for every section, and "Search for …"."""

    def _reader(self) -> SectionsReader | None:
        screen = self.screen
        return screen if isinstance(screen, SectionsReader) else None

    async def discover(self) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        for number, title, where in section_entries(reader.article):
            text = go_to_text(number, title)
            yield DiscoveryHit(Content(text), partial(reader.go_to_section, number), text=text,
                               help=help_text(title, where))

    async def search(self, query: str) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        matcher = self.matcher(query)
        for number, title, where in section_entries(reader.article):
            text = go_to_text(number, title)
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), partial(reader.go_to_section, number), text=text,
                          help=help_text(title, where))
        wanted = query.strip()
        if wanted:
            text = f"Search the article for “{wanted}”"
            yield Hit(0.01, Content(text), partial(reader.start_search, wanted), text=text,
                      help="Highlight every match and go to the first (n / N step through them)")


def go_to_text(number: str, title: str) -> str:
    """The palette's wording for a jump to a section."""
    return f"Go to {number} {title}" if number else f"Go to the top: {title}"


def help_text(title: str, where: str) -> str | None:
    """The breadcrumb under a hit, as markup (titles may hold "[...]"); none when it adds nothing."""
    return escape(where) if where != title else None


def highlight(matcher: Matcher, text: str) -> Content:
    """`text` with the letters the query matched highlighted, as the palette does it, but
    never read as markup: "[citation needed]" in a title is text, "[/]" no error."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def section_entries(article: Article | None) -> list[tuple[str, str, str]]:
    """(number, title, breadcrumb) of every section, the title/lead first."""
    if article is None:
        return []
    top = (ROOT, article.title or "(untitled)", "Top of the article")
    return [top, *((entry.number, entry.title, entry.breadcrumb) for entry in article.outline())]
