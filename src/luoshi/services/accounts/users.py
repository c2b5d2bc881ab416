"""User accounts and roles: add, list, disable, change a password, sign in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.passwords import hash_password, verify_password
from luoshi.services.actors import Actor, require
from luoshi.services.audited import change, event
from luoshi.services.errors import InvalidValue, NotFound
from luoshi.storage import people, transaction
from luoshi.storage.models import User
from luoshi.vocabulary import UserRole

MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,64}$")


@dataclass(frozen=True)
class UserCreate:
    """A new account; a department user names its one department."""

    username: str
    password: str
    role: UserRole
    department: str | None = None
    display_name: str = ""


@dataclass(frozen=True)
class UserPublic:
    """An account as lists show it (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: UserRole
    department: str | None
    disabled: bool
    version: int


def add_user(*, sessions: sessionmaker[Session], actor: Actor, request: UserCreate) -> UserPublic:
    """Create an account (admin only); the username is unique, a department user needs its department."""
    require(actor, UserRole.ADMIN)
    _check_new(request)
    with transaction(sessions) as session:
        if people.user_by_name(session, request.username) is not None:
            raise InvalidValue(f"用户名「{request.username}」已存在")
        department_id = _department_id(session, request)
        user = User(
            username=request.username,
            display_name=request.display_name,
            role=request.role,
            department_id=department_id,
            password_hash=hash_password(request.password),
        )
        session.add(user)
        session.flush()
        event(session, user, actor=actor, action="create")
        return _public(session, user)


def list_users(*, sessions: sessionmaker[Session], actor: Actor) -> list[UserPublic]:
    """Every account by username (admin only)."""
    require(actor, UserRole.ADMIN)
    with transaction(sessions) as session:
        return [_public(session, u) for u in people.users(session)]


def disable_user(
    *, sessions: sessionmaker[Session], actor: Actor, username: str, version: int | None = None
) -> UserPublic:
    """Disable an account so it can no longer sign in (admin only); it stays for the audit trail."""
    require(actor, UserRole.ADMIN)
    with transaction(sessions) as session:
        user = _user(session, username)
        change(session, user, actor=actor, action="disable", version=version, values={"disabled": True})
        return _public(session, user)


def set_password(
    *, sessions: sessionmaker[Session], actor: Actor, username: str, password: str, version: int | None = None
) -> UserPublic:
    """Set a new password: an admin for anyone, a user for their own account."""
    if actor.name != username:
        require(actor, UserRole.ADMIN)
    _check_password(password)
    with transaction(sessions) as session:
        user = _user(session, username)
        values = {"password_hash": hash_password(password)}
        change(session, user, actor=actor, action="password", version=version, values=values)
        return _public(session, user)


def authenticate(*, sessions: sessionmaker[Session], username: str, password: str) -> Actor | None:
    """The actor for a correct username and password of an enabled account, else None."""
    with transaction(sessions) as session:
        user = people.user_by_name(session, username)
        if user is None or user.disabled or not verify_password(user.password_hash, password):
            return None
        return Actor.of(user)


def actor_for(*, sessions: sessionmaker[Session], username: str) -> Actor:
    """The actor of an enabled account by username (for the command line's --as)."""
    with transaction(sessions) as session:
        user = _user(session, username)
        if user.disabled:
            raise InvalidValue(f"用户「{username}」已停用")
        return Actor.of(user)


def _check_new(request: UserCreate) -> None:
    """The username's form, the password's length and the department rule."""
    if not _USERNAME.match(request.username):
        raise InvalidValue("用户名应为2至64个字母、数字、下划线、点或连字符")
    _check_password(request.password)
    if request.role is UserRole.DEPARTMENT and not request.department:
        raise InvalidValue("责任单位用户必须指定所属部门")
    if request.role is not UserRole.DEPARTMENT and request.department:
        raise InvalidValue("只有责任单位用户可以绑定部门")


def _check_password(password: str) -> None:
    """A password long enough to resist guessing."""
    if len(password) < MIN_PASSWORD:
        raise InvalidValue(f"密码至少{MIN_PASSWORD}个字符")


def _department_id(session: Session, request: UserCreate) -> int | None:
    """The id of the named department, or NotFound."""
    if request.department is None:
        return None
    department = people.department_by_name(session, request.department)
    if department is None:
        raise NotFound(f"部门「{request.department}」不存在")
    return department.id


def _user(session: Session, username: str) -> User:
    """The account by username, or NotFound."""
    user = people.user_by_name(session, username)
    if user is None:
        raise NotFound(f"用户「{username}」不存在")
    return user


def _public(session: Session, user: User) -> UserPublic:
    """The outgoing schema of an account."""
    names = people.department_names_by_id(session) if user.department_id else {}
    return UserPublic(
        user.id,
        user.username,
        user.display_name,
        user.role,
        names.get(user.department_id or 0),
        user.disabled,
        user.version,
    )
