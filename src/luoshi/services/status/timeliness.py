"""Timeliness (报送及时率): the reports a lead department owed, when each was due and the Beijing day it was approved.

This module owns the rule; the status command's per-department figures and the bulletin's ranking
(services/ranking.py) both count with it. A report is due on its period's last day plus the plan's
grace days and is on time when its period was first approved on or before that day, counted in
Beijing time because government offices work to it (an approval at 23:00 UTC is the next day there).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.status.lamps import task_horizon
from luoshi.storage import people, plans, progress, transaction
from luoshi.storage.models import Plan, ProgressReport, Task
from luoshi.vocabulary import ReportingCycle

BEIJING = timezone(timedelta(hours=8))

Approvals = Mapping[tuple[int, tracking.Period], date]


def department_timeliness(
    *, sessions: sessionmaker[Session], plan_id: int, as_of: date
) -> dict[str, tracking.Timeliness]:
    """Department name → its timeliness over the tasks it leads, counting periods due by `as_of`."""
    with transaction(sessions) as session:
        plan = session.get_one(Plan, plan_id)
        names = people.department_names_by_id(session)
        approvals = first_approvals(progress.approved_revisions_of_plan(session, plan_id))
        return {
            names[department_id]: tracking.timeliness(
                [s for task in tasks for s in owed_submissions(plan, task, approvals)], as_of
            )
            for department_id, tasks in plans.lead_tasks(session, plan_id).items()
        }


def owed_submissions(
    plan: Plan, task: Task, approvals: Approvals, up_to: tracking.Period | None = None
) -> list[tracking.Submission]:
    """One owed report per period end of the task's horizon (up to `up_to` when given), with its approval day."""
    ends = task_horizon(task, plan).period_ends(ReportingCycle(plan.cycle.value))
    grace = timedelta(days=plan.report_grace_days)
    return [
        tracking.Submission(due=period.last_day + grace, approved_on=approvals.get((task.id, period)))
        for period in ends
        if up_to is None or period <= up_to
    ]


def first_approvals(reports: Sequence[ProgressReport]) -> dict[tuple[int, tracking.Period], date]:
    """(task id, period) → the day it was first approved; a later correction of the period does not make it late."""
    first: dict[tuple[int, tracking.Period], date] = {}
    for report in reports:
        key = (report.task_id, tracking.Period(report.period_year, report.period_month))
        day = approval_day(report.reviewed_at or report.submitted_at)
        if day is not None and (key not in first or day < first[key]):
            first[key] = day
    return first


def approval_day(moment: datetime | None) -> date | None:
    """The Beijing day of a stored moment (SQLite gives naive UTC times back)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).date()
