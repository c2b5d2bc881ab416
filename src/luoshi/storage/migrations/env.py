"""Alembic environment: runs on the connection `upgrade_database` passes, or on the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from luoshi.storage import models  # noqa: F401  (registers every table on the metadata)
from luoshi.storage.base import Base
from luoshi.storage.engine import make_engine

config = context.config
target_metadata = Base.metadata


def _migrate(connection: Connection) -> None:
    """Run the migrations; batch mode lets SQLite alter tables by copying them."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    """Use the caller's connection when given (the pragmas are set), else open one."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _migrate(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("luoshi migrations run online only (luoshi init)")
run()
