"""The `wikireader` command (also `python -m reader`).

    wikireader FILE [ARTICLE]            open the reader (the article picker for a file of many)
    wikireader --print FILE [ARTICLE]    print the article(s) to standard output and exit
    wikireader DIR [ARTICLE]             the same over a folder of files, one collection
    wikireader --index DIR               build or update the collection's index and exit
    wikireader --search QUERY DIR        print the best articles for QUERY (--json: one object a line)
    wikireader --serve FILE|DIR [ARTICLE]  serve the reader as a web page (see reader.serve)

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
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from reader import APP_NAME, __version__
from reader.errors import ReaderError
from reader.typeahead import hold_keys

if TYPE_CHECKING:
    from pathlib import Path
    from subprocess import Popen

    from reader.model import Article
    from reader.parse_ahead import ParseAhead
    from reader.source.collection import Collection
    from reader.source.indexer import BuildReport
    from reader.source.library import Library
    from reader.source.shelf import Shelf
    from reader.source.split import Entry

PROG = APP_NAME
EXIT_USAGE = 2  # also argparse's status for a bad command line
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130
MIN_WIDTH = 20
BIG_FILE = 2_000_000  # bytes: a file of many articles this big is indexed for its next opening


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
    parser.add_argument(
        "--index",
        dest="index_only",
        action="store_true",
        help="build or update the index of the collection in DIR (a progress bar on stderr) and exit",
    )
    parser.add_argument("--search", metavar="QUERY", help="search the collection in DIR and print the best articles")
    parser.add_argument("--limit", metavar="N", type=_positive, default=20,
                        help="how many results --search prints (20)")
    parser.add_argument("--json", action="store_true", help="--search prints one JSON object a line")
    parser.add_argument(
        "--index-dir",
        metavar="DIR",
        help="where the collection's index lives (default: the user cache directory, or $WIKIREADER_INDEX_DIR)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar (--index)")
    _add_serve_options(parser)
    parser.add_argument("--no-resume", dest="resume", action="store_false", default=None,
                        help="open the article at the top, not where it was last read")
    parser.add_argument("--config", action=_ShowConfig,
                        help="print where the settings file is, and the defaults, and exit")
    parser.add_argument(
        "file", metavar="FILE", help="the file to read ('-' for standard input), or a folder of files (a collection)"
    )
    parser.add_argument("title", metavar="ARTICLE", nargs="?", help="same as --article TITLE")
    return parser


def _add_serve_options(parser: argparse.ArgumentParser) -> None:
    """--serve, --host and --port: the reader as a web page."""
    serving = parser.add_argument_group("web page")
    serving.add_argument(
        "--serve",
        action="store_true",
        help="serve the reader as a web page and print the address to open in a browser; "
        "ctrl+c stops it",
    )
    serving.add_argument(
        "--host",
        metavar="H",
        help="the address to listen on (default: 127.0.0.1, this machine only); another lets "
        "anyone who can reach it read the file",
    )
    serving.add_argument("--port", metavar="N", type=_port, help="the port (default: 8000; 0: any free one)")


def _port(value: str) -> int:
    """argparse type for --port: 0-65535."""
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {value!r}")
    return int(value)


class _ShowConfig(argparse.Action):
    """`--config`: print the settings file's path and the defaults, then exit (as --version)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=kwargs.get("help"))  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from reader.config import describe

        print(describe(), end="")
        parser.exit()


def _width(value: str) -> int:
    """argparse type for --width: a whole number of columns, not absurdly small."""
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of columns: {value!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_WIDTH} columns, not {width}")
    return width


def _positive(value: str) -> int:
    """argparse type for --limit: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    # Keys typed from now on reach the reader as typed (see reader.typeahead).
    held = None if args.print_ or not _is_terminal(sys.stdout) else hold_keys()
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
    finally:
        if held is not None:
            held.restore()


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
    if args.serve:
        return _serve(args, title)
    printing = args.print_ or not (_is_terminal(sys.stdout) or _web_driven())
    if args.file != "-" and (os.path.isdir(args.file) or args.index_only or args.search is not None
                             or (not printing and _opens_from_its_index(args))):
        return run_collection(args, title, printing)
    if args.index_only or args.search is not None:
        raise ReaderError("--index and --search take a folder of files, or a file, not standard input")
    library = _open(args.file, lazy=not printing)
    if library.decoded.notice and not _web_driven():  # the server said it, once
        print(library.decoded.notice, file=sys.stderr)
    entry = library.lookup(title) if title is not None else None
    if printing:
        _never_fail_to_encode(sys.stdout)
        entries = [entry] if entry is not None else _all_entries(library)
        print_articles(library, entries, sys.stdout, width=args.width)
        return 0
    builder = _index_in_background(library, args)
    try:
        _open_reader(library, entry, args.resume)
    finally:
        if builder is not None:
            from reader.source.indexer import stop_builder

            stop_builder(builder)
    return 0


def _serve(args: argparse.Namespace, title: str | None) -> int:
    """--serve: check the file (or folder) and the article here, where an error can be one line,
    then serve them; each browser tab runs `wikireader FILE` under Textual's web driver."""
    if args.print_ or args.width is not None or args.index_only or args.search is not None:
        raise ReaderError("--serve does not go with --print, --width, --index or --search")
    if args.file == "-":
        raise ReaderError("--serve needs a file: each browser tab reads it anew, not standard input")
    index_dir = args.index_dir
    if os.path.isdir(args.file):
        title, index_dir = _collection_to_serve(args, title)
    else:
        library = _open(args.file, lazy=True)
        if library.decoded.notice:
            print(library.decoded.notice, file=sys.stderr)
        if title is not None:
            title = library.lookup(title).title  # as the file spells it
    from reader.serve import serve

    options = ["--index-dir", os.path.abspath(index_dir)] if index_dir else []
    serve(args.file, title, host=args.host, port=args.port, options=options)
    return 0


def _collection_to_serve(args: argparse.Namespace, title: str | None) -> tuple[str | None, str]:
    """A folder to serve: its index built first, once, here (not by each tab's reader); the
    article looked up; (the title as the collection spells it, where the index is)."""
    from pathlib import Path

    from reader.source.collection import Collection
    from reader.source.corpus import index_folder, writable_index_folder
    from reader.source.indexer import stale

    folder = Path(args.file)
    where, note = writable_index_folder(Path(args.index_dir) if args.index_dir else index_folder(folder))
    if note is not None:
        print(f"note: {note}", file=sys.stderr)
    if stale(folder, where):
        _build_index(folder, where, quiet=args.quiet, summary=False)
    collection = Collection.open(folder, where)
    try:
        _say_notes(collection)
        found = collection.lookup(title).title if title is not None else None
    finally:
        collection.close()
    return found, str(where)


def _web_driven() -> bool:
    """True in a reader process that textual-serve started for a browser tab: Textual draws on
    standard output for the page, and takes its keys from standard input."""
    return os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver")


def _index_in_background(library: Library, args: argparse.Namespace) -> Popen[bytes] | None:
    """For a big file of many articles, a child (niced) that indexes it while it is read, so
    that its next opening comes from the index (`_opens_from_its_index`); stopped on leaving."""
    if library.path == "-" or library.state is None or library.state.size < BIG_FILE or len(library.entries) < 2:
        return None
    from pathlib import Path

    from reader.source.corpus import index_folder, writable_index_folder
    from reader.source.indexer import start_builder

    where, note = writable_index_folder(Path(args.index_dir) if args.index_dir else index_folder(Path(library.path)))
    return None if note is not None else start_builder(Path(library.path), where, nice=10)


def _opens_from_its_index(args: argparse.Namespace) -> bool:
    """True for a big file of many articles that has a fresh index: the reader then opens it as
    a collection of one file (titles from the catalog, one article decoded at a time, ranked
    search) instead of holding all of its text (see `_index_in_background`)."""
    try:
        if os.path.getsize(args.file) < BIG_FILE:
            return False
    except OSError:
        return False
    from pathlib import Path

    from reader.source.corpus import index_folder
    from reader.source.indexer import stale

    where = Path(args.index_dir) if args.index_dir else index_folder(Path(args.file))
    return (where / "catalog.sqlite").exists() and not stale(Path(args.file), where)


def _chosen_title(args: argparse.Namespace) -> str | None:
    """The article asked for by --article or the second positional argument."""
    if args.article is not None and args.title is not None and args.article != args.title:
        raise ReaderError(f"two different articles asked for: {args.article!r} and {args.title!r}")
    title: str | None = args.article if args.article is not None else args.title
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


def print_articles(library: Shelf, entries: Iterable[Entry], out: TextIO, width: int | None = None) -> None:
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


def parse_entry(library: Shelf, entry: Entry) -> Article:
    """Parse one article of the library, in whichever format its text is in."""
    from reader.parse import parse_article

    return parse_article(library.article_text(entry), entry.title, fmt=library.format_of(entry))


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


# ---------------------------------------------------------------------------- a collection


def run_collection(args: argparse.Namespace, title: str | None, printing: bool) -> int:
    """A folder of files: index it, search it, print one of its articles, or open the reader."""
    from pathlib import Path

    from reader.source.collection import Collection
    from reader.source.corpus import index_folder, writable_index_folder

    folder = Path(args.file)
    where, note = writable_index_folder(Path(args.index_dir) if args.index_dir else index_folder(folder))
    if note is not None:
        print(f"note: {note}", file=sys.stderr)
    if args.index_only:
        if title is not None or args.search is not None:
            raise ReaderError("--index takes only a folder")
        _build_index(folder, where, quiet=args.quiet)
        return 0
    if args.search is not None:
        collection = Collection.open(folder, where, build_now=True)
        _say_notes(collection)
        _never_fail_to_encode(sys.stdout)
        _print_results(collection, args.search, args.limit, as_json=args.json)
        return 0
    if printing:
        if title is None:
            raise ReaderError(f"{args.file} is a folder: name the article to print (wikireader --print DIR TITLE)")
        collection = Collection.open(folder, where, build_now=True)
        _say_notes(collection)
        _never_fail_to_encode(sys.stdout)
        print_articles(collection, [collection.lookup(title)], sys.stdout, width=args.width)
        return 0
    if title is not None:  # the article is wanted now: index first, if the index is not fresh
        collection = Collection.open(folder, where, build_now=True, builder=_build_for_reader)
    else:
        collection = Collection.open(folder, where)
    _say_notes(collection)
    try:
        entry = collection.lookup(title) if title is not None else None
        _open_reader(collection, entry, args.resume)
    finally:
        collection.close()
    return 0


def _build_for_reader(folder: Path, where: Path) -> BuildReport:
    """The index brought up to date before the reader opens an article of it (a progress bar;
    the notes said here, except the skipped files, which the collection says as it opens)."""
    from reader.source.indexer import BuildReport

    report = _build_index(folder, where, quiet=False, summary=False)
    return BuildReport(skipped=report.skipped)


def _say_notes(collection: Collection) -> None:
    if collection.decoded.notice:
        print(collection.decoded.notice, file=sys.stderr)


def _build_index(folder: Path, where: Path, *, quiet: bool, summary: bool = True) -> BuildReport:
    """`--index`: build or update the index, a progress bar on stderr (rich's) unless `quiet`;
    what it did is said on stderr."""
    from reader.source.indexer import build

    if quiet or not _is_terminal(sys.stderr):
        report = build(folder, where)
    else:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TextColumn("files ·"),
                   TextColumn("{task.fields[articles]:,} articles"), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("index", total=None, articles=0)

            def step(done: int, todo: int, articles: int) -> None:
                bar.update(task, completed=done, total=todo or 1,
                           articles=bar.tasks[0].fields["articles"] + articles)

            report = build(folder, where, step)
    if report.rebuilt:
        print(f"note: {report.rebuilt}", file=sys.stderr)
    if report.skipped:
        print(f"note: skipped {len(report.skipped)} file(s) that are not readable text: "
              + "; ".join(report.skipped[:5]), file=sys.stderr)
    if summary or report.indexed or report.dropped:
        print(f"{report.files:,} files, {report.articles:,} articles: indexed {report.indexed:,} file(s), "
              f"dropped {report.dropped:,}, in {report.seconds:.1f} s; index in {where}", file=sys.stderr)
    return report


def _print_results(collection: Collection, query: str, limit: int, *, as_json: bool) -> None:
    """`--search`: rank, title, file, score, section and snippet of the best `limit` articles."""
    import json

    from reader.source.ranked import search

    hits, total = search(collection, query, limit)
    if not hits:
        print(f"no article matches {query!r}", file=sys.stderr)
    for hit in hits:
        if as_json:
            print(json.dumps({"rank": hit.rank, "title": hit.entry.title, "file": hit.entry.file,
                              "score": round(hit.score, 4), "section": hit.section, "snippet": hit.snippet,
                              "redirect": hit.entry.redirect}, ensure_ascii=False))
        else:
            where = f"{hit.entry.file}" + (f" § {hit.section}" if hit.section else "")
            print(f"{hit.rank:>3}. {hit.entry.title}  ({where}, score {hit.score:.2f})")
            if hit.snippet:
                print(f"     {hit.snippet}")
    if not as_json and hits:
        print(f"{len(hits)} of {total:,} matching articles", file=sys.stderr)


# ---------------------------------------------------------------------------- the reader app


def _open_reader(library: Shelf, entry: Entry | None, resume: bool | None = None) -> None:
    """Run the Textual app on the library, opened at `entry` (or the picker / the only article);
    `resume` False (--no-resume) opens articles at the top, None leaves it to the settings."""
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
    run_app(library, entry.index if entry is not None else None, ahead, resume=resume)


def _parse_ahead(library: Shelf, entry: Entry | None) -> ParseAhead | None:
    """A child parsing the article the reader opens on, while Textual starts (see
    `reader.parse_ahead`); None when the app opens on the picker (a file of many, none chosen)."""
    if entry is None and len(library.entries) != 1:
        return None
    from reader.parse_ahead import ParseAhead

    chosen = entry if entry is not None else library.entries[0]
    return ParseAhead.start(library.article_source(chosen), chosen.title, library.format_of(chosen))


def _keyboard_from_terminal() -> None:
    """Make sure the app reads keys from the terminal, even when the file came on standard input."""
    if _is_terminal(sys.stdin) or _web_driven():
        return
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ReaderError("the reader needs a terminal to take keys from; use --print to print instead") from None
    os.dup2(tty, sys.stdin.fileno() if sys.stdin else 0)
    os.close(tty)
