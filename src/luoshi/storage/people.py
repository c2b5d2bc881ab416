"""Queries of people and access: users, departments, sign-in failures, browser sessions and API tokens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from luoshi.storage.models import ApiToken, Department, LoginAttempt, User, WebSession


def user_by_name(session: Session, username: str) -> User | None:
    """The account with this username, if any."""
    return session.scalars(select(User).where(User.username == username)).one_or_none()


def users(session: Session) -> Sequence[User]:
    """Every account, by username."""
    return session.scalars(select(User).order_by(User.username)).all()


def department_by_name(session: Session, name: str) -> Department | None:
    """The department with this name, if any."""
    return session.scalars(select(Department).where(Department.name == name)).one_or_none()


def department_names_by_id(session: Session) -> dict[int, str]:
    """Department id → name, for every department."""
    return {i: n for i, n in session.execute(select(Department.id, Department.name))}


def departments(session: Session, *, active_only: bool = True) -> Sequence[Department]:
    """Departments in registry order."""
    query = select(Department).order_by(Department.position, Department.id)
    if active_only:
        query = query.where(Department.active.is_(True))
    return session.scalars(query).all()


def department_names(session: Session) -> set[str]:
    """The names of every department, active or not."""
    return set(session.scalars(select(Department.name)))


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
