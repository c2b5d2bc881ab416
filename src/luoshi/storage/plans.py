"""Queries of plans and what they hold: the source reports, sections, tasks, targets, assignments.

One definition of the newest plan (`plans` orders every plan newest first, `plan_or_newest` takes
the first of that order), so that the pages, the API and the command line agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from luoshi.storage.models import Department, Plan, Report, Section, Target, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole


def assignments(session: Session, task_id: int) -> Sequence[TaskDepartment]:
    """A task's departments, the lead first."""
    query = select(TaskDepartment).where(TaskDepartment.task_id == task_id).order_by(TaskDepartment.id)
    return sorted(session.scalars(query).all(), key=lambda a: a.role is not DepartmentRole.LEAD)


def lead_department_id(session: Session, task_id: int) -> int | None:
    """The id of the task's lead department (牵头单位), if it has one."""
    query = select(TaskDepartment.department_id).where(
        TaskDepartment.task_id == task_id, TaskDepartment.role == DepartmentRole.LEAD
    )
    return session.scalars(query).first()


def lead_tasks(session: Session, plan_id: int) -> dict[int, list[Task]]:
    """Lead department id → the plan's tasks it leads, in plan order."""
    query = (
        select(TaskDepartment.department_id, Task)
        .join(Task, Task.id == TaskDepartment.task_id)
        .where(Task.plan_id == plan_id, TaskDepartment.role == DepartmentRole.LEAD)
        .order_by(Task.position, Task.id)
    )
    grouped: dict[int, list[Task]] = {}
    for department_id, task in session.execute(query):
        grouped.setdefault(department_id, []).append(task)
    return grouped


NEWEST_FIRST = (Plan.plan_year.desc(), Plan.id.desc())


def plans(session: Session) -> Sequence[Plan]:
    """Every plan, newest first: the latest plan year, and of one year the last imported."""
    return session.scalars(select(Plan).order_by(*NEWEST_FIRST)).all()


def max_task_position(session: Session, plan_id: int) -> int:
    """The largest task position of a plan (-1 when it has none)."""
    value = session.scalar(select(func.max(Task.position)).where(Task.plan_id == plan_id))
    return -1 if value is None else int(value)


def report_by_sha256(session: Session, sha256: str) -> Report | None:
    """The report stored with this content hash, if any."""
    return session.scalars(select(Report).where(Report.sha256 == sha256)).one_or_none()


def plans_of_report(session: Session, report_id: int) -> Sequence[Plan]:
    """The plans made from a report, oldest first."""
    return session.scalars(select(Plan).where(Plan.report_id == report_id).order_by(Plan.id)).all()


def tasks_of_plan(session: Session, plan_id: int) -> Sequence[Task]:
    """A plan's tasks in their order, with their targets and milestones loaded alongside."""
    query = (
        select(Task)
        .where(Task.plan_id == plan_id)
        .order_by(Task.position, Task.id)
        .options(selectinload(Task.targets), selectinload(Task.milestones))
    )
    return session.scalars(query).all()


def lead_department_names(session: Session, plan_id: int) -> dict[int, str]:
    """Task id → the name of its lead department (牵头单位), for the tasks of a plan that have one."""
    query = (
        select(TaskDepartment.task_id, Department.name)
        .join(Department, Department.id == TaskDepartment.department_id)
        .join(Task, Task.id == TaskDepartment.task_id)
        .where(Task.plan_id == plan_id, TaskDepartment.role == DepartmentRole.LEAD)
    )
    return {task_id: name for task_id, name in session.execute(query)}


def targets_of_plan(session: Session, plan_id: int) -> Sequence[Target]:
    """A plan's targets, section targets and task targets alike, in report order where known."""
    query = select(Target).where(Target.plan_id == plan_id).order_by(Target.quote_start, Target.id)
    return session.scalars(query).all()


def filtered_tasks(
    session: Session, plan_id: int, *, section_id: int | None, department_id: int | None, text: str | None
) -> Sequence[Task]:
    """A plan's tasks in a section (or its sub-sections), of a department, containing a text; None: any."""
    query = select(Task).where(Task.plan_id == plan_id).options(selectinload(Task.targets))
    if section_id is not None:
        children = select(Section.id).where(Section.parent_id == section_id)
        query = query.where(or_(Task.section_id == section_id, Task.section_id.in_(children)))
    if department_id is not None:
        assigned = select(TaskDepartment.task_id).where(TaskDepartment.department_id == department_id)
        query = query.where(Task.id.in_(assigned))
    if text:
        # autoescape: a % or _ typed by the user is a character, not a wildcard.
        query = query.where(or_(Task.title.contains(text, autoescape=True), Task.text.contains(text, autoescape=True)))
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
    """The report a plan was made from, with its text and extraction loaded."""
    plan = session.get(Plan, plan_id)
    if plan is None or plan.report_id is None:
        return None
    report = session.get(Report, plan.report_id)
    if report is not None:
        # Deferred columns load now, while the session is open.
        _ = report.text, report.extraction
    return report


def plan_or_newest(session: Session, plan_id: int | None) -> Plan | None:
    """The plan with this id, or the newest plan when no id is given; None when there is none."""
    if plan_id is not None:
        return session.get(Plan, plan_id)
    return session.scalars(select(Plan).order_by(*NEWEST_FIRST).limit(1)).one_or_none()


def sections_of_plan(session: Session, plan_id: int) -> Sequence[Section]:
    """A plan's headings in the report's order."""
    query = select(Section).where(Section.plan_id == plan_id).order_by(Section.position, Section.id)
    return session.scalars(query).all()


def section_targets(session: Session, plan_id: int) -> Sequence[Target]:
    """The targets that hang directly under a section (主要预期目标), in the report's order."""
    query = (
        select(Target)
        .join(Section, Section.id == Target.section_id)
        .where(Target.plan_id == plan_id, Target.task_id.is_(None))
        .order_by(Section.position, Target.position, Target.id)
    )
    return session.scalars(query).all()
