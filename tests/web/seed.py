"""A workbench database for the web tests: the bundled report imported, departments assigned, users, reports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.extraction import EXTRACTOR_VERSION, extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes
from luoshi.services.accounts.passwords import hash_password
from luoshi.services.accounts.registry import load_registry, seed_departments, suggest_for_task
from luoshi.services.accounts.tokens import issue_token
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.storage import transaction
from luoshi.storage.models import Department, ProgressReport, Target, Task, TaskDepartment, User
from luoshi.vocabulary import DepartmentRole, ReportState, UserRole

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Seeded:
    """Ids the tests use: the plan, two departments with a task each, and an admin's API token."""

    plan_id: int
    own_department: int
    own_task: int
    other_task: int
    token: str


def seed(sessions: sessionmaker[Session]) -> Seeded:
    """Import the bundled report, assign every task its suggested lead, add one user per role."""
    data = sample_bytes()
    extraction = extract_report(data, name=SAMPLE_NAME)
    request = ImportReport(
        source=data,
        extraction=extraction.to_dict(),
        extractor_version=EXTRACTOR_VERSION,
        text=extraction.text,
        actor="督查室",
    )
    imported = import_report(sessions=sessions, request=request)
    assert imported.plan_id is not None
    seed_departments(sessions=sessions, registry=load_registry(), actor="系统")
    leads = _assign(sessions, imported.plan_id)
    first, second = sorted(leads, key=lambda d: -len(leads[d]))[:2]
    _users(sessions, first)
    _reports(sessions, leads[first][0], leads[second][0])
    with transaction(sessions) as session:
        admin = session.scalars(select(User).where(User.username == "admin")).one().id
    token = issue_token(sessions=sessions, user_id=admin, name="测试", actor="admin").secret
    return Seeded(imported.plan_id, first, leads[first][0], leads[second][0], token)


def _assign(sessions: sessionmaker[Session], plan_id: int) -> dict[int, list[int]]:
    """Make each task's suggested lead department its lead; department id → its task ids."""
    with transaction(sessions) as session:
        tasks = list(session.scalars(select(Task.id).where(Task.plan_id == plan_id).order_by(Task.position)))
        ids = {d.name: d.id for d in session.scalars(select(Department))}
    leads: dict[int, list[int]] = {}
    for task_id in tasks:
        suggestion = suggest_for_task(sessions=sessions, task_id=task_id)
        if suggestion.lead is None:
            continue
        department_id = ids[suggestion.lead.name]
        with transaction(sessions) as session:
            session.add(TaskDepartment(task_id=task_id, department_id=department_id, role=DepartmentRole.LEAD))
        leads.setdefault(department_id, []).append(task_id)
    return leads


def _users(sessions: sessionmaker[Session], department_id: int) -> None:
    """One account per role; the department user belongs to `department_id`."""
    hashed = hash_password(PASSWORD)
    with transaction(sessions) as session:
        for name, role, display in [
            ("admin", UserRole.ADMIN, "系统管理员"),
            ("duchashi", UserRole.SUPERVISOR, "督查室"),
            ("quzhang", UserRole.LEADER, "区长"),
        ]:
            session.add(User(username=name, display_name=display, role=role, password_hash=hashed))
        session.add(
            User(
                username="dept",
                display_name="单位填报员",
                role=UserRole.DEPARTMENT,
                department_id=department_id,
                password_hash=hashed,
            )
        )


def _reports(sessions: sessionmaker[Session], slow_task: int, fast_task: int) -> None:
    """Approved progress: one task far behind its pace (red: a tenth of its targets), one on pace (green)."""
    with transaction(sessions) as session:
        targets = session.scalars(select(Target).where(Target.task_id == slow_task)).all()
        session.add(
            ProgressReport(
                task_id=slow_task,
                period_year=2022,
                period_month=6,
                state=ReportState.APPROVED,
                values={str(t.id): (t.value or 0) / 10 for t in targets if t.value is not None},
                percent=None if targets else 10,
                progress_text="前期工作推进中",
            )
        )
        session.add(
            ProgressReport(
                task_id=fast_task,
                period_year=2022,
                period_month=6,
                state=ReportState.APPROVED,
                percent=60,
                progress_text="按计划推进",
            )
        )
