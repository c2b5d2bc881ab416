"""The public portal (公开): published plans only, anonymous, in Chinese; route → dependency → service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.services.errors import NotFound
from luoshi.services.portal.open_data import DATASETS, as_csv, as_json, dataset
from luoshi.services.portal.publication import (
    disclosure_header,
    public_board,
    public_report,
    public_task,
    published_plans,
    sequence_of,
    task_progress,
)
from luoshi.services.status.lamps import task_status
from luoshi.web.deps import AsOf, RecordId, Sessions
from luoshi.web.prefs import YEAR, Prefs, read_prefs, safe_next, wanted
from luoshi.web.templating import render_public

router = APIRouter(prefix="/public", include_in_schema=False)
Reader = Annotated[Prefs, Depends(read_prefs)]
Choice = Annotated[str | None, Query(max_length=10)]
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@router.get("/")
def index(request: Request, sessions: Sessions, prefs: Reader) -> Response:
    """公开首页: every published plan with its report, board and open data."""
    return render_public(request, prefs, "index.html", {"plans": published_plans(sessions=sessions)})


@router.get("/plans/{plan_id}")
def board(plan_id: RecordId, request: Request, sessions: Sessions, today: AsOf, prefs: Reader) -> Response:
    """落实进展: lamp counts, indicators, groups and each task's latest approved progress."""
    found = public_board(sessions=sessions, plan_id=plan_id, as_of=today)
    context = {"b": found, "plan": found.plan, "numbers": sequence_of(found.rows), "as_of": today, "page": "board"}
    return render_public(request, prefs, "board.html", context)


@router.get("/plans/{plan_id}/report")
def report(plan_id: RecordId, request: Request, sessions: Sessions, prefs: Reader) -> Response:
    """报告原文: the disclosure header and the text, targets linked to their progress."""
    found = public_report(sessions=sessions, plan_id=plan_id)
    context = {
        "plan": found.plan,
        "text": found.text,
        "headings": found.headings,
        "header": disclosure_header(found.text.header),
        "page": "report",
    }
    return render_public(request, prefs, "report.html", context)


@router.get("/tasks/{task_id}")
def task(task_id: RecordId, request: Request, sessions: Sessions, today: AsOf, prefs: Reader) -> Response:
    """A task of a published plan: lamp and reason, departments, targets, approved progress."""
    plan, view = public_task(sessions=sessions, task_id=task_id)
    context = {
        "plan": plan,
        "task": view,
        "status": task_status(sessions=sessions, task_id=task_id, as_of=today),
        "history": task_progress(sessions=sessions, task_id=task_id),
        "as_of": today,
    }
    return render_public(request, prefs, "task.html", context)


@router.get("/plans/{plan_id}/data/{filename}")
def data(plan_id: RecordId, filename: str, sessions: Sessions, today: AsOf) -> Response:
    """开放数据: tasks.csv, tasks.json, progress.csv, progress.json of a published plan."""
    name, _, fmt = filename.partition(".")
    if name not in DATASETS or fmt not in FORMATS:
        raise NotFound("没有这个数据文件")
    found = dataset(sessions=sessions, plan_id=plan_id, name=name, as_of=today)
    body = as_csv(found) if fmt == "csv" else as_json(found)
    disposition = f'inline; filename="plan-{plan_id}-{name}.{fmt}"'
    return Response(body, media_type=FORMATS[fmt], headers={"content-disposition": disposition})


@router.get("/favourites")
def favourites(request: Request, prefs: Reader) -> Response:
    """我的收藏: kept in the reader's browser (localStorage); the page lists them when scripts run."""
    return render_public(request, prefs, "favourites.html", {"page": "favourites"})


@router.get("/prefs")
def set_prefs(
    size: Choice = None, contrast: Choice = None, elder: Choice = None, next: Annotated[str | None, Query()] = None
) -> Response:
    """Set the reader's preferences from a plain link and go back to the (portal) page it came from."""
    response = RedirectResponse(safe_next(next), status_code=303)
    for name, value in wanted(size, contrast, elder).items():
        response.set_cookie(name, value, max_age=YEAR, path="/public", samesite="lax", httponly=True)
    return response
