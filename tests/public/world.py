"""The public portal's test world: the demo year (a published plan, a returned report) plus internal
material that must never be published, each marked with a string the leak tests look for."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.operations.demo import load_demo
from luoshi.storage import transaction
from luoshi.storage.models import Attachment, AttachmentBlob, Plan, ProgressReport, Task, User
from luoshi.vocabulary import PlanStatus, ReportState

DRAFT_TEXT = "草稿进展ZX-不应公开"
SUBMITTED_TEXT = "待审进展ZX-不应公开"
APPROVED_PROBLEM = "内部问题ZX-不应公开"
ATTACHMENT_NAME = "内部附件ZX-不应公开.pdf"
HIDDEN_PLAN = "未发布计划ZX-内部测试"
HIDDEN_TASK = "未发布任务ZX-内部测试"


@dataclass(frozen=True)
class World:
    """Ids and strings the public tests use."""

    plan_id: int
    hidden_plan_id: int
    hidden_task_id: int
    task_count: int
    approved_periods: int
    returned: tuple[int, str]
    returned_texts: tuple[str, ...]
    usernames: tuple[str, ...]
    forbidden: tuple[str, ...]


def build(sessions: sessionmaker[Session]) -> World:
    """The demo, then a draft, a submitted report, an internal problem and attachment, an unpublished plan."""
    demo = load_demo(sessions=sessions)
    with transaction(sessions) as session:
        tasks = list(session.scalars(select(Task).where(Task.plan_id == demo.plan_id).order_by(Task.position)))
        _internal_reports(session, tasks[0].id, tasks[1].id)
        hidden_plan, hidden_task = _hidden_plan(session)
        returned = session.scalars(select(ProgressReport).where(ProgressReport.state == ReportState.RETURNED)).all()
        texts = tuple(t for r in returned for t in (r.comment or "", r.progress_text) if t)
        first = returned[0]
        returned_period = (first.task_id, f"{first.period_year}年{first.period_month}月")
        usernames = tuple(session.scalars(select(User.username)))
        task_count = len(tasks)
        approved = session.scalars(select(ProgressReport).where(ProgressReport.state == ReportState.APPROVED)).all()
        # Counted as published: one per task and period (a correction replaces its period's report).
        approved_periods = len({(r.task_id, r.period_year, r.period_month) for r in approved})
    forbidden = (DRAFT_TEXT, SUBMITTED_TEXT, APPROVED_PROBLEM, ATTACHMENT_NAME, HIDDEN_PLAN, HIDDEN_TASK, *texts)
    return World(
        demo.plan_id,
        hidden_plan,
        hidden_task,
        task_count,
        approved_periods,
        returned_period,
        texts,
        usernames,
        forbidden,
    )


def _internal_reports(session: Session, task_id: int, other_task_id: int) -> None:
    """A draft and a submitted report for December, and an approved report's internal problem and attachment."""
    session.add(ProgressReport(task_id=task_id, period_year=2022, period_month=12, progress_text=DRAFT_TEXT))
    session.add(
        ProgressReport(
            task_id=other_task_id,
            period_year=2022,
            period_month=12,
            state=ReportState.SUBMITTED,
            progress_text=SUBMITTED_TEXT,
        )
    )
    approved = session.scalars(
        select(ProgressReport)
        .where(ProgressReport.task_id == task_id, ProgressReport.state == ReportState.APPROVED)
        .order_by(ProgressReport.period_month.desc())
    ).first()
    assert approved is not None
    approved.problems = APPROVED_PROBLEM
    content = b"%PDF-1.4 internal"
    digest = hashlib.sha256(content).hexdigest()
    session.add(AttachmentBlob(sha256=digest, size=len(content), content=content))
    session.flush()
    session.add(
        Attachment(
            progress_report_id=approved.id,
            filename=ATTACHMENT_NAME,
            content_type="application/pdf",
            size=len(content),
            sha256=digest,
        )
    )


def _hidden_plan(session: Session) -> tuple[int, int]:
    """A draft plan with one task: neither exists for the public."""
    plan = Plan(title=HIDDEN_PLAN, plan_year=2023, status=PlanStatus.DRAFT)
    session.add(plan)
    session.flush()
    task = Task(plan_id=plan.id, title=HIDDEN_TASK, text=HIDDEN_TASK, position=1)
    session.add(task)
    session.flush()
    return plan.id, task.id
