"""API tokens for machine clients: issued once in clear, stored as SHA-256, revocable."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.signin import Principal, principal_of
from luoshi.services.errors import NotFound
from luoshi.storage import people, transaction
from luoshi.storage.audit import record_event
from luoshi.storage.models import ApiToken

PREFIX = "lst_"


@dataclass(frozen=True)
class IssuedToken:
    """A new token: `secret` is shown once and never stored."""

    token_id: int
    name: str
    secret: str


def _digest(secret: str) -> str:
    """The stored form of a token; a random 256-bit secret needs no slow hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(*, sessions: sessionmaker[Session], user_id: int, name: str, actor: str) -> IssuedToken:
    """Make a token for a user and audit it."""
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction(sessions) as session:
        token = ApiToken(user_id=user_id, name=name[:128], token_hash=_digest(secret))
        session.add(token)
        session.flush()
        record_event(session, actor=actor, action="issue_token", record=token)
        return IssuedToken(token.id, token.name, secret)


def issue_token_for(*, sessions: sessionmaker[Session], username: str, name: str, actor: str) -> IssuedToken:
    """Make a token for an enabled account named by its username (`luoshi token`); NotFound otherwise."""
    with transaction(sessions) as session:
        user = people.user_by_name(session, username)
        if user is None or user.disabled:
            raise NotFound(f"用户「{username}」不存在或已停用")
        user_id = user.id
    return issue_token(sessions=sessions, user_id=user_id, name=name, actor=actor)


def principal_for_token(*, sessions: sessionmaker[Session], secret: str, now: datetime) -> Principal | None:
    """The principal a live token belongs to, or None; marks the token used."""
    if not secret.startswith(PREFIX):
        return None
    with transaction(sessions) as session:
        token = people.token_by_hash(session, _digest(secret))
        if token is None or token.revoked_at is not None:
            return None
        token.last_used_at = now
        user_id = token.user_id
    return principal_of(sessions=sessions, user_id=user_id)


def revoke_token(
    *, sessions: sessionmaker[Session], token_id: int, owner_id: int | None, actor: str, now: datetime
) -> bool:
    """Revoke a token (only the owner's when owner_id is given); False when there is no such token."""
    with transaction(sessions) as session:
        token = session.get(ApiToken, token_id)
        if token is None or (owner_id is not None and token.user_id != owner_id):
            return False
        if token.revoked_at is None:
            token.revoked_at = now
            session.flush()
            record_event(session, actor=actor, action="revoke_token", record=token)
        return True
