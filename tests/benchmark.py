"""The project's benchmark: every speed and memory figure the issues set targets for, in one run.

Run on demand, never as a test (machines are noisy; a timed test would be flaky):

    python tests/benchmark.py            # all three parts
    python tests/benchmark.py parse app  # some of them

Parts, each also runnable alone:
    parse  tests/benchmark_parse.py  parse throughput; overhead against mwparserfromhell's bare parse
    app    tests/benchmark_app.py    the reader against a bare Textual app: first paint, keys, memory
    dump   tests/benchmark_dump.py   a 20 MB dump file: picker first paint, index, filter, open, search
    collection  tests/benchmark_collection.py  80 files, 280,000 articles: index, ranked search, open, memory

Every ratio compares figures measured in the same run, so a busy machine slows both sides.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {"parse": "benchmark_parse.py", "app": "benchmark_app.py", "dump": "benchmark_dump.py",
         "collection": "benchmark_collection.py"}


def run_part(name: str) -> int:
    """Load tests/benchmark_<name>.py and run its main() with no arguments."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", HERE / PARTS[name])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    saved, sys.argv = sys.argv, [PARTS[name]]
    try:
        result = module.main()
    finally:
        sys.argv = saved
    return int(result or 0)


def main(argv: list[str]) -> int:
    """Run the named parts (all by default); the exit status is the worst part's."""
    names = argv or list(PARTS)
    unknown = [name for name in names if name not in PARTS]
    if unknown:
        print(f"benchmark: unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}", file=sys.stderr)
        return 2
    status = 0
    for name in names:
        print(f"\n===== {name} ({PARTS[name]}) =====", flush=True)
        started = time.perf_counter()
        status = max(status, run_part(name))
        print(f"----- {name}: {time.perf_counter() - started:.1f} s", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
