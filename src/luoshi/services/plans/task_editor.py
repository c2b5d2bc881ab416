"""What the task editor shows: the task at its version, targets, milestones, departments and the suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import DepartmentMatch, suggest_for_task
from luoshi.services.audited import load
from luoshi.services.plans.assigning import departments_of
from luoshi.storage import progress, transaction
from luoshi.storage.models import Task


@dataclass(frozen=True)
class TargetRow:
    """A target as its edit form holds it."""

    id: int
    version: int
    metric: str
    kind: str
    comparator: str | None
    value: float | None
    unit: str | None
    quote: str


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone (节点) with the day it was met, if it was."""

    id: int
    version: int
    title: str
    due: date
    done_on: date | None


@dataclass(frozen=True)
class TaskEditor:
    """A task as the supervision office edits it."""

    id: int
    plan_id: int
    plan_status: str
    version: int
    title: str
    text: str
    section_id: int | None
    lead_leader: str | None
    deadline: date | None
    lead: str | None
    cooperating: tuple[str, ...]
    suggested_lead: DepartmentMatch | None
    suggested_cooperating: tuple[DepartmentMatch, ...]
    targets: tuple[TargetRow, ...]
    milestones: tuple[MilestoneRow, ...]
    reported: bool


def task_editor(*, sessions: sessionmaker[Session], task_id: int) -> TaskEditor:
    """The editor's view of a task, read in one go so every version shown belongs together."""
    with transaction(sessions) as session:
        task = load(session, Task, task_id, "任务")
        fields = _fields(session, task)
    lead, cooperating = departments_of(sessions=sessions, task_id=task_id)
    suggestion = suggest_for_task(sessions=sessions, task_id=task_id)
    return TaskEditor(
        **fields,  # type: ignore[arg-type]
        lead=lead,
        cooperating=cooperating,
        suggested_lead=suggestion.lead,
        suggested_cooperating=suggestion.cooperating,
    )


def _fields(session: Session, task: Task) -> dict[str, object]:
    """The task's own columns and parts."""
    targets = tuple(
        TargetRow(
            t.id,
            t.version,
            t.metric,
            t.kind.value,
            t.comparator.value if t.comparator else None,
            t.value,
            t.unit,
            t.quote,
        )
        for t in task.targets
    )
    milestones = tuple(MilestoneRow(m.id, m.version, m.title, m.due, m.done_on) for m in task.milestones)
    return {
        "id": task.id,
        "plan_id": task.plan_id,
        "plan_status": task.plan.status.value,
        "version": task.version,
        "title": task.title,
        "text": task.text,
        "section_id": task.section_id,
        "lead_leader": task.lead_leader,
        "deadline": task.deadline,
        "targets": targets,
        "milestones": milestones,
        "reported": progress.report_count(session, [task.id]) > 0,
    }
