"""The bulletin's timeliness ranking: a report is on time when approved (Beijing day) by period end + grace days."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import load_registry, seed_departments
from luoshi.services.exports.bulletin import plan_bulletin
from luoshi.services.plans.importing import import_report
from luoshi.services.status.timeliness import department_timeliness
from luoshi.storage import transaction
from luoshi.storage.models import Department, ProgressReport, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole, ReportState
from tests.services.test_import_report import request

LEAD = "区教育局"

# month → when its report was approved (UTC); the grace is 5 days, so January's is due on February 5.
APPROVALS = {
    1: datetime(2022, 2, 3, 2, 0, tzinfo=UTC),  # on time
    2: datetime(2022, 3, 5, 20, 0, tzinfo=UTC),  # March 6 in Beijing: a day late
    3: datetime(2022, 4, 5, 15, 59, tzinfo=UTC),  # 23:59 on April 5 in Beijing: just on time
}


@pytest.fixture
def plan(sessions: sessionmaker[Session]) -> int:
    """The small test plan; 办好民生实事 led by 区教育局 with January to March approved as above."""
    result = import_report(sessions=sessions, request=request())
    seed_departments(sessions=sessions, registry=load_registry(), actor="管理员")
    with transaction(sessions) as s:
        task = s.scalars(select(Task).where(Task.key == "3.2.2")).one()
        lead = s.scalars(select(Department).where(Department.name == LEAD)).one()
        s.add(TaskDepartment(task_id=task.id, department_id=lead.id, role=DepartmentRole.LEAD))
        for month, at in APPROVALS.items():
            s.add(
                ProgressReport(
                    task_id=task.id,
                    period_year=2022,
                    period_month=month,
                    state=ReportState.APPROVED,
                    percent=10 * month,
                    reviewed_at=at,
                )
            )
    assert result.plan_id is not None
    return result.plan_id


@pytest.mark.parametrize(
    ("period", "expected", "on_time", "reason"),
    [
        ("2022-01", 1, 1, "按时报送1次，应报送1次，及时率100%"),
        ("2022-02", 2, 1, "按时报送1次，应报送2次，及时率50%"),
        ("2022-03", 3, 2, "按时报送2次，应报送3次，及时率66.7%"),
        ("2022-04", 4, 2, "按时报送2次，应报送4次，及时率50%"),
    ],
)
def test_reports_owed_and_on_time_up_to_the_period(
    sessions: sessionmaker[Session], plan: int, period: str, expected: int, on_time: int, reason: str
) -> None:
    ranking = plan_bulletin(sessions=sessions, period=period, plan_id=plan).ranking
    assert [(r.rank, r.department) for r in ranking] == [(1, LEAD)]
    score = ranking[0].timeliness
    assert (score.expected, score.on_time, score.reason) == (expected, on_time, reason)


def test_a_later_correction_does_not_make_a_period_late(sessions: sessionmaker[Session], plan: int) -> None:
    with transaction(sessions) as s:
        task = s.scalars(select(Task).where(Task.key == "3.2.2")).one()
        correction = ProgressReport(
            task_id=task.id, period_year=2022, period_month=1, revision=2, state=ReportState.APPROVED, percent=12,
            reviewed_at=datetime(2022, 5, 20, tzinfo=UTC),
        )  # fmt: skip
        s.add(correction)
    score = plan_bulletin(sessions=sessions, period="2022-01", plan_id=plan).ranking[0].timeliness
    assert (score.expected, score.on_time) == (1, 1)


def test_the_status_figures_and_the_ranking_count_alike(sessions: sessionmaker[Session], plan: int) -> None:
    # Both use services/timeliness.py: March 6 in Beijing is late for both, whatever the UTC date says.
    ranked = plan_bulletin(sessions=sessions, period="2022-03", plan_id=plan).ranking[0].timeliness
    figures = department_timeliness(sessions=sessions, plan_id=plan, as_of=date(2022, 4, 6))[LEAD]
    assert (figures.expected, figures.on_time) == (ranked.expected, ranked.on_time) == (3, 2)
