"""Storage: the only owner of SQL. SQLAlchemy 2 tables, sessions, and Alembic migrations shipped inside."""

from luoshi.storage.engine import make_engine, session_factory, transaction
from luoshi.storage.errors import ConflictError, StorageError, expect_version
from luoshi.storage.migrate import downgrade_database, upgrade_database

__all__ = [
    "ConflictError",
    "StorageError",
    "downgrade_database",
    "expect_version",
    "make_engine",
    "session_factory",
    "transaction",
    "upgrade_database",
]
