"""API writes of progress reports: draft, edit, submit, approve, return; the review queue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from luoshi.services.accounts.signin import Principal
from luoshi.services.actors import PLANNERS
from luoshi.services.errors import InvalidValue
from luoshi.services.reporting import progress
from luoshi.services.reporting.filing import ReportFiling, file_report
from luoshi.services.reporting.form import report_by_id
from luoshi.web.actors import actor_of
from luoshi.web.deps import AsOf, RecordId, Sessions, User, require_roles
from luoshi.web.routes.api_plans import WRITE_ERRORS
from luoshi.web.write_schemas import ReportCreate, ReportPublic, ReportUpdate, ReturnCreate, StepCreate

router = APIRouter(prefix="/api/v1", tags=["write"], responses=WRITE_ERRORS)
Planner = Annotated[Principal, Depends(require_roles(*PLANNERS))]
Reporter = Annotated[Principal, Depends(require_roles("department", *PLANNERS))]


def _public(report: progress.ProgressPublic) -> ReportPublic:
    """A stored report as the outgoing schema."""
    values = {str(k): v for k, v in report.values.items()}
    return ReportPublic.model_validate({**vars(report), "state": report.state.value, "values": values})


def _filed(
    sessions: Sessions, user: Principal, task_id: int, body: ReportCreate, report_id: int | None = None
) -> ReportPublic:
    """File the incoming schema as a draft through the same service as the report form; 422 naming each bad field."""
    filing = ReportFiling(
        task_id,
        body.period,
        {int(k): v for k, v in body.values.items()},
        body.percent,
        body.progress_text,
        body.problems,
        body.next_steps,
        report_id=report_id,
        version=body.version if isinstance(body, ReportUpdate) else None,
    )
    filed = file_report(sessions=sessions, actor=actor_of(user), filing=filing)
    if filed.report is None:
        raise InvalidValue("；".join(filed.errors.values()))
    return _public(filed.report)


@router.post("/tasks/{task_id}/reports", response_model=ReportPublic, status_code=201, summary="新建进展报送")
def create(task_id: RecordId, body: ReportCreate, user: Reporter, sessions: Sessions) -> Any:
    """Save the first report of a period as a draft (a department: only tasks it leads)."""
    return _filed(sessions, user, task_id, body)


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
    return _filed(sessions, user, stored.task_id, body, report_id)


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
