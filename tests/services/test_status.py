"""Lamps of stored tasks: only approved reports count; plan settings apply; summaries by section and lead."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import load_registry, seed_departments
from luoshi.services.plans.importing import import_report
from luoshi.services.status.lamps import plan_status, task_status
from luoshi.storage import transaction
from luoshi.storage.models import Department, Milestone, Plan, ProgressReport, Target, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole, ReportingCycle, ReportState
from tests.services.test_import_report import request

APPROVED, DRAFT = ReportState.APPROVED, ReportState.DRAFT


def _setup(sessions: sessionmaker[Session]) -> dict[str, Any]:
    """Import the test report; return its plan id, task ids by key and target ids by metric."""
    result = import_report(sessions=sessions, request=request())
    with transaction(sessions) as s:
        tasks = {t.key: t.id for t in s.scalars(select(Task))}
        targets = {t.metric: t.id for t in s.scalars(select(Target))}
    return {"plan": result.plan_id, "tasks": tasks, "targets": targets}


def _report(sessions: sessionmaker[Session], task_id: int, month: int, state: ReportState, **values: Any) -> None:
    """Store a progress report for 2022-<month>."""
    with transaction(sessions) as s:
        s.add(ProgressReport(task_id=task_id, period_year=2022, period_month=month, state=state, **values))


def test_only_approved_reports_count(sessions: sessionmaker[Session]) -> None:
    ids = _setup(sessions)
    jobs, unemployment = ids["targets"]["城镇新增就业"], ids["targets"]["城镇登记失业率"]
    task = ids["tasks"]["3.2.1"]
    _report(sessions, task, 6, APPROVED, values={str(jobs): 3750, str(unemployment): 2.8})
    _report(sessions, task, 7, DRAFT, values={str(jobs): 100, str(unemployment): 4.5})
    got = task_status(sessions=sessions, task_id=task, as_of=date(2022, 7, 31))
    assert (got.colour, got.reason, got.flags) == ("green", "完成50%，序时进度58.3%，滞后8.3个百分点", ())
    # Once July's report is due (5 days after the month), its absence is flagged.
    later = task_status(sessions=sessions, task_id=task, as_of=date(2022, 8, 6))
    assert later.flags == ("未报送",)


def test_a_ceiling_broken_in_an_approved_report_is_red(sessions: sessionmaker[Session]) -> None:
    ids = _setup(sessions)
    jobs, unemployment = ids["targets"]["城镇新增就业"], ids["targets"]["城镇登记失业率"]
    _report(sessions, ids["tasks"]["3.2.1"], 6, APPROVED, values={str(jobs): 3750, str(unemployment): 3.3})
    got = task_status(sessions=sessions, task_id=ids["tasks"]["3.2.1"], as_of=date(2022, 7, 1))
    assert (got.colour, got.reason) == ("red", "最新值3.3%，目标3%以内，超出0.3个百分点")


def test_a_task_without_numbers_is_judged_by_percent_done(sessions: sessionmaker[Session]) -> None:
    ids = _setup(sessions)
    _report(sessions, ids["tasks"]["3.2.2"], 9, APPROVED, percent=62)
    got = task_status(sessions=sessions, task_id=ids["tasks"]["3.2.2"], as_of=date(2022, 9, 30))
    assert (got.colour, got.reason) == ("yellow", "完成62%，序时进度75%，滞后13个百分点")


@pytest.mark.parametrize(
    ("cycle", "colour", "reason"),
    [
        (ReportingCycle.MONTHLY, "red", "完成50%，序时进度91.7%，滞后41.7个百分点"),
        (ReportingCycle.QUARTERLY, "yellow", "完成50%，序时进度75%，滞后25个百分点"),
    ],
)
def test_the_plan_cycle_applies(
    sessions: sessionmaker[Session], cycle: ReportingCycle, colour: str, reason: str
) -> None:
    ids = _setup(sessions)
    with transaction(sessions) as s:
        s.get_one(Plan, ids["plan"]).cycle = cycle
    _report(sessions, ids["tasks"]["3.2.2"], 9, APPROVED, percent=50)
    got = task_status(sessions=sessions, task_id=ids["tasks"]["3.2.2"], as_of=date(2022, 11, 30))
    assert (got.colour, got.reason) == (colour, reason)


def test_the_plan_thresholds_apply(sessions: sessionmaker[Session]) -> None:
    ids = _setup(sessions)
    with transaction(sessions) as s:
        plan = s.get_one(Plan, ids["plan"])
        plan.yellow_points, plan.red_points = 5.0, 12.0
    _report(sessions, ids["tasks"]["3.2.2"], 9, APPROVED, percent=62)
    got = task_status(sessions=sessions, task_id=ids["tasks"]["3.2.2"], as_of=date(2022, 9, 30))
    assert (got.colour, got.reason) == ("red", "完成62%，序时进度75%，滞后13个百分点")


def test_a_missed_milestone_and_a_deadline(sessions: sessionmaker[Session]) -> None:
    ids = _setup(sessions)
    task_id = ids["tasks"]["3.1.1"]
    with transaction(sessions) as s:
        task = s.get_one(Task, task_id)
        task.deadline = date(2022, 6, 30)
        s.add(Milestone(task_id=task_id, title="完成征地", due=date(2022, 3, 31)))
    _report(sessions, task_id, 3, APPROVED, values={str(ids["targets"]["扩园"]): 2})
    got = task_status(sessions=sessions, task_id=task_id, as_of=date(2022, 4, 2))
    assert (got.colour, got.reason, got.flags) == (
        "red",
        "节点「完成征地」应于2022年3月31日完成，已逾期",
        ("逾期",),
    )


def test_plan_summaries_by_section_and_lead_department(sessions: sessionmaker[Session]) -> None:
    ids = _setup(sessions)
    seed_departments(sessions=sessions, registry=load_registry(), actor="admin")
    with transaction(sessions) as s:
        hr = s.scalars(select(Department.id).where(Department.name == "区人力资源和社会保障局")).one()
        s.add(TaskDepartment(task_id=ids["tasks"]["3.2.1"], department_id=hr, role=DepartmentRole.LEAD))
    jobs, unemployment = ids["targets"]["城镇新增就业"], ids["targets"]["城镇登记失业率"]
    _report(sessions, ids["tasks"]["3.2.1"], 6, APPROVED, values={str(jobs): 3750, str(unemployment): 2.8})
    got = plan_status(sessions=sessions, plan_id=ids["plan"], as_of=date(2022, 7, 1))
    assert [t.colour for t in got.tasks] == ["red", "green", "red"]
    assert got.by_section["增进民生福祉"].reason == "共2项：绿灯1项，红灯1项；未报送1项"
    assert got.by_section["推动产业发展"].reason == "共1项：红灯1项；未报送1项"
    assert got.by_department["区人力资源和社会保障局"].reason == "共1项：绿灯1项"
    assert got.by_department["未分配"].total == 2
