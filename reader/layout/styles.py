"""Semantic styles for laid-out text: roles (title, heading, marker, ...) mapped to rich Styles.

The defaults use attributes and ANSI colours that read well on dark and light terminals;
the reading pane builds its own `Styles` from Textual component classes so themes apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.style import Style

from reader import model

# Every role the layout uses, with its default style.
DEFAULTS: dict[str, str] = {
    "body": "",
    "title": "bold",
    "title_rule": "dim",
    "heading1": "bold underline",
    "heading2": "bold underline",
    "heading3": "bold",
    "heading4": "bold italic",
    "heading5": "italic",
    "heading6": "italic",
    "heading_number": "dim",
    "category": "dim italic",
    "redirect": "bold",
    "bold": "bold",
    "italic": "italic",
    "link": "underline",
    "code": "bold",
    "pre": "",
    "tag": "dim italic",
    "sup": "",
    "sub": "",
    "small": "dim",
    "marker": "cyan",
    "marker_selected": "bold reverse",
    "quote": "italic",
    "quote_bar": "dim",
    "caption": "italic",
    "caption_label": "dim",
    "hatnote": "italic dim",
    "bullet": "dim",
    "term": "bold",
    "table_header": "bold",
    "table_rule": "dim",
    "reference_number": "bold",
    "match": "black on yellow",
    "match_current": "bold black on dark_orange",
}

# Model marks to the role that styles them.
MARK_ROLES: dict[str, str] = {
    model.BOLD: "bold",
    model.ITALIC: "italic",
    model.LINK: "link",
    model.CODE: "code",
    model.TAG: "tag",
    model.SUP: "sup",
    model.SUB: "sub",
    model.SMALL: "small",
}

ROLES = tuple(DEFAULTS)


class Styles:
    """Roles to rich Styles; `for_marks` combines the styles of several roles (cached)."""

    def __init__(self, overrides: Mapping[str, Style | str] | None = None) -> None:
        self._styles: dict[str, Style] = {role: Style.parse(spec) for role, spec in DEFAULTS.items()}
        for role, style in (overrides or {}).items():
            self._styles[role] = Style.parse(style) if isinstance(style, str) else style
        self._combined: dict[frozenset[str], Style | None] = {}
        self._markers: dict[frozenset[str], Style | None] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Styles) and self._styles == other._styles

    __hash__ = None  # type: ignore[assignment]  # mutable caches inside: compare, do not hash

    def __getitem__(self, role: str) -> Style:
        return self._styles.get(role) or Style.null()

    def heading(self, level: int) -> Style:
        """The style of a heading of this level (1 = the article title's level)."""
        return self[f"heading{min(max(level, 1), 6)}"]

    def for_marks(self, marks: Iterable[str]) -> Style | None:
        """The style of text carrying these marks or roles (None when plain)."""
        key = marks if isinstance(marks, frozenset) else frozenset(marks)
        try:
            return self._combined[key]
        except KeyError:
            pass
        style: Style | None = None
        # Sorted so that the result does not depend on set iteration order.
        for mark in sorted(key):
            part = self._styles.get(MARK_ROLES.get(mark, mark))
            if part:
                style = part if style is None else style + part
        self._combined[key] = style
        return style

    def for_span(self, span: model.Span) -> Style | None:
        """The style of one model span (a footnote marker gets the marker role)."""
        if span.cite is None:
            try:
                return self._combined[span.marks]
            except KeyError:
                return self.for_marks(span.marks)
        try:
            return self._markers[span.marks]
        except KeyError:
            style = self._markers[span.marks] = self.for_marks(span.marks | {"marker"})
            return style
