"""The audit trail: one event per change, with the values before and after, and its one reader."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from luoshi.storage.base import Base, utcnow
from luoshi.storage.models import AuditEvent


def snapshot(record: Base) -> dict[str, Any]:
    """The record's column values as JSON-ready data (bytes and long JSON left out)."""
    values: dict[str, Any] = {}
    skipped = _SKIPPED | _SKIPPED_OF.get(record.__tablename__, frozenset())
    for column in inspect(record).mapper.column_attrs:
        value = getattr(record, column.key) if column.key not in skipped else None
        if value is None or isinstance(value, bytes):
            continue
        values[column.key] = _plain(value)
    return values


def _plain(value: Any) -> Any:
    """A column value as JSON: enums by their stored value, dates in ISO form."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


# Bulky values that the trail does not repeat (the record keeps them), and secrets it must not hold.
_SKIPPED = frozenset({"source", "extraction", "content", "password_hash"})
# The same for one table only, where the name is a short value elsewhere (a task's text is audited).
_SKIPPED_OF = {"report": frozenset({"text"})}


def record_event(
    session: Session,
    *,
    actor: str,
    action: str,
    record: Base,
    before: dict[str, Any] | None = None,
    actor_id: int | None = None,
    at: datetime | None = None,
    gone: bool = False,
) -> AuditEvent:
    """Append an event for a record already flushed (so that it has its id); `gone` when it is being deleted."""
    event = AuditEvent(
        at=at or utcnow(),
        actor_id=actor_id,
        actor_name=actor,
        action=action,
        table_name=record.__tablename__,
        record_id=getattr(record, "id", None),
        before=before,
        after=None if gone else snapshot(record),
    )
    session.add(event)
    return event


def events_of(session: Session, table_name: str, record_id: int) -> Sequence[AuditEvent]:
    """The audit trail of one record, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.table_name == table_name, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.id)
    )
    return session.scalars(query).all()
