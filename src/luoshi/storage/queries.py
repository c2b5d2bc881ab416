"""The queries services need, so that no SQL is written outside storage."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.storage.models import Department, Plan, Report


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
