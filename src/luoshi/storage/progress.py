"""Queries of progress reports (进展报送): by task, period and state, the approved ones that count, attachments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.storage.models import Attachment, AttachmentBlob, ProgressReport, Task
from luoshi.vocabulary import ReportState


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


def approved_revisions_of_plan(session: Session, plan_id: int) -> Sequence[ProgressReport]:
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


def blob_exists(session: Session, sha256: str) -> bool:
    """True when the bytes of this hash are stored already."""
    return session.scalar(select(AttachmentBlob.sha256).where(AttachmentBlob.sha256 == sha256)) is not None


def blob_content(session: Session, sha256: str) -> bytes | None:
    """The stored bytes of a content hash, if any."""
    return session.scalar(select(AttachmentBlob.content).where(AttachmentBlob.sha256 == sha256))


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
