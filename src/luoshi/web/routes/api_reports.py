"""API writes of progress reports: draft, edit, submit, approve, return; the review queue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from luoshi.services.accounts.signin import Principal
from luoshi.services.reporting import progress
from luoshi.services.reporting.form import report_by_id
from luoshi.web.actors import actor_of
from luoshi.web.deps import AsOf, RecordId, Sessions, User, require_roles
from luoshi.web.policy import WRITERS
from luoshi.web.routes.api_plans import WRITE_ERRORS
from luoshi.web.write_schemas import ReportCreate, ReportPublic, ReportUpdate, ReturnCreate, StepCreate

router = APIRouter(prefix="/api/v1", tags=["write"], responses=WRITE_ERRORS)
Planner = Annotated[Principal, Depends(require_roles(*WRITERS))]
Reporter = Annotated[Principal, Depends(require_roles("department", *WRITERS))]


def _public(report: progress.ProgressPublic) -> ReportPublic:
    """A stored report as the outgoing schema."""
    values = {str(k): v for k, v in report.values.items()}
    return ReportPublic.model_validate({**vars(report), "state": report.state.value, "values": values})


def _draft(task_id: int, body: ReportCreate) -> progress.ProgressDraft:
    """The service's draft from the incoming schema."""
    values = {int(k): v for k, v in body.values.items()}
    return progress.ProgressDraft(
        task_id, body.period, values, body.percent, body.progress_text, body.problems, body.next_steps
    )


@router.post("/tasks/{task_id}/reports", response_model=ReportPublic, status_code=201, summary="新建进展报送")
def create(task_id: RecordId, body: ReportCreate, user: Reporter, sessions: Sessions) -> Any:
    """Save the first report of a period as a draft (a department: only tasks it leads)."""
    return _public(progress.save_draft(sessions=sessions, actor=actor_of(user), draft=_draft(task_id, body)))


@router.get("/reports/{report_id}", response_model=ReportPublic, summary="进展报送")
def read(report_id: RecordId, user: User, sessions: Sessions, today: AsOf) -> Any:
    """One report (a department: only of tasks it leads)."""
    form = report_by_id(sessions=sessions, actor=actor_of(user), report_id=report_id, as_of=today)
    assert form.report is not None
    return _public(form.report)


@router.patch("/reports/{report_id}", response_model=ReportPublic, summary="修改进展报送")
def edit(report_id: RecordId, body: ReportUpdate, user: Reporter, sessions: Sessions, today: AsOf) -> Any:
    """Edit a draft or returned report read at `version`."""
    stored = report_by_id(sessions=sessions, actor=actor_of(user), report_id=report_id, as_of=today)
    draft = _draft(stored.task_id, body)
    saved = progress.save_draft(
        sessions=sessions, actor=actor_of(user), draft=draft, report_id=report_id, version=body.version
    )
    return _public(saved)


@router.post("/reports/{report_id}/submit", response_model=ReportPublic, summary="提交审核")
def submit(report_id: RecordId, body: StepCreate, user: Reporter, sessions: Sessions) -> Any:
    """Send a complete draft for review."""
    done = progress.submit(sessions=sessions, actor=actor_of(user), report_id=report_id, version=body.version)
    return _public(done)


@router.post("/reports/{report_id}/approve", response_model=ReportPublic, summary="审核通过")
def approve(report_id: RecordId, body: StepCreate, user: Planner, sessions: Sessions) -> Any:
    """Approve a submitted report (nobody approves their own: 403)."""
    done = progress.approve(sessions=sessions, actor=actor_of(user), report_id=report_id, version=body.version)
    return _public(done)


@router.post("/reports/{report_id}/return", response_model=ReportPublic, summary="退回")
def send_back(report_id: RecordId, body: ReturnCreate, user: Planner, sessions: Sessions) -> Any:
    """Return a submitted report with the reviewer's comment."""
    done = progress.return_report(
        sessions=sessions, actor=actor_of(user), report_id=report_id, version=body.version, comment=body.comment
    )
    return _public(done)


@router.get("/review-queue", response_model=list[ReportPublic], summary="待审核")
def queue(user: Planner, sessions: Sessions) -> Any:
    """Submitted reports waiting for review, oldest first."""
    return [_public(r) for r in progress.review_queue(sessions=sessions, actor=actor_of(user))]
