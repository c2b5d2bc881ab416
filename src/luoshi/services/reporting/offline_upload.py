"""A filled offline progress template uploaded: every cell checked, then drafts or submissions in one transaction.

The checks are the web form's (services/values.py) plus what a file can get wrong: a line for a task
the uploader's department does not lead, a task not due in the period, a report already submitted,
a target that is not the task's, a line given twice. Saving goes through services/progress.py as
the uploading user, so ownership, versions and the audit trail are those of the workbench.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.actors import PLANNERS, Actor
from luoshi.services.audited import load
from luoshi.services.errors import InvalidState, InvalidValue, PermissionDenied, ServiceError
from luoshi.services.reporting.offline_checks import UploadContext, gather_entries
from luoshi.services.reporting.offline_lines import CellProblem, OfflineLine, TaskEntry
from luoshi.services.reporting.offline_reports import parse_period
from luoshi.services.reporting.progress import ProgressDraft, save_draft, submit
from luoshi.storage import people, transaction
from luoshi.storage.batch import one_transaction
from luoshi.storage.models import Plan
from luoshi.vocabulary import PlanStatus


@dataclass(frozen=True)
class OfflineUpload:
    """What a template says about itself (plan, department, period) and its filled lines."""

    plan_id: int
    department: str
    period: str
    lines: tuple[OfflineLine, ...]


@dataclass(frozen=True)
class OfflineResult:
    """What an upload did: reports saved (and submitted), tasks left blank, or the problems that stopped it."""

    saved: int
    submitted: int
    blank: int
    problems: tuple[CellProblem, ...]


def upload_offline(
    *, sessions: sessionmaker[Session], actor: Actor, upload: OfflineUpload, submit_reports: bool = False
) -> OfflineResult:
    """Check every cell; with no problem, save each filled task's report (and submit it when asked)."""
    period = parse_period(upload.period)
    with transaction(sessions) as session:
        context = _context(session, actor, upload, period)
    entries, problems = gather_entries(upload.lines, context, period, submitting=submit_reports)
    filled = [e for e in entries if e.filled]
    if problems:
        return OfflineResult(0, 0, len(entries) - len(filled), tuple(problems))
    with one_transaction(sessions) as joined:
        for entry in filled:
            _save(joined, actor, entry, upload.period, context, submit_reports)
    return OfflineResult(len(filled), len(filled) if submit_reports else 0, len(entries) - len(filled), ())


def _context(session: Session, actor: Actor, upload: OfflineUpload, period: tracking.Period) -> UploadContext:
    """The plan's tasks, the uploader's department and the period's reports, read once."""
    plan = load(session, Plan, upload.plan_id, "计划")
    if plan.status is not PlanStatus.PUBLISHED:
        raise InvalidState("计划尚未发布或已关闭，不能报送进展")
    department = people.department_by_name(session, upload.department)
    if department is None:
        raise InvalidValue(f"表中的部门「{upload.department}」不存在")
    if actor.role not in PLANNERS and actor.department_id != department.id:
        raise PermissionDenied(f"这是「{upload.department}」的报送表，不能用其他单位的账号上传")
    return UploadContext.read(session, plan, department.id, period)


def _save(
    sessions: sessionmaker[Session],
    actor: Actor,
    entry: TaskEntry,
    period: str,
    context: UploadContext,
    submit_report: bool,
) -> None:
    """One task's report through the progress services; a refusal names the task's row."""
    draft = ProgressDraft(
        task_id=entry.task.id,
        period=period,
        values=entry.values,
        percent=entry.percent,
        progress_text=entry.texts.get("progress_text", ""),
        problems=entry.texts.get("problems", ""),
        next_steps=entry.texts.get("next_steps", ""),
    )
    existing = context.editable.get(entry.task.id)
    try:
        report = save_draft(
            sessions=sessions,
            actor=actor,
            draft=draft,
            report_id=existing.id if existing else None,
            version=existing.version if existing else None,
        )
        if submit_report:
            submit(sessions=sessions, actor=actor, report_id=report.id, version=report.version)
    except ServiceError as error:
        raise type(error)(f"第{entry.row}行：{error}") from error
