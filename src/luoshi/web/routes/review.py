"""审核 pages: the queue of submitted reports, one report with its values, and approve or return with a comment."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from luoshi.services.reporting import progress
from luoshi.services.reporting.form import report_by_id
from luoshi.services.reporting.review import review_items
from luoshi.web.actors import actor_of
from luoshi.web.deps import AsOf, RecordId, Sessions, User
from luoshi.web.forms import Planner, Refusal, attempt, done, newest_plan, notice
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)
Version = Annotated[int, Form(ge=0)]


@router.get("/review")
def queue(
    request: Request, user: Planner, sessions: Sessions, ok: Annotated[str | None, Query(max_length=20)] = None
) -> Response:
    """审核: submitted reports, oldest first."""
    items = review_items(sessions=sessions, actor=actor_of(user))
    context = {"items": items, "notice": notice(ok), "page": "review", "plan": newest_plan(sessions)}
    return render(request, "workbench/review.html", context)


@router.get("/reports/{report_id}")
def report(report_id: RecordId, request: Request, user: User, sessions: Sessions, today: AsOf) -> Response:
    """One report as submitted (a department sees only its own tasks'), with the review forms for supervisors."""
    return report_page(request, user, sessions, today, report_id)


def report_page(
    request: Request, user: User, sessions: Sessions, today: AsOf, report_id: int, refusal: Refusal | None = None
) -> Response:
    """The report page, with the reason a review was refused."""
    form = report_by_id(sessions=sessions, actor=actor_of(user), report_id=report_id, as_of=today)
    context = {"form": form, "refusal": refusal, "page": "review", "plan": newest_plan(sessions)}
    return render(request, "workbench/report.html", context, status_code=refusal.status if refusal else 200)


@router.post("/reports/{report_id}/approve")
def approve(
    report_id: RecordId, request: Request, user: Planner, sessions: Sessions, today: AsOf, version: Version
) -> Response:
    """Approve the report; the service refuses one's own report and says so."""
    outcome = attempt(
        lambda: progress.approve(sessions=sessions, actor=actor_of(user), report_id=report_id, version=version)
    )
    if isinstance(outcome, Refusal):
        return report_page(request, user, sessions, today, report_id, outcome)
    return done("/review", "approved")


@router.post("/reports/{report_id}/return")
def send_back(
    report_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    today: AsOf,
    version: Version,
    comment: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Return the report to its department with the reviewer's comment."""
    outcome = attempt(
        lambda: progress.return_report(
            sessions=sessions, actor=actor_of(user), report_id=report_id, version=version, comment=comment
        )
    )
    if isinstance(outcome, Refusal):
        return report_page(request, user, sessions, today, report_id, outcome)
    return done("/review", "returned")
