"""计划 editor pages: the breakdown table to edit, plan settings, adding tasks, assigning by suggestion, publishing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.services.plans.assigning import assign_by_suggestions
from luoshi.services.plans.editing import TaskCreate, add_task
from luoshi.services.plans.lifecycle import publish_plan
from luoshi.services.plans.settings import PLAN_SETTINGS, PlanSettings, plan_settings, update_settings
from luoshi.services.views.plans import department_choices, get_plan, list_sections
from luoshi.services.views.planview import plan_table
from luoshi.web.actors import actor_of
from luoshi.web.deps import RecordId, Sessions
from luoshi.web.forms import Planner, Refusal, attempt, done, newest_plan, notice, whole
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)
Notice = Annotated[str | None, Query(max_length=20)]


@router.get("/plans/latest/edit")
def latest_editor(user: Planner, sessions: Sessions) -> Response:
    """The newest plan's editor (the navigation's 计划 link outside a plan)."""
    found = newest_plan(sessions)
    return RedirectResponse(f"/plans/{found.id}/edit" if found else "/", status_code=303)


@router.get("/plans/{plan_id}/edit")
def plan_editor(plan_id: RecordId, request: Request, user: Planner, sessions: Sessions, ok: Notice = None) -> Response:
    """计划: every task with its departments, leader and deadline; settings; add a task; publish."""
    return editor_page(request, sessions, plan_id, notice=notice(ok))


def editor_page(
    request: Request,
    sessions: Sessions,
    plan_id: int,
    *,
    notice: str | None = None,
    refusal: Refusal | None = None,
    sent: dict[str, str] | None = None,
    form: str | None = None,
) -> Response:
    """The plan editor, with a notice or a refusal (then its status code); `form` names the refused form."""
    context = {
        "plan": get_plan(sessions=sessions, plan_id=plan_id),
        "table": plan_table(sessions=sessions, plan_id=plan_id),
        "settings": plan_settings(sessions=sessions, plan_id=plan_id),
        "setting_fields": PLAN_SETTINGS,
        "form": form,
        "sections": [s for s in list_sections(sessions=sessions, plan_id=plan_id) if s.kind == "plan"],
        "departments": department_choices(sessions=sessions),
        "notice": notice,
        "refusal": refusal,
        "sent": sent or {},
        "page": "edit",
    }
    status = refusal.status if refusal else 200
    return render(request, "workbench/plan_edit.html", context, status_code=status)


async def settings_sent(request: Request) -> dict[str, str]:
    """The declared plan settings the form sent, as typed (the service checks and converts them)."""
    form = await request.form()
    sent = {s.name: form.get(s.name) for s in PLAN_SETTINGS if s.name in form}
    return {name: value if isinstance(value, str) else "" for name, value in sent.items()}


@router.post("/plans/{plan_id}/edit/settings")
def save_settings(
    plan_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    version: Annotated[int, Form()],
    sent: Annotated[dict[str, str], Depends(settings_sent)],
) -> Response:
    """Store the reporting cycle and the lamp thresholds; a bad value is shown with what was typed kept."""
    wanted = PlanSettings(plan_id, version, sent)
    outcome = attempt(lambda: update_settings(sessions=sessions, actor=actor_of(user), request=wanted))
    if isinstance(outcome, Refusal):
        kept = sent if outcome.status == 422 else None
        return editor_page(request, sessions, plan_id, refusal=outcome, sent=kept, form="settings")
    return done(f"/plans/{plan_id}/edit", "settings", "#settings")


@router.post("/plans/{plan_id}/edit/publish")
def publish(
    plan_id: RecordId, request: Request, user: Planner, sessions: Sessions, version: Annotated[int, Form()]
) -> Response:
    """Publish the draft plan (every task needs its lead department first)."""
    outcome = attempt(lambda: publish_plan(sessions=sessions, actor=actor_of(user), plan_id=plan_id, version=version))
    if isinstance(outcome, Refusal):
        return editor_page(request, sessions, plan_id, refusal=outcome)
    return done(f"/plans/{plan_id}/edit", "published")


@router.post("/plans/{plan_id}/edit/suggest")
def accept_suggestions(
    plan_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    fallback: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    """Give every task without a lead its suggested departments (a fallback for tasks nothing matches)."""
    outcome = attempt(
        lambda: assign_by_suggestions(
            sessions=sessions, actor=actor_of(user), plan_id=plan_id, fallback=fallback.strip() or None
        )
    )
    if isinstance(outcome, Refusal):
        return editor_page(request, sessions, plan_id, refusal=outcome)
    return done(f"/plans/{plan_id}/edit", "suggested")


@router.post("/plans/{plan_id}/edit/tasks")
def new_task(
    plan_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    title: Annotated[str, Form(max_length=500)] = "",
    text: Annotated[str, Form(max_length=20000)] = "",
    section_id: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Add a task by hand at the end of the plan, then open its editor."""
    wanted = TaskCreate(plan_id=plan_id, title=title.strip(), text=text.strip(), section_id=whole(section_id))
    outcome = attempt(lambda: add_task(sessions=sessions, actor=actor_of(user), request=wanted))
    if isinstance(outcome, Refusal):
        sent = {"title": title, "text": text}
        return editor_page(request, sessions, plan_id, refusal=outcome, sent=sent)
    return done(f"/tasks/{outcome}/edit", "added")
