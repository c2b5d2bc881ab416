"""A task's history against its pace: one point per period begun, progress from approved reports only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.plans.importing import import_report
from luoshi.services.status.task_pace import task_history
from luoshi.storage import transaction
from luoshi.storage.models import ProgressReport, Target, Task
from luoshi.vocabulary import ReportState
from tests.services.test_import_report import request


def _ids(sessions: sessionmaker[Session]) -> tuple[dict[str, int], dict[str, int]]:
    """Task ids by key and target ids by metric of the imported test report."""
    import_report(sessions=sessions, request=request())
    with transaction(sessions) as s:
        return {t.key or "": t.id for t in s.scalars(select(Task))}, {t.metric: t.id for t in s.scalars(select(Target))}


def test_a_level_target_counts_as_value_over_target(sessions: sessionmaker[Session]) -> None:
    tasks, targets = _ids(sessions)
    jobs, unemployment = targets["城镇新增就业"], targets["城镇登记失业率"]
    with transaction(sessions) as s:
        s.add(
            ProgressReport(
                task_id=tasks["3.2.1"],
                period_year=2022,
                period_month=3,
                state=ReportState.APPROVED,
                values={str(jobs): 3750, str(unemployment): 2.9},
            )
        )
        s.add(
            ProgressReport(
                task_id=tasks["3.2.1"],
                period_year=2022,
                period_month=4,
                state=ReportState.DRAFT,
                values={str(jobs): 6000},
            )
        )
    history = task_history(sessions=sessions, task_id=tasks["3.2.1"], as_of=date(2022, 5, 10))
    assert [(h.period, h.expected, h.done) for h in history] == [
        ("2022年1月", 8.3, None),
        ("2022年2月", 16.7, None),
        ("2022年3月", 25.0, 50.0),
        ("2022年4月", 33.3, 50.0),  # the draft does not count; March's value carries on
        ("2022年5月", 41.7, 50.0),
    ]


def test_a_task_without_numbers_shows_its_percent(sessions: sessionmaker[Session]) -> None:
    tasks, _ = _ids(sessions)
    with transaction(sessions) as s:
        s.add(
            ProgressReport(
                task_id=tasks["3.2.2"], period_year=2022, period_month=2, state=ReportState.APPROVED, percent=20
            )
        )
    history = task_history(sessions=sessions, task_id=tasks["3.2.2"], as_of=date(2022, 2, 1))
    assert [(h.period, h.done) for h in history] == [("2022年1月", None), ("2022年2月", 20.0)]


def test_a_percent_does_not_stand_for_a_numeric_target(sessions: sessionmaker[Session]) -> None:
    # The lamp judges 扩园 by its value; a bare percent would draw progress the lamp does not see.
    tasks, _ = _ids(sessions)
    with transaction(sessions) as s:
        s.add(
            ProgressReport(
                task_id=tasks["3.1.1"], period_year=2022, period_month=1, state=ReportState.APPROVED, percent=40
            )
        )
    history = task_history(sessions=sessions, task_id=tasks["3.1.1"], as_of=date(2022, 1, 31))
    assert [(h.period, h.done) for h in history] == [("2022年1月", None)]
