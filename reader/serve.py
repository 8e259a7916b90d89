"""`wikireader --serve FILE`: the same reader in a web page, served by textual-serve.

textual-serve (by Textual's authors) runs a web server whose page holds a terminal emulator
(xterm.js); each browser tab that opens it starts its own reader process, `python -m reader
FILE`, driven by Textual's web driver, and the page shows that process's screen and sends it the
keys and the mouse.  What this module adds to textual-serve's `Server`:

- The command run for each tab is fixed when the server starts, from the path given (made
  absolute) and the article, if one was named: nothing a request says reaches it.
- It listens on 127.0.0.1 unless told otherwise.  It binds its socket before it says anything,
  so that the address it prints is the one it listens on (`--port 0` takes a free port) and a
  port in use is a one-line error, not a traceback from inside the event loop.
- Only the page, its websocket, textual-serve's own assets (regular files inside its `static`
  folder) and a download the app itself offers (a screenshot) are served; any other path, a
  directory listing of the assets included, is "404 Not Found".  The article's file is never
  served: the reader process reads it and draws it.
- On loopback, a request must name the server by a loopback name in its Host header (so that
  another site cannot reach it by DNS rebinding), and the websocket refuses a page of another
  origin (so that another site open in the same browser cannot read the article through it).
- `ctrl+c` (or SIGTERM) closes each tab's websocket, which ends its reader process, and stops.

Nothing here imports Textual: the server only starts reader processes.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import shlex
import signal
import socket
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server

from reader.errors import ReaderError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("", "0.0.0.0", "::")
# Seconds to wait, on ctrl+c, for the readers' websockets to close before dropping them.
SHUTDOWN_TIMEOUT = 3.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def reader_command(path: str, title: str | None, options: Sequence[str] = ()) -> str:
    """The shell command each browser tab runs: this Python, `-m reader`, `options` (where a
    collection's index is), the absolute path and the article (as `--article=TITLE`, so that a
    title starting with '-' is no option)."""
    words = [sys.executable, "-m", "reader", *options, str(Path(path).resolve())]
    if title is not None:
        words.append(f"--article={title}")
    return shlex.join(words)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) and listening; a one-line ReaderError when it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as error:
        raise ReaderError(f"cannot listen on {host!r}: {error.strerror}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait out TIME_WAIT
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ReaderError(f"port {port} is in use on {host}; choose another with --port") from None
        raise ReaderError(f"cannot listen on {host} port {port}: {error.strerror}") from None
    sock.setblocking(False)
    return sock


def is_loopback(sock: socket.socket) -> bool:
    """True when the socket listens on this machine's loopback interface only."""
    return ipaddress.ip_address(sock.getsockname()[0]).is_loopback


def address_of(host: str, sock: socket.socket) -> str:
    """The address to open in a browser: the host as given (this machine's name for a wildcard)
    and the port actually bound."""
    port = sock.getsockname()[1]
    shown = socket.gethostname() if host in WILDCARDS else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address
    return f"http://{shown}:{port}"


def exposure_warning(address: str, path: Path) -> str:
    """The line said when the server listens beyond loopback."""
    return (
        f"warning: serving on {address}, beyond this machine: "
        f"anyone who can reach that address can read {path.name}"
    )


class ReaderServer(Server):
    """textual-serve's server, started on a bound socket and serving no more than the reader."""

    def __init__(self, command: str, sock: socket.socket, address: str, name: str) -> None:
        port = sock.getsockname()[1]
        super().__init__(command, host=address, port=port, title=f"wikireader: {name}", public_url=address)
        self.name = name  # what it serves: the file's name, and the article's title if one was named
        self.sock = sock
        self.address = address
        self.loopback = is_loopback(sock)
        self.allowed_hosts = {f"{loopback}:{port}" for loopback in LOOPBACK_NAMES} | {urlsplit(address).netloc}
        self.tasks: set[asyncio.Task[object]] = set()  # each open tab's websocket handler
        self.exiting: asyncio.Future[None] | None = None  # ending the tabs, after a ctrl+c

    def initialize_logging(self) -> None:
        """Only warnings and errors (a reader process that failed to start), one line each."""
        logging.basicConfig(level=logging.WARNING, format="wikireader: %(message)s", stream=sys.stderr)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what the reader's page does not need (see the module's docstring)."""
        if self.loopback and request.host not in self.allowed_hosts:
            raise web.HTTPForbidden(text="This server answers only to its loopback address.\n")
        if not self._serves(request.path):
            raise web.HTTPNotFound()
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                raise web.HTTPForbidden(text="The reader's websocket is for its own page only.\n")
        return await handler(request)

    def _serves(self, path: str) -> bool:
        """True for the page, its websocket, an app's download and a file of textual-serve's assets."""
        if path in ("/", "/ws") or (path.startswith("/download/") and "/" not in path[len("/download/") :]):
            return True
        if not path.startswith("/static/"):
            return False
        root = self.statics_path.resolve()
        target = (root / path[len("/static/") :]).resolve()
        return target.is_relative_to(root) and target.is_file()

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, its websocket's address taken from how the browser reached it (a name or an
        address of a wildcard host); the Host header was checked by `_guard` on loopback."""
        self.public_url = f"{request.scheme}://{request.host}"
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler, its task remembered so that ctrl+c can end it."""
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.tasks.discard(task)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Serving {self.name} at {self.address} (ctrl+c stops)", flush=True)

    def request_exit(self) -> None:
        """ctrl+c or SIGTERM: end the tabs first, then stop; a second ctrl+c stops at once.

        Why first: a tab's websocket, closing, waits for the browser's reply, which it no longer
        reads once aiohttp's shutdown has begun; ending the tabs in `on_shutdown` took 2.2 s with
        a tab open, ending them before takes 0.26 s (0.13 s with none)."""
        if self.exiting is not None:
            raise GracefulExit()
        self.exiting = asyncio.ensure_future(self._end_tabs_then_exit())

    async def _end_tabs_then_exit(self) -> None:
        await self._end_tabs()
        await _readers_reaped()
        asyncio.get_running_loop().call_soon(Server.request_exit, self)  # raises GracefulExit

    async def on_shutdown(self, app: web.Application) -> None:
        await self._end_tabs()

    async def _end_tabs(self) -> None:
        """Cancel each tab's websocket handler: textual-serve's handler then tells its reader
        process to quit, waits for it, and closes the websocket."""
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def serve(self, debug: bool = False) -> None:
        """Run until ctrl+c or SIGTERM (replaces `Server.serve`, which binds its own socket)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                sock=self.sock,
                loop=loop,
                handle_signals=False,
                shutdown_timeout=SHUTDOWN_TIMEOUT,
                print=None,
                access_log=None,
            )
        except (GracefulExit, KeyboardInterrupt):  # a second ctrl+c while stopping
            pass
        print("Stopped.", flush=True)


async def _readers_reaped(timeout: float = 2.0) -> None:
    """Wait (up to `timeout` seconds) until asyncio has seen each ended reader process exit.

    asyncio's child watcher on Python < 3.12 (ThreadedChildWatcher) waits for each process in a
    thread named "asyncio-waitpid-N", which reports the exit to the event loop; if the loop has closed
    by then it logs "Loop ... that handles pid ... is closed" (seen once in three stops).  Where
    there are no such threads (another watcher), there is nothing to wait for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
        "waitpid-" in thread.name for thread in threading.enumerate()
    ):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0)  # the loop runs the exit callbacks the threads scheduled


def serve(
    path: str, title: str | None, host: str | None = None, port: int | None = None, options: Sequence[str] = ()
) -> None:
    """Serve the reader on `path` (a file or a folder; opened at article `title`) until ctrl+c;
    on 127.0.0.1 port 8000 unless told otherwise; `options` go to each tab's reader."""
    host = DEFAULT_HOST if host is None else host
    port = DEFAULT_PORT if port is None else port
    sock = listen(host, port)
    address = address_of(host, sock)
    if not is_loopback(sock):
        print(exposure_warning(address, Path(path)), file=sys.stderr, flush=True)
    name = Path(path).name + (f": {title}" if title else "")
    ReaderServer(reader_command(path, title, options), sock, address, name).serve()
