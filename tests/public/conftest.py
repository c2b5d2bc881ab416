"""Public portal fixtures: the demo world in one SQLite file built once, copied for each test; an app."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.web import WebSettings, create_app
from tests.databases import Prepared
from tests.public.world import World, build
from tests.sqlite_files import copy_url
from tests.web.test_browser import browser  # noqa: F401  (the browser fixture, shared with the workbench tests)

# The demo's own day: November's reports are in, December's are not yet due.
AS_OF = date(2022, 12, 10)


@pytest.fixture(scope="session")
def world_file(prepared: Prepared) -> tuple[Path, World]:
    """A migrated SQLite file with the demo and the internal material, built once (tests/databases.py)."""
    path, world = prepared.sqlite_file(build)
    return path, world


@pytest.fixture
def world(world_file: tuple[Path, World]) -> World:
    """Ids and strings of the world."""
    return world_file[1]


@pytest.fixture
def public_settings(world_file: tuple[Path, World], tmp_path: Path) -> WebSettings:
    """Settings on this test's own copy of the world, lamps judged on the demo's day."""
    url = copy_url(world_file[0], tmp_path / "public.db")
    return WebSettings(database_url=url, secret_key="public-test-secret-key", today=lambda: AS_OF)


@pytest.fixture
def anonymous(public_settings: WebSettings) -> Iterator[TestClient]:
    """An anonymous client of a new app."""
    with TestClient(create_app(public_settings)) as client:
        yield client
