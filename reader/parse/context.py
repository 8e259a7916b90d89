"""What one article's parse shares (`Context`) and what footnote and template code may ask of the
inline renderer (`InlineRenderer`).

`inline.Renderer` is the one renderer; footnotes and templates are typed by this `Protocol`
instead of importing it, so that `inline` can call them without either importing it back, and
so that mypy checks every call they make on the renderer (a method missing from the Protocol
is an error where it is called).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from mwparserfromhell.nodes import Node, Template
from mwparserfromhell.wikicode import Wikicode

from ..model import Citation, Span
from .citations import Registry
from .spans import NO_MARKS


@dataclass
class Context:
    """What one article's parse shares between its parts."""

    fmt: str = "dump"
    registry: Registry = field(default_factory=Registry)
    bibliography: list[Citation] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

class InlineRenderer(Protocol):
    """The inline renderer as footnotes and template handlers see it (see `inline.Renderer`)."""

    ctx: Context
    in_ref: int  # > 0 inside a footnote: citation templates are its text, not footnotes of their own
    quiet: int  # > 0 while only looking at text: footnotes are not registered
    depth: int  # nesting of `render` calls

    def render(self, nodes: Sequence[Node], marks: frozenset[str], out: list[Span]) -> None:
        """Append the spans of `nodes` to `out`."""

    def spans(self, code: Wikicode | None, marks: frozenset[str] = NO_MARKS) -> list[Span]:
        """The spans of some wikicode."""

    def text(self, code: Wikicode | None) -> str:
        """The plain text of some wikicode."""

    def fields(self, template: Template) -> tuple[tuple[str, str], ...]:
        """Every parameter of a template as (name, plain text value), in order."""

