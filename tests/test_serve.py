"""`wikireader --serve` without a browser: what it serves and refuses, and its command line.

The server runs as a subprocess on a free loopback port (tests never listen elsewhere).  A
crafted request is sent as raw HTTP, its path exactly as written (http.client does not tidy
it up, as a browser or curl would).
"""

from __future__ import annotations

import asyncio
import http.client
import shlex
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from served import ROOT, Served

from reader.serve import address_of, exposure_warning, is_loopback, reader_command

SAMPLE = "sample/North_Koreans_in_Russia.txt"
SECRET = "North Koreans"  # text of the article: it is drawn by the reader, never served


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    server = Served.start(SAMPLE)
    yield server
    status, out, err = server.stop()
    assert (status, out.strip(), err) == (0, "Stopped.", "")


def get(served: Served, path: str, host: str | None = None) -> tuple[int, str]:
    """GET `path`, sent as written; (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_the_page_and_its_script_are_served(served: Served) -> None:
    status, page = get(served, "/")
    assert status == 200
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    assert "wikireader: North_Koreans_in_Russia.txt" in page
    status, script = get(served, "/static/js/textual.js")
    assert status == 200 and "WebSocket" in script


@pytest.mark.parametrize(
    "path",
    [
        "/" + SAMPLE,
        str(ROOT / SAMPLE),
        "/etc/passwd",
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/server.py",
        "/static/../server.py",
        "/static//etc/passwd",
        "/static/js/../../server.py",
        "/static/",
        "/static/js",
        "/static/js/",
        "/download/../static/js/textual.js/../../../server.py",
        "/download/x/../../etc/passwd",
        "/download/nothing-offered",
        "/ws/../etc/passwd",
        "//etc/passwd",
        "/?path=/etc/passwd&file=" + SAMPLE,
    ],
)
def test_a_crafted_path_reads_nothing_else(served: Served, path: str) -> None:
    status, body = get(served, path)
    if path.startswith("/?"):  # the page, which reads no query but its font size
        assert status == 200 and SECRET not in body and "root:" not in body
        return
    assert status in (400, 403, 404), body
    assert SECRET not in body and "root:" not in body and "import" not in body


def test_another_name_in_the_host_header_is_refused_on_loopback(served: Served) -> None:
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1."""
    assert get(served, "/", host=f"evil.example:{served.port}")[0] == 403
    assert get(served, "/static/js/textual.js", host=f"evil.example:{served.port}")[0] == 403
    assert get(served, "/", host=f"localhost:{served.port}")[0] == 200


def test_the_websocket_refuses_a_page_of_another_origin(served: Served) -> None:
    async def status(origin: str) -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(f"{served.address}/ws", origin=origin) as socket_:
                    await socket_.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(status("http://evil.example")) == 403
    assert asyncio.run(status(f"http://evil.example:{served.port}")) == 403
    assert asyncio.run(status(served.address)) == 101


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_port_in_use_is_a_one_line_error_naming_it() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("--serve", "--port", str(port), SAMPLE)
    assert result.returncode == 2
    assert result.stderr == f"wikireader: port {port} is in use on 127.0.0.1; choose another with --port\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["--serve", "-"], "wikireader: --serve needs a file: each browser tab reads it anew, not standard input\n"),
        (["--serve", "no-such-file.txt"], "wikireader: no-such-file.txt: no such file\n"),
        (["--serve", SAMPLE, "Nowhere"], "wikireader: no article called 'Nowhere' in North_Koreans_in_Russia.txt\n"),
        (["--serve", "--print", SAMPLE],
         "wikireader: --serve does not go with --print, --width, --index or --search\n"),
        (["--serve", "--host", "no-such-host.invalid", SAMPLE], None),
    ],
)
def test_what_cannot_be_served_is_a_one_line_error_before_listening(args: list[str], message: str | None) -> None:
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("wikireader: ")
    if message is not None:
        assert result.stderr == message


def test_an_article_named_is_served_as_the_file_spells_it() -> None:
    server = Served.start("tests/data/dump/wiki-example.txt", "barry goldwater")
    try:
        assert server.first_line == f"Serving wiki-example.txt: Barry Goldwater at {server.address} (ctrl+c stops)\n"
    finally:
        server.stop()


def test_a_bad_port_is_a_usage_error() -> None:
    result = run("--serve", "--port", "65536", SAMPLE)
    assert result.returncode == 2 and "not a port number (0-65535): '65536'" in result.stderr


def test_the_command_for_each_tab_is_fixed_at_start() -> None:
    """Absolute path, and a title that starts with '-' or holds quotes stays one argument."""
    command = reader_command("sample/x y.txt", "-Rosa 'Parks'")
    assert shlex.split(command) == [
        sys.executable, "-m", "reader", str(Path("sample/x y.txt").resolve()), "--article=-Rosa 'Parks'"
    ]


def test_listening_beyond_loopback_is_told_in_one_line() -> None:
    # Bound, never listening: the test opens nothing to the network.
    with socket.socket() as wide, socket.socket() as local:
        wide.bind(("0.0.0.0", 0))
        local.bind(("127.0.0.1", 0))
        assert not is_loopback(wide) and is_loopback(local)
        assert address_of("0.0.0.0", wide) == f"http://{socket.gethostname()}:{wide.getsockname()[1]}"
        assert address_of("127.0.0.1", local) == f"http://127.0.0.1:{local.getsockname()[1]}"
    warning = exposure_warning("http://reader.lan:8000", Path("/home/x/dump.txt"))
    assert warning == (
        "warning: serving on http://reader.lan:8000, beyond this machine: "
        "anyone who can reach that address can read dump.txt"
    )


EVIL = """[[Evil]]

Evil is a test article.[ref][tpl]cite web|url=javascript:document.title='pwned'|title=Evil page[/tpl][/ref]
Good is another.[ref][tpl]cite web|url=HTTPS://example.org/a|title=Good page[/tpl][/ref]

==References==
"""


async def test_o_in_a_citation_opens_web_addresses_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A served page opens a citation's URL with window.open: a `javascript:` one would run in
    the reader's own origin (and in a terminal it means nothing), so `o` refuses it."""
    import webbrowser

    from reader.source.library import Library
    from reader.ui.app import ReaderApp
    from reader.ui.screens.citation import CitationScreen

    opened: list[str] = []
    app = ReaderApp(Library.from_text(EVIL, "evil.txt"))
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: opened.append(url) or True)  # in a terminal
    said: list[str] = []
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(200):  # until the article is parsed and laid out
            await pilot.pause()
            layout = getattr(getattr(app.screen, "pane", None), "text_layout", None)
            if layout is not None and layout.complete:
                break
        for key, expected in (("c", []), ("c", ["HTTPS://example.org/a"])):
            await pilot.press(key, "enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CitationScreen)
            await pilot.press("o")
            await pilot.pause()
            said.append(str(screen.query_one("#dialog").border_subtitle))
            assert opened == expected
            await pilot.press("escape")
        assert "Not a web address, not opened: javascript:" in said[0]


def test_a_tab_gets_the_reader_and_a_note_on_the_file_is_said_once(tmp_path: Path) -> None:
    """A websocket client is a tab: it gets the reader's frames.  A remark on the file (here:
    not UTF-8) is said once, by the server at start, not again by each tab's reader."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("[[Caf\u00e9 society]]\n\nCaf\u00e9 society \u2013 a test.\n".encode("cp1252"))
    server = Served.start(str(legacy))

    async def first_frames() -> bytes:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"{server.address}/ws?width=80&height=24", origin=server.address) as tab:
                received = b""
                while "Café society".encode() not in received:
                    message = await asyncio.wait_for(tab.receive(), timeout=20)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    received += message.data
                return received

    try:
        assert "Café society".encode() in asyncio.run(first_frames())
    finally:
        status, out, err = server.stop()
    assert (status, out.strip()) == (0, "Stopped.")
    assert err == f"note: {legacy} is not UTF-8; read as cp1252\n"


@pytest.mark.parametrize(
    "path, key, focused",
    [(SAMPLE, "G", "pane"), ("tests/data/dump/wiki-example.txt", "b", "picker-filter")],
)
async def test_an_app_started_blurred_gives_the_first_key_to_its_auto_focus_widget(
    path: str, key: str, focused: str
) -> None:
    """Textual's web driver starts the app blurred (until a key or a click): the screen composed
    then focused nothing, and the pane's keys did nothing until a click."""
    from reader.source.library import Library
    from reader.ui.app import ReaderApp

    app = ReaderApp(Library.open(str(ROOT / path)), cursor_blink=False)
    app.set_reactive(ReaderApp.app_focus, False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(30):
            await pilot.pause()
        assert app.focused is None
        await pilot.press(key)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == focused
        if focused == "pane":
            assert app.focused.scroll_y > 0  # G: the end
        else:
            assert getattr(app.focused, "value", None) == "b"
