"""API writes of the settings: departments and their keywords, user accounts (admins only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from luoshi.services.accounts import departments, users
from luoshi.services.accounts.signin import Principal
from luoshi.services.actors import PLANNERS
from luoshi.vocabulary import UserRole
from luoshi.web.actors import actor_of
from luoshi.web.deps import RecordId, Sessions, User, require_roles
from luoshi.web.routes.api_plans import WRITE_ERRORS
from luoshi.web.write_schemas import (
    AccountCreate,
    AccountPublic,
    DepartmentCreate,
    DepartmentPublic,
    DepartmentUpdate,
    PasswordUpdate,
    StepCreate,
)

router = APIRouter(prefix="/api/v1", tags=["write"], responses=WRITE_ERRORS)
Planner = Annotated[Principal, Depends(require_roles(*PLANNERS))]
Admin = Annotated[Principal, Depends(require_roles("admin"))]
UserName = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.\-]{2,64}$")]


def _department(found: departments.DepartmentPublic) -> DepartmentPublic:
    """A department as the outgoing schema."""
    return DepartmentPublic.model_validate({**vars(found), "keywords": list(found.keywords)})


def _account(found: users.UserPublic) -> AccountPublic:
    """An account as the outgoing schema."""
    return AccountPublic.model_validate({**vars(found), "role": found.role.value})


@router.get("/departments", response_model=list[DepartmentPublic], summary="责任单位")
def list_departments(user: User, sessions: Sessions) -> Any:
    """Every department with its keywords."""
    return [_department(d) for d in departments.list_departments(sessions=sessions)]


@router.post("/departments", response_model=DepartmentPublic, status_code=201, summary="新增责任单位")
def add_department(body: DepartmentCreate, user: Planner, sessions: Sessions) -> Any:
    """Add a department."""
    wanted = departments.DepartmentCreate(body.name, tuple(body.keywords))
    return _department(departments.add_department(sessions=sessions, actor=actor_of(user), request=wanted))


@router.patch("/departments/{department_id}", response_model=DepartmentPublic, summary="修改责任单位")
def edit_department(department_id: RecordId, body: DepartmentUpdate, user: Planner, sessions: Sessions) -> Any:
    """Rename a department, replace its keywords, retire or restore it."""
    words = tuple(body.keywords) if body.keywords is not None else None
    wanted = departments.DepartmentUpdate(department_id, body.version, body.name, words, body.active)
    return _department(departments.edit_department(sessions=sessions, actor=actor_of(user), request=wanted))


@router.post("/users", response_model=AccountPublic, status_code=201, summary="新增账号")
def add_user(body: AccountCreate, user: Admin, sessions: Sessions) -> Any:
    """Create an account (administrators only)."""
    wanted = users.UserCreate(body.username, body.password, UserRole(body.role), body.department, body.display_name)
    return _account(users.add_user(sessions=sessions, actor=actor_of(user), request=wanted))


@router.post("/users/{username}/disable", response_model=AccountPublic, summary="停用账号")
def disable(username: UserName, body: StepCreate, user: Admin, sessions: Sessions) -> Any:
    """Disable an account; its sessions end."""
    return _account(
        users.disable_user(sessions=sessions, actor=actor_of(user), username=username, version=body.version)
    )


@router.put("/users/{username}/password", response_model=AccountPublic, summary="重置密码")
def reset_password(username: UserName, body: PasswordUpdate, user: Admin, sessions: Sessions) -> Any:
    """Set a new password for an account."""
    found = users.set_password(
        sessions=sessions, actor=actor_of(user), username=username, password=body.password, version=body.version
    )
    return _account(found)
