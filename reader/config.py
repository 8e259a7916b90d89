"""The reader's own settings: a TOML file in the user config directory.

`wikireader --config` prints where it is and the defaults (`DEFAULT_TEXT`, which is also what a
new file holds).  Reading it never fails: a value of the wrong kind, an unknown setting or a
file that is not TOML gives a one-line note naming the line, and the default is used for it.
Keys are remapped in `[keys]` by the action names of the help screen; which names exist is the
UI's to know, so it checks them (`Settings.key_lines` gives their lines for its notes).

Saving (the reader offers it after a change of theme or width) edits the file with tomlkit,
which keeps the reader's own comments and layout; only the settings changed are written.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader import APP_NAME

CONFIG_FILE = "config.toml"
TEXT_WIDTH_RANGE = (20, 400)
TREE_WIDTH_RANGE = (12, 200)

DEFAULT_TEXT = """\
# wikireader settings.  Delete a line to get its default back.

theme = "textual-dark"   # any theme of the palette's "Change theme" (ctrl+p)
text_width = 100         # the widest the text grows, in columns (wider panes centre it)
tree_width = 0           # the section tree's width in columns; 0: a third of the screen
show_tree = true         # false: the tree starts hidden (t shows it)
resume = true            # open an article where you last left it (--no-resume: at the top)

[keys]
# An action of the help screen (?) = its keys, comma-separated, replacing the default ones:
# back = "backspace,alt+left"
# set_mark = "m"
# copy_section = "Y"
"""


def config_folder() -> Path:
    """The user config directory of wikireader (XDG_CONFIG_HOME on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    return config_folder() / CONFIG_FILE


@dataclass
class Settings:
    """The settings in effect, and what was wrong with the file (one line each)."""

    theme: str = "textual-dark"
    text_width: int = 100
    tree_width: int = 0
    show_tree: bool = True
    resume: bool = True
    keys: dict[str, str] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # action -> line in the file
    notes: list[str] = field(default_factory=list)
    path: Path | None = None


# setting -> (kind, check, what it must be)
CHECKS: dict[str, tuple[type, Any, str]] = {
    "theme": (str, lambda v: bool(v.strip()), "a theme name"),
    "text_width": (int, lambda v: TEXT_WIDTH_RANGE[0] <= v <= TEXT_WIDTH_RANGE[1],
                   f"a number of columns from {TEXT_WIDTH_RANGE[0]} to {TEXT_WIDTH_RANGE[1]}"),
    "tree_width": (int, lambda v: v == 0 or TREE_WIDTH_RANGE[0] <= v <= TREE_WIDTH_RANGE[1],
                   f"0 or a number of columns from {TREE_WIDTH_RANGE[0]} to {TREE_WIDTH_RANGE[1]}"),
    "show_tree": (bool, lambda v: True, "true or false"),
    "resume": (bool, lambda v: True, "true or false"),
}


def load(path: Path | None = None) -> Settings:
    """The settings in `path` (the user's config file by default); a missing file: the defaults."""
    path = path if path is not None else config_path()
    settings = Settings(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as error:
        settings.notes.append(f"{path}: cannot be read ({error.__class__.__name__}); the default settings are used")
        return settings
    # Imported only when there is a file to read: tomllib and its regular expressions are ~4 ms of
    # the reader's start-up (-X importtime), and most people have no settings file.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        settings.notes.append(f"{path}: not valid TOML ({error}); the default settings are used")
        return settings
    lines = text.splitlines()
    for name, value in data.items():
        line = line_of(lines, None, name)
        if name == "keys":
            _read_keys(settings, value, lines, path)
        elif name not in CHECKS:
            settings.notes.append(f"{path}:{line}: unknown setting “{name}” (known: {', '.join([*CHECKS, 'keys'])})")
        else:
            kind, check, wanted = CHECKS[name]
            # bool is an int in Python: a width of true is no width.
            if type(value) is not kind or not check(value):
                settings.notes.append(f"{path}:{line}: {name} must be {wanted}, not {value!r}; the default is used")
            else:
                setattr(settings, name, value)
    return settings


def _read_keys(settings: Settings, value: object, lines: list[str], path: Path) -> None:
    if not isinstance(value, dict):
        settings.notes.append(f"{path}:{line_of(lines, None, 'keys')}: keys must be a table ([keys])")
        return
    for action, keys in value.items():
        line = line_of(lines, "keys", action)
        if not isinstance(keys, str) or not [k for k in keys.split(",") if k.strip()]:
            settings.notes.append(f"{path}:{line}: the keys of {action} must be a string like \"m\" or "
                                  f"\"backspace,alt+left\", not {keys!r}")
            continue
        settings.keys[action] = ",".join(k.strip() for k in keys.split(",") if k.strip())
        settings.key_lines[action] = line


def line_of(lines: list[str], table: str | None, name: str) -> int:
    """The line (1-based) where setting `name` of `table` (None: the top) is set; 0 if not found.
    TOML keys may be quoted; a table starts at its `[name]` line."""
    current: str | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("[") and not line.startswith("[["):
            current = line.strip("[] \t").strip("\"'")
            if table is None and name == current:
                return number
            continue
        if current != table or "=" not in line:
            continue
        key = line.split("=", 1)[0].strip().strip("\"'")
        if key == name:
            return number
    return 0


def describe() -> str:
    """What `wikireader --config` prints: the file's path, whether it exists, and the defaults."""
    path = config_path()
    state = "exists" if path.exists() else "does not exist yet: the defaults below are in effect"
    return f"{path}  ({state})\n\n{DEFAULT_TEXT}"


def save(changes: dict[str, object], path: Path | None = None) -> Path:
    """Set `changes` (setting -> value) in the config file, keeping everything else in it; a
    new file starts from the defaults' text.  Raises OSError when it cannot be written."""
    import tomlkit

    path = path if path is not None else config_path()
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = tomlkit.parse(DEFAULT_TEXT)
    except (UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
        raise OSError(f"{path} is not valid TOML ({error}); not changed") from None
    for name, value in changes.items():
        document[name] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(tomlkit.dumps(document), encoding="utf-8")
    os.replace(temporary, path)
    return path
