"""Bold and italic apostrophes: MediaWiki's reading of one line's runs of apostrophes.

MediaWiki turns ``''`` and ``'''`` into italic and bold line by line, with rules of its own
for odd counts (``l'''italic''`` is ``l'`` then italic text: with an odd number of both, one
bold is taken for an apostrophe and an italic), four apostrophes (one is text, then bold),
more than five (all but five are text), and what is left open (closed at the line's end).
`balance` finds the runs and says where a line ends; this module is the rule.
"""

from __future__ import annotations


def do_quotes(runs: list[tuple[str, int]]) -> tuple[list[str], str]:
    """MediaWiki's reading of one line's apostrophe runs, each given with the two characters
    before it: what each run becomes, and the tags that close the line."""
    lengths = []
    prefixes = []  # literal apostrophes put before a run (of four, or of more than five)
    for _before, length in runs:
        extra = 1 if length == 4 else (length - 5 if length > 5 else 0)
        prefixes.append("'" * extra)
        lengths.append(length - extra)
    italics = sum(1 for length in lengths if length in (2, 5))  # five is both
    bolds = sum(1 for length in lengths if length in (3, 5))
    if italics % 2 and bolds % 2:
        _bold_to_italic(runs, lengths, prefixes)
    out = [""] * len(runs)  # the tags each run becomes
    state = ""
    both_at = -1  # the run of five that opened both, its order decided by the next run
    for index, length in enumerate(lengths):
        if length == 2:
            table = {"i": ("</i>", ""), "bi": ("</i>", "b"), "ib": ("</b></i><b>", "b"), "both": ("</i>", "b")}
            if state == "both":
                out[both_at] = "<b><i>"
            tag, state = table.get(state, ("<i>", state + "i"))
        elif length == 3:
            table = {"b": ("</b>", ""), "bi": ("</i></b><i>", "i"), "ib": ("</b>", "i"), "both": ("</b>", "i")}
            if state == "both":
                out[both_at] = "<i><b>"
            tag, state = table.get(state, ("<b>", state + "b"))
        else:
            table = {"b": ("</b><i>", "i"), "i": ("</i><b>", "b"), "bi": ("</i></b>", ""), "ib": ("</b></i>", ""),
                     "both": ("</b></i>", "")}
            if state == "both":
                out[both_at] = "<i><b>"
            if state in table:
                tag, state = table[state]
            else:
                tag, state, both_at = "", "both", index
        out[index] = tag
    closing = ""
    if state == "both":
        out[both_at] = "<b><i>"
        closing = "</i></b>"
    else:
        if state in ("b", "ib"):
            closing += "</b>"
        if state in ("i", "bi", "ib"):
            closing += "</i>"
        if state == "bi":
            closing += "</b>"
    return [prefix + tag for prefix, tag in zip(prefixes, out, strict=False)], closing


def _bold_to_italic(runs: list[tuple[str, int]], lengths: list[int], prefixes: list[str]) -> None:
    """Odd counts of both: one bold is an apostrophe and an italic -- after a one-letter word
    (``l'''``) if there is one, else after a longer word, else after a space."""
    single = multi = space = -1
    for index, length in enumerate(lengths):
        if length != 3:
            continue
        before = runs[index][0] + prefixes[index]
        last = before[-1:] or " "
        second = before[-2:-1] or " "
        if last == " ":
            space = index if space < 0 else space
        elif second == " ":
            single = index
            break
        elif multi < 0:
            multi = index
    chosen = next((i for i in (single, multi, space) if i >= 0), -1)
    if chosen >= 0:
        lengths[chosen] = 2
        prefixes[chosen] += "'"
