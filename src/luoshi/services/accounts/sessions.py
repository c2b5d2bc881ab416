"""Browser sessions kept in the database, so that logout (or expiry) ends a session even if its cookie survives."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.signin import Principal, principal_of
from luoshi.storage import people, transaction
from luoshi.storage.models import WebSession


def _digest(secret: str) -> str:
    """The stored form of a session secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(*, sessions: sessionmaker[Session], user_id: int, now: datetime, lifetime: timedelta) -> str:
    """Open a session for a user who just signed in; returns the secret the cookie carries."""
    secret = secrets.token_urlsafe(32)
    with transaction(sessions) as session:
        people.prune_sessions(session, before=now)
        session.add(WebSession(user_id=user_id, token_hash=_digest(secret), created_at=now, expires_at=now + lifetime))
    return secret


def session_principal(*, sessions: sessionmaker[Session], secret: str, now: datetime) -> Principal | None:
    """The user of a live session, or None when it ended, expired, or the account is disabled."""
    with transaction(sessions) as session:
        found = people.live_session(session, _digest(secret), now)
        user_id = found.user_id if found is not None else None
    return principal_of(sessions=sessions, user_id=user_id) if user_id is not None else None


def end_session(*, sessions: sessionmaker[Session], secret: str) -> None:
    """Forget a session (logout); its cookie no longer signs anyone in."""
    with transaction(sessions) as session:
        people.end_session(session, token_hash=_digest(secret))
