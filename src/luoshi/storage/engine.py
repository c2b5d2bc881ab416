"""Engines and sessions: SQLite with WAL and foreign keys on, or PostgreSQL through psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from luoshi.storage.errors import ConflictError

# Several processes may share one SQLite file: wait for a lock rather than fail at once.
_SQLITE_BUSY_MS = 5000


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for the URL; SQLite connections get foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Turn on what SQLite leaves off by default, on every new connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode")
    # WAL needs a file; an in-memory database keeps its own journal mode.
    if cursor.fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so services can return them."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error, a stale write raised as ConflictError."""
    with factory() as session:
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:
            raise ConflictError("记录已被他人修改，请刷新后重试") from exc
