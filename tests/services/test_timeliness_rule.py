"""The one timeliness rule: due on the period's last day plus grace days, on time by the Beijing day of approval."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from luoshi import tracking
from luoshi.services.status.timeliness import approval_day, first_approvals, owed_submissions
from luoshi.storage.models import Plan, ProgressReport, Task
from luoshi.vocabulary import ReportingCycle

JANUARY = tracking.Period(2022, 1)
# A monthly one-year plan with five grace days: January's report is due on 5 February (Beijing).
PLAN = Plan(id=1, plan_year=2022, cycle=ReportingCycle.MONTHLY, report_grace_days=5)
TASK = Task(id=7, plan_id=1)

CASES = [
    # approved at (as stored) → its Beijing day → on time for January?
    (datetime(2022, 2, 3, 2, 0, tzinfo=UTC), date(2022, 2, 3), True),
    (datetime(2022, 2, 5, 15, 59, tzinfo=UTC), date(2022, 2, 5), True),  # 23:59 on the due day in Beijing
    (datetime(2022, 2, 5, 16, 0, tzinfo=UTC), date(2022, 2, 6), False),  # midnight in Beijing: a day late
    (datetime(2022, 2, 5, 20, 0), date(2022, 2, 6), False),  # SQLite gives naive UTC back: read as UTC
    (datetime(2022, 2, 6, 0, 30, tzinfo=timezone(timedelta(hours=8))), date(2022, 2, 6), False),
    (datetime(2022, 1, 31, 17, 0, tzinfo=UTC), date(2022, 2, 1), True),
    (None, None, False),  # never approved
]


@pytest.mark.parametrize(("approved_at", "day", "on_time"), CASES)
def test_a_period_is_on_time_by_the_beijing_day_of_its_first_approval(
    approved_at: datetime | None, day: date | None, on_time: bool
) -> None:
    assert approval_day(approved_at) == day
    reports = [] if approved_at is None else [_approved(approved_at)]
    owed = owed_submissions(PLAN, TASK, first_approvals(reports), up_to=JANUARY)
    assert [s.due for s in owed] == [date(2022, 2, 5)]
    assert tracking.timeliness(owed, as_of=date(2022, 3, 1)).on_time == int(on_time)


def test_a_later_correction_keeps_the_first_approval_day() -> None:
    first = _approved(datetime(2022, 2, 3, 2, 0, tzinfo=UTC))
    correction = _approved(datetime(2022, 5, 20, 2, 0, tzinfo=UTC), revision=2)
    assert first_approvals([correction, first]) == {(TASK.id, JANUARY): date(2022, 2, 3)}


def test_periods_are_owed_up_to_the_period_asked_for() -> None:
    assert len(owed_submissions(PLAN, TASK, {}, up_to=tracking.Period(2022, 3))) == 3
    assert len(owed_submissions(PLAN, TASK, {})) == 12


def _approved(at: datetime, revision: int = 1) -> ProgressReport:
    """An approved January report of the task (not stored)."""
    return ProgressReport(task_id=TASK.id, period_year=2022, period_month=1, revision=revision, reviewed_at=at)
