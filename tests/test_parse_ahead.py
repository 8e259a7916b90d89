"""The parser run ahead in a child process (reader/parse_ahead.py): the child sends exactly what
the reader would have parsed itself, in two parts for a long article; whatever goes wrong in
the child, the reader gets None and parses in process; the child never outlives the reader."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from reader import parse_ahead
from reader.parse.stages import parse_first, parse_whole
from reader.parse_ahead import ParseAhead
from reader.source.library import Library, PendingText
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"
MICHIGAN = ROOT / "tests" / "data" / "parse" / "Michigan.txt"  # 87 KB: parsed in two parts


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test runners run threads of their own (xdist's); the children here never touch them."""
    monkeypatch.setattr(parse_ahead, "other_threads_running", lambda: False)
    monkeypatch.setattr(parse_ahead, "usable_cpus", lambda: 2)


def gone(pid: int) -> bool:
    """True when process `pid` was reaped (no zombie left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_short_article_comes_whole_in_one_part() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    ahead = ParseAhead.start(text, None)
    assert ahead is not None
    first = ahead.first()
    assert first is not None and first.complete
    assert first == parse_first(text, None) == parse_whole(text, None)
    assert gone(ahead.pid)
    assert ahead.whole() is None  # nothing more to come


def test_a_long_article_comes_in_two_parts() -> None:
    text = MICHIGAN.read_text(encoding="utf-8")
    ahead = ParseAhead.start(text, "Michigan")
    assert ahead is not None
    first = ahead.first()
    assert first is not None and not first.complete
    assert first == parse_first(text, "Michigan")
    whole = ahead.whole()
    assert whole is not None and whole.complete
    assert whole == parse_whole(text, "Michigan")
    assert gone(ahead.pid)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's CPU time in /proc")
def test_the_child_parses_the_whole_only_when_asked() -> None:
    # Parsing on the other core while the reader starts slowed the reader's start: the child waits
    # for `whole`, which the reader calls after its first paint.
    text = MICHIGAN.read_text(encoding="utf-8")
    started = time.process_time()
    parse_whole(text, "Michigan")
    parse_time = time.process_time() - started
    ahead = ParseAhead.start(text, "Michigan")
    assert ahead is not None
    first = ahead.first()
    assert first is not None and not first.complete
    before = cpu_seconds(ahead.pid)
    time.sleep(max(3 * parse_time, 0.5))  # long enough for the whole to be parsed, had it begun
    assert cpu_seconds(ahead.pid) - before < parse_time / 2
    whole = ahead.whole()
    assert whole is not None and whole == parse_whole(text, "Michigan")
    assert gone(ahead.pid)


def cpu_seconds(pid: int) -> float:
    """The CPU time process `pid` has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_an_article_still_to_be_repaired_is_repaired_in_the_child() -> None:
    raw = (MICHIGAN.read_text(encoding="utf-8")
           + "\n\nA caf\u00c3\u00a9 with \u00e2\u20ac\u0153quotes\u00e2\u20ac\u009d.\n")
    pending = PendingText(raw)
    ahead = ParseAhead.start(pending, None)
    assert ahead is not None
    assert ahead.first() == parse_first(pending, None)
    whole = ahead.whole()
    assert whole == parse_whole(pending, None)
    assert whole is not None and "A café with “quotes”." in str(whole)


def test_a_failing_child_means_parse_it_yourself() -> None:
    ahead = ParseAhead.start(PendingText(None), None)  # type: ignore[arg-type]  # head() raises in the child
    assert ahead is not None
    assert ahead.first() is None
    assert ahead.whole() is None
    assert gone(ahead.pid)


def test_a_child_too_slow_is_stopped_and_the_reader_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.parse import stages

    monkeypatch.setattr(stages, "parse_first", lambda text, title: time.sleep(30))  # the child inherits it
    monkeypatch.setattr(parse_ahead, "FIRST_TIMEOUT", 0.2)
    ahead = ParseAhead.start(SAMPLE.read_text(encoding="utf-8"), None)
    assert ahead is not None
    started = time.monotonic()
    assert ahead.first() is None
    assert time.monotonic() - started < 5
    assert gone(ahead.pid)


def test_closing_stops_a_child_still_parsing() -> None:
    text = MICHIGAN.read_text(encoding="utf-8") * 20  # long enough to be still at it
    ahead = ParseAhead.start(text, None)
    assert ahead is not None
    ahead.close()
    assert gone(ahead.pid)
    assert ahead.first() is None and ahead.whole() is None


def test_closing_while_a_thread_waits_for_the_whole_returns_at_once() -> None:
    text = MICHIGAN.read_text(encoding="utf-8") * 20  # its whole takes seconds to parse
    ahead = ParseAhead.start(text, None)
    assert ahead is not None
    first = ahead.first()
    assert first is not None and not first.complete
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(ahead.whole()))
    reader.start()
    time.sleep(0.2)  # the thread is blocked reading the pipe
    started = time.monotonic()
    ahead.close()  # as the app does when the reader quits meanwhile
    reader.join(5)
    assert time.monotonic() - started < 1.0
    assert got == [None] and gone(ahead.pid)


def test_no_child_where_it_cannot_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_ahead, "usable_cpus", lambda: 1)
    assert ParseAhead.start("text", None) is None
    monkeypatch.undo()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parse_ahead.other_threads_running()
        monkeypatch.setattr(parse_ahead, "usable_cpus", lambda: 2)
        assert ParseAhead.start("text", None) is None  # a fork now could copy a held lock
    finally:
        stop.set()
        thread.join()


def reader_with_child(path: Path) -> tuple[Library, ParseAhead, ReaderApp]:
    """The app on `path`'s only article, with a child parsing it as the command line starts one."""
    library = Library.open(str(path))
    ahead = ParseAhead.start(library.article_source(library.entries[0]), library.entries[0].title)
    assert ahead is not None
    return library, ahead, ReaderApp(library, cursor_blink=False, ahead=ahead)


async def shown_article(app: ReaderApp, pilot: object, *, complete: bool) -> ReaderScreen:
    """The reader screen once it shows an article (the complete one if `complete`)."""
    for _ in range(250):  # up to 5 s
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        screen = app.screen
        if (isinstance(screen, ReaderScreen) and screen.article is not None
                and (screen.article.complete or not complete)):
            break
    screen = app.screen
    assert isinstance(screen, ReaderScreen) and screen.article is not None
    return screen


@pytest.mark.parametrize("path", [SAMPLE, MICHIGAN], ids=["short", "long"])
async def test_the_reader_shows_what_the_child_parsed(path: Path) -> None:
    library, ahead, app = reader_with_child(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown_article(app, pilot, complete=True)
        assert screen.article == parse_whole(library.article_source(library.entries[0]), library.entries[0].title)
        assert screen._ahead is ahead and ahead._first is not None  # the child's, not parsed here
        assert gone(ahead.pid)


async def test_quitting_while_the_whole_is_parsed_stops_the_child_and_returns_at_once(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    text = MICHIGAN.read_text(encoding="utf-8")
    path.write_text(text + "".join(text.split("\n", 1)[1] for _ in range(20)), encoding="utf-8")
    _, ahead, app = reader_with_child(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown_article(app, pilot, complete=False)
        assert screen.article is not None and not screen.article.complete  # the child still parses the whole
        started = time.monotonic()
    assert time.monotonic() - started < 1.0  # the app did not wait for the whole, nor parse it
    assert gone(ahead.pid)
