"""The pieces of reading as a habit that need no app: the state file, the history (a property
test over a real layout), the settings file, a citation as BibTeX, and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import config
from reader.layout import layout_article
from reader.model import Citation, Span
from reader.parse import parse_article
from reader.source import state as state_module
from reader.source.state import ArticleState, Place, StateStore, article_key, read_state, state_folder
from reader.ui.history import History, Spot
from reader.ui.screens.citation_bibtex import citation_as_bibtex, citation_as_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"


# ---------------------------------------------------------------------------- the state file


def test_state_survives_a_new_store_and_keeps_other_readers_records(tmp_path: Path) -> None:
    one, two = StateStore(tmp_path), StateStore(tmp_path)
    one.update("a", ArticleState("/f", "A", "d1", Place((3, 0), "1", ("One",)), {"x": Place((5, 2), "2", ("Two",))}))
    two.update("b", ArticleState("/f", "B", "d2", Place((1, 0))))  # a second reader, opened before the first wrote
    again = StateStore(tmp_path)
    assert again.get("a").place == Place((3, 0), "1", ("One",)) and again.get("a").marks["x"].anchor == (5, 2)
    assert again.get("b").place == Place((1, 0))
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left behind


def test_a_save_sees_what_another_reader_wrote_since_its_own(tmp_path: Path) -> None:
    """A store re-reads the file only when it changed since it last read or wrote it, and then does."""
    one, two = StateStore(tmp_path), StateStore(tmp_path)
    one.update("a", ArticleState("/f", "A", "d1", Place((1, 0))))
    two.update("b", ArticleState("/f", "B", "d2", Place((2, 0))))  # written after one's last write
    one.update("a", ArticleState("/f", "A", "d1", Place((3, 0))))
    again = StateStore(tmp_path)
    assert again.get("a").place == Place((3, 0)) and again.get("b").place == Place((2, 0))
    assert one.get("b") is not None  # and one now knows b


def test_a_damaged_or_strange_state_file_is_ignored_with_one_note(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text('{"version": 1, "articles": {"k": {"file": 3}}}', encoding="utf-8")
    store = StateStore(tmp_path)
    assert store.articles == {} and store.note is None  # a bad record is dropped, the file is fine
    (tmp_path / "state.json").write_bytes(b"\xff\x00garbage")
    store = StateStore(tmp_path)
    assert store.articles == {} and "could not be read" in store.note
    (tmp_path / "state.json").write_text("[1, 2]", encoding="utf-8")
    assert "damaged" in StateStore(tmp_path).note


# Records as a state file holds them, now and then with a piece of the wrong shape (as a damaged
# or hand-edited file has them).
_GOOD_PLACE = st.fixed_dictionaries({"anchor": st.lists(st.integers(0, 99), min_size=2, max_size=2)},
                                    optional={"section": st.text(max_size=3),
                                              "path": st.lists(st.text(max_size=3), max_size=2)})
_BAD_PLACE = st.sampled_from([{"anchor": [1, True]}, {"anchor": "3,4"}, {"anchor": [1]}, 5,
                              {"anchor": [1, 2], "path": [1]}, {"anchor": [1, 2], "section": 3}])
_PLACE = st.one_of(st.none(), _GOOD_PLACE, _GOOD_PLACE, _GOOD_PLACE, _BAD_PLACE)
_GOOD_RECORD = st.fixed_dictionaries(
    {"file": st.text(max_size=4), "title": st.text(max_size=4)},
    optional={"digest": st.text(max_size=4), "seen": st.one_of(st.floats(0, 2e9), st.integers(0, 9)),
              "place": _PLACE,
              "marks": st.dictionaries(st.sampled_from(["a", "Z", "b", "ab", "1"]), _PLACE, max_size=3),
              "extra": st.integers()})
_BAD_RECORD = st.sampled_from([[], "x", {"file": 1, "title": "T"}, {"file": "f", "title": "T", "seen": "now"},
                               {"file": "f", "title": "T", "digest": None}, {"title": "T"}])
_RECORD = st.one_of(_GOOD_RECORD, _GOOD_RECORD, _GOOD_RECORD, _BAD_RECORD)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _RECORD, max_size=4), st.sampled_from([1, 1, 1, 2, "1"]))
def test_a_state_file_reads_the_same_decoded_whole_or_record_by_record(records: dict, version: object) -> None:
    # The fast path (the whole file decoded into records in C) gives exactly what reading it
    # record by record gives, damaged records left out either way (and a file that is not
    # one is refused by both).
    text = json.dumps({"version": version, "articles": records})
    try:
        expected = state_module._read_record_by_record(json.loads(text))
    except ValueError:
        expected = None
    try:
        found = read_state(text)
    except ValueError:
        found = None
    assert found == expected


def test_a_state_written_is_read_back_the_same(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    record = ArticleState("/f.txt", "T", "d1", Place((4, 2), "2.1", ("History", "Later")),
                          {"a": Place((1, 0)), "B": Place((7, 3), "3", ("End",))})
    store.update("k", record)
    text = (tmp_path / "state.json").read_text(encoding="utf-8")
    written = json.loads(text)["articles"]["k"]
    assert written["place"] == {"anchor": [4, 2], "section": "2.1", "path": ["History", "Later"]}
    assert StateStore(tmp_path).get("k") == record


def test_the_state_file_stays_small(tmp_path: Path, monkeypatch) -> None:
    import reader.source.state as state

    monkeypatch.setattr(state, "MAX_ARTICLES", 5)
    store = StateStore(tmp_path)
    for n in range(9):
        store.update(f"k{n}", ArticleState("/f", f"T{n}", place=Place((n, 0))))
    kept = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))["articles"]
    assert sorted(kept) == ["k4", "k5", "k6", "k7", "k8"]  # the most recently read


def test_the_state_folder_follows_xdg_state_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert state_folder() == tmp_path / "wikireader"


def test_an_article_key_is_its_files_real_path_and_its_title(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "real.txt", tmp_path / "link.txt")
    assert article_key(str(tmp_path / "link.txt"), "T") == article_key(str(tmp_path / "real.txt"), "T")
    assert article_key(str(tmp_path / "real.txt"), "T") != article_key(str(tmp_path / "real.txt"), "U")


# ---------------------------------------------------------------------------- history


LAYOUT = layout_article(parse_article(SAMPLE.read_text(encoding="utf-8")), 60)

operation = st.one_of(
    st.tuples(st.just("jump"), st.integers(0, LAYOUT.height - 1)),
    st.tuples(st.just("back"), st.just(0)),
    st.tuples(st.just("forward"), st.just(0)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(operation, max_size=40))
def test_any_jumps_and_backs_end_at_a_place_that_exists(operations: list[tuple[str, int]]) -> None:
    """Jumps to any line, backs and forwards in any order: the reader is always at a line of the
    article, and back then forward (when both can) returns to the same place."""
    history = History()
    line = 0

    def spot(at: int) -> Spot:
        return Spot(0, "T", Place(LAYOUT.anchor(at), LAYOUT.section_at(at)))

    for kind, target in operations:
        if kind == "jump":
            if target != line:
                history.record(spot(line))
                line = target
            continue
        step = history.back if kind == "back" else history.forward
        found = step(spot(line))
        if found is not None:
            line = LAYOUT.line_of_anchor(found.place.anchor)
        assert 0 <= line < LAYOUT.height
    here = spot(line)
    went = history.back(here)
    if went is not None:
        returned = history.forward(spot(LAYOUT.line_of_anchor(went.place.anchor)))
        assert returned is not None and returned.place.anchor == here.place.anchor


def test_a_new_jump_after_going_back_drops_what_was_ahead() -> None:
    history = History()
    a, b, c, d = (Spot(0, "T", Place((n, 0))) for n in range(4))
    history.record(a)
    history.record(b)  # now at c
    assert history.back(c) == b
    history.record(b)  # a jump from b to d
    assert history.forward(d) is None
    assert history.back(d) == b and history.back(b) == a


# ---------------------------------------------------------------------------- settings


def test_settings_file_values_notes_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\ntree_width = 3\nresume = "no"\ncolour = 1\ntext_width = 80\n\n'
                    '[keys]\n"back" = "x, alt+left"\nmark = 5\n', encoding="utf-8")
    settings = config.load(path)
    assert (settings.theme, settings.text_width, settings.tree_width, settings.resume) == ("nord", 80, 0, True)
    assert settings.keys == {"back": "x,alt+left"} and settings.key_lines == {"back": 9}
    assert [note.split(": ", 1)[0] for note in settings.notes] == [f"{path}:3", f"{path}:4", f"{path}:5", f"{path}:10"]
    assert all("\n" not in note for note in settings.notes)


def test_a_settings_file_that_is_not_toml_is_one_note(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    settings = config.load(path)
    assert settings.theme == "textual-dark" and len(settings.notes) == 1 and "not valid TOML" in settings.notes[0]


def test_saving_keeps_the_readers_comments(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    config.save({"theme": "nord"}, path)
    assert config.load(path).theme == "nord" and "# wikireader settings" in path.read_text(encoding="utf-8")
    path.write_text("# my own words\ntext_width = 90  # narrow\n[keys]\nback = \"x\"\n", encoding="utf-8")
    config.save({"tree_width": 30}, path)
    text = path.read_text(encoding="utf-8")
    assert "# my own words" in text and "# narrow" in text
    saved = config.load(path)
    assert (saved.text_width, saved.tree_width, saved.keys, saved.notes) == (90, 30, {"back": "x"}, [])


def test_the_defaults_text_is_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(config.DEFAULT_TEXT, encoding="utf-8")
    loaded = config.load(path)
    assert loaded.notes == [] and loaded == config.Settings(path=path)


# ---------------------------------------------------------------------------- BibTeX


def parsed(entry: str) -> dict[str, str]:
    library = bibtexparser.parse_string(entry)
    assert not library.failed_blocks and len(library.entries) == 1
    found = library.entries[0]
    return {"type": found.entry_type, "key": found.key, **{f.key: f.value for f in found.fields}}


def test_a_book_citation_as_bibtex() -> None:
    book = Citation(1, "book", (Span("Lankov, Andrei (2013). The Real North Korea."),), fields=(
        ("last", "Lankov"), ("first", "Andrei"), ("last2", "Kim"), ("first2", "Su-ŏn"),
        ("title", "The Real North Korea: Life & Politics"), ("publisher", "Oxford University Press"),
        ("year", "2013"), ("isbn", "978-0-19-996429-1"), ("pages", "45–47"), ("location", "New York")))
    entry = parsed(citation_as_bibtex(book))
    assert entry["type"] == "book" and entry["key"] == "lankov2013real"
    author = entry["author"]
    assert author == "Lankov, Andrei and Kim, Su-\\u{o}n" or author.startswith("Lankov, Andrei and Kim, Su")
    assert entry["title"] == "The Real North Korea: Life \\& Politics"  # escaped for LaTeX
    assert (entry["publisher"], entry["year"], entry["address"], entry["isbn"]) == (
        "Oxford University Press", "2013", "New York", "978-0-19-996429-1")


def test_a_news_and_a_web_citation_as_bibtex() -> None:
    news = Citation(2, "news", (), fields=(("title", "Workers sent abroad"), ("newspaper", "The Korea Times"),
                                           ("date", "12 March 2014"), ("url", "http://example.org/a?b=1&c=50%"),
                                           ("access-date", "2014-04-01"), ("author", "BBC News")))
    entry = parsed(citation_as_bibtex(news))
    assert entry["type"] == "article" and entry["journal"] == "The Korea Times" and entry["year"] == "2014"
    assert entry["author"] == "{BBC News}" and entry["urldate"] == "2014-04-01"
    web = Citation(3, "web", (), fields=(("title", "Home"), ("website", "Example"), ("url", "//example.org")))
    entry = parsed(citation_as_bibtex(web))
    assert entry["type"] == "misc" and entry["howpublished"] == "Example" and entry["url"] == "https://example.org"


def test_a_plain_text_citation_is_a_misc_with_its_text_as_note() -> None:
    plain = Citation(4, "note", (Span("Interview with a worker, "), Span("Vladivostok", target="https://x.org"),
                                 Span(", 2010.")))
    entry = parsed(citation_as_bibtex(plain))
    assert entry["type"] == "misc" and entry["note"] == "Interview with a worker, Vladivostok, 2010."
    assert entry["url"] == "https://x.org"
    assert citation_as_text(plain) == "Interview with a worker, Vladivostok, 2010."


# ---------------------------------------------------------------------------- the command line


def test_config_option_prints_the_path_and_the_defaults(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "reader", "--config"], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    first, _, rest = result.stdout.partition("\n")
    assert first.startswith(str(tmp_path / "wikireader" / "config.toml")) and "does not exist yet" in first
    assert rest.strip() == config.DEFAULT_TEXT.strip()
    assert not (tmp_path / "wikireader").exists()  # printing the defaults writes nothing
