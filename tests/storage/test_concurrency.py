"""Optimistic concurrency: every editable record carries a version; a stale write is a conflict."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import ConflictError, expect_version, transaction
from luoshi.storage.models import Department, Plan, ProgressReport
from tests.storage.builders import department, plan_with_task


def test_version_starts_at_1_and_counts_updates(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        dept = department(s)
    assert dept.version == 1
    with transaction(sessions) as s:
        s.get_one(Department, dept.id).keywords = ["发展改革", "价格"]
    with transaction(sessions) as s:
        assert s.get_one(Department, dept.id).version == 2


def test_a_stale_write_raises_a_conflict(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        plan_id = plan_with_task(s).plan_id
    with pytest.raises(ConflictError, match="已被他人修改"), transaction(sessions) as mine:
        plan = mine.get_one(Plan, plan_id)
        with transaction(sessions) as theirs:
            theirs.get_one(Plan, plan_id).title = "他们的标题"
        plan.title = "我的标题"
    with transaction(sessions) as s:
        saved = s.get_one(Plan, plan_id)
        assert (saved.title, saved.version) == ("他们的标题", 2)


@pytest.mark.parametrize(("held", "sent", "conflict"), [(1, 1, False), (2, 1, True), (1, 2, True)])
def test_expect_version(held: int, sent: int, conflict: bool) -> None:
    record = Department(name="区财政局", version=held)
    if conflict:
        with pytest.raises(ConflictError):
            expect_version(record, sent)
    else:
        expect_version(record, sent)


def test_in_place_edits_of_json_values_are_saved_and_versioned(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        task = plan_with_task(s)
        report = ProgressReport(task_id=task.id, period_year=2022, period_month=6, values={"1": 10})
        dept = department(s)
        s.add(report)
    with transaction(sessions) as s:
        # Hold the records: a mutable JSON value refers to its record only weakly.
        loaded, edited = s.get_one(ProgressReport, report.id), s.get_one(Department, dept.id)
        loaded.values["1"] = 20
        edited.keywords.append("价格")
    with transaction(sessions) as s:
        saved, kept = s.get_one(ProgressReport, report.id), s.get_one(Department, dept.id)
        assert (saved.values, saved.version) == ({"1": 20}, 2)
        assert (kept.keywords[-1], kept.version) == ("价格", 2)
