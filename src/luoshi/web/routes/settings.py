"""设置 pages: departments and their keywords (supervision office and admins), user accounts (admins only)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import Response

from luoshi.services.accounts import departments, users
from luoshi.services.views.plans import list_plans
from luoshi.vocabulary import UserRole
from luoshi.web.actors import actor_of
from luoshi.web.deps import RecordId, Sessions
from luoshi.web.forms import Admin, Planner, Refusal, attempt, done, newest_plan, notice
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)
Name = Annotated[str, Form(max_length=128)]
Words = Annotated[str, Form(max_length=4000)]
UserName = Annotated[str, Path(max_length=64)]


@router.get("/settings")
def settings_page(
    request: Request, user: Planner, sessions: Sessions, ok: Annotated[str | None, Query(max_length=20)] = None
) -> Response:
    """设置: departments, accounts (admins) and a link to each plan's settings."""
    return page(request, user, sessions, notice=notice(ok))


def page(
    request: Request,
    user: Planner,
    sessions: Sessions,
    *,
    notice: str | None = None,
    refusal: Refusal | None = None,
    form: str = "",
    password: tuple[str, str] | None = None,
) -> Response:
    """The settings page; `password` is a new password shown this once (user name, password)."""
    accounts = users.list_users(sessions=sessions, actor=actor_of(user)) if user.role == "admin" else []
    context = {
        "departments": departments.list_departments(sessions=sessions),
        "accounts": accounts,
        "plans": list_plans(sessions=sessions),
        "roles": {r.value: r for r in UserRole},
        "notice": notice,
        "refusal": refusal,
        "form": form,
        "password": password,
        "page": "settings",
        "plan": newest_plan(sessions),
    }
    return render(request, "workbench/settings.html", context, status_code=refusal.status if refusal else 200)


@router.post("/settings/departments")
def add_department(request: Request, user: Planner, sessions: Sessions, name: Name, keywords: Words = "") -> Response:
    """Add a department with its keywords."""
    wanted = departments.DepartmentCreate(name, departments.split_keywords(keywords))
    outcome = attempt(lambda: departments.add_department(sessions=sessions, actor=actor_of(user), request=wanted))
    if isinstance(outcome, Refusal):
        return page(request, user, sessions, refusal=outcome, form="departments")
    return done("/settings", "added", "#departments")


@router.post("/settings/departments/{department_id}")
def edit_department(
    department_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Annotated[int, Form(ge=0)],
    name: Name,
    keywords: Words = "",
    active: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Rename a department, replace its keywords, retire or restore it."""
    wanted = departments.DepartmentUpdate(
        department_id, version, name, departments.split_keywords(keywords), active == "on"
    )
    outcome = attempt(lambda: departments.edit_department(sessions=sessions, actor=actor_of(user), request=wanted))
    if isinstance(outcome, Refusal):
        return page(request, user, sessions, refusal=outcome, form="departments")
    return done("/settings", "saved", f"#department-{department_id}")


@router.post("/settings/users")
def add_user(
    request: Request,
    user: Admin,
    sessions: Sessions,
    username: Annotated[str, Form(max_length=64)],
    role: Annotated[UserRole, Form()],
    display_name: Annotated[str, Form(max_length=64)] = "",
    department: Name = "",
) -> Response:
    """Add an account with a new random password, shown this once."""
    password = _new_password()
    wanted = users.UserCreate(username.strip(), password, role, department or None, display_name.strip())
    outcome = attempt(lambda: users.add_user(sessions=sessions, actor=actor_of(user), request=wanted))
    if isinstance(outcome, Refusal):
        return page(request, user, sessions, refusal=outcome, form="users")
    return page(request, user, sessions, notice="账号已添加。", password=(wanted.username, password))


@router.post("/settings/users/{username}/disable")
def disable(
    username: UserName, request: Request, user: Admin, sessions: Sessions, version: Annotated[int, Form(ge=0)]
) -> Response:
    """Disable an account: it can no longer sign in, and its sessions end."""
    outcome = attempt(
        lambda: users.disable_user(sessions=sessions, actor=actor_of(user), username=username, version=version)
    )
    if isinstance(outcome, Refusal):
        return page(request, user, sessions, refusal=outcome, form="users")
    return done("/settings", "disabled", "#users")


@router.post("/settings/users/{username}/password")
def reset_password(
    username: UserName, request: Request, user: Admin, sessions: Sessions, version: Annotated[int, Form(ge=0)]
) -> Response:
    """Give an account a new random password, shown this once to the administrator."""
    password = _new_password()
    outcome = attempt(
        lambda: users.set_password(
            sessions=sessions, actor=actor_of(user), username=username, password=password, version=version
        )
    )
    if isinstance(outcome, Refusal):
        return page(request, user, sessions, refusal=outcome, form="users")
    return page(request, user, sessions, notice="密码已重置。", password=(username, password))


def _new_password() -> str:
    """A random password easy to read out (no 0/O or 1/l), 12 characters."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))
