"""Build a realistic plan for the office tests: the bundled report, assignments, progress, attachments."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.extraction import EXTRACTOR_VERSION, extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes
from luoshi.services.accounts.registry import load_registry, seed_departments, suggest_for_task
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.storage import models, transaction
from luoshi.storage.audit import record_event
from luoshi.storage.models import Attachment, Department, ProgressReport, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole, ReportState, TargetKind

ATTACHMENT = b"%PDF-1.4 \x00\xff binary attachment bytes \x89PNG"


@dataclass(frozen=True)
class Built:
    """Ids of what was built."""

    plan_id: int
    task_ids: tuple[int, ...]
    unassigned_task_id: int


def build_plan(sessions: sessionmaker[Session]) -> Built:
    """Import the sample, seed departments, assign all but the last task, report January to June."""
    source = sample_bytes()
    extraction = extract_report(source, name=SAMPLE_NAME)
    request = ImportReport(
        source=source,
        extraction=extraction.to_dict(),
        extractor_version=EXTRACTOR_VERSION,
        text=extraction.text,
        actor="督查室",
    )
    imported = import_report(sessions=sessions, request=request)
    assert imported.plan_id is not None
    seed_departments(sessions=sessions, registry=load_registry(), actor="管理员")
    with transaction(sessions) as s:
        task_ids = tuple(s.scalars(select(Task.id).where(Task.plan_id == imported.plan_id).order_by(Task.position)))
    for task_id in task_ids[:-1]:
        _assign(sessions, task_id)
    for index, task_id in enumerate(task_ids):
        _report_half_year(sessions, task_id, index)
    return Built(imported.plan_id, task_ids, task_ids[-1])


def _assign(sessions: sessionmaker[Session], task_id: int) -> None:
    """The suggested lead and cooperating departments (the first registry department when none matches)."""
    suggestion = suggest_for_task(sessions=sessions, task_id=task_id, cooperating=2)
    with transaction(sessions) as s:
        names = {d.name: d.id for d in s.scalars(select(Department))}
        lead = suggestion.lead.name if suggestion.lead else next(iter(names))
        s.add(TaskDepartment(task_id=task_id, department_id=names[lead], role=DepartmentRole.LEAD))
        for match in suggestion.cooperating:
            s.add(TaskDepartment(task_id=task_id, department_id=names[match.name], role=DepartmentRole.COOPERATING))


def _report_half_year(sessions: sessionmaker[Session], task_id: int, index: int) -> None:
    """Approved reports from January to a month that varies by task, at a pace that varies too; a draft after."""
    last_month = 6 - index % 4  # some tasks stop reporting early, so some are late
    pace = [1.0, 0.85, 0.55, 0.2][index % 4]
    with transaction(sessions) as s:
        task = s.get_one(Task, task_id)
        for month in range(1, last_month + 1):
            share = pace * month / 12
            values = {str(t.id): round(t.value * share, 2) for t in task.targets if t.value and _paced(t.kind)}
            report = ProgressReport(
                task_id=task_id,
                period_year=2022,
                period_month=month,
                state=ReportState.APPROVED,
                values=values,
                percent=None if values else round(100 * share, 1),
                progress_text=f"第{month}月进展：按计划推进。",
                problems="资金到位偏慢" if pace < 0.5 else "",
                next_steps="加快推进",
                reviewed_at=_approval_day(month, late=index % 3 == 2),
            )
            s.add(report)
            s.flush()
            record_event(s, actor="督查室", action="approve", record=report)
        draft = ProgressReport(task_id=task_id, period_year=2022, period_month=last_month + 1, state=ReportState.DRAFT)
        s.add(draft)
        s.flush()
        if index == 0:
            _attach(s, report.id)


def _paced(kind: TargetKind) -> bool:
    """Targets whose value to date is reported as a number."""
    return kind in (TargetKind.LEVEL, TargetKind.RATIO)


def _approval_day(month: int, *, late: bool) -> datetime:
    """Approved three days after the month, or twelve when the department is slow."""
    day = 12 if late else 3
    next_month = date(2022 + month // 12, month % 12 + 1, day)
    return datetime(next_month.year, next_month.month, next_month.day, 9, 30, tzinfo=UTC)


def _attach(session: Session, report_id: int) -> None:
    """A binary attachment on a report, with its hash; its bytes in the row, or in a blob of that hash."""
    digest = hashlib.sha256(ATTACHMENT).hexdigest()
    row = {"filename": "现场照片.pdf", "content_type": "application/pdf", "size": len(ATTACHMENT), "sha256": digest}
    # The tracking branch moves the bytes into attachment_blob (one per hash); either schema is built here.
    blob = getattr(models, "AttachmentBlob", None)
    if blob is None:
        session.add(Attachment(progress_report_id=report_id, content=ATTACHMENT, **row))
        return
    session.add(blob(sha256=digest, size=len(ATTACHMENT), content=ATTACHMENT))
    session.flush()
    session.add(Attachment(progress_report_id=report_id, **row))
