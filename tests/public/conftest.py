"""Public portal fixtures: the demo world in one SQLite file built once, copied for each test; an app."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.storage import make_engine, session_factory, upgrade_database
from luoshi.web import WebSettings, create_app
from tests.public.world import World, build
from tests.web.test_browser import browser  # noqa: F401  (the browser fixture, shared with the workbench tests)

# The demo's own day: November's reports are in, December's are not yet due.
AS_OF = date(2022, 12, 10)


@pytest.fixture(scope="session")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """A migrated database with the demo and the internal material, built once."""
    path = tmp_path_factory.mktemp("public") / "demo.db"
    url = f"sqlite:///{path}"
    upgrade_database(url)
    engine = make_engine(url)
    try:
        world = build(session_factory(engine))
    finally:
        engine.dispose()
    return path, world


@pytest.fixture
def world(world_file: tuple[Path, World]) -> World:
    """Ids and strings of the world."""
    return world_file[1]


@pytest.fixture
def public_settings(world_file: tuple[Path, World], tmp_path: Path) -> WebSettings:
    """Settings on this test's own copy of the world, lamps judged on the demo's day."""
    copy = tmp_path / "public.db"
    shutil.copyfile(world_file[0], copy)
    return WebSettings(database_url=f"sqlite:///{copy}", secret_key="public-test-secret-key", today=lambda: AS_OF)


@pytest.fixture
def anonymous(public_settings: WebSettings) -> Iterator[TestClient]:
    """An anonymous client of a new app."""
    with TestClient(create_app(public_settings)) as client:
        yield client
