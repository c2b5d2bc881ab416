"""Plan editing by the supervision office: edit, add, drop, split and merge tasks and targets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, event, load
from luoshi.services.errors import InvalidState, InvalidValue
from luoshi.storage import expect_version, plans, progress, transaction
from luoshi.storage.audit import snapshot
from luoshi.storage.models import Plan, Section, Target, Task, TaskDepartment
from luoshi.vocabulary import Comparator, PlanStatus, TargetKind


@dataclass(frozen=True)
class TaskCreate:
    """A task added by hand to a plan (and section); its horizon in years defaults to the plan year."""

    plan_id: int
    title: str
    text: str = ""
    section_id: int | None = None
    horizon: tuple[int, int] | None = None


@dataclass(frozen=True)
class TaskUpdate:
    """An edit of a task seen at `version`; a field left None stays as it is."""

    task_id: int
    version: int
    title: str | None = None
    text: str | None = None
    section_id: int | None = None


@dataclass(frozen=True)
class TargetCreate:
    """A target added by hand to a task."""

    task_id: int
    metric: str
    kind: TargetKind
    value: float | None
    unit: str | None
    comparator: Comparator | None = Comparator.AT_LEAST


@dataclass(frozen=True)
class TargetUpdate:
    """An edit of a target seen at `version`; a field left None stays as it is."""

    target_id: int
    version: int
    metric: str | None = None
    kind: TargetKind | None = None
    comparator: Comparator | None = None
    value: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class SplitPart:
    """One new task cut from a task: its title, text and the targets that move to it."""

    title: str
    text: str = ""
    target_ids: tuple[int, ...] = ()


def editable_plan(plan: Plan) -> None:
    """Refuse changes to a closed plan."""
    if plan.status is PlanStatus.CLOSED:
        raise InvalidState("计划已关闭，不能再修改")


def add_task(*, sessions: sessionmaker[Session], actor: Actor, request: TaskCreate) -> int:
    """Add a task at the end of the plan; returns its id."""
    require(actor, *PLANNERS)
    _title(request.title)
    if request.horizon and request.horizon[1] < request.horizon[0]:
        raise InvalidValue("任务的止年早于起年")
    with transaction(sessions) as session:
        plan = load(session, Plan, request.plan_id, "计划")
        editable_plan(plan)
        _in_plan(session, plan.id, request.section_id)
        task = Task(
            plan_id=plan.id,
            section_id=request.section_id,
            title=request.title,
            text=request.text,
            position=plans.max_task_position(session, plan.id) + 1,
            horizon_start=request.horizon[0] if request.horizon else None,
            horizon_end=request.horizon[1] if request.horizon else None,
        )
        session.add(task)
        session.flush()
        event(session, task, actor=actor, action="create")
        return task.id


def edit_task(*, sessions: sessionmaker[Session], actor: Actor, request: TaskUpdate) -> int:
    """Change a task's title, text or section; returns its new version."""
    require(actor, *PLANNERS)
    if request.title is not None:
        _title(request.title)
    values = {k: v for k in ("title", "text", "section_id") if (v := getattr(request, k)) is not None}
    with transaction(sessions) as session:
        task = load(session, Task, request.task_id, "任务")
        editable_plan(task.plan)
        _in_plan(session, task.plan_id, request.section_id)
        change(session, task, actor=actor, action="edit", version=request.version, values=values)
        return task.version


def drop_task(*, sessions: sessionmaker[Session], actor: Actor, task_id: int, version: int) -> None:
    """Remove a task with its targets, unless progress was reported on it."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        task = load(session, Task, task_id, "任务")
        editable_plan(task.plan)
        _unreported(session, [task])
        _delete(session, task, actor=actor, version=version)


def add_target(*, sessions: sessionmaker[Session], actor: Actor, request: TargetCreate) -> int:
    """Add a target to a task; returns its id."""
    require(actor, *PLANNERS)
    _target_values(request.kind, request.value, request.metric)
    with transaction(sessions) as session:
        task = load(session, Task, request.task_id, "任务")
        editable_plan(task.plan)
        target = Target(
            plan_id=task.plan_id,
            task_id=task.id,
            section_id=task.section_id,
            position=len(task.targets),
            metric=request.metric,
            kind=request.kind,
            comparator=request.comparator,
            value=request.value,
            unit=request.unit,
        )
        session.add(target)
        session.flush()
        event(session, target, actor=actor, action="create")
        return target.id


def edit_target(*, sessions: sessionmaker[Session], actor: Actor, request: TargetUpdate) -> int:
    """Change a target's metric, kind, comparator, value or unit; returns its new version."""
    require(actor, *PLANNERS)
    fields = ("metric", "kind", "comparator", "value", "unit")
    values = {k: v for k in fields if (v := getattr(request, k)) is not None}
    with transaction(sessions) as session:
        target = load(session, Target, request.target_id, "目标")
        _target_values(values.get("kind", target.kind), values.get("value", target.value), target.metric)
        plan = load(session, Plan, target.plan_id, "计划")
        editable_plan(plan)
        change(session, target, actor=actor, action="edit", version=request.version, values=values)
        return target.version


def drop_target(*, sessions: sessionmaker[Session], actor: Actor, target_id: int, version: int) -> None:
    """Remove a target (its values in earlier reports stay in their reports' history)."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        target = load(session, Target, target_id, "目标")
        editable_plan(load(session, Plan, target.plan_id, "计划"))
        _delete(session, target, actor=actor, version=version)


def split_task(
    *, sessions: sessionmaker[Session], actor: Actor, task_id: int, version: int, parts: Sequence[SplitPart]
) -> list[int]:
    """Cut a task in parts: the first part stays the task (reports keep pointing at it), the others are new.

    The new tasks follow the original, take the targets listed for them and the same departments.
    Returns the ids of all parts, the original first.
    """
    require(actor, *PLANNERS)
    if len(parts) < 2:
        raise InvalidValue("拆分至少需要两个部分")
    for part in parts:
        _title(part.title)
    with transaction(sessions) as session:
        task = load(session, Task, task_id, "任务")
        editable_plan(task.plan)
        first = parts[0]
        change(
            session,
            task,
            actor=actor,
            action="split",
            version=version,
            values={"title": first.title, "text": first.text},
        )
        owned = {t.id: t for t in task.targets}
        ids = [task.id]
        for part in parts[1:]:
            ids.append(_split_off(session, task, part, owned, actor))
        return ids


def _split_off(session: Session, task: Task, part: SplitPart, owned: dict[int, Target], actor: Actor) -> int:
    """One new task cut from `task`, with its listed targets moved and the departments copied."""
    new = Task(
        plan_id=task.plan_id,
        section_id=task.section_id,
        title=part.title,
        text=part.text,
        position=task.position,  # ties sort by id, so the parts follow the original in order
        horizon_start=task.horizon_start,
        horizon_end=task.horizon_end,
        deadline=task.deadline,
        lead_leader=task.lead_leader,
    )
    session.add(new)
    session.flush()
    event(session, new, actor=actor, action="split_from", before={"task_id": task.id})
    for assignment in task.departments:
        copy = TaskDepartment(task_id=new.id, department_id=assignment.department_id, role=assignment.role)
        session.add(copy)
        session.flush()
        event(session, copy, actor=actor, action="create")
    for target_id in part.target_ids:
        if target_id not in owned:
            raise InvalidValue(f"目标{target_id}不属于被拆分的任务")
        change(session, owned[target_id], actor=actor, action="move", version=None, values={"task_id": new.id})
    return new.id


def merge_tasks(
    *, sessions: sessionmaker[Session], actor: Actor, into: tuple[int, int], others: Sequence[tuple[int, int]]
) -> None:
    """Merge tasks (id, version) into the first: their texts are appended, targets and milestones move.

    Tasks with reported progress cannot be merged away (their reports would lose their task).
    """
    require(actor, *PLANNERS)
    if not others:
        raise InvalidValue("合并至少需要两个任务")
    with transaction(sessions) as session:
        task = load(session, Task, into[0], "任务")
        editable_plan(task.plan)
        merged = [load(session, Task, task_id, "任务") for task_id, _ in others]
        if any(m.plan_id != task.plan_id or m.id == task.id for m in merged):
            raise InvalidValue("只能合并同一计划中的不同任务")
        _unreported(session, merged)
        text = "\n".join([task.text, *(m.text for m in merged)])
        change(session, task, actor=actor, action="merge", version=into[1], values={"text": text})
        for (_, version), other in zip(others, merged, strict=True):
            for part in [*other.targets, *other.milestones]:
                change(session, part, actor=actor, action="move", version=None, values={"task_id": task.id})
            session.refresh(other)
            _delete(session, other, actor=actor, version=version)


def _delete(session: Session, record: Task | Target, *, actor: Actor, version: int) -> None:
    """Delete a record seen at `version`, auditing what it held."""
    expect_version(record, version)
    event(session, record, actor=actor, action="delete", before=snapshot(record), gone=True)
    session.delete(record)
    session.flush()


def _unreported(session: Session, tasks: Sequence[Task]) -> None:
    """Refuse when any of the tasks already has progress reports."""
    if progress.report_count(session, [t.id for t in tasks]):
        raise InvalidState("任务已有进展报送，不能删除或并入其他任务")


def _in_plan(session: Session, plan_id: int, section_id: int | None) -> None:
    """A task's section must be one of its plan's."""
    if section_id is not None and load(session, Section, section_id, "章节").plan_id != plan_id:
        raise InvalidValue(f"章节{section_id}不属于该计划")


def _title(title: str) -> None:
    """A task title must say something."""
    if not title.strip():
        raise InvalidValue("任务标题不能为空")


def _target_values(kind: TargetKind, value: float | None, metric: str) -> None:
    """A numeric target needs its number; a qualitative one has none."""
    if not metric.strip():
        raise InvalidValue("目标的指标名称不能为空")
    if kind is not TargetKind.QUALITATIVE and value is None:
        raise InvalidValue(f"「{metric}」是数值目标，必须填写目标值")
