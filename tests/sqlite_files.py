"""Migrated SQLite files built once per test session and copied for each test (fast, isolated)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import make_engine, session_factory, upgrade_database

T = TypeVar("T")


def build_file(path: Path, fill: Callable[[sessionmaker[Session]], T]) -> T:
    """Create a migrated SQLite database at `path`, fill it, and return what the filler returned."""
    url = f"sqlite:///{path}"
    upgrade_database(url)
    engine = make_engine(url)
    try:
        return fill(session_factory(engine))
    finally:
        engine.dispose()


def copy_url(source: Path, copy: Path) -> str:
    """A test's own copy of a built database, as a URL."""
    shutil.copyfile(source, copy)
    return f"sqlite:///{copy}"
