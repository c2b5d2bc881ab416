"""The task breakdown table (重点任务分解表) of a plan: main indicators first, then tasks by section.

Note: services/planview.py builds a similar table for `luoshi plan show` and the plan editor. They
differ on purpose (task text vs title, the year's indicators vs every section target, 2022年底 vs a
date, versions for editing), so the xlsx writer keeps its rows here; both number tasks in the order
of plans.tasks_of_plan, which is what the upload (services/breakdown_import.py) relies on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.exports.common import deadline_text, load_plan
from luoshi.storage import exports, plans, transaction
from luoshi.storage.models import Plan, Section, Target, Task
from luoshi.vocabulary import DepartmentRole, SectionKind

INDICATOR_MARK = "★"
INDICATORS_HEADING = "主要预期目标"
NO_SECTION = "其他任务"
COLUMNS = ("序号", "目标任务", "牵头领导", "牵头单位", "配合单位", "完成时限")


@dataclass(frozen=True)
class BreakdownRow:
    """One line of the table; `indicator` marks a main indicator (★)."""

    number: str
    text: str
    leader: str
    lead: str
    cooperating: str
    deadline: str
    indicator: bool = False
    task_id: int | None = None

    def cells(self) -> tuple[str, ...]:
        """The row's values in the order of COLUMNS."""
        return (self.number, self.text, self.leader, self.lead, self.cooperating, self.deadline)


@dataclass(frozen=True)
class BreakdownGroup:
    """A merged heading row and the rows under it."""

    heading: str
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True)
class Breakdown:
    """The whole table: its title and its groups in order."""

    title: str
    groups: tuple[BreakdownGroup, ...]

    @property
    def rows(self) -> tuple[BreakdownRow, ...]:
        """Every row, headings left out."""
        return tuple(row for group in self.groups for row in group.rows)


def plan_breakdown(*, sessions: sessionmaker[Session], plan_id: int | None = None) -> Breakdown:
    """Build the breakdown table of a plan (the newest when none is named) in one read."""
    with transaction(sessions) as session:
        return breakdown_of(session, load_plan(session, plan_id))


def breakdown_of(session: Session, plan: Plan) -> Breakdown:
    """The breakdown table of a loaded plan, inside the caller's transaction."""
    sections = plans.sections_of_plan(session, plan.id)
    indicators = _indicator_group(plan, sections, exports.section_targets(session, plan.id))
    tasks = _task_groups(
        plan, sections, plans.tasks_of_plan(session, plan.id), exports.department_names_of_tasks(session, plan.id)
    )
    return Breakdown(title=plan.title, groups=tuple(g for g in (indicators, *tasks) if g.rows))


def _indicator_group(plan: Plan, sections: Sequence[Section], targets: Sequence[Target]) -> BreakdownGroup:
    """The main indicators: section targets of the plan's own sections (the year's 工作安排).

    A one-year plan also holds the five-year programme's targets; they are the term's, not the
    year's, so they show only when the plan has no year-plan section with targets.
    """
    kinds = {s.id: s.kind for s in sections}
    yearly = [t for t in targets if kinds.get(t.section_id or 0) is SectionKind.PLAN]
    chosen = yearly or list(targets)
    rows = tuple(
        BreakdownRow(
            number=f"{INDICATOR_MARK}{i}",
            text=t.quote or t.metric,
            leader="",
            lead="",
            cooperating="",
            deadline=deadline_text(None, t.horizon_end or plan.plan_year),
            indicator=True,
        )
        for i, t in enumerate(chosen, start=1)
    )
    return BreakdownGroup(INDICATORS_HEADING, rows)


def _task_groups(
    plan: Plan,
    sections: Sequence[Section],
    tasks: Sequence[Task],
    assignments: dict[int, list[tuple[DepartmentRole, str]]],
) -> list[BreakdownGroup]:
    """Tasks under their section's heading, numbered continuously across sections."""
    headings = {s.id: f"{s.number}{s.title}" for s in sections}
    groups: list[tuple[str, list[BreakdownRow]]] = []
    for number, task in enumerate(tasks, start=1):
        heading = headings.get(task.section_id or 0, NO_SECTION)
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(_task_row(plan, task, number, assignments.get(task.id, [])))
    return [BreakdownGroup(heading, tuple(rows)) for heading, rows in groups]


def _task_row(plan: Plan, task: Task, number: int, assigned: list[tuple[DepartmentRole, str]]) -> BreakdownRow:
    """A task's row; unassigned departments and leaders stay blank for the office to fill in."""
    return BreakdownRow(
        number=str(number),
        text=task.text or task.title,
        leader=task.lead_leader or "",
        lead="、".join(name for role, name in assigned if role is DepartmentRole.LEAD),
        cooperating="、".join(name for role, name in assigned if role is DepartmentRole.COOPERATING),
        deadline=deadline_text(task.deadline, task.horizon_end or plan.plan_year),
        task_id=task.id,
    )
