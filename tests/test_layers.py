"""The direction of the arrows: surfaces reach storage only through their composition roots; no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "luoshi"
# The modules that build the engine: the web app factory and the command line's database helper.
ROOTS = {"luoshi.web.app", "luoshi.cli.database"}


def _module(path: Path) -> str:
    """The dotted name of a source file."""
    parts = path.with_suffix("").relative_to(SRC).parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {_module(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _imports(path: Path) -> set[str]:
    """The luoshi modules a file imports at its top level (`from a import b`: a.b when b is a module, else a)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("luoshi"):
            for alias in node.names:
                module = f"{node.module}.{alias.name}"
                found.add(module if module in SOURCES else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("luoshi")}
    return found


GRAPH = {name: {m for m in _imports(path) if m in SOURCES and m != name} for name, path in SOURCES.items()}


@pytest.mark.parametrize("surface", ["luoshi.web", "luoshi.office", "luoshi.cli"])
def test_a_surface_imports_storage_only_in_its_composition_root(surface: str) -> None:
    offenders = sorted(
        name
        for name, path in SOURCES.items()
        if name.startswith(surface + ".") and name not in ROOTS
        if any(m == "luoshi.storage" or m.startswith("luoshi.storage.") for m in _imports(path))
    )
    assert offenders == []


def test_no_import_cycle() -> None:
    cycles = []
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycles.append([*path[path.index(name) :], name])
            return
        if name in done:
            return
        for imported in sorted(GRAPH[name]):
            visit(imported, [*path, name])
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, [])
    assert cycles == []


def test_luoshi_is_imported_at_the_top_of_a_module_only() -> None:
    # An import inside a function would hide a cycle from the test above.
    hidden = []
    for name, path in SOURCES.items():
        tree = ast.parse(path.read_text("utf-8"))
        top = set(map(id, tree.body))
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("luoshi") and id(node) not in top:
                hidden.append(f"{name}:{node.lineno}")
    assert hidden == []
