"""Make audit_event append-only in the database itself: updates and deletes are refused.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 14:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "audit_event is append-only"

SQLITE_UP = [
    f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_DOWN = ["DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"]

POSTGRESQL_UP = [
    "CREATE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()",
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER audit_event_append_only ON audit_event",
    "DROP FUNCTION audit_event_refuse()",
]


def upgrade() -> None:
    """Add the refusing triggers of this dialect."""
    for statement in SQLITE_UP if _sqlite() else POSTGRESQL_UP:
        op.execute(statement)


def downgrade() -> None:
    """Drop them again."""
    for statement in SQLITE_DOWN if _sqlite() else POSTGRESQL_DOWN:
        op.execute(statement)


def _sqlite() -> bool:
    """True on SQLite, the only other dialect luoshi supports besides PostgreSQL."""
    return op.get_bind().dialect.name == "sqlite"
