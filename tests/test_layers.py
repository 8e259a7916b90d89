"""The layers import one way only, and nothing outside reader/ui imports Textual.

Order, bottom to top: errors and model, source, parse (and parse_ahead, which runs it in a child
process), layout, ui, and the command line (with `serve`, its web server).  A
module may import from its own layer and the layers below it.  Checked twice: statically (every
import statement, including those inside functions) and at run time (import every module outside
the UI, and run `--print`, in a fresh interpreter, then look for textual in `sys.modules`).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "North_Koreans_in_Russia.txt"

PACKAGE = ROOT / "reader"
RANKS = {"errors": 0, "model": 0, "source": 1, "parse": 2, "parse_ahead": 2, "layout": 3, "ui": 4, "cli": 5,
         "serve": 5, "__main__": 5}


def module_name(path: Path) -> str:
    """reader/source/decode.py -> reader.source.decode; reader/ui/__init__.py -> reader.ui."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def rank(module: str) -> int:
    """The layer of a module inside the package (the package itself counts as the bottom)."""
    parts = module.split(".")
    return RANKS.get(parts[1], 0) if len(parts) > 1 else 0


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in the file, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # "from reader import model" imports reader.model; "from reader import __version__" reader.
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                is_module = (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists() or (
                    ROOT / Path(*candidate.split("."))
                ).is_dir()
                found.append((node.lineno, candidate if is_module else base))
    return found


SOURCE_FILES = sorted(PACKAGE.rglob("*.py"))
NON_UI_FILES = [path for path in SOURCE_FILES if "ui" not in path.relative_to(PACKAGE).parts[:1]]


def test_the_package_has_modules_outside_the_ui() -> None:
    names = {module_name(path) for path in NON_UI_FILES}
    assert {"reader.cli", "reader.model", "reader.source.decode", "reader.parse", "reader.layout"} <= names


@pytest.mark.parametrize("path", NON_UI_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_textual_import_outside_the_ui(path: Path) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for line, name in imported_modules(path)
        if name == "textual" or name.startswith("textual.")
    ]
    assert offenders == []


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_go_down_the_layers_only(path: Path) -> None:
    own = rank(module_name(path))
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name} from a higher layer"
        for line, name in imported_modules(path)
        if name.split(".")[0] == "reader" and rank(name) > own
    ]
    assert offenders == []


def test_the_import_checker_sees_what_it_must() -> None:
    """The static check itself: it catches an import hidden in a function, and relative ones."""
    names = [name for _, name in imported_modules(PACKAGE / "source" / "decode.py")]
    assert "reader.errors" in names and "reader.source.mojibake" in names
    assert "ftfy" in [name for _, name in imported_modules(PACKAGE / "source" / "mojibake.py")]  # in a function
    cli_names = [name for _, name in imported_modules(PACKAGE / "cli.py")]
    assert "reader.ui.app" in cli_names  # imported inside a function: still seen
    assert rank("reader.ui.app") > rank("reader.layout.layout") > rank("reader.parse") > rank("reader.source.x")


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_importing_every_module_outside_the_ui_loads_no_textual() -> None:
    modules = sorted(module_name(path) for path in NON_UI_FILES if path.name != "__main__.py")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_print_loads_no_textual() -> None:
    code = (
        "import io, sys, contextlib\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    status = main(['--print', '--width', '80', {str(SAMPLE)!r}])\n"
        "assert status == 0 and 'Migration history' in out.getvalue(), (status, out.getvalue()[:200])\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, wherever the import stands."""
    graph: dict[str, set[str]] = {}
    for path in SOURCE_FILES:
        own = module_name(path)
        graph[own] = {name for _, name in imported_modules(path) if name.split(".")[0] == "reader" and name != own}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm): each is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    """Issue 13: imports under TYPE_CHECKING and inside functions count too (imported_modules sees them)."""
    assert import_circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_circles(graph) == [["a", "b", "c"]]
