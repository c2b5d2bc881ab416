"""The queries services need, so that no SQL is written outside storage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from luoshi.storage.models import Department, Plan, ProgressReport, Report, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole, ReportState


def report_by_sha256(session: Session, sha256: str) -> Report | None:
    """The report stored with this content hash, if any."""
    return session.scalars(select(Report).where(Report.sha256 == sha256)).one_or_none()


def plans_of_report(session: Session, report_id: int) -> Sequence[Plan]:
    """The plans made from a report, oldest first."""
    return session.scalars(select(Plan).where(Plan.report_id == report_id).order_by(Plan.id)).all()


def departments(session: Session, *, active_only: bool = True) -> Sequence[Department]:
    """Departments in registry order."""
    query = select(Department).order_by(Department.position, Department.id)
    if active_only:
        query = query.where(Department.active.is_(True))
    return session.scalars(query).all()


def department_names(session: Session) -> set[str]:
    """The names of every department, active or not."""
    return set(session.scalars(select(Department.name)))


def approved_reports(session: Session, task_id: int) -> Sequence[ProgressReport]:
    """A task's approved progress reports, oldest period first: the only ones that count for status."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.task_id == task_id, ProgressReport.state == ReportState.APPROVED)
        .order_by(ProgressReport.period_year, ProgressReport.period_month, ProgressReport.revision)
    )
    return latest_revisions(session.scalars(query).all())


class ReportValues(NamedTuple):
    """What status needs of an approved report; read as plain columns, since building thousands of
    ORM objects (each with its mutable JSON wrapped) cost most of a large plan's status."""

    task_id: int
    period_year: int
    period_month: int
    revision: int
    values: dict[str, Any]
    percent: float | None


def approved_reports_of_plan(session: Session, plan_id: int) -> dict[int, list[ReportValues]]:
    """Task id → its approved reports, oldest first, for every task of a plan in one query."""
    r = ProgressReport
    query = (
        select(r.task_id, r.period_year, r.period_month, r.revision, r.values, r.percent)
        .join(Task, Task.id == r.task_id)
        .where(Task.plan_id == plan_id, r.state == ReportState.APPROVED)
        .order_by(r.period_year, r.period_month, r.revision)
    )
    grouped: dict[int, list[ReportValues]] = defaultdict(list)
    for row in session.execute(query):
        grouped[row.task_id].append(ReportValues(*row))
    return {task_id: latest_revisions(reports) for task_id, reports in grouped.items()}


def approved_report_records_of_plan(session: Session, plan_id: int) -> dict[int, list[ProgressReport]]:
    """Task id → its approved reports as whole records (narrative, review date …), oldest first.

    For the pages and exports that show a report; status reads `approved_reports_of_plan`, which is
    the same selection as plain columns.
    """
    query = (
        select(ProgressReport)
        .join(Task, Task.id == ProgressReport.task_id)
        .where(Task.plan_id == plan_id, ProgressReport.state == ReportState.APPROVED)
        .order_by(ProgressReport.period_year, ProgressReport.period_month, ProgressReport.revision)
    )
    grouped: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in session.scalars(query):
        grouped[report.task_id].append(report)
    return {task_id: latest_revisions(reports) for task_id, reports in grouped.items()}


R = TypeVar("R", ProgressReport, ReportValues)


def latest_revisions(reports: Sequence[R]) -> list[R]:
    """Of reports sorted by period and revision, the last revision of each period (a correction replaces)."""
    latest: dict[tuple[int, int], R] = {}
    for report in reports:
        latest[(report.period_year, report.period_month)] = report
    return list(latest.values())


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
