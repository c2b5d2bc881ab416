"""Database fixtures: every database test runs on SQLite, and on PostgreSQL when a server is there.

PostgreSQL is decided once per test session, when this module is imported:
- LUOSHI_TEST_DATABASE_URL=postgresql+psycopg://user@host:port/db names the server to use (CI sets it);
  the tests fail, not skip, when it does not answer;
- LUOSHI_TEST_DATABASE_URL=none (or empty, off, 0) switches PostgreSQL off;
- unset, the tests use postgresql+psycopg://postgres@127.0.0.1:5432/test when it answers within
  two seconds, and are skipped (with the reason) when it does not.
The decision is one line of pytest's header and summary (POSTGRES.note, shown by tests/conftest.py).
The tests create their own databases (luoshi_test_<random>) beside the one named and drop them.

Each test gets a migrated database of its own, cheaply (`Prepared`): on SQLite a copy of one file
migrated per session; on PostgreSQL the session's one migrated database, emptied after each test.
A test whose fixtures ask for `database_content` (a filler, e.g. the office plan) gets a copy of a
database that filler filled once per session: a file copy, or a clone of a template database.
The fixtures are defined once, in tests/conftest.py, so one set of databases serves the session.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from luoshi.storage import make_engine, session_factory, upgrade_database
from luoshi.storage.base import Base
from tests.sqlite_files import build_file, copy_url

TEST_URL_VARIABLE = "LUOSHI_TEST_DATABASE_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SWITCHED_OFF = frozenset({"", "none", "off", "no", "0", "false"})
CONNECT_TIMEOUT_SECONDS = 2

__all__ = ["backend", "database", "database_url", "engine", "prepared", "sessions"]


@dataclass(frozen=True)
class Postgres:
    """Whether the PostgreSQL variants run: the server URL (None when they are skipped), and why."""

    url: str | None
    note: str

    @property
    def on(self) -> bool:
        return self.url is not None


def detect_postgres(environ: Mapping[str, str] = os.environ, default: str = DEFAULT_POSTGRES_URL) -> Postgres:
    """The variable's server, none when it says so, else the `default` server if it answers."""
    named = environ.get(TEST_URL_VARIABLE)
    if named is not None and named.strip().lower() in SWITCHED_OFF:
        return Postgres(None, f"PostgreSQL tests: skipped, switched off by {TEST_URL_VARIABLE}={named!r}")
    if named:
        shown = make_url(named).render_as_string(hide_password=True)
        problem = unreachable(named)
        state = f"does not answer ({problem}): its tests will fail" if problem else "answering"
        return Postgres(named, f"PostgreSQL tests: on, {shown} from {TEST_URL_VARIABLE}, {state}")
    problem = unreachable(default)
    if problem:
        return Postgres(
            None,
            f"PostgreSQL tests: skipped, nothing answers at {default} ({problem});"
            f" start PostgreSQL or set {TEST_URL_VARIABLE}",
        )
    return Postgres(default, f"PostgreSQL tests: on, {default} answers ({TEST_URL_VARIABLE}=none switches them off)")


def unreachable(url: str) -> str | None:
    """Why a connection to `url` fails within the timeout (its first line), or None when it works."""
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        lines = str(getattr(error, "orig", None) or error).strip().splitlines()
        return lines[0] if lines else type(error).__name__
    finally:
        engine.dispose()
    return None


POSTGRES = detect_postgres()
# Both always: without a server the PostgreSQL variants are collected and skipped, so counts compare.
BACKENDS = ["sqlite", "postgresql"]


def require_postgres() -> str:
    """The server URL, or skip the test with the reason PostgreSQL is off."""
    if POSTGRES.url is None:
        pytest.skip(POSTGRES.note)
    return POSTGRES.url


@contextmanager
def fresh_database(backend: str, folder: Path, template: str | None = None) -> Iterator[str]:
    """A new database of the backend, removed afterwards; yields its URL. Empty, not migrated; on
    PostgreSQL a copy of the `template` database (a URL) when one is given."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'luoshi-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = make_url(require_postgres())
    name = f"luoshi_test_{uuid.uuid4().hex[:12]}"
    copying = f' TEMPLATE "{make_url(template).database}"' if template else ""
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copying}'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:  # dropped after a failing test too
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


Fill = Callable[[sessionmaker[Session]], Any]


def nothing(_sessions: sessionmaker[Session]) -> None:
    """The filler of an empty database."""


class SessionDatabase:
    """A migrated PostgreSQL database shared by the tests of a session, emptied after each."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = create_engine(url, pool_size=1)
        names = [t.name for t in Base.metadata.sorted_tables]
        self._dependents_first = names[::-1]
        self._holding = text(" UNION ALL ".join(f"SELECT '{n}' WHERE EXISTS (SELECT FROM \"{n}\")" for n in names))

    def empty(self) -> None:
        """Remove every row and restart every used sequence, touching only the tables that hold rows.

        DELETE, dependents first: TRUNCATE costs new files for every table it names (0.05-0.15 s a
        test for all of them). audit_event refuses DELETE (append-only), so it alone is TRUNCATEd.
        """
        with self._engine.begin() as conn:
            full = {row[0] for row in conn.execute(self._holding)}
            for name in self._dependents_first:
                if name in full:
                    verb = "TRUNCATE" if name == "audit_event" else "DELETE FROM"
                    conn.execute(text(f'{verb} "{name}"'))
            used = conn.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL")
            )
            for sequence in used.scalars().all():
                conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))

    def dispose(self) -> None:
        self._engine.dispose()


class Prepared:
    """Databases migrated, and filled by a filler, once per session, backend and filler; handed out
    per test. SQLite: a copy of the built file. PostgreSQL: the empty one is the session's database,
    emptied after the test (cheaper than any copy); a filled one is a clone of its template database
    (CREATE DATABASE … TEMPLATE), dropped after the test. A filler's return value (ids) is kept
    with its database, and holds for every copy."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        self._folder = folder
        self._stack = stack
        self._files: dict[Fill, tuple[Path, Any]] = {}
        self._templates: dict[Fill, tuple[str, Any]] = {}
        self._session: SessionDatabase | None = None

    def sqlite_file(self, fill: Fill = nothing) -> tuple[Path, Any]:
        """The migrated SQLite file filled by `fill`, and what `fill` returned; built on first use."""
        if fill not in self._files:
            path = self._folder / f"{getattr(fill, '__name__', 'filled')}-{len(self._files)}.db"
            self._files[fill] = (path, build_file(path, fill))
        return self._files[fill]

    def sqlite_copy(self, folder: Path, fill: Fill = nothing) -> tuple[str, Any]:
        """A new copy of the filled SQLite file in `folder`, as a URL, and what `fill` returned."""
        path, value = self.sqlite_file(fill)
        return copy_url(path, folder / f"luoshi-{uuid.uuid4().hex[:8]}.db"), value

    def postgres_session(self) -> SessionDatabase:
        """The session's migrated, empty PostgreSQL database."""
        if self._session is None:
            url = self._stack.enter_context(fresh_database("postgresql", self._folder))
            upgrade_database(url)
            self._session = SessionDatabase(url)
            self._stack.callback(self._session.dispose)
        return self._session

    def postgres_template(self, fill: Fill) -> tuple[str, Any]:
        """A migrated PostgreSQL database filled by `fill` (to be cloned, never used), and its value."""
        if fill not in self._templates:
            url = self._stack.enter_context(fresh_database("postgresql", self._folder))
            upgrade_database(url)
            engine = make_engine(url)
            try:
                value = fill(session_factory(engine))
            finally:
                engine.dispose()  # a template takes no connections while it is copied
            self._templates[fill] = (url, value)
        return self._templates[fill]

    @contextmanager
    def database(self, backend: str, folder: Path, fill: Fill = nothing) -> Iterator[tuple[str, Any]]:
        """A test's own migrated database filled by `fill`: its URL and what `fill` returned."""
        if backend == "sqlite":
            yield self.sqlite_copy(folder, fill)
        elif fill is nothing:
            session = self.postgres_session()
            yield session.url, None
            session.empty()
        else:
            template, value = self.postgres_template(fill)
            with fresh_database("postgresql", folder, template=template) as url:
                yield url, value


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each database test runs once per backend; the PostgreSQL variant skips when PostgreSQL is off."""
    if request.param == "postgresql":
        require_postgres()
    return str(request.param)


@pytest.fixture(scope="session")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    """The session's prepared databases, removed at its end."""
    with ExitStack() as stack:
        yield Prepared(tmp_path_factory.mktemp("databases"), stack)


@pytest.fixture
def database(backend: str, tmp_path: Path, request: pytest.FixtureRequest, prepared: Prepared) -> Iterator[Any]:
    """The test's own migrated database, as (URL, what the filler returned). Empty, unless the test
    (through any of its fixtures) asks for a `database_content` fixture: then filled by the filler
    that fixture returns, built once per session and backend and copied."""
    fill = request.getfixturevalue("database_content") if "database_content" in request.fixturenames else nothing
    with prepared.database(backend, tmp_path, fill) as made:
        yield made


@pytest.fixture
def database_url(database: tuple[str, Any]) -> str:
    """The URL of the test's own migrated database."""
    return database[0]


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
