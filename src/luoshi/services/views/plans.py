"""Read views of plans for the workbench and the API: plans, sections, tasks (filtered, scoped), targets.

Who may *see* a task is decided here, by the `actor=` of each read of tasks and targets: a department
user sees only the tasks its department is on (lead or cooperating) and, of the targets, the main
indicators and its tasks' own; the other roles see every task. Pages and the API read through these
functions, so they cannot show different things.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import Actor
from luoshi.services.errors import NotFound, PermissionDenied
from luoshi.storage import people, plans, transaction
from luoshi.storage.models import Plan, Section, Target, Task
from luoshi.vocabulary import UserRole

NOT_YOURS = "无权查看其他单位的任务"


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks a list shows; None means no restriction."""

    section_id: int | None = None
    department_id: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class PlanView:
    """A plan's heading facts."""

    id: int
    title: str
    status: str
    plan_year: int
    term_start: int | None
    term_end: int | None
    report_id: int | None
    cycle: str
    version: int = 0


@dataclass(frozen=True)
class SectionView:
    """A heading of a plan."""

    id: int
    key: str
    parent_id: int | None
    number: str
    title: str
    kind: str


@dataclass(frozen=True)
class TargetView:
    """A target with its quote and where it belongs."""

    id: int
    task_id: int | None
    section_id: int | None
    metric: str
    kind: str
    comparator: str | None
    value: float | None
    unit: str | None
    horizon_start: int | None
    horizon_end: int | None
    per_year: bool
    commitment: str | None
    quote: str
    quote_start: int | None
    quote_end: int | None

    @property
    def goal(self) -> str:
        """≥9%, ≤3%, 约6%, 3平方公里, or 定性 for a target without a number."""
        if self.value is None:
            return "定性"
        signs = {">=": "≥", "<=": "≤", "~": "约"}
        return f"{signs.get(self.comparator or '=', '')}{self.value:g}{self.unit or ''}"


@dataclass(frozen=True)
class Assignment:
    """A department on a task: 牵头 (lead) or 配合 (cooperating)."""

    department_id: int
    name: str
    role: str


@dataclass(frozen=True)
class TaskView:
    """A task with its section, departments and targets."""

    id: int
    plan_id: int
    key: str | None
    position: int
    title: str
    text: str
    section_id: int | None
    section_title: str | None
    deadline: str | None
    quote_start: int | None
    quote_end: int | None
    departments: tuple[Assignment, ...]
    targets: tuple[TargetView, ...]
    version: int = 0

    @property
    def lead(self) -> str | None:
        """The lead department's name, if assigned."""
        return next((a.name for a in self.departments if a.role == "lead"), None)

    @property
    def lead_id(self) -> int | None:
        """The lead department's id, if assigned."""
        return next((a.department_id for a in self.departments if a.role == "lead"), None)

    @property
    def department_ids(self) -> frozenset[int]:
        """Every department on the task, lead or cooperating."""
        return frozenset(a.department_id for a in self.departments)


def list_plans(*, sessions: sessionmaker[Session]) -> tuple[PlanView, ...]:
    """Every plan, newest first."""
    with transaction(sessions) as session:
        return tuple(_plan(p) for p in plans.plans(session))


def get_plan(*, sessions: sessionmaker[Session], plan_id: int) -> PlanView:
    """One plan, or NotFound."""
    with transaction(sessions) as session:
        return _plan(_plan_row(session, plan_id))


def list_sections(*, sessions: sessionmaker[Session], plan_id: int) -> tuple[SectionView, ...]:
    """A plan's headings in report order."""
    with transaction(sessions) as session:
        _plan_row(session, plan_id)
        return tuple(_section(s) for s in plans.sections_of_plan(session, plan_id))


def list_targets(*, sessions: sessionmaker[Session], actor: Actor, plan_id: int) -> tuple[TargetView, ...]:
    """A plan's targets in report order; a department user gets the main indicators and its own tasks' targets."""
    with transaction(sessions) as session:
        _plan_row(session, plan_id)
        found = plans.targets_of_plan(session, plan_id)
        if not sees_every_task(actor):
            visible = {t.id for t in _tasks(session, plan_id, _scoped(actor, None))}
            found = [t for t in found if t.task_id is None or t.task_id in visible]
        return tuple(_target(t) for t in found)


def list_tasks(
    *, sessions: sessionmaker[Session], actor: Actor, plan_id: int, where: TaskFilter | None = None
) -> tuple[TaskView, ...]:
    """A plan's tasks matching the filter that the actor may see (a department user: PermissionDenied for another)."""
    scoped = _scoped(actor, where)
    with transaction(sessions) as session:
        _plan_row(session, plan_id)
        titles = {s.id: s.title for s in plans.sections_of_plan(session, plan_id)}
        assigned = plans.assignments_of_plan(session, plan_id)
        return tuple(_task(t, titles, assigned.get(t.id, [])) for t in _tasks(session, plan_id, scoped))


def visible_tasks(*, sessions: sessionmaker[Session], actor: Actor, plan_id: int) -> frozenset[int] | None:
    """The ids of the plan's tasks the actor may open, or None when the actor sees every task."""
    if sees_every_task(actor):
        return None
    return frozenset(t.id for t in list_tasks(sessions=sessions, actor=actor, plan_id=plan_id))


def get_task(*, sessions: sessionmaker[Session], actor: Actor, task_id: int) -> TaskView:
    """One task with its parts, or NotFound; PermissionDenied for a department user not on it."""
    with transaction(sessions) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise NotFound("任务不存在")
        titles = {s.id: s.title for s in plans.sections_of_plan(session, task.plan_id)}
        assigned = plans.assignments_of_plan(session, task.plan_id)
        view = _task(task, titles, assigned.get(task.id, []))
    if not sees_every_task(actor) and actor.department_id not in view.department_ids:
        raise PermissionDenied(NOT_YOURS)
    return view


def sees_every_task(actor: Actor) -> bool:
    """Every role but a department user reads every task."""
    return actor.role is not UserRole.DEPARTMENT


def _scoped(actor: Actor, where: TaskFilter | None) -> TaskFilter:
    """The filter a list applies for the actor: a department user's own department, whatever it asked for."""
    where = where or TaskFilter()
    if sees_every_task(actor):
        return where
    if actor.department_id is None or where.department_id not in (None, actor.department_id):
        raise PermissionDenied(NOT_YOURS)
    return replace(where, department_id=actor.department_id)


def _tasks(session: Session, plan_id: int, where: TaskFilter) -> Sequence[Task]:
    """The plan's task rows matching the filter."""
    return plans.filtered_tasks(
        session, plan_id, section_id=where.section_id, department_id=where.department_id, text=where.text
    )


def department_choices(*, sessions: sessionmaker[Session]) -> dict[int, str]:
    """Department id → name, for filter menus."""
    with transaction(sessions) as session:
        return people.department_names_by_id(session)


def _plan_row(session: Session, plan_id: int) -> Plan:
    """The plan row, or NotFound."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("计划不存在")
    return plan


def _plan(plan: Plan) -> PlanView:
    """A plan row as a view."""
    return PlanView(
        id=plan.id,
        title=plan.title,
        status=plan.status.value,
        plan_year=plan.plan_year,
        term_start=plan.term_start,
        term_end=plan.term_end,
        report_id=plan.report_id,
        cycle=plan.cycle.value,
        version=plan.version,
    )


def _section(section: Section) -> SectionView:
    """A section row as a view."""
    return SectionView(section.id, section.key, section.parent_id, section.number, section.title, section.kind.value)


def _target(t: Target) -> TargetView:
    """A target row as a view."""
    return TargetView(
        id=t.id,
        task_id=t.task_id,
        section_id=t.section_id,
        metric=t.metric,
        kind=t.kind.value,
        comparator=t.comparator.value if t.comparator else None,
        value=t.value,
        unit=t.unit,
        horizon_start=t.horizon_start,
        horizon_end=t.horizon_end,
        per_year=t.per_year,
        commitment=t.commitment,
        quote=t.quote,
        quote_start=t.quote_start,
        quote_end=t.quote_end,
    )


def _task(task: Task, titles: dict[int, str], assigned: Sequence[tuple[int, str, object]]) -> TaskView:
    """A task row as a view."""
    return TaskView(
        id=task.id,
        plan_id=task.plan_id,
        key=task.key,
        position=task.position,
        title=task.title,
        text=task.text,
        section_id=task.section_id,
        section_title=titles.get(task.section_id or 0),
        deadline=task.deadline.isoformat() if task.deadline else None,
        quote_start=task.quote_start,
        quote_end=task.quote_end,
        departments=tuple(Assignment(d, n, getattr(r, "value", str(r))) for d, n, r in assigned),
        targets=tuple(_target(t) for t in task.targets),
        version=task.version,
    )
