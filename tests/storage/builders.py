"""Small builders of valid rows for the storage tests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from luoshi.storage.models import Department, Plan, Section, Task
from luoshi.vocabulary import SectionKind


def plan_with_task(session: Session) -> Task:
    """A draft plan with one section and one task, flushed so ids exist."""
    plan = Plan(title="2022年政府工作报告重点任务", plan_year=2022)
    section = Section(plan=plan, key="3", number="三", title="2022年工作安排", kind=SectionKind.PLAN)
    task = Task(plan=plan, section_id=None, title="强力推进园区建设", text="……")
    session.add_all([plan, section, task])
    session.flush()
    task.section_id = section.id
    session.flush()
    return task


def department(session: Session, name: str = "区发展和改革局") -> Department:
    """One department, flushed."""
    dept = Department(name=name, keywords=["发展改革", "项目"])
    session.add(dept)
    session.flush()
    return dept
