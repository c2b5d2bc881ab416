"""Signing in: password check with throttling per account and per address, and the signed-in principal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.passwords import hash_password, needs_rehash, verify_password
from luoshi.storage import people, transaction
from luoshi.storage.models import LoginAttempt, User

# A dummy hash to verify against when the account does not exist, so timing does not reveal names.
_DUMMY_HASH = hash_password("luoshi-no-such-user")


@dataclass(frozen=True)
class Throttle:
    """How many failures within `window` an account, and an address, may have before sign-in is refused."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)

    @property
    def message(self) -> str:
        """The refusal shown to the user."""
        return f"登录失败次数过多，请{int(self.window.total_seconds() // 60)}分钟后再试"


@dataclass(frozen=True)
class Principal:
    """Who is signed in, as routes check it: role and, for a department user, the department."""

    user_id: int
    username: str
    display_name: str
    role: str
    department_id: int | None
    department_name: str | None


class SignInRefused(Exception):
    """Sign-in failed; `throttled` tells a locked account or address from a wrong password."""

    def __init__(self, message: str, *, throttled: bool) -> None:
        super().__init__(message)
        self.message, self.throttled = message, throttled


WRONG_PASSWORD = "用户名或密码错误"


def sign_in(
    *, sessions: sessionmaker[Session], username: str, password: str, address: str, now: datetime, throttle: Throttle
) -> Principal:
    """Check the password of an active account unless throttled; record a failure, or clear them on success."""
    with transaction(sessions) as session:
        _refuse_if_throttled(session, username=username, address=address, now=now, throttle=throttle)
        user = people.user_by_name(session, username)
        ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
        if user is None or user.disabled or not ok:
            session.add(LoginAttempt(username=username[:64], address=address[:64], at=now))
        else:
            people.forget_failures(session, username=username)
            user.last_login_at = now
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            return _principal(session, user)
    raise SignInRefused(WRONG_PASSWORD, throttled=False)


def _refuse_if_throttled(session: Session, *, username: str, address: str, now: datetime, throttle: Throttle) -> None:
    """Raise SignInRefused when the account or the address has failed too often lately."""
    since = now - throttle.window
    people.prune_failures(session, before=since)
    by_account = people.failures_since(session, since=since, username=username)
    by_address = people.failures_since(session, since=since, address=address)
    if by_account >= throttle.per_account or by_address >= throttle.per_address:
        raise SignInRefused(throttle.message, throttled=True)


def principal_of(*, sessions: sessionmaker[Session], user_id: int) -> Principal | None:
    """The principal of an active account (a session cookie names it), or None when gone or disabled."""
    with transaction(sessions) as session:
        user = session.get(User, user_id)
        if user is None or user.disabled:
            return None
        return _principal(session, user)


def _principal(session: Session, user: User) -> Principal:
    """An account as a principal, with its department's name."""
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name or user.username,
        role=user.role.value,
        department_id=user.department_id,
        department_name=people.department_name(session, user.department_id),
    )
