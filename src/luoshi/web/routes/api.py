"""The JSON API under /api/v1: read plans, sections, targets, tasks and lamps; manage one's API tokens."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from luoshi.services.accounts import tokens as api_tokens
from luoshi.services.accounts.signin import Principal
from luoshi.services.actors import PLANNERS
from luoshi.services.status.lamps import TaskStatus, task_status
from luoshi.services.views.dashboard import dashboard, task_rows
from luoshi.services.views.plans import (
    TaskFilter,
    TaskView,
    get_plan,
    get_task,
    list_plans,
    list_sections,
    list_targets,
)
from luoshi.web.actors import actor_of
from luoshi.web.deps import FilterId, JudgedOn, RecordId, Sessions, User, require_roles
from luoshi.web.errors import WebError
from luoshi.web.schemas import (
    ErrorPublic,
    GroupCountsPublic,
    LampCountsPublic,
    PlanPublic,
    PlanStatusPublic,
    SectionPublic,
    StatusPublic,
    TargetPublic,
    TaskPublic,
    TokenCreate,
    TokenIssued,
    UserPublic,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorPublic, "description": "请求格式有误"},
    401: {"model": ErrorPublic, "description": "未登录或令牌无效"},
    403: {"model": ErrorPublic, "description": "无权访问"},
    404: {"model": ErrorPublic, "description": "未找到"},
    422: {"model": ErrorPublic, "description": "参数有误"},
}
router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)
Lamp = Annotated[str | None, Query(pattern="^(done|not_started|green|yellow|red)$", description="只列此灯色的任务")]


@router.get("/me", response_model=UserPublic, summary="当前用户")
def me(user: User) -> Principal:
    """The signed-in user or the token's owner."""
    return user


@router.get("/plans", response_model=list[PlanPublic], summary="计划列表")
def plans(user: User, sessions: Sessions) -> Any:
    """Every plan, newest first."""
    return list_plans(sessions=sessions)


@router.get("/plans/{plan_id}", response_model=PlanPublic, summary="计划")
def plan(plan_id: RecordId, user: User, sessions: Sessions) -> Any:
    """One plan."""
    return get_plan(sessions=sessions, plan_id=plan_id)


@router.get("/plans/{plan_id}/sections", response_model=list[SectionPublic], summary="章节")
def sections(plan_id: RecordId, user: User, sessions: Sessions) -> Any:
    """A plan's headings in report order."""
    return list_sections(sessions=sessions, plan_id=plan_id)


@router.get("/plans/{plan_id}/targets", response_model=list[TargetPublic], summary="目标")
def targets(plan_id: RecordId, user: User, sessions: Sessions) -> Any:
    """A plan's targets; a department user gets the main indicators and its own tasks' targets."""
    return list_targets(sessions=sessions, actor=actor_of(user), plan_id=plan_id)


@router.get("/plans/{plan_id}/tasks", response_model=list[TaskPublic], summary="任务列表")
def tasks(
    plan_id: RecordId,
    user: User,
    sessions: Sessions,
    when: JudgedOn,
    section_id: FilterId = None,
    department_id: FilterId = None,
    lamp: Lamp = None,
    q: Annotated[str | None, Query(max_length=100, description="标题或正文包含的文字")] = None,
) -> Any:
    """A plan's tasks with their lamps, filtered; a department user sees only its own."""
    where = TaskFilter(section_id=section_id, department_id=department_id, text=q or None)
    rows = task_rows(sessions=sessions, actor=actor_of(user), plan_id=plan_id, as_of=when, where=where)
    return [_task(r.task, r.status) for r in rows if lamp is None or r.status.colour == lamp]


@router.get("/tasks/{task_id}", response_model=TaskPublic, summary="任务")
def task(
    task_id: RecordId,
    user: User,
    sessions: Sessions,
    when: JudgedOn,
) -> Any:
    """One task with its lamp (403 for a department user when it is another department's)."""
    view = get_task(sessions=sessions, actor=actor_of(user), task_id=task_id)
    return _task(view, task_status(sessions=sessions, task_id=task_id, as_of=when))


@router.get("/plans/{plan_id}/status", response_model=PlanStatusPublic, summary="灯色统计")
def status(
    plan_id: RecordId,
    user: User,
    sessions: Sessions,
    when: JudgedOn,
) -> Any:
    """Lamp counts overall, by section and by lead department (a department user: its own tasks)."""
    board = dashboard(sessions=sessions, actor=actor_of(user), plan_id=plan_id, as_of=when)
    return PlanStatusPublic(
        plan_id=plan_id,
        as_of=board.as_of.isoformat(),
        counts=LampCountsPublic.model_validate(board.counts),
        by_section=[GroupCountsPublic.model_validate(g) for g in board.by_section],
        by_department=[GroupCountsPublic.model_validate(g) for g in board.by_department],
    )


@router.post(
    "/tokens",
    response_model=TokenIssued,
    status_code=201,
    summary="创建API令牌",
    responses={409: {"model": ErrorPublic}},
)
def create_token(
    body: TokenCreate, sessions: Sessions, user: Annotated[Principal, Depends(require_roles(*PLANNERS))]
) -> Any:
    """A new API token for the caller (administrators and the supervision office only)."""
    issued = api_tokens.issue_token(sessions=sessions, user_id=user.user_id, name=body.name, actor=user.username)
    return TokenIssued(id=issued.token_id, name=issued.name, token=issued.secret)


@router.delete("/tokens/{token_id}", status_code=204, summary="撤销API令牌")
def revoke_token(
    token_id: RecordId, sessions: Sessions, user: Annotated[Principal, Depends(require_roles(*PLANNERS))]
) -> Response:
    """Revoke one of the caller's tokens (an administrator may revoke anyone's)."""
    owner = None if user.role == "admin" else user.user_id
    done = api_tokens.revoke_token(
        sessions=sessions, token_id=token_id, owner_id=owner, actor=user.username, now=datetime.now(UTC)
    )
    if not done:
        raise WebError(404, "令牌不存在")
    return Response(status_code=204)


def _task(view: TaskView, lamp: TaskStatus) -> TaskPublic:
    """A task view and its lamp as the outgoing schema."""
    status = StatusPublic(colour=lamp.colour, reason=lamp.reason, flags=list(lamp.flags))
    return TaskPublic.model_validate({**vars(view), "status": status})
