"""Reading the audit trail of a record (shown on each record's page); the trail is never changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import audit, transaction


@dataclass(frozen=True)
class AuditPublic:
    """One event: who did what to the record, when, and the values before and after."""

    at: datetime
    actor: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def changed(self) -> dict[str, tuple[Any, Any]]:
        """The fields whose value differs between before and after (all of them for a creation)."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in {**before, **after} if k != "version" and before.get(k) != after.get(k)]
        return {k: (before.get(k), after.get(k)) for k in keys}


def record_trail(*, sessions: sessionmaker[Session], table_name: str, record_id: int) -> list[AuditPublic]:
    """The events of one record, oldest first."""
    with transaction(sessions) as session:
        return [
            AuditPublic(e.at, e.actor_name, e.action, e.before, e.after)
            for e in audit.events_of(session, table_name, record_id)
        ]
