"""The section tree, where the reference list goes, and the CATEGORIES line.

`build_sections` turns the builder's flat stream of headings and blocks into the lead and
a tree of `model.Section`s numbered like a table of contents ("1", "1.1", ...).  Empty
sections keep their heading.  The numbered reference list (a `model.References` block)
goes where the article asked for it (``<references/>``, ``{{reflist}}``), else into its
first References/Notes/Footnotes section, else into a References section added at the end
(only when the article has footnotes).

`split_categories` splits a dump's ``CATEGORIES: a, b, c`` line.  Category names contain
commas ("Kalamazoo, Michigan", "United States presidential candidates, 1964"), so the rule
is: split on ", ", then glue a piece back onto the one before it when the piece is a bare
number or year range ("1964", "1715–1722"), or when it is a first-level place name (a US
state, "D.C.", a Canadian province, an Australian state, a UK country or county in
`PLACES`) following a piece that ends in a capitalised word ("Evanston" + "Illinois").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, References, Section
from .blocks import HeadingMark

NOTES_TITLES = ("references", "notes", "footnotes", "notes and references", "references and notes",
                "citations", "sources and notes", "notes and sources", "source notes", "endnotes",
                "einzelnachweise", "anmerkungen", "references and footnotes", "footnotes and references",
                "notes and citations", "reference notes")

EXACT_TITLES = ("citations", "footnotes", "einzelnachweise")

PLACES = frozenset("""
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
Vermont Virginia Washington Wisconsin Wyoming D.C. Ontario Quebec Alberta Manitoba Saskatchewan Yukon
Nunavut Queensland Victoria Tasmania England Scotland Wales Lothian Fife Yorkshire Lancashire Kent
Essex Surrey Sussex Devon Cornwall Dorset Somerset Norfolk Suffolk Cheshire Cumbria Durham Merseyside
""".split()) | frozenset({
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Rhode Island",
    "South Carolina", "South Dakota", "West Virginia", "Washington, D.C.", "British Columbia",
    "Nova Scotia", "New Brunswick", "Prince Edward Island", "Newfoundland and Labrador",
    "Northwest Territories", "New South Wales", "South Australia", "Western Australia",
    "Northern Territory", "Northern Ireland", "East Lothian", "West Lothian", "Midlothian",
    "Greater Manchester", "West Midlands", "East Sussex", "West Sussex", "North Yorkshire",
    "South Yorkshire", "West Yorkshire", "East Riding of Yorkshire", "County Durham", "Tyne and Wear",
    "Scottish Borders", "South Lanarkshire", "North Lanarkshire", "Ayrshire", "Aberdeenshire",
    "Perth and Kinross", "Greater London", "London",
})

_NUMBER = re.compile(r"^\d[\d–\-\s]*$")


def split_categories(line: str) -> tuple[str, ...]:
    """The category names of a CATEGORIES line (see the module docstring for the rule)."""
    pieces = [piece.strip() for piece in line.split(", ")]
    names: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if names and (_NUMBER.match(piece) or (piece in PLACES and _ends_capitalised(names[-1]))):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece.rstrip(","))
    return tuple(dict.fromkeys(name for name in names if name))


def _ends_capitalised(text: str) -> bool:
    last = text.rsplit(" ", 1)[-1]
    return bool(last) and last[0].isupper()


class _Open:
    """A section being built."""

    __slots__ = ("level", "title", "blocks", "children")

    def __init__(self, level: int, title: str) -> None:
        self.level, self.title = level, title
        self.blocks: list[Block] = []
        self.children: list[_Open] = []


def build_sections(items: list[HeadingMark | Block],
                   has_citations: bool) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """(lead blocks, top-level sections) from the builder's stream; places the reference list."""
    root = _Open(0, "")
    stack = [root]
    for item in items:
        if isinstance(item, HeadingMark):
            level = max(1, min(item.level, 6))
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            section = _Open(level, item.title)
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(item)
    _place_references(root, has_citations)
    sections = tuple(_freeze(child, str(i)) for i, child in enumerate(root.children, 1))
    return tuple(root.blocks), sections


def _walk(section: _Open) -> Iterator[_Open]:
    yield section
    for child in section.children:
        yield from _walk(child)


def _place_references(root: _Open, has_citations: bool) -> None:
    """Keep the article's reference lists: each list of its own footnotes (`<references/>` twice,
    a notes list and a references list), and one list of all; with none, one in a notes section,
    else appended."""
    found = False
    for section in _walk(root):
        kept = []
        for block in section.blocks:
            if isinstance(block, References):
                if not has_citations or (block.numbers is None and found) or block.numbers == ():
                    continue
                found = True
            kept.append(block)
        section.blocks = kept
    if found or not has_citations:
        return
    titled = [(section.title.strip().lower().rstrip(":"), section) for section in _walk(root) if section is not root]
    notes = [section for title, section in titled if title in NOTES_TITLES]
    # A section named for the footnotes themselves wins over the first notes-like one:
    # Michael_Jackson has "Notes" (explanatory), then "References" > "Citations".
    exact = [section for title, section in titled if title in EXACT_TITLES]
    if exact or notes:
        (exact or notes)[0].blocks.append(References())
        return
    added = _Open(2, "References")
    added.blocks.append(References())
    root.children.append(added)


def _freeze(section: _Open, number: str) -> Section:
    children = tuple(_freeze(child, f"{number}.{i}") for i, child in enumerate(section.children, 1))
    return Section(section.level, section.title, number, tuple(section.blocks), children)
