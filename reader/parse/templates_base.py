"""Building blocks shared by the template handlers: `Args` (one template call) and small
handler factories (fixed text, a tag, the first parameter, all positional parameters...)."""

from __future__ import annotations

from typing import Callable

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from ..model import ITALIC, TAG, Block, Span
from .inline import Renderer
from .spans import NO_MARKS, code_str, finish

Handler = Callable[["Args"], "Block | None"]


class Args:
    """One template call: its renderer, marks, output list and parameters split once."""

    __slots__ = ("r", "node", "marks", "out", "positional", "named", "top")

    def __init__(self, r: Renderer, node: Template, marks: frozenset[str], out: list[Span], top: bool) -> None:
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
        if text:
            self.out.append(Span(text, self.marks | extra, target))

    def spans(self, code: Wikicode | None, extra: frozenset[str] = NO_MARKS) -> tuple[Span, ...]:
        return finish(self.r.spans(code, self.marks | extra)) if code is not None else ()


ITAL = frozenset({ITALIC})


def _text(text: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(text)
    return handler


def _nothing(a: Args) -> None:
    return None


def _tag(label: str) -> Handler:
    def handler(a: Args) -> None:
        a.add(f"[{label}]", frozenset({TAG}))
    return handler


def _tag_after_text(label: str) -> Handler:
    """``{{citation needed span|text}}``: the text, then the tag."""
    def handler(a: Args) -> None:
        a.emit(a.pos(1) or a.named.get("text"))
        a.add(f"[{label}]", frozenset({TAG}))
    return handler


def _first(extra: frozenset[str] = NO_MARKS, overflow: bool = True) -> Handler:
    """The first parameter (``text=``), then any stray extra ones (see `_overflow`); with
    `overflow` False the others are by design not text (``{{ill|Target|de|Ziel}}``)."""
    def handler(a: Args) -> None:
        a.emit(a.pos(1) or a.named.get("text"), extra)
        if overflow:
            _overflow(a, 2, extra)
    return handler


def _nth(index: int, extra: frozenset[str] = NO_MARKS) -> Handler:
    def handler(a: Args) -> None:
        chosen = index if a.pos(index) is not None else len(a.positional)
        a.emit(a.pos(chosen), extra)
        _overflow(a, chosen + 1, extra)
    return handler


def _overflow(a: Args, start: int, extra: frozenset[str] = NO_MARKS) -> None:
    """Positional parameters past those a text template uses: the text held an unescaped "|"
    (``{{nowrap|a|b}}``).  MediaWiki drops them; we show them rather than lose words."""
    for code in a.positional[start - 1:]:
        spans = a.r.spans(code, a.marks | extra)
        if any(span.text.strip() for span in spans):
            a.add(" | ")
            a.out.extend(spans)


def _render_each(a: Args, separator: str) -> None:
    """Every positional parameter with some text, rendered once each, `separator` between."""
    first = True
    for code in a.positional:
        spans = a.r.spans(code, a.marks)
        if not any(span.text.strip() or span.cite for span in spans):
            continue
        if not first:
            a.add(separator)
        a.out.extend(spans)
        first = False


def _all_positional(separator: str) -> Handler:
    def handler(a: Args) -> None:
        _render_each(a, separator)
    return handler


def _wrap(before: str, after: str, index: int = 1) -> Handler:
    def handler(a: Args) -> None:
        a.add(before)
        a.emit(a.pos(index))
        a.add(after)
    return handler


def _block_or_inline(a: Args, block: Block) -> Block | None:
    if a.top:
        return block
    a.out.extend(getattr(block, "spans", ()))
    return None


def _list_items(separator: str) -> Handler:
    def handler(a: Args) -> None:
        _render_each(a, separator)
    return handler