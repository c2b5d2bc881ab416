"""The dashboard (工作台) of a plan: lamp counts overall, by section and by lead department, the red list."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import Actor
from luoshi.services.status.lamps import UNASSIGNED, TaskStatus, plan_status
from luoshi.services.views.plans import PlanView, TargetView, TaskFilter, TaskView, get_plan, list_targets, list_tasks

COLOURS = ("done", "green", "yellow", "red", "not_started")


@dataclass(frozen=True)
class LampCounts:
    """How many tasks have each lamp."""

    total: int
    done: int
    green: int
    yellow: int
    red: int
    not_started: int

    @classmethod
    def of(cls, colours: Iterable[str]) -> LampCounts:
        """Count a group of lamps."""
        counts = Counter(colours)
        return cls(sum(counts.values()), *(counts[c] for c in COLOURS))


@dataclass(frozen=True)
class Row:
    """A task with its lamp."""

    task: TaskView
    status: TaskStatus


@dataclass(frozen=True)
class Group:
    """The lamp counts of one section or lead department; `id` is None for the tasks without one (未分配)."""

    id: int | None
    name: str
    counts: LampCounts


@dataclass(frozen=True)
class Dashboard:
    """Everything the 工作台 shows for one plan and one viewer."""

    plan: PlanView
    as_of: date
    counts: LampCounts
    by_section: tuple[Group, ...]
    by_department: tuple[Group, ...]
    red: tuple[Row, ...]
    main_indicators: tuple[TargetView, ...]


def task_rows(
    *, sessions: sessionmaker[Session], actor: Actor, plan_id: int, as_of: date, where: TaskFilter | None = None
) -> tuple[Row, ...]:
    """The plan's tasks matching the filter that the actor may see, each with its lamp on the date."""
    tasks = list_tasks(sessions=sessions, actor=actor, plan_id=plan_id, where=where)
    statuses = {s.task_id: s for s in plan_status(sessions=sessions, plan_id=plan_id, as_of=as_of).tasks}
    return tuple(Row(t, statuses[t.id]) for t in tasks)


def dashboard(*, sessions: sessionmaker[Session], actor: Actor, plan_id: int, as_of: date) -> Dashboard:
    """The dashboard of a plan as the actor sees it: a department user counts only its department's tasks."""
    plan = get_plan(sessions=sessions, plan_id=plan_id)
    rows = task_rows(sessions=sessions, actor=actor, plan_id=plan_id, as_of=as_of)
    main = tuple(t for t in list_targets(sessions=sessions, actor=actor, plan_id=plan_id) if t.task_id is None)
    return Dashboard(
        plan=plan,
        as_of=as_of,
        counts=LampCounts.of(r.status.colour for r in rows),
        by_section=_grouped(rows, lambda r: (r.task.section_id, r.task.section_title or UNASSIGNED)),
        by_department=_grouped(rows, lambda r: (r.task.lead_id, r.task.lead or UNASSIGNED)),
        red=tuple(r for r in rows if r.status.colour == "red"),
        main_indicators=main,
    )


def _grouped(rows: Iterable[Row], key: Callable[[Row], tuple[int | None, str]]) -> tuple[Group, ...]:
    """Lamp counts per group, groups in the order they first appear."""
    groups: dict[tuple[int | None, str], list[str]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row.status.colour)
    return tuple(Group(group_id, name, LampCounts.of(colours)) for (group_id, name), colours in groups.items())
