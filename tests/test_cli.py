"""The `wikireader` command end to end, run as a user runs it: `python -m reader ...` in a subprocess.

Every run checks the contract of the command line: exit status, nothing but one line on stderr
for an error, never a traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample"
SAMPLE = SAMPLE_DIR / "North_Koreans_in_Russia.txt"
DATA = ROOT / "tests" / "data"
EXAMPLE = DATA / "dump" / "wiki-example.txt"  # 20 real articles in one file
DAMAGED = DATA / "dump" / "alex-test-mojibake-truncated.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MARKUP = ("[tpl]", "[/tpl]", "[ref]", "[/ref]", "{{", "}}", "[[", "]]", "'''", "<ref", "&lt;")


def wikireader(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m reader ARGS` with piped output; check that it never shows a traceback."""
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS")}
    environment.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    result = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=environment,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    out = subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out


def assert_error(result: subprocess.CompletedProcess[str], pattern: str, status: int = 2) -> None:
    """A refusal: the given exit status, nothing on stdout, one line "wikireader: ..." on stderr."""
    assert result.returncode == status, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(f"wikireader: {pattern}", lines[0]), lines[0]


def assert_no_markup(text: str) -> None:
    leaks = [token for token in MARKUP if token in text]
    assert leaks == [], leaks


# ---------------------------------------------------------------------------- the sample, printed


@pytest.fixture(scope="module")
def sample_output() -> str:
    result = wikireader("--print", "--width", "100", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_print_shows_title_and_categories(sample_output: str) -> None:
    lines = sample_output.splitlines()
    assert lines[0].strip() == "North Koreans in Russia"
    flat = " ".join(sample_output.split())
    for category in ("Asian Russian", "Ethnic groups in Russia", "North Korean expatriates in Russia"):
        assert category in flat
    assert "CATEGORIES:" not in sample_output


def test_print_numbers_headings_like_a_table_of_contents(sample_output: str) -> None:
    headings = [line.strip() for line in sample_output.splitlines() if re.match(r"\s*\d+(\.\d+)* [A-Z]", line)]
    expected = ["1 Migration history", "1.1 Students", "1.2 Workers", "2 Refugees", "3 References"]
    assert [h for h in headings if h in expected] == expected


def test_print_has_markers_and_a_numbered_reference_list(sample_output: str) -> None:
    body, _, references = sample_output.rpartition("3 References")
    assert "roughly 10,000.[1]" in " ".join(body.split())
    assert re.search(r"^\s*1\. Lee, Jeanyoung", references, re.MULTILINE), references[:500]
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\. ", references, re.MULTILINE)]
    assert numbers[:5] == [1, 2, 3, 4, 5]
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert markers and max(markers) <= max(numbers)


def test_print_keeps_prose_and_renders_templates(sample_output: str) -> None:
    flat = " ".join(sample_output.split())
    assert "As of 2006, more than 10,000 North Koreans entered Russia" in flat
    assert "post-Korean War reconstruction period of North Korea from 1953 to 1962" in flat
    assert_no_markup(sample_output)


def test_print_fits_the_width(sample_output: str) -> None:
    from rich.cells import cell_len

    assert max(cell_len(line) for line in sample_output.splitlines()) <= 100


def test_piped_output_is_plain_text(sample_output: str) -> None:
    assert "\x1b" not in sample_output


def test_width_follows_columns() -> None:
    from rich.cells import cell_len

    result = wikireader("--print", str(SAMPLE), env={"COLUMNS": "50"})
    assert result.returncode == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 50
    assert max(cell_len(line) for line in result.stdout.splitlines()) > 40


def test_not_a_terminal_prints_without_being_asked() -> None:
    """`wikireader FILE > out.txt`: there is no screen to run the reader on, so print."""
    result = wikireader(str(SAMPLE), "--width", "80")
    assert result.returncode == 0
    assert "1.1 Students" in result.stdout


def test_styled_output_on_a_terminal_and_no_color_respected() -> None:
    """Run under a pseudo-terminal: rich styles appear; with NO_COLOR they do not."""
    pty = pytest.importorskip("pty")
    styled = run_in_pty(pty, ["--print", "--width", "80", str(SAMPLE)], {})
    assert ANSI.search(styled), styled[:300]
    assert "Migration history" in ANSI.sub("", styled)
    plain = run_in_pty(pty, ["--print", "--width", "80", str(SAMPLE)], {"NO_COLOR": "1"})
    assert "\x1b[" not in plain
    assert "Migration history" in plain


def run_in_pty(pty, args: list[str], env: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """Run the command with its stdout on a pseudo-terminal; return what it wrote."""
    main, child = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment.update({"TERM": "xterm-256color", **env})
    with subprocess.Popen(
        [sys.executable, "-m", "reader", *args], stdout=child, stderr=subprocess.PIPE, env=environment, cwd=ROOT
    ) as process:
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, stderr = process.communicate(timeout=60)
    os.close(main)
    assert process.returncode == 0, stderr
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


# ---------------------------------------------------------------------------- other samples


def test_every_bundled_sample_prints_cleanly() -> None:
    samples = sorted(path for path in SAMPLE_DIR.iterdir() if path.suffix in (".txt", ".wiki"))
    assert len(samples) >= 4
    for path in samples:
        result = wikireader("--print", "--width", "90", str(path))
        assert result.returncode == 0, (path, result.stderr)
        assert result.stdout.strip(), path
        assert_no_markup(result.stdout)


def test_redirect_sample_names_its_target() -> None:
    result = wikireader("--print", str(SAMPLE_DIR / "Balfour_declaration.txt"))
    assert result.returncode == 0
    assert "Balfour Declaration" in result.stdout
    assert "#REDIRECT" not in result.stdout


def test_wikitext_sample_reads_as_wikitext() -> None:
    result = wikireader("--print", "--width", "100", str(SAMPLE_DIR / "royal_cinema.wiki"))
    flat = " ".join(result.stdout.split())
    # No title line: the file name, a capital first as in every title.
    assert result.stdout.splitlines()[0].strip() == "Royal cinema"
    assert "The Royal Cinema is an Art Moderne event venue and cinema in Toronto, Canada." in flat
    assert "About - theroyal.to" in flat
    assert_no_markup(result.stdout)


# ---------------------------------------------------------------------------- several articles


def test_all_articles_of_a_file_print_in_order() -> None:
    result = wikireader("--print", "--width", "100", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    titles = ["BBS", "British Standards", "Building society", "Benzodiazepine", "Bronze age", "Bicameral mind"]
    positions = [result.stdout.find(f"\n{title}\n") if i else result.stdout.find(title)
                 for i, title in enumerate(titles)]
    assert -1 not in positions, dict(zip(titles, positions, strict=True))
    assert positions == sorted(positions)
    assert result.stdout.count("=" * 100) == 19  # a rule between each two of the 20 articles


@pytest.mark.parametrize("how", [("--article", "building SOCIETY"), ("building society",)])
def test_one_article_by_title_any_case(how: tuple[str, ...]) -> None:
    result = wikireader("--print", str(EXAMPLE), *how)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].strip() == "Building society"
    assert "British Standards" not in result.stdout.splitlines()[0]
    assert "Benzodiazepine" not in result.stdout


def test_unknown_article_lists_close_matches() -> None:
    result = wikireader("--print", str(EXAMPLE), "--article", "Bell curv")
    assert_error(result, r"no article called 'Bell curv' in wiki-example\.txt; close matches: .*'Bell [Cc]urve'.*")
    assert "'Bell Curve'" in result.stderr and "'Bell curve'" in result.stderr  # both spellings offered
    assert result.stderr.count("'") <= 2 + 2 * 5  # at most five matches


def test_unknown_article_with_nothing_close() -> None:
    result = wikireader("--print", str(EXAMPLE), "--article", "Zzyzx qqq")
    assert_error(result, r"no article called 'Zzyzx qqq' in wiki-example\.txt")


def test_two_different_titles_are_an_error() -> None:
    result = wikireader("--print", str(EXAMPLE), "BBS", "--article", "Banda")
    assert_error(result, r"two different articles asked for: 'Banda' and 'BBS'")


# ---------------------------------------------------------------------------- stdin, encodings


def test_dash_reads_standard_input() -> None:
    result = wikireader("--print", "-", stdin=SAMPLE.read_bytes())
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].strip() == "North Koreans in Russia"
    assert "1.1 Students" in result.stdout


def test_mojibake_in_a_file_of_one_article_is_repaired_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "dash.txt"
    path.write_text("[[Dash]]\n\nA range 1990\u00e2\u20ac\u201c1995 of years.\n", encoding="utf-8")
    result = wikireader("--print", str(path))
    assert result.returncode == 0 and "1990–1995" in result.stdout
    assert result.stderr.splitlines() == [f"note: repaired mis-encoded text (mojibake) in {path}"]


def test_mojibake_is_repaired_with_a_notice() -> None:
    result = wikireader("--print", "--width", "200", str(DAMAGED), "Building society")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"note: repaired mis-encoded text (mojibake) in {DAMAGED}"]
    assert "â€" not in result.stdout and "Â£" not in result.stdout
    assert "with total assets exceeding £360 billion" in " ".join(result.stdout.split())


def test_cp1252_file_is_read_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("[[Café]]\r\n\r\nA “quoted” café – in cp1252.\r\n".encode("cp1252"))
    result = wikireader("--print", str(path))
    assert result.returncode == 0
    assert result.stderr == f"note: {path} is not UTF-8; read as cp1252\n"
    assert "A “quoted” café – in cp1252." in result.stdout


# ---------------------------------------------------------------------------- bad input


def test_missing_file() -> None:
    assert_error(wikireader("--print", "no/such/file.txt"), r"no/such/file\.txt: no such file")


def test_directory() -> None:
    """A folder is a collection (tests/test_collection.py): printing it all is refused."""
    assert_error(wikireader("--print", str(SAMPLE_DIR)), r".*sample is a folder: name the article to print .*")


def test_missing_file_without_print_too() -> None:
    assert_error(wikireader("nope.txt"), r"nope\.txt: no such file")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("[[A]]\n\nText.\n")
    path.chmod(0)
    assert_error(wikireader("--print", str(path)), r"cannot read .*secret\.txt: permission denied")


def test_unreadable_file_as_any_user(tmp_path: Path) -> None:
    """Root reads everything, so make the OS refuse for another reason: a path through a file."""
    path = tmp_path / "file.txt"
    path.write_text("x")
    assert_error(wikireader("--print", str(path / "child.txt")), r"cannot open .*child\.txt: not a directory")


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"\x89PNG\r\n\x1a\n" + bytes(100), "it looks like a PNG image"),
     (bytes(range(256)) * 64, "it holds binary data")],
)
def test_binary_file(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    assert_error(wikireader("--print", str(path)), rf".*image\.txt is not a text file \({kind}\)")


def test_bad_width_is_a_usage_error() -> None:
    result = wikireader("--print", "--width", "abc", str(SAMPLE))
    assert result.returncode == 2
    assert "--width: not a number of columns: 'abc'" in result.stderr


def test_help_and_version() -> None:
    help_result = wikireader("--help")
    assert help_result.returncode == 0
    assert "usage: wikireader" in help_result.stdout and "--article TITLE" in help_result.stdout
    version = wikireader("--version")
    assert re.fullmatch(r"wikireader \d+\.\d+\.\d+\n", version.stdout)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def printed(path: Path, *args: str) -> str:
    result = wikireader("--print", "--width", "80", *args, str(path))
    assert result.returncode == 0, result.stderr
    return result.stdout


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def test_empty_file(tmp_path: Path) -> None:
    out = printed(write(tmp_path, "Empty_page.txt", ""))
    assert out.splitlines()[0].strip() == "Empty page"


def test_only_headings(tmp_path: Path) -> None:
    out = printed(write(tmp_path, "h.txt", "[[Headings]]\n\n==One==\n\n===Two===\n\n==Three==\n"))
    lines = [line.strip() for line in out.splitlines() if re.search(r"\w", line)]
    assert lines == ["Headings", "1 One", "1.1 Two", "2 Three", "3 References"] or lines == [
        "Headings", "1 One", "1.1 Two", "2 Three"
    ]


def test_two_megabyte_single_line(tmp_path: Path) -> None:
    sentence = "The quick brown fox jumps over the lazy dog number {n}. "
    line = "".join(sentence.format(n=n) for n in range(2_000_000 // len(sentence)))
    out = printed(write(tmp_path, "long.txt", "[[Long]]\n\n" + line + "\n"))
    assert len(out.splitlines()) > 20_000
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "number 0." in out and f"number {2_000_000 // len(sentence) - 1}." in out


def test_deeply_nested_templates(tmp_path: Path) -> None:
    nested = "[tpl]nowrap|" * 200 + "deep words inside" + "[/tpl]" * 200
    out = printed(write(tmp_path, "nest.txt", f"[[Nest]]\n\nBefore {nested} after.\n"))
    flat = " ".join(out.split())
    assert "Before" in flat and "after." in flat and "deep words inside" in flat
    assert_no_markup(out)


def test_nul_bytes_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path, "nul.txt", b"[[Nul]]\r\n\r\nSome\x00 text with\x00 NULs.\r\n\r\n==Next==\r\n\r\nMore.\r\n")
    result = wikireader("--print", str(path))
    assert result.returncode == 0
    assert result.stderr == f"note: removed 2 NUL bytes from {path}\n"
    assert "Some text with NULs." in result.stdout and "1 Next" in result.stdout
    assert "\r" not in result.stdout


def test_scripts_and_wide_characters(tmp_path: Path) -> None:
    text = (
        "[[Scripts]]\n\n"
        "東京都は日本の首都である。Ελληνικά κείμενα. Русский текст.\n"
        "עברית מימין לשמאל and العربية من اليمين. Emoji 👩‍🔬 🇯🇵 and combining e\u0301 a\u0308.\n"
    )
    out = printed(write(tmp_path, "scripts.txt", text))
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert words(text.split("\n", 2)[2]) <= words(out)
    for token in ("東京都", "👩\u200d🔬", "🇯🇵", "e\u0301"):
        assert token in out.replace("\n", "")


def test_closed_pipe_is_quiet() -> None:
    command = f"{sys.executable} -m reader --print --width 60 {EXAMPLE} | head -n 3"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 3
    assert result.returncode == 0


# ---------------------------------------------------------------------------- failures that are not the input's


def test_no_terminal_for_the_reader_is_a_clear_error() -> None:
    """Standard input is the file and there is no terminal to take keys from: say so, do not hang."""
    pty = pytest.importorskip("pty")
    main, child = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "-"],
            input=SAMPLE.read_bytes(),
            stdout=child,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=60,
            start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
            check=False,
        )
    finally:
        os.close(child)
        os.close(main)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "wikireader: the reader needs a terminal to take keys from; use --print to print instead\n"
    )


def test_ctrl_c_exits_quietly_with_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reader import cli

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "print_articles", interrupted)
    assert cli.main(["--print", str(SAMPLE)]) == 130
    assert capsys.readouterr().err == ""


def test_a_bug_is_one_line_and_status_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reader import cli

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("something\nwent wrong")

    monkeypatch.setattr(cli, "print_articles", broken)
    monkeypatch.delenv("WIKIREADER_DEBUG", raising=False)
    assert cli.main(["--print", str(SAMPLE)]) == 1
    assert capsys.readouterr().err == "wikireader: internal error: ValueError: something went wrong\n"


# ---------------------------------------------------------------------------- the README tells the truth


README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_excerpt_is_real_print_output() -> None:
    """The README shows `--print` output of the sample: every line of it must be what we print."""
    block = re.search(r"```text\n\$ wikireader (--print --width (\d+) (\S+))\n(.*?)\n```", README, re.S)
    assert block, "the README has no --print excerpt"
    result = wikireader("--print", "--width", block.group(2), block.group(3))
    shown = [line for line in block.group(4).splitlines() if line != "[...]"]
    actual = result.stdout.splitlines()
    position = 0
    for line in shown:
        assert line in actual[position:], (
            f"README line {line!r} is not in the output (in order); refresh the excerpt from "
            f"`python -m reader {block.group(1)}`"
        )
        position = actual.index(line, position) + 1
    assert len(shown) > 20


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The first thing it runs in the checkout (after installing chromium, a Debian package, if missing)
    # is the README's command; the checks it adds come after.
    runs = [line for line in ci.splitlines() if line.startswith((".venv/", "python3"))]
    command = runs[0]
    assert command == "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest -n 2"
    assert runs[1:] == [".venv/bin/pip install '.[check]'", ".venv/bin/mypy", ".venv/bin/ruff check reader tests"]
    assert f"```sh\n{command}\n```" in README
    assert ci.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in ci


def test_readme_sample_command_opens_a_bundled_sample() -> None:
    command = ("python3 -m venv .venv && .venv/bin/pip install . && "
               ".venv/bin/wikireader sample/North_Koreans_in_Russia.txt")
    assert f"```sh\n{command}\n```" in README
    assert SAMPLE.is_file()


def test_output_that_cannot_hold_every_character_gets_replacements() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--print", str(SAMPLE_DIR / "Perejil_Island.txt")],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Perejil Island (Berber: Tura" in result.stdout and b"?" in result.stdout


def test_every_corpus_file_prints(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every real article of the shared corpus, in both formats: printed, status 0, only notes on stderr."""
    from reader import cli

    files = sorted(corpus_dir.glob("dump/*.txt")) + sorted(corpus_dir.glob("wikitext/*.wiki"))
    files += sorted(corpus_dir.glob("dump-files/*"))
    assert len(files) > 90
    for path in files:
        status = cli.main(["--print", "--width", "100", str(path)])
        captured = capsys.readouterr()
        assert status == 0, (path, captured.err)
        assert captured.out.strip(), path
        assert all(line.startswith("note: ") for line in captured.err.splitlines()), (path, captured.err)


def test_binary_on_standard_input() -> None:
    result = wikireader("--print", "-", stdin=b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(300))
    assert_error(result, r"standard input is not a text file \(it looks like a zip archive\)")


def test_empty_standard_input() -> None:
    result = wikireader("--print", "-", stdin=b"")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].strip() == "Standard input"


# ---------------------------------------------------------------------------- the reader, opened by the command


def open_in_terminal(
    args: list[str], stdin_data: bytes | None = None, wait_for: str = "1.1 Students", quit_key: bytes = b"q"
) -> tuple[int, str]:
    """Run `python -m reader ARGS` on a pseudo-terminal seen through pyte; wait for `wait_for`,
    press `quit_key`, and return (exit status, the screen as it was)."""
    pyte = pytest.importorskip("pyte")
    pty = pytest.importorskip("pty")
    import fcntl
    import select
    import struct
    import termios
    import time

    stdin_pipe = os.pipe() if stdin_data is not None else None
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the command
        try:
            os.chdir(ROOT)
            if stdin_pipe is not None:
                os.close(stdin_pipe[1])
                os.dup2(stdin_pipe[0], 0)
            env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "LINES")}
            env["TERM"] = "xterm-256color"
            os.execve(sys.executable, [sys.executable, "-m", "reader", *args], env)
        finally:
            os._exit(127)
    if stdin_pipe is not None:
        os.close(stdin_pipe[0])
        os.write(stdin_pipe[1], stdin_data or b"")
        os.close(stdin_pipe[1])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    screen = pyte.Screen(110, 30)
    stream = pyte.ByteStream(screen)
    shown, deadline, quit_sent, seen_at = "", time.monotonic() + 60, False, 0.0
    status = None
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    stream.feed(os.read(fd, 65536))
                except OSError:  # the child closed the terminal: it is exiting
                    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
                    break
            if not seen_at and wait_for in "\n".join(screen.display):
                seen_at = time.monotonic()
            # Once the text is there, let the frame finish drawing (no output for 0.5 s), then quit.
            if seen_at and not quit_sent and not ready and time.monotonic() - seen_at > 0.5:
                shown = "\n".join(screen.display)
                os.write(fd, quit_key)
                quit_sent = True
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(code)
                break
    finally:
        if status is None:
            try:
                os.kill(pid, 9)
                _, code = os.waitpid(pid, 0)
            except OSError:
                pass
        os.close(fd)
    assert shown, "the reader never showed " + repr(wait_for) + ":\n" + "\n".join(screen.display)
    return status if status is not None else -1, shown


def test_the_command_opens_the_reader_and_q_quits() -> None:
    status, screen = open_in_terminal([str(SAMPLE)])
    assert status == 0
    assert "North Koreans in Russia" in screen and "1 Migration history" in screen


def test_standard_input_opens_the_reader_with_keys_from_the_terminal() -> None:
    status, screen = open_in_terminal(["-"], stdin_data=SAMPLE.read_bytes())
    assert status == 0
    assert "1.2 Workers" in screen


def test_the_command_opens_one_article_of_many_by_title() -> None:
    status, screen = open_in_terminal([str(EXAMPLE), "--article", "burwash hall"], wait_for="second oldest")
    assert status == 0
    assert "Burwash Hall is the second oldest" in screen


def test_the_command_opens_the_picker_on_a_file_of_many() -> None:
    status, screen = open_in_terminal([str(EXAMPLE)], wait_for="Bicameral mind", quit_key=b"\x11")  # ctrl+q
    assert status == 0
    assert "Building society" in screen and "Bicameral mind" in screen
