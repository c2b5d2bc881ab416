"""API writes of the plan: tasks (add, edit, drop), assignment and suggestions, schedule, settings, publishing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from luoshi.services.accounts.registry import suggest_for_task
from luoshi.services.accounts.signin import Principal
from luoshi.services.actors import PLANNERS
from luoshi.services.plans import assigning, editing
from luoshi.services.plans.lifecycle import publish_plan
from luoshi.services.plans.settings import PlanSettings, update_settings
from luoshi.services.views.plans import get_task
from luoshi.web.actors import actor_of
from luoshi.web.deps import RecordId, Sessions, require_roles
from luoshi.web.routes.api import ERRORS
from luoshi.web.schemas import ErrorPublic
from luoshi.web.write_schemas import (
    AssignmentUpdate,
    MatchPublic,
    PlanSettingsPublic,
    PlanSettingsUpdate,
    PublishCreate,
    ScheduleUpdate,
    SuggestionPublic,
    TaskCreate,
    TaskUpdate,
    VersionPublic,
)

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    409: {"model": ErrorPublic, "description": "版本冲突或状态不允许"},
}
router = APIRouter(prefix="/api/v1", tags=["write"], responses=WRITE_ERRORS)
Planner = Annotated[Principal, Depends(require_roles(*PLANNERS))]


@router.post("/plans/{plan_id}/tasks", response_model=VersionPublic, status_code=201, summary="新增任务")
def add_task(plan_id: RecordId, body: TaskCreate, user: Planner, sessions: Sessions) -> Any:
    """Add a task by hand at the end of the plan."""
    wanted = editing.TaskCreate(plan_id=plan_id, title=body.title, text=body.text, section_id=body.section_id)
    task_id = editing.add_task(sessions=sessions, actor=actor_of(user), request=wanted)
    return VersionPublic(id=task_id, version=1)


@router.patch("/tasks/{task_id}", response_model=VersionPublic, summary="修改任务")
def edit_task(task_id: RecordId, body: TaskUpdate, user: Planner, sessions: Sessions) -> Any:
    """Change a task's title, text or section (409 when `version` is stale)."""
    wanted = editing.TaskUpdate(task_id, body.version, body.title, body.text, body.section_id)
    return VersionPublic(id=task_id, version=editing.edit_task(sessions=sessions, actor=actor_of(user), request=wanted))


@router.delete("/tasks/{task_id}", status_code=204, summary="删除任务")
def drop_task(
    task_id: RecordId, user: Planner, sessions: Sessions, version: Annotated[int, Query(ge=0, le=2**31 - 1)]
) -> Response:
    """Remove a task without progress reports."""
    editing.drop_task(sessions=sessions, actor=actor_of(user), task_id=task_id, version=version)
    return Response(status_code=204)


@router.put("/tasks/{task_id}/assignment", response_model=VersionPublic, summary="分配责任单位")
def assign(task_id: RecordId, body: AssignmentUpdate, user: Planner, sessions: Sessions) -> Any:
    """Set the lead and cooperating departments, replacing the old ones."""
    wanted = assigning.Assignment(task_id, body.version, body.lead, tuple(body.cooperating))
    return VersionPublic(id=task_id, version=assigning.assign(sessions=sessions, actor=actor_of(user), request=wanted))


@router.get("/tasks/{task_id}/suggestions", response_model=SuggestionPublic, summary="建议的责任单位")
def suggestions(task_id: RecordId, user: Planner, sessions: Sessions) -> Any:
    """The departments the keywords suggest for a task, with the matched words as the reason."""
    get_task(sessions=sessions, actor=actor_of(user), task_id=task_id)  # 404 for a missing task
    found = suggest_for_task(sessions=sessions, task_id=task_id)
    lead = MatchPublic(name=found.lead.name, reason=found.lead.reason, score=found.lead.score) if found.lead else None
    helpers = [MatchPublic(name=m.name, reason=m.reason, score=m.score) for m in found.cooperating]
    return SuggestionPublic(lead=lead, cooperating=helpers)


@router.put("/tasks/{task_id}/schedule", response_model=VersionPublic, summary="牵头领导与完成时限")
def schedule(task_id: RecordId, body: ScheduleUpdate, user: Planner, sessions: Sessions) -> Any:
    """Set the responsible leader and the deadline."""
    wanted = assigning.TaskSchedule(task_id, body.version, body.lead_leader, body.deadline)
    return VersionPublic(
        id=task_id, version=assigning.schedule(sessions=sessions, actor=actor_of(user), request=wanted)
    )


@router.post("/plans/{plan_id}/publish", response_model=VersionPublic, summary="发布计划")
def publish(plan_id: RecordId, body: PublishCreate, user: Planner, sessions: Sessions) -> Any:
    """Publish a draft plan whose every task has a lead department (409 otherwise)."""
    version = publish_plan(sessions=sessions, actor=actor_of(user), plan_id=plan_id, version=body.version)
    return VersionPublic(id=plan_id, version=version)


@router.put("/plans/{plan_id}/settings", response_model=PlanSettingsPublic, summary="计划设置")
def settings(plan_id: RecordId, body: PlanSettingsUpdate, user: Planner, sessions: Sessions) -> Any:
    """Store the reporting cycle and the lamp thresholds."""
    values = body.model_dump()
    wanted = PlanSettings(plan_id, values.pop("version"), values)
    version = update_settings(sessions=sessions, actor=actor_of(user), request=wanted)
    return PlanSettingsPublic.model_validate({**values, "plan_id": plan_id, "version": version})
