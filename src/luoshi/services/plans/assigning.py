"""Assignments: lead and cooperating departments (accepting or overriding the suggestions), the
responsible leader (牵头领导), the deadline (完成时限) and milestones (节点)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import DepartmentSeed, suggest_departments
from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, event, load
from luoshi.services.errors import InvalidValue, NotFound
from luoshi.services.plans.editing import editable_plan
from luoshi.storage import people, plans, transaction
from luoshi.storage.audit import snapshot
from luoshi.storage.models import Milestone, Plan, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole


@dataclass(frozen=True)
class Assignment:
    """Who carries a task: the lead department's name and the cooperating ones'."""

    task_id: int
    version: int
    lead: str
    cooperating: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskSchedule:
    """The responsible leader and the deadline of a task seen at `version`; None leaves a field as it is."""

    task_id: int
    version: int
    lead_leader: str | None = None
    deadline: date | None = None


def assign(*, sessions: sessionmaker[Session], actor: Actor, request: Assignment) -> int:
    """Set a task's departments, replacing the ones it had; returns the task's new version."""
    require(actor, *PLANNERS)
    if request.lead in request.cooperating:
        raise InvalidValue(f"「{request.lead}」不能既是牵头单位又是配合单位")
    with transaction(sessions) as session:
        task = load(session, Task, request.task_id, "任务")
        editable_plan(task.plan)
        _replace(session, task, request, actor)
        # The task's version goes up too, so a stale assignment screen is refused next time.
        change(session, task, actor=actor, action="assign", version=request.version, values={"key": task.key})
        session.flush()
        return task.version


def _replace(session: Session, task: Task, request: Assignment, actor: Actor) -> None:
    """Drop the old department rows and add the requested ones, each audited."""
    wanted = [(request.lead, DepartmentRole.LEAD)] + [(n, DepartmentRole.COOPERATING) for n in request.cooperating]
    ids = [(_department_id(session, name), role) for name, role in wanted]
    for old in list(task.departments):
        event(session, old, actor=actor, action="unassign", before=snapshot(old), gone=True)
        session.delete(old)
    session.flush()
    for department_id, role in ids:
        row = TaskDepartment(task_id=task.id, department_id=department_id, role=role)
        session.add(row)
        session.flush()
        event(session, row, actor=actor, action="assign")
    session.expire(task, ["departments"])


def assign_by_suggestions(
    *, sessions: sessionmaker[Session], actor: Actor, plan_id: int, fallback: str | None = None, cooperating: int = 2
) -> int:
    """Accept the suggested departments for every task of a plan that has no lead yet; returns how many.

    A task no department's keywords match goes to `fallback` (e.g. 区政府办公室) when given.
    """
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        editable_plan(load(session, Plan, plan_id, "计划"))
        seeds = [DepartmentSeed(d.name, tuple(str(w) for w in d.keywords)) for d in people.departments(session)]
        todo = [(t.id, t.version, t.title, t.text) for t in plans.tasks_of_plan(session, plan_id)]
        led = plans.lead_department_names(session, plan_id)
    count = 0
    for task_id, version, title, text in todo:
        if task_id in led:
            continue
        found = suggest_departments(title=title, text=text, departments=seeds, cooperating=cooperating)
        lead = found.lead.name if found.lead else fallback
        if lead is None:
            continue
        helpers = tuple(m.name for m in found.cooperating if m.name != lead)
        assign(sessions=sessions, actor=actor, request=Assignment(task_id, version, lead, helpers))
        count += 1
    return count


def schedule(*, sessions: sessionmaker[Session], actor: Actor, request: TaskSchedule) -> int:
    """Set the responsible leader (牵头领导) and the deadline; returns the task's new version."""
    require(actor, *PLANNERS)
    values: dict[str, object] = {}
    if request.lead_leader is not None:
        values["lead_leader"] = request.lead_leader.strip() or None
    if request.deadline is not None:
        values["deadline"] = request.deadline
    with transaction(sessions) as session:
        task = load(session, Task, request.task_id, "任务")
        editable_plan(task.plan)
        if request.deadline is not None and request.deadline.year < task.plan.plan_year:
            raise InvalidValue(f"完成时限{request.deadline.isoformat()}早于计划年度{task.plan.plan_year}年")
        change(session, task, actor=actor, action="schedule", version=request.version, values=values)
        return task.version


def add_milestone(*, sessions: sessionmaker[Session], actor: Actor, task_id: int, title: str, due: date) -> int:
    """Add a milestone (节点) to a task; returns its id."""
    require(actor, *PLANNERS)
    if not title.strip():
        raise InvalidValue("节点名称不能为空")
    with transaction(sessions) as session:
        task = load(session, Task, task_id, "任务")
        editable_plan(task.plan)
        milestone = Milestone(task_id=task.id, title=title, due=due)
        session.add(milestone)
        session.flush()
        event(session, milestone, actor=actor, action="create")
        return milestone.id


def complete_milestone(
    *, sessions: sessionmaker[Session], actor: Actor, milestone_id: int, version: int, done_on: date
) -> int:
    """Record the day a milestone was met; returns its new version."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        milestone = load(session, Milestone, milestone_id, "节点")
        change(session, milestone, actor=actor, action="complete", version=version, values={"done_on": done_on})
        return milestone.version


def departments_of(*, sessions: sessionmaker[Session], task_id: int) -> tuple[str | None, tuple[str, ...]]:
    """A task's lead department and its cooperating ones, by name."""
    with transaction(sessions) as session:
        names = people.department_names_by_id(session)
        rows: Sequence[TaskDepartment] = plans.assignments(session, task_id)
    lead = next((names[r.department_id] for r in rows if r.role is DepartmentRole.LEAD), None)
    return lead, tuple(names[r.department_id] for r in rows if r.role is DepartmentRole.COOPERATING)


def _department_id(session: Session, name: str) -> int:
    """The id of an active department by name, or NotFound."""
    department = people.department_by_name(session, name)
    if department is None or not department.active:
        raise NotFound(f"部门「{name}」不存在或已停用")
    return department.id
