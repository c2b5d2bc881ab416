"""The read queries of the web workbench and the API: plans, sections, tasks with filters, assignments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from luoshi.storage.models import AuditEvent, Department, Plan, Report, Section, Target, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks a list shows; None means no restriction."""

    section_id: int | None = None
    department_id: int | None = None
    text: str | None = None


def plans(session: Session) -> Sequence[Plan]:
    """Every plan, newest plan year first."""
    return session.scalars(select(Plan).order_by(Plan.plan_year.desc(), Plan.id.desc())).all()


def sections_of_plan(session: Session, plan_id: int) -> Sequence[Section]:
    """A plan's headings in report order."""
    return session.scalars(select(Section).where(Section.plan_id == plan_id).order_by(Section.position)).all()


def targets_of_plan(session: Session, plan_id: int) -> Sequence[Target]:
    """A plan's targets, section targets and task targets alike, in report order where known."""
    query = select(Target).where(Target.plan_id == plan_id).order_by(Target.quote_start, Target.id)
    return session.scalars(query).all()


def filtered_tasks(session: Session, plan_id: int, where: TaskFilter) -> Sequence[Task]:
    """A plan's tasks matching the filter, in plan order, targets loaded."""
    query = select(Task).where(Task.plan_id == plan_id).options(selectinload(Task.targets))
    if where.section_id is not None:
        children = select(Section.id).where(Section.parent_id == where.section_id)
        query = query.where(or_(Task.section_id == where.section_id, Task.section_id.in_(children)))
    if where.department_id is not None:
        assigned = select(TaskDepartment.task_id).where(TaskDepartment.department_id == where.department_id)
        query = query.where(Task.id.in_(assigned))
    if where.text:
        # autoescape: a % or _ typed by the user is a character, not a wildcard.
        query = query.where(
            or_(Task.title.contains(where.text, autoescape=True), Task.text.contains(where.text, autoescape=True))
        )
    return session.scalars(query.order_by(Task.position, Task.id)).all()


def assignments_of_plan(session: Session, plan_id: int) -> dict[int, list[tuple[int, str, DepartmentRole]]]:
    """Task id → its departments (id, name, role), lead first."""
    query = (
        select(TaskDepartment.task_id, Department.id, Department.name, TaskDepartment.role)
        .join(Department, Department.id == TaskDepartment.department_id)
        .join(Task, Task.id == TaskDepartment.task_id)
        .where(Task.plan_id == plan_id)
        .order_by(TaskDepartment.role.desc(), Department.position)
    )
    grouped: dict[int, list[tuple[int, str, DepartmentRole]]] = defaultdict(list)
    for task_id, department_id, name, role in session.execute(query):
        grouped[task_id].append((department_id, name, role))
    return grouped


def report_of_plan(session: Session, plan_id: int) -> Report | None:
    """The report a plan was made from, with its source and extraction loaded."""
    plan = session.get(Plan, plan_id)
    if plan is None or plan.report_id is None:
        return None
    report = session.get(Report, plan.report_id)
    if report is not None:
        # Deferred columns load now, while the session is open.
        _ = report.source, report.extraction
    return report


def audit_of(session: Session, table_name: str, record_id: int) -> Sequence[AuditEvent]:
    """A record's audit trail, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.table_name == table_name, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return session.scalars(query).all()


def departments_by_id(session: Session) -> dict[int, str]:
    """Department id → name, for filters."""
    return {
        department_id: name
        for department_id, name in session.execute(select(Department.id, Department.name).order_by(Department.position))
    }
