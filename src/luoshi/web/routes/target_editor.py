"""Targets (目标) in the task editor: add one by hand, edit its number, unit or kind, drop it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from luoshi.services.errors import InvalidValue
from luoshi.services.plans import editing
from luoshi.vocabulary import Comparator, TargetKind
from luoshi.web.actors import actor_of
from luoshi.web.deps import RecordId, Sessions
from luoshi.web.forms import Planner, attempt
from luoshi.web.routes.task_editor import back_to_editor

router = APIRouter(include_in_schema=False)
TaskId = Annotated[int, Form(ge=1, le=2**31 - 1)]
Unit = Annotated[str, Form(max_length=32)]


def _value(text: str) -> float | None:
    """A target value typed in the form; empty means none (a qualitative target)."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidValue(f"目标值应为数字，填写的是{text!r}") from None


@router.post("/tasks/{task_id}/targets")
def add(
    task_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    metric: Annotated[str, Form(max_length=200)],
    kind: Annotated[TargetKind, Form()],
    comparator: Annotated[Comparator, Form()] = Comparator.AT_LEAST,
    value: Annotated[str, Form(max_length=30)] = "",
    unit: Unit = "",
) -> Response:
    """Add a target to the task."""

    def run() -> int:
        wanted = editing.TargetCreate(task_id, metric.strip(), kind, _value(value), unit.strip() or None, comparator)
        return editing.add_target(sessions=sessions, actor=actor_of(user), request=wanted)

    return back_to_editor(request, sessions, task_id, attempt(run), "added", "targets")


@router.post("/targets/{target_id}/edit")
def edit(
    target_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    task_id: TaskId,
    version: Annotated[int, Form(ge=0)],
    metric: Annotated[str, Form(max_length=200)],
    kind: Annotated[TargetKind, Form()],
    comparator: Annotated[Comparator, Form()] = Comparator.AT_LEAST,
    value: Annotated[str, Form(max_length=30)] = "",
    unit: Unit = "",
) -> Response:
    """Change a target seen at `version`."""

    def run() -> int:
        wanted = editing.TargetUpdate(
            target_id, version, metric.strip(), kind, comparator, _value(value), unit.strip() or None
        )
        return editing.edit_target(sessions=sessions, actor=actor_of(user), request=wanted)

    return back_to_editor(request, sessions, task_id, attempt(run), "saved", "targets")


@router.post("/targets/{target_id}/drop")
def drop(
    target_id: RecordId,
    request: Request,
    user: Planner,
    sessions: Sessions,
    task_id: TaskId,
    version: Annotated[int, Form(ge=0)],
) -> Response:
    """Remove a target from the task."""
    outcome = attempt(
        lambda: editing.drop_target(sessions=sessions, actor=actor_of(user), target_id=target_id, version=version)
    )
    return back_to_editor(request, sessions, task_id, outcome, "dropped", "targets")
