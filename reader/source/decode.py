"""Reading an input file as text: refuse what is not text, decode what is, whatever its encoding.

The input is meant to be UTF-8, but real files are not always: some are in a legacy 8-bit encoding,
some were decoded and re-encoded once too often (mojibake: "â€“" for "–"), some carry Windows line
ends or stray NUL bytes.  None of that is a reason to refuse a file.  We decode it, repair what can be
repaired, and say in one line on stderr what we did (`Decoded.notice`).

What we do refuse, with a one-line `InputError`: a missing file, a directory, a file we may not read,
and a file that is not text at all (an image, an archive, an executable...).

Speed matters: dump files are 5-20 MB.  Strict UTF-8 decoding, line-end normalisation and the
mojibake check are each one pass in C; ftfy (slow, thorough) only ever sees the words that the
cheap check flags, and is not even imported for a clean file.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import sys
from dataclasses import dataclass

from reader.errors import InputError

# ftfy is imported only when a file needs repair: importing it costs ~0.2 s (as much as Textual's
# app module), which every start of the reader would otherwise pay.

SAMPLE_SIZE = 8192  # bytes looked at to tell text from binary

# Magic numbers of common binary formats a user might hand us by mistake.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"Rar!\x1a\x07", "a rar archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"fLaC", "an audio file"),
)

# Byte-order marks that say a file is in a wide Unicode encoding (longest first: UTF-32-LE starts
# with the UTF-16-LE mark).  UTF-8's own mark is dropped by the UTF-8 decoding ("utf-8-sig").
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text (tab, line feed, form feed, carriage return and escape do).
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b") + b"\x7f"

# The tell-tale of UTF-8 read as cp1252/latin-1: a lead byte (U+00C2..U+00F4 as cp1252) followed by
# a continuation byte (0x80..0xBF as cp1252, which maps some of them above U+0100; U+FFFD where
# the byte had no cp1252 character and was lost).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\ufffd"
MOJIBAKE_HINT = re.compile(f"[\xc2-\xf4][\x80-\xbf{_CP1252_HIGH}]")
# The same test on the UTF-8 bytes of a text, ten times faster on a 20 MB file: the regex engine
# jumps from one literal \xc3 to the next (every lead character is \xc3 + one byte in UTF-8).
MOJIBAKE_HINT_UTF8 = re.compile(
    b"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|" + b"|".join(re.escape(c.encode()) for c in _CP1252_HIGH) + b")"
)

# The five bytes cp1252 leaves undefined; "sloppy" cp1252 maps them to the latin-1 code points.
_CP1252_HOLES = frozenset("\x81\x8d\x8f\x90\x9d")


def _sloppy_decode(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: cp1252's undefined bytes read as latin-1 (U+0081...)."""
    assert isinstance(error, UnicodeDecodeError)
    return bytes(error.object[error.start : error.end]).decode("latin-1"), error.end


def _sloppy_encode(error: UnicodeError) -> tuple[bytes, int]:
    """Codec error handler: U+0081... written back as the bytes cp1252 leaves undefined."""
    assert isinstance(error, UnicodeEncodeError)
    chars = error.object[error.start : error.end]
    if not set(chars) <= _CP1252_HOLES:
        raise error
    return chars.encode("latin-1"), error.end


codecs.register_error("wikireader-sloppy", _sloppy_decode)
codecs.register_error("wikireader-sloppy-encode", _sloppy_encode)


@functools.cache
def _repair_config():  # type: ignore[no-untyped-def]
    """ftfy, restricted to repairing encodings: no quote uncurling, no HTML unescaping (wikitext
    may be escaped on purpose), no normalisation -- we must not change text that was right."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


# cp1252 has no character for byte 0x9D, so the mojibake of "”" (E2 80 9D) often reached us as
# "â€" + U+FFFD.  "”" is by far the likeliest character of that shape in prose; restoring the byte
# lets ftfy decode it instead of dropping it.
LOST_RIGHT_QUOTE = ("â€\ufffd", "â€\x9d")


@dataclass(frozen=True)
class Decoded:
    """A file's text, ready for splitting and parsing."""

    text: str  # "\n" line ends (CRLF/CR normalised), NULs removed
    encoding: str  # "utf-8", "cp1252", ...
    notice: str | None  # one line for stderr when we fell back or repaired something, else None


def read_source(path: str) -> Decoded:
    """Read and decode `path` ("-" is standard input).

    Raises `InputError` with a one-line message when the file cannot be read or is not text.
    """
    if path == "-":
        return decode_bytes(_read_stdin(), "standard input")
    return decode_bytes(_read_file(path), path)


def _read_stdin() -> bytes:
    """All of standard input, as bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("cannot read standard input: it is closed")
    try:
        return stream.read()
    except OSError as error:
        raise InputError(f"cannot read standard input: {_reason(error)}") from None


def _read_file(path: str) -> bytes:
    """The bytes of the file at `path`, or an `InputError` saying why not."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"cannot open {path}: {_reason(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a directory, not a file")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        raise InputError(f"{path} is not a regular file")
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise InputError(f"cannot read {path}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    """The operating system's reason, in lower case ("permission denied")."""
    reason = error.strerror or str(error) or type(error).__name__
    return reason[0].lower() + reason[1:]


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode the bytes of the file called `name` (used in messages) into normalised text.

    Raises `InputError` when the bytes are not text.
    """
    encoding = _unicode_encoding(data)
    if encoding is None:
        _refuse_binary(data, name)
        text, encoding, legacy_bytes = _decode_8bit(data)
    else:
        text, legacy_bytes = data.decode(encoding, errors="replace"), 0
    notes = []
    if encoding == "cp1252":
        notes.append(f"{name} is not UTF-8; read as cp1252")
    elif legacy_bytes:
        plural = "s" if legacy_bytes != 1 else ""
        notes.append(f"{name} is not valid UTF-8 throughout; read {legacy_bytes} stray byte{plural} as cp1252")
    elif encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        notes.append(f"{name} is {encoding.upper()}; read as such")
    nuls = text.count("\0")
    if nuls:
        text = text.replace("\0", "")
        notes.append(f"removed {nuls} NUL byte{'s' if nuls != 1 else ''} from {name}")
    text = _normalise_line_ends(text)
    # Clean UTF-8 is checked on its bytes (fast); anything else on the text.
    clean_utf8 = encoding == "utf-8" and not (legacy_bytes or nuls)
    maybe_mojibake = MOJIBAKE_HINT_UTF8.search(data) if clean_utf8 else True
    repaired = repair_text(text) if maybe_mojibake else text
    if repaired != text:
        text = repaired
        notes.append(f"repaired mis-encoded text (mojibake) in {name}")
    return Decoded(text=text, encoding=encoding, notice=_notice(notes, name))


def _notice(notes: list[str], name: str) -> str | None:
    """One line joining what we did, or None when the file was clean UTF-8."""
    if not notes:
        return None
    if len(notes) == 1:
        return "note: " + notes[0]
    # Several remarks: name the file once.
    first, rest = notes[0], [note.replace(f" in {name}", "").replace(f" from {name}", "") for note in notes[1:]]
    return "note: " + "; ".join([first, *rest])


def _unicode_encoding(data: bytes) -> str | None:
    """The Unicode encoding the bytes are in, when that is certain (BOM or BOM-less UTF-16)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return _bomless_utf16(data[:SAMPLE_SIZE])


def _bomless_utf16(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the sample reads as UTF-16 text without a byte-order mark."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0) / (len(sample) // 2), sample[1::2].count(0) / (len(sample) // 2)
    # Latin-script text in UTF-16: the high byte of most characters is NUL, the low byte never is.
    guess = "utf-16-le" if odd > 0.4 and even < 0.05 else "utf-16-be" if even > 0.4 and odd < 0.05 else None
    if guess is None:
        return None
    # 16-bit binary numbers look like that too: insist that the decoded sample reads as text.
    text = sample.decode(guess, errors="replace")
    junk = sum(1 for char in text if char == "\ufffd" or (char < " " and char not in "\t\n\r\x0c"))
    return guess if junk <= 0.01 * len(text) else None


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise `InputError` when `data` is not text: a known binary format or full of control bytes."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            # "MZ" and "ID3" are short enough to start real text: insist on control bytes too.
            if len(magic) >= 3 or _control_share(data[:SAMPLE_SIZE]) > 0.01:
                raise InputError(f"{name} is not a text file (it looks like {kind})")
    sample = data[:SAMPLE_SIZE]
    share = _control_share(sample)
    # Text may hold a few stray control bytes (we drop the NULs); binary data is full of them.
    # Random bytes are ~10% control bytes; text with a handful of NULs is well under 1%.
    many = share * len(sample) >= 8 and share > 0.02
    if share > 0.3 or (many and not _is_utf8_prefix(sample)):
        raise InputError(f"{name} is not a text file (it holds binary data)")


def _control_share(sample: bytes) -> float:
    """The share of bytes in `sample` that never occur in text."""
    if not sample:
        return 0.0
    text_bytes = sample.translate(None, CONTROL_BYTES)
    return (len(sample) - len(text_bytes)) / len(sample)


def _is_utf8_prefix(sample: bytes) -> bool:
    """True when `sample` is valid UTF-8, allowing a character cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _decode_8bit(data: bytes) -> tuple[str, str, int]:
    """Decode bytes with no BOM: (text, encoding, number of bytes read as cp1252 inside UTF-8).

    UTF-8 when valid.  A file that is more invalid than valid UTF-8 is in a legacy encoding:
    cp1252 (a superset of latin-1's printable characters, the usual one for English text), its
    five unassigned bytes read as latin-1 so nothing is lost.  A file that is UTF-8 but for a few
    bad bytes (pasted together from two sources, or damaged) stays UTF-8 and reads just the bad
    bytes as cp1252.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    # surrogateescape turns each byte UTF-8 rejects into one lone surrogate U+DC80..U+DCFF.
    text = data.decode("utf-8-sig", errors="surrogateescape")
    stray = len(_STRAY_BYTE.findall(text))
    valid = len(data) - len(data.translate(None, _HIGH_BYTES)) - stray
    if valid < stray:
        return data.removeprefix(codecs.BOM_UTF8).decode("cp1252", errors="wikireader-sloppy"), "cp1252", 0
    return _STRAY_BYTE.sub(_stray_as_cp1252, text), "utf-8", stray


_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_HIGH_BYTES = bytes(range(128, 256))


def _stray_as_cp1252(match: re.Match[str]) -> str:
    """The cp1252 reading of one byte that UTF-8 decoding rejected."""
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", errors="wikireader-sloppy")


def _normalise_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends become "\\n"."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair_text(text: str) -> str:
    """Repair double-encoded text (mojibake) with ftfy; cheap when there is none.

    One regular-expression scan looks for the tell-tale pairs.  When the whole text is mojibake
    (a file decoded as cp1252 and saved as UTF-8 once too often), reversing that in one go is exact
    and fast.  Otherwise each word around a tell-tale is reversed the same way when it round-trips,
    and only the words that do not (mojibake mixed with correct characters) go through ftfy, which
    changes text only when it is sure the change is a repair.  Line ends are never touched.
    """
    if MOJIBAKE_HINT.search(text) is None:
        return text
    whole = _undo_double_encoding(text)
    if whole is not None:
        return whole
    parts = []
    done = 0
    for start, end in _flagged_words(text):
        parts.append(text[done:start])
        words = text[start:end]
        parts.append(_undo_double_encoding(words) or _repair_words(words))
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _undo_double_encoding(text: str) -> str | None:
    """`text` encoded back to cp1252 and read as the UTF-8 it was, when all of it round-trips."""
    try:
        return text.replace(*LOST_RIGHT_QUOTE).encode("cp1252", errors="wikireader-sloppy-encode").decode("utf-8")
    except UnicodeError:
        return None


# A stretch of text without ASCII white space; mojibake never spans a space but may hold U+00A0.
_WORD_EDGE = re.compile("[ \t\n]")
_CONTEXT = 40  # at most this many characters of a word on either side of a tell-tale


def _flagged_words(text: str):  # type: ignore[no-untyped-def]
    """(start, end) of each stretch around mojibake tell-tales, in order, not overlapping."""
    region_start = region_end = -1
    for match in MOJIBAKE_HINT.finditer(text):
        start, end = _word_around(text, match.start(), match.end())
        if start <= region_end:  # touches the previous stretch: extend it
            region_end = max(region_end, end)
            continue
        if region_end >= 0:
            yield region_start, region_end
        region_start, region_end = start, end
    if region_end >= 0:
        yield region_start, region_end


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The word holding text[start:end], clipped to `_CONTEXT` characters on either side."""
    low = max(0, start - _CONTEXT)
    before = text[low:start]
    edges = [m.end() for m in _WORD_EDGE.finditer(before)]
    word_start = low + edges[-1] if edges else low
    after = _WORD_EDGE.search(text, end, min(len(text), end + _CONTEXT))
    word_end = after.start() if after else min(len(text), end + _CONTEXT)
    return word_start, word_end


def _repair_words(words: str) -> str:
    """ftfy's encoding repair of a few words."""
    import ftfy

    words = words.replace(*LOST_RIGHT_QUOTE)
    fixed = ftfy.fix_text(words, _repair_config())
    if "\x9d" in fixed:  # the quote we restored was not part of mojibake after all
        fixed = fixed.replace("â€\x9d", "â€\ufffd")
    return fixed
