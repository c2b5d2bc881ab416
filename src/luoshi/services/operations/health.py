"""Whether the database answers, for health checks."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import transaction
from luoshi.storage.health import ping


def database_ok(*, sessions: sessionmaker[Session]) -> bool:
    """True when a trivial query succeeds."""
    try:
        with transaction(sessions) as session:
            return ping(session)
    except SQLAlchemyError:
        return False
