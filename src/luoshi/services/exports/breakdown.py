"""The task breakdown table (重点任务分解表) of a plan as the exported sheet words it.

The rows are services/views/planview.py's (the one reading of a plan's breakdown, which
`luoshi plan show` and the plan editor show too); here they are only put in the sheet's words: the
task's text rather than its title, the year's indicators marked ★ with the report's words, tasks
under their section's heading, 完成时限 as 2022年6月30日 or 2022年底.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.exports.common import deadline_text, load_plan
from luoshi.services.views.planview import PlanTable, TaskRow, table_of
from luoshi.storage import transaction
from luoshi.storage.models import Plan

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
    table = table_of(session, plan)
    groups = (_indicator_group(table), *_task_groups(table))
    return Breakdown(title=table.title, groups=tuple(g for g in groups if g.rows))


def _indicator_group(table: PlanTable) -> BreakdownGroup:
    """The main indicators: the targets of the year plan's sections (the year's 工作安排).

    A one-year plan also holds the five-year programme's targets; they are the term's, not the
    year's, so they show only when the plan has no year-plan section with targets.
    """
    chosen = [i for i in table.indicators if i.year_plan] or list(table.indicators)
    rows = tuple(
        BreakdownRow(
            number=f"{INDICATOR_MARK}{n}",
            text=indicator.quote,
            leader="",
            lead="",
            cooperating="",
            deadline=deadline_text(None, indicator.last_year),
            indicator=True,
        )
        for n, indicator in enumerate(chosen, start=1)
    )
    return BreakdownGroup(INDICATORS_HEADING, rows)


def _task_groups(table: PlanTable) -> list[BreakdownGroup]:
    """Tasks under their section's heading, numbered continuously across sections."""
    groups: list[tuple[str, list[BreakdownRow]]] = []
    for task in table.tasks:
        heading = task.heading or NO_SECTION
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(_task_row(task))
    return [BreakdownGroup(heading, tuple(rows)) for heading, rows in groups]


def _task_row(task: TaskRow) -> BreakdownRow:
    """A task's row; unassigned departments and leaders stay blank for the office to fill in."""
    return BreakdownRow(
        number=str(task.number),
        text=task.text,
        leader=task.lead_leader or "",
        lead="、".join(task.leads),
        cooperating="、".join(task.cooperating),
        deadline=deadline_text(task.due, task.last_year),
        task_id=task.task_id,
    )
