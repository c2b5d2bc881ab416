"""`luoshi demo`: the bundled report, the department registry, one user per role and department, and a
realistic year of progress reports in which every lamp colour, a returned report and a late department appear."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.extraction import EXTRACTOR_VERSION, extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes
from luoshi.services.accounts.registry import load_registry, seed_departments
from luoshi.services.accounts.users import UserCreate, actor_for, add_user
from luoshi.services.actors import SYSTEM, Actor
from luoshi.services.errors import ServiceError
from luoshi.services.operations.demo_values import PROFILES, Profile, draft_for
from luoshi.services.plans.assigning import (
    TaskSchedule,
    add_milestone,
    assign_by_suggestions,
    complete_milestone,
    schedule,
)
from luoshi.services.plans.editing import TaskCreate, add_task
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.services.plans.lifecycle import publish_plan
from luoshi.services.reporting.progress import approve, return_report, save_draft, submit
from luoshi.services.status.lamps import task_horizon
from luoshi.storage import people, plans, transaction
from luoshi.storage.models import Plan, Task
from luoshi.vocabulary import ReportingCycle, UserRole

# The demo looks at the plan on this day: November's reports are due on 5 December.
DEMO_DATE = date(2022, 12, 10)
LEADERS = ("李副区长", "王副区长", "陈副区长", "黄副区长")
FALLBACK = "区人民政府办公室"
LATER_TASK = "实施城市更新三年行动"
LATER_TEXT = "实施城市更新三年行动。2023年起推进老旧小区改造和城中村改造，完善城市基础设施。"
# The department that stops reporting after this month, so that 未报送 and a poor timeliness show.
LATE_AFTER = 8


@dataclass(frozen=True)
class DemoAccount:
    """A demo user and the password printed for it."""

    username: str
    password: str
    role: UserRole
    department: str | None


@dataclass(frozen=True)
class DemoResult:
    """What the demo made."""

    plan_id: int
    as_of: date
    accounts: tuple[DemoAccount, ...]
    reports: int
    late_department: str


def load_demo(*, sessions: sessionmaker[Session]) -> DemoResult:
    """Fill an empty, initialised database with the demo; refuse one that already holds a plan."""
    with transaction(sessions) as session:
        if plans.plans(session):
            raise ServiceError("数据库中已有计划；演示数据只能载入空数据库（可用 --database 指定新文件）")
    seed_departments(sessions=sessions, registry=load_registry(), actor=SYSTEM.name)
    data = sample_bytes()
    extraction = extract_report(data, name=SAMPLE_NAME)
    request = ImportReport(
        source=data,
        extraction=extraction.to_dict(),
        extractor_version=EXTRACTOR_VERSION,
        text=extraction.text,
        actor="系统",
    )
    plan_id = import_report(sessions=sessions, request=request).plan_id
    assert plan_id is not None
    accounts = _accounts(sessions)
    _prepare_plan(sessions, plan_id)
    count, late = _year_of_reports(sessions, plan_id)
    return DemoResult(plan_id, DEMO_DATE, accounts, count, late)


def _accounts(sessions: sessionmaker[Session]) -> tuple[DemoAccount, ...]:
    """An admin, a supervisor (督查室), a leader and one reporter per department."""
    accounts = [
        DemoAccount("admin", "demo-admin", UserRole.ADMIN, None),
        DemoAccount("duchashi", "demo-duchashi", UserRole.SUPERVISOR, None),
        DemoAccount("quzhang", "demo-quzhang", UserRole.LEADER, None),
    ]
    with transaction(sessions) as session:
        names = [d.name for d in people.departments(session)]
    for i, name in enumerate(names, start=1):
        accounts.append(DemoAccount(f"dept{i:02d}", f"demo-dept{i:02d}", UserRole.DEPARTMENT, name))
    for a in accounts:
        request = UserCreate(a.username, a.password, a.role, a.department, display_name=a.department or "")
        add_user(sessions=sessions, actor=SYSTEM, request=request)
    return tuple(accounts)


def _prepare_plan(sessions: sessionmaker[Session], plan_id: int) -> None:
    """Add a task that starts next year, assign by the suggestions, name leaders, add milestones, publish."""
    supervisor = actor_for(sessions=sessions, username="duchashi")
    # A programme task that starts in 2023 shows the 未开始 lamp beside the year's own tasks.
    later = TaskCreate(plan_id, LATER_TASK, LATER_TEXT, horizon=(2023, 2025))
    add_task(sessions=sessions, actor=supervisor, request=later)
    assign_by_suggestions(sessions=sessions, actor=supervisor, plan_id=plan_id, fallback=FALLBACK)
    with transaction(sessions) as session:
        tasks = [(t.id, t.version, t.section_id or 0) for t in plans.tasks_of_plan(session, plan_id)]
    sections = sorted({s for _, _, s in tasks})
    for task_id, version, section in tasks:
        leader = LEADERS[sections.index(section) % len(LEADERS)]
        request = TaskSchedule(task_id, version, lead_leader=leader)
        schedule(sessions=sessions, actor=supervisor, request=request)
    # One milestone met in time and one missed: a missed milestone is red.
    met = add_milestone(
        sessions=sessions, actor=supervisor, task_id=tasks[0][0], title="完成年度项目清单", due=date(2022, 3, 31)
    )
    add_milestone(sessions=sessions, actor=supervisor, task_id=tasks[1][0], title="完成规划修编", due=date(2022, 9, 30))
    complete_milestone(sessions=sessions, actor=supervisor, milestone_id=met, version=1, done_on=date(2022, 3, 25))
    with transaction(sessions) as session:
        version = session.get_one(Plan, plan_id).version
    publish_plan(sessions=sessions, actor=supervisor, plan_id=plan_id, version=version, at=_at(date(2022, 1, 10)))


def _year_of_reports(sessions: sessionmaker[Session], plan_id: int) -> tuple[int, str]:
    """Each task's department reports every month to November; the supervisor approves or returns."""
    supervisor = actor_for(sessions=sessions, username="duchashi")
    reporters = _reporters(sessions)
    with transaction(sessions) as session:
        tasks = list(plans.tasks_of_plan(session, plan_id))
        leads = {t.id: plans.lead_department_id(session, t.id) for t in tasks}
        horizons = {t.id: task_horizon(t, t.plan) for t in tasks}
        names = people.department_names_by_id(session)
    late_department = leads[tasks[2].id] or 0
    count = 0
    for index, task in enumerate(tasks):
        profile = PROFILES[index % len(PROFILES)]
        reporter = reporters[leads[task.id] or 0]
        for period in horizons[task.id].period_ends(ReportingCycle.MONTHLY):
            if period.last_day >= DEMO_DATE - timedelta(days=5):
                break
            if leads[task.id] == late_department and period.month > LATE_AFTER:
                break
            count += _one_report(sessions, task, period, profile, reporter, supervisor, returned=index == 3)
    return count, names[late_department]


def _one_report(
    sessions: sessionmaker[Session],
    task: Task,
    period: tracking.Period,
    profile: Profile,
    reporter: Actor,
    supervisor: Actor,
    *,
    returned: bool,
) -> int:
    """Draft, submit and review one month's report (sent back once first when `returned`); returns 1."""
    draft = draft_for(task, period, profile, horizon_of=lambda t: task_horizon(t, t.plan))
    day = period.last_day + timedelta(days=2)
    r = save_draft(sessions=sessions, actor=reporter, draft=draft, at=_at(day))
    r = submit(sessions=sessions, actor=reporter, report_id=r.id, version=r.version, at=_at(day))
    if returned and period.month in (5, 10):
        comment = "请补充佐证材料并核实数据口径"
        r = return_report(
            sessions=sessions, actor=supervisor, report_id=r.id, version=r.version, comment=comment, at=_at(day)
        )
        if period.month == 10:
            return 1  # left returned: the department has not resubmitted yet
        r = save_draft(sessions=sessions, actor=reporter, draft=draft, report_id=r.id, version=r.version, at=_at(day))
        r = submit(sessions=sessions, actor=reporter, report_id=r.id, version=r.version, at=_at(day))
    # Reviews of a slow month come after the due date, so timeliness is below 100%.
    review = day + timedelta(days=6 if period.month == 7 else 1)
    approve(sessions=sessions, actor=supervisor, report_id=r.id, version=r.version, at=_at(review))
    return 1


def _reporters(sessions: sessionmaker[Session]) -> dict[int, Actor]:
    """Department id → its demo reporter."""
    with transaction(sessions) as session:
        users = [u for u in people.users(session) if u.role is UserRole.DEPARTMENT and u.department_id]
        return {u.department_id or 0: Actor.of(u) for u in users}


def _at(day: date) -> datetime:
    """Ten in the morning, Beijing time, of a day."""
    return datetime.combine(day, time(2, 0), tzinfo=UTC)
