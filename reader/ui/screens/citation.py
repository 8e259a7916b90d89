"""The citation popup: one footnote formatted for reading, every field, every use.

Opened by enter on a selected marker or a click on it.  Shows the citation as the article
formats it, then every field the source gave under a readable label, then the places in the
article that cite the same source; `enter` (or 1-9) on one of those closes the popup and
goes there.  `o` opens the URL in the browser, `y` copies it, `b` copies the citation as a
BibTeX entry and `t` as text, `escape`/`q` close.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reader.model import TOP, Citation
from reader.ui.screens.citation_text import (
    Occurrence,
    citation_fields,
    citation_url,
    inline_text,
    is_web_address,
)
from reader.ui.screens.dialog import DialogScreen


@dataclass(frozen=True)
class JumpTo:
    """The popup's answer when the reader chose a place that cites the source."""

    occurrence: Occurrence


class UseLine(Static, can_focus=True):
    """One place that cites the source; enter or a click goes there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Go there"),
        # The dialog around us scrolls with up/down; here they move between the uses.
        Binding("down,j", "screen.move(1)", "Next use", show=False),
        Binding("up,k", "screen.move(-1)", "Previous use", show=False),
    ]

    class Chosen(Message):
        """The reader chose this place (its 1-based position in the list)."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, prompt: Text, position: int) -> None:
        super().__init__(prompt, classes="use")
        self.position = position

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.position))

    def on_click(self) -> None:
        self.action_choose()


class CitationScreen(DialogScreen["JumpTo | None"]):
    """A modal showing citation `citation` and where the article cites it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close_popup"),
        Binding("o", "open_url", "Open URL", id="open_url"),
        Binding("y", "copy_url", "Copy URL", id="copy_url"),
        Binding("b", "copy_bibtex", "Copy BibTeX", id="copy_bibtex"),
        Binding("t", "copy_text", "Copy text", id="copy_text"),
        Binding("down,j", "move(1)", "Next use", show=False),
        Binding("up,k", "move(-1)", "Previous use", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        *(Binding(str(n), f"jump({n})", f"Go to use {n}", show=False) for n in range(1, 10)),
    ]

    DEFAULT_CSS = """
    CitationScreen #text { margin: 1 0 0 0; }
    CitationScreen #full { margin: 1 0 0 0; }
    CitationScreen #fields { margin: 1 0 0 0; }
    CitationScreen #uses-title { margin: 1 0 0 0; text-style: bold; }
    CitationScreen .use { padding: 0 1; }
    CitationScreen .use:hover { background: $block-hover-background; }
    CitationScreen .use:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    CitationScreen #last { height: 1; }
    """

    def __init__(self, citation: Citation, occurrences: list[Occurrence]) -> None:
        super().__init__()
        self.citation = citation
        self.occurrences = occurrences
        self.url = citation_url(citation)

    def compose(self) -> ComposeResult:
        citation = self.citation
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = self._title()
            dialog.border_subtitle = self._hints()
            yield Static(inline_text(citation.text) or Text("(this citation is empty)"), id="text")
            if citation.full:
                yield Static(Text.assemble(("Full source: ", "bold"), inline_text(citation.full)), id="full")
            elif citation.kind == "sfn":
                yield Static(Text("The article's bibliography has no entry matching this short footnote.",
                                  style="dim italic"), id="full")
            yield Static(fields_table(citation, self.url), id="fields")
            if self.occurrences:
                yield Static(self._uses_title(), id="uses-title")
                for position, occurrence in enumerate(self.occurrences, start=1):
                    yield UseLine(use_prompt(position, occurrence), position)
            yield Static("", id="last")

    def _title(self) -> str:
        kind = KIND_NAMES.get(self.citation.kind, "")
        head = f"[{self.citation.mark}]" if self.citation.number else "Source"
        return f"{head} {kind}".strip()

    def _hints(self) -> str:
        hints = []
        if self.occurrences:
            hints.append("enter go there")
        if self.url:
            hints += ["o open", "y copy URL"]
        hints += ["b BibTeX", "t text", "esc close"]
        return " · ".join(hints)

    def _uses_title(self) -> str:
        count = len(self.occurrences)
        if count == 1:
            return "Cited once in the article:"
        return f"Cited {count} times in the article:"

    def on_mount(self) -> None:
        uses = self.query(UseLine)
        dialog = self.query_one("#dialog", VerticalScroll)
        if uses:
            uses.first().focus(scroll_visible=False)
        else:
            dialog.focus()
        dialog.scroll_home(animate=False)

    # ------------------------------------------------------------------ actions

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open_url(self) -> None:
        if not self.url:
            self.say("This citation has no URL.", warning=True)
            return
        if not is_web_address(self.url):
            self.say(f"Not a web address, not opened: {self.url}", warning=True)
            return
        if self.app.is_web:
            self.app.open_url(self.url)  # the browser the app is served to
            self.say(f"Opening {self.url}")
            return
        import webbrowser  # when first wanted (~10 ms)

        # Textual's open_url drops webbrowser's answer: with no browser to start it said
        # "Opening ..." all the same.
        if webbrowser.open(self.url, new=2):
            self.say(f"Opening {self.url}")
        else:
            self.say("No browser could be started: y copies the URL.", warning=True, seconds=5)

    def action_copy_url(self) -> None:
        if not self.url:
            self.say("This citation has no URL.", warning=True)
            return
        self.app.copy_to_clipboard(self.url)
        self.say(f"Copied {self.url}")

    def action_copy_bibtex(self) -> None:
        """`b`: the citation as a BibTeX entry, on the clipboard."""
        from reader.ui.screens.citation_bibtex import citation_as_bibtex

        entry = citation_as_bibtex(self.citation)
        self.app.copy_to_clipboard(entry)
        self.notify(f"Copied the BibTeX entry {entry.split(',', 1)[0]}", timeout=3, markup=False)

    def action_copy_text(self) -> None:
        """`t`: the citation as the article formats it, as plain text."""
        from reader.ui.screens.citation_bibtex import citation_as_text

        text = citation_as_text(self.citation)
        if not text:
            self.notify("This citation is empty.", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        head = text if len(text) <= 50 else text[:49] + "…"
        self.notify(f"Copied “{head}”", timeout=3, markup=False)

    def action_move(self, delta: int) -> None:
        """Up/down: from one place citing the source to the next; scroll when there are none."""
        dialog = self.query_one("#dialog", VerticalScroll)
        uses = list(self.query(UseLine))
        if not uses:
            dialog.scroll_relative(y=delta, animate=False)
            return
        focused = self.focused
        index = uses.index(focused) if focused in uses else -1
        target = index + delta
        if target < 0:
            dialog.scroll_home(animate=False)  # above the first use: the citation itself
            target = 0
        self.set_focus(uses[min(target, len(uses) - 1)])

    def action_page(self, direction: int) -> None:
        dialog = self.query_one("#dialog", VerticalScroll)
        dialog.scroll_relative(y=direction * max(dialog.size.height - 2, 1), animate=False)

    def action_jump(self, position: int) -> None:
        if 1 <= position <= len(self.occurrences):
            self.dismiss(JumpTo(self.occurrences[position - 1]))

    @on(UseLine.Chosen)
    def _chosen(self, event: UseLine.Chosen) -> None:
        event.stop()
        self.action_jump(event.position)


def use_prompt(position: int, occurrence: Occurrence) -> Text:
    """ "2 Migration history > Workers: …the words before the marker"."""
    prompt = Text()
    prompt.append(f"{position} " if position < 10 else "  ", style="bold")
    prompt.append(occurrence.where or TOP, style="bold")
    if occurrence.context:
        prompt.append(": ")
        prompt.append(f"…{occurrence.context}", style="italic")
    return prompt


KIND_NAMES = {
    "web": "web page",
    "news": "news article",
    "book": "book",
    "journal": "journal article",
    "magazine": "magazine article",
    "sfn": "short footnote",
    "note": "note",
    "encyclopedia": "encyclopedia entry",
    "report": "report",
    "thesis": "thesis",
    "conference": "conference paper",
    "av media": "audio/video",
    "interview": "interview",
    "episode": "episode",
    "map": "map",
    "press release": "press release",
    "patent": "patent",
}


def fields_table(citation: Citation, url: str = "") -> Table | Text:
    """Every field of the citation, one "Label  value" row each; long values wrap in place.

    A citation written as plain text has no fields: its link's address (`url`, what `o` opens
    and `y` copies) is then the one row, as a reader wants to see where a link leads."""
    rows = citation_fields(citation) or ([("URL", url)] if url else [])
    if not rows:
        return Text("")
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True, max_width=16)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, Text(value, style="underline" if value.startswith(("http://", "https://")) else ""))
    return table
