"""Repairing mojibake: UTF-8 text that was read as cp1252 and saved as UTF-8 again ("â€“" for "–").

`repair_text` finds the tell-tale character pairs with one regular-expression scan and repairs only
what it finds, so clean text costs one scan.  The repair itself is ftfy's, on the stretches of text
around the tell-tales.  ftfy is imported only then: importing it costs
~0.2 s, as much as Textual's app module, which every start of the reader would otherwise pay.

Also here, because both the repair and `reader.source.decode` need them: codec error handlers for
"sloppy" cp1252, which maps the five bytes cp1252 leaves undefined to the latin-1 code points.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator

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



def _sloppy_decode(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: cp1252's undefined bytes read as latin-1 (U+0081...)."""
    assert isinstance(error, UnicodeDecodeError)
    return bytes(error.object[error.start : error.end]).decode("latin-1"), error.end


# Error-handler name for bytes.decode("cp1252", errors=SLOPPY).
SLOPPY = "wikireader-sloppy"
codecs.register_error(SLOPPY, _sloppy_decode)


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


def repair_text(text: str) -> str:
    """Repair double-encoded text (mojibake) with ftfy; cheap when there is none.

    One regular-expression scan looks for the tell-tale pairs; only the stretches of text around
    them go through ftfy, which changes text only where its badness measure says the change is a
    repair.  (Reversing the double encoding ourselves whenever it round-trips was faster but wrong:
    correct text such as "Helsingissä\xa0–" round-trips too, into "Helsingiss䠖".)  Line ends are
    never touched.
    """
    if MOJIBAKE_HINT.search(text) is None:
        return text
    parts = []
    done = 0
    for start, end in _flagged_words(text):
        parts.append(text[done:start])
        parts.append(_repair_words(text[start:end]))
        done = end
    parts.append(text[done:])
    return "".join(parts)


# A stretch of text without ASCII white space; mojibake never spans a space but may hold U+00A0.
_WORD_EDGE = re.compile("[ \t\n]")
_CONTEXT = 40  # at most this many characters of a word on either side of a tell-tale


def _flagged_words(text: str) -> Iterator[tuple[int, int]]:
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
