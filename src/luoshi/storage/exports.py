"""The queries only the office exports need (breakdown table, bulletin); the rest are in plans/progress."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.storage.models import Department, Section, Target, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole


def section_targets(session: Session, plan_id: int) -> Sequence[Target]:
    """The targets that hang directly under a section (主要预期目标), in the report's order."""
    query = (
        select(Target)
        .join(Section, Section.id == Target.section_id)
        .where(Target.plan_id == plan_id, Target.task_id.is_(None))
        .order_by(Section.position, Target.position, Target.id)
    )
    return session.scalars(query).all()


def department_names_of_tasks(session: Session, plan_id: int) -> dict[int, list[tuple[DepartmentRole, str]]]:
    """Task id → its departments (role and name) in registry order, for every task of a plan."""
    query = (
        select(TaskDepartment.task_id, TaskDepartment.role, Department.name)
        .join(Department, Department.id == TaskDepartment.department_id)
        .join(Task, Task.id == TaskDepartment.task_id)
        .where(Task.plan_id == plan_id)
        .order_by(Department.position, Department.id)
    )
    grouped: dict[int, list[tuple[DepartmentRole, str]]] = defaultdict(list)
    for task_id, role, name in session.execute(query):
        grouped[task_id].append((role, name))
    return grouped
