"""Parser benchmark (run on demand, not a test): ``python tests/benchmark_parse.py``.

Prints parse throughput on the whole corpus and on a ~1 MB article (a long article
repeated), and our overhead as a ratio to mwparserfromhell's bare ``parse()`` of the same
wikitext, measured in the same run (target: under 1.5x).  For the dump format the bare
baseline parses the text already converted to ``{{ }}``; our time includes the conversion.
Each figure is the best of five runs in CPU time, ours and the baseline alternating,
to damp the noise of a shared machine.
"""

from __future__ import annotations

import gc
import glob
import os
import sys
import time
from collections.abc import Callable

import mwparserfromhell

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from reader.parse import parse_article  # noqa: E402
from reader.parse.dumpformat import to_wikitext  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("WIKIREADER_CORPUS", os.path.join(HERE, "..", "..", "shared", "corpus"))
LOCAL = os.path.join(HERE, "data", "parse")


def best(run: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of `repeat` runs, in seconds of this process's CPU time (a shared,
    busy machine inflates wall-clock time; CPU time is what the parse itself costs)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def paired(first: Callable[[], object], second: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Best times of two runs measured alternately, so that both see the same machine load."""
    a, b = [], []
    for _ in range(repeat):
        a.append(best(first, 1))
        b.append(best(second, 1))
    return min(a), min(b)


def articles() -> list[tuple[str, str]]:
    """(format, text) of every corpus article (the copies in tests/data without a corpus)."""
    folder = CORPUS if os.path.isdir(CORPUS) else None
    paths = (sorted(glob.glob(os.path.join(folder, "dump", "*.txt"))) +
             sorted(glob.glob(os.path.join(folder, "wikitext", "*.wiki")))) if folder else \
        sorted(glob.glob(os.path.join(LOCAL, "*")))
    return [("wikitext" if p.endswith(".wiki") else "dump", open(p, encoding="utf-8", errors="replace").read())
            for p in paths]


def bare(fmt: str, text: str) -> str:
    """What mwparserfromhell alone is given for the same article."""
    return to_wikitext(text) if fmt == "dump" else text


def measure(label: str, items: list[tuple[str, str]]) -> tuple[float, float]:
    """Print throughput and overhead ratio for a set of (format, text); returns (ours, bare) seconds."""
    sources = [bare(fmt, text) for fmt, text in items]
    size = sum(len(text.encode("utf-8")) for _, text in items)
    base, ours = paired(lambda: [mwparserfromhell.parse(source) for source in sources],
                        lambda: [parse_article(text, fmt=fmt) for fmt, text in items])
    print(f"{label:<34} {size / 1e6:6.2f} MB  ours {ours:6.3f} s ({size / 1e6 / ours:5.2f} MB/s)  "
          f"bare parse {base:6.3f} s  ratio {ours / base:4.2f}x")
    return ours, base


def repeated(fmt: str, text: str, size: int = 1_000_000) -> str:
    """`text` repeated up to about `size` characters (a ~1 MB article)."""
    return text * (size // max(len(text), 1) + 1)


def main() -> None:
    """Run the benchmark and print its figures."""
    items = articles()
    print(f"wikireader parse benchmark: {len(items)} articles; target ratio < 1.5x")
    dump = [item for item in items if item[0] == "dump"]
    wiki = [item for item in items if item[0] == "wikitext"]
    measure("corpus, dump format", dump)
    if wiki:
        measure("corpus, standard wikitext", wiki)
    longest_dump = max(dump, key=lambda item: len(item[1]))
    measure("~1 MB dump article (repeated)", [("dump", repeated("dump", longest_dump[1]))])
    if wiki:
        longest_wiki = max(wiki, key=lambda item: len(item[1]))
        measure("~1 MB wikitext article (repeated)", [("wikitext", repeated("wikitext", longest_wiki[1]))])
    quick = repeated("dump", longest_dump[1])
    first = best(lambda: parse_article(quick, limit=20_000))
    print(f"first paint of the 1 MB article (limit=20000): {first * 1000:.1f} ms")


if __name__ == "__main__":
    main()
