"""The reading pane's component classes and their default CSS, turned into layout `Styles`.

Roles with a component class take their colours from the Textual theme; the others keep
the layout's attribute-only defaults (bold, italic, underline), which read on any theme.
"""

from __future__ import annotations

from typing import Callable

from rich.style import Style

from reader.layout import Styles

# role -> component class (without the "reading-pane--" prefix)
COMPONENT_ROLES: dict[str, str] = {
    "title": "title",
    "heading1": "heading",
    "heading2": "heading",
    "heading3": "subheading",
    "heading4": "subheading",
    "heading5": "subheading",
    "heading6": "subheading",
    "heading_number": "heading-number",
    "category": "category",
    "link": "link",
    "marker": "marker",
    "marker_selected": "marker-selected",
    "tag": "tag",
    "quote": "quote",
    "quote_bar": "quote-bar",
    "caption": "caption",
    "caption_label": "caption-label",
    "hatnote": "hatnote",
    "bullet": "bullet",
    "table_header": "table-header",
    "table_rule": "rule",
    "title_rule": "rule",
    "reference_number": "reference-number",
    "match": "match",
    "match_current": "match-current",
}

COMPONENT_CLASSES = {f"reading-pane--{name}" for name in COMPONENT_ROLES.values()}

COMPONENT_CSS = """
    ReadingPane > .reading-pane--title { color: $text-primary; text-style: bold; }
    ReadingPane > .reading-pane--heading { color: $text-primary; text-style: bold underline; }
    ReadingPane > .reading-pane--subheading { color: $text-primary; text-style: bold; }
    ReadingPane > .reading-pane--heading-number { color: $text-muted; }
    ReadingPane > .reading-pane--category { color: $text-muted; text-style: italic; }
    ReadingPane > .reading-pane--link { text-style: underline; }
    ReadingPane > .reading-pane--marker { color: $text-accent; text-style: bold; }
    ReadingPane > .reading-pane--marker-selected { color: $block-cursor-foreground;
        background: $block-cursor-background; text-style: bold; }
    ReadingPane > .reading-pane--tag { color: $text-warning; text-style: italic; }
    ReadingPane > .reading-pane--quote { text-style: italic; }
    ReadingPane > .reading-pane--quote-bar { color: $text-muted; }
    ReadingPane > .reading-pane--caption { text-style: italic; }
    ReadingPane > .reading-pane--caption-label { color: $text-secondary; }
    ReadingPane > .reading-pane--hatnote { color: $text-muted; text-style: italic; }
    ReadingPane > .reading-pane--bullet { color: $text-muted; }
    ReadingPane > .reading-pane--table-header { text-style: bold; }
    ReadingPane > .reading-pane--rule { color: $text-muted; }
    ReadingPane > .reading-pane--reference-number { color: $text-secondary; text-style: bold; }
    ReadingPane > .reading-pane--match { color: $text; background: $warning 35%; }
    ReadingPane > .reading-pane--match-current { color: auto 95%; background: $warning; text-style: bold; }
"""


def styles_from_components(get: Callable[[str], Style], base: Style) -> Styles:
    """Build layout Styles from `get(component_class)` (a widget's full rich style for it).

    The full style has translucent colours blended over the background; what equals the
    widget's own `base` style is dropped so that a role only sets what it changes.
    """
    overrides: dict[str, Style] = {}
    for role, name in COMPONENT_ROLES.items():
        style = get(f"reading-pane--{name}")
        overrides[role] = Style(
            color=style.color if style.color != base.color else None,
            bgcolor=style.bgcolor if style.bgcolor != base.bgcolor else None,
            bold=style.bold or None, italic=style.italic or None, underline=style.underline or None,
            dim=style.dim or None, reverse=style.reverse or None, strike=style.strike or None,
        )
    return Styles(overrides)
