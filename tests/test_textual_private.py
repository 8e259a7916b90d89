"""Textual's private names, used only through `reader.ui.textual_private`, still exist.

An upgrade of Textual (or textual-serve) that renames one fails here.  Each wrapper is called
on real Textual objects in a running app; each private method our subclasses override must
still be there in its base class; and no other module reads a private name of Textual's or
overrides one unlisted.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Mapping
from pathlib import Path

import textual
import textual_serve
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widgets import Input, Tree

import reader.ui
from reader.ui import textual_private as tp

ROOT = Path(__file__).resolve().parent.parent
PRIVATE_MODULE = ROOT / "reader" / "ui" / "textual_private.py"


class Host(App[None]):
    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("Top")
        tree.root.add_leaf("One")
        tree.root.expand()
        yield tree
        yield Input()


async def test_every_wrapper_reads_what_textual_has() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        screen = app.screen
        chain = tp.binding_chain(screen)
        assert chain and all(hasattr(bindings, "key_to_bindings") for _node, bindings in chain)
        assert [node for node, _ in tp.modal_binding_chain(screen)] == [node for node, _ in chain]
        assert await tp.check_bindings(app, "f17") is False  # bound to nothing
        assert isinstance(tp.keymap(app), Mapping)
        assert "ctrl+q" in tp.bindings_of(app).key_to_bindings  # the live map, not BINDINGS
        filters = tp.line_filters(app)
        tp.set_line_filters(app, list(filters))
        assert tp.line_filters(app) == filters
        app.notify("hello there")
        await pilot.pause()
        assert "hello there" in [str(n.message) for n in tp.notifications(app)]
        assert "One" in "\n".join(strip.text for strip in tp.compositor(screen).render_strips())
        assert app.screen_stack[0].id == tp.DEFAULT_SCREEN_ID
        tp.expect_result(Screen[None](), app)  # still there, taking these (the app's open-by-title tests use it)

        tree = app.query_one(Tree)
        lines = tp.tree_lines(tree)
        assert [line.node.label for line in lines] == [Text("Top"), Text("One")]
        assert lines[1].path[-1] is lines[1].node
        assert isinstance(tp.tree_updates(tree), int)
        tp.tree_line_cache_clear(tree)
        assert isinstance(tp.label_region(tree, 1), Region)
        tp.refresh_tree_line(tree, 1)
        node = lines[1].node
        before = tp.node_updates(node)
        tree.move_cursor(node)
        assert tp.node_selected(node) and tp.node_updates(node) > before
        assert tp.node_hover(node) is False

        widget = app.query_one(Input)
        assert tp.vertical_scrollbar(widget) is None or isinstance(tp.vertical_scrollbar(widget), ScrollBar)
        bar = ScrollBar(vertical=True, name="vertical")
        tp.set_vertical_scrollbar(widget, bar)
        tp.start_widget(app, widget, bar)
        assert tp.vertical_scrollbar(widget) is bar


def test_the_overridden_private_methods_are_still_there() -> None:
    for module, name, method in tp.OVERRIDDEN:
        cls = getattr(importlib.import_module(module), name)
        assert callable(getattr(cls, method, None)), f"{module}.{name}.{method} is gone: see reader.ui.textual_private"


def ui_classes() -> list[type]:
    """Every class defined in the UI package and the web server (their modules imported)."""
    names = [info.name for info in pkgutil.walk_packages(reader.ui.__path__, "reader.ui.")] + ["reader.serve"]
    classes = []
    for name in names:
        module = importlib.import_module(name)
        classes += [cls for _, cls in inspect.getmembers(module, inspect.isclass) if cls.__module__ == name]
    return classes


def from_textual(cls: type) -> bool:
    return cls.__module__.split(".")[0] in ("textual", "textual_serve")


def test_no_private_method_of_textual_is_overridden_unlisted() -> None:
    listed = {(name, method) for _module, name, method in tp.OVERRIDDEN}
    found = set()
    for cls in ui_classes():
        for attribute, value in vars(cls).items():
            # Methods and properties written in the class; not what Textual's metaclass adds.
            is_code = inspect.isfunction(value) or isinstance(value, property)
            if not is_code or not attribute.startswith("_") or attribute.startswith("__"):
                continue
            for base in cls.__mro__[1:]:
                if from_textual(base) and attribute in vars(base):
                    found.add((cls.__qualname__, base.__name__, attribute))
                    break
    assert {(base, attribute) for _cls, base, attribute in found} <= listed, found
    assert ("Server", "_make_app") in {(base, attribute) for _cls, base, attribute in found}  # the scan sees


def names_textual_defines() -> set[str]:
    """Private names Textual and textual-serve give their objects (methods, attributes set in
    their code), read from their source."""
    defined = re.compile(r"\bdef (_[a-z]\w*)|\bself\.(_[a-z]\w*)\s*(?::[^=\n]+)?=[^=]")
    names: set[str] = set()
    for package in (textual, textual_serve):
        for path in Path(*package.__path__).rglob("*.py"):
            for match in defined.finditer(path.read_text(encoding="utf-8")):
                names.add(match.group(1) or match.group(2))
    return names


def names_we_define(paths: list[Path]) -> set[str]:
    """Private names our own code gives its objects (methods, attributes, fields)."""
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("_"):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return names


def test_only_the_private_names_module_reads_textuals_private_names() -> None:
    """A private name of Textual's read anywhere but in `textual_private` (and not also one of
    ours, where the two cannot be told apart: `_selected` is both) is an offender."""
    package = ROOT / "reader"
    theirs = names_textual_defines() - names_we_define(sorted(package.rglob("*.py")))
    # The modules that may import Textual at all (tests/test_layers.py): the UI and the server.
    ours = sorted(path for path in [*(package / "ui").rglob("*.py"), package / "serve.py"] if path != PRIVATE_MODULE)
    offenders = []
    for path in ours:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in theirs and not (
                isinstance(node.value, ast.Name) and node.value.id in ("os", "sys")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and node.module and any(
                part.startswith("_") for part in node.module.split(".")
            ) and node.module.split(".")[0] in ("textual", "textual_serve"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module}")
    assert offenders == []


def test_the_scan_finds_a_private_read() -> None:
    assert "_binding_chain" in names_textual_defines() and "_tree_lines" in names_textual_defines()
    assert "_binding_chain" not in names_we_define([ROOT / "reader" / "ui" / "key_gate.py"])
    assert from_textual(Tree) and not from_textual(Host)
