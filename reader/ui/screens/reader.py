"""The reader: one article, its section tree beside the reading pane.

The screen wires the parts together.  The reading pane (by its own module) draws the text and
posts what happens in it: the section at the top changed, a citation was opened, the search
results changed.  The screen passes that on to the section tree and the status line, and
passes the reader's choices (a tree node, a query, a place in the citation popup) on to the pane.

Loading: a long article is first parsed only up to its first screens, so that the first page
shows at once; the full parse runs in a thread and then replaces it in place (see
`reader.parse.stages`).  When the command line started a `ParseAhead` child, both parts come
from it.  The parser is imported only when the screen itself parses: importing it (~120 ms)
would otherwise come before the first paint even when the child has done the work.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.config import TEXT_WIDTH_RANGE, Settings
from reader.model import Article
from reader.source.state import Place
from reader.ui import heap
from reader.ui.say import SECONDS
from reader.ui.screens.tree_room import NARROW, TreeRoom
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar, SearchInput
from reader.ui.widgets.section_tree import ROOT, SectionTree
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from reader.parse_ahead import ParseAhead
    from reader.source.library import PendingText
    from reader.ui.screens.citation import JumpTo



def describe(text: str) -> str:
    """What was copied, for the status line: "“the first words…” (1,234 characters)"."""
    words = " ".join(text.split())
    head = words if len(words) <= 40 else words[:39] + "…"
    return f"“{head}” ({len(text):,} characters)"


def section_commands() -> type:
    """The palette's provider of section jumps (loaded when the palette first opens)."""
    from reader.ui.screens.reader_commands import SectionCommands

    return SectionCommands


# Actions that mean the whole article: a key bound to one waits until the rest of a long article
# is laid out (`G` went to the end of the part laid out so far, and stayed there).
WHOLE_ARTICLE_ACTIONS = frozenset({"bottom", "match", "search"})
# Moves that may wait for the rest: while only the first part is laid out, one waits unless it
# lands inside that part (`ReadingPane.lands_in_part`).
MOVES = frozenset({"section", "page", "half_page", "line"})
# The screen's actions that act on the text (from the tree too): their key hints show while the
# text has the focus, as the pane's own would.
PANE_ACTIONS = frozenset({"section", "citation", "match"})
# The palette's entries for some of the screen's bindings, by binding id: their words (the keys and
# what they do come from the bindings: `ReaderScreen.system_commands`).
PALETTE = (
    ("search", "Search the article", "Open the search field"),
    ("toggle_tree", "Toggle section tree", "Show or hide the section tree"),
    ("help", "Help: keys", "List every key"),
    ("clear_search", "Clear search", "Remove the search highlights"),
    ("articles", "Articles", "Back to the list of articles in the file"),
)


class ReaderScreen(Screen[None]):
    """One article: header, section tree, reading pane, search field, status, footer."""

    AUTO_FOCUS = "#pane"
    COMMANDS = {section_commands}

    # Screen's, without the repaint of the whole screen on every focus change: the widgets
    # that look different focused (tree, pane, key hints) redraw themselves.  A tree jump
    # moved the focus, and the full repaint doubled the bytes written for it.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    # Every key of the reader but those that act on the text only while it has the focus (the
    # pane's own: scrolling, enter).  Bound once each; the help screen lists them by id (help.py),
    # and so does the README's key table (tests/test_readme_keys.py checks both).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        # Not a priority binding: one acts before the keys typed just ahead of it ("g" in "g/x"
        # was lost).  "/work" typed in one go still fills the field: see widgets/late_keys.py.
        Binding("slash", "search", "Search", id="search"),
        Binding("t", "toggle_tree", "Tree", id="toggle_tree"),
        Binding("less_than_sign", "tree_width(-4)", "Narrower tree", show=False, id="narrower_tree"),
        Binding("greater_than_sign", "tree_width(4)", "Wider tree", show=False, id="wider_tree"),
        Binding("minus", "text_width(-4)", "Narrower text", show=False, id="narrower_text"),
        Binding("plus,equals_sign", "text_width(4)", "Wider text", show=False, id="wider_text"),
        Binding("o", "picker", "Articles", id="articles"),
        Binding("q", "app.quit", "Quit", id="quit"),
        # What the pane does, from the tree too (the pane's hints show while it has the focus:
        # `shows_hint`).
        Binding("right_square_bracket", "section(1)", "Next section", id="next_section"),
        Binding("left_square_bracket", "section(-1)", "Prev section", id="previous_section"),
        Binding("c", "citation(1)", "Next cite", id="next_citation"),
        Binding("C", "citation(-1)", "Prev cite", show=False, id="previous_citation"),
        Binding("n", "match(1)", "Next match", show=False, id="next_match"),
        Binding("N", "match(-1)", "Prev match", show=False, id="previous_match"),
        Binding("escape", "clear_search", "Clear search", show=False, id="clear_search"),
        # Reading as a habit: the way back, marks, copying (the app keeps the history and marks).
        Binding("backspace,alt+left", "app.go_back", "Back", show=False, id="back"),
        Binding("alt+right", "app.go_forward", "Forward", show=False, id="forward"),
        Binding("m", "mark", "Set mark", show=False, id="set_mark"),
        Binding("apostrophe", "go_to_mark", "Go to mark", show=False, id="go_to_mark"),
        Binding("y", "copy_text", "Copy selection", show=False, id="copy"),
        Binding("Y", "copy_section", "Copy section", show=False, id="copy_section"),
    ]

    class PickerRequested(Message):
        """The reader asked for the list of articles (`o`); the app shows it."""

    class SettingChanged(Message):
        """The reader changed one of the settings (`reader.config`): the app offers to save it."""

        def __init__(self, name: str, value: object) -> None:
            super().__init__()
            self.name = name
            self.value = value

    class MarkChosen(Message):
        """`m` or `'` and a letter: set mark `letter` at `place` (None: go to the mark)."""

        def __init__(self, letter: str, place: Place | None) -> None:
            super().__init__()
            self.letter = letter
            self.place = place

    class ArticleShown(Message):
        """An article (or its full version after the quick first look) is on screen."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(
        self,
        text: str | PendingText,
        title: str | None = None,
        *,
        fmt: str | None = None,
        source_name: str = "",
        index: int | None = None,
        can_pick: bool = False,
        cursor_blink: bool = True,
        article: Article | None = None,
        ahead: ParseAhead | None = None,
        settings: Settings | None = None,
    ) -> None:
        """`text` is the article as it stands in the file (or, its repair pending, its first part
        and a way to the rest); `article`, when given, is it parsed; `ahead`, a child process
        parsing it (`reader.parse_ahead`); `fmt`, the file's format (`Library.format`)."""
        super().__init__()
        self.text = text
        self._given_article = article
        self._ahead = ahead
        self._gone = False  # unmounted: the article is no longer wanted
        self._submitted_query: str | None = None  # entered before the pane counted its matches
        self._typed_query = ""  # the query last typed in the field
        self._keep_when_typed: str | None = None  # entered before it was all typed (see _query_typed)
        self._followed: tuple[str, tuple[str, ...]] | None = None  # section the tree last followed
        self.given_title = title
        self.fmt = fmt
        self.index = index  # the article's place in its file, for the app
        self.can_pick = can_pick  # True when the file holds other articles to go back to
        self.article: Article | None = None
        self.sub_title = source_name
        self._cursor_blink = cursor_blink
        self._hush: Timer | None = None  # clears what the key bar says
        # The app has a place to show once the article is laid out (where it was last read, a
        # mark, a step back): keys wait for it (`takes_key`).
        self.awaiting_place = False
        self._settings = settings or Settings()
        self.tree_room = TreeRoom(SectionTree(id="tree"))  # the tree's room (t, < >, the width)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # One-line bars instead of Textual's Header and Footer (widget trees, slow to build).
        yield TitleBar(id="title")
        with Horizontal(id="main"):
            yield self.tree_room.tree
            yield ReadingPane(id="pane")
        yield SearchBar(id="search", cursor_blink=self._cursor_blink)
        yield StatusBar(id="status")
        yield KeyBar(id="keys")

    @property
    def pane(self) -> ReadingPane:
        return self.query_one("#pane", ReadingPane)

    @property
    def section_tree(self) -> SectionTree:
        return self.query_one("#tree", SectionTree)

    @property
    def status(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    @property
    def key_bar(self) -> KeyBar:
        return self.query_one("#keys", KeyBar)

    # ------------------------------------------------------------------ saying things

    def say(self, message: str, warning: bool = False, seconds: float = SECONDS) -> None:
        """Say `message` in the key bar's line for `seconds`: never over the text, the search
        counter or the breadcrumb (reader.ui.say).  Said before the screen has its key bar (a
        note at start-up), it is said as soon as the screen is composed."""
        bars = self.query("#keys").results(KeyBar)
        bar = next(bars, None)
        if bar is None:
            self.call_after_refresh(self.say, message, warning, seconds)
            return
        bar.message, bar.warning = message, warning
        if self._hush is not None:
            self._hush.stop()
        self._hush = self.set_timer(seconds, self.hush)

    def hush(self) -> None:
        """Stop saying it: the key hints come back."""
        if self._hush is not None:
            self._hush.stop()
            self._hush = None
        if self.is_mounted:
            self.key_bar.message = ""

    def on_screen_suspend(self) -> None:
        self.hush()  # a message belongs to the screen it was said on

    def on_mount(self) -> None:
        self.call_after_refresh(heap.resume_collection)  # before the full parse starts
        self.watch(self.pane, "progress", self._progress_changed)
        # Watched, not only heard as a message: the tree and the breadcrumb then change in the
        # same frame as the text (a message arrives after that frame, and costs a second one).
        self.watch(self.pane, "current_section", self._follow_pane, init=False)
        self._apply_settings()
        self._fit_tree(self.app.size.width)
        self._load()

    def on_unmount(self) -> None:
        # A worker still waiting for the child's whole article would hold the app's exit (asyncio
        # joins its threads) until the child sent it: stopped, the child closes the pipe at once,
        # and the worker, seeing the screen gone, does not parse the article itself instead.
        self._gone = True
        if self._ahead is not None:
            self._ahead.close()

    def _apply_settings(self) -> None:
        """The reader's own widths and tree (`reader.config`), before the first frame."""
        self.pane.max_text_width = self._settings.text_width
        self.tree_room.apply(self._settings, self.app.size.width)

    def action_text_width(self, change: int) -> None:
        """`-` / `+`: a narrower or wider text column (the app offers to keep it)."""
        low, high = TEXT_WIDTH_RANGE
        width = min(max(self.pane.max_text_width + change, low), high)
        if self.pane.text_width < self.pane.max_text_width and change > 0:
            self.notify("The text already fills the pane: a narrower tree (<) or t gives it more room.", timeout=3)
            return
        self.pane.set_max_text_width(width)
        self.post_message(self.SettingChanged("text_width", width))

    # ------------------------------------------------------------------ the tree's room

    def action_toggle_tree(self) -> None:
        """`t`: show or hide the section tree (the app offers to keep it)."""
        shown = self.tree_room.toggle()
        if not shown and self.focused in (self.section_tree, None):
            self.pane.focus()
        self.post_message(self.SettingChanged("show_tree", shown))

    def action_tree_width(self, change: int) -> None:
        """`<` / `>`: a narrower or wider section tree (the app offers to keep it)."""
        width = self.tree_room.widen(change, self.size.width)
        if width is None:
            from reader.ui.screens.help import key_of  # see open_citation

            shows = key_of(self, "toggle_tree")
            # Short: it is said on a terminal under 60 columns (a longer one was cut at 50).
            self.say(f"No tree under {NARROW} columns: {shows} shows it.", warning=True)
            return
        self.post_message(self.SettingChanged("tree_width", width))

    def on_resize(self) -> None:
        self.tree_room.resized(self.size.width)
        self._focus_off_hidden_tree()

    def _fit_tree(self, width: int) -> None:
        self.tree_room.fit(width)
        self._focus_off_hidden_tree()

    def _focus_off_hidden_tree(self) -> None:
        if not self.section_tree.display and self.focused is self.section_tree:
            self.pane.focus()

    def _progress_changed(self, progress: float) -> None:
        self.status.progress = progress

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        """Show the article: all of it when short, else its start now and the rest soon."""
        if self._given_article is not None:
            self._show(self._given_article, keep_position=False)
            return
        first = self._ahead.first() if self._ahead is not None else None
        if first is None:
            from reader.parse.stages import parse_first  # see the module docstring: not at import

            first = parse_first(self.text, self.given_title, self.fmt)
        self._show(first, keep_position=False)
        if not first.complete:
            self.status.notice = "loading…"
            # After the first paint: a thread started now would hold the GIL while it is drawn.
            self.call_after_refresh(self._parse_full)

    @work(thread=True, exclusive=True, group="parse")
    def _parse_full(self) -> None:
        article = self._ahead.whole() if self._ahead is not None else None
        if article is None:
            if self._gone or get_current_worker().is_cancelled:
                return
            from reader.parse.stages import parse_whole

            article = parse_whole(self.text, self.given_title, self.fmt)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_full, article)

    def _show_full(self, article: Article) -> None:
        # The reader may have gone to another article while this one was parsed.
        if self.is_attached:
            self._show(article, keep_position=True)

    def _show(self, article: Article, keep_position: bool) -> None:
        self.article = article
        self.title = article.title or self.given_title or "(untitled)"
        self.section_tree.show_article(article)
        self.pane.show_article(article, keep_position=keep_position)
        self._followed = None  # a new tree: follow even an unchanged section
        self._follow_pane()
        self.status.notice = f"redirect → {article.redirect}" if article.redirect else ""
        if not article.complete:
            self.status.notice = "loading…"
        # What the parser found damaged and repaired is for the curious: the help screen lists
        # it (a notification at the opening of most dump articles covered the text for 8 s).
        self.post_message(self.ArticleShown(article))

    # ------------------------------------------------------------------ what the pane says

    @on(ReadingPane.SectionChanged)
    def _follow_pane(self) -> None:
        """Tree and breadcrumb to the pane's section: called by the watcher of the pane's
        `current_section` (same frame as the text), by `_show`, and on the pane's message
        (which also comes when a layout is installed later); once per change."""
        number, path = self.pane.current_section, self.pane.current_path
        if (number, path) == self._followed:
            return
        self._followed = (number, path)
        self.section_tree.follow(number or ROOT)
        self.status.path = path

    @on(ReadingPane.SearchChanged)
    def _search_changed(self, event: ReadingPane.SearchChanged) -> None:
        status = self.status
        status.search = event.query
        status.total = event.total
        status.current = event.current
        self.section_tree.set_match_counts(event.per_section if event.query else {})
        if self._submitted_query is not None and event.query == self._submitted_query:
            self._submitted_query = None
            self._tell_if_no_match()

    @on(ReadingPane.CitationOpened)
    def _citation_opened(self, event: ReadingPane.CitationOpened) -> None:
        self.open_citation(event.number)

    def open_citation(self, number: int) -> None:
        """Show the popup of footnote `number`."""
        article = self.article
        citation = article.citation(number) if article else None
        if article is None or citation is None:
            self.notify(f"The article has no footnote [{number}].", severity="warning", markup=False)
            return
        # The popup and the help screen are imported when first wanted: they are not needed
        # for the first paint, which every millisecond of start-up delays.
        from reader.ui.screens.citation import CitationScreen
        from reader.ui.screens.citation_text import find_occurrences

        occurrences = find_occurrences(article, number)
        self.app.push_screen(CitationScreen(citation, occurrences), self._citation_closed)

    def _citation_closed(self, answer: JumpTo | None) -> None:
        if answer is not None:
            occurrence = answer.occurrence
            self.pane.go_to_citation(occurrence.number, occurrence.index)
            self.pane.focus()

    # ------------------------------------------------------------------ the tree and the field

    @on(SectionTree.SectionChosen)
    def _section_chosen(self, event: SectionTree.SectionChosen) -> None:
        self.pane.go_to_section(event.number)
        # The focus moves once the text is on screen: restyling the tree, the pane and the key
        # hints for it (~15 ms with their redraw) would otherwise delay the frame that shows it.
        self.pane.after_paint(self.pane.focus)

    @on(SearchBar.Changed)
    def _query_typed(self, event: SearchBar.Changed) -> None:
        self._typed_query = event.query
        if event.query:
            self.pane.search(event.query)
        else:
            self.pane.clear_search()
        if self._keep_when_typed == event.query:
            # Enter came first (typed in one go, "/word⏎"): the search it ended is done now.
            self._keep_when_typed = None
            self.pane.keep_search_position()

    @on(SearchBar.Submitted)
    def _query_submitted(self, event: SearchBar.Submitted) -> None:
        # Typing already showed the first match after the reading position: keep it (once the
        # search is done: typed in one go, the field's Changed messages come after this one).
        if event.query and event.query != self._typed_query:
            self._keep_when_typed = event.query
        else:
            self.pane.keep_search_position()
        if not event.query:
            self.pane.clear_search()
        elif self.status.search == event.query:
            self._tell_if_no_match()
        else:
            self._submitted_query = event.query  # its counts are still on their way from the pane

    def _tell_if_no_match(self) -> None:
        if self.status.search and self.status.total == 0:
            self.notify(f"No match for “{self.status.search}”.", severity="warning", timeout=3, markup=False)

    @on(SearchBar.Cancelled)
    def _query_cancelled(self) -> None:
        self.pane.cancel_search()

    # ------------------------------------------------------------------ actions

    def action_search(self) -> None:
        """Open the search field (with the current query, ready to be replaced)."""
        self.search_bar.open(self.status.search, return_to=self.focused or self.pane)

    def start_search(self, query: str) -> None:
        """Search for `query` as if typed in the field and entered (the palette does this)."""
        self._typed_query = query
        self.pane.search(query)

    def action_match(self, direction: int) -> None:
        """`n` / `N`: the next / previous match of the search."""
        self.pane.next_match(direction > 0)

    def action_section(self, direction: int) -> None:
        """`]` / `[`: the next / previous section's heading at the top."""
        if direction > 0:
            self.pane.next_section()
        else:
            self.pane.previous_section()

    def action_citation(self, direction: int) -> None:
        """`c` / `C`: select the next / previous citation marker."""
        self.pane.select_citation(direction > 0)

    def shows_hint(self, binding: Binding) -> bool:
        """Whether the key bar shows `binding`'s hint: those acting on the text while it has the focus."""
        return binding.action.partition("(")[0] not in PANE_ACTIONS or self.focused is self.pane

    def action_clear_search(self) -> None:
        if self.status.search:
            self.pane.clear_search()

    @classmethod
    def all_bindings(cls) -> list[Binding]:
        """The bindings of the reader, its pane and the citation popup (the help lists them)."""
        from reader.ui.screens.citation import CitationScreen  # see open_citation

        return [b for b in (*cls.BINDINGS, *ReadingPane.BINDINGS, *CitationScreen.BINDINGS) if isinstance(b, Binding)]

    def action_help(self) -> None:
        """`?`: every key, as bound now (the keymap applied), and what the parser repaired."""
        from reader.ui.screens.citation import CitationScreen  # see open_citation
        from reader.ui.screens.help import HelpScreen, keys_in_effect, unlisted
        from reader.ui.textual_private import bindings_of, keymap

        # The live bindings of the nodes the reader's keys are bound on; the popup's as it will have them.
        maps = [bindings_of(self.pane), bindings_of(self), bindings_of(self.app), BindingsMap(CitationScreen.BINDINGS)]
        repairs = self.article.notices if self.article is not None else ()
        others = unlisted(binding for bindings in maps for _, binding in bindings)
        declared = getattr(self.app, "help_bindings", self.all_bindings)()
        self.app.push_screen(HelpScreen(keys_in_effect(maps, keymap(self.app), declared), repairs, others))

    def action_picker(self) -> None:
        self.post_message(self.PickerRequested())

    def action_mark(self) -> None:
        """`m` and a letter: mark the reading place (kept across runs)."""
        from reader.ui.screens.letter_prompt import LetterPrompt  # see open_citation

        def chosen(letter: str | None) -> None:
            place = self.pane.place
            if letter and place is not None:
                self.post_message(self.MarkChosen(letter, place))

        self.app.push_screen(LetterPrompt("Mark this place: press a letter (escape: no mark)"), chosen)

    def action_go_to_mark(self) -> None:
        """`'` and a letter: back to that mark."""
        from reader.ui.screens.letter_prompt import LetterPrompt  # see open_citation

        def chosen(letter: str | None) -> None:
            if letter:
                self.post_message(self.MarkChosen(letter, None))

        self.app.push_screen(LetterPrompt("Go to mark: press its letter (escape: stay)"), chosen)

    def action_copy_text(self) -> None:
        """`y` (and Textual's ctrl+c): copy the text selected with the mouse."""
        text = self.get_selected_text()
        if not text:
            self.notify("Nothing selected: drag over the text (double-click a word) to select it; "
                        "Y copies the whole section.", timeout=4, markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {describe(text)}", timeout=3, markup=False)

    def action_copy_section(self) -> None:
        """`Y`: copy the section at the top of the pane as plain text."""
        title, text = self.pane.section_text()
        if not text:
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the section “{title}” ({len(text):,} characters)", timeout=3, markup=False)

    def go_to_section(self, number: str) -> None:
        """Show section `number` at the top of the pane and give the pane the focus."""
        self.pane.go_to_section(number)
        self.pane.focus()

    def takes_key(self, action: str | None) -> bool:
        """Ready for a key once the first screen of text is laid out and the place it opens at
        is shown (a resumed place: `g` typed at once was undone by the resume that followed it);
        while only the first part of a long article is laid out, a key that means the whole
        article (`WHOLE_ARTICLE_ACTIONS`) waits for the rest, and so does a move that would land
        past that part, and any key for the tree, whose outline is the first part's (tab, down,
        enter typed at once chose another section).  See `reader.ui.key_gate`."""
        layout = self.pane.text_layout
        if layout is None or self.awaiting_place:
            return False
        if layout.complete and layout.article.complete:
            return True
        if action in WHOLE_ARTICLE_ACTIONS or (action is not None and self.focused is self.section_tree):
            return False
        return action not in MOVES or self.pane.lands_in_part(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "picker":
            return self.can_pick
        if action == "search":
            return not isinstance(self.focused, SearchInput)
        if action == "clear_search":
            return bool(self.status.search) if self.is_mounted else False
        return True

    # ------------------------------------------------------------------ the command palette

    def system_commands(self) -> Iterable[SystemCommand]:
        """The reader's commands for the palette (the app adds them to its own): some of the screen's
        bindings, each running its action, with its key as bound now (a remapped key shows remapped),
        offered when `check_action` allows it (the search field's focus only makes `/` a letter)."""
        from reader.ui.screens.help import keys_in_effect  # see open_citation
        from reader.ui.textual_private import bindings_of, keymap

        keys = keys_in_effect([bindings_of(self)], keymap(self.app), self.BINDINGS)
        bindings = {binding.id: binding for binding in self.BINDINGS if isinstance(binding, Binding)}
        for name, title, does in PALETTE:
            action = bindings[name].action
            if action == "search" or self.check_action(action, ()) is not False:
                yield SystemCommand(title, f"{does} ({keys[name].split()[0]})", partial(self.run_action, action))
