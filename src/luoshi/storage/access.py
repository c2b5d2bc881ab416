"""The queries of sign-in, sessions and API tokens: users by name, tokens by hash, recent failed logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from luoshi.storage.models import ApiToken, Department, LoginAttempt, User, WebSession


def user_by_username(session: Session, username: str) -> User | None:
    """The account with this user name, if any."""
    return session.scalars(select(User).where(User.username == username)).one_or_none()


def department_name(session: Session, department_id: int | None) -> str | None:
    """The name of a department, or None."""
    if department_id is None:
        return None
    return session.scalar(select(Department.name).where(Department.id == department_id))


def token_by_hash(session: Session, token_hash: str) -> ApiToken | None:
    """The API token stored with this hash, revoked or not."""
    return session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash)).one_or_none()


def failures_since(
    session: Session, *, since: datetime, username: str | None = None, address: str | None = None
) -> int:
    """Failed sign-ins after `since` for an account or from an address."""
    query = select(func.count(LoginAttempt.id)).where(LoginAttempt.at > since)
    if username is not None:
        query = query.where(LoginAttempt.username == username)
    if address is not None:
        query = query.where(LoginAttempt.address == address)
    return int(session.scalar(query) or 0)


def forget_failures(session: Session, *, username: str) -> None:
    """Clear an account's failed sign-ins after it signs in correctly."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))


def prune_failures(session: Session, *, before: datetime) -> None:
    """Drop failed sign-ins older than the throttling window; they no longer count."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < before))


def live_session(session: Session, token_hash: str, now: datetime) -> WebSession | None:
    """The browser session stored with this hash, unless it has expired."""
    query = select(WebSession).where(WebSession.token_hash == token_hash, WebSession.expires_at > now)
    return session.scalars(query).one_or_none()


def end_session(session: Session, *, token_hash: str) -> None:
    """Delete a browser session (logout)."""
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


def prune_sessions(session: Session, *, before: datetime) -> None:
    """Delete the browser sessions that expired before this time."""
    session.execute(delete(WebSession).where(WebSession.expires_at < before))
