"""Fixtures of the office tests: a temporary database holding the bundled report's plan with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.databases import *  # noqa: F403
from tests.office.builders import Built, build_plan

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def built(sessions: sessionmaker[Session]) -> Built:
    """The bundled Jiangcheng report imported, departments assigned, a half-year of progress reported."""
    return build_plan(sessions)


@pytest.fixture
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored): files worth looking at after a run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
