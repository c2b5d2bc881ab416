"""The web's signed-in principal as the actor the services check and audit."""

from __future__ import annotations

from luoshi.services.accounts.signin import Principal
from luoshi.services.actors import Actor
from luoshi.vocabulary import UserRole


def actor_of(principal: Principal) -> Actor:
    """The services' actor for a principal; only a department user carries its department."""
    role = UserRole(principal.role)
    department = principal.department_id if role is UserRole.DEPARTMENT else None
    return Actor(principal.user_id, principal.username, role, department)
