"""Reading an input file as text: refuse what is not text, decode what is, whatever its encoding.

The input is meant to be UTF-8, but real files are not always: some are in a legacy 8-bit encoding,
some were decoded and re-encoded once too often (mojibake: "â€“" for "–"), some carry Windows line
ends or stray NUL bytes.  None of that is a reason to refuse a file.  We decode it, repair what can be
repaired, and say in one line on stderr what we did (`Decoded.notice`).

What we do refuse, with a one-line `InputError`: a missing file, a directory, a file we may not read,
and a file that is not text at all (an image, an archive, an executable...).

Speed matters: dump files are 5-20 MB.  Strict UTF-8 decoding, line-end normalisation and the
mojibake check are each one pass in C; ftfy (slow, thorough) only ever sees the words that the
cheap check flags, and is not even imported for a clean file.  A caller that can wait for the
repair (the reader, which shows an article's first screen before the rest is parsed) asks for
`repair=False` and gets the text as read, marked `unrepaired` when the check flagged something;
`finish_repair` does the rest later (importing ftfy costs ~80 ms).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys

from msgspec import Struct

from reader.errors import InputError
from reader.source.mojibake import MOJIBAKE_HINT, MOJIBAKE_HINT_UTF8, SLOPPY, repair_text

__all__ = ["Decoded", "decode_bytes", "finish_repair", "read_source", "repair_text"]

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

class Decoded(Struct, frozen=True):
    """A file's text, ready for splitting and parsing."""

    text: str  # "\n" line ends (CRLF/CR normalised), NULs removed
    encoding: str  # "utf-8", "cp1252", ...
    notice: str | None  # one line for stderr when we fell back or repaired something, else None
    unrepaired: bool = False  # asked not to repair, and the text may hold mojibake (`finish_repair`)


def read_source(path: str, *, repair: bool = True) -> Decoded:
    """Read and decode `path` ("-" is standard input); `repair` as for `decode_bytes`.

    Raises `InputError` with a one-line message when the file cannot be read or is not text.
    """
    if path == "-":
        return decode_bytes(_read_stdin(), "standard input", repair=repair)
    return decode_bytes(_read_file(path), path, repair=repair)


def _read_stdin() -> bytes:
    """All of standard input, as bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("cannot read standard input: it is closed")
    try:
        data: bytes = stream.read()
    except OSError as error:
        raise InputError(f"cannot read standard input: {_reason(error)}") from None
    return data


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


def decode_bytes(data: bytes, name: str, *, repair: bool = True) -> Decoded:
    """Decode the bytes of the file called `name` (used in messages) into normalised text.

    Mojibake is repaired unless `repair` is false; the text is then marked `unrepaired` when it
    may hold some.  Raises `InputError` when the bytes are not text.
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
    if not repair:
        flagged = bool(maybe_mojibake) and MOJIBAKE_HINT.search(text) is not None
        return Decoded(text=text, encoding=encoding, notice=_notice(notes, name), unrepaired=flagged)
    repaired = repair_text(text) if maybe_mojibake else text
    if repaired != text:
        text = repaired
        notes.append(f"repaired mis-encoded text (mojibake) in {name}")
    return Decoded(text=text, encoding=encoding, notice=_notice(notes, name))


def finish_repair(decoded: Decoded, name: str) -> Decoded:
    """`decoded` with the repair `decode_bytes(..., repair=False)` left out done (the same text
    `repair=True` gives; the notice says so when something changed)."""
    if not decoded.unrepaired:
        return decoded
    repaired = repair_text(decoded.text)
    if repaired == decoded.text:
        return Decoded(decoded.text, decoded.encoding, decoded.notice)
    note = f"repaired mis-encoded text (mojibake) in {name}"
    notice = f"{decoded.notice}; {note.replace(f' in {name}', '')}" if decoded.notice else f"note: {note}"
    return Decoded(repaired, decoded.encoding, notice)


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
        return data.removeprefix(codecs.BOM_UTF8).decode("cp1252", errors=SLOPPY), "cp1252", 0
    return _STRAY_BYTE.sub(_stray_as_cp1252, text), "utf-8", stray


_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_HIGH_BYTES = bytes(range(128, 256))


def _stray_as_cp1252(match: re.Match[str]) -> str:
    """The cp1252 reading of one byte that UTF-8 decoding rejected."""
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", errors=SLOPPY)


def _normalise_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends become "\\n"."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
