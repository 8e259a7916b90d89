"""What every template handler is built from: `Args` (one template call) and the small handler
makers the table in `templates` uses for most rows (fixed text, a tag, the first parameter, all
positional parameters...).  A handler takes an `Args` and returns a block, or None when it
appended spans (or nothing) to `Args.out`."""

from __future__ import annotations

from collections.abc import Callable

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from ..model import ITALIC, TAG, Block, Span
from .context import InlineRenderer
from .spans import NO_MARKS, block_spans, code_str, finish

Handler = Callable[["Args"], "Block | None"]

ITAL = frozenset({ITALIC})


class Args:
    """One template call: its name, renderer, marks, output list and parameters split once."""

    __slots__ = ("name", "r", "node", "marks", "out", "positional", "named", "top")

    def __init__(self, r: InlineRenderer, node: Template, marks: frozenset[str], out: list[Span], top: bool,
                 name: str) -> None:
        self.name = name  # as looked up: lower case, spaces collapsed, no "Template:"
        self.r, self.node, self.marks, self.out, self.top = r, node, marks, out, top
        self.positional: list[Wikicode] = []
        self.named: dict[str, Wikicode] = {}
        numbered = False
        for param in node.params:
            if param.showkey:
                key = code_str(param.name).strip().lower()
                self.named[key] = param.value
                numbered = numbered or key.isdigit()
            else:
                self.positional.append(param.value)
        if numbered:
            self._number_named()

    def _number_named(self) -> None:
        """``|1=a|2=b`` are positional parameters 1 and 2, as in MediaWiki (lists written that
        way, {{Collapsible list|1=...}} in toronto's infobox, showed nothing)."""
        by_number = dict(enumerate(self.positional, start=1))
        for key, value in self.named.items():
            if key.isdigit() and 0 < int(key) <= 1000:
                by_number[int(key)] = value
        last = max(by_number, default=0)
        self.positional = [by_number.get(i) or Wikicode([]) for i in range(1, last + 1)]

    def drop(self, count: int) -> Args:
        """This call without its first `count` positional parameters (``{{sic|?|Teh}}``: the
        "?" read, the rest is the text)."""
        other = Args.__new__(Args)
        for slot in Args.__slots__:
            setattr(other, slot, getattr(self, slot))
        other.positional = self.positional[count:]
        return other

    def pos(self, index: int) -> Wikicode | None:
        """The positional parameter `index` (1-based), or None."""
        return self.positional[index - 1] if 0 < index <= len(self.positional) else None

    def text(self, index: int | str) -> str:
        """Plain text of a positional (int) or named (str) parameter, stripped."""
        code = self.pos(index) if isinstance(index, int) else self.named.get(index)
        return self.r.text(code).strip() if code is not None else ""

    def emit(self, code: Wikicode | None, extra: frozenset[str] = NO_MARKS) -> None:
        """Render a parameter's wikicode into the output."""
        if code is not None:
            self.r.render(code.nodes, self.marks | extra, self.out)

    def add(self, text: str, extra: frozenset[str] = NO_MARKS, target: str | None = None) -> None:
        """Append `text` (if any) with the call's marks and `extra`, linked to `target`."""
        if text:
            self.out.append(Span(text, self.marks | extra, target))

    def spans(self, code: Wikicode | None, extra: frozenset[str] = NO_MARKS) -> tuple[Span, ...]:
        """A parameter's spans, finished (see `spans.finish`), not appended anywhere."""
        return finish(self.r.spans(code, self.marks | extra)) if code is not None else ()


def nothing(a: Args) -> None:
    """Page furniture and settings: nothing to read."""
    return None


def literal(text: str) -> Handler:
    """A template that always shows `text` (``{{'}}``, ``{{ndash}}``)."""
    def handler(a: Args) -> None:
        a.add(text)
    return handler


def tag(label: str) -> Handler:
    """A maintenance tag: "[label]" as a TAG span (``{{citation needed}}``)."""
    def handler(a: Args) -> None:
        a.add(f"[{label}]", frozenset({TAG}))
    return handler


def tag_after_text(label: str) -> Handler:
    """``{{citation needed span|text}}``: the text, then the tag."""
    def handler(a: Args) -> None:
        a.emit(a.pos(1) or a.named.get("text"))
        a.add(f"[{label}]", frozenset({TAG}))
    return handler


def first(extra: frozenset[str] = NO_MARKS, spill: bool = True) -> Handler:
    """The first parameter (``text=``), then any stray extra ones (see `overflow`); with
    `spill` False the others are by design not text (``{{ill|Target|de|Ziel}}``)."""
    def handler(a: Args) -> None:
        a.emit(a.pos(1) or a.named.get("text"), extra)
        if spill:
            overflow(a, 2, extra)
    return handler


def nth(index: int, extra: frozenset[str] = NO_MARKS) -> Handler:
    """The parameter `index` (the last one when fewer), then any stray extra ones."""
    def handler(a: Args) -> None:
        chosen = index if a.pos(index) is not None else len(a.positional)
        a.emit(a.pos(chosen), extra)
        overflow(a, chosen + 1, extra)
    return handler


def overflow(a: Args, start: int, extra: frozenset[str] = NO_MARKS) -> None:
    """Positional parameters past those a text template uses: the text held an unescaped "|"
    (``{{nowrap|a|b}}``).  MediaWiki drops them; we show them rather than lose words."""
    for code in a.positional[start - 1:]:
        spans = a.r.spans(code, a.marks | extra)
        if any(span.text.strip() for span in spans):
            a.add(" | ")
            a.out.extend(spans)


def render_each(a: Args, separator: str, codes: list[Wikicode] | None = None) -> None:
    """Every positional parameter (or each of `codes`) with some text, rendered once each,
    `separator` between."""
    started = False
    for code in a.positional if codes is None else codes:
        spans = a.r.spans(code, a.marks)
        if not any(span.text.strip() or span.cite for span in spans):
            continue
        if started:
            a.add(separator)
        a.out.extend(spans)
        started = True


def joined(separator: str) -> Handler:
    """All positional parameters, `separator` between (``{{hlist|a|b}}`` -> "a · b")."""
    def handler(a: Args) -> None:
        render_each(a, separator)
    return handler


def wrap(before: str, after: str, index: int = 1) -> Handler:
    """One parameter between fixed strings (``{{circa|1850}}`` -> "c. 1850")."""
    def handler(a: Args) -> None:
        a.add(before)
        a.emit(a.pos(index))
        a.add(after)
    return handler


def block_or_inline(a: Args, block: Block) -> Block | None:
    """`block` at the top level; inside running text (a table cell, a parameter), its spans."""
    if a.top:
        return block
    a.out.extend(block_spans(block))
    return None
