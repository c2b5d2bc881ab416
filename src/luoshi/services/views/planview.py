"""The task breakdown table (任务分解表) of a plan as practised: main indicators first, then the tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.audited import load
from luoshi.services.errors import NotFound
from luoshi.storage import people, plans, transaction
from luoshi.storage.models import Plan, Target
from luoshi.vocabulary import DepartmentRole, TargetKind


@dataclass(frozen=True)
class IndicatorRow:
    """A main expected target (主要预期目标) stated for a section rather than a task."""

    target_id: int
    section: str
    text: str


@dataclass(frozen=True)
class TaskRow:
    """One line of the breakdown table."""

    number: int
    task_id: int
    version: int
    section: str
    title: str
    targets: tuple[str, ...]
    lead_leader: str | None
    lead: str | None
    cooperating: tuple[str, ...]
    deadline: date | None


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
        plan = load(session, Plan, plan_id, "计划")
        titles = {s.id: s.title for s in plan.sections}
        names = people.department_names_by_id(session)
        indicators = tuple(
            IndicatorRow(t.id, titles.get(t.section_id or 0, ""), target_text(t))
            for s in plan.sections
            for t in s.targets
            if t.task_id is None
        )
        rows = []
        for number, task in enumerate(plans.tasks_of_plan(session, plan_id), start=1):
            assigned = plans.assignments(session, task.id)
            lead = next((names[a.department_id] for a in assigned if a.role is DepartmentRole.LEAD), None)
            helpers = tuple(names[a.department_id] for a in assigned if a.role is DepartmentRole.COOPERATING)
            rows.append(
                TaskRow(
                    number,
                    task.id,
                    task.version,
                    titles.get(task.section_id or 0, ""),
                    task.title,
                    tuple(target_text(t) for t in task.targets),
                    task.lead_leader,
                    lead,
                    helpers,
                    task.deadline or date(task.horizon_end or plan.plan_year, 12, 31),
                )
            )
        return PlanTable(
            plan.id,
            plan.version,
            plan.title,
            plan.status.label,
            plan.plan_year,
            "按月" if plan.cycle.value == "monthly" else "按季度",
            indicators,
            tuple(rows),
        )


def target_text(target: Target) -> str:
    """A target in words: 城镇新增就业7500人以上, 地区生产总值增长9%左右."""
    if target.kind is TargetKind.QUALITATIVE or target.value is None:
        return target.metric
    verb = "增长" if target.kind is TargetKind.GROWTH and not target.metric.endswith("增长") else ""
    word = target.comparator.label if target.comparator else ""
    return f"{target.metric}{verb}{target.value:g}{target.unit or ''}{word}"
