"""The timeliness ranking (报送及时率排名) of a bulletin: the reports lead departments owed up to a period."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy.orm import Session

from luoshi import tracking
from luoshi.services.status import UNASSIGNED, task_horizon
from luoshi.storage import lookups, queries
from luoshi.storage.models import Plan, ProgressReport, Task

# Deadlines are Beijing days; an approval at 23:00 UTC belongs to the next day there.
BEIJING = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class RankedDepartment:
    """A department's place in the ranking; equal rates share a rank."""

    rank: int
    department: str
    timeliness: tracking.Timeliness


def rank_departments(session: Session, plan: Plan, period: tracking.Period) -> tuple[RankedDepartment, ...]:
    """Lead departments ranked by the share of reports approved on time, up to and including `period`."""
    leads = queries.lead_department_names(session, plan.id)
    # Every approved revision: the first approval of a period counts, not a later correction's.
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in lookups.approved_of_plan(session, plan.id):
        reports[report.task_id].append(report)
    owed: dict[str, list[tracking.Submission]] = defaultdict(list)
    for task in queries.tasks_of_plan(session, plan.id):
        owed[leads.get(task.id, UNASSIGNED)].extend(_submissions(plan, task, reports.get(task.id, []), period))
    # Counted the day after the period's reports fall due, so the period itself is in.
    as_of = period.last_day + timedelta(days=plan.report_grace_days + 1)
    scores = {name: tracking.timeliness(subs, as_of) for name, subs in owed.items() if name != UNASSIGNED}
    return _ranked(scores)


def _submissions(
    plan: Plan, task: Task, reports: Sequence[ProgressReport], period: tracking.Period
) -> list[tracking.Submission]:
    """One owed report per period end of the task's horizon up to `period`, with its approval day."""
    approved = _first_approvals(reports)
    ends = task_horizon(task, plan).period_ends(tracking.Cycle(plan.cycle.value))
    grace = timedelta(days=plan.report_grace_days)
    return [tracking.Submission(due=p.last_day + grace, approved_on=approved.get(p)) for p in ends if p <= period]


def _first_approvals(reports: Sequence[ProgressReport]) -> dict[tracking.Period, date]:
    """Period → the day it was first approved; a later correction of the period does not make it late."""
    first: dict[tracking.Period, date] = {}
    for report in reports:
        key, day = tracking.Period(report.period_year, report.period_month), _approval_day(report)
        if day is not None and (key not in first or day < first[key]):
            first[key] = day
    return first


def _approval_day(report: ProgressReport) -> date | None:
    """The Beijing day a report was approved (SQLite gives naive UTC times back)."""
    moment: datetime | None = report.reviewed_at or report.submitted_at
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).date()


def _ranked(scores: dict[str, tracking.Timeliness]) -> tuple[RankedDepartment, ...]:
    """Best rate first (departments owing nothing yet last), then more reports owed, then name."""
    order = sorted(
        scores.items(),
        key=lambda item: (-(item[1].rate if item[1].rate is not None else -1), -item[1].expected, item[0]),
    )
    ranked: list[RankedDepartment] = []
    for position, (name, score) in enumerate(order, start=1):
        tied = ranked and ranked[-1].timeliness.rate == score.rate
        ranked.append(RankedDepartment(ranked[-1].rank if tied else position, name, score))
    return tuple(ranked)
