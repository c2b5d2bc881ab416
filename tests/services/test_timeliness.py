"""Each department's timeliness (approved on time ÷ due) and the 未报送 flag of its tasks."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.reporting.progress import ProgressDraft, approve, save_draft, submit
from luoshi.services.status.lamps import plan_status
from luoshi.services.status.timeliness import department_timeliness
from tests.services.world import JOBS_DEPT, PARK_DEPT, World, at, build


def _approved(sessions: sessionmaker[Session], w: World, period: str, approved: tuple[int, int], **fields: Any) -> None:
    """A report of task 3.2.2 for the period, approved on the given (month, day)."""
    draft = ProgressDraft(w.tasks["3.2.2"], period, progress_text="推进中", **fields)
    r = save_draft(sessions=sessions, actor=w.jobs, draft=draft, at=at(*approved))
    r = submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version, at=at(*approved))
    approve(sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version, at=at(*approved))


def test_timeliness_counts_periods_approved_by_their_due_date(sessions: sessionmaker[Session]) -> None:
    w = build(sessions)
    _approved(sessions, w, "2022-01", (2, 3), percent=8)  # due 5 February: on time
    _approved(sessions, w, "2022-02", (3, 20), percent=16)  # due 5 March: late
    got = department_timeliness(sessions=sessions, plan_id=w.plan_id, as_of=date(2022, 4, 10))
    # The department leads two tasks: three months due each.
    assert (got[JOBS_DEPT].expected, got[JOBS_DEPT].on_time) == (6, 1)
    assert got[JOBS_DEPT].reason == "按时报送1次，应报送6次，及时率16.7%"
    assert (got[PARK_DEPT].expected, got[PARK_DEPT].on_time) == (3, 0)


def test_a_department_that_stops_reporting_is_flagged_late(sessions: sessionmaker[Session]) -> None:
    w = build(sessions)
    for month in (1, 2, 3):
        _approved(sessions, w, f"2022-{month:02d}", (month + 1, 2), percent=9 * month)
    on_time = plan_status(sessions=sessions, plan_id=w.plan_id, as_of=date(2022, 4, 5))
    late = plan_status(sessions=sessions, plan_id=w.plan_id, as_of=date(2022, 5, 6))
    status = {t.task_id: t for t in late.tasks}
    assert "未报送" not in {t.task_id: t for t in on_time.tasks}[w.tasks["3.2.2"]].flags
    assert "未报送" in status[w.tasks["3.2.2"]].flags
    assert late.by_department[JOBS_DEPT].late == 2
