"""Schema revisions: the newest one this code ships and the one a database is at."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from luoshi.storage.migrate import alembic_config


def head_revision() -> str:
    """The newest migration shipped with this code."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None  # the package always ships its migrations
    return head


def database_revision(connection: Connection) -> str | None:
    """The revision a database was migrated to, or None when it never was."""
    return MigrationContext.configure(connection).get_current_revision()
