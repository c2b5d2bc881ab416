"""Queries of the tracking workflow (users, assignments, progress reports): no SQL outside storage."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.storage.models import (
    Attachment,
    AttachmentBlob,
    AuditEvent,
    Department,
    Plan,
    ProgressReport,
    Task,
    TaskDepartment,
    User,
)
from luoshi.vocabulary import DepartmentRole, ReportState


def user_by_name(session: Session, username: str) -> User | None:
    """The account with this username, if any."""
    return session.scalars(select(User).where(User.username == username)).one_or_none()


def users(session: Session) -> Sequence[User]:
    """Every account, by username."""
    return session.scalars(select(User).order_by(User.username)).all()


def department_by_name(session: Session, name: str) -> Department | None:
    """The department with this name, if any."""
    return session.scalars(select(Department).where(Department.name == name)).one_or_none()


def department_names_by_id(session: Session) -> dict[int, str]:
    """Department id → name, for every department."""
    return {i: n for i, n in session.execute(select(Department.id, Department.name))}


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


def reports_of_task(session: Session, task_id: int) -> Sequence[ProgressReport]:
    """Every progress report of a task (all states and revisions), oldest period and revision first."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.task_id == task_id)
        .order_by(ProgressReport.period_year, ProgressReport.period_month, ProgressReport.revision)
    )
    return session.scalars(query).all()


def reports_of_period(session: Session, task_id: int, year: int, month: int) -> Sequence[ProgressReport]:
    """The revisions of one task's report for one period, first revision first."""
    query = (
        select(ProgressReport)
        .where(
            ProgressReport.task_id == task_id,
            ProgressReport.period_year == year,
            ProgressReport.period_month == month,
        )
        .order_by(ProgressReport.revision)
    )
    return session.scalars(query).all()


def reports_in_state(session: Session, state: ReportState, plan_id: int | None = None) -> Sequence[ProgressReport]:
    """Reports in one state (the review queue for `submitted`), optionally of one plan, oldest first."""
    query = select(ProgressReport).where(ProgressReport.state == state)
    if plan_id is not None:
        query = query.join(Task, Task.id == ProgressReport.task_id).where(Task.plan_id == plan_id)
    return session.scalars(query.order_by(ProgressReport.id)).all()


def approved_of_plan(session: Session, plan_id: int) -> Sequence[ProgressReport]:
    """Every approved report of a plan's tasks, each revision (for timeliness: when each period was approved)."""
    query = (
        select(ProgressReport)
        .join(Task, Task.id == ProgressReport.task_id)
        .where(Task.plan_id == plan_id, ProgressReport.state == ReportState.APPROVED)
        .order_by(ProgressReport.period_year, ProgressReport.period_month, ProgressReport.revision)
    )
    return session.scalars(query).all()


def report_count(session: Session, task_ids: Sequence[int]) -> int:
    """How many progress reports the tasks have, in any state."""
    if not task_ids:
        return 0
    query = select(func.count()).select_from(ProgressReport).where(ProgressReport.task_id.in_(task_ids))
    return int(session.scalar(query) or 0)


def attachment_by_hash(session: Session, report_id: int, sha256: str) -> Attachment | None:
    """The report's attachment with this content hash, if it has one."""
    query = select(Attachment).where(Attachment.progress_report_id == report_id, Attachment.sha256 == sha256)
    return session.scalars(query).first()


def events_of(session: Session, table_name: str, record_id: int) -> Sequence[AuditEvent]:
    """The audit trail of one record, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.table_name == table_name, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.id)
    )
    return session.scalars(query).all()


def plans(session: Session) -> Sequence[Plan]:
    """Every plan, newest first."""
    return session.scalars(select(Plan).order_by(Plan.id.desc())).all()


def max_task_position(session: Session, plan_id: int) -> int:
    """The largest task position of a plan (-1 when it has none)."""
    value = session.scalar(select(func.max(Task.position)).where(Task.plan_id == plan_id))
    return -1 if value is None else int(value)


def blob_exists(session: Session, sha256: str) -> bool:
    """True when the bytes of this hash are stored already."""
    return session.scalar(select(AttachmentBlob.sha256).where(AttachmentBlob.sha256 == sha256)) is not None


def blob_content(session: Session, sha256: str) -> bytes | None:
    """The stored bytes of a content hash, if any."""
    return session.scalar(select(AttachmentBlob.content).where(AttachmentBlob.sha256 == sha256))
