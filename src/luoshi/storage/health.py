"""The smallest query, for health checks."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def ping(session: Session) -> bool:
    """True when the database answers SELECT 1."""
    return session.execute(text("SELECT 1")).scalar() == 1
