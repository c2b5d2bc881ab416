"""The arrows point down: web and cli → office → services → storage, tracking, extraction, vocabulary; never back.

Read from the source (every import, including those inside functions), so a late import cannot hide
an arrow pointing up. A progress report's walk from the form to the lamp goes down once: the
filing service and the lamp service reach neither the web nor the command line.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
SURFACES = ("luoshi.web", "luoshi.cli")
BELOW = ("luoshi.storage", "luoshi.tracking", "luoshi.extraction", "luoshi.vocabulary")


def _module(path: Path) -> str:
    """The dotted name of a source file."""
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(SRC.joinpath("luoshi").rglob("*.py"))}


@cache
def _imports(name: str) -> frozenset[str]:
    """The luoshi modules a module imports, anywhere in its body (a package's name stands for its __init__)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return frozenset(m for m in found if m in MODULES)


def _reach(start: str) -> set[str]:
    """Every luoshi module a module imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imports(name))
    return seen


def _under(name: str, roots: tuple[str, ...]) -> bool:
    return any(name == r or name.startswith(r + ".") for r in roots)


@pytest.mark.parametrize("name", [m for m in MODULES if _under(m, ("luoshi.office", "luoshi.services", *BELOW))])
def test_no_arrow_points_up(name: str) -> None:
    if _under(name, ("luoshi.office",)):
        up: tuple[str, ...] = SURFACES
    elif _under(name, ("luoshi.services",)):
        up = (*SURFACES, "luoshi.office")
    else:
        up = (*SURFACES, "luoshi.office", "luoshi.services")
    assert not [m for m in _imports(name) if _under(m, up)]


@pytest.mark.parametrize("start", ["luoshi.services.reporting.filing", "luoshi.services.status.lamps"])
def test_a_report_goes_from_the_form_to_the_lamp_without_coming_back_up(start: str) -> None:
    reached = _reach(start)
    assert not [m for m in reached if _under(m, SURFACES)]
    assert "luoshi.tracking" in reached and "luoshi.storage" in reached
