"""Layout of real articles (the project's samples, and the shared corpus when it is there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.layout import layout_article
from reader.model import plain
from reader.parse import parse_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample").glob("*.txt")) + sorted((ROOT / "sample").glob("*.wiki"))
CORPUS = ROOT.parent / "shared" / "corpus"
LONGEST = ["dump/Michael_Jackson.txt", "dump/Edinburgh.txt", "wikitext/toronto.wiki", "wikitext/Mozilla-Firefox.wiki"]


def check(text: str, width: int) -> None:
    article = parse_article(text)
    layout = layout_article(article, width)
    lines = [line.plain for line in layout.lines]
    assert all(cell_len(line) <= width for line in lines)
    # Every section's heading line carries its number and title.
    for section in article.walk():
        line = layout.section_line(section.number)
        assert line is not None and lines[line].startswith(section.number)
        assert layout.section_at(line) == section.number
    # Markers are where they say, in reading order, each a known citation.
    previous = (-1, -1)
    for marker in layout.markers:
        assert f"[{marker.number}]".startswith(lines[marker.line][marker.start:marker.end])
        assert article.citation(marker.number) is not None
        assert (marker.line, marker.start_cell) > previous
        previous = (marker.line, marker.start_cell)
    # Every citation is listed, numbered, once.
    numbered = [line for line in lines if line.lstrip()[:1].isdigit() and ". " in line[:8]]
    assert len(numbered) >= len(article.citations)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("width", (34, 80, 100))
def test_samples(path: Path, width: int) -> None:
    check(path.read_text(encoding="utf-8"), width)


def test_sample_article_reads_as_expected() -> None:
    article = parse_article((ROOT / "sample" / "North_Koreans_in_Russia.txt").read_text(encoding="utf-8"))
    layout = layout_article(article, 90)
    lines = [line.plain for line in layout.lines]
    assert lines[0] == "North Koreans in Russia"
    assert lines[layout.section_line("1.1")] == "1.1 Students"
    assert lines[layout.section_line("1")] == "1 Migration history"
    assert layout.search("koryo-saram").total >= 1
    # The first footnote's marker follows the lead's first sentence(s).
    first = layout.markers[0]
    assert first.number == 1 and "10,000" in lines[first.line]


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not beside this checkout")
@pytest.mark.parametrize("name", LONGEST)
def test_longest_corpus_articles(name: str) -> None:
    check((CORPUS / name).read_text(encoding="utf-8", errors="replace"), 61)


def test_bibliography_entry_and_its_trailing_text_are_spaced() -> None:
    """John Knox: '... 55 South Bridge.}}, [http://worldcat... OCLC 5437053].' reads
    '... South Bridge. OCLC 5437053.', never 'Bridge.OCLC'."""
    article = parse_article(
        "[[Knox]]\n\n==Sources==\n | last=Laing\n | first=David\n | title=The Works of John Knox\n"
        " | year=1895\n }}, [http://worldcat.org/oclc/5437053 OCLC 5437053].\n"
    )
    entry = article.sections[0].blocks[0]
    assert plain(entry.spans).endswith("The Works of John Knox. OCLC 5437053.")
    text = "\n".join(line.plain for line in layout_article(article, 100).lines)
    assert "Knox. OCLC 5437053." in text
