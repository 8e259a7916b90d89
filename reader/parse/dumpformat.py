"""The plain-text dump format, turned into wikitext that mwparserfromhell parses.

The dump writes templates as ``[tpl]...[/tpl]`` and references as ``[ref]...[/ref]``.
This module only translates those tokens, mechanically, and recognises line-level debris
the dump conversion left behind:

* a stray ``[/ref]`` (no opener) is dropped; an unclosed ``[ref]`` runs to the next closer
  when one follows before a blank line or the next opener, and otherwise ends at its line's
  end (no text is lost either way: it becomes the footnote's text);
* an unclosed ``[tpl]`` is closed at its line's end (dump templates never span lines) and a
  stray ``[/tpl]`` is dropped;
* runs of orphan citation-parameter lines (`` | title=The Works of John Knox``) ending in a
  lone ``}}`` are rewritten as one ``{{wikireader-bibliography-entry ...}}`` template that the block builder turns
  into a bibliography entry (`model.CitationEntry`);
* image-caption fragments (``thumb|left|Caption textProse...``), ``[[File:...`` lines
  left unclosed and gallery lines (``File:X.jpg|Caption``) become a well-formed
  ``[[File:...]]`` link on their own line.
"""

from __future__ import annotations

import re
from collections import Counter

# The name of the private template standing for a run of orphan citation parameters.
BIB = "wikireader-bibliography-entry"

_TOKEN = re.compile(r"\[(/?)(tpl|ref)\]|<(/?)ref\b([^<>]*?)(/?)>", re.IGNORECASE)
_PARAM_LINE = re.compile(r"^\s*\|")
_KEY_VALUE = re.compile(r"\|\s*[\w\- ]{1,40}=")
_CLOSER_LINE = re.compile(r"^\s*\}\}")
_IMAGE_OPTION = re.compile(
    r"^(thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|upright(=[\d.]+)?|"
    r"\d*x?\d+px|(alt|link|page|class|lang|upright)=.*)$",
    re.IGNORECASE,
)
# Where a caption glued to the prose that follows it ends: a lower-case letter, digit or
# full stop immediately followed by a capitalised word ("...many ridesIn late 2008").
_GLUE = re.compile(r"(?<=[a-z0-9.)\]])(?=[A-Z][a-z])")
# Where a caption ends when a space was left before the prose ("...of his death On June 25,
# 2010, ..."): a lower-case word, then a word that starts sentences, not names.  Only looked for
# in a fragment too long to be a caption alone, and never past the first full stop.
_SENTENCE_START = re.compile(
    r"(?<=[a-z0-9)\]]) (?=(?:On|In|The|According|After|Before|During|As|By|He|She|It|They|His|Her|Its|"
    r"Their|This|These|When|While|Although|Following|At|From|Since|Despite|However|A|An)\b)")
CAPTION_LONGEST = 160  # characters: a fragment longer than this holds prose after its caption
# A caption fragment in the middle of a line, after the sentence it was glued to ("TruBlood.thumb|").
_MIDLINE_CAPTION = re.compile(r"(?<=[.!?\"”)])(?=(?:thumb|thumbnail)\|)", re.IGNORECASE)


def to_wikitext(body: str, counts: Counter[str] | None = None) -> str:
    """Translate a dump article's body into wikitext (tokens, debris, stray captions).

    `counts`, when given, receives how many of each repair were made (see `describe`)."""
    counts = Counter() if counts is None else counts
    lines = body.split("\n")
    lines = _mend_lines(lines, counts)
    return _translate_tokens("\n".join(lines), counts)


# Orphan parameters, caption fragments and unclosed File lines are the dump format's usual
# debris, handled as part of reading it; unbalanced tokens are damage worth a notice.
_DESCRIPTIONS = {
    "stray ref": "stray [/ref] closer(s) dropped",
    "unclosed ref": "unclosed [ref] footnote(s) ended at their line's end",
    "stray tpl": "stray [/tpl] closer(s) dropped",
    "unclosed tpl": "unclosed [tpl] template(s) ended at their line's end",
}


def describe(counts: Counter[str]) -> list[str]:
    """Human-readable notices for the repairs counted by `to_wikitext`."""
    return [f"{counts[key]} {text}" for key, text in _DESCRIPTIONS.items() if counts.get(key)]


# ---------------------------------------------------------------------------- line-level debris


def _is_param_line(line: str) -> bool:
    return bool(_PARAM_LINE.match(line)) and "[tpl]" not in line


def _is_glued_tail(line: str) -> bool:
    """A line like ``By Roberto Baldwin|date=April 27, 2012|work=Wired}}[/ref]``."""
    if "}}" not in line or "[tpl]" in line or "{{" in line:
        return False
    head = line.split("}}", 1)[0]
    return bool(_KEY_VALUE.search(head))


def _mend_lines(lines: list[str], counts: Counter[str]) -> list[str]:
    """Rewrite debris lines (orphan parameters, caption fragments, unclosed File links)."""
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if _is_param_line(line) or _is_glued_tail(line):
            j = _param_run_end(lines, i)
            if j > i and _attach_anchor(lines[i:j], out):
                counts["anchor"] += 1
                i = j
                continue
            if j > i:
                for run in _split_at_repeats(lines[i:j]):
                    out.append(_bib_template(run))
                    counts["orphan"] += 1
                i = j
                continue
        stripped = line.lstrip()
        low = stripped[:10].lower()
        midline = _MIDLINE_CAPTION.search(stripped) if "thumb" in stripped else None
        if low.startswith("thumb|") or low.startswith("thumbnail|"):
            out.extend(_caption_fragment(stripped))
            counts["caption"] += 1
        elif midline is not None:
            out.append(stripped[: midline.start()])
            out.extend(_caption_fragment(stripped[midline.start():]))
            counts["caption"] += 1
        elif (low.startswith("[[file:") or low.startswith("[[image:")) and "]]" not in stripped:
            out.append(stripped + "]]")
            counts["file"] += 1
        elif low.startswith(("file:", "image:")) and "|" in stripped and "[[" not in stripped:
            out.append("[[" + stripped + "]]")  # a gallery line whose <gallery> tags were lost
        else:
            out.append(line)
        i += 1
    return out


_ANCHOR_KEYS = ("ref", "harvid")


def _attach_anchor(run: list[str], out: list[str]) -> bool:
    """``| ref = Aitken`` lines after a bibliography entry: the anchor its template lost (the
    dump cut the template at a nested ``{{sfnRef|...}}``), given back to it, so that short
    footnotes naming it find the entry (Richard_Nixon had 88 such lines printed as text)."""
    pairs = [line.strip().lstrip("|").partition("=") for line in run]
    if not pairs or any(key.strip().lower() not in _ANCHOR_KEYS or not sep for key, sep, _ in pairs):
        return False
    previous = len(out) - 1
    while previous >= 0 and not out[previous].strip():
        previous -= 1
    if previous < 0:
        return False
    entry = out[previous]
    closer = "[/tpl]" if entry.rstrip().endswith("[/tpl]") else "}}" if entry.rstrip().endswith("}}") else ""
    if not closer:
        return False
    cut = entry.rfind(closer)
    params = "".join(f"|{key.strip().lower()}={value.strip().rstrip('}').strip()}" for key, _, value in pairs)
    out[previous] = entry[:cut] + params + entry[cut:]
    return True


def _param_run_end(lines: list[str], start: int) -> int:
    """End (exclusive) of a run of orphan parameter lines starting at `start`, or `start`.

    The run is accepted when it ends in a line holding ``}}`` (the template's closer) or,
    failing that, when every line in it is a ``| key = value`` line.
    """
    j = start
    n = len(lines)
    while j < n:
        line = lines[j]
        if _CLOSER_LINE.match(line) or (_is_param_line(line) or (j == start and _is_glued_tail(line))):
            j += 1
            if "}}" in line:
                return j
            continue
        break
    run = lines[start:j]
    if run and all(_KEY_VALUE.match(line.lstrip()) for line in run):
        return j
    return start


def _split_at_repeats(run: list[str]) -> list[list[str]]:
    """A run of parameter lines cut where a line's key was already given in it: the dump lost the
    template openings between entries, and a second ``year`` belongs to another entry
    (Knights_of_Columbus: a stray ``|year= 1965}}`` made Singular's 2005 book a 1965 one, and its
    short footnotes then found no entry)."""
    groups: list[list[str]] = [[]]
    seen: set[str] = set()
    for line in run:
        match = _KEY_VALUE.match(line.lstrip())
        key = match.group().strip("|= \t").lower() if match else None
        if key is not None and key in seen and groups[-1]:
            groups.append([])
            seen = set()
        if key is not None:
            seen.add(key)
        groups[-1].append(line)
    return groups


def _bib_template(run: list[str]) -> str:
    """One line ``{{wikireader-bibliography-entry|key=value|...}}trailing`` standing for a run of orphan parameters."""
    joined = " ".join(line.strip() for line in run)
    head, sep, tail = joined.rpartition("}}")
    if not sep:
        head, tail = joined, ""
    head = head.replace("[/ref]", "").replace("[ref]", "")
    if "[/ref]" in tail:
        # "}}[/ref] When benzodiazepines are used...": the footnote ended; prose resumes
        note_tail, _, prose = tail.partition("[/ref]")
        tail = note_tail + ("\n" + prose.lstrip() if prose.strip() else "")
    tail = tail.replace("[/ref]", "").replace("[ref]", "")
    if not head.lstrip().startswith("|"):
        head = "|" + head
    return "{{" + BIB + head + "}}" + tail


def _caption_fragment(line: str) -> list[str]:
    """``thumb|left|Caption textProse...`` -> a File link line, then the prose line."""
    parts = line.split("|")
    options: list[str] = []
    while len(parts) > 1 and _IMAGE_OPTION.match(parts[0].strip()):
        options.append(parts.pop(0))
    rest = "|".join(parts)
    caption, prose = rest, ""
    match = _GLUE.search(rest)
    if match:
        caption, prose = rest[: match.start()], rest[match.start():]
    elif len(rest) > CAPTION_LONGEST:
        stop = rest.find(". ")
        match = _SENTENCE_START.search(rest, 0, stop if stop > 0 else len(rest))
        if match:
            caption, prose = rest[: match.start()], rest[match.end():]
    caption = caption.replace("[[", "").replace("]]", "")
    link = "[[File:|" + "|".join(options + [caption]) + "]]"
    return [link, prose] if prose.strip() else [link]


# ---------------------------------------------------------------------------- tokens


def _translate_tokens(text: str, counts: Counter[str]) -> str:
    """``[tpl]``/``[ref]`` tokens -> ``{{``/``<ref>``, balancing what the dump left unbalanced."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return text
    out: list[str] = []
    pos = 0
    ref_state = ""  # "" closed, "closer" runs to its closer, "eol" ends at its line's end
    tpl_depth = 0
    for index, token in enumerate(tokens):
        chunk, tpl_depth, ref_state = _close_at_breaks(text[pos:token.start()], tpl_depth, ref_state, counts)
        out.append(chunk)
        pos = token.end()
        closing, kind = _token_kind(token)
        if kind == "tpl":
            if not closing:
                out.append("{{")
                tpl_depth += 1
            elif tpl_depth:
                out.append("}}")
                tpl_depth -= 1
            else:
                counts["stray tpl"] += 1  # a stray [/tpl] is dropped
        elif kind == "refself":
            out.append(token.group(0))
        elif not closing:
            if ref_state:
                out.append("}}" * tpl_depth + "</ref>")
                tpl_depth = 0
            ref_state = "closer" if _ref_reaches_closer(tokens, index, text) else "eol"
            if ref_state == "eol":
                counts["unclosed ref"] += 1
            out.append("<ref" + (token.group(4) or "") + ">")
        elif ref_state:
            out.append("}}" * tpl_depth + "</ref>")
            tpl_depth = 0
            ref_state = ""
        else:
            counts["stray ref"] += 1  # a stray [/ref] is dropped
    tail, tpl_depth, ref_state = _close_at_breaks(text[pos:], tpl_depth, ref_state, counts)
    if tpl_depth:
        counts["unclosed tpl"] += 1
    out.append(tail)
    out.append("}}" * tpl_depth + ("</ref>" if ref_state else ""))
    return "".join(out)


def _close_at_breaks(chunk: str, tpl_depth: int, ref_state: str,
                     counts: Counter[str]) -> tuple[str, int, str]:
    """Close open templates at a line end and an open ref at its line or paragraph end."""
    if not (tpl_depth or ref_state) or "\n" not in chunk:
        return chunk, tpl_depth, ref_state
    if tpl_depth:
        counts["unclosed tpl"] += 1
    cut = chunk.index("\n")
    closer = "}}" * tpl_depth
    tpl_depth = 0
    if ref_state == "eol" or (ref_state and _ref_must_end(chunk)):
        if ref_state != "eol":
            cut = _paragraph_end(chunk)
        closer += "</ref>"
        ref_state = ""
    return chunk[:cut] + closer + chunk[cut:], tpl_depth, ref_state


def _token_kind(token: re.Match[str]) -> tuple[bool, str]:
    if token.group(2):
        return bool(token.group(1)), token.group(2).lower()
    if token.group(5):
        return False, "refself"
    return bool(token.group(3)), "ref"


def _ref_reaches_closer(tokens: list[re.Match[str]], index: int, text: str) -> bool:
    """Whether the ref opened by tokens[index] is closed before a blank line or another opener."""
    start = tokens[index].end()
    for position in range(index + 1, len(tokens)):  # no slice: a copy per ref would be quadratic
        token = tokens[position]
        closing, kind = _token_kind(token)
        if kind == "tpl" or kind == "refself":
            continue
        between = text[start:token.start()]
        if "\n\n" in between or "\n=" in between:
            return False
        return closing
    return False


def _ref_must_end(chunk: str) -> bool:
    return "\n\n" in chunk or "\n=" in chunk


def _paragraph_end(chunk: str) -> int:
    cuts = [i for i in (chunk.find("\n\n"), chunk.find("\n=")) if i >= 0]
    return min(cuts) if cuts else len(chunk)
