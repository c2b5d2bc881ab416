"""Column values in a portable form (JSON-ready) and back, by column type, the same for SQLite and PostgreSQL."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Date, DateTime, LargeBinary


def is_binary(column: Column[Any]) -> bool:
    """True for columns whose bytes go into files of their own (source reports, attachments)."""
    return isinstance(column.type, LargeBinary)


def to_portable(column: Column[Any], value: Any) -> Any:
    """A stored value as JSON: enums by stored value, times in UTC ISO form; bytes are the caller's."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        # SQLite gives back the stored UTC time without a zone; PostgreSQL one in the session's zone.
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_portable(column: Column[Any], value: Any) -> Any:
    """The inverse of to_portable, as the column's type binds it."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        parsed = datetime.fromisoformat(value)
        return parsed if kind.timezone else parsed.replace(tzinfo=None)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    # Anything else binds as it is: an Enum takes its stored string, JSON the plain structure.
    return value
