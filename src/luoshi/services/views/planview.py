"""The task breakdown table (任务分解表) of a plan as practised: main indicators first, then the tasks.

The one reading of a plan's breakdown: `luoshi plan show`, the plan editor and the exported sheet
(services/exports/breakdown.py only words these rows for the xlsx) all take their rows from
`table_of`, tasks numbered in the order of storage.plans.tasks_of_plan, which the upload of the
sheet relies on too. `target_text` is the one way a target is put in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.audited import load
from luoshi.services.errors import NotFound
from luoshi.storage import plans, transaction
from luoshi.storage.models import Plan, Section, Target, Task
from luoshi.tracking.settings import SETTINGS_BY_NAME
from luoshi.vocabulary import DepartmentRole, SectionKind, TargetKind


@dataclass(frozen=True)
class IndicatorRow:
    """A main expected target (主要预期目标) stated for a section rather than a task."""

    target_id: int
    section: str
    text: str
    # The report's own words (the metric when there is no quote), as the exported sheet prints them.
    quote: str
    # Of the year plan's sections (2022年工作安排) rather than of the five-year programme.
    year_plan: bool
    last_year: int


@dataclass(frozen=True)
class TaskRow:
    """One line of the breakdown table."""

    number: int
    task_id: int
    version: int
    section: str
    # The section's number and title, (一)全面筑牢疫情防控常态化防线; empty for a task without one.
    heading: str
    title: str
    # The task's text as the report states it (its title when it has none).
    text: str
    targets: tuple[str, ...]
    lead_leader: str | None
    leads: tuple[str, ...]
    cooperating: tuple[str, ...]
    # The deadline set (完成时限), else None; `last_year` is the task's last year (the plan year when unstated).
    due: date | None
    last_year: int

    @property
    def lead(self) -> str | None:
        """The lead department (牵头单位), None while unassigned."""
        return self.leads[0] if self.leads else None

    @property
    def deadline(self) -> date:
        """The deadline set, else the end of the task's last year."""
        return self.due or date(self.last_year, 12, 31)


@dataclass(frozen=True)
class PlanTable:
    """A plan's header and its breakdown table."""

    plan_id: int
    version: int
    title: str
    status: str
    plan_year: int
    cycle: str
    indicators: tuple[IndicatorRow, ...]
    tasks: tuple[TaskRow, ...]


def latest_plan_id(*, sessions: sessionmaker[Session]) -> int:
    """The newest plan's id, or NotFound when nothing was imported yet."""
    with transaction(sessions) as session:
        newest = plans.plan_or_newest(session, None)
        if newest is None:
            raise NotFound("尚无计划，请先导入报告（luoshi import）或运行 luoshi demo")
        return newest.id


def plan_table(*, sessions: sessionmaker[Session], plan_id: int) -> PlanTable:
    """The breakdown table of a plan, numbered continuously."""
    with transaction(sessions) as session:
        return table_of(session, load(session, Plan, plan_id, "计划"))


def table_of(session: Session, plan: Plan) -> PlanTable:
    """The breakdown table of a loaded plan, inside the caller's transaction."""
    sections = {s.id: s for s in plans.sections_of_plan(session, plan.id)}
    indicators = tuple(_indicator(plan, t, sections) for t in plans.section_targets(session, plan.id))
    assigned = plans.assignments_of_plan(session, plan.id)
    tasks = tuple(
        _task_row(plan, number, task, sections.get(task.section_id or 0), assigned.get(task.id, []))
        for number, task in enumerate(plans.tasks_of_plan(session, plan.id), start=1)
    )
    cycle = SETTINGS_BY_NAME["cycle"].choice_label(plan.cycle)
    return PlanTable(plan.id, plan.version, plan.title, plan.status.label, plan.plan_year, cycle, indicators, tasks)


def _indicator(plan: Plan, target: Target, sections: dict[int, Section]) -> IndicatorRow:
    """A section's target as a main indicator."""
    section = sections.get(target.section_id or 0)
    return IndicatorRow(
        target.id,
        section.title if section else "",
        target_text(target),
        target.quote or target.metric,
        section is not None and section.kind is SectionKind.PLAN,
        target.horizon_end or plan.plan_year,
    )


def _task_row(
    plan: Plan, number: int, task: Task, section: Section | None, assigned: list[tuple[int, str, DepartmentRole]]
) -> TaskRow:
    """A task's line; departments in registry order, the lead first."""
    return TaskRow(
        number=number,
        task_id=task.id,
        version=task.version,
        section=section.title if section else "",
        heading=f"{section.number}{section.title}" if section else "",
        title=task.title,
        text=task.text or task.title,
        targets=tuple(target_text(t) for t in task.targets),
        lead_leader=task.lead_leader,
        leads=tuple(name for _, name, role in assigned if role is DepartmentRole.LEAD),
        cooperating=tuple(name for _, name, role in assigned if role is DepartmentRole.COOPERATING),
        due=task.deadline,
        last_year=task.horizon_end or plan.plan_year,
    )


def target_text(target: Target) -> str:
    """A target in words: 城镇新增就业7500人以上, 地区生产总值增长9%左右."""
    if target.kind is TargetKind.QUALITATIVE or target.value is None:
        return target.metric
    verb = "增长" if target.kind is TargetKind.GROWTH and not target.metric.endswith("增长") else ""
    word = target.comparator.label if target.comparator else ""
    return f"{target.metric}{verb}{target.value:g}{target.unit or ''}{word}"
