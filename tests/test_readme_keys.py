"""The README's key tables follow the bindings: every action the help screen lists is in them,
with its default keys (a key is bound once, in its widget; the README and the help follow)."""

from __future__ import annotations

import re
from pathlib import Path

from reader.ui.app import ReaderApp
from reader.ui.screens.help import KEYS, PLACEHOLDER
from reader.ui.screens.reader import ReaderScreen

README = Path(__file__).resolve().parent.parent / "README.md"
README_NAMES = {"backspace": "backspace", "question_mark": "?", "right_square_bracket": "]",
                "left_square_bracket": "[", "apostrophe": "'", "slash": "/", "less_than_sign": "<",
                "greater_than_sign": ">", "minus": "-", "plus": "+", "equals_sign": "="}


def rows() -> dict[str, str]:
    """Action -> the README table row naming it."""
    found: dict[str, str] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = line.split("|")
        if len(cells) >= 4:
            for action in re.findall(r"`(\w+)`", cells[2]):
                found[action] = cells[1]
    return found


def test_every_action_of_the_help_is_in_the_readme_with_its_keys() -> None:
    table = rows()
    bindings = {b.id: b for b in [*ReaderScreen.all_bindings(), *ReaderApp.BINDINGS] if b.id}
    in_help = {name for _, group in KEYS for template, _ in group for name in PLACEHOLDER.findall(template)}
    assert in_help <= set(bindings)
    for action in sorted(in_help):
        assert action in table, f"{action} is not in the README's key table"
        for key in bindings[action].key.split(","):
            assert f"`{README_NAMES.get(key, key)}`" in table[action], (action, key)
