"""Every article of the corpus: no markup leaks, >= 99% of prose words shown, cited titles shown.

Runs on the articles copied into tests/data/parse always, and on the whole shared corpus
(../shared/corpus: dump/, dump-files/ split into articles, wikitext/) when it is beside
the checkout.  The checks themselves live in tests/corpus_check.py (also a script).
"""

from __future__ import annotations

import os
from pathlib import Path

import corpus_check
import pytest

DATA = Path(__file__).resolve().parent / "data" / "parse"
LOCAL = sorted(str(p) for p in DATA.iterdir() if p.suffix in (".txt", ".wiki"))


def assert_clean(result: dict) -> None:
    name = os.path.basename(result["path"])
    assert result["leaks"] == [], (name, result["leaks"])
    assert result["coverage"] >= 0.99, (name, result["coverage"], result["missing"])
    assert result["untitled"] == [], (name, result["untitled"])


@pytest.mark.parametrize("path", LOCAL, ids=[os.path.basename(p) for p in LOCAL])
def test_copied_articles_are_clean(path):
    assert_clean(corpus_check.check(path))


def test_whole_corpus_is_clean(corpus_dir):
    failures = []
    items = [(path, None) for path in corpus_check.corpus_files()] + corpus_check.multi_article_texts()
    assert len(items) > 100
    for path, raw in items:
        result = corpus_check.check(path, raw)
        if result["leaks"] or result["coverage"] < 0.99 or result["untitled"]:
            failures.append((os.path.basename(path), result["leaks"], round(result["coverage"], 4),
                             result["untitled"][:3], result["missing"][:8]))
    assert failures == []


def test_checker_catches_a_leak(tmp_path):
    # the checks must be able to fail: a raw template in the output is a leak
    bad = tmp_path / "bad.wiki"
    bad.write_text("Words here and more words.\n<pre>{{raw}} [[x]]</pre>\n", encoding="utf-8")
    assert corpus_check.check(str(bad))["leaks"]
