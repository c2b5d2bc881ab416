"""The task editor: text and section, departments (suggested or chosen), leader and deadline, milestones,
split, merge and drop; every form carries the version it was read at."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from luoshi.services.plans import assigning, editing
from luoshi.services.plans.task_editor import task_editor
from luoshi.services.views.plans import department_choices, get_plan, list_sections
from luoshi.services.views.planview import plan_table
from luoshi.web.actors import actor_of
from luoshi.web.deps import RecordId, Sessions
from luoshi.web.forms import Planner, Refusal, attempt, done, notice, whole
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)
Version = Annotated[int, Form(ge=0)]
Line = Annotated[str, Form(max_length=500)]
Long = Annotated[str, Form(max_length=20000)]


@router.get("/tasks/{task_id}/edit")
def editor(
    task_id: RecordId, request: Request, user: Planner, sessions: Sessions, ok: Annotated[str | None, Query()] = None
) -> Response:
    """The editor of one task."""
    return editor_page(request, sessions, task_id, notice=notice(ok))


def editor_page(
    request: Request,
    sessions: Sessions,
    task_id: int,
    *,
    notice: str | None = None,
    refusal: Refusal | None = None,
    sent: dict[str, str] | None = None,
    form: str = "",
) -> Response:
    """The editor as stored now (after a conflict: the newer data), with what the user sent beside it."""
    task = task_editor(sessions=sessions, task_id=task_id)
    context = {
        "task": task,
        "plan": get_plan(sessions=sessions, plan_id=task.plan_id),
        "table": plan_table(sessions=sessions, plan_id=task.plan_id),
        "sections": [s for s in list_sections(sessions=sessions, plan_id=task.plan_id) if s.kind == "plan"],
        "departments": list(department_choices(sessions=sessions).values()),
        "notice": notice,
        "refusal": refusal,
        "sent": sent or {},
        "form": form,
        "page": "edit",
    }
    return render(request, "workbench/task_edit.html", context, status_code=refusal.status if refusal else 200)


def back_to_editor(
    request: Request,
    sessions: Sessions,
    task_id: int,
    outcome: object,
    code: str,
    form: str,
    sent: dict[str, str] | None = None,
) -> Response:
    """Back to the editor: with the notice on success, or with the refusal beside the form that caused it."""
    if isinstance(outcome, Refusal):
        return editor_page(request, sessions, task_id, refusal=outcome, sent=sent, form=form)
    return done(f"/tasks/{task_id}/edit", code, f"#{form}")


@router.post("/tasks/{task_id}/edit")
def edit(
    task_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Version,
    title: Line = "",
    text: Long = "",
    section_id: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Change the title, text and section."""
    wanted = editing.TaskUpdate(task_id, version, title.strip(), text.strip(), whole(section_id))
    outcome = attempt(lambda: editing.edit_task(sessions=sessions, actor=actor_of(user), request=wanted))
    return back_to_editor(request, sessions, task_id, outcome, "saved", "text", {"title": title, "text": text})


@router.post("/tasks/{task_id}/assign")
def assign(
    task_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Version,
    lead: Annotated[str, Form(max_length=128)] = "",
    cooperating: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Set the lead and cooperating departments (the suggestions' button sends them as chosen)."""
    helpers = tuple(dict.fromkeys(c for c in cooperating or [] if c and c != lead))
    wanted = assigning.Assignment(task_id, version, lead, helpers)
    outcome = (
        Refusal(422, "请选择牵头单位")
        if not lead
        else attempt(lambda: assigning.assign(sessions=sessions, actor=actor_of(user), request=wanted))
    )
    return back_to_editor(request, sessions, task_id, outcome, "assigned", "who")


@router.post("/tasks/{task_id}/schedule")
def schedule(
    task_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Version,
    lead_leader: Annotated[str, Form(max_length=64)] = "",
    deadline: Annotated[date | None, Form()] = None,
) -> Response:
    """Set the responsible leader (牵头领导) and the deadline (完成时限)."""
    wanted = assigning.TaskSchedule(task_id, version, lead_leader, deadline)
    outcome = attempt(lambda: assigning.schedule(sessions=sessions, actor=actor_of(user), request=wanted))
    return back_to_editor(request, sessions, task_id, outcome, "scheduled", "when")


@router.post("/tasks/{task_id}/milestones")
def milestone(
    task_id: RecordId, request: Request, user: Planner, sessions: Sessions, title: Line, due: Annotated[date, Form()]
) -> Response:
    """Add a milestone (节点)."""
    outcome = attempt(
        lambda: assigning.add_milestone(sessions=sessions, actor=actor_of(user), task_id=task_id, title=title, due=due)
    )
    return back_to_editor(request, sessions, task_id, outcome, "added", "when")


@router.post("/tasks/{task_id}/split")
def split(
    task_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Version,
    first_title: Line,
    second_title: Line,
    first_text: Long = "",
    second_text: Long = "",
    moved: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Cut the task in two: the first part stays this task, the second takes the ticked targets."""
    parts = [
        editing.SplitPart(first_title.strip(), first_text.strip()),
        editing.SplitPart(second_title.strip(), second_text.strip(), tuple(moved or ())),
    ]
    outcome = attempt(
        lambda: editing.split_task(
            sessions=sessions, actor=actor_of(user), task_id=task_id, version=version, parts=parts
        )
    )
    return back_to_editor(request, sessions, task_id, outcome, "split", "split")


@router.post("/tasks/{task_id}/merge")
def merge(
    task_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Version,
    others: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Merge the chosen tasks (each sent as id:version) into this one."""
    pairs = [_pair(o) for o in others or []]
    chosen = [p for p in pairs if p is not None]
    outcome = (
        Refusal(422, "请选择要并入的任务")
        if not chosen
        else attempt(
            lambda: editing.merge_tasks(sessions=sessions, actor=actor_of(user), into=(task_id, version), others=chosen)
        )
    )
    return back_to_editor(request, sessions, task_id, outcome, "merged", "merge")


def _pair(value: str) -> tuple[int, int] | None:
    """ "12:3" as (task id, version)."""
    task_id, _, version = value.partition(":")
    first, second = whole(task_id), whole(version)
    return (first, second) if first is not None and second is not None else None


@router.post("/tasks/{task_id}/drop")
def drop(task_id: RecordId, request: Request, user: Planner, sessions: Sessions, version: Version) -> Response:
    """Remove the task (refused once progress was reported on it)."""
    task = task_editor(sessions=sessions, task_id=task_id)
    outcome = attempt(
        lambda: editing.drop_task(sessions=sessions, actor=actor_of(user), task_id=task_id, version=version)
    )
    if isinstance(outcome, Refusal):
        return editor_page(request, sessions, task_id, refusal=outcome, form="drop")
    return done(f"/plans/{task.plan_id}/edit", "dropped")
