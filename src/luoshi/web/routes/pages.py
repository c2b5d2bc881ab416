"""The workbench pages (Chinese, server-rendered): 工作台, 报告 reader, 任务 list and task page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from luoshi.services.status.lamps import task_status
from luoshi.services.status.task_pace import task_history
from luoshi.services.views.dashboard import COLOURS, dashboard, task_rows
from luoshi.services.views.plans import (
    TaskFilter,
    department_choices,
    get_plan,
    get_task,
    list_plans,
    list_sections,
    sees_every_task,
    visible_tasks,
)
from luoshi.services.views.report_text import report_text
from luoshi.services.views.trail import record_trail
from luoshi.web.actors import actor_of
from luoshi.web.deps import AsOf, RecordId, Sessions, User
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=100)]


def _number(value: str | None) -> int | None:
    """A filter field as a number; an empty or odd value means no filter."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 10 else None


@router.get("/")
def home(request: Request, user: User, sessions: Sessions, today: AsOf) -> Response:
    """The dashboard of the newest plan, or a note that nothing is imported yet."""
    found = list_plans(sessions=sessions)
    if not found:
        return render(request, "empty.html", {})
    return _dashboard(request, user, sessions, today, found[0].id)


@router.get("/plans/{plan_id}")
def plan_dashboard(plan_id: RecordId, request: Request, user: User, sessions: Sessions, today: AsOf) -> Response:
    """The dashboard of one plan."""
    return _dashboard(request, user, sessions, today, plan_id)


def _dashboard(request: Request, user: User, sessions: Sessions, today: AsOf, plan_id: int) -> Response:
    """工作台: counts, by section, by department, the red list and the main indicators."""
    board = dashboard(sessions=sessions, actor=actor_of(user), plan_id=plan_id, as_of=today)
    chart = [
        {"metric": t.metric, "value": t.value}
        for t in board.main_indicators
        # Only the plan year's growth targets share one scale; five-year ones stay in the table.
        if t.kind == "growth" and t.value is not None and t.unit == "%" and t.horizon_end == board.plan.plan_year
    ]
    others = [p for p in list_plans(sessions=sessions) if p.id != plan_id]
    context = {"board": board, "plan": board.plan, "chart": chart, "others": others, "page": "dashboard"}
    return render(request, "dashboard.html", context)


@router.get("/plans/{plan_id}/report")
def report(plan_id: RecordId, request: Request, user: User, sessions: Sessions) -> Response:
    """报告: the report's text with every target and fact marked, targets linked to their plan items."""
    plan = get_plan(sessions=sessions, plan_id=plan_id)
    text = report_text(sessions=sessions, plan_id=plan_id)
    linkable = visible_tasks(sessions=sessions, actor=actor_of(user), plan_id=plan_id)
    return render(request, "report.html", {"plan": plan, "text": text, "page": "report", "linkable": linkable})


@router.get("/plans/{plan_id}/tasks")
def tasks(
    plan_id: RecordId,
    request: Request,
    user: User,
    sessions: Sessions,
    today: AsOf,
    section: Text = None,
    department: Text = None,
    lamp: Text = None,
    q: Text = None,
) -> Response:
    """任务: the plan's tasks with filters by section, department, lamp and text."""
    plan = get_plan(sessions=sessions, plan_id=plan_id)
    actor = actor_of(user)
    where = TaskFilter(_number(section), _number(department), (q or "").strip() or None)
    rows = [
        r
        for r in task_rows(sessions=sessions, actor=actor, plan_id=plan_id, as_of=today, where=where)
        if lamp not in COLOURS or r.status.colour == lamp
    ]
    chosen: dict[str, Any] = {
        "section": _number(section),
        "department": _number(department),
        "lamp": lamp if lamp in COLOURS else None,
        "q": q or "",
    }
    context = {
        "plan": plan,
        "rows": rows,
        "sections": [s for s in list_sections(sessions=sessions, plan_id=plan_id) if s.kind == "plan"],
        "departments": department_choices(sessions=sessions) if sees_every_task(actor) else {},
        "chosen": chosen,
        "colours": COLOURS,
        "page": "tasks",
    }
    return render(request, "tasks.html", context)


@router.get("/tasks/{task_id}")
def task(task_id: RecordId, request: Request, user: User, sessions: Sessions, today: AsOf) -> Response:
    """The task page: text and quote, targets, lamp and reason, audit trail."""
    view = get_task(sessions=sessions, actor=actor_of(user), task_id=task_id)
    context = {
        "task": view,
        "plan": get_plan(sessions=sessions, plan_id=view.plan_id),
        "status": task_status(sessions=sessions, task_id=task_id, as_of=today),
        "events": record_trail(sessions=sessions, table_name="task", record_id=task_id),
        "history": task_history(sessions=sessions, task_id=task_id, as_of=today),
        "as_of": today,
        "page": "tasks",
    }
    return render(request, "task.html", context)
