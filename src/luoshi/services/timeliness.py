"""Each lead department's timeliness (报送及时率): periods approved by their due date ÷ periods due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.status import task_horizon
from luoshi.storage import lookups, transaction
from luoshi.storage.models import Plan, ProgressReport


def department_timeliness(
    *, sessions: sessionmaker[Session], plan_id: int, as_of: date
) -> dict[str, tracking.Timeliness]:
    """Department name → its timeliness over the tasks it leads, counting periods due by `as_of`."""
    with transaction(sessions) as session:
        plan = session.get_one(Plan, plan_id)
        names = lookups.department_names_by_id(session)
        first_approval = _first_approval(lookups.approved_of_plan(session, plan_id))
        cycle = tracking.Cycle(plan.cycle.value)
        grace = timedelta(days=plan.report_grace_days)
        result: dict[str, tracking.Timeliness] = {}
        for department_id, tasks in lookups.lead_tasks(session, plan_id).items():
            submissions = [
                tracking.Submission(due=period.last_day + grace, approved_on=first_approval.get((task.id, period)))
                for task in tasks
                for period in task_horizon(task, plan).period_ends(cycle)
            ]
            result[names[department_id]] = tracking.timeliness(submissions, as_of)
    return result


def _first_approval(
    reports: Sequence[ProgressReport],
) -> dict[tuple[int, tracking.Period], date]:
    """(task id, period) → the day its first revision was approved (a later correction does not make it late)."""
    first: dict[tuple[int, tracking.Period], date] = {}
    for report in reports:
        key = (report.task_id, tracking.Period(report.period_year, report.period_month))
        if report.reviewed_at is not None and key not in first:
            first[key] = report.reviewed_at.date()
    return first
