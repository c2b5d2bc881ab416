"""Progress reports (进展报送): draft → submitted → approved, or returned with a comment and resubmitted.

A department reports only on the tasks it leads; nobody approves their own report; an approved
report is locked, and a correction is a new revision of the same period beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, event, load
from luoshi.services.errors import InvalidState, InvalidValue, PermissionDenied
from luoshi.services.reporting.values import check_percent, check_values, missing_values
from luoshi.services.status.lamps import task_horizon
from luoshi.storage import ConflictError, plans, progress, transaction
from luoshi.storage.base import utcnow
from luoshi.storage.models import ProgressReport, Task
from luoshi.vocabulary import PlanStatus, ReportingCycle, ReportState, UserRole

EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)


@dataclass(frozen=True)
class ProgressDraft:
    """What a reporter fills in for a task and a period ("2022-06"); values keyed by target id."""

    task_id: int
    period: str
    values: Mapping[int, float] = field(default_factory=dict)
    percent: float | None = None
    progress_text: str = ""
    problems: str = ""
    next_steps: str = ""


@dataclass(frozen=True)
class ProgressPublic:
    """A progress report as pages, the API and the command line show it."""

    id: int
    task_id: int
    period: str
    revision: int
    state: ReportState
    values: dict[int, float]
    percent: float | None
    progress_text: str
    problems: str
    next_steps: str
    comment: str | None
    author_id: int | None
    reviewer_id: int | None
    submitted_at: datetime | None
    reviewed_at: datetime | None
    version: int


def save_draft(
    *,
    sessions: sessionmaker[Session],
    actor: Actor,
    draft: ProgressDraft,
    report_id: int | None = None,
    version: int | None = None,
    at: datetime | None = None,
) -> ProgressPublic:
    """Create the period's report, or edit a draft or returned one seen at `version`."""
    try:
        with transaction(sessions) as session:
            task = load(session, Task, draft.task_id, "任务")
            may_report(session, actor, task)
            period = _period(task, draft.period, at)
            values = {
                "values": check_values(task.targets, draft.values),
                "percent": check_percent(draft.percent),
                "progress_text": draft.progress_text.strip(),
                "problems": draft.problems.strip(),
                "next_steps": draft.next_steps.strip(),
            }
            if report_id is None:
                return _create(session, actor, task, period, values, at)
            report = load(session, ProgressReport, report_id, "进展报送")
            _editable(report, task)
            change(session, report, actor=actor, action="edit", version=version, values=values, at=at)
            return public(report)
    except IntegrityError:
        # Another session created this period's report at the same moment: one report, theirs.
        raise ConflictError(f"{draft.period}的进展已由他人同时创建，请刷新后编辑") from None


def _create(
    session: Session,
    actor: Actor,
    task: Task,
    period: tracking.Period,
    values: Mapping[str, object],
    at: datetime | None,
) -> ProgressPublic:
    """The first report of a period; a later revision is made only by correcting an approved one."""
    if progress.reports_of_period(session, task.id, period.year, period.month):
        raise InvalidState(f"{period.label()}已有进展报送，请编辑该报送或更正已审核的报送")
    report = ProgressReport(
        task_id=task.id, period_year=period.year, period_month=period.month, author_id=actor.user_id, **values
    )
    if at is not None:
        report.created_at = at
    session.add(report)
    session.flush()
    event(session, report, actor=actor, action="create", at=at)
    return public(report)


def submit(
    *, sessions: sessionmaker[Session], actor: Actor, report_id: int, version: int, at: datetime | None = None
) -> ProgressPublic:
    """Send a complete draft (or a returned report, corrected) for review."""
    with transaction(sessions) as session:
        report = load(session, ProgressReport, report_id, "进展报送")
        task = load(session, Task, report.task_id, "任务")
        may_report(session, actor, task)
        _editable(report, task)
        missing = missing_values(task.targets, report.values, report.percent)
        if missing:
            raise InvalidValue("提交前请填写：" + "、".join(missing))
        if not report.progress_text:
            raise InvalidValue("提交前请填写进展情况")
        values = {"state": ReportState.SUBMITTED, "submitted_at": at or utcnow()}
        change(session, report, actor=actor, action="submit", version=version, values=values, at=at)
        return public(report)


def approve(
    *, sessions: sessionmaker[Session], actor: Actor, report_id: int, version: int, at: datetime | None = None
) -> ProgressPublic:
    """Approve a submitted report: from now on it counts for status and is locked."""
    return _review(sessions, actor, report_id, version, ReportState.APPROVED, None, at)


def return_report(
    *,
    sessions: sessionmaker[Session],
    actor: Actor,
    report_id: int,
    version: int,
    comment: str,
    at: datetime | None = None,
) -> ProgressPublic:
    """Send a submitted report back to its department with the reviewer's comment."""
    if not comment.strip():
        raise InvalidValue("退回时请填写退回意见")
    return _review(sessions, actor, report_id, version, ReportState.RETURNED, comment.strip(), at)


def _review(
    sessions: sessionmaker[Session],
    actor: Actor,
    report_id: int,
    version: int,
    state: ReportState,
    comment: str | None,
    at: datetime | None,
) -> ProgressPublic:
    """Approve or return a submitted report; the reviewer is a supervisor who did not write it."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        report = load(session, ProgressReport, report_id, "进展报送")
        if report.state is not ReportState.SUBMITTED:
            raise InvalidState(f"只能审核已提交的报送（当前状态：{report.state.label}）")
        if actor.user_id is not None and actor.user_id == report.author_id:
            raise PermissionDenied("不能审核自己填报的进展")
        values = {"state": state, "comment": comment, "reviewer_id": actor.user_id, "reviewed_at": at or utcnow()}
        action = "approve" if state is ReportState.APPROVED else "return"
        change(session, report, actor=actor, action=action, version=version, values=values, at=at)
        return public(report)


def correct(
    *, sessions: sessionmaker[Session], actor: Actor, report_id: int, at: datetime | None = None
) -> ProgressPublic:
    """Start a correction of an approved report: a new draft revision with its contents; both stay."""
    try:
        return _correct(sessions, actor, report_id, at)
    except IntegrityError:
        # Another session started the same correction at the same moment: one correction, theirs.
        raise ConflictError("该报送已由他人同时发起更正，请刷新后编辑") from None


def _correct(sessions: sessionmaker[Session], actor: Actor, report_id: int, at: datetime | None) -> ProgressPublic:
    """One try of `correct`."""
    with transaction(sessions) as session:
        old = load(session, ProgressReport, report_id, "进展报送")
        task = load(session, Task, old.task_id, "任务")
        may_report(session, actor, task)
        revisions = progress.reports_of_period(session, task.id, old.period_year, old.period_month)
        if old.state is not ReportState.APPROVED or revisions[-1].id != old.id:
            raise InvalidState("只能更正本期最新的已审核报送")
        new = ProgressReport(
            task_id=task.id,
            period_year=old.period_year,
            period_month=old.period_month,
            revision=old.revision + 1,
            values=dict(old.values),
            percent=old.percent,
            progress_text=old.progress_text,
            problems=old.problems,
            next_steps=old.next_steps,
            author_id=actor.user_id,
        )
        session.add(new)
        session.flush()
        event(session, new, actor=actor, action="correct", before={"corrects": old.id}, at=at)
        return public(new)


def history(*, sessions: sessionmaker[Session], actor: Actor, task_id: int) -> list[ProgressPublic]:
    """Every report of a task, each revision, oldest first (a department sees only its own tasks)."""
    with transaction(sessions) as session:
        task = load(session, Task, task_id, "任务")
        if actor.role is UserRole.DEPARTMENT:
            may_report(session, actor, task)
        return [public(r) for r in progress.reports_of_task(session, task.id)]


def review_queue(*, sessions: sessionmaker[Session], actor: Actor, plan_id: int | None = None) -> list[ProgressPublic]:
    """Submitted reports waiting for review, oldest first."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        return [public(r) for r in progress.reports_in_state(session, ReportState.SUBMITTED, plan_id)]


def may_report(session: Session, actor: Actor, task: Task) -> None:
    """A department reports on the tasks it leads; supervisors and admins on any; nobody on a closed plan."""
    if task.plan.status is not PlanStatus.PUBLISHED:
        raise InvalidState("计划尚未发布或已关闭，不能报送进展")
    if actor.role is UserRole.DEPARTMENT:
        if actor.department_id is None or plans.lead_department_id(session, task.id) != actor.department_id:
            raise PermissionDenied("只能报送本单位牵头的任务")
        return
    require(actor, UserRole.DEPARTMENT, *PLANNERS)


def _editable(report: ProgressReport, task: Task) -> None:
    """Only a draft or a returned report can change; an approved one is locked."""
    if report.task_id != task.id:
        raise InvalidValue("报送与任务不符")
    if report.state not in EDITABLE:
        raise InvalidState(f"{report.state.label}的报送不能修改（已审核的请发起更正）")


def _period(task: Task, text: str, at: datetime | None) -> tracking.Period:
    """The reporting period named by "YYYY-MM": one that closes a period of the task's horizon and has begun."""
    try:
        period = tracking.Period.parse(text)
    except ValueError:
        raise InvalidValue(f"报送期间应写作“年-月”，例如2022-06，而不是{text!r}") from None
    horizon = task_horizon(task, task.plan)
    ends = horizon.period_ends(ReportingCycle(task.plan.cycle.value))
    if period not in ends:
        raise InvalidValue(f"{period.label()}不是该任务的报送期（应为{ends[0].label()}至{ends[-1].label()}的期末月份）")
    today = (at or utcnow()).date()
    if period.first_day > today:
        raise InvalidValue(f"{period.label()}尚未开始，不能报送")
    return period


def public(report: ProgressReport) -> ProgressPublic:
    """The outgoing schema of a report."""
    return ProgressPublic(
        id=report.id,
        task_id=report.task_id,
        period=str(tracking.Period(report.period_year, report.period_month)),
        revision=report.revision,
        state=report.state,
        values={int(k): float(v) for k, v in report.values.items()},
        percent=report.percent,
        progress_text=report.progress_text,
        problems=report.problems,
        next_steps=report.next_steps,
        comment=report.comment,
        author_id=report.author_id,
        reviewer_id=report.reviewer_id,
        submitted_at=report.submitted_at,
        reviewed_at=report.reviewed_at,
        version=report.version,
    )
