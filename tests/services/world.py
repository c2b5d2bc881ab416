"""A small tracking world in a temporary database: the test report imported, departments, one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import load_registry, seed_departments
from luoshi.services.accounts.users import UserCreate, actor_for, add_user
from luoshi.services.actors import SYSTEM, Actor
from luoshi.services.plans.assigning import Assignment, assign, departments_of
from luoshi.services.plans.importing import import_report
from luoshi.services.plans.lifecycle import publish_plan
from luoshi.storage import transaction
from luoshi.storage.models import Plan, Target, Task
from luoshi.vocabulary import UserRole
from tests.services.test_import_report import request

PASSWORD = "correct horse 1"
JOBS_DEPT, PARK_DEPT, OFFICE = "区人力资源和社会保障局", "区工业和信息化局", "区人民政府办公室"


@dataclass(frozen=True)
class World:
    """Ids and actors of the test world."""

    plan_id: int
    tasks: dict[str, int]
    targets: dict[str, int]
    supervisor: Actor
    supervisor2: Actor
    jobs: Actor
    park: Actor
    leader: Actor


def build(sessions: sessionmaker[Session], *, publish: bool = True) -> World:
    """Import the test report, seed the registry, add users, assign every task; publish unless told not to."""
    seed_departments(sessions=sessions, registry=load_registry(), actor="系统")
    plan_id = import_report(sessions=sessions, request=request()).plan_id
    assert plan_id is not None
    accounts = [
        ("duchashi", UserRole.SUPERVISOR, None),
        ("duchashi2", UserRole.SUPERVISOR, None),
        ("rsj", UserRole.DEPARTMENT, JOBS_DEPT),
        ("gxj", UserRole.DEPARTMENT, PARK_DEPT),
        ("quzhang", UserRole.LEADER, None),
    ]
    for name, role, dept in accounts:
        add_user(sessions=sessions, actor=SYSTEM, request=UserCreate(name, PASSWORD, role, dept))
    with transaction(sessions) as s:
        tasks = {t.key: t.id for t in s.scalars(select(Task)) if t.key}
        targets = {t.metric: t.id for t in s.scalars(select(Target)) if t.task_id}
    leads = {"3.1.1": PARK_DEPT, "3.2.1": JOBS_DEPT, "3.2.2": JOBS_DEPT}
    for key, lead in leads.items():
        assign(
            sessions=sessions, actor=SYSTEM, request=Assignment(tasks[key], version(sessions, Task, tasks[key]), lead)
        )
    if publish:
        publish_plan(sessions=sessions, actor=SYSTEM, plan_id=plan_id, version=version(sessions, Plan, plan_id))
    actor = {n: actor_for(sessions=sessions, username=n) for n, _, _ in accounts}
    return World(
        plan_id, tasks, targets, actor["duchashi"], actor["duchashi2"], actor["rsj"], actor["gxj"], actor["quzhang"]
    )


def version(sessions: sessionmaker[Session], model: type[Task] | type[Plan], record_id: int) -> int:
    """The record's current version."""
    with transaction(sessions) as s:
        return s.get_one(model, record_id).version


def at(month: int, day: int) -> datetime:
    """A moment of 2022 in UTC."""
    return datetime(2022, month, day, 9, 0, tzinfo=UTC)


def lead_of(sessions: sessionmaker[Session], task_id: int) -> str | None:
    """The task's lead department."""
    return departments_of(sessions=sessions, task_id=task_id)[0]


TODAY = date(2022, 12, 31)
