"""User accounts: roles, a department user bound to one department, disabling, passwords, no hash in the trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import load_registry, seed_departments
from luoshi.services.accounts.users import UserCreate, add_user, authenticate, disable_user, list_users, set_password
from luoshi.services.actors import SYSTEM, Actor
from luoshi.services.errors import InvalidValue, NotFound, PermissionDenied
from luoshi.storage import ConflictError, transaction
from luoshi.storage.models import AuditEvent
from luoshi.vocabulary import UserRole

PASSWORD = "s3cret-pass"


@pytest.fixture
def registry(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    seed_departments(sessions=sessions, registry=load_registry(), actor="系统")
    return sessions


@pytest.mark.parametrize(
    ("username", "password", "role", "department", "error"),
    [
        ("zhang", PASSWORD, UserRole.SUPERVISOR, None, None),
        ("rsj", PASSWORD, UserRole.DEPARTMENT, "区人力资源和社会保障局", None),
        ("rsj", PASSWORD, UserRole.DEPARTMENT, None, "必须指定所属部门"),
        ("boss", PASSWORD, UserRole.LEADER, "区财政局", "只有责任单位用户可以绑定部门"),
        ("x", PASSWORD, UserRole.ADMIN, None, "用户名应为"),
        ("short", "1234567", UserRole.ADMIN, None, "密码至少8个字符"),
        ("ghost", PASSWORD, UserRole.DEPARTMENT, "区不存在局", "不存在"),
    ],
)
def test_add_user_rules(
    registry: sessionmaker[Session],
    username: str,
    password: str,
    role: UserRole,
    department: str | None,
    error: str | None,
) -> None:
    request = UserCreate(username, password, role, department)
    if error is None:
        made = add_user(sessions=registry, actor=SYSTEM, request=request)
        assert (made.username, made.role, made.department, made.disabled) == (username, role, department, False)
        return
    with pytest.raises((InvalidValue, NotFound), match=error):
        add_user(sessions=registry, actor=SYSTEM, request=request)
    assert list_users(sessions=registry, actor=SYSTEM) == []


def test_usernames_are_unique(registry: sessionmaker[Session]) -> None:
    add_user(sessions=registry, actor=SYSTEM, request=UserCreate("zhang", PASSWORD, UserRole.LEADER))
    with pytest.raises(InvalidValue, match="已存在"):
        add_user(sessions=registry, actor=SYSTEM, request=UserCreate("zhang", PASSWORD, UserRole.ADMIN))


@pytest.mark.parametrize("role", [UserRole.SUPERVISOR, UserRole.DEPARTMENT, UserRole.LEADER])
def test_only_an_admin_manages_users(registry: sessionmaker[Session], role: UserRole) -> None:
    someone = Actor(1, "someone", role, 1)
    with pytest.raises(PermissionDenied, match="无权操作"):
        add_user(sessions=registry, actor=someone, request=UserCreate("zhang", PASSWORD, UserRole.ADMIN))
    with pytest.raises(PermissionDenied):
        list_users(sessions=registry, actor=someone)


def test_sign_in_disable_and_password(registry: sessionmaker[Session]) -> None:
    made = add_user(sessions=registry, actor=SYSTEM, request=UserCreate("zhang", PASSWORD, UserRole.SUPERVISOR))
    me = authenticate(sessions=registry, username="zhang", password=PASSWORD)
    assert me is not None and me.role is UserRole.SUPERVISOR
    assert authenticate(sessions=registry, username="zhang", password="wrong-password") is None
    # A user may change their own password, not anyone else's.
    set_password(sessions=registry, actor=me, username="zhang", password="new-password-1")
    assert authenticate(sessions=registry, username="zhang", password="new-password-1") is not None
    with pytest.raises(PermissionDenied):
        set_password(sessions=registry, actor=me, username="admin", password="whatever-123")
    # A stale version (the account changed since it was read) is refused.
    with pytest.raises(ConflictError):
        disable_user(sessions=registry, actor=SYSTEM, username="zhang", version=made.version)
    disable_user(sessions=registry, actor=SYSTEM, username="zhang")
    assert authenticate(sessions=registry, username="zhang", password="new-password-1") is None


def test_the_trail_never_holds_a_password_hash(registry: sessionmaker[Session]) -> None:
    add_user(sessions=registry, actor=SYSTEM, request=UserCreate("zhang", PASSWORD, UserRole.SUPERVISOR))
    set_password(sessions=registry, actor=SYSTEM, username="zhang", password="another-pass")
    with transaction(registry) as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.table_name == "user_account")).all()
        assert [e.action for e in events] == ["create", "password"]
        assert all("password_hash" not in (e.after or {}) and "password_hash" not in (e.before or {}) for e in events)
        assert "argon2" not in str([(e.before, e.after) for e in events])
