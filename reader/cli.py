"""The `wikireader` command (also `python -m reader`).

    wikireader FILE [ARTICLE]            open the reader (the article picker for a file of many)
    wikireader --print FILE [ARTICLE]    print the article(s) to standard output and exit

Every error a user can cause ends in one line on stderr, "wikireader: <what is wrong>", and exit
status 2; anything else is exit status 1, still without a traceback (set WIKIREADER_DEBUG=1 to
see one).  Ctrl-C exits quietly with 130; a closed pipe (`--print | head`) is not an error.

Textual is imported only when the reader app is opened, so `--print` never loads it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import TYPE_CHECKING, Iterable, Sequence, TextIO

from reader import __version__
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.model import Article
    from reader.parse_ahead import ParseAhead
    from reader.source.library import Library
    from reader.source.split import Entry

PROG = "wikireader"
EXIT_USAGE = 2  # also argparse's status for a bad command line
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130
MIN_WIDTH = 20


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read Wikipedia articles in the terminal: a section tree, a reading pane, "
        "citation popups and search. FILE is a plain-text dump (one article or thousands, "
        "each starting with a [[Title]] line) or standard MediaWiki wikitext; '-' reads "
        "standard input.",
        epilog="Keys in the reader: press ? inside it. Exit status: 0 done, 2 bad input or "
        "arguments, 1 anything else, 130 interrupted. NO_COLOR=1 turns off colour.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--print",
        dest="print_",
        action="store_true",
        help="print the article(s) to standard output and exit, instead of opening the reader "
        "(the default when standard output is not a terminal)",
    )
    parser.add_argument(
        "--article",
        metavar="TITLE",
        help="the article to show from a file of many (case does not matter)",
    )
    parser.add_argument(
        "--width",
        metavar="N",
        type=_width,
        help="the width to print at (default: the terminal's, or $COLUMNS)",
    )
    parser.add_argument("file", metavar="FILE", help="the file to read ('-' for standard input)")
    parser.add_argument("title", metavar="ARTICLE", nargs="?", help="same as --article TITLE")
    return parser


def _width(value: str) -> int:
    """argparse type for --width: a whole number of columns, not absurdly small."""
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of columns: {value!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_WIDTH} columns, not {width}")
    return width


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except ReaderError as error:
        return _fail(str(error), EXIT_USAGE)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as error:  # a bug: say so in one line; WIKIREADER_DEBUG shows the traceback
        if os.environ.get("WIKIREADER_DEBUG"):
            raise
        return _fail(f"internal error: {type(error).__name__}: {error}", EXIT_FAILURE)


def _fail(message: str, status: int) -> int:
    """Print "wikireader: message" (one line) on stderr and return `status`."""
    line = " ".join(message.split()) or "unknown error"
    try:
        print(f"{PROG}: {line}", file=sys.stderr)
    except (OSError, ValueError):
        pass
    return status


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so that Python's exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run(args: argparse.Namespace) -> int:
    """Open the file, pick the article(s), then print them or open the reader."""
    title = _chosen_title(args)
    printing = args.print_ or not _is_terminal(sys.stdout)
    library = _open(args.file, lazy=not printing)
    if library.decoded.notice:
        print(library.decoded.notice, file=sys.stderr)
    entry = library.lookup(title) if title is not None else None
    if printing:
        _never_fail_to_encode(sys.stdout)
        entries = [entry] if entry is not None else _all_entries(library)
        print_articles(library, entries, sys.stdout, width=args.width)
        return 0
    _open_reader(library, entry)
    return 0


def _chosen_title(args: argparse.Namespace) -> str | None:
    """The article asked for by --article or the second positional argument."""
    if args.article is not None and args.title is not None and args.article != args.title:
        raise ReaderError(f"two different articles asked for: {args.article!r} and {args.title!r}")
    title = args.article if args.article is not None else args.title
    if title is not None and not title.strip():
        raise ReaderError("the article title is empty")
    return title


def _open(path: str, *, lazy: bool) -> Library:
    """The file as a library of articles (raises InputError)."""
    from reader.source.library import Library

    return Library.open(path, lazy=lazy)


def _all_entries(library: Library) -> list[Entry]:
    """Every article of the file, in order."""
    library.index_all()
    return list(library.entries)


def _never_fail_to_encode(stream: TextIO) -> None:
    """On an output that cannot hold every character (PYTHONIOENCODING=ascii, a latin-1 locale),
    print a replacement character rather than stop with an error."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        reconfigure(errors="replace")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------------------- --print


def print_articles(library: Library, entries: Iterable[Entry], out: TextIO, width: int | None = None) -> None:
    """Lay out and write each article to `out`: styled on a terminal, plain text otherwise.

    Several articles are separated by a rule line.  Parsing notices go to stderr.
    """
    styled = _is_terminal(out) and not os.environ.get("NO_COLOR")
    width = width or _terminal_width()
    console = _console(out, width) if styled else None
    entries = list(entries)
    for number, entry in enumerate(entries):
        article = parse_entry(library, entry)
        if number:
            _write_separator(out, console, width)
        _write_article(article, width, out, console)
        if len(entries) == 1:
            for notice in article.notices:
                print(f"note: {notice}", file=sys.stderr)
    out.flush()


def parse_entry(library: Library, entry: Entry) -> Article:
    """Parse one article of the library, in whichever format its text is in."""
    from reader.parse import parse_article

    return parse_article(library.article_text(entry), entry.title, fmt=library.format)


def _terminal_width() -> int:
    """Columns to print at: $COLUMNS, else the terminal's width, else 80."""
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def _console(out: TextIO, width: int):  # type: ignore[no-untyped-def]
    """A rich console that writes styled text to `out`, `width` columns wide."""
    from rich.console import Console

    return Console(
        file=out, width=width, force_terminal=True, highlight=False, markup=False, emoji=False, soft_wrap=True
    )


def _write_article(article: Article, width: int, out: TextIO, console) -> None:  # type: ignore[no-untyped-def]
    """Write the laid-out lines of one article."""
    from reader.layout import layout_article

    lines = layout_article(article, width).lines
    if console is None:
        out.write("".join(line.plain.rstrip() + "\n" for line in lines))
        return
    for line in lines:
        console.print(line, end="\n", no_wrap=True, crop=False, overflow="ignore")


def _write_separator(out: TextIO, console, width: int) -> None:  # type: ignore[no-untyped-def]
    """The rule between two articles of a multi-article file."""
    if console is None:
        out.write("\n" + "=" * width + "\n\n")
    else:
        console.print()
        console.rule(style="dim", characters="═")
        console.print()


# ---------------------------------------------------------------------------- the reader app


def _open_reader(library: Library, entry: Entry | None) -> None:
    """Run the Textual app on the library, opened at `entry` (or the picker / the only article)."""
    _keyboard_from_terminal()
    ahead = _parse_ahead(library, entry)
    from reader.ui import heap

    heap.pause_collection()  # until the first frame is drawn (see reader.ui.heap)
    try:
        from reader.ui.app import run_app
    except ModuleNotFoundError as error:
        if ahead is not None:
            ahead.close()
        if not (error.name or "").startswith("reader"):
            raise
        raise ReaderError("the reader app is not available in this installation; use --print") from None
    run_app(library, entry.index if entry is not None else None, ahead)


def _parse_ahead(library: Library, entry: Entry | None) -> ParseAhead | None:
    """A child parsing the article the reader opens on, while Textual starts (see
    `reader.parse_ahead`); None when the app opens on the picker (a file of many, none chosen)."""
    if entry is None and len(library.entries) != 1:
        return None
    from reader.parse_ahead import ParseAhead

    chosen = entry if entry is not None else library.entries[0]
    return ParseAhead.start(library.article_source(chosen), chosen.title, library.format)


def _keyboard_from_terminal() -> None:
    """Make sure the app reads keys from the terminal, even when the file came on standard input."""
    if _is_terminal(sys.stdin):
        return
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ReaderError("the reader needs a terminal to take keys from; use --print to print instead") from None
    os.dup2(tty, sys.stdin.fileno() if sys.stdin else 0)
    os.close(tty)
