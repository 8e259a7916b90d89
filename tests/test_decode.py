"""Reading files as text (reader.source.decode, reader.source.mojibake): encodings, mojibake, line
ends, NULs, and refusing what is not text."""

from __future__ import annotations

import codecs
import io
import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import InputError
from reader.source import decode
from reader.source.decode import Decoded, decode_bytes, read_source, repair_text
from reader.source.mojibake import MOJIBAKE_HINT, MOJIBAKE_HINT_UTF8

MOJIBAKE_FILE = "dump/alex-test-mojibake-truncated.txt"  # a double-encoded copy of the start of:
ORIGINAL_FILE = "dump/wiki-example.txt"

MIXED_SCRIPTS = ("naïve café São Paulo, Ελληνικά, русский, 日本語, עברית, العربية, e\u0301, 👩\u200d🔬, "
                 "“quotes” — 5–9 £3 ½")


# ---------------------------------------------------------------------------- clean input


def test_clean_utf8_is_read_unchanged(sample_article: Path) -> None:
    data = sample_article.read_bytes()
    decoded = read_source(str(sample_article))
    assert decoded == Decoded(text=data.decode("utf-8"), encoding="utf-8", notice=None)


def test_every_script_survives_untouched() -> None:
    decoded = decode_bytes(MIXED_SCRIPTS.encode("utf-8"), "f.txt")
    assert decoded.text == MIXED_SCRIPTS
    assert decoded.notice is None


def test_byte_order_mark_is_dropped_quietly() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "[[Café]]\n".encode(), "f.txt")
    assert decoded.text == "[[Café]]\n"
    assert (decoded.encoding, decoded.notice) == ("utf-8", None)


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"", "empty.txt") == Decoded("", "utf-8", None)


# ---------------------------------------------------------------------------- line ends and NULs


def test_windows_and_old_mac_line_ends_become_newlines() -> None:
    decoded = decode_bytes(b"[[A]]\r\n\r\nOne.\r\nTwo.\rThree.\n", "crlf.txt")
    assert decoded.text == "[[A]]\n\nOne.\nTwo.\nThree.\n"
    assert decoded.notice is None  # nothing worth telling: every line kept


def test_nul_bytes_inside_text_are_dropped_and_said() -> None:
    decoded = decode_bytes(b"[[A]]\n\nSome\x00 text\x00\x00 here.\n", "nul.txt")
    assert decoded.text == "[[A]]\n\nSome text here.\n"
    assert decoded.notice == "note: removed 3 NUL bytes from nul.txt"


# ---------------------------------------------------------------------------- other encodings


def test_cp1252_file_is_read_as_cp1252() -> None:
    text = "Café “quoted” – dash, 5 € and ½ œuvre"
    decoded = decode_bytes(text.encode("cp1252"), "old.txt")
    assert decoded.text == text
    assert decoded.encoding == "cp1252"
    assert decoded.notice == "note: old.txt is not UTF-8; read as cp1252"


def test_cp1252_bytes_it_leaves_undefined_are_kept_not_dropped() -> None:
    decoded = decode_bytes(b"caf\xe9 \x81 \x9d end", "odd.txt")
    assert decoded.text == "café \x81 \x9d end"  # latin-1 reading: nothing lost


def test_utf8_with_a_few_bad_bytes_stays_utf8() -> None:
    data = "Zürich – “good” UTF-8, ".encode() + b"then caf\xe9 in cp1252, " + "and 日本 again".encode()
    decoded = decode_bytes(data, "mixed.txt")
    assert decoded.text == "Zürich – “good” UTF-8, then café in cp1252, and 日本 again"
    assert decoded.encoding == "utf-8"
    assert decoded.notice == "note: mixed.txt is not valid UTF-8 throughout; read 1 stray byte as cp1252"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-16-le", "utf-16-be"])
def test_utf16_and_utf32_are_read(codec: str) -> None:
    text = "[[Ελληνικά]]\n\nText with “quotes” and 日本語.\n"
    decoded = decode_bytes(text.encode(codec), "wide.txt")
    assert decoded.text == text
    assert decoded.notice is not None and "wide.txt is UTF-" in decoded.notice


def test_several_remarks_make_one_line() -> None:
    decoded = decode_bytes("café\x00 naïve\r\nthe end".encode("cp1252"), "all.txt")
    assert decoded.text == "café naïve\nthe end"
    assert decoded.notice == "note: all.txt is not UTF-8; read as cp1252; removed 1 NUL byte"


# ---------------------------------------------------------------------------- mojibake


def test_mojibake_file_is_repaired_to_the_original_text(data_dir: Path) -> None:
    """The damaged copy is the original's first five pages, double-encoded: repair gives it back."""
    decoded = read_source(str(data_dir / MOJIBAKE_FILE))
    original = read_source(str(data_dir / ORIGINAL_FILE)).text
    assert original.startswith(decoded.text)
    assert len(decoded.text) > 36_000
    assert "â€" not in decoded.text and "Â" not in decoded.text
    assert "around 6–9 months" in decoded.text
    assert "a fee of £20 per hour" in decoded.text
    assert "specification”." in decoded.text  # its 0x9D byte was lost to U+FFFD: restored
    assert decoded.notice == f"note: repaired mis-encoded text (mojibake) in {data_dir / MOJIBAKE_FILE}"


def test_mojibake_next_to_correct_text_is_repaired_word_by_word(data_dir: Path) -> None:
    """Correct curly quotes elsewhere in the file rule out undoing the encoding wholesale."""
    damaged = (data_dir / MOJIBAKE_FILE).read_bytes()
    decoded = decode_bytes(damaged + "\n\nIt’s “right” – already.\n".encode(), "mixed.txt")
    original = read_source(str(data_dir / ORIGINAL_FILE)).text
    tail = "\n\nIt’s “right” – already.\n"
    assert decoded.text.endswith(tail)
    assert original.startswith(decoded.text[: -len(tail)])


def test_repair_text_returns_clean_text_itself() -> None:
    text = "[[A]]\n\n" + MIXED_SCRIPTS * 100
    assert repair_text(text) is text


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("6â€“9 months", "6–9 months"),
        ("the registrarâ€™s view", "the registrar’s view"),
        ("Â£50,000", "£50,000"),
        ("â€œquotedâ€\ufffd", "“quoted”"),
        ("CafÃ© au lait", "Café au lait"),
        ("line one\nâ€“ two\nthree", "line one\n– two\nthree"),
        # mojibake and correct characters in one word: only ftfy can tell them apart
        ("pages “6â€“9”", "pages “6–9”"),
        ("naïve—â€“x", "naïve—–x"),
    ],
)
def test_repair_text_fixes_classic_mojibake(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


def test_repair_text_leaves_look_alikes_that_are_not_mojibake() -> None:
    text = "Ã is a letter; so is â (as in pâté) and Â."
    assert repair_text(text) == text


# ---------------------------------------------------------------------------- not text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "a zip archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip archive"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(60), "an executable"),
        (b"SQLite format 3\x00" + bytes(100), "an SQLite database"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "thing.txt")
    assert str(caught.value) == f"thing.txt is not a text file (it looks like {kind})"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(20_000),
        bytes(5000),
        b"\x00\x01\x02\x03\x04" * 100 + b"some text",
    ],
    ids=["random bytes", "all NUL", "control bytes"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^blob is not a text file \(it holds binary data\)$"):
        decode_bytes(data, "blob")


def test_text_that_starts_like_a_magic_number_is_still_text() -> None:
    decoded = decode_bytes(b"MZ is a two-letter code.\nID3 tags are metadata.\n", "mz.txt")
    assert decoded.text.startswith("MZ is")


# ---------------------------------------------------------------------------- files and stdin


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^.*nope\.txt: no such file$"):
        read_source(str(tmp_path / "nope.txt"))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a directory, not a file$"):
        read_source(str(tmp_path))


def test_device_is_not_a_regular_file() -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    with pytest.raises(InputError, match=r"^/dev/null is not a regular file$"):
        read_source("/dev/null")


def test_unreadable_file_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("[[A]]\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(decode, "open", refuse, raising=False)
    with pytest.raises(InputError, match=r"^cannot read .*secret\.txt: permission denied$"):
        read_source(str(path))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("[[A]]\n")
    path.chmod(0)
    with pytest.raises(InputError, match=r"permission denied$"):
        read_source(str(path))


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("[[Café]]\r\n\r\nText.\r\n".encode("cp1252")))
    monkeypatch.setattr(sys, "stdin", stdin)
    decoded = read_source("-")
    assert decoded.text == "[[Café]]\n\nText.\n"
    assert decoded.notice == "note: standard input is not UTF-8; read as cp1252"


# ---------------------------------------------------------------------------- the quick check

# Characters around the edges of both character classes, plus some ordinary ones.
EDGES = "\x7f\x80\xbf\xc0\xc1\xc2\xc3\xe2\xf4\xf5\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\ufffd\u2013\u20ac\u0100aé日"


@given(st.text(alphabet=st.sampled_from(EDGES), max_size=12))
def test_quick_check_on_bytes_agrees_with_the_check_on_text(text: str) -> None:
    """decode_bytes looks for mojibake in the UTF-8 bytes (fast); repair_text in the text."""
    assert bool(MOJIBAKE_HINT_UTF8.search(text.encode("utf-8"))) == bool(MOJIBAKE_HINT.search(text))


def test_byte_order_mark_and_bad_bytes_lose_nothing() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "Zürich ".encode() + b"caf\xe9", "bom.txt")
    assert decoded.text == "Zürich café"
    assert decoded.encoding == "utf-8"


def test_correct_text_that_looks_like_mojibake_is_left_alone() -> None:
    """Real text from Helsinki.txt: "ä" + no-break space + "–" round-trips through cp1252 into
    "䠖", but it is correct text and must come back unchanged, with no notice."""
    text = "Helsingin Sanomat: Helsingissä\xa0– HS.fi, 2009. Ääni ja “lainaus”."
    decoded = decode_bytes(text.encode("utf-8"), "helsinki.txt")
    assert decoded.text == text
    assert decoded.notice is None
