"""The reading pane's component classes and their default CSS, turned into layout `Styles`.

Roles with a component class take their colours from the Textual theme; the others keep
the layout's attribute-only defaults (bold, italic, underline), which read on any theme.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style

from reader.layout import Styles

# role -> component class (without the "reading-pane--" prefix).  The classes give colours;
# the layout's defaults give the attributes (bold, italic...), which a class may add to.
COMPONENT_ROLES: dict[str, str] = {
    "title": "title",
    **{f"heading{level}": "heading" for level in range(1, 7)},
    **{role: "muted" for role in ("heading_number", "category", "quote_bar", "caption_label", "hatnote", "bullet",
                                  "table_rule", "title_rule")},
    "marker": "marker",
    "marker_selected": "marker-selected",
    "tag": "tag",
    "reference_number": "reference-number",
    "match": "match",
    "match_current": "match-current",
}

COMPONENT_CLASSES = {f"reading-pane--{name}" for name in COMPONENT_ROLES.values()}

COMPONENT_CSS = """
    ReadingPane > .reading-pane--title { color: $text-primary; }
    ReadingPane > .reading-pane--heading { color: $text-primary; }
    ReadingPane > .reading-pane--muted { color: $text-muted; }
    ReadingPane > .reading-pane--marker { color: $text-accent; text-style: bold; }
    ReadingPane > .reading-pane--marker-selected { color: $block-cursor-foreground;
        background: $block-cursor-background; text-style: bold; }
    ReadingPane > .reading-pane--tag { color: $text-warning; }
    ReadingPane > .reading-pane--reference-number { color: $text-secondary; }
    ReadingPane > .reading-pane--match { color: $text; background: $warning 35%; }
    ReadingPane > .reading-pane--match-current { color: auto 95%; background: $warning; text-style: bold; }
"""


def styles_from_components(get: Callable[[str], Style], base: Style) -> Styles:
    """Build layout Styles from `get(component_class)` (a widget's full rich style for it).

    The full style has translucent colours blended over the background; what equals the
    widget's own `base` style is dropped so that a role only sets what it changes.
    """
    defaults = Styles()
    overrides: dict[str, Style] = {}
    by_class: dict[str, Style] = {}
    for role, name in COMPONENT_ROLES.items():
        if name not in by_class:
            style = get(f"reading-pane--{name}")
            by_class[name] = Style(
                color=style.color if style.color != base.color else None,
                bgcolor=style.bgcolor if style.bgcolor != base.bgcolor else None,
                bold=style.bold or None, italic=style.italic or None, underline=style.underline or None,
                dim=style.dim or None, reverse=style.reverse or None, strike=style.strike or None,
            )
        # Colours replace the default's ("dim" stood in for a muted colour); attributes add up.
        default = defaults[role]
        attributes = Style(bold=default.bold, italic=default.italic, underline=default.underline,
                           strike=default.strike)
        overrides[role] = attributes + by_class[name]
    return Styles(overrides)
