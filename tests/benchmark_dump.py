"""Benchmark: a 20 MB dump file of real articles in the picker, against a bare Textual app.

Run on demand (not a test): ``python tests/benchmark_dump.py [--megabytes 20] [--runs 3]``.

It builds a ~20 MB file in a temporary directory by concatenating the real articles of
``../shared/corpus/dump`` over and over, each copy's title made distinct ("Rosa Parks
(copy 3)"), then prints, with each figure's target from issue 4:

- indexing: read + decode + split the file (in process), and the split alone;
- time to the first titles in the picker (``python -m reader FILE`` in a pseudo-terminal)
  against a bare Textual app's first paint (a Label) in the same run: target <= 1.5x;
- filter latency per keystroke, and opening the largest article: target < 200 ms;
- file-wide search: in process, and in the app to the full result list: target < 2 s;
- peak memory of the picker session against the bare app's: target < 3.5x.

The terminal is driven through ``../shared/tools/term.py`` (pyte); the latencies include
its screen emulation, as a user's terminal would.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dump"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_term import DrainedTerm as Term  # noqa: E402  (the shared harness, drained by a thread)

from reader.source.library import Library  # noqa: E402
from reader.source.search import search_file  # noqa: E402
from reader.source.split import Entry, split_articles  # noqa: E402

COLS, ROWS = 120, 40
BARE_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Label('BARE-READY')\n"
    "Bare().run()\n"
)
BARE_INPUT_APP = BARE_APP.replace("Label", "Input").replace("Input('BARE-READY')", "Input(placeholder='BARE-READY')")
SEARCH_PHRASE = "civil rights"  # in many real articles, not in most


def build_file(directory: Path, megabytes: float) -> tuple[Path, list[str]]:
    """A dump file of about `megabytes` MB made of real articles with distinct titles."""
    articles = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").rstrip("\n")
        title_line, _, body = text.partition("\n")
        articles.append((title_line[2:-2], body))
    parts: list[str] = []
    titles: list[str] = []
    size = 0
    copy = 0
    while size < megabytes * 1_000_000:
        for title, body in articles:
            name = title if copy == 0 else f"{title} (copy {copy})"
            part = f"[[{name}]]\n{body}\n\n\n"
            parts.append(part)
            titles.append(name)
            size += len(part.encode("utf-8"))
        copy += 1
    path = directory / "dump-20mb.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path, titles


def best_of(runs: int, measure) -> float:  # type: ignore[no-untyped-def]
    """The median of `runs` measurements (seconds)."""
    return statistics.median(measure() for _ in range(runs))


def index_figures(path: Path, runs: int) -> dict[str, float]:
    """Read+decode+index, and split alone, in process."""

    def open_all() -> float:
        started = time.perf_counter()
        Library.open(str(path)).index_all()
        return time.perf_counter() - started

    text = Library.open(str(path)).text

    def split_only() -> float:
        started = time.perf_counter()
        split_articles(text, "x")
        return time.perf_counter() - started

    return {"open": best_of(runs, open_all), "split": best_of(runs, split_only)}


def largest_article(path: Path) -> Entry:
    """The file's largest article (the library is let go at once: see `main`)."""
    library = Library.open(str(path))
    return max(library.entries, key=lambda entry: entry.size)


def first_paints(path: Path, first_title: str, runs: int) -> tuple[list[float], list[float], float]:
    """First paints of the bare app and the picker's first titles, runs interleaved so that a
    busy machine weighs on both alike; and the bare app's median peak RSS in MiB."""
    bare, picker, peaks = [], [], []
    for _ in range(runs):
        term = Term([sys.executable, "-c", BARE_APP], COLS, ROWS)
        bare.append(term.wait_for("BARE-READY", 30, since=term.started) or float("nan"))
        term.settle(0.3)
        peaks.append(term.close("\x11")[1])
        term = Term([sys.executable, "-m", "reader", str(path)], COLS, ROWS, cwd=str(ROOT))
        shown = term.wait_for(lambda s: f" {first_title} " in s and "articles" in s, 30, since=term.started)
        picker.append(shown or float("nan"))
        term.close("\x11")
    return bare, picker, statistics.median(peaks)


def bare_key_echo() -> float:
    """Median time for a bare Textual Input to show a typed key: the floor of any key latency here."""
    term = Term([sys.executable, "-c", BARE_INPUT_APP], COLS, ROWS)
    term.wait_for("BARE-READY", 30, since=term.started)
    term.settle(0.3)
    echoes, typed = [], ""
    for char in "michael jackson":
        typed += char
        started = time.perf_counter()
        term.press(char)
        echoes.append(term.wait_for(typed, 10, since=started) or float("nan"))
    term.close("\x11")
    return statistics.median(echoes)


def session(path: Path, titles: list[str], biggest: str) -> dict[str, object]:
    """One picker session: filter keystrokes, open the largest article, back, search all."""
    figures: dict[str, object] = {}
    term = Term([sys.executable, "-m", "reader", str(path)], COLS, ROWS, cwd=str(ROOT))
    count = f"{len(titles):,} articles"
    figures["count_shown_s"] = term.wait_for(lambda s: count in s and "indexing" not in s, 30, since=term.started)
    term.settle(0.3)
    # Filter: each keystroke until the status line reports the filter with that prefix.
    query = biggest.lower()
    latencies = []
    for number in range(1, len(query) + 1):
        prefix = query[:number]
        started = time.perf_counter()
        term.press(prefix[-1])
        typed = prefix.strip()
        latency = term.wait_for(lambda s, p=typed: f"match “{p}”" in s or f"no title matches “{p}”" in s,
                                10, since=started)
        latencies.append(latency if latency is not None else float("nan"))
    figures["filter_ms"] = [round(value * 1000, 1) for value in latencies]
    # Open the first (exact) hit: the largest article; wait for the reader's footer.
    term.settle(0.2)
    started = time.perf_counter()
    term.press("\r")
    figures["open_s"] = term.wait_for(lambda s: "Articles" in s and "Tree" in s, 15, since=started)
    term.settle(0.5)
    # Back to the picker, then search the whole file.
    started = time.perf_counter()
    term.press("o")
    figures["back_s"] = term.wait_for(lambda s: "titles match" in s, 10, since=started)
    term.press("\x06")
    term.wait_for("Phrase to find", 10)
    term.press(SEARCH_PHRASE)
    term.settle(0.2)
    started = time.perf_counter()
    term.press("\r")
    # The status line's start: its end may lie under a notification.
    done = re.compile(f"“{re.escape(SEARCH_PHRASE)}” in [0-9,]+ articles?, |no article contains")
    figures["search_app_s"] = term.wait_for(lambda s: done.search(s) is not None, 30, since=started)
    figures["search_status"] = next((line.strip() for line in term.text().splitlines() if "hits" in line), "")
    # Open a result: the reader searches the article for the phrase.
    started = time.perf_counter()
    term.press("\r")
    figures["open_result_s"] = term.wait_for(lambda s: "Articles" in s and "Tree" in s, 15, since=started)
    term.settle(0.5)
    _, figures["peak_mb"] = term.close("\x11")
    return figures


def main(argv: list[str] | None = None) -> int:
    """Build the file, measure, print the figures with their targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is missing: {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as directory:
        path, titles = build_file(Path(directory), args.megabytes)
        size_mb = path.stat().st_size / 1_000_000
        print(f"file: {size_mb:.1f} MB, {len(titles):,} real articles (corpus/dump x{len(titles) // 61})")

        biggest = largest_article(path)
        bares, firsts, bare_peak = first_paints(path, titles[0], args.runs)
        bare, first = statistics.median(bares), statistics.median(firsts)
        print(f"first paint (median of {args.runs}, interleaved): bare Textual app {bare:.3f} s; picker's first"
              f" titles {first:.3f} s = {first / bare:.2f}x (target <= 1.5x); best runs {min(bares):.3f} s"
              f" vs {min(firsts):.3f} s = {min(firsts) / min(bares):.2f}x")
        bare_echo = bare_key_echo()

        figures = session(path, titles, biggest.title)
        # In process last: a pseudo-terminal's child is forked from this process, and its peak
        # memory would count whatever this process held at the time.
        index = index_figures(path, args.runs)
        print(f"index: open (read+decode+split) {index['open'] * 1000:.0f} ms, "
              f"split alone {index['split'] * 1000:.0f} ms")

        library = Library.open(str(path))
        started = time.perf_counter()
        hits = list(search_file(library.text, library.entries, SEARCH_PHRASE))
        search_s = time.perf_counter() - started
        print(f"search in process: “{SEARCH_PHRASE}” in {len(hits)} articles, {sum(h.count for h in hits)} hits,"
              f" {search_s:.2f} s (target < 2 s)")

        filter_ms = [value for value in figures["filter_ms"] if value == value]  # type: ignore[union-attr]
        print(f"full count shown after {figures['count_shown_s']} s")
        print(f"filter latency per keystroke (typing “{biggest.title.lower()}”): median"
              f" {statistics.median(filter_ms):.0f} ms, max {max(filter_ms):.0f} ms (target < 200 ms);"
              f" a bare app's Input echoes a key in {bare_echo * 1000:.0f} ms")
        print(f"  per keystroke (ms): {figures['filter_ms']}")
        print(f"open the largest article ({biggest.title}, {biggest.size / 1000:.0f} KB): {figures['open_s']} s"
              f" (target < 0.2 s); back to the picker {figures['back_s']} s")
        print(f"search in the app to the full list: {figures['search_app_s']} s (target < 2 s):"
              f" {figures['search_status']}")
        print(f"open a search result (in-article search started): {figures['open_result_s']} s")
        peak = figures["peak_mb"]
        print(f"peak memory: picker session {peak} MiB, bare app {bare_peak} MiB"
              f" = {peak / bare_peak:.2f}x (target < 3.5x)")  # type: ignore[operator]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
