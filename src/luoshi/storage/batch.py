"""Several service calls as one transaction: every session they open shares one connection's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


@contextmanager
def one_transaction(factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    """Sessions whose commits wait for the end of the block; an error anywhere rolls back all of it."""
    engine = factory.kw["bind"]
    assert isinstance(engine, Engine)  # luoshi's session factories are bound to an engine
    with engine.connect() as connection:
        outer = connection.begin()
        # rollback_only: a service's commit leaves the outer transaction open; its rollback ends it.
        joined = sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="rollback_only")
        try:
            yield joined
        except BaseException:
            if outer.is_active:
                outer.rollback()
            raise
        outer.commit()
