"""Who may see what: a department user sees only its department's tasks; the other roles see all."""

from __future__ import annotations

from luoshi.services.accounts.signin import Principal
from luoshi.services.views.plans import TaskView
from luoshi.web.errors import forbidden

DEPARTMENT = "department"
WRITERS = ("admin", "supervisor")


def own_department(principal: Principal) -> int | None:
    """The department a user's lists are limited to, or None for the roles that read everything."""
    return principal.department_id if principal.role == DEPARTMENT else None


def scope_filter(principal: Principal, asked: int | None) -> int | None:
    """The department filter to apply: a department user may ask only for its own."""
    own = own_department(principal)
    if own is None:
        return asked
    if asked is not None and asked != own:
        raise forbidden("无权查看其他单位的任务")
    return own


def ensure_task_visible(principal: Principal, task: TaskView) -> None:
    """403 unless the user may see the task (a department user: only tasks its department is on)."""
    own = own_department(principal)
    if own is not None and own not in task.department_ids:
        raise forbidden("无权查看其他单位的任务")
