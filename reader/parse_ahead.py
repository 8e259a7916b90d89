"""The parser, run ahead: an article parsed in a child process while the reader app starts.

Before the reader's first paint come Textual's start-up, importing the parser (mwparserfromhell
and ours: ~120 ms here) and parsing the article's first screens, all on one core.  Forked before
Textual is imported, a child process imports the parser and parses on another core meanwhile,
and sends the article back pickled (the sample: 13 KB, unpickled in ~2 ms); for a long article
it then parses and sends the whole, so that the full parse (a second for 1 MB) no longer holds
the app's interpreter while the reader scrolls.  It starts on the whole only when the reader
asks for it (`whole`, after the first paint): parsing on the other core meanwhile slowed the
reader's own start (the two cores are not independent here: on the 1 MB article the reader's
process was off the CPU for up to 190 ms of its ~600 ms start).  Where there is no `fork`, only
one CPU, or the child fails or is slow, the reader parses in its own process as before (`first`
and `whole` return None): the child can only make the article come sooner, never change it.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import threading
from typing import TYPE_CHECKING, BinaryIO, NoReturn

if TYPE_CHECKING:
    from reader.model import Article
    from reader.source.library import PendingText

# Seconds the reader waits for the first part before parsing it itself.  The child is normally
# done long before it is asked (it starts before Textual is imported, ~0.3 s of work earlier);
# one still at work then is starved of CPU, and the reader would only wait longer for it.
FIRST_TIMEOUT = 1.0


def usable_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def other_threads_running() -> bool:
    """True when this process runs a thread besides the main one."""
    return threading.active_count() > 1


class ParseAhead:
    """A child process parsing one article: `first()` its first screens, `whole()` the rest."""

    def __init__(self, pid: int, stream: BinaryIO, go: int) -> None:
        self.pid = pid
        self._stream: BinaryIO | None = stream
        self._go: int | None = go  # written to when the whole article is wanted
        self._go_lock = threading.Lock()  # `whole` (a worker) and `close` (the app) both use it
        self._first: Article | None = None

    @classmethod
    def start(cls, text: str | PendingText, title: str | None, fmt: str | None = None) -> ParseAhead | None:
        """Fork the child (None where that cannot help: no fork, a single CPU, no resources),
        only while this process runs no other thread (a lock one held could never be released
        in the child)."""
        if not hasattr(os, "fork") or usable_cpus() < 2 or other_threads_running():
            return None
        read_end, write_end = os.pipe()
        go_read, go_write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (read_end, write_end, go_read, go_write):
                os.close(fd)
            return None
        if pid == 0:
            os.close(read_end)
            os.close(go_write)
            _child(write_end, go_read, text, title, fmt)
        os.close(write_end)
        os.close(go_read)
        return cls(pid, os.fdopen(read_end, "rb"), go_write)

    def first(self) -> Article | None:
        """The article's first screens (all of it when short), or None: parse it yourself."""
        stream = self._stream
        if stream is None:
            return None
        ready, _, _ = select.select([stream], [], [], FIRST_TIMEOUT)
        self._first = self._receive() if ready else None
        if self._first is None or self._first.complete:
            self.close()
        return self._first

    def whole(self) -> Article | None:
        """The whole article, once `first` gave a part of it (blocks; call it from a thread)."""
        article = None
        if self._first is not None and self._tell_go():
            article = self._receive()
        self.close()
        return article

    def _tell_go(self) -> bool:
        """Tell the child to parse the whole article; False if it cannot be told."""
        with self._go_lock:
            if self._go is None:
                return False
            try:
                os.write(self._go, b"!")
            except OSError:
                return False
            return True

    def _receive(self) -> Article | None:
        if self._stream is None:
            return None
        try:
            return pickle.load(self._stream)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - the child died or sent garbage: parse in process
            return None

    def close(self) -> None:
        """Stop the child (if still parsing) and reap it."""
        stream, self._stream = self._stream, None
        with self._go_lock:
            go, self._go = self._go, None
            if go is not None:
                os.close(go)
        if stream is None:
            return
        # The child first: a thread blocked reading `whole` holds the stream's lock until the
        # pipe gives data or its end, and closing the stream would wait for that.
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        stream.close()


def _child(fd: int, go: int, text: str | PendingText, title: str | None, fmt: str | None) -> NoReturn:
    """In the child: parse, send, exit, without touching the terminal or the parent's state."""
    status = 1
    try:
        quiet = os.open(os.devnull, os.O_RDWR)
        for std in (0, 1, 2):
            os.dup2(quiet, std)
        from reader.parse.stages import parse_first, parse_whole

        with os.fdopen(fd, "wb") as out:
            first = parse_first(text, title, fmt)
            _send(out, first)
            # The whole once the reader asks (an empty read: it quit, or will never ask).
            if not first.complete and os.read(go, 1):
                # Background work: the reader and the terminal come first for the same cores.
                os.nice(10)
                _send(out, parse_whole(text, title, fmt))
        status = 0
    except BaseException:  # noqa: BLE001 - whatever happens, the parent parses in process
        pass
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers


def _send(out: BinaryIO, article: Article) -> None:
    pickle.dump(article, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
