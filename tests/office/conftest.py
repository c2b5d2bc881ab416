"""Fixtures of the office tests: a test database holding the bundled report's plan with progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.databases import Fill
from tests.office.builders import Built, build_plan

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def database_content() -> Fill:
    """What the database of a test that takes `built` holds (see `database` in tests/databases.py)."""
    return build_plan


@pytest.fixture
def built(database: tuple[str, Any], database_content: Fill) -> Built:
    """The bundled Jiangcheng report imported, departments assigned, a half-year of progress reported,
    in the test's database (built once per session and backend, copied for each test)."""
    ids = database[1]
    assert isinstance(ids, Built)
    return ids


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored): files worth looking at after a run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
