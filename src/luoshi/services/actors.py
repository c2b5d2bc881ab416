"""Who acts: a signed-in user's role and department, and the role checks every service makes."""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.services.errors import PermissionDenied
from luoshi.storage.models import User
from luoshi.vocabulary import UserRole


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts; `department_id` only for a department user."""

    user_id: int | None
    name: str
    role: UserRole
    department_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        """The actor of a stored, enabled account."""
        return cls(user.id, user.username, user.role, user.department_id)


# The command line and the seed act as the system itself, with an admin's rights.
SYSTEM = Actor(None, "系统", UserRole.ADMIN)

# Who may edit, assign and publish plans, and approve reports.
PLANNERS = (UserRole.ADMIN, UserRole.SUPERVISOR)


def require(actor: Actor, *roles: UserRole) -> None:
    """Refuse unless the actor has one of the roles."""
    if actor.role not in roles:
        allowed = "、".join(r.label for r in roles)
        raise PermissionDenied(f"无权操作：需要{allowed}角色，当前为{actor.role.label}")
