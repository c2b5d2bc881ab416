"""Departments (责任单位) and the users who sign in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.storage.base import Base, Versioned, choice, utcnow
from luoshi.vocabulary import UserRole


class Department(Versioned, Base):
    """A responsible unit and the duty keywords that suggest it for a task."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    # Mutable so that an in-place edit (keywords.append) is saved like a new list.
    keywords: Mapped[list[Any]] = mapped_column(MutableList.as_mutable(JSON), default=list)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class User(Versioned, Base):
    """A user account; a department user belongs to one department. Stored as `user_account`."""

    # "user" is a reserved word in PostgreSQL; a plain name keeps raw SQL and tools simple.
    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role <> 'department' OR department_id IS NOT NULL", name="department_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128), default="")
    role: Mapped[UserRole] = mapped_column(choice(UserRole, "user_role"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
