"""A record's audit trail as pages show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import audit, transaction


@dataclass(frozen=True)
class Event:
    """One change of a record: who did what, when."""

    at: datetime
    actor: str
    action: str


def trail(*, sessions: sessionmaker[Session], table_name: str, record_id: int) -> tuple[Event, ...]:
    """The events of one record, oldest first."""
    with transaction(sessions) as session:
        return tuple(Event(e.at, e.actor_name, e.action) for e in audit.events_of(session, table_name, record_id))
