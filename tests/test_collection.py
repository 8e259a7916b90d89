"""A folder of files as one collection: building and updating its index, ranked search, titles,
faults (a damaged catalog, a build cut short, two builders, an unwritable cache), the command line.

The collection is made in each test's temporary folder from `tests/data` articles, with a rare
word and a phrase planted in one article each, so their rank can be checked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ArticleNotFound, InputError
from reader.source import catalog as catalog_module
from reader.source import ranked
from reader.source.collection import Collection
from reader.source.corpus import find_files
from reader.source.indexer import BuildReport, Lock, build
from reader.source.ranked import search

DATA = Path(__file__).resolve().parent / "data"
RARE = "quillfeatherix"
PHRASE = "lighthouse keepers union"


def make_collection(folder: Path) -> Path:
    """A collection of 5 text files (one in a subfolder, one standard wikitext) and a binary one."""
    (folder / "part").mkdir(parents=True)
    shutil.copy(DATA / "dump" / "wiki-example.txt", folder / "a-wiki-example.txt")
    shutil.copy(DATA / "parse" / "Michigan.txt", folder / "part" / "Michigan.txt")
    shutil.copy(DATA / "parse" / "royal_cinema.wiki", folder / "royal_cinema.wiki")
    planted = (
        "[[Planted rare word]]\n\nCATEGORIES: Tests\n\nThe compound " + RARE + " was first described here.\n\n"
        "==History==\n\nNothing else of note.\n\n"
        "[[Planted phrase]]\n\nCATEGORIES: Tests\n\nIntro.\n\n==Founding==\n\n"
        "She founded the Lighthouse Keepers Union in the harbour town.\n\n"
        "[[Lighthouse]]\n\nA lighthouse has keepers; a union is another thing.\n\n"
        "[[Redirect to Michigan]]\n\n#REDIRECT Michigan\n"
    )
    (folder / "b-planted.txt").write_text(planted, encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "notes.md").write_text("not a collection file\n")
    return folder


@pytest.fixture
def collection_dir(tmp_path: Path) -> Path:
    return make_collection(tmp_path / "corpus")


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


def test_files_are_found_recursively_and_sorted(collection_dir: Path) -> None:
    files, skipped = find_files(collection_dir)
    names = [path.relative_to(collection_dir).as_posix() for path in files]
    assert names == ["a-wiki-example.txt", "b-planted.txt", "part/Michigan.txt", "picture.txt", "royal_cinema.wiki"]
    assert skipped == []


def test_build_indexes_every_article_and_skips_binary_files(collection_dir: Path, index_dir: Path) -> None:
    report = build(collection_dir, index_dir)
    assert report.files == 5 and report.indexed == 4
    assert any("picture.txt" in reason and "not a text file" in reason for reason in report.skipped)
    collection = Collection(collection_dir, index_dir)
    assert len(collection.entries) == report.articles == 20 + 4 + 1 + 1
    titles = [entry.title for entry in collection.entries]
    assert titles[0] == collection.entries[0].title and "Planted rare word" in titles
    assert collection.lookup("royal cinema").file == "royal_cinema.wiki"  # no title line: named after the file
    assert collection.lookup("michigan").file == "part/Michigan.txt"


def test_an_article_is_read_from_its_file_by_its_byte_range(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    text = collection.article_text(collection.lookup("Planted phrase"))
    assert text.startswith("[[Planted phrase]]") and "Lighthouse Keepers Union" in text
    assert "[[Lighthouse]]" not in text
    whole = (collection_dir / "a-wiki-example.txt").read_text(encoding="utf-8")
    for entry in collection.entries[:20]:
        assert collection.article_text(entry) in whole


def test_rebuild_with_nothing_changed_indexes_nothing(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    again = build(collection_dir, index_dir)
    assert again.indexed == 0 and again.dropped == 0 and again.articles == 26


def test_only_a_changed_file_is_indexed_again_and_a_gone_one_dropped(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    planted = collection_dir / "b-planted.txt"
    planted.write_text(planted.read_text() + "\n[[Added later]]\n\nA brand new zorblaxian article.\n")
    (collection_dir / "royal_cinema.wiki").unlink()
    report = build(collection_dir, index_dir)
    assert report.indexed == 1 and report.dropped == 1
    collection = Collection(collection_dir, index_dir)
    assert [hit.entry.title for hit in search(collection, "zorblaxian")[0]] == ["Added later"]
    assert search(collection, "royal cinema")[0] == [] or all(
        hit.entry.file != "royal_cinema.wiki" for hit in search(collection, "royal cinema")[0])
    with pytest.raises(ArticleNotFound):
        collection.lookup("Royal cinema")


def test_a_rare_word_and_a_phrase_rank_their_article_first(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    hits, total = search(collection, RARE)
    assert total == 1 and hits[0].entry.title == "Planted rare word" and hits[0].rank == 1
    assert RARE in hits[0].snippet
    start, end = hits[0].spans[0]
    assert hits[0].snippet[start:end] == RARE
    hits, total = search(collection, f'"{PHRASE}"')
    assert [hit.entry.title for hit in hits] == ["Planted phrase"]
    assert hits[0].section == "Founding" and hits[0].phrase == PHRASE
    loose, _ = search(collection, PHRASE)  # all three words, anywhere: two articles
    assert {hit.entry.title for hit in loose} == {"Planted phrase", "Lighthouse"}


def test_exclusion_or_and_title_queries(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    both = {hit.entry.title for hit in search(collection, "lighthouse keepers")[0]}
    assert both == {"Planted phrase", "Lighthouse"}
    assert {hit.entry.title for hit in search(collection, "lighthouse keepers -harbour")[0]} == {"Lighthouse"}
    either = {hit.entry.title for hit in search(collection, f"{RARE} OR zorblaxian OR harbour")[0]}
    assert either == {"Planted rare word", "Planted phrase"}
    titles = [hit.entry.title for hit in search(collection, "title:lighthouse")[0]]
    assert titles == ["Lighthouse"]


def test_a_title_match_ranks_above_body_matches(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    hits, _ = search(collection, "michigan")
    assert hits[0].entry.title in ("Michigan", "Redirect to Michigan")


def test_the_same_title_in_two_files_is_listed_twice_told_apart_by_file(collection_dir: Path,
                                                                       index_dir: Path) -> None:
    shutil.copy(DATA / "parse" / "Michigan.txt", collection_dir / "Michigan again.txt")
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    found = collection.find("michigan")
    assert [entry.file for entry in found] == ["Michigan again.txt", "part/Michigan.txt"]
    assert collection.article_text(found[0]) == collection.article_text(found[1])


def test_a_wikitext_file_is_one_article_never_split_at_its_link_lines(tmp_path: Path, index_dir: Path) -> None:
    folder = tmp_path / "wiki"
    folder.mkdir()
    (folder / "linky.wiki").write_text("[[Main Page]]\n\nSome '''bold''' text.\n\n[[Other page]]\n\nMore.\n")
    (folder / "dump.txt").write_text("[[First]]\n\nOne.\n\n[[Second]]\n\nTwo.\n")
    build(folder, index_dir)
    collection = Collection(folder, index_dir)
    assert [(entry.title, entry.file) for entry in collection.entries] == [
        ("First", "dump.txt"), ("Second", "dump.txt"), ("Linky", "linky.wiki")]
    linky = collection.lookup("Linky")
    assert collection.format_of(linky) == "wikitext" and collection.format_of(collection.lookup("First")) == "dump"
    assert collection.article_text(linky).startswith("[[Main Page]]") and "More." in collection.article_text(linky)
    assert [hit.entry.title for hit in search(collection, "other page")[0]] == ["Linky"]


def test_a_redirect_finds_its_target_in_another_file(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    redirect = collection.lookup("redirect to michigan")
    target = collection.redirect_target(redirect)
    assert target is not None and target.title == "Michigan" and target.file == "part/Michigan.txt"


def test_a_redirect_is_not_followed_to_its_own_copy_in_another_file(tmp_path: Path, index_dir: Path) -> None:
    folder = tmp_path / "twins"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("[[Balfour declaration]]\n\n#REDIRECT Balfour Declaration\n\n[[Other]]\n\nText.\n")
    build(folder, index_dir)
    collection = Collection(folder, index_dir)
    assert collection.redirect_target(collection.lookup("Balfour declaration")) is None  # not in the collection


def test_a_title_not_found_names_close_matches(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    with pytest.raises(ArticleNotFound, match="close matches: 'Michigan'"):
        collection.lookup("Michigen")


def test_title_candidates_hold_prefix_and_scattered_matches(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    titles = {title for _, title in collection.title_candidates("plnt")}
    assert all(collection.entries[index].title == title for index, title in collection.title_candidates("plnt"))
    assert {"Planted rare word", "Planted phrase"} <= titles
    assert collection.title_candidates("   ") == []


def test_title_starts_are_the_exact_and_prefix_hits_in_collection_order(collection_dir: Path,
                                                                        index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    starts = collection.title_starts("planted")
    assert [title for _, title in starts] == ["Planted rare word", "Planted phrase"]  # file order, not by title
    assert all(collection.entries[index].title == title for index, title in starts)
    assert set(starts) <= set(collection.title_candidates("planted"))  # the picker shows them first
    assert collection.title_starts("PLANTED_phrase") == [starts[1]]  # case and "_" aside
    assert collection.title_starts("plnt") == [] and collection.title_starts("  ") == []
    assert len(collection.title_starts("p", limit=1)) == 1


def test_an_entry_by_file_and_position_is_the_listed_entry(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    fresh = Collection(collection_dir, index_dir)  # nothing cached: each one read alone
    for entry in reversed(list(collection.entries)):
        row, pos = collection.entries.place(entry.index)
        assert fresh.entries.at(row.id, pos) == entry
    assert fresh.entries.at(999, 0) is None and fresh.entries.at(row.id, 10_000) is None


def test_a_collection_and_a_file_have_one_face(collection_dir: Path, index_dir: Path) -> None:
    from reader.source.library import Library

    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    library = Library.open(str(collection_dir / "b-planted.txt"))
    assert collection.as_collection() is collection and collection.as_file() is None
    assert library.as_file() is library and library.as_collection() is None
    assert collection.is_multi and library.is_multi
    michigan = collection.lookup("Michigan")
    assert collection.file_of(michigan) == os.path.realpath(collection_dir / "part" / "Michigan.txt")
    assert library.file_of(library.entries[0]) == os.path.realpath(collection_dir / "b-planted.txt")


def test_opening_a_fresh_index_to_read_now_does_not_build(collection_dir: Path, index_dir: Path) -> None:
    def builder(folder: Path, where: Path) -> BuildReport:
        built.append(folder)
        return build(folder, where)

    built: list[Path] = []
    Collection.open(collection_dir, index_dir, build_now=True, builder=builder).close()
    assert built == [collection_dir]  # no index yet
    Collection.open(collection_dir, index_dir, build_now=True, builder=builder).close()
    assert built == [collection_dir]  # fresh: opened as it is
    (collection_dir / "b-planted.txt").write_text("[[Changed]]\n\nNew text.\n", encoding="utf-8")
    collection = Collection.open(collection_dir, index_dir, build_now=True, builder=builder)
    assert built == [collection_dir] * 2 and collection.lookup("Changed").file == "b-planted.txt"


def test_a_file_changed_after_indexing_is_an_error_not_wrong_text(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    entry = collection.lookup("Planted phrase")
    (collection_dir / "b-planted.txt").write_text("[[Other]]\n\nsomething else entirely\n")
    with pytest.raises(InputError, match="changed on disk"):
        collection.article_text(entry)


def test_a_damaged_catalog_is_rebuilt_and_said(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    catalog = next(index_dir.glob("catalog.sqlite"))
    for extra in index_dir.glob("catalog.sqlite-*"):
        extra.unlink()
    catalog.write_bytes(b"this is not a database" * 100)
    report = build(collection_dir, index_dir)
    assert report.rebuilt is not None and "cannot be used" in report.rebuilt
    assert report.indexed == 4
    hits, total = search(Collection(collection_dir, index_dir), RARE)
    assert total == 1


def test_a_build_cut_short_is_picked_up_without_duplicates(collection_dir: Path, index_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real = catalog_module.Catalog.replace_file
    calls = {"n": 0}

    def dies_on_the_second_file(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # killed after the index took the file, before the catalog did
        return real(self, *args, **kwargs)

    monkeypatch.setattr(catalog_module.Catalog, "replace_file", dies_on_the_second_file)
    with pytest.raises(KeyboardInterrupt):
        build(collection_dir, index_dir)
    monkeypatch.setattr(catalog_module.Catalog, "replace_file", real)
    report = build(collection_dir, index_dir)
    assert report.indexed == 3  # the first file was done; the others again
    collection = Collection(collection_dir, index_dir)
    hits, total = search(collection, RARE)
    assert total == 1 and len(hits) == 1
    assert collection.fulltext().document_count() == 26  # type: ignore[attr-defined]


def test_a_damaged_full_text_index_is_rebuilt_and_said(collection_dir: Path, index_dir: Path) -> None:
    build(collection_dir, index_dir)
    for segment in (index_dir / "fulltext").glob("*.idx"):
        segment.write_bytes(segment.read_bytes()[:10])
    report = build(collection_dir, index_dir)
    assert report.rebuilt is not None and "cannot be used" in report.rebuilt and len(report.rebuilt) < 160
    assert search(Collection(collection_dir, index_dir), RARE)[1] == 1


def test_the_words_found_together_are_what_the_article_is_searched_for(collection_dir: Path,
                                                                         index_dir: Path) -> None:
    build(collection_dir, index_dir)
    hits, _ = search(Collection(collection_dir, index_dir), "keepers union")
    assert [hit.phrase for hit in hits if hit.entry.title == "Planted phrase"] == ["keepers union"]  # as typed
    hits, _ = search(Collection(collection_dir, index_dir), "Keepers UNION")
    assert [hit.phrase for hit in hits if hit.entry.title == "Planted phrase"] == ["Keepers UNION"]


def _marked(snippet: str, *words: str) -> tuple[tuple[int, int], ...]:
    """The spans of `words` in `snippet`, found in order (as the index marks its words)."""
    spans, at = [], 0
    for word in words:
        start = snippet.index(word, at)
        spans.append((start, start + len(word)))
        at = start + len(word)
    return tuple(spans)


@pytest.mark.parametrize(("query", "snippet", "marked", "searched"), [
    # The index's words are letters and digits: "morgoth's" is "morgoth" and "s", and the
    # article was searched for "s" (450 matches); "fire-drakes" for "fire", "1888-1918" for "1888".
    ("morgoth's", "Tolkien’s dragons, Morgoth’s hosts", ("s", "Morgoth", "s"), "morgoth's"),
    ("morgoth's hosts", "Tolkien’s dragons, Morgoth’s hosts", ("s", "Morgoth", "s", "hosts"), "morgoth's hosts"),
    ("fire-drakes", "the ‘fire-drakes’ of Morgoth", ("fire", "drakes"), "fire-drakes"),
    ("1888-1918", "Prussia (1888–1918), from 1888", ("1888", "1918", "1888"), "1888-1918"),
    # The longest run of the query's words, not the first one marked.
    ("civil rights", "after the civil war, the civil rights movement", ("civil", "civil", "rights"), "civil rights"),
    ("new orleans", "born in New Orléans", ("New", "Orléans"), "new orleans"),
    # Only a piece of the query's word in the snippet (the lead of Dragon (Middle-earth)).
    ("morgoth's", "J. R. R. Tolkien's Middle-earth legendarium", ("s",), "morgoth's"),
])
def test_the_article_is_searched_for_the_query_words_found_together(query: str, snippet: str,
                                                                     marked: tuple[str, ...], searched: str) -> None:
    assert ranked._phrase(query, snippet, _marked(snippet, *marked)) == searched


def test_a_second_builder_waits_for_the_first(collection_dir: Path, index_dir: Path) -> None:
    index_dir.mkdir(parents=True)
    holder = Lock(index_dir)
    assert holder.acquire(wait=False)
    report = build(collection_dir, index_dir, wait=False)
    assert report.indexed == 0 and report.files == 0  # did nothing: another process builds
    holder.release()
    assert build(collection_dir, index_dir, wait=False).indexed == 4


def test_reading_never_writes_to_the_collection(collection_dir: Path, index_dir: Path) -> None:
    before = {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in collection_dir.rglob("*")}
    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    search(collection, RARE)
    collection.article_text(collection.lookup("Michigan"))
    after = {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in collection_dir.rglob("*")}
    assert before == after


# ---------------------------------------------------------------------------- the command line


def run_cli(*args: str, index_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "WIKIREADER_INDEX_DIR": str(index_dir), **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          env=environment, timeout=120, stdin=subprocess.DEVNULL)


def test_cli_index_then_search_json(collection_dir: Path, index_dir: Path) -> None:
    built = run_cli("--index", str(collection_dir), index_dir=index_dir)
    assert built.returncode == 0, built.stderr
    assert "5 files, 26 articles: indexed 4 file(s)" in built.stderr
    assert "skipped 1 file(s)" in built.stderr and "Traceback" not in built.stderr
    found = run_cli("--search", f'"{PHRASE}"', "--json", str(collection_dir), index_dir=index_dir)
    assert found.returncode == 0, found.stderr
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows[0]["title"] == "Planted phrase" and rows[0]["file"] == "b-planted.txt"
    assert {"title", "file", "score", "snippet", "rank", "section"} <= set(rows[0])
    assert rows[0]["rank"] == 1 and rows[0]["score"] > 0


def test_cli_search_limit_and_plain_output(collection_dir: Path, index_dir: Path) -> None:
    found = run_cli("--search", "michigan", "--limit", "1", str(collection_dir), index_dir=index_dir)
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines[0].startswith("  1. ") and len([line for line in lines if line[:4].strip().endswith(".")]) == 1


def test_cli_print_one_article_of_the_collection(collection_dir: Path, index_dir: Path) -> None:
    printed = run_cli("--print", "--width", "70", str(collection_dir), "planted PHRASE", index_dir=index_dir)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("Planted phrase") and "Lighthouse Keepers Union" in printed.stdout


def test_cli_errors_are_one_line(collection_dir: Path, index_dir: Path, tmp_path: Path) -> None:
    missing = run_cli("--print", str(collection_dir), "Michigen", index_dir=index_dir)
    assert missing.returncode == 2 and "close matches: 'Michigan'" in missing.stderr
    lines = missing.stderr.strip().splitlines()  # the note on the skipped picture, then the error
    assert [line for line in lines if line.startswith("wikireader:")] == [lines[-1]]
    assert all(line.startswith(("note:", "wikireader:")) for line in lines)
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run_cli("--index", str(empty), index_dir=index_dir)
    assert nothing.returncode == 2 and nothing.stderr.strip() == f"wikireader: {empty} holds no .txt or .wiki files"
    whole = run_cli("--print", str(collection_dir), index_dir=index_dir)
    assert whole.returncode == 2 and "name the article" in whole.stderr
    on_stdin = run_cli("--search", "x", "-", index_dir=index_dir)
    assert on_stdin.returncode == 2 and "not standard input" in on_stdin.stderr


def test_cli_unwritable_cache_still_searches_and_says_so(collection_dir: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: make the path impossible instead
            target = tmp_path / "a-file"
            target.write_text("")
            index_dir = target / "index"
        else:
            index_dir = locked / "index"
        found = run_cli("--search", RARE, str(collection_dir), index_dir=index_dir)
    finally:
        locked.chmod(0o700)
    assert found.returncode == 0, found.stderr
    assert "Planted rare word" in found.stdout
    assert "cannot write the index" in found.stderr and "for this run only" in found.stderr


# ---------------------------------------------------------------------------- the reader


async def _wait_for(pilot, condition, tries: int = 300) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")


def picker_app(collection_dir: Path, index_dir: Path) -> tuple[Collection, object]:
    """The reader app on a freshly built collection (it opens on the picker)."""
    from reader.ui.app import ReaderApp

    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    return collection, ReaderApp(collection, cursor_blink=False)  # type: ignore[arg-type]


async def on_the_picker(app, pilot):  # type: ignore[no-untyped-def]
    """Wait for the picker; return it."""
    from reader.ui.screens.picker import PickerScreen

    await _wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
    assert isinstance(app.screen, PickerScreen)
    return app.screen


async def test_picker_over_a_folder_filters_opens_and_searches(collection_dir: Path, index_dir: Path) -> None:
    from test_app import settle

    from reader.ui.screens.collection_search import CollectionSearchScreen
    from reader.ui.screens.picker import PickerScreen
    from reader.ui.screens.reader import ReaderScreen

    collection, app = picker_app(collection_dir, index_dir)
    async with app.run_test(size=(120, 30)) as pilot:  # type: ignore[attr-defined]
        picker = await on_the_picker(app, pilot)
        heading = str(picker.query_one("#picker-heading").render())
        assert "corpus/ · 26 articles" in heading
        await pilot.press(*"plntd phr")
        await _wait_for(pilot, lambda: len(picker.title_list.rows) == 1)
        assert collection.entries[picker.title_list.rows[0]].title == "Planted phrase"
        await pilot.press("enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await settle(app, pilot)
        assert app.screen.title == "Planted phrase"
        await pilot.press("o")  # back to the picker
        await _wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("ctrl+f")
        await _wait_for(pilot, lambda: isinstance(app.screen, CollectionSearchScreen))
        search_screen = app.screen
        assert isinstance(search_screen, CollectionSearchScreen)
        await pilot.press(*'"lighthouse keepers"', "enter")
        await _wait_for(pilot, lambda: search_screen.state.complete)
        assert [hit.entry.title for hit in search_screen.state.hits] == ["Planted phrase"]
        status = str(search_screen.query_one("#ranked-status").render())
        assert "1 best of 1 articles" in status and "enter opens at the first match" in status
        await pilot.press("enter")  # the same query again: open the result under the cursor
        await _wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.title == "Planted phrase"
        pane = screen.pane
        await _wait_for(pilot, lambda: pane.finder.result is not None and pane.finder.current >= 0)
        result, layout = pane.finder.result, pane.text_layout
        assert result is not None and layout is not None
        assert result.query == "lighthouse keepers" and result.total == 1  # n / N work at once
        assert "Lighthouse Keepers" in layout.lines[layout.match_line(result, 0)].plain


async def test_enter_typed_right_after_the_querys_opens_the_best_result(collection_dir: Path, index_dir: Path) -> None:
    # "/fire-drakes", enter, enter in one go: the second enter started the same search again.
    from test_app import settle
    from test_typeahead import key_events

    from reader.ui.screens.reader import ReaderScreen

    _, app = picker_app(collection_dir, index_dir)
    async with app.run_test(size=(120, 30)) as pilot:  # type: ignore[attr-defined]
        await on_the_picker(app, pilot)
        for event in key_events('/"lighthouse keepers"\r\r'):
            app.post_message(event)  # type: ignore[attr-defined]
        await _wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await settle(app, pilot)
        assert app.screen.title == "Planted phrase"  # type: ignore[attr-defined]


async def test_the_picker_shows_a_collections_prefix_hits_first_then_the_rest(
        collection_dir: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from test_app import settle

    from reader.ui.screens import picker as picker_module
    from reader.ui.screens.reader import ReaderScreen

    monkeypatch.setattr(picker_module, "ONE_STEP_TITLES", 0)  # as over 280,000 titles: in two steps
    collection, app = picker_app(collection_dir, index_dir)
    async with app.run_test(size=(120, 30)) as pilot:  # type: ignore[attr-defined]
        picker = await on_the_picker(app, pilot)
        await pilot.press(*"mi")
        await _wait_for(pilot, lambda: picker._shown_query == "mi" and picker._filter_complete)
        starts = [index for index, _title in collection.title_starts("mi")]
        rows = list(picker.title_list.rows)
        assert rows[: len(starts)] == starts and len(rows) > len(starts)  # the letters anywhere, below
        assert [collection.entries[i].title for i in starts] == ["Michigan"]
        assert "Redirect to Michigan" in [collection.entries[i].title for i in rows]
        assert "more on the way" not in str(picker.query_one("#picker-status").render())
        # The first step alone, as the filter shows it before the catalog's scan: said so.
        first = rows[: len(starts)]
        painted = threading.Event()
        from reader.ui.widgets.picker_match import Ranked

        picker._show_ranked("mi", [Ranked(i, (0, 1)) for i in first], None, painted)
        assert list(picker.title_list.rows) == first and not picker._filter_complete
        assert "more on the way" in str(picker.query_one("#picker-status").render())
        await _wait_for(pilot, painted.is_set)  # set once drawn: the scan begins then
        picker._show_more("mi", [Ranked(i, (0, 1)) for i in rows])
        assert list(picker.title_list.rows) == rows and picker._filter_complete
        # An article opened before the whole list came: back in the picker, the list is made whole.
        picker._show_ranked("mi", [Ranked(i, (0, 1)) for i in first], None, threading.Event())
        picker.choose(first[0])
        await _wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await settle(app, pilot)  # the reader composed: "o" is its key
        await pilot.press("o")
        await _wait_for(pilot, lambda: app.screen is picker and picker._filter_complete)
        assert list(picker.title_list.rows) == rows


async def test_a_redirect_opens_its_target_from_another_file(collection_dir: Path, index_dir: Path) -> None:
    from test_app import settle

    from reader.ui.app import ReaderApp
    from reader.ui.screens.reader import ReaderScreen

    build(collection_dir, index_dir)
    collection = Collection(collection_dir, index_dir)
    redirect = collection.lookup("Redirect to Michigan")
    app = ReaderApp(collection, redirect.index, cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 30)) as pilot:
        await _wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await settle(app, pilot)
        await pilot.press("r")
        await _wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.title == "Michigan")


# ---------------------------------------------------------------------------- one big file


def big_file(folder: Path) -> Path:
    """A file of many articles over the size that gets an index (`cli.BIG_FILE`)."""
    from reader.cli import BIG_FILE

    text = (DATA / "dump" / "wiki-example.txt").read_text(encoding="utf-8")
    copies = []
    for number in range(BIG_FILE // len(text.encode("utf-8")) + 1):
        copies.append(text.replace("[[", f"[[{number} ", 1) if number else text)
    path = folder / "big.txt"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(copies), encoding="utf-8")
    assert path.stat().st_size >= BIG_FILE
    return path


def test_a_file_is_a_collection_of_its_own_for_index_and_search(tmp_path: Path, index_dir: Path) -> None:
    path = big_file(tmp_path / "one")
    built = run_cli("--index", str(path), index_dir=index_dir)
    assert built.returncode == 0 and "1 files," in built.stderr, built.stderr
    found = run_cli("--search", "benzodiazepine", "--json", "--limit", "3", str(path), index_dir=index_dir)
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and all(row["file"] == "big.txt" for row in rows)
    assert rows[0]["title"] == "Benzodiazepine"


def test_a_big_file_opens_from_its_index_once_it_has_one(tmp_path: Path, index_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from reader import cli
    from reader.source.corpus import index_folder
    from reader.source.indexer import stop_builder
    from reader.source.library import Library

    monkeypatch.setenv("WIKIREADER_INDEX_DIR", str(index_dir))
    path = big_file(tmp_path / "one")
    args = argparse.Namespace(file=str(path), index_dir=None)
    assert not cli._opens_from_its_index(args)  # no index yet: read as a whole, as before
    builder = cli._index_in_background(Library.open(str(path), lazy=True), args)
    assert builder is not None
    builder.wait(60)  # type: ignore[attr-defined]
    assert (index_folder(path) / "catalog.sqlite").exists()
    assert cli._opens_from_its_index(args)  # the next opening reads one article at a time
    stop_builder(builder)  # type: ignore[arg-type]
    small = tmp_path / "small.txt"
    shutil.copy(DATA / "dump" / "wiki-example.txt", small)
    assert cli._index_in_background(Library.open(str(small), lazy=True),
                                    argparse.Namespace(file=str(small), index_dir=None)) is None


async def test_the_picker_takes_up_a_file_changed_while_it_is_open(collection_dir: Path, index_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:

    monkeypatch.setenv("WIKIREADER_INDEX_DIR", str(index_dir))  # the child builder's too
    collection, app = picker_app(collection_dir, index_dir)
    async with app.run_test(size=(120, 30)) as pilot:  # type: ignore[attr-defined]
        picker = await on_the_picker(app, pilot)
        planted = collection_dir / "b-planted.txt"
        planted.write_text(planted.read_text() + "\n[[Written while open]]\n\nNew text.\n")
        (collection_dir / "royal_cinema.wiki").unlink()
        picker._check_file()  # what its timer does every two seconds
        def taken_up() -> bool:  # the picker's thread re-reads the catalog: wait for what it brings
            titles = [entry.title for entry in collection.entries]
            return collection.complete and "Written while open" in titles and "Royal cinema" not in titles

        await _wait_for(pilot, taken_up, tries=1500)
        assert len(collection.entries) == 26
        await _wait_for(pilot, lambda: "26 articles" in str(picker.query_one("#picker-heading").render()))
    collection.close()


def test_a_build_killed_at_any_moment_leaves_an_index_the_next_build_completes(tmp_path: Path) -> None:
    """`kill -9` of `wikireader --index` at several moments: the next build ends with every
    article indexed once (no article lost, none twice) and the search finds the planted word."""
    import signal
    import time

    folder = make_collection(tmp_path / "corpus")
    text = (DATA / "dump" / "wiki-example.txt").read_text(encoding="utf-8")
    for number in range(12):  # enough files that a build takes a while
        (folder / f"copy-{number:02}.txt").write_text(text.replace("[[", f"[[{number} ", 1), encoding="utf-8")
    index_dir = tmp_path / "index"
    environment = {**os.environ, "WIKIREADER_INDEX_DIR": str(index_dir)}
    for delay in (0.3, 1.0, 2.5):
        child = subprocess.Popen([sys.executable, "-m", "reader", "--index", "--quiet", str(folder)],
                                 env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        time.sleep(delay)
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    where = next(index_dir.iterdir())
    report = build(folder, where)
    assert report.articles == 26 + 12 * 20
    collection = Collection(folder, where)
    assert collection.fulltext().document_count() == report.articles  # type: ignore[attr-defined]
    hits, total = search(collection, RARE)
    assert total == 1 and hits[0].entry.title == "Planted rare word"
