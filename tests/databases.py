"""Database fixtures: a temporary SQLite file per test, and the same tests on PostgreSQL when
LUOSHI_TEST_DATABASE_URL names a server (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test).

On PostgreSQL each test session creates its own database (luoshi_test_<random>) beside the one
named, migrates it once, empties its tables after each test, and drops it at the end, so runs
on one server never collide. Import the fixtures into a conftest with `from tests.databases import *`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import make_engine, session_factory, upgrade_database
from luoshi.storage.base import Base

TEST_URL_VARIABLE = "LUOSHI_TEST_DATABASE_URL"
BACKENDS = ["sqlite", "postgresql"] if os.environ.get(TEST_URL_VARIABLE) else ["sqlite"]

__all__ = ["backend", "database_url", "engine", "fresh_database", "postgres_session_url", "sessions"]


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """An empty database of the backend, removed afterwards; yields its URL."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'luoshi-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = make_url(os.environ[TEST_URL_VARIABLE])
    name = f"luoshi_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each database test runs once per backend that is switched on."""
    return str(request.param)


@pytest.fixture(scope="session")
def postgres_session_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated PostgreSQL database for the whole test session."""
    with fresh_database("postgresql", tmp_path_factory.mktemp("pg")) as url:
        upgrade_database(url)
        yield url


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A migrated, empty database: a new SQLite file, or the session's PostgreSQL database emptied after."""
    if backend == "sqlite":
        with fresh_database("sqlite", tmp_path) as url:
            upgrade_database(url)
            yield url
        return
    url = str(request.getfixturevalue("postgres_session_url"))
    yield url
    _empty(url)


def _empty(url: str) -> None:
    """Remove every row (TRUNCATE skips the append-only triggers of audit_event, which is wanted here)."""
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database, disposed after the test."""
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """The session factory services use."""
    return session_factory(engine)
