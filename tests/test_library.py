"""Opening a file as a library of articles: lazy indexing, article text, lookups, file changes."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from reader.errors import ArticleNotFound, InputError
from reader.source.decode import read_source
from reader.source.library import Library, PendingText, normalise_title, title_from_path

DATA = Path(__file__).parent / "data" / "dump"
EXAMPLE = DATA / "wiki-example.txt"
DAMAGED = DATA / "alex-test-mojibake-truncated.txt"


def many_articles(count: int) -> str:
    return "".join(f"[[Article {n}]]\n\nBody of article {n}.\n\n\n" for n in range(count))


def test_open_real_sample() -> None:
    library = Library.open(str(EXAMPLE))
    assert library.name == "wiki-example.txt"
    assert library.complete and library.progress == 1.0
    assert len(library.entries) == 20 and library.is_multi
    goldwater = library.find("Barry Goldwater")[0]
    text = library.article_text(goldwater)
    assert text.startswith("[[Barry Goldwater]]\n\n")
    assert "Goldwater" in text and "[[Baralong incidents]]" not in text


def test_damaged_copy_is_repaired_and_nothing_lost() -> None:
    library = Library.open(str(DAMAGED))
    assert library.decoded.notice is not None and "mojibake" in library.decoded.notice
    assert [entry.title for entry in library.entries][:2] == ["BBS", "Balfour declaration"]
    joined = "".join(library.article_text(entry) for entry in library.entries)
    assert "â€" not in joined and "Ã©" not in joined
    assert len(joined) == len(library.text)
    # The truncated last article still ends with the file's last words.
    last = library.article_text(library.entries[-1])
    assert last.rstrip() and library.text.endswith(last)


def test_missing_file_is_an_input_error() -> None:
    with pytest.raises(InputError):
        Library.open("/no/such/file.txt")


def test_single_article_file_titled_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "North_Koreans_in_Russia.txt"
    path.write_text("Plain prose with no title line.\n\n==History==\nMore.\n", encoding="utf-8")
    library = Library.open(str(path))
    assert [entry.title for entry in library.entries] == ["North Koreans in Russia"]
    assert not library.is_multi
    assert library.article_text(library.entries[0]) == path.read_text(encoding="utf-8")


def test_lazy_open_indexes_a_first_chunk_then_grows() -> None:
    text = many_articles(50_000)  # ~1.8 MB
    library = Library.from_text(text, "big.txt", lazy=True)
    first = len(library.entries)
    assert 1000 < first < 50_000 and not library.complete
    assert 0 < library.progress < 1
    added = library.index_more(100_000)
    assert added > 0 and len(library.entries) == first + added
    library.index_all()
    assert library.complete and len(library.entries) == 50_000
    assert [entry.index for entry in library.entries] == list(range(50_000))


def test_index_from_a_worker_thread_while_reading() -> None:
    library = Library.from_text(many_articles(20_000), "big.txt", lazy=True)
    seen: list[int] = []

    def work() -> None:
        while not library.complete:
            library.index_more(50_000)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        count = len(library.entries)
        seen.append(count)
        assert library.entries[count - 1].index == count - 1
    worker.join()
    assert len(library.entries) == 20_000
    assert seen == sorted(seen)


def test_ten_thousand_tiny_articles() -> None:
    library = Library.from_text(many_articles(10_000), "tiny.txt")
    assert len(library.entries) == 10_000
    assert library.lookup("article 9999").index == 9999


def test_lookup_is_case_and_underscore_insensitive() -> None:
    library = Library.open(str(EXAMPLE))
    assert library.lookup("barry_goldwater").title == "Barry Goldwater"
    assert library.lookup("BELL CURVE").title == "Bell Curve"  # the first of the two spellings


def test_lookup_names_close_matches() -> None:
    library = Library.open(str(EXAMPLE))
    with pytest.raises(ArticleNotFound, match="Barry Goldwater"):
        library.lookup("Bary Goldwatr")


def test_repeated_titles_found_in_file_order() -> None:
    library = Library.from_text("[[Same]]\n\none\n\n[[Other]]\n\nx\n\n[[Same]]\n\ntwo\n", "r.txt")
    assert [entry.index for entry in library.find("same")] == [0, 2]


def test_redirect_targets_within_the_file() -> None:
    library = Library.open(str(EXAMPLE))
    by_title = {entry.title: entry for entry in library.entries}
    # "Bell Curve" redirects to "bell curve": the other spelling, never itself.
    assert library.redirect_target(by_title["Bell Curve"]).title == "Bell curve"
    # "Bronze age" -> "Bronze Age": only itself matches, so the target is not in the file.
    assert library.redirect_target(by_title["Bronze age"]) is None
    assert library.redirect_target(by_title["Bundesmarine"]) is None  # German Navy: elsewhere
    assert library.redirect_target(by_title["BBS"]) is None


def test_redirect_target_prefers_exact_title() -> None:
    text = "[[a]]\n\nx\n\n[[A]]\n\ny\n\n[[R]]\n\n#REDIRECT A#History\n"
    library = Library.from_text(text, "r.txt")
    assert library.redirect_target(library.entries[2]).index == 1


def test_title_from_path() -> None:
    assert title_from_path("/x/Rosa_Parks.txt") == "Rosa Parks"
    assert title_from_path("/x/toronto.wiki") == "Toronto"  # MediaWiki titles start with a capital
    assert title_from_path("-") == "Standard input"
    assert normalise_title("  Rosa_Parks ") == "rosa parks"


def test_file_replaced_while_open(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    shutil.copy(EXAMPLE, path)
    library = Library.open(str(path))
    old_entries = library.entries
    assert not library.changed_on_disk()
    replacement = tmp_path / "new.txt"
    replacement.write_text("[[Only]]\n\nOne article now.\n", encoding="utf-8")
    os.replace(replacement, path)
    assert library.changed_on_disk()
    library.reload()
    assert [entry.title for entry in library.entries] == ["Only"]
    assert library.generation == 1 and not library.changed_on_disk()
    assert len(old_entries) == 20  # a holder of the old list keeps a consistent view


def test_file_grows_while_open(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("[[A]]\n\nfirst\n", encoding="utf-8")
    library = Library.open(str(path))
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n\n[[B]]\n\nsecond\n")
    assert library.changed_on_disk()
    library.reload()
    assert [entry.title for entry in library.entries] == ["A", "B"]


def test_file_vanished_keeps_old_text(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("[[A]]\n\nfirst\n\n[[B]]\n\nsecond\n", encoding="utf-8")
    library = Library.open(str(path))
    path.unlink()
    assert library.changed_on_disk()
    with pytest.raises(InputError):
        library.reload()
    assert [entry.title for entry in library.entries] == ["A", "B"]
    assert library.article_text(library.entries[1]).startswith("[[B]]")


def test_text_in_memory_is_never_changed_on_disk() -> None:
    library = Library.from_text("[[A]]\n\nx\n", "-")
    assert not library.changed_on_disk()


def big_real_file(directory: Path, copies: int) -> Path:
    """A file over a megabyte made of the real sample's articles, titles made distinct."""
    text = EXAMPLE.read_text(encoding="utf-8")
    parts = [text.replace("]]\n\n", f" ({n})]]\n\n") if n else text for n in range(copies)]
    path = directory / "big.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def test_lazy_open_of_a_big_file_decodes_its_head_first(tmp_path: Path) -> None:
    path = big_real_file(tmp_path, 6)  # ~1.6 MB
    library = Library.open(str(path), lazy=True)
    assert library._whole is not None and not library.complete  # only the head is read
    assert 2 <= len(library.entries) < 120 and library.progress < 0.5
    head_entries = list(library.entries)
    library.index_all()
    full = Library.open(str(path))
    assert library.entries == full.entries and library.text == full.text
    assert library.entries[: len(head_entries)] == head_entries
    assert library.generation == 0  # the head's entries held: no restart
    assert library.article_text(library.entries[-1]) == full.article_text(full.entries[-1])


def test_lazy_open_of_one_huge_article_reads_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("[[Huge]]\n\n" + "A long line of prose.\n" * 80_000, encoding="utf-8")
    library = Library.open(str(path), lazy=True)
    assert [entry.title for entry in library.entries] == ["Huge"] and library.complete
    assert library.article_text(library.entries[0]) == path.read_text(encoding="utf-8")


def test_lazy_open_big_file_with_mojibake_after_the_head(tmp_path: Path) -> None:
    path = big_real_file(tmp_path, 6)
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n\n[[Late]]\n\nA caf\u00c3\u00a9 and \u00e2\u20ac\u0153quotes\u00e2\u20ac\u009d.\n")
    library = Library.open(str(path), lazy=True)
    assert library.decoded.notice is None  # the head is clean
    library.index_all()
    assert library.decoded.notice is not None and "mojibake" in library.decoded.notice
    late = library.find("Late")[0]
    assert "A café and" in library.article_text(late)


def test_lazy_open_big_legacy_encoded_file(tmp_path: Path) -> None:
    text = "".join(f"[[Caf\u00e9 {n}]]\n\nCr\u00e8me br\u00fbl\u00e9e, {'text ' * 100}\n\n" for n in range(3000))
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    library = Library.open(str(path), lazy=True)
    library.index_all()
    assert len(library.entries) == 3000
    assert library.entries[2999].title == "Caf\u00e9 2999"


def test_lazy_open_file_vanishes_before_the_rest_is_read(tmp_path: Path) -> None:
    path = big_real_file(tmp_path, 6)
    library = Library.open(str(path), lazy=True)
    head_entries = list(library.entries)
    path.unlink()
    library.index_all()  # no crash: what was read is kept, the last article cut where the head ends
    assert library.complete and library.entries[: len(head_entries)] == head_entries
    assert library.entries[-1].end == len(library.text) < 1_000_000  # all of the head, nothing more
    assert library.decoded.notice is not None and "no such file" in library.decoded.notice


def test_text_given_in_memory_is_repaired_once_and_said() -> None:
    """from_text repairs mojibake itself (article_text no longer repairs each article again)."""
    library = Library.from_text("[[Dash]]\n\nA range 1990â€“1995 of years.\n", "mem.txt")
    assert "1990–1995" in library.article_text(library.entries[0])
    assert library.decoded.notice == "note: repaired mis-encoded text (mojibake) in mem.txt"


MOJIBAKE_LINE = "A caf\u00c3\u00a9 and \u00e2\u20ac\u0153quotes\u00e2\u20ac\u009d.\n"


def test_one_article_is_repaired_when_asked_for_and_its_head_at_once(tmp_path: Path) -> None:
    """A file of one article keeps its text as read; the reader gets a repaired head at once and
    the whole repaired later -- exactly what repairing the file on reading gives."""
    path = tmp_path / "one.txt"
    prose = "A plain line of prose, nothing to repair.\n" * 3000
    path.write_text("[[Caf\u00c3\u00a9 society]]\n\n" + MOJIBAKE_LINE + prose + MOJIBAKE_LINE, encoding="utf-8")
    library = Library.open(str(path), lazy=True)
    entry = library.entries[0]
    assert library.decoded.unrepaired and len(library.entries) == 1
    assert entry.title == "Café society"  # titles are repaired as they are indexed
    eager = read_source(str(path)).text  # repaired as a whole on reading
    assert library.article_text(entry) == eager
    source = library.article_source(entry)
    assert isinstance(source, PendingText)
    head, whole = source.head(10_000)
    assert not whole
    assert head.startswith("[[Café society]]\n\nA café and “quotes”.\n")
    assert head.endswith("\n") and eager.startswith(head) and len(head) <= 10_000
    assert source.full() == eager
    head, whole = source.head(10**6)
    assert whole and head == eager


def test_several_articles_are_repaired_on_reading(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text("[[One]]\n\n" + MOJIBAKE_LINE + "\n[[Caf\u00c3\u00a9]]\n\nTwo.\n", encoding="utf-8")
    library = Library.open(str(path), lazy=True)
    assert not library.decoded.unrepaired and "mojibake" in (library.decoded.notice or "")
    assert [entry.title for entry in library.entries] == ["One", "Café"]
    assert library.article_source(library.entries[0]) == "[[One]]\n\nA café and “quotes”.\n\n"


def test_a_clean_article_is_handed_over_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("[[Clean]]\n\nHelsingissä\u00a0– is not mojibake.\n", encoding="utf-8")
    library = Library.open(str(path), lazy=True)
    source = library.article_source(library.entries[0])
    # Flagged by the cheap check (it looks like mojibake), left alone by ftfy.
    assert isinstance(source, PendingText) and source.full() == path.read_text(encoding="utf-8")
